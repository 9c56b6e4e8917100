"""The public discussion of a draft in a real browser (cl. 74, 99; issue 5): a visitor opens the draft on the public
portal in Kazakh, switches to English, sends a proposal; the planner of the developer answers it; the visitor sees
the answer, then reads it in Russian."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jospar.interchange.services import do_import_document
from jospar.planning.models import PublicProposal

from ..conftest import member, small_payload
from .conftest import login

FIRST_LOAD = 90_000  # the first page of a live server on a loaded 2-core machine can take long (templates, catalogs)


@pytest.fixture
def draft(reference, transactional_db):
    member("moh-planner", "moh")
    return do_import_document(small_payload(status="public_discussion")).document


def test_a_visitor_proposes_the_planner_answers_and_the_portal_publishes_the_answer(browser, live_server, page, draft):
    # the visitor: public portal in Kazakh (the default language), then English
    page.goto(f"/kk/documents/{draft.code}/", timeout=FIRST_LOAD)
    assert page.locator("html").get_attribute("lang") == "kk"
    expect(page.get_by_role("heading", name="Сынақ жоспары")).to_be_visible()
    page.get_by_role("button", name="EN").click()
    page.wait_for_url(re.compile(r"/en/documents/sbdp-test/"))
    expect(page.locator("#discussion")).to_have_text("Public discussion")

    page.get_by_label("Your name").fill("Aigerim Nurlanovna")
    page.get_by_label("Your proposal").fill("Build more rural clinics in 2026")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.get_by_role("status")).to_have_text(
        "Thank you. Your proposal is published below and the developer will answer it.")
    card = page.locator("div.card", has_text="Build more rural clinics in 2026")
    expect(card).to_contain_text("Aigerim Nurlanovna")
    expect(card).to_contain_text("Not yet considered")
    expect(card.get_by_role("link", name="Answer")).to_have_count(0)  # the public cannot answer

    # the planner of the developer, in a browser of their own
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    try:
        planner = context.new_page()
        planner.set_default_timeout(30_000)
        login(planner, "moh-planner")
        planner.goto(f"/en/documents/{draft.code}/#discussion")
        planner.locator("div.card", has_text="Build more rural clinics in 2026").get_by_role("link", name="Answer").click()
        planner.wait_for_url(re.compile(r"/proposals/\d+/answer/$"))
        expect(planner.get_by_role("heading", name="Answer a proposal")).to_be_visible()
        planner.get_by_label("Decision").select_option("partially")
        planner.get_by_role("button", name="Publish the answer").click()  # an answer without words is refused
        expect(planner.get_by_text("Say how the proposal was taken into account")).to_be_visible()
        assert PublicProposal.objects.get().decision == "pending"
        planner.get_by_label("How it was taken into account").fill("Measure M-1 now covers 12 rural clinics")
        planner.get_by_role("button", name="Publish the answer").click()
        planner.wait_for_url(re.compile(r"/en/documents/sbdp-test/#discussion$"))
        expect(planner.get_by_role("status")).to_have_text("The answer is published.")
    finally:
        context.close()

    # the visitor reloads the public page: the answer is there, and in Russian too
    page.reload()
    card = page.locator("div.card", has_text="Build more rural clinics in 2026")
    expect(card).to_contain_text("Partially taken into account")
    expect(card).to_contain_text("Measure M-1 now covers 12 rural clinics")
    page.get_by_role("button", name="RU").click()
    page.wait_for_url(re.compile(r"/ru/documents/sbdp-test/"))
    expect(page.locator("#discussion")).to_have_text("Публичное обсуждение")
    card = page.locator("div.card", has_text="Build more rural clinics in 2026")
    expect(card).to_contain_text("Учтено частично")
    expect(card).to_contain_text("Measure M-1 now covers 12 rural clinics")

    proposal = PublicProposal.objects.get()
    assert (proposal.decision, proposal.responded_by.username) == ("partially", "moh-planner")
