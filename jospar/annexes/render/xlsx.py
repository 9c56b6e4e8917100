"""Form -> .xlsx (openpyxl): merged headers, number formats, frozen panes, print set-up, protection.

Each table goes on its sheet (tables sharing a sheet name are stacked). A hidden column after the last
column of a table holds the row keys ("TABLE/ROW_KEY"), and a hidden sheet ``_jospar`` holds what the
workbook is (annex, document, year, organization, language): the import reads both to find its rows
whatever the user did to the order of rows. Cells a co-executor may fill are unlocked and shaded; every
other cell is locked and the sheets are protected.
"""

from __future__ import annotations

import io
from copy import copy
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..table import Form, Paragraph, Table
from ..text import T, excel_format

TEXT_SHEET = T("Мәтін", "Текст", "Text")

META_SHEET = "_jospar"
FORMAT_VERSION = "jospar.annex-workbook/1"
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
EDIT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def row_keys(table: Table) -> list[str]:
    """Unique hidden keys of the rows of a table: "TABLE/KEY", "#2" appended to repeats."""
    seen: dict[str, int] = {}
    out = []
    for row in table.rows:
        base = f"{table.key}/{row.key or 'row'}"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return out


def cell_columns(row) -> list[int]:
    """The 0-based column where each cell of a row starts (a cell may span several columns)."""
    cols, col = [], 0
    for cell in row.cells:
        cols.append(col)
        col += cell.colspan
    return cols


def _value(cell):
    if cell.value is None:
        return None
    if cell.fmt == "text" or isinstance(cell.value, str):
        return str(cell.value)
    return cell.value if isinstance(cell.value, (int, Decimal)) else cell.value


class _Sheet:
    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.row = 1
        self.width = 1
        self.frozen = False
        self.styles: dict[tuple, StyleArray] = {}


def render_xlsx(form: Form) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    sheets: dict[str, _Sheet] = {}
    current: _Sheet | None = None

    def sheet(name: str) -> _Sheet:
        nonlocal current
        if name not in sheets:
            sheets[name] = _Sheet(wb.create_sheet(name[:31]))
            if len(sheets) == 1:
                _title_block(sheets[name], form)
        current = sheets[name]
        return current

    for block in form.blocks:
        if isinstance(block, Table):
            _table(sheet(block.sheet), block)
    last = current or sheet(TEXT_SHEET(form.lang))
    paragraphs = [b for b in form.blocks if isinstance(b, Paragraph)]
    if paragraphs:
        text_sheet = sheet(TEXT_SHEET(form.lang))
        text_sheet.ws.column_dimensions["A"].width = 140
        text_sheet.width = 1
        for block in paragraphs:
            _paragraph(text_sheet, block)
    for note in form.notes:
        _text_line(last, note, italic=True)
    if form.signature:
        last.row += 1
        _text_line(last, form.signature)
    meta = wb.create_sheet(META_SHEET)
    meta.append(["format", FORMAT_VERSION])
    for k, v in sorted(form.meta.items()):
        meta.append([k, v])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    for s in sheets.values():
        s.ws.protection.sheet = True
        s.ws.protection.formatColumns = False
        s.ws.protection.formatRows = False
        s.ws.page_setup.orientation = "landscape"
        s.ws.page_setup.paperSize = s.ws.PAPERSIZE_A4
        s.ws.page_setup.fitToWidth = 1
        s.ws.page_setup.fitToHeight = 0
        s.ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _merge(ws: Worksheet, r1: int, c1: int, r2: int, c2: int) -> None:
    if r2 > r1 or c2 > c1:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def _text_line(s: _Sheet, text: str, *, bold=False, italic=False, align="left", size=10, width=None) -> None:
    ws = s.ws
    w = width or max(s.width, 6)
    c = ws.cell(s.row, 1, text)
    c.font = Font(bold=bold, italic=italic, size=size)
    c.alignment = Alignment(wrap_text=True, horizontal=align, vertical="top")
    _merge(ws, s.row, 1, s.row, w)
    lines = max(1, len(text) // max(40, w * 12) + 1)
    ws.row_dimensions[s.row].height = min(400, 14 * lines)
    s.row += 1


def _title_block(s: _Sheet, form: Form) -> None:
    first = next(iter(form.tables), None)
    s.width = first.width if first else 6
    ws = s.ws
    start = max(1, s.width - 3)
    c = ws.cell(s.row, start, form.caption)
    c.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
    c.font = Font(size=8)
    _merge(ws, s.row, start, s.row, s.width)
    ws.row_dimensions[s.row].height = 80
    s.row += 1
    if form.form_label:
        c = ws.cell(s.row, start, form.form_label)
        c.font = Font(bold=True)
        s.row += 1
    s.row += 1
    for line in form.title_lines:
        _text_line(s, line, bold=True, align="center", size=12)
    for label, value in form.fields:
        _text_line(s, f"{label}: {value or '______'}")
    s.row += 1


def _paragraph(s: _Sheet, p: Paragraph) -> None:
    s.row += 1
    _text_line(s, p.heading, bold=True)
    for line in (p.text or "").split("\n") if p.text else ["______________________________"]:
        _text_line(s, line)


def _table(s: _Sheet, t: Table) -> None:
    ws = s.ws
    s.width = max(s.width, t.width)
    if s.row > 1:
        s.row += 1
    _text_line(s, t.heading, bold=True, width=t.width)
    top = s.row
    for i, col in enumerate(t.columns, start=1):
        letter = get_column_letter(i)
        current = ws.column_dimensions[letter].width or 0
        ws.column_dimensions[letter].width = max(current, col.width)
    for h in t.header:
        c = ws.cell(top + h.row, h.col + 1, h.text)
        c.font = Font(bold=True, size=9)
        c.alignment = CENTER
        c.fill = HEAD_FILL
        _merge(ws, top + h.row, h.col + 1, top + h.row + h.rowspan - 1, h.col + h.colspan)
    for r in range(t.header_rows):
        for col in range(1, t.width + 1):
            ws.cell(top + r, col).border = BOX
        ws.row_dimensions[top + r].height = 45
    s.row = top + t.header_rows
    if t.numbers:
        for i, n in enumerate(t.numbers, start=1):
            c = ws.cell(s.row, i, n)
            c.alignment = CENTER
            c.font = Font(size=8, italic=True)
            c.border = BOX
        s.row += 1
    header_end = s.row - 1
    if not s.frozen:
        ws.freeze_panes = ws.cell(s.row, 3 if t.width > 4 else 1)
        ws.print_title_rows = f"{top}:{header_end}"
        s.frozen = True
    key_col = t.width + 1
    ws.column_dimensions[get_column_letter(key_col)].hidden = True
    styles: dict[tuple, StyleArray] = s.styles
    for key, row in zip(row_keys(t), t.rows, strict=True):
        ws.cell(s.row, key_col, key)
        longest = 1
        group = row.kind in ("group", "subgroup", "label")
        bold_row = row.kind in ("group", "subgroup", "total")
        for cell, col in zip(row.cells, cell_columns(row), strict=True):
            c = ws.cell(s.row, col + 1, _value(cell))
            numeric = cell.fmt != "text" and cell.value is not None and not isinstance(cell.value, str)
            if numeric:
                style_key = ("n", excel_format(cell.value, cell.fmt, cell.places), cell.bold or bold_row,
                             cell.editable, group)
            else:
                style_key = ("t", cell.star, cell.bold or bold_row, cell.editable, group)
                if isinstance(cell.value, str):
                    span_width = sum(t.columns[j].width for j in range(col, min(t.width, col + cell.colspan)))
                    longest = max(longest, len(cell.value) // max(8, int(span_width)) + 1)
            # one style per combination: building Font/Alignment objects and hashing them per cell was most of
            # the time of a large workbook (docs/BENCHMARKS.md, "Annexes")
            cached = styles.get(style_key)
            if cached is not None:
                c._style = copy(cached)
            else:
                if numeric:
                    c.number_format = style_key[1]
                    c.alignment = Alignment(vertical="top", horizontal="right")
                else:
                    c.alignment = Alignment(wrap_text=True, vertical="top",
                                            horizontal="center" if cell.star else "left")
                c.font = Font(bold=style_key[2], size=9)
                if cell.editable:
                    c.protection = Protection(locked=False)
                    c.fill = EDIT_FILL
                elif group:
                    c.fill = GROUP_FILL
                c.border = BOX
                styles[style_key] = copy(c._style)
            _merge(ws, s.row, col + 1, s.row, col + cell.colspan)
            for j in range(col + 2, col + cell.colspan + 1):
                ws.cell(s.row, j).border = BOX
        ws.row_dimensions[s.row].height = min(300, 13 * longest)
        s.row += 1
    for note in t.notes:
        _text_line(s, note, italic=True, width=t.width)
