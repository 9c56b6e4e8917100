"""The development workflow in a real browser: a planner starts following a draft concept, moves it a step
with a reason, is offered only the next step of cl. 3, meets a refusal, and sees the step history (issue 8 §6)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jospar.development.models import Workflow
from jospar.interchange.services import do_import_document

from ..conftest import member, small_payload
from .conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def planner(reference, transactional_db):
    do_import_document(small_payload(code="concept-e2e", type="concept", status="draft"))
    return member("moh-planner", "moh")




def test_a_planner_moves_a_draft_concept_through_its_first_step_in_the_browser(page, planner):
    login(page, "moh-planner")
    page.goto("/en/development/")
    page.get_by_role("link", name="Start the workflow").click()
    page.get_by_label("Reason for the change").fill("Instruction of the President No. 7")
    page.get_by_role("button", name="Start the workflow").click()
    page.wait_for_url(re.compile(r"/development/concept-e2e/$"))
    expect(page.locator("#current-step")).to_contain_text("Initiation of the document")

    # cl. 3: only the next step is offered (no skipping); a date before the current step is refused
    assert page.locator("#id_step option").all_inner_texts() == ["Next: Analysis of the current situation"]
    page.get_by_label("Date").fill("2020-01-01")
    page.locator("#advance").get_by_label("Reason for the change").fill("back-dated")
    page.get_by_role("button", name="Move the document").click()
    expect(page.locator(".messages").first).to_contain_text("is before the current step began")

    page.get_by_label("Move to the step").select_option("analysis")
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.locator("#advance").get_by_label("Reason for the change").fill("The analysis stage begins")
    page.get_by_role("button", name="Move the document").click()
    expect(page.locator("#current-step")).to_contain_text("Analysis of the current situation")
    expect(page.locator("#history").get_by_text("The analysis stage begins")).to_be_visible()
    assert Workflow.objects.get(document__code="concept-e2e").step == "analysis"
