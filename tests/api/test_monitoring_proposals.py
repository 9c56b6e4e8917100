"""The quarterly roll-up and the operational proposals over the API (cl. 234-238; decisions W6 of the pages and
P1-P6 of jospar/monitoring/proposals.py): 403/404 like the pages, drafts with If-Match (409 with both versions,
428 without), the services' refusals as 422 in kk/ru/en with the JSON path of the field."""

from __future__ import annotations

import pytest

from jospar.monitoring import proposals as pr
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.monitoring.models import OperationalProposal, ProposalLine
from tests.api.conftest import api_client
from tests.monitoring.ndp import member, ndp_with_users, org

URL = "/api/monitoring/proposals/ndp-test/2025/1"
LINE = {"indicator": "SI-1", "addressee": "moh", "risk": "Q1 life expectancy below plan (99.6 %)",
        "action": "Bring forward the flu vaccination campaign"}
CENTRE = "Reform monitoring note of the Centre, April 2025"


@pytest.fixture
def q1(reference):
    """ndp-test with 2025 Q1 open; aspr = the authorized body for strategic planning; moh's Q1 report accepted
    with SI-1 fact 74.5 against the Q1 plan 74.8 (74.5 / 74.8 × 100 = 99.598... shown as 99.6 -> partially achieved)."""
    document, users = ndp_with_users()
    users["aspr"] = member("n-aspr", "aspr", "planner")
    users["aspr_viewer"] = member("n-aspr-viewer", "aspr", "viewer")
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"], quarter=1).period
    sub = sv.do_save_report(period, org("moh"), parse_report(
        {"indicators": [{"code": "SI-1", "fact": "74.5", "reason": "cold January"}]}), acting_user=users["moh"])
    sv.do_submit_report(sub, acting_user=users["moh_head"])
    sv.do_accept_report(sub, acting_user=users["mne"])
    return document, users, period


def test_the_quarterly_roll_up_shows_each_cell_with_its_calculation(q1):
    _document, users, _period = q1
    response = api_client(users["mne"]).get("/api/monitoring/quarterly/ndp-test/2025", lang="en")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["open_quarters"] == [1] and body["proposals"] == {}
    [group] = body["groups"]
    assert group["body"]["code"] == "moh" and group["reports"] == {"1": "accepted"}
    [row] = group["indicators"]
    q1_cell = row["cells"][0]
    assert (row["code"], q1_cell["plan"], q1_cell["fact"], q1_cell["source"], q1_cell["reported_by"]) == (
        "SI-1", "74.8", "74.5", "report", "moh")
    assert q1_cell["status"] == "partially_achieved" and q1_cell["clause"]
    calc = q1_cell["achievement"]
    assert calc["value"] == "99.6" and calc["inputs"]["plan"] == "74.8" and calc["inputs"]["fact"] == "74.5"
    assert [c["status"] for c in row["cells"][1:]] == ["not_assessable"] * 3  # no plan in Q2-Q4 (decision Q1)
    total = body["totals"][0]
    assert (total["planned"], total["assessed"], total["achieved"]) == (1, 1, 0)


def test_the_quarterly_roll_up_is_refused_to_an_executor_and_to_other_documents(q1, health_plan):
    _document, users, _period = q1
    assert api_client(users["edu"]).get("/api/monitoring/quarterly/ndp-test/2025").status_code == 403
    other = api_client(users["mne"]).get(f"/api/monitoring/quarterly/{health_plan.code}/2025")
    assert other.status_code == 422 and "cl. 234" in other.json()["errors"][0]["message"]["en"]
    assert api_client(users["mne"]).get("/api/monitoring/quarterly/ndp-test/2040").status_code == 422
    assert api_client(users["mne"]).get("/api/monitoring/quarterly/nothing-here/2025").status_code == 404


def test_the_strategic_planning_body_drafts_then_sends_its_proposals_with_versions(q1):
    _document, users, period = q1
    client = api_client(users["aspr"])
    empty = client.get(URL)
    assert empty.status_code == 200 and (empty.json()["status"], empty.json()["may_edit"]) == ("none", True)
    created = client.put(URL, {"lines": [LINE], "summary": "One indicator below its Q1 plan."})
    assert created.status_code == 200, created.content
    body = created.json()
    assert (body["status"], body["author"], body["recipient"], body["lines"][0]["order"]) == ("draft", "aspr", "ap", 1)
    assert created.headers["ETag"] == f'"{body["version"]}"'
    without = client.put(URL, {"lines": [LINE]})
    assert without.status_code == 428 and without.json()["errors"][0]["code"] == "version_required"
    changed = client.put(URL, {"lines": [LINE], "analytical_centre_info": CENTRE},
                         headers={"If-Match": created.headers["ETag"]})
    assert changed.status_code == 200 and changed.json()["analytical_centre_info"] == CENTRE
    stale = client.put(URL, {"lines": [], "version": body["version"]})
    assert stale.status_code == 409
    assert stale.json()["current"]["analytical_centre_info"] == CENTRE
    assert stale.json()["yours"] == {"version": body["version"]}
    sent = client.post(f"{URL}/send", {"version": changed.json()["version"]})
    assert sent.status_code == 200, sent.content
    assert (sent.json()["status"], sent.json()["signature_valid"], sent.json()["may_edit"]) == ("sent", True, False)
    assert sent.json()["content_hash"] == pr.content_hash(OperationalProposal.objects.get(period=period))
    locked = client.put(URL, {"lines": [LINE], "version": sent.json()["version"]})
    assert locked.status_code == 409 and locked.json()["errors"][0]["code"] == "wrong_status"
    assert client.post(f"{URL}/send", {}).status_code == 409
    quarterly = api_client(users["mne"]).get("/api/monitoring/quarterly/ndp-test/2025").json()
    assert quarterly["proposals"] == {"1": "sent"}


def test_sending_without_the_analytical_centre_information_is_refused_in_three_languages_with_its_path(q1):
    _document, users, _period = q1
    client = api_client(users["aspr"])
    version = client.put(URL, {"lines": [LINE]}).json()["version"]
    refused = client.post(f"{URL}/send", {}, headers={"If-Match": f'"{version}"'})
    assert refused.status_code == 422
    [problem] = refused.json()["errors"]
    assert (problem["path"], problem["code"]) == ("$.analytical_centre_info", "send_refused")
    assert "cl. 238" in problem["message"]["en"] and problem["message"]["kk"] != problem["message"]["en"]
    assert problem["message"]["ru"] != problem["message"]["en"]
    assert client.get(URL).json()["status"] == "draft"  # nothing was sent


def test_bad_lines_are_refused_with_zero_based_paths_and_nothing_is_written(q1):
    _document, users, _period = q1
    bad = [LINE, {"indicator": "SI-9", "risk": "", "action": "x"}]
    refused = api_client(users["aspr"]).put(URL, {"lines": bad, "analytical_centre_info": CENTRE})
    assert refused.status_code == 422
    assert [e["path"] for e in refused.json()["errors"]] == ["$.lines[1].risk", "$.lines[1].indicator"]
    assert "no indicator SI-9 in ndp-test" in refused.json()["errors"][1]["message"]["en"]
    unknown = api_client(users["aspr"]).put(URL, {"lines": [{**LINE, "colour": "red"}]})
    assert unknown.status_code == 422
    assert not OperationalProposal.objects.exists() and not ProposalLine.objects.exists()


def test_a_draft_is_seen_only_inside_the_strategic_planning_body_and_written_only_by_its_writers(q1):
    _document, users, _period = q1
    api_client(users["aspr"]).put(URL, {"lines": [LINE], "analytical_centre_info": CENTRE})
    assert api_client(users["mne"]).get(URL).json()["status"] == "none"  # an authorized body: not the draft (P6)
    assert api_client(users["aspr_viewer"]).get(URL).json()["status"] == "draft"
    assert api_client(users["edu"]).get(URL).status_code == 403  # an executor (W6)
    for who in ("mne", "aspr_viewer"):
        refused = api_client(users[who]).put(URL, {"lines": [LINE]})
        assert refused.status_code == 403 and "cl. 238" in refused.json()["errors"][0]["message"]["en"]
        assert api_client(users[who]).post(f"{URL}/send", {}).status_code == 403
    assert OperationalProposal.objects.get().lines.count() == 1


def test_a_quarter_that_is_not_open_or_does_not_exist_is_not_written(q1):
    _document, users, _period = q1
    client = api_client(users["aspr"])
    closed = client.put("/api/monitoring/proposals/ndp-test/2025/2", {"lines": [LINE]})
    assert closed.status_code == 409 and closed.json()["current"] == {"period_open": False}
    assert client.get("/api/monitoring/proposals/ndp-test/2025/5").status_code == 422
    assert client.post("/api/monitoring/proposals/ndp-test/2025/1/send", {}).status_code == 404  # no draft yet
    assert not OperationalProposal.objects.exists()


def test_the_suggested_lines_start_from_the_unachieved_indicators_of_the_quarter(q1):
    _document, users, _period = q1
    response = api_client(users["aspr"]).get(f"{URL}/suggested", lang="en")
    assert response.status_code == 200, response.content
    [line] = response.json()["lines"]
    assert (line["indicator"], line["addressee"], line["action"]) == ("SI-1", "moh", "")
    assert line["risk"].startswith("Q1: plan 74.8, fact 74.5 (99.6 %)")
    assert line["risk"].endswith("cold January")


def test_suggestions_are_offered_before_the_quarter_is_open_and_only_for_quarters_with_a_plan(q1):
    _document, users, _period = q1
    response = api_client(users["aspr"]).get("/api/monitoring/proposals/ndp-test/2025/2/suggested")
    assert response.status_code == 200 and response.json()["lines"] == []  # Q2 has no plan (decision Q1)
    assert api_client(users["edu"]).get(f"{URL}/suggested").status_code == 403  # an executor (W6)
