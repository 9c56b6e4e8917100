"""Documents of the State Planning System and their items (SPEC part 1 §16.1, §16.3, §16.4; part 2 ch. 3).

Every item carries a `code` unique inside its document: the stable key of the JSON interchange format and of
the official forms. Numbers are Decimal: indicator values with 4 decimals, money in million tenge with 3.
`max_digits` stays at 15 because SQLite keeps decimals as REAL (15 significant digits).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jospar.core.models import Official, Organization, Territory

from .choices import (
    Accumulation,
    Attribution,
    BudgetLevel,
    Confidentiality,
    DataSourceType,
    DecompositionDimension,
    DecompositionKind,
    DocumentStatus,
    DocumentType,
    FinancingSource,
    IndicatorKind,
    MethodStatus,
    Polarity,
    Priority,
    ValueKind,
)

VALUE_DIGITS = {"max_digits": 15, "decimal_places": 4}
MONEY_DIGITS = {"max_digits": 15, "decimal_places": 3}
YEAR_VALIDATORS = [MinValueValidator(1991), MaxValueValidator(2100)]
CODE_FIELD = {"max_length": 40}


class Document(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    type = models.CharField(_("type"), max_length=30, choices=DocumentType.choices)
    title = models.CharField(_("title"), max_length=500)
    period_start = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    period_end = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    developer = models.ForeignKey(
        Organization, verbose_name=_("developer"), on_delete=models.PROTECT, related_name="developed_documents"
    )
    co_executors = models.ManyToManyField(
        Organization, verbose_name=_("co-executors"), blank=True, related_name="co_executed_documents"
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="documents", help_text=_("For regional development plans (cl. 127)."),
    )
    status = models.CharField(_("status"), max_length=30, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=20, choices=Confidentiality.choices, default=Confidentiality.OPEN
    )
    approval_act_name = models.CharField(_("approving act"), max_length=300, blank=True)
    approval_act_number = models.CharField(_("approving act number"), max_length=50, blank=True)
    approval_act_date = models.DateField(_("approving act date"), null=True, blank=True)
    basis = models.TextField(_("basis for development"), blank=True, help_text=_("cl. 90(2), 101-102"))
    mission = models.TextField(_("mission"), blank=True, help_text=_("State body plans, cl. 108"))
    vision = models.TextField(_("vision"), blank=True, help_text=_("cl. 93, 109, 135"))
    parents = models.ManyToManyField(
        "self", verbose_name=_("implements (higher documents)"), symmetrical=False, blank=True,
        related_name="children", help_text=_("cl. 161-166: the higher documents this one implements."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    previous_version = models.ForeignKey(
        "self", verbose_name=_("previous version"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="next_versions",
    )
    correction_basis = models.TextField(_("basis of the correction"), blank=True, help_text=_("cl. 205"))
    history = HistoricalRecords(m2m_fields=[co_executors, parents])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["type", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="document_period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_start}-{self.period_end})"

    @property
    def years(self) -> range:
        return range(self.period_start, self.period_end + 1)


class Section(models.Model):
    """A section of the document's text; its key is one of `sections.REQUIRED_SECTIONS` or a free key."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(_("key"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=20, choices=Confidentiality.choices, default=Confidentiality.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "key"], name="section_unique_key")]

    def __str__(self) -> str:
        return self.title


class Direction(models.Model):
    """Strategic direction (SBDP, cl. 112), direction (RDP, cl. 138) or national priority (NDP, cl. 69)."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="directions"
    )
    code = models.CharField(_("code"), **CODE_FIELD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=500)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["document", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["document", "code"], name="direction_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Goal(models.Model):
    """cl. 30-35."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="goals")
    direction = models.ForeignKey(
        Direction, verbose_name=_("direction"), null=True, blank=True, on_delete=models.CASCADE, related_name="goals"
    )
    code = models.CharField(_("code"), **CODE_FIELD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=500)
    achievement_year = models.PositiveSmallIntegerField(
        _("year of achievement"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("cl. 31, 48")
    )
    budget_program_codes = models.CharField(
        _("budget programmes"), max_length=200, blank=True, help_text=_("Comma-separated codes (cl. 111, 190)")
    )
    related_bodies = models.ManyToManyField(
        Organization, verbose_name=_("related to the spheres of"), blank=True, related_name="related_goals",
        help_text=_("cl. 124: the state bodies whose sectors or spheres the goal concerns; the approved plan is "
                    "also sent to them"),
    )
    history = HistoricalRecords(m2m_fields=[related_bodies])

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["document", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["document", "code"], name="goal_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Task(models.Model):
    """cl. 44-49: each task serves exactly one goal (cl. 46), its deadline within the goal's (cl. 48)."""

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("code"), **CODE_FIELD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=500)
    deadline_year = models.PositiveSmallIntegerField(
        _("deadline (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["goal", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["goal", "code"], name="task_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Indicator(models.Model):
    """A strategic, macro, target or result indicator with every field of Annex 1-1 and Annex 3 s.3."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="indicators"
    )
    direction = models.ForeignKey(
        Direction, verbose_name=_("direction"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="indicators", help_text=_("Macroindicators hang off the direction (Annex 3 A3-R6)."),
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    task = models.ForeignKey(
        Task, verbose_name=_("task"), null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IndicatorKind.choices)
    code = models.CharField(_("code"), **CODE_FIELD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=500)
    unit = models.CharField(_("unit"), max_length=100)
    value_kind = models.CharField(_("value kind"), max_length=20, choices=ValueKind.choices, default=ValueKind.ABSOLUTE)
    polarity = models.CharField(_("polarity"), max_length=20, choices=Polarity.choices, default=Polarity.INCREASE)
    accumulation = models.CharField(
        _("accumulation"), max_length=20, choices=Accumulation.choices, default=Accumulation.ANNUAL
    )
    range_low = models.DecimalField(_("range: low"), null=True, blank=True, **VALUE_DIGITS)
    range_high = models.DecimalField(_("range: high"), null=True, blank=True, **VALUE_DIGITS)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("cl. 52")
    )
    baseline_value = models.DecimalField(_("baseline value"), null=True, blank=True, **VALUE_DIGITS)
    final_year = models.PositiveSmallIntegerField(
        _("final year"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("cl. 35, 52")
    )
    in_strategic_map = models.BooleanField(
        _("in the Strategic Indicator Map"), default=False, help_text=_("cl. 65(5), 70-72")
    )
    # Annex 1-1: the calculation methodology card.
    data_source_type = models.CharField(
        _("data type"), max_length=30, choices=DataSourceType.choices, blank=True, help_text=_("Annex 1-1 s.1 col. 4")
    )
    information_source = models.TextField(_("source of information"), blank=True, help_text=_("cl. 39, 53"))
    data_collection_method = models.TextField(_("data collection method"), blank=True, help_text=_("cl. 39, 53"))
    definition = models.TextField(_("definition"), blank=True, help_text=_("Annex 1-1 row 1"))
    data_periodicity = models.TextField(
        _("periodicity and deadlines of operational, preliminary and reporting data"), blank=True,
        help_text=_("Annex 1-1 row 2"),
    )
    calculation_method = models.TextField(_("calculation algorithm"), blank=True, help_text=_("Annex 1-1 row 4"))
    calculation_republican = models.TextField(_("algorithm at the republican level"), blank=True)
    calculation_local = models.TextField(_("algorithm at the local level"), blank=True)
    higher_links_note = models.TextField(
        _("link with higher indicators"), blank=True, help_text=_("Annex 1-1 row 5: cascading or decomposition")
    )
    is_estimated = models.BooleanField(_("estimated (calculated) indicator"), default=False)
    method_status = models.CharField(
        _("methodology status"), max_length=20, choices=MethodStatus.choices, default=MethodStatus.DRAFT
    )
    responsible = models.ForeignKey(
        Organization, verbose_name=_("responsible body"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="responsible_indicators",
    )
    responsible_official = models.ForeignKey(
        Official, verbose_name=_("responsible official"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="indicators", help_text=_("Deputy head level (Annex 3 expl. 5(5))"),
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="indicators",
    )
    budget_program_code = models.CharField(_("budget programme"), max_length=40, blank=True)
    budget_program_name = models.CharField(
        _("budget programme name"), max_length=500, blank=True,
        help_text=_("Annex 4 col. 10: the name of the budget programme (subprogramme) opposite the code"),
    )
    sdg = models.CharField(_("SDG target"), max_length=20, blank=True, help_text=_("cl. 37(7), 88"))
    attribution = models.CharField(
        _("attribution"), max_length=20, choices=Attribution.choices, blank=True,
        help_text=_("cl. 60: achievement depends on one state body or on several bodies and organisations"),
    )
    initiator = models.ForeignKey(
        Organization, verbose_name=_("initiated by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="initiated_indicators",
        help_text=_("Regional plans: the body that asked for the indicator; a central body may only ask for "
                    "indicators assigned to the region in a higher document (cl. 146)"),
    )
    district_statistics = models.BooleanField(
        _("statistics by district"), default=True,
        help_text=_("cl. 149: without official statistics by district the indicator is not broken down by district"),
    )
    confidentiality = models.CharField(
        _("confidentiality"), max_length=20, choices=Confidentiality.choices, default=Confidentiality.OPEN
    )
    co_executors = models.ManyToManyField(
        Organization, verbose_name=_("co-executors"), through="IndicatorCoExecutor", blank=True,
        related_name="co_executed_indicators",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["document", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["document", "code"], name="indicator_unique_code"),
            models.CheckConstraint(
                condition=Q(range_low__isnull=True) | Q(range_high__isnull=True) | Q(range_high__gte=F("range_low")),
                name="indicator_range_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}, {self.unit}"


class IndicatorValue(models.Model):
    """The plan of one year (quarter 0) or one quarter, its correction, the fact and the reason for a deviation."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), default=0, validators=[MaxValueValidator(4)], help_text=_("0 = the whole year")
    )
    plan = models.DecimalField(_("plan"), null=True, blank=True, **VALUE_DIGITS)
    corrected_plan = models.DecimalField(_("corrected plan"), null=True, blank=True, **VALUE_DIGITS)
    fact = models.DecimalField(_("fact"), null=True, blank=True, **VALUE_DIGITS)
    reason = models.TextField(_("reason for deviation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="indicator_value_unique_period"),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="indicator_value_quarter_range"),
        ]

    def __str__(self) -> str:
        period = f"{self.year}" if not self.quarter else f"{self.year} Q{self.quarter}"
        return f"{self.indicator.code} {period}"

    @property
    def effective_plan(self):
        return self.corrected_plan if self.corrected_plan is not None else self.plan


class IndicatorCoExecutor(models.Model):
    """cl. 42, 55; Annex 1-1 row 5: the contribution share of each co-executing body."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE)
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT)
    contribution = models.TextField(_("contribution"), blank=True)
    share = models.DecimalField(
        _("share, %"), null=True, blank=True, max_digits=7, decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("co-executor of an indicator")
        verbose_name_plural = _("co-executors of indicators")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organization"], name="indicator_coexecutor_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.organization.code}"


class DecompositionLink(models.Model):
    """A higher indicator carried by a lower one (cl. 2(1), 60-62, 70-71, 114, 116)."""

    parent = models.ForeignKey(
        Indicator, verbose_name=_("higher indicator"), on_delete=models.CASCADE, related_name="child_links"
    )
    child = models.ForeignKey(
        Indicator, verbose_name=_("lower indicator"), on_delete=models.CASCADE, related_name="parent_links"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DecompositionKind.choices)
    dimension = models.CharField(
        _("dimension"), max_length=20, choices=DecompositionDimension.choices, default=DecompositionDimension.DOCUMENT
    )
    weight = models.DecimalField(_("weight"), null=True, blank=True, max_digits=9, decimal_places=6)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decomposition link")
        verbose_name_plural = _("decomposition links")
        constraints = [
            models.UniqueConstraint(fields=["parent", "child"], name="decomposition_unique_pair"),
            models.CheckConstraint(condition=~Q(parent=F("child")), name="decomposition_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.parent} → {self.child}"


class Measure(models.Model):
    """A measure (event) of an action plan: Annex 1 (concepts), Annex 8 (regional plans), operational plans."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="measures")
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), null=True, blank=True, on_delete=models.CASCADE, related_name="measures"
    )
    task = models.ForeignKey(
        Task, verbose_name=_("task"), null=True, blank=True, on_delete=models.CASCADE, related_name="measures"
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators it serves"), blank=True, related_name="measures"
    )
    code = models.CharField(_("code"), **CODE_FIELD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=1000)
    completion_form = models.CharField(_("form of completion"), max_length=500, blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_text = models.CharField(
        _("deadline as written"), max_length=200, blank=True, help_text=_("e.g. 'annually, by 25 December'")
    )
    responsible = models.ForeignKey(
        Organization, verbose_name=_("responsible executor"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="responsible_measures",
    )
    co_executors = models.ManyToManyField(
        Organization, verbose_name=_("co-executors"), blank=True, related_name="co_executed_measures"
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="measures",
    )
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    planned_quantity = models.DecimalField(_("planned quantity"), null=True, blank=True, **VALUE_DIGITS)
    expected_result = models.TextField(_("expected result"), blank=True)
    confidentiality = models.CharField(
        _("confidentiality"), max_length=20, choices=Confidentiality.choices, default=Confidentiality.OPEN
    )
    history = HistoricalRecords(m2m_fields=[co_executors, indicators])

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["document", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["document", "code"], name="measure_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Financing(models.Model):
    """The money of a measure for one year and source (cl. 185), in million tenge."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="financing")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    source = models.CharField(_("source"), max_length=30, choices=FinancingSource.choices)
    budget_level = models.CharField(_("budget level"), max_length=20, choices=BudgetLevel.choices, blank=True)
    budget_program_code = models.CharField(_("budget programme"), max_length=40, blank=True)
    administrator = models.ForeignKey(
        Organization, verbose_name=_("budget programme administrator"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="administered_financing",
    )
    plan = models.DecimalField(_("plan, mln tenge"), null=True, blank=True, **MONEY_DIGITS)
    corrected_plan = models.DecimalField(_("corrected plan, mln tenge"), null=True, blank=True, **MONEY_DIGITS)
    absorbed = models.DecimalField(_("absorbed, mln tenge"), null=True, blank=True, **MONEY_DIGITS)
    reason_unabsorbed = models.TextField(_("reason for non-absorption"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financing")
        verbose_name_plural = _("financing")
        ordering = ["measure", "year", "source", "budget_program_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "source", "budget_program_code"], name="financing_unique_line"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.year} {self.source} {self.budget_program_code}"

    @property
    def effective_plan(self):
        return self.corrected_plan if self.corrected_plan is not None else self.plan


class Resources(models.Model):
    """The "Resources" section of a state body plan for one year (cl. 117, Annex 3 section 4): total budget
    expenditure in million tenge, of which for national projects, and the staff involved in the plan."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="resources"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    budget_expenditure = models.DecimalField(
        _("budget expenditure, mln tenge"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY_DIGITS
    )
    national_project_expenditure = models.DecimalField(
        _("of which for national projects, mln tenge"), null=True, blank=True, validators=[MinValueValidator(0)],
        **MONEY_DIGITS,
    )
    staff = models.PositiveIntegerField(_("staff involved"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resources of a year")
        verbose_name_plural = _("resources")
        ordering = ["document", "year"]
        constraints = [
            models.UniqueConstraint(fields=["document", "year"], name="resources_unique_year"),
            models.CheckConstraint(
                condition=Q(national_project_expenditure__isnull=True) | Q(budget_expenditure__isnull=True)
                | Q(national_project_expenditure__lte=F("budget_expenditure")),
                name="resources_national_project_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.code} {self.year}"


class FinancialNeed(models.Model):
    """One row of Annex 4: the financing need of a goal or of a target indicator with its grounds, expected
    effect, contribution to GDP and priority (cl. 119-120)."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="financial_needs"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), null=True, blank=True, on_delete=models.CASCADE, related_name="financial_needs"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("target indicator"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="financial_needs",
    )
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, null=True, blank=True)
    grounds = models.TextField(_("grounds (instructions) for the need"), blank=True, help_text=_("Annex 4 col. 11"))
    expected_effect = models.TextField(_("expected socio-economic effect"), blank=True, help_text=_("Annex 4 col. 12"))
    gdp_contribution = models.TextField(
        _("contribution to GDP growth"), blank=True,
        help_text=_("Annex 4 col. 13: the contribution, or why the body does not affect GDP"),
    )
    # The explanatory note of cl. 119 ¶2, in free form, per goal or target indicator: item 1 (the names) comes
    # from the goal or indicator; items 2-4 are these texts.
    note_history = models.TextField(
        _("actual financing and execution over the last three years"), blank=True,
        help_text=_("Explanatory note, cl. 119 ¶2 item 2: a short description for each target indicator"),
    )
    note_calculation = models.TextField(
        _("planned calculation of the value for each year"), blank=True,
        help_text=_("Explanatory note, cl. 119 ¶2 item 3"),
    )
    note_justification = models.TextField(
        _("justification and calculation of the financial need"), blank=True,
        help_text=_("Explanatory note, cl. 119 ¶2 item 4, with the priority"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financial need")
        verbose_name_plural = _("financial needs")
        ordering = ["document", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(goal__isnull=False) & Q(indicator__isnull=True))
                | (Q(goal__isnull=True) & Q(indicator__isnull=False)),
                name="financial_need_goal_xor_indicator",
            ),
            models.UniqueConstraint(fields=["document", "goal"], name="financial_need_unique_goal"),
            models.UniqueConstraint(fields=["document", "indicator"], name="financial_need_unique_indicator"),
        ]

    def __str__(self) -> str:
        item = self.goal or self.indicator
        return f"{self.document.code}: {item.code if item else '-'}"


class FinancialNeedAmount(models.Model):
    """The financing need of one row of Annex 4 for one year of the planning period, million tenge."""

    need = models.ForeignKey(
        FinancialNeed, verbose_name=_("financial need"), on_delete=models.CASCADE, related_name="amounts"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = models.DecimalField(_("amount, mln tenge"), validators=[MinValueValidator(0)], **MONEY_DIGITS)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financial need of a year")
        verbose_name_plural = _("financial need by year")
        ordering = ["need", "year"]
        constraints = [models.UniqueConstraint(fields=["need", "year"], name="financial_need_unique_year")]

    def __str__(self) -> str:
        return f"{self.need} {self.year}"


class ProposalDecision(models.TextChoices):
    """How a proposal of the public discussion was taken into account (cl. 74, 99)."""

    PENDING = "pending", _("Not yet considered")
    ACCEPTED = "accepted", _("Taken into account")
    PARTIALLY = "partially", _("Partially taken into account")
    REJECTED = "rejected", _("Not taken into account")


class PublicProposal(models.Model):
    """A proposal sent by anyone on a draft under public discussion, and the developer's answer.

    cl. 74 (the National Plan) and cl. 99 (concepts) put drafts to public discussion and refine them
    "taking into account the proposals received"; the text sets no duration [GAP A23], so the discussion is
    open for as long as the document's status is "public discussion".
    """

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE,
                                 related_name="proposals")
    author_name = models.CharField(_("name"), max_length=200)
    author_organization = models.CharField(_("organization (if any)"), max_length=300, blank=True)
    text = models.TextField(_("proposal"), max_length=4000)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decision = models.CharField(_("decision"), max_length=20, choices=ProposalDecision.choices,
                                default=ProposalDecision.PENDING)
    response = models.TextField(_("how it was taken into account"), blank=True)
    responded_by = models.ForeignKey("core.User", verbose_name=_("answered by"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public proposal")
        verbose_name_plural = _("public proposals")
        ordering = ["document", "submitted_at"]

    def __str__(self) -> str:
        return f"{self.document.code}: {self.author_name}"
