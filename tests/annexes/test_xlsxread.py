"""The fast workbook reader gives the values openpyxl gives (issue 7 (d)), and the import keeps its rules with it."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from jospar.annexes.roundtrip import WorkbookRejected, _FastBook, _open
from jospar.annexes.xlsxread import UnreadableWorkbook, read_values

cells = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
)


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _openpyxl_values(content: bytes) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def _same(ours: list[tuple], theirs: list[tuple]) -> None:
    """Row by row, cell by cell (openpyxl may pad rows differently: missing cells are None in both)."""
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        width = max(len(a), len(b))
        assert a + (None,) * (width - len(a)) == b + (None,) * (width - len(b))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=8))
def test_the_fast_reader_reads_every_value_as_openpyxl_does(grid):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Лист 1"
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str) and value.startswith("="):
                value = "'" + value  # text, not a formula
            ws.cell(r, c).value = value
    wb.create_sheet("_jospar").append(["format", "1"])
    content = _save(wb)
    ours, theirs = read_values(content), _openpyxl_values(content)
    assert list(ours) == list(theirs) == ["Лист 1", "_jospar"]
    for name in ours:
        _same(ours[name], theirs[name])


def test_formulas_dates_rich_text_and_gaps_read_as_openpyxl_reads_them():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "=SUM(B1:B2)"
    ws["B1"] = datetime.datetime(2025, 3, 1)  # a date typed into a number cell stays a date (then refused)
    ws["C1"] = CellRichText([TextBlock(InlineFont(b=True), "Жоба"), " 1"])
    ws["E3"] = 12.5  # a gap of a row and of columns
    ws["F4"] = "мәтін & <таңба>"
    content = _save(wb)
    ours, theirs = read_values(content)["Sheet"], _openpyxl_values(content)["Sheet"]
    _same(ours, theirs)
    assert ours[0][:3] == ("=SUM(B1:B2)", datetime.datetime(2025, 3, 1), "Жоба 1")
    assert ours[1] == (None,) * 6 and ours[2][4] == 12.5 and ours[3][5] == "мәтін & <таңба>"


def test_a_file_that_is_no_workbook_is_refused_with_a_clear_message():
    with pytest.raises(UnreadableWorkbook):
        read_values(b"not a zip")
    with translation.override("en"), pytest.raises(WorkbookRejected, match="not an .xlsx workbook"):
        _open(b"not a zip")


def test_the_import_reads_with_the_fast_reader():
    wb = openpyxl.Workbook()
    wb.active.append(["a", 1])
    assert isinstance(_open(_save(wb)), _FastBook)
