"""The planner corrects an approved plan in the browser (cl. 205-213, issue 5): start the correction with its
ground, change a value in the editor, meet the refusal of a past year next to the value with its clause, fix
it, compare approved and corrected values side by side, and apply: the plan becomes version 2."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from jospar.interchange.services import do_import_document
from jospar.planning.models import Document, IndicatorValue

from ..conftest import member, small_payload
from .conftest import login


@pytest.fixture
def approved(reference, transactional_db):
    """The test plan (2025-2029) in force; the test runs in real time, so the past year is last year."""
    this_year = dt.date.today().year
    if not 2026 <= this_year <= 2028:
        pytest.skip("the journey needs a past and a future year inside 2025-2029 and no last-year ban (cl. 209)")
    member("moh-planner", "moh")
    return do_import_document(small_payload()).document


def test_a_planner_corrects_an_approved_plan_and_meets_the_refusal_of_a_past_year(page, approved):
    past, future = dt.date.today().year - 1, dt.date.today().year + 1
    login(page, "moh-planner")
    page.goto(f"/en/documents/{approved.code}/")
    page.get_by_text("Correct this document").click()
    page.get_by_label("Ground of the correction (cl. 205)").select_option("monitoring")
    page.get_by_label("Details of the ground").fill("Annual report, conclusion No. 4")
    page.get_by_role("button", name="Start a correction").click()
    page.wait_for_url(re.compile(r"/documents/sbdp-test-correction/edit/$"))
    expect(page.get_by_text("version 1 becomes version 2")).to_be_visible()

    # change last year's value (refused, cl. 213) and add next year's
    page.locator("#indicators tr, #indicators ~ table tr").filter(has_text="TI-1").get_by_role(
        "link", name="Edit").click()
    row = page.locator("table.formset tbody tr").filter(has=page.locator(f"input[value='{past}']"))
    row.locator("input[name$='-plan']").fill("74")
    new = page.locator("table.formset tbody tr").last
    new.locator("input[name$='-year']").fill(str(future))
    new.locator("input[name$='-plan']").fill("76.4")
    page.get_by_label("Reason for the change").fill("monitoring results")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/edit/#indicators$"))
    expect(page.get_by_text(f"the values of {past} are not changed: their period has passed (cl. 213)").first).to_be_visible()

    # the refusal stands next to the value of that year in the indicator's form
    page.locator("#indicators ~ table tr").filter(has_text="TI-1").get_by_role("link", name="Edit").click()
    row = page.locator("table.formset tbody tr").filter(has=page.locator(f"input[value='{past}']"))
    expect(row.locator(".refusal[role=alert]")).to_contain_text("(cl. 213)")

    # applying is refused as a whole, nothing changes
    page.get_by_role("link", name="Compare with the approved version").click()
    page.get_by_role("button", name="Apply the correction").click()
    expect(page.get_by_text("The correction is refused: nothing was changed.")).to_be_visible()
    assert Document.objects.get(code="sbdp-test").version == 1

    # put last year's value back, then apply
    page.get_by_role("link", name="Edit the correction").click()
    page.locator("#indicators ~ table tr").filter(has_text="TI-1").get_by_role("link", name="Edit").click()
    row = page.locator("table.formset tbody tr").filter(has=page.locator(f"input[value='{past}']"))
    row.locator("input[name$='-plan']").fill("75.1")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/edit/#indicators$"))
    page.get_by_role("link", name="Compare with the approved version and apply").click()
    changed = page.locator("table.diff tr").filter(has_text=f"Values by year, {future}, plan")
    expect(changed.locator("td")).to_have_text(["—", "76.4"])
    page.get_by_label("Act approving the correction").fill("Order of the Minister of Health")
    page.get_by_label("Number of the act").fill("215")
    page.get_by_role("button", name="Apply the correction").click()
    page.wait_for_url(re.compile(r"/documents/sbdp-test/$"))
    expect(page.get_by_text("The correction is applied: the document is now version 2.")).to_be_visible()
    plan = Document.objects.get(code="sbdp-test")
    assert (plan.version, plan.approval_act_number) == (2, "215")
    assert IndicatorValue.objects.get(indicator__document=plan, indicator__code="TI-1", year=future).plan == Decimal("76.4")
    assert not Document.objects.filter(code="sbdp-test-correction").exists()
