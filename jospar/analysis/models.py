"""The analysis stage of a document (SPEC part 1 §4, §16.2; cl. 7-28) and its risk register (part 2 §7).

- ``Analysis``: one per document: the year of development or correction (cl. 9), the summary (cl. 16);
  its ``DataYear`` rows (cl. 9), ``Source`` rows (cl. 8), ``Factor`` rows (cl. 10-15), ``SwotItem`` rows
  and their ``SwotLink`` (cl. 17-20), ``Problem`` rows and their cause -> effect ``ProblemLink`` (cl. 21-28).
- ``GoalProblem``: a goal of the planning stage formed on a problem (cl. 30, 113(1)).
- ``Risk`` and ``RiskReview``: the risk register of the document (cl. 198-204) with its review history.

Codes (F1, S1, P1, R1, ...) are unique inside an analysis / a document and name the items in messages.
Writes go through ``services``; the levels of the problem tree are computed (``tree.problem_levels``),
never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jospar.core.models import Organization
from jospar.planning.models import CODE_FIELD, YEAR_VALIDATORS, Document, Goal, Indicator, Measure

from . import tree
from .choices import (
    FactorGroup,
    FactorKind,
    ResolvedVia,
    RiskKind,
    RiskStatus,
    SourceType,
    SwotAspect,
    SwotCategory,
)

RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def _in(field: str, choices) -> Q:
    return Q(**{f"{field}__in": [value for value, _label in choices.choices]})


class Analysis(models.Model):
    document = models.OneToOneField(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="analysis"
    )
    development_year = models.PositiveSmallIntegerField(
        _("year of development or correction"), validators=YEAR_VALIDATORS,
        help_text=_("cl. 9: the analysis uses data of the three years before this year"),
    )
    summary = models.TextField(_("summary of the analysis"), blank=True, help_text=_("cl. 16"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")
        ordering = ["document"]

    def __str__(self) -> str:
        return f"{self.document.code}: {self.development_year}"

    @property
    def required_years(self) -> list[int]:
        return tree.required_data_years(self.development_year)


class DataYear(models.Model):
    """A year whose data the analysis uses (cl. 9)."""

    analysis = models.ForeignKey(Analysis, verbose_name=_("analysis"), on_delete=models.CASCADE,
                                 related_name="data_years")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("data year")
        verbose_name_plural = _("data years")
        ordering = ["analysis", "year"]
        constraints = [models.UniqueConstraint(fields=["analysis", "year"], name="data_year_unique")]

    def __str__(self) -> str:
        return str(self.year)


class Source(models.Model):
    """A source of information for the analysis (cl. 8)."""

    analysis = models.ForeignKey(Analysis, verbose_name=_("analysis"), on_delete=models.CASCADE,
                                 related_name="sources")
    code = models.CharField(_("code"), **CODE_FIELD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    type = models.CharField(_("type"), max_length=30, choices=SourceType.choices)
    citation = models.TextField(_("citation"))
    url = models.CharField(_("address"), blank=True, max_length=500, validators=[URLValidator()])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source of information")
        verbose_name_plural = _("sources of information")
        ordering = ["analysis", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "code"], name="source_unique_code"),
            models.CheckConstraint(condition=_in("type", SourceType), name="source_type_known"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.citation[:80]}"


class Factor(models.Model):
    """A factor of development (cl. 10-15): external or internal, in one of the seven groups."""

    analysis = models.ForeignKey(Analysis, verbose_name=_("analysis"), on_delete=models.CASCADE,
                                 related_name="factors")
    code = models.CharField(_("code"), **CODE_FIELD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=FactorKind.choices)
    group = models.CharField(_("group"), max_length=20, choices=FactorGroup.choices)
    description = models.TextField(_("description"))
    foreign_country = models.CharField(_("country compared with"), max_length=200, blank=True,
                                       help_text=_("cl. 15"))
    foreign_comparison = models.TextField(_("comparison with foreign practice"), blank=True,
                                          help_text=_("cl. 15"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("factor")
        verbose_name_plural = _("factors")
        ordering = ["analysis", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "code"], name="factor_unique_code"),
            models.CheckConstraint(condition=_in("kind", FactorKind), name="factor_kind_known"),
            models.CheckConstraint(condition=_in("group", FactorGroup), name="factor_group_known"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.description[:80]}"


class SwotItem(models.Model):
    """A strength, weakness, opportunity or threat; its aspect follows from the category (cl. 19-20)."""

    analysis = models.ForeignKey(Analysis, verbose_name=_("analysis"), on_delete=models.CASCADE,
                                 related_name="swot_items")
    code = models.CharField(_("code"), **CODE_FIELD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    category = models.CharField(_("category"), max_length=20, choices=SwotCategory.choices)
    aspect = models.CharField(_("aspect"), max_length=20, choices=SwotAspect.choices, editable=False)
    text = models.TextField(_("text"))
    factor = models.ForeignKey(Factor, verbose_name=_("factor"), null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="swot_items")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["analysis", "category", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "code"], name="swot_item_unique_code"),
            models.CheckConstraint(  # cl. 19-20: S, W internal; O, T external
                condition=(Q(category__in=("strength", "weakness"), aspect="internal")
                           | Q(category__in=("opportunity", "threat"), aspect="external")),
                name="swot_item_aspect_follows_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"

    def save(self, *args, **kwargs):
        self.aspect = tree.swot_aspect(self.category)
        super().save(*args, **kwargs)


class SwotLink(models.Model):
    """A link between two SWOT items of different categories (cl. 18)."""

    first = models.ForeignKey(SwotItem, verbose_name=_("first item"), on_delete=models.CASCADE,
                              related_name="links_as_first")
    second = models.ForeignKey(SwotItem, verbose_name=_("second item"), on_delete=models.CASCADE,
                               related_name="links_as_second")
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("SWOT link")
        verbose_name_plural = _("SWOT links")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="swot_link_unique_pair"),
            models.CheckConstraint(condition=~Q(first=F("second")), name="swot_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.first.code} – {self.second.code}"


class Problem(models.Model):
    """A problem formulated on the basis of the analysis (cl. 21-28)."""

    analysis = models.ForeignKey(Analysis, verbose_name=_("analysis"), on_delete=models.CASCADE,
                                 related_name="problems")
    code = models.CharField(_("code"), **CODE_FIELD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("formulation"))
    is_key = models.BooleanField(_("key problem"), default=False, help_text=_("cl. 23, 28"))
    # cl. 24: the three criteria, checked by the planner
    relevant = models.BooleanField(_("relevant at the time of development"), default=False, help_text=_("cl. 24(1)"))
    concrete = models.BooleanField(_("stated concretely"), default=False, help_text=_("cl. 24(2)"))
    brief = models.BooleanField(_("brief, without superfluous information"), default=False,
                                help_text=_("cl. 24(3)"))
    criteria_note = models.TextField(_("note on the criteria"), blank=True)
    expected_resolution = models.TextField(_("to what level it will be solved"), blank=True, help_text=_("cl. 28"))
    resolved_via = models.CharField(_("how it is solved"), max_length=20, choices=ResolvedVia.choices, blank=True,
                                    default=ResolvedVia.UNSET, help_text=_("cl. 28"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["analysis", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["analysis", "code"], name="problem_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"

    @property
    def meets_criteria(self) -> bool:
        return self.relevant and self.concrete and self.brief


class ProblemLink(models.Model):
    """`cause` is a cause of `effect` (cl. 26); the links never make a cycle (cl. 27)."""

    cause = models.ForeignKey(Problem, verbose_name=_("cause"), on_delete=models.CASCADE, related_name="effect_links")
    effect = models.ForeignKey(Problem, verbose_name=_("consequence"), on_delete=models.CASCADE,
                               related_name="cause_links")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cause-and-effect link")
        verbose_name_plural = _("cause-and-effect links")
        constraints = [
            models.UniqueConstraint(fields=["cause", "effect"], name="problem_link_unique_pair"),
            models.CheckConstraint(condition=~Q(cause=F("effect")), name="problem_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.cause.code}{tree.ARROW}{self.effect.code}"


class GoalProblem(models.Model):
    """A goal is formed on a (key) problem of its document (cl. 30, 113(1))."""

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="problem_links")
    problem = models.ForeignKey(Problem, verbose_name=_("problem"), on_delete=models.CASCADE,
                                related_name="goal_links")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal formed on a problem")
        verbose_name_plural = _("goals formed on problems")
        constraints = [models.UniqueConstraint(fields=["goal", "problem"], name="goal_problem_unique_pair")]

    def __str__(self) -> str:
        return f"{self.goal.code} ← {self.problem.code}"


class Risk(models.Model):
    """A risk to the goals, indicators or measures of a document (cl. 198-204)."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="risks")
    code = models.CharField(_("code"), **CODE_FIELD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("risk"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RiskKind.choices)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-5)"), validators=RATING_VALIDATORS)
    impact = models.PositiveSmallIntegerField(_("impact (1-5)"), validators=RATING_VALIDATORS)
    prevention = models.TextField(_("measures to prevent the risk"), blank=True, help_text=_("cl. 29(5), 201(2)"))
    overcoming = models.TextField(_("measures to overcome the risk if it occurs"), blank=True,
                                  help_text=_("cl. 29(5), 201(2)"))
    owner = models.ForeignKey(Organization, verbose_name=_("responsible body"), on_delete=models.PROTECT,
                              related_name="risks", help_text=_("cl. 204"))
    status = models.CharField(_("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    goals = models.ManyToManyField(Goal, verbose_name=_("goals"), blank=True, related_name="risks")
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicators"), blank=True, related_name="risks")
    measures = models.ManyToManyField(Measure, verbose_name=_("measures"), blank=True, related_name="risks")
    history = HistoricalRecords(m2m_fields=[goals, indicators, measures])

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["document", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["document", "code"], name="risk_unique_code"),
            models.CheckConstraint(condition=Q(likelihood__gte=1, likelihood__lte=5), name="risk_likelihood_1_5"),
            models.CheckConstraint(condition=Q(impact__gte=1, impact__lte=5), name="risk_impact_1_5"),
            models.CheckConstraint(condition=_in("kind", RiskKind), name="risk_kind_known"),
            models.CheckConstraint(condition=_in("status", RiskStatus), name="risk_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    @property
    def score(self) -> int:
        return tree.risk_score(self.likelihood, self.impact)

    @property
    def level(self) -> str:
        return tree.risk_level(self.score)


class RiskReview(models.Model):
    """One review of a risk: when, who, the likelihood and impact found then, the status, a note (cl. 200-203)."""

    risk = models.ForeignKey(Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("date of review"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-5)"), validators=RATING_VALIDATORS)
    impact = models.PositiveSmallIntegerField(_("impact (1-5)"), validators=RATING_VALIDATORS)
    status = models.CharField(_("status"), max_length=20, choices=RiskStatus.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review of a risk")
        verbose_name_plural = _("reviews of risks")
        ordering = ["risk", "reviewed_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(likelihood__gte=1, likelihood__lte=5), name="risk_review_likelihood_1_5"),
            models.CheckConstraint(condition=Q(impact__gte=1, impact__lte=5), name="risk_review_impact_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.risk.code} {self.reviewed_on}"

    @property
    def score(self) -> int:
        return tree.risk_score(self.likelihood, self.impact)
