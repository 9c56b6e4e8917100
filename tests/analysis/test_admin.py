"""The admin pages of the analysis stage and the risk register render; a cycle is refused there too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from jospar.analysis import services as s
from jospar.analysis.models import ProblemLink
from jospar.core.models import Organization, User
from jospar.interchange.services import do_import_document
from tests.conftest import shared_transaction, small_payload

pytestmark = pytest.mark.django_db

OURS = [m for m in admin.site._registry if m._meta.app_label == "analysis"]


@pytest.fixture(scope="module")
def admin_data(django_db_setup, django_db_blocker):
    """One plan with its analysis, risk register and a superuser, built once for the module (each test runs in a
    savepoint inside the module's transaction: what a test posts is undone before the next one)."""
    with shared_transaction(django_db_blocker), django_db_blocker.unblock():
        plan = do_import_document(small_payload()).document
        a = s.do_start_analysis(plan, development_year=2024, acting_user=None)
        s.do_add_source(a, type="external", citation="World Bank", acting_user=None)
        factor = s.do_add_factor(a, kind="external", group="economic", description="Oil", acting_user=None)
        w = s.do_add_swot_item(a, category="weakness", text="Few doctors", factor=factor, acting_user=None)
        o = s.do_add_swot_item(a, category="opportunity", text="Telemedicine", acting_user=None)
        s.do_link_swot(w, o, acting_user=None)
        p1 = s.do_add_problem(a, text="High mortality", is_key=True, acting_user=None)
        p2 = s.do_add_problem(a, text="Late detection", acting_user=None)
        s.do_link_problems(p2, p1, acting_user=None)
        s.do_link_goal_to_problem(plan.goals.get(), p1, acting_user=None)
        risk = s.do_add_risk(plan, title="Oil price falls", kind="external", likelihood=3, impact=4,
                             owner=Organization.objects.get(code="moh"), acting_user=None)
        s.do_review_risk(risk, likelihood=2, impact=4, reviewed_on=dt.date(2025, 5, 1), acting_user=None)
        root = User.objects.create_superuser("root", "root@example.kz", "x-root-pass-1")
        with django_db_blocker.block():
            yield root


@pytest.fixture
def staff_client(admin_data, db, client):
    client.force_login(admin_data)
    return client


@pytest.mark.parametrize("model", OURS, ids=[m._meta.label for m in OURS])
def test_the_list_add_change_and_history_pages_render(staff_client, model):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert staff_client.get(reverse(f"{name}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"{name}_add")).status_code == 200
    obj = model.objects.first()
    assert obj is not None, f"the fixture should create a {model.__name__}"
    assert staff_client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200
    assert staff_client.get(reverse(f"{name}_history", args=[obj.pk])).status_code == 200


def test_a_link_that_would_make_a_cycle_is_refused_in_the_admin_naming_the_cycle(staff_client):
    link = ProblemLink.objects.get()  # P2 -> P1
    response = staff_client.post(reverse("admin:analysis_problemlink_add"), {
        "cause": link.effect.pk, "effect": link.cause.pk, "change_reason": "try"})
    assert response.status_code == 200
    assert "P1 → P2 → P1" in response.content.decode()
    assert ProblemLink.objects.count() == 1
