"""A long document is shown 100 indicators at a time, so that its page costs the same at any size (issue 7)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jospar.interchange.services import do_import_document

from ..conftest import small_payload

pytestmark = pytest.mark.django_db


def _plan(n: int):
    payload = small_payload(code=f"sbdp-long-{n}")
    first = payload.indicators[0]
    payload.indicators += [first.model_copy(update={"code": f"TI-X{k:03d}", "order": 100 + k})
                           for k in range(n - len(payload.indicators))]
    return do_import_document(payload).document


def test_the_first_page_shows_100_indicators_and_a_link_to_the_next(client, reference):
    document = _plan(130)
    page = client.get(f"/en/documents/{document.code}/").content.decode()
    assert "1–100 of 130" in page
    assert "?ip=2#indicators" in page
    assert "TI-X097" in page and "TI-X099" not in page  # TI-1, RI-1, then TI-X000..TI-X097 make 100


def test_the_second_page_shows_the_rest_and_a_link_back(client, reference):
    document = _plan(130)
    page = client.get(f"/en/documents/{document.code}/?ip=2").content.decode()
    assert "101–130 of 130" in page
    assert "?ip=1#indicators" in page
    assert "TI-X098" in page and "TI-X127" in page and "TI-X097" not in page


def test_a_short_document_has_no_pager_and_a_bad_page_number_is_not_an_error(client, reference):
    document = _plan(2)
    page = client.get(f"/en/documents/{document.code}/?ip=zzz&mp=-4")
    assert page.status_code == 200 and "of 2" not in page.content.decode()


def test_the_page_costs_the_same_number_of_queries_for_130_and_260_indicators(client, reference):
    counts = []
    for n in (130, 260):
        document = _plan(n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/documents/{document.code}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
