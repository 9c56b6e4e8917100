"""The public pages: what anyone may see, in a number of queries that does not grow with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jospar.interchange.services import do_import_document

from ..conftest import member, small_payload

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_public_list_shows_plans_in_force_and_hides_drafts(client, reference):
    do_import_document(small_payload())
    do_import_document(small_payload(code="draft-x", status="draft", title={"kk": "Жасырын жоба"}))
    html = client.get("/kk/").content.decode()
    assert "Сынақ жоспары" in html
    assert "Жасырын жоба" not in html


def test_a_developer_sees_its_own_draft(client, reference):
    do_import_document(small_payload(code="draft-x", status="draft", title={"kk": "Жасырын жоба"}))
    client.force_login(member("moh-user", "moh"))
    assert "Жасырын жоба" in client.get("/kk/").content.decode()


def test_a_draft_of_another_body_is_not_found(client, reference):
    do_import_document(small_payload(code="draft-x", status="draft"))
    client.force_login(member("labour-user", "mlsp"))  # neither developer, co-executor nor authority
    assert client.get("/kk/documents/draft-x/").status_code == 404


def test_the_list_costs_the_same_queries_for_one_or_many_documents(client, reference):
    do_import_document(small_payload())
    one = _queries(client, "/kk/")
    for n in range(5):
        do_import_document(small_payload(code=f"plan-{n}"))
    assert _queries(client, "/kk/") == one


def test_the_document_page_costs_the_same_queries_for_few_or_many_items(client, reference):
    payload = small_payload()
    do_import_document(payload)
    few = _queries(client, "/kk/documents/sbdp-test/")
    bigger = payload.model_copy(deep=True)
    for n in range(10):
        extra = bigger.indicators[0].model_copy(deep=True, update={"code": f"TI-X{n}"})
        bigger.indicators.append(extra)
        bigger.measures.append(bigger.measures[0].model_copy(deep=True, update={"code": f"M-X{n}"}))
    do_import_document(bigger)
    assert _queries(client, "/kk/documents/sbdp-test/") == few


def test_the_page_language_follows_the_url(client, reference):
    do_import_document(small_payload())
    assert 'lang="ru"' in client.get("/ru/documents/sbdp-test/").content.decode()
    assert "Тестовый план" in client.get("/ru/documents/sbdp-test/").content.decode()
    assert "Test plan" in client.get("/en/documents/sbdp-test/").content.decode()
