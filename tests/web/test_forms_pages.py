"""Official forms on the web: a co-executor downloads its part, fills it and uploads it back (issue 4, 5)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jospar.core.models import Organization
from jospar.planning.models import IndicatorValue

from ..annexes.helpers import find_row, load_rdp, save, xlsx
from ..conftest import member

pytestmark = pytest.mark.django_db
NURA = "355200000"


@pytest.fixture
def rdp(reference):
    return load_rdp()


def test_the_page_lists_the_forms_of_the_document_type(client, rdp):
    html = client.get(f"/en/documents/{rdp.code}/forms/").content.decode()
    for annex in ("5", "7", "8", "9", "14", "14-districts"):
        assert f"/en/documents/{rdp.code}/forms/{annex}.xlsx" in html
    assert "/forms/10.xlsx" not in html  # Annex 10 is the National Plan's report


def test_anyone_downloads_a_published_form_as_a_real_workbook(client, rdp):
    response = client.get(f"/en/documents/{rdp.code}/forms/14.xlsx?year=2025&lang=ru")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = xlsx(response.content)
    assert any("2025" in str(c.value) for ws in wb.worksheets for row in ws.iter_rows(max_row=12) for c in row)


def test_a_year_outside_the_period_gets_a_clear_page_not_a_500(client, rdp):
    response = client.get(f"/en/documents/{rdp.code}/forms/14.pdf?year=2035")
    assert response.status_code == 400
    assert "outside the period 2024-2028" in response.content.decode()


def test_the_part_of_another_organization_cannot_be_downloaded(client, rdp):
    client.force_login(member("edu-planner", "edu"))
    assert client.get(f"/en/documents/{rdp.code}/forms/14.xlsx?org=akimat-karaganda-nura").status_code == 404


def test_a_co_executor_previews_then_writes_its_filled_workbook(client, rdp):
    client.force_login(member("nura-planner", "akimat-karaganda-nura"))
    nura = Organization.objects.get(code="akimat-karaganda-nura")
    content = client.get(f"/en/documents/{rdp.code}/forms/14.xlsx?year=2025&org=akimat-karaganda-nura").content
    wb = xlsx(content)
    sheet = next(ws for ws in wb.worksheets if find_row_or_none(ws, f"indicator:TI-2.D{NURA}"))
    row = find_row(sheet, f"indicator:TI-2.D{NURA}")
    sheet.cell(row, 6).value = 2.3
    sheet.cell(row, 7).value = "Жер телімі кеш берілді"
    filled = save(wb)

    def upload(**extra):
        return client.post(f"/en/documents/{rdp.code}/forms/", {
            "file": SimpleUploadedFile("a14.xlsx", filled), "organization": str(nura.pk), **extra})

    preview = upload().content.decode()
    assert "These changes would be written" in preview and "fact" in preview
    value = IndicatorValue.objects.get(indicator__code=f"TI-2.D{NURA}", year=2025)
    assert value.fact != Decimal("2.3")
    assert "Written:" in upload(apply="on", reason="2025 report").content.decode()
    value.refresh_from_db()
    assert (value.fact, value.reason) == (Decimal("2.3"), "Жер телімі кеш берілді")


def test_a_workbook_of_another_organization_is_refused_and_nothing_written(client, rdp):
    client.force_login(member("k-planner", "akimat-karaganda"))
    content = client.get(f"/en/documents/{rdp.code}/forms/14.xlsx?year=2025&org=akimat-karaganda").content
    client.force_login(member("nura-planner", "akimat-karaganda-nura"))
    nura = Organization.objects.get(code="akimat-karaganda-nura")
    html = client.post(f"/en/documents/{rdp.code}/forms/", {
        "file": SimpleUploadedFile("a14.xlsx", content), "organization": str(nura.pk), "apply": "on"}).content.decode()
    assert "The workbook was refused; nothing was written" in html


def find_row_or_none(ws, key):
    try:
        return find_row(ws, key)
    except AssertionError:
        return None
