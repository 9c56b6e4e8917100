"""Decomposition of indicators across the documents of the State Planning System (cl. 2(1), 6, 60-62, 70-71,
114-116, 141, 207-208).

- `cascade(indicator)`: from an indicator down the DecompositionLink tree to the lower documents, bodies,
  territories and co-executors that carry it (cl. 61: "cascaded sequentially down to the co-executors");
- `lineage(indicator)`: back up to the higher indicators it serves;
- `reconcile(document)`: the mismatches between the document's indicators and their parents or children
  (unit, polarity, years, shares that do not add up, indicators with no parent / no children where the rules
  need one);
- `correction_impact(indicator_or_document)`: which lower documents and indicators must follow when a
  higher one is corrected (cl. 207-208).

Every function reads a fixed number of queries whatever the depth of the tree: the link table is read once
(`_graph`) and the reachable indicators are loaded in one query with their values and co-executors.
The results are plain data (codes, years, numbers); pages, the API and the CLI render them.

[DECISION] Share (split) children add up to their parent exactly (Decimal, 4 decimals as stored); a
reconciliation finding is a warning for the planner (SPEC A22: cl. 71 gives no formula), never a refusal.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from .choices import DecompositionKind, DocumentType, IndicatorKind
from .models import DecompositionLink, Document, Indicator, IndicatorCoExecutor, IndicatorValue

LANGS = ("kk", "ru", "en")


@dataclass(frozen=True)
class Node:
    """One indicator of the tree, with the link that attaches it to the node above (none for the root)."""

    id: int
    ref: str  # DOCUMENT_CODE:INDICATOR_CODE
    document: str
    document_type: str
    code: str
    kind: str
    title: dict[str, str]
    unit: dict[str, str]
    polarity: str
    responsible: str | None
    territory: str | None
    co_executors: tuple[str, ...]
    values: dict[int, Decimal]  # year -> effective annual plan
    depth: int = 0
    link_kind: str | None = None
    link_dimension: str | None = None
    parent_ref: str | None = None


@dataclass
class Cascade:
    """The indicators reached from a root, in breadth-first order, and what they touch."""

    root: Node
    nodes: list[Node] = field(default_factory=list)  # without the root

    @property
    def documents(self) -> list[str]:
        return sorted({n.document for n in self.nodes})

    @property
    def bodies(self) -> list[str]:
        return sorted({n.responsible for n in self.nodes if n.responsible})

    @property
    def territories(self) -> list[str]:
        return sorted({n.territory for n in self.nodes if n.territory})

    @property
    def co_executors(self) -> list[str]:
        return sorted({c for n in [self.root, *self.nodes] for c in n.co_executors})

    def children_of(self, ref: str) -> list[Node]:
        return [n for n in self.nodes if n.parent_ref == ref]


@dataclass(frozen=True)
class Mismatch:
    """One reconciliation finding between a parent and a child indicator (or a missing link)."""

    kind: str  # unit | polarity | years | share_sum | share_years | no_parent | no_children
    clause: str
    indicator: str  # the indicator of the document the finding is about (ref)
    other: str | None = None  # the parent or child it is compared with
    years: tuple[int, ...] = ()
    expected: Decimal | None = None
    actual: Decimal | None = None


@dataclass(frozen=True)
class Impact:
    """A lower indicator that must follow a correction of a higher one (cl. 208)."""

    document: str
    indicator: str  # ref
    via: str  # the ref of the corrected (or intermediate) parent
    link_kind: str
    depth: int


# ---------------------------------------------------------------------------------------------- loading


def _graph() -> tuple[dict[int, list[tuple[int, str, str]]], dict[int, list[tuple[int, str, str]]]]:
    """down[parent] = [(child, kind, dimension)], up[child] = [(parent, kind, dimension)]: one query."""
    down: dict[int, list] = defaultdict(list)
    up: dict[int, list] = defaultdict(list)
    for parent, child, kind, dimension in DecompositionLink.objects.values_list("parent_id", "child_id", "kind",
                                                                                "dimension"):
        down[parent].append((child, kind, dimension))
        up[child].append((parent, kind, dimension))
    return down, up


def _load(ids: Iterable[int]) -> dict[int, Indicator]:
    """The indicators with their document, bodies, territory, annual values and co-executors: three queries."""
    ids = set(ids)
    if not ids:
        return {}
    rows = (Indicator.objects.filter(pk__in=ids).select_related("document", "responsible", "territory")
            .prefetch_related(
                Prefetch("values", queryset=IndicatorValue.objects.filter(quarter=0)),
                Prefetch("indicatorcoexecutor_set", queryset=IndicatorCoExecutor.objects.select_related("organization")),
            ))
    return {i.pk: i for i in rows}


def _node(ind: Indicator, depth: int = 0, link: tuple[str, str] | None = None, parent_ref: str | None = None) -> Node:
    values = {v.year: v.effective_plan for v in ind.values.all() if v.quarter == 0 and v.effective_plan is not None}
    return Node(
        id=ind.pk, ref=f"{ind.document.code}:{ind.code}", document=ind.document.code, document_type=ind.document.type,
        code=ind.code, kind=ind.kind, title={lang: getattr(ind, f"title_{lang}") or "" for lang in LANGS},
        unit={lang: getattr(ind, f"unit_{lang}") or "" for lang in LANGS}, polarity=ind.polarity,
        responsible=ind.responsible.code if ind.responsible_id else None,
        territory=ind.territory.kato if ind.territory_id else None,
        co_executors=tuple(sorted(c.organization.code for c in ind.indicatorcoexecutor_set.all())),
        values=values, depth=depth, link_kind=link[0] if link else None, link_dimension=link[1] if link else None,
        parent_ref=parent_ref,
    )


def _walk(start: int, edges: dict[int, list]) -> list[tuple[int, int, int, str, str]]:
    """Breadth-first (id, depth, via_id, kind, dimension) from `start`; each indicator once (cycles are cut)."""
    seen = {start}
    out = []
    queue = deque([(start, 0)])
    while queue:
        current, depth = queue.popleft()
        for nxt, kind, dimension in sorted(edges.get(current, ())):
            if nxt in seen:
                continue
            seen.add(nxt)
            out.append((nxt, depth + 1, current, kind, dimension))
            queue.append((nxt, depth + 1))
    return out


def _tree(indicator: Indicator, direction: str) -> Cascade:
    down, up = _graph()
    steps = _walk(indicator.pk, down if direction == "down" else up)
    loaded = _load([indicator.pk, *(s[0] for s in steps)])
    refs = {pk: f"{i.document.code}:{i.code}" for pk, i in loaded.items()}
    root = _node(loaded[indicator.pk])
    nodes = [_node(loaded[pk], depth, (kind, dim), refs[via]) for pk, depth, via, kind, dim in steps]
    return Cascade(root, nodes)


def cascade(indicator: Indicator) -> Cascade:
    """Everything below an indicator: lower documents, bodies, territories and co-executors (cl. 61)."""
    return _tree(indicator, "down")


def lineage(indicator: Indicator) -> Cascade:
    """Everything above an indicator; `parent_ref` of each node is the lower indicator it was reached from."""
    return _tree(indicator, "up")


# ---------------------------------------------------------------------------------------- reconciliation


def _same_unit(a: dict[str, str], b: dict[str, str]) -> bool:
    common = [lang for lang in LANGS if a.get(lang, "").strip() and b.get(lang, "").strip()]
    return all(a[lang].strip().casefold() == b[lang].strip().casefold() for lang in common)


def reconcile(document: Document) -> list[Mismatch]:
    """Mismatches between the document's indicators and their parents and children (fixed number of queries)."""
    own = list(document.indicators.values_list("pk", flat=True))
    links = list(DecompositionLink.objects.filter(Q(child__document=document) | Q(parent__document=document))
                 .values_list("parent_id", "child_id", "kind", "dimension"))
    loaded = _load({*own, *(p for p, _, _, _ in links), *(c for _, c, _, _ in links)})
    nodes = {pk: _node(ind) for pk, ind in loaded.items()}
    own_set = set(own)
    findings: list[Mismatch] = []
    has_parent = {c for _, c, _, _ in links}
    has_child = {p for p, _, _, _ in links}
    shares: dict[int, list[int]] = defaultdict(list)

    for parent_id, child_id, kind, _dimension in links:
        parent, child = nodes[parent_id], nodes[child_id]
        subject, other = (child, parent) if child_id in own_set else (parent, child)
        if kind == DecompositionKind.COPY:
            if not _same_unit(parent.unit, child.unit):
                findings.append(Mismatch("unit", "cl. 2(1), 116", subject.ref, other.ref))
            if parent.polarity != child.polarity:
                findings.append(Mismatch("polarity", "cl. 2(1), 116", subject.ref, other.ref))
        if kind in (DecompositionKind.COPY, DecompositionKind.SHARE):
            # cl. 71: balanced by years: the child has a value for every year of the parent within its own period
            child_doc = loaded[child_id].document
            wanted = {y for y in parent.values if child_doc.period_start <= y <= child_doc.period_end}
            missing = tuple(sorted(wanted - set(child.values)))
            if missing:
                findings.append(Mismatch("years", "cl. 71", subject.ref, other.ref, missing))
        if kind == DecompositionKind.SHARE:
            shares[parent_id].append(child_id)

    for parent_id, children in shares.items():
        parent = nodes[parent_id]
        if parent_id not in own_set and not any(c in own_set for c in children):
            continue
        for year in sorted(parent.values):
            if all(year in nodes[c].values for c in children):
                total = sum((nodes[c].values[year] for c in children), Decimal(0))
                if total != parent.values[year]:
                    findings.append(Mismatch("share_sum", "cl. 71", parent.ref, None, (year,),
                                             parent.values[year], total))

    for pk in own:
        ind = loaded[pk]
        node = nodes[pk]
        if _needs_parent(document, ind) and pk not in has_parent:
            findings.append(Mismatch("no_parent", "cl. 114, 116", node.ref))
        if _needs_children(document, ind) and pk not in has_child:
            findings.append(Mismatch("no_children", "cl. 6, 70-71", node.ref))
    return findings


def _needs_parent(document: Document, ind: Indicator) -> bool:
    """SBDP macroindicators are copied from higher documents (cl. 116); concept TIs derive from the NDP (cl. 95)."""
    if document.type == DocumentType.SBDP:
        return ind.kind == IndicatorKind.MACRO
    if document.type == DocumentType.CONCEPT:
        return ind.kind == IndicatorKind.TARGET
    return False


def _needs_children(document: Document, ind: Indicator) -> bool:
    """Strategic Indicator Map indicators of the NDP are decomposed into lower documents (cl. 6 ¶2)."""
    return (document.type == DocumentType.NDP and ind.in_strategic_map and ind.territory_id is None
            and ind.kind == IndicatorKind.STRATEGIC)


# -------------------------------------------------------------------------------------------- impact


def correction_impact(target: Indicator | Document) -> list[Impact]:
    """The lower indicators (in other documents) that must be corrected when `target` is (cl. 207-208).

    For a document: every indicator of other documents reached from any of its indicators.
    Breakdown rows inside the same document are part of the correction itself and are not listed.
    """
    down, _ = _graph()
    if isinstance(target, Document):
        starts = list(target.indicators.values_list("pk", flat=True))
        home = target.pk
    else:
        starts = [target.pk]
        home = target.document_id
    steps: dict[int, tuple[int, int, str]] = {}
    for start in starts:
        for pk, depth, via, kind, _dim in _walk(start, down):
            if pk not in steps or depth < steps[pk][0]:
                steps[pk] = (depth, via, kind)
    loaded = _load({*steps, *(v for _, v, _ in steps.values())})
    out = []
    for pk, (depth, via, kind) in steps.items():
        ind = loaded[pk]
        if ind.document_id == home:
            continue
        parent = loaded[via]
        out.append(Impact(ind.document.code, f"{ind.document.code}:{ind.code}",
                          f"{parent.document.code}:{parent.code}", kind, depth))
    return sorted(out, key=lambda i: (i.depth, i.document, i.indicator))


__all__ = ["Cascade", "Impact", "Mismatch", "Node", "cascade", "correction_impact", "lineage", "reconcile"]
