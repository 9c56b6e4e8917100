"""Everything a form needs about one document, read in a fixed number of queries (no per-row queries).

``PlanData.load(document)`` runs 13 queries whatever the size of the document. ``public=True`` leaves out
every item whose confidentiality is not "open" together with what hangs off it (cl. 231-233: restricted
information is never published), so the totals of a public form never include restricted money.
``organization`` marks what a co-executor may fill (its "part" of the report, cl. 240, 254, 266(1)).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from jospar.core.models import Official, Organization, Territory
from jospar.planning.choices import Confidentiality, DecompositionDimension, IndicatorKind
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
)

from .fast import attach, by_pk, instances, plain
from .models import MeasureExecution

OPEN = Confidentiality.OPEN


@dataclass
class PlanData:
    document: Document
    public: bool = False
    organization: Organization | None = None
    directions: list[Direction] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    values: dict[int, dict[int, IndicatorValue]] = field(default_factory=dict)  # indicator id -> year -> value
    coexec: dict[int, list[IndicatorCoExecutor]] = field(default_factory=dict)
    children: dict[int, list[DecompositionLink]] = field(default_factory=dict)  # parent id -> links (any doc)
    parents: dict[int, list[DecompositionLink]] = field(default_factory=dict)  # child id -> links
    foreign_values: dict[int, dict[int, IndicatorValue]] = field(default_factory=dict)
    measures: list[Measure] = field(default_factory=list)
    measure_coexec: dict[int, list[Organization]] = field(default_factory=dict)
    measure_indicators: dict[int, list[int]] = field(default_factory=dict)
    foreign_measures: dict[int, list[Measure]] = field(default_factory=dict)  # foreign indicator id -> measures
    financing: dict[int, list[Financing]] = field(default_factory=dict)  # measure id -> lines
    executions: dict[tuple[int, int], MeasureExecution] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    # the years whose values, financing lines and executions were read (None: every year)
    loaded_years: frozenset[int] | None = None

    # ------------------------------------------------------------------------------------------- loading
    @classmethod
    def load(cls, document: Document, *, public: bool = False, organization: Organization | None = None,
             with_links: bool = True, years: Iterable[int] | None = None) -> PlanData:
        """Read everything in a fixed number of queries, as plain rows turned into instances (``fast``): at
        national scale Django's and modeltranslation's ``__init__`` were most of the time of a form."""
        d = cls(document=document, public=public, organization=organization,
                loaded_years=None if years is None else frozenset(years))
        ok = (lambda obj: obj.confidentiality == OPEN) if public else (lambda obj: True)
        own = plain(Indicator).filter(document=document)
        d.directions = instances(Direction, plain(Direction).filter(document=document).order_by("order", "code"))
        d.goals = instances(Goal, plain(Goal).filter(document=document).order_by("order", "code"))
        every = instances(Indicator, own.order_by("order", "code"))
        for i in every:
            i._state.fields_cache["document"] = document
        d.indicators = [i for i in every if ok(i)]
        ids = {i.pk for i in d.indicators}
        own_values = plain(IndicatorValue).filter(indicator__document=document, quarter=0)
        foreign_values = plain(IndicatorValue).filter(quarter=0)
        if years is not None:  # a report reads only its years (its values are most of the rows of a plan)
            own_values = own_values.filter(year__in=list(years))
            foreign_values = foreign_values.filter(year__in=list(years))
        for v in instances(IndicatorValue, own_values):
            if v.indicator_id in ids:
                d.values.setdefault(v.indicator_id, {})[v.year] = v
        coexec = instances(IndicatorCoExecutor, plain(IndicatorCoExecutor).filter(indicator__document=document)
                           .order_by("pk"))
        links: list[DecompositionLink] = []
        up: list[DecompositionLink] = []
        foreign_ind: list[Indicator] = []
        fm: dict[int, Measure] = {}
        through_rows: list[tuple[int, int]] = []
        if with_links:
            links = instances(DecompositionLink, plain(DecompositionLink).filter(parent__document=document).order_by(
                # the lower documents by type, then code (ties were left to the database before)
                "child__document__type", "child__document__code", "child__order", "child__code", "pk"))
            up = instances(DecompositionLink, plain(DecompositionLink).filter(child__document=document).order_by("pk"))
            foreign_ind = instances(Indicator, plain(Indicator).filter(
                pk__in=plain(DecompositionLink).filter(parent__document=document).exclude(
                    child__document=document).values("child_id")))
            parent_ind = instances(Indicator, plain(Indicator).filter(
                pk__in=plain(DecompositionLink).filter(child__document=document).values("parent_id")))
            through = Measure.indicators.through
            through_rows = list(plain(through).filter(indicator_id__in=plain(DecompositionLink).filter(
                parent__document=document).exclude(child__document=document).values("child_id")).order_by(
                "pk").values_list("indicator_id", "measure_id"))
            fm = {m.pk: m for m in instances(Measure, plain(Measure).filter(pk__in={m for _i, m in through_rows}))}
        measures = instances(Measure, plain(Measure).filter(document=document).order_by("order", "code"))
        for m in measures:
            m._state.fields_cache["document"] = document
        d.measures = [m for m in measures if ok(m)]
        mids = {m.pk for m in d.measures}
        mco = list(plain(Measure.co_executors.through).filter(measure__document=document).order_by("pk")
                   .values_list("measure_id", "organization_id"))
        mind = list(plain(Measure.indicators.through).filter(measure__document=document).order_by("pk")
                    .values_list("measure_id", "indicator_id"))
        lines_qs = plain(Financing).filter(measure__document=document)
        executions_qs = plain(MeasureExecution).filter(measure_id__in=mids | set(fm))
        if years is not None:  # a report shows the lines and executions of its years only
            lines_qs = lines_qs.filter(year__in=list(years))
            executions_qs = executions_qs.filter(year__in=list(years))
        financing = instances(Financing, lines_qs)
        executions = instances(MeasureExecution, executions_qs)
        d.sections = [s for s in instances(Section, plain(Section).filter(document=document).order_by("order"))
                      if ok(s)]

        # the objects rows point to, each kind in one query
        by_id = {i.pk: i for i in every}
        ind_map = {**{i.pk: i for i in (foreign_ind if with_links else [])}, **by_id}
        if with_links:
            ind_map.update({i.pk: i for i in parent_ind if i.pk not in ind_map})
        other_docs = by_pk(Document, {i.document_id for i in ind_map.values() if i.document_id != document.pk}
                           | {m.document_id for m in fm.values()})
        other_docs[document.pk] = document
        attach([i for i in ind_map.values() if i.document_id != document.pk], "document", other_docs)
        attach(fm.values(), "document", other_docs)
        orgs = by_pk(Organization, {i.responsible_id for i in ind_map.values()}
                     | {m.responsible_id for m in [*measures, *fm.values()]}
                     | {c.organization_id for c in coexec} | {o for _m, o in mco}
                     | {f.administrator_id for f in financing})
        attach(ind_map.values(), "responsible", orgs)
        attach([*measures, *fm.values()], "responsible", orgs)
        attach(coexec, "organization", orgs)
        attach(financing, "administrator", orgs)
        officials = by_pk(Official, {i.responsible_official_id for i in every})
        attach(every, "responsible_official", officials)
        places = by_pk(Territory, {i.territory_id for i in every} | {m.territory_id for m in measures})
        attach(every, "territory", places)
        attach(measures, "territory", places)

        for c in coexec:
            d.coexec.setdefault(c.indicator_id, []).append(c)
        if with_links:
            attach(links, "parent", ind_map)
            attach(links, "child", ind_map)
            attach(up, "parent", ind_map)
            attach(up, "child", ind_map)
            foreign: set[int] = set()
            for link in links:
                if link.parent_id in ids and (not public or (link.child.confidentiality == OPEN
                                                             and link.child.document.confidentiality == OPEN)):
                    d.children.setdefault(link.parent_id, []).append(link)
                    if link.child.document_id != document.pk:
                        foreign.add(link.child_id)
            for link in up:
                d.parents.setdefault(link.child_id, []).append(link)
            for v in instances(IndicatorValue, foreign_values.filter(indicator_id__in=foreign)):
                d.foreign_values.setdefault(v.indicator_id, {})[v.year] = v
            for indicator_id, measure_id in through_rows:
                m = fm[measure_id]
                if indicator_id in foreign and ok(m):
                    d.foreign_measures.setdefault(indicator_id, []).append(m)
        for measure_id, org_id in mco:
            d.measure_coexec.setdefault(measure_id, []).append(orgs[org_id])
        for measure_id, indicator_id in mind:
            if indicator_id in ids:
                d.measure_indicators.setdefault(measure_id, []).append(indicator_id)
        for f in financing:
            if f.measure_id in mids:
                d.financing.setdefault(f.measure_id, []).append(f)
        for e in executions:
            d.executions[(e.measure_id, e.year)] = e
        return d

    # ------------------------------------------------------------------------------------------- shapes
    def value(self, indicator: Indicator, year: int) -> IndicatorValue | None:
        return (self.values.get(indicator.pk) or self.foreign_values.get(indicator.pk) or {}).get(year)

    def is_district_row(self, indicator: Indicator) -> bool:
        """A district-level copy of a regional indicator (Annex 7, Annex 14 district breakdown)."""
        return any(link.dimension == DecompositionDimension.DISTRICT and link.parent.document_id == self.document.pk
                   for link in self.parents.get(indicator.pk, ()))

    def is_region_row(self, indicator: Indicator) -> bool:
        """A regional row of the Strategic Indicator Map inside the National Plan itself (cl. 70-71)."""
        return any(link.dimension == DecompositionDimension.REGION and link.parent.document_id == self.document.pk
                   for link in self.parents.get(indicator.pk, ()))

    @cached_property
    def _main(self) -> list[Indicator]:
        return [i for i in self.indicators if not self.is_district_row(i) and not self.is_region_row(i)]

    @cached_property
    def _by_id(self) -> dict[int, Indicator]:
        return {i.pk: i for i in self.indicators}

    def main_indicators(self, kinds: tuple[str, ...] | None = None) -> list[Indicator]:
        return [i for i in self._main if kinds is None or i.kind in kinds]

    def district_rows(self, indicator: Indicator) -> list[Indicator]:
        by_id = self._by_id
        rows = [by_id[link.child_id] for link in self.children.get(indicator.pk, ())
                if link.dimension == DecompositionDimension.DISTRICT and link.child_id in by_id]
        # the official order of districts: by their KATO code (the same on every database)
        return sorted(rows, key=lambda i: (i.order, i.territory.kato if i.territory else "", i.code))

    def indicators_of_goal(self, goal: Goal, kinds: tuple[str, ...]) -> list[Indicator]:
        return [i for i in self.main_indicators(kinds) if i.goal_id == goal.pk]

    def macro_of_direction(self, direction: Direction) -> list[Indicator]:
        """Macroindicators hang off the direction (Annex 3 A3-R6): directly, or through a goal of the direction."""
        goals = {g.pk for g in self.goals if g.direction_id == direction.pk}
        return [i for i in self.main_indicators((IndicatorKind.MACRO,))
                if i.direction_id == direction.pk or i.goal_id in goals]

    def goals_of(self, direction: Direction | None) -> list[Goal]:
        return [g for g in self.goals if g.direction_id == (direction.pk if direction else None)]

    def measures_of_goal(self, goal: Goal | None) -> list[Measure]:
        return [m for m in self.measures if m.goal_id == (goal.pk if goal else None)]

    def lines(self, measure: Measure, year: int | None = None) -> list[Financing]:
        return [f for f in self.financing.get(measure.pk, ()) if year is None or f.year == year]

    def years(self) -> list[int]:
        return list(self.document.years)

    # ------------------------------------------------------------------------------------------- Annexes 3, 4
    @cached_property
    def resources(self) -> dict[int, Resources]:
        """Section 4 "Resources" by year (cl. 117, Annex 3 expl. 6); read only by the forms that show it."""
        return {r.year: r for r in instances(Resources, plain(Resources).filter(document=self.document))}

    @cached_property
    def financial_needs(self) -> list[FinancialNeed]:
        """The Annex 4 rows (cl. 119-120) with ``amounts_by_year`` ({year: amount}); two queries. A public form
        leaves out the rows of restricted indicators, like the indicators themselves (cl. 231-233)."""
        needs = instances(FinancialNeed, plain(FinancialNeed).filter(document=self.document).order_by("pk"))
        amounts: dict[int, dict[int, Decimal]] = defaultdict(dict)
        for a in instances(FinancialNeedAmount, plain(FinancialNeedAmount).filter(need__document=self.document)):
            amounts[a.need_id][a.year] = a.amount
        shown = {i.pk for i in self.indicators}
        out = []
        for n in needs:
            if n.indicator_id is not None and n.indicator_id not in shown:
                continue
            n.amounts_by_year = amounts.get(n.pk, {})
            out.append(n)
        return out

    # ------------------------------------------------------------------------------------------- who fills
    @property
    def org_id(self) -> int | None:
        return self.organization.pk if self.organization else None

    @cached_property
    def compiles(self) -> bool:
        """The developer compiles the report (cl. 255, 263, 266(2)) and may fill every cell of it."""
        return self.organization is not None and self.organization.pk == self.document.developer_id

    def may_fill_indicator(self, indicator: Indicator) -> bool:
        if self.organization is None:
            return True
        if self.compiles and indicator.document_id == self.document.pk:
            return True
        return indicator.responsible_id == self.org_id or any(
            c.organization_id == self.org_id for c in self.coexec.get(indicator.pk, ()))

    def may_fill_measure(self, measure: Measure) -> bool:
        if self.organization is None:
            return True
        if self.compiles and measure.document_id == self.document.pk:
            return True
        return measure.responsible_id == self.org_id or any(
            o.pk == self.org_id for o in self.measure_coexec.get(measure.pk, ()))

    def may_fill_line(self, line: Financing, measure: Measure) -> bool:
        """Absorbed money is reported by the budget programme administrator, else by the measure's executor."""
        if self.organization is None or self.compiles:
            return True
        if line.administrator_id:
            return line.administrator_id == self.org_id
        return measure.responsible_id == self.org_id


def money_sum(values) -> Decimal | None:
    items = [v for v in values if v is not None]
    return sum(items, Decimal(0)) if items else None


def by_source(lines) -> dict[tuple[str, str], list[Financing]]:
    out: dict[tuple[str, str], list[Financing]] = defaultdict(list)
    for f in lines:
        out[(f.source, f.budget_level if f.source == "budget" else "")].append(f)
    return out
