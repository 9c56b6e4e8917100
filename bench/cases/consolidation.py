"""(a) Consolidation: plan vs. fact of every indicator value and financing line of the country for one year.

Uses the monitoring roll-ups (`jospar.monitoring.rollups.load_many` in chunks of 40 documents, or `load` per
document where `load_many` does not exist, + `rollup`) of every document when they exist;
the plain ORM read of the same rows is measured too, against the floor: raw SQL reading the same rows.
Target: <= 1 s and <= 3x the floor.
"""

from __future__ import annotations

import time

from bench.harness import Context, Result, raw_rows, timed

TITLE = "plan-vs-fact of the whole country for one year"
CASE = "consolidation"


def _floor_sql(year: int):
    return [
        ("SELECT v.indicator_id, v.plan, v.corrected_plan, v.fact, i.document_id, i.territory_id, i.polarity "
         "FROM planning_indicatorvalue v JOIN planning_indicator i ON i.id = v.indicator_id "
         "WHERE v.year = %s AND v.quarter = 0", [year]),
        ("SELECT f.measure_id, f.source, f.plan, f.corrected_plan, f.absorbed, m.document_id "
         "FROM planning_financing f JOIN planning_measure m ON m.id = f.measure_id WHERE f.year = %s", [year]),
    ]


def _orm(year: int) -> int:
    from jospar.planning.models import Financing, IndicatorValue

    values = list(IndicatorValue.objects.filter(year=year, quarter=0).select_related("indicator").only(
        "indicator_id", "plan", "corrected_plan", "fact", "indicator__document_id", "indicator__territory_id",
        "indicator__polarity"))
    lines = list(Financing.objects.filter(year=year).select_related("measure").only(
        "measure_id", "source", "plan", "corrected_plan", "absorbed", "measure__document_id"))
    return len(values) + len(lines)


def _rollups(year: int):
    from jospar.monitoring import rollups  # being built: probe
    from jospar.planning.models import Document

    if not callable(getattr(rollups, "load", None)) or not callable(getattr(rollups, "rollup", None)):
        return None
    load_many = getattr(rollups, "load_many", None)

    def go():
        groups = 0
        documents = list(Document.objects.filter(period_start__lte=year, period_end__gte=year))
        if load_many is None:  # before issue 7: one document at a time
            for document in documents:
                groups += len(rollups.rollup(rollups.load(document, year), "territory"))
            return groups
        for start in range(0, len(documents), CHUNK):  # seven queries per chunk; bounded memory
            for snap in load_many(documents[start:start + CHUNK], year).values():
                groups += len(rollups.rollup(snap, "territory"))
        return groups

    return go


CHUNK = 40


def run(ctx: Context) -> list[Result]:
    repeat = 1 if ctx.quick else 3
    floor, rows = timed(lambda: raw_rows(_floor_sql(ctx.year)), repeat)
    orm, n = timed(lambda: _orm(ctx.year), repeat)
    out = [Result(CASE, f"ORM read of {n:,} values + financing lines", orm, floor=floor, target=1.0,
                  target_ratio=3.0, extra={"rows": n})]
    try:
        go = _rollups(ctx.year)
    except ImportError as exc:
        go, why = None, str(exc)
    else:
        why = "jospar.monitoring.rollups has no load/rollup"
    if go is None:
        out.append(Result(CASE, "monitoring roll-ups of every document", None, note=f"not available yet: {why}"))
    else:
        cpu = time.process_time()
        seconds, groups = timed(go, 1)
        cpu = time.process_time() - cpu
        out.append(Result(CASE, "monitoring roll-ups (load + rollup) of every document", seconds, floor=floor,
                          target=1.0, target_ratio=3.0, note=f"{groups:,} territory groups, {cpu:.1f} s CPU",
                          extra={"cpu_seconds": round(cpu, 2)}))
    return out
