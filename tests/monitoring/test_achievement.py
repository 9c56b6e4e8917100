"""Achievement, statuses, absorption and roll-ups (jospar.monitoring.achievement)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jospar.monitoring.achievement import (
    Accumulation,
    ExecutionStatus,
    IndicatorStatus,
    IndicatorThresholds,
    Method,
    MoneyResult,
    Polarity,
    absorption,
    achievement,
    assess_indicator,
    average_achievement,
    deviation,
    explain_absorption,
    explain_achievement,
    explain_indicator_status,
    explain_measure_status,
    indicator_status,
    measure_status,
    money_vs_result,
    reached,
    share_achieved,
    value_for_period,
    value_for_year,
)

POSITIVE = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2)
ANY = st.decimals(min_value=D("-1000000"), max_value=D("1000000"), places=2)

# -- achievement ---------------------------------------------------------------------------------------


def test_increase_achievement_is_fact_over_plan_in_per_cent():
    assert achievement(80, 100, Polarity.INCREASE) == D("125.00")
    assert achievement(D("3"), D("2"), "increase") == D("66.67")


def test_decrease_achievement_is_plan_over_fact_in_per_cent():
    assert achievement(10, 8, Polarity.DECREASE) == D("125.00")
    assert achievement(10, 20, Polarity.DECREASE) == D("50.00")


def test_keep_constant_loses_the_relative_deviation_either_way():
    assert achievement(4, 4, Polarity.KEEP_CONSTANT) == D("100.00")
    assert achievement(4, 5, Polarity.KEEP_CONSTANT) == D("75.00")
    assert achievement(4, 3, Polarity.KEEP_CONSTANT) == D("75.00")
    assert achievement(4, 20, Polarity.KEEP_CONSTANT) == D("0.00")


def test_keep_constant_at_zero_is_achieved_only_when_the_fact_is_zero():
    assert achievement(0, 0, Polarity.KEEP_CONSTANT) == D("100.00")
    calc = explain_achievement(0, 1, Polarity.KEEP_CONSTANT)
    assert calc.value is None and "zero" in calc.reason


def test_keep_range_is_100_inside_and_measured_from_the_nearest_bound_outside():
    kw = {"range_low": 3, "range_high": 5}
    assert achievement(None, 4, Polarity.KEEP_RANGE, **kw) == D("100.00")
    assert achievement(None, 5, Polarity.KEEP_RANGE, **kw) == D("100.00")
    assert achievement(None, 6, Polarity.KEEP_RANGE, **kw) == D("80.00")  # 100 - 1/5*100
    assert achievement(None, D("2.4"), Polarity.KEEP_RANGE, **kw) == D("80.00")  # 100 - 0.6/3*100


def test_keep_range_may_be_open_on_one_side():
    assert achievement(None, 100, Polarity.KEEP_RANGE, range_low=90) == D("100.00")
    assert achievement(None, 81, Polarity.KEEP_RANGE, range_low=90) == D("90.00")


def test_an_inverted_or_unbounded_range_gives_none_with_a_reason():
    assert explain_achievement(None, 1, "keep_range", range_low=5, range_high=3).reason
    assert explain_achievement(None, 1, "keep_range").reason == "the range has no bounds"


def test_a_zero_plan_gives_none_with_a_reason_instead_of_dividing_by_zero():
    calc = explain_achievement(0, 5, Polarity.INCREASE)
    assert calc.value is None and "zero" in calc.reason and not calc.ok


def test_a_missing_plan_or_fact_gives_none_with_a_reason():
    assert explain_achievement(None, 5, Polarity.INCREASE).reason == "plan is missing"
    assert explain_achievement(5, None, Polarity.INCREASE).reason == "fact is missing"


def test_a_zero_fact_for_a_decreasing_indicator_gives_none_with_a_reason():
    calc = explain_achievement(5, 0, Polarity.DECREASE)
    assert calc.value is None and "fact is zero" in calc.reason


def test_the_progress_method_measures_the_distance_from_the_baseline():
    # growth rate: baseline -2 %, plan +2 %, fact +1 % -> 3/4 of the way
    assert achievement(2, 1, Polarity.INCREASE, baseline=-2, method=Method.PROGRESS) == D("75.00")
    # decreasing: baseline 20, plan 10, fact 15 -> half way
    assert achievement(10, 15, Polarity.DECREASE, baseline=20, method="progress") == D("50.00")


def test_the_progress_method_needs_a_baseline_different_from_the_plan():
    assert (
        explain_achievement(2, 1, "increase", method="progress").reason
        == "the progress method needs a baseline"
    )
    assert (
        "plan equals baseline" in explain_achievement(2, 1, "increase", baseline=2, method="progress").reason
    )


def test_the_calculation_shows_formula_and_inputs():
    calc = explain_achievement(80, 100, Polarity.INCREASE)
    assert calc.formula == "fact / plan × 100"
    assert (
        calc.inputs["plan"] == D(80)
        and calc.inputs["fact"] == D(100)
        and calc.inputs["polarity"] == "increase"
    )
    with pytest.raises(TypeError):
        calc.inputs["plan"] = D(1)  # read-only


def test_results_are_rounded_half_up_to_two_places_unless_asked_otherwise():
    assert achievement(3, 2, "increase") == D("66.67")
    assert achievement(8, 1, "increase") == D("12.50")
    assert achievement(3, 1, "increase", places=None) == D(1) / D(3) * 100


def test_floats_are_refused():
    with pytest.raises(TypeError):
        achievement(1.0, 2, "increase")  # type: ignore[arg-type]


@given(plan=POSITIVE, f1=ANY, f2=ANY)
def test_increase_achievement_is_monotone_in_the_fact(plan, f1, f2):
    assume(f1 <= f2)
    assert achievement(plan, f1, Polarity.INCREASE) <= achievement(plan, f2, Polarity.INCREASE)


@given(plan=POSITIVE, f1=POSITIVE, f2=POSITIVE)
def test_decrease_achievement_falls_as_the_fact_grows(plan, f1, f2):
    assume(f1 <= f2)
    assert achievement(plan, f1, Polarity.DECREASE) >= achievement(plan, f2, Polarity.DECREASE)


@given(a=POSITIVE, b=POSITIVE)
def test_decrease_mirrors_increase(a, b):
    assert achievement(a, b, Polarity.DECREASE) == achievement(b, a, Polarity.INCREASE)


@given(plan=POSITIVE)
def test_meeting_the_plan_exactly_is_100_per_cent_for_every_polarity(plan):
    for pol in (Polarity.INCREASE, Polarity.DECREASE, Polarity.KEEP_CONSTANT):
        assert achievement(plan, plan, pol) == D("100.00")


@given(lo=ANY, width=POSITIVE, fact=ANY)
def test_keep_range_never_exceeds_100_and_is_100_exactly_inside(lo, width, fact):
    hi = lo + width
    value = achievement(None, fact, Polarity.KEEP_RANGE, range_low=lo, range_high=hi)
    if lo <= fact <= hi:
        assert value == D("100.00")
    elif value is not None:
        assert D(0) <= value < D("100.01")


@given(plan=ANY, fact=ANY, baseline=ANY)
@settings(max_examples=200)
def test_achievement_never_raises_for_any_numbers(plan, fact, baseline):
    for pol in Polarity:
        for method in Method:
            explain_achievement(
                plan, fact, pol, baseline=baseline, range_low=plan, range_high=fact, method=method
            )


# -- reached / deviation -------------------------------------------------------------------------------


def test_reached_compares_without_dividing_so_zero_plans_work():
    assert reached(0, 0, Polarity.INCREASE) is True
    assert reached(0, 0, Polarity.DECREASE) is True
    assert reached(5, 0, Polarity.DECREASE) is True
    assert reached(5, 4, Polarity.INCREASE) is False
    assert reached(None, 4, Polarity.KEEP_RANGE, range_low=3, range_high=5) is True
    assert reached(None, 4, Polarity.INCREASE) is None


def test_deviation_is_fact_minus_plan_as_in_annex_10_column_7():
    calc = deviation(100, 93)
    assert calc.value == D(-7) and calc.formula == "fact − plan" and calc.clause == "Annex 10 expl. 2(9)"
    assert deviation(None, 1).value is None


# -- accumulation --------------------------------------------------------------------------------------

VALUES = {2024: D(10), 2025: D(20), 2026: D(30)}


def test_an_annual_indicator_compares_the_value_of_the_year():
    assert value_for_year(VALUES, 2025, Accumulation.ANNUAL).value == D(20)


def test_a_cumulative_indicator_compares_the_running_sum_since_the_start():
    assert value_for_year(VALUES, 2025, Accumulation.CUMULATIVE).value == D(30)
    assert value_for_year(VALUES, 2026, "cumulative", start_year=2025).value == D(50)


def test_a_stock_indicator_compares_the_level_at_the_end_of_the_year():
    assert value_for_year(VALUES, 2026, Accumulation.STOCK).value == D(30)


def test_a_missing_year_is_reported_not_skipped():
    calc = value_for_year({2024: D(1), 2026: D(3)}, 2026, Accumulation.CUMULATIVE)
    assert calc.value is None and calc.reason == "no value for 2025"
    assert value_for_year(VALUES, 2027, Accumulation.STOCK).reason == "no value for 2027"


def test_the_whole_period_sums_flows_and_takes_the_last_level_of_a_stock():
    assert value_for_period(VALUES, 2024, 2026, Accumulation.ANNUAL).value == D(60)
    assert value_for_period(VALUES, 2024, 2026, Accumulation.CUMULATIVE).value == D(60)
    assert value_for_period(VALUES, 2024, 2026, Accumulation.STOCK).value == D(30)


# -- indicator status ----------------------------------------------------------------------------------


def test_indicator_status_uses_100_and_90_per_cent_by_default():
    assert indicator_status(D("100")) is IndicatorStatus.ACHIEVED
    assert indicator_status(D("99.99")) is IndicatorStatus.PARTIALLY_ACHIEVED
    assert indicator_status(D("90")) is IndicatorStatus.PARTIALLY_ACHIEVED
    assert indicator_status(D("89.99")) is IndicatorStatus.NOT_ACHIEVED
    assert indicator_status(None) is IndicatorStatus.NOT_ASSESSABLE


def test_indicator_thresholds_are_configurable():
    lenient = IndicatorThresholds(achieved=D(95), partially_achieved=D(50))
    assert indicator_status(D(96), lenient) is IndicatorStatus.ACHIEVED
    assert indicator_status(D(60), lenient) is IndicatorStatus.PARTIALLY_ACHIEVED


def test_thresholds_must_be_ordered():
    with pytest.raises(ValueError):
        IndicatorThresholds(achieved=D(90), partially_achieved=D(95))


def test_the_status_explains_its_rule_and_maps_to_the_annex_words():
    verdict = explain_indicator_status(D(95))
    assert verdict.rule == "90 % ≤ achievement < 100 %" and verdict.clause == "Annex 12 expl. 2(7)"
    assert verdict.status.to_execution_status().label("kk") == "Ішінара орындалды"
    assert IndicatorStatus.NOT_ACHIEVED.to_execution_status().label("kk", annex=12) == "Орындалмады"
    assert IndicatorStatus.NOT_ACHIEVED.to_execution_status().label("kk", annex=14) == "Орындалған жоқ"


def test_assessing_an_indicator_falls_back_to_reached_when_the_ratio_is_undefined():
    verdict = assess_indicator(5, 0, Polarity.DECREASE)  # plan 5 accidents, fact 0
    assert verdict.status is IndicatorStatus.ACHIEVED and verdict.gap
    assert verdict.calculation is not None and verdict.calculation.value is None
    assert assess_indicator(0, -1, Polarity.INCREASE).status is IndicatorStatus.NOT_ACHIEVED


def test_assessing_an_indicator_keeps_the_calculation_for_display():
    verdict = assess_indicator(80, 76, Polarity.INCREASE)
    assert verdict.status is IndicatorStatus.PARTIALLY_ACHIEVED
    assert verdict.calculation.value == D("95.00")


# -- measures (Annex 14 expl. 4(13)) -------------------------------------------------------------------


def test_a_long_running_measure_whose_money_for_the_year_is_fully_absorbed_is_partially_executed():
    # the annex's example: 2017 monitoring of a measure finishing in 2019, 2017 money fully absorbed
    verdict = explain_measure_status(
        completed=False, long_term=True, funds_planned=500, funds_allocated=500, funds_absorbed=500
    )
    assert verdict.status is ExecutionStatus.PARTIALLY_EXECUTED and not verdict.gap
    assert verdict.clause == "Annex 14 expl. 4(13)"


def test_the_same_measure_is_executed_when_completed_with_the_full_money_absorbed():
    assert (
        measure_status(
            completed=True, long_term=True, funds_planned=700, funds_allocated=700, funds_absorbed=700
        )
        is ExecutionStatus.EXECUTED
    )


def test_a_quantitative_measure_is_executed_when_its_planned_quantity_is_reached():
    assert measure_status(completed=False, plan_quantity=10, fact_quantity=10) is ExecutionStatus.EXECUTED
    assert measure_status(completed=False, plan_quantity=10, fact_quantity=12) is ExecutionStatus.EXECUTED


def test_a_quantitative_measure_short_of_its_quantity_is_partial_or_not_executed():
    assert (
        measure_status(completed=False, plan_quantity=10, fact_quantity=7)
        is ExecutionStatus.PARTIALLY_EXECUTED
    )
    assert measure_status(completed=False, plan_quantity=10, fact_quantity=0) is ExecutionStatus.NOT_EXECUTED
    assert explain_measure_status(completed=False, plan_quantity=10, fact_quantity=7).gap


def test_less_money_than_planned_allocated_and_fully_absorbed_makes_a_measure_partially_executed():
    assert (
        measure_status(completed=True, funds_planned=100, funds_allocated=60, funds_absorbed=60)
        is ExecutionStatus.PARTIALLY_EXECUTED
    )
    assert (
        measure_status(completed=False, funds_planned=100, funds_allocated=60, funds_absorbed=60)
        is ExecutionStatus.PARTIALLY_EXECUTED
    )


def test_a_completed_measure_without_money_is_executed():
    assert measure_status(completed=True) is ExecutionStatus.EXECUTED


def test_a_long_running_measure_with_money_left_unabsorbed_is_not_executed():
    verdict = explain_measure_status(completed=False, long_term=True, funds_allocated=100, funds_absorbed=80)
    assert verdict.status is ExecutionStatus.NOT_EXECUTED and verdict.gap


def test_a_completed_measure_with_money_left_unabsorbed_is_partially_executed_as_a_decision():
    verdict = explain_measure_status(
        completed=True, funds_planned=100, funds_allocated=100, funds_absorbed=95
    )
    assert verdict.status is ExecutionStatus.PARTIALLY_EXECUTED and verdict.gap


def test_full_absorption_can_allow_a_tolerance():
    assert (
        measure_status(
            completed=False,
            long_term=True,
            funds_allocated=D("100.00"),
            funds_absorbed=D("99.99"),
            tolerance=D("0.01"),
        )
        is ExecutionStatus.PARTIALLY_EXECUTED
    )


def test_a_short_measure_not_completed_is_not_executed():
    assert measure_status(completed=False) is ExecutionStatus.NOT_EXECUTED


@given(
    plan=POSITIVE,
    extra=st.decimals(min_value=0, max_value=1000, places=2),
    completed=st.booleans(),
    long_term=st.booleans(),
)
def test_reaching_the_planned_quantity_always_means_executed(plan, extra, completed, long_term):
    assert (
        measure_status(
            completed=completed, long_term=long_term, plan_quantity=plan, fact_quantity=plan + extra
        )
        is ExecutionStatus.EXECUTED
    )


@given(allocated=POSITIVE, share=st.decimals(min_value=0, max_value=1, places=2))
def test_a_long_term_measure_in_progress_is_never_executed(allocated, share):
    status = measure_status(
        completed=False, long_term=True, funds_allocated=allocated, funds_absorbed=allocated * share
    )
    assert status is not ExecutionStatus.EXECUTED


# -- money ---------------------------------------------------------------------------------------------


def test_absorption_is_absorbed_over_plan_in_per_cent():
    assert absorption(D("250.5"), D("200.4")) == D("80.00")
    calc = explain_absorption(D("250.5"), D("200.4"))
    assert calc.inputs["unabsorbed"] == D("50.1") and calc.clause == "cl. 225(3)"


def test_absorption_of_a_zero_plan_is_none_with_a_reason():
    calc = explain_absorption(0, 0)
    assert calc.value is None and "zero" in calc.reason
    assert absorption(None, 5) is None


def test_money_absorbed_but_indicator_not_reached_is_flagged():
    assert money_vs_result(D(100), D(80)).status is MoneyResult.ABSORBED_NOT_REACHED
    assert money_vs_result(D(60), D(100)).status is MoneyResult.REACHED_NOT_ABSORBED
    assert money_vs_result(D(100), D(100)).status is MoneyResult.ABSORBED_AND_REACHED
    assert money_vs_result(D(60), D(80)).status is MoneyResult.NEITHER
    assert money_vs_result(None, D(80)).status is MoneyResult.NOT_ASSESSABLE
    assert money_vs_result(D(100), D(80)).clause == "cl. 271"


# -- roll-ups ------------------------------------------------------------------------------------------


def test_the_average_achievement_skips_undefined_values_and_says_how_many():
    calc = average_achievement([D(100), D(80), None])
    assert calc.value == D("90.00") and calc.inputs["n"] == 2 and calc.inputs["skipped"] == 1


def test_the_average_achievement_can_cap_over_achievement():
    assert average_achievement([D(150), D(50)]).value == D("100.00")
    assert average_achievement([D(150), D(50)], cap=100).value == D("75.00")


def test_the_average_of_nothing_is_none_with_a_reason():
    assert average_achievement([None]).reason == "no defined achievement in the group"


def test_the_share_achieved_ignores_indicators_that_cannot_be_assessed():
    calc = share_achieved(["achieved", "achieved", "partially_achieved", "not_achieved", "not_assessable"])
    assert calc.value == D("50.00") and calc.inputs["not_assessable"] == 1
    assert share_achieved([]).value is None


@given(values=st.lists(st.one_of(st.none(), ANY), max_size=20))
def test_the_average_lies_between_the_smallest_and_largest_value(values):
    calc = average_achievement(values, places=None)
    defined = [v for v in values if v is not None]
    if defined:
        assert min(defined) <= calc.value <= max(defined)
    else:
        assert calc.value is None
