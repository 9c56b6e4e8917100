"""The workflow of a document in development (cl. 3), what the bodies answered, and the acts after approval.

- `Workflow`: one per document; the step being worked on and since when. Its history (simple-history) is
  the step history: who moved it, when, why.
- `Agreement`: an agreement, a review or a refusal of a body (cl. 75, 98, 105, 151).
- `Conclusion`: the conclusion of the authorized body for strategic planning on a draft concept in the form
  of Annex 2 (cl. 103), rows 4-13 of the form (rows 1-3 come from the document).
- `Milestone`: a dated act: the approval or a change of the approved document (which start the clocks of
  cl. 122-123, 153-154, with a snapshot of the approved content), the sending to the authorized body, the
  publication, the final calculation methodology (cl. 59).
- `ComparisonRow`: one row of the Annex 6 comparison table of a change of a regional plan (cl. 132).
- `WorkingGroup`, `WorkingGroupMember`: the working group of a regional plan created by the akim's decision
  (cl. 128).
- `Reorganization`: a state body reorganised into a legal successor, with the goals that pass to the
  successor's development plan for the whole planned period (cl. 126).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jospar.core.models import Organization
from jospar.planning.models import Document

from .steps import STEP_LABELS, Step

STEP_CHOICES = [(s.value, _(STEP_LABELS[s])) for s in Step]  # msgids marked in steps.py


class Workflow(models.Model):
    document = models.OneToOneField(Document, verbose_name=_("document"), on_delete=models.CASCADE,
                                    related_name="workflow")
    step = models.CharField(_("step"), max_length=30, choices=STEP_CHOICES, default=Step.INITIATION)
    step_since = models.DateField(_("in this step since"))
    started_on = models.DateField(_("started on"))
    to_presidents_administration = models.BooleanField(
        _("goes to the Administration of the President"), default=True,
        help_text=_("Concepts: the Annex 2 conclusion must accompany the draft (cl. 103)."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development workflow")
        verbose_name_plural = _("development workflows")
        ordering = ["document__code"]

    def __str__(self) -> str:
        return f"{self.document.code}: {self.step}"


class Decision(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    AGREED_WITH_REMARKS = "agreed_with_remarks", _("Agreed with remarks")
    NOT_AGREED = "not_agreed", _("Not agreed")


POSITIVE_DECISIONS = (Decision.AGREED, Decision.AGREED_WITH_REMARKS)


class Agreement(models.Model):
    """The answer of one body in the agreement step (cl. 75, 98, 105) or its review (cl. 151)."""

    workflow = models.ForeignKey(Workflow, verbose_name=_("workflow"), on_delete=models.CASCADE,
                                 related_name="agreements")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     related_name="+")
    decision = models.CharField(_("decision"), max_length=30, choices=Decision.choices)
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("letter number"), max_length=100, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["workflow", "received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.organization.code}: {self.decision}"


# Annex 2 rows 4-13 (rows 1-3: the authorized body, the developer and the concept's name come from the data).
ANNEX2_ROWS: tuple[tuple[str, str], ...] = (
    ("goal", _("Goal of the draft concept and the rationale for developing it")),
    ("analysis", _("Analysis of the current situation and problems of the sector: presence, sufficiency, quality")),
    ("international", _("Review of international experience: presence, sufficiency, quality")),
    ("principles", _("Main principles of developing the sector: presence, sufficiency, quality")),
    ("vision", _("Trends, vision and approaches of developing the sector: presence, sufficiency, quality")),
    ("orientation", _("Orientation of the approaches to solving the identified problems")),
    ("indicators", _("Expected results and target indicators; consistency with higher SPS documents")),
    ("action_plan", _("Action plan (annex) and its consistency with the main approaches")),
    ("other", _("Other remarks and proposals")),
    ("recommendations", _("Recommendations")),
)
ANNEX2_OPTIONAL = ("other",)  # row 12 "if any" (Annex 2 expl. 12)


class Conclusion(models.Model):
    """Annex 2: the conclusion of the authorized body for strategic planning on a draft concept (cl. 103)."""

    workflow = models.ForeignKey(Workflow, verbose_name=_("workflow"), on_delete=models.CASCADE,
                                 related_name="conclusions")
    organization = models.ForeignKey(Organization, verbose_name=_("authorized body"), on_delete=models.PROTECT,
                                     related_name="+")
    issued_on = models.DateField(_("issued on"))
    reference = models.CharField(_("letter number"), max_length=100, blank=True)
    rows = models.JSONField(_("rows 4-13 of Annex 2"), default=dict)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conclusion (Annex 2)")
        verbose_name_plural = _("conclusions (Annex 2)")
        ordering = ["workflow", "issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.workflow.document.code}: {self.issued_on}"


class MilestoneKind(models.TextChoices):
    APPROVED = "approved", _("Approved")
    CHANGED = "changed", _("Changes and additions made")
    SENT = "sent", _("Sent to the authorized body for state planning")
    PUBLISHED = "published", _("Published on the internet resources")
    METHODOLOGY = "methodology", _("Final calculation methodology (Annex 1-1) agreed")
    SENT_TO_COMPETENT = "sent_to_competent", _("Sent to a body competent for a related sphere (cl. 124)")


CLOCK_STARTERS = (MilestoneKind.APPROVED, MilestoneKind.CHANGED)


class Milestone(models.Model):
    workflow = models.ForeignKey(Workflow, verbose_name=_("workflow"), on_delete=models.CASCADE,
                                 related_name="milestones")
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    version = models.PositiveIntegerField(_("version of the document"))
    on = models.DateField(_("date"))
    reference = models.CharField(_("act or letter"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    recipient = models.ForeignKey(
        Organization, verbose_name=_("recipient"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("For a sending to a body competent for a related sphere (cl. 124)."))
    snapshot = models.JSONField(_("approved content"), null=True, blank=True,
                                help_text=_("The document as approved or changed, to compare the next change with."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["workflow", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.workflow.document.code} v{self.version}: {self.kind} {self.on}"


class ComparisonRow(models.Model):
    """Annex 6: No., structural element, current wording, proposed wording, justification (cl. 132)."""

    change = models.ForeignKey(Milestone, verbose_name=_("change"), on_delete=models.CASCADE,
                               related_name="comparison_rows")
    number = models.PositiveIntegerField(_("No."))
    element = models.CharField(_("structural element"), max_length=300)
    current = models.TextField(_("current wording"))
    proposed = models.TextField(_("proposed wording"))
    justification = models.TextField(_("justification"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comparison table row (Annex 6)")
        verbose_name_plural = _("comparison table rows (Annex 6)")
        ordering = ["change", "number"]
        constraints = [models.UniqueConstraint(fields=["change", "number"], name="comparison_row_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.element}"


class MemberCategory(models.TextChoices):
    """cl. 128: who sits in the working group of a regional plan (the first three are named as its members)."""

    LOCAL_EXECUTIVE_BODY = "leb", _("Local executive bodies")
    PUBLIC_COUNCIL = "public_council", _("Public councils")
    MASLIKHAT_DEPUTY = "maslikhat_deputy", _("Deputies of the maslikhat")
    CENTRAL_BODY_UNIT = "central_body_unit", _("Territorial subdivisions of central state bodies")
    NGO = "ngo", _("Non-governmental organisations")
    SCIENCE = "science", _("Scientific organisations, scientists and specialists")
    EXPERTS = "experts", _("Expert community")


REQUIRED_MEMBER_CATEGORIES = (MemberCategory.LOCAL_EXECUTIVE_BODY, MemberCategory.PUBLIC_COUNCIL,
                              MemberCategory.MASLIKHAT_DEPUTY)


class WorkingGroup(models.Model):
    """cl. 128: the working group that develops a regional plan, created by the decision of the akim."""

    workflow = models.OneToOneField(Workflow, verbose_name=_("workflow"), on_delete=models.CASCADE,
                                    related_name="working_group")
    decision_number = models.CharField(_("number of the akim's decision"), max_length=100, blank=True)
    decision_date = models.DateField(_("date of the akim's decision"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return f"{self.workflow.document.code}: {self.decision_number}"


class WorkingGroupMember(models.Model):
    group = models.ForeignKey(WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE,
                              related_name="members")
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=300, blank=True)
    category = models.CharField(_("category"), max_length=30, choices=MemberCategory.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member of a working group")
        verbose_name_plural = _("members of working groups")
        ordering = ["group", "category", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.category})"


class Reorganization(models.Model):
    """cl. 126: a reorganised state body, its legal successor and the goals whose sector passes to it."""

    predecessor = models.ForeignKey(Organization, verbose_name=_("reorganised body"), on_delete=models.PROTECT,
                                    related_name="+")
    successor = models.ForeignKey(Organization, verbose_name=_("legal successor"), on_delete=models.PROTECT,
                                  related_name="+")
    act = models.CharField(_("act of reorganisation"), max_length=300, blank=True)
    act_date = models.DateField(_("date of the act"))
    goals = models.ManyToManyField(
        "planning.Goal", verbose_name=_("transferred goals"), related_name="+",
        help_text=_("Goals of the predecessor's development plan whose sector passes to the successor; their "
                    "target indicators go into the successor's plan for the whole planned period."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(m2m_fields=[goals])

    class Meta:
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        ordering = ["act_date", "pk"]

    def __str__(self) -> str:
        return f"{self.predecessor.code} → {self.successor.code} ({self.act_date})"
