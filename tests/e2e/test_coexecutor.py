"""A co-executor in a real browser: its planner fills the facts from the inbox, may not sign, and its first
head signs and submits; the page shows the SHA-256 of what was signed (issue 5; cl. 231, 254)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jospar.core.models import Role, User
from jospar.interchange.services import do_import_document
from jospar.monitoring import services as sv
from jospar.monitoring.models import IndicatorReport, Submission, SubmissionStatus
from tests.monitoring.test_cycle import concept_payload

from ..conftest import member
from .conftest import login


@pytest.fixture
def period(reference, transactional_db):
    document = do_import_document(concept_payload(), reason="test").document
    member("edu-planner", "edu", Role.PLANNER)
    member("edu-head", "edu", Role.HEAD)
    mne = member("mne-planner", "mne", Role.PLANNER)
    return sv.do_open_reporting_period(document, 2025, acting_user=mne).period




def test_a_co_executor_fills_its_facts_and_its_first_head_signs_and_submits(page, period):
    login(page, "edu-planner")
    page.get_by_role("link", name="Inbox").click()
    row = page.get_by_role("row").filter(has_text="signed by the first head")
    expect(row).to_contain_text("15.04.2026")
    expect(row).to_contain_text("cl. 254")
    row.get_by_role("link", name="Open").click()
    page.wait_for_url(re.compile(r"/documents/concept-test/report/2025/"))
    assert page.get_by_label("RI-1 · Fact").count() == 0  # not edu's indicator

    page.get_by_label("TI-1 · Fact").fill("75.0")
    page.get_by_label("TI-1 · Reason for deviation").fill("flu season in the fourth quarter")
    page.get_by_label("M-2 · Fully completed").check()
    page.get_by_label("M-2 (099) · Absorbed, mln tenge").fill("200")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The draft is saved.")).to_be_visible()
    expect(page.locator("#line-mea-M-2 .status")).to_have_text("Executed")  # Annex 14 expl. 4(13)(a, c)

    page.get_by_role("button", name="Sign and submit").click()  # a planner may not sign (cl. 231)
    expect(page.get_by_role("alert").filter(has_text="cl. 231").first).to_be_visible()
    assert Submission.objects.get().status == SubmissionStatus.DRAFT

    login(page, "edu-head")
    page.goto("/en/documents/concept-test/report/2025/")
    assert page.get_by_label("TI-1 · Fact").input_value() == "75"
    page.get_by_role("button", name="Sign and submit").click()
    expect(page.get_by_text("Signed and submitted to")).to_be_visible()
    sub = Submission.objects.get()
    assert sub.status == SubmissionStatus.SUBMITTED and sub.signed_by == User.objects.get(username="edu-head")
    assert page.locator("#content-hash").inner_text() == sub.content_hash == sv.content_hash(sub)
    assert page.get_by_label("TI-1 · Fact").is_disabled()
    assert IndicatorReport.objects.get().reason == "flu season in the fourth quarter"
