"""Deadlines of the development steps on Kazakhstan's working days (cl. 59, 64, 73, 75, 122-123, 151-154).

Expected dates are counted by hand on the 2026-2028 calendars: 21-23 March 2026 (Nauryz, Saturday to Monday)
carry two days off over to 24-25 March; 1 April 2028 is a Saturday; 28 February 2027 is a Sunday.
"""

from __future__ import annotations

from datetime import date

from jospar.development.deadlines import Act, add_months, compute
from jospar.development.steps import Step


def by_id(rows):
    return {(r.rule.id, r.version): r for r in rows}


def test_a_state_body_plan_is_sent_within_5_and_published_within_10_working_days_of_approval():
    rows = by_id(compute("sbdp", 2027, entered={}, first_step=Step.APPROVED, acts=[Act("approved", 1, date(2026, 6, 1))]))
    assert rows[("dev-sbdp-send", 1)].due == date(2026, 6, 8)  # Mon 1 June + 5 working days (cl. 122)
    assert rows[("dev-sbdp-publish", 1)].due == date(2026, 6, 15)  # + 10 working days (cl. 123)
    assert rows[("dev-sbdp-method", None)].due == date(2026, 7, 1)  # one month (cl. 59)


def test_the_nauryz_holidays_and_their_carry_over_push_the_5_working_days():
    rows = by_id(compute("rdp", 2027, entered={}, first_step=Step.APPROVED,
                         acts=[Act("approved", 1, date(2026, 3, 20))]))
    # Fri 20 March; off: 21-23 (Nauryz), 24-25 (carried over): 26, 27, 30, 31 March, 1 April
    assert rows[("dev-rdp-send", 1)].due == date(2026, 4, 1)


def test_a_change_restarts_both_clocks_for_the_new_version():
    acts = [Act("approved", 1, date(2026, 6, 1)), Act("sent", 1, date(2026, 6, 5)), Act("published", 1, date(2026, 6, 16)),
            Act("changed", 2, date(2026, 9, 14))]
    rows = by_id(compute("rdp", 2027, entered={}, first_step=Step.APPROVED, acts=acts))
    assert rows[("dev-rdp-send", 1)].fulfilled_on == date(2026, 6, 5)
    assert rows[("dev-rdp-publish", 1)].fulfilled_on == date(2026, 6, 16)  # one day after 15 June: late
    assert (rows[("dev-rdp-send", 2)].due, rows[("dev-rdp-send", 2)].fulfilled_on) == (date(2026, 9, 21), None)
    assert rows[("dev-rdp-publish", 2)].due == date(2026, 9, 28)


def test_the_national_plan_dates_hang_on_the_year_the_previous_plan_ends():
    rows = by_id(compute("ndp", 2029, entered={Step.INITIATION: date(2027, 10, 1), Step.VISION: date(2028, 4, 3)},
                         first_step=Step.INITIATION, acts=[]))
    assert rows[("dev-ndp-start", None)].due == date(2027, 12, 31)  # cl. 64: at least one year before 31.12.2028
    proposals = rows[("dev-ndp-proposals", None)]
    assert (proposals.nominal_due, proposals.due) == (date(2028, 4, 1), date(2028, 4, 3))  # cl. 73, Saturday moved
    assert proposals.fulfilled_on == date(2028, 4, 3)
    assert rows[("dev-ndp-opm", None)].due == date(2028, 9, 1)  # cl. 75


def test_a_regional_plan_goes_to_the_maslikhat_by_1_december_and_is_reviewed_within_a_month():
    rows = by_id(compute("rdp", 2028, entered={Step.INITIATION: date(2026, 10, 1), Step.AGREEMENT: date(2027, 1, 29)},
                         first_step=Step.INITIATION, acts=[], reviews_done_on=date(2027, 2, 20)))
    assert rows[("dev-rdp-maslikhat", None)].due == date(2027, 12, 1)  # cl. 152, the year before the first year
    review = rows[("dev-rdp-review", None)]
    assert (review.nominal_due, review.due) == (date(2027, 2, 28), date(2027, 3, 1))  # cl. 151, Sunday moved
    assert review.fulfilled_on == date(2027, 2, 20)


def test_a_document_registered_as_approved_skips_the_deadlines_of_the_steps_before():
    rows = compute("rdp", 2024, entered={Step.APPROVED: date(2023, 12, 20)}, first_step=Step.APPROVED, acts=[])
    assert [r.rule.id for r in rows] == []


def test_a_month_is_clamped_to_the_end_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
