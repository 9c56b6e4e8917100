"""cl. 231-233: content for official use or secret never reaches the public nor other organizations.

Every restricted title carries a marker; each test walks the endpoints and pages where it could leak (lists,
details, filters, search, exports, history, CSV, the web pages) and looks for the marker. The same walk as
the developer finds it, so the check can fail.
"""

from __future__ import annotations

import pytest
from django.test import Client

from jospar.core.models import Role
from jospar.interchange import schema as s
from jospar.interchange.services import do_import_document
from tests.api.conftest import api_client, plan
from tests.conftest import member

MARK = "ZQX-RESTRICTED"


@pytest.fixture
def restricted(reference):
    """A published plan of Health (co-executor Education) with one restricted item of each kind, a wholly
    restricted plan, and another ministry's published plan whose indicator decomposes the secret one."""
    payload = plan("plan-open", "moh", status="in_force", co_executors=("edu",))
    payload.sections = [s.SectionItem(key="annex-dsp", title={"en": f"{MARK} section"}, text={"en": MARK},
                                      confidentiality="official_use")]
    secret = payload.indicators[0].model_copy(deep=True)
    secret.code, secret.confidentiality, secret.co_executors = "SEC-1", "secret", []
    secret.title = secret.title.model_copy(update={"en": f"{MARK} indicator", "ru": MARK, "kk": MARK})
    payload.indicators.append(secret)
    measure = payload.measures[0].model_copy(deep=True)
    measure.code, measure.confidentiality, measure.indicators = "M-SEC", "official_use", ["SEC-1"]
    measure.title = measure.title.model_copy(update={"en": f"{MARK} measure"})
    measure.financing[0].reason_unabsorbed = MARK
    payload.measures.append(measure)
    do_import_document(payload, reason="fixture")

    whole = plan("plan-dsp", "moh", status="in_force", confidentiality="official_use")
    whole.title = whole.title.model_copy(update={"en": f"{MARK} plan"})
    do_import_document(whole, reason="fixture")

    lower = plan("plan-lower", "mci", status="in_force")
    lower.indicators[1].parents = [s.ParentLink(indicator="plan-open:SEC-1", kind="contribution")]
    do_import_document(lower, reason="fixture")


API_PATHS = [
    "/api/documents",
    f"/api/documents?q={MARK}",
    "/api/documents?confidentiality=official_use",
    "/api/documents/plan-open",
    "/api/documents/plan-open/export",
    "/api/documents/plan-open/indicators",
    f"/api/documents/plan-open/indicators?q={MARK}",
    "/api/documents/plan-open/indicators/SEC-1",
    "/api/documents/plan-open/indicators/SEC-1/values",
    "/api/documents/plan-open/indicators/SEC-1/history",
    "/api/documents/plan-open/measures",
    f"/api/documents/plan-open/measures?q={MARK}",
    "/api/documents/plan-open/measures/M-SEC",
    "/api/documents/plan-open/measures/M-SEC/financing",
    "/api/documents/plan-open/measures/M-1",
    "/api/documents/plan-open/history",
    "/api/documents/plan-open/history?format=csv",
    "/api/documents/plan-dsp",
    "/api/documents/plan-dsp/export",
    "/api/documents/plan-lower/export",
    "/api/documents/plan-lower/indicators/RI-1",
]


def _leaks(client) -> list[str]:
    found = []
    for path in API_PATHS:
        response = client.get(path)
        assert response.status_code < 500, path
        text = response.content.decode()
        if MARK in text or "SEC-1" in text or "M-SEC" in text or "annex-dsp" in text:
            found.append(path)
    return found


@pytest.mark.parametrize("reader", ["public", "another ministry"])
def test_restricted_content_never_reaches_the_public_nor_another_ministry_through_the_api(restricted, reader):
    user = None if reader == "public" else member("mci-planner", "mci", Role.PLANNER)
    assert _leaks(api_client(user)) == []


@pytest.mark.parametrize("reader", [("moh-viewer", "moh", Role.VIEWER), ("edu-planner", "edu", Role.PLANNER),
                                    ("mne-planner", "mne", Role.PLANNER)])
def test_the_developer_co_executors_and_authorized_bodies_see_the_restricted_items(restricted, reader):
    leaks = _leaks(api_client(member(*reader)))
    assert "/api/documents/plan-open/export" in leaks
    assert "/api/documents/plan-open/indicators/SEC-1" in leaks
    assert "/api/documents/plan-open/measures/M-SEC" in leaks


def test_a_restricted_item_answers_404_as_if_it_did_not_exist(restricted):
    client = api_client()
    assert client.get("/api/documents/plan-open/indicators/SEC-1").status_code == 404
    assert client.get("/api/documents/plan-open/indicators/TI-1").status_code == 200
    assert client.get("/api/documents/plan-dsp").status_code == 404


def test_counts_of_a_published_document_count_only_the_open_items(restricted):
    public = api_client().get("/api/documents/plan-open").json()
    own = api_client(member("moh-planner", "moh")).get("/api/documents/plan-open").json()
    assert (public["indicator_count"], public["measure_count"]) == (2, 1)
    assert (own["indicator_count"], own["measure_count"]) == (3, 2)


@pytest.mark.parametrize("reader", ["public", "another ministry"])
def test_the_web_pages_do_not_show_restricted_items_to_the_public_nor_another_ministry(restricted, reader):
    client = Client()
    if reader != "public":
        client.force_login(member("mci-planner", "mci", Role.PLANNER))
    for path in ("/kk/", "/en/", "/kk/documents/plan-open/", "/ru/documents/plan-lower/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert MARK not in response.content.decode(), path
    assert client.get("/kk/documents/plan-dsp/").status_code == 404


def test_the_web_page_shows_restricted_items_to_the_developer(restricted):
    client = Client()
    client.force_login(member("moh-planner", "moh"))
    assert MARK in client.get("/en/documents/plan-open/").content.decode()
