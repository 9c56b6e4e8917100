"""The monitoring pages for the quarterly flow, several responsible bodies, prefill and the whole period."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.monitoring.models import IndicatorReport, Submission, SubmissionLevel
from jospar.monitoring.prefill import stored_values

from .ndp import ndp_with_users, org


@pytest.fixture
def ndp(reference):
    return ndp_with_users()


def test_the_quarter_page_lists_the_executors_own_indicators_without_money_and_saves_to_the_quarter(ndp, client):
    document, users = ndp
    sv.do_open_reporting_period(document, 2025, acting_user=users["mne"], quarter=1)
    client.force_login(users["moh"])
    url = "/en/documents/ndp-test/report/2025/q1/"
    html = client.get(url).content.decode()
    assert "Operational results for Q1 2025" in html and "cl. 234-237" in html
    assert 'name="ind-' in html and "SI-1" in html and "SI-2. " not in html  # SI-2 is edu's
    assert 'id="financing"' not in html and "satisfaction_value" not in html  # M9
    fact = next(k for k in _fields(html) if k.endswith("-fact"))
    response = client.post(url, {"org": "moh", "action": "save", fact: "74.9", fact[:-4] + "reason": ""})
    assert response.status_code == 302
    line = IndicatorReport.objects.get()
    assert (line.submission.period.quarter, line.plan, line.fact) == (1, D("74.8"), D("74.9"))
    html = client.get(url).content.decode()
    assert "100.13 %" in html  # 74.9 / 74.8 x 100 = 100.1336... (cl. 236-237, the Q1 plan exists)


def _fields(html: str) -> list[str]:
    import re

    return re.findall(r'name="((?:ind|mea|fin)-\d+-[a-z_]+)"', html)


def test_the_report_starts_from_the_stored_facts_and_money_marked_as_stored(ndp, client):
    document, users = ndp
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    stored = stored_values(period)
    assert [(s.values["fact"], s.values["reason"], s.source) for s in stored.indicators.values()] == [
        (D("75.0"), "flu season", "2025")]  # SI-1 as imported; SI-2 has no fact
    assert [s.values["absorbed"] for s in stored.financing.values()] == [D("1400")]
    client.force_login(users["moh"])
    html = client.get("/en/documents/ndp-test/report/2025/?org=moh").content.decode()
    assert 'value="75"' in html and 'value="1400"' in html
    assert "stored · 2025" in html and "2 lines are prefilled from the values already stored" in html
    # P1: a saved line wins over the stored value
    sv.do_save_report(period, org("moh"), parse_report({"indicators": [{"code": "SI-1", "fact": "74"}]}),
                      acting_user=users["moh"])
    html = client.get("/en/documents/ndp-test/report/2025/?org=moh").content.decode()
    assert 'value="74"' in html and 'value="75"' not in html and "1 line is prefilled" in html


def test_a_measure_starts_from_the_last_accepted_report_before_the_period(ndp):
    document, users = ndp
    q1 = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"], quarter=1).period
    sub = sv.do_save_report(q1, org("moh"), parse_report({"measures": [
        {"code": "M-1", "long_term": True, "fact_quantity": "5", "reason": "first sites"}]}), acting_user=users["moh"])
    sv.do_accept_report(sv.do_submit_report(sub, acting_user=users["moh_head"]), acting_user=users["mne"])
    year = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    q2 = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"], quarter=2).period
    for period in (year, q2):
        (stored,) = stored_values(period).measures.values()
        assert (stored.values["long_term"], stored.values["fact_quantity"], stored.source, stored.kind) == (
            True, D("5"), "2025 Q1", "report")
    assert stored_values(q1).measures == {}  # nothing before Q1


def test_a_co_executor_serving_two_bodies_picks_the_report_and_the_inbox_links_to_it(ndp, client):
    document, users = ndp
    sv.do_open_reporting_period(document, 2025, acting_user=users["mne"])
    client.force_login(users["edu"])
    inbox = client.get("/en/inbox/").content.decode()
    assert "/en/documents/ndp-test/report/2025/?org=edu&amp;to=moh" in inbox  # cl. 240
    html = client.get("/en/documents/ndp-test/report/2025/?org=edu&to=moh").content.decode()
    assert "Co-executor's information to Ministry of Health" in html and 'name="to" value="moh"' in html
    assert "SI-1. " in html and "SI-2. " not in html
    fact = next(k for k in _fields(html) if k.endswith("-fact"))
    client.post("/en/documents/ndp-test/report/2025/", {"org": "edu", "to": "moh", "action": "save", fact: "75"})
    sub = Submission.objects.get()
    assert (sub.organization.code, sub.level, sub.recipient.code) == ("edu", SubmissionLevel.CO_EXECUTOR, "moh")


def test_the_whole_period_page_shows_every_year_and_the_final_year(ndp, client):
    _document, users = ndp
    client.force_login(users["mne"])
    html = client.get("/en/documents/ndp-test/final-report/").content.decode()
    assert "Final report over the whole period 2025-2029" in html and 'id="final-SI-1"' in html
    assert "Years without an accepted report: 2025, 2026, 2027, 2028, 2029" in html
    client.force_login(users["mlsp"])
    assert client.get("/en/documents/ndp-test/final-report/").status_code == 403
