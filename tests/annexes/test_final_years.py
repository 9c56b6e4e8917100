"""The final reports show every year of the period column by column (Annex 10 R-10.9, Annex 14 R-14.9; cl. 230,
244, 270; decisions Y1-Y5 in jospar/annexes/periods.py). Each file is read back: openpyxl, python-docx, pypdf."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest

from jospar.annexes.periods import evaluated_years, implementation_years
from jospar.annexes.roundtrip import check_workbook
from jospar.annexes.services import build_form
from jospar.core.models import Organization
from jospar.monitoring.models import ReportingPeriod, Submission, SubmissionLevel, SubmissionStatus
from jospar.planning.models import Document

from ..conftest import small_payload
from .helpers import find_row, rdp_payload, save, xlsx

pytestmark = pytest.mark.django_db


def _accepted(document: Document, year: int, status: str = SubmissionStatus.ACCEPTED) -> None:
    period, _ = ReportingPeriod.objects.get_or_create(document=document, year=year, quarter=0)
    akimat = Organization.objects.get(code="akimat-karaganda")
    Submission.objects.create(period=period, level=SubmissionLevel.REPORT, organization=akimat,
                              recipient=Organization.objects.get(code="mne"), status=status)


def _build_rdp() -> Document:
    """The small regional plan of helpers.py (2024-2028) with values and money in the final year 2028;
    annual reports accepted for 2025 and 2026, a 2027 report only submitted, none for 2024."""
    from jospar.interchange import schema as s
    from jospar.interchange.services import do_import_document

    data = rdp_payload(code="rdp-final").model_dump(mode="json")
    ti2 = next(i for i in data["indicators"] if i["code"] == "TI-2")
    ti2["values"].append({"year": 2028, "plan": "30", "corrected_plan": "29", "fact": "31", "reason": ""})
    m = next(m for m in data["measures"] if m["code"] == "1.1")
    m["financing"].append({"year": 2028, "source": "budget", "budget_level": "local",
                           "budget_program_code": "261-114-000", "administrator": "akimat-karaganda",
                           "plan": "5000", "absorbed": "4900", "reason_unabsorbed": "Үнемдеу"})
    doc = do_import_document(s.DocumentPayload.model_validate(data), reason="test").document
    _accepted(doc, 2025)
    _accepted(doc, 2026)
    _accepted(doc, 2027, SubmissionStatus.SUBMITTED)
    return doc


def _build_ndp() -> tuple[Document, Document]:
    """A National Plan 2025-2029 with one strategic indicator reported in 2025, 2026 and 2029, and a concept
    whose target indicator implements it (reported in 2025 by small_payload)."""
    from jospar.interchange import schema as s
    from jospar.interchange.services import do_import_document

    nd = small_payload().model_dump(mode="json")
    nd.update(code="ndp-final", type="ndp", co_executors=[], measures=[], goals=[], sections=[], indicators=[
        {"code": "SI-1", "kind": "strategic", "direction": "1", "title": {"kk": "ЖІӨ өсуі"}, "unit": {"kk": "%"},
         "baseline": {"year": 2023, "value": "3"},
         "values": [{"year": 2025, "plan": "5", "fact": "4.2", "reason": "баға"},
                    {"year": 2026, "plan": "5.5", "corrected_plan": "5.2", "fact": "5.3"},
                    {"year": 2029, "plan": "6", "fact": "6.4"}]}])
    ndp = do_import_document(s.DocumentPayload.model_validate(nd), reason="t").document
    concept = small_payload(code="concept-final", type="concept").model_dump(mode="json")
    concept["indicators"][0]["parents"] = [{"indicator": "ndp-final:SI-1", "kind": "copy"}]
    concept = do_import_document(s.DocumentPayload.model_validate(concept), reason="t").document
    return ndp, concept


@pytest.fixture(scope="module")
def pks(module_data) -> dict[str, int]:
    def build():
        ndp, concept = _build_ndp()
        return {"rdp": _build_rdp().pk, "ndp": ndp.pk, "concept": concept.pk}

    return module_data(build)


@pytest.fixture
def rdp(pks, db) -> Document:
    return Document.objects.get(pk=pks["rdp"])


@pytest.fixture
def ndp(pks, db) -> Document:
    return Document.objects.get(pk=pks["ndp"])


def _pdf_text(data: bytes) -> str:
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.replace("\xa0", " ").split())


# ----------------------------------------------------------------------------------------------- the years

def test_only_the_report_of_the_last_year_is_the_final_report_with_the_earlier_years(ndp, rdp):
    assert implementation_years(ndp, 2029) == [2025, 2026, 2027, 2028]
    assert implementation_years(ndp, 2028) == []
    assert evaluated_years(rdp, 2027) == ([], [])


def test_an_evaluated_year_of_a_regional_plan_is_one_whose_annual_report_was_accepted(rdp):
    # 2025 and 2026 accepted; 2027 only submitted and 2024 never reported: not evaluated (cl. 270)
    assert evaluated_years(rdp, 2028) == ([2025, 2026], [2024, 2027])


# ----------------------------------------------------------------------------------------------- Annex 10

def test_annex10_final_report_adds_a_plan_and_fact_pair_for_every_earlier_year(ndp, rendered):
    ws = xlsx(rendered(ndp, "10", "xlsx", year=2029))["10-қосымша"]
    si = find_row(ws, "indicator:SI-1")
    numbers = si - 2  # the column-number row is right above the first priority row
    assert [ws.cell(numbers, c).value for c in range(1, 17)] == [str(i) for i in range(1, 17)]
    header = numbers - 2
    assert [ws.cell(header, c).value for c in (9, 11, 13, 15)] == ["2025 жыл", "2026 жыл", "2027 жыл", "2028 жыл"]
    assert [ws.cell(header + 1, c).value for c in range(9, 13)] == ["жоспар", "факт", "жоспар", "факт"]
    assert ws.cell(header, 5).value == "Орындалуы туралы ақпарат"  # columns 5-7 stay the final year
    # final year 2029: plan 6, fact 6.4, deviation 0.4; then 2025 (5; 4.2), 2026 (corrected 5.2; 5.3), 2027-2028 empty
    assert [ws.cell(si, c).value for c in range(5, 17)] == [
        6, 6.4, pytest.approx(0.4), None, 5, 4.2, 5.2, 5.3, None, None, None, None]
    child = find_row(ws, "indicator:concept-final:TI-1")
    assert ws.cell(child, 1).value == "1.1.1."
    assert [ws.cell(child, c).value for c in (5, 9, 10, 11)] == [77, 75.1, 75, None]


def test_annex10_of_an_ordinary_year_keeps_the_eight_columns(ndp, rendered):
    ws = xlsx(rendered(ndp, "10", "xlsx", year=2026))["10-қосымша"]
    si = find_row(ws, "indicator:SI-1")
    assert [ws.cell(si - 2, c).value for c in range(1, 10)] == [str(i) for i in range(1, 9)] + [None]
    assert [ws.cell(si, c).value for c in (5, 6)] == [5.2, 5.3]


def test_annex10_final_report_names_the_added_columns_in_a_note_and_reads_back_in_docx_and_pdf(ndp, rendered):
    d = docx.Document(io.BytesIO(rendered(ndp, "10", "docx", year=2029, lang="ru")))
    table = d.tables[0]
    assert [c.text for c in table.rows[2].cells] == [str(i) for i in range(1, 17)]
    assert table.rows[0].cells[8].text == "2025 год" and table.rows[1].cells[8].text == "план"
    assert table.rows[1].cells[15].text == "факт"
    text = _pdf_text(rendered(ndp, "10", "pdf", year=2029, lang="en"))
    assert "Columns 9-16: plan and fact of the earlier years of implementation of the National Plan" in text
    assert "2028" in text and "4.2" in text and "5.3" in text


def test_annex10_final_workbook_reads_back_without_changes(ndp, rendered):
    data = rendered(ndp, "10", "xlsx", year=2029, organization=ndp.developer)
    assert check_workbook(data, organization=ndp.developer)[1] == []


# ----------------------------------------------------------------------------------------------- Annex 14

def test_annex14_final_report_adds_baseline_plan_and_actual_for_each_evaluated_year(rdp, rendered):
    ws = xlsx(rendered(rdp, "14", "xlsx", year=2028))["14-қосымша"]
    ind = find_row(ws, "indicator:TI-2")
    numbers = find_row(ws, "goal:G1") - 2  # direction row, then goal row
    assert [ws.cell(numbers, c).value for c in range(1, 18)] == [str(i) for i in range(1, 18)]
    header = numbers - 2
    assert [ws.cell(header, c).value for c in (12, 15)] == ["2025 жыл", "2026 жыл"]
    assert [ws.cell(header + 1, c).value for c in range(12, 18)] == ["базалық (бастапқы) мән", "жоспар", "нақты"] * 2
    assert ws.cell(header, 18).value is None  # 2024 and 2027 are not evaluated: no columns for them
    # 2028 in columns 6-8 (30; 29; 31); 2025: 18.5 approved, 18 corrected, 17.6; 2026: 22, 22, not reported
    assert [ws.cell(ind, c).value for c in (6, 7, 8)] == [30, 29, 31]
    assert [ws.cell(ind, c).value for c in range(12, 18)] == [18.5, 18, 17.6, 22, 22, None]


def test_annex14_final_report_shows_each_years_money_of_a_measure_and_of_its_financing_line(rdp, rendered):
    ws = xlsx(rendered(rdp, "14", "xlsx", year=2028))["14-қосымша"]
    m = find_row(ws, "measure:1.1")
    # a physical measure (12 schools planned): quantities; its executed quantity was never reported
    assert [ws.cell(m, c).value for c in range(12, 18)] == [12, 12, None, 12, 12, None]
    line = find_row(ws, "financing:1.1|budget|261-114-000")
    # 2028 line: 5000 / 4900; the same local line in 2025: 8400 approved, 8000 corrected, 7600 absorbed;
    # 2026: 3100 planned, nothing absorbed; the republican line of 2025 is another line
    assert [ws.cell(line, c).value for c in (6, 7, 8)] == [5000, 5000, 4900]
    assert [ws.cell(line, c).value for c in range(12, 18)] == [8400, 8000, 7600, 3100, 3100, None]


def test_annex14_final_report_names_the_years_not_evaluated_in_every_format(rdp, rendered):
    ws = xlsx(rendered(rdp, "14", "xlsx", year=2028, lang="en"))["Annex 14"]
    notes = [c.value for row in ws.iter_rows(min_col=1, max_col=1) for c in row if isinstance(c.value, str)]
    assert "Years not evaluated (no accepted report, cl. 270): 2024, 2027." in notes
    assert "Columns 12-17: baseline, plan and actual of the evaluated years (Annex 14 expl. 4(10); cl. 230, 270)." \
        in notes
    d = docx.Document(io.BytesIO(rendered(rdp, "14", "docx", year=2028, lang="kk")))
    assert [c.text for c in d.tables[0].rows[2].cells] == [str(i) for i in range(1, 18)]
    assert d.tables[0].rows[0].cells[11].text == "2025 жыл"
    assert any("Бағаланбаған жылдар (есеп қабылданбаған, 270-т.): 2024, 2027." in p.text for p in d.paragraphs)
    text = _pdf_text(rendered(rdp, "14", "pdf", year=2028, lang="ru"))
    assert "Не оценены годы (отчет не принят, п. 270): 2024, 2027." in text
    assert "2026 год" in text and "17,6" in text


def test_annex14_without_any_accepted_earlier_report_has_no_added_columns_only_the_note(rdp):
    Submission.objects.filter(period__document=rdp).update(status=SubmissionStatus.RETURNED)
    form = build_form(rdp, "14", year=2028, lang="en")
    s1 = form.table("s1")
    assert s1.width == 11 and s1.numbers == [str(i) for i in range(1, 12)]
    assert "Years not evaluated (no accepted report, cl. 270): 2024, 2025, 2026, 2027." in s1.notes


def test_annex14_final_workbook_reads_back_without_changes_and_refuses_an_edit_of_an_earlier_year(rdp, rendered):
    data = rendered(rdp, "14", "xlsx", year=2028, lang="en", organization=rdp.developer)
    assert check_workbook(data, organization=rdp.developer)[1] == []
    wb = xlsx(data)
    ws = wb["Annex 14"]
    ind = find_row(ws, "indicator:TI-2")
    ws.cell(ind, 14).value = 99  # the 2025 actual: a past year is not for the workbook to change
    from jospar.annexes.roundtrip import WorkbookRejected

    with pytest.raises(WorkbookRejected) as e:
        check_workbook(save(wb), organization=rdp.developer)
    assert f"cell N{ind}" in str(e.value)


def test_forms_of_ordinary_years_are_unchanged_by_the_final_columns(rdp, rendered):
    form = build_form(rdp, "14", year=2026)
    assert form.table("s1").width == 11
    assert not any("270" in n for n in form.table("s1").notes)
