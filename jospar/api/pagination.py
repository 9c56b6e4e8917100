"""Limit/offset pagination with bounded numbers (a huge offset is a 422, not a database overflow)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from ninja import Field, Schema

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000

T = TypeVar("T")


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"at most {MAX_LIMIT} items per page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class Page(Schema, Generic[T]):
    count: int = Field(description="how many items match, on every page")
    items: list[T]


def page(rows: Sequence | Any, params: PageParams, convert: Callable[[Any], Any]) -> dict[str, Any]:
    """One page of a queryset or list, converted item by item; `count` counts all that match."""
    count = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
    chunk = rows[params.offset:params.offset + params.limit]
    return {"count": count, "items": [convert(r) for r in chunk]}
