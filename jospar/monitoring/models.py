"""The monitoring cycle persisted (SPEC part 2, ch. 4): reporting periods, obligations, submissions, report lines.

- ``ReportingPeriod``: one document and one reporting year (quarter 0) or, for the National Plan only, one
  quarter (cl. 234-236, decision M9 of ``services``).
- ``Obligation``: one row of the deadline calendar (``calendar.obligations_for``) for one reporting body:
  who reports what to whom by when; its status (upcoming / due / overdue / submitted on time / late) is
  computed from the due date, the day it was fulfilled and today (``calendar.obligation_status``).
- ``Submission``: the report of one organization for the period and one recipient, co-executor -> developer
  or, in the National Plan, -> the body responsible for the indicator (cl. 240, 254, 266(1)) or developer / responsible body -> authorized body (cl. 241, 256, 263, 267); draft, submitted
  (signed by the first head, cl. 231), returned with comments, accepted (locked).
- Report lines: ``IndicatorReport`` (plan, corrected plan, fact, reason, cl. 225(2)), ``MeasureReport``
  (execution status by Annex 14 expl. 4(13), cl. 225(3)), ``FinancingReport`` (money by source, cl. 225(3)).
  When the authorized body accepts the developer's report, its lines are applied to the planning data
  (``IndicatorValue``, ``Financing``): the planning model stays the single source of plan and fact.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jospar.core.models import Organization
from jospar.planning.models import (
    MONEY_DIGITS,
    VALUE_DIGITS,
    YEAR_VALIDATORS,
    Document,
    Financing,
    Indicator,
    Measure,
)

from . import calendar as cal


class ObligationStatus(models.TextChoices):
    """Values equal ``calendar.ObligationStatus`` plus ``no_deadline`` for clauses without a date."""

    UPCOMING = "upcoming", _("Upcoming")
    DUE = "due", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    SUBMITTED_ON_TIME = "submitted_on_time", _("Submitted on time")
    SUBMITTED_LATE = "submitted_late", _("Submitted late")
    NO_DEADLINE = "no_deadline", _("No deadline, not yet fulfilled")
    FULFILLED = "fulfilled", _("Fulfilled (no deadline)")


class SubmissionLevel(models.TextChoices):
    CO_EXECUTOR = "co_executor", _("Co-executor's information to the developer")
    REPORT = "report", _("Report to the authorized body")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with comments")
    ACCEPTED = "accepted", _("Accepted")


class ExecutionStatus(models.TextChoices):
    """Annex 12 expl. 2(7), Annex 14 expl. 4(13); values equal ``achievement.ExecutionStatus``."""

    EXECUTED = "executed", _("Executed")
    PARTIALLY_EXECUTED = "partially_executed", _("Partially executed")
    NOT_EXECUTED = "not_executed", _("Not executed")


class ReportingPeriod(models.Model):
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="reporting_periods"
    )
    year = models.PositiveSmallIntegerField(_("reporting year"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0, help_text=_("0 = the whole year"))
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["document", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["document", "year", "quarter"], name="reporting_period_unique"),
            models.CheckConstraint(condition=models.Q(quarter__lte=4), name="reporting_period_quarter_range"),
        ]

    def __str__(self) -> str:
        return f"{self.document.code} {self.year}" + (f" Q{self.quarter}" if self.quarter else "")


class Obligation(models.Model):
    """Who reports what to whom by when (one calendar rule for one reporting organization)."""

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("reporting period"), on_delete=models.CASCADE, related_name="obligations"
    )
    rule_id = models.CharField(_("rule"), max_length=80)
    clause = models.CharField(_("clause"), max_length=40)
    kind = models.CharField(_("kind"), max_length=30)
    reporter_role = models.CharField(_("reporter's role"), max_length=40)
    recipient_roles = models.CharField(_("recipients' roles"), max_length=200, blank=True)
    reporter = models.ForeignKey(
        Organization, verbose_name=_("reporting organization"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="reporting_obligations",
    )
    recipient = models.ForeignKey(
        Organization, verbose_name=_("receiving organization"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="receiving_obligations",
    )
    form = models.CharField(_("form"), max_length=60, blank=True)
    nominal_due = models.DateField(_("date as printed"), null=True, blank=True)
    due = models.DateField(_("deadline"), null=True, blank=True)
    estimated = models.BooleanField(_("estimated deadline"), default=False)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    signed_by_first_head = models.BooleanField(_("signed by the first head"), default=False)
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        ordering = ["period", "due", "rule_id", "reporter__code"]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.reporter.code if self.reporter_id else self.reporter_role}"

    @property
    def rule(self) -> cal.ObligationRule | None:
        return _RULES.get(self.rule_id)

    @property
    def moved(self) -> bool:
        """The printed date was a day off and the deadline moved to the next working day (calendar D1)."""
        return self.nominal_due is not None and self.due is not None and self.due != self.nominal_due

    def label(self, language: str = "en") -> str:
        rule = self.rule
        return rule.label.get(language) if rule else self.rule_id

    def status(self, today: date) -> str:
        """cl. 234-269 deadlines; ``calendar.obligation_status`` when the clause sets a date."""
        if self.due is None:
            return ObligationStatus.FULFILLED if self.fulfilled_on else ObligationStatus.NO_DEADLINE
        return str(cal.obligation_status(self.due, self.fulfilled_on, today))


_RULES: dict[str, cal.ObligationRule] = {r.id: r for r in cal.ORDER_93.rules}


class Submission(models.Model):
    """A report of one organization for one period, with the first head's signature (cl. 231)."""

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("reporting period"), on_delete=models.CASCADE, related_name="submissions"
    )
    level = models.CharField(_("level"), max_length=20, choices=SubmissionLevel.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("reporting organization"), on_delete=models.PROTECT, related_name="submissions"
    )
    recipient = models.ForeignKey(
        Organization, verbose_name=_("recipient"), on_delete=models.PROTECT, related_name="received_submissions"
    )
    obligation = models.ForeignKey(
        Obligation, verbose_name=_("obligation"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="submissions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    # cl. 225(4): beneficiaries' satisfaction against the base period.
    satisfaction_base = models.DecimalField(_("satisfaction: base, %"), null=True, blank=True, **VALUE_DIGITS)
    satisfaction_base_year = models.PositiveSmallIntegerField(
        _("satisfaction: base year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    satisfaction_value = models.DecimalField(_("satisfaction: reporting year, %"), null=True, blank=True, **VALUE_DIGITS)
    satisfaction_note = models.TextField(_("satisfaction: comments"), blank=True)
    control_audit = models.TextField(_("control, audit and expert-analytical measures"), blank=True,
                                     help_text=_("cl. 225(5)"))
    field_checks = models.TextField(_("field checks of budget investments"), blank=True, help_text=_("cl. 225(5)"))
    analytical_note = models.TextField(_("analytical note"), blank=True, help_text=_("cl. 225(6)"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    content_hash = models.CharField(_("SHA-256 of the signed content"), max_length=64, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accepted or returned by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    decided_at = models.DateTimeField(_("accepted or returned at"), null=True, blank=True)
    comments = models.TextField(_("comments of the recipient"), blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["period", "level", "organization__code"]
        constraints = [
            # M8: a co-executor of the National Plan sends one submission to each responsible body it serves.
            models.UniqueConstraint(fields=["period", "organization", "level", "recipient"],
                                    name="submission_unique_route"),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.organization.code} ({self.level}, {self.status})"

    @property
    def is_locked(self) -> bool:
        return self.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)


class IndicatorReport(models.Model):
    """cl. 225(2): planned and reached values of an indicator and the reason for not reaching it."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="indicator_lines")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+")
    plan = models.DecimalField(_("plan"), null=True, blank=True, **VALUE_DIGITS)
    corrected_plan = models.DecimalField(_("corrected plan"), null=True, blank=True, **VALUE_DIGITS)
    fact = models.DecimalField(_("fact"), null=True, blank=True, **VALUE_DIGITS)
    reason = models.TextField(_("reason for deviation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator report line")
        verbose_name_plural = _("indicator report lines")
        ordering = ["submission", "indicator__order", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="indicator_report_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.indicator_id}"

    @property
    def effective_plan(self):
        return self.corrected_plan if self.corrected_plan is not None else self.plan


class MeasureReport(models.Model):
    """cl. 225(3), Annex 14 expl. 4(13): execution of a measure; status suggested by the rules, override with reason."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="measure_lines")
    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="+")
    completed = models.BooleanField(_("fully completed"), default=False)
    long_term = models.BooleanField(_("long-term measure"), default=False)
    fact_quantity = models.DecimalField(_("quantity executed"), null=True, blank=True, **VALUE_DIGITS)
    status = models.CharField(_("execution status"), max_length=20, choices=ExecutionStatus.choices)
    suggested_status = models.CharField(_("status by the rules"), max_length=20, choices=ExecutionStatus.choices)
    status_rule = models.CharField(_("rule applied"), max_length=300, blank=True)
    reason = models.TextField(_("reasons for non-execution and effect on goals"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure report line")
        verbose_name_plural = _("measure report lines")
        ordering = ["submission", "measure__order", "measure__code"]
        constraints = [models.UniqueConstraint(fields=["submission", "measure"], name="measure_report_unique")]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.measure_id}"


class FinancingReport(models.Model):
    """cl. 225(3), Annex 13 s.2, Annex 14 s.2: money allocated and absorbed by source, with reasons."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="financing_lines")
    financing = models.ForeignKey(Financing, verbose_name=_("financing"), on_delete=models.CASCADE, related_name="+")
    plan = models.DecimalField(_("plan, mln tenge"), null=True, blank=True, **MONEY_DIGITS)
    corrected_plan = models.DecimalField(_("corrected plan, mln tenge"), null=True, blank=True, **MONEY_DIGITS)
    absorbed = models.DecimalField(_("absorbed, mln tenge"), null=True, blank=True, **MONEY_DIGITS)
    reason_unabsorbed = models.TextField(_("reason for non-absorption"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financing report line")
        verbose_name_plural = _("financing report lines")
        ordering = ["submission", "financing__measure__code", "financing__source"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "financing"], name="financing_report_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.financing_id}"

    @property
    def effective_plan(self):
        return self.corrected_plan if self.corrected_plan is not None else self.plan


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class OperationalProposal(models.Model):
    """cl. 237-238: the proposals the authorized body for strategic planning sends to the President's
    Administration on the basis of the quarterly (operational) monitoring of the National Plan, taking into
    account the information of the National Analytical Centre for Monitoring Reforms (``proposals``)."""

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("reporting period"), on_delete=models.CASCADE, related_name="proposals"
    )
    author = models.ForeignKey(
        Organization, verbose_name=_("authorized body for strategic planning"), on_delete=models.PROTECT,
        related_name="operational_proposals",
    )
    recipient = models.ForeignKey(
        Organization, verbose_name=_("recipient"), on_delete=models.PROTECT, related_name="received_proposals"
    )
    summary = models.TextField(_("analysis of the progress of implementation"), blank=True,
                               help_text=_("cl. 237"))
    analytical_centre_info = models.TextField(
        _("information of the National Analytical Centre for Monitoring Reforms taken into account"), blank=True,
        help_text=_("cl. 238"))
    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices,
                              default=ProposalStatus.DRAFT)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    content_hash = models.CharField(_("SHA-256 of the content sent"), max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal from operational monitoring")
        verbose_name_plural = _("proposals from operational monitoring")
        ordering = ["period", "author__code"]
        constraints = [
            models.UniqueConstraint(fields=["period", "author"], name="operational_proposal_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.period} cl. 238 {self.author.code} ({self.status})"


class ProposalLine(models.Model):
    """One proposal: the risk of untimely or poor-quality implementation found and the corrective action
    proposed (cl. 237), on an indicator or a measure of the Plan or on the Plan as a whole."""

    proposal = models.ForeignKey(OperationalProposal, on_delete=models.CASCADE, related_name="lines")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey(Measure, verbose_name=_("measure"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="+")
    addressee = models.ForeignKey(
        Organization, verbose_name=_("body to act"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    risk = models.TextField(_("risk of untimely or poor-quality implementation"))
    action = models.TextField(_("corrective action proposed"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal line")
        verbose_name_plural = _("proposal lines")
        ordering = ["proposal", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal_id}#{self.order}"
