"""Per-item writes of sections, goals and tasks: create, change with the version read, delete; 409 with both
versions on a concurrent change; 409 for an approved document (cl. 205-214); nothing deleted silently."""

from __future__ import annotations

import pytest

from jospar.core.models import Role
from jospar.interchange.services import do_import_document
from jospar.planning.models import Goal, Section, Task
from tests.api.conftest import api_client, plan
from tests.conftest import member

BASE = "/api/documents/plan-moh"


@pytest.fixture
def draft(reference):
    """A draft of moh (co-executed by edu): one section, direction 1, goal 1.1 with task 1, TI-1, RI-1, M-1."""
    do_import_document(plan("plan-moh", "moh", co_executors=("edu",)), reason="fixture")
    return {"planner": api_client(member("moh-planner", "moh", Role.PLANNER)),
            "other": api_client(member("moh-planner-2", "moh", Role.PLANNER)),
            "coexec": api_client(member("edu-planner", "edu", Role.PLANNER))}


def test_a_planner_adds_a_section_and_its_history_keeps_who_and_why(draft):
    response = draft["planner"].post(f"{BASE}/sections", {
        "key": "analysis", "order": 2, "title": {"kk": "Талдау", "ru": "Анализ", "en": "Analysis"},
        "text": {"kk": "Мәтін"}, "change_reason": "cl. 107 section"})
    assert response.status_code == 201, response.content
    assert response.json()["title"] == {"kk": "Талдау", "ru": "Анализ", "en": "Analysis"}
    assert response.headers["Location"] == f"{BASE}/sections/analysis"
    record = Section.objects.get(key="analysis").history.get()
    assert (record.history_user.username, record.history_change_reason) == ("moh-planner", "cl. 107 section")


def test_the_second_of_two_changes_from_the_same_version_gets_409_with_both_versions(draft):
    read = draft["planner"].get(f"{BASE}/goals/1.1").json()
    first = draft["planner"].patch(f"{BASE}/goals/1.1", {"achievement_year": 2028, "version": read["version"]})
    assert first.status_code == 200 and first.json()["achievement_year"] == 2028
    late = draft["other"].patch(f"{BASE}/goals/1.1", {"achievement_year": 2027},
                                headers={"If-Match": f'"{read["version"]}"'})
    assert late.status_code == 409
    body = late.json()
    assert body["errors"][0]["code"] == "version_conflict"
    assert body["current"]["achievement_year"] == 2028 and body["current"]["version"] == first.json()["version"]
    assert body["yours"] == {"achievement_year": 2027, "version": read["version"]}
    assert Goal.objects.get(code="1.1").achievement_year == 2028


def test_a_change_without_the_version_read_is_428(draft):
    response = draft["planner"].patch(f"{BASE}/goals/1.1", {"achievement_year": 2028})
    assert response.status_code == 428 and response.json()["errors"][0]["code"] == "version_required"


def test_a_goal_with_tasks_indicators_and_measures_is_not_deleted_and_they_are_named(draft):
    version = draft["planner"].get(f"{BASE}/goals/1.1").json()["version"]
    response = draft["planner"].send("delete", f"{BASE}/goals/1.1", headers={"If-Match": f'"{version}"'})
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "in_use"
    assert "task 1, indicator RI-1, indicator TI-1, measure M-1" in response.json()["errors"][0]["message"]["en"]
    assert Goal.objects.filter(code="1.1").exists()


def test_a_new_task_is_added_changed_moved_and_deleted(draft):
    client = draft["planner"]
    client.post(f"{BASE}/goals", {"code": "1.2", "title": {"kk": "Екінші мақсат"}, "achievement_year": 2029})
    made = client.post(f"{BASE}/goals/1.1/tasks", {"code": "2", "title": {"kk": "Жаңа міндет"},
                                                   "deadline_year": 2027})
    assert made.status_code == 201, made.content
    moved = client.patch(f"{BASE}/goals/1.1/tasks/2", {"goal": "1.2", "version": made.json()["version"]})
    assert moved.status_code == 200 and moved.json()["goal"] == "1.2"
    gone = client.send("delete", f"{BASE}/goals/1.2/tasks/2", headers={"If-Match": moved.headers["ETag"]})
    assert gone.status_code == 204
    assert not Task.objects.filter(code="2").exists()


def test_bad_input_names_the_field_and_writes_nothing(draft):
    client = draft["planner"]
    no_kk = client.post(f"{BASE}/goals", {"code": "9", "title": {"en": "Only English"}})
    assert no_kk.status_code == 422 and no_kk.json()["errors"][0]["path"] == "$.title.kk"
    bad_direction = client.post(f"{BASE}/goals", {"code": "9", "title": {"kk": "М"}, "direction": "77"})
    assert bad_direction.status_code == 422 and bad_direction.json()["errors"][0]["path"] == "$.direction"
    twice = client.post(f"{BASE}/goals", {"code": "1.1", "title": {"kk": "М"}})
    assert twice.status_code == 409 and twice.json()["current"]["code"] == "1.1"
    bad_year = client.post(f"{BASE}/goals", {"code": "9", "title": {"kk": "М"}, "achievement_year": 1900})
    assert bad_year.status_code == 422 and bad_year.json()["errors"][0]["path"] == "$.achievement_year"
    assert not Goal.objects.filter(code="9").exists()


def test_a_co_executor_and_another_body_may_not_change_the_structure(draft):
    assert draft["coexec"].post(f"{BASE}/goals", {"code": "9", "title": {"kk": "М"}}).status_code == 403
    outsider = api_client(member("mci-planner", "mci", Role.PLANNER))
    assert outsider.post(f"{BASE}/goals", {"code": "9", "title": {"kk": "М"}}).status_code == 404
    assert api_client(None).post(f"{BASE}/goals", {"code": "9", "title": {"kk": "М"}}).status_code == 401


def test_an_approved_document_changes_only_by_a_correction(reference):
    do_import_document(plan("plan-moh", "moh", status="in_force"), reason="fixture")
    client = api_client(member("moh-planner", "moh", Role.PLANNER))
    response = client.post(f"{BASE}/sections", {"key": "x", "title": {"kk": "Х"}})
    assert response.status_code == 409
    assert "cl. 205-214" in response.json()["errors"][0]["message"]["en"]


def test_a_restricted_section_is_invisible_to_another_body_and_to_the_public(reference):
    payload = plan("plan-moh", "moh", status="in_force")
    payload.sections[0].confidentiality = "official_use"
    do_import_document(payload, reason="fixture")
    key = payload.sections[0].key
    assert api_client(None).get(f"{BASE}/sections").json() == []
    assert api_client(None).get(f"{BASE}/sections/{key}").status_code == 404
    assert api_client(member("moh-viewer", "moh", Role.VIEWER)).get(f"{BASE}/sections/{key}").status_code == 200
