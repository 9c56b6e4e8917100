"""The benchmark harness: results, floors, timing and the pluggable cases of `bench/cases/`.

A case is a module in `bench/cases/` with `TITLE` and `run(ctx) -> list[Result]`. A case whose feature is not
built yet raises `NotAvailable` (or fails to import it): the run prints "not available yet" and goes on.
Every timing is printed with its ratio to a floor measured in the same run: the raw SQL that reads the same
rows, so that a slow machine and a slow program can be told apart.
"""

from __future__ import annotations

import importlib
import pkgutil
import resource
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import connection


class NotAvailable(Exception):
    """The feature a case measures does not exist yet (its module or function is missing)."""


@dataclass
class Result:
    case: str
    name: str
    value: float | None  # seconds, milliseconds or megabytes, see `unit`
    unit: str = "s"
    floor: float | None = None  # seconds of the raw SQL reading the same rows
    target: float | None = None  # the value must be <= target
    target_ratio: float | None = None  # value / floor must be <= target_ratio
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor or self.unit != "s":
            return None
        return self.value / self.floor

    @property
    def ok(self) -> bool | None:
        if self.value is None or (self.target is None and self.target_ratio is None):
            return None
        good = self.target is None or self.value <= self.target
        if self.target_ratio is not None and self.ratio is not None:
            good = good and self.ratio <= self.target_ratio
        return good

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio, "ok": self.ok}


@dataclass
class Context:
    scale: str
    year: int
    vendor: str
    database_url: str
    quick: bool = False  # smoke runs (tests): fewer repetitions, no load test
    options: dict[str, Any] = field(default_factory=dict)


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """The best of `repeat` runs (seconds) and the last result: the floor and the case are timed alike."""
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def raw_rows(statements: Iterable[tuple[str, list]]) -> int:
    """Execute read-only SQL and fetch every row: the floor of a case."""
    n = 0
    with connection.cursor() as cur:
        for sql, params in statements:
            cur.execute(sql, params)
            n += len(cur.fetchall())
    return n


def document_floor_sql(document_ids: list[int]) -> list[tuple[str, list]]:
    """Raw SQL reading every item row of these documents (what an export, a check or a form reads)."""
    ids = ",".join(str(int(i)) for i in document_ids) or "0"
    return [
        (f"SELECT * FROM planning_document WHERE id IN ({ids})", []),
        (f"SELECT * FROM planning_section WHERE document_id IN ({ids})", []),
        (f"SELECT * FROM planning_direction WHERE document_id IN ({ids})", []),
        (f"SELECT * FROM planning_goal WHERE document_id IN ({ids})", []),
        (f"SELECT t.* FROM planning_task t JOIN planning_goal g ON g.id = t.goal_id WHERE g.document_id IN ({ids})", []),
        (f"SELECT * FROM planning_indicator WHERE document_id IN ({ids})", []),
        (f"SELECT v.* FROM planning_indicatorvalue v JOIN planning_indicator i ON i.id = v.indicator_id "
         f"WHERE i.document_id IN ({ids})", []),
        (f"SELECT l.* FROM planning_decompositionlink l JOIN planning_indicator i ON i.id = l.child_id "
         f"WHERE i.document_id IN ({ids})", []),
        (f"SELECT * FROM planning_measure WHERE document_id IN ({ids})", []),
        (f"SELECT mi.* FROM planning_measure_indicators mi JOIN planning_measure m ON m.id = mi.measure_id "
         f"WHERE m.document_id IN ({ids})", []),
        (f"SELECT f.* FROM planning_financing f JOIN planning_measure m ON m.id = f.measure_id "
         f"WHERE m.document_id IN ({ids})", []),
    ]


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def discover(only: Iterable[str] | None = None) -> list[str]:
    from bench import cases

    names = sorted(m.name for m in pkgutil.iter_modules(cases.__path__) if not m.name.startswith("_"))
    order = {n: i for i, n in enumerate(("consolidation", "compliance", "annexes", "annex14_import",
                                           "annex_import_10k", "interchange", "load"))}
    order["memory"] = 100  # last, whatever other cases exist: the peak is read after everything else ran
    names.sort(key=lambda n: (order.get(n, 50), n))
    if only:
        wanted = set(only)
        names = [n for n in names if n in wanted]
    return names


def run_cases(ctx: Context, only: Iterable[str] | None = None, echo: Callable[[str], None] = print) -> tuple[
        list[Result], dict[str, str]]:
    """Run every case; returns the results and, per case that did not run, why."""
    results: list[Result] = []
    skipped: dict[str, str] = {}
    for name in discover(only):
        try:
            module = importlib.import_module(f"bench.cases.{name}")
            echo(f"... {name}: {module.TITLE}")
            got = module.run(ctx)
        except (NotAvailable, ImportError, AttributeError) as exc:
            skipped[name] = f"not available yet: {exc}"
            echo(f"    {name}: {skipped[name]}")
            continue
        except Exception as exc:  # a broken case must not hide the others
            skipped[name] = f"failed: {type(exc).__name__}: {exc}"
            echo(f"    {name}: {skipped[name]}")
            echo(traceback.format_exc(limit=4))
            continue
        for r in got:
            echo(f"    {format_row(r)}")
        results.extend(got)
    return results, skipped


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.1f} {unit}"


def _target(r: Result) -> str:
    parts = []
    if r.target is not None:
        parts.append("<= " + _fmt(r.target, r.unit))
    if r.target_ratio is not None:
        parts.append(f"<= {r.target_ratio:g}x floor")
    return ", ".join(parts)


def format_row(r: Result) -> str:
    ratio = f"{r.ratio:,.1f}x" if r.ratio is not None else "-"
    verdict = {True: "ok", False: "MISSED", None: ""}[r.ok]
    return (f"{r.case:<14} {r.name:<46} {_fmt(r.value, r.unit):>11} {_fmt(r.floor, 's'):>10} {ratio:>8} "
            f"{_target(r):<26} {verdict:<6} {r.note}")


def table(results: list[Result], skipped: dict[str, str]) -> str:
    head = (f"{'case':<14} {'measure':<46} {'value':>11} {'floor':>10} {'ratio':>8} {'target':<26} {'':<6} note")
    lines = [head, "-" * len(head)]
    lines += [format_row(r) for r in results]
    lines += [f"{name:<14} {why}" for name, why in skipped.items()]
    return "\n".join(lines)
