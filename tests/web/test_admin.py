"""Every entity has admin pages a planner can use: list, add, change and history all render."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from jospar.interchange.services import do_import_document

from ..conftest import member, small_payload

pytestmark = pytest.mark.django_db

OURS = [m for m in admin.site._registry if m._meta.app_label in ("core", "planning")]


@pytest.fixture
def staff_client(client, reference, django_user_model):
    document = do_import_document(small_payload()).document
    member("moh-planner", "moh")
    document.proposals.create(author_name="Citizen", text="More polyclinics in villages")
    document.resources.create(year=2025, budget_expenditure="120.5", national_project_expenditure="20", staff=42)
    need = document.financial_needs.create(goal=document.goals.first(), priority=1, grounds_kk="Тапсырма")
    need.amounts.create(year=2025, amount="10.250")
    user = django_user_model.objects.create_superuser("root", "root@example.kz", "x-root-pass-1")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", OURS, ids=[m._meta.label for m in OURS])
def test_the_list_add_change_and_history_pages_render(staff_client, model):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert staff_client.get(reverse(f"{name}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"{name}_add")).status_code == 200
    obj = model.objects.first()
    assert obj is not None, f"the fixture should create a {model.__name__}"
    assert staff_client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200
    if hasattr(model, "history"):
        assert staff_client.get(reverse(f"{name}_history", args=[obj.pk])).status_code == 200


def test_a_change_in_the_admin_records_who_and_why(staff_client):
    from jospar.planning.models import Direction

    direction = Direction.objects.get()
    url = reverse("admin:planning_direction_change", args=[direction.pk])
    response = staff_client.post(url, {
        "document": direction.document_id, "code": "1", "order": 0,
        "title_kk": "Жаңа бағыт", "title_ru": "Новое направление", "title_en": "New direction",
        "change_reason": "typo in the approved text",
    })
    assert response.status_code == 302, response.content[:2000]
    record = direction.history.latest()
    assert record.history_change_reason == "typo in the approved text"
    assert record.history_user.username == "root"
    assert record.title_kk == "Жаңа бағыт"
