"""The Annex 6 comparison table computed from two versions of a plan (cl. 132, Annex 6 expl. 3-7)."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from jospar.development.comparison import ADD, DELETE, MODIFY, ComparisonLine, comparison

from ..conftest import small_payload


def base() -> dict:
    return small_payload(code="rdp-x", type="rdp", developer="akimat-abai", co_executors=[]).model_dump(mode="json")


def test_an_unchanged_plan_gives_an_empty_table():
    assert comparison(base(), base()) == []


def test_a_changed_yearly_value_is_one_row_with_both_values():
    new = base()
    new["indicators"][0]["values"][1]["plan"] = "78.5"
    assert comparison(base(), new) == [ComparisonLine("indicator:TI-1:plan:2029", MODIFY, "77", "78.5")]


def test_a_corrected_plan_is_the_value_compared():
    new = base()
    new["indicators"][0]["values"][0]["corrected_plan"] = "74.9"
    assert comparison(base(), new) == [ComparisonLine("indicator:TI-1:plan:2025", MODIFY, "75.1", "74.9")]


def test_an_added_goal_has_no_current_wording_and_a_deleted_measure_is_to_be_deleted():
    new = base()
    new["goals"].append({"code": "1.2", "title": {"kk": "Жаңа мақсат"}, "tasks": []})
    new["measures"] = []
    lines = comparison(base(), new)
    assert ComparisonLine("goal:1.2", ADD, "", "Жаңа мақсат") in lines
    assert ComparisonLine("measure:M-1", DELETE, "Емханалар салу", "") in lines
    assert len(lines) == 2


def test_money_is_compared_per_year_as_the_sum_of_the_lines():
    new = base()
    new["measures"][0]["financing"].append({"year": 2025, "source": "budget", "plan": "99.5"})
    assert comparison(base(), new) == [ComparisonLine("measure:M-1:financing:2025", MODIFY, "1500.5", "1600")]


def test_the_kazakh_wording_is_used_and_russian_when_kazakh_is_empty():
    new = base()
    new["sections"][0]["text"] = {"kk": "", "ru": "Здоровая нация", "en": ""}
    assert comparison(base(), new) == [
        ComparisonLine("section:mission_vision:text", MODIFY, "Салауатты ұлт", "Здоровая нация")]


@given(st.lists(st.tuples(st.sampled_from([2025, 2029]), st.decimals(0, 1000, places=2)), max_size=4))
def test_a_table_from_a_version_to_itself_is_always_empty_and_rows_never_repeat(changes):
    old = base()
    new = copy.deepcopy(old)
    for year, value in changes:
        for v in new["indicators"][0]["values"]:
            if v["year"] == year:
                v["plan"] = str(value)
    assert comparison(new, copy.deepcopy(new)) == []
    lines = comparison(old, new)
    assert len({line.element for line in lines}) == len(lines) <= 2
