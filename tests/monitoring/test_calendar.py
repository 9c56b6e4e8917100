"""Working calendar of Kazakhstan and the ch. 4 deadline calendar (jospar.monitoring.calendar)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jospar.monitoring.calendar import (
    DEFAULT_HOLIDAYS_PATH,
    ORDER_93,
    CalendarCoverageError,
    DocumentType,
    ObligationKind,
    ObligationStatus,
    Role,
    Wording,
    WorkingCalendar,
    obligation_status,
    obligations_for,
    rules_for,
)

CAL = WorkingCalendar.default()
COVERED_DAYS = st.dates(min_value=date(2021, 1, 1), max_value=date(2031, 10, 31))


def by_id(obligations):
    return {o.id: o for o in obligations}


# -- holiday data ------------------------------------------------------------------------------------


def test_the_holiday_file_covers_2021_to_2031_with_one_kurban_ait_a_year():
    data = json.loads(DEFAULT_HOLIDAYS_PATH.read_text(encoding="utf-8"))
    assert data["coverage"] == {"from_year": 2021, "to_year": 2031}
    kurban = next(h for h in data["moveable_holidays"] if h["id"] == "kurban_ait")
    years = [date.fromisoformat(d["date"]).year for d in kurban["dates"]]
    assert years == list(range(2021, 2032))
    assert {d["status"] for d in kurban["dates"]} == {"known", "computed"}


def test_the_holiday_file_lists_no_carried_over_day_because_code_computes_them():
    data = json.loads(DEFAULT_HOLIDAYS_PATH.read_text(encoding="utf-8"))
    transfer_days = {t["day_off"] for t in data["transfers"]}
    # 2026-03-24/25 and 2026-03-09 come from Labour Code art. 85, not from the file
    assert not {"2026-03-09", "2026-03-24", "2026-03-25"} & transfer_days


def test_every_transfer_swaps_a_weekend_day_and_a_weekday_of_the_same_year():
    data = json.loads(DEFAULT_HOLIDAYS_PATH.read_text(encoding="utf-8"))
    for t in data["transfers"]:
        work, off = date.fromisoformat(t["working_day"]), date.fromisoformat(t["day_off"])
        assert work.isoweekday() in (6, 7) and off.isoweekday() <= 5 and work.year == off.year


# -- working days ------------------------------------------------------------------------------------


def test_nauryz_2026_from_21_to_23_march_is_off():
    for day in (21, 22, 23):
        assert not CAL.is_working_day(date(2026, 3, day))


def test_nauryz_2026_on_a_weekend_gives_24_and_25_march_off_by_labour_code_art_85():
    assert CAL.day_off_reason(date(2026, 3, 24)) == "carry_over:nauryz_1"
    assert CAL.day_off_reason(date(2026, 3, 25)) == "carry_over:nauryz_2"
    assert CAL.is_working_day(date(2026, 3, 26))


def test_womens_day_2026_on_sunday_gives_monday_9_march_off():
    assert CAL.day_off_reason(date(2026, 3, 9)) == "carry_over:womens_day"


def test_victory_day_2022_on_monday_pushes_the_defender_day_carry_over_to_tuesday():
    # 7 May 2022 (Sat) -> next weekday that is not a holiday: 9 May is Victory Day, so 10 May
    assert CAL.day_off_reason(date(2022, 5, 10)) == "carry_over:defender_day"
    assert CAL.is_working_day(date(2022, 5, 11))


def test_new_year_2023_on_sunday_skips_the_holiday_of_2_january_and_gives_3_january_off():
    assert CAL.day_off_reason(date(2023, 1, 3)) == "carry_over:new_year_1"


def test_kurban_ait_on_sunday_2024_does_not_carry_over_because_it_is_religious():
    assert CAL.day_off_reason(date(2024, 6, 16)) == "holiday:kurban_ait"
    assert CAL.is_working_day(date(2024, 6, 17))


def test_orthodox_christmas_is_a_day_off_without_carry_over():
    assert CAL.day_off_reason(date(2025, 1, 7)) == "holiday:orthodox_christmas"
    assert CAL.is_working_day(date(2024, 1, 8))  # 7 Jan 2024 was a Sunday


def test_republic_day_is_a_holiday_from_2022_only():
    assert CAL.is_working_day(date(2021, 10, 25))
    assert CAL.day_off_reason(date(2022, 10, 25)) == "holiday:republic_day"


def test_first_president_day_and_17_december_stopped_being_holidays_after_2021():
    assert CAL.day_off_reason(date(2021, 12, 1)) == "holiday:first_president_day"
    assert CAL.day_off_reason(date(2021, 12, 17)) == "holiday:independence_day_2"
    assert CAL.is_working_day(date(2022, 12, 1))
    assert CAL.is_working_day(date(2025, 12, 17))


def test_a_transfer_makes_the_saturday_a_working_day_and_the_weekday_a_day_off():
    assert CAL.is_working_day(date(2024, 5, 4))
    assert CAL.day_off_reason(date(2024, 5, 8)) == "transfer"


def test_a_transfer_can_make_a_sunday_a_working_day():
    assert CAL.is_working_day(date(2025, 1, 5))
    assert not CAL.is_working_day(date(2025, 1, 3))


def test_an_ordinary_weekend_is_not_a_working_day():
    assert CAL.day_off_reason(date(2025, 11, 22)) == "weekend"


def test_next_working_day_is_strictly_after_the_given_day():
    assert CAL.next_working_day(date(2026, 3, 20)) == date(2026, 3, 26)
    assert CAL.next_working_day(date(2026, 3, 26)) == date(2026, 3, 27)


def test_add_working_days_does_not_count_the_start_day():
    # Friday 20 March 2026 + 1 working day = Thursday 26 March (21-25 are off)
    assert CAL.add_working_days(date(2026, 3, 20), 1) == date(2026, 3, 26)
    assert CAL.add_working_days(date(2026, 3, 20), 5) == date(2026, 4, 1)
    assert CAL.add_working_days(date(2026, 3, 21), 0) == date(2026, 3, 26)


def test_add_working_days_counts_backwards_for_a_negative_number():
    assert CAL.add_working_days(date(2026, 3, 26), -1) == date(2026, 3, 20)


def test_a_strict_calendar_refuses_a_year_without_data():
    with pytest.raises(CalendarCoverageError):
        CAL.is_working_day(date(2035, 1, 10))


def test_a_lenient_calendar_applies_the_fixed_holidays_outside_the_data():
    lenient = WorkingCalendar.load(strict=False)
    assert not lenient.is_working_day(date(2035, 3, 21))
    assert lenient.is_working_day(date(2035, 3, 20))


def test_an_unknown_file_format_is_rejected():
    with pytest.raises(ValueError):
        WorkingCalendar({"format": "something-else"})


@given(start=COVERED_DAYS, n=st.integers(min_value=0, max_value=40))
@settings(max_examples=200, deadline=None)
def test_add_working_days_never_lands_on_a_day_off(start, n):
    result = CAL.add_working_days(start, n)
    assert CAL.is_working_day(result)
    assert result >= start
    if n > 0:
        assert CAL.working_days_between(start, result) == n


@given(day=COVERED_DAYS)
@settings(max_examples=200, deadline=None)
def test_the_next_working_day_has_only_days_off_before_it(day):
    nxt = CAL.next_working_day(day)
    assert nxt > day and CAL.is_working_day(nxt)
    gap = day + timedelta(days=1)
    while gap < nxt:
        assert not CAL.is_working_day(gap)
        gap += timedelta(days=1)


@given(year=st.integers(min_value=2021, max_value=2031))
@settings(max_examples=20, deadline=None)
def test_every_fixed_holiday_that_falls_on_a_weekend_gives_exactly_one_weekday_off(year):
    carried = [d for d in CAL.days_off(year) if d.reason == "carry_over"]
    weekend_holidays = [
        h for h in CAL.holidays(year) if h.day_off and h.carry_over and h.day.isoweekday() >= 6
    ]
    assert len(carried) == len(weekend_holidays)
    assert all(d.day.isoweekday() <= 5 for d in carried)


# -- deadline calendar -------------------------------------------------------------------------------


def test_a_deadline_on_a_saturday_moves_to_monday():
    # cl. 263: 15 February 2025 is a Saturday
    sbdp = by_id(obligations_for(DocumentType.SBDP, 2024, CAL))
    o = sbdp["sbdp.to_state_planning"]
    assert o.nominal_due == date(2025, 2, 15) and o.due == date(2025, 2, 17) and o.moved


def test_a_deadline_on_a_weekend_holiday_skips_the_carried_over_day_too():
    # cl. 240: 1 May 2022 is a Sunday and a holiday, 2 May is its carry-over day off
    ndp = by_id(obligations_for(DocumentType.NDP, 2021, CAL))
    assert ndp["ndp.co_executor_report"].due == date(2022, 5, 3)


def test_a_deadline_on_a_working_day_does_not_move():
    ndp = by_id(obligations_for("ndp", 2024, CAL))
    o = ndp["ndp.responsible_body_report"]  # cl. 241: 1 June 2025 is a Sunday -> 2 June
    assert o.due == date(2025, 6, 2)
    o = ndp["ndp.to_government"]  # cl. 245: 1 July 2025 is a Tuesday
    assert o.due == o.nominal_due == date(2025, 7, 1) and not o.moved


def test_the_national_plan_has_every_annual_deadline_of_cl_240_to_251():
    ndp = by_id(obligations_for(DocumentType.NDP, 2025, CAL))
    expected_nominal = {
        "ndp.co_executor_report": date(2026, 5, 1),  # cl. 240
        "ndp.responsible_body_report": date(2026, 6, 1),  # cl. 241
        "ndp.to_government": date(2026, 7, 1),  # cl. 245
        "ndp.government_to_pa": date(2026, 7, 15),  # cl. 248
        "ndp.strategic_conclusion": date(2026, 7, 15),  # cl. 249
        "ndp.short_report": date(2026, 8, 1),  # cl. 251
    }
    assert {k: ndp[k].nominal_due for k in expected_nominal} == expected_nominal
    for undated in (
        "ndp.operational_proposals",
        "ndp.consolidation",
        "ndp.publication",
        "ndp.pa_to_president",
    ):
        assert ndp[undated].due is None  # cl. 238, 242, 247, 250 set no date


def test_the_national_plan_quarterly_items_are_due_on_the_10th_of_the_month_after_the_quarter():
    ndp = by_id(obligations_for(DocumentType.NDP, 2025, CAL))  # cl. 236, decision D3
    assert [ndp[f"ndp.operational_monitoring.q{q}"].nominal_due for q in (1, 2, 3, 4)] == [
        date(2025, 4, 10),
        date(2025, 7, 10),
        date(2025, 10, 10),
        date(2026, 1, 10),
    ]
    assert ndp["ndp.operational_monitoring.q4"].due == date(2026, 1, 12)  # 10 Jan 2026 is a Saturday


def test_concept_deadlines_follow_cl_254_to_261():
    c = by_id(obligations_for(DocumentType.CONCEPT, 2025, CAL))
    assert c["concept.co_executor_report"].nominal_due == date(2026, 4, 15)  # cl. 254
    assert c["concept.developer_report"].nominal_due == date(2026, 5, 1)  # cl. 256
    assert c["concept.to_government"].nominal_due == date(2026, 6, 1)  # cl. 257
    assert c["concept.government_to_pa"].due == date(2026, 6, 22)  # cl. 258, 20 June 2026 is a Saturday
    assert c["concept.short_report"].nominal_due == date(2026, 8, 1)  # cl. 261
    assert c["concept.co_executor_report"].rule.recipients == (Role.DEVELOPER,)


def test_regional_plan_deadlines_follow_cl_266_to_269():
    r = by_id(obligations_for(DocumentType.RDP, 2024, CAL))
    assert r["rdp.co_executor_information"].due == date(2025, 2, 17)  # cl. 266(1), 15 Feb 2025 Saturday
    assert r["rdp.publication"].due == date(2025, 3, 3)  # cl. 266(2), 1 March 2025 Saturday
    # cl. 267: 10 March 2025 is the day off carried over from 8 March (a Saturday) -> 11 March
    assert r["rdp.to_state_planning"].due == date(2025, 3, 11)
    assert r["rdp.summary_to_pa"].due == date(2025, 4, 30)  # cl. 268
    assert r["rdp.correction_limit"].nominal_due == date(2025, 12, 15)  # cl. 269, decision D6
    assert not r["rdp.correction_limit"].rule.mandatory


def test_posting_within_5_working_days_counts_from_the_recorded_receipt():
    # cl. 263 ¶2: received Thursday 19 March 2026; working days 20, 26, 27, 30, 31 March (21-25 off)
    sbdp = by_id(
        obligations_for(DocumentType.SBDP, 2025, CAL, events={"sbdp.to_state_planning": date(2026, 3, 19)})
    )
    o = sbdp["sbdp.state_planning_publication"]
    assert o.due == date(2026, 3, 31) and not o.estimated and o.event_date == date(2026, 3, 19)


def test_posting_within_5_working_days_assumes_receipt_on_the_deadline_until_it_is_recorded():
    sbdp = by_id(obligations_for(DocumentType.SBDP, 2025, CAL))
    o = sbdp["sbdp.state_planning_publication"]
    # 15 Feb 2026 (Sunday) -> 16 Feb; 5 working days later -> 23 Feb
    assert o.estimated and o.event_date == date(2026, 2, 16) and o.due == date(2026, 2, 23)


def test_public_comment_lasts_at_least_14_calendar_days_and_is_not_moved_off_a_weekend():
    sbdp = by_id(
        obligations_for(DocumentType.SBDP, 2025, CAL, events={"sbdp.publication": date(2026, 2, 14)})
    )
    o = sbdp["sbdp.public_comment"]  # cl. 263 ¶1, decision D5
    assert o.period_start == date(2026, 2, 15)
    assert o.due == date(2026, 2, 28)  # a Saturday, kept
    assert o.rule.kind is ObligationKind.PUBLIC_COMMENT_PERIOD


def test_the_strict_reading_of_until_takes_the_day_before():
    c = by_id(obligations_for(DocumentType.CONCEPT, 2025, CAL, exclusive_until=True))
    assert c["concept.co_executor_report"].nominal_due == date(2026, 4, 14)
    # "кешіктірмей" (not later than) is not affected
    s = by_id(obligations_for(DocumentType.SBDP, 2025, CAL, exclusive_until=True))
    assert s["sbdp.to_state_planning"].nominal_due == date(2026, 2, 15)


def test_documents_without_report_flows_in_chapter_4_have_no_obligations():
    for dtype in (DocumentType.TDP, DocumentType.NATIONAL_PROJECT):
        assert obligations_for(dtype, 2025, CAL) == []


def test_obligations_are_sorted_by_due_date_with_undated_ones_last():
    dues = [o.due for o in obligations_for(DocumentType.NDP, 2025, CAL)]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated)
    assert dues[len(dated) :] == [None] * (len(dues) - len(dated))


def test_every_rule_cites_a_clause_and_has_three_languages():
    for rule in ORDER_93.rules:
        assert rule.clause.startswith("cl. ")
        assert rule.label.en and rule.label.ru and rule.label.kk
        assert rule.id.startswith(rule.document_type.value + ".")


def test_rule_ids_are_unique():
    ids = [r.id for r in ORDER_93.rules]
    assert len(ids) == len(set(ids))


def test_every_dated_clause_of_the_flow_table_is_in_the_rules():
    clauses = {r.clause for r in ORDER_93.rules}
    for c in (
        "cl. 236",
        "cl. 240",
        "cl. 241",
        "cl. 245",
        "cl. 248",
        "cl. 249",
        "cl. 251",
        "cl. 254",
        "cl. 256",
        "cl. 257",
        "cl. 258",
        "cl. 259",
        "cl. 261",
        "cl. 263",
        "cl. 266(1)",
        "cl. 266(2)",
        "cl. 267",
        "cl. 268",
        "cl. 269",
    ):
        assert c in clauses, c


def test_wordings_follow_the_kazakh_text():
    rules = {r.id: r for r in rules_for(DocumentType.SBDP) + rules_for(DocumentType.NDP)}
    assert rules["sbdp.to_state_planning"].wording is Wording.NOT_LATER_THAN  # "кешіктірілмей"
    assert rules["ndp.co_executor_report"].wording is Wording.UNTIL  # "1 мамырына дейін"


@given(year=st.integers(min_value=2021, max_value=2029), dtype=st.sampled_from(list(DocumentType)))
@settings(max_examples=60, deadline=None)
def test_every_deadline_is_a_working_day_on_or_after_its_printed_date(year, dtype):
    for o in obligations_for(dtype, year, CAL):
        if o.due is None or o.rule.kind is ObligationKind.PUBLIC_COMMENT_PERIOD:
            continue
        assert CAL.is_working_day(o.due)
        assert o.due >= o.nominal_due
        assert (o.due - o.nominal_due).days <= 7


# -- obligation status -------------------------------------------------------------------------------

DUE = date(2026, 5, 4)


def test_a_report_submitted_on_the_deadline_day_is_on_time():
    assert obligation_status(DUE, DUE, DUE + timedelta(days=30)) is ObligationStatus.SUBMITTED_ON_TIME


def test_a_report_submitted_the_day_after_the_deadline_is_late():
    assert obligation_status(DUE, DUE + timedelta(days=1), DUE) is ObligationStatus.SUBMITTED_LATE


def test_an_unsubmitted_report_is_overdue_the_day_after_the_deadline():
    assert obligation_status(DUE, None, DUE + timedelta(days=1)) is ObligationStatus.OVERDUE


def test_an_unsubmitted_report_is_due_within_7_days_including_the_deadline_day():
    assert obligation_status(DUE, None, DUE) is ObligationStatus.DUE
    assert obligation_status(DUE, None, DUE - timedelta(days=7)) is ObligationStatus.DUE
    assert obligation_status(DUE, None, DUE - timedelta(days=8)) is ObligationStatus.UPCOMING


def test_the_due_soon_window_is_configurable():
    assert obligation_status(DUE, None, DUE - timedelta(days=10), due_soon_days=14) is ObligationStatus.DUE


@given(due=COVERED_DAYS, today=COVERED_DAYS, submitted=st.one_of(st.none(), COVERED_DAYS))
def test_the_status_is_submitted_exactly_when_a_submission_date_is_given(due, today, submitted):
    status = obligation_status(due, submitted, today)
    assert (status in {ObligationStatus.SUBMITTED_ON_TIME, ObligationStatus.SUBMITTED_LATE}) == (
        submitted is not None
    )
    if submitted is None:
        assert (status is ObligationStatus.OVERDUE) == (today > due)
