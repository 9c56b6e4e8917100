"""The whole monitoring year on a small concept: open, co-executor, developer, authorized body, conclusion.

Expected figures are computed by hand in the comments.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from jospar.core.models import Membership, Organization, Role, User
from jospar.evaluation.services import do_draft_conclusion
from jospar.interchange.services import do_import_document
from jospar.monitoring import rollups
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.monitoring.models import Obligation, SubmissionLevel, SubmissionStatus
from jospar.planning.models import Financing, IndicatorValue
from tests.conftest import small_payload

ALMATY = ZoneInfo("Asia/Almaty")


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T10:00").replace(tzinfo=ALMATY)


def member(username: str, org_code: str, role: str) -> User:
    """A member without a password (hashing one costs a third of a second per user)."""
    user = User.objects.create(username=username)
    Membership.objects.create(user=user, organization=Organization.objects.get(code=org_code), role=role)
    return user


def concept_payload():
    base = small_payload().model_dump(mode="json")
    base.update(code="concept-test", type="concept")
    base["indicators"][1]["parents"] = [{"indicator": "concept-test:TI-1", "kind": "contribution"}]
    base["measures"].append({
        "code": "M-2", "goal": "1.1", "indicators": ["RI-1"], "responsible": "edu",
        "title": {"kk": "Оқыту", "ru": "Обучение", "en": "Training"},
        "financing": [{"year": 2025, "source": "budget", "budget_level": "republican", "budget_program_code": "099",
                       "administrator": "edu", "plan": "200"}],
    })
    return type(small_payload()).model_validate(base)


@pytest.fixture
def cycle(reference):
    document = do_import_document(concept_payload(), reason="test").document
    users = {
        "mne": member("t-mne", "mne", Role.PLANNER), "mne_head": member("t-mne-head", "mne", Role.HEAD),
        "moh": member("t-moh", "moh", Role.PLANNER), "moh_head": member("t-moh-head", "moh", Role.HEAD),
        "edu": member("t-edu", "edu", Role.PLANNER), "edu_head": member("t-edu-head", "edu", Role.HEAD),
    }
    return document, users


EDU_REPORT = {
    "indicators": [{"code": "TI-1", "fact": "75.0", "reason": "flu season in the fourth quarter"}],
    "measures": [{"code": "M-2", "completed": True}],
    "financing": [{"measure": "M-2", "source": "budget", "budget_program_code": "099", "absorbed": "200"}],
}
MOH_REPORT = {
    "indicators": [{"code": "RI-1", "fact": "13.0", "reason": "late opening of perinatal centres"}],
    "measures": [{"code": "M-1", "long_term": True, "fact_quantity": "18", "reason": "two sites not ready"}],
    "financing": [{"measure": "M-1", "source": "budget", "budget_program_code": "067", "corrected_plan": "1450",
                   "absorbed": "1400", "reason_unabsorbed": "tender delays"}],
    "satisfaction": {"base_year": 2024, "base": "70", "value": "74", "note": "survey"},
    "analytical_note": "Two of three results nearly reached.",
}


def run_year(document, users):
    opened = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"])
    period = opened.period
    edu_sub = sv.do_save_report(period, document.co_executors.get(), parse_report(EDU_REPORT),
                                acting_user=users["edu"])
    sv.do_submit_report(edu_sub, acting_user=users["edu_head"], at=at("2026-04-10"))
    sv.do_accept_report(edu_sub, acting_user=users["moh"])
    consolidated = sv.do_consolidate_report(period, acting_user=users["moh"])
    report = sv.do_save_report(period, document.developer, parse_report(MOH_REPORT), acting_user=users["moh"])
    sv.do_submit_report(report, acting_user=users["moh_head"], at=at("2026-05-05"))
    sv.do_return_report(report, acting_user=users["mne"], comments="add the control and audit results")
    sv.do_save_report(period, document.developer, parse_report({"control_audit": "Audit of 2025: no findings."}),
                      acting_user=users["moh"])
    sv.do_submit_report(report, acting_user=users["moh_head"], at=at("2026-05-04"))
    report.refresh_from_db()
    sv.do_accept_report(report, acting_user=users["mne"])
    return period, consolidated, report


def test_a_whole_year_runs_from_opening_to_conclusion_with_hand_computed_figures(cycle):
    document, users = cycle
    period, consolidated, report = run_year(document, users)
    assert consolidated.merged_from == ["edu"] and consolidated.missing == []

    # the calendar: co-executor on 15 April (on time on 10 April); the developer's 1 May 2026 is a holiday
    # (Unity Day, a Friday) so the deadline moves to Monday 4 May; submitted again on 4 May: on time.
    obs = {(o.rule_id, o.reporter.code if o.reporter else None): o for o in period.obligations.all()}
    co = obs[("concept.co_executor_report", "edu")]
    dev = obs[("concept.developer_report", "moh")]
    assert (co.due, co.status(date(2026, 11, 1))) == (date(2026, 4, 15), "submitted_on_time")
    assert (dev.nominal_due, dev.due, dev.status(date(2026, 11, 1))) == (
        date(2026, 5, 1), date(2026, 5, 4), "submitted_on_time")
    assert obs[("concept.to_government", "mne")].status(date(2026, 5, 20)) == "upcoming"

    # acceptance applied the facts and the money to the plan's data (decision M3)
    ti = IndicatorValue.objects.get(indicator__document=document, indicator__code="TI-1", year=2025)
    ri = IndicatorValue.objects.get(indicator__document=document, indicator__code="RI-1", year=2025)
    assert (ti.fact, ri.fact, ri.reason) == (D("75.0"), D("13.0"), "late opening of perinatal centres")
    m1 = Financing.objects.get(measure__document=document, measure__code="M-1", year=2025)
    assert (m1.corrected_plan, m1.absorbed) == (D("1450"), D("1400"))

    snap = rollups.load(document, 2025)
    by_code = {i.code: i for i in snap.indicators}
    assert by_code["TI-1"].achievement == D("99.87")  # 75.0 / 75.1 × 100 = 99.8668
    assert by_code["RI-1"].achievement == D("96.15")  # lower is better: 12.5 / 13.0 × 100 = 96.1538
    measures = {m.code: m for m in snap.measures}
    assert measures["M-1"].status == "partially_executed"  # 18 of 20 units (Annex 14 expl. 4(13)(e))
    assert measures["M-2"].status == "executed"  # completed, 200 of 200 absorbed
    assert measures["M-1"].absorption.value == D("96.55")  # 1400 / 1450
    assert measures["M-2"].money_vs_result.status == "absorbed_not_reached"  # 100 % money, RI-1 96.15 %
    assert (snap.total.plan, snap.total.corrected_plan, snap.total.absorbed) == (D("1700.5"), D("1650"), D("1600"))
    assert snap.total.absorption.value == D("96.97")  # 1600 / 1650

    conclusion = do_draft_conclusion(document, 2025, acting_user=users["mne"], today=date(2026, 5, 20))
    metrics = {(c["number"], k): m["value"] for c in conclusion.criteria for k, m in c["metrics"].items()}
    assert metrics[(1, "indicators_achieved")] == "0"  # both partially achieved
    assert metrics[(1, "mean_achievement_capped")] == "98.01"  # (99.87 + 96.15) / 2
    assert metrics[(1, "measures_executed")] == "50"  # 1 of 2
    assert metrics[(2, "absorption")] == "96.97"
    assert metrics[(3, "corrections")] == "0"
    assert metrics[(4, "co_executors_on_time")] == "100"
    # 11 items: 2 facts, 2 reasons, 2 measures, 2 financing lines, satisfaction, audit, note: all filled
    assert metrics[(5, "items_filled")] == "100"


def test_a_late_co_executor_lowers_the_coordination_criterion(cycle):
    document, users = cycle
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    sub = sv.do_save_report(period, document.co_executors.get(), parse_report(EDU_REPORT), acting_user=users["edu"])
    sv.do_submit_report(sub, acting_user=users["edu_head"], at=at("2026-04-16"))  # due 15 April
    ob = Obligation.objects.get(period=period, rule_id="concept.co_executor_report")
    assert ob.status(date(2026, 5, 1)) == "submitted_late"
    conclusion = do_draft_conclusion(document, 2025, acting_user=users["mne"], today=date(2026, 5, 20))
    coordination = conclusion.criteria[3]["metrics"]["co_executors_on_time"]
    assert (coordination["value"], coordination["inputs"]["late"]) == ("0", 1)


def test_the_signature_is_the_sha256_of_exactly_the_signed_content(cycle):
    document, users = cycle
    period, _, report = run_year(document, users)
    assert report.signed_by == users["moh_head"] and len(report.content_hash) == 64
    assert sv.verify_signature(report)
    line = report.indicator_lines.get(indicator__code="RI-1")
    line.fact = D("12.9")
    line.save()
    assert not sv.verify_signature(report)


def test_a_planner_may_not_sign_and_an_accepted_report_is_locked_until_reopened_with_a_reason(cycle):
    document, users = cycle
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    sub = sv.do_save_report(period, document.co_executors.get(), parse_report(EDU_REPORT), acting_user=users["edu"])
    with pytest.raises(sv.MonitoringRefused, match="cl. 231"):
        sv.do_submit_report(sub, acting_user=users["edu"])
    sv.do_submit_report(sub, acting_user=users["edu_head"], at=at("2026-04-10"))
    sv.do_accept_report(sub, acting_user=users["moh"])
    with pytest.raises(sv.MonitoringRefused, match="locked"):
        sv.do_save_report(period, document.co_executors.get(), parse_report(EDU_REPORT), acting_user=users["edu"])
    with pytest.raises(sv.MonitoringRefused, match="reason"):
        sv.do_reopen_report(sub, acting_user=users["moh"], reason=" ")
    sv.do_reopen_report(sub, acting_user=users["moh"], reason="statistics revised the fact")
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.RETURNED
    assert sub.history.first().history_change_reason == "reopened: statistics revised the fact"


def test_only_the_recipient_decides_and_only_an_authorized_body_accepts_the_report(cycle):
    document, users = cycle
    period, _, report = run_year(document, users)
    sv.do_reopen_report(report, acting_user=users["mne"], reason="fix")
    sv.do_submit_report(report, acting_user=users["moh_head"], at=at("2026-05-04"))
    for intruder in (users["moh"], users["edu"]):
        with pytest.raises(sv.MonitoringRefused):
            sv.do_accept_report(report, acting_user=intruder)
    assert report.level == SubmissionLevel.REPORT and report.recipient.authority == "state_planning"


def test_a_co_executor_may_not_report_items_it_does_not_serve_and_nothing_is_written(cycle):
    document, users = cycle
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    bad = {"indicators": [{"code": "RI-1", "fact": "1"}, {"code": "NOPE", "fact": "1"}],
           "financing": [{"measure": "M-1", "source": "grants"}]}
    with pytest.raises(sv.MonitoringRefused) as exc:
        sv.do_save_report(period, document.co_executors.get(), parse_report(bad), acting_user=users["edu"])
    text = " | ".join(exc.value.problems)
    assert "indicators[0] (RI-1)" in text and "cl. 42, 55" in text
    assert "indicators[1] (NOPE)" in text and "financing[0]" in text and "cl. 185" in text
    assert not period.submissions.filter(indicator_lines__isnull=False).exists()


def test_a_report_missing_a_reason_for_a_deviation_cannot_be_signed(cycle):
    document, users = cycle
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    sub = sv.do_save_report(period, document.developer, parse_report(
        {"indicators": [{"code": "RI-1", "fact": "13.0"}]}), acting_user=users["moh"])
    with pytest.raises(sv.MonitoringRefused, match=r"indicators \(RI-1\).reason.*cl. 225\(2\)"):
        sv.do_submit_report(sub, acting_user=users["moh_head"])


def test_opening_a_year_outside_the_document_or_by_an_outsider_is_refused(cycle):
    document, users = cycle
    with pytest.raises(sv.MonitoringRefused, match="outside the period"):
        sv.do_open_reporting_period(document, 2031, acting_user=users["mne"])
    with pytest.raises(sv.MonitoringRefused, match="only the developer"):
        sv.do_open_reporting_period(document, 2025, acting_user=users["edu"])


def test_opening_twice_adds_nothing(cycle):
    document, users = cycle
    first = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"])
    again = sv.do_open_reporting_period(document, 2025, acting_user=users["moh"])
    assert first.obligations_created == 7 and (again.created, again.obligations_created) == (False, 0)


def test_rollups_take_a_fixed_number_of_queries(cycle, django_assert_max_num_queries):
    document, users = cycle
    run_year(document, users)
    with django_assert_max_num_queries(7):
        snap = rollups.load(document, 2025)
        groups = {by: rollups.rollup(snap, by) for by in rollups.DIMENSIONS}
    assert [g.key[0] if g.key else None for g in groups["body"]] == [None, "moh", "edu"]  # RI-1, TI-1, M-2
    assert groups["document"][0].average_achievement.value == D("98.01")


def test_a_refusal_speaks_kazakh_to_a_kazakh_user(cycle):
    from django.utils import translation

    document, users = cycle
    with translation.override("kk"), pytest.raises(sv.MonitoringRefused, match="кезеңінен тыс"):
        sv.do_open_reporting_period(document, 2031, acting_user=users["mne"])
