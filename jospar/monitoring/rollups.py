"""Plan against fact for a document and year, rolled up by direction, goal, body, territory and document.

``load(document, year)`` reads everything in a fixed number of queries (asserted in the tests); the rest is
plain Python on top of ``achievement``: every number is a ``Calculation`` that shows its formula and inputs.

Sources: plan and fact of indicators are ``IndicatorValue`` (quarter 0), money is ``Financing``, both updated
when the authorized body accepts the report (services, decision M3); measure statuses come from the accepted
report (``MeasureReport``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import FrozenInstanceError, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import BigIntegerField, F, QuerySet, TextField, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.db.models.query import ValuesListIterable
from django.db.models.sql.constants import CURSOR
from modeltranslation.utils import get_language, resolution_order

from jospar.core.gcpause import paused_gc
from jospar.core.models import Organization, Territory
from jospar.planning.models import (
    Direction,
    Document,
    Financing,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    Task,
)

from . import achievement as ach
from .models import MeasureReport, SubmissionLevel, SubmissionStatus

DIMENSIONS = ("document", "direction", "goal", "body", "territory")

Key = tuple[str, str]  # (code, label)


class _Result:
    """A read-only result whose costly fields (``Calculation``/``Verdict`` objects) are built when first read.

    Issue 7 (roll-ups of a whole country: ~36,000 indicators and ~8,000 measures a year): ``rollup`` needs only
    the plain numbers and statuses; the explanations ("show the calculation") are built on first access from
    the inputs kept on the result, with the same functions as before, so they are equal to what an eager build
    gave (tests/bench/test_rollups_fast.py compares them with tests/bench/reference_rollups.py). Constructed
    with every field as keywords, it behaves like the frozen dataclass it replaced: equality compares the
    fields (building lazy ones), assignment raises ``FrozenInstanceError``.
    """

    _FIELDS: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # like the frozen dataclass with a dict field: unhashable

    def __init__(self, **fields: Any) -> None:
        if fields.keys() != set(self._FIELDS):
            missing, unknown = set(self._FIELDS) - fields.keys(), fields.keys() - set(self._FIELDS)
            raise TypeError(f"{type(self).__name__}: missing {sorted(missing)}, unknown {sorted(unknown)}")
        self.__dict__.update(fields)

    def __getattr__(self, name: str) -> Any:  # only called for a field not built yet
        known = self.__dict__
        lazy = known.get("_lazy")
        if lazy is None or name.startswith("__"):
            raise AttributeError(name)
        known.update(self._resolve(*lazy))
        known.pop("_lazy", None)
        return object.__getattribute__(self, name)

    def _resolve(self, *lazy: Any) -> dict[str, Any]:
        raise NotImplementedError

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._FIELDS)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self._FIELDS)})"


class IndicatorResult(_Result):
    """Plan against fact of one indicator for the year. Fields: ``code``, ``title``, ``unit``, ``kind``,
    ``groups`` (dimension -> key), ``plan`` and ``fact`` (``Calculation``), ``verdict`` (``Verdict``),
    ``reason``; also ``achievement`` (per cent or None) and ``status`` (the verdict's), known without
    building the verdict."""

    _FIELDS = ("code", "title", "unit", "kind", "groups", "plan", "fact", "verdict", "reason")
    code: str
    title: str
    unit: str
    kind: str
    groups: dict[str, Key | None]
    plan: ach.Calculation
    fact: ach.Calculation
    verdict: ach.Verdict
    reason: str

    achievement: Decimal | None  # per cent, or None when undefined (the verdict's calculation's value)
    status: ach.IndicatorStatus  # the verdict's status

    def __init__(self, **fields: Any) -> None:
        super().__init__(**fields)
        verdict = fields["verdict"]
        self.__dict__.update(achievement=verdict.calculation.value if verdict.calculation else None,
                             status=verdict.status)

    def _resolve(self, plans, facts, year, accumulation, polarity, baseline, low, high) -> dict[str, Any]:
        plan, fact, verdict = _explain_indicator(plans, facts, year, accumulation, polarity, baseline, low, high)
        return {"plan": plan, "fact": fact, "verdict": verdict}


class MeasureResult(_Result):
    """Money and indicators of one measure for the year. ``absorption``, ``achievement`` (average of its
    indicators) and ``money_vs_result`` are built when first read."""

    _FIELDS = ("code", "title", "groups", "planned", "allocated", "absorbed", "absorption", "status",
               "indicator_codes", "achievement", "money_vs_result")
    code: str
    title: str
    groups: dict[str, Key | None]
    planned: Decimal | None
    allocated: Decimal | None
    absorbed: Decimal | None
    absorption: ach.Calculation
    status: str | None
    indicator_codes: tuple[str, ...]
    achievement: ach.Calculation
    money_vs_result: ach.Verdict

    def _resolve(self, allocated, absorbed, achievements) -> dict[str, Any]:
        absorption = ach.explain_absorption(allocated, absorbed)
        avg = ach.average_achievement(achievements)
        return {"absorption": absorption, "achievement": avg,
                "money_vs_result": ach.money_vs_result(absorption.value, avg.value)}


def _explain_indicator(plans, facts, year, accumulation, polarity, baseline, low, high):
    """Plan, fact and verdict of an indicator for the year: the explanations shown to the user."""
    plan = ach.value_for_year(plans, year, accumulation)
    fact = ach.value_for_year(facts, year, accumulation)
    if plan.value is not None and fact.value is not None:
        verdict = ach.assess_indicator(plan.value, fact.value, polarity, baseline=baseline, range_low=low,
                                       range_high=high)
    else:
        verdict = ach.Verdict(
            ach.IndicatorStatus.NOT_ASSESSABLE, (fact.reason or plan.reason or "undefined"), None,
            {"plan": plan.value, "fact": fact.value},
            calculation=ach.Calculation(None, "fact / plan × 100", {"plan": plan.value, "fact": fact.value},
                                        reason=fact.reason or plan.reason),
        )
    return plan, fact, verdict


@dataclass(frozen=True)
class SourceRow:
    source: str
    plan: Decimal
    corrected_plan: Decimal
    absorbed: Decimal
    absorption: ach.Calculation
    reasons: tuple[str, ...]


@dataclass
class Snapshot:
    document: Document
    year: int
    indicators: list[IndicatorResult] = field(default_factory=list)
    measures: list[MeasureResult] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    total: SourceRow | None = None


@dataclass(frozen=True)
class Group:
    dimension: str
    key: Key | None
    indicators: int
    average_achievement: ach.Calculation
    share_achieved: ach.Calculation
    measures: int
    measure_statuses: dict[str, int]
    planned: Decimal
    absorbed: Decimal
    absorption: ach.Calculation
    money_vs_result: ach.Verdict


def _key(obj, code_attr: str = "code", label_attr: str = "title") -> Key | None:
    return None if obj is None else (str(getattr(obj, code_attr)), str(getattr(obj, label_attr)))


def _sum(values) -> Decimal | None:
    items = [v for v in values if v is not None]
    return sum(items, Decimal(0)) if items else None


def load(document: Document, year: int) -> Snapshot:
    """Everything the roll-ups need for ``year`` (quarter 0) in a fixed number of queries (at most 7)."""
    return load_many([document], year)[document.pk]


def load_many(documents: Iterable[Document], year: int) -> dict[int, Snapshot]:
    """``load`` of several documents at once (document id -> snapshot), in the same seven queries.

    Issue 7 (roll-ups of a whole country): the rows are read with ``values_list`` (model instances cost
    ~0.45 ms each under modeltranslation's patched ``__init__``) and the titles resolved in the active
    language with modeltranslation's own fallback order, so every snapshot equals the one the model-
    instance version built (tests/bench/test_rollups_fast.py keeps that version as the reference).
    """
    documents = list(documents)
    if not documents:
        return {}
    with paused_gc():
        return _load_many(documents, year)


_LANGS = ("kk", "ru", "en")
_TEXT = TextField()
_INT = BigIntegerField()


def _first_text(name: str, order: tuple[str, ...]) -> Coalesce:
    """The text of ``name`` in the first language of ``order`` that has one, else "" (modeltranslation's
    fallback: a value that is NULL or "" is skipped), computed by the database: one column instead of three."""
    blank = Value("", output_field=_TEXT)
    return Coalesce(*[NullIf(F(f"{name}_{lang}"), blank, output_field=_TEXT) for lang in order], blank,
                    output_field=_TEXT)


_IND_FIELDS = ("id", "document_id", "code", "kind", "accumulation", "polarity", "baseline_value", "range_low",
               "range_high", "territory_id", "goal_id", "task_id", "direction_id", "responsible_id")
_MEASURE_FIELDS = ("id", "document_id", "code", "territory_id", "goal_id", "task_id", "responsible_id")
_TERRITORY, _ORGANIZATION, _DIRECTION, _GOAL, _TASK = range(5)


@dataclass
class _Related:
    """(code, label) keys of the rows indicators and measures point to, each built once."""

    territory: dict[int, Key] = field(default_factory=dict)
    organization: dict[int, Key] = field(default_factory=dict)
    direction: dict[int, Key] = field(default_factory=dict)
    goal: dict[int, Key] = field(default_factory=dict)
    direction_of_goal: dict[int, int | None] = field(default_factory=dict)
    goal_of_task: dict[int, int] = field(default_factory=dict)

    def goal_and_direction(self, goal_id: int | None, task_id: int | None) -> tuple[Key | None, Key | None]:
        """The goal of an item (its own, else its task's) and that goal's direction."""
        if goal_id is None:
            if task_id is None:
                return None, None
            goal_id = self.goal_of_task[task_id]
        direction_id = self.direction_of_goal[goal_id]
        return self.goal[goal_id], (None if direction_id is None else self.direction[direction_id])


def _related(ids: list[int], order: tuple[str, ...]) -> _Related:
    """Territories, organizations, and the directions, goals and tasks of the documents, in one query (UNION ALL).

    Territories and organizations are read whole: reference tables of a few hundred rows, cheaper than
    finding which of them the documents use."""
    def rows(model, kind: int, code: str, label: str | None, parent: str | None, **lookup):
        return QuerySet(model).filter(**lookup).order_by().annotate(
            k=Value(kind, output_field=_INT), i=F("id"), c=F(code),
            t=_first_text(label, order) if label else Value("", output_field=_TEXT),
            p=F(parent) if parent else Cast(Value(None), _INT),  # typed NULL: PostgreSQL matches the columns
        ).values_list("k", "i", "c", "t", "p")

    query = rows(Territory, _TERRITORY, "kato", "name", None).union(
        rows(Organization, _ORGANIZATION, "code", "name", None),
        rows(Direction, _DIRECTION, "code", "title", None, document_id__in=ids),
        rows(Goal, _GOAL, "code", "title", "direction_id", document_id__in=ids),
        rows(Task, _TASK, "code", None, "goal_id", goal__document_id__in=ids),
        all=True,
    )
    related = _Related()
    keys = {_TERRITORY: related.territory, _ORGANIZATION: related.organization, _DIRECTION: related.direction,
            _GOAL: related.goal}
    for kind, pk, code, label, parent in _fetch(query):
        if kind == _TASK:
            related.goal_of_task[pk] = parent
            continue
        keys[kind][pk] = (str(code), str(label))
        if kind == _GOAL:
            related.direction_of_goal[pk] = parent
    return related


_new = object.__new__
_setattr = object.__setattr__


def _fetch(query: QuerySet) -> list[tuple]:
    """The rows of a ``values_list`` query, as ``list(query)`` gives them, read with one ``fetchall``.

    Django reads a query in chunks of 100 rows through several generators; for the ~120,000 rows of a country
    that is a tenth of the read. Where the backend converts values (SQLite: decimals), its converters are
    applied as ``list(query)`` would. Only for a plain ``values_list`` query (its rows are the SQL columns in
    order); any other (modeltranslation's managers rearrange the columns of theirs) is read as ``list(query)``."""
    if query._iterable_class is not ValuesListIterable:
        return list(query)
    compiler = query.query.get_compiler(using=query.db)
    cursor = compiler.execute_sql(CURSOR)
    if cursor is None:  # a query that cannot match anything (an empty ``__in``)
        return []
    try:
        rows = cursor.fetchall()
    finally:
        cursor.close()
    converters = compiler.get_converters([s[0] for s in compiler.select[:compiler.col_count]])
    if converters:
        rows = list(map(tuple, compiler.apply_converters(rows, converters)))
    return rows


def _lazy_indicator(fields: dict[str, Any]) -> IndicatorResult:
    """An ``IndicatorResult`` from a dict made for it alone: the plain fields, ``_lazy`` (the inputs of
    ``_explain_indicator``), ``achievement`` and ``status``; ``plan``, ``fact`` and ``verdict`` come later."""
    result = _new(IndicatorResult)
    _setattr(result, "__dict__", fields)
    return result


def _lazy_measure(fields: dict[str, Any]) -> MeasureResult:
    result = _new(MeasureResult)
    _setattr(result, "__dict__", fields)
    return result


_SLOW = object()  # the quick path does not apply: build the explanations now (they decide)
_Q2 = Decimal("0.01")
_CUMULATIVE = ach.Accumulation.CUMULATIVE.value
_INCREASE, _DECREASE = ach.Polarity.INCREASE.value, ach.Polarity.DECREASE.value
_ACHIEVED, _PARTIAL, _NOT_ACHIEVED, _NOT_ASSESSABLE = (
    ach.IndicatorStatus.ACHIEVED, ach.IndicatorStatus.PARTIALLY_ACHIEVED, ach.IndicatorStatus.NOT_ACHIEVED,
    ach.IndicatorStatus.NOT_ASSESSABLE)
_AT_ACHIEVED, _AT_PARTIAL = ach.DEFAULT_THRESHOLDS.achieved, ach.DEFAULT_THRESHOLDS.partially_achieved
_HUNDRED = ach.HUNDRED


def _finite(values: dict[int, Decimal | None]) -> bool:
    """Every value is a finite ``Decimal`` or None (what the database gives): the quick path may answer."""
    for v in values.values():
        if v is not None and (v.__class__ is not Decimal or not v.is_finite()):
            return False
    return True


def _cumulative(values: dict[int, Decimal | None], year: int) -> Decimal | None:
    """The sum of the values from the first year to ``year`` (None when one is missing), for finite values."""
    total = ach.ZERO
    for y in range(min(values, default=year), year + 1):
        v = values.get(y)
        if v is None:
            return None
        total += v
    return total


def _quick_assessment(plans, facts, year, accumulation, polarity):
    """(achievement, status) as ``_explain_indicator`` would give them, for the common cases (a value missing;
    ratio method, increase with plan > 0 or decrease with plan and fact > 0, default thresholds: cl. 225, Annex 12
    expl. 2(7)); ``_SLOW`` otherwise (a value that is not a finite Decimal, another accumulation or polarity)."""
    if not (_finite(plans) and _finite(facts)):
        return _SLOW
    return _assess_finite(plans, facts, year, accumulation, polarity)


def _assess_finite(plans, facts, year, accumulation, polarity):
    """``_quick_assessment`` of values already known to be finite Decimals or None (``load_many`` checks them
    as it reads them)."""
    if accumulation == "annual" or accumulation == "stock":
        p, f = plans.get(year), facts.get(year)
    elif accumulation == _CUMULATIVE:
        p, f = _cumulative(plans, year), _cumulative(facts, year)
    else:
        return _SLOW
    if p is None or f is None:
        return None, _NOT_ASSESSABLE
    if p > 0 and (polarity == _INCREASE or (polarity == _DECREASE and f > 0)):
        a = ((f / p if polarity == _INCREASE else p / f) * _HUNDRED).quantize(_Q2, rounding=ROUND_HALF_UP)
        return a, (_ACHIEVED if a >= _AT_ACHIEVED else _PARTIAL if a >= _AT_PARTIAL else _NOT_ACHIEVED)
    return _SLOW


def _load_many(documents: list[Document], year: int) -> dict[int, Snapshot]:
    order = tuple(resolution_order(get_language()))
    ids = [d.pk for d in documents]
    related = _related(ids, order)
    territories = related.territory
    doc_keys = {d.pk: ((d.code, d.title), territories.get(d.territory_id) if d.territory_id else None)
                for d in documents}

    inds = _fetch(QuerySet(Indicator).filter(document_id__in=ids).order_by("document_id", "order", "code")
                  .annotate(t=_first_text("title", order), u=_first_text("unit", order))
                  .values_list(*_IND_FIELDS, "t", "u"))
    # Plans (the corrected plan where there is one) and facts by year, per indicator. The rows come ordered by
    # indicator, so each indicator's dicts are made once; ``odd`` holds the indicators with a value that is not
    # a finite Decimal (the quick path leaves them to the explanations, like ``_quick_value``).
    plans_of: dict[int, dict[int, Decimal | None]] = {}
    facts_of: dict[int, dict[int, Decimal | None]] = {}
    reason_of: dict[int, str] = {}
    odd: set[int] = set()
    last, plans, facts = None, {}, {}
    for iid, y, plan, corrected, fact, reason in _fetch(
            QuerySet(IndicatorValue).filter(indicator__document_id__in=ids, quarter=0, year__lte=year)
            .order_by("indicator_id", "year").values_list("indicator_id", "year", "plan", "corrected_plan", "fact",
                                                          "reason")):
        if iid != last:
            last = iid
            plans = plans_of.get(iid)
            if plans is None:
                plans, facts = plans_of[iid], facts_of[iid] = {}, {}
            else:
                facts = facts_of[iid]
        if corrected is not None:
            plan = corrected
        plans[y] = plan
        facts[y] = fact
        if y == year:
            reason_of[iid] = reason
        if (plan is not None and (plan.__class__ is not Decimal or not plan.is_finite())) or (
                fact is not None and (fact.__class__ is not Decimal or not fact.is_finite())):
            odd.add(iid)

    snaps = {d.pk: Snapshot(d, year) for d in documents}
    # indicator id -> (document id, place in the document's order, code, achievement) of those with a result
    seen: dict[int, tuple[int, int, str, Decimal | None]] = {}
    organizations, directions = related.organization, related.direction
    goal_keys, direction_of_goal, goal_of_task = related.goal, related.direction_of_goal, related.goal_of_task
    last_doc = None
    for n, (iid, doc, code, kind, accumulation, polarity, baseline, low, high, territory_id, goal_id, task_id,
            direction_id, responsible_id, title, unit) in enumerate(inds):
        plans = plans_of.get(iid)
        if plans is None or year not in plans:
            continue  # nothing planned for the year: not part of the year's report
        if doc != last_doc:  # rows come by document
            last_doc, (doc_key, territory), results = doc, doc_keys[doc], snaps[doc].indicators
        # ``_Related.goal_and_direction``, inline: the item's goal (its own, else its task's) and its direction
        if goal_id is None and task_id is not None:
            goal_id = goal_of_task[task_id]
        if goal_id is None:
            goal = direction = None
        else:
            goal, direction = goal_keys[goal_id], direction_of_goal[goal_id]
            if direction is not None:
                direction = directions[direction]
        if direction_id is not None:
            direction = directions[direction_id]
        facts = facts_of[iid]
        fields = {
            "code": code, "title": title, "unit": unit, "kind": kind,
            "groups": {
                "document": doc_key, "direction": direction, "goal": goal,
                "body": None if responsible_id is None else organizations[responsible_id],
                "territory": territories[territory_id] if territory_id else territory,
            },
            "reason": reason_of.get(iid, ""),
        }
        quick = _SLOW if iid in odd else _assess_finite(plans, facts, year, accumulation, polarity)
        if quick is _SLOW:  # the explanations decide; built now (few indicators)
            fields["plan"], fields["fact"], verdict = _explain_indicator(
                plans, facts, year, accumulation, polarity, baseline, low, high)
            fields["verdict"], fields["status"] = verdict, verdict.status
            value = verdict.calculation.value if verdict.calculation else None
        else:
            value, fields["status"] = quick
            fields["_lazy"] = (plans, facts, year, accumulation, polarity, baseline, low, high)
        fields["achievement"] = value
        result = _new(IndicatorResult)
        _setattr(result, "__dict__", fields)
        results.append(result)
        seen[iid] = (doc, n, code, value)

    statuses = dict(
        MeasureReport.objects.filter(
            submission__period__document_id__in=ids, submission__period__year=year, submission__period__quarter=0,
            submission__level=SubmissionLevel.REPORT, submission__status=SubmissionStatus.ACCEPTED,
        ).values_list("measure_id", "status")
    )
    meas = _fetch(QuerySet(Measure).filter(document_id__in=ids).order_by("document_id", "order", "code")
                  .annotate(t=_first_text("title", order)).values_list(*_MEASURE_FIELDS, "t"))
    # A measure's financing lines of the year as plain tuples (source, plan, effective plan, absorbed, reason).
    money_of: dict[int, list[tuple]] = {}
    for mid, source, plan, corrected, absorbed, reason in _fetch(
            QuerySet(Financing).filter(measure__document_id__in=ids, year=year)
            .order_by("measure_id", "source", "budget_program_code")
            .values_list("measure_id", "source", "plan", "corrected_plan", "absorbed", "reason_unabsorbed")):
        line = (source, plan, corrected if corrected is not None else plan, absorbed, reason)
        money = money_of.get(mid)
        if money is None:
            money_of[mid] = [line]
        else:
            money.append(line)
    # A measure's indicators as the model orders them (document type and code, order, code): only those of its
    # own document count (those with a result), so their order in the indicator query is that order.
    linked_of: dict[int, list[int]] = defaultdict(list)
    for mid, iid in _fetch(QuerySet(Measure.indicators.through).filter(measure__document_id__in=ids).order_by()
                           .values_list("measure_id", "indicator_id")):
        if iid in seen:
            linked_of[mid].append(iid)
    goal_and_direction = related.goal_and_direction
    by_source: dict[int, dict[str, list[tuple]]] = {}
    no_money: list[tuple] = []
    for mid, doc, code, territory_id, goal_id, task_id, responsible_id, title in meas:
        money = money_of.get(mid, no_money)
        if not money and mid not in statuses:
            continue
        doc_key, territory = doc_keys[doc]
        # ``_sum`` of plan, effective plan and absorbed (None when every line lacks it), in one pass
        planned = allocated = absorbed = None
        if money:
            sources = by_source.get(doc)
            if sources is None:
                sources = by_source[doc] = {}
            for line in money:
                rows = sources.get(line[0])
                if rows is None:
                    sources[line[0]] = [line]
                else:
                    rows.append(line)
                _source, p, e, a, _reason = line
                if p is not None:
                    planned = (_ZERO0 if planned is None else planned) + p
                if e is not None:
                    allocated = (_ZERO0 if allocated is None else allocated) + e
                if a is not None:
                    absorbed = (_ZERO0 if absorbed is None else absorbed) + a
        goal, direction = goal_and_direction(goal_id, task_id)
        linked = linked_of.get(mid)
        if linked:  # in the order of the document's indicators (document, place)
            if len(linked) > 1:
                linked = sorted((seen[i] for i in linked if seen[i][0] == doc), key=_place)
            else:
                linked = [seen[linked[0]]] if seen[linked[0]][0] == doc else []
        else:
            linked = []
        result = _new(MeasureResult)
        _setattr(result, "__dict__", {
            "code": code, "title": title,
            "groups": {
                "document": doc_key, "direction": direction, "goal": goal,
                "body": None if responsible_id is None else organizations[responsible_id],
                "territory": territories[territory_id] if territory_id else territory,
            },
            "planned": planned, "allocated": allocated, "absorbed": absorbed, "status": statuses.get(mid),
            "indicator_codes": tuple([i[2] for i in linked]),
            "_lazy": (allocated, absorbed, [i[3] for i in linked]),
        })
        snaps[doc].measures.append(result)
    rank = {s: i for i, s in enumerate(_SOURCE_ORDER)}
    for pk, sources in by_source.items():
        snap = snaps[pk]
        for source in sorted(sources, key=lambda s: rank.get(s, 99)):
            snap.sources.append(_lines_row(source, sources[source]))
        snap.total = _lines_row("total", [line for rows in sources.values() for line in rows])
    return snaps


def _place(seen: tuple) -> tuple[int, int]:
    return seen[0], seen[1]


_ZERO0 = Decimal(0)  # ``_sum`` starts from Decimal(0): 0 + x, then + y ... (the same exponent as before)


def _lines_row(source: str, lines: list[tuple]) -> SourceRow:
    """``_source_row`` of financing lines given as tuples (source, plan, effective plan, absorbed, reason)."""
    plan = _sum([line[1] for line in lines]) or Decimal(0)
    corrected = _sum([line[2] for line in lines]) or Decimal(0)
    absorbed = _sum([line[3] for line in lines]) or Decimal(0)
    reasons = tuple(dict.fromkeys([line[4] for line in lines if line[4]]))
    return SourceRow(source, plan, corrected, absorbed, ach.explain_absorption(corrected, absorbed), reasons)


_SOURCE_ORDER = ("budget", "state_loans", "guaranteed_loans", "investment", "grants", "bank_loans", "own_funds",
                 "other")


def _source_row(source: str, rows: list[Any]) -> SourceRow:
    """Annex 13 s.2 / Annex 14 s.2: plan, corrected plan, absorbed by source; the total line sums them (R-13.7).

    ``rows``: financing lines with ``plan``, ``effective_plan``, ``absorbed`` and ``reason_unabsorbed``
    (``Financing`` objects); ``load_many`` gives them as tuples to ``_lines_row``, which computes the same."""
    plan = _sum(f.plan for f in rows) or Decimal(0)
    corrected = _sum(f.effective_plan for f in rows) or Decimal(0)
    absorbed = _sum(f.absorbed for f in rows) or Decimal(0)
    reasons = tuple(dict.fromkeys(f.reason_unabsorbed for f in rows if f.reason_unabsorbed))
    return SourceRow(source, plan, corrected, absorbed, ach.explain_absorption(corrected, absorbed), reasons)


def rollup(snap: Snapshot, by: str) -> list[Group]:
    """Groups of ``snap`` along one dimension, in the order they first appear; items without one go to None."""
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}; use one of {', '.join(DIMENSIONS)}")
    groups: dict[Key | None, tuple[list[IndicatorResult], list[MeasureResult]]] = {}  # in order of appearance
    for i in snap.indicators:
        key = i.groups[by]
        items = groups.get(key)
        if items is None:
            items = groups[key] = ([], [])
        items[0].append(i)
    for m in snap.measures:
        key = m.groups[by]
        items = groups.get(key)
        if items is None:
            items = groups[key] = ([], [])
        items[1].append(m)
    return [_group(by, k, inds, meas) for k, (inds, meas) in groups.items()]


def _group(by: str, key: Key | None, inds: list[IndicatorResult], meas: list[MeasureResult]) -> Group:
    avg = ach.average_achievement([i.achievement for i in inds])
    share = ach.share_achieved([i.status for i in inds])
    planned = _sum([m.allocated for m in meas]) or Decimal(0)
    absorbed = _sum([m.absorbed for m in meas]) or Decimal(0)
    absorption = ach.explain_absorption(planned, absorbed)
    counts: dict[str, int] = {}
    for m in meas:
        status = m.status or "not_reported"
        counts[status] = counts.get(status, 0) + 1
    return Group(by, key, len(inds), avg, share, len(meas), counts, planned, absorbed, absorption,
                 ach.money_vs_result(absorption.value, avg.value))


def mismatches(snap: Snapshot) -> dict[str, list[MeasureResult]]:
    """cl. 271 criterion 2: measures whose money was absorbed but whose indicators were not reached, and the reverse."""
    pick: Callable[[str], list[MeasureResult]] = lambda status: [  # noqa: E731
        m for m in snap.measures if m.money_vs_result.status == status]
    return {
        ach.MoneyResult.ABSORBED_NOT_REACHED.value: pick(ach.MoneyResult.ABSORBED_NOT_REACHED),
        ach.MoneyResult.REACHED_NOT_ABSORBED.value: pick(ach.MoneyResult.REACHED_NOT_ABSORBED),
    }
