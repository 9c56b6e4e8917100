"""Annex 3 section 4 shows the plan's Resources (cl. 117, Annex 3 expl. 6) and Annex 4 its FinancialNeed rows
(cl. 119-120, Annex 4 expl. 1-9); a plan without them keeps the measure money, with a note saying so."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from django.utils import translation

from jospar.annexes.services import build_form, render
from jospar.interchange.services import do_import_document
from jospar.planning.models import Document, FinancialNeed, FinancialNeedAmount, Goal, Indicator, Resources

from ..conftest import small_payload
from .helpers import find_row, xlsx

pytestmark = pytest.mark.django_db
D = Decimal


def _plans() -> tuple[Document, Document]:
    """Two copies of the small state body plan (2025-2029): one with Resources and FinancialNeed rows, one
    without any."""
    full = do_import_document(small_payload(code="sbdp-full"), reason="t").document
    bare = do_import_document(small_payload(code="sbdp-bare"), reason="t").document
    for year, total, national, staff in [(2023, "12000.5", "2000", 150), (2024, "13000", "2500", 155),
                                         (2025, "14000.25", "3000", 160), (2027, "15500", None, 170)]:
        Resources.objects.create(document=full, year=year, budget_expenditure=D(total),
                                 national_project_expenditure=D(national) if national else None, staff=staff)
    goal = Goal.objects.get(document=full, code="1.1")
    ti = Indicator.objects.get(document=full, code="TI-1")
    Indicator.objects.filter(pk=ti.pk).update(budget_program_code="067")
    g = FinancialNeed.objects.create(
        document=full, goal=goal, priority=1, grounds_kk="Мемлекет басшысының тапсырмасы",
        grounds_ru="Поручение Главы государства", grounds_en="Instruction of the Head of State",
        expected_effect_kk="Өмір ұзарады", expected_effect_ru="Рост продолжительности жизни",
        expected_effect_en="Longer lives", gdp_contribution_kk="0,1 п.т.", gdp_contribution_ru="0,1 п.п.",
        gdp_contribution_en="0.1 pp")
    i = FinancialNeed.objects.create(document=full, indicator=ti, priority=2, grounds_kk="Жолдау",
                                     grounds_ru="Послание", grounds_en="Address")
    for need, year, amount in [(g, 2025, "100"), (g, 2026, "200.5"), (i, 2025, "50.25"), (i, 2027, "70"),
                               (i, 2029, "10")]:
        FinancialNeedAmount.objects.create(need=need, year=year, amount=D(amount))
    return full, bare


@pytest.fixture(scope="module")
def pks(module_data) -> tuple[int, int]:
    full, bare = module_data(_plans)
    return full.pk, bare.pk


@pytest.fixture
def full(pks, db):
    return Document.objects.get(pk=pks[0])


@pytest.fixture
def bare(pks, db):
    return Document.objects.get(pk=pks[1])


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _row(ws, key: str, first: int, last: int) -> list:
    r = find_row(ws, key)
    return [ws.cell(r, c).value for c in range(first, last + 1)]


def test_annex3_resources_fill_the_reporting_current_and_five_plan_years_from_the_stored_rows(full, rendered):
    ws = xlsx(rendered(full, "3", "xlsx"))["3-қосымша (4)"]
    # columns 3-9: reporting year 2023, current year 2024, then 2025..2029 (Annex 3 expl. 6(2)-(3))
    assert _row(ws, "resource:financial", 1, 9) == ["Қаржылық, барлығы", "млн теңге", 12000.5, 13000, 14000.25,
                                                    None, 15500, None, None]
    assert _row(ws, "resource:national_project", 3, 9) == [2000, 2500, 3000, None, None, None, None]
    assert _row(ws, "resource:human", 1, 9) == ["Адами", "адам", 150, 155, 160, None, 170, None, None]
    assert ws.cell(find_row(ws, "resource:human"), 3).number_format == "#,##0"
    notes = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "117-т." not in notes  # no fallback note when the plan keeps its resources


def test_annex3_without_resources_keeps_the_measure_money_and_says_so_in_a_note(bare, rendered):
    ws = xlsx(rendered(bare, "3", "xlsx", lang="ru"))["Прил. 3 (4)"]
    # the only money: measure M-1, 1500.5 in 2025 (the first plan year, column 5)
    assert _row(ws, "resource:financial", 3, 9) == [None, None, 1500.5, None, None, None, None]
    assert _row(ws, "resource:human", 3, 9) == [None] * 7
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert any(t.startswith("В плане нет данных раздела «Ресурсы» (п. 117)") for t in texts)


def test_annex4_shows_the_goal_and_target_indicator_needs_by_year_with_their_total_and_priority(full, rendered):
    ws = xlsx(rendered(full, "4", "xlsx"))["4-қосымша"]
    goal = _row(ws, "goal:1.1", 1, 14)
    # goal: 100 (2025) + 200.5 (2026) = 300.5
    assert goal == ["1", "Мақсат", None, 300.5, 100, 200.5, None, None, None, None,
                    "Мемлекет басшысының тапсырмасы", "Өмір ұзарады", "0,1 п.т.", 1]
    ti = _row(ws, "indicator:TI-1", 1, 14)
    # target indicator: 50.25 (2025) + 70 (2027) + 10 (2029) = 130.25; budget programme of the indicator
    assert ti == ["1.1", None, "Өмір сүру ұзақтығы", 130.25, 50.25, None, 70, None, 10, "067", "Жолдау", None,
                  None, 2]
    texts = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "119-120" not in texts  # the fallback note is absent
    assert "RI-1" not in texts  # result indicators are not rows of Annex 4 (expl. 3)


def test_annex4_text_columns_follow_the_language_of_the_form(full, rendered):
    d = docx.Document(io.BytesIO(rendered(full, "4", "docx", lang="ru")))
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
    goal = next(r for r in rows if r[1] == "Цель")
    assert goal[10:14] == ["Поручение Главы государства", "Рост продолжительности жизни", "0,1 п.п.", "1"]
    assert goal[3] == "300,5"
    en = build_form(full, "4", lang="en").table("s1")
    ti = next(r for r in en.rows if r.key == "indicator:TI-1")
    assert [c.value for c in ti.cells[10:14]] == ["Address", None, None, 2]


def test_annex4_without_need_rows_keeps_the_measure_money_and_says_so_in_a_note(bare, rendered):
    ws = xlsx(rendered(bare, "4", "xlsx", lang="en"))["Annex 4"]
    # measure M-1 serves TI-1: 1500.5 in 2025
    assert _row(ws, "indicator:TI-1", 4, 14) == [1500.5, 1500.5, None, None, None, None, None, None, None, None,
                                                None]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert any(t.startswith("The plan has no rows of financial need (cl. 119-120)") for t in texts)


def test_a_public_annex4_leaves_out_the_need_of_a_restricted_indicator(full):
    Indicator.objects.filter(document=full, code="TI-1").update(confidentiality="official_use")
    form = build_form(full, "4", public=True)
    keys = [r.key for r in form.table("s1").rows]
    assert keys == ["goal:1.1"]
    text = " ".join(str(c.value) for r in form.table("s1").rows for c in r.cells if c.value is not None)
    assert "Жолдау" not in text and "130.25" not in text
    assert render(form, "pdf")[:4] == b"%PDF"
