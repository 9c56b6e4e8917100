"""The indicator page: achievement with its calculation, decomposition, and nothing restricted for the public."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jospar.interchange import schema as s
from jospar.interchange.services import do_import_document
from jospar.planning.models import Indicator

from ..conftest import member, small_payload

pytestmark = pytest.mark.django_db


def _with_regions(n: int, **overrides) -> s.DocumentPayload:
    """The small plan with TI-1 split into `n` regional children (plans 10 each, facts 9)."""
    payload = small_payload(**overrides)
    katos = ["350000000", "610000000", "710000000", "750000000", "790000000", "110000000"][:n]
    for i, kato in enumerate(katos):
        payload.indicators.append(s.IndicatorItem(
            code=f"TI-1.R{i}", kind="target", territory=kato, title={"en": f"Region {i}"},
            values=[{"year": 2025, "plan": "10", "fact": "9"}],
            parents=[{"indicator": f"{payload.code}:TI-1", "kind": "share", "dimension": "region"}],
        ))
    return payload


def test_the_page_shows_achievement_and_how_it_was_computed(client, reference):
    do_import_document(small_payload())
    html = client.get("/en/documents/sbdp-test/indicators/TI-1/").content.decode()
    assert "99.9 %" in html  # 75.0 / 75.1 x 100 = 99.87 -> 99.9 shown
    assert "partially achieved" in html
    assert "fact / plan" in html  # the formula of the calculation
    assert "flu season" in html


def test_the_decomposition_lists_the_regions_with_their_achievement(client, reference):
    do_import_document(_with_regions(3))
    html = client.get("/en/documents/sbdp-test/indicators/TI-1/?year=2025").content.decode()
    assert html.count("Share (split)") == 3
    assert "90 %" in html  # 9 / 10
    assert "Sum of the shares" in html and "30" in html
    assert 'id="tiles-data"' in html


def test_the_page_costs_the_same_queries_for_few_or_many_regions(client, reference):
    do_import_document(_with_regions(2))
    with CaptureQueriesContext(connection) as few:
        client.get("/en/documents/sbdp-test/indicators/TI-1/")
    do_import_document(_with_regions(6))
    with CaptureQueriesContext(connection) as many:
        client.get("/en/documents/sbdp-test/indicators/TI-1/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_restricted_indicator_is_not_shown_to_the_public(client, reference):
    payload = small_payload()
    payload.indicators[0].confidentiality = "official_use"
    do_import_document(payload)
    assert client.get("/en/documents/sbdp-test/indicators/TI-1/").status_code == 404
    assert "Life expectancy" not in client.get("/en/documents/sbdp-test/").content.decode()


def test_an_unknown_indicator_is_not_found(client, reference):
    do_import_document(small_payload())
    assert client.get("/en/documents/sbdp-test/indicators/NOPE/").status_code == 404
    assert Indicator.objects.count() == 2


def test_a_restricted_lower_indicator_of_another_body_stays_hidden_from_unrelated_bodies(client, reference):
    do_import_document(small_payload())  # developer moh, co-executor edu
    lower = small_payload(code="rdp-lower", developer="akimat-karaganda", co_executors=[])
    lower.indicators = [s.IndicatorItem(
        code="SECRET-1", kind="target", confidentiality="official_use", title={"en": "Restricted breakdown"},
        parents=[{"indicator": "sbdp-test:TI-1", "kind": "contribution"}])]
    lower.measures = []
    do_import_document(lower)
    client.force_login(member("labour", "mlsp"))  # sees both documents (in force), is in neither
    assert "SECRET-1" not in client.get("/en/documents/sbdp-test/indicators/TI-1/").content.decode()
    client.force_login(member("karaganda", "akimat-karaganda"))  # the lower document's developer
    assert "SECRET-1" in client.get("/en/documents/sbdp-test/indicators/TI-1/").content.decode()
