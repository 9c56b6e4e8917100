"""The authorized body in a real browser: returns the developer's report with comments, accepts it once
corrected, and draws up the conclusion with the five criteria of cl. 271 (issue 5; cl. 256, 270-271)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from jospar.core.models import Role
from jospar.evaluation.models import Conclusion, ConclusionStatus
from jospar.interchange.services import do_import_document
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.monitoring.models import Submission, SubmissionStatus
from tests.monitoring.test_cycle import EDU_REPORT, MOH_REPORT, concept_payload

from ..conftest import member
from .conftest import login

ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def submitted(reference, transactional_db):
    document = do_import_document(concept_payload(), reason="test").document
    users = {name: member(name, org, role) for name, org, role in (
        ("mne-planner", "mne", Role.PLANNER), ("mne-head", "mne", Role.HEAD), ("moh-planner", "moh", Role.PLANNER),
        ("moh-head", "moh", Role.HEAD), ("edu-planner", "edu", Role.PLANNER), ("edu-head", "edu", Role.HEAD))}
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne-planner"]).period
    edu = sv.do_save_report(period, document.co_executors.get(), parse_report(EDU_REPORT),
                            acting_user=users["edu-planner"])
    sv.do_submit_report(edu, acting_user=users["edu-head"], at=datetime(2026, 4, 10, 10, tzinfo=ALMATY))
    sv.do_accept_report(edu, acting_user=users["moh-planner"])
    sv.do_consolidate_report(period, acting_user=users["moh-planner"])
    report = sv.do_save_report(period, document.developer, parse_report(MOH_REPORT), acting_user=users["moh-planner"])
    sv.do_submit_report(report, acting_user=users["moh-head"], at=datetime(2026, 4, 30, 10, tzinfo=ALMATY))
    return period, report, users


def test_the_authorized_body_returns_with_comments_accepts_and_sees_the_conclusion(page, submitted):
    period, report, users = submitted
    login(page, "mne-planner")
    page.get_by_role("link", name="Inbox").click()
    page.get_by_role("row").filter(has_text="Ministry of Health").get_by_role("link", name="Review").click()
    page.wait_for_url(re.compile(rf"/submissions/{report.pk}/$"))
    expect(page.get_by_text("Two of three results nearly reached.")).to_be_visible()

    page.get_by_role("button", name="Return with comments").click()  # comments are required
    error = page.locator("#id_comments_errors")
    expect(error).to_contain_text("comments: say what has to be corrected")
    assert Submission.objects.get(pk=report.pk).status == SubmissionStatus.SUBMITTED
    page.get_by_label("Comments: what has to be corrected (required)").fill("add the control and audit results")
    page.get_by_role("button", name="Return with comments").click()
    expect(page.get_by_text("The report is returned")).to_be_visible()
    expect(page.locator("#history").locator("xpath=following-sibling::table").get_by_text(
        "returned: add the control and audit results")).to_be_visible()

    # the developer corrects and its first head submits again
    sv.do_save_report(period, period.document.developer, parse_report({"control_audit": "Audit: no findings."}),
                      acting_user=users["moh-planner"])
    sv.do_submit_report(Submission.objects.get(pk=report.pk), acting_user=users["moh-head"])

    page.reload()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("The report is accepted and locked.")).to_be_visible()
    assert Submission.objects.get(pk=report.pk).status == SubmissionStatus.ACCEPTED

    page.goto("/en/documents/concept-test/monitoring/2025/?by=document")
    expect(page.locator("#achievement-chart canvas")).to_have_count(1)  # ECharts drew the bars
    page.get_by_role("link", name="Conclusion").first.click()
    page.get_by_role("button", name="Compute the criteria").click()
    expect(page.get_by_text("The criteria of cl. 271 are computed.")).to_be_visible()
    first = page.locator("#criterion-1")
    achieved = first.get_by_role("row").filter(has_text="Indicators achieved, %")
    achieved.get_by_text("Show calculation").click()
    expect(achieved.get_by_text("achieved / (achieved + partially achieved + not achieved) × 100")).to_be_visible()
    page.get_by_label("Position on the results and on the objectivity of the reasons").fill("Reasons are objective.")
    page.get_by_label("Conclusions (evaluation) and proposals").fill("Keep the measures.")
    page.get_by_role("button", name="Save the text").click()
    expect(page.get_by_text("The text of the conclusion is saved.")).to_be_visible()

    login(page, "mne-head")
    page.goto("/en/documents/concept-test/conclusion/2025/")
    page.get_by_role("button", name="Issue the conclusion").click()
    expect(page.get_by_text("The conclusion is issued.")).to_be_visible()
    assert Conclusion.objects.get().status == ConclusionStatus.ISSUED
