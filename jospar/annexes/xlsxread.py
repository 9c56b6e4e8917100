"""A fast reader of the cell values of an .xlsx workbook (issue 7 (d): a 10,000-row import in at most 3 s).

openpyxl builds an object per cell (and per rich-text run) even in read-only mode: reading was most of the
time of a workbook import. This reader streams each sheet's XML with lxml and keeps only the values, as
``openpyxl.load_workbook(read_only=True, data_only=False)`` + ``iter_rows(values_only=True)`` gives them:

* shared strings and inline strings as text (rich-text runs joined, phonetic runs left out);
* numbers as ``int`` when written without a decimal point or exponent, else ``float``;
* numbers in a date/time number format as ``datetime`` (openpyxl's rules), so a date typed into a number cell
  is still refused by the import;
* booleans as ``bool``, error values as their text ("#N/A"), formulas as "=<formula>".

``read_values(content)`` returns ``{sheet name: [row tuples]}`` in workbook order (the row at index ``r - 1`` is
the workbook's row ``r``; every row padded with ``None`` to the width of the widest). Anything the reader does not understand raises
``UnreadableWorkbook``; the caller then falls back to openpyxl.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import from_excel

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_LETTERS = re.compile(r"[A-Z]{1,3}")
_DIGITS = "0123456789"
C, F, V, IS, T_, R = (f"{NS}{t}" for t in ("c", "f", "v", "is", "t", "r"))


class UnreadableWorkbook(ValueError):
    pass


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _text(si) -> str:
    """The text of a shared-string item or an inline string: plain <t>, or the <t> of each rich run."""
    first = si[0] if len(si) else None
    if first is not None and first.tag == T_:
        return first.text or ""
    return "".join(r.findtext(T_) or "" for r in si.iterfind(R))


def _shared_strings(z: zipfile.ZipFile, path: str | None) -> list[str]:
    if not path or path not in z.namelist():
        return []
    root = etree.fromstring(z.read(path), parser=etree.XMLParser(huge_tree=True, resolve_entities=False))
    return [_text(si) for si in root.iterfind(f"{NS}si")]


def _date_styles(z: zipfile.ZipFile, path: str | None) -> set[int]:
    """The indexes of the cell formats (cellXfs) whose number format is a date or time."""
    if not path or path not in z.namelist():
        return set()
    root = etree.fromstring(z.read(path))
    custom = {int(f.get("numFmtId")): f.get("formatCode") or "" for f in root.iter(f"{NS}numFmt")}
    xfs = root.find(f"{NS}cellXfs")
    dates: set[int] = set()
    for i, xf in enumerate(xfs if xfs is not None else ()):
        fmt_id = int(xf.get("numFmtId") or 0)
        code = custom.get(fmt_id, BUILTIN_FORMATS.get(fmt_id, "General"))
        if is_date_format(code):
            dates.add(i)
    return dates


def _parts(z: zipfile.ZipFile) -> tuple[list[tuple[str, str]], str | None, str | None]:
    """(sheet name, part path) in workbook order, the shared strings path and the styles path."""
    wb = etree.fromstring(z.read("xl/workbook.xml"))
    rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets: dict[str, str] = {}
    shared = styles = None
    for rel in rels.iter(f"{PKG_REL}Relationship"):
        target = rel.get("Target") or ""
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id") or ""] = path
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        if kind == "sharedStrings":
            shared = path
        elif kind == "styles":
            styles = path
    sheets = [(s.get("name") or "", targets[s.get(f"{REL_NS}id") or ""]) for s in wb.iter(f"{NS}sheet")]
    return sheets, shared, styles


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _sheet(data: bytes, strings: list[str], dates: set[int]) -> list[tuple]:
    """The rows of one sheet. The sheet is parsed whole (C speed; a loop over lxml's iterparse events cost 3-4x
    more) and each cell is read with one pass over its children."""
    root = etree.fromstring(data, parser=etree.XMLParser(huge_tree=True, resolve_entities=False))
    sheet_data = root.find(f"{NS}sheetData")
    rows: list[tuple] = []
    columns: dict[str, int] = {}
    for row in (sheet_data if sheet_data is not None else ()):
        r = row.get("r")
        index = int(r) if r else len(rows) + 1
        while len(rows) < index - 1:
            rows.append(())
        values: list[Any] = []
        for c in row:
            if c.tag != C:
                continue
            ref = c.get("r")
            if ref:
                letters = ref.rstrip(_DIGITS)
                col = columns.get(letters)
                if col is None:
                    if not _LETTERS.fullmatch(letters) or not ref[len(letters):].isdigit():
                        raise UnreadableWorkbook(ref)
                    col = columns[letters] = _column(letters)
                while len(values) < col - 1:
                    values.append(None)
            kind = c.get("t") or "n"
            formula = v = inline = None
            for child in c:
                tag = child.tag
                if tag == V:
                    v = child.text
                elif tag == F:
                    formula = child.text or ""
                elif tag == IS:
                    inline = child
            value: Any
            if formula is not None:
                value = "=" + formula
            elif kind == "inlineStr":
                value = _text(inline) if inline is not None else None
            elif v is None:
                value = None
            elif kind == "s":
                value = strings[int(v)]
            elif kind in ("str", "e"):
                value = v
            elif kind == "b":
                value = v.strip() in ("1", "true")
            elif kind == "n":
                value = _number(v)
                if dates and int(c.get("s") or 0) in dates:
                    value = from_excel(value)
            else:
                raise UnreadableWorkbook(kind)
            values.append(value)
        rows.append(tuple(values))
    width = max((len(r) for r in rows), default=0)  # every row as wide as the widest, as openpyxl gives them
    return [r + (None,) * (width - len(r)) if len(r) < width else r for r in rows]


def read_values(content: bytes) -> dict[str, list[tuple]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            sheets, shared, styles = _parts(z)
            strings = _shared_strings(z, shared)
            dates = _date_styles(z, styles)
            return {name: _sheet(z.read(path), strings, dates) for name, path in sheets}
    except UnreadableWorkbook:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError, etree.LxmlError) as exc:
        raise UnreadableWorkbook(str(exc)) from exc
