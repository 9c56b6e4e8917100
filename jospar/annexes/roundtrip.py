"""The workbook round trip: a co-executor fills its part of a report workbook and uploads it.

1. ``check_workbook`` rebuilds the same form from the database (annex, document, year, organization and
   language come from the hidden ``_jospar`` sheet), finds each row by its hidden key, and checks every
   cell: a cell the co-executor may fill is parsed and checked against its rule; any other cell must be
   unchanged ("Sheet 'Annex 14', cell D12: this cell is not for you to fill (...)"). Nothing the upload says
   about bindings is trusted: what a cell writes always comes from the rebuilt form.
2. The result is the list of changes (a diff against the database), or ``WorkbookRejected`` with every
   problem found.
3. ``do_apply_workbook`` writes all the changes in one transaction, with history (user and reason), or
   nothing. Uploading the same file again finds no change and writes nothing.

The writer is a service of its own so that the monitoring submission workflow can route it later.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from jospar.core.gcpause import paused_gc
from jospar.core.history import stamp
from jospar.monitoring.achievement import reached
from jospar.planning.models import Document, Financing, Indicator, IndicatorValue, Measure

from .builders.common import status_words
from .data import PlanData
from .fast import instances, plain
from .models import ExecutionStatus, MeasureExecution
from .render.xlsx import FORMAT_VERSION, META_SHEET, row_keys
from .services import FormError, build_form_and_data
from .table import Binding, Cell, Form
from .xlsxread import UnreadableWorkbook, read_values

IMPORTABLE = ("10", "12", "13", "14", "14-districts")
MAX_TEXT = 4000


@dataclass(frozen=True)
class Problem:
    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        if not self.sheet:
            return self.message
        return f"Sheet '{self.sheet}', cell {self.cell}: {self.message}" if self.cell else \
            f"Sheet '{self.sheet}': {self.message}"


@dataclass(frozen=True)
class Change:
    sheet: str
    cell: str
    target: str
    key: str
    field: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"Sheet '{self.sheet}', cell {self.cell}: {self.key} {self.field}: {_show(self.old)} -> {_show(self.new)}"


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    return str(value)


class WorkbookRejected(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class ApplyResult:
    form: Form
    changes: list[Change] = field(default_factory=list)
    written: bool = False


# ------------------------------------------------------------------------------------------------ values

def _norm_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _to_decimal(value: Any) -> Decimal | None:
    """A number from a cell: numbers as they are, text with a decimal comma or spaces accepted."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise InvalidOperation
    return Decimal(text)


def _same_number(a: Decimal | None, b: Any) -> bool:
    try:
        other = _to_decimal(b)
    except InvalidOperation:
        return False
    if a is None or other is None:
        return a is None and other is None
    return abs(Decimal(a) - other) <= Decimal("0.00005")


@functools.cache
def _status_words_longest_first() -> tuple[tuple[str, ExecutionStatus], ...]:
    """The status words (fixed texts, ``status_words``), longest first, sorted once per process."""
    return tuple(sorted(status_words().items(), key=lambda kv: -len(kv[0])))


def _split_status(text: str) -> tuple[str | None, str]:
    low = text.lower()
    for word, status in _status_words_longest_first():
        if low.startswith(word) and (len(low) == len(word) or low[len(word)] in " .:;,-—–"):
            return status.value, text[len(word):].lstrip(" .:;,-—–")
    return None, text


# ------------------------------------------------------------------------------------------------ reading

class _Grid:
    """The values of one sheet, read once (a read-only workbook is fast to read but slow to address by cell)."""

    def __init__(self, title: str, rows: list[tuple]):
        self.title = title
        self.rows = rows
        self.max_row = len(self.rows)

    def value(self, r: int, c: int) -> Any:
        """The value at row ``r``, column ``c`` (1-based, as in the workbook)."""
        if r > self.max_row:
            return None
        row = self.rows[r - 1]
        return row[c - 1] if c <= len(row) else None


class _Book:
    def __init__(self, wb):
        self.sheetnames = wb.sheetnames
        self._wb = wb
        self._grids: dict[str, _Grid] = {}

    def __getitem__(self, name: str) -> _Grid:
        if name not in self._grids:
            ws = self._wb[name]
            self._grids[name] = _Grid(ws.title, [tuple(r) for r in ws.iter_rows(values_only=True)])
        return self._grids[name]


class _FastBook:
    """The same reading as ``_Book`` from ``xlsxread`` (lxml, values only): 5-10x faster than openpyxl."""

    def __init__(self, sheets: dict[str, list[tuple]]):
        self.sheetnames = list(sheets)
        self._grids = {name: _Grid(name, rows) for name, rows in sheets.items()}

    def __getitem__(self, name: str) -> _Grid:
        return self._grids[name]


def _open(content: bytes) -> _Book | _FastBook:
    try:
        return _FastBook(read_values(content))
    except UnreadableWorkbook:
        pass  # a workbook part the fast reader does not know: openpyxl reads it (or says it is no workbook)
    try:
        return _Book(load_workbook(io.BytesIO(content), read_only=True, data_only=False))
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear message
        raise WorkbookRejected([Problem("", "", _(
            "The file is not an .xlsx workbook. Upload the workbook that Jospar produced, filled in."))]) from None


def read_meta(wb) -> dict[str, str]:
    if META_SHEET not in wb.sheetnames:
        raise WorkbookRejected([Problem("", "", _(
            "This workbook was not produced by Jospar (its hidden sheet %(sheet)s is missing): download the "
            "workbook of your part of the report and fill that one in.") % {"sheet": META_SHEET})])
    meta = {}
    for row in wb[META_SHEET].rows:
        if row and row[0]:
            meta[str(row[0])] = "" if row[1] is None else str(row[1])
    if meta.get("format") != FORMAT_VERSION:
        raise WorkbookRejected([Problem(META_SHEET, "", _("Unknown workbook format %(fmt)s.") % {
            "fmt": meta.get("format")})])
    return meta


def check_workbook(content: bytes, *, organization) -> tuple[Form, list[Change]]:
    with paused_gc():  # ~10^6 short-lived cells and values: ~1 s of collections at 10,000 rows (issue 7 d)
        return _check_workbook(content, organization=organization)


def _check_workbook(content: bytes, *, organization) -> tuple[Form, list[Change]]:
    wb = _open(content)
    meta = read_meta(wb)
    if meta.get("annex") not in IMPORTABLE:
        raise WorkbookRejected([Problem("", "", _(
            "Annex %(annex)s is not filled in by co-executors: only the report workbooks of Annexes 10, 12, 13 "
            "and 14 are imported (cl. 240, 254, 266).") % {"annex": meta.get("annex")})])
    if meta.get("organization") != organization.code:
        raise WorkbookRejected([Problem("", "", _(
            "This workbook is the part of %(theirs)s, not of %(ours)s: download the workbook of your own part "
            "(cl. 240, 254, 266).") % {"theirs": meta.get("organization") or _("the whole report"),
                                       "ours": organization.code})])
    document = Document.objects.filter(code=meta.get("document")).select_related("developer").first()
    if document is None:
        raise WorkbookRejected([Problem("", "", _("The document %(code)s of this workbook no longer exists.") % {
            "code": meta.get("document")})])
    try:
        form, data = build_form_and_data(document, meta["annex"], year=int(meta.get("year") or 0),
                                         lang=meta.get("lang", "kk"), organization=organization)
    except (FormError, ValueError) as exc:
        raise WorkbookRejected([Problem("", "", str(exc))]) from None
    problems: list[Problem] = []
    uploads: list[tuple[str, str, Binding, Any]] = []  # sheet, cell, binding, parsed value
    for table in form.tables:
        if table.sheet[:31] not in wb.sheetnames:
            problems.append(Problem(table.sheet, "", _("the sheet is missing: sheets cannot be removed or renamed.")))
            continue
        ws = wb[table.sheet[:31]]
        key_col = table.width + 1
        keys = row_keys(table)
        known = set(keys)
        found: dict[str, int] = {}
        prefix = f"{table.key}/"
        grid = ws.rows  # the row tuples (1-based row r is grid[r - 1]); read directly: 10^5 cells per workbook
        for r, line in enumerate(grid, start=1):
            k = line[key_col - 1] if key_col <= len(line) else None
            if isinstance(k, str) and k.startswith(prefix):
                if k in found or k not in known:
                    problems.append(Problem(ws.title, f"{get_column_letter(key_col)}{r}", _(
                        "the hidden row key %(key)s is unknown or repeated: rows cannot be copied or added "
                        "(the rows of the form come from the plan).") % {"key": k}))
                    continue
                found[k] = r
        if found:
            first, last = min(found.values()), max(found.values())
            key_rows = set(found.values())
            for r in range(first, last + 1):
                if r in key_rows:
                    continue
                if any(ws.value(r, c) not in (None, "") for c in range(1, table.width + 1)):
                    problems.append(Problem(ws.title, f"A{r}", _(
                        "a row was added: rows cannot be added to the form (its rows come from the plan).")))
        for key, row in zip(keys, table.rows, strict=True):
            r = found.get(key)
            if r is None:
                problems.append(Problem(ws.title, "", _(
                    "the row %(key)s is missing: rows cannot be deleted from the form.") % {"key": key}))
                continue
            line = grid[r - 1]
            width = len(line)
            next_col = 0
            for cell in row.cells:
                col = next_col  # the 0-based column where the cell starts (``cell_columns``)
                next_col += cell.colspan
                value = line[col] if col < width else None
                if cell.value is None and value is None and cell.binding is None:
                    continue  # an empty cell left empty: unchanged whatever its kind (``_unchanged``)
                if cell.binding is not None:
                    ref = f"{get_column_letter(col + 1)}{r}"
                    parsed = _parse(cell, value, ws.title, ref, problems)
                    if parsed is not _INVALID:
                        uploads.append((ws.title, ref, cell.binding, parsed))
                elif not cell.derived and not _unchanged(cell, value):
                    ref = f"{get_column_letter(col + 1)}{r}"
                    problems.append(Problem(ws.title, ref, _("this cell is not for you to fill (%(why)s)") % {
                        "why": cell.guard or _("part of the form")}))
    changes = _diff(uploads, problems, data)
    problems.extend(locked_by_submissions(changes, organization))
    if problems:
        raise WorkbookRejected(problems)
    return form, changes


_INVALID = object()


def _unchanged(cell: Cell, value: Any) -> bool:
    if cell.fmt != "text" and not isinstance(cell.value, str):
        return _same_number(cell.value, value)  # type: ignore[arg-type]
    if value == cell.value and (value is None or isinstance(value, str)):
        return True  # the common case, without normalising the spaces of both texts
    return _norm_text(cell.value) == _norm_text(value)


def _parse(cell: Cell, value: Any, sheet: str, ref: str, problems: list[Problem]) -> Any:
    b = cell.binding
    assert b is not None
    if isinstance(value, str) and value.startswith("="):
        problems.append(Problem(sheet, ref, _("formulas are not accepted: type the value (%(clause)s).") % {
            "clause": b.clause}))
        return _INVALID
    if b.field in ("fact", "fact_quantity", "absorbed"):
        try:
            number = _to_decimal(value)
        except InvalidOperation:
            problems.append(Problem(sheet, ref, _("%(value)r is not a number (%(clause)s).") % {
                "value": value, "clause": b.clause}))
            return _INVALID
        places = 3 if b.field == "absorbed" else 4
        if number is not None:
            if -number.as_tuple().exponent > places and number != number.quantize(Decimal(10) ** -places):
                problems.append(Problem(sheet, ref, _("%(value)s has more than %(n)s decimals (%(clause)s).") % {
                    "value": number, "n": places, "clause": b.clause}))
                return _INVALID
            number = number.quantize(Decimal(10) ** -places)
            if abs(number) >= Decimal(10) ** (15 - places):
                problems.append(Problem(sheet, ref, _("%(value)s is too large (%(clause)s).") % {
                    "value": number, "clause": b.clause}))
                return _INVALID
            if b.field in ("absorbed", "fact_quantity") and number < 0:
                problems.append(Problem(sheet, ref, _("%(value)s is negative: it cannot be (%(clause)s).") % {
                    "value": number, "clause": b.clause}))
                return _INVALID
        return number
    text = _norm_text(value) if not isinstance(value, str) else value.strip()
    if len(text) > MAX_TEXT:
        problems.append(Problem(sheet, ref, _("the text is longer than %(n)s characters.") % {"n": MAX_TEXT}))
        return _INVALID
    if b.field == "status_comment":
        if not text:
            return ("", "")
        status, comment = _split_status(text)
        if status is None:
            problems.append(Problem(sheet, ref, _(
                "start with the execution status: \"Орындалды\", \"Ішінара орындалды\" or \"Орындалған жоқ\" "
                "(Executed, Partially executed, Not executed), then the brief information (%(clause)s).") % {
                "clause": b.clause}))
            return _INVALID
        return (status, comment)
    if b.target == "indicator_value" and b.field == "reason":
        return _split_status(text)[1]  # the status word of an indicator row is computed from plan and fact
    return text


# ------------------------------------------------------------------------------------------------ diff

def _split_key(key: str) -> tuple[str, str, list[str]]:
    head, *rest = key.split("|")
    doc, _sep, code = head.partition(":")
    return doc, code, rest


def _current_objects(uploads, data: PlanData | None = None):
    """The stored objects the uploaded cells compare with, keyed like the bindings.

    ``data`` is what the form was rebuilt from (``services.build_form_and_data``), read moments before in the same
    transaction: the objects it holds are taken from it, and only the rest (e.g. the financing lines of a lower
    document's measure in Annex 10) is read from the database (issue 7 (d): reading them again was a fifth of a
    10,000-row import). The result is the same as reading every object (tests/annexes/test_roundtrip_fast.py).
    """
    if data is None or data.public or data.loaded_years is None:
        return _read_objects(uploads)
    years = data.loaded_years
    own = data.document.code
    known_ind: dict[tuple[str, str], Indicator] = {(own, i.code): i for i in data.indicators}
    for links in data.children.values():
        for link in links:
            child = link.child
            if child.document_id != data.document.pk:
                known_ind.setdefault((child.document.code, child.code), child)
    known_mea: dict[tuple[str, str], Measure] = {(own, m.code): m for m in data.measures}
    for foreign in data.foreign_measures.values():
        for m in foreign:
            known_mea.setdefault((m.document.code, m.code), m)
    indicators: dict[tuple[str, str], Indicator] = {}
    values: dict[str, IndicatorValue] = {}
    measures: dict[tuple[str, str], Measure] = {}
    executions: dict[str, MeasureExecution] = {}
    lines: dict[str, Financing] = {}
    lined: set[int] = set()
    rest = []
    for item in uploads:
        b = item[2]
        doc, code, tail = _split_key(b.key)
        if int(tail[0]) not in years:
            rest.append(item)
            continue
        if b.target == "indicator_value":
            ind = known_ind.get((doc, code))
            if ind is None:
                rest.append(item)
                continue
            indicators[(doc, code)] = ind
            v = data.value(ind, int(tail[0]))
            if v is not None:
                values[b.key] = v
            continue
        m = known_mea.get((doc, code))
        if m is None or (b.target == "financing" and m.document_id != data.document.pk):
            rest.append(item)  # the lines of a lower document's measure are not part of the form's data
            continue
        measures[(doc, code)] = m
        if b.target == "financing":
            if m.pk not in lined:
                lined.add(m.pk)
                for f in data.financing.get(m.pk, ()):
                    lines[f"{doc}:{code}|{f.year}|{f.source}|{f.budget_program_code}"] = f
        else:
            e = data.executions.get((m.pk, int(tail[0])))
            if e is not None:
                executions[b.key] = e
    if rest:
        more = _read_objects(rest)
        for mine, read in zip((indicators, values, measures, executions, lines), more, strict=True):
            for k, v in read.items():
                mine.setdefault(k, v)  # type: ignore[attr-defined]
    return indicators, values, measures, executions, lines


def _read_objects(uploads):
    """The stored objects of the uploaded cells, read from the database in a fixed number of queries and without
    per-object ``__init__`` (``fast``)."""
    ind_keys = {b.key for _s, _c, b, _v in uploads if b.target == "indicator_value"}
    mx_keys = {b.key for _s, _c, b, _v in uploads if b.target == "measure_execution"}
    fin_keys = {b.key for _s, _c, b, _v in uploads if b.target == "financing"}
    years = {int(_split_key(k)[2][0]) for k in ind_keys | mx_keys | fin_keys}
    docs = {_split_key(k)[0] for k in ind_keys | mx_keys | fin_keys}
    doc_codes = dict(plain(Document).filter(code__in=docs).values_list("pk", "code")) if docs else {}
    indicators: dict[tuple[str, str], Indicator] = {}
    values: dict[str, IndicatorValue] = {}
    ind_codes = {_split_key(k)[:2] for k in ind_keys}
    if ind_codes:
        for ind in instances(Indicator, plain(Indicator).filter(document_id__in=doc_codes,
                                                                code__in={c for _, c in ind_codes})):
            key = (doc_codes[ind.document_id], ind.code)
            if key in ind_codes:
                indicators[key] = ind
        names = {ind.pk: f"{d}:{c}" for (d, c), ind in indicators.items()}
        for v in instances(IndicatorValue, plain(IndicatorValue).filter(indicator_id__in=names, quarter=0,
                                                                         year__in=years)):
            values[f"{names[v.indicator_id]}|{v.year}"] = v
    measures: dict[tuple[str, str], Measure] = {}
    m_codes = {_split_key(k)[:2] for k in mx_keys | fin_keys}
    executions: dict[str, MeasureExecution] = {}
    lines: dict[str, Financing] = {}
    if m_codes:
        for m in instances(Measure, plain(Measure).filter(document_id__in=doc_codes,
                                                          code__in={c for _, c in m_codes})):
            key = (doc_codes[m.document_id], m.code)
            if key in m_codes:
                measures[key] = m
        names = {m.pk: f"{d}:{c}" for (d, c), m in measures.items()}
        for e in instances(MeasureExecution, plain(MeasureExecution).filter(measure_id__in=names, year__in=years)):
            executions[f"{names[e.measure_id]}|{e.year}"] = e
        for f in instances(Financing, plain(Financing).filter(measure_id__in=names, year__in=years)):
            lines[f"{names[f.measure_id]}|{f.year}|{f.source}|{f.budget_program_code}"] = f
    return indicators, values, measures, executions, lines


def _diff(uploads, problems: list[Problem], data: PlanData | None = None) -> list[Change]:
    indicators, values, measures, executions, lines = _current_objects(uploads, data)
    changes: list[Change] = []
    rows: dict[tuple[str, str], dict[str, tuple[str, str, Any]]] = {}
    for sheet, ref, b, new in uploads:
        if b.target == "indicator_value":
            obj = values.get(b.key)
            old = getattr(obj, b.field) if obj else (None if b.field == "fact" else "")
        elif b.target == "financing":
            obj = lines.get(b.key)
            if obj is None:
                problems.append(Problem(sheet, ref, _("the financing line %(key)s no longer exists.") % {"key": b.key}))
                continue
            old = getattr(obj, b.field)
        else:
            obj = executions.get(b.key)
            if b.field == "status_comment":
                old = (obj.status, obj.comment) if obj else ("", "")
            else:
                old = obj.fact_quantity if obj else None
        rows.setdefault((b.target, b.key), {})[b.field] = (sheet, ref, new)
        same = _same_number(old, new) if isinstance(new, Decimal) or (new is None and b.field in (
            "fact", "absorbed", "fact_quantity")) else (old or "") == (new or "")
        if b.field == "status_comment":
            same = tuple(x or "" for x in old) == tuple(x or "" for x in new)
        if not same:
            changes.append(Change(sheet, ref, b.target, b.key, b.field, old, new))
    changed = {(c.target, c.key) for c in changes}
    for (target, key), fields in rows.items():
        if (target, key) in changed:
            _row_rules(target, key, fields, indicators, values, lines, problems)
    return changes


def _row_rules(target, key, fields, indicators, values, lines, problems: list[Problem]) -> None:
    """Rules between the cells of one changed row."""
    if target == "indicator_value":
        doc, code, rest = _split_key(key)
        ind = indicators.get((doc, code))
        v = values.get(key)
        fact = fields["fact"][2] if "fact" in fields else (v.fact if v else None)
        reason = fields["reason"][2] if "reason" in fields else (v.reason if v else "")
        plan = v.effective_plan if v else None
        if ind is not None and fact is not None and plan is not None and not reason and reached(
                plan, fact, ind.polarity, range_low=ind.range_low, range_high=ind.range_high) is False:
            sheet, ref, _v = fields.get("reason") or fields["fact"]
            problems.append(Problem(sheet, ref, _(
                "the fact %(fact)s misses the plan %(plan)s: give the reason for the deviation (cl. 225(2); Annex 14 "
                "expl. 4(13), Annex 13 expl. 5(8), Annex 10 expl. 2(10)).") % {"fact": fact, "plan": plan}))
    elif target == "financing":
        f = lines.get(key)
        if f is None:
            return
        absorbed = fields["absorbed"][2] if "absorbed" in fields else f.absorbed
        reason = fields["reason_unabsorbed"][2] if "reason_unabsorbed" in fields else f.reason_unabsorbed
        plan = f.effective_plan
        sheet, ref, _v = fields.get("absorbed") or fields["reason_unabsorbed"]
        if absorbed is not None and plan is not None and absorbed > plan and f.source == "budget":
            problems.append(Problem(sheet, ref, _(
                "%(absorbed)s absorbed is more than the plan %(plan)s (the corrected budget): budget money cannot be "
                "absorbed beyond it (Annex 13 expl. 6(2)-(3), Annex 14 expl. 5(2)-(3)).") % {"absorbed": absorbed, "plan": plan}))
        if absorbed is not None and plan is not None and absorbed < plan and not reason:
            sheet, ref, _v = fields.get("reason_unabsorbed") or fields["absorbed"]
            problems.append(Problem(sheet, ref, _(
                "%(absorbed)s absorbed of %(plan)s planned: give the reason for non-absorption (Annex 13 expl. 6(4), "
                "Annex 14 expl. 5(4)).") % {"absorbed": absorbed, "plan": plan}))
    elif target == "measure_execution" and "status_comment" in fields:
        sheet, ref, (status, comment) = fields["status_comment"]
        if status and status != ExecutionStatus.EXECUTED and not comment:
            problems.append(Problem(sheet, ref, _(
                "a measure not executed in full needs brief information on the reasons (Annex 12 expl. 2(7), "
                "Annex 14 expl. 4(13)).")))


# ------------------------------------------------------------------------------------------------ locks

def locked_by_submissions(changes: list[Change], organization) -> list[Problem]:
    """A submitted or accepted report locks its data (jospar.monitoring, decisions M2-M3; cl. 241, 256, 263, 267).

    The workbook writes facts, reasons and absorbed money of the plan directly, so it must not change what a
    report under review or accepted says: a change is refused when, for its document and year, the
    developer's report, or the importing organization's own co-executor information, is submitted or
    accepted. It changes again once the recipient returns or reopens it (``monitoring.services``).
    """
    from jospar.monitoring.models import Submission, SubmissionLevel, SubmissionStatus

    first: dict[tuple[str, int], Change] = {}
    for c in changes:
        doc, _code, rest = _split_key(c.key)
        first.setdefault((doc, int(rest[0])), c)
    if not first:
        return []
    subs = (Submission.objects.filter(period__document__code__in={d for d, _y in first},
                                      period__year__in={y for _d, y in first}, period__quarter=0,
                                      status__in=(SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED))
            .filter(models.Q(level=SubmissionLevel.REPORT) | models.Q(organization=organization))
            .select_related("organization", "period__document").order_by("period__document__code", "period__year",
                                                                          "level", "organization__code"))
    problems: list[Problem] = []
    seen: set[tuple[str, int]] = set()
    for sub in subs:
        where = (sub.period.document.code, sub.period.year)
        c = first.get(where)
        if c is None or where in seen:
            continue
        seen.add(where)
        problems.append(Problem(c.sheet, c.cell, _(
            "the report of %(org)s on %(doc)s for %(year)s is %(status)s, so its data is locked: the workbook cannot "
            "change it until the recipient returns or reopens the report (cl. 241, 256, 263, 267).") % {
            "org": sub.organization.code, "doc": where[0], "year": where[1], "status": str(sub.get_status_display()).lower()}))
    return problems


# ------------------------------------------------------------------------------------------------ writing

def do_apply_workbook(content: bytes, *, organization, acting_user=None, reason: str = "",
                      dry_run: bool = False) -> ApplyResult:
    """Check a filled-in workbook and write its changes: all or nothing, with history. Raises WorkbookRejected."""
    with transaction.atomic():
        form, changes = check_workbook(content, organization=organization)
        result = ApplyResult(form=form, changes=changes)
        if dry_run or not changes:
            return result
        why = reason or _("Report workbook of %(org)s") % {"org": organization.code}
        objects = _locked_objects(changes)
        for c in changes:
            obj = objects[(c.target, c.key)]
            if c.field == "status_comment":
                obj.status, obj.comment = c.new
            else:
                setattr(obj, c.field, "" if c.new is None and c.field in ("reason", "reason_unabsorbed") else c.new)
        fields: dict[type, set[str]] = {}
        for c in changes:
            names = ("status", "comment") if c.field == "status_comment" else (c.field,)
            fields.setdefault(type(objects[(c.target, c.key)]), set()).update(names)
        for obj in objects.values():
            stamp(obj, acting_user, why)
            # the foreign keys come from the database: validating them would cost a query per object
            obj.clean_fields(exclude=["indicator", "measure", "administrator"])
            obj.clean()
        # in bulk, with one history row per object (user and reason from ``stamp``), not two queries per object
        for model, names in fields.items():
            objs = [o for o in objects.values() if type(o) is model]
            new = [o for o in objs if o.pk is None]
            if new:
                bulk_create_with_history(new, model, default_user=_user(acting_user), default_change_reason=why)
            old = [o for o in objs if o.pk is not None]
            if old:
                bulk_update_with_history(old, model, sorted(names), default_user=_user(acting_user),
                                         default_change_reason=why)
        result.written = True
        return result


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None


def _locked_objects(changes: list[Change]) -> dict[tuple[str, str], Any]:
    """The objects the changes write, locked, read per kind in a few queries (not two queries per change)."""
    keys = {(c.target, c.key) for c in changes}
    split = {k: _split_key(k[1]) for k in keys}
    docs = {doc for doc, _c, _r in split.values()}
    ind_codes = {(doc, code) for (t, _k), (doc, code, _r) in split.items() if t == "indicator_value"}
    mea_codes = {(doc, code) for (t, _k), (doc, code, _r) in split.items() if t != "indicator_value"}
    indicators = {(i.document.code, i.code): i for i in Indicator.objects.filter(
        document__code__in=docs, code__in={c for _d, c in ind_codes}).select_related("document")
        if (i.document.code, i.code) in ind_codes} if ind_codes else {}
    measures = {(m.document.code, m.code): m for m in Measure.objects.filter(
        document__code__in=docs, code__in={c for _d, c in mea_codes}).select_related("document")
        if (m.document.code, m.code) in mea_codes} if mea_codes else {}
    values = {(v.indicator_id, v.year): v for v in IndicatorValue.objects.select_for_update().filter(
        indicator__in=list(indicators.values()), quarter=0)} if indicators else {}
    lines = {(f.measure_id, f.year, f.source, f.budget_program_code): f for f in Financing.objects.select_for_update()
             .filter(measure__in=list(measures.values()))} if measures else {}
    executions = {(e.measure_id, e.year): e for e in MeasureExecution.objects.select_for_update().filter(
        measure__in=list(measures.values()))} if measures else {}
    out: dict[tuple[str, str], Any] = {}
    for (target, key), (doc, code, rest) in split.items():
        year = int(rest[0])
        if target == "indicator_value":
            ind = indicators[(doc, code)]
            out[(target, key)] = values.get((ind.pk, year)) or IndicatorValue(indicator=ind, year=year, quarter=0)
            continue
        measure = measures[(doc, code)]
        if target == "financing":
            out[(target, key)] = lines[(measure.pk, year, rest[1], rest[2])]
        else:
            out[(target, key)] = executions.get((measure.pk, year)) or MeasureExecution(measure=measure, year=year)
    return out
