"""Roll-up results build their explanations lazily (issue 7, case a) and still equal the eager ones.

`rollups._quick_assessment` gives the achievement and status of the common cases without building the
`Calculation`/`Verdict` objects; whenever it answers, its answer must be the one the explanations give
(`rollups._explain_indicator`, the code the eager roll-ups ran). The snapshots themselves are compared with the
model-instance reference in test_rollups_fast.py.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jospar.monitoring import achievement as ach
from jospar.monitoring import rollups

YEAR = 2025
VALUE = st.one_of(st.none(), st.decimals(min_value=D("-500"), max_value=D("500"), places=4),
                  st.sampled_from([D(0), D("0.0001"), D(100), D("99.995"), D("NaN"), D("Infinity")]))
YEARS = st.dictionaries(st.integers(2022, YEAR), VALUE, max_size=4).map(lambda d: d)


@settings(max_examples=200, deadline=None)
@given(plans=YEARS, facts=YEARS, this_plan=VALUE.filter(lambda v: v is not None), this_fact=VALUE,
       accumulation=st.sampled_from(["annual", "cumulative", "stock"]),
       polarity=st.sampled_from(["increase", "decrease", "keep_range", "keep_constant"]))
def test_the_quick_assessment_agrees_with_the_explained_verdict_whenever_it_answers(
        plans, facts, this_plan, this_fact, accumulation, polarity):
    plans, facts = {**plans, YEAR: this_plan}, {**facts, YEAR: this_fact}
    quick = rollups._quick_assessment(plans, facts, YEAR, accumulation, polarity)
    try:
        _plan, _fact, verdict = rollups._explain_indicator(plans, facts, YEAR, accumulation, polarity, None,
                                                           None, None)
    except (ValueError, ArithmeticError):
        assert quick is rollups._SLOW  # a value the explanations refuse is never judged by the quick path
        return
    if quick is not rollups._SLOW:
        value = verdict.calculation.value if verdict.calculation else None
        assert quick == (value, verdict.status)


def test_the_quick_assessment_of_an_increase_rounds_half_up_and_uses_the_annex_12_thresholds():
    # 89.995 % rounds to 90.00 % (ROUND_HALF_UP, two places): partially achieved (>= 90, Annex 12 expl. 2(7))
    assert rollups._quick_assessment({YEAR: D(200)}, {YEAR: D("179.99")}, YEAR, "annual", "increase") == (
        D("90.00"), ach.IndicatorStatus.PARTIALLY_ACHIEVED)
    # decrease: plan / fact x 100 = 50 / 40 x 100 = 125 %
    assert rollups._quick_assessment({YEAR: D(50)}, {YEAR: D(40)}, YEAR, "stock", "decrease") == (
        D("125.00"), ach.IndicatorStatus.ACHIEVED)
    # cumulative: (10 + 20) / (20 + 20) x 100 = 75 %
    assert rollups._quick_assessment({2024: D(20), YEAR: D(20)}, {2024: D(10), YEAR: D(20)}, YEAR, "cumulative",
                                     "increase") == (D("75.00"), ach.IndicatorStatus.NOT_ACHIEVED)
    assert rollups._quick_assessment({YEAR: D(5)}, {YEAR: None}, YEAR, "annual", "increase") == (
        None, ach.IndicatorStatus.NOT_ASSESSABLE)
    assert rollups._quick_assessment({YEAR: D(0)}, {YEAR: D(1)}, YEAR, "annual", "increase") is rollups._SLOW
    assert rollups._quick_assessment({YEAR: D(5)}, {YEAR: D(5)}, YEAR, "annual", "keep_range") is rollups._SLOW


def _lazy_indicator(plan, fact, polarity="increase"):
    plans, facts = {YEAR: plan}, {YEAR: fact}
    achievement, status = rollups._quick_assessment(plans, facts, YEAR, "annual", polarity)
    return rollups._lazy_indicator({
        "code": "1.1", "title": "t", "unit": "%", "kind": "target", "groups": {"document": ("d", "D")},
        "reason": "", "achievement": achievement, "status": status,
        "_lazy": (plans, facts, YEAR, "annual", polarity, None, None, None),
    })


def test_a_lazy_indicator_result_equals_the_eager_one_and_builds_its_verdict_once():
    lazy = _lazy_indicator(D(80), D(60))
    assert "verdict" not in vars(lazy)
    plan, fact, verdict = rollups._explain_indicator({YEAR: D(80)}, {YEAR: D(60)}, YEAR, "annual", "increase",
                                                     None, None, None)
    eager = rollups.IndicatorResult(code="1.1", title="t", unit="%", kind="target", groups={"document": ("d", "D")},
                                    plan=plan, fact=fact, verdict=verdict, reason="")
    assert lazy.achievement == eager.achievement == D("75.00")  # 60 / 80 x 100
    assert lazy.status == eager.status == ach.IndicatorStatus.NOT_ACHIEVED
    assert lazy == eager
    assert lazy.verdict is lazy.verdict and "_lazy" not in vars(lazy)
    assert lazy.plan.value == D(80) and lazy.fact.value == D(60) and lazy.verdict.clause == "Annex 12 expl. 2(7)"
    assert "verdict=" in repr(lazy)


def test_a_result_is_read_only_and_refuses_unknown_or_missing_fields():
    lazy = _lazy_indicator(D(80), D(90))
    with pytest.raises(FrozenInstanceError):
        lazy.code = "2"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del lazy.title
    with pytest.raises(AttributeError):
        lazy.no_such_field  # noqa: B018
    with pytest.raises(TypeError, match="missing"):
        rollups.IndicatorResult(code="1")
    with pytest.raises(TypeError):
        hash(lazy)


def test_a_lazy_measure_result_builds_absorption_average_and_cl_271_verdict_on_first_read():
    measure = rollups._lazy_measure({
        "code": "m1", "title": "M", "groups": {}, "planned": D(10), "allocated": D(8), "absorbed": D(8),
        "status": None, "indicator_codes": ("1.1", "1.2"), "_lazy": (D(8), D(8), [D(80), None, D(100)]),
    })
    assert "absorption" not in vars(measure)
    assert measure.absorption.value == D("100.00")  # 8 / 8 x 100 (cl. 225(3))
    assert measure.achievement.value == D("90.00")  # (80 + 100) / 2, the undefined one skipped
    assert measure.money_vs_result.status == ach.MoneyResult.ABSORBED_NOT_REACHED  # cl. 271 criterion 2
