"""Correction of an approved document from the web (cl. 205-213, issue 5): start a correction draft, edit it
in the editor, compare it item by item with the approved version, apply it or meet the refusals by clause."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from jospar.interchange.services import do_import_document, export_document
from jospar.planning.corrections import (
    CorrectionRefused,
    as_correction,
    as_draft,
    compare,
    correction_draft_of,
    do_apply_correction,
    do_discard_correction,
    do_start_correction,
    pending_refusals,
)
from jospar.planning.models import Document, IndicatorValue
from jospar.planning.services import NotAllowed

from ..conftest import member, small_payload

pytestmark = pytest.mark.django_db
BASIS = "The results of monitoring: report for 2025"


@pytest.fixture
def plan(reference):
    """An approved state body plan (2025-2029) in force; RI-1 is linked to TI-1 inside the plan."""
    return do_import_document(small_payload()).document


@pytest.fixture
def planner(reference):
    return member("moh-planner", "moh")


def set_plan(document: Document, code: str, year: int, value: str) -> None:
    """Change one annual plan value in the draft directly (the editor is tested separately)."""
    row = IndicatorValue.objects.filter(indicator__document=document, indicator__code=code, year=year,
                                        quarter=0).first()
    if row is None:
        IndicatorValue.objects.create(indicator=document.indicators.get(code=code), year=year, quarter=0,
                                      plan=Decimal(value))
    else:
        row.plan = Decimal(value)
        row.save()


# ------------------------------------------------------------------------------------------------ service


def test_the_draft_payload_renames_inside_links_and_drops_outside_ones_and_the_correction_restores_them(plan):
    approved = export_document(plan)
    data = approved.model_dump()
    ti = next(i for i in data["indicators"] if i["code"] == "TI-1")
    ti["parents"] = [{"indicator": "ndp-2029:SIM-1", "kind": "copy"}]
    approved = type(approved).model_validate(data)

    def links(payload, code):
        return [p.indicator for i in payload.indicators if i.code == code for p in i.parents]

    draft = as_draft(approved, basis=BASIS)
    assert (draft.code, draft.status, draft.version, draft.previous_version) == (
        "sbdp-test-correction", "draft", 2, "sbdp-test")
    assert draft.implements == [] and links(draft, "TI-1") == []
    assert links(draft, "RI-1") == ["sbdp-test-correction:TI-1"]
    back = as_correction(draft, approved)
    assert back.code == "sbdp-test" and back.version == 1 and back.status == "in_force"
    assert links(back, "TI-1") == ["ndp-2029:SIM-1"]
    assert links(back, "RI-1") == ["sbdp-test:TI-1"]
    assert compare(approved, back) == []


def test_starting_a_correction_copies_the_approved_plan_into_a_draft_with_its_basis(plan, planner):
    draft = do_start_correction(plan, acting_user=planner, basis=BASIS)
    assert (draft.code, draft.status, draft.version, draft.previous_version) == (
        "sbdp-test-correction", "draft", 2, plan)
    assert draft.correction_basis == BASIS
    assert draft.indicators.count() == 2 and draft.measures.get().financing.count() == 1
    assert correction_draft_of(plan) == draft
    assert do_start_correction(plan, acting_user=planner, basis="again") == draft  # one open correction at a time
    plan.refresh_from_db()
    assert plan.version == 1


def test_only_the_developers_planners_start_a_correction_of_an_approved_document(plan, reference):
    stranger = member("edu-planner", "edu")
    with pytest.raises(NotAllowed, match="205"):
        do_start_correction(plan, acting_user=stranger, basis=BASIS)
    assert not Document.objects.filter(code="sbdp-test-correction").exists()


def test_a_draft_document_is_not_corrected_but_edited(reference, planner):
    draft_plan = do_import_document(small_payload(status="draft")).document
    with pytest.raises(NotAllowed, match="205"):
        do_start_correction(draft_plan, acting_user=planner, basis=BASIS)


def test_a_correction_needs_its_basis(plan, planner):
    with pytest.raises(ValueError, match="205"):
        do_start_correction(plan, acting_user=planner, basis="   ")


@time_machine.travel(dt.datetime(2026, 3, 10, 12, 0), tick=False)
def test_applying_the_correction_makes_version_two_of_the_approved_plan_and_closes_the_draft(plan, planner):
    draft = do_start_correction(plan, acting_user=planner, basis=BASIS)
    set_plan(draft, "TI-1", 2027, "76.5")
    result = do_apply_correction(draft, acting_user=planner, reason="agreed with the ministry")
    plan.refresh_from_db()
    assert (result.version, plan.version, plan.status) == (2, 2, "in_force")
    assert plan.correction_basis == BASIS
    assert [(c.kind, c.code, c.change) for c in result.changes] == [("indicator", "TI-1", "changed")]
    value = IndicatorValue.objects.get(indicator__document=plan, indicator__code="TI-1", year=2027)
    assert value.plan == Decimal("76.5")
    assert value.history.latest().history_change_reason == (
        f"Correction to version 2: {BASIS} (agreed with the ministry)")
    assert not Document.objects.filter(code="sbdp-test-correction").exists()
    # the link inside the plan points at the plan again, not at the deleted draft
    assert plan.indicators.get(code="RI-1").parent_links.get().parent.document == plan


@time_machine.travel(dt.datetime(2027, 5, 1, 12, 0), tick=False)
def test_a_refused_correction_changes_nothing_and_keeps_the_draft(plan, planner):
    draft = do_start_correction(plan, acting_user=planner, basis=BASIS)
    set_plan(draft, "TI-1", 2025, "74")  # 2025 has passed (cl. 213)
    assert [(f.rule, f.params["years"]) for f in pending_refusals(draft)] == [("CL-213", "2025")]
    with pytest.raises(CorrectionRefused):
        do_apply_correction(draft, acting_user=planner)
    plan.refresh_from_db()
    assert plan.version == 1
    assert plan.indicators.get(code="TI-1").values.get(year=2025).plan == Decimal("75.1")
    assert correction_draft_of(plan) == draft


def test_discarding_the_draft_leaves_the_approved_plan_as_it_was(plan, planner):
    draft = do_start_correction(plan, acting_user=planner, basis=BASIS)
    set_plan(draft, "TI-1", 2028, "99")
    assert do_discard_correction(draft, acting_user=planner, reason="not needed") == plan
    assert correction_draft_of(plan) is None
    assert plan.indicators.get(code="TI-1").values.filter(year=2028).count() == 0


def test_the_comparison_shows_approved_and_corrected_values_side_by_side(plan, planner):
    draft = do_start_correction(plan, acting_user=planner, basis=BASIS)
    set_plan(draft, "TI-1", 2025, "75.3")
    goal = draft.goals.get()
    goal.title_en = "Healthy nation"
    goal.save()
    old = export_document(plan)
    rows = compare(old, as_correction(export_document(draft), old))
    assert [(r.change.kind, r.change.code, r.change.change) for r in rows] == [
        ("goal", "1.1", "changed"), ("indicator", "TI-1", "changed")]
    assert [(f.field, f.part, f.quantity, f.before, f.after) for f in rows[0].fields] == [
        ("title", "en", "", "Goal", "Healthy nation")]
    assert [(f.field, f.part, f.quantity, f.before, f.after, f.year) for f in rows[1].fields] == [
        ("values", "2025", "plan", "75.1", "75.3", 2025)]
