"""The workflow of a document in development: steps with history, gates naming their clause, agreements, the
Annex 2 conclusion (cl. 103), public discussion (cl. 74, 99), acts after approval and changes (cl. 122-123,
132, 153-154)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from jospar.core.models import Role
from jospar.development import services as sv
from jospar.development.deadlines import deadlines
from jospar.development.models import Decision, MilestoneKind, Workflow
from jospar.development.steps import STEPS, Step
from jospar.interchange.services import do_import_document, export_document
from jospar.planning.choices import DocumentStatus
from jospar.planning.models import Document, PublicProposal
from jospar.planning.services import do_answer_proposal

from ..conftest import member, small_payload

ANNEX2 = {k: f"text {k}" for k in ("goal", "analysis", "international", "principles", "vision", "orientation",
                                    "indicators", "action_plan", "recommendations")}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def people(reference):
    return {"moh": member("moh-planner", "moh"), "mne": member("mne-planner", "mne"),
            "aspr": member("aspr-planner", "aspr"), "mof": member("mof-planner", "mof"),
            "edu": member("edu-planner", "edu"), "moh-viewer": member("moh-viewer", "moh", Role.VIEWER),
            "abai": member("abai-planner", "akimat-abai")}


def make(code="concept-t", type="concept", developer="moh", **kw) -> Document:
    return do_import_document(small_payload(code=code, type=type, developer=developer, status="draft",
                                            **kw)).document


def walk(document, user, until: Step, start=date(2026, 2, 2)):
    sv.do_start_workflow(document, acting_user=user, reason="start", on=start)
    for step in STEPS[1:STEPS.index(until) + 1]:
        sv.do_advance_step(document, step, acting_user=user, reason=f"to {step}", on=start)


def test_a_developer_planner_moves_a_draft_step_by_step_and_the_history_keeps_who_when_and_why(people):
    doc = make()
    sv.do_start_workflow(doc, acting_user=people["moh"], reason="Presidential instruction 12", on=date(2026, 2, 2))
    sv.do_advance_step(doc, "analysis", acting_user=people["moh"], reason="analysis begins", on=date(2026, 2, 9))
    w = Workflow.objects.get(document=doc)
    assert (w.step, w.step_since) == ("analysis", date(2026, 2, 9))
    records = list(w.history.order_by("history_id").values_list("step", "history_user__username",
                                                                   "history_change_reason"))
    assert records == [("initiation", "moh-planner", "Presidential instruction 12"),
                       ("analysis", "moh-planner", "analysis begins")]


def test_skipping_a_step_is_refused_naming_cl_3_and_nothing_changes(people):
    doc = make()
    sv.do_start_workflow(doc, acting_user=people["moh"], reason="start")
    with pytest.raises(sv.WorkflowRefused, match=r"order of cl\. 3.*Analysis of the current situation"):
        sv.do_advance_step(doc, "vision", acting_user=people["moh"], reason="hurry")
    assert Workflow.objects.get(document=doc).step == "initiation"


def test_an_unknown_step_a_missing_reason_and_another_body_are_refused(people):
    doc = make()
    sv.do_start_workflow(doc, acting_user=people["moh"], reason="start")
    with pytest.raises(sv.WorkflowRefused, match="not a step of cl. 3"):
        sv.do_advance_step(doc, "drafting", acting_user=people["moh"], reason="x")
    with pytest.raises(sv.WorkflowRefused, match="reason"):
        sv.do_advance_step(doc, "analysis", acting_user=people["moh"], reason="  ")
    for other in ("edu", "moh-viewer"):
        with pytest.raises(sv.WorkflowRefused, match="Only the planners of the developer"):
            sv.do_advance_step(doc, "analysis", acting_user=people[other], reason="x")


def test_a_return_to_an_earlier_step_is_allowed_with_a_reason(people):
    doc = make()
    walk(doc, people["moh"], Step.REFINEMENT)
    sv.do_advance_step(doc, "draft", acting_user=people["moh"], reason="rework the goals")
    assert Workflow.objects.get(document=doc).step == "draft"


def test_the_discussion_step_opens_a_concept_to_public_proposals_and_unanswered_ones_hold_the_agreement(people):
    doc = make()
    walk(doc, people["moh"], Step.DISCUSSION)
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.PUBLIC_DISCUSSION  # cl. 99
    proposal = PublicProposal.objects.create(document=doc, author_name="Айгүл", text="Add rural clinics")
    sv.do_advance_step(doc, "linking", acting_user=people["moh"], reason="x")
    sv.do_advance_step(doc, "refinement", acting_user=people["moh"], reason="x")
    with pytest.raises(sv.WorkflowRefused, match=r"1 proposal\(s\).*\(cl\. 99\)"):
        sv.do_advance_step(doc, "agreement", acting_user=people["moh"], reason="x")
    do_answer_proposal(proposal, decision="accepted", response="Task 1.2 added", acting_user=people["moh"])
    sv.do_advance_step(doc, "agreement", acting_user=people["moh"], reason="x")
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.UNDER_AGREEMENT


def test_a_concept_needs_both_agreements_of_cl_98_and_the_annex_2_conclusion_of_cl_103(people):
    doc = make()
    walk(doc, people["moh"], Step.AGREEMENT)
    with pytest.raises(sv.WorkflowRefused) as refused:
        sv.do_advance_step(doc, "approval", acting_user=people["moh"], reason="x")
    assert str(refused.value).count("(cl. 98)") == 2 and "(cl. 103)" in str(refused.value)
    sv.do_record_agreement(doc, people["mne"].memberships.get().organization, Decision.AGREED,
                           acting_user=people["mne"])
    sv.do_record_agreement(doc, people["aspr"].memberships.get().organization, Decision.NOT_AGREED,
                           acting_user=people["aspr"], remarks="No international review")
    with pytest.raises(sv.WorkflowRefused, match=r"did not agree.*\(cl\. 98\)"):
        sv.do_advance_step(doc, "approval", acting_user=people["moh"], reason="x")
    sv.do_record_agreement(doc, people["aspr"].memberships.get().organization, Decision.AGREED_WITH_REMARKS,
                           acting_user=people["aspr"], remarks="Shorten section 3")
    with pytest.raises(sv.WorkflowRefused, match=r"Annex 2 \(cl\. 103\)"):
        sv.do_advance_step(doc, "approval", acting_user=people["moh"], reason="x")
    sv.do_record_conclusion(doc, acting_user=people["aspr"], rows=ANNEX2, reference="ASPR-7")
    sv.do_advance_step(doc, "approval", acting_user=people["moh"], reason="to the Administration")
    assert Workflow.objects.get(document=doc).step == "approval"


def test_a_concept_not_going_to_the_presidents_administration_needs_no_annex_2(people):
    doc = make()
    walk(doc, people["moh"], Step.AGREEMENT)
    Workflow.objects.filter(document=doc).update(to_presidents_administration=False)
    for who in ("mne", "aspr"):
        sv.do_record_agreement(doc, people[who].memberships.get().organization, Decision.AGREED,
                               acting_user=people[who])
    sv.do_advance_step(doc, "approval", acting_user=people["moh"], reason="x")


def test_only_the_strategic_planning_body_concludes_and_every_required_annex_2_row_is_filled(people):
    doc = make()
    walk(doc, people["moh"], Step.DRAFT)
    with pytest.raises(sv.WorkflowRefused, match="Only the authorized body for strategic planning"):
        sv.do_record_conclusion(doc, acting_user=people["mne"], rows=ANNEX2)
    with pytest.raises(sv.WorkflowRefused, match="Recommendations"):
        sv.do_record_conclusion(doc, acting_user=people["aspr"], rows={**ANNEX2, "recommendations": " "})
    sv.do_record_conclusion(doc, acting_user=people["aspr"], rows=ANNEX2)  # row 12 "other" is optional


def test_agreements_are_recorded_only_at_the_agreement_step_by_the_agreeing_body(people):
    doc = make()
    walk(doc, people["moh"], Step.REFINEMENT)
    mne = people["mne"].memberships.get().organization
    with pytest.raises(sv.WorkflowRefused, match="agreement step"):
        sv.do_record_agreement(doc, mne, Decision.AGREED, acting_user=people["mne"])
    sv.do_advance_step(doc, "agreement", acting_user=people["moh"], reason="x")
    with pytest.raises(sv.WorkflowRefused, match="Only the planners of"):
        sv.do_record_agreement(doc, mne, Decision.AGREED, acting_user=people["edu"])
    with pytest.raises(sv.WorkflowRefused, match="Say why"):
        sv.do_record_agreement(doc, mne, Decision.NOT_AGREED, acting_user=people["mne"])


def test_a_state_body_plan_is_agreed_by_state_and_budget_planning_then_approved_with_its_clocks(people):
    doc = make(code="sbdp-t", type="sbdp")
    walk(doc, people["moh"], Step.AGREEMENT)
    for who in ("mne", "mof"):
        sv.do_record_agreement(doc, people[who].memberships.get().organization, Decision.AGREED,
                               acting_user=people[who], received_on=date(2026, 2, 3))
    sv.do_advance_step(doc, "approval", acting_user=people["moh"], reason="x", on=date(2026, 2, 4))
    sv.do_advance_step(doc, "approved", acting_user=people["moh"], reason="Order 45", on=date(2026, 6, 1))
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.APPROVED
    sv.do_record_act(doc, "sent", acting_user=people["moh"], on=date(2026, 6, 8))
    rows = {d.rule_id: d for d in deadlines(people["mne"], 2026)}
    assert rows["dev-sbdp-send"].status(date(2026, 6, 20)) == "submitted_on_time"
    assert rows["dev-sbdp-publish"].due == date(2026, 6, 15)
    assert rows["dev-sbdp-publish"].status(date(2026, 6, 16)) == "overdue"
    assert rows["dev-sbdp-publish"].status(date(2026, 6, 10)) == "due"
    assert rows["dev-sbdp-method"].status(date(2026, 6, 2)) == "upcoming"
    assert rows["dev-sbdp-send"].reporter.code == "moh" and rows["dev-sbdp-send"].recipient.code == "mne"
    assert rows["dev-sbdp-send"].period.document == doc and rows["dev-sbdp-send"].label("en").startswith("Send")


def test_the_development_deadlines_follow_what_the_user_may_see(people):
    doc = make(code="sbdp-t", type="sbdp")
    sv.do_start_workflow(doc, acting_user=people["moh"], reason="x", approved_on=date(2026, 6, 1))
    assert {d.rule_id for d in deadlines(people["moh"], 2026)} == {"dev-sbdp-send", "dev-sbdp-publish",
                                                                   "dev-sbdp-method"}
    assert deadlines(people["abai"], 2026) == []  # not its document, and an approved draft is not open
    assert deadlines(people["moh"], 2025) == []


def regional(people) -> Document:
    doc = make(code="rdp-t", type="rdp", developer="akimat-abai", territory="100000000", co_executors=[])
    sv.do_start_workflow(doc, acting_user=people["abai"], reason="in force", approved_on=date(2026, 3, 2))
    return doc


def correct(doc: Document, year: int, value: str, basis: str = "Monitoring results 2025") -> None:
    payload = export_document(doc)
    ti = next(i for i in payload.indicators if i.code == "TI-1")
    for v in ti.values:
        if v.year == year:
            v.plan = value
    do_import_document(payload.model_copy(update={"version": doc.version + 1, "correction_basis": basis}))
    doc.refresh_from_db()


def test_a_regional_plan_change_carries_its_annex_6_table_and_restarts_the_clocks(people):
    doc = regional(people)
    correct(doc, 2029, "78")
    change = sv.do_record_change(doc, acting_user=people["abai"], reason="maslikhat decision 5",
                                 on=date(2026, 9, 14))
    rows = list(change.comparison_rows.values_list("number", "element", "current", "proposed", "justification"))
    assert rows == [(1, "indicator:TI-1:plan:2029", "77", "78", "Monitoring results 2025")]
    due = {(d.rule_id, d.version): d.due for d in deadlines(people["abai"], 2026)}
    assert due[("dev-rdp-send", 1)] == date(2026, 3, 10)  # Mon 2 March; 8 March (Sun) -> Mon 9 March off
    assert due[("dev-rdp-send", 2)] == date(2026, 9, 21)
    assert due[("dev-rdp-publish", 2)] == date(2026, 9, 28)


def test_a_regional_change_is_not_sent_while_a_row_of_annex_6_has_no_justification(people):
    doc = regional(people)
    correct(doc, 2029, "78", basis="")
    change = sv.do_record_change(doc, acting_user=people["abai"], reason="x", on=date(2026, 9, 14))
    with pytest.raises(sv.WorkflowRefused, match=r"rows without one: 1 \(cl\. 132"):
        sv.do_record_act(doc, "sent", acting_user=people["abai"], on=date(2026, 9, 15))
    assert sv.do_justify_rows(change, {1: "Higher target of the NDP"}, acting_user=people["abai"]) == 1
    sent = sv.do_record_act(doc, "sent", acting_user=people["abai"], on=date(2026, 9, 15))
    assert (sent.kind, sent.version) == (MilestoneKind.SENT, 2)
    with pytest.raises(sv.WorkflowRefused, match="already sent"):
        sv.do_justify_rows(change, {1: "other"}, acting_user=people["abai"])


def test_a_change_with_nothing_changed_or_the_same_version_is_refused(people):
    doc = regional(people)
    with pytest.raises(sv.WorkflowRefused, match=r"Version 1 .* already recorded"):
        sv.do_record_change(doc, acting_user=people["abai"], reason="x", on=date(2026, 9, 14))
    Document.objects.filter(pk=doc.pk).update(version=2)
    doc.refresh_from_db()
    with pytest.raises(sv.WorkflowRefused, match=r"Nothing differs .*cl\. 132"):
        sv.do_record_change(doc, acting_user=people["abai"], reason="x", on=date(2026, 9, 14))
    assert not doc.workflow.milestones.filter(kind="changed").exists()


def test_an_approved_document_does_not_go_back_to_a_step(people):
    doc = regional(people)
    with pytest.raises(sv.WorkflowRefused, match="correction"):
        sv.do_advance_step(doc, "refinement", acting_user=people["abai"], reason="x")


def test_the_previous_version_document_is_the_basis_of_the_comparison_when_there_is_one(people):
    old = make(code="rdp-v1", type="rdp", developer="akimat-abai", territory="100000000", co_executors=[])
    new = make(code="rdp-v2", type="rdp", developer="akimat-abai", territory="100000000", co_executors=[],
               previous_version="rdp-v1", version=2)
    sv.do_start_workflow(new, acting_user=people["abai"], reason="x", approved_on=date(2026, 3, 2))
    assert sv.previous_content(new.workflow)["code"] == old.code


def test_a_refusal_reads_in_kazakh_with_the_clause_written_the_kazakh_way(people):
    doc = make(code="sbdp-k", type="sbdp")
    walk(doc, people["moh"], Step.AGREEMENT)
    with translation.override("kk"), pytest.raises(sv.WorkflowRefused) as refused:
        sv.do_advance_step(doc, "approval", acting_user=people["moh"], reason="x")
    assert "келісімі тіркелген жоқ (105-т.)" in str(refused.value)
