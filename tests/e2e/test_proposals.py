"""The proposals from operational monitoring in a real browser (cl. 237-238; decisions P1-P6 of
jospar/monitoring/proposals.py): the analyst of the authorized body for strategic planning opens the quarter's
proposals from the inbox, starts from the indicators not achieved in Q1, is refused next to the field while the
information of the National Analytical Centre is missing, fills it and sends; the page then shows the proposals
as sent, with the SHA-256 of what was sent, and no longer offers to edit them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jospar.core.models import Role
from jospar.interchange.services import do_import_document
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.monitoring.models import OperationalProposal, ProposalStatus
from tests.monitoring.ndp import ndp_payload, org

from ..conftest import member
from .conftest import login

FIRST_LOAD = 90_000  # the machine is shared: the first page may take long to compile and render
CENTRE = "Centre's note on reform monitoring, April 2025: vaccination coverage lags in two regions"


@pytest.fixture
def quarter(reference, transactional_db):
    """ndp-test, Q1 2025 open; the Ministry of Health's Q1 report accepted: SI-1 fact 74.5 against the Q1 plan
    74.8 (74.5 / 74.8 × 100 = 99.6 %: partially achieved, so it is suggested)."""
    document = do_import_document(ndp_payload(), reason="test").document
    mne = member("mne-planner", "mne", Role.PLANNER)
    moh, moh_head = member("moh-planner", "moh", Role.PLANNER), member("moh-head", "moh", Role.HEAD)
    member("aspr-analyst", "aspr", Role.PLANNER)
    period = sv.do_open_reporting_period(document, 2025, acting_user=mne, quarter=1).period
    sub = sv.do_save_report(period, org("moh"), parse_report(
        {"indicators": [{"code": "SI-1", "fact": "74.5", "reason": "cold January"}]}), acting_user=moh)
    sv.do_submit_report(sub, acting_user=moh_head)
    sv.do_accept_report(sub, acting_user=mne)
    return period


def test_the_analyst_starts_from_unachieved_indicators_is_refused_without_the_centre_and_sends(page, quarter):
    page.set_default_navigation_timeout(FIRST_LOAD)
    login(page, "aspr-analyst")
    page.get_by_role("link", name="Inbox").click()
    row = page.get_by_role("row").filter(has_text="Proposals from operational monitoring")
    expect(row).to_contain_text("cl. 238")
    row.get_by_role("link", name="Open").click()
    page.wait_for_url(re.compile(r"/documents/ndp-test/proposals/2025/q1/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposals from operational monitoring, Q1 2025")

    page.get_by_role("link", name="Start from the indicators not achieved in the quarter").click()
    expect(page.get_by_label("Indicator 1", exact=True)).to_have_value("SI-1")
    expect(page.get_by_label("Body to act 1", exact=True)).to_have_value("moh")
    expect(page.get_by_label("Risk 1", exact=True)).to_have_value(re.compile(r"^Q1: plan 74\.8, fact 74\.5 \(99\.6 %\)"))
    page.get_by_label("Corrective action 1", exact=True).fill("Bring the flu vaccination campaign forward")
    page.get_by_role("button", name="Send to the Administration of the President").click()

    # refused next to the field it concerns; nothing is saved nor sent, what was typed is kept
    refusal = page.locator("#analytical_centre_info_errors")
    expect(refusal).to_have_attribute("role", "alert")
    expect(refusal).to_contain_text("National Analytical Centre for Monitoring Reforms")
    expect(refusal).to_contain_text("(cl. 238)")
    expect(page.locator("#analytical_centre_info")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Corrective action 1", exact=True)).to_have_value(
        "Bring the flu vaccination campaign forward")
    assert not OperationalProposal.objects.exists()

    page.locator("#analytical_centre_info").fill(CENTRE)
    page.get_by_role("button", name="Send to the Administration of the President").click()
    expect(page.get_by_text("The proposals are sent to the Administration of the President (cl. 238).")).to_be_visible()
    expect(page.locator(".card")).to_contain_text("Sent")
    expect(page.get_by_text("content matches what was sent")).to_be_visible()
    expect(page.get_by_role("cell", name="Bring the flu vaccination campaign forward")).to_be_visible()
    expect(page.get_by_text(CENTRE)).to_be_visible()
    # locked (decision P5): no form any more
    expect(page.get_by_role("button", name="Send to the Administration of the President")).to_have_count(0)
    expect(page.locator("textarea")).to_have_count(0)
    proposal = OperationalProposal.objects.get()
    assert (proposal.status, proposal.lines.get().indicator.code) == (ProposalStatus.SENT, "SI-1")
    assert proposal.sent_by.username == "aspr-analyst"
