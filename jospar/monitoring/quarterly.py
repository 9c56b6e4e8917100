"""Quarterly roll-up of the National Plan (cl. 234-237): per quarter of a year, the achievement of every
indicator that has a quarterly plan, grouped by responsible body.

Two parts:

* ``compute`` is plain Python (no database): plan rows and facts in, a ``QuarterlyRollup`` out, with every
  number carrying its calculation (``achievement.Calculation``).
* ``load`` reads what ``compute`` needs in a fixed number of queries (five, whatever the size of the Plan;
  ``tests/monitoring/test_quarterly_rollup.py`` counts them).

Decisions (the methodology is silent):

* **Q1, which indicators.** Only indicators with a plan for at least one quarter of the year appear: the
  Plan is approved with annual values, quarterly plans exist only where the operational breakdown gives
  them (cl. 235, project management). A quarter without its own plan is "cannot be assessed"
  (``achievement.explain_quarter_achievement``), never judged against the annual plan.
* **Q2, which fact.** The fact of a quarter is the one of the *accepted* quarterly report of the executor
  (cl. 236; accepting writes it to the quarterly ``IndicatorValue``). A fact stored without a report
  (imported with the document) is used too and marked ``stored``. A fact in a report that is submitted but
  not yet accepted is not counted; the cell says it is awaiting acceptance.
* **Q3, groups.** Grouped by the body responsible for the indicator (cl. 239-241); the mean achievement of a
  group is the plain mean of the defined achievements (``achievement.average_achievement``, no cap) and
  the share achieved counts only assessable indicators (``achievement.share_achieved``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from . import achievement as ach

QUARTERS = (1, 2, 3, 4)

SOURCE_REPORT = "report"  # Q2: the fact of an accepted quarterly report
SOURCE_STORED = "stored"  # Q2: a fact stored without a report
SOURCE_PENDING = "pending"  # Q2: reported, not yet accepted (not counted)
SOURCE_NONE = "none"


@dataclass(frozen=True)
class IndicatorIn:
    """What ``compute`` needs of one indicator."""

    id: int
    code: str
    title: str
    unit: str
    polarity: str
    responsible: tuple[str, str] | None  # (code, name)
    baseline: Decimal | None = None
    range_low: Decimal | None = None
    range_high: Decimal | None = None


@dataclass(frozen=True)
class QuarterValueIn:
    indicator_id: int
    quarter: int
    plan: Decimal | None
    fact: Decimal | None
    reason: str = ""


@dataclass(frozen=True)
class Cell:
    quarter: int
    plan: Decimal | None
    fact: Decimal | None
    source: str
    reported_by: str | None
    verdict: ach.Verdict
    reason: str = ""

    @property
    def status(self) -> str:
        return str(self.verdict.status)

    @property
    def achievement(self) -> ach.Calculation | None:
        return self.verdict.calculation


@dataclass(frozen=True)
class Row:
    indicator: IndicatorIn
    cells: Mapping[int, Cell]


@dataclass(frozen=True)
class QuarterSummary:
    quarter: int
    planned: int  # indicators with a plan for the quarter
    assessed: int  # of which with an achievement
    achieved: int
    average: ach.Calculation
    share: ach.Calculation


@dataclass(frozen=True)
class BodyGroup:
    key: tuple[str, str] | None
    rows: list[Row]
    summaries: Mapping[int, QuarterSummary]
    report_status: Mapping[int, str] = field(default_factory=dict)  # quarter -> status of its quarterly report


@dataclass(frozen=True)
class QuarterlyRollup:
    year: int
    groups: list[BodyGroup]
    totals: Mapping[int, QuarterSummary]
    open_quarters: tuple[int, ...] = ()

    @property
    def rows(self) -> list[Row]:
        return [r for g in self.groups for r in g.rows]


def _summary(quarter: int, cells: list[Cell]) -> QuarterSummary:
    planned = [c for c in cells if c.plan is not None]
    values = [c.achievement.value if c.achievement else None for c in planned]
    statuses = [c.status for c in planned]
    return QuarterSummary(
        quarter=quarter,
        planned=len(planned),
        assessed=sum(1 for v in values if v is not None),
        achieved=sum(1 for s in statuses if s == ach.IndicatorStatus.ACHIEVED),
        average=ach.average_achievement(values),
        share=ach.share_achieved(statuses),
    )


def compute(
    year: int,
    indicators: Iterable[IndicatorIn],
    values: Iterable[QuarterValueIn],
    *,
    reported: Mapping[tuple[int, int], tuple[str, Decimal | None, str]] | None = None,
    pending: Mapping[tuple[int, int], str] | None = None,
    report_status: Mapping[tuple[str, int], str] | None = None,
    open_quarters: Iterable[int] = (),
) -> QuarterlyRollup:
    """The roll-up of ``year``.

    ``reported[(indicator_id, quarter)] = (organization code, fact, reason)`` of an accepted quarterly
    report; ``pending[(indicator_id, quarter)] = organization code`` of a report submitted and not yet
    accepted; ``report_status[(body code, quarter)]`` = status of the body's own quarterly report.
    """
    reported = reported or {}
    pending = pending or {}
    report_status = report_status or {}
    by_indicator: dict[int, dict[int, QuarterValueIn]] = defaultdict(dict)
    for v in values:
        if v.quarter in QUARTERS:
            by_indicator[v.indicator_id][v.quarter] = v
    groups: dict[tuple[str, str] | None, list[Row]] = defaultdict(list)
    for ind in sorted(indicators, key=lambda i: i.code):
        mine = by_indicator.get(ind.id, {})
        if not any(v.plan is not None for v in mine.values()):  # Q1
            continue
        cells = {}
        for q in QUARTERS:
            v = mine.get(q)
            plan = v.plan if v else None
            fact, reason, source, by = (v.fact if v else None), (v.reason if v else ""), SOURCE_NONE, None
            if (ind.id, q) in reported:  # Q2
                by, fact, reason = reported[(ind.id, q)]
                source = SOURCE_REPORT
            elif fact is not None:
                source = SOURCE_STORED
            elif (ind.id, q) in pending:
                source, by = SOURCE_PENDING, pending[(ind.id, q)]
            verdict = ach.explain_quarter_achievement(
                q, plan, fact, ind.polarity, baseline=ind.baseline, range_low=ind.range_low,
                range_high=ind.range_high)
            cells[q] = Cell(q, plan, fact, source, by, verdict, reason)
        groups[ind.responsible].append(Row(ind, cells))
    result = []
    for key in sorted(groups, key=lambda k: (k is None, k or ("", ""))):
        rows = groups[key]
        summaries = {q: _summary(q, [r.cells[q] for r in rows]) for q in QUARTERS}
        status = {q: report_status[(key[0], q)] for q in QUARTERS if key and (key[0], q) in report_status}
        result.append(BodyGroup(key, rows, summaries, status))
    all_rows = [r for g in result for r in g.rows]
    totals = {q: _summary(q, [r.cells[q] for r in all_rows]) for q in QUARTERS}
    return QuarterlyRollup(year, result, totals, tuple(sorted(set(open_quarters))))


def load(document, year: int) -> QuarterlyRollup:
    """Read the quarterly plans, facts and reports of ``document`` for ``year`` (five queries) and compute."""
    from jospar.planning.models import Indicator, IndicatorValue

    from .models import IndicatorReport, ReportingPeriod, Submission, SubmissionStatus

    values = [QuarterValueIn(**row) for row in IndicatorValue.objects.filter(
        indicator__document=document, year=year, quarter__gte=1).values(
        "indicator_id", "quarter", "plan", "fact", "reason")]
    planned_ids = {v.indicator_id for v in values if v.plan is not None}
    indicators = list(Indicator.objects.filter(pk__in=planned_ids).select_related("responsible"))
    periods = dict(ReportingPeriod.objects.filter(document=document, year=year, quarter__gte=1)
                   .values_list("pk", "quarter"))
    reported: dict[tuple[int, int], tuple[str, Decimal | None, str]] = {}
    pending: dict[tuple[int, int], str] = {}
    for ind_id, period_id, org, status, fact, reason in IndicatorReport.objects.filter(
            submission__period_id__in=list(periods), indicator_id__in=planned_ids,
            submission__status__in=(SubmissionStatus.ACCEPTED, SubmissionStatus.SUBMITTED)).values_list(
            "indicator_id", "submission__period_id", "submission__organization__code", "submission__status",
            "fact", "reason").order_by("submission__organization__code"):
        key = (ind_id, periods[period_id])
        if status == SubmissionStatus.ACCEPTED:
            reported.setdefault(key, (org, fact, reason))
        else:
            pending.setdefault(key, org)
    report_status = {(org, periods[period_id]): status for period_id, org, status in Submission.objects.filter(
        period_id__in=list(periods)).values_list("period_id", "organization__code", "status")}
    items = [IndicatorIn(
        id=i.pk, code=i.code, title=i.title, unit=i.unit or "", polarity=i.polarity,
        responsible=(i.responsible.code, i.responsible.name) if i.responsible_id else None,
        baseline=i.baseline_value, range_low=i.range_low, range_high=i.range_high) for i in indicators]
    return compute(year, items, values, reported=reported, pending=pending, report_status=report_status,
                   open_quarters=periods.values())
