"""The rules that read what the development workflow recorded, in detail (cl. 62, 119 ¶2, 124, 126, 128 and the
deadlines of cl. 64-75, 122-123, 151-154). Pure tests: payloads and contexts from `builders.py`."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from jospar.compliance.rules.development import DeadlineFact, HigherItem, WorkingGroupFact

from . import builders as b
from .test_rules import findings, ind

CONTEXT_RULES = ("V-23", "V-53", "V-55", "V-57", "V-24", "V-51", "V-71")


def with_facts(doc_type: str, **facts):
    ctx = b.context(doc_type)
    ctx.development = replace(ctx.development, **facts)
    return ctx


def test_without_workflow_facts_the_rules_that_need_them_are_silent():
    data = b.sbdp()
    data["status"] = "in_force"
    data["goals"][0]["related_bodies"] = ["edu"]
    ctx = b.context("sbdp")
    del ctx.development  # a context built by hand, without the development extension
    assert not [f for f in findings(data, ctx) if f.rule in CONTEXT_RULES]


def test_a_co_executor_indicator_linked_to_a_higher_one_passes_and_the_developers_own_is_not_v23s_business():
    data = b.sbdp()
    data["indicators"].append(b.indicator("TI-9", goal="1.1", responsible="edu",
                                          parents=[{"indicator": "sbdp-x:TI-1", "kind": "contribution"}]))
    data["indicators"].append(b.indicator("TI-10", goal="1.1", responsible="moh"))  # the developer's: no link asked
    assert not findings(data, only="V-23")


def test_a_co_executed_higher_indicator_is_carried_by_any_link_to_it():
    ctx = with_facts("sbdp", co_executed=(HigherItem("ndp-x:SI-2", b.T("SI-2")),))
    assert not findings(b.sbdp(), ctx, only="V-23")  # TI-1 contributes to ndp-x:SI-2


def test_a_goal_row_needs_only_the_justification_of_the_explanatory_note():
    data = b.sbdp()
    data["financial_need"][0]["explanatory_note"].update(history={}, calculation={})  # the goal's row
    assert not findings(data, only="R-119b")


def test_every_missing_item_of_the_explanatory_note_is_named_at_once():
    data = b.sbdp()
    data["financial_need"][1]["explanatory_note"] = {}
    (finding,) = findings(data, only="R-119b")
    assert [w.split(" (item")[1] for w in finding.params["missing"]] == [" 2)", " 3)", " 4)"]


def test_a_target_indicator_with_its_own_programme_code_needs_no_goal_code():
    data = b.sbdp()
    data["goals"][0]["budget_program_codes"] = []
    ind(data, "TI-1")["budget_program_code"] = "226-067-000"
    assert not findings(data, only="A4-V2")


def test_a_draft_plan_is_not_yet_sent_anywhere():
    data = b.sbdp()
    data["goals"][0]["related_bodies"] = ["edu"]
    assert not findings(data, only="V-53")  # a draft: the distribution list applies after approval (cl. 121-124)
    data["status"] = "approved"
    assert [f.params["body"] for f in findings(data, only="V-53")] == ["edu"]
    assert not findings(data, with_facts("sbdp", sent_to=frozenset({"edu"})), only="V-53")


def test_the_developer_named_among_related_bodies_needs_no_sending():
    data = b.sbdp()
    data.update(status="in_force")
    data["goals"][0]["related_bodies"] = ["moh"]
    assert not findings(data, only="V-53")


def test_a_transferred_indicator_carried_by_a_copy_link_passes_v55():
    data = b.sbdp()
    ind(data, "TI-1")["parents"].append({"indicator": "sbdp-old:TI-7", "kind": "copy"})
    ctx = with_facts("sbdp", transferred=(HigherItem("sbdp-old:TI-7", b.T("TI-7"), "mzsr"),))
    assert not findings(data, ctx, only="V-55")


def test_a_working_group_without_a_decision_number_is_warned():
    group = WorkingGroupFact("", dt.date(2024, 3, 1), frozenset({"leb", "public_council", "maslikhat_deputy"}))
    (finding,) = findings(b.rdp(), with_facts("rdp", working_group=group), only="V-57")
    assert "number or date" in finding.message


@given(st.integers(-30, 30), st.one_of(st.none(), st.integers(-30, 30)))
def test_a_deadline_is_a_finding_only_when_overdue_or_done_late(due_offset, done_offset):
    due = b.TODAY + dt.timedelta(days=due_offset)
    done = None if done_offset is None else b.TODAY + dt.timedelta(days=done_offset)
    fact = DeadlineFact("dev-sbdp-send", "cl. 122", "Send", due=due, fulfilled_on=done, version=1)
    fired = findings(b.sbdp(), with_facts("sbdp", deadlines=(fact,)), only="V-51")
    overdue = done is None and due < b.TODAY
    late = done is not None and done > due
    assert len(fired) == (1 if overdue or late else 0)
    if fired:
        assert fired[0].message.startswith("overdue" if overdue else "late")


def test_a_deadline_of_another_rule_is_left_to_that_rule():
    fact = DeadlineFact("dev-sbdp-publish", "cl. 123", "Publish", due=b.TODAY - dt.timedelta(days=3))
    ctx = with_facts("sbdp", deadlines=(fact,))
    assert not findings(b.sbdp(), ctx, only="V-51")
    (finding,) = findings(b.sbdp(), ctx, only="V-52")
    assert finding.params["due"] == "2025-05-29" and "version" not in finding.message
