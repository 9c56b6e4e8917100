"""Form -> .pdf (WeasyPrint): landscape A4, header rows repeated on each page (thead), vendored DejaVu fonts.

The fonts are referenced with @font-face from ``jospar/annexes/static/annexes/fonts`` so the PDF never
depends on the fonts installed on the machine (DejaVu covers the Kazakh letters ә ғ қ ң ө ұ ү һ і).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..table import Form, Paragraph, Table
from .docx import cell_text
from .xlsx import cell_columns

FONTS = Path(__file__).resolve().parent.parent / "static" / "annexes" / "fonts"

CSS = """
@font-face { font-family: "Jospar Sans"; src: url("%(regular)s"); font-weight: normal; }
@font-face { font-family: "Jospar Sans"; src: url("%(bold)s"); font-weight: bold; }
@page { size: A4 landscape; margin: 12mm 10mm 14mm 10mm;
        @bottom-right { content: counter(page) " / " counter(pages); font: 7pt "Jospar Sans"; } }
body { font-family: "Jospar Sans"; font-size: 7.5pt; line-height: 1.25; }
.caption { margin-left: 62%%; font-size: 6.5pt; }
.form-label { margin-left: 62%%; font-weight: bold; margin-top: 2mm; }
h1 { text-align: center; font-size: 10.5pt; margin: 3mm 0 1mm 0; }
.field { margin: 0.5mm 0; }
h2 { font-size: 8.5pt; margin: 4mm 0 1.5mm 0; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; }
th, td { border: 0.5pt solid #555; padding: 1mm 1.2mm; vertical-align: top; overflow-wrap: break-word; }
th { background: #DDEBF7; font-weight: bold; text-align: center; vertical-align: middle; }
tr.numbers th { background: #fff; font-weight: normal; font-style: italic; font-size: 6.5pt; padding: 0.4mm; }
tr.group td, tr.subgroup td, tr.label td { background: #F2F2F2; font-weight: bold; }
tr.total td { font-weight: bold; }
td.num { text-align: right; white-space: nowrap; }
td.star { text-align: center; }
tr { page-break-inside: avoid; }
.note { font-style: italic; font-size: 6.8pt; color: #333; margin: 1mm 0; }
.signature { margin-top: 6mm; }
p.text { white-space: pre-wrap; }
"""


def form_html(form: Form) -> str:
    parts = [f'<!doctype html><html lang="{form.lang}"><head><meta charset="utf-8"><style>',
             CSS % {"regular": (FONTS / "DejaVuSans.ttf").as_uri(), "bold": (FONTS / "DejaVuSans-Bold.ttf").as_uri()},
             "</style></head><body>",
             f'<div class="caption">{escape(form.caption)}</div>']
    if form.form_label:
        parts.append(f'<div class="form-label">{escape(form.form_label)}</div>')
    parts += [f"<h1>{escape(line)}</h1>" for line in form.title_lines]
    parts += [f'<div class="field">{escape(label)}: {escape(value or "______")}</div>' for label, value in form.fields]
    for block in form.blocks:
        if isinstance(block, Table):
            parts.append(_table(block, form.lang))
        elif isinstance(block, Paragraph):
            parts.append(f"<h2>{escape(block.heading)}</h2><p class='text'>{escape(block.text or '______')}</p>")
    parts += [f'<div class="note">{escape(n)}</div>' for n in form.notes]
    if form.signature:
        parts.append(f'<div class="signature">{escape(form.signature)}</div>')
    parts.append("</body></html>")
    return "".join(parts)


def _table(t: Table, lang: str) -> str:
    total = sum(c.width for c in t.columns)
    cols = "".join(f'<col style="width:{100 * c.width / total:.2f}%">' for c in t.columns)
    head = []
    for r in range(t.header_rows):
        cells = "".join(
            f'<th rowspan="{h.rowspan}" colspan="{h.colspan}">{escape(h.text)}</th>'
            for h in sorted(t.header, key=lambda h: h.col) if h.row == r)
        head.append(f"<tr>{cells}</tr>")
    if t.numbers:
        head.append('<tr class="numbers">' + "".join(f"<th>{escape(n)}</th>" for n in t.numbers) + "</tr>")
    body = []
    for row in t.rows:
        cells = []
        for cell, _col in zip(row.cells, cell_columns(row), strict=True):
            numeric = cell.fmt != "text" and cell.value is not None and not isinstance(cell.value, str)
            cls = "num" if numeric else ("star" if cell.star else "")
            span = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            bold = "<b>" if cell.bold else ""
            cells.append(f'<td class="{cls}"{span}>{bold}{escape(cell_text(cell, lang))}{"</b>" if bold else ""}</td>')
        body.append(f'<tr class="{row.kind}">{"".join(cells)}</tr>')
    notes = "".join(f'<div class="note">{escape(n)}</div>' for n in t.notes)
    return (f"<h2>{escape(t.heading)}</h2><table><colgroup>{cols}</colgroup><thead>{''.join(head)}</thead>"
            f"<tbody>{''.join(body)}</tbody></table>{notes}")


def render_pdf(form: Form) -> bytes:
    from weasyprint import HTML

    return HTML(string=form_html(form)).write_pdf()
