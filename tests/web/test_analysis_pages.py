"""The analysis stage pages (cl. 7-30) and the risk register (cl. 198-204): who sees and does what, refusals next
to the field with the clause, the problem tree by levels (cl. 26-27), nothing restricted for the public (cl. 231-233)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jospar.analysis import services as s
from jospar.analysis.models import GoalProblem, Problem, ProblemLink, Risk, RiskReview, SwotItem, SwotLink
from jospar.core.models import Membership, Organization, User
from jospar.interchange.services import do_import_document
from jospar.planning.models import Goal, Indicator
from jospar.web.analysis_views import problem_tree_view

from ..conftest import small_payload

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def member(username: str, org_code: str, role: str = "planner") -> User:
    """A member without a password (the client logs in with force_login)."""
    user = User.objects.create(username=username)
    Membership.objects.create(user=user, organization=Organization.objects.get(code=org_code), role=role)
    return user


def T(text: str) -> dict[str, str]:  # noqa: N802
    return {"kk": text + " (kk)", "ru": text + " (ru)", "en": text}


@pytest.fixture
def plan(reference):
    payload = small_payload()
    payload.indicators[1].confidentiality = "official_use"  # RI-1 is for official use (cl. 231-233)
    return do_import_document(payload).document


@pytest.fixture
def planner(reference):
    return member("moh-analyst", "moh")


@pytest.fixture
def analysis(plan):
    """A small analysis entered by the system: two factors, three SWOT items, P1 <- P2 <- P3, P1 key."""
    a = s.do_start_analysis(plan, development_year=2024, acting_user=None)
    s.do_add_factor(a, kind="external", group="demographic", description=T("High birth rate"), acting_user=None)
    s.do_add_factor(a, kind="internal", group="social", description=T("Rural areas lack doctors"), acting_user=None)
    s.do_add_swot_item(a, category="strength", text=T("Perinatal centres"), acting_user=None)
    s.do_add_swot_item(a, category="weakness", text=T("Shortage of doctors"), acting_user=None)
    s.do_add_swot_item(a, category="threat", text=T("Non-communicable diseases"), acting_user=None)
    p1, p2, p3 = (s.do_add_problem(a, text=T(t), acting_user=None)
                  for t in ("High mortality", "Late detection", "Too few rural doctors"))
    s.do_update_problem(p1, is_key=True, acting_user=None)
    s.do_link_problems(p2, p1, acting_user=None)
    s.do_link_problems(p3, p2, acting_user=None)
    return a


def url(action: str, pk: int | None = None, code: str = "sbdp-test") -> str:
    return f"/en/documents/{code}/analysis/do/{action}/" + (f"{pk}/" if pk else "")


def problem(analysis, code: str) -> Problem:
    return Problem.objects.get(analysis=analysis, code=code)


def errors_next_to(html: str, field_id: str) -> str:
    """The text of the errors shown right after the field with this id (web/_form.html)."""
    match = re.search(rf'id="{field_id}_errors" role="alert">(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", match.group(1)) if match else ""


# ------------------------------------------------------------------------------------------------- reading


def test_the_public_reads_factors_swot_and_the_problem_tree_of_a_published_plan_but_gets_no_forms(client, analysis):
    html = client.get("/en/documents/sbdp-test/analysis/").content.decode()
    assert "High birth rate" in html and "Rural areas lack doctors" in html  # cl. 10-15
    assert "Demographic" in html and "Social and cultural" in html
    assert "Perinatal centres" in html and "Non-communicable diseases" in html  # cl. 17-20
    assert "2021" in html and "2023" in html  # the data years of cl. 9
    assert 'id="problem-tree"' in html
    assert "Add a SWOT item" not in html and "Mark as key" not in html and "Reason for the change" not in html


def test_the_document_page_links_to_the_analysis_and_the_risk_register(client, analysis):
    html = client.get("/en/documents/sbdp-test/").content.decode()
    assert "/en/documents/sbdp-test/analysis/" in html and "/en/documents/sbdp-test/risks/" in html


def test_the_levels_of_the_problem_tree_put_each_cause_below_its_consequence(analysis):
    # P3 -> P2 -> P1: P3 has no cause (level 0), P2 one above P3 (1), P1 one above P2 (2); cl. 27
    rows, nodes, chart, cycle = problem_tree_view(analysis)
    assert cycle == ""
    assert [(row.level, [p.code for p in row.problems]) for row in rows] == [(2, ["P1"]), (1, ["P2"]), (0, ["P3"])]
    assert {n.problem.code: (n.level, n.causes, n.effects) for n in nodes} == {
        "P1": (2, ["P2"], []), "P2": (1, ["P3"], ["P1"]), "P3": (0, [], ["P2"])}
    y = {n["name"]: n["y"] for n in chart["nodes"]}
    assert y == {"P1": 0, "P2": 120, "P3": 240}  # consequences on top of the drawing
    assert chart["links"] == [{"source": "P2", "target": "P1"}, {"source": "P3", "target": "P2"}]


def test_the_page_carries_the_tree_for_the_chart_and_marks_the_key_problem(client, analysis):
    html = client.get("/en/documents/sbdp-test/analysis/").content.decode()
    data = json.loads(re.search(r'id="problem-tree-data" type="application/json">(.*?)</script>', html).group(1))
    assert [(n["name"], n["level"], n["key"]) for n in data["nodes"]] == [("P1", 2, True), ("P2", 1, False),
                                                                        ("P3", 0, False)]


def test_a_draft_of_another_body_has_no_analysis_page_for_outsiders(client, reference):
    do_import_document(small_payload(code="draft-x", status="draft"))
    client.force_login(member("labour", "mlsp"))
    assert client.get("/en/documents/draft-x/analysis/").status_code == 404
    assert client.get("/en/documents/draft-x/risks/").status_code == 404


def test_a_restricted_analysis_section_hides_the_analysis_from_the_public_but_not_from_the_developer(
        client, plan, analysis, planner):
    plan.sections.create(key="analysis", order=2, title_kk="Талдау", confidentiality="official_use")
    html = client.get("/en/documents/sbdp-test/analysis/").content.decode()
    assert "for official use only" in html and "High birth rate" not in html
    client.force_login(planner)
    assert "High birth rate" in client.get("/en/documents/sbdp-test/analysis/").content.decode()


# ------------------------------------------------------------------------------------------------- writing


def test_the_developers_planner_sees_the_forms_and_a_viewer_of_the_developer_does_not(client, analysis, planner):
    client.force_login(planner)
    html = client.get("/en/documents/sbdp-test/analysis/").content.decode()
    assert "Add a SWOT item" in html and "Link a cause to its consequence" in html and "Mark as key" in html
    client.force_login(member("moh-viewer", "moh", role="viewer"))
    html = client.get("/en/documents/sbdp-test/analysis/").content.decode()
    assert "Add a SWOT item" not in html


def test_a_planner_adds_a_swot_item_with_a_reason_in_place(client, analysis, planner):
    client.force_login(planner)
    response = client.post(url("swot_add"), {"swot_add-category": "opportunity", "swot_add-text_kk": "Телемедицина",
                                             "swot_add-reason": "workshop of 3 March"}, **HTMX)
    assert response.status_code == 200
    assert "SWOT item O1 added." in response.content.decode()  # the first opportunity
    item = SwotItem.objects.get(analysis=analysis, code="O1")
    assert (item.aspect, item.text_kk) == ("external", "Телемедицина")  # cl. 20
    record = item.history.get()
    assert (record.history_user, record.history_change_reason) == (planner, "workshop of 3 March")


def test_a_write_without_a_reason_is_refused_next_to_the_reason_field_and_nothing_is_written(client, analysis, planner):
    client.force_login(planner)
    response = client.post(url("swot_add"), {"swot_add-category": "threat", "swot_add-text_kk": "Құрғақшылық"})
    assert response.status_code == 400
    assert "State the reason for the change" in errors_next_to(response.content.decode(), "id_swot_add-reason")
    assert SwotItem.objects.filter(analysis=analysis).count() == 3


def test_linking_two_swot_items_of_one_category_is_refused_naming_clause_18(client, analysis, planner):
    s.do_add_swot_item(analysis, category="strength", text=T("Screening"), acting_user=None)
    first, second = SwotItem.objects.filter(analysis=analysis, category="strength").order_by("code")
    client.force_login(planner)
    response = client.post(url("swot_link"), {"swot_link-first": first.pk, "swot_link-second": second.pk,
                                              "swot_link-reason": "r"}, **HTMX)
    assert "S1 – S2: both items are of the same category; a link joins different categories (cl. 18)" in \
        errors_next_to(response.content.decode(), "id_swot_link-second")
    assert not SwotLink.objects.exists()


def test_a_planner_links_a_strength_to_a_threat_and_unlinks_it(client, analysis, planner):
    strength = SwotItem.objects.get(analysis=analysis, code="S1")
    threat = SwotItem.objects.get(analysis=analysis, code="T1")
    client.force_login(planner)
    html = client.post(url("swot_link"), {"swot_link-first": strength.pk, "swot_link-second": threat.pk,
                                          "swot_link-note": "centres absorb the load", "swot_link-reason": "r"},
                       **HTMX).content.decode()
    assert "S1 and T1 are linked (cl. 18)." in html and "S1 – T1" in html
    link = SwotLink.objects.get()
    client.post(url("swot_unlink", link.pk), {f"swot_unlink-{link.pk}-reason": "merged"}, **HTMX)
    assert not SwotLink.objects.exists()
    assert link.history.latest().history_change_reason == "merged"


def test_a_link_that_would_make_a_cycle_is_refused_with_the_cycle_named(client, analysis, planner):
    # P3 -> P2 -> P1 exist; P1 -> P3 would close the cycle P1 -> P3 -> P2 -> P1 (cl. 27)
    client.force_login(planner)
    response = client.post(url("problem_link"), {"problem_link-cause": problem(analysis, "P1").pk,
                                                 "problem_link-effect": problem(analysis, "P3").pk,
                                                 "problem_link-reason": "try"}, **HTMX)
    shown = errors_next_to(response.content.decode(), "id_problem_link-effect")
    assert "P1 → P3: the link would make the cycle P1 → P3 → P2 → P1" in shown and "(cl. 26-27)" in shown
    assert ProblemLink.objects.count() == 2


def test_a_planner_adds_a_problem_with_its_cause_in_one_step(client, analysis, planner):
    client.force_login(planner)
    html = client.post(url("problem_add"), {"problem_add-text_en": "Old equipment", "problem_add-relevant": "on",
                                            "problem_add-cause": problem(analysis, "P3").pk,
                                            "problem_add-reason": "interviews"}, **HTMX).content.decode()
    assert "Problem P4 added, caused by P3." in html
    p4 = problem(analysis, "P4")
    assert (p4.text_en, p4.relevant, p4.concrete) == ("Old equipment", True, False)
    assert ProblemLink.objects.filter(cause__code="P3", effect=p4).exists()


def test_a_problem_repeating_another_is_refused_next_to_its_formulation(client, analysis, planner):
    client.force_login(planner)
    response = client.post(url("problem_add"), {"problem_add-text_en": "high  MORTALITY!",
                                                "problem_add-reason": "r"}, **HTMX)
    assert "repeats problem P1" in errors_next_to(response.content.decode(), "id_problem_add-text_kk")
    assert Problem.objects.filter(analysis=analysis).count() == 3


def test_a_planner_marks_a_key_problem_and_unmarks_it(client, analysis, planner):
    p2 = problem(analysis, "P2")
    client.force_login(planner)
    html = client.post(url("problem_key", p2.pk), {f"problem_key-{p2.pk}-is_key": "on",
                                                   f"problem_key-{p2.pk}-reason": "priority of the minister"},
                       **HTMX).content.decode()
    assert "P2 is a key problem now (cl. 23, 28)." in html
    p2.refresh_from_db()
    assert p2.is_key and p2.history.latest().history_change_reason == "priority of the minister"
    client.post(url("problem_key", p2.pk), {f"problem_key-{p2.pk}-is_key": "", f"problem_key-{p2.pk}-reason": "r"})
    p2.refresh_from_db()
    assert not p2.is_key


def test_a_goal_is_formed_on_a_key_problem_and_that_problem_cannot_be_deleted_until_unlinked(client, analysis,
                                                                                            planner):
    p1, goal = problem(analysis, "P1"), Goal.objects.get(code="1.1")
    client.force_login(planner)
    html = client.post(url("goal_link"), {"goal_link-goal": goal.pk, "goal_link-problem": p1.pk,
                                          "goal_link-reason": "r"}, **HTMX).content.decode()
    assert "Goal 1.1 is formed on problem P1 (cl. 30)." in html
    html = client.post(url("problem_delete", p1.pk), {f"problem_delete-{p1.pk}-reason": "r"}, **HTMX).content.decode()
    assert "problem P1: goal(s) 1.1 are formed on it; unlink them first (cl. 30)" in html
    assert Problem.objects.filter(pk=p1.pk).exists()
    link = GoalProblem.objects.get()
    client.post(url("goal_unlink", link.pk), {f"goal_unlink-{link.pk}-reason": "r"})
    client.post(url("problem_delete", p1.pk), {f"problem_delete-{p1.pk}-reason": "P1 merged into P2"})
    assert not Problem.objects.filter(pk=p1.pk).exists()
    assert list(ProblemLink.objects.values_list("cause__code", "effect__code")) == [("P3", "P2")]


def test_editing_a_problem_opened_before_someone_else_saved_it_is_refused(client, analysis, planner):
    p2 = problem(analysis, "P2")
    client.force_login(planner)
    page = client.get(f"/en/documents/sbdp-test/analysis/edit/problem_edit/{p2.pk}/").content.decode()
    opened = re.search(rf'name="problem_edit-{p2.pk}-opened_version" value="(\d+)"', page).group(1)
    s.do_update_problem(p2, brief=True, acting_user=None, reason="someone else")
    response = client.post(url("problem_edit", p2.pk), {
        f"problem_edit-{p2.pk}-text_en": "Late detection in primary care",
        f"problem_edit-{p2.pk}-opened_version": opened, f"problem_edit-{p2.pk}-reason": "wording"})
    assert response.status_code == 400 and "Someone saved this item after you opened it" in response.content.decode()
    p2.refresh_from_db()
    assert p2.text_en == "Late detection"


def test_a_planner_of_another_body_may_not_write_and_an_anonymous_one_is_sent_to_log_in(client, analysis):
    data = {"swot_add-category": "threat", "swot_add-text_kk": "x", "swot_add-reason": "r"}
    response = client.post(url("swot_add"), data)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(member("edu-planner", "edu"))  # a co-executor, not the developer
    assert client.post(url("swot_add"), data).status_code == 403
    assert SwotItem.objects.filter(analysis=analysis).count() == 3


def test_an_item_of_another_document_an_unknown_action_and_a_get_are_refused(client, analysis, planner):
    other = do_import_document(small_payload(code="other-plan")).document
    foreign = s.do_add_problem(s.do_start_analysis(other, development_year=2024, acting_user=None),
                               text=T("Foreign"), acting_user=None)
    client.force_login(planner)
    assert client.post(url("problem_delete", foreign.pk), {f"problem_delete-{foreign.pk}-reason": "r"}).status_code \
        == 404
    assert client.post(url("launch_rockets"), {}).status_code == 404
    assert client.get(url("swot_add")).status_code == 405


def test_a_document_without_an_analysis_offers_its_developer_to_start_one(client, plan, planner):
    client.force_login(planner)
    assert "Start the analysis" in client.get("/en/documents/sbdp-test/analysis/").content.decode()
    client.post(url("start"), {"start-development_year": "2025", "start-reason": "new plan"})
    assert sorted(plan.analysis.data_years.values_list("year", flat=True)) == [2022, 2023, 2024]  # cl. 9


def test_data_years_not_before_the_year_of_development_are_refused_naming_clause_9(client, analysis, planner):
    client.force_login(planner)
    response = client.post(url("years"), {"years-years": "2022, 2023, 2024", "years-reason": "r"}, **HTMX)
    assert "data year 2024: the analysis uses data of the years before 2024 (cl. 9)" in \
        errors_next_to(response.content.decode(), "id_years-years")


def test_the_page_is_in_kazakh_by_default_and_in_russian_on_request(client, analysis):
    kk = client.get("/kk/documents/sbdp-test/analysis/").content.decode()
    ru = client.get("/ru/documents/sbdp-test/analysis/").content.decode()
    with translation.override("kk"):
        assert translation.gettext("Problem tree (cl. 21-27)") in kk and translation.gettext("Problem tree (cl. 21-27)") != "Problem tree (cl. 21-27)"
    with translation.override("ru"):
        assert translation.gettext("Problem tree (cl. 21-27)") in ru and translation.gettext("Problem tree (cl. 21-27)") != "Problem tree (cl. 21-27)"
    assert "High birth rate (kk)" in kk and "High birth rate (ru)" in ru


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=6))
def test_whatever_links_are_tried_the_stored_tree_stays_acyclic_and_every_cause_is_drawn_below(
        client, plan, planner, pairs):
    Problem.objects.all().delete()
    analysis = plan.analysis if hasattr(plan, "analysis") else s.do_start_analysis(plan, development_year=2024,
                                                                                   acting_user=None)
    problems = [s.do_add_problem(analysis, text=f"Problem number {n}", acting_user=None) for n in range(4)]
    client.force_login(planner)
    for a, b in pairs:
        client.post(url("problem_link"), {"problem_link-cause": problems[a].pk,
                                          "problem_link-effect": problems[b].pk, "problem_link-reason": "r"}, **HTMX)
    rows, nodes, chart, cycle = problem_tree_view(analysis)
    assert cycle == ""
    y = {n["name"]: n["y"] for n in chart["nodes"]}
    assert all(y[link["source"]] > y[link["target"]] for link in chart["links"])


# ------------------------------------------------------------------------------------------------- risks


@pytest.fixture
def risk(plan):
    return s.do_add_risk(plan, title=T("Lower budget revenues"), kind="external", likelihood=3, impact=4,
                         owner=Organization.objects.get(code="moh"),
                         indicators=Indicator.objects.filter(document=plan), acting_user=None)


def test_the_public_sees_the_risk_register_without_restricted_indicators_or_reviewers(client, risk, planner):
    s.do_review_risk(risk, likelihood=2, impact=4, note="oil above budget price", reviewed_on=dt.date(2025, 4, 15),
                     acting_user=planner)
    public = client.get("/en/documents/sbdp-test/risks/").content.decode()
    assert "Lower budget revenues" in public and "2 × 4 = 8" in public and "oil above budget price" in public
    assert "TI-1" in public and "RI-1" not in public  # RI-1 is for official use (cl. 231-233)
    assert "moh-analyst" not in public
    client.force_login(planner)
    own = client.get("/en/documents/sbdp-test/risks/").content.decode()
    assert "RI-1" in own and "moh-analyst" in own


def test_a_planner_adds_a_risk_and_its_score_and_level_are_shown(client, plan, planner):
    client.force_login(planner)
    goal = Goal.objects.get(code="1.1")
    html = client.post("/en/documents/sbdp-test/analysis/do/risk_add/", {
        "risk_add-title_en": "Doctors leave villages", "risk_add-kind": "internal", "risk_add-likelihood": "4",
        "risk_add-impact": "4", "risk_add-status": "open", "risk_add-owner": plan.developer_id,
        "risk_add-goals": [goal.pk], "risk_add-prevention_en": "relocation grants", "risk_add-reason": "register"},
        **HTMX).content.decode()
    assert "Risk R1 added to the register." in html
    assert "4 × <b>Impact</b> 4 = 16" in html.replace("<b>Likelihood</b> ", "")  # 4 x 4 = 16: high
    risk = Risk.objects.get()
    assert (risk.score, risk.level, list(risk.goals.values_list("code", flat=True))) == (16, "high", ["1.1"])


def test_the_responsible_body_reviews_a_risk_it_does_not_develop_and_an_outsider_may_not(client, plan):
    risk = s.do_add_risk(plan, title=T("Teachers leave"), kind="internal", likelihood=2, impact=2,
                         owner=Organization.objects.get(code="edu"), acting_user=None)
    data = {f"risk_review-{risk.pk}-reviewed_on": "2025-05-01", f"risk_review-{risk.pk}-likelihood": "3",
            f"risk_review-{risk.pk}-impact": "5", f"risk_review-{risk.pk}-status": "monitored",
            f"risk_review-{risk.pk}-note": "vacancies grow", f"risk_review-{risk.pk}-reason": "quarter"}
    client.force_login(member("labour", "mlsp"))
    assert client.post(url("risk_review", risk.pk), data).status_code == 403
    client.force_login(member("edu-planner", "edu"))  # cl. 201, 204: the responsible body
    html = client.post(url("risk_review", risk.pk), data, **HTMX).content.decode()
    assert "The review of risk R1 is recorded." in html
    risk.refresh_from_db()
    assert (risk.likelihood, risk.impact, risk.status, risk.score) == (3, 5, "monitored", 15)
    assert RiskReview.objects.get().note == "vacancies grow"


def test_a_review_dated_in_the_future_is_refused_next_to_its_date(client, risk, planner):
    client.force_login(planner)
    data = {f"risk_review-{risk.pk}-reviewed_on": "2999-01-01", f"risk_review-{risk.pk}-likelihood": "3",
            f"risk_review-{risk.pk}-impact": "3", f"risk_review-{risk.pk}-status": "open",
            f"risk_review-{risk.pk}-reason": "r"}
    html = client.post(url("risk_review", risk.pk), data, **HTMX).content.decode()
    assert "date of review 2999-01-01: in the future" in errors_next_to(html, f"id_risk_review-{risk.pk}-reviewed_on")
    assert not RiskReview.objects.exists()


def test_a_reviewed_risk_is_not_deleted_but_an_unreviewed_one_is(client, plan, risk, planner):
    s.do_review_risk(risk, likelihood=3, impact=4, acting_user=planner)
    client.force_login(planner)
    html = client.post(url("risk_delete", risk.pk), {f"risk_delete-{risk.pk}-reason": "r"}, **HTMX).content.decode()
    assert "risk R1: it has been reviewed; close it instead" in html and "(cl. 199-203)" in html
    other = s.do_add_risk(plan, title=T("Typo risk"), kind="internal", likelihood=1, impact=1,
                          owner=plan.developer, acting_user=None)
    client.post(url("risk_delete", other.pk), {f"risk_delete-{other.pk}-reason": "entered by mistake"})
    assert list(Risk.objects.values_list("code", flat=True)) == ["R1"]


def test_editing_a_risk_changes_its_links_but_not_its_ratings(client, plan, risk, planner):
    client.force_login(planner)
    page = client.get(f"/en/documents/sbdp-test/analysis/edit/risk_edit/{risk.pk}/").content.decode()
    opened = re.search(rf'name="risk_edit-{risk.pk}-opened_version" value="(\d+)"', page).group(1)
    p = f"risk_edit-{risk.pk}-"
    response = client.post(url("risk_edit", risk.pk), {
        p + "title_en": "Lower oil revenues", p + "kind": "external", p + "owner": plan.developer_id,
        p + "indicators": [Indicator.objects.get(code="TI-1").pk], p + "opened_version": opened,
        p + "reason": "narrowed"})
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.title_en, risk.likelihood, risk.impact) == ("Lower oil revenues", 3, 4)
    assert list(risk.indicators.values_list("code", flat=True)) == ["TI-1"]
