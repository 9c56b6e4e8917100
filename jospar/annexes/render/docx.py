"""Form -> .docx (python-docx): landscape A4, merged header cells, header rows repeated on every page."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..table import Form, Paragraph, Table
from ..text import format_number
from .xlsx import cell_columns

FONT = "DejaVu Sans"


def cell_text(cell, lang: str) -> str:
    if cell.value is None:
        return ""
    if cell.fmt == "text" or isinstance(cell.value, str):
        return str(cell.value)
    return format_number(cell.value, cell.fmt, lang, cell.places)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _shade(cell, color: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), color)
    tc_pr.append(shd)


def _write(cell, text: str, *, bold=False, size=7.5, align=None) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    run.font.name = FONT
    if align is not None:
        p.alignment = align


def render_docx(form: Form) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    section.top_margin = section.bottom_margin = Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(9)
    cap = doc.add_paragraph()
    cap.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = cap.add_run(form.caption)
    r.font.size = Pt(7)
    if form.form_label:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run(form.form_label).bold = True
    for line in form.title_lines:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = True
        run.font.size = Pt(11)
    for label, value in form.fields:
        doc.add_paragraph(f"{label}: {value or '______'}")
    for block in form.blocks:
        if isinstance(block, Table):
            _table(doc, block, form.lang)
        elif isinstance(block, Paragraph):
            p = doc.add_paragraph()
            p.add_run(block.heading).bold = True
            doc.add_paragraph(block.text or "______________________________")
    for note in form.notes:
        p = doc.add_paragraph()
        run = p.add_run(note)
        run.italic = True
        run.font.size = Pt(8)
    if form.signature:
        doc.add_paragraph()
        doc.add_paragraph(form.signature)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc, t: Table, lang: str) -> None:
    p = doc.add_paragraph()
    p.add_run(t.heading).bold = True
    nrows = t.header_rows + (1 if t.numbers else 0) + len(t.rows)
    table = doc.add_table(rows=nrows, cols=t.width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(c.width for c in t.columns)
    usable = 26.7
    # python-docx's ``table.cell(r, c)`` and ``column.cells`` walk the whole table on every call (quadratic in
    # the rows): read each row's cells once, before any merge of that row (a merge keeps the later cells' <w:tc>)
    rows = list(table.rows)
    widths = [Cm(usable * col.width / total) for col in t.columns]
    grid = [row.cells for row in rows]
    for cells in grid:
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
    for h in t.header:
        cell = grid[h.row][h.col]
        if h.rowspan > 1 or h.colspan > 1:
            cell = cell.merge(grid[h.row + h.rowspan - 1][h.col + h.colspan - 1])
        _write(cell, h.text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, "DDEBF7")
    for r in range(t.header_rows):
        _repeat_header(rows[r])
    offset = t.header_rows
    if t.numbers:
        for i, n in enumerate(t.numbers):
            _write(grid[offset][i], n, size=7, align=WD_ALIGN_PARAGRAPH.CENTER)
        _repeat_header(rows[offset])
        offset += 1
    for r, row in enumerate(t.rows, start=offset):
        cells = grid[r]
        for cell, col in zip(row.cells, cell_columns(row), strict=True):
            target = cells[col]
            if cell.colspan > 1:
                target = target.merge(cells[col + cell.colspan - 1])
            numeric = cell.fmt != "text" and cell.value is not None and not isinstance(cell.value, str)
            _write(target, cell_text(cell, lang), bold=cell.bold or row.kind in ("group", "subgroup", "total"),
                   align=WD_ALIGN_PARAGRAPH.RIGHT if numeric else (WD_ALIGN_PARAGRAPH.CENTER if cell.star else None))
            if row.kind in ("group", "subgroup", "label"):
                _shade(target, "F2F2F2")
    for note in t.notes:
        p = doc.add_paragraph()
        run = p.add_run(note)
        run.italic = True
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
