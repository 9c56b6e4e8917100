"""Correcting, undoing and removing a recorded reorganisation of a state body (cl. 126): the services.

Same right as recording (the authorized body for state planning or a superuser), a reason kept in the history,
the same checks as recording, and what was already carried into the successor's plan stays put: its goals
cannot be dropped, its successor cannot change, and the reorganisation cannot be removed."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jospar.development import services as sv
from jospar.development.models import Reorganization

from ..conftest import member
from .conftest import transfer, two_goal_plan


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def state(r: Reorganization):
    r.refresh_from_db()
    return r.act, r.act_date, r.successor.code, sorted(g.code for g in r.goals.all())


# ----------------------------------------------------------------------------------------------- success


def test_the_state_planning_body_corrects_act_date_successor_and_goals_with_a_reason_in_the_history(world):
    w = world
    sv.do_update_reorganization(w["r"], act="Decree No. 1 (corrected)", act_date=date(2026, 1, 12),
                                successor=w["mci"], goals=[w["g11"], w["g12"]], acting_user=w["mne"],
                                reason="Typo in the decree number")
    assert state(w["r"]) == ("Decree No. 1 (corrected)", date(2026, 1, 12), "mci", ["1.1", "1.2"])
    latest = w["r"].history.order_by("-history_date", "-history_id").first()
    assert (latest.history_user, latest.history_change_reason, latest.act) == (
        w["mne"], "Typo in the decree number", "Decree No. 1 (corrected)")
    assert sorted(row.goal.code for row in latest.goals.all()) == ["1.1", "1.2"]  # the m2m is in the history


def test_a_correction_leaves_exactly_one_history_record_with_its_final_goals(world):
    w = world
    before = w["r"].history.count()
    sv.do_update_reorganization(w["r"], act="Decree No. 1", act_date=date(2026, 1, 10), successor=w["edu"],
                                goals=[w["g12"]], acting_user=w["mne"], reason="the other goal passes")
    assert w["r"].history.count() == before + 1
    assert [row.goal.code for row in w["r"].history.latest("history_id").goals.all()] == ["1.2"]


def test_undoing_the_last_correction_restores_the_previous_state_and_is_itself_in_the_history(world):
    w = world
    sv.do_update_reorganization(w["r"], act="Decree No. 2", act_date=date(2026, 2, 1), successor=w["mci"],
                                goals=[w["g12"]], acting_user=w["mne"], reason="wrong body")
    target = sv.undo_target(w["r"])
    sv.do_revert_reorganization(w["r"], target, acting_user=w["mne"], reason="undo: the first record was right")
    assert state(w["r"]) == ("Decree No. 1", date(2026, 1, 10), "edu", ["1.1"])
    assert w["r"].history.latest("history_id").history_change_reason == "undo: the first record was right"


def test_a_reorganisation_never_corrected_has_nothing_to_undo(world):
    assert sv.undo_target(world["r"]) is None


def test_a_superuser_may_correct_and_remove_a_reorganisation(world):
    from jospar.core.models import User
    admin = User.objects.create_superuser("root", password="pw-root-x1")
    sv.do_update_reorganization(world["r"], act="Decree No. 3", act_date=date(2026, 1, 10), successor=world["edu"],
                                goals=[world["g11"]], acting_user=admin, reason="act number")
    sv.do_delete_reorganization(world["r"], acting_user=admin, reason="recorded twice")
    assert not Reorganization.objects.exists()


def test_removing_a_reorganisation_with_nothing_carried_keeps_it_in_the_history(world):
    w = world
    pk = w["r"].pk
    sv.do_delete_reorganization(w["r"], acting_user=w["mne"], reason="recorded in error")
    assert not Reorganization.objects.filter(pk=pk).exists()
    gone = Reorganization.history.filter(id=pk).latest("history_id")
    assert (gone.history_type, gone.history_user, gone.history_change_reason, gone.act) == (
        "-", w["mne"], "recorded in error", "Decree No. 1")


def test_after_a_transfer_the_act_and_date_may_still_be_corrected_and_goals_added(world):
    w = world
    assert transfer(w) == 2  # goal 1.1 and its target indicator TI-1
    sv.do_update_reorganization(w["r"], act="Decree No. 1 of 10.01.2026", act_date=date(2026, 1, 9),
                                successor=w["edu"], goals=[w["g11"], w["g12"]], acting_user=w["mne"],
                                reason="full title of the act; goal 1.2 passes too")
    assert state(w["r"]) == ("Decree No. 1 of 10.01.2026", date(2026, 1, 9), "edu", ["1.1", "1.2"])


# ----------------------------------------------------------------------------------------------- refusals


def test_only_the_state_planning_body_corrects_or_removes_a_reorganisation(world):
    w = world
    moh = member("moh-planner", "moh")
    with pytest.raises(sv.WorkflowRefused, match=r"Only the authorized body for state planning .*\(cl. 126\)"):
        sv.do_update_reorganization(w["r"], act="x", act_date=date(2026, 1, 10), successor=w["edu"],
                                    goals=[w["g11"]], acting_user=moh, reason="x")
    with pytest.raises(sv.WorkflowRefused, match=r"\(cl. 126\)"):
        sv.do_delete_reorganization(w["r"], acting_user=moh, reason="x")
    assert state(w["r"]) == ("Decree No. 1", date(2026, 1, 10), "edu", ["1.1"])


def test_a_correction_or_removal_without_a_reason_is_refused(world):
    w = world
    with pytest.raises(sv.WorkflowRefused, match="Give the reason"):
        sv.do_update_reorganization(w["r"], act="x", act_date=date(2026, 1, 10), successor=w["edu"],
                                    goals=[w["g11"]], acting_user=w["mne"], reason="  ")
    with pytest.raises(sv.WorkflowRefused, match="Give the reason"):
        sv.do_delete_reorganization(w["r"], acting_user=w["mne"], reason="")
    assert Reorganization.objects.get().act == "Decree No. 1"


def test_the_checks_of_recording_apply_to_a_correction(world):
    w = world
    with pytest.raises(sv.WorkflowRefused, match=r"not its own legal successor \(cl. 126\)"):
        sv.do_update_reorganization(w["r"], act="x", act_date=date(2026, 1, 10), successor=w["old"].developer,
                                    goals=[w["g11"]], acting_user=w["mne"], reason="x")
    with pytest.raises(sv.WorkflowRefused, match=r"not its goals: — \(cl. 126\)"):
        sv.do_update_reorganization(w["r"], act="x", act_date=date(2026, 1, 10), successor=w["edu"], goals=[],
                                    acting_user=w["mne"], reason="x")
    foreign = two_goal_plan(code="sbdp-mci", developer="mci").goals.get(code="1.2")
    with pytest.raises(sv.WorkflowRefused, match=r"not its goals: 1.2 \(cl. 126\)"):
        sv.do_update_reorganization(w["r"], act="x", act_date=date(2026, 1, 10), successor=w["edu"],
                                    goals=[w["g11"], foreign], acting_user=w["mne"], reason="x")
    with pytest.raises(sv.WorkflowRefused, match=r"date of the act .*\(cl. 126\)"):
        sv.do_update_reorganization(w["r"], act="x", act_date=None, successor=w["edu"], goals=[w["g11"]],
                                    acting_user=w["mne"], reason="x")
    assert state(w["r"]) == ("Decree No. 1", date(2026, 1, 10), "edu", ["1.1"])


def test_a_correction_that_changes_nothing_is_refused(world):
    w = world
    with pytest.raises(sv.WorkflowRefused, match=r"nothing to correct \(cl. 126\)"):
        sv.do_update_reorganization(w["r"], act=" Decree No. 1 ", act_date=date(2026, 1, 10), successor=w["edu"],
                                    goals=[w["g11"]], acting_user=w["mne"], reason="x")


def test_a_goal_carried_into_the_successors_plan_cannot_be_removed_from_the_reorganisation(world):
    w = world
    transfer(w)
    with pytest.raises(sv.WorkflowRefused) as refused:
        sv.do_update_reorganization(w["r"], act="Decree No. 1", act_date=date(2026, 1, 10), successor=w["edu"],
                                    goals=[w["g12"]], acting_user=w["mne"], reason="x")
    assert str(refused.value) == ("Goals 1.1 are already carried into sbdp-edu-new of edu and cannot be removed "
                                  "from the reorganisation (cl. 126).")
    assert state(w["r"]) == ("Decree No. 1", date(2026, 1, 10), "edu", ["1.1"])


def test_the_successor_cannot_change_once_a_goal_was_carried(world):
    w = world
    transfer(w)
    with pytest.raises(sv.WorkflowRefused) as refused:
        sv.do_update_reorganization(w["r"], act="Decree No. 1", act_date=date(2026, 1, 10), successor=w["mci"],
                                    goals=[w["g11"]], acting_user=w["mne"], reason="x")
    assert str(refused.value) == ("Goals 1.1 are already carried into sbdp-edu-new of edu: the legal successor of "
                                  "this reorganisation cannot change any more (cl. 126).")
    assert state(w["r"])[2] == "edu"


def test_a_reorganisation_with_carried_goals_cannot_be_removed_and_the_message_says_what_to_do(world):
    w = world
    transfer(w)
    with pytest.raises(sv.WorkflowRefused) as refused:
        sv.do_delete_reorganization(w["r"], acting_user=w["mne"], reason="x")
    assert "cannot be removed (cl. 126)" in str(refused.value)
    assert "Correct its act or date instead, or first delete the copied goals" in str(refused.value)
    assert Reorganization.objects.filter(pk=w["r"].pk).exists()


def test_a_goal_carried_into_a_plan_of_another_body_does_not_count_as_carried(world):
    w = world
    transfer(w)
    # the copy lives in edu's plan; for a reorganisation into mci nothing is carried yet
    r2 = sv.do_record_reorganization(w["old"].developer, w["mci"], [w["g11"]], acting_user=w["mne"], reason="x")
    assert sv.carried_goals(r2) == {}
    assert sv.carried_goals(w["r"]) == {w["g11"].pk: ["sbdp-edu-new"]}


def test_reverting_to_a_record_that_does_not_exist_is_refused(world):
    with pytest.raises(sv.WorkflowRefused, match="no history record 999999"):
        sv.do_revert_reorganization(world["r"], 999999, acting_user=world["mne"], reason="x")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keep11=st.booleans(), keep12=st.booleans(), move=st.booleans())
def test_after_a_transfer_a_correction_is_refused_exactly_when_it_drops_goal_1_1_or_moves_the_successor(
        world, keep11, keep12, move):
    w = world
    if not sv.carried_goals(w["r"]):
        transfer(w)
    goals = [g for g, keep in ((w["g11"], keep11), (w["g12"], keep12)) if keep]
    expected_refusal = not goals or not keep11 or move
    with transaction.atomic():  # each example starts from the same state
        try:
            sv.do_update_reorganization(w["r"], act="Decree No. 1 (h)", act_date=date(2026, 1, 10),
                                        successor=w["mci"] if move else w["edu"], goals=goals, acting_user=w["mne"],
                                        reason="hypothesis")
        except sv.WorkflowRefused:
            refused = True
        else:
            refused = False
        after = state(w["r"])
        transaction.set_rollback(True)
    assert refused == expected_refusal
    assert after == (("Decree No. 1", date(2026, 1, 10), "edu", ["1.1"]) if refused else
                     ("Decree No. 1 (h)", date(2026, 1, 10), "mci" if move else "edu", sorted(g.code for g in goals)))
