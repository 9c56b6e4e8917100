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


# ------------------------------------------------------------------ the public list of documents (home page)

def _home(client) -> str:
    return client.get("/en/").content.decode()


def test_the_public_list_is_read_once_and_a_change_shows_at_once(client, reference):
    document = _document("in_force")
    assert "Test plan" in _home(client)
    with CaptureQueriesContext(connection) as cached:
        assert "Test plan" in _home(client)
    assert not any('"planning_indicator"' in q["sql"] and "COUNT" in q["sql"].upper()
                   for q in cached.captured_queries)  # the counts are not computed again
    document.refresh_from_db()
    document.title_en = "Renamed plan"
    document.save()  # (a correction's new version, or an administrator: any write leaves an audit record)
    page = _home(client)
    assert "Renamed plan" in page and "Test plan" not in page


def test_an_indicator_added_or_removed_changes_the_public_count(client, reference):
    document = _document("in_force")
    assert '<td class="num">2</td>' in _home(client)  # two indicators
    Indicator.objects.get(document=document, code="TI-1").delete()
    page = _home(client)
    assert '<td class="num">1</td>' in page and '<td class="num">2</td>' not in page


def test_a_member_sees_the_own_drafts_and_the_public_never_gets_that_list(client, reference):
    _document("draft")
    client.force_login(member("moh-planner", "moh"))
    assert "Test plan" in _home(client)
    client.logout()
    assert "Test plan" not in _home(client)
    assert "No documents yet." in _home(client)
