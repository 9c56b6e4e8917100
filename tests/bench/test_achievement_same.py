"""The fast paths of `jospar.monitoring.achievement` (issue 7, case a) give what the module gave before them.

`reference_achievement.py` is the module as it was; every public computation is compared on the same inputs,
field by field (value, formula, inputs, reason, clause, status, rule, gap), errors included.
"""

from __future__ import annotations

from decimal import Decimal as D
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jospar.monitoring import achievement as new

from . import reference_achievement as old

NUMBER = st.one_of(st.none(), st.decimals(min_value=D("-1000"), max_value=D("1000"), places=2),
                   st.integers(-5, 5), st.sampled_from(["0", "12.5", "-3"]))
POLARITY = st.sampled_from(["increase", "decrease", "keep_range", "keep_constant"])
KIND = st.sampled_from(["annual", "cumulative", "stock"])


def plain(x):
    """A result as nested plain values (the two modules' classes differ, so compare their fields)."""
    if isinstance(x, old.Calculation | new.Calculation):
        return ("calc", x.value, x.formula, plain(x.inputs), x.reason, x.clause)
    if isinstance(x, old.Verdict | new.Verdict):
        return ("verdict", str(x.status), x.rule, x.clause, plain(x.inputs), x.gap, plain(x.calculation))
    if isinstance(x, dict | MappingProxyType):
        return {k: plain(v) for k, v in x.items()}
    return x


def same(call, *args, **kwargs):
    """Both modules give equal results, or raise the same exception with the same message."""
    outcomes = []
    for module in (old, new):
        try:
            outcomes.append(("ok", plain(call(module)(*args, **kwargs))))
        except (TypeError, ValueError) as exc:
            outcomes.append((type(exc).__name__, str(exc)))
    assert outcomes[0] == outcomes[1]
    return outcomes[1]


@settings(max_examples=300, deadline=None)
@given(plan=NUMBER, fact=NUMBER, polarity=POLARITY, baseline=NUMBER, low=NUMBER, high=NUMBER,
       method=st.sampled_from(["ratio", "progress"]), places=st.sampled_from([2, 0, None]))
def test_achievement_and_the_verdict_on_it_are_unchanged(plan, fact, polarity, baseline, low, high, method, places):
    same(lambda m: m.explain_achievement, plan, fact, polarity, baseline=baseline, range_low=low, range_high=high,
         method=method, places=places)
    same(lambda m: m.assess_indicator, plan, fact, polarity, baseline=baseline, range_low=low, range_high=high,
         method=method)


@settings(max_examples=200, deadline=None)
@given(values=st.dictionaries(st.integers(2023, 2027), NUMBER, max_size=5), year=st.integers(2023, 2027), kind=KIND,
       start=st.one_of(st.none(), st.integers(2022, 2026)))
def test_the_value_of_a_year_and_of_a_period_are_unchanged(values, year, kind, start):
    same(lambda m: m.value_for_year, values, year, kind, start_year=start)
    same(lambda m: m.value_for_period, values, start or 2023, year, kind)


@settings(max_examples=200, deadline=None)
@given(pct=NUMBER, plan=NUMBER, absorbed=NUMBER, values=st.lists(NUMBER, max_size=6),
       cap=st.one_of(st.none(), st.just(100)))
def test_status_absorption_averages_and_money_against_result_are_unchanged(pct, plan, absorbed, values, cap):
    same(lambda m: m.explain_indicator_status, pct)
    same(lambda m: m.explain_absorption, plan, absorbed)
    same(lambda m: m.average_achievement, values, cap=cap)
    same(lambda m: m.money_vs_result, plan, pct)


@pytest.mark.parametrize("bad", [1.5, "x", D("NaN"), D("Infinity")])
def test_a_float_or_a_non_finite_input_is_refused_with_the_same_message(bad):
    outcome = same(lambda m: m.explain_achievement, bad, 1, "increase")
    assert outcome[0] in ("TypeError", "ValueError")
    assert same(lambda m: m.value_for_year, {2025: bad}, 2025, "annual")[0] in ("TypeError", "ValueError")
    assert "value[2024]" in same(lambda m: m.value_for_year, {2025: 1, 2024: bad}, 2025, "annual")[1]


def test_an_unknown_polarity_or_accumulation_is_refused_with_the_enum_message():
    assert same(lambda m: m.explain_achievement, 1, 1, "sideways") == (
        "ValueError", "'sideways' is not a valid Polarity")
    assert same(lambda m: m.value_for_year, {2025: 1}, 2025, "weekly")[0] == "ValueError"
    assert same(lambda m: m.share_achieved, ["achieved", "maybe"])[0] == "ValueError"


def test_custom_thresholds_give_their_own_rules():
    strict = (old.IndicatorThresholds(D(110), D(95)), new.IndicatorThresholds(D(110), D(95)))
    results = [plain(m.explain_indicator_status(D("96"), t)) for m, t in zip((old, new), strict, strict=True)]
    assert results[0] == results[1]
    assert results[1][2] == "95 % ≤ achievement < 110 %"


def test_a_calculation_of_the_fast_path_is_read_only_and_equal_to_one_built_by_hand():
    fast = new.explain_achievement(D(80), D(100), "increase")
    assert fast == new.Calculation(D("125.00"), "fact / plan × 100",
                                   {"plan": D(80), "fact": D(100), "polarity": "increase", "method": "ratio"})
    with pytest.raises(TypeError):
        fast.inputs["plan"] = D(1)  # type: ignore[index]
    verdict = new.assess_indicator(D(80), D(100), "increase")
    assert verdict.status is new.IndicatorStatus.ACHIEVED and verdict.calculation == fast
    assert hash(fast) == hash(new.Calculation(D("125.00"), "fact / plan × 100"))
