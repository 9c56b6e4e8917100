"""Pure computations of the analysis stage (SPEC part 1 §4; part 2 §7). No Django import.

- the problem tree (cl. 26-27): levels from cause -> effect links, cycles named by their problems;
- near-duplicate problems (cl. 25);
- the aspect of a SWOT item (cl. 19-20);
- the data window of the analysis (cl. 9);
- the score and level of a risk (cl. 198-204; the methodology gives no scale [GAP], see `risk_level`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher

ARROW = " → "


class CycleError(ValueError):
    """The cause -> effect links contain a cycle; `cycle` lists it with the first problem repeated at the end."""

    def __init__(self, cycle: list[str]):
        self.cycle = cycle
        super().__init__(cycle_text(cycle))


def cycle_text(cycle: Iterable[str]) -> str:
    """["P3", "P5", "P3"] -> "P3 → P5 → P3"."""
    return ARROW.join(cycle)


def _graph(nodes: Iterable[str], links: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """cause -> [effects], every node present, insertion order kept (so results are deterministic)."""
    effects: dict[str, list[str]] = {n: [] for n in nodes}
    for cause, effect in links:
        effects.setdefault(cause, [])
        effects.setdefault(effect, [])
        if effect not in effects[cause]:
            effects[cause].append(effect)
    return effects


def find_cycle(nodes: Iterable[str], links: Iterable[tuple[str, str]]) -> list[str] | None:
    """One cycle of the cause -> effect graph as [a, b, ..., a], or None when the graph is acyclic."""
    effects = _graph(nodes, links)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in effects:
        if start in state:
            continue
        path: list[str] = [start]
        state[start] = 1
        stack = [iter(effects[start])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(effects[nxt]))
    return None


def cycle_if_linked(links: Iterable[tuple[str, str]], cause: str, effect: str) -> list[str] | None:
    """The cycle that adding `cause -> effect` would make, e.g. ["P3", "P5", "P3"]; None if it makes none."""
    if cause == effect:
        return [cause, cause]
    effects = _graph((), links)
    # a path effect -> ... -> cause already exists?  Breadth first, so the cycle named is a shortest one.
    previous: dict[str, str | None] = {effect: None}
    queue = [effect]
    while queue:
        node = queue.pop(0)
        if node == cause:
            path = []
            step: str | None = node
            while step is not None:
                path.append(step)
                step = previous[step]
            return [cause, *reversed(path)]
        for nxt in effects.get(node, ()):
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return None


def problem_levels(nodes: Iterable[str], links: Iterable[tuple[str, str]]) -> dict[str, int]:
    """The level of each problem in the problem tree (cl. 27).

    A link (cause, effect) means "cause is a cause of effect". A problem that has no cause sits on level 0;
    any other sits one level above the highest of its causes. So every cause is lower than its effect, and
    problems that are neither cause nor consequence of anything share the lowest level. Raises CycleError
    when the links make a cycle: no arrangement by levels exists then.
    """
    effects = _graph(nodes, links)
    cycle = find_cycle(effects, ((c, e) for c, es in effects.items() for e in es))
    if cycle:
        raise CycleError(cycle)
    causes: dict[str, list[str]] = {n: [] for n in effects}
    for cause, es in effects.items():
        for e in es:
            causes[e].append(cause)
    level: dict[str, int] = {}
    for node in effects:  # iterative depth-first: the tree may be deep
        stack = [node]
        while stack:
            top = stack[-1]
            if top in level:
                stack.pop()
                continue
            pending = [c for c in causes[top] if c not in level]
            if pending:
                stack.extend(pending)
                continue
            level[top] = 1 + max((level[c] for c in causes[top]), default=-1)
            stack.pop()
    return {node: level[node] for node in effects}  # in the order of the problems given


def by_level(levels: Mapping[str, int]) -> list[list[str]]:
    """The problems of each level, level 0 (the root causes) first, in the order of `levels`."""
    rows: list[list[str]] = [[] for _ in range(max(levels.values(), default=-1) + 1)]
    for node, lvl in levels.items():
        rows[lvl].append(node)
    return rows


# ------------------------------------------------------------------------------------- duplicates (cl. 25)

# [DECISION] cl. 25 says problems "close in meaning" are merged or refined; meaning cannot be computed, so
# Jospar compares the wording: after folding case, punctuation and spaces, two formulations are near
# duplicates when they are equal or difflib's similarity ratio is at least 0.9 in some language.
NEAR_DUPLICATE_RATIO = 0.9
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalized(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def similarity(a: str, b: str) -> float:
    na, nb = normalized(a), normalized(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    return SequenceMatcher(None, na, nb, autojunk=False).ratio()


def near_duplicates(items: Iterable[tuple[str, Mapping[str, str]]]) -> list[tuple[str, str, str]]:
    """Pairs (earlier code, later code, language) whose formulations nearly repeat each other in a language."""
    items = list(items)
    out = []
    for i, (code_a, text_a) in enumerate(items):
        for code_b, text_b in items[i + 1:]:
            for lang in sorted(set(text_a) & set(text_b)):
                if similarity(text_a[lang] or "", text_b[lang] or "") >= NEAR_DUPLICATE_RATIO:
                    out.append((code_a, code_b, lang))
                    break
    return out


# ------------------------------------------------------------------------------------------ SWOT, data years

INTERNAL, EXTERNAL = "internal", "external"
SWOT_CATEGORIES = ("strength", "weakness", "opportunity", "threat")


def swot_aspect(category: str) -> str:
    """cl. 19: strengths and weaknesses are internal (controllable); cl. 20: opportunities, threats external."""
    if category in ("strength", "weakness"):
        return INTERNAL
    if category in ("opportunity", "threat"):
        return EXTERNAL
    raise ValueError(f"unknown SWOT category {category!r}")


def required_data_years(development_year: int) -> list[int]:
    """cl. 9: the analysis uses data for the last three years preceding the current year."""
    return [development_year - 3, development_year - 2, development_year - 1]


# ----------------------------------------------------------------------------------------------- risks

SCALE = range(1, 6)

# [DECISION] cl. 198-204 ask to analyse and manage risks but give no scale. Jospar rates likelihood and
# impact from 1 to 5 and takes their product as the score (1-25), read as: 1-4 low, 5-9 medium,
# 10-16 high, 20-25 critical (the usual 5 x 5 risk matrix).
LEVELS = ((4, "low"), (9, "medium"), (16, "high"), (25, "critical"))


def risk_score(likelihood: int, impact: int) -> int:
    if likelihood not in SCALE or impact not in SCALE:
        raise ValueError("likelihood and impact are rated from 1 to 5")
    return likelihood * impact


def risk_level(score: int) -> str:
    for bound, name in LEVELS:
        if score <= bound:
            return name
    raise ValueError(f"score {score} is above 25")
