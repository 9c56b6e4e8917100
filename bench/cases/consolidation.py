"""(a) Consolidation: plan vs. fact of every indicator value and financing line of the country for one year.

Uses the monitoring roll-ups (`jospar.monitoring.rollups.load_many` in chunks of 40 documents, or `load` per
document where `load_many` does not exist, + `rollup`) of every document when they exist.
Target: <= 1 s and <= 3x the floor.

The floor (issue 7, fifth session) is the raw SQL reading what the roll-ups need, once for the whole country:
every indicator of the year's documents with the columns its report row and its groups need (code, title and
unit in the active language, kind, accumulation, polarity, baseline and range, territory, goal, task,
direction, responsible body), its quarter-0 values up to the year (a cumulative indicator sums the earlier
years; the reason of the year), every measure (code, title, territory, goal, task, body), its financing lines
of the year, the measure-indicator links, the accepted annual measure statuses, and the codes and names of
territories, bodies, directions, goals and tasks. The first floor read only plan/fact/polarity of the year's
values and the money of the year's financing lines (no codes, titles, groups, measures without money, links
or statuses): fewer columns and rows than any report shows; it is still measured and given in the note
("values-only floor") so that the figures of earlier sessions can be compared.

The "ORM model instances" line reads the year's values and financing lines as Django model instances
(``select_related``): no user path reads them so since issue 7 round 2 (the page, the API, the CLI and the
evaluation all go through ``rollups.load``, which reads ``values_list`` rows); it is kept, without a target,
as the reference cost of model instances of translated models.

The last line is (a) as the issue words it: the roll-ups and the five evaluation criteria of cl. 271
(``evaluation.criteria.evaluate_many``) of every document, timed together; its floor is the roll-ups' floor
plus the evaluation's own statements, recorded while it ran and replayed raw.
"""

from __future__ import annotations

import time

from bench.harness import Context, Result, raw_rows, timed

TITLE = "plan-vs-fact of the whole country for one year"
CASE = "consolidation"


def _floor_sql(year: int, lang: str | None = None):
    """Raw SQL of what the roll-ups read for every document of ``year`` (see the module docstring)."""
    from modeltranslation.utils import get_language

    lang = lang or get_language()
    if lang not in ("kk", "ru", "en"):
        lang = "kk"
    docs = "(SELECT id FROM planning_document WHERE period_start <= %s AND period_end >= %s)"
    return [
        (f"SELECT i.id, i.document_id, i.code, i.title_{lang}, i.unit_{lang}, i.kind, i.accumulation, i.polarity, "
         "i.baseline_value, i.range_low, i.range_high, i.territory_id, i.goal_id, i.task_id, i.direction_id, "
         f"i.responsible_id FROM planning_indicator i WHERE i.document_id IN {docs} "
         'ORDER BY i.document_id, i."order", i.code', [year, year]),
        ("SELECT v.indicator_id, v.year, v.plan, v.corrected_plan, v.fact, v.reason FROM planning_indicatorvalue v "
         f"JOIN planning_indicator i ON i.id = v.indicator_id WHERE i.document_id IN {docs} AND v.quarter = 0 "
         "AND v.year <= %s", [year, year, year]),
        (f"SELECT m.id, m.document_id, m.code, m.title_{lang}, m.territory_id, m.goal_id, m.task_id, "
         f"m.responsible_id FROM planning_measure m WHERE m.document_id IN {docs} "
         'ORDER BY m.document_id, m."order", m.code', [year, year]),
        ("SELECT f.measure_id, f.source, f.plan, f.corrected_plan, f.absorbed, f.reason_unabsorbed "
         f"FROM planning_financing f JOIN planning_measure m ON m.id = f.measure_id WHERE m.document_id IN {docs} "
         "AND f.year = %s", [year, year, year]),
        ("SELECT mi.measure_id, mi.indicator_id FROM planning_measure_indicators mi "
         f"JOIN planning_measure m ON m.id = mi.measure_id WHERE m.document_id IN {docs}", [year, year]),
        ("SELECT r.measure_id, r.status FROM monitoring_measurereport r "
         "JOIN monitoring_submission s ON s.id = r.submission_id JOIN monitoring_reportingperiod p ON p.id = s.period_id "
         f"WHERE p.document_id IN {docs} AND p.year = %s AND p.quarter = 0 AND s.level = 'report' "
         "AND s.status = 'accepted'", [year, year, year]),
        (f"SELECT id, kato, name_{lang} FROM core_territory", []),
        (f"SELECT id, code, name_{lang} FROM core_organization", []),
        (f"SELECT id, code, title_{lang} FROM planning_direction WHERE document_id IN {docs}", [year, year]),
        (f"SELECT id, code, title_{lang}, direction_id FROM planning_goal WHERE document_id IN {docs}",
         [year, year]),
        ("SELECT t.id, t.goal_id FROM planning_task t JOIN planning_goal g ON g.id = t.goal_id "
         f"WHERE g.document_id IN {docs}", [year, year]),
    ]


def _values_only_floor_sql(year: int):
    """The first floor (sessions 1-4): plan and fact of the year's values, money of the year's lines."""
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
        for start in range(0, len(documents), CHUNK):  # seven queries per batch; bounded memory
            for snap in load_many(documents[start:start + CHUNK], year).values():
                groups += len(rollups.rollup(snap, "territory"))
        return groups

    return go


def _whole(year: int, repeat: int = 3):
    """(a) as the issue words it: "every report, status, roll-up and evaluation metric for the whole country for one
    year" - ``load_many`` + ``rollup`` by territory + the five criteria of cl. 271 (``evaluate_many``, or
    ``evaluate`` per document before issue 7) of every document of ``year``, best of ``repeat``.

    Returns (wall, CPU, evaluation wall, evaluation queries, documents, findings, the evaluation's statements) of
    the fastest run, or None before the roll-ups exist. The statements (SQL and parameters as executed) make the
    floor with the roll-ups' floor: the same rows, read raw."""
    from datetime import date

    from django.db import connection

    from jospar.monitoring import rollups
    from jospar.planning.models import Document

    try:
        from jospar.evaluation import criteria
    except ImportError:
        return None
    load_many, many = getattr(rollups, "load_many", None), getattr(criteria, "evaluate_many", None)
    if load_many is None:
        return None
    documents = list(Document.objects.filter(period_start__lte=year, period_end__gte=year))
    today = date(year + 1, 5, 20)  # after the co-executors' deadlines of the year
    best = None
    for _ in range(max(1, repeat)):
        statements: list[tuple[str, list]] = []

        def record(execute, sql, params, many_, context, statements=statements):
            statements.append((sql, list(params or [])))
            return execute(sql, params, many_, context)

        cpu, started = time.process_time(), time.perf_counter()
        snaps = {}
        for start in range(0, len(documents), CHUNK):
            snaps.update(load_many(documents[start:start + CHUNK], year))
        for snap in snaps.values():
            rollups.rollup(snap, "territory")
        evaluated = time.perf_counter()
        with connection.execute_wrapper(record):
            out = (many(snaps, today=today) if many is not None
                   else {pk: criteria.evaluate(s, today=today) for pk, s in snaps.items()})
        finished = time.perf_counter()
        run = (finished - started, time.process_time() - cpu, finished - evaluated)
        findings = sum(len(c.findings) for crit in out.values() for c in crit)
        if best is None or run[0] < best[0]:
            best = (*run, len(statements), len(out), findings, statements)
    return best


# Documents per ``load_many`` call. 120: the national country (102 documents) in one batch of seven queries, as
# the floor reads it (in batches of 40 each batch scans the year's values again: +100-150 ms of the database
# on this machine, for 17 MB less peak memory: 190 instead of 207 MB).
CHUNK = 120


def run(ctx: Context) -> list[Result]:
    repeat = 1 if ctx.quick else 3
    floor, rows = timed(lambda: raw_rows(_floor_sql(ctx.year)), repeat)
    old_floor, old_rows = timed(lambda: raw_rows(_values_only_floor_sql(ctx.year)), repeat)
    orm, n = timed(lambda: _orm(ctx.year), repeat)
    out = [Result(CASE, f"ORM model instances of {n:,} values + lines", orm, floor=old_floor,
                  note="reference only: no user path reads model instances (module docstring)",
                  extra={"rows": n})]
    try:
        go = _rollups(ctx.year)
    except ImportError as exc:
        go, why = None, str(exc)
    else:
        why = "jospar.monitoring.rollups has no load/rollup"
    if go is None:
        out.append(Result(CASE, "monitoring roll-ups of every document", None, note=f"not available yet: {why}"))
    else:
        runs: list[tuple[float, float]] = []  # (wall, CPU) of each run; best of `repeat`, like the floor

        def measured():
            cpu, started = time.process_time(), time.perf_counter()
            groups = go()
            runs.append((time.perf_counter() - started, time.process_time() - cpu))
            return groups

        seconds, groups = timed(measured, repeat)
        cpu = min(c for _, c in runs)
        out.append(Result(
            CASE, "monitoring roll-ups (load + rollup) of every document", seconds, floor=floor, target=1.0,
            target_ratio=3.0,
            note=(f"{groups:,} territory groups, {cpu:.2f} s CPU; floor: {rows:,} rows; values-only floor "
                  f"{old_floor * 1000:,.0f} ms ({old_rows:,} rows), {seconds / old_floor:.1f}x"),
            extra={"cpu_seconds": round(cpu, 3), "first_run_seconds": round(runs[0][0], 4), "floor_rows": rows, "values_only_floor": round(old_floor, 4),
                   "values_only_floor_rows": old_rows, "values_only_ratio": round(seconds / old_floor, 2)}))
        # (a) as a whole: the roll-ups and the evaluation metrics of cl. 271 together, against the raw SQL of the
        # same rows (the roll-ups' floor and the evaluation's own statements, replayed).
        whole = _whole(ctx.year, repeat)
        if whole is not None:
            wall, cpu_w, eval_wall, queries, docs, findings, statements = whole
            floor_w, rows_w = timed(lambda: raw_rows(_floor_sql(ctx.year)) + raw_rows(statements), repeat)
            out.append(Result(
                CASE, "(a) as a whole: roll-ups + evaluation criteria (cl. 271) of every document", wall,
                floor=floor_w, target=1.0, target_ratio=3.0,
                note=(f"{docs} documents, {findings:,} findings; the criteria alone {eval_wall * 1000:,.0f} ms, "
                      f"{queries} queries; {cpu_w:.2f} s CPU; floor: {rows_w:,} rows"),
                extra={"cpu_seconds": round(cpu_w, 3), "evaluation_seconds": round(eval_wall, 4),
                       "evaluation_queries": queries, "documents": docs, "findings": findings,
                       "floor_rows": rows_w}))
    return out
