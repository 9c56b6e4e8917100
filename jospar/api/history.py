"""Who changed what, when and why: the audit trail of a document and of each of its items.

Every planning model keeps its history (django-simple-history); each write stamps the user and the reason.
This module turns the historical rows of one document (and its sections, directions, goals, tasks,
indicators with their values, co-executors and links, measures with their financing) into entries with the
changed fields, old and new. Restricted items (cl. 231-233) — and everything under them — are left out for
a reader who may not see them; an item counts as restricted if any of its versions was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jospar.core.models import Organization, Territory
from jospar.interchange.schema import _decimal_text
from jospar.planning.access import RESTRICTED, sees_restricted_items
from jospar.planning.models import (
    DecompositionLink,
    Direction,
    Document,
    Financing,
    Goal,
    Indicator,
    IndicatorCoExecutor,
    IndicatorValue,
    Measure,
    Section,
    Task,
)

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
SKIP = {"id", "history_id", "history_date", "history_change_reason", "history_type", "history_user",
        "history_relation", "document"}


@dataclass
class Change:
    field: str
    old: str | None
    new: str | None


@dataclass
class Entry:
    model: str
    item: str
    object_id: int
    when: Any
    who: str | None
    action: str
    why: str
    changes: list[Change] = field(default_factory=list)


def _fields(historical_model) -> list:
    names = {f.name for f in historical_model._meta.fields}
    out = []
    for f in historical_model._meta.fields:
        if f.name in SKIP or f.name.startswith("history_"):
            continue
        if f"{f.name}_kk" in names:  # modeltranslation: the language columns carry the content
            continue
        out.append(f)
    return out


class _Labels:
    def __init__(self):
        self.orgs = dict(Organization.objects.values_list("pk", "code"))
        self._katos: dict[int, str] | None = None

    def show(self, f, record) -> str | None:
        if f.is_relation:
            value = getattr(record, f.attname)
            if value is None:
                return None
            target = f.related_model
            if target is Organization:
                return self.orgs.get(value, str(value))
            if target is Territory:
                if self._katos is None:
                    self._katos = dict(Territory.objects.values_list("pk", "kato"))
                return self._katos.get(value, str(value))
            return str(value)
        value = getattr(record, f.name)
        if value is None:
            return None
        if isinstance(value, Decimal):
            return _decimal_text(value)
        return str(value)


PARENT = {"indicator_value": "indicator", "indicator_co_executor": "indicator", "decomposition_link": "child",
          "financing": "measure", "task": "goal"}


def _entries(model_name: str, records: Iterable, key, labels: _Labels) -> list[Entry]:
    records = sorted(records, key=lambda r: (r.id, r.history_date, r.history_id))
    out = []
    previous = None
    fields = None
    for record in records:
        if fields is None:
            fields = [f for f in _fields(type(record)) if f.name != PARENT.get(model_name)]
        if previous is not None and previous.id != record.id:
            previous = None
        changes = []
        if record.history_type != "-":
            for f in fields:
                new = labels.show(f, record)
                old = labels.show(f, previous) if previous is not None else None
                if old != new and not (previous is None and new in (None, "")):
                    changes.append(Change(f.name, old, new))
        user = record.history_user
        out.append(Entry(
            model=model_name, item=key(record), object_id=record.id, when=record.history_date,
            who=user.get_username() if user is not None else None, action=ACTIONS[record.history_type],
            why=record.history_change_reason or "", changes=changes,
        ))
        previous = record
    return out


def _restricted_ids(records) -> set[int]:
    return {r.id for r in records if getattr(r, "confidentiality", "open") in RESTRICTED}


def document_history(user, document: Document, *, model: str | None = None, object_id: int | None = None
                     ) -> list[Entry]:
    """The audit trail of a document, newest first; narrowed to one item with `model` and `object_id`."""
    keep = sees_restricted_items(user, document)
    labels = _Labels()

    def wanted(name: str) -> bool:
        return model is None or model == name

    def narrow(qs, name):
        qs = qs.select_related("history_user")
        return qs.filter(id=object_id) if (object_id is not None and model == name) else qs

    entries: list[Entry] = []
    if wanted("document"):
        entries += _entries("document", narrow(Document.history.filter(id=document.pk), "document"),
                            lambda r: r.code, labels)
    for name, cls, key in (("section", Section, lambda r: r.key), ("direction", Direction, lambda r: r.code),
                           ("goal", Goal, lambda r: r.code)):
        if not wanted(name):
            continue
        records = list(narrow(cls.history.filter(document_id=document.pk), name))
        if name == "section" and not keep:
            hidden = _restricted_ids(records)
            records = [r for r in records if r.id not in hidden]
        entries += _entries(name, records, key, labels)
    if wanted("task"):
        goal_codes = dict(Goal.history.filter(document_id=document.pk).values_list("id", "code"))
        records = narrow(Task.history.filter(goal_id__in=goal_codes), "task")
        entries += _entries("task", records, lambda r: f"{goal_codes.get(r.goal_id, '?')}/{r.code}", labels)

    indicator_rows = list(Indicator.history.filter(document_id=document.pk).select_related("history_user"))
    hidden_ind = set() if keep else _restricted_ids(indicator_rows)
    ind_codes = {r.id: r.code for r in sorted(indicator_rows, key=lambda r: r.history_date)}
    if wanted("indicator"):
        rows = [r for r in indicator_rows if r.id not in hidden_ind and (object_id is None or
                                                                          model != "indicator" or r.id == object_id)]
        entries += _entries("indicator", rows, lambda r: r.code, labels)
    visible_ind = [i for i in ind_codes if i not in hidden_ind]
    if wanted("indicator_value"):
        records = narrow(IndicatorValue.history.filter(indicator_id__in=visible_ind), "indicator_value")
        entries += _entries("indicator_value", records, lambda r: (
            f"{ind_codes.get(r.indicator_id, '?')}/{r.year}" + (f"/Q{r.quarter}" if r.quarter else "")), labels)
    if wanted("indicator_co_executor"):
        records = narrow(IndicatorCoExecutor.history.filter(indicator_id__in=visible_ind), "indicator_co_executor")
        entries += _entries("indicator_co_executor", records, lambda r: (
            f"{ind_codes.get(r.indicator_id, '?')}/{labels.orgs.get(r.organization_id, '?')}"), labels)
    if wanted("decomposition_link"):
        records = narrow(DecompositionLink.history.filter(child_id__in=visible_ind), "decomposition_link")
        entries += _entries("decomposition_link", records,
                            lambda r: f"{ind_codes.get(r.child_id, '?')}/parent:{r.parent_id}", labels)

    measure_rows = list(Measure.history.filter(document_id=document.pk).select_related("history_user"))
    hidden_m = set() if keep else _restricted_ids(measure_rows)
    m_codes = {r.id: r.code for r in sorted(measure_rows, key=lambda r: r.history_date)}
    if wanted("measure"):
        rows = [r for r in measure_rows if r.id not in hidden_m and (object_id is None or
                                                                      model != "measure" or r.id == object_id)]
        entries += _entries("measure", rows, lambda r: r.code, labels)
    if wanted("financing"):
        records = narrow(Financing.history.filter(measure_id__in=[m for m in m_codes if m not in hidden_m]),
                         "financing")
        entries += _entries("financing", records, lambda r: (
            f"{m_codes.get(r.measure_id, '?')}/{r.year}/{r.source}/{r.budget_program_code}"), labels)

    entries.sort(key=lambda e: (e.when, e.model, e.item), reverse=True)
    return entries


CSV_COLUMNS = ("when", "who", "action", "model", "item", "field", "old", "new", "why")


def _cell(value: str | None) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def history_csv(entries: list[Entry]) -> str:
    """One line per changed field (one line for an entry without field changes), for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        base = [e.when.isoformat(), _cell(e.who), e.action, e.model, _cell(e.item)]
        if not e.changes:
            writer.writerow([*base, "", "", "", _cell(e.why)])
        for c in e.changes:
            writer.writerow([*base, c.field, _cell(c.old), _cell(c.new), _cell(e.why)])
    return buffer.getvalue()
