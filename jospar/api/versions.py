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

from jospar.interchange.schema import _decimal_text
from jospar.planning.versioning import document_version  # noqa: F401 - the API's ETags


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
