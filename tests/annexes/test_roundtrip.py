"""A co-executor downloads its part of the Annex 14 workbook, fills it and uploads it: every cell checked,
a diff shown, all or nothing written, the same file twice changes nothing (issue 4 §2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from jospar.annexes.builders.common import with_status
from jospar.annexes.models import MeasureExecution
from jospar.annexes.roundtrip import WorkbookRejected, _split_status, check_workbook, do_apply_workbook
from jospar.annexes.services import build_form, render
from jospar.core.models import Organization
from jospar.monitoring.achievement import ExecutionStatus
from jospar.planning.models import Document, Financing, IndicatorValue

from ..conftest import member
from .helpers import ABAI, NURA, find_row, load_rdp, save, xlsx

pytestmark = pytest.mark.django_db
SHEET, DISTRICTS = "14-қосымша", "14-қосымша (3)"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def rdp_pk(module_data) -> int:
    return module_data(load_rdp).pk


@pytest.fixture
def rdp(rdp_pk, db):
    """Imported once for the module (tests/annexes/conftest.py); each test's writes roll back."""
    return Document.objects.get(pk=rdp_pk)


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def workbook(rdp, code: str, lang: str = "kk"):
    return xlsx(render(build_form(rdp, "14", year=2025, lang=lang, organization=org(code)), "xlsx"))


def rejected(content: bytes, code: str) -> list[str]:
    with pytest.raises(WorkbookRejected) as info:
        do_apply_workbook(content, organization=org(code), reason="t")
    return [str(p) for p in info.value.problems]


def test_the_unchanged_workbook_of_the_compiling_body_changes_nothing(rdp):
    content = render(build_form(rdp, "14", year=2025, organization=org("akimat-karaganda")), "xlsx")
    before = IndicatorValue.history.count() + Financing.history.count()
    result = do_apply_workbook(content, organization=org("akimat-karaganda"), reason="t")
    assert result.changes == [] and not result.written
    assert IndicatorValue.history.count() + Financing.history.count() == before


def test_a_co_executor_sees_only_its_part_of_the_report(rdp):
    wb = workbook(rdp, "akimat-karaganda-nura")
    keys = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and "/" in c.value and ":" in c.value}
    assert "districts/indicator:TI-2.D" + NURA in keys
    assert "s1/measure:1.1" in keys  # Nura co-executes the measure: it reports its execution
    assert "districts/indicator:TI-2.D" + ABAI not in keys
    assert "s1/indicator:TI-1" not in keys
    assert not any(k.startswith("s1/financing") for k in keys)  # the money is administered by others


def test_filled_cells_are_diffed_written_with_history_and_a_second_upload_changes_nothing(rdp):
    user = member("nura-planner", "akimat-karaganda-nura")
    wb = workbook(rdp, "akimat-karaganda-nura")
    ws, wd = wb[SHEET], wb[DISTRICTS]
    m = find_row(ws, "measure:1.1")
    d = find_row(wd, f"indicator:TI-2.D{NURA}")
    ws.cell(m, 8).value = "7,5"  # decimal comma accepted
    ws.cell(m, 11).value = "Ішінара орындалды. Екі мектеп 2026 жылға ауысты"
    wd.cell(d, 6).value = 2.3
    wd.cell(d, 7).value = "Жер телімі кеш берілді"
    content = save(wb)
    preview = do_apply_workbook(content, organization=org("akimat-karaganda-nura"), dry_run=True)
    assert sorted((c.key, c.field) for c in preview.changes) == [
        ("rdp-test:1.1|2025", "fact_quantity"), ("rdp-test:1.1|2025", "status_comment"),
        (f"rdp-test:TI-2.D{NURA}|2025", "fact"), (f"rdp-test:TI-2.D{NURA}|2025", "reason")]
    assert not MeasureExecution.objects.exists()  # a dry run writes nothing
    result = do_apply_workbook(content, organization=org("akimat-karaganda-nura"), acting_user=user,
                               reason="2025 report")
    assert result.written
    ex = MeasureExecution.objects.get(measure__code="1.1", year=2025)
    assert (ex.status, ex.comment, ex.fact_quantity) == ("partially_executed", "Екі мектеп 2026 жылға ауысты",
                                                          Decimal("7.5"))
    v = IndicatorValue.objects.get(indicator__code=f"TI-2.D{NURA}", year=2025)
    assert (v.fact, v.reason) == (Decimal("2.3"), "Жер телімі кеш берілді")
    last = v.history.first()
    assert (last.history_user, last.history_change_reason) == (user, "2025 report")
    again = do_apply_workbook(content, organization=org("akimat-karaganda-nura"), reason="again")
    assert again.changes == [] and not again.written
    assert v.history.count() == 2  # created by the import, changed once


def test_an_edit_outside_the_fillable_cells_is_refused_naming_the_cell_and_nothing_is_written(rdp):
    wb = workbook(rdp, "akimat-karaganda", lang="en")
    ws = wb["Annex 14"]
    r = find_row(ws, "indicator:TI-2")
    ws.cell(r, 8).value = 17.9  # a fact: allowed
    ws.cell(r, 7).value = 20  # the plan: not allowed
    problems = rejected(save(wb), "akimat-karaganda")
    assert problems == [f"Sheet 'Annex 14', cell G{r}: this cell is not for you to fill "
                        "(plan values come from the approved plan, cl. 213)"]
    assert IndicatorValue.objects.get(indicator__code="TI-2", year=2025).fact == Decimal("17.6")


def test_the_workbook_protects_every_cell_but_the_fillable_ones(rdp):
    ws = workbook(rdp, "akimat-karaganda")[SHEET]
    r = find_row(ws, "indicator:TI-2")
    assert ws.protection.sheet
    assert not ws.cell(r, 8).protection.locked and not ws.cell(r, 11).protection.locked
    assert ws.cell(r, 7).protection.locked and ws.cell(r, 2).protection.locked
    assert ws.column_dimensions[ws.cell(r, 12).column_letter].hidden  # the hidden key column


@pytest.mark.parametrize(("value", "words"), [
    ("abc", "'abc' is not a number (Annex 14 expl. 4(10))"),
    ("1.23456", "has more than 4 decimals"),
    ("=F20*2", "formulas are not accepted"),
])
def test_a_bad_fact_is_refused_with_the_cell_and_the_rule(rdp, value, words):
    wb = workbook(rdp, "akimat-karaganda")
    ws = wb[SHEET]
    r = find_row(ws, "indicator:TI-2")
    ws.cell(r, 8).value = value
    problems = rejected(save(wb), "akimat-karaganda")
    assert len(problems) == 1 and problems[0].startswith(f"Sheet '{SHEET}', cell H{r}: ") and words in problems[0]


def test_a_fact_that_misses_the_plan_needs_a_reason(rdp):
    wb = workbook(rdp, "akimat-karaganda")
    ws = wb[SHEET]
    r = find_row(ws, "indicator:TI-2")
    ws.cell(r, 8).value = 15
    ws.cell(r, 11).value = None
    (problem,) = rejected(save(wb), "akimat-karaganda")
    assert f"cell K{r}" in problem and "misses the plan 18.0000" in problem and "cl. 225(2)" in problem


def test_absorbed_money_beyond_the_corrected_budget_or_short_of_it_without_reason_is_refused(rdp):
    wb = workbook(rdp, "akimat-karaganda")
    ws = wb[SHEET]
    r = find_row(ws, "financing:1.1|budget|261-114-000")
    ws.cell(r, 8).value = 8100  # corrected plan 8000
    assert "more than the plan 8000.000" in rejected(save(wb), "akimat-karaganda")[0]
    ws.cell(r, 8).value = 7000
    ws.cell(r, 11).value = ""
    assert "give the reason for non-absorption" in rejected(save(wb), "akimat-karaganda")[0]
    ws.cell(r, 8).value = -1
    assert "is negative" in rejected(save(wb), "akimat-karaganda")[0]


def test_a_measure_status_must_be_one_of_the_three_words_and_need_a_reason_unless_executed(rdp):
    wb = workbook(rdp, "akimat-karaganda")
    ws = wb[SHEET]
    r = find_row(ws, "measure:1.1")
    ws.cell(r, 11).value = "жақсы"
    assert "start with the execution status" in rejected(save(wb), "akimat-karaganda")[0]
    ws.cell(r, 11).value = "Орындалған жоқ"
    assert "needs brief information on the reasons" in rejected(save(wb), "akimat-karaganda")[0]
    ws.cell(r, 11).value = "Executed"  # any of the three languages
    result = do_apply_workbook(save(wb), organization=org("akimat-karaganda"))
    assert MeasureExecution.objects.get(measure__code="1.1").status == "executed" and result.written


def test_rows_cannot_be_added_or_deleted(rdp):
    wb = workbook(rdp, "akimat-karaganda")
    ws = wb[SHEET]
    r = find_row(ws, "measure:1.1")
    ws.cell(r, 12).value = None  # the hidden key of the row is gone: the row counts as deleted
    problems = rejected(save(wb), "akimat-karaganda")
    assert any("the row s1/measure:1.1 is missing" in p for p in problems)
    assert any(f"cell A{r}: a row was added" in p for p in problems)


def test_the_workbook_of_another_organization_or_another_file_is_refused(rdp):
    content = render(build_form(rdp, "14", year=2025, organization=org("akimat-karaganda-nura")), "xlsx")
    assert "is the part of akimat-karaganda-nura, not of edu" in rejected(content, "edu")[0]
    assert "not an .xlsx workbook" in rejected(b"hello", "edu")[0]
    plain = render(build_form(rdp, "9"), "xlsx")
    assert "Annex 9 is not filled in by co-executors" in rejected(plain, "edu")[0]


def test_check_workbook_reads_the_keys_even_when_rows_are_moved(rdp):
    wb = workbook(rdp, "akimat-karaganda")
    ws = wb[SHEET]
    a, b = find_row(ws, "indicator:TI-1"), find_row(ws, "indicator:TI-2")
    for col in range(1, 13):  # swap the two rows, values and keys together
        ws.cell(a, col).value, ws.cell(b, col).value = ws.cell(b, col).value, ws.cell(a, col).value
    ws.cell(a, 8).value = 17.7  # TI-2 now lives in row a
    _form, changes = check_workbook(save(wb), organization=org("akimat-karaganda"))
    assert [(c.key, c.new) for c in changes] == [("rdp-test:TI-2|2025", Decimal("17.7000"))]


def test_the_commands_produce_and_import_a_workbook(rdp, tmp_path, capsys):
    path = tmp_path / "nura.xlsx"
    call_command("form", "14", document="rdp-test", year=2025, organization="akimat-karaganda-nura",
                 output=str(path))
    wb = xlsx(path.read_bytes())
    wd = wb[DISTRICTS]
    wd.cell(find_row(wd, f"indicator:TI-2.D{NURA}"), 6).value = 2.5
    path.write_bytes(save(wb))
    call_command("form-import", str(path), organization="akimat-karaganda-nura", dry_run=True)
    assert "1 value(s) would change" in capsys.readouterr().out
    call_command("form-import", str(path), organization="akimat-karaganda-nura")
    assert IndicatorValue.objects.get(indicator__code=f"TI-2.D{NURA}", year=2025).fact == Decimal("2.5")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("form-import", str(path), organization="edu")


@given(st.sampled_from(list(ExecutionStatus)), st.text(alphabet="абвгқңөүһі xyz.,0123456789", max_size=30),
       st.sampled_from(["kk", "ru", "en"]))
def test_a_status_written_into_a_cell_reads_back_as_the_same_status_and_comment(status, comment, lang):
    comment = comment.strip(" .:;,")
    cell = with_status(status.value, comment, lang)
    assert _split_status(cell) == (status.value, comment)
