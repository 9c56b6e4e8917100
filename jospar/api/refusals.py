"""Refusals of the domain services, turned into the API's error shape with kk/ru/en messages.

The services (monitoring, analysis, evaluation, annexes, planning) raise an exception whose messages are
rendered in the active language. The API answers in the three languages at once: when a call is refused, it
is run again under each language inside a savepoint that is always rolled back, so the refusal is rendered by
the service's own code in kk, ru and en (nothing is written: a refused call writes nothing, and a repeat that
would now succeed is rolled back too). The rules are never re-implemented here.

Each problem gets a JSON path taken from the place the service names at the start of its message
(``indicators[0] (TI-1).reason: ...`` -> ``$.indicators[0].reason``; ``comments: ...`` -> ``$.comments``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from .errors import LANGS, ApiError

T = TypeVar("T")

_PLACE = re.compile(
    r"^(?P<name>[a-z_]+)(?P<index>\[\d+\])?(?: \((?P<code>[^,)]*)[^)]*\))?(?P<field>\.[a-z_]+)?:"
)


class _Rollback(Exception):
    pass


def problems_of(exc: Exception) -> list[str]:
    """The messages of a refusal, whatever service raised it."""
    problems = getattr(exc, "problems", None)
    if problems is not None:
        return [str(p) for p in problems]
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return [f"{name}: {m}" for name, errors in exc.message_dict.items() for m in errors]
        return [str(m) for m in exc.messages]
    return [str(exc)]


def path_of(message: str, known: Iterable[str] = (), lines: dict[tuple[str, str], int] | None = None) -> str:
    """The JSON path of the place a message names (``$`` when it names none or a name not in `known`).

    `lines` maps (list name, item code) to the index of the line in the request, for messages that name the
    item by its code only (``measures (M-1).status: ...`` -> ``$.measures[0].status``).
    """
    m = _PLACE.match(message)
    if not m:
        return "$"
    name = m.group("name")
    if known and name not in known:
        return "$"
    index = m.group("index")
    if index is None and m.group("code") and lines:
        found = lines.get((name, m.group("code").strip()))
        index = f"[{found}]" if found is not None else None
    return "$." + name + (index or "") + (m.group("field") or "")


def in_languages(call: Callable[[], Any], exc_types: tuple[type[Exception], ...]) -> dict[str, list[str]]:
    """The refusal of `call` in kk, ru and en; every run is rolled back."""
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        try:
            with translation.override(lang), transaction.atomic():
                call()
                raise _Rollback
        except _Rollback:
            out[lang] = []
        except exc_types as exc:
            out[lang] = problems_of(exc)
    return out


def refusal(status: int, code: str, first: Exception, call: Callable[[], Any],
            exc_types: tuple[type[Exception], ...], *, known: Iterable[str] = (),
            lines: dict[tuple[str, str], int] | None = None, extra: dict[str, Any] | None = None) -> ApiError:
    """An ApiError for a refused call: one problem per message, each with its path, code and kk/ru/en text."""
    rendered = in_languages(call, exc_types)
    english = rendered.get("en") or problems_of(first)
    errors = []
    for n, en in enumerate(english):
        message = {}
        for lang in LANGS:
            texts = rendered.get(lang) or english
            message[lang] = texts[n] if n < len(texts) else en
        errors.append({"path": path_of(en, known, lines), "code": code, "message": message})
    if not errors:  # pragma: no cover - a refusal always says why
        errors.append({"path": "$", "code": code, "message": dict.fromkeys(LANGS, str(first))})
    return ApiError(status, errors, extra)


def attempt(call: Callable[[], T], exc_types: tuple[type[Exception], ...], *, status: int = 422,
            code: str = "refused", known: Iterable[str] = (), lines: dict[tuple[str, str], int] | None = None) -> T:
    """Run a service call; a refusal becomes an ApiError (nothing is written then)."""
    try:
        return call()
    except exc_types as exc:
        raise refusal(status, code, exc, call, exc_types, known=known, lines=lines) from None
