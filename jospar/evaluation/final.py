"""The final report over the whole implementation period (cl. 230, 244; Annex 10 expl. 4(1), 4(4)).

cl. 230: after the period ends, the final report holds the information on the last year *and* the
information summarised over the whole period. ``whole_period(document)`` gives, per indicator, every
year's plan (corrected where corrected) and fact, the achievement of the final year and the values over
the whole period; per measure, its execution status in every year's accepted report and its money over
the period.

Decisions (the methodology gives words, not formulas):
* F1. The final-year achievement compares the value of the last year of the period as the indicator's
  accumulation defines it (``achievement.value_for_year``: the year's value for annual and stock
  indicators, the running sum since the first year of the document for cumulative ones) with the plan
  of the same kind, by the indicator's polarity (``assess_indicator``).
* F2. The whole-period values are ``achievement.value_for_period`` (sum of the years for annual and
  cumulative indicators, the last level for stock ones); a missing year leaves them "not computed" with
  the years named, never a partial sum.
* F3. A measure's status in a year is the status of its line in the accepted report(s) of that year
  (the reports to the authorized body; when several responsible bodies report, each measure is in one of
  them). Its status over the period is the status of the last year it was reported in; its money is the
  sum of the years (plan, corrected plan where corrected, absorbed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jospar.monitoring import achievement as ach
from jospar.monitoring.models import MeasureReport, Submission, SubmissionLevel, SubmissionStatus
from jospar.planning.models import Document, Financing, Indicator, IndicatorValue, Measure


@dataclass
class YearCell:
    year: int
    plan: Decimal | None
    corrected_plan: Decimal | None
    fact: Decimal | None

    @property
    def effective_plan(self) -> Decimal | None:
        return self.corrected_plan if self.corrected_plan is not None else self.plan


@dataclass
class IndicatorOverPeriod:
    indicator: Indicator
    years: list[YearCell]
    final_plan: ach.Calculation
    final_fact: ach.Calculation
    final: ach.Verdict  # F1
    period_plan: ach.Calculation  # F2
    period_fact: ach.Calculation

    @property
    def code(self) -> str:
        return self.indicator.code


@dataclass
class MeasureOverPeriod:
    measure: Measure
    statuses: dict[int, str | None]  # year -> status of the accepted report line (F3)
    planned: Decimal | None
    allocated: Decimal | None
    absorbed: Decimal | None
    absorption: ach.Calculation

    @property
    def code(self) -> str:
        return self.measure.code

    @property
    def last_status(self) -> str | None:
        reported = [s for _y, s in sorted(self.statuses.items()) if s]
        return reported[-1] if reported else None


@dataclass
class WholePeriod:
    document: Document
    years: list[int]
    indicators: list[IndicatorOverPeriod] = field(default_factory=list)
    measures: list[MeasureOverPeriod] = field(default_factory=list)
    years_reported: list[int] = field(default_factory=list)  # years with an accepted report

    @property
    def years_not_reported(self) -> list[int]:
        return [y for y in self.years if y not in self.years_reported]


def _add(total: Decimal | None, value: Decimal | None) -> Decimal | None:
    if value is None:
        return total
    return value if total is None else total + value


def whole_period(document: Document, *, indicators=None, measures=None) -> WholePeriod:
    """Every year of ``document`` (cl. 230); ``indicators`` / ``measures`` narrow the items (querysets)."""
    years = list(document.years)
    start, end = years[0], years[-1]
    result = WholePeriod(document, years)
    inds = list((indicators if indicators is not None else Indicator.objects.filter(document=document))
                .order_by("order", "code"))
    values: dict[int, dict[int, IndicatorValue]] = {}
    for v in IndicatorValue.objects.filter(indicator__in=inds, quarter=0, year__gte=start, year__lte=end):
        values.setdefault(v.indicator_id, {})[v.year] = v
    for ind in inds:
        by_year = values.get(ind.pk, {})
        cells = [YearCell(y, *(lambda v: (v.plan, v.corrected_plan, v.fact) if v else (None, None, None))(
            by_year.get(y))) for y in years]
        plans = {c.year: c.effective_plan for c in cells}
        facts = {c.year: c.fact for c in cells}
        final_plan = ach.value_for_year(plans, end, ind.accumulation, start_year=start)
        final_fact = ach.value_for_year(facts, end, ind.accumulation, start_year=start)
        if final_plan.ok and final_fact.ok:
            verdict = ach.assess_indicator(final_plan.value, final_fact.value, ind.polarity,
                                           baseline=ind.baseline_value, range_low=ind.range_low,
                                           range_high=ind.range_high)
        else:
            missing = final_plan.reason if not final_plan.ok else final_fact.reason
            verdict = ach.Verdict(ach.IndicatorStatus.NOT_ASSESSABLE, f"final year {end}: {missing}", "cl. 230",
                                  {"plan": final_plan.value, "fact": final_fact.value})
        result.indicators.append(IndicatorOverPeriod(
            ind, cells, final_plan, final_fact, verdict,
            ach.value_for_period(plans, start, end, ind.accumulation),
            ach.value_for_period(facts, start, end, ind.accumulation)))

    meas = list((measures if measures is not None else Measure.objects.filter(document=document))
                .order_by("order", "code"))
    statuses: dict[int, dict[int, str]] = {}
    reported_years: set[int] = set()
    lines = MeasureReport.objects.filter(
        measure__in=meas, submission__level=SubmissionLevel.REPORT, submission__status=SubmissionStatus.ACCEPTED,
        submission__period__quarter=0).values_list("measure_id", "submission__period__year", "status")
    for measure_id, year, status in lines:
        statuses.setdefault(measure_id, {})[year] = status
    reported_years.update(Submission.objects.filter(
        period__document=document, period__quarter=0, level=SubmissionLevel.REPORT,
        status=SubmissionStatus.ACCEPTED).values_list("period__year", flat=True))
    result.years_reported = sorted(y for y in reported_years if y in years)
    money: dict[int, list[Financing]] = {}
    for f in Financing.objects.filter(measure__in=meas, year__gte=start, year__lte=end):
        money.setdefault(f.measure_id, []).append(f)
    for m in meas:
        planned = allocated = absorbed = None
        for f in money.get(m.pk, []):
            planned = _add(planned, f.plan)
            allocated = _add(allocated, f.effective_plan)
            absorbed = _add(absorbed, f.absorbed)
        result.measures.append(MeasureOverPeriod(
            m, {y: statuses.get(m.pk, {}).get(y) for y in years}, planned, allocated, absorbed,
            ach.explain_absorption(allocated, absorbed)))
    return result
