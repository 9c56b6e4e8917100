"""The demo records a regional change with its Annex 6 comparison rows (cl. 132), so the Annex 6 sample in
docs/annexes is from real demo data: the workbook and the PDF show the rows, wordings and justifications."""

from __future__ import annotations

import io

import pypdf
import pytest

from jospar.annexes.services import build_form, render
from jospar.demo.development import CHANGED_RDP, load_demo_change
from jospar.development.models import ComparisonRow
from jospar.planning.models import Document
from tests.annexes.helpers import find_row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(loaded_demo, db) -> Document:
    """The Karaganda plan as `jospar demo` left it (tests/demo/conftest.py: one load for the package)."""
    assert f"{CHANGED_RDP} workflow: change recorded with 2 Annex 6 rows" in loaded_demo
    return Document.objects.get(code=CHANGED_RDP)


def test_the_demo_change_is_a_new_version_with_justified_comparison_rows_and_is_recorded_once(changed):
    assert changed.version == 2
    rows = list(ComparisonRow.objects.filter(change__workflow__document=changed).order_by("number"))
    assert [r.element for r in rows] == ["indicator:TI-1.1:plan:2027", "measure:1.1:title"]
    assert (rows[0].current, rows[0].proposed) == ("76.9", "76.7")  # 76.9 approved, corrected by -0.2
    assert all(r.justification for r in rows)
    assert load_demo_change() == "change unchanged"
    assert ComparisonRow.objects.filter(change__workflow__document=changed).count() == 2


def test_annex6_of_the_demo_shows_the_recorded_change_in_the_workbook_and_the_pdf(changed):
    form = build_form(changed, "6", lang="kk")
    ws = xlsx(render(form, "xlsx"))["6-қосымша"]
    r = find_row(ws, "change:1")
    assert [ws.cell(r, c).value for c in (1, 3, 4)] == ["1", "76.9", "76.7"]
    assert ws.cell(r, 5).value.startswith("Өңірлік бюджетті нақтылау")
    m = find_row(ws, "change:2")
    assert ws.cell(m, 4).value.startswith("Қарағанды және Теміртау қалаларында 11 мектеп")
    pdf = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render(form, "pdf"))).pages).split())
    assert "№ 31/4, 12.06.2026" in pdf and "76,9" not in pdf.replace("76.9", "")  # wording kept as recorded
