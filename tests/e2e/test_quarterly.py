"""The quarterly (operational) monitoring of the National Plan in a real browser (cl. 234-237; issue 3):
the responsible body's planner opens its Q1 line from the inbox, finds the stored fact prefilled, types the
fact of the quarter, its first head signs, and the authorized body accepts; the fact lands on the quarter."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from jospar.core.models import Role
from jospar.interchange.services import do_import_document
from jospar.monitoring import services as sv
from jospar.monitoring.models import Submission, SubmissionStatus
from jospar.planning.models import IndicatorValue
from tests.monitoring.ndp import ndp_payload

from ..conftest import member
from .conftest import login


@pytest.fixture
def quarter(reference, transactional_db):
    document = do_import_document(ndp_payload(), reason="test").document
    mne = member("mne-planner", "mne", Role.PLANNER)
    member("moh-planner", "moh", Role.PLANNER)
    member("moh-head", "moh", Role.HEAD)
    return sv.do_open_reporting_period(document, 2025, acting_user=mne, quarter=1).period


def test_a_responsible_body_reports_its_first_quarter_and_the_authorized_body_accepts(page, quarter):
    login(page, "moh-planner")
    page.get_by_role("link", name="Inbox").click()
    row = page.get_by_role("row").filter(has_text="Operational monitoring results, Q1")
    expect(row).to_contain_text("10.04.2025")
    expect(row).to_contain_text("cl. 236")
    row.get_by_role("link", name="Open").click()
    page.wait_for_url(re.compile(r"/documents/ndp-test/report/2025/q1/"))
    expect(page.get_by_role("heading", name=re.compile("Operational results for Q1 2025"))).to_be_visible()
    assert page.get_by_label("SI-2 · Fact").count() == 0  # edu's indicator
    assert page.locator("#financing").count() == 0  # no money in a quarter (decision M9)

    page.get_by_label("SI-1 · Fact").fill("74.5")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The draft is saved.")).to_be_visible()
    # 74.5 / 74.8 x 100 = 99.60 %: partially achieved against the plan of Q1
    expect(page.locator("#line-ind-SI-1 .achievement")).to_contain_text("99.60 %")

    login(page, "moh-head")
    page.goto("/en/documents/ndp-test/report/2025/q1/")
    page.get_by_role("button", name="Sign and submit").click()  # the reason is missing (cl. 225(2))
    expect(page.get_by_role("alert").filter(has_text="give the reason").first).to_be_visible()
    page.get_by_label("SI-1 · Reason for deviation").fill("cold January")
    page.get_by_role("button", name="Sign and submit").click()
    expect(page.get_by_text("Signed and submitted to")).to_be_visible()

    login(page, "mne-planner")
    page.get_by_role("link", name="Inbox").click()
    page.get_by_role("link", name="Review").first.click()
    page.get_by_role("button", name=re.compile("Accept")).click()
    expect(page.get_by_text("The report is accepted and locked.")).to_be_visible()
    assert Submission.objects.get().status == SubmissionStatus.ACCEPTED
    value = IndicatorValue.objects.get(indicator__code="SI-1", year=2025, quarter=1)
    assert (value.fact, value.reason) == (D("74.5"), "cold January")
