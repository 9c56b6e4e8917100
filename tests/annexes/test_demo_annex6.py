"""The demo records a regional change with its Annex 6 comparison rows (cl. 132), so the Annex 6 sample in
docs/annexes is from real demo data: the workbook and the PDF show the rows, wordings and justifications."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest

from jospar.annexes.services import build_form, render
from jospar.demo.development import CHANGED_RDP, load_demo_change
from jospar.development.models import ComparisonRow
from jospar.planning.models import Document

from ..conftest import member
from .helpers import find_row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def changed_pk(module_data) -> int:
    """The demo's National Plan and Karaganda plan only, the plan followed from its approval, then the demo change."""

    def build() -> int:
        from jospar.demo.builder import build_documents
        from jospar.development.services import do_start_workflow
        from jospar.interchange import schema as s
        from jospar.interchange.services import do_import_document

        loaded = {"ndp-2029", CHANGED_RDP}
        for payload in build_documents():
            if payload.code in loaded:  # links to the demo documents left out are dropped
                data = payload.model_dump(mode="json")
                data["implements"] = [c for c in data.get("implements") or [] if c in loaded]
                for i in data["indicators"]:
                    i["parents"] = [p for p in i.get("parents") or [] if p["indicator"].split(":")[0] in loaded]
                do_import_document(s.DocumentPayload.model_validate(data), reason="test")
        document = Document.objects.get(code=CHANGED_RDP)
        planner = member("krg-planner-test", document.developer.code)
        do_start_workflow(document, acting_user=planner, reason="test", on=date(2023, 12, 29),
                          approved_on=date(2023, 12, 29))
        assert load_demo_change() == "change recorded with 2 Annex 6 rows"
        return document.pk

    return module_data(build)


@pytest.fixture
def changed(changed_pk, db) -> Document:
    return Document.objects.get(pk=changed_pk)


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
