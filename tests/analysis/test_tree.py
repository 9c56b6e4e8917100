"""The pure computations of the analysis stage: the problem tree (cl. 26-27), duplicates (cl. 25), risks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jospar.analysis import tree

MOH_LINKS = [("P2", "P1"), ("P3", "P2"), ("P3", "P5"), ("P6", "P4")]
MOH_PROBLEMS = ["P1", "P2", "P3", "P4", "P5", "P6"]


def test_the_levels_of_the_ministry_of_health_tree_put_causes_below_their_consequences():
    levels = tree.problem_levels(MOH_PROBLEMS, MOH_LINKS)
    assert levels == {"P1": 2, "P2": 1, "P3": 0, "P4": 1, "P5": 1, "P6": 0}
    assert tree.by_level(levels) == [["P3", "P6"], ["P2", "P4", "P5"], ["P1"]]


def test_problems_without_any_link_share_the_lowest_level():
    assert tree.problem_levels(["P1", "P2", "P3"], []) == {"P1": 0, "P2": 0, "P3": 0}


def test_a_problem_sits_one_level_above_its_highest_cause():
    # P1 -> P2 -> P3 and P4 -> P3: P3 is above P2 (level 1), not just above P4 (level 0)
    assert tree.problem_levels(["P1", "P2", "P3", "P4"], [("P1", "P2"), ("P2", "P3"), ("P4", "P3")])["P3"] == 2


def test_a_cycle_has_no_levels_and_is_named():
    with pytest.raises(tree.CycleError) as exc:
        tree.problem_levels(["P3", "P5", "P1"], [("P3", "P5"), ("P5", "P3"), ("P1", "P3")])
    assert str(exc.value) in ("P3 → P5 → P3", "P5 → P3 → P5")


def test_the_link_that_would_close_a_cycle_is_named_with_its_path():
    assert tree.cycle_if_linked([("P5", "P3")], "P3", "P5") == ["P3", "P5", "P3"]
    assert tree.cycle_text(tree.cycle_if_linked([("P1", "P2"), ("P2", "P3")], "P3", "P1")) == "P3 → P1 → P2 → P3"
    assert tree.cycle_if_linked([("P1", "P2")], "P1", "P3") is None
    assert tree.cycle_if_linked([], "P1", "P1") == ["P1", "P1"]


@st.composite
def dags(draw):
    """A random acyclic graph: edges only from a lower to a higher position of a shuffled list of names."""
    n = draw(st.integers(min_value=1, max_value=12))
    names = draw(st.permutations([f"P{i}" for i in range(1, n + 1)]))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    return names, [(names[i], names[j]) for i, j in chosen]


@given(dags())
def test_every_cause_is_lower_than_its_effect_and_levels_are_as_low_as_possible(graph):
    names, links = graph
    levels = tree.problem_levels(names, links)
    assert set(levels) == set(names)
    for cause, effect in links:
        assert levels[cause] < levels[effect]
    for name in names:
        causes = [c for c, e in links if e == name]
        assert levels[name] == (1 + max(levels[c] for c in causes) if causes else 0)


@given(dags(), st.data())
def test_a_link_is_refused_exactly_when_it_would_make_a_cycle(graph, data):
    names, links = graph
    cause, effect = data.draw(st.sampled_from(names)), data.draw(st.sampled_from(names))
    cycle = tree.cycle_if_linked(links, cause, effect)
    combined = [*links, (cause, effect)]
    assert (cycle is None) == (tree.find_cycle(names, combined) is None)
    if cycle:
        assert cycle[0] == cycle[-1] == cause
        assert all(pair in combined for pair in zip(cycle, cycle[1:], strict=False))


@pytest.mark.parametrize(("a", "b", "duplicate"), [
    ("Нехватка врачей в сельской местности", "нехватка врачей в сельской местности!", True),
    ("The region lacks doctors", "The regions lack doctors", True),
    ("The region lacks doctors", "Few jobs in single-industry towns", False),
    ("", "", False),
])
def test_near_duplicate_formulations_are_found(a, b, duplicate):
    found = tree.near_duplicates([("P1", {"ru": a}), ("P2", {"ru": b})])
    assert (found == [("P1", "P2", "ru")]) is duplicate


@pytest.mark.parametrize(("likelihood", "impact", "score", "level"), [
    (1, 1, 1, "low"), (2, 2, 4, "low"), (1, 5, 5, "medium"), (3, 3, 9, "medium"),
    (2, 5, 10, "high"), (4, 4, 16, "high"), (4, 5, 20, "critical"), (5, 5, 25, "critical"),
])
def test_the_score_of_a_risk_is_likelihood_times_impact_read_on_the_5_by_5_matrix(likelihood, impact, score, level):
    assert tree.risk_score(likelihood, impact) == score
    assert tree.risk_level(score) == level


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (3, 6), (-1, 1)])
def test_a_rating_outside_1_to_5_is_refused(likelihood, impact):
    with pytest.raises(ValueError, match="from 1 to 5"):
        tree.risk_score(likelihood, impact)


def test_strengths_and_weaknesses_are_internal_opportunities_and_threats_external():
    assert [tree.swot_aspect(c) for c in tree.SWOT_CATEGORIES] == ["internal", "internal", "external", "external"]


def test_the_data_window_is_the_three_years_before_the_year_of_development():
    assert tree.required_data_years(2024) == [2021, 2022, 2023]
