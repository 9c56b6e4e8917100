"""Rules on the analysis stage (SPEC part 1 §4, §18 V-02..V-08; cl. 9-30). Pure Python: no Django import.

The analysis of a document is not part of the interchange payload: it is recorded in the `analysis` app.
The rules read it from the context as `context.analysis`, an `AnalysisData` snapshot (plain data, built
from the database by `jospar.analysis.snapshot.load_analysis` in a fixed number of queries and attached
to every context that `jospar.compliance.services` builds; see `jospar.analysis.apps`).

- no `analysis` on the context (a context built by hand, e.g. in the pure rule tests): the rules are silent;
- `AnalysisData(recorded=False)`: the document has no analysis recorded; only V-05 speaks (a regional plan
  must have a SWOT analysis, cl. 130(5));
- otherwise every rule judges what is recorded.

[INFERRED] rules are warnings (V-02, V-05, V-06, V-08); V-03, V-04 and V-07 are errors as in §18.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jospar.analysis import rule_messages as m
from jospar.analysis.tree import (
    SWOT_CATEGORIES,
    find_cycle,
    near_duplicates,
    required_data_years,
    swot_aspect,
)

from .base import ERROR, WARNING, ItemRef, Words, document_ref, goal_ref, rule, years_text

FACTOR_KINDS = ("external", "internal")
FACTOR_GROUPS = ("economic", "demographic", "technological", "social", "spatial", "legislative", "political")


@dataclass(frozen=True)
class FactorInfo:
    code: str
    kind: str
    group: str
    description: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SwotInfo:
    code: str
    category: str
    aspect: str
    text: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProblemInfo:
    code: str
    text: dict[str, str] = field(default_factory=dict)
    is_key: bool = False


@dataclass
class AnalysisData:
    """What the analysis rules need about the analysis of one document."""

    recorded: bool = False
    development_year: int | None = None
    data_years: set[int] = field(default_factory=set)
    factors: list[FactorInfo] = field(default_factory=list)
    swot: list[SwotInfo] = field(default_factory=list)
    problems: list[ProblemInfo] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (cause code, effect code)
    goal_problems: dict[str, set[str]] = field(default_factory=dict)  # goal code -> problem codes


def analysis_of(context) -> AnalysisData | None:
    return getattr(context, "analysis", None)


def recorded(context) -> AnalysisData | None:
    data = analysis_of(context)
    return data if data is not None and data.recorded else None


def factor_ref(f: FactorInfo) -> ItemRef:
    return ItemRef("factor", f.code, dict(f.description))


def swot_ref(s: SwotInfo) -> ItemRef:
    return ItemRef("swot", s.code, dict(s.text))


def problem_ref(p: ProblemInfo) -> ItemRef:
    return ItemRef("problem", p.code, dict(p.text))


def _word(words: dict[str, str], value: str):
    return Words((words[value],)) if value in words else (value or "—")


@rule("V-02", clause="cl. 9", severity=WARNING, title=m.V02_TITLE)
def data_years_cover_the_window(r, payload, ctx):
    data = recorded(ctx)
    if data is None or data.development_year is None:
        return
    missing = [y for y in required_data_years(data.development_year) if y not in data.data_years]
    if missing:
        yield r.finding(document_ref(payload), m.V02_MISSING, years=years_text(missing), year=data.development_year)


@rule("V-03", clause="cl. 10-13", severity=ERROR, title=m.V03_TITLE)
def factors_have_kind_and_group(r, payload, ctx):
    data = recorded(ctx)
    if data is None:
        return
    for f in data.factors:
        if f.kind not in FACTOR_KINDS:
            yield r.finding(factor_ref(f), m.V03_KIND, kind=f.kind or "—")
        if f.group not in FACTOR_GROUPS:
            yield r.finding(factor_ref(f), m.V03_GROUP, group=f.group or "—")


@rule("V-04", clause="cl. 19-20", severity=ERROR, title=m.V04_TITLE)
def swot_aspect_follows_category(r, payload, ctx):
    data = recorded(ctx)
    if data is None:
        return
    for s in data.swot:
        if s.category not in SWOT_CATEGORIES:
            yield r.finding(swot_ref(s), m.V04_CATEGORY, category=s.category or "—")
            continue
        expected = swot_aspect(s.category)
        if s.aspect != expected:
            yield r.finding(swot_ref(s), m.V04_ASPECT, category=_word(m.CATEGORY_WORDS, s.category),
                            expected=_word(m.ASPECT_WORDS, expected), aspect=_word(m.ASPECT_WORDS, s.aspect))


@rule("V-05", clause="cl. 17, 130(5)", severity=WARNING, title=m.V05_TITLE, types=("rdp",))
def regional_plan_has_swot(r, payload, ctx):
    data = analysis_of(ctx)
    if data is None:
        return
    present = {s.category for s in data.swot}
    if not present:
        yield r.finding(document_ref(payload), m.V05_NONE)
        return
    absent = [c for c in SWOT_CATEGORIES if c not in present]
    if absent:
        yield r.finding(document_ref(payload), m.V05_PART, categories=Words(m.CATEGORY_PLURALS[c] for c in absent))


@rule("V-06", clause="cl. 25", severity=WARNING, title=m.V06_TITLE)
def problems_do_not_repeat(r, payload, ctx):
    data = recorded(ctx)
    if data is None:
        return
    by_code = {p.code: p for p in data.problems}
    for first, second, _lang in near_duplicates((p.code, p.text) for p in data.problems):
        yield r.finding(problem_ref(by_code[second]), m.V06_REPEAT, other=first)


@rule("V-07", clause="cl. 26-27", severity=ERROR, title=m.V07_TITLE)
def problem_links_are_acyclic(r, payload, ctx):
    data = recorded(ctx)
    if data is None:
        return
    by_code = {p.code: p for p in data.problems}
    links = list(data.links)
    while True:  # name every independent cycle: drop one link of each cycle found and look again
        cycle = find_cycle(by_code, links)
        if cycle is None:
            return
        first = by_code.get(cycle[0]) or ProblemInfo(cycle[0])
        yield r.finding(problem_ref(first), m.V07_CYCLE, cycle=" → ".join(cycle))
        links.remove((cycle[-2], cycle[-1]))


@rule("V-08", clause="cl. 23, 30, 113(1)", severity=WARNING, title=m.V08_TITLE)
def goals_formed_on_key_problems(r, payload, ctx):
    data = recorded(ctx)
    if data is None:
        return
    key = {p.code for p in data.problems if p.is_key}
    if not key:
        yield r.finding(document_ref(payload), m.V08_NO_KEY)
    for goal in payload.goals:
        if not data.goal_problems.get(goal.code, set()) & key:
            yield r.finding(goal_ref(goal), m.V08_GOAL)
