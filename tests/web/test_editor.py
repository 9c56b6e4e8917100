"""A planner of the developer edits a draft: every change in one transaction, with who and why (issue 5)."""

from __future__ import annotations

import pytest

from jospar.interchange.services import do_import_document
from jospar.planning.models import Document, Indicator, IndicatorValue
from jospar.planning.services import current_version

from ..conftest import member, small_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reference):
    return do_import_document(small_payload(status="draft")).document


@pytest.fixture
def planner(client, draft):
    user = member("moh-planner", "moh")
    client.force_login(user)
    return user


def _indicator_post(indicator: Indicator, **changes) -> dict:
    data = {
        "code": indicator.code, "kind": indicator.kind, "order": indicator.order, "goal": indicator.goal_id or "",
        "title_kk": indicator.title_kk, "title_ru": indicator.title_ru or "", "title_en": indicator.title_en or "",
        "unit_kk": indicator.unit_kk, "unit_ru": indicator.unit_ru or "", "unit_en": indicator.unit_en or "",
        "value_kind": indicator.value_kind, "polarity": indicator.polarity, "accumulation": indicator.accumulation,
        "confidentiality": indicator.confidentiality, "method_status": indicator.method_status,
        "opened_version": current_version(indicator), "change_reason": "",
        "rows-0-quarter": "0", "rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "0", "rows-MIN_NUM_FORMS": "0", "rows-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_a_planner_adds_an_annual_value_with_a_reason(client, planner, draft):
    ti = Indicator.objects.get(code="TI-1")
    url = f"/en/documents/{draft.code}/edit/indicator/{ti.pk}/"
    response = client.post(url, _indicator_post(ti, **{
        "rows-0-year": "2027", "rows-0-quarter": "0", "rows-0-plan": "76.2", "change_reason": "ministry's request",
    }))
    assert response.status_code == 302, response.content.decode()[:3000]
    value = IndicatorValue.objects.get(indicator=ti, year=2027)
    assert str(value.plan) in ("76.2", "76.2000")
    record = value.history.latest()
    assert (record.history_user, record.history_change_reason) == (planner, "ministry's request")


def test_a_value_outside_the_period_is_refused_next_to_the_field(client, planner, draft):
    ti = Indicator.objects.get(code="TI-1")
    response = client.post(f"/en/documents/{draft.code}/edit/indicator/{ti.pk}/",
                           _indicator_post(ti, **{"rows-0-year": "2035", "rows-0-plan": "1"}))
    assert response.status_code == 200
    assert "Outside the document period 2025-2029 (cl. 35)." in response.content.decode()
    assert not IndicatorValue.objects.filter(year=2035).exists()


def test_a_task_of_another_goal_is_refused_with_its_clause(client, planner, draft):
    do_import_document(small_payload(code="other-doc", status="draft"))
    ri = Indicator.objects.get(document=draft, code="RI-1")
    data = _indicator_post(ri, task=str(ri.task_id))
    draft_goal = ri.goal
    from jospar.planning.models import Goal, Task

    second = Goal.objects.create(document=draft, code="1.2", title_kk="Екінші")
    data["goal"] = str(second.pk)
    response = client.post(f"/en/documents/{draft.code}/edit/indicator/{ri.pk}/", data)
    assert "cl. 46" in response.content.decode()
    ri.refresh_from_db()
    assert ri.goal_id == draft_goal.pk and Task.objects.filter(pk=ri.task_id).exists()


def test_two_planners_do_not_silently_overwrite_each_other(client, planner, draft):
    ti = Indicator.objects.get(code="TI-1")
    opened = current_version(ti)
    ti.title_en = "Changed by a colleague"
    ti.save()
    response = client.post(f"/en/documents/{draft.code}/edit/indicator/{ti.pk}/",
                           _indicator_post(ti, title_en="Mine", opened_version=opened))
    assert response.status_code == 200
    assert "Someone saved this item after you opened it" in response.content.decode()
    ti.refresh_from_db()
    assert ti.title_en == "Changed by a colleague"


def test_another_body_cannot_edit_and_sees_why(client, reference, draft):
    client.force_login(member("labour", "mlsp"))
    Indicator.objects.get(code="TI-1")
    assert client.get(f"/en/documents/{draft.code}/edit/").status_code == 404  # a draft of others is invisible


def test_a_co_executor_sees_the_draft_but_may_not_change_it(client, reference, draft):
    client.force_login(member("edu-planner", "edu"))
    ti = Indicator.objects.get(code="TI-1")
    response = client.post(f"/en/documents/{draft.code}/edit/indicator/{ti.pk}/", _indicator_post(ti, title_en="X"))
    assert "Only the planners of the developer may edit this document." in response.content.decode()
    ti.refresh_from_db()
    assert ti.title_en == "Life expectancy"


def test_an_approved_document_is_changed_only_by_a_correction(client, planner, draft):
    Document.objects.filter(pk=draft.pk).update(status="in_force")
    page = client.get(f"/en/documents/{draft.code}/edit/").content.decode()
    assert "cl. 205-214" in page


def test_a_planner_creates_a_draft_for_the_own_body_only(client, planner):
    response = client.post("/en/documents/new/", {
        "code": "sbdp-new", "type": "sbdp", "title_kk": "Жаңа жоспар", "period_start": 2026, "period_end": 2030,
        "developer": str(planner.memberships.get().organization_id),
    })
    assert response.status_code == 302
    doc = Document.objects.get(code="sbdp-new")
    assert doc.status == "draft" and doc.history.latest().history_user == planner
    from jospar.core.models import Organization

    other = Organization.objects.get(code="mof")
    response = client.post("/en/documents/new/", {
        "code": "sbdp-x", "type": "sbdp", "title_kk": "X", "period_start": 2026, "period_end": 2030,
        "developer": str(other.pk),
    })
    assert response.status_code == 200 and not Document.objects.filter(code="sbdp-x").exists()


def test_deleting_an_item_keeps_its_history(client, planner, draft):
    m = draft.measures.get()
    response = client.post(f"/en/documents/{draft.code}/edit/measure/{m.pk}/delete/", {"reason": "duplicate"})
    assert response.status_code == 302
    assert not draft.measures.exists()
    from jospar.planning.models import Measure

    last = Measure.history.filter(id=m.pk).latest()
    assert (last.history_type, last.history_change_reason) == ("-", "duplicate")


def test_the_editor_pages_render_for_every_kind(client, planner, draft):
    assert client.get(f"/kk/documents/{draft.code}/edit/").status_code == 200
    for kind in ("section", "direction", "goal", "task", "indicator", "measure"):
        assert client.get(f"/kk/documents/{draft.code}/edit/{kind}/new/").status_code == 200, kind
    assert client.get(f"/kk/documents/{draft.code}/edit/nonsense/new/").status_code == 404
