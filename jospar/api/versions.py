"""Versions of what the API lets two people edit: a strong ETag computed from the content.

Two people who read the same version and both send a change: the first wins, the second gets 409 with
both versions (what is stored now and what they sent) instead of silently overwriting the first change.
An item's version is a hash of its editable content, so it needs no extra column and survives a backup/
restore; a whole document's version is a hash of the newest audit record of each of its item tables.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from django.db.models import Model, Value

from jospar.interchange.schema import _decimal_text


def _norm(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _decimal_text(value)
    return value


def content_version(values: dict[str, Any]) -> str:
    text = json.dumps({k: _norm(v) for k, v in sorted(values.items())}, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def value_version(value) -> str:
    return content_version({
        "plan": value.plan, "corrected_plan": value.corrected_plan, "fact": value.fact, "reason": value.reason,
    })


def financing_version(line) -> str:
    return content_version({
        "plan": line.plan, "corrected_plan": line.corrected_plan, "absorbed": line.absorbed,
        "reason_unabsorbed": line.reason_unabsorbed, "budget_level": line.budget_level,
        "administrator": line.administrator_id,
    })


def _history_paths() -> list[tuple[type[Model], list[str]]]:
    """Every historical model of the planning app with the fields that lead it to its document.

    A model with a `document` foreign key is found by that column; a model below one (a task under a goal,
    a value under an indicator, an amount under a financial need, a link between two indicators) by its
    foreign keys to those models. Derived from the models so a new planning model is covered without a
    list to keep up to date (tests/api/test_document_version.py checks every historical model is).
    """
    from django.apps import apps

    from jospar.planning.models import Document

    owned, below = [], []
    for model in apps.get_app_config("planning").get_models():
        # (the m2m history tables are models of the app too: their changes make a record of the parent)
        if getattr(model._meta, "simple_history_manager_attribute", None) != "history" or model is Document:
            continue
        fks = {f.name: f.related_model for f in model._meta.fields if f.is_relation and f.many_to_one}
        if fks.get("document") is Document:
            owned.append(model)
        else:
            below.append((model, fks))
    out: list[tuple[type[Model], list[str]]] = [(m, ["document"]) for m in owned]
    for model, fks in below:
        names = [name for name, related in fks.items() if related in owned]
        if names:
            out.append((model, names))
    return out


def document_version(document, *, sees_restricted: bool) -> str:
    """The version of a whole document (its ETag): what changed in it, read from the audit history.

    Every write to a document and its items leaves a historical record (simple-history, m2m included), and
    record ids only grow, so the highest record id of each item table, together with the document's own,
    changes with every change and never comes back. One query of scalar subqueries, whatever the size
    (hashing the whole visible export cost 474 ms for the National Plan at national scale: issue 7, e).
    Readers who see restricted items get another version than those who do not: their copies differ.
    """
    from django.db.models import Max, OuterRef, Q, Subquery

    from jospar.planning.models import Document

    def newest(qs):
        return Subquery(qs.order_by().annotate(one=Value(1)).values("one").annotate(m=Max("history_id")).values("m"))

    columns = {"document": newest(Document.history.filter(id=OuterRef("pk")))}
    for model, names in _history_paths():
        if names == ["document"]:
            qs = model.history.filter(document_id=OuterRef("pk"))
        else:
            condition = Q()
            for name in names:
                parent = model._meta.get_field(name).related_model
                condition |= Q(**{f"{name}_id__in": parent.history.filter(
                    document_id=OuterRef(OuterRef("pk"))).values("id")})
            qs = model.history.filter(condition)
        columns[model._meta.model_name] = newest(qs)
    row = Document.objects.filter(pk=document.pk).annotate(**{f"v_{k}": v for k, v in columns.items()}).values_list(
        *(f"v_{k}" for k in columns)).get()
    marker = {"restricted": sees_restricted, **dict(zip(columns, row, strict=True))}
    return content_version(marker)


def etag(version: str) -> str:
    return f'"{version}"'


def parse_if_match(header: str | None) -> str | None:
    """The version in an If-Match header ('"abc"', 'W/"abc"' or 'abc'); None when absent."""
    if not header:
        return None
    value = header.split(",")[0].strip()
    if value.startswith("W/"):
        value = value[2:]
    return value.strip('"') or None
