"""The problems that refuse an import, with a stable code and a message in the reader's language (issue 6).

A `Problem` says where (the JSON path), what (the value) and which rule: `code` is stable for programs
(pydantic's error type such as ``string_too_long``, or a named code such as ``duplicate_code`` or
``unknown_reference``), `message` is an English msgid with ``%(name)s`` placeholders and `params` fills them.
`text()` renders it in the active language (kk/ru catalogs in ``jospar/interchange/locale``); `rule` is the
English text, kept for logs and for callers that want one fixed language.

The API (``jospar.api.routers.documents.import_problem_item``) reads `code`, `message` and `params` and renders
the message in kk, ru and en itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, gettext_noop


def _render(message: str, params: dict[str, Any]) -> str:
    text = gettext(message)
    return text % params if params else text


@dataclass(frozen=True)
class Problem:
    """One reason an import was refused: where (JSON path), what (the value) and which rule."""

    path: str
    value: Any
    message: str  # English msgid with %(name)s placeholders
    params: dict[str, Any] = field(default_factory=dict)
    code: str = "invalid"

    @property
    def rule(self) -> str:
        """The rule in English (the msgid with its parameters)."""
        return self.message % self.params if self.params else self.message

    def text(self, lang: str | None = None) -> str:
        """The rule in `lang`, or in the active language."""
        if lang is None:
            return _render(self.message, self.params)
        with translation.override(lang):
            return _render(self.message, self.params)

    def __str__(self) -> str:
        shown = json.dumps(self.value, ensure_ascii=False, default=str)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        return f"{self.path}: {shown}: {self.text()}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: `rule` in the active language (what people read), `code` and `params` for programs."""
        return {"path": self.path, "value": self.value, "code": self.code, "rule": self.text(),
                "params": self.params}


# --------------------------------------------------------------------------------- pydantic's error types

# Each pydantic error type the format can produce -> (msgid, the names of pydantic's context it shows).
PYDANTIC_MESSAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "missing": (gettext_noop("a value is required here"), ()),
    "extra_forbidden": (gettext_noop("this field is not part of the format jospar.document/1"), ()),
    "literal_error": (gettext_noop("the value must be one of: %(expected)s"), ("expected",)),
    "enum": (gettext_noop("the value must be one of: %(expected)s"), ("expected",)),
    "string_type": (gettext_noop("a text (JSON string) is expected"), ()),
    "string_too_long": (gettext_noop("the text is longer than %(max_length)s characters"), ("max_length",)),
    "string_too_short": (gettext_noop("the text must have at least %(min_length)s character(s)"), ("min_length",)),
    "string_pattern_mismatch": (gettext_noop("the text does not match the pattern %(pattern)s"), ("pattern",)),
    "int_type": (gettext_noop("a whole number is expected"), ()),
    "int_parsing": (gettext_noop("a whole number is expected"), ()),
    "int_from_float": (gettext_noop("a whole number is expected"), ()),
    "bool_type": (gettext_noop("true or false is expected"), ()),
    "bool_parsing": (gettext_noop("true or false is expected"), ()),
    "decimal_type": (gettext_noop("a decimal number is expected"), ()),
    "decimal_parsing": (gettext_noop("a decimal number is expected"), ()),
    "decimal_max_digits": (gettext_noop("the number has more than %(max_digits)s digits"), ("max_digits",)),
    "decimal_max_places": (gettext_noop("the number has more than %(decimal_places)s decimal places"),
                           ("decimal_places",)),
    "decimal_whole_digits": (gettext_noop("the number has more than %(whole_digits)s digits before the point"),
                             ("whole_digits",)),
    "finite_number": (gettext_noop("the number must be finite (not NaN or infinity)"), ()),
    "less_than_equal": (gettext_noop("the value must be less than or equal to %(le)s"), ("le",)),
    "greater_than_equal": (gettext_noop("the value must be greater than or equal to %(ge)s"), ("ge",)),
    "less_than": (gettext_noop("the value must be less than %(lt)s"), ("lt",)),
    "greater_than": (gettext_noop("the value must be greater than %(gt)s"), ("gt",)),
    "list_type": (gettext_noop("a list (JSON array) is expected"), ()),
    "model_type": (gettext_noop("an object (JSON object) is expected"), ()),
    "model_attributes_type": (gettext_noop("an object (JSON object) is expected"), ()),
    "dict_type": (gettext_noop("an object (JSON object) is expected"), ()),
    "date_type": (gettext_noop("a date YYYY-MM-DD is expected"), ()),
    "date_parsing": (gettext_noop("a date YYYY-MM-DD is expected"), ()),
    "date_from_datetime_parsing": (gettext_noop("a date YYYY-MM-DD is expected"), ()),
    "date_from_datetime_inexact": (gettext_noop("a date YYYY-MM-DD is expected"), ()),
}
OTHER = gettext_noop("invalid value: %(detail)s")

# A few fields break a rule of the methodology when pydantic refuses them: their message cites it.
PRIORITY = gettext_noop("the priority of a goal or target indicator is 1, 2 or 3 (Annex 4 col. 14, cl. 119-120)")


def _shown(value: Any) -> str:
    text = str(value)
    return text.replace(" or ", ", ") if isinstance(value, str) else text


def from_pydantic(path: str, value: Any, error: dict[str, Any]) -> Problem:
    """A Problem from one of pydantic's errors: its type is the code, the message comes from the table above."""
    kind = error["type"]
    loc = [p for p in error.get("loc", ()) if not isinstance(p, int)]
    if loc[-2:] == ["financial_need", "priority"] and kind in (
            "less_than_equal", "greater_than_equal", "int_parsing", "int_type", "int_from_float"):
        return Problem(path, value, PRIORITY, {}, "priority_out_of_range")
    known = PYDANTIC_MESSAGES.get(kind)
    if known is None:
        return Problem(path, value, OTHER, {"detail": error.get("msg", kind)}, kind)
    message, names = known
    ctx = error.get("ctx") or {}
    if any(n not in ctx for n in names):
        return Problem(path, value, OTHER, {"detail": error.get("msg", kind)}, kind)
    return Problem(path, value, message, {n: _shown(ctx[n]) for n in names}, kind)
