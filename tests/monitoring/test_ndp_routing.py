"""The National Plan reported by several responsible bodies (cl. 239-242, decision M8 of monitoring.services).

Routing of tests/monitoring/ndp.py: edu co-executes SI-1 of moh, mlsp co-executes SI-2 of edu, so
    edu --(SI-1, cl. 240)--> moh --(SI-1, M-1, cl. 241)--> mne
    mlsp --(SI-2, cl. 240)--> edu --(SI-2, cl. 241)--> mne
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from jospar.evaluation.criteria import report_submissions
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.monitoring.models import Obligation, Submission, SubmissionLevel, SubmissionStatus
from jospar.planning.models import IndicatorValue

from .ndp import ndp_with_users, org


@pytest.fixture
def ndp(reference):
    document, users = ndp_with_users()
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    return document, users, period


def test_each_co_executor_owes_its_report_to_the_body_responsible_for_its_indicator_by_1_may(ndp):
    _document, _users, period = ndp
    co = {(o.reporter.code, o.recipient.code): o.due for o in Obligation.objects.filter(
        period=period, rule_id="ndp.co_executor_report").select_related("reporter", "recipient")}
    # cl. 240: 1 May 2026 is a Friday and a holiday (Unity Day) -> Monday 4 May (decision D1)
    assert co == {("edu", "moh"): date(2026, 5, 4), ("mlsp", "edu"): date(2026, 5, 4)}
    bodies = {(o.reporter.code, o.recipient.code): o.due for o in Obligation.objects.filter(
        period=period, rule_id="ndp.responsible_body_report").select_related("reporter", "recipient")}
    assert bodies == {("edu", "mne"): date(2026, 6, 1), ("moh", "mne"): date(2026, 6, 1)}  # cl. 241


def test_an_organization_both_responsible_and_co_executing_has_two_routes_and_the_developer_none(ndp):
    _document, _users, period = ndp
    routes = [(r.level, r.recipient.code, r.scope) for r in sv.routes_of(period, org("edu"))]
    assert routes == [("report", "mne", "own"), ("co_executor", "moh", "serves_for")]
    assert [(r.level, r.recipient.code) for r in sv.routes_of(period, org("mlsp"))] == [("co_executor", "edu")]
    assert sv.routes_of(period, org("mne")) == []  # the developer is the authorized body, responsible for nothing


def test_a_responsible_body_reports_only_its_own_indicators_and_nothing_is_written(ndp):
    _document, users, period = ndp
    with pytest.raises(sv.MonitoringRefused) as exc:
        sv.do_save_report(period, org("edu"), parse_report({"indicators": [
            {"code": "SI-2", "fact": "12.4"}, {"code": "SI-1", "fact": "75"}]}), acting_user=users["edu"])
    assert exc.value.problems == [
        "indicators[1] (SI-1): edu is not the body responsible for this indicator; each responsible body reports "
        "its own items (cl. 239-241)."]
    assert not Submission.objects.exists()


def test_a_co_executor_sends_to_a_body_only_the_items_it_co_executes_for_that_body(ndp):
    _document, users, period = ndp
    with pytest.raises(sv.MonitoringRefused, match=r"SI-1\): this indicator is not one that mlsp co-executes for "
                                                   r"edu; report it to the body responsible for it \(cl. 240\)"):
        sv.do_save_report(period, org("mlsp"), parse_report({"indicators": [{"code": "SI-1", "fact": "75"}]}),
                          acting_user=users["mlsp"])


def test_the_recipient_is_chosen_by_level_and_a_wrong_one_is_refused(ndp):
    _document, users, period = ndp
    sub = sv.do_save_report(period, org("edu"), parse_report({"indicators": [{"code": "SI-1", "fact": "75.0"}]}),
                            acting_user=users["edu"], level=SubmissionLevel.CO_EXECUTOR)
    assert (sub.level, sub.recipient.code, sub.obligation.recipient.code) == ("co_executor", "moh", "moh")
    with pytest.raises(sv.MonitoringRefused, match="its reports go to: mne, moh"):
        sv.submission_for(period, org("edu"), level=SubmissionLevel.CO_EXECUTOR, recipient=org("mlsp"))


def test_the_national_plan_runs_through_two_responsible_bodies_to_the_authorized_body(ndp):
    document, users, period = ndp
    edu_info = sv.do_save_report(period, org("edu"), parse_report({
        "indicators": [{"code": "SI-1", "fact": "75.0", "reason": "flu season"}],
        "measures": [{"code": "M-1", "long_term": True, "fact_quantity": "18", "reason": "two sites late"}]}),
        acting_user=users["edu"], level=SubmissionLevel.CO_EXECUTOR, recipient=org("moh"))
    sv.do_submit_report(edu_info, acting_user=users["edu_head"])
    mlsp_info = sv.do_save_report(period, org("mlsp"), parse_report({
        "indicators": [{"code": "SI-2", "fact": "13.0", "reason": "late perinatal centres"}]}),
        acting_user=users["mlsp"])
    sv.do_submit_report(mlsp_info, acting_user=users["mlsp_head"])
    with pytest.raises(sv.MonitoringRefused, match="role"):  # edu's information is moh's to accept, not edu's
        sv.do_accept_report(mlsp_info, acting_user=users["moh"])
    sv.do_accept_report(edu_info, acting_user=users["moh"])
    sv.do_accept_report(mlsp_info, acting_user=users["edu"])

    moh = sv.do_consolidate_report(period, acting_user=users["moh"], organization=org("moh"))
    edu = sv.do_consolidate_report(period, acting_user=users["edu"], organization=org("edu"))
    assert (moh.merged_from, moh.missing, edu.merged_from, edu.missing) == (["edu"], [], ["mlsp"], [])
    assert [x.indicator.code for x in moh.submission.indicator_lines.all()] == ["SI-1"]
    assert [x.indicator.code for x in edu.submission.indicator_lines.all()] == ["SI-2"]
    # the money of M-1 (moh's measure): 1400 of 1500.5 absorbed, with the reason
    sv.do_save_report(period, org("moh"), parse_report({"financing": [
        {"measure": "M-1", "source": "budget", "budget_program_code": "067", "absorbed": "1400",
         "reason_unabsorbed": "tender delays"}]}), acting_user=users["moh"])
    for body in ("moh", "edu"):
        sub = sv.submission_for(period, org(body))
        sv.do_submit_report(sub, acting_user=users[f"{body}_head"])
        assert sub.recipient.code == "mne"
        sv.do_accept_report(sub, acting_user=users["mne"])
    assert [s.organization.code for s in report_submissions(period)] == ["edu", "moh"]
    assert all(s.status == SubmissionStatus.ACCEPTED for s in report_submissions(period))
    facts = dict(IndicatorValue.objects.filter(indicator__document=document, year=2025, quarter=0)
                 .values_list("indicator__code", "fact"))
    assert facts == {"SI-1": D("75.0"), "SI-2": D("13.0")}
