"""Monitoring submissions over the API: the ch. 4 cycle (save, sign, return, accept, reopen) with the rules of
jospar.monitoring.services, permissions first (403), state next (409), the services' refusals as 422 in kk/ru/en."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jospar.core.models import Role
from jospar.monitoring import services as sv
from jospar.monitoring.models import Submission
from jospar.planning.models import IndicatorValue
from tests.api.conftest import api_client
from tests.conftest import member


@pytest.fixture
def cycle(health_plan):
    """sbdp-test with 2025 open; people of the developer (moh), co-executor (edu), state planning (mne)."""
    people = {
        "moh_planner": member("moh-planner", "moh", Role.PLANNER),
        "moh_head": member("moh-head", "moh", Role.HEAD),
        "edu_planner": member("edu-planner", "edu", Role.PLANNER),
        "edu_head": member("edu-head", "edu", Role.HEAD),
        "mne_planner": member("mne-planner", "mne", Role.PLANNER),
        "mci_planner": member("mci-planner", "mci", Role.PLANNER),
    }
    sv.do_open_reporting_period(health_plan, 2025, acting_user=people["moh_planner"])
    return people


URL = "/api/monitoring/reports/sbdp-test/2025"


def test_a_co_executor_saves_its_information_and_sees_it_with_its_lines(cycle):
    client = api_client(cycle["edu_planner"])
    response = client.put(URL, {"indicators": [{"code": "TI-1", "fact": "75.3", "reason": ""}]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["level"], body["organization"], body["recipient"], body["status"]) == (
        "co_executor", "edu", "moh", "draft")
    assert body["indicators"] == [{"code": "TI-1", "plan": "75.1", "corrected_plan": None, "fact": "75.3",
                                   "reason": ""}]
    again = client.get(f"/api/monitoring/submissions/{body['id']}")
    assert again.status_code == 200 and again.json()["indicators"][0]["fact"] == "75.3"
    assert again.headers["ETag"] == f'"{body["version"]}"'


def test_a_co_executor_may_not_report_an_indicator_it_does_not_serve_and_nothing_is_written(cycle):
    client = api_client(cycle["edu_planner"])
    response = client.put(URL, {"indicators": [{"code": "TI-1", "fact": "75.3"},
                                               {"code": "RI-1", "fact": "11"}]})
    assert response.status_code == 422
    [problem] = response.json()["errors"]
    assert problem["path"] == "$.indicators[1]"
    assert problem["code"] == "report_refused"
    assert "cl. 42, 55" in problem["message"]["en"] and "RI-1" in problem["message"]["en"]
    assert problem["message"]["ru"] != problem["message"]["en"] and problem["message"]["kk"] != problem["message"]["en"]
    assert not Submission.objects.exists()


def test_signing_without_the_reason_for_a_missed_plan_is_refused_with_the_clause_in_three_languages(cycle):
    api_client(cycle["moh_planner"]).put(URL, {"indicators": [{"code": "TI-1", "fact": "74.0"}]})
    sub = Submission.objects.get()
    response = api_client(cycle["moh_head"]).post(f"/api/monitoring/submissions/{sub.pk}/submit", {})
    assert response.status_code == 422
    [problem] = response.json()["errors"]
    assert problem["path"] == "$.indicators[0].reason"  # the first line of the submission, as GET shows it
    assert "cl. 225(2)" in problem["message"]["en"] and "225-тармақ" in problem["message"]["kk"]
    assert "п. 225" in problem["message"]["ru"] or "225" in problem["message"]["ru"]
    assert Submission.objects.get().status == "draft"


def test_only_the_first_head_signs_and_a_planner_gets_403(cycle):
    api_client(cycle["moh_planner"]).put(URL, {"indicators": [{"code": "TI-1", "fact": "75.2"}]})
    sub = Submission.objects.get()
    assert api_client(cycle["moh_planner"]).post(f"/api/monitoring/submissions/{sub.pk}/submit", {}).status_code == 403
    signed = api_client(cycle["moh_head"]).post(f"/api/monitoring/submissions/{sub.pk}/submit", {})
    assert signed.status_code == 200
    assert signed.json()["status"] == "submitted" and signed.json()["signature_valid"] is True
    assert len(signed.json()["content_hash"]) == 64


def test_the_authorized_body_returns_then_accepts_and_the_facts_reach_the_plan(cycle):
    planner, head, authority = (api_client(cycle[k]) for k in ("moh_planner", "moh_head", "mne_planner"))
    planner.put(URL, {"indicators": [{"code": "TI-1", "fact": "75.2"}]})
    pk = Submission.objects.get().pk
    head.post(f"/api/monitoring/submissions/{pk}/submit", {})
    inbox = authority.get("/api/monitoring/inbox").json()
    assert [s["id"] for s in inbox["items"]] == [pk] and inbox["count"] == 1
    refused = authority.post(f"/api/monitoring/submissions/{pk}/return", {"comments": "  "})
    assert refused.status_code == 422 and refused.json()["errors"][0]["path"] == "$.comments"
    returned = authority.post(f"/api/monitoring/submissions/{pk}/return", {"comments": "explain the fact"})
    assert returned.json()["status"] == "returned" and returned.json()["comments"] == "explain the fact"
    assert authority.post(f"/api/monitoring/submissions/{pk}/accept", {}).status_code == 409
    head.post(f"/api/monitoring/submissions/{pk}/submit", {})
    accepted = authority.post(f"/api/monitoring/submissions/{pk}/accept", {})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    value = IndicatorValue.objects.get(indicator__code="TI-1", year=2025, quarter=0)
    assert str(value.fact) == "75.2000"
    locked = planner.put(URL, {"indicators": [{"code": "TI-1", "fact": "76"}]})
    assert locked.status_code == 409 and locked.json()["errors"][0]["code"] == "wrong_status"
    no_reason = authority.post(f"/api/monitoring/submissions/{pk}/reopen", {"reason": ""})
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["path"] == "$.reason"
    reopened = authority.post(f"/api/monitoring/submissions/{pk}/reopen", {"reason": "Statistics revised"})
    assert reopened.json()["status"] == "returned" and reopened.json()["reopen_reason"] == "Statistics revised"


def test_a_draft_is_seen_only_by_its_organization_and_another_body_may_not_decide(cycle):
    api_client(cycle["moh_planner"]).put(URL, {"indicators": [{"code": "TI-1", "fact": "75.2"}]})
    pk = Submission.objects.get().pk
    assert api_client(cycle["mne_planner"]).get(f"/api/monitoring/submissions/{pk}").status_code == 404
    assert api_client(cycle["mci_planner"]).get(f"/api/monitoring/submissions/{pk}").status_code == 404
    api_client(cycle["moh_head"]).post(f"/api/monitoring/submissions/{pk}/submit", {})
    assert api_client(cycle["mne_planner"]).get(f"/api/monitoring/submissions/{pk}").status_code == 200
    assert api_client(cycle["edu_planner"]).post(f"/api/monitoring/submissions/{pk}/accept", {}).status_code == 404
    assert api_client(cycle["moh_planner"]).post(f"/api/monitoring/submissions/{pk}/accept", {}).status_code == 403
    assert api_client(None).get(f"/api/monitoring/submissions/{pk}").status_code == 401


def test_two_people_saving_from_the_same_version_the_second_gets_409_with_both_versions(cycle):
    first, second = api_client(cycle["moh_planner"]), api_client(member("moh-planner-2", "moh", Role.PLANNER))
    version = first.put(URL, {"indicators": [{"code": "TI-1", "fact": "75.2"}]}).json()["version"]
    assert first.put(URL, {"indicators": [{"code": "TI-1", "fact": "75.4"}], "version": version}).status_code == 200
    late = second.put(URL, {"indicators": [{"code": "TI-1", "fact": "70"}]}, headers={"If-Match": f'"{version}"'})
    assert late.status_code == 409
    body = late.json()
    assert body["current"]["indicators"][0]["fact"] == "75.4" and body["yours"] == {"version": version}
    assert Submission.objects.get().indicator_lines.get().fact == Decimal("75.4")


def test_my_obligations_list_what_my_organization_reports_with_the_clause(cycle):
    body = api_client(cycle["edu_planner"]).get("/api/monitoring/obligations", headers={"Accept-Language": "ru"})
    assert body.status_code == 200
    rows = body.json()["items"]
    assert rows and {r["reporter"] for r in rows} == {"edu"}
    assert all(r["document"] == "sbdp-test" and r["year"] == 2025 for r in rows)
    assert any("соисполнител" in r["label"] for r in rows)


def test_a_period_that_is_not_open_is_a_409_naming_the_command_to_open_it(cycle):
    response = api_client(cycle["moh_planner"]).put("/api/monitoring/reports/sbdp-test/2026", {})
    assert response.status_code == 409
    assert "jospar monitoring open sbdp-test 2026" in response.json()["errors"][0]["message"]["en"]


def test_text_with_a_nul_character_is_a_422_not_a_server_error(cycle):
    response = api_client(cycle["moh_planner"]).put(URL, {"indicators": [{"code": "TI-1", "reason": "a\x00b"}]})
    assert response.status_code == 422
