"""A co-executor's report workbook in a real browser (issue 4, 5; Annex 14, cl. 254-256): the district akimat
finds its obligation in the inbox, downloads the Annex 14 workbook of its own part, fills its fact and reason with
openpyxl, uploads it, reads the preview and confirms; a workbook with a bad cell is refused naming the sheet, the
cell and the rule, and nothing is written. Checked through the pages only (what is written is the business of
the annexes and monitoring apps)."""

from __future__ import annotations

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from jospar.core.models import Role
from jospar.monitoring import services as sv

from ..annexes.helpers import load_rdp
from ..conftest import member
from .conftest import login

NURA = "355200000"
KEY = f"indicator:TI-2.D{NURA}"  # the hidden row key of the district's indicator in Annex 14
FIRST_LOAD = 90_000


@pytest.fixture
def district(reference, transactional_db):
    rdp = load_rdp()
    member("nura-planner", "akimat-karaganda-nura", Role.PLANNER)
    sv.do_open_reporting_period(rdp, 2025, acting_user=member("k-planner", "akimat-karaganda", Role.PLANNER))
    return rdp


def _fill(path, *, fact, reason: str) -> None:
    """Write the fact (column F) and the reason (column G) in the row of the district's indicator."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "/" in cell.value and cell.value.endswith(KEY):
                    ws.cell(cell.row, 6).value = fact
                    ws.cell(cell.row, 7).value = reason
                    wb.save(path)
                    return
    raise AssertionError(f"no row {KEY} in the workbook")


def _upload(page, path, *, apply: bool) -> None:
    page.get_by_label("Filled-in workbook (.xlsx)").set_input_files(str(path))
    page.get_by_label("On behalf of").select_option(index=1)  # its only organization
    if apply:
        page.get_by_label("Write the changes (otherwise only show them)").check()
        page.get_by_label("Reason for the change").fill("Annex 14 of 2025, district part")
    page.get_by_role("button", name="Upload").click()


def test_a_co_executor_downloads_fills_previews_and_uploads_its_workbook(page, district, tmp_path):
    page.set_default_navigation_timeout(FIRST_LOAD)
    login(page, "nura-planner")
    page.get_by_role("link", name="Inbox").click()
    row = page.get_by_role("row").filter(has_text="2025").filter(has_text="akimat-karaganda-nura").first
    row.get_by_role("link", name="Development plan of a test region").click()
    page.get_by_role("link", name="Official forms (xlsx, docx, pdf)").click()
    page.get_by_label("Reporting year").select_option("2025")
    page.get_by_label("Only the part of").select_option("akimat-karaganda-nura")
    with page.expect_download() as info:
        page.locator("tr", has=page.get_by_role("cell", name="14", exact=True)).get_by_role("link", name="xlsx").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / "annex14.xlsx"
    download.save_as(path)

    # a bad cell: nothing is written, the message names the sheet, the cell and the rule
    _fill(path, fact="two point three", reason="Жер телімі кеш берілді")
    _upload(page, path, apply=True)
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("The workbook was refused; nothing was written:")
    # e.g. "Sheet '14-қосымша (3)', cell F5: 'two point three' is not a number (Annex 14 district expl. 6)."
    expect(refusal).to_contain_text(re.compile(
        r"Sheet '[^']+', cell F\d+: 'two point three' is not a number \(Annex 14[^)]*\)"))
    _expect_fact_on_report_page(page, "2.1")  # the district's stored fact is untouched

    # the right value: first the preview, then the confirmation
    page.goto("/en/documents/rdp-test/forms/")
    _fill(path, fact=2.3, reason="Жер телімі кеш берілді")
    _upload(page, path, apply=False)
    preview = page.get_by_role("status")
    expect(preview).to_contain_text("These changes would be written (nothing written yet):")
    expect(preview).to_contain_text(f"TI-2.D{NURA}")
    expect(preview).to_contain_text("2.3")
    _expect_fact_on_report_page(page, "2.1")  # a preview writes nothing
    page.goto("/en/documents/rdp-test/forms/")
    _upload(page, path, apply=True)
    expect(page.get_by_role("status")).to_contain_text("Written:")
    _expect_fact_on_report_page(page, "2.3")


def _expect_fact_on_report_page(page, value: str) -> None:
    """The district's 2025 report page shows the fact of its indicator (stored, or in its draft)."""
    page.goto("/en/documents/rdp-test/report/2025/")
    expect(page.get_by_label(f"TI-2.D{NURA} · Fact")).to_have_value(value)

