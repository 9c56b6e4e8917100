"""The inbox links each reporting obligation to the workbook of the reporter's own part (issue 3/5/6 follow-up;
cl. 240, 254: the co-executor's information on the form of Annex 13 for a state body's plan), served by the
official forms page with ``year`` and ``org``; only for those who write for the reporter."""

from __future__ import annotations

import html
import re

import pytest

from jospar.core.models import Role
from jospar.interchange.services import do_import_document
from jospar.monitoring import services as sv
from tests.conftest import member, small_payload

LINK = re.compile(r'href="([^"]+\.xlsx\?[^"]+)"')


@pytest.fixture
def open_2025(reference):
    """sbdp-test (developer moh, co-executor edu) with 2025 open."""
    document = do_import_document(small_payload(), reason="fixture").document
    sv.do_open_reporting_period(document, 2025, acting_user=member("moh-planner", "moh", Role.PLANNER))
    return document


def test_a_co_executor_downloads_the_workbook_of_its_own_part_from_its_inbox(open_2025, client):
    client.force_login(member("edu-planner", "edu", Role.PLANNER))
    page = client.get("/en/inbox/").content.decode()
    links = [html.unescape(x) for x in LINK.findall(page)]
    assert links == ["/en/documents/sbdp-test/forms/13.xlsx?year=2025&org=edu"]  # Annex 13, its part, its year
    assert "Workbook (Annex 13, xlsx)" in page
    response = client.get(links[0])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response.content[:2] == b"PK"  # an xlsx is a zip
    kazakh = client.get("/kk/inbox/").content.decode()
    assert "Жұмыс кітабы (13-қосымша, xlsx)" in kazakh and "2025 жылғы 13-қосымша, тек edu бөлігі" in kazakh


def test_a_viewer_sees_the_obligation_without_a_workbook_it_could_not_download(open_2025, client):
    client.force_login(member("edu-viewer", "edu", Role.VIEWER))
    page = client.get("/en/inbox/").content.decode()
    assert 'href="/en/documents/sbdp-test/"' in page  # the obligation is listed
    assert LINK.findall(page) == []
    assert client.get("/en/documents/sbdp-test/forms/13.xlsx?year=2025&org=edu").status_code == 404
