"""Annex 4 column 10 gives the code and the name of the budget programme (Annex 4 expl. 5; the indicator's own code,
else its goal's, as rule A4-V2 reads them), and the explanatory note of cl. 119 ¶2 follows the Annex 4 table as its
own part of the form: per row item 1 (the goal's or indicator's name) and items 2-4 (FinancialNeed.note_*). Each
file is read back: openpyxl, python-docx, pypdf."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jospar.annexes.builders.plans import a4_programme
from jospar.annexes.services import build_form
from jospar.interchange.services import do_import_document
from jospar.planning.models import Document, FinancialNeed, FinancialNeedAmount, Goal, Indicator

from ..conftest import small_payload
from .helpers import find_row, xlsx

pytestmark = pytest.mark.django_db

NAME = {"kk": "Денсаулық сақтау жүйесін дамыту", "ru": "Развитие системы здравоохранения",
        "en": "Development of the health care system"}
HISTORY = {"kk": "2022-2024 жылдары 1 200 млн теңге игерілді, индикатор орындалды",
           "ru": "В 2022-2024 годах освоено 1 200 млн тенге, индикатор исполнен",
           "en": "1,200 million tenge spent in 2022-2024, the indicator was achieved"}
CALCULATION = {"kk": "Жыл сайын +0,4 жыл", "ru": "Ежегодно +0,4 года", "en": "+0.4 years every year"}
JUSTIFICATION = {"kk": "Басымдық 2: 50 емхана × 1,005 млн теңге", "ru": "Приоритет 2: 50 поликлиник × 1,005 млн тенге",
                 "en": "Priority 2: 50 polyclinics × 1.005 million tenge"}
GOAL_JUSTIFICATION = {"kk": "Мақсаттың басымдығы 1", "ru": "Приоритет цели 1", "en": "Priority of the goal 1"}


def _plan() -> Document:
    """The small state body plan: goal 1.1 with budget programmes "001, 002", its target indicator TI-1 without
    a code of its own but with the programme's name, a need for each, the indicator's with the whole note."""
    document = do_import_document(small_payload(code="sbdp-a4-note"), reason="t").document
    goal = Goal.objects.get(document=document, code="1.1")
    Goal.objects.filter(pk=goal.pk).update(budget_program_codes="001, 002")
    ti = Indicator.objects.get(document=document, code="TI-1")
    Indicator.objects.filter(pk=ti.pk).update(budget_program_code="", **{
        f"budget_program_name_{lang}": text for lang, text in NAME.items()})
    g = FinancialNeed.objects.create(document=document, goal=goal, priority=1, **{
        f"note_justification_{lang}": text for lang, text in GOAL_JUSTIFICATION.items()})
    i = FinancialNeed.objects.create(document=document, indicator=ti, priority=2, **{
        f"{field}_{lang}": texts[lang] for field, texts in [("note_history", HISTORY), ("note_calculation", CALCULATION),
                                                            ("note_justification", JUSTIFICATION)]
        for lang in ("kk", "ru", "en")})
    FinancialNeedAmount.objects.create(need=g, year=2025, amount=Decimal("100"))
    FinancialNeedAmount.objects.create(need=i, year=2025, amount=Decimal("50.25"))
    return document


@pytest.fixture(scope="module")
def pk(module_data) -> int:
    return module_data(_plan).pk


@pytest.fixture
def plan(pk, db) -> Document:
    return Document.objects.get(pk=pk)


def test_annex4_column_10_of_a_target_indicator_gives_its_goals_codes_and_its_programme_name_in_kazakh(
        plan, rendered):
    ws = xlsx(rendered(plan, "4", "xlsx"))["4-қосымша"]
    assert ws.cell(find_row(ws, "indicator:TI-1"), 10).value == "001, 002 Денсаулық сақтау жүйесін дамыту"
    assert ws.cell(find_row(ws, "goal:1.1"), 10).value == "001, 002"  # a goal row has its codes, no name


def test_annex4_column_10_prefers_the_indicators_own_code_and_follows_the_language_of_the_form(plan):
    Indicator.objects.filter(document=plan, code="TI-1").update(budget_program_code="067")
    ti = next(r for r in build_form(plan, "4", lang="ru").table("s1").rows if r.key == "indicator:TI-1")
    assert ti.cells[9].value == "067 Развитие системы здравоохранения"


def test_the_explanatory_note_of_clause_119_is_its_own_sheet_with_items_1_to_4_per_row_of_annex4(plan, rendered):
    ws = xlsx(rendered(plan, "4", "xlsx"))["4-қосымша (түсіндірме)"]
    row = find_row(ws, "indicator:TI-1")
    assert [ws.cell(row, c).value for c in range(1, 6)] == [
        "1.1", "Өмір сүру ұзақтығы", HISTORY["kk"], CALCULATION["kk"], JUSTIFICATION["kk"]]
    goal = find_row(ws, "goal:1.1")
    assert [ws.cell(goal, c).value for c in range(1, 6)] == ["1", "Мақсат", None, None, GOAL_JUSTIFICATION["kk"]]
    texts = [str(c.value) for r in ws.iter_rows() for c in r if c.value]
    assert "Түсіндірме жазба (119-тармақ)" in texts


def test_the_docx_of_annex4_in_russian_has_column_10_and_the_note_as_a_second_table(plan, rendered):
    d = docx.Document(io.BytesIO(rendered(plan, "4", "docx", lang="ru")))
    a4 = [[c.text for c in r.cells] for r in d.tables[0].rows]
    ti = next(r for r in a4 if r[2] == "Ожидаемая продолжительность жизни")
    assert ti[9] == "001, 002 Развитие системы здравоохранения"
    note = [[c.text for c in r.cells] for r in d.tables[1].rows]
    assert note[0][1] == "1) Наименование цели, целевого индикатора"
    assert ["1.1", "Ожидаемая продолжительность жизни", HISTORY["ru"], CALCULATION["ru"],
            JUSTIFICATION["ru"]] in note
    assert "Пояснительная записка (п. 119)" in [p.text for p in d.paragraphs]


def test_the_pdf_of_annex4_in_english_prints_the_programme_name_and_the_note(plan, rendered):
    pdf = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(
        rendered(plan, "4", "pdf", lang="en"))).pages).split())
    for expected in ("Development of the health care system", "Explanatory note (cl. 119)", HISTORY["en"],
                     CALCULATION["en"], JUSTIFICATION["en"]):
        assert " ".join(expected.split()) in pdf


def test_a_plan_without_need_rows_has_no_explanatory_note_part_but_still_names_the_programme(pk, db):
    bare = do_import_document(small_payload(code="sbdp-a4-bare"), reason="t").document
    Indicator.objects.filter(document=bare, code="TI-1").update(budget_program_code="068", budget_program_name_en="Health care")
    form = build_form(bare, "4", lang="en")
    assert [t.key for t in form.tables] == ["s1"]
    ti = next(r for r in form.table("s1").rows if r.key == "indicator:TI-1")
    assert ti.cells[9].value == "068 Health care"  # the measure-money fallback (no FinancialNeed rows)
    assert [t.key for t in build_form(Document.objects.get(pk=pk), "4").tables] == ["s1", "note"]


def test_a_public_annex4_leaves_the_note_of_a_restricted_indicator_out(plan):
    Indicator.objects.filter(document=plan, code="TI-1").update(confidentiality="official_use")
    note = build_form(plan, "4", public=True, lang="en").table("note")
    assert [r.key for r in note.rows] == ["goal:1.1"]
    assert HISTORY["en"] not in {c.value for r in note.rows for c in r.cells}


@pytest.mark.parametrize(("code", "name", "expected"), [("067", "Денсаулық", "067 Денсаулық"), (" 001, 002 ", "", "001, 002"),
                                                    ("", " Name ", "Name"), ("", "", "")])
def test_column_10_joins_the_code_and_the_name_with_one_space(code, name, expected):
    assert a4_programme(code, name) == expected


@given(code=st.text(" 0123456789,", max_size=8), name=st.text("аб xy", max_size=8))
def test_column_10_text_holds_the_code_then_the_name_and_nothing_when_both_are_blank(code, name):
    text = a4_programme(code, name)
    assert text.startswith(code.strip()) and text.endswith(name.strip())
    assert (text == "") == (not code.strip() and not name.strip())
