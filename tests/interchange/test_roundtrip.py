"""The JSON interchange is lossless: import then export gives back the payload (issue 2 §4)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from jospar.interchange import schema as s
from jospar.interchange.services import do_import_document, export_document, export_json, import_json
from jospar.planning.models import Document, Indicator

from .strategies import payloads

PROPERTY = settings(
    max_examples=25, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.django_db
@PROPERTY
@given(payload=payloads())
def test_import_then_export_gives_back_every_field(reference, payload):
    result = do_import_document(payload)
    exported = export_document(result.document)
    assert exported == s.canonical(payload)


@pytest.mark.django_db
@PROPERTY
@given(payload=payloads())
def test_importing_the_same_payload_twice_changes_nothing(reference, payload):
    do_import_document(payload)
    history_before = Indicator.history.count() + Document.history.count()
    again = do_import_document(payload)
    assert again.changed == 0, again.changes
    assert Indicator.history.count() + Document.history.count() == history_before


@pytest.mark.django_db
def test_exported_json_imports_back_to_the_same_json(reference, payload):
    first = export_json(do_import_document(payload).document)
    Document.objects.all().delete()
    second = export_json(import_json(first).document)
    assert json.loads(second) == json.loads(first)


@pytest.mark.django_db
def test_decimals_are_written_without_binary_noise(reference, payload):
    text = export_json(do_import_document(payload).document)
    data = json.loads(text)
    ti = next(i for i in data["indicators"] if i["code"] == "TI-1")
    assert ti["baseline"] == {"year": 2023, "value": "74.44"}
    assert [v["plan"] for v in ti["values"]] == ["75.1", "77"]
    assert data["measures"][0]["financing"][0]["plan"] == "1500.5"


@pytest.mark.django_db
def test_an_update_deletes_the_items_the_payload_no_longer_has(reference, payload):
    do_import_document(payload)
    smaller = payload.model_copy(deep=True)
    smaller.measures = []
    smaller.indicators = smaller.indicators[:1]
    result = do_import_document(smaller)
    assert result.changes["measure deleted"] == 1
    assert result.changes["indicator deleted"] == 1
    assert export_document(result.document) == s.canonical(smaller)


@pytest.mark.django_db
def test_links_to_indicators_of_another_document_survive_the_round_trip(reference, payload):
    do_import_document(payload)
    lower = payload.model_copy(deep=True, update={"code": "rdp-lower", "implements": ["sbdp-test"]})
    lower.indicators[1].parents = [s.ParentLink(indicator="sbdp-test:TI-1", kind="share", dimension="region",
                                                weight="0.25")]
    exported = export_document(do_import_document(lower).document)
    ri = next(i for i in exported.indicators if i.code == "RI-1")
    assert [p.indicator for p in ri.parents] == ["sbdp-test:TI-1"]
    assert exported == s.canonical(lower)


@pytest.mark.django_db
def test_import_records_who_and_why_in_the_history(reference, payload, django_user_model):
    user = django_user_model.objects.create_user("planner", password="x-planner-1")
    result = do_import_document(payload, acting_user=user, reason="annual correction, order No. 5")
    record = result.document.history.latest()
    assert record.history_user == user
    assert record.history_change_reason == "annual correction, order No. 5"
    value_record = Indicator.objects.get(code="TI-1").values.get(year=2025).history.latest()
    assert value_record.history_change_reason == "annual correction, order No. 5"
