"""The working group of a regional plan in a real browser (cl. 128, issue 8): the akimat's planner sees the
V-57 warning among the plan's findings, records the akim's decision and the members row by row with the
keyboard-reachable form (a row without category is refused next to the field), and the warning disappears."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from jospar.development import services as sv
from jospar.development.models import WorkingGroup
from jospar.interchange.services import do_import_document

from ..conftest import member, small_payload
from .conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def planner(reference, transactional_db):
    plan = do_import_document(small_payload(code="rdp-wg-e2e", type="rdp", developer="akimat-abai",
                                            territory="100000000", status="draft", co_executors=[])).document
    user = member("abai-planner", "akimat-abai")
    sv.do_start_workflow(plan, acting_user=user, reason="akim's instruction", on=date(2026, 2, 2))
    return user




def _v57(page) -> str:
    page.goto("/en/documents/rdp-wg-e2e/edit/")
    return " ".join(t for t in page.locator("#findings li").all_inner_texts() if "V-57" in t)


def test_the_planner_records_the_working_group_and_the_v57_finding_disappears(page, planner):
    page.set_default_timeout(60_000)  # the machine is shared: be patient with the first page
    login(page, "abai-planner")
    assert "no working group created by the akim's decision is recorded" in _v57(page)

    page.goto("/en/development/rdp-wg-e2e/")
    page.get_by_role("link", name="Record the working group").click()
    page.wait_for_url(re.compile(r"/development/rdp-wg-e2e/working-group/$"))
    page.get_by_label("Number of the akim's decision").fill("14")
    page.get_by_label("Date of the akim's decision").fill("2026-02-03")
    page.get_by_label("Reason for the change").fill("Akim's decision No. 14")
    page.get_by_label("Full name, member 1").fill("A. Akimov")
    page.get_by_label("Position, member 1").fill("deputy akim")
    page.get_by_label("Category (cl. 128), member 1").select_option("leb")
    page.get_by_label("Full name, member 2").fill("B. Public")
    page.get_by_label("Full name, member 2").press("Enter")  # submitted from the keyboard, category forgotten
    expect(page.locator("#id_members-1-category_errors")).to_contain_text("Member 2: choose who the member represents")
    assert not WorkingGroup.objects.exists()

    page.get_by_label("Category (cl. 128), member 2").select_option("public_council")
    page.get_by_label("Full name, member 3").fill("C. Deputy")
    page.get_by_label("Category (cl. 128), member 3").select_option("maslikhat_deputy")
    page.get_by_role("button", name="Record the working group").click()
    page.wait_for_url(re.compile(r"/development/rdp-wg-e2e/#working-group$"))
    expect(page.locator("body")).to_contain_text("Created by the akim's decision No. 14 of 03.02.2026.")
    assert _v57(page) == ""
