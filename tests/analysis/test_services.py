"""Writes of the analysis stage and the risk register: rules of the clauses, refusals, rights, history."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from jospar.analysis import services as s
from jospar.analysis.models import (
    Analysis,
    Factor,
    GoalProblem,
    Problem,
    ProblemLink,
    Risk,
    RiskReview,
    SwotItem,
)
from jospar.compliance.services import check_document
from jospar.core.models import Membership, Organization, User
from jospar.interchange.services import do_import_document
from jospar.planning.services import NotAllowed
from tests.conftest import small_payload


def member(username: str, org_code: str, role: str = "planner") -> User:
    """A member of an organization without a password (hashing one costs a second per test)."""
    user = User.objects.create(username=username)
    Membership.objects.create(user=user, organization=Organization.objects.get(code=org_code), role=role)
    return user


def T(text: str) -> dict[str, str]:  # noqa: N802
    return {"kk": text + " (kk)", "ru": text + " (ru)", "en": text}


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English (the interface defaults to Kazakh)."""
    with translation.override("en"):
        yield


@pytest.fixture
def plan(reference):
    return do_import_document(small_payload()).document


@pytest.fixture
def planner(reference):
    return member("moh-analyst", "moh")


@pytest.fixture
def analysis(plan, planner):
    return s.do_start_analysis(plan, development_year=2024, acting_user=planner, reason="analysis stage")


def problems_of(analysis, *texts, user):
    return [s.do_add_problem(analysis, text=T(t), acting_user=user) for t in texts]


def test_starting_an_analysis_records_the_three_years_before_the_year_of_development(analysis, planner):
    assert sorted(analysis.data_years.values_list("year", flat=True)) == [2021, 2022, 2023]
    record = analysis.history.get()
    assert (record.history_user, record.history_change_reason) == (planner, "analysis stage")


def test_a_data_year_not_before_the_year_of_development_is_refused(analysis, planner):
    with pytest.raises(s.AnalysisRefused) as exc:
        s.do_set_data_years(analysis, [2022, 2023, 2024], acting_user=planner)
    assert exc.value.problems == ["data year 2024: the analysis uses data of the years before 2024 (cl. 9)"]
    assert sorted(analysis.data_years.values_list("year", flat=True)) == [2021, 2022, 2023]


def test_a_factor_with_an_unknown_group_and_no_description_is_refused_with_every_reason(analysis, planner):
    with pytest.raises(s.AnalysisRefused) as exc:
        s.do_add_factor(analysis, kind="external", group="weather", description="", acting_user=planner)
    assert exc.value.problems == [
        "group «weather»: not one of economic, demographic, technological, social, spatial, legislative, "
        "political (cl. 10)",
        "description: empty; describe the factor (cl. 11)",
    ]
    assert not Factor.objects.exists()


def test_factors_get_the_next_free_code_and_keep_a_foreign_comparison(analysis, planner):
    f1 = s.do_add_factor(analysis, kind="external", group="economic", description=T("Oil prices"), acting_user=planner)
    f2 = s.do_add_factor(analysis, kind="internal", group="technological", description=T("Hospitals"),
                         foreign_country="Estonia", foreign_comparison=T("One health record"), acting_user=planner)
    assert (f1.code, f2.code, f2.foreign_comparison_en) == ("F1", "F2", "One health record")


def test_the_aspect_of_a_swot_item_follows_its_category(analysis, planner):
    w = s.do_add_swot_item(analysis, category="weakness", text=T("Few doctors"), acting_user=planner)
    o = s.do_add_swot_item(analysis, category="opportunity", text=T("Telemedicine"), acting_user=planner)
    assert [(i.code, i.aspect) for i in (w, o)] == [("W1", "internal"), ("O1", "external")]
    s.do_link_swot(w, o, acting_user=planner)
    with pytest.raises(s.AnalysisRefused, match="already linked"):
        s.do_link_swot(o, w, acting_user=planner)
    w2 = s.do_add_swot_item(analysis, category="weakness", text=T("Old buildings"), acting_user=planner)
    with pytest.raises(s.AnalysisRefused, match=r"same category.*\(cl\. 18\)"):
        s.do_link_swot(w, w2, acting_user=planner)
    assert SwotItem.objects.filter(analysis=analysis).count() == 3


def test_a_problem_that_repeats_another_is_refused(analysis, planner):
    (p1,) = problems_of(analysis, "Shortage of doctors in rural areas", user=planner)
    with pytest.raises(s.AnalysisRefused) as exc:
        s.do_add_problem(analysis, text={"en": "shortage of doctors, in rural areas!"}, acting_user=planner)
    assert exc.value.problems == ["formulation: repeats problem P1; problems do not repeat: merge them or make the "
                                  "difference clear (cl. 25)"]
    assert Problem.objects.filter(analysis=analysis).count() == 1


def test_a_link_that_would_make_a_cycle_is_refused_naming_the_cycle(analysis, planner):
    p1, p2, p3, p4, p5 = problems_of(analysis, "High mortality", "Late detection", "Few doctors", "Deficit",
                                     "Low pay", user=planner)
    s.do_link_problems(p5, p3, acting_user=planner)
    with pytest.raises(s.AnalysisRefused) as exc:
        s.do_link_problems(p3, p5, acting_user=planner)
    assert exc.value.problems == ["P3 → P5: the link would make the cycle P3 → P5 → P3; a cause sits below its "
                                  "consequence, so the problem tree cannot have a cycle (cl. 26-27)"]
    s.do_link_problems(p3, p2, acting_user=planner)
    s.do_link_problems(p2, p1, acting_user=planner)
    with pytest.raises(s.AnalysisRefused, match="P1 → P5 → P3 → P2 → P1"):
        s.do_link_problems(p1, p5, acting_user=planner)
    assert ProblemLink.objects.count() == 3
    rows = s.problem_tree(analysis)
    assert [(r.level, [p.code for p in r.problems]) for r in rows] == [
        (3, ["P1"]), (2, ["P2"]), (1, ["P3"]), (0, ["P4", "P5"])]


def test_a_goal_is_formed_on_problems_of_its_own_document_only(analysis, plan, planner):
    (p1,) = problems_of(analysis, "High mortality", user=planner)
    other = do_import_document(small_payload(code="sbdp-other")).document
    with pytest.raises(s.AnalysisRefused, match="goal 1.1: belongs to another document than problem P1"):
        s.do_link_goal_to_problem(other.goals.get(), p1, acting_user=planner)
    s.do_link_goal_to_problem(plan.goals.get(), p1, acting_user=planner)
    assert GoalProblem.objects.get().problem == p1


def test_only_the_developers_planners_change_the_analysis(plan, reference):
    outsider = member("edu-planner-x", "edu")
    with pytest.raises(NotAllowed):
        s.do_start_analysis(plan, development_year=2024, acting_user=outsider)
    assert not Analysis.objects.exists()


def test_a_risk_scores_likelihood_times_impact_and_keeps_its_links(plan, planner):
    goal, indicator, measure = plan.goals.get(), plan.indicators.get(code="TI-1"), plan.measures.get()
    risk = s.do_add_risk(plan, title=T("Oil price falls"), kind="external", likelihood=3, impact=4,
                         owner=Organization.objects.get(code="moh"), goals=[goal], indicators=[indicator],
                         measures=[measure], prevention=T("Diversify"), overcoming=T("Re-prioritise"),
                         acting_user=planner, reason="register")
    assert (risk.code, risk.score, risk.level, risk.status) == ("R1", 12, "high", "open")
    assert [list(m.all()) for m in (risk.goals, risk.indicators, risk.measures)] == [[goal], [indicator], [measure]]


def test_a_risk_with_ratings_outside_1_to_5_or_links_to_another_document_is_refused(plan, planner):
    other = do_import_document(small_payload(code="sbdp-other")).document
    with pytest.raises(s.AnalysisRefused) as exc:
        s.do_add_risk(plan, title=T("Risk"), kind="external", likelihood=0, impact=6,
                      owner=Organization.objects.get(code="moh"), goals=[other.goals.get()], acting_user=planner)
    assert exc.value.problems == ["likelihood 0: rate it from 1 to 5", "impact 6: rate it from 1 to 5",
                                  "goal 1.1: belongs to another document"]
    assert not Risk.objects.exists()


def test_a_review_records_who_when_and_the_ratings_then_and_updates_the_risk(plan, planner):
    risk = s.do_add_risk(plan, title=T("Staff leave"), kind="internal", likelihood=2, impact=3,
                         owner=Organization.objects.get(code="moh"), acting_user=planner)
    s.do_review_risk(risk, likelihood=4, impact=4, status="occurred", note="120 posts vacant",
                     reviewed_on=dt.date(2025, 10, 1), acting_user=planner)
    review = RiskReview.objects.get()
    assert (review.reviewed_by, review.likelihood, review.impact, review.score, review.status) == (
        planner, 4, 4, 16, "occurred")
    risk.refresh_from_db()
    assert (risk.likelihood, risk.impact, risk.status) == (4, 4, "occurred")
    assert [h.likelihood for h in risk.history.order_by("history_id")] == [2, 4]
    with pytest.raises(s.AnalysisRefused, match="before the last review of 2025-10-01"):
        s.do_review_risk(risk, likelihood=1, impact=1, reviewed_on=dt.date(2025, 9, 1), acting_user=planner)


def test_the_responsible_body_of_a_risk_may_review_it_and_others_may_not(plan, planner, reference):
    risk = s.do_add_risk(plan, title=T("Schools late"), kind="internal", likelihood=2, impact=3,
                         owner=Organization.objects.get(code="edu"), acting_user=planner)
    s.do_review_risk(risk, likelihood=3, impact=3, acting_user=member("edu-writer", "edu"))
    with pytest.raises(NotAllowed, match="cl. 204"):
        s.do_review_risk(risk, likelihood=3, impact=3, acting_user=member("moa-writer", "moa"))
    assert risk.reviews.count() == 1


def test_jospar_check_reports_the_analysis_rules_on_a_stored_document(plan, planner):
    analysis_rules = {"V-02", "V-03", "V-04", "V-05", "V-06", "V-07", "V-08"}
    assert not check_document(plan).rule_ids() & analysis_rules  # no analysis recorded: nothing to judge
    analysis = s.do_start_analysis(plan, development_year=2024, acting_user=planner)
    p1, p2 = problems_of(analysis, "The region lacks doctors", "The regions lack doctors", user=planner)
    s.do_set_data_years(analysis, [2022, 2023], acting_user=planner)
    report = check_document(plan)
    found = {(f.rule, f.item.code) for f in report.findings if f.rule in ("V-02", "V-06", "V-08")}
    assert found == {("V-02", "sbdp-test"), ("V-06", "P2"), ("V-08", "sbdp-test"), ("V-08", "1.1")}
    s.do_update_problem(p1, is_key=True, acting_user=planner)
    s.do_link_goal_to_problem(plan.goals.get(), p1, acting_user=planner)
    assert "V-08" not in check_document(plan).rule_ids()


def test_checking_reads_the_same_number_of_queries_however_large_the_analysis(analysis, plan, planner):
    with CaptureQueriesContext(connection) as small:
        check_document(plan)
    problems = problems_of(analysis, *(f"Problem number {n} of many" for n in range(8)), user=planner)
    for cause, effect in zip(problems, problems[1:], strict=False):
        s.do_link_problems(cause, effect, acting_user=planner)
    for n in range(5):
        s.do_add_factor(analysis, kind="internal", group="social", description=T(f"Factor {n}"), acting_user=planner)
    with CaptureQueriesContext(connection) as large:
        check_document(plan)
    assert len(small.captured_queries) == len(large.captured_queries)


def run_show(*args) -> str:
    out = io.StringIO()
    call_command("analysis", "show", *args, stdout=out)
    return out.getvalue()


def test_analysis_show_prints_factors_swot_the_tree_by_level_key_problems_and_risks(analysis, plan, planner):
    s.do_add_factor(analysis, kind="external", group="economic", description=T("Oil prices"), acting_user=planner)
    s.do_add_swot_item(analysis, category="threat", text=T("Metal prices"), acting_user=planner)
    p1, p2 = problems_of(analysis, "High mortality", "Late detection", user=planner)
    s.do_link_problems(p2, p1, acting_user=planner)
    s.do_update_problem(p1, is_key=True, relevant=True, concrete=True, brief=True, acting_user=planner)
    s.do_link_goal_to_problem(plan.goals.get(), p1, acting_user=planner)
    s.do_add_risk(plan, title=T("Oil price falls"), kind="external", likelihood=3, impact=4,
                  owner=Organization.objects.get(code="moh"), acting_user=planner)
    out = run_show("sbdp-test", "--lang", "en")
    assert "Year of development: 2024; data years: 2021, 2022, 2023" in out
    assert "    F1 [Economic and financial] Oil prices" in out
    assert "  Threat (External (not controllable))\n    T1 Metal prices" in out
    assert "  Level 1\n    P1 High mortality [key]\n  Level 0\n    P2 Late detection [criteria of cl. 24" in out
    assert "  P1 High mortality\n    goals: 1.1" in out
    assert "likelihood 3 × impact 4 = 12 (high); responsible: moh" in out
    assert "Сыртқы" in run_show("sbdp-test")  # Kazakh by default


def test_analysis_show_of_an_unknown_or_invisible_document_names_it(plan, reference):
    with pytest.raises(CommandError, match="nope: no such document"):
        run_show("nope")
    member("moa-viewer", "moa", "viewer")
    plan.status = "draft"
    plan.save()
    with pytest.raises(CommandError, match="sbdp-test: no such document"):
        run_show("sbdp-test", "--as", "moa-viewer")
