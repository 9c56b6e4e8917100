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
from pydantic import ValidationError

from jospar.core.history import stamp
from jospar.core.models import Official, OfficialRank, Organization, Territory
from jospar.planning.choices import Polarity
from jospar.planning.models import (
    DecompositionLink,
    Direction,
    Document,
    Financing,
    Goal,
    Indicator,
    IndicatorCoExecutor,
    IndicatorValue,
    Measure,
    Section,
    Task,
)

from . import schema as s
from .export import export_document as _read_document

LANGS = ("kk", "ru", "en")


@dataclass(frozen=True)
class Problem:
    """One reason an import was refused: where (JSON path), what (the value) and which rule."""

    path: str
    value: Any
    rule: str

    def __str__(self) -> str:
        shown = json.dumps(self.value, ensure_ascii=False, default=str)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        return f"{self.path}: {shown}: {self.rule}"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "value": self.value, "rule": self.rule}


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:5]) + ("; ..." if len(problems) > 5 else "")
        super().__init__(f"{len(problems)} problem(s); nothing was written: {shown}")


@dataclass
class ImportResult:
    document: Document
    created: bool
    changes: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> int:
        return sum(self.changes.values())


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
            raise ImportRejected([Problem("$", None, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]) from None
        except UnicodeDecodeError as exc:
            raise ImportRejected([Problem("$", None, f"not UTF-8 text: {exc.reason}")]) from None
    if not isinstance(data, dict):
        raise ImportRejected([Problem("$", data, "a document must be a JSON object")])
    nul = list(_nul_paths(data, "$"))
    if nul:
        raise ImportRejected([Problem(path, value, "text may not contain the NUL character (U+0000)")
                              for path, value in nul])
    try:
        return s.DocumentPayload.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            # pydantic reports a tagged choice per alternative; the location before the tag is what the user wrote.
            clean = [p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))]
            problems.append(Problem(_path(clean), _dig(data, clean), err["msg"]))
        raise ImportRejected(problems) from None


# ------------------------------------------------------------------------------------------ references


def _duplicates(values: Iterable[Any]) -> set[Any]:
    return {v for v, n in Counter(values).items() if n > 1}


class _Refs:
    """The database rows a payload refers to, fetched in a fixed number of queries."""

    def __init__(self, payload: s.DocumentPayload):
        org_codes = {payload.developer, *payload.co_executors}
        katos = {payload.territory} if payload.territory else set()
        doc_codes = {*payload.implements}
        if payload.previous_version:
            doc_codes.add(payload.previous_version)
        for ind in payload.indicators:
            org_codes.update(c.organization for c in ind.co_executors)
            if ind.responsible:
                org_codes.add(ind.responsible)
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

    def bad(path: str, value: Any, rule: str) -> None:
        problems.append(Problem(path, value, rule))

    def org(path: str, code: str | None) -> None:
        if code and code not in refs.orgs:
            bad(path, code, "unknown organization code")

    def kato(path: str, code: str | None) -> None:
        if code and code not in refs.territories:
            bad(path, code, "unknown territory (KATO code)")

    if payload.period_end < payload.period_start:
        bad("$.period_end", payload.period_end, f"the last year is before the first year {payload.period_start}")
    org("$.developer", payload.developer)
    for i, code in enumerate(payload.co_executors):
        org(f"$.co_executors[{i}]", code)
    for code in _duplicates(payload.co_executors):
        bad("$.co_executors", code, "a co-executor is listed twice")
    kato("$.territory", payload.territory)
    for i, code in enumerate(payload.implements):
        if code == payload.code:
            bad(f"$.implements[{i}]", code, "a document cannot implement itself")
        elif code not in refs.documents:
            bad(f"$.implements[{i}]", code, "unknown higher document code")
    if payload.previous_version and payload.previous_version not in refs.documents:
        bad("$.previous_version", payload.previous_version, "unknown document code")
    if payload.previous_version == payload.code:
        bad("$.previous_version", payload.code, "a document cannot be its own previous version")

    for key in _duplicates(sec.key for sec in payload.sections):
        bad("$.sections", key, "two sections have the same key")
    direction_codes = [d.code for d in payload.directions]
    for code in _duplicates(direction_codes):
        bad("$.directions", code, "two directions have the same code")
    goal_codes = [g.code for g in payload.goals]
    for code in _duplicates(goal_codes):
        bad("$.goals", code, "two goals have the same code")
    tasks_of = {g.code: {t.code for t in g.tasks} for g in payload.goals}
    for gi, goal in enumerate(payload.goals):
        if goal.direction and goal.direction not in direction_codes:
            bad(f"$.goals[{gi}].direction", goal.direction, "no direction with this code in the document")
        for code in _duplicates(t.code for t in goal.tasks):
            bad(f"$.goals[{gi}].tasks", code, "two tasks of one goal have the same code")

    years = range(payload.period_start, payload.period_end + 1)
    indicator_codes = {ind.code for ind in payload.indicators}
    for code in _duplicates(ind.code for ind in payload.indicators):
        bad("$.indicators", code, "two indicators have the same code")
    for ii, ind in enumerate(payload.indicators):
        p = f"$.indicators[{ii}]"
        if ind.direction and ind.direction not in direction_codes:
            bad(f"{p}.direction", ind.direction, "no direction with this code in the document")
        if ind.goal and ind.goal not in tasks_of:
            bad(f"{p}.goal", ind.goal, "no goal with this code in the document")
        if ind.task:
            if not ind.goal:
                bad(f"{p}.task", ind.task, "a task is named within its goal: give the goal too")
            elif ind.goal in tasks_of and ind.task not in tasks_of[ind.goal]:
                bad(f"{p}.task", ind.task, f"goal {ind.goal} has no task with this code")
        org(f"{p}.responsible", ind.responsible)
        if ind.responsible_official and not ind.responsible:
            bad(f"{p}.responsible_official", ind.responsible_official.full_name,
                "a responsible official belongs to the responsible body: give the body too")
        kato(f"{p}.territory", ind.territory)
        if ind.range_low is not None and ind.range_high is not None and ind.range_high < ind.range_low:
            bad(f"{p}.range_high", str(ind.range_high), "the upper bound of the range is below the lower bound")
        if ind.polarity == Polarity.KEEP_RANGE and (ind.range_low is None or ind.range_high is None):
            bad(f"{p}.polarity", ind.polarity, "an indicator kept within a range needs range_low and range_high")
        for ci, co in enumerate(ind.co_executors):
            org(f"{p}.co_executors[{ci}].organization", co.organization)
        for code in _duplicates(c.organization for c in ind.co_executors):
            bad(f"{p}.co_executors", code, "a co-executor is listed twice")
        for vi, value in enumerate(ind.values):
            if value.year not in years:
                bad(f"{p}.values[{vi}].year", value.year,
                    f"outside the document period {payload.period_start}-{payload.period_end} "
                    "(cl. 35: values are set for the years of the planning period)")
        for period in _duplicates((v.year, v.quarter) for v in ind.values):
            bad(f"{p}.values", {"year": period[0], "quarter": period[1]}, "two values for the same period")
        for pi, link in enumerate(ind.parents):
            doc_code, ind_code = link.indicator.split(":", 1)
            path = f"{p}.parents[{pi}].indicator"
            if doc_code == payload.code:
                if ind_code not in indicator_codes:
                    bad(path, link.indicator, "no indicator with this code in the document")
                elif ind_code == ind.code:
                    bad(path, link.indicator, "an indicator cannot decompose itself")
            elif doc_code not in refs.documents:
                bad(path, link.indicator, "unknown document code")
            elif (doc_code, ind_code) not in refs.indicators:
                bad(path, link.indicator, f"document {doc_code} has no indicator with this code")
        for ref in _duplicates(link.indicator for link in ind.parents):
            bad(f"{p}.parents", ref, "the same higher indicator is linked twice")

    positions: dict[tuple[str, str], tuple[str, Any]] = {}
    for ii, ind in enumerate(payload.indicators):
        official = ind.responsible_official
        if official and ind.responsible:
            key = (ind.responsible, official.full_name)
            first = positions.setdefault(key, (f"$.indicators[{ii}]", official.position.model_dump()))
            if first[1] != official.position.model_dump():
                bad(f"$.indicators[{ii}].responsible_official.position", official.position.model_dump(),
                    f"the same official has another position at {first[0]}")

    for code in _duplicates(m.code for m in payload.measures):
        bad("$.measures", code, "two measures have the same code")
    for mi, m in enumerate(payload.measures):
        p = f"$.measures[{mi}]"
        if m.goal and m.goal not in tasks_of:
            bad(f"{p}.goal", m.goal, "no goal with this code in the document")
        if m.task:
            if not m.goal:
                bad(f"{p}.task", m.task, "a task is named within its goal: give the goal too")
            elif m.goal in tasks_of and m.task not in tasks_of[m.goal]:
                bad(f"{p}.task", m.task, f"goal {m.goal} has no task with this code")
        for k, code in enumerate(m.indicators):
            if code not in indicator_codes:
                bad(f"{p}.indicators[{k}]", code, "no indicator with this code in the document")
        org(f"{p}.responsible", m.responsible)
        for k, code in enumerate(m.co_executors):
            org(f"{p}.co_executors[{k}]", code)
        kato(f"{p}.territory", m.territory)
        for fi, f in enumerate(m.financing):
            org(f"{p}.financing[{fi}].administrator", f.administrator)
            if f.year not in years:
                bad(f"{p}.financing[{fi}].year", f.year,
                    f"outside the document period {payload.period_start}-{payload.period_end}")
        for line in _duplicates((f.year, f.source, f.budget_program_code) for f in m.financing):
            bad(f"{p}.financing", {"year": line[0], "source": line[1], "budget_program_code": line[2]},
                "two financing lines for the same year, source and budget programme")
    return problems


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
    return ImportResult(document=document, created=created, changes=writer.changes)


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
        "budget_program_code": ind.budget_program_code, "sdg": ind.sdg, "confidentiality": ind.confidentiality,
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
