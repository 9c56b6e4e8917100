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
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from modeltranslation.utils import get_language, resolution_order

from jospar.core.models import Territory
from jospar.interchange.export import paused_gc
from jospar.planning.models import Document, Financing, Indicator, IndicatorValue, Measure

from . import achievement as ach
from .models import MeasureReport, SubmissionLevel, SubmissionStatus

DIMENSIONS = ("document", "direction", "goal", "body", "territory")

Key = tuple[str, str]  # (code, label)


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    title: str
    unit: str
    kind: str
    groups: dict[str, Key | None]
    plan: ach.Calculation
    fact: ach.Calculation
    verdict: ach.Verdict
    reason: str

    @property
    def achievement(self) -> Decimal | None:
        return self.verdict.calculation.value if self.verdict.calculation else None


@dataclass(frozen=True)
class MeasureResult:
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


def _texts(*names: str) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in _LANGS]


_LANGS = ("kk", "ru", "en")
_IND_FIELDS = (
    "id", "document_id", "code", "kind", "accumulation", "polarity", "baseline_value", "range_low", "range_high",
    "territory_id", "responsible__code", "territory__kato", "direction__code", "goal__code", "goal__direction__code",
    "task__goal__code", "task__goal__direction__code", "task_id", "goal_id", "direction_id",
    "goal__direction_id", "task__goal__direction_id", "task__goal_id", "responsible_id",
    *_texts("title", "unit", "responsible__name", "territory__name", "direction__title", "goal__title",
            "goal__direction__title", "task__goal__title", "task__goal__direction__title"),
)
_MEASURE_FIELDS = (
    "id", "document_id", "code", "territory_id", "responsible__code", "territory__kato", "goal__code",
    "goal__direction__code", "task__goal__code", "task__goal__direction__code", "goal_id", "task_id",
    "goal__direction_id", "task__goal__direction_id", "task__goal_id", "responsible_id",
    *_texts("title", "responsible__name", "territory__name", "goal__title", "goal__direction__title",
            "task__goal__title", "task__goal__direction__title"),
)


class _Rows:
    """Rows of ``values_list`` read by column name, with the (code, label) keys of related rows resolved once
    per related row in the active language, in modeltranslation's own fallback order."""

    def __init__(self, queryset, fields: tuple[str, ...], order: tuple[str, ...]):
        self.col = {name: i for i, name in enumerate(fields)}
        self.rows = list(queryset.values_list(*fields))
        self.order = order
        self._keys: dict[tuple[str, object], Key | None] = {}

    def text(self, row: tuple, name: str) -> str:
        col = self.col
        for lang in self.order:
            value = row[col[f"{name}_{lang}"]]
            if value is not None and value != "":
                return value
        return ""

    def key(self, row: tuple, prefix: str, code: str = "code", label: str = "title") -> Key | None:
        """(code, label) of a related row, None when the relation is empty (``_key`` of an instance)."""
        value = row[self.col[f"{prefix}{code}"]]
        if value is None:
            return None
        cache = (prefix, row[self.col[f"{prefix[:-2]}_id" if prefix else "id"]])
        found = self._keys.get(cache, _MISSING)
        if found is _MISSING:
            found = self._keys[cache] = (str(value), str(self.text(row, f"{prefix}{label}")))
        return found


_MISSING = object()


def _load_many(documents: list[Document], year: int) -> dict[int, Snapshot]:
    order = resolution_order(get_language())
    ids = [d.pk for d in documents]
    territories = {}
    territory_ids = {d.territory_id for d in documents if d.territory_id}
    if territory_ids:
        found = _Rows(QuerySet(Territory).filter(pk__in=territory_ids), ("id", "kato", *_texts("name")), order)
        for row in found.rows:
            territories[row[0]] = found.key(row, "", "kato", "name")
    doc_keys = {}
    for d in documents:
        doc_keys[d.pk] = (d.code, d.title), territories.get(d.territory_id)

    inds = _Rows(QuerySet(Indicator).filter(document_id__in=ids).order_by("document_id", "order", "code"),
                       _IND_FIELDS, order)
    values: dict[int, list[tuple[int, Decimal | None, Decimal | None, str]]] = defaultdict(list)
    for iid, y, plan, corrected, fact, reason in (
            QuerySet(IndicatorValue).filter(indicator__document_id__in=ids, quarter=0, year__lte=year)
            .order_by("indicator_id", "year").values_list("indicator_id", "year", "plan", "corrected_plan", "fact",
                                                          "reason")):
        values[iid].append((y, corrected if corrected is not None else plan, fact, reason))

    snaps = {d.pk: Snapshot(d, year) for d in documents}
    achievement_by_id: dict[int, ach.Calculation] = {}
    code_by_id: dict[int, str] = {}
    c = inds.col
    for ind in inds.rows:
        doc_key, territory = doc_keys[ind[c["document_id"]]]
        if ind[c["goal_id"]] is not None:
            goal = inds.key(ind, "goal__")
            goal_direction = inds.key(ind, "goal__direction__")
        elif ind[c["task_id"]] is not None:
            goal = inds.key(ind, "task__goal__")
            goal_direction = inds.key(ind, "task__goal__direction__")
        else:
            goal = goal_direction = None
        direction = inds.key(ind, "direction__") if ind[c["direction_id"]] is not None else goal_direction
        rows = values.get(ind[c["id"]], [])
        plans = {y: plan for y, plan, _fact, _reason in rows}
        if year not in plans:
            continue  # nothing planned for the year: not part of the year's report
        facts = {y: fact for y, _plan, fact, _reason in rows}
        plan = ach.value_for_year(plans, year, ind[c["accumulation"]])
        fact = ach.value_for_year(facts, year, ind[c["accumulation"]])
        verdict = ach.assess_indicator(
            plan.value, fact.value, ind[c["polarity"]], baseline=ind[c["baseline_value"]],
            range_low=ind[c["range_low"]], range_high=ind[c["range_high"]],
        ) if plan.ok and fact.ok else ach.Verdict(
            ach.IndicatorStatus.NOT_ASSESSABLE, (fact.reason or plan.reason or "undefined"), None,
            {"plan": plan.value, "fact": fact.value},
            calculation=ach.Calculation(None, "fact / plan × 100", {"plan": plan.value, "fact": fact.value},
                                        reason=fact.reason or plan.reason),
        )
        reason = next((r for y, _plan, _fact, r in rows if y == year), "")
        result = IndicatorResult(
            code=ind[c["code"]], title=inds.text(ind, "title"), unit=inds.text(ind, "unit"), kind=ind[c["kind"]],
            groups={
                "document": doc_key, "direction": direction, "goal": goal,
                "body": inds.key(ind, "responsible__", "code", "name"),
                "territory": inds.key(ind, "territory__", "kato", "name") if ind[c["territory_id"]] else territory,
            },
            plan=plan, fact=fact, verdict=verdict, reason=reason,
        )
        snaps[ind[c["document_id"]]].indicators.append(result)
        achievement_by_id[ind[c["id"]]] = verdict.calculation or ach.Calculation(None, "", reason="undefined")
        code_by_id[ind[c["id"]]] = ind[c["code"]]

    statuses = dict(
        MeasureReport.objects.filter(
            submission__period__document_id__in=ids, submission__period__year=year, submission__period__quarter=0,
            submission__level=SubmissionLevel.REPORT, submission__status=SubmissionStatus.ACCEPTED,
        ).values_list("measure_id", "status")
    )
    meas = _Rows(QuerySet(Measure).filter(document_id__in=ids).order_by("document_id", "order", "code"),
                     _MEASURE_FIELDS, order)
    money_of: dict[int, list[_Money]] = defaultdict(list)
    for mid, source, plan, corrected, absorbed, reason in (
            QuerySet(Financing).filter(measure__document_id__in=ids, year=year)
            .order_by("measure_id", "source", "budget_program_code")
            .values_list("measure_id", "source", "plan", "corrected_plan", "absorbed", "reason_unabsorbed")):
        money_of[mid].append(_Money(source, plan, corrected if corrected is not None else plan, absorbed, reason))
    linked_of: dict[int, list[int]] = defaultdict(list)
    for mid, iid in (QuerySet(Measure.indicators.through).filter(measure__document_id__in=ids)
                     .order_by("measure_id", "indicator__document__type", "indicator__document__code",
                               "indicator__order", "indicator__code").values_list("measure_id", "indicator_id")):
        linked_of[mid].append(iid)
    by_source: dict[int, dict[str, list[_Money]]] = defaultdict(lambda: defaultdict(list))
    c = meas.col
    for m in meas.rows:
        money = money_of.get(m[c["id"]], [])
        if not money and m[c["id"]] not in statuses:
            continue
        doc_key, territory = doc_keys[m[c["document_id"]]]
        for f in money:
            by_source[m[c["document_id"]]][f.source].append(f)
        if m[c["goal_id"]] is not None:
            goal, direction = meas.key(m, "goal__"), meas.key(m, "goal__direction__")
        elif m[c["task_id"]] is not None:
            goal, direction = meas.key(m, "task__goal__"), meas.key(m, "task__goal__direction__")
        else:
            goal = direction = None
        planned = _sum(f.plan for f in money)
        allocated = _sum(f.effective_plan for f in money)
        absorbed = _sum(f.absorbed for f in money)
        absorption = ach.explain_absorption(allocated, absorbed)
        linked = [i for i in linked_of.get(m[c["id"]], ()) if i in achievement_by_id]
        avg = ach.average_achievement([achievement_by_id[i].value for i in linked])
        snaps[m[c["document_id"]]].measures.append(MeasureResult(
            code=m[c["code"]], title=meas.text(m, "title"),
            groups={
                "document": doc_key, "direction": direction, "goal": goal,
                "body": meas.key(m, "responsible__", "code", "name"),
                "territory": meas.key(m, "territory__", "kato", "name") if m[c["territory_id"]] else territory,
            },
            planned=planned, allocated=allocated, absorbed=absorbed, absorption=absorption,
            status=statuses.get(m[c["id"]]), indicator_codes=tuple(code_by_id[i] for i in linked),
            achievement=avg, money_vs_result=ach.money_vs_result(absorption.value, avg.value),
        ))
    rank = {s: i for i, s in enumerate(_SOURCE_ORDER)}
    for pk, sources in by_source.items():
        snap = snaps[pk]
        for source in sorted(sources, key=lambda s: rank.get(s, 99)):
            snap.sources.append(_source_row(source, sources[source]))
        snap.total = _source_row("total", [f for rows in sources.values() for f in rows])
    return snaps


@dataclass(frozen=True)
class _Money:
    """One financing line of the year, as far as the roll-ups read it."""

    source: str
    plan: Decimal | None
    effective_plan: Decimal | None
    absorbed: Decimal | None
    reason_unabsorbed: str


_SOURCE_ORDER = ("budget", "state_loans", "guaranteed_loans", "investment", "grants", "bank_loans", "own_funds",
                 "other")


def _source_row(source: str, rows: list[_Money]) -> SourceRow:
    """Annex 13 s.2 / Annex 14 s.2: plan, corrected plan, absorbed by source; the total line sums them (R-13.7)."""
    plan = _sum(f.plan for f in rows) or Decimal(0)
    corrected = _sum(f.effective_plan for f in rows) or Decimal(0)
    absorbed = _sum(f.absorbed for f in rows) or Decimal(0)
    reasons = tuple(dict.fromkeys(f.reason_unabsorbed for f in rows if f.reason_unabsorbed))
    return SourceRow(source, plan, corrected, absorbed, ach.explain_absorption(corrected, absorbed), reasons)


def rollup(snap: Snapshot, by: str) -> list[Group]:
    """Groups of ``snap`` along one dimension, in the order they first appear; items without one go to None."""
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}; use one of {', '.join(DIMENSIONS)}")
    keys: dict[Key | None, None] = {}
    ind_groups: dict[Key | None, list[IndicatorResult]] = defaultdict(list)
    mea_groups: dict[Key | None, list[MeasureResult]] = defaultdict(list)
    for i in snap.indicators:
        keys.setdefault(i.groups[by])
        ind_groups[i.groups[by]].append(i)
    for m in snap.measures:
        keys.setdefault(m.groups[by])
        mea_groups[m.groups[by]].append(m)
    return [_group(by, k, ind_groups[k], mea_groups[k]) for k in keys]


def _group(by: str, key: Key | None, inds: list[IndicatorResult], meas: list[MeasureResult]) -> Group:
    avg = ach.average_achievement([i.achievement for i in inds])
    share = ach.share_achieved([i.verdict.status for i in inds])
    planned = _sum(m.allocated for m in meas) or Decimal(0)
    absorbed = _sum(m.absorbed for m in meas) or Decimal(0)
    absorption = ach.explain_absorption(planned, absorbed)
    counts: dict[str, int] = defaultdict(int)
    for m in meas:
        counts[m.status or "not_reported"] += 1
    return Group(by, key, len(inds), avg, share, len(meas), dict(counts), planned, absorbed, absorption,
                 ach.money_vs_result(absorption.value, avg.value))


def mismatches(snap: Snapshot) -> dict[str, list[MeasureResult]]:
    """cl. 271 criterion 2: measures whose money was absorbed but whose indicators were not reached, and the reverse."""
    pick: Callable[[str], list[MeasureResult]] = lambda status: [  # noqa: E731
        m for m in snap.measures if m.money_vs_result.status == status]
    return {
        ach.MoneyResult.ABSORBED_NOT_REACHED.value: pick(ach.MoneyResult.ABSORBED_NOT_REACHED),
        ach.MoneyResult.REACHED_NOT_ABSORBED.value: pick(ach.MoneyResult.REACHED_NOT_ABSORBED),
    }
