"""The development deadlines stand in the one calendar of obligations, next to the monitoring ones (issue 8 §6)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from jospar.development import services as sv
from jospar.interchange.services import do_import_document

from ..conftest import member, small_payload


@pytest.fixture
def approved(reference):
    document = do_import_document(small_payload(code="sbdp-cal", status="approved")).document
    planner = member("moh-planner", "moh")
    sv.do_start_workflow(document, acting_user=planner, reason="approved by the Government",
                         approved_on=date(2026, 3, 2))
    return document, planner


def test_the_calendar_lists_the_send_and_publish_deadlines_of_an_approved_plan(client, approved):
    document, planner = approved
    client.force_login(planner)
    with translation.override("en"):
        page = client.get(reverse("monitoring-calendar") + "?year=2026").content.decode()
        workflow_url = reverse("development:workflow", args=[document.code])
    # approved on Monday 2 March 2026, the day itself not counted: 3, 4, 5, 6 March are working days; 8 March
    # (a holiday) falls on a Sunday, so Monday 9 March is a day off; the 5th working day is Tuesday 10 March
    # (sent, cl. 122) and the 10th is Tuesday 17 March (published, cl. 123)
    assert workflow_url in page and "sbdp-cal" in page
    assert "10.03.2026" in page and "cl. 122" in page
    assert "17.03.2026" in page and "cl. 123" in page


def test_the_calendar_filter_by_another_document_hides_the_development_deadlines(client, approved):
    document, planner = approved
    client.force_login(planner)
    with translation.override("en"):
        page = client.get(reverse("monitoring-calendar") + "?year=2026&document=no-such-doc").content.decode()
        workflow_url = reverse("development:workflow", args=[document.code])
    assert workflow_url not in page

