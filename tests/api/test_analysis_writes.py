"""Analysis and risk writes over the API (cl. 17-30, 198-204) and the consolidation of a report (cl. 240-242):
the rules stay in the services, refusals come back in kk/ru/en naming the clause, nothing is written then, and
two people changing the same problem or risk never overwrite each other (409 with both versions)."""

from __future__ import annotations

import pytest

from jospar.analysis import services as an
from jospar.analysis.models import GoalProblem, Problem, ProblemLink, Risk, SwotItem, SwotLink
from jospar.core.models import Organization, Role
from jospar.monitoring import services as sv
from jospar.monitoring.models import Submission
from jospar.planning.models import Goal
from tests.api.conftest import api_client
from tests.conftest import member

BASE = "/api/documents/sbdp-test"


@pytest.fixture
def analysis(health_plan, people):
    """sbdp-test with an analysis: problems P1 (cause) -> P2, goal 1.1 formed on P2, a risk R1."""
    planner = people["moh_planner"]
    a = an.do_start_analysis(health_plan, development_year=2024, acting_user=planner)
    p1 = an.do_add_problem(a, text={"kk": "Дәрігерлер аз", "en": "Few doctors"}, acting_user=planner)
    p2 = an.do_add_problem(a, text={"kk": "Кезек ұзақ", "en": "Long queues"}, is_key=True, acting_user=planner)
    an.do_link_problems(p1, p2, acting_user=planner)
    an.do_link_goal_to_problem(Goal.objects.get(document=health_plan, code="1.1"), p2, acting_user=planner)
    an.do_add_risk(health_plan, title={"kk": "Қаржы тапшылығы"}, kind="external", likelihood=2, impact=4,
                   owner=Organization.objects.get(code="moh"), acting_user=planner)
    return a


def test_a_planner_adds_two_swot_items_links_and_unlinks_them_with_the_reason_in_the_history(analysis, people):
    client = api_client(people["moh_planner"])
    s1 = client.post(f"{BASE}/analysis/swot", {"category": "strength", "text": {"kk": "Кадрлар"}})
    t1 = client.post(f"{BASE}/analysis/swot", {"category": "threat", "text": {"kk": "Көші-қон"}})
    assert (s1.status_code, t1.status_code) == (201, 201)
    assert (s1.json()["code"], s1.json()["aspect"], t1.json()["code"], t1.json()["aspect"]) == (
        "S1", "internal", "T1", "external")
    linked = client.post(f"{BASE}/analysis/swot-links", {"first": "S1", "second": "T1", "note": "n"})
    assert linked.status_code == 201 and linked.json() == {"first": "S1", "second": "T1", "note": "n"}
    # either order names the same link
    assert client.send("delete", f"{BASE}/analysis/swot-links/T1/S1?reason=duplicate").status_code == 204
    assert not SwotLink.objects.exists()
    assert SwotLink.history.filter(history_type="-").get().history_change_reason == "duplicate"


def test_a_link_inside_one_swot_category_is_refused_by_cl_18_in_three_languages(analysis, people):
    client = api_client(people["moh_planner"])
    for text in ("A", "B"):
        client.post(f"{BASE}/analysis/swot", {"category": "weakness", "text": {"kk": text}})
    response = client.post(f"{BASE}/analysis/swot-links", {"first": "W1", "second": "W2"})
    assert response.status_code == 422
    [problem] = response.json()["errors"]
    assert problem["code"] == "link_refused" and "cl. 18" in problem["message"]["en"]
    assert problem["message"]["kk"] != problem["message"]["en"] != problem["message"]["ru"]
    assert not SwotLink.objects.exists()


def test_an_unknown_item_code_in_the_body_names_its_field(analysis, people):
    response = api_client(people["moh_planner"]).post(f"{BASE}/analysis/swot-links", {"first": "S9", "second": "T1"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "$.first"


def test_a_new_problem_with_its_cause_is_linked_in_the_same_write(analysis, people):
    client = api_client(people["moh_planner"])
    response = client.post(f"{BASE}/analysis/problems", {"text": {"kk": "Жабдық ескі", "en": "Old equipment"},
                                                         "cause": "P2", "relevant": True})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["code"], body["causes"], body["relevant"], body["is_key"]) == ("P3", ["P2"], True, False)
    assert response["Location"] == f"{BASE}/analysis/problems/P3"


def test_a_problem_repeating_another_is_refused_by_cl_25_and_not_written(analysis, people):
    response = api_client(people["moh_planner"]).post(f"{BASE}/analysis/problems", {"text": {"en": "few doctors!"}})
    assert response.status_code == 422
    assert "cl. 25" in response.json()["errors"][0]["message"]["en"]
    assert Problem.objects.count() == 2


def test_a_link_that_would_make_a_cycle_is_refused_with_the_cycle_named(analysis, people):
    response = api_client(people["moh_planner"]).post(f"{BASE}/analysis/problem-links",
                                                     {"cause": "P2", "effect": "P1"})
    assert response.status_code == 422
    message = response.json()["errors"][0]["message"]["en"]
    assert "cl. 26-27" in message and "P2 → P1 → P2" in message
    assert ProblemLink.objects.count() == 1


def test_two_people_changing_one_problem_the_second_gets_409_with_both_versions(analysis, people):
    first = api_client(people["moh_planner"])
    second = api_client(member("moh-head", "moh", Role.HEAD))
    read = first.get(f"{BASE}/analysis/problems/P1")
    version = read.json()["version"]
    assert read["ETag"] == f'"{version}"'
    ok = first.patch(f"{BASE}/analysis/problems/P1", {"is_key": True, "version": version, "change_reason": "key"})
    assert ok.status_code == 200 and ok.json()["is_key"] is True and ok.json()["version"] != version
    late = second.patch(f"{BASE}/analysis/problems/P1", {"text": {"en": "Too few doctors"}},
                        headers={"If-Match": f'"{version}"'})
    assert late.status_code == 409
    body = late.json()
    assert body["current"]["is_key"] is True and body["current"]["version"] == ok.json()["version"]
    assert body["yours"] == {"text": {"en": "Too few doctors"}, "version": version}
    assert Problem.objects.get(code="P1").text_en == "Few doctors"
    again = second.patch(f"{BASE}/analysis/problems/P1", {"text": {"en": "Too few doctors"},
                                                          "version": body["current"]["version"]})
    assert again.status_code == 200
    assert again.json()["text"] == {"kk": "Дәрігерлер аз", "ru": "", "en": "Too few doctors"}  # kk kept
    reasons = list(Problem.history.filter(code="P1").order_by("history_date").values_list("history_change_reason",
                                                                                          flat=True))
    assert reasons[-2:] == ["key", "Changed through the API"]


def test_changing_a_problem_without_the_version_read_is_refused_with_428(analysis, people):
    response = api_client(people["moh_planner"]).patch(f"{BASE}/analysis/problems/P1", {"is_key": True})
    assert response.status_code == 428
    assert Problem.objects.get(code="P1").is_key is False


def test_a_problem_a_goal_is_formed_on_is_deleted_only_after_the_goal_is_unlinked(analysis, people):
    client = api_client(people["moh_planner"])
    refused = client.send("delete", f"{BASE}/analysis/problems/P2")
    assert refused.status_code == 422 and "cl. 30" in refused.json()["errors"][0]["message"]["en"]
    assert Problem.objects.filter(code="P2").exists()
    assert client.send("delete", f"{BASE}/analysis/goal-problems/1.1/P2?reason=wrong").status_code == 204
    assert client.send("delete", f"{BASE}/analysis/problems/P2?reason=merged").status_code == 204
    assert list(Problem.objects.values_list("code", flat=True)) == ["P1"]
    assert not ProblemLink.objects.exists()  # its cause-and-effect link went with it, in the history
    assert ProblemLink.history.filter(history_type="-").get().history_change_reason == "merged"


def test_a_goal_is_linked_to_a_problem_once(analysis, people):
    client = api_client(people["moh_planner"])
    assert client.post(f"{BASE}/analysis/goal-problems", {"goal": "1.1", "problem": "P1"}).status_code == 201
    again = client.post(f"{BASE}/analysis/goal-problems", {"goal": "1.1", "problem": "P1"})
    assert again.status_code == 422 and "already" in again.json()["errors"][0]["message"]["en"]
    assert GoalProblem.objects.count() == 2
    assert client.send("delete", f"{BASE}/analysis/problem-links/P1/P2").status_code == 204
    assert client.send("delete", f"{BASE}/analysis/problem-links/P1/P2").status_code == 404


def test_a_risk_is_changed_with_its_version_and_a_stale_change_gets_409(analysis, people):
    client = api_client(people["moh_planner"])
    version = client.patch(f"{BASE}/risks/R1", {"version": "stale"}).json()["current"]["version"]
    changed = client.patch(f"{BASE}/risks/R1", {"title": {"kk": "Бюджет тапшылығы"}, "goals": ["1.1"],
                                                "kind": "internal", "version": version})
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["title"]["kk"], body["goals"], body["kind"], body["likelihood"]) == (
        "Бюджет тапшылығы", ["1.1"], "internal", 2)
    late = client.patch(f"{BASE}/risks/R1", {"kind": "external", "version": version})
    assert late.status_code == 409 and late.json()["current"]["kind"] == "internal"
    assert Risk.objects.get().kind == "internal"


def test_an_empty_risk_title_is_refused_by_cl_198(analysis, people):
    client = api_client(people["moh_planner"])
    version = client.patch(f"{BASE}/risks/R1", {"version": "x"}).json()["current"]["version"]
    response = client.patch(f"{BASE}/risks/R1", {"title": {"kk": ""}, "version": version})
    assert response.status_code == 422 and "cl. 198" in response.json()["errors"][0]["message"]["en"]
    assert Risk.objects.get().title_kk == "Қаржы тапшылығы"


def test_a_reviewed_risk_is_not_deleted_but_an_unreviewed_one_is(analysis, people):
    client = api_client(people["moh_planner"])
    risk = Risk.objects.get()
    an.do_review_risk(risk, likelihood=3, impact=4, acting_user=people["moh_planner"])
    refused = client.send("delete", f"{BASE}/risks/R1")
    assert refused.status_code == 422 and "cl. 199-203" in refused.json()["errors"][0]["message"]["en"]
    risk.reviews.all().delete()
    assert client.send("delete", f"{BASE}/risks/R1?reason=obsolete").status_code == 204
    assert not Risk.objects.exists()


def test_who_may_write_the_analysis_viewer_403_other_body_403_unseen_404_anonymous_401(analysis, people):
    body = {"category": "strength", "text": {"kk": "x"}}
    assert api_client(people["moh_viewer"]).post(f"{BASE}/analysis/swot", body).status_code == 403
    assert api_client(people["mci_planner"]).post(f"{BASE}/analysis/swot", body).status_code == 403  # published
    assert api_client(people["edu_planner"]).patch(f"{BASE}/risks/R1", {"version": "x"}).status_code == 403
    assert api_client().post(f"{BASE}/analysis/swot", body).status_code == 401
    assert not SwotItem.objects.exists()


def test_a_restricted_analysis_section_hides_the_analysis_from_outsiders(analysis, people, health_plan):
    health_plan.sections.update_or_create(key="analysis", defaults={"confidentiality": "official_use"})
    assert api_client(people["mci_planner"]).get(f"{BASE}/analysis").status_code == 404
    assert api_client(people["mci_planner"]).get(f"{BASE}/analysis/problems/P1").status_code == 404
    assert api_client(people["moh_viewer"]).get(f"{BASE}/analysis/problems/P1").status_code == 200


# ----------------------------------------------------------------------------------------- consolidation

REPORT = "/api/monitoring/reports/sbdp-test/2025"


def test_the_developer_consolidates_the_accepted_information_of_its_co_executor(health_plan, people):
    moh = people["moh_planner"]
    sv.do_open_reporting_period(health_plan, 2025, acting_user=moh)
    edu_head = member("edu-head", "edu", Role.HEAD)
    assert api_client(people["edu_planner"]).put(REPORT, {"indicators": [{"code": "TI-1", "fact": "75.3"}]}
                                                 ).status_code == 200
    info = Submission.objects.get(organization__code="edu")
    sv.do_submit_report(info, acting_user=edu_head)
    sv.do_accept_report(Submission.objects.get(pk=info.pk), acting_user=moh)
    response = api_client(moh).post(f"{REPORT}/consolidate", {"change_reason": "annual report"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["merged_from"], body["missing"], body["conflicts"]) == (["edu"], [], [])
    report = body["submission"]
    assert (report["organization"], report["level"], report["status"]) == ("moh", "report", "draft")
    assert [(x["code"], x["fact"]) for x in report["indicators"]] == [("TI-1", "75.3")]


def test_consolidation_lists_a_co_executor_not_yet_accepted_as_missing(health_plan, people):
    sv.do_open_reporting_period(health_plan, 2025, acting_user=people["moh_planner"])
    body = api_client(people["moh_planner"]).post(f"{REPORT}/consolidate", {}).json()
    assert (body["merged_from"], body["missing"], body["submission"]["indicators"]) == ([], ["edu"], [])


def test_consolidation_is_for_the_developers_writers_and_needs_an_open_period(health_plan, people):
    assert api_client(people["moh_planner"]).post(f"{REPORT}/consolidate", {}).status_code == 409  # not open
    sv.do_open_reporting_period(health_plan, 2025, acting_user=people["moh_planner"])
    assert api_client(people["edu_planner"]).post(f"{REPORT}/consolidate", {}).status_code == 403
    assert api_client(people["moh_viewer"]).post(f"{REPORT}/consolidate", {}).status_code == 403
    assert not Submission.objects.exists()


def test_a_submitted_report_is_not_consolidated_again(health_plan, people):
    moh = people["moh_planner"]
    sv.do_open_reporting_period(health_plan, 2025, acting_user=moh)
    api_client(moh).put(REPORT, {"indicators": [{"code": "TI-1", "fact": "75.2"}]})
    sv.do_submit_report(Submission.objects.get(), acting_user=member("moh-head", "moh", Role.HEAD))
    response = api_client(moh).post(f"{REPORT}/consolidate", {})
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "wrong_status"
