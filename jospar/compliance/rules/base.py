"""The rule engine of the compliance checker: rules, findings, the registry and the context of a check.

Pure Python (no Django): a rule is a function `(payload, context) -> Iterable[Finding]` over a plain
snapshot of one document (the interchange `DocumentPayload`, so that the same rules check a file before it
is imported) and a `Context` holding what the rules need from outside the document (organizations,
higher indicators, the Strategic Indicator Map rows assigned to the developer or the region, ...).

Messages are English msgids marked with `gettext_noop` (extracted by makemessages, translated when a
report is rendered in kk/ru/en). Rules that the SPEC marks [INFERRED] are warnings, never errors.

The registry is keyed by edition: `EDITION` names the methodology text these rules implement, so that a
later edition can register its own rules without rewriting the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

EDITION = "order-93-2021/2023"


def gettext_noop(message: str) -> str:
    """Mark a msgid for extraction; it is translated when the finding is rendered."""
    return message


class Words(tuple):
    """A list of msgids shown joined by commas, each translated into the language of the report."""


ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class ItemRef:
    """The item a finding is about: its kind, its code inside the document and its title in kk/ru/en."""

    kind: str  # document | section | direction | goal | task | indicator | measure | financing
    code: str
    title: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def title_in(self, lang: str) -> str:
        for candidate in (lang, "kk", "ru", "en"):
            text = (self.title or {}).get(candidate)
            if text:
                return text
        return ""


@dataclass(frozen=True)
class Finding:
    rule: str
    clause: str
    severity: str
    item: ItemRef
    message: str  # English msgid with %(name)s placeholders
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


RuleFunction = Callable[[Any, "Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    clause: str
    severity: str
    title: str  # English msgid: what the rule requires
    types: frozenset[str] | None  # document types it applies to; None = all
    function: RuleFunction
    edition: str = EDITION

    def applies_to(self, document_type: str) -> bool:
        return self.types is None or document_type in self.types

    def finding(self, item: ItemRef, message: str, **params: Any) -> Finding:
        return Finding(self.id, self.clause, self.severity, item, message, params)

    def run(self, payload, context: Context) -> list[Finding]:
        if not self.applies_to(payload.type):
            return []
        return list(self.function(self, payload, context))


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, *, clause: str, severity: str, title: str, types: Iterable[str] | None = None):
    """Register `function(rule, payload, context)` as the check of one rule of the methodology."""

    def decorate(function):
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = Rule(rule_id, clause, severity, title, frozenset(types) if types else None, function)
        return function

    return decorate


def rules_for(document_type: str) -> list[Rule]:
    return [r for r in REGISTRY.values() if r.applies_to(document_type)]


# --------------------------------------------------------------------------------------------- context


@dataclass(frozen=True)
class OrgInfo:
    code: str
    kind: str
    authority: str = ""
    territory: str | None = None  # KATO


@dataclass(frozen=True)
class DocInfo:
    code: str
    type: str
    period_start: int
    period_end: int
    status: str = "draft"


@dataclass(frozen=True)
class RemoteIndicator:
    """An indicator of another document, as far as the rules need it."""

    document: str
    document_type: str
    code: str
    kind: str
    title: dict[str, str]
    unit: dict[str, str]
    polarity: str
    value_kind: str
    in_strategic_map: bool = False
    responsible: str | None = None
    territory: str | None = None
    period_start: int = 0
    period_end: int = 0
    values: dict[int, Decimal] = field(default_factory=dict)  # year -> effective annual plan

    @property
    def ref(self) -> str:
        return f"{self.document}:{self.code}"


@dataclass
class Context:
    """Everything a check needs from outside the document. Built from the database by `compliance.context`."""

    today: dt.date = field(default_factory=dt.date.today)
    orgs: dict[str, OrgInfo] = field(default_factory=dict)
    official_ranks: dict[tuple[str, str], str] = field(default_factory=dict)  # (org code, full name) -> rank
    remote: dict[str, RemoteIndicator] = field(default_factory=dict)  # "DOC:CODE" -> higher indicator
    higher_documents: dict[str, DocInfo] = field(default_factory=dict)  # the documents it implements
    child_documents: list[DocInfo] = field(default_factory=list)  # the documents that implement it
    assigned: list[RemoteIndicator] = field(default_factory=list)  # SIM / national project rows assigned to it


# --------------------------------------------------------------------------------------------- helpers


def text_of(text) -> dict[str, str]:
    """A payload Text (or dict) as a plain dict."""
    if text is None:
        return {}
    if isinstance(text, dict):
        return text
    return {"kk": text.kk, "ru": text.ru, "en": text.en}


def filled(text) -> bool:
    """True when a text (plain string or kk/ru/en) has something in at least one language."""
    if text is None:
        return False
    if isinstance(text, str):
        return bool(text.strip())
    for value in (text.values() if isinstance(text, dict) else (text.kk, text.ru, text.en)):
        if value and value.strip():
            return True
    return False


def document_ref(payload) -> ItemRef:
    return ItemRef("document", payload.code, text_of(payload.title))


def goal_ref(goal) -> ItemRef:
    return ItemRef("goal", goal.code, text_of(goal.title))


def task_ref(goal, task) -> ItemRef:
    return ItemRef("task", f"{goal.code}/{task.code}", text_of(task.title))


def indicator_ref(ind) -> ItemRef:
    return ItemRef("indicator", ind.code, text_of(ind.title))


def measure_ref(m) -> ItemRef:
    return ItemRef("measure", m.code, text_of(m.title))


def is_breakdown(payload, ind) -> bool:
    """A row that breaks down an indicator of the same document by region, district, body or sector (Annex 7)."""
    memo = _MEMO.get()
    if memo is not None:
        rows, breakdowns = _breakdowns(payload, memo)
        if id(ind) in rows:  # one of the payload's own rows (always, in the rules)
            return id(ind) in breakdowns
    return _is_breakdown(payload, ind)


def _is_breakdown(payload, ind) -> bool:
    own = f"{payload.code}:"
    return any(p.indicator.startswith(own) and p.dimension != "document" for p in ind.parents)


# While `run_rules` runs, the facts that several rules ask for are worked out once per payload or indicator
# (issue 7, case b: `is_breakdown` was asked ~366,000 times for the whole country, `annual_plans` ~39,000,
# `main_indicators` ~2,000 times over the same lists). Keys hold the object they describe, so an id() is never
# reused while the memo lives; valid while the payload is alive and unchanged, which is one `run_rules` call.
_MEMO: ContextVar[dict[Any, Any] | None] = ContextVar("jospar_rule_memo", default=None)


def _breakdowns(payload, memo: dict[Any, Any]) -> tuple[frozenset[int], frozenset[int]]:
    """The id() of every indicator of the payload and of its breakdown rows (computed once per run, with the
    same test as `_is_breakdown`)."""
    key = ("breakdowns", id(payload))
    found = memo.get(key)
    if found is None or found[0] is not payload:
        own = f"{payload.code}:"
        rows = frozenset(id(i) for i in payload.indicators)
        breakdowns = frozenset(id(i) for i in payload.indicators
                               if any(p.indicator.startswith(own) and p.dimension != "document" for p in i.parents))
        main = tuple(i for i in payload.indicators if id(i) not in breakdowns)
        found = memo[key] = (payload, rows, breakdowns, main)
    return found[1], found[2]


def _not_breakdowns(payload, memo: dict[Any, Any]) -> tuple:
    """The indicators of the payload other than breakdown rows, in their order."""
    _breakdowns(payload, memo)
    return memo[("breakdowns", id(payload))][3]


@contextmanager
def remembering_breakdowns() -> Iterator[None]:
    """Remember the per-payload facts of the rules (breakdown rows, main indicators, annual plans) for a run."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def external_parents(payload, ind) -> list:
    own = f"{payload.code}:"
    return [p for p in ind.parents if not p.indicator.startswith(own)]


def goal_indicators(payload, kinds=("target", "macro", "strategic")) -> dict[str, list]:
    """The indicators of each goal (breakdown rows excluded), by goal code."""
    out: dict[str, list] = {g.code: [] for g in payload.goals}
    for ind in main_indicators(payload, kinds):
        if ind.goal in out:
            out[ind.goal].append(ind)
    return out


def linked_refs(payload) -> frozenset[str]:
    """Every "DOC:CODE" an indicator of the document links up to (once per `run_rules`)."""
    memo = _MEMO.get()
    if memo is None:
        return frozenset(p.indicator for ind in payload.indicators for p in ind.parents)
    key = ("linked", id(payload))
    found = memo.get(key)
    if found is None or found[0] is not payload:
        found = memo[key] = (payload, frozenset(p.indicator for ind in payload.indicators for p in ind.parents))
    return found[1]


def main_indicators(payload, kinds=("target", "macro", "strategic", "result")) -> Iterator:
    """The indicators of the document other than breakdown rows."""
    memo = _MEMO.get()
    if memo is None:
        return (i for i in payload.indicators if i.kind in kinds and not is_breakdown(payload, i))
    key = ("main", id(payload), tuple(kinds))
    found = memo.get(key)
    if found is None or found[0] is not payload:
        found = memo[key] = (payload, tuple(i for i in _not_breakdowns(payload, memo) if i.kind in kinds))
    return iter(found[1])


def annual_plans(ind) -> dict[int, Decimal]:
    """year -> the effective plan of the whole year (corrected if corrected). Do not change the dict: during
    `run_rules` every rule that asks for the plans of one indicator gets the same one."""
    memo = _MEMO.get()
    if memo is None:
        return _annual_plans(ind)
    key = ("plans", id(ind))
    found = memo.get(key)
    if found is None or found[0] is not ind:
        found = memo[key] = (ind, _annual_plans(ind))
    return found[1]


def _annual_plans(ind) -> dict[int, Decimal]:
    out = {}
    for v in ind.values:
        if v.quarter == 0:
            value = v.corrected_plan if v.corrected_plan is not None else v.plan
            if value is not None:
                out[v.year] = value
    return out


def years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))
