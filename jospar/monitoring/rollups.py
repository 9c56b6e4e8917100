"""Plan against fact for a document and year, rolled up by direction, goal, body, territory and document.

``load(document, year)`` reads everything in a fixed number of queries (asserted in the tests); the rest is
plain Python on top of ``achievement``: every number is a ``Calculation`` that shows its formula and inputs.

Sources: plan and fact of indicators are ``IndicatorValue`` (quarter 0), money is ``Financing``, both updated
when the authorized body accepts the report (services, decision M3); measure statuses come from the accepted
report (``MeasureReport``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from jospar.planning.models import Document, Financing, Indicator, IndicatorValue, Measure

from . import achievement as ach
from .models import MeasureReport, SubmissionLevel, SubmissionStatus

DIMENSIONS = ("document", "direction", "goal", "body", "territory")

Key = tuple[str, str]  # (code, label)


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    title: str
    unit: str
    kind: str
    groups: dict[str, Key | None]
    plan: ach.Calculation
    fact: ach.Calculation
    verdict: ach.Verdict
    reason: str

    @property
    def achievement(self) -> Decimal | None:
        return self.verdict.calculation.value if self.verdict.calculation else None


@dataclass(frozen=True)
class MeasureResult:
    code: str
    title: str
    groups: dict[str, Key | None]
    planned: Decimal | None
    allocated: Decimal | None
    absorbed: Decimal | None
    absorption: ach.Calculation
    status: str | None
    indicator_codes: tuple[str, ...]
    achievement: ach.Calculation
    money_vs_result: ach.Verdict


@dataclass(frozen=True)
class SourceRow:
    source: str
    plan: Decimal
    corrected_plan: Decimal
    absorbed: Decimal
    absorption: ach.Calculation
    reasons: tuple[str, ...]


@dataclass
class Snapshot:
    document: Document
    year: int
    indicators: list[IndicatorResult] = field(default_factory=list)
    measures: list[MeasureResult] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    total: SourceRow | None = None


@dataclass(frozen=True)
class Group:
    dimension: str
    key: Key | None
    indicators: int
    average_achievement: ach.Calculation
    share_achieved: ach.Calculation
    measures: int
    measure_statuses: dict[str, int]
    planned: Decimal
    absorbed: Decimal
    absorption: ach.Calculation
    money_vs_result: ach.Verdict


def _key(obj, code_attr: str = "code", label_attr: str = "title") -> Key | None:
    return None if obj is None else (str(getattr(obj, code_attr)), str(getattr(obj, label_attr)))


def _sum(values) -> Decimal | None:
    items = [v for v in values if v is not None]
    return sum(items, Decimal(0)) if items else None


def load(document: Document, year: int) -> Snapshot:
    """Everything the roll-ups need for ``year`` (quarter 0) in a fixed number of queries (at most 7)."""
    doc_key = (document.code, document.title)
    territory = _key(document.territory, "kato", "name") if document.territory_id else None
    indicators = (
        Indicator.objects.filter(document=document)
        .select_related("direction", "goal__direction", "task__goal__direction", "responsible", "territory")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.filter(quarter=0, year__lte=year)))
        .order_by("order", "code")
    )
    snap = Snapshot(document, year)
    achievement_by_id: dict[int, ach.Calculation] = {}
    code_by_id: dict[int, str] = {}
    for ind in indicators:
        goal = ind.goal or (ind.task.goal if ind.task_id else None)
        direction = ind.direction or (goal.direction if goal is not None else None)
        values = list(ind.values.all())
        plans = {v.year: v.effective_plan for v in values}
        facts = {v.year: v.fact for v in values}
        if year not in plans:
            continue  # nothing planned for the year: not part of the year's report
        plan = ach.value_for_year(plans, year, ind.accumulation)
        fact = ach.value_for_year(facts, year, ind.accumulation)
        verdict = ach.assess_indicator(
            plan.value, fact.value, ind.polarity, baseline=ind.baseline_value,
            range_low=ind.range_low, range_high=ind.range_high,
        ) if plan.ok and fact.ok else ach.Verdict(
            ach.IndicatorStatus.NOT_ASSESSABLE, (fact.reason or plan.reason or "undefined"), None,
            {"plan": plan.value, "fact": fact.value},
            calculation=ach.Calculation(None, "fact / plan × 100", {"plan": plan.value, "fact": fact.value},
                                        reason=fact.reason or plan.reason),
        )
        year_value = next((v for v in values if v.year == year), None)
        result = IndicatorResult(
            code=ind.code, title=ind.title, unit=ind.unit, kind=ind.kind,
            groups={
                "document": doc_key, "direction": _key(direction), "goal": _key(goal),
                "body": _key(ind.responsible, "code", "name"),
                "territory": _key(ind.territory, "kato", "name") if ind.territory_id else territory,
            },
            plan=plan, fact=fact, verdict=verdict, reason=year_value.reason if year_value else "",
        )
        snap.indicators.append(result)
        achievement_by_id[ind.pk] = verdict.calculation or ach.Calculation(None, "", reason="undefined")
        code_by_id[ind.pk] = ind.code

    statuses = dict(
        MeasureReport.objects.filter(
            submission__period__document=document, submission__period__year=year, submission__period__quarter=0,
            submission__level=SubmissionLevel.REPORT, submission__status=SubmissionStatus.ACCEPTED,
        ).values_list("measure_id", "status")
    )
    measures = (
        Measure.objects.filter(document=document)
        .select_related("goal__direction", "task__goal__direction", "responsible", "territory")
        .prefetch_related(
            Prefetch("financing", queryset=Financing.objects.filter(year=year)),
            Prefetch("indicators", queryset=Indicator.objects.only("id")),
        )
        .order_by("order", "code")
    )
    by_source: dict[str, list[Financing]] = defaultdict(list)
    for m in measures:
        money = list(m.financing.all())
        if not money and m.pk not in statuses:
            continue
        for f in money:
            by_source[f.source].append(f)
        goal = m.goal or (m.task.goal if m.task_id else None)
        direction = goal.direction if goal is not None else None
        planned = _sum(f.plan for f in money)
        allocated = _sum(f.effective_plan for f in money)
        absorbed = _sum(f.absorbed for f in money)
        absorption = ach.explain_absorption(allocated, absorbed)
        linked = [i.pk for i in m.indicators.all() if i.pk in achievement_by_id]
        avg = ach.average_achievement([achievement_by_id[i].value for i in linked])
        snap.measures.append(MeasureResult(
            code=m.code, title=m.title,
            groups={
                "document": doc_key, "direction": _key(direction), "goal": _key(goal),
                "body": _key(m.responsible, "code", "name"),
                "territory": _key(m.territory, "kato", "name") if m.territory_id else territory,
            },
            planned=planned, allocated=allocated, absorbed=absorbed, absorption=absorption,
            status=statuses.get(m.pk), indicator_codes=tuple(code_by_id[i] for i in linked),
            achievement=avg, money_vs_result=ach.money_vs_result(absorption.value, avg.value),
        ))
    order = {s: i for i, s in enumerate(_SOURCE_ORDER)}
    for source in sorted(by_source, key=lambda s: order.get(s, 99)):
        snap.sources.append(_source_row(source, by_source[source]))
    if by_source:
        snap.total = _source_row("total", [f for rows in by_source.values() for f in rows])
    return snap


_SOURCE_ORDER = ("budget", "state_loans", "guaranteed_loans", "investment", "grants", "bank_loans", "own_funds",
                 "other")


def _source_row(source: str, rows: list[Financing]) -> SourceRow:
    """Annex 13 s.2 / Annex 14 s.2: plan, corrected plan, absorbed by source; the total line sums them (R-13.7)."""
    plan = _sum(f.plan for f in rows) or Decimal(0)
    corrected = _sum(f.effective_plan for f in rows) or Decimal(0)
    absorbed = _sum(f.absorbed for f in rows) or Decimal(0)
    reasons = tuple(dict.fromkeys(f.reason_unabsorbed for f in rows if f.reason_unabsorbed))
    return SourceRow(source, plan, corrected, absorbed, ach.explain_absorption(corrected, absorbed), reasons)


def rollup(snap: Snapshot, by: str) -> list[Group]:
    """Groups of ``snap`` along one dimension, in the order they first appear; items without one go to None."""
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}; use one of {', '.join(DIMENSIONS)}")
    keys: dict[Key | None, None] = {}
    ind_groups: dict[Key | None, list[IndicatorResult]] = defaultdict(list)
    mea_groups: dict[Key | None, list[MeasureResult]] = defaultdict(list)
    for i in snap.indicators:
        keys.setdefault(i.groups[by])
        ind_groups[i.groups[by]].append(i)
    for m in snap.measures:
        keys.setdefault(m.groups[by])
        mea_groups[m.groups[by]].append(m)
    return [_group(by, k, ind_groups[k], mea_groups[k]) for k in keys]


def _group(by: str, key: Key | None, inds: list[IndicatorResult], meas: list[MeasureResult]) -> Group:
    avg = ach.average_achievement([i.achievement for i in inds])
    share = ach.share_achieved([i.verdict.status for i in inds])
    planned = _sum(m.allocated for m in meas) or Decimal(0)
    absorbed = _sum(m.absorbed for m in meas) or Decimal(0)
    absorption = ach.explain_absorption(planned, absorbed)
    counts: dict[str, int] = defaultdict(int)
    for m in meas:
        counts[m.status or "not_reported"] += 1
    return Group(by, key, len(inds), avg, share, len(meas), dict(counts), planned, absorbed, absorption,
                 ach.money_vs_result(absorption.value, avg.value))


def mismatches(snap: Snapshot) -> dict[str, list[MeasureResult]]:
    """cl. 271 criterion 2: measures whose money was absorbed but whose indicators were not reached, and the reverse."""
    pick: Callable[[str], list[MeasureResult]] = lambda status: [  # noqa: E731
        m for m in snap.measures if m.money_vs_result.status == status]
    return {
        ach.MoneyResult.ABSORBED_NOT_REACHED.value: pick(ach.MoneyResult.ABSORBED_NOT_REACHED),
        ach.MoneyResult.REACHED_NOT_ABSORBED.value: pick(ach.MoneyResult.REACHED_NOT_ABSORBED),
    }
