"""The forms carry the columns, numbering, values and totals of SPEC parts 3-5; each file is read back."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from jospar.annexes.data import PlanData
from jospar.annexes.services import ANNEXES, FormError, build_form, render
from jospar.planning.models import Document

from ..conftest import small_payload
from .helpers import ABAI, NURA, D, find_row, load_rdp, rdp_payload, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def rdp_pk(module_data) -> int:
    return module_data(load_rdp).pk


@pytest.fixture
def rdp(rdp_pk, db):
    """The small regional plan of helpers.py, imported once for the module (each test rolls back its writes)."""
    return Document.objects.get(pk=rdp_pk)


@pytest.fixture
def a14(rdp, rendered):
    """The Kazakh Annex 14 workbook of 2025, rendered once for the module."""
    return xlsx(rendered(rdp, "14", "xlsx", year=2025))


def _pdf_text(data: bytes) -> str:
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.replace("\xa0", " ").split()).replace("- ", "-")


def test_annex14_workbook_has_the_eleven_columns_of_the_form_in_kazakh(a14):
    ws = a14["14-қосымша"]
    top = find_row(ws, "direction:D1") - 3
    assert [ws.cell(top, c).value for c in range(1, 12)] == [
        "№", "Атауы", "Өлшем бірлігі", "Ақпарат көзі", "Жауапты орындаушылар", "Орындалуы", None, None,
        "Қаржыландыру көздері", "Бюджеттік бағдарламаның коды", "Орындалуы туралы ақпарат"]
    assert [ws.cell(top + 1, c).value for c in (6, 7, 8)] == ["базалық (бастапқы) мән", "жоспар", "нақты"]
    assert [ws.cell(top + 2, c).value for c in range(1, 12)] == [str(i) for i in range(1, 12)]
    assert f"F{top}:H{top}" in {str(r) for r in ws.merged_cells.ranges}


def test_annex14_rows_follow_direction_goal_indicator_measure_with_one_running_number(a14):
    ws = a14["14-қосымша"]
    d, g = find_row(ws, "direction:D1"), find_row(ws, "goal:G1")
    ti1, ti2, m = find_row(ws, "indicator:TI-1"), find_row(ws, "indicator:TI-2"), find_row(ws, "measure:1.1")
    assert d < g < ti1 < ti2 < m
    assert ws.cell(d, 1).value == "Бағыты: Адами капитал"
    assert ws.cell(g, 1).value == "Мақсат: Сапалы білім"
    assert [ws.cell(r, 1).value for r in (ti1, ti2, m)] == ["1", "2", "3"]
    # baseline = approved plan without corrections, plan = corrected plan, fact (R-14.6 ..)
    assert [ws.cell(ti2, c).value for c in (6, 7, 8)] == [18.5, 18, 17.6]
    assert ws.cell(ti2, 9).value == "*" and ws.cell(ti2, 10).value == "*"
    assert ws.cell(m, 4).value == "*"  # no source of information on a measure row
    assert ws.cell(ti2, 11).value == "Ішінара орындалды. Мердігер кешікті"  # 17.6 / 18 = 97.8 %
    assert ws.cell(ti1, 11).value.startswith("Ішінара орындалды")  # decrease: 4.6 / 4.9 = 93.9 %
    assert ws.cell(m, 10).value == "225-116-000, 261-114-000"


def test_annex14_financing_lines_and_section2_totals_are_the_sums_of_the_lines(a14):
    wb = a14
    ws = wb["14-қосымша"]
    local = find_row(ws, "financing:1.1|budget|261-114-000")
    assert [ws.cell(local, c).value for c in (6, 7, 8)] == [8400, 8000, 7600]
    s2 = wb["14-қосымша (2)"]
    rows = {s2.cell(r, 1).value: [s2.cell(r, c).value for c in (2, 3, 4)] for r in range(1, s2.max_row + 1)}
    assert rows["Республикалық бюджет"][:2] == [36000, 32400.5]
    assert rows["Жергілікті бюджет"][:2] == [8000, 7600]
    assert rows["Жиыны"][:2] == [36000 + 8000 + 777, 32400.5 + 7600 + 700]  # the restricted 777/700 inside


def test_public_version_never_shows_restricted_items_and_leaves_their_money_out_of_totals(rdp):
    form = build_form(rdp, "14", year=2025, public=True)
    pdf_text = _pdf_text(render(form, "pdf"))
    wb = xlsx(render(form, "xlsx"))
    xlsx_text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    for text in (pdf_text, xlsx_text):
        assert "ҚҰПИЯ" not in text and "9.9" not in text
    totals = [r for r in wb["14-қосымша (2)"].iter_rows(values_only=True) if r[0] == "Жиыны"][0]
    assert totals[1:3] == (44000, 40000.5)
    assert "231-233" in pdf_text


def test_a_restricted_document_or_a_draft_is_never_published(reference):
    secret = load_rdp(code="rdp-secret", confidentiality="secret")
    with pytest.raises(FormError, match="231-233"):
        build_form(secret, "14", year=2025, public=True)
    Document.objects.filter(pk=secret.pk).update(confidentiality="open", status="draft")
    secret.refresh_from_db()
    with pytest.raises(FormError, match="not approved"):
        build_form(secret, "14", year=2025, public=True)


def test_annex14_pdf_reads_back_with_headers_numbering_and_formatted_totals(rdp, rendered):
    text = _pdf_text(rendered(rdp, "14", "pdf", year=2025))
    for words in ("14-қосымша", "Нысан", "Облыстың, республикалық маңызы бар қаланың, астананың даму жоспарының "
                  "іске асырылуы туралы есеп", "Өлшем бірлігі", "Пайдаланылмау себептері", "Жиыны",
                  "1 2 3 4 5 6 7 8 9 10 11", "44 777,0", "40 700,5", "Есепті кезең: 2025",
                  "Мәслихат шешімі № 12/3 10.12.2023"):
        assert words in text, words


def test_annex14_docx_has_repeated_merged_header_and_the_column_numbers(rdp, rendered):
    d = docx.Document(io.BytesIO(rendered(rdp, "14", "docx", year=2025, lang="ru")))
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells][:5] == ["№", "Наименование", "Единица измерения",
                                                          "Источник информации", "Ответственные исполнители"]
    assert [c.text for c in table.rows[1].cells][5:8] == ["базовое (исходное) значение", "план", "факт"]
    assert [c.text for c in table.rows[2].cells] == [str(i) for i in range(1, 12)]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    totals = [r for r in d.tables[1].rows if r.cells[0].text == "Итого"][0]
    assert [c.text.replace("\xa0", " ") for c in totals.cells[1:3]] == ["44 777,0", "40 700,5"]


def test_english_headers_are_used_on_request(rdp):
    ws = xlsx(render(build_form(rdp, "14", year=2025, lang="en"), "xlsx"))["Annex 14"]
    values = {c.value for row in ws.iter_rows() for c in row}
    assert {"Source of information", "baseline (initial) value", "Information on execution"} <= values


def test_district_breakdown_numbers_each_district_under_its_indicator(rdp, rendered):
    ws = xlsx(rendered(rdp, "14-districts", "xlsx", year=2025))["14-қосымша (3)"]
    head = find_row(ws, "indicator-total:TI-2")
    nura, abai = find_row(ws, f"indicator:TI-2.D{NURA}"), find_row(ws, f"indicator:TI-2.D{ABAI}")
    assert ws.cell(head, 1).value == "1" and ws.cell(head, 2).value == "Нысаналы индикатор: Мектеп орындары"
    assert (ws.cell(abai, 1).value, ws.cell(nura, 1).value) == ("1.1.", "1.2.")  # districts in KATO order
    assert ws.cell(nura, 2).value.startswith("Аудан (облыстық маңызы бар қала): ")
    assert [ws.cell(nura, c).value for c in (4, 5, 6)] == [2.5, 2.5, 2.1]
    assert ws.cell(head - 1, 1).value == "1" and ws.cell(head - 1, 7).value == "7"  # the column-number row


def test_the_form_is_read_in_a_fixed_number_of_queries_whatever_the_size(reference):
    def count(payload) -> int:
        from jospar.interchange.services import do_import_document

        doc = do_import_document(payload, reason="t").document
        with CaptureQueriesContext(connection) as ctx:
            PlanData.load(doc)
        return len(ctx)

    small = count(rdp_payload(code="rdp-small"))
    data = rdp_payload(code="rdp-big").model_dump(mode="json")
    for n in range(5):
        extra = dict(data["measures"][0], code=f"2.{n}", co_executors=["edu", "mic"])
        data["measures"].append(extra)
    from jospar.interchange import schema as s

    assert count(s.DocumentPayload.model_validate(data)) == small


@pytest.mark.parametrize("annex", [a for a, spec in ANNEXES.items() if "rdp" in spec.types])
def test_every_regional_annex_renders_in_the_three_formats(rdp, rendered, annex):
    form = build_form(rdp, annex, year=2025)
    assert form.caption.endswith(f"{annex.split('-')[0]}-қосымша")
    for fmt in ("xlsx", "docx", "pdf"):
        assert rendered(rdp, annex, fmt, year=2025)[:2] in (b"PK", b"%P")


def test_annex9_sums_budget_money_by_administrator_and_leaves_other_sources_out(rdp):
    ws = xlsx(render(build_form(rdp, "9"), "xlsx"))["9-қосымша"]
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1]}
    # years 2024..2028 in columns 3..7, total in column 8
    assert rows["Қазақстан Республикасының Оқу-ағарту министрлігі"][2:8] == (None, 36000, None, None, None, 36000)
    assert rows["Қарағанды облысының әкімдігі"][2:8] == (None, 8000, 3100, None, None, 11100)
    assert rows["Барлығы"][7] == 47100  # investment (777) is not budget money (cl. 157)


def test_annex8_marks_the_cells_a_target_indicator_row_does_not_fill(rdp):
    ws = xlsx(render(build_form(rdp, "8"), "xlsx"))["8-қосымша"]
    ti = find_row(ws, "indicator:TI-2")
    m = find_row(ws, "measure:1.1")
    assert [ws.cell(ti, c).value for c in (4, 5, 12, 13, 14)] == ["*"] * 5  # A8-R12 with five year columns
    assert ws.cell(m, 12).value == 8000 + 36000 + 3100  # total of the years, million tenge


def test_annex7_shows_reporting_year_current_year_and_five_plan_years(rdp):
    ws = xlsx(render(build_form(rdp, "7"), "xlsx"))["7-қосымша"]
    r = find_row(ws, "indicator:TI-2")
    assert ws.cell(r, 1).value == "1"
    assert [ws.cell(r, c).value for c in range(6, 11)] == [None, 18, 22, None, None]  # 2024..2028 plans


def test_annex3_and_13_for_a_state_body_plan(reference):
    from jospar.interchange.services import do_import_document

    doc = do_import_document(small_payload(), reason="t").document
    ws = xlsx(render(build_form(doc, "3"), "xlsx"))["3-қосымша (3)"]
    r = find_row(ws, "indicator:TI-1")
    assert ws.cell(r, 1).value == "1" and ws.cell(r, 2).value == "Өмір сүру ұзақтығы"
    assert ws.cell(r, 3).value == "Ерлан Сейітқали, Денсаулық сақтау вице-министрі"  # deputy head (expl. 5(5))
    assert [ws.cell(r, c).value for c in range(8, 13)] == [75.1, None, None, None, 77]
    ws13 = xlsx(render(build_form(doc, "13", year=2025), "xlsx"))["13-қосымша"]
    r = find_row(ws13, "indicator:TI-1")
    assert [ws13.cell(r, c).value for c in (4, 5)] == [75.1, 75]
    assert ws13.cell(r, 6).value == "Ішінара орындалды. flu season"
    s2 = xlsx(render(build_form(doc, "13", year=2025), "xlsx"))["13-қосымша (2)"]
    assert [r for r in s2.iter_rows(values_only=True) if r[0] == "Жиыны"][0][1:3] == (1500.5, 1400)


def test_a_form_of_another_document_type_or_year_is_refused_with_the_clause(rdp):
    with pytest.raises(FormError, match="Annex 13 is not a form"):
        build_form(rdp, "13", year=2025)
    with pytest.raises(FormError, match="outside the period"):
        build_form(rdp, "14", year=2031)


def test_concept_and_national_plan_forms(reference):
    from jospar.interchange import schema as s
    from jospar.interchange.services import do_import_document

    nd = small_payload().model_dump(mode="json")
    nd.update(code="ndp-test", type="ndp", co_executors=[], measures=[], goals=[], sections=[], indicators=[
        {"code": "SI-1", "kind": "strategic", "direction": "1", "title": {"kk": "ЖІӨ өсуі"}, "unit": {"kk": "%"},
         "values": [{"year": 2025, "plan": "5", "fact": "4.2", "reason": "баға"}]},
        {"code": "SI-2", "kind": "strategic", "direction": "1", "title": {"kk": "Инфляция"}, "unit": {"kk": "%"}}])
    ndp = do_import_document(s.DocumentPayload.model_validate(nd), reason="t").document
    concept = small_payload(code="concept-test", type="concept")
    data = concept.model_dump(mode="json")
    data["indicators"][0]["parents"] = [{"indicator": "ndp-test:SI-1", "kind": "copy"}]

    concept = do_import_document(s.DocumentPayload.model_validate(data), reason="t").document
    ws = xlsx(render(build_form(ndp, "10", year=2025), "xlsx"))["10-қосымша"]
    si, child = find_row(ws, "indicator:SI-1"), find_row(ws, "indicator:concept-test:TI-1")
    assert (ws.cell(si, 1).value, ws.cell(child, 1).value) == ("1.1", "1.1.1.")
    assert ws.cell(si - 1, 1).value == "1"  # the nationwide priority
    assert [ws.cell(child, c).value for c in (5, 6, 7)] == [75.1, 75, pytest.approx(-0.1)]  # deviation = fact - plan
    assert [ws.cell(si, c).value for c in (5, 6, 7, 8)] == [5, 4.2, pytest.approx(-0.8), "баға"]
    ws12 = xlsx(render(build_form(concept, "12", year=2025), "xlsx"))["12-қосымша"]
    m = find_row(ws12, "measure:M-1")
    assert ws12.cell(m, 1).value == "1" and ws12.cell(m, 2).value == "Емханалар салу"
    ws1 = xlsx(render(build_form(concept, "1"), "xlsx"))["1-қосымша"]
    assert ws1.cell(find_row(ws1, "measure:M-1"), 3).value is None
    pfc = xlsx(render(build_form(ndp, "pfc", year=2025), "xlsx")).worksheets[0]
    r = find_row(pfc, "indicator:SI-1")
    assert [pfc.cell(r, c).value for c in range(1, 7)] == ["1", "ЖІӨ өсуі", "%", 5, 4.2, "Орындалған жоқ. баға"]
    for annex in ("1-1", "2", "11"):
        assert render(build_form(concept if annex != "11" else ndp, annex, year=2025), "pdf")[:4] == b"%PDF"


def test_money_and_values_keep_their_decimals_in_the_workbook(a14):
    ws = a14["14-қосымша"]
    r = find_row(ws, "financing:1.1|budget|225-116-000")
    assert ws.cell(r, 8).value == 32400.5 and ws.cell(r, 8).number_format == "#,##0.0"
    assert D(str(ws.cell(find_row(ws, "indicator:TI-2"), 8).value)) == D("17.6")
