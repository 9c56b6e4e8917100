"""Import and export of whole documents in the JSON interchange format.

Import is all-or-nothing: the payload is parsed, validated against the schema and checked for every
reference (organizations, territories, goals, tasks, indicators, higher documents) before anything is
written; every problem is reported with its JSON path, the value and the rule, and then nothing is
written. A valid payload is applied in one transaction that creates, updates and deletes items so that the
document in the database equals the payload. Items that did not change are not saved again, so importing
the same file twice changes nothing and adds nothing to the history.

Import checks structure only. Whether a document follows the methodology (cl. 35, 46, 48, ...) is the
compliance checker's business: a draft may be incomplete.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext_noop
from pydantic import ValidationError

from jospar.core.history import stamp
from jospar.core.models import Official, OfficialRank, Organization, Territory
from jospar.planning.choices import Polarity
from jospar.planning.models import (
    DecompositionLink,
    Direction,
    Document,
    FinancialNeed,
    FinancialNeedAmount,
    Financing,
    Goal,
    Indicator,
    IndicatorCoExecutor,
    IndicatorValue,
    Measure,
    Resources,
    Section,
    Task,
)

from . import schema as s
from .export import export_document as _read_document
from .problems import Problem, from_pydantic

LANGS = ("kk", "ru", "en")


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "; ".join(f"{p.path}: {p.rule}" for p in problems[:5]) + ("; ..." if len(problems) > 5 else "")
        super().__init__(f"{len(problems)} problem(s); nothing was written: {shown}")


@dataclass
class ImportResult:
    document: Document
    created: bool
    changes: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> int:
        return sum(self.changes.values())


# --------------------------------------------------------------------------------------------- messages

UNKNOWN_ORG = gettext_noop("unknown organization code")
UNKNOWN_KATO = gettext_noop("unknown territory (KATO code)")
NO_DIRECTION = gettext_noop("no direction with this code in the document")
NO_GOAL = gettext_noop("no goal with this code in the document")
NO_TASK = gettext_noop("goal %(goal)s has no task with this code")
NO_INDICATOR = gettext_noop("no indicator with this code in the document")
TASK_WITHOUT_GOAL = gettext_noop("a task is named within its goal: give the goal too")
CO_EXECUTOR_TWICE = gettext_noop("a co-executor is listed twice")


# --------------------------------------------------------------------------------------------- parsing


def _path(loc: Iterable[Any]) -> str:
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _dig(data: Any, loc: Iterable[Any]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _nul_paths(data: Any, path: str):
    if isinstance(data, str):
        if "\x00" in data:
            yield path, data.replace("\x00", "\\u0000")
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _nul_paths(value, f"{path}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _nul_paths(value, f"{path}[{i}]")


def parse_payload(raw: str | bytes | dict) -> s.DocumentPayload:
    """Parse and validate; raise ImportRejected naming every bad field."""
    if isinstance(raw, dict):
        data = raw
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ImportRejected([Problem(
                "$", None, gettext_noop("not valid JSON: %(error)s at line %(line)s column %(column)s"),
                {"error": exc.msg, "line": exc.lineno, "column": exc.colno}, "invalid_json")]) from None
        except UnicodeDecodeError as exc:
            raise ImportRejected([Problem("$", None, gettext_noop("not UTF-8 text: %(reason)s"),
                                          {"reason": exc.reason}, "not_utf8")]) from None
    if not isinstance(data, dict):
        raise ImportRejected([Problem("$", data, gettext_noop("a document must be a JSON object"), {},
                                      "not_an_object")])
    nul = list(_nul_paths(data, "$"))
    if nul:
        raise ImportRejected([Problem(path, value, gettext_noop("text may not contain the NUL character (U+0000)"),
                                      {}, "nul_character") for path, value in nul])
    try:
        return s.DocumentPayload.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            # pydantic reports a tagged choice per alternative; the location before the tag is what the user wrote.
            clean = [p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))]
            problems.append(from_pydantic(_path(clean), _dig(data, clean), {**err, "loc": tuple(clean)}))
        raise ImportRejected(_unique(problems)) from None


def _unique(problems: list[Problem]) -> list[Problem]:
    """One problem per path and message (a value refused by both branches of `X | None` is reported once)."""
    seen, out = set(), []
    for p in problems:
        key = (p.path, p.message, tuple(sorted((k, str(v)) for k, v in p.params.items())))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# ------------------------------------------------------------------------------------------ references


def _duplicates(values: Iterable[Any]) -> set[Any]:
    return {v for v, n in Counter(values).items() if n > 1}


class _Refs:
    """The database rows a payload refers to, fetched in a fixed number of queries."""

    def __init__(self, payload: s.DocumentPayload):
        org_codes = {payload.developer, *payload.co_executors}
        org_codes.update(code for g in payload.goals for code in g.related_bodies)
        katos = {payload.territory} if payload.territory else set()
        doc_codes = {*payload.implements}
        if payload.previous_version:
            doc_codes.add(payload.previous_version)
        for ind in payload.indicators:
            org_codes.update(c.organization for c in ind.co_executors)
            if ind.responsible:
                org_codes.add(ind.responsible)
            if ind.initiator:
                org_codes.add(ind.initiator)
            if ind.territory:
                katos.add(ind.territory)
            doc_codes.update(p.indicator.split(":", 1)[0] for p in ind.parents)
        for m in payload.measures:
            org_codes.update(m.co_executors)
            if m.responsible:
                org_codes.add(m.responsible)
            if m.territory:
                katos.add(m.territory)
            org_codes.update(f.administrator for f in m.financing if f.administrator)
        self.orgs = {o.code: o for o in Organization.objects.filter(code__in=org_codes)}
        self.territories = {t.kato: t for t in Territory.objects.filter(kato__in=katos)}
        self.documents = {d.code: d for d in Document.objects.filter(code__in=doc_codes)}
        external = [p.indicator.split(":", 1) for ind in payload.indicators for p in ind.parents]
        wanted = {(d, c) for d, c in external if d != payload.code}
        self.indicators: dict[tuple[str, str], Indicator] = {}
        if wanted:
            rows = Indicator.objects.filter(
                document__code__in={d for d, _ in wanted}, code__in={c for _, c in wanted}
            ).select_related("document")
            self.indicators = {(i.document.code, i.code): i for i in rows}


def check_references(payload: s.DocumentPayload, refs: _Refs | None = None) -> list[Problem]:
    refs = refs or _Refs(payload)
    problems: list[Problem] = []

    def bad(path: str, value: Any, code: str, message: str, **params: Any) -> None:
        problems.append(Problem(path, value, message, params, code))

    def org(path: str, code: str | None) -> None:
        if code and code not in refs.orgs:
            bad(path, code, "unknown_organization", UNKNOWN_ORG)

    def kato(path: str, code: str | None) -> None:
        if code and code not in refs.territories:
            bad(path, code, "unknown_territory", UNKNOWN_KATO)

    period = f"{payload.period_start}-{payload.period_end}"
    if payload.period_end < payload.period_start:
        bad("$.period_end", payload.period_end, "period_order",
            gettext_noop("the last year is before the first year %(start)s"), start=payload.period_start)
    org("$.developer", payload.developer)
    for i, code in enumerate(payload.co_executors):
        org(f"$.co_executors[{i}]", code)
    for code in _duplicates(payload.co_executors):
        bad("$.co_executors", code, "duplicate_code", CO_EXECUTOR_TWICE)
    kato("$.territory", payload.territory)
    for i, code in enumerate(payload.implements):
        if code == payload.code:
            bad(f"$.implements[{i}]", code, "self_reference", gettext_noop("a document cannot implement itself"))
        elif code not in refs.documents:
            bad(f"$.implements[{i}]", code, "unknown_document", gettext_noop("unknown higher document code"))
    if payload.previous_version and payload.previous_version not in refs.documents:
        bad("$.previous_version", payload.previous_version, "unknown_document", gettext_noop("unknown document code"))
    if payload.previous_version == payload.code:
        bad("$.previous_version", payload.code, "self_reference",
            gettext_noop("a document cannot be its own previous version"))

    for key in _duplicates(sec.key for sec in payload.sections):
        bad("$.sections", key, "duplicate_code", gettext_noop("two sections have the same key"))
    direction_codes = [d.code for d in payload.directions]
    for code in _duplicates(direction_codes):
        bad("$.directions", code, "duplicate_code", gettext_noop("two directions have the same code"))
    goal_codes = [g.code for g in payload.goals]
    for code in _duplicates(goal_codes):
        bad("$.goals", code, "duplicate_code", gettext_noop("two goals have the same code"))
    tasks_of = {g.code: {t.code for t in g.tasks} for g in payload.goals}
    for gi, goal in enumerate(payload.goals):
        if goal.direction and goal.direction not in direction_codes:
            bad(f"$.goals[{gi}].direction", goal.direction, "unknown_reference", NO_DIRECTION)
        for bi, code in enumerate(goal.related_bodies):
            org(f"$.goals[{gi}].related_bodies[{bi}]", code)
        for code in _duplicates(goal.related_bodies):
            bad(f"$.goals[{gi}].related_bodies", code, "duplicate_code",
                gettext_noop("the body is named twice among the related bodies of the goal (cl. 124)"))
        for code in _duplicates(t.code for t in goal.tasks):
            bad(f"$.goals[{gi}].tasks", code, "duplicate_code", gettext_noop("two tasks of one goal have the same code"))

    years = range(payload.period_start, payload.period_end + 1)
    indicator_codes = {ind.code for ind in payload.indicators}
    for code in _duplicates(ind.code for ind in payload.indicators):
        bad("$.indicators", code, "duplicate_code", gettext_noop("two indicators have the same code"))
    for ii, ind in enumerate(payload.indicators):
        p = f"$.indicators[{ii}]"
        if ind.direction and ind.direction not in direction_codes:
            bad(f"{p}.direction", ind.direction, "unknown_reference", NO_DIRECTION)
        if ind.goal and ind.goal not in tasks_of:
            bad(f"{p}.goal", ind.goal, "unknown_reference", NO_GOAL)
        if ind.task:
            if not ind.goal:
                bad(f"{p}.task", ind.task, "task_without_goal", TASK_WITHOUT_GOAL)
            elif ind.goal in tasks_of and ind.task not in tasks_of[ind.goal]:
                bad(f"{p}.task", ind.task, "unknown_reference", NO_TASK, goal=ind.goal)
        org(f"{p}.responsible", ind.responsible)
        org(f"{p}.initiator", ind.initiator)
        if ind.responsible_official and not ind.responsible:
            bad(f"{p}.responsible_official", ind.responsible_official.full_name, "official_without_body",
                gettext_noop("a responsible official belongs to the responsible body: give the body too"))
        kato(f"{p}.territory", ind.territory)
        if ind.range_low is not None and ind.range_high is not None and ind.range_high < ind.range_low:
            bad(f"{p}.range_high", str(ind.range_high), "range_order",
                gettext_noop("the upper bound of the range is below the lower bound"))
        if ind.polarity == Polarity.KEEP_RANGE and (ind.range_low is None or ind.range_high is None):
            bad(f"{p}.polarity", ind.polarity, "range_required",
                gettext_noop("an indicator kept within a range needs range_low and range_high"))
        for ci, co in enumerate(ind.co_executors):
            org(f"{p}.co_executors[{ci}].organization", co.organization)
        for code in _duplicates(c.organization for c in ind.co_executors):
            bad(f"{p}.co_executors", code, "duplicate_code", CO_EXECUTOR_TWICE)
        for vi, value in enumerate(ind.values):
            if value.year not in years:
                bad(f"{p}.values[{vi}].year", value.year, "outside_period", gettext_noop(
                    "outside the document period %(period)s (cl. 35: values are set for the years of the "
                    "planning period)"), period=period)
        for when in _duplicates((v.year, v.quarter) for v in ind.values):
            bad(f"{p}.values", {"year": when[0], "quarter": when[1]}, "duplicate_period",
                gettext_noop("two values for the same period"))
        for pi, link in enumerate(ind.parents):
            doc_code, ind_code = link.indicator.split(":", 1)
            path = f"{p}.parents[{pi}].indicator"
            if doc_code == payload.code:
                if ind_code not in indicator_codes:
                    bad(path, link.indicator, "unknown_reference", NO_INDICATOR)
                elif ind_code == ind.code:
                    bad(path, link.indicator, "self_reference", gettext_noop("an indicator cannot decompose itself"))
            elif doc_code not in refs.documents:
                bad(path, link.indicator, "unknown_document", gettext_noop("unknown document code"))
            elif (doc_code, ind_code) not in refs.indicators:
                bad(path, link.indicator, "unknown_reference",
                    gettext_noop("document %(document)s has no indicator with this code"), document=doc_code)
        for ref in _duplicates(link.indicator for link in ind.parents):
            bad(f"{p}.parents", ref, "duplicate_code", gettext_noop("the same higher indicator is linked twice"))

    positions: dict[tuple[str, str], tuple[str, Any]] = {}
    for ii, ind in enumerate(payload.indicators):
        official = ind.responsible_official
        if official and ind.responsible:
            key = (ind.responsible, official.full_name)
            first = positions.setdefault(key, (f"$.indicators[{ii}]", official.position.model_dump()))
            if first[1] != official.position.model_dump():
                bad(f"$.indicators[{ii}].responsible_official.position", official.position.model_dump(),
                    "official_position_conflict",
                    gettext_noop("the same official has another position at %(where)s"), where=first[0])

    for code in _duplicates(m.code for m in payload.measures):
        bad("$.measures", code, "duplicate_code", gettext_noop("two measures have the same code"))
    for mi, m in enumerate(payload.measures):
        p = f"$.measures[{mi}]"
        if m.goal and m.goal not in tasks_of:
            bad(f"{p}.goal", m.goal, "unknown_reference", NO_GOAL)
        if m.task:
            if not m.goal:
                bad(f"{p}.task", m.task, "task_without_goal", TASK_WITHOUT_GOAL)
            elif m.goal in tasks_of and m.task not in tasks_of[m.goal]:
                bad(f"{p}.task", m.task, "unknown_reference", NO_TASK, goal=m.goal)
        for k, code in enumerate(m.indicators):
            if code not in indicator_codes:
                bad(f"{p}.indicators[{k}]", code, "unknown_reference", NO_INDICATOR)
        org(f"{p}.responsible", m.responsible)
        for k, code in enumerate(m.co_executors):
            org(f"{p}.co_executors[{k}]", code)
        kato(f"{p}.territory", m.territory)
        for fi, f in enumerate(m.financing):
            org(f"{p}.financing[{fi}].administrator", f.administrator)
            if f.year not in years:
                bad(f"{p}.financing[{fi}].year", f.year, "outside_period",
                    gettext_noop("outside the document period %(period)s"), period=period)
        for line in _duplicates((f.year, f.source, f.budget_program_code) for f in m.financing):
            bad(f"{p}.financing", {"year": line[0], "source": line[1], "budget_program_code": line[2]},
                "duplicate_period", gettext_noop("two financing lines for the same year, source and budget programme"))

    _check_resources(payload, bad)
    _check_financial_need(payload, set(tasks_of), indicator_codes, bad)
    return problems


def resource_years(payload: s.DocumentPayload) -> range:
    """The years of section 4 "Resources" (cl. 117; Annex 3 s.4): the reporting year (first year - 2), the
    current year (first year - 1) and every year of the planning period."""
    return range(payload.period_start - 2, payload.period_end + 1)


def _check_resources(payload: s.DocumentPayload, bad) -> None:
    allowed = resource_years(payload)
    for ri, row in enumerate(payload.resources):
        p = f"$.resources[{ri}]"
        if row.year not in allowed:
            bad(f"{p}.year", row.year, "outside_period", gettext_noop(
                "outside the years of the Resources section %(first)s-%(last)s: the reporting year, the current "
                "year and the planning period (cl. 117; Annex 3 s.4)"), first=allowed.start, last=allowed.stop - 1)
        total, part = row.budget_expenditure, row.national_project_expenditure
        if total is not None and part is not None and part > total:
            bad(f"{p}.national_project_expenditure", s._decimal_text(part), "national_project_above_total",
                gettext_noop("the expenditure on national projects %(part)s is above the total budget expenditure "
                             "%(total)s of the year (Annex 3 s.4: \"of which\")"),
                part=s._decimal_text(part), total=s._decimal_text(total))
    for year in _duplicates(r.year for r in payload.resources):
        bad("$.resources", year, "duplicate_period", gettext_noop("two rows of resources for the same year"))


def _check_financial_need(payload: s.DocumentPayload, goal_codes: set[str], indicator_codes: set[str], bad) -> None:
    years = range(payload.period_start, payload.period_end + 1)
    period = f"{payload.period_start}-{payload.period_end}"
    for ni, need in enumerate(payload.financial_need):
        p = f"$.financial_need[{ni}]"
        if (need.goal is None) == (need.indicator is None):
            bad(p, {"goal": need.goal, "indicator": need.indicator}, "goal_xor_indicator", gettext_noop(
                "a row of the financial need is for one goal or for one target indicator: give exactly one of "
                "them (Annex 4 cols. 2-3)"))
        if need.goal is not None and need.goal not in goal_codes:
            bad(f"{p}.goal", need.goal, "unknown_reference", NO_GOAL)
        if need.indicator is not None and need.indicator not in indicator_codes:
            bad(f"{p}.indicator", need.indicator, "unknown_reference", NO_INDICATOR)
        for ai, amount in enumerate(need.amounts):
            if amount.year not in years:
                bad(f"{p}.amounts[{ai}].year", amount.year, "outside_period", gettext_noop(
                    "outside the planning period %(period)s (Annex 4 cols. 5-9: the need by year of the plan)"),
                    period=period)
        for year in _duplicates(a.year for a in need.amounts):
            bad(f"{p}.amounts", year, "duplicate_period", gettext_noop("two amounts for the same year"))
    for code in _duplicates(n.goal for n in payload.financial_need if n.goal is not None):
        bad("$.financial_need", code, "duplicate_code",
            gettext_noop("the goal has two rows of the financial need (Annex 4)"))
    for code in _duplicates(n.indicator for n in payload.financial_need if n.indicator is not None):
        bad("$.financial_need", code, "duplicate_code",
            gettext_noop("the target indicator has two rows of the financial need (Annex 4)"))


# ---------------------------------------------------------------------------------------------- writing


def _text_fields(name: str, text: s.Text) -> dict[str, str]:
    return {f"{name}_{lang}": getattr(text, lang) for lang in LANGS}


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return (a is None or a == "") and (b is None or b == "")
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return Decimal(str(a)) == Decimal(str(b))
    if isinstance(a, Model) or isinstance(b, Model):
        return getattr(a, "pk", a) == getattr(b, "pk", b)
    return a == b


def _current(obj: Model, name: str) -> Any:
    """The stored value of a field; for a relation its id, so that comparing loads nothing."""
    field = obj._meta.get_field(name)
    return getattr(obj, field.attname) if field.is_relation else getattr(obj, name)


class _Writer:
    def __init__(self, *, acting_user, reason: str):
        self.user = acting_user
        self.reason = reason
        self.changes: Counter = Counter()

    def _stamp(self, obj: Model) -> None:
        stamp(obj, self.user, self.reason)

    def save(self, obj: Model | None, model: type[Model], values: dict[str, Any]) -> Model:
        """Create, or update only when some value differs (so a re-import writes nothing)."""
        if obj is None:
            obj = model(**values)
            self._stamp(obj)
            obj.save()
            self.changes[f"{model._meta.model_name} created"] += 1
            return obj
        dirty = [k for k, v in values.items() if not _same(_current(obj, k), v)]
        if dirty:
            for k in dirty:
                setattr(obj, k, values[k])
            self._stamp(obj)
            obj.save()
            self.changes[f"{model._meta.model_name} updated"] += 1
        return obj

    def sync(
        self,
        model: type[Model],
        existing: Iterable[Model],
        key: Callable[[Model], Any],
        items: list[tuple[Any, dict[str, Any]]],
    ) -> dict[Any, Model]:
        """Make the rows of one parent equal to `items` [(key, values)]; return them by key."""
        current = {key(obj): obj for obj in existing}
        result = {}
        for k, values in items:
            result[k] = self.save(current.pop(k, None), model, values)
        for obj in current.values():
            self._stamp(obj)
            obj.delete()
            self.changes[f"{model._meta.model_name} deleted"] += 1
        return result

    def set_m2m(self, obj: Model, name: str, targets: Iterable[Model]) -> None:
        manager = getattr(obj, name)
        wanted = {t.pk for t in targets}
        if {pk for pk in manager.values_list("pk", flat=True)} != wanted:
            manager.set(wanted)
            self.changes[f"{obj._meta.model_name} {name} set"] += 1


def do_import_document(
    payload: s.DocumentPayload, *, acting_user=None, reason: str = "JSON import"
) -> ImportResult:
    """Validate every reference, then make the database equal the payload in one transaction."""
    refs = _Refs(payload)
    problems = check_references(payload, refs)
    if problems:
        raise ImportRejected(problems)
    writer = _Writer(acting_user=acting_user, reason=reason)
    with transaction.atomic():
        existing = Document.objects.select_for_update().filter(code=payload.code).first()
        created = existing is None
        document = writer.save(existing, Document, {
            "code": payload.code,
            "type": payload.type,
            **_text_fields("title", payload.title),
            "period_start": payload.period_start,
            "period_end": payload.period_end,
            "developer": refs.orgs[payload.developer],
            "territory": refs.territories.get(payload.territory) if payload.territory else None,
            "status": payload.status,
            "confidentiality": payload.confidentiality,
            "approval_act_name": payload.approval_act.name,
            "approval_act_number": payload.approval_act.number,
            "approval_act_date": payload.approval_act.date,
            **_text_fields("basis", payload.basis),
            **_text_fields("mission", payload.mission),
            **_text_fields("vision", payload.vision),
            "version": payload.version,
            "previous_version": refs.documents.get(payload.previous_version) if payload.previous_version else None,
            "correction_basis": payload.correction_basis,
        })
        writer.set_m2m(document, "co_executors", [refs.orgs[c] for c in payload.co_executors])
        writer.set_m2m(document, "parents", [refs.documents[c] for c in payload.implements])

        writer.sync(Section, document.sections.all(), lambda o: o.key, [
            (sec.key, {"document": document, "key": sec.key, "order": sec.order,
                       **_text_fields("title", sec.title), **_text_fields("text", sec.text),
                       "confidentiality": sec.confidentiality})
            for sec in payload.sections
        ])
        directions = writer.sync(Direction, document.directions.all(), lambda o: o.code, [
            (d.code, {"document": document, "code": d.code, "order": d.order, **_text_fields("title", d.title)})
            for d in payload.directions
        ])
        goals = writer.sync(Goal, document.goals.all(), lambda o: o.code, [
            (g.code, {"document": document, "direction": directions.get(g.direction) if g.direction else None,
                      "code": g.code, "order": g.order, **_text_fields("title", g.title),
                      "achievement_year": g.achievement_year,
                      "budget_program_codes": ",".join(g.budget_program_codes)})
            for g in payload.goals
        ])
        for g in payload.goals:
            writer.set_m2m(goals[g.code], "related_bodies", [refs.orgs[c] for c in g.related_bodies])
        tasks: dict[tuple[str, str], Task] = {}
        existing_tasks = list(Task.objects.filter(goal__document=document).select_related("goal"))
        tasks = writer.sync(Task, existing_tasks, lambda o: (o.goal.code, o.code), [
            ((g.code, t.code), {"goal": goals[g.code], "code": t.code, "order": t.order,
                                **_text_fields("title", t.title), "deadline_year": t.deadline_year})
            for g in payload.goals for t in g.tasks
        ])

        officials = _officials(payload, refs, writer)
        indicators = writer.sync(Indicator, document.indicators.all(), lambda o: o.code, [
            (ind.code, _indicator_values(ind, document, directions, goals, tasks, refs, officials))
            for ind in payload.indicators
        ])
        by_code = {code: ind for code, ind in indicators.items()}
        _sync_indicator_children(payload, document, by_code, refs, writer)

        measures = writer.sync(Measure, document.measures.all(), lambda o: o.code, [
            (m.code, {
                "document": document, "code": m.code, "order": m.order,
                "goal": goals.get(m.goal) if m.goal else None,
                "task": tasks.get((m.goal, m.task)) if m.task else None,
                **_text_fields("title", m.title), **_text_fields("completion_form", m.completion_form),
                "start_year": m.start_year, "deadline": m.deadline,
                **_text_fields("deadline_text", m.deadline_text),
                "responsible": refs.orgs.get(m.responsible) if m.responsible else None,
                "territory": refs.territories.get(m.territory) if m.territory else None,
                **_text_fields("unit", m.unit), "planned_quantity": m.planned_quantity,
                **_text_fields("expected_result", m.expected_result), "confidentiality": m.confidentiality,
            })
            for m in payload.measures
        ])
        existing_fin: dict[int, list[Financing]] = {}
        for f in Financing.objects.filter(measure__document=document):
            existing_fin.setdefault(f.measure_id, []).append(f)
        for m in payload.measures:
            measure = measures[m.code]
            writer.set_m2m(measure, "indicators", [by_code[c] for c in m.indicators])
            writer.set_m2m(measure, "co_executors", [refs.orgs[c] for c in m.co_executors])
            writer.sync(Financing, existing_fin.get(measure.pk, []),
                        lambda o: (o.year, o.source, o.budget_program_code), [
                ((f.year, f.source, f.budget_program_code), {
                    "measure": measure, "year": f.year, "source": f.source, "budget_level": f.budget_level,
                    "budget_program_code": f.budget_program_code,
                    "administrator": refs.orgs.get(f.administrator) if f.administrator else None,
                    "plan": f.plan, "corrected_plan": f.corrected_plan, "absorbed": f.absorbed,
                    "reason_unabsorbed": f.reason_unabsorbed,
                })
                for f in m.financing
            ])
        _sync_resources_and_need(payload, document, goals, by_code, writer)
    return ImportResult(document=document, created=created, changes=writer.changes)


def _sync_resources_and_need(payload, document, goals, indicators, writer: _Writer) -> None:
    """Section 4 "Resources" by year (cl. 117) and the rows of Annex 4 with their amounts (cl. 119-120)."""
    writer.sync(Resources, document.resources.all(), lambda o: o.year, [
        (r.year, {"document": document, "year": r.year, "budget_expenditure": r.budget_expenditure,
                  "national_project_expenditure": r.national_project_expenditure, "staff": r.staff})
        for r in payload.resources
    ])
    existing = list(FinancialNeed.objects.filter(document=document).select_related("goal", "indicator"))

    def key(need) -> tuple[str, str]:
        return ("goal", need.goal.code) if need.goal_id else ("indicator", need.indicator.code)

    def wanted(item: s.FinancialNeedItem) -> tuple[str, str]:
        return ("goal", item.goal) if item.goal is not None else ("indicator", item.indicator or "")

    needs = writer.sync(FinancialNeed, existing, key, [
        (wanted(n), {"document": document, "goal": goals[n.goal] if n.goal is not None else None,
                     "indicator": indicators[n.indicator] if n.indicator is not None else None,
                     "priority": n.priority, **_text_fields("grounds", n.grounds),
                     **_text_fields("expected_effect", n.expected_effect),
                     **_text_fields("gdp_contribution", n.gdp_contribution),
                     **_text_fields("note_history", n.explanatory_note.history),
                     **_text_fields("note_calculation", n.explanatory_note.calculation),
                     **_text_fields("note_justification", n.explanatory_note.justification)})
        for n in payload.financial_need
    ])
    amounts: dict[int, list[FinancialNeedAmount]] = {}
    for a in FinancialNeedAmount.objects.filter(need__document=document):
        amounts.setdefault(a.need_id, []).append(a)
    for n in payload.financial_need:
        need = needs[wanted(n)]
        writer.sync(FinancialNeedAmount, amounts.get(need.pk, []), lambda o: o.year, [
            (a.year, {"need": need, "year": a.year, "amount": a.amount}) for a in n.amounts
        ])


def _officials(payload: s.DocumentPayload, refs: _Refs, writer: _Writer) -> dict[tuple[str, str], Official]:
    wanted = {(ind.responsible, ind.responsible_official.full_name): ind.responsible_official
              for ind in payload.indicators if ind.responsible_official and ind.responsible}
    if not wanted:
        return {}
    found = {(o.organization.code, o.full_name): o for o in Official.objects.filter(
        organization__code__in={k[0] for k in wanted}, full_name__in={k[1] for k in wanted}
    ).select_related("organization")}
    out = {}
    for key, item in wanted.items():
        values = {"organization": refs.orgs[key[0]], "full_name": key[1], **_text_fields("position", item.position)}
        obj = found.get(key)
        if obj is None:
            values["rank"] = OfficialRank.DEPUTY_HEAD
        out[key] = writer.save(obj, Official, values)
    return out


def _indicator_values(ind, document, directions, goals, tasks, refs, officials) -> dict[str, Any]:
    m = ind.methodology
    return {
        "document": document, "code": ind.code, "kind": ind.kind, "order": ind.order,
        "direction": directions.get(ind.direction) if ind.direction else None,
        "goal": goals.get(ind.goal) if ind.goal else None,
        "task": tasks.get((ind.goal, ind.task)) if ind.task else None,
        **_text_fields("title", ind.title), **_text_fields("unit", ind.unit),
        "value_kind": ind.value_kind, "polarity": ind.polarity, "accumulation": ind.accumulation,
        "range_low": ind.range_low, "range_high": ind.range_high,
        "baseline_year": ind.baseline.year if ind.baseline else None,
        "baseline_value": ind.baseline.value if ind.baseline else None,
        "final_year": ind.final_year, "in_strategic_map": ind.in_strategic_map,
        "data_source_type": m.data_source_type,
        **_text_fields("information_source", m.information_source),
        "data_collection_method": m.data_collection_method,
        **_text_fields("definition", m.definition),
        "data_periodicity": m.data_periodicity,
        **_text_fields("calculation_method", m.calculation_method),
        "calculation_republican": m.calculation_republican, "calculation_local": m.calculation_local,
        "higher_links_note": m.higher_links_note, "is_estimated": m.is_estimated, "method_status": m.status,
        "responsible": refs.orgs.get(ind.responsible) if ind.responsible else None,
        "responsible_official": officials.get((ind.responsible, ind.responsible_official.full_name))
        if ind.responsible_official else None,
        "territory": refs.territories.get(ind.territory) if ind.territory else None,
        "budget_program_code": ind.budget_program_code, **_text_fields("budget_program_name", ind.budget_program_name),
        "sdg": ind.sdg, "confidentiality": ind.confidentiality,
        "attribution": ind.attribution, "initiator": refs.orgs.get(ind.initiator) if ind.initiator else None,
        "district_statistics": ind.district_statistics,
    }


def _sync_indicator_children(payload, document, by_code, refs: _Refs, writer: _Writer) -> None:
    values: dict[int, list[IndicatorValue]] = {}
    for v in IndicatorValue.objects.filter(indicator__document=document):
        values.setdefault(v.indicator_id, []).append(v)
    co_execs: dict[int, list[IndicatorCoExecutor]] = {}
    for c in IndicatorCoExecutor.objects.filter(indicator__document=document).select_related("organization"):
        co_execs.setdefault(c.indicator_id, []).append(c)
    links: dict[int, list[DecompositionLink]] = {}
    for link in DecompositionLink.objects.filter(child__document=document).select_related("parent__document"):
        links.setdefault(link.child_id, []).append(link)
    for ind in payload.indicators:
        obj = by_code[ind.code]
        writer.sync(IndicatorValue, values.get(obj.pk, []), lambda o: (o.year, o.quarter), [
            ((v.year, v.quarter), {"indicator": obj, "year": v.year, "quarter": v.quarter, "plan": v.plan,
                                   "corrected_plan": v.corrected_plan, "fact": v.fact, "reason": v.reason})
            for v in ind.values
        ])
        writer.sync(IndicatorCoExecutor, co_execs.get(obj.pk, []), lambda o: o.organization.code, [
            (c.organization, {"indicator": obj, "organization": refs.orgs[c.organization],
                              "contribution": c.contribution, "share": c.share})
            for c in ind.co_executors
        ])

        def parent_of(ref: str):
            doc_code, ind_code = ref.split(":", 1)
            return by_code[ind_code] if doc_code == payload.code else refs.indicators[(doc_code, ind_code)]

        writer.sync(DecompositionLink, links.get(obj.pk, []), lambda o: f"{o.parent.document.code}:{o.parent.code}", [
            (p.indicator, {"parent": parent_of(p.indicator), "child": obj, "kind": p.kind,
                           "dimension": p.dimension, "weight": p.weight})
            for p in ind.parents
        ])


def import_json(raw: str | bytes | dict, *, acting_user=None, reason: str = "JSON import") -> ImportResult:
    return do_import_document(parse_payload(raw), acting_user=acting_user, reason=reason)


# ---------------------------------------------------------------------------------------------- export


def export_document(document: Document) -> s.DocumentPayload:
    """The document as an interchange payload in canonical order, read in a fixed number of queries (15).

    Plain rows and unvalidated items (`jospar.interchange.export`): the API's GET, the JSON export and the
    compliance checker all go through here.
    """
    return _read_document(document)


def export_json(document: Document) -> str:
    return export_document(document).model_dump_json(indent=2)
