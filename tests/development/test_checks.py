"""What the workflow records and the checker reads from it: the working group (cl. 128, V-57), the sending to
the competent bodies (cl. 124, V-53), reorganisations (cl. 126, V-55), the higher indicators a body co-executes
(cl. 62, V-23) and the deadlines of the workflow as findings (V-51, V-52)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from jospar.compliance.services import check_document, render_message
from jospar.core.models import Organization
from jospar.development import services as sv
from jospar.development.checks import load_facts
from jospar.development.models import MilestoneKind, WorkingGroup
from jospar.interchange.services import ImportRejected, do_import_document, export_document
from jospar.planning.models import DecompositionLink, Indicator

from ..conftest import member, small_payload

TODAY = date(2026, 3, 2)
FULL_GROUP = [("A. Akimov", "deputy akim", "leb"), ("B. Public", "public council", "public_council"),
              ("C. Deputy", "maslikhat", "maslikhat_deputy"), ("D. Scientist", "", "science")]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def people(reference):
    return {"moh": member("moh-planner", "moh"), "edu": member("edu-planner", "edu"),
            "abai": member("abai-planner", "akimat-abai"), "mne": member("mne-planner", "mne")}


def findings(document, rule_id: str):
    return [f for f in check_document(document, today=TODAY).findings if f.rule == rule_id]


def regional_plan():
    return do_import_document(small_payload(code="rdp-t", type="rdp", developer="akimat-abai", territory="100000000",
                                            status="draft", co_executors=[])).document


def test_a_regional_plan_without_a_working_group_is_warned_and_one_with_the_three_required_members_is_not(people):
    plan = regional_plan()
    sv.do_start_workflow(plan, acting_user=people["abai"], reason="akim's instruction", on=date(2026, 2, 2))
    (finding,) = findings(plan, "V-57")
    assert finding.severity == "warning" and finding.clause == "cl. 128 [INFERRED]"
    assert "no working group" in render_message(finding, "en")

    sv.do_record_working_group(plan, acting_user=people["abai"], reason="akim's decision No. 14",
                               decision_number="14", decision_date=date(2026, 2, 3), members=FULL_GROUP)
    assert findings(plan, "V-57") == []


def test_a_working_group_without_maslikhat_deputies_is_named_in_each_language(people):
    plan = regional_plan()
    sv.do_start_workflow(plan, acting_user=people["abai"], reason="start", on=date(2026, 2, 2))
    sv.do_record_working_group(plan, acting_user=people["abai"], reason="decision", decision_number="14",
                               decision_date=date(2026, 2, 3), members=FULL_GROUP[:2])
    (finding,) = findings(plan, "V-57")
    en, ru, kk = (render_message(finding, lang) for lang in ("en", "ru", "kk"))
    assert en == "the working group has no member from deputies of the maslikhat (cl. 128)"
    assert "маслихат" in ru.lower() and "мәслихат" in kk.lower() and len({en, ru, kk}) == 3


def test_a_working_group_member_of_an_unknown_category_is_refused_and_nothing_is_written(people):
    plan = regional_plan()
    sv.do_start_workflow(plan, acting_user=people["abai"], reason="start", on=date(2026, 2, 2))
    with pytest.raises(sv.WorkflowRefused, match=r"member 2: “friends” is not a category of cl\. 128"):
        sv.do_record_working_group(plan, acting_user=people["abai"], reason="decision", decision_number="14",
                                   decision_date=date(2026, 2, 3),
                                   members=[FULL_GROUP[0], ("E. Friend", "", "friends")])
    assert not WorkingGroup.objects.exists()


def test_a_state_body_plan_has_no_working_group_of_cl_128(people):
    plan = do_import_document(small_payload(status="draft")).document
    sv.do_start_workflow(plan, acting_user=people["moh"], reason="start", on=date(2026, 2, 2))
    with pytest.raises(sv.WorkflowRefused, match=r"regional plan only \(cl\. 128\)"):
        sv.do_record_working_group(plan, acting_user=people["moh"], reason="x", decision_number="1",
                                   decision_date=None, members=FULL_GROUP)


def related_plan():
    data = small_payload().model_dump()
    data["goals"][0]["related_bodies"] = ["edu"]  # the goal concerns the sphere of education (cl. 124)
    return do_import_document(type(small_payload()).model_validate(data)).document


def test_the_related_bodies_of_a_goal_travel_in_the_interchange_format(people):
    plan = related_plan()
    assert [g.related_bodies for g in export_document(plan).goals] == [["edu"]]
    assert list(plan.goals.get().related_bodies.values_list("code", flat=True)) == ["edu"]


def test_an_unknown_related_body_is_refused_with_its_path(reference):
    data = small_payload().model_dump()
    data["goals"][0]["related_bodies"] = ["no-such-body"]
    with pytest.raises(ImportRejected) as refused:
        do_import_document(type(small_payload()).model_validate(data))
    assert [p.path for p in refused.value.problems] == ["$.goals[0].related_bodies[0]"]


def test_an_approved_plan_is_warned_until_it_is_sent_to_the_body_of_a_related_sphere(people):
    plan = related_plan()
    sv.do_start_workflow(plan, acting_user=people["moh"], reason="approved", approved_on=date(2026, 1, 5))
    (finding,) = findings(plan, "V-53")
    assert finding.item.code == "1.1" and finding.params == {"body": "edu"}

    sv.do_record_sending_to_competent_body(plan, Organization.objects.get(code="edu"), acting_user=people["moh"],
                                           on=date(2026, 1, 8), reference="letter 5")
    assert findings(plan, "V-53") == []
    assert plan.workflow.milestones.get(kind=MilestoneKind.SENT_TO_COMPETENT).recipient.code == "edu"


def test_the_plan_is_not_sent_to_its_own_developer(people):
    plan = related_plan()
    sv.do_start_workflow(plan, acting_user=people["moh"], reason="approved", approved_on=date(2026, 1, 5))
    with pytest.raises(sv.WorkflowRefused, match=r"cl\. 124"):
        sv.do_record_sending_to_competent_body(plan, Organization.objects.get(code="moh"), acting_user=people["moh"])


def test_the_send_and_publish_deadlines_become_findings_once_overdue(people):
    plan = do_import_document(small_payload()).document
    sv.do_start_workflow(plan, acting_user=people["moh"], reason="approved", approved_on=date(2026, 1, 5))
    # approved Monday 5 January 2026: sent within 5 working days, published within 10 (cl. 122-123); 7 January
    # (Orthodox Christmas) is a holiday, so the fifth working day is Tuesday 13 January
    assert {f.rule for f in check_document(plan, today=date(2026, 1, 9)).findings} & {"V-51", "V-52"} == set()
    (send,) = findings(plan, "V-51")
    assert send.params["due"] == "2026-01-13" and send.params["version"] == 1 and send.clause == "cl. 122"
    assert render_message(send, "en").startswith("overdue: Send the approved or changed plan")

    sv.do_record_act(plan, MilestoneKind.SENT, acting_user=people["moh"], on=date(2026, 1, 14), reference="l-1")
    (late,) = findings(plan, "V-51")
    assert late.params["done"] == "2026-01-14" and render_message(late, "en").startswith("late:")


def test_a_successor_plan_must_carry_the_transferred_indicators_and_the_transfer_makes_it_so(people, admin_user):
    old = do_import_document(small_payload(code="sbdp-moh-old")).document
    empty = small_payload(code="sbdp-edu-new", developer="edu", co_executors=[]).model_dump()
    empty.update(goals=[], indicators=[], measures=[])
    new = do_import_document(type(small_payload()).model_validate(empty)).document
    moh, edu = Organization.objects.get(code="moh"), Organization.objects.get(code="edu")
    with pytest.raises(sv.WorkflowRefused, match=r"cl\. 126"):
        sv.do_record_reorganization(moh, edu, old.goals.all(), acting_user=people["edu"], reason="decree 1")
    reorganisation = sv.do_record_reorganization(moh, edu, old.goals.all(), acting_user=people["mne"],
                                                 reason="Decree No. 1", act="Decree No. 1",
                                                 act_date=date(2026, 1, 10))
    (finding,) = findings(new, "V-55")
    assert finding.item.code == "sbdp-moh-old:TI-1" and finding.severity == "error"
    assert finding.params == {"body": "moh", "successor": "edu"}

    created = sv.do_transfer_goals(reorganisation, new, acting_user=people["edu"], reason="cl. 126 transfer")
    assert created == 2  # the goal and its one target indicator (result indicators are the successor's own)
    copy = Indicator.objects.get(document=new, code="TI-1")
    assert DecompositionLink.objects.get(child=copy).parent.document == old
    assert sorted(copy.values.values_list("year", "plan")) == [(2025, copy.values.get(year=2025).plan),
                                                                (2029, copy.values.get(year=2029).plan)]
    assert findings(new, "V-55") == []
    assert sv.do_transfer_goals(reorganisation, new, acting_user=people["edu"], reason="again") == 0


def test_a_plan_that_does_not_carry_a_higher_indicator_its_developer_co_executes_is_warned(people):
    # small_payload: edu co-executes TI-1 of sbdp-test (cl. 62)
    do_import_document(small_payload())
    lower = small_payload(code="sbdp-edu", developer="edu", co_executors=[], implements=["sbdp-test"])
    plan = do_import_document(lower).document
    assert [f.item.code for f in findings(plan, "V-23")] == ["sbdp-test:TI-1"]

    data = lower.model_dump()
    data["indicators"][0]["parents"] = [{"indicator": "sbdp-test:TI-1", "kind": "contribution"}]
    plan = do_import_document(type(lower).model_validate(data)).document
    assert findings(plan, "V-23") == []


def test_the_facts_of_a_batch_equal_the_facts_of_each_document_alone(people):
    a = do_import_document(small_payload()).document
    b = regional_plan()
    sv.do_start_workflow(b, acting_user=people["abai"], reason="start", on=date(2026, 2, 2))
    sv.do_record_working_group(b, acting_user=people["abai"], reason="decision", decision_number="14",
                               decision_date=date(2026, 2, 3), members=FULL_GROUP)
    payloads = [export_document(a), export_document(b)]
    assert load_facts(payloads) == [load_facts([p])[0] for p in payloads]
    assert load_facts(payloads)[1].working_group.categories == {"leb", "public_council", "maslikhat_deputy",
                                                                "science"}


def run(*args) -> str:
    out = io.StringIO()
    call_command("development", *args, stdout=out)
    return out.getvalue()


def test_the_cli_records_a_working_group_a_sending_and_a_reorganisation_with_its_transfer(people):
    plan = regional_plan()
    sv.do_start_workflow(plan, acting_user=people["abai"], reason="start", on=date(2026, 2, 2))
    out = run("working-group", "rdp-t", "--decision", "14", "--date", "2026-02-03", "--member", "A. Akimov;;leb",
              "--member", "B. Public;council;public_council", "--reason", "decision 14", "--as", "abai-planner")
    assert out.strip() == ("Working group of rdp-t recorded: decision 14 of 03.02.2026, 2 members (cl. 128).")
    with pytest.raises(CommandError, match="NAME;POSITION;CATEGORY"):
        run("working-group", "rdp-t", "--decision", "14", "--date", "2026-02-03", "--member", "A. Akimov",
            "--reason", "x", "--as", "abai-planner")

    old = do_import_document(small_payload(code="sbdp-moh-old")).document
    empty = small_payload(code="sbdp-edu-new", developer="edu", co_executors=[]).model_dump()
    empty.update(goals=[], indicators=[], measures=[])
    do_import_document(type(small_payload()).model_validate(empty))
    assert "moh → edu, goals 1.1" in run("reorganize", old.code, "--to", "edu", "--goals", "1.1", "--act", "Decree 1",
                                         "--reason", "Decree 1", "--as", "mne-planner")
    assert run("transfer", "sbdp-edu-new", "--reason", "cl. 126", "--as", "edu-planner").startswith("2 items")

    sv.do_start_workflow(old, acting_user=people["moh"], reason="approved", approved_on=date(2026, 1, 5))
    assert run("send-to", old.code, "edu", "--on", "2026-01-08", "--as", "moh-planner").strip() == \
        "sbdp-moh-old sent to edu on 08.01.2026 (cl. 124)."
