"""Proposals from operational monitoring (cl. 237-238; decisions P1-P6 of monitoring/proposals.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from jospar.monitoring import proposals as pr
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.monitoring.models import Obligation, OperationalProposal, ProposalLine, ProposalStatus

from .ndp import member, ndp_with_users, org

LINE = {"indicator": "SI-1", "addressee": "moh", "risk": "Q1 life expectancy below plan (99.60 %)",
        "action": "Bring forward the flu vaccination campaign"}
CENTRE = "Reform monitoring note of the Centre, April 2025"


@pytest.fixture
def q1(reference):
    document, users = ndp_with_users()
    users["aspr"] = member("n-aspr", "aspr", "planner")
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"], quarter=1).period
    return document, users, period


def _accept_moh_q1(period, users):
    sub = sv.do_save_report(period, org("moh"), parse_report(
        {"indicators": [{"code": "SI-1", "fact": "74.5", "reason": "cold January"}]}), acting_user=users["moh"])
    sv.do_submit_report(sub, acting_user=users["moh_head"])
    sv.do_accept_report(sub, acting_user=users["mne"])


def test_opening_a_quarter_adds_the_cl_238_obligation_of_the_strategic_planning_body_without_deadline(q1):
    document, users, period = q1
    ob = Obligation.objects.get(period=period, rule_id="ndp.operational_proposals")
    assert (ob.reporter.code, ob.recipient.code, ob.clause, ob.due, ob.status(date(2025, 5, 1))) == (
        "aspr", "ap", "cl. 238", None, "no_deadline")
    annual = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    assert not annual.obligations.filter(rule_id="ndp.operational_proposals").exists()  # it follows the quarters


def test_the_strategic_planning_body_sends_its_proposals_to_the_presidents_administration(q1):
    _document, users, period = q1
    _accept_moh_q1(period, users)
    draft = pr.do_save_proposal(period, {"lines": [LINE], "analytical_centre_info": CENTRE,
                                         "summary": "One indicator below its Q1 plan."}, acting_user=users["aspr"])
    assert (draft.status, draft.author.code, draft.recipient.code) == ("draft", "aspr", "ap")
    sent = pr.do_send_proposal(draft, acting_user=users["aspr"], at=datetime(2025, 4, 20, 6, 0, tzinfo=UTC))
    assert (sent.status, sent.sent_by, sent.content_hash == pr.content_hash(sent)) == ("sent", users["aspr"], True)
    line = sent.lines.get()
    assert (line.order, line.indicator.code, line.addressee.code, line.action) == (
        1, "SI-1", "moh", "Bring forward the flu vaccination campaign")
    ob = Obligation.objects.get(period=period, rule_id="ndp.operational_proposals")
    assert (ob.fulfilled_on, ob.status(date(2025, 5, 1))) == (date(2025, 4, 20), "fulfilled")  # P4, Asia/Almaty
    assert sent.history.first().history_change_reason == "sent to the Administration of the President (cl. 238)"


def test_sending_needs_lines_the_analytical_centre_and_an_accepted_quarterly_report(q1):
    _document, users, period = q1
    draft = pr.do_save_proposal(period, {"lines": []}, acting_user=users["aspr"])
    with pytest.raises(sv.MonitoringRefused) as exc:
        pr.do_send_proposal(draft, acting_user=users["aspr"])
    assert [p.split(":")[0] for p in exc.value.problems] == [
        "lines", "analytical_centre_info", "No quarterly report of ndp-test 2025 Q1 is accepted yet"]
    assert "cl. 237" in exc.value.problems[0] and "cl. 238" in exc.value.problems[1]
    assert "cl. 236, 238" in exc.value.problems[2]
    draft.refresh_from_db()
    assert draft.status == ProposalStatus.DRAFT and draft.sent_at is None


def test_bad_lines_are_refused_naming_the_line_and_field_and_nothing_is_written(q1):
    _document, users, period = q1
    bad = [LINE, {"indicator": "SI-9", "risk": "", "action": "x"}, {"addressee": "nobody", "risk": "r", "action": " "}]
    with pytest.raises(sv.MonitoringRefused) as exc:
        pr.do_save_proposal(period, {"lines": bad}, acting_user=users["aspr"])
    assert [p.split(":")[0] for p in exc.value.problems] == [
        "lines[2].risk", "lines[2].indicator", "lines[3].action", "lines[3].addressee"]
    assert "no indicator SI-9 in ndp-test" in exc.value.problems[1]
    with pytest.raises(sv.MonitoringRefused, match=r"unknown field\(s\) colour"):
        pr.do_save_proposal(period, {"lines": [{**LINE, "colour": "red"}]}, acting_user=users["aspr"])
    assert not OperationalProposal.objects.exists() and not ProposalLine.objects.exists()


def test_only_the_strategic_planning_body_prepares_proposals_and_only_for_a_quarter_of_the_plan(q1):
    document, users, period = q1
    for who in ("moh", "mne"):  # an executor; the state planning body (cl. 238 names the strategic one)
        with pytest.raises(sv.MonitoringRefused, match=r"only the planners and the head of the authorized body for "
                                                       r"strategic planning .* \(cl. 238\)"):
            pr.do_save_proposal(period, {"lines": [LINE]}, acting_user=users[who])
    annual = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    with pytest.raises(sv.MonitoringRefused, match=r"follow a quarter of the National Development Plan \(cl. 234-238\)"):
        pr.do_save_proposal(annual, {"lines": [LINE]}, acting_user=users["aspr"])
    assert not OperationalProposal.objects.exists()


def test_sent_proposals_are_final(q1):
    _document, users, period = q1
    _accept_moh_q1(period, users)
    proposal = pr.do_save_proposal(period, {"lines": [LINE], "analytical_centre_info": CENTRE},
                                   acting_user=users["aspr"])
    pr.do_send_proposal(proposal, acting_user=users["aspr"])
    with pytest.raises(sv.MonitoringRefused, match=r"were sent on .* are not changed; .*decision P5"):
        pr.do_save_proposal(period, {"lines": []}, acting_user=users["aspr"])
    with pytest.raises(sv.MonitoringRefused, match="already sent"):
        pr.do_send_proposal(proposal, acting_user=users["aspr"])
    assert ProposalLine.objects.count() == 1


def test_suggested_lines_start_from_the_indicators_not_achieved_in_the_quarter(q1):
    _document, users, period = q1
    assert pr.suggested_lines(period) == []  # nothing reported yet
    _accept_moh_q1(period, users)
    # 74.5 / 74.8 x 100 = 99.60 % (partially achieved): one line, addressed to the responsible body
    assert pr.suggested_lines(period) == [pr.LineIn(
        risk="Q1: plan 74.8, fact 74.5 (99.6 %); cold January", action="", indicator="SI-1", addressee="moh")]


def test_the_proposals_page_saves_and_a_refused_sending_writes_nothing(q1, client):
    _document, users, period = q1
    url = "/en/documents/ndp-test/proposals/2025/q1/"
    client.force_login(users["aspr"])
    html = client.get(url + "?suggest=1").content.decode()
    assert "cl. 238 sets no date" in html and 'name="line-1-risk"' in html
    form = {"line-1-indicator": "SI-1", "line-1-addressee": "moh", "line-1-risk": LINE["risk"],
            "line-1-action": LINE["action"], "analytical_centre_info": CENTRE, "summary": "s"}
    refused = client.post(url, {**form, "action": "send"})  # no accepted quarterly report yet (P2)
    assert refused.status_code == 200 and "No quarterly report of ndp-test 2025 Q1 is accepted yet" in \
        refused.content.decode()
    assert not OperationalProposal.objects.exists()
    assert client.post(url, {**form, "action": "save"}).status_code == 302
    assert OperationalProposal.objects.get().lines.get().risk == LINE["risk"]
    _accept_moh_q1(period, users)
    assert client.post(url, {**form, "action": "send"}).status_code == 302
    assert OperationalProposal.objects.get().status == ProposalStatus.SENT
    html = client.get(url).content.decode()
    assert "content matches what was sent" in html and 'name="line-1-risk"' not in html


def test_an_executor_sees_no_proposals_page_and_the_recipient_sees_sent_proposals(q1, client):
    _document, users, period = q1
    client.force_login(users["moh"])
    assert client.get("/en/documents/ndp-test/proposals/2025/q1/").status_code == 403
    assert client.post("/en/documents/ndp-test/proposals/2025/q1/", {"action": "save"}).status_code == 403
    _accept_moh_q1(period, users)
    proposal = pr.do_save_proposal(period, {"lines": [LINE], "analytical_centre_info": CENTRE},
                                   acting_user=users["aspr"])
    pr.do_send_proposal(proposal, acting_user=users["aspr"])
    client.force_login(member("n-ap", "ap", "viewer"))
    html = client.get("/en/documents/ndp-test/proposals/2025/q1/").content.decode()
    assert "Bring forward the flu vaccination campaign" in html


def test_a_draft_is_not_shown_to_the_state_planning_body_until_it_is_sent(q1, client):
    _document, users, period = q1
    pr.do_save_proposal(period, {"lines": [LINE]}, acting_user=users["aspr"])
    client.force_login(users["mne"])
    html = client.get("/en/documents/ndp-test/proposals/2025/q1/").content.decode()
    assert "No proposals have been prepared for this quarter yet." in html and LINE["action"] not in html
