"""The conclusion on monitoring results (ch. 5, cl. 270-271; Annex 11, and its analogue for concepts, cl. 257)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jospar.planning.models import YEAR_VALIDATORS, Document


class ConclusionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class Conclusion(models.Model):
    """One conclusion per document and reporting year; ``final`` for the whole period (cl. 230, 244)."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE,
                                 related_name="conclusions")
    year = models.PositiveSmallIntegerField(_("reporting year"), validators=YEAR_VALIDATORS)
    final = models.BooleanField(_("final (whole period)"), default=False, help_text=_("cl. 230, 244"))
    status = models.CharField(_("status"), max_length=20, choices=ConclusionStatus.choices,
                              default=ConclusionStatus.DRAFT)
    criteria = models.JSONField(_("the five criteria of cl. 271, with their calculations"), default=list)
    position = models.TextField(
        _("position on the results and on the objectivity of the reasons"), blank=True,
        help_text=_("Annex 11 item 6; cl. 271(2)"),
    )
    conclusions = models.TextField(
        _("conclusions (evaluation) and proposals"), blank=True, help_text=_("Annex 11 item 7; cl. 271(3)")
    )
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    drafted_at = models.DateTimeField(_("drafted at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["document", "year", "final"]
        constraints = [
            models.UniqueConstraint(fields=["document", "year", "final"], name="conclusion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document.code} {self.year}" + (" (final)" if self.final else "")
