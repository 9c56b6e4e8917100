"""The forms of cl. 124, 126 and 128 on the development pages: the working group of a regional plan, the sending
of a state body plan to the bodies of related spheres, the reorganisation of a state body and the transfer of its
goals. For each: a valid entry is recorded with its history, bad input is shown next to the field with the rule
and clause, a refusal of the service is shown and writes nothing, and other users get 403."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from jospar.core.models import Organization, Role
from jospar.development import services as sv
from jospar.development.models import MilestoneKind, Reorganization, WorkingGroup, WorkingGroupMember
from jospar.interchange.services import do_import_document
from jospar.planning.models import DecompositionLink, Indicator

from ..conftest import member, small_payload


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def abai(reference):
    return member("abai-planner", "akimat-abai")


@pytest.fixture
def rdp(abai):
    plan = do_import_document(small_payload(code="rdp-f", type="rdp", developer="akimat-abai", territory="100000000",
                                            status="draft", co_executors=[])).document
    sv.do_start_workflow(plan, acting_user=abai, reason="start", on=date(2026, 2, 2))
    return plan


def group_post(rows, **fields):
    data = {"decision_number": "14", "decision_date": "2026-02-03", "reason": "Akim's decision No. 14",
            "members-TOTAL_FORMS": str(len(rows)), "members-INITIAL_FORMS": "0", **fields}
    for i, (name, position, category) in enumerate(rows):
        data.update({f"members-{i}-full_name": name, f"members-{i}-position": position,
                     f"members-{i}-category": category})
    return data


FULL = [("A. Akimov", "deputy akim", "leb"), ("B. Public", "", "public_council"),
        ("C. Deputy", "maslikhat", "maslikhat_deputy"), ("", "", "")]


# ------------------------------------------------------------------------------------------ cl. 128


def test_the_planner_of_a_regional_plan_records_its_working_group_with_repeatable_member_rows(client, rdp, abai):
    client.force_login(abai)
    url = reverse("development:working-group", args=[rdp.code])
    form = client.get(url).content.decode()
    assert form.count('name="members-') >= 3 * 3 and "Deputies of the maslikhat" in form
    response = client.post(url, group_post(FULL), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"/development/{rdp.code}/#working-group")
    assert "The working group is recorded (cl. 128)." in page
    assert "Created by the akim's decision No. 14 of 03.02.2026." in page
    group = WorkingGroup.objects.get(workflow__document=rdp)
    assert sorted(group.members.values_list("full_name", "category")) == [
        ("A. Akimov", "leb"), ("B. Public", "public_council"), ("C. Deputy", "maslikhat_deputy")]  # empty row skipped
    assert group.history.get().history_change_reason == "Akim's decision No. 14"
    assert group.history.get().history_user == abai


def test_a_working_group_without_maslikhat_deputies_is_recorded_with_the_v57_warning(client, rdp, abai):
    client.force_login(abai)
    page = client.post(reverse("development:working-group", args=[rdp.code]), group_post(FULL[:2]),
                       follow=True).content.decode()
    assert "V-57: the working group has no member from Deputies of the maslikhat (cl. 128)." in page
    assert WorkingGroupMember.objects.count() == 2


def test_recording_the_group_again_replaces_its_members_and_the_form_shows_the_current_ones(client, rdp, abai):
    sv.do_record_working_group(rdp, acting_user=abai, reason="first", decision_number="9",
                               decision_date=date(2026, 2, 3), members=[("Old Member", "", "experts")])
    client.force_login(abai)
    url = reverse("development:working-group", args=[rdp.code])
    form = client.get(url).content.decode()
    assert 'value="Old Member"' in form and 'value="9"' in form
    client.post(url, group_post(FULL[:1]))
    assert list(WorkingGroupMember.objects.values_list("full_name", flat=True)) == ["A. Akimov"]
    assert WorkingGroupMember.history.filter(full_name="Old Member", history_type="-").exists()


def test_a_member_row_without_category_is_shown_next_to_the_field_and_nothing_is_written(client, rdp, abai):
    client.force_login(abai)
    response = client.post(reverse("development:working-group", args=[rdp.code]),
                           group_post([FULL[0], ("E. Nobody", "adviser", "")], decision_number=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_members-1-category_errors"' in page
    assert "Member 2: choose who the member represents" in page and "cl. 128" in page
    assert 'id="id_decision_number_errors"' in page and "(cl. 128, V-57)" in page
    assert not WorkingGroup.objects.exists()


def test_a_row_with_a_position_but_no_name_is_refused_with_the_row_number(client, rdp, abai):
    client.force_login(abai)
    page = client.post(reverse("development:working-group", args=[rdp.code]),
                       group_post([FULL[0], FULL[1], ("", "secretary", "ngo")])).content.decode()
    assert "Member 3: give the full name (cl. 128)." in page
    assert not WorkingGroup.objects.exists()


def test_a_group_with_no_member_at_all_is_refused(client, rdp, abai):
    client.force_login(abai)
    page = client.post(reverse("development:working-group", args=[rdp.code]), group_post(FULL[3:])).content.decode()
    assert "Name at least one member of the working group (cl. 128)." in page and "Nothing was written." in page
    assert not WorkingGroup.objects.exists()


def test_add_rows_keeps_what_was_typed_adds_three_rows_and_writes_nothing(client, rdp, abai):
    client.force_login(abai)
    response = client.post(reverse("development:working-group", args=[rdp.code]),
                           group_post(FULL[:2], add_rows="1"))
    page = response.content.decode()
    assert 'name="members-TOTAL_FORMS" value="5"' in page and 'value="B. Public"' in page
    assert "errorlist" not in page
    assert not WorkingGroup.objects.exists()


def test_the_refusal_of_the_service_is_shown_when_the_workflow_was_not_started(client, abai):
    plan = do_import_document(small_payload(code="rdp-n", type="rdp", developer="akimat-abai", territory="100000000",
                                            status="draft", co_executors=[])).document
    client.force_login(abai)
    response = client.post(reverse("development:working-group", args=[plan.code]), group_post(FULL))
    assert response.status_code == 200
    assert "The development of rdp-n has not been started." in response.content.decode()
    assert not WorkingGroup.objects.exists()


def test_a_viewer_of_the_akimat_gets_403_and_a_state_body_plan_has_no_working_group_page(client, rdp, reference):
    client.force_login(member("abai-viewer", "akimat-abai", Role.VIEWER))
    url = reverse("development:working-group", args=[rdp.code])
    assert client.get(url).status_code == 403
    assert client.post(url, group_post(FULL)).status_code == 403
    assert not WorkingGroup.objects.exists()
    sbdp = do_import_document(small_payload()).document
    client.force_login(member("moh-planner", "moh"))
    assert client.get(reverse("development:working-group", args=[sbdp.code])).status_code == 404


def test_the_working_group_page_costs_the_same_queries_for_one_or_twelve_members(client, rdp, abai):
    client.force_login(abai)
    url = reverse("development:working-group", args=[rdp.code])

    def count(n):
        sv.do_record_working_group(rdp, acting_user=abai, reason="x", decision_number="1",
                                   decision_date=date(2026, 2, 3), members=[(f"M{i}", "", "experts") for i in range(n)])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert count(1) == count(12)


def test_the_workflow_page_links_to_the_working_group_form_for_the_developer_only(client, rdp, abai, reference):
    url = reverse("development:workflow", args=[rdp.code])
    form_url = reverse("development:working-group", args=[rdp.code])
    client.force_login(abai)
    assert form_url in client.get(url).content.decode()
    client.force_login(member("abai-viewer", "akimat-abai", Role.VIEWER))
    assert form_url not in client.get(url).content.decode()


# ------------------------------------------------------------------------------------------ cl. 124


@pytest.fixture
def moh(reference):
    return member("moh-planner", "moh")


@pytest.fixture
def related_plan(moh):
    data = small_payload().model_dump()
    data["goals"][0]["related_bodies"] = ["edu"]  # the goal concerns the sphere of education (cl. 124)
    plan = do_import_document(type(small_payload()).model_validate(data)).document
    sv.do_start_workflow(plan, acting_user=moh, reason="approved", approved_on=date(2026, 1, 5))
    return plan


def test_the_developer_records_sending_the_approved_plan_to_the_body_of_a_related_sphere(client, related_plan, moh):
    edu = Organization.objects.get(code="edu")
    client.force_login(moh)
    url = reverse("development:send-to", args=[related_plan.code])
    form = client.get(url).content.decode()
    assert "Goal 1.1 concerns the sphere of" in form and f'value="{edu.pk}" selected' in form  # proposed first
    page = client.post(url, {"organization": edu.pk, "on": "2026-01-08", "reference": "letter 5"},
                       follow=True).content.decode()
    assert f"sbdp-test sent to {edu.name} on 08.01.2026 (cl. 124)." in page
    assert "Every body of a sphere the goals concern has received the plan." in page
    m = related_plan.workflow.milestones.get(kind=MilestoneKind.SENT_TO_COMPETENT)
    assert (m.recipient, m.on, m.reference, m.recorded_by) == (edu, date(2026, 1, 8), "letter 5", moh)


def test_sending_a_plan_that_is_not_approved_is_refused_with_the_clause_and_writes_nothing(client, moh):
    plan = do_import_document(small_payload(status="draft")).document
    sv.do_start_workflow(plan, acting_user=moh, reason="start", on=date(2026, 2, 2))
    client.force_login(moh)
    edu = Organization.objects.get(code="edu")
    response = client.post(reverse("development:send-to", args=[plan.code]), {"organization": edu.pk,
                                                                              "on": "2026-02-03"})
    page = response.content.decode()
    assert response.status_code == 200 and "is not approved yet" in page and "(cl. 124)" in page
    assert not plan.workflow.milestones.filter(kind=MilestoneKind.SENT_TO_COMPETENT).exists()


def test_an_unknown_body_or_a_bad_date_is_shown_next_to_its_field(client, related_plan, moh):
    client.force_login(moh)
    page = client.post(reverse("development:send-to", args=[related_plan.code]),
                       {"organization": "999999", "on": "31.02.2026"}).content.decode()
    assert 'id="id_organization_errors"' in page and "from the list (cl. 124, V-53)" in page
    assert 'id="id_on_errors"' in page and "Enter the date of sending as a date (cl. 124)." in page
    assert not related_plan.workflow.milestones.filter(kind=MilestoneKind.SENT_TO_COMPETENT).exists()


def test_only_the_developer_may_record_the_sending(client, related_plan, reference):
    edu = Organization.objects.get(code="edu")
    url = reverse("development:send-to", args=[related_plan.code])
    client.force_login(member("edu-planner", "edu"))
    assert client.get(url).status_code == 403
    assert client.post(url, {"organization": edu.pk, "on": "2026-01-08"}).status_code == 403
    assert not related_plan.workflow.milestones.filter(kind=MilestoneKind.SENT_TO_COMPETENT).exists()


# ------------------------------------------------------------------------------------------ cl. 126


@pytest.fixture
def reorganised(moh):
    old = do_import_document(small_payload(code="sbdp-moh-old")).document
    empty = small_payload(code="sbdp-edu-new", developer="edu", co_executors=[]).model_dump()
    empty.update(goals=[], indicators=[], measures=[])
    new = do_import_document(type(small_payload()).model_validate(empty)).document
    return old, new


def test_the_state_planning_body_records_a_reorganisation_with_the_goals_that_pass(client, reorganised):
    old, _new = reorganised
    mne = member("mne-planner", "mne")
    edu = Organization.objects.get(code="edu")
    goal = old.goals.get()
    client.force_login(mne)
    url = reverse("development:reorganization", args=[old.code])
    assert "1.1. Goal" in client.get(url).content.decode()
    page = client.post(url, {"successor": edu.pk, "goals": [goal.pk], "act": "Decree No. 1",
                             "act_date": "2026-01-10", "reason": "Decree No. 1"}, follow=True).content.decode()
    assert "Reorganisation recorded: moh → edu, goals 1.1 (cl. 126)." in page
    r = Reorganization.objects.get()
    assert (r.predecessor.code, r.successor, list(r.goals.all()), r.act_date) == ("moh", edu, [goal],
                                                                                  date(2026, 1, 10))
    assert {(h.history_user, h.history_change_reason) for h in r.history.all()} == {(mne, "Decree No. 1")}


def test_a_reorganisation_without_goals_or_act_is_shown_next_to_the_fields(client, reorganised):
    old, _new = reorganised
    client.force_login(member("mne-planner", "mne"))
    edu = Organization.objects.get(code="edu")
    page = client.post(reverse("development:reorganization", args=[old.code]),
                       {"successor": edu.pk, "act": "", "act_date": "2026-01-10", "reason": "x"}).content.decode()
    assert 'id="id_goals_errors"' in page and "(cl. 126, V-55)" in page
    assert 'id="id_act_errors"' in page and "Name the act of reorganisation (cl. 126)." in page
    assert not Reorganization.objects.exists()


def test_only_the_state_planning_body_may_record_a_reorganisation(client, reorganised, moh):
    old, _new = reorganised
    client.force_login(moh)
    url = reverse("development:reorganization", args=[old.code])
    assert client.get(url).status_code == 403
    assert client.post(url, {"successor": Organization.objects.get(code="edu").pk, "goals": [old.goals.get().pk],
                             "act": "x", "act_date": "2026-01-10", "reason": "x"}).status_code == 403
    assert not Reorganization.objects.exists()


def test_the_successor_copies_the_passed_goals_into_its_plan_from_the_page(client, reorganised):
    old, new = reorganised
    sv.do_record_reorganization(old.developer, Organization.objects.get(code="edu"), old.goals.all(),
                                acting_user=member("mne-planner", "mne"), reason="Decree 1", act="Decree 1",
                                act_date=date(2026, 1, 10))
    edu_planner = member("edu-planner", "edu")
    client.force_login(edu_planner)
    url = reverse("development:transfer", args=[new.code])
    assert "not carried yet" in client.get(url).content.decode()
    page = client.post(url, {"reason": "cl. 126 transfer"}, follow=True).content.decode()
    assert "2 items (goals and their target indicators) copied into sbdp-edu-new (cl. 126)." in page
    assert "not carried yet" not in page and "carried" in page
    copy = Indicator.objects.get(document=new, code="TI-1")
    assert DecompositionLink.objects.get(child=copy).parent.document == old
    assert copy.history.get().history_user == edu_planner


def test_a_transfer_without_a_reorganisation_or_reason_is_refused_and_writes_nothing(client, reorganised):
    _old, new = reorganised
    client.force_login(member("edu-planner", "edu"))
    url = reverse("development:transfer", args=[new.code])
    page = client.post(url, {"reason": "x"}).content.decode()
    assert "No reorganisation passes goals to edu (cl. 126)." in page
    sv.do_record_reorganization(_old.developer, Organization.objects.get(code="edu"), _old.goals.all(),
                                acting_user=member("mne-planner", "mne"), reason="Decree 1")
    page = client.post(url, {"reason": ""}).content.decode()
    assert 'id="id_reason_errors"' in page
    assert not new.goals.exists()


def test_only_the_successors_planners_may_transfer_the_goals(client, reorganised, moh):
    _old, new = reorganised
    url = reverse("development:transfer", args=[new.code])
    client.force_login(moh)
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert not new.goals.exists()


def test_the_working_group_form_speaks_kazakh_and_russian(client, rdp, abai):
    client.force_login(abai)
    for lang, label, error in (("kk", "Әкім шешімінің нөмірі", "128-т., V-57"), ("ru", "Номер решения акима",
                                                                                  "п. 128, V-57")):
        with translation.override(lang):
            url = reverse("development:working-group", args=[rdp.code])
        assert url.startswith(f"/{lang}/")
        assert label in client.get(url).content.decode()
        assert error in client.post(url, group_post(FULL, decision_number="")).content.decode()
    assert not WorkingGroup.objects.exists()


def test_a_category_that_is_not_of_cl_128_is_refused_next_to_its_field(client, rdp, abai):
    client.force_login(abai)
    page = client.post(reverse("development:working-group", args=[rdp.code]),
                       group_post([("E. Friend", "", "friends")])).content.decode()
    assert 'id="id_members-0-category_errors"' in page and "Choose a category of cl. 128 from the list." in page
    assert not WorkingGroup.objects.exists()


def test_a_plan_whose_development_is_not_followed_still_links_to_the_reorganisation_pages(client, reorganised, moh):
    old, _new = reorganised
    url = reverse("development:workflow", args=[old.code])
    client.force_login(member("mne-planner", "mne"))
    page = client.get(url).content.decode()
    assert reverse("development:reorganization", args=[old.code]) in page
    assert reverse("development:transfer", args=[old.code]) not in page
    client.force_login(moh)
    page = client.get(url).content.decode()
    assert reverse("development:transfer", args=[old.code]) in page
    assert reverse("development:reorganization", args=[old.code]) not in page
