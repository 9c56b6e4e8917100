"""The quarterly roll-up of the National Plan (cl. 234-237; decisions Q1-Q3 of monitoring/quarterly.py)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from jospar.interchange.services import do_import_document
from jospar.monitoring import quarterly as qr
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.planning.models import Indicator, IndicatorValue

from .ndp import member, ndp_payload, ndp_with_users, org


def _report(period, code, fact, users, body, reason="", accept=True):
    sub = sv.do_save_report(period, org(body), parse_report(
        {"indicators": [{"code": code, "fact": fact, "reason": reason}]}), acting_user=users[body])
    sv.do_submit_report(sub, acting_user=users[f"{body}_head"])
    if accept:
        sv.do_accept_report(sub, acting_user=users["mne"])


@pytest.fixture
def year_2025(reference):
    """SI-1 (moh): Q1 plan 74.8, fact 74.5 accepted; Q2 plan 75.0, fact 75.3 stored without a report.
    SI-2 (edu): Q1 plan 12.0, fact 12.0 submitted, not accepted."""
    document, users = ndp_with_users()
    si1, si2 = (Indicator.objects.get(document=document, code=c) for c in ("SI-1", "SI-2"))
    IndicatorValue.objects.create(indicator=si1, year=2025, quarter=2, plan=D("75.0"), fact=D("75.3"))
    IndicatorValue.objects.create(indicator=si2, year=2025, quarter=1, plan=D("12.0"))
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"], quarter=1).period
    _report(period, "SI-1", "74.5", users, "moh", reason="cold January")
    _report(period, "SI-2", "12.0", users, "edu", accept=False)
    return document, users, period


def test_each_quarter_counts_only_accepted_or_stored_facts_by_responsible_body(year_2025):
    document, _users, _period = year_2025
    rollup = qr.load(document, 2025)
    assert [g.key[0] for g in rollup.groups] == ["edu", "moh"]
    edu, moh = rollup.groups
    si1 = moh.rows[0].cells
    # Q1: 74.5 / 74.8 x 100 = 99.5989... -> 99.60, partially achieved (>= 90, < 100)
    assert (si1[1].source, si1[1].reported_by, si1[1].achievement.value, si1[1].status) == (
        "report", "moh", D("99.60"), "partially_achieved")
    # Q2: 75.3 / 75.0 x 100 = 100.40, achieved; the fact was stored without a report (Q2)
    assert (si1[2].source, si1[2].achievement.value, si1[2].status) == ("stored", D("100.40"), "achieved")
    assert si1[3].status == "not_assessable" and si1[3].plan is None  # no Q3 plan (Q1)
    si2 = edu.rows[0].cells[1]
    assert (si2.source, si2.reported_by, si2.fact, si2.status) == ("pending", "edu", None, "not_assessable")
    assert (edu.report_status, moh.report_status) == ({1: "submitted"}, {1: "accepted"})
    q1, q2, q3 = rollup.totals[1], rollup.totals[2], rollup.totals[3]
    assert (q1.planned, q1.assessed, q1.achieved, q1.average.value, q1.share.value) == (2, 1, 0, D("99.60"), D("0.00"))
    assert (q2.planned, q2.assessed, q2.achieved, q2.average.value, q2.share.value) == (1, 1, 1, D("100.40"),
                                                                                       D("100.00"))
    assert (q3.planned, q3.average.value) == (0, None)
    assert rollup.open_quarters == (1,)


def test_accepting_the_second_report_brings_its_indicator_into_the_mean(year_2025):
    _document, users, period = year_2025
    sv.do_accept_report(period.submissions.get(organization__code="edu"), acting_user=users["mne"])
    q1 = qr.load(period.document, 2025).totals[1]
    # (99.60 + 12.0 / 12.0 x 100) / 2 = (99.60 + 100.00) / 2 = 99.80; 1 of 2 achieved = 50 %
    assert (q1.assessed, q1.achieved, q1.average.value, q1.share.value) == (2, 1, D("99.80"), D("50.00"))


def test_an_indicator_planned_by_year_only_is_not_in_the_quarterly_roll_up(reference):
    document, _users = ndp_with_users()  # SI-2 has no quarterly plan in the plain test Plan
    assert [r.indicator.code for r in qr.load(document, 2025).rows] == ["SI-1"]
    assert qr.load(document, 2026).groups == []  # no quarterly plan at all in 2026


PCT = st.decimals(min_value=D("1"), max_value=D("500"), places=1)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), PCT, PCT), min_size=1, max_size=12))
def test_body_groups_add_up_to_the_whole_plan(rows):
    indicators = [qr.IndicatorIn(id=n, code=f"I-{n:02}", title="", unit="%", polarity="increase",
                                 responsible=(body, body.upper())) for n, (body, _p, _f) in enumerate(rows)]
    values = [qr.QuarterValueIn(indicator_id=n, quarter=1, plan=plan, fact=fact, reason="")
              for n, (_b, plan, fact) in enumerate(rows)]
    rollup = qr.compute(2026, indicators, values)
    total = rollup.totals[1]
    assert total.planned == len(rows) == sum(g.summaries[1].planned for g in rollup.groups)
    assert total.achieved == sum(g.summaries[1].achieved for g in rollup.groups)
    assert total.achieved == sum(1 for _b, plan, fact in rows if fact >= plan)  # increase: fact / plan >= 100 %
    expected_mean = sum(fact / plan * 100 for _b, plan, fact in rows) / len(rows)
    assert abs(total.average.value - expected_mean) <= D("0.01") * len(rows)  # each value rounded to 0.01
    assert [g.key[0] for g in rollup.groups] == sorted({b for b, _p, _f in rows})


def _plan_with(code: str, extra: int):
    """The test Plan with ``extra`` more indicators, each with a Q1 plan, responsible moh or edu in turn."""
    payload = ndp_payload().model_dump(mode="json")
    payload["code"] = code
    template = payload["indicators"][1]
    for n in range(extra):
        ind = {**template, "code": f"X-{n}", "responsible": ("moh", "edu")[n % 2], "co_executors": []}
        ind["values"] = [{"year": 2025, "plan": "10"}, {"year": 2025, "quarter": 1, "plan": "2.5", "fact": "2"}]
        payload["indicators"].append(ind)
    return do_import_document(type(ndp_payload()).model_validate(payload), reason="test").document


def test_the_roll_up_and_its_page_cost_the_same_queries_for_a_larger_plan(reference, client):
    admin = member("q-admin", "mne", "planner")
    client.force_login(admin)
    counts = []
    for code, extra in (("ndp-small", 2), ("ndp-large", 12)):
        document = _plan_with(code, extra)
        sv.do_open_reporting_period(document, 2025, acting_user=admin, quarter=1)
        assert len(qr.load(document, 2025).rows) == extra + 1
        with CaptureQueriesContext(connection) as load_ctx:
            qr.load(document, 2025)
        with CaptureQueriesContext(connection) as page_ctx:
            response = client.get(f"/en/documents/{code}/quarterly/2025/")
        assert response.status_code == 200
        counts.append((len(load_ctx.captured_queries), len(page_ctx.captured_queries)))
    assert counts[0] == counts[1] and counts[0][0] == 5, counts


def test_the_quarterly_page_shows_each_body_and_is_linked_from_the_consolidated_view(year_2025, client):
    document, users, _period = year_2025
    client.force_login(users["mne"])
    assert "/en/documents/ndp-test/quarterly/2025/" in client.get("/en/documents/ndp-test/monitoring/2025/").content.decode()
    html = client.get("/en/documents/ndp-test/quarterly/2025/").content.decode()
    assert "Quarterly results of 2025" in html and 'id="body-moh"' in html and 'id="body-edu"' in html
    assert "99.6" in html and "accepted report of moh" in html and "submitted by edu, awaiting acceptance" in html
    assert "/en/documents/ndp-test/proposals/2025/q1/" in html


def test_the_quarterly_page_is_refused_to_an_executor_and_for_other_documents(year_2025, client):
    _document, users, _period = year_2025
    client.force_login(users["moh"])
    response = client.get("/en/documents/ndp-test/quarterly/2025/")
    assert response.status_code == 403 and "cl. 236-238" in response.content.decode()
    document = do_import_document(ndp_payload().model_copy(update={"code": "sbdp-q", "type": "sbdp"}),
                                  reason="test").document
    client.force_login(users["mne"])
    response = client.get(f"/en/documents/{document.code}/quarterly/2025/")
    assert response.status_code == 403 and "cl. 234" in response.content.decode()


def test_the_developer_sets_quarterly_plans_until_an_accepted_report_fixes_them(year_2025):
    document, users, _period = year_2025
    assert sv.do_set_quarterly_plans(document, 2025, {("SI-2", 3): D("11.5"), ("SI-1", 2): D("75.0")},
                                     acting_user=users["mne"]) == 1  # SI-1 Q2 already 75.0: unchanged
    assert IndicatorValue.objects.get(indicator__code="SI-2", year=2025, quarter=3).plan == D("11.5")
    # SI-1 Q1 was judged against 74.8 in moh's accepted report: only that plan may be stored again
    assert sv.do_set_quarterly_plans(document, 2025, {("SI-1", 1): D("74.8")}, acting_user=users["mne"]) == 0
    with pytest.raises(sv.MonitoringRefused) as exc:
        sv.do_set_quarterly_plans(document, 2025, {("SI-1", 1): D("74"), ("SI-9", 1): D("1"), ("SI-2", 4): D("1")},
                                  acting_user=users["mne"])
    assert exc.value.problems == [
        "SI-1 Q1: an accepted quarterly report holds the fact of this quarter; its plan is no longer changed "
        "(cl. 213, decision M10).",
        "SI-9 Q1: no indicator with this code in ndp-test."]
    assert not IndicatorValue.objects.filter(indicator__code="SI-2", quarter=4).exists()  # all or nothing
    with pytest.raises(sv.MonitoringRefused, match=r"only the developer \(mne\) does \(cl. 235\)"):
        sv.do_set_quarterly_plans(document, 2025, {("SI-1", 3): D("75")}, acting_user=users["moh"])
