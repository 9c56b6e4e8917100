"""`jospar.monitoring.rollups.load` as it was before issue 7 (model instances): the reference the row-based
version must equal (tests/bench/test_rollups_fast.py)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch

from jospar.monitoring import achievement as ach
from jospar.monitoring.models import MeasureReport, SubmissionLevel, SubmissionStatus
from jospar.monitoring.rollups import (
    _SOURCE_ORDER,
    IndicatorResult,
    MeasureResult,
    Snapshot,
    _key,
    _source_row,
    _sum,
)
from jospar.planning.models import Document, Financing, Indicator, IndicatorValue, Measure


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


