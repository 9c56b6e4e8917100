"""The neutral table model of an official form (Annexes 1-14): plain dataclasses, no Django.

A builder (``builders/``) turns the database into a ``Form``; the three renderers (``render/``) turn a ``Form``
into .xlsx, .docx and .pdf without knowing which annex it is. The workbook round trip (``roundtrip.py``) reads
back only the cells that carry a ``Binding``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Fmt = Literal["text", "int", "value", "money", "pct"]
RowKind = Literal["group", "subgroup", "label", "item", "subitem", "total"]


@dataclass(frozen=True)
class Binding:
    """An editable cell: which stored value it writes and under which clause.

    ``target`` is one of ``indicator_value`` (key "INDICATOR_CODE|YEAR"), ``financing`` (key
    "MEASURE_CODE|YEAR|SOURCE|BUDGET_PROGRAMME") or ``measure_execution`` (key "MEASURE_CODE|YEAR").
    """

    target: str
    key: str
    field: str
    clause: str


@dataclass
class Cell:
    value: str | Decimal | int | None = None
    fmt: Fmt = "text"
    places: int | None = None  # decimals shown; None = as stored (values) / form default
    bold: bool = False
    star: bool = False  # a "*" cell: not filled (Annex 8 expl., Annex 14 expl. 8)
    binding: Binding | None = None
    derived: bool = False  # computed from editable cells: never compared on import
    colspan: int = 1
    guard: str = ""  # why the cell is not for a co-executor to fill (shown when it was changed)

    @property
    def editable(self) -> bool:
        return self.binding is not None


@dataclass
class Row:
    cells: list[Cell]
    kind: RowKind = "item"
    level: int = 0
    key: str = ""  # "indicator:CODE", "measure:CODE", "financing:..." — the hidden row key of the workbook


@dataclass(frozen=True)
class HeaderCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Column:
    width: float = 12  # characters (xlsx); relative width for docx/pdf
    fmt: Fmt = "text"


@dataclass
class Table:
    key: str
    sheet: str
    heading: str
    columns: list[Column]
    header: list[HeaderCell]
    numbers: list[str] | None = None  # the column-number row "1 2 3 ..." (None when the form prints none)
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def header_rows(self) -> int:
        return max((h.row + h.rowspan for h in self.header), default=0)

    @property
    def width(self) -> int:
        return len(self.columns)

    def header_grid(self) -> list[list[str]]:
        """The header as a plain grid: each merged area's text in its top-left cell, "" elsewhere."""
        grid = [["" for _ in self.columns] for _ in range(self.header_rows)]
        for h in self.header:
            grid[h.row][h.col] = h.text
        return grid


@dataclass
class Paragraph:
    heading: str
    text: str = ""


@dataclass
class Form:
    annex: str  # "1", "1-1", ..., "14", "14-districts", "pfc"
    lang: str
    caption: str
    title_lines: list[str]
    fields: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[Table | Paragraph] = field(default_factory=list)
    signature: str = ""
    notes: list[str] = field(default_factory=list)
    form_label: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # document, year, organization, public

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def simple_header(texts: list[str]) -> list[HeaderCell]:
    return [HeaderCell(t, 0, i) for i, t in enumerate(texts)]


def grouped_header(spec: list[str | tuple[str, list[str]]]) -> list[HeaderCell]:
    """Two header rows: plain columns span both; ("Parent", [children]) spans its children."""
    cells: list[HeaderCell] = []
    col = 0
    for item in spec:
        if isinstance(item, tuple):
            parent, children = item
            cells.append(HeaderCell(parent, 0, col, colspan=len(children)))
            for child in children:
                cells.append(HeaderCell(child, 1, col))
                col += 1
        else:
            cells.append(HeaderCell(item, 0, col, rowspan=2))
            col += 1
    return cells
