"""The version of a whole document, read from its audit history (the API's ETag, the document page's cache key)."""

from __future__ import annotations

import functools
import hashlib
import json

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Max, Model, OuterRef, Q, Subquery, Value


@functools.cache
def history_paths() -> list[tuple[type[Model], list[str]]]:
    """Every historical model of the planning app with the fields that lead it to its document.

    A model with a `document` foreign key is found by that column; a model below one (a task under a goal,
    a value under an indicator, an amount under a financial need, a link between two indicators) by its
    foreign keys to those models. Derived from the models so a new planning model is covered without a
    list to keep up to date (tests/api/test_document_version.py checks every historical model is). Computed
    once: the models do not change while the process runs.
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


def _version_queryset(pk):
    """The one-row query of `document_version`: the newest history record id of the document and of each item table."""
    from jospar.planning.models import Document

    def newest(qs):
        return Subquery(qs.order_by().annotate(one=Value(1)).values("one").annotate(m=Max("history_id")).values("m"))

    columns = {"document": newest(Document.history.filter(id=OuterRef("pk")))}
    for model, names in history_paths():
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
    return list(columns), Document.objects.filter(pk=pk).annotate(
        **{f"v_{k}": v for k, v in columns.items()}).values_list(*(f"v_{k}" for k in columns))


# A document id no row has: it marks where the real id goes in the SQL compiled once (below).
_PK_MARK = -7_300_000_001


@functools.cache
def _version_sql(alias: str) -> tuple[list[str], str, tuple]:
    """The query of `document_version` compiled once per database: building it (22 history managers, 22 subqueries)
    cost more than running it (~20 of the document page's ~40 ms of CPU, issue 7 e). Only the document id changes."""
    names, qs = _version_queryset(_PK_MARK)
    sql, params = qs.query.get_compiler(using=alias).as_sql()
    return names, sql, tuple(params)


def document_version(document, *, sees_restricted: bool) -> str:
    """The version of a whole document (its ETag): what changed in it, read from the audit history.

    Every write to a document and its items leaves a historical record (simple-history, m2m included), and
    record ids only grow, so the highest record id of each item table, together with the document's own,
    changes with every change and never comes back. One query of scalar subqueries, whatever the size
    (hashing the whole visible export cost 474 ms for the National Plan at national scale: issue 7, e).
    Readers who see restricted items get another version than those who do not: their copies differ.
    """
    alias = document._state.db or DEFAULT_DB_ALIAS
    names, sql, params = _version_sql(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [document.pk if p == _PK_MARK else p for p in params])
        row = cursor.fetchone()
        columns = [c[0] for c in cursor.description]  # the SQL's own order, not the values_list one
    found = dict(zip(columns, row, strict=True))
    marker = {"restricted": sees_restricted, **{name: found[f"v_{name}"] for name in names}}
    text = json.dumps(marker, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:20]
