"""Everything a form needs about one document, read in a fixed number of queries (no per-row queries).

``PlanData.load(document)`` runs 13 queries whatever the size of the document. ``public=True`` leaves out
every item whose confidentiality is not "open" together with what hangs off it (cl. 231-233: restricted
information is never published), so the totals of a public form never include restricted money.
``organization`` marks what a co-executor may fill (its "part" of the report, cl. 240, 254, 266(1)).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from jospar.core.models import Organization
from jospar.planning.choices import Confidentiality, DecompositionDimension, IndicatorKind
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
)

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

    # ------------------------------------------------------------------------------------------- loading
    @classmethod
    def load(cls, document: Document, *, public: bool = False, organization: Organization | None = None,
             with_links: bool = True) -> PlanData:
        d = cls(document=document, public=public, organization=organization)
        ok = (lambda obj: obj.confidentiality == OPEN) if public else (lambda obj: True)
        d.directions = list(Direction.objects.filter(document=document).order_by("order", "code"))
        d.goals = list(Goal.objects.filter(document=document).order_by("order", "code"))
        d.indicators = [i for i in Indicator.objects.filter(document=document).select_related(
            "responsible", "responsible_official", "territory").order_by("order", "code") if ok(i)]
        ids = {i.pk for i in d.indicators}
        for v in IndicatorValue.objects.filter(indicator__document=document, quarter=0):
            if v.indicator_id in ids:
                d.values.setdefault(v.indicator_id, {})[v.year] = v
        for c in IndicatorCoExecutor.objects.filter(indicator__document=document).select_related("organization"):
            d.coexec.setdefault(c.indicator_id, []).append(c)
        if with_links:
            links = DecompositionLink.objects.filter(parent__document=document).select_related(
                "child", "child__document", "child__responsible").order_by("child__document__type", "child__order")
            foreign: set[int] = set()
            for link in links:
                if link.parent_id in ids and (not public or (link.child.confidentiality == OPEN
                                                             and link.child.document.confidentiality == OPEN)):
                    d.children.setdefault(link.parent_id, []).append(link)
                    if link.child.document_id != document.pk:
                        foreign.add(link.child_id)
            for link in DecompositionLink.objects.filter(child__document=document).select_related(
                    "parent", "parent__document"):
                d.parents.setdefault(link.child_id, []).append(link)
            for v in IndicatorValue.objects.filter(indicator_id__in=foreign, quarter=0):
                d.foreign_values.setdefault(v.indicator_id, {})[v.year] = v
            through = Measure.indicators.through
            fm = {m.pk: m for m in Measure.objects.filter(indicators__in=foreign).select_related(
                "document", "responsible").distinct()}
            for row in through.objects.filter(indicator_id__in=foreign, measure_id__in=fm):
                m = fm[row.measure_id]
                if ok(m):
                    d.foreign_measures.setdefault(row.indicator_id, []).append(m)
        d.measures = [m for m in Measure.objects.filter(document=document).select_related(
            "responsible", "territory").order_by("order", "code") if ok(m)]
        mids = {m.pk for m in d.measures}
        for row in Measure.co_executors.through.objects.filter(measure__document=document).select_related(
                "organization"):
            d.measure_coexec.setdefault(row.measure_id, []).append(row.organization)
        for row in Measure.indicators.through.objects.filter(measure__document=document):
            if row.indicator_id in ids:
                d.measure_indicators.setdefault(row.measure_id, []).append(row.indicator_id)
        for f in Financing.objects.filter(measure__document=document).select_related("administrator"):
            if f.measure_id in mids:
                d.financing.setdefault(f.measure_id, []).append(f)
        foreign_mids = {m.pk for ms in d.foreign_measures.values() for m in ms}
        for e in MeasureExecution.objects.filter(measure_id__in=mids | foreign_mids):
            d.executions[(e.measure_id, e.year)] = e
        d.sections = [s for s in Section.objects.filter(document=document).order_by("order") if ok(s)]
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

    def main_indicators(self, kinds: tuple[str, ...] | None = None) -> list[Indicator]:
        return [i for i in self.indicators if not self.is_district_row(i) and not self.is_region_row(i)
                and (kinds is None or i.kind in kinds)]

    def district_rows(self, indicator: Indicator) -> list[Indicator]:
        by_id = {i.pk: i for i in self.indicators}
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

    # ------------------------------------------------------------------------------------------- who fills
    @property
    def org_id(self) -> int | None:
        return self.organization.pk if self.organization else None

    @property
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
