"""The body of a document's page is cached under the document's version (issue 7): a change shows at once, and
a reader who may not see restricted items never gets the copy of one who may (cl. 231-233)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jospar.interchange.services import do_import_document
from jospar.planning.models import Indicator
from jospar.planning.services import do_save_item

from ..conftest import member, small_payload

pytestmark = pytest.mark.django_db


def _document(status: str):
    payload = small_payload(status=status)
    payload.indicators[1] = payload.indicators[1].model_copy(update={"confidentiality": "official_use"})
    return do_import_document(payload).document


@pytest.fixture
def document(reference):
    return _document("draft")


@pytest.fixture
def planner(client, reference):
    user = member("moh-planner", "moh")
    client.force_login(user)
    return user


def _page(client, document) -> str:
    return client.get(f"/en/documents/{document.code}/").content.decode()


def test_a_second_visit_reads_the_body_from_the_cache(client, planner, document):
    _page(client, document)
    with CaptureQueriesContext(connection) as first_cached:
        page = _page(client, document)
    assert "Life expectancy" in page
    # the indicator and measure rows (with their values and financing) are not read again
    assert not any('"planning_indicatorvalue"' in q["sql"] for q in first_cached.captured_queries)


def test_a_change_to_the_document_shows_at_once(client, planner, document):
    assert "Life expectancy" in _page(client, document)
    indicator = Indicator.objects.get(document=document, code="TI-1")
    indicator.title_en = "Healthy life expectancy"
    do_save_item(indicator, document=document, acting_user=planner, reason="rename")
    assert "Healthy life expectancy" in _page(client, document)


def test_the_public_never_gets_the_cached_body_of_a_reader_who_sees_restricted_items(client, reference):
    document = _document("in_force")
    client.force_login(member("moh-planner", "moh"))
    assert "Maternal mortality" in _page(client, document)  # RI-1 is for official use
    client.logout()
    assert "Maternal mortality" not in _page(client, document)
