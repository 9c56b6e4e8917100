"""The refusals of a correction (cl. 209-213): pure checks of an old payload against the new one.

Not part of the document registry: they judge a change, not a document. Each returns `Finding`s (severity
error) naming the item and the clause; `planning.corrections.do_correct_document` refuses when any exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .base import ERROR, Finding, ItemRef, annual_plans, document_ref, gettext_noop, indicator_ref, text_of

STATE_BODY_PLANS = ("sbdp", "operational_plan")
REGIONAL_PLANS = ("rdp",)
LAST_DAY_OF_REGIONAL_CORRECTION = (12, 15)  # cl. 211: not later than 15 December


@dataclass(frozen=True)
class Change:
    """One item that differs between two versions of a document."""

    kind: str  # direction | goal | task | indicator | measure | section | document
    code: str
    change: str  # added | removed | changed
    fields: tuple[str, ...] = ()


def _items(payload) -> dict[tuple[str, str], dict]:
    out = {("document", payload.code): payload.model_dump(
        mode="json", exclude={"sections", "directions", "goals", "indicators", "measures", "version",
                              "previous_version", "correction_basis", "approval_act", "status"})}
    for s in payload.sections:
        out[("section", s.key)] = s.model_dump(mode="json")
    for d in payload.directions:
        out[("direction", d.code)] = d.model_dump(mode="json")
    for g in payload.goals:
        out[("goal", g.code)] = g.model_dump(mode="json", exclude={"tasks"})
        for t in g.tasks:
            out[("task", f"{g.code}/{t.code}")] = t.model_dump(mode="json")
    for i in payload.indicators:
        out[("indicator", i.code)] = i.model_dump(mode="json")
    for m in payload.measures:
        out[("measure", m.code)] = m.model_dump(mode="json")
    return out


def diff(old, new) -> list[Change]:
    """The items added, removed or changed from `old` to `new` (two payloads of one document)."""
    a, b = _items(old), _items(new)
    out = []
    for key in sorted(set(a) | set(b)):
        if key not in a:
            out.append(Change(key[0], key[1], "added"))
        elif key not in b:
            out.append(Change(key[0], key[1], "removed"))
        elif a[key] != b[key]:
            fields = tuple(sorted(f for f in set(a[key]) | set(b[key]) if a[key].get(f) != b[key].get(f)))
            out.append(Change(key[0], key[1], "changed", fields))
    return out


def _finding(rule: str, clause: str, item: ItemRef, message: str, **params) -> Finding:
    return Finding(rule, clause, ERROR, item, message, params)


def _worse(polarity: str, old, new) -> bool:
    return new > old if polarity == "decrease" else new < old


def correction_refusals(old, new, *, today: dt.date, underspending: bool = False,
                        corrected_this_year: bool = False) -> list[Finding]:
    """Why a correction from `old` to `new` on `today` is not allowed; [] when it is."""
    out: list[Finding] = []
    changes = diff(old, new)
    planning_items = [c for c in changes if c.kind in ("goal", "task", "indicator")]

    # cl. 209: no correction of goals, indicators, tasks in the last year of implementation
    if today.year >= old.period_end and planning_items:
        for c in planning_items:
            out.append(_finding("CL-209", "cl. 209", ItemRef(c.kind, c.code), gettext_noop(
                "goals, target indicators, tasks and result indicators are not corrected in the last year of "
                "implementation (%(year)s)"), year=old.period_end))

    # cl. 211: regional plans: once a year, not later than 15 December
    if old.type in REGIONAL_PLANS:
        month, day = LAST_DAY_OF_REGIONAL_CORRECTION
        if today > dt.date(today.year, month, day):
            out.append(_finding("CL-211", "cl. 211", document_ref(old), gettext_noop(
                "a regional plan is corrected not later than 15 December of the current year")))
        if corrected_this_year:
            out.append(_finding("CL-211", "cl. 211", document_ref(old), gettext_noop(
                "a regional plan is corrected once a year; it was already corrected in %(year)s"), year=today.year))

    old_ind = {i.code: i for i in old.indicators}
    for ind in new.indicators:
        before = old_ind.get(ind.code)
        if before is None:
            continue
        was, now = annual_plans(before), annual_plans(ind)
        # cl. 213: values of periods already past are not changed
        past = sorted(y for y in set(was) | set(now) if y < today.year and was.get(y) != now.get(y))
        if past:
            out.append(_finding("CL-213", "cl. 213", indicator_ref(ind), gettext_noop(
                "the values of %(years)s are not changed: their period has passed"),
                years=", ".join(map(str, past))))
        # cl. 210: a state body does not lower TI values for expected under-spending after the third quarter
        if underspending and old.type in STATE_BODY_PLANS and today >= dt.date(today.year, 10, 1):
            y = today.year
            if y in was and y in now and _worse(ind.polarity, was[y], now[y]):
                out.append(_finding("CL-210", "cl. 210", indicator_ref(ind), gettext_noop(
                    "the value of %(year)s is not lowered for expected under-spending after the third quarter"),
                    year=y))
    return out


__all__ = ["Change", "correction_refusals", "diff", "text_of"]
