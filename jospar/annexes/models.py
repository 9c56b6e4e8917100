"""What the official report forms need beyond the planning model: the execution of a measure in a year.

Annex 12 expl. 2(7) and Annex 14 expl. 4(13) ask for the execution status of each measure ("Орындалды",
"Ішінара орындалды", "Орындалған жоқ"/"Орындалмады") with brief information on the reasons, and Annex 14
expl. 4(10) for the quantity actually executed by measures measured in physical terms. The planning model
keeps plans, facts of indicators and absorbed money; these three values of a measure live here.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jospar.planning.models import VALUE_DIGITS, Measure


class ExecutionStatus(models.TextChoices):
    """Annex 12 expl. 2(7), Annex 14 expl. 4(13); values equal jospar.monitoring.achievement.ExecutionStatus."""

    EXECUTED = "executed", _("Executed")
    PARTIALLY_EXECUTED = "partially_executed", _("Partially executed")
    NOT_EXECUTED = "not_executed", _("Not executed")


class MeasureExecution(models.Model):
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="executions"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1991), MaxValueValidator(2100)]
    )
    status = models.CharField(_("execution status"), max_length=30, choices=ExecutionStatus.choices, blank=True)
    fact_quantity = models.DecimalField(_("quantity executed"), null=True, blank=True, **VALUE_DIGITS)
    comment = models.TextField(_("information on execution"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("execution of a measure")
        verbose_name_plural = _("executions of measures")
        ordering = ["measure", "year"]
        constraints = [models.UniqueConstraint(fields=["measure", "year"], name="measure_execution_unique_year")]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.year}: {self.status or '-'}"
