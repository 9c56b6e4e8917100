"""Corrections: a new version with its basis, the diff by item, and the refusals of cl. 209-213."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from jospar.compliance.services import render_finding
from jospar.interchange.schema import ApprovalAct
from jospar.interchange.services import do_import_document, export_document
from jospar.planning.corrections import CorrectionRefused, do_correct_document
from tests.conftest import member, small_payload


@pytest.fixture
def plan(reference):
    return do_import_document(small_payload()).document


@pytest.fixture
def planner(reference):
    return member("corrector", "moh")


def with_value(payload, code: str, year: int, plan: str):
    data = payload.model_dump()
    ind = next(i for i in data["indicators"] if i["code"] == code)
    ind["values"] = [v for v in ind["values"] if v["year"] != year] + [{"year": year, "plan": plan}]
    return type(payload).model_validate(data)


@time_machine.travel(dt.datetime(2026, 3, 10, 12, 0), tick=False)
def test_a_correction_makes_the_next_version_with_its_basis_act_history_and_diff(plan, planner):
    new = with_value(export_document(plan), "TI-1", 2027, "76.5")
    result = do_correct_document(plan, new, acting_user=planner, basis="Monitoring results for 2025",
                                 act=ApprovalAct(name="Order of the Minister", number="12",
                                                 date=dt.date(2026, 3, 1)))
    plan.refresh_from_db()
    assert (result.version, plan.version) == (2, 2)
    assert plan.correction_basis == "Monitoring results for 2025" and plan.approval_act_number == "12"
    assert [(c.kind, c.code, c.change, c.fields) for c in result.changes] == [
        ("indicator", "TI-1", "changed", ("values",))]
    value = plan.indicators.get(code="TI-1").values.get(year=2027)
    assert value.plan == Decimal("76.5")
    record = value.history.latest()
    assert record.history_user == planner
    assert record.history_change_reason == "Correction to version 2: Monitoring results for 2025"


@time_machine.travel(dt.datetime(2029, 2, 1, 12, 0), tick=False)
def test_goals_and_indicators_are_not_corrected_in_the_last_year(plan, planner):
    new = with_value(export_document(plan), "TI-1", 2029, "78")
    with pytest.raises(CorrectionRefused) as refused:
        do_correct_document(plan, new, acting_user=planner, basis="Instruction of the President")
    assert [(f.rule, f.clause, f.item.code) for f in refused.value.findings] == [("CL-209", "cl. 209", "TI-1")]
    assert "2029" in render_finding(refused.value.findings[0], "en")
    plan.refresh_from_db()
    assert plan.version == 1


@time_machine.travel(dt.datetime(2027, 5, 1, 12, 0), tick=False)
def test_the_values_of_a_past_year_are_not_changed(plan, planner):
    new = with_value(export_document(plan), "TI-1", 2025, "74")
    with pytest.raises(CorrectionRefused) as refused:
        do_correct_document(plan, new, acting_user=planner, basis="Monitoring results")
    (finding,) = refused.value.findings
    assert (finding.rule, finding.params["years"]) == ("CL-213", "2025")
    assert plan.indicators.get(code="TI-1").values.get(year=2025).plan == Decimal("75.1")


@pytest.mark.parametrize(("day", "refused"), [(dt.datetime(2025, 9, 30, 12), False),
                                               (dt.datetime(2025, 10, 1, 12), True)])
def test_a_state_body_does_not_lower_values_for_under_spending_after_the_third_quarter(plan, planner, day, refused):
    new = with_value(export_document(plan), "TI-1", 2025, "74.9")
    with time_machine.travel(day, tick=False):
        if refused:
            with pytest.raises(CorrectionRefused, match="CL-210"):
                do_correct_document(plan, new, acting_user=planner, basis="Budget law", underspending=True)
        else:
            assert do_correct_document(plan, new, acting_user=planner, basis="Budget law",
                                       underspending=True).version == 2


def test_raising_a_value_after_the_third_quarter_is_not_refused_under_cl_210(plan, planner):
    new = with_value(export_document(plan), "TI-1", 2025, "75.5")
    with time_machine.travel(dt.datetime(2025, 11, 2, 12), tick=False):
        assert do_correct_document(plan, new, acting_user=planner, basis="Budget law",
                                   underspending=True).version == 2


def rdp_payload():
    return small_payload(code="rdp-test", type="rdp", developer="akimat-abai", territory="100000000",
                         co_executors=[])


def test_a_regional_plan_is_corrected_once_a_year_and_by_15_december(reference, planner):
    plan = do_import_document(rdp_payload()).document
    first = with_value(export_document(plan), "TI-1", 2027, "76")
    with time_machine.travel(dt.datetime(2026, 12, 16, 10), tick=False):
        with pytest.raises(CorrectionRefused, match="CL-211"):
            do_correct_document(plan, first, acting_user=planner, basis="Monitoring results")
    with time_machine.travel(dt.datetime(2026, 12, 15, 10), tick=False):
        assert do_correct_document(plan, first, acting_user=planner, basis="Monitoring results").version == 2
        second = with_value(export_document(plan), "TI-1", 2028, "77")
        with pytest.raises(CorrectionRefused) as refused:
            do_correct_document(plan, second, acting_user=planner, basis="Monitoring results")
        assert [f.rule for f in refused.value.findings] == ["CL-211"]
    with time_machine.travel(dt.datetime(2027, 3, 1, 10), tick=False):
        assert do_correct_document(plan, second, acting_user=planner, basis="Monitoring results").version == 3


@time_machine.travel(dt.datetime(2026, 3, 10, 12, 0), tick=False)
def test_a_correction_without_basis_is_refused_before_anything_is_read(plan, planner):
    with pytest.raises(ValueError, match="cl. 205"):
        do_correct_document(plan, export_document(plan), acting_user=planner, basis="  ")
