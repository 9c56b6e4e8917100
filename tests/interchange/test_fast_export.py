"""The row-based exporter (issue 7, case b) gives exactly what the model-instance exporter gave."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings

from jospar.demo import build_documents
from jospar.demo.generator import do_generate_country
from jospar.interchange import schema as s
from jospar.interchange.services import do_import_document, export_document, export_json
from jospar.planning.models import Document
from tests.conftest import small_payload

from .reference_export import export_document as reference_export
from .strategies import payloads

PROPERTY = settings(
    max_examples=15, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _same(document) -> None:
    fast, old = export_document(document), reference_export(document)
    assert fast == old, document.code
    assert fast.model_dump_json(indent=2) == old.model_dump_json(indent=2), document.code
    assert export_json(document) == old.model_dump_json(indent=2), document.code


def _standalone(payload: s.DocumentPayload) -> s.DocumentPayload:
    """A demo document without its links to other documents, so that it imports alone."""
    data = payload.model_copy(deep=True, update={"implements": [], "previous_version": None})
    for ind in data.indicators:
        ind.parents = [p for p in ind.parents if p.indicator.startswith(f"{data.code}:")]
    return data


@pytest.mark.django_db
def test_every_generated_document_exports_to_the_same_payload_and_bytes_as_the_old_exporter(reference):
    do_generate_country("small", seed=3)
    documents = list(Document.objects.all())
    assert len(documents) == 7
    for document in documents:
        _same(document)


@pytest.mark.django_db
def test_the_demo_documents_export_to_the_same_payload_and_bytes_as_the_old_exporter(reference):
    small = [p for p in build_documents() if len(p.indicators) < 50]
    assert {p.type for p in small} >= {"concept", "national_project", "sbdp", "rdp"}
    for payload in small:
        document = do_import_document(_standalone(payload), reason="demo").document
        _same(document)
        fast = export_document(document)
        again = s.DocumentPayload.model_validate_json(fast.model_dump_json())
        assert again == fast, "the exported payload passes the validation the exporter skipped"


@pytest.mark.django_db
@PROPERTY
@given(payload=payloads())
def test_any_imported_payload_exports_to_the_same_payload_and_bytes_as_the_old_exporter(reference, payload):
    _same(do_import_document(payload).document)


@pytest.mark.django_db
def test_export_reads_fifteen_queries_whatever_the_size_of_the_document(reference):
    small = do_import_document(small_payload(code="sbdp-small")).document
    data = small_payload(code="sbdp-big").model_dump()
    for n in range(2, 30):
        data["indicators"].append(dict(data["indicators"][0], code=f"TI-{n}"))
        data["measures"].append(dict(data["measures"][0], code=f"M-{n}"))
        data["financial_need"].append({"indicator": f"TI-{n}", "priority": 1,
                                       "amounts": [{"year": y, "amount": "5"} for y in range(2025, 2030)]})
    data["resources"] = [{"year": y, "budget_expenditure": "100", "staff": 5} for y in range(2023, 2030)]
    data["goals"][0]["tasks"].append({"code": "2", "title": {"kk": "Екінші"}})
    data["implements"] = ["sbdp-small"]
    big = do_import_document(s.DocumentPayload.model_validate(data)).document
    counts = []
    for document in (small, big):
        with CaptureQueriesContext(connection) as queries:
            export_document(document)
        counts.append(len(queries.captured_queries))
    assert counts == [15, 15]


@pytest.mark.django_db
def test_exporting_a_deleted_document_says_which_one_is_missing(reference):
    document = do_import_document(small_payload(code="sbdp-gone")).document
    pk = document.pk
    document.delete()
    with pytest.raises(Document.DoesNotExist, match=f"no document with id {pk}"):
        export_document(Document(pk=pk))


@pytest.mark.django_db
def test_exporting_documents_together_gives_what_exporting_each_alone_gives(reference):
    from jospar.interchange.export import export_documents, iter_exports

    do_generate_country("small", seed=5)
    documents = list(Document.objects.order_by("code"))
    together = export_documents(d.pk for d in documents)
    assert set(together) == {d.pk for d in documents}
    batched = list(iter_exports(documents, rows=40))  # several batches
    assert [d.code for d, _ in batched] == [d.code for d in documents]
    for document, payload in batched:
        alone = export_document(document)
        assert together[document.pk] == alone == payload
        assert payload.model_dump_json() == alone.model_dump_json()
