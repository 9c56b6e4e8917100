"""Model instances read in bulk without ``Model.__init__`` (a read-only fast path for the forms).

django-modeltranslation patches ``Model.__init__`` of every translated model; with Django's own ``__init__``
that costs ~0.45 ms per object, i.e. seconds for a regional plan (docs/BENCHMARKS.md, "Annexes"). The forms
only read: here rows come from ``values_list`` of a plain ``QuerySet`` (not modeltranslation's, which
rewrites the column list) and become instances by filling ``__dict__`` directly, which is what
``Model.from_db`` ends up with. Properties, ``get_FOO_display`` and translated descriptors work as usual;
related objects are attached with ``attach`` from maps loaded the same way, so that no query runs per row.
Never save such an instance.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models
from django.db.models.base import ModelState

M = TypeVar("M", bound=models.Model)


def plain(model: type[M]) -> models.QuerySet[M]:
    """A Django QuerySet of ``model`` without modeltranslation's rewriting of field names."""
    return models.QuerySet(model=model)


def instances(model: type[M], qs: models.QuerySet | None = None) -> list[M]:
    """Every row of ``qs`` (a plain QuerySet of ``model``, see ``plain``) as an instance, in the order of ``qs``."""
    qs = plain(model) if qs is None else qs
    names = [f.attname for f in model._meta.concrete_fields]
    db = qs.db
    new = model.__new__
    out: list[M] = []
    for values in qs.values_list(*names):
        obj = new(model)
        obj.__dict__.update(zip(names, values, strict=True))
        state = ModelState()
        state.adding = False
        state.db = db
        obj._state = state
        out.append(obj)
    return out


def by_pk(model: type[M], ids: Iterable[int | None]) -> dict[int, M]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {o.pk: o for o in instances(model, plain(model).filter(pk__in=wanted))}


def attach(objects: Iterable[models.Model], name: str, targets: dict[int, Any]) -> None:
    """Set the cached value of the foreign key ``name`` (e.g. "responsible") from ``targets`` (pk -> object)."""
    for obj in objects:
        fk = obj.__dict__.get(f"{name}_id")
        obj._state.fields_cache[name] = targets.get(fk) if fk is not None else None
