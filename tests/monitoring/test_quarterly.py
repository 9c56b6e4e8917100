"""Quarterly (operational) monitoring of the National Plan (cl. 234-237, decision M9; calendar D3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jospar.interchange.services import do_import_document
from jospar.monitoring import achievement as ach
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.monitoring.models import Obligation, Submission, SubmissionLevel, SubmissionStatus
from jospar.planning.models import IndicatorValue
from tests.conftest import small_payload

from .ndp import member, ndp_with_users, org


@pytest.fixture
def q1(reference):
    document, users = ndp_with_users()
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"], quarter=1).period
    return document, users, period


def test_only_the_national_plan_is_monitored_every_quarter(reference):
    document = do_import_document(small_payload(), reason="test").document
    with pytest.raises(sv.MonitoringRefused, match=r"only the National Development Plan is monitored every quarter "
                                                   r"\(cl. 234"):
        sv.do_open_reporting_period(document, 2025, acting_user=member("q-moh", "moh", "planner"), quarter=2)


def test_every_executor_owes_its_q1_results_to_the_authorized_body_by_10_april(q1):
    _document, _users, period = q1
    rows = {(o.reporter.code, o.recipient.code, o.due, o.clause) for o in Obligation.objects.filter(
        period=period, rule_id="ndp.operational_monitoring.q1").select_related("reporter", "recipient")}
    # cl. 236, D3: Q1 -> 10 April 2025 (a Thursday); executors = moh, edu (responsible), mlsp (co-executor)
    assert rows == {(code, "mne", date(2025, 4, 10), "cl. 236") for code in ("edu", "mlsp", "moh")}


def test_a_quarterly_report_goes_straight_to_the_authorized_body_and_its_facts_land_on_the_quarter(q1):
    document, users, period = q1
    sub = sv.do_save_report(period, org("moh"), parse_report({"indicators": [{"code": "SI-1", "fact": "74.5"}]}),
                            acting_user=users["moh"])
    line = sub.indicator_lines.get()
    assert (sub.level, sub.recipient.code, line.plan) == (SubmissionLevel.REPORT, "mne", D("74.8"))  # Q1 plan
    # 74.5 / 74.8 x 100 = 99.5989... -> 99.60 %: partially achieved, so a reason is needed (cl. 225(2))
    with pytest.raises(sv.MonitoringRefused, match=r"the plan 74.8 is not reached \(fact 74.5\)"):
        sv.do_submit_report(sub, acting_user=users["moh_head"])
    sub = sv.do_save_report(period, org("moh"), parse_report(
        {"indicators": [{"code": "SI-1", "fact": "74.5", "reason": "cold January"}]}), acting_user=users["moh"])
    sv.do_submit_report(sub, acting_user=users["moh_head"])
    assert Obligation.objects.get(period=period, reporter=org("moh")).fulfilled_on is not None
    sv.do_accept_report(sub, acting_user=users["mne"])
    values = {v.quarter: (v.plan, v.fact) for v in IndicatorValue.objects.filter(
        indicator__document=document, indicator__code="SI-1", year=2025)}
    assert values == {0: (D("75.1"), D("75.0")), 1: (D("74.8"), D("74.5"))}  # the year's fact is untouched


def test_a_quarterly_report_holds_no_money_and_only_the_executors_own_items(q1):
    _document, users, period = q1
    with pytest.raises(sv.MonitoringRefused) as exc:
        sv.do_save_report(period, org("moh"), parse_report({
            "financing": [{"measure": "M-1", "source": "budget", "budget_program_code": "067", "absorbed": "300"}],
            "satisfaction": {"base_year": 2024, "base": "70", "value": "71"}}), acting_user=users["moh"])
    assert [p.split(":")[0] for p in exc.value.problems] == ["financing", "satisfaction"]
    assert "cl. 225(3), 236" in exc.value.problems[0]
    with pytest.raises(sv.MonitoringRefused, match=r"SI-1\): mlsp is neither responsible for nor a co-executor"):
        sv.do_save_report(period, org("mlsp"), parse_report({"indicators": [{"code": "SI-1", "fact": "1"}]}),
                          acting_user=users["mlsp"])
    with pytest.raises(sv.MonitoringRefused, match="nothing to consolidate"):
        sv.do_consolidate_report(period, acting_user=users["mne"])
    assert not Submission.objects.exists()


def test_an_indicator_planned_by_year_only_has_no_quarterly_achievement(q1):
    _document, users, period = q1
    sub = sv.do_save_report(period, org("edu"), parse_report({"indicators": [{"code": "SI-2", "fact": "3.1"}]}),
                            acting_user=users["edu"])
    sub = sv.do_submit_report(sub, acting_user=users["edu_head"])  # no plan for Q1, so no reason is required
    assert sub.status == SubmissionStatus.SUBMITTED
    line = sub.indicator_lines.get()
    verdict = ach.explain_quarter_achievement(1, line.effective_plan, line.fact, "decrease")
    assert verdict.status == ach.IndicatorStatus.NOT_ASSESSABLE
    assert verdict.calculation.reason == "no plan for Q1: the document plans this indicator by year only"


NUM = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2)


@given(plan=NUM, fact=NUM, polarity=st.sampled_from(["increase", "decrease", "keep_constant"]),
       quarter=st.integers(1, 4))
def test_a_quarter_with_its_own_plan_is_judged_like_a_year(plan, fact, polarity, quarter):
    q = ach.explain_quarter_achievement(quarter, plan, fact, polarity)
    year = ach.assess_indicator(plan, fact, polarity)
    assert q.status == year.status and q.calculation.value == year.calculation.value
    assert q.calculation.inputs["quarter"] == quarter and q.calculation.clause == "cl. 236-237"


def test_a_quarter_outside_1_to_4_is_an_error():
    with pytest.raises(ValueError, match="quarter must be 1-4"):
        ach.explain_quarter_achievement(0, D(1), D(1), "increase")
