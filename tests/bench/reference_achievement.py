"""`jospar.monitoring.achievement` as it was before issue 7 round 2 (plain dataclass construction, enum calls,
no fast paths): the reference the optimized module must equal (tests/bench/test_achievement_same.py)."""


from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Any

__all__ = [
    "HUNDRED",
    "Accumulation",
    "Calculation",
    "ExecutionStatus",
    "FinanceThresholds",
    "IndicatorStatus",
    "IndicatorThresholds",
    "Method",
    "MoneyResult",
    "Polarity",
    "Verdict",
    "absorption",
    "achievement",
    "assess_indicator",
    "average_achievement",
    "deviation",
    "explain_absorption",
    "explain_achievement",
    "explain_indicator_status",
    "explain_measure_status",
    "explain_quarter_achievement",
    "indicator_status",
    "measure_status",
    "money_vs_result",
    "reached",
    "share_achieved",
    "value_for_period",
    "value_for_year",
]

HUNDRED = Decimal(100)
ZERO = Decimal(0)

Number = Decimal | int | str


class Polarity(StrEnum):
    """Values equal ``jospar.planning.choices.Polarity``."""

    INCREASE = "increase"
    DECREASE = "decrease"
    KEEP_RANGE = "keep_range"
    KEEP_CONSTANT = "keep_constant"


class Accumulation(StrEnum):
    """Values equal ``jospar.planning.choices.Accumulation``."""

    ANNUAL = "annual"
    CUMULATIVE = "cumulative"
    STOCK = "stock"


class Method(StrEnum):
    RATIO = "ratio"
    PROGRESS = "progress"


class IndicatorStatus(StrEnum):
    ACHIEVED = "achieved"
    PARTIALLY_ACHIEVED = "partially_achieved"
    NOT_ACHIEVED = "not_achieved"
    NOT_ASSESSABLE = "not_assessable"

    def to_execution_status(self) -> ExecutionStatus | None:
        """The Annex 12 / 14 word for a target-indicator row (None when not assessable)."""
        return {
            IndicatorStatus.ACHIEVED: ExecutionStatus.EXECUTED,
            IndicatorStatus.PARTIALLY_ACHIEVED: ExecutionStatus.PARTIALLY_EXECUTED,
            IndicatorStatus.NOT_ACHIEVED: ExecutionStatus.NOT_EXECUTED,
        }.get(self)


class ExecutionStatus(StrEnum):
    """Annex 12 expl. 2(7), Annex 14 expl. 4(13) (SPEC part 5 C-8)."""

    EXECUTED = "executed"
    PARTIALLY_EXECUTED = "partially_executed"
    NOT_EXECUTED = "not_executed"

    def label(self, language: str = "kk", annex: int = 14) -> str:
        """Official words: "Орындалды", "Ішінара орындалды", "Орындалған жоқ" (Annex 14) / "Орындалмады" (Annex 12)."""
        words = {
            "kk": {
                ExecutionStatus.EXECUTED: "Орындалды",
                ExecutionStatus.PARTIALLY_EXECUTED: "Ішінара орындалды",
                ExecutionStatus.NOT_EXECUTED: "Орындалмады" if annex == 12 else "Орындалған жоқ",
            },
            "ru": {
                ExecutionStatus.EXECUTED: "Исполнено",
                ExecutionStatus.PARTIALLY_EXECUTED: "Частично исполнено",
                ExecutionStatus.NOT_EXECUTED: "Не исполнено",
            },
            "en": {
                ExecutionStatus.EXECUTED: "Executed",
                ExecutionStatus.PARTIALLY_EXECUTED: "Partially executed",
                ExecutionStatus.NOT_EXECUTED: "Not executed",
            },
        }
        return words.get(language, words["kk"])[self]


class MoneyResult(StrEnum):
    """cl. 271 criterion 2: absorption compared with achievement."""

    ABSORBED_AND_REACHED = "absorbed_and_reached"
    ABSORBED_NOT_REACHED = "absorbed_not_reached"  # money absorbed but indicator not reached
    REACHED_NOT_ABSORBED = "reached_not_absorbed"  # indicator reached with money not absorbed
    NEITHER = "neither"
    NOT_ASSESSABLE = "not_assessable"


# --------------------------------------------------------------------------------------------------
# Explanations
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Calculation:
    """A computed value with what it was computed from, for "show calculation".

    ``value`` is None when it cannot be computed; ``reason`` then says why (a short code-like sentence).
    """

    value: Decimal | None
    formula: str
    inputs: Mapping[str, Any] = field(default_factory=dict, hash=False)
    reason: str | None = None
    clause: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs", MappingProxyType(dict(self.inputs)))

    @property
    def ok(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Verdict:
    """A status with the rule that produced it.

    ``gap`` is True when the branch taken is a Jospar decision for a case the text does not settle, so the
    UI should offer the status as a suggestion the user confirms (SPEC part 5 §12: auto-suggested status
    with manual override and a mandatory reason).
    """

    status: StrEnum
    rule: str
    clause: str | None
    inputs: Mapping[str, Any] = field(default_factory=dict, hash=False)
    gap: bool = False
    calculation: Calculation | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs", MappingProxyType(dict(self.inputs)))


def _dec(value: Number | None, name: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float):
        raise TypeError(f"{name}: use Decimal, int or str, not float")
    try:
        result = value if isinstance(value, Decimal) else Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"{name}: not a number: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"{name}: not a finite number: {value!r}")
    return result


def _round(value: Decimal, places: int | None) -> Decimal:
    if places is None:
        return value
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------------------------------
# Achievement of an indicator
# --------------------------------------------------------------------------------------------------


def explain_achievement(
    plan: Number | None,
    fact: Number | None,
    polarity: Polarity | str,
    *,
    baseline: Number | None = None,
    range_low: Number | None = None,
    range_high: Number | None = None,
    method: Method | str = Method.RATIO,
    places: int | None = 2,
) -> Calculation:
    """Achievement of a planned value in per cent, with its formula (see the module's decisions).

    Annex 10 col. 5-7, Annex 12 col. 5-6, Annex 13 §1, Annex 14 col. 7-8 show plan and fact; the
    percentage itself is a Jospar decision (SPEC part 5 §8: the text gives no formula).
    """
    pol = Polarity(polarity)
    meth = Method(method)
    p, f, b = _dec(plan, "plan"), _dec(fact, "fact"), _dec(baseline, "baseline")
    lo, hi = _dec(range_low, "range_low"), _dec(range_high, "range_high")
    inputs: dict[str, Any] = {"plan": p, "fact": f, "polarity": pol.value, "method": meth.value}
    if b is not None:
        inputs["baseline"] = b
    if pol is Polarity.KEEP_RANGE:
        inputs.update(range_low=lo, range_high=hi)

    def fail(formula: str, reason: str) -> Calculation:
        return Calculation(None, formula, inputs, reason=reason)

    if f is None:
        return fail("—", "fact is missing")

    if meth is Method.PROGRESS:
        formula = "(fact − baseline) / (plan − baseline) × 100"
        if b is None:
            return fail(formula, "the progress method needs a baseline")
        if p is None:
            return fail(formula, "plan is missing")
        if p == b:
            return fail(formula, "plan equals baseline: no planned change to measure progress against")
        return Calculation(_round((f - b) / (p - b) * HUNDRED, places), formula, inputs)

    if pol is Polarity.INCREASE:
        formula = "fact / plan × 100"
        if p is None:
            return fail(formula, "plan is missing")
        if p <= 0:
            return fail(formula, "plan is zero or negative: the ratio is undefined (use the progress method)")
        return Calculation(_round(f / p * HUNDRED, places), formula, inputs)

    if pol is Polarity.DECREASE:
        formula = "plan / fact × 100"
        if p is None:
            return fail(formula, "plan is missing")
        if p <= 0:
            return fail(formula, "plan is zero or negative: the ratio is undefined (use the progress method)")
        if f <= 0:
            return fail(formula, "fact is zero or negative: the ratio is undefined (use the progress method)")
        return Calculation(_round(p / f * HUNDRED, places), formula, inputs)

    if pol is Polarity.KEEP_CONSTANT:
        formula = "max(0, 100 − |fact − plan| / |plan| × 100)"
        if p is None:
            return fail(formula, "plan is missing")
        if p == 0:
            if f == 0:
                return Calculation(_round(HUNDRED, places), formula + "; plan = fact = 0 → 100", inputs)
            return fail(formula, "plan is zero: the relative deviation is undefined")
        return Calculation(
            _round(max(ZERO, HUNDRED - abs(f - p) / abs(p) * HUNDRED), places), formula, inputs
        )

    # KEEP_RANGE
    formula = "100 inside [range_low, range_high]; else max(0, 100 − |fact − bound| / |bound| × 100)"
    if lo is None and hi is None:
        return fail(formula, "the range has no bounds")
    if lo is not None and hi is not None and lo > hi:
        return fail(formula, "range_low is greater than range_high")
    if (lo is None or f >= lo) and (hi is None or f <= hi):
        return Calculation(_round(HUNDRED, places), formula, inputs)
    bound = lo if lo is not None and f < lo else hi
    assert bound is not None
    inputs["nearest_bound"] = bound
    if bound == 0:
        return fail(formula, "the nearest bound is zero: the relative deviation is undefined")
    return Calculation(
        _round(max(ZERO, HUNDRED - abs(f - bound) / abs(bound) * HUNDRED), places), formula, inputs
    )


def achievement(
    plan: Number | None,
    fact: Number | None,
    polarity: Polarity | str,
    *,
    baseline: Number | None = None,
    range_low: Number | None = None,
    range_high: Number | None = None,
    method: Method | str = Method.RATIO,
    places: int | None = 2,
) -> Decimal | None:
    """Achievement in per cent, or None when undefined (``explain_achievement`` says why)."""
    return explain_achievement(
        plan,
        fact,
        polarity,
        baseline=baseline,
        range_low=range_low,
        range_high=range_high,
        method=method,
        places=places,
    ).value


def reached(
    plan: Number | None,
    fact: Number | None,
    polarity: Polarity | str,
    *,
    range_low: Number | None = None,
    range_high: Number | None = None,
) -> bool | None:
    """Did the fact reach the plan? No division, so defined for zero and negative values.

    Annex 14 expl. 4(13) reads "reach the planned values" as ``fact >= plan`` (SPEC part 5 R-14.13); for
    decrease the mirror ``fact <= plan`` [DECISION: the text does not address lower-is-better].
    """
    pol = Polarity(polarity)
    p, f = _dec(plan, "plan"), _dec(fact, "fact")
    if f is None:
        return None
    if pol is Polarity.KEEP_RANGE:
        lo, hi = _dec(range_low, "range_low"), _dec(range_high, "range_high")
        if lo is None and hi is None:
            return None
        return (lo is None or f >= lo) and (hi is None or f <= hi)
    if p is None:
        return None
    if pol is Polarity.INCREASE:
        return f >= p
    if pol is Polarity.DECREASE:
        return f <= p
    return f == p


def deviation(plan: Number | None, fact: Number | None) -> Calculation:
    """Annex 10 col. 7 "Ауытқу": ``fact − plan`` in the indicator's unit (SPEC part 5 R-10.10, F-1 [GAP])."""
    p, f = _dec(plan, "plan"), _dec(fact, "fact")
    inputs = {"plan": p, "fact": f}
    if p is None or f is None:
        return Calculation(
            None, "fact − plan", inputs, reason="plan or fact is missing", clause="Annex 10 expl. 2(9)"
        )
    return Calculation(f - p, "fact − plan", inputs, clause="Annex 10 expl. 2(9)")


# --------------------------------------------------------------------------------------------------
# Accumulation
# --------------------------------------------------------------------------------------------------


def value_for_year(
    values_by_year: Mapping[int, Number | None],
    year: int,
    kind: Accumulation | str,
    *,
    start_year: int | None = None,
) -> Calculation:
    """What is compared for ``year``: the year's value (annual, stock) or the running sum (cumulative).

    ``start_year`` (cumulative only) defaults to the first year in ``values_by_year``.
    """
    acc = Accumulation(kind)
    values = {y: _dec(v, f"value[{y}]") for y, v in values_by_year.items()}
    if acc is Accumulation.CUMULATIVE:
        first = start_year if start_year is not None else min(values, default=year)
        years = list(range(first, year + 1))
        return _sum_years(values, years, f"Σ value[y], y = {first}…{year}", acc)
    formula = f"value[{year}]" + (" (level at the end of the year)" if acc is Accumulation.STOCK else "")
    v = values.get(year)
    inputs = {"kind": acc.value, "year": year, f"value[{year}]": v}
    if v is None:
        return Calculation(None, formula, inputs, reason=f"no value for {year}")
    return Calculation(v, formula, inputs)


def value_for_period(
    values_by_year: Mapping[int, Number | None],
    start_year: int,
    end_year: int,
    kind: Accumulation | str,
) -> Calculation:
    """Whole-period value (final report, cl. 230): sum of the years (annual, cumulative) or the last level (stock)."""
    acc = Accumulation(kind)
    if end_year < start_year:
        raise ValueError("end_year precedes start_year")
    values = {y: _dec(v, f"value[{y}]") for y, v in values_by_year.items()}
    if acc is Accumulation.STOCK:
        return value_for_year(values, end_year, acc)
    return _sum_years(
        values, list(range(start_year, end_year + 1)), f"Σ value[y], y = {start_year}…{end_year}", acc
    )


def _sum_years(
    values: Mapping[int, Decimal | None], years: list[int], formula: str, acc: Accumulation
) -> Calculation:
    inputs: dict[str, Any] = {"kind": acc.value}
    inputs.update({f"value[{y}]": values.get(y) for y in years})
    missing = [y for y in years if values.get(y) is None]
    if not years:
        return Calculation(None, formula, inputs, reason="empty period")
    if missing:
        return Calculation(None, formula, inputs, reason="no value for " + ", ".join(map(str, missing)))
    return Calculation(sum((values[y] for y in years), ZERO), formula, inputs)  # type: ignore[misc]


# --------------------------------------------------------------------------------------------------
# Indicator status
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorThresholds:
    """[DECISION] achieved at >= 100 %, partially achieved at >= 90 % (Annex 12 gives no threshold, R-12.4 [GAP])."""

    achieved: Decimal = Decimal(100)
    partially_achieved: Decimal = Decimal(90)

    def __post_init__(self) -> None:
        if self.partially_achieved > self.achieved:
            raise ValueError("partially_achieved threshold must not exceed the achieved threshold")


DEFAULT_THRESHOLDS = IndicatorThresholds()


def explain_indicator_status(
    achievement_pct: Number | None, thresholds: IndicatorThresholds = DEFAULT_THRESHOLDS
) -> Verdict:
    """Status from an achievement percentage (None → not assessable)."""
    a = _dec(achievement_pct, "achievement")
    inputs = {
        "achievement": a,
        "achieved_at": thresholds.achieved,
        "partially_at": thresholds.partially_achieved,
    }
    clause = "Annex 12 expl. 2(7)"
    if a is None:
        return Verdict(IndicatorStatus.NOT_ASSESSABLE, "achievement is undefined", clause, inputs)
    if a >= thresholds.achieved:
        return Verdict(
            IndicatorStatus.ACHIEVED, f"achievement ≥ {thresholds.achieved} %", clause, inputs, gap=True
        )
    if a >= thresholds.partially_achieved:
        return Verdict(
            IndicatorStatus.PARTIALLY_ACHIEVED,
            f"{thresholds.partially_achieved} % ≤ achievement < {thresholds.achieved} %",
            clause,
            inputs,
            gap=True,
        )
    return Verdict(
        IndicatorStatus.NOT_ACHIEVED,
        f"achievement < {thresholds.partially_achieved} %",
        clause,
        inputs,
        gap=True,
    )


def indicator_status(
    achievement_pct: Number | None, thresholds: IndicatorThresholds = DEFAULT_THRESHOLDS
) -> IndicatorStatus:
    return explain_indicator_status(achievement_pct, thresholds).status  # type: ignore[return-value]


def assess_indicator(
    plan: Number | None,
    fact: Number | None,
    polarity: Polarity | str,
    *,
    baseline: Number | None = None,
    range_low: Number | None = None,
    range_high: Number | None = None,
    method: Method | str = Method.RATIO,
    thresholds: IndicatorThresholds = DEFAULT_THRESHOLDS,
) -> Verdict:
    """Achievement and status in one step; falls back to ``reached()`` when the ratio is undefined."""
    calc = explain_achievement(
        plan, fact, polarity, baseline=baseline, range_low=range_low, range_high=range_high, method=method
    )
    if calc.ok:
        verdict = explain_indicator_status(calc.value, thresholds)
        return Verdict(verdict.status, verdict.rule, verdict.clause, verdict.inputs, verdict.gap, calc)
    hit = reached(plan, fact, polarity, range_low=range_low, range_high=range_high)
    if hit is None:
        return Verdict(
            IndicatorStatus.NOT_ASSESSABLE, calc.reason or "undefined", None, calc.inputs, calculation=calc
        )
    return Verdict(
        IndicatorStatus.ACHIEVED if hit else IndicatorStatus.NOT_ACHIEVED,
        f"ratio undefined ({calc.reason}); fact {'reached' if hit else 'did not reach'} plan",
        "Annex 14 expl. 4(13)",
        calc.inputs,
        gap=True,
        calculation=calc,
    )


def explain_quarter_achievement(
    quarter: int,
    quarter_plan: Number | None,
    quarter_fact: Number | None,
    polarity: Polarity | str,
    *,
    baseline: Number | None = None,
    range_low: Number | None = None,
    range_high: Number | None = None,
    thresholds: IndicatorThresholds = DEFAULT_THRESHOLDS,
) -> Verdict:
    """Achievement of one quarter (cl. 236-237): ``assess_indicator`` against the plan of that quarter, if any.

    Without a plan for the quarter the result is ``NOT_ASSESSABLE`` (see the module's decisions).
    """
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    if quarter_plan is None:
        f = _dec(quarter_fact, "fact")
        calc = Calculation(None, f"fact[Q{quarter}] / plan[Q{quarter}]", {"quarter": quarter, "fact": f},
                           reason=f"no plan for Q{quarter}: the document plans this indicator by year only",
                           clause="cl. 236-237")
        return Verdict(IndicatorStatus.NOT_ASSESSABLE, calc.reason or "", "cl. 236-237", calc.inputs,
                       calculation=calc)
    verdict = assess_indicator(quarter_plan, quarter_fact, polarity, baseline=baseline, range_low=range_low,
                               range_high=range_high, thresholds=thresholds)
    calc = verdict.calculation
    if calc is not None:
        calc = Calculation(calc.value, calc.formula, {"quarter": quarter, **calc.inputs}, calc.reason, "cl. 236-237")
    return Verdict(verdict.status, verdict.rule, verdict.clause, verdict.inputs, verdict.gap, calc)


# --------------------------------------------------------------------------------------------------
# Measures (Annex 14 expl. 4(13))
# --------------------------------------------------------------------------------------------------


def _fully_absorbed(allocated: Decimal, absorbed: Decimal | None, tolerance: Decimal) -> bool:
    return absorbed is not None and absorbed >= allocated - tolerance


def explain_measure_status(
    *,
    completed: bool,
    long_term: bool = False,
    plan_quantity: Number | None = None,
    fact_quantity: Number | None = None,
    funds_planned: Number | None = None,
    funds_allocated: Number | None = None,
    funds_absorbed: Number | None = None,
    tolerance: Number = 0,
) -> Verdict:
    """Execution status of a measure for the reporting year, by Annex 14 expl. 4(13).

    The text (original lines 4375-4389):
      (a) "Орындалған іс-шаралар толық аяқталған іс-шаралар болып саналады" — executed = fully completed;
      (b) "Ішінара орындалған іс-шаралар – бұл бір қаржы жылына бөлінген қаражат шеңберінде орындалған
          ұзақ мерзімді сипаттағы іс-шаралар" — partially executed = a long-term measure executed within
          the funds allocated for one financial year;
      (c) example: in the 2017 monitoring, when the money allocated/attracted for 2017 is fully absorbed,
          the measure is partially executed; it becomes executed when fully completed (2019) and the money
          allocated / attracted in full volume is absorbed;
      (d) "Көлемі жоспарланғаннан төмен бөлінген/тартылған қаражат толық игерілген жағдайда, осы іс-шара
          ішінара орындалды деп есептеледі" — less money than planned allocated and fully absorbed →
          partially executed;
      (e) "Сандық өлшемі бар іс-шаралар іс-шаралардың жоспарланған мәндеріне жеткен кезде орындалды деп
          есептеледі" — a measure with a quantity is executed when it reaches its planned value.

    Order of the rules, and the branches the text leaves open (``Verdict.gap``):
      1. quantity planned (> 0): (e) fact >= plan → executed; else fact > 0 → partially [GAP];
         else not executed [GAP].
      2. completed: no money allocated → executed (a); allocated >= planned and fully absorbed
         → executed (c); allocated < planned and fully absorbed → partially (d); money not fully absorbed
         → partially [GAP: a completed measure is not "not executed"; the unabsorbed rest needs a reason].
      3. not completed, long-term: money allocated for the year and fully absorbed → partially (b, c);
         not fully absorbed, or nothing allocated → not executed [GAP].
      4. not completed, not long-term: less money than planned allocated and fully absorbed → partially
         (d); otherwise not executed (residual) [GAP].
    "Fully absorbed" = ``absorbed >= allocated − tolerance`` (default tolerance 0). When ``funds_allocated``
    is None, the planned amount stands for the allocation.
    """
    pq, fq = _dec(plan_quantity, "plan_quantity"), _dec(fact_quantity, "fact_quantity")
    planned, allocated, absorbed = (
        _dec(funds_planned, "funds_planned"),
        _dec(funds_allocated, "funds_allocated"),
        _dec(funds_absorbed, "funds_absorbed"),
    )
    tol = _dec(tolerance, "tolerance") or ZERO
    inputs: dict[str, Any] = {
        "completed": completed,
        "long_term": long_term,
        "plan_quantity": pq,
        "fact_quantity": fq,
        "funds_planned": planned,
        "funds_allocated": allocated,
        "funds_absorbed": absorbed,
    }
    clause = "Annex 14 expl. 4(13)"
    E, P, N = ExecutionStatus.EXECUTED, ExecutionStatus.PARTIALLY_EXECUTED, ExecutionStatus.NOT_EXECUTED

    def v(status: ExecutionStatus, rule: str, gap: bool = False) -> Verdict:
        return Verdict(status, rule, clause, inputs, gap=gap)

    # 1. quantitative measures (e)
    if pq is not None and pq > 0:
        if fq is not None and fq >= pq:
            return v(E, "(e) a quantitative measure reached its planned value: fact ≥ plan")
        if fq is not None and fq > 0:
            return v(P, "(e) planned value not reached, some quantity executed: 0 < fact < plan", gap=True)
        return v(N, "(e) planned value not reached, nothing executed", gap=True)

    alloc = allocated if allocated is not None else planned
    has_money = alloc is not None and alloc > 0
    under_allocated = planned is not None and alloc is not None and alloc < planned
    full = alloc is not None and alloc > 0 and _fully_absorbed(alloc, absorbed, tol)

    # 2. completed measures (a), (c), (d)
    if completed:
        if not has_money:
            return v(E, "(a) fully completed, no money involved")
        if full and not under_allocated:
            return v(E, "(a, c) fully completed and the money allocated in full volume absorbed")
        if full and under_allocated:
            return v(P, "(d) less money than planned allocated/attracted and fully absorbed")
        return v(P, "completed, but the allocated money not fully absorbed", gap=True)

    # 3. long-term measures in progress (b), (c)
    if long_term:
        if full:
            return v(P, "(b, c) long-term measure: the money allocated for the financial year fully absorbed")
        if alloc is None or alloc == 0:
            return v(N, "long-term measure not completed, no money allocated for the year", gap=True)
        return v(N, "long-term measure: the money allocated for the year not fully absorbed", gap=True)

    # 4. other measures not completed
    if full and under_allocated:
        return v(P, "(d) less money than planned allocated/attracted and fully absorbed")
    return v(N, "not completed (residual rule)", gap=True)


def measure_status(
    *,
    completed: bool,
    long_term: bool = False,
    plan_quantity: Number | None = None,
    fact_quantity: Number | None = None,
    funds_planned: Number | None = None,
    funds_allocated: Number | None = None,
    funds_absorbed: Number | None = None,
    tolerance: Number = 0,
) -> ExecutionStatus:
    """Execution status by Annex 14 expl. 4(13); see ``explain_measure_status``."""
    return explain_measure_status(  # type: ignore[return-value]
        completed=completed,
        long_term=long_term,
        plan_quantity=plan_quantity,
        fact_quantity=fact_quantity,
        funds_planned=funds_planned,
        funds_allocated=funds_allocated,
        funds_absorbed=funds_absorbed,
        tolerance=tolerance,
    ).status


# --------------------------------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------------------------------


def explain_absorption(
    plan: Number | None, absorbed: Number | None, *, places: int | None = 2
) -> Calculation:
    """Absorbed share of the planned money, in per cent (cl. 225(3); Annex 13 §2 and Annex 14 §2 col. 2-3).

    For budget sources the plan is the corrected budget (Annex 14 expl. 5(2)); the caller passes it.
    ``inputs["unabsorbed"]`` is ``plan − absorbed`` (needs a reason, Annex 14 expl. 5(4)).
    """
    p, a = _dec(plan, "plan"), _dec(absorbed, "absorbed")
    formula = "absorbed / plan × 100"
    inputs: dict[str, Any] = {"plan": p, "absorbed": a}
    clause = "cl. 225(3)"
    if p is None or a is None:
        return Calculation(None, formula, inputs, reason="plan or absorbed amount is missing", clause=clause)
    inputs["unabsorbed"] = p - a
    if p <= 0:
        return Calculation(
            None, formula, inputs, reason="plan is zero or negative: nothing to absorb", clause=clause
        )
    return Calculation(_round(a / p * HUNDRED, places), formula, inputs, clause=clause)


def absorption(plan: Number | None, absorbed: Number | None, *, places: int | None = 2) -> Decimal | None:
    return explain_absorption(plan, absorbed, places=places).value


@dataclass(frozen=True)
class FinanceThresholds:
    """[DECISION] money counts as absorbed at >= 100 %, the indicator as reached at >= 100 %."""

    absorbed: Decimal = Decimal(100)
    reached: Decimal = Decimal(100)


def money_vs_result(
    absorption_pct: Number | None,
    achievement_pct: Number | None,
    thresholds: FinanceThresholds = FinanceThresholds(),
) -> Verdict:
    """cl. 271 criterion 2: is the absorption of money comparable with the achievement of indicators?"""
    ab, ac = _dec(absorption_pct, "absorption"), _dec(achievement_pct, "achievement")
    inputs = {
        "absorption": ab,
        "achievement": ac,
        "absorbed_at": thresholds.absorbed,
        "reached_at": thresholds.reached,
    }
    clause = "cl. 271"
    if ab is None or ac is None:
        return Verdict(MoneyResult.NOT_ASSESSABLE, "absorption or achievement is undefined", clause, inputs)
    money, result = ab >= thresholds.absorbed, ac >= thresholds.reached
    status = {
        (True, True): MoneyResult.ABSORBED_AND_REACHED,
        (True, False): MoneyResult.ABSORBED_NOT_REACHED,
        (False, True): MoneyResult.REACHED_NOT_ABSORBED,
        (False, False): MoneyResult.NEITHER,
    }[(money, result)]
    rule = (
        f"absorption {'≥' if money else '<'} {thresholds.absorbed} %, "
        f"achievement {'≥' if result else '<'} {thresholds.reached} %"
    )
    return Verdict(status, rule, clause, inputs, gap=True)


# --------------------------------------------------------------------------------------------------
# Roll-ups
# --------------------------------------------------------------------------------------------------


def average_achievement(
    values: Iterable[Number | None], *, cap: Number | None = None, places: int | None = 2
) -> Calculation:
    """Mean achievement of a group (goal, direction, document), skipping undefined values.

    ``cap`` (e.g. 100) limits each value first, so that over-achievement of one indicator does not hide
    the failure of another [DECISION: no cap by default; the evaluation criterion 1 of cl. 271 is the
    use that would want one]. ``inputs`` reports how many values were skipped.
    """
    items = [_dec(x, "achievement") for x in values]
    c = _dec(cap, "cap")
    used = [min(x, c) if c is not None else x for x in items if x is not None]
    formula = "Σ achievement / n" if c is None else f"Σ min(achievement, {c}) / n"
    inputs = {"n": len(used), "skipped": len(items) - len(used), "cap": c}
    if not used:
        return Calculation(
            None, formula, inputs, reason="no defined achievement in the group", clause="cl. 271"
        )
    return Calculation(_round(sum(used, ZERO) / len(used), places), formula, inputs, clause="cl. 271")


def share_achieved(statuses: Iterable[IndicatorStatus | str], *, places: int | None = 2) -> Calculation:
    """Per cent of assessable indicators that are achieved (cl. 271 criterion 1, "achievability")."""
    counts = {s: 0 for s in IndicatorStatus}
    for s in statuses:
        counts[IndicatorStatus(s)] += 1
    assessable = sum(n for s, n in counts.items() if s is not IndicatorStatus.NOT_ASSESSABLE)
    inputs = {s.value: n for s, n in counts.items()}
    formula = "achieved / (achieved + partially achieved + not achieved) × 100"
    if assessable == 0:
        return Calculation(None, formula, inputs, reason="no assessable indicator", clause="cl. 271")
    value = _round(Decimal(counts[IndicatorStatus.ACHIEVED]) / assessable * HUNDRED, places)
    return Calculation(value, formula, inputs, clause="cl. 271")
