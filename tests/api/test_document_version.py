"""The document's version (its ETag) comes from the audit history: every change moves it, reads do not (issue 7, e)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jospar.api.versions import document_version, etag
from jospar.core.models import Organization
from jospar.interchange.services import do_import_document
from jospar.planning.models import Document, Financing, IndicatorValue, Measure, Task
from jospar.planning.services import do_delete_item, do_save_item
from jospar.planning.versioning import history_paths
from tests.api.conftest import api_client
from tests.conftest import member, small_payload


@pytest.fixture
def draft(reference):
    return do_import_document(small_payload(status="draft"), reason="fixture").document


def version(document) -> str:
    return document_version(Document.objects.get(pk=document.pk), sees_restricted=True)


def test_every_historical_model_of_the_planning_app_is_part_of_the_version():
    covered = {model for model, _ in history_paths()}
    historical = {m for m in apps.get_app_config("planning").get_models()
                  if getattr(m._meta, "simple_history_manager_attribute", None) == "history"}
    assert historical - covered == {Document}


def test_reading_twice_or_importing_the_same_payload_again_keeps_the_version(draft):
    before = version(draft)
    assert version(draft) == before
    do_import_document(small_payload(status="draft"), reason="again")
    assert version(draft) == before


@pytest.mark.parametrize("change", ["value", "task", "financing", "measure co-executor", "document co-executor",
                                    "deleted measure"])
def test_every_kind_of_change_gives_a_new_version(draft, change):
    user = member("moh-planner", "moh")
    before = version(draft)
    if change == "value":
        value = IndicatorValue.objects.get(indicator__document=draft, indicator__code="TI-1", year=2025)
        value.fact = Decimal("75.2")
        do_save_item(value, document=draft, acting_user=user, reason="t")
    elif change == "task":
        task = Task.objects.get(goal__document=draft)
        task.title_en = "Another task"
        do_save_item(task, document=draft, acting_user=user, reason="t")
    elif change == "financing":
        line = Financing.objects.get(measure__document=draft)
        line.absorbed = Decimal("1450")
        do_save_item(line, document=draft, acting_user=user, reason="t")
    elif change == "measure co-executor":
        Measure.objects.get(document=draft).co_executors.add(Organization.objects.get(code="edu"))
    elif change == "document co-executor":
        draft.co_executors.add(Organization.objects.get(code="mne"))
    else:
        do_delete_item(Measure.objects.get(document=draft), document=draft, acting_user=user, reason="t")
    assert version(draft) != before


def test_a_change_in_another_document_leaves_the_version_alone(draft):
    before = version(draft)
    do_import_document(small_payload(code="sbdp-other", status="draft"), reason="other")
    assert version(draft) == before


def test_readers_who_see_restricted_items_get_another_version_than_those_who_do_not(draft):
    assert document_version(draft, sees_restricted=True) != document_version(draft, sees_restricted=False)


def test_the_version_costs_one_query_whatever_the_size(draft):
    with CaptureQueriesContext(connection) as queries:
        document_version(draft, sees_restricted=True)
    assert len(queries.captured_queries) == 1


def test_the_detail_and_the_export_carry_the_same_etag_and_it_lets_the_reader_replace(draft):
    client = api_client(member("moh-planner", "moh"))
    detail = client.get("/api/documents/sbdp-test")
    read = client.get("/api/documents/sbdp-test/export")
    assert detail["ETag"] == read["ETag"] == etag(detail.json()["content_version"])
    assert (detail.json()["indicator_count"], detail.json()["measure_count"]) == (2, 1)
    body = {**read.json(), "title": {**read.json()["title"], "en": "New title"}}
    replaced = client.put("/api/documents/sbdp-test?reason=t", body, headers={"If-Match": read["ETag"]})
    assert replaced.status_code == 200, replaced.json()
    assert replaced["ETag"] != read["ETag"]
    again = client.put("/api/documents/sbdp-test?reason=t", body, headers={"If-Match": read["ETag"]})
    assert again.status_code == 409


def test_the_query_compiled_once_reads_what_the_orm_query_reads_for_each_document(draft, reference):
    from jospar.planning.versioning import _version_queryset, _version_sql

    other = do_import_document(small_payload(code="sbdp-other", status="draft"), reason="second").document
    task = Task.objects.get(goal__document=other)
    task.title_en = "A change in the second document only"
    do_save_item(task, document=other, acting_user=member("moh-planner", "moh"), reason="t")
    names, sql, params = _version_sql("default")
    for document in (draft, other):
        with connection.cursor() as cursor:
            cursor.execute(sql, [document.pk if p == -7_300_000_001 else p for p in params])
            compiled = dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))
        orm = dict(zip(names, _version_queryset(document.pk)[1].get(), strict=True))
        assert {f"v_{name}": value for name, value in orm.items()} == compiled
        assert orm["document"] is not None
    assert version(draft) != version(other)
