"""The planner's journey in a real browser: create a draft, add a goal and an indicator with its values,
meet a clear error next to the field, fix it, and see the result (issue 5)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jospar.planning.models import Document, IndicatorValue

from ..conftest import member
from .conftest import login


@pytest.fixture
def planner(reference, transactional_db):
    return member("moh-planner", "moh")




def test_a_planner_builds_a_draft_plan_in_the_browser(page, planner):
    login(page, "moh-planner")
    page.get_by_role("link", name="+ New document").click()
    page.get_by_label("Code").fill("sbdp-moh-2027")
    page.get_by_label("Type").select_option("sbdp")
    page.get_by_label("Title [kk]").fill("Денсаулық сақтау министрлігінің даму жоспары")
    page.get_by_label("First year").fill("2027")
    page.get_by_label("Last year").fill("2031")
    page.get_by_label("Developer").select_option(str(planner.memberships.get().organization_id))
    page.get_by_role("button", name="Create the draft").click()
    page.wait_for_url(re.compile(r"/documents/sbdp-moh-2027/edit/$"))
    expect(page.get_by_text("The draft is created")).to_be_visible()
    # the methodology's required sections are offered (Annex 3, cl. 107)
    page.get_by_role("link", name="Mission and vision").click()
    assert page.get_by_label("Title [en]").input_value() == "Mission and vision"
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="+ Add a goal").click()
    page.get_by_label("Code").fill("1.1")
    page.get_by_label("Title [kk]").fill("Ана мен бала денсаулығын сақтау")
    page.get_by_label("Year of achievement").fill("2031")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="+ Add an indicator").click()
    page.locator("#id_code").fill("TI-1")
    page.get_by_label("Kind:", exact=True).select_option("target")
    page.get_by_label("Goal:", exact=True).select_option(index=1)
    page.get_by_label("Title [kk]:", exact=True).fill("Ана өлімі")
    page.get_by_label("Unit [kk]").fill("100 мың тірі туғанға")
    page.get_by_label("Polarity").select_option("decrease")
    page.locator("#id_rows-0-year").fill("2035")
    page.locator("#id_rows-0-plan").fill("11.5")
    page.get_by_role("button", name="Save").click()
    error = page.locator("#id_rows-0-year").locator("xpath=following-sibling::div[@role='alert']")
    expect(error).to_contain_text("Outside the document period 2027-2031 (cl. 35).")

    page.locator("#id_rows-0-year").fill("2027")
    page.get_by_label("Reason for the change").fill("first draft")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/edit/#indicators$"))
    expect(page.get_by_text("2027: 11.5")).to_be_visible()

    document = Document.objects.get(code="sbdp-moh-2027")
    value = IndicatorValue.objects.get(indicator__document=document, year=2027)
    assert value.history.latest().history_change_reason == "first draft"
