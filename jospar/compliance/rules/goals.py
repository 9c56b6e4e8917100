"""Rules on goals and tasks (cl. 29-35, 44-49, 111, 138-140; Annex 3)."""

from __future__ import annotations

from collections import defaultdict

from .base import (
    ERROR,
    WARNING,
    annual_plans,
    external_parents,
    gettext_noop,
    goal_indicators,
    goal_ref,
    indicator_ref,
    main_indicators,
    rule,
    task_ref,
    text_of,
    years_text,
)

SBDP, RDP, NDP, TDP = "sbdp", "rdp", "ndp", "tdp"

# [DECISION] Annex 3 (A3-V3): budget programmes of institutional maintenance may serve several goals. In the
# classification of Kazakhstan the administrator's programme 001 is the one "for ensuring the activity" of
# the body. The distributable Government reserve cannot be told from its code: list such codes in
# `MULTI_GOAL_PROGRAMMES` when needed.
MAINTENANCE_PROGRAMME = "001"
MULTI_GOAL_PROGRAMMES: frozenset[str] = frozenset()


def _numeric(code: str) -> str:
    """The numbering of a code without its letter prefix: "G1.2" -> "1.2", "D1" -> "1"."""
    return code.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_ ")


def missing_years(payload, ind) -> list[int]:
    """Years of the period up to the indicator's final year that have no annual plan (cl. 35, 37(6))."""
    last = min(ind.final_year or payload.period_end, payload.period_end)
    plans = annual_plans(ind)
    return [y for y in range(payload.period_start, last + 1) if y not in plans]


@rule("V-09", clause="cl. 34(1), 35, 113(2), 140", severity=ERROR,
      title=gettext_noop("Every goal has a target indicator with intermediate and final values"))
def goal_has_target_indicator(r, payload, ctx):
    by_goal = goal_indicators(payload)
    for goal in payload.goals:
        indicators = by_goal[goal.code]
        if not indicators:
            yield r.finding(goal_ref(goal), gettext_noop("the goal has no target indicator"))
        for ind in indicators:
            missing = missing_years(payload, ind)
            if missing:
                yield r.finding(indicator_ref(ind), gettext_noop("no planned value for %(years)s"),
                                years=years_text(missing))


@rule("V-10", clause="cl. 29(3), 34(2), 113(3)", severity=WARNING,
      title=gettext_noop("Every goal is linked to a higher document of the State Planning System"))
def goal_linked_upward(r, payload, ctx):
    if payload.type == NDP:  # the top of the hierarchy (cl. 63)
        return
    by_goal = goal_indicators(payload)
    for goal in payload.goals:
        if not any(external_parents(payload, ind) for ind in by_goal[goal.code]):
            yield r.finding(goal_ref(goal), gettext_noop(
                "none of the goal's target indicators is linked to an indicator of a higher document"))


@rule("V-11", clause="cl. 29(3)", severity=ERROR,
      title=gettext_noop("The years of goals, tasks and indicators lie within the document period"))
def years_within_period(r, payload, ctx):
    years = range(payload.period_start, payload.period_end + 1)
    period = f"{payload.period_start}-{payload.period_end}"
    for goal in payload.goals:
        if goal.achievement_year is not None and goal.achievement_year not in years:
            yield r.finding(goal_ref(goal), gettext_noop("the year of achievement %(year)s is outside %(period)s"),
                            year=goal.achievement_year, period=period)
        for task in goal.tasks:
            if task.deadline_year is not None and task.deadline_year not in years:
                yield r.finding(task_ref(goal, task), gettext_noop("the deadline %(year)s is outside %(period)s"),
                                year=task.deadline_year, period=period)
    for ind in payload.indicators:
        if ind.final_year is not None and ind.final_year not in years:
            yield r.finding(indicator_ref(ind), gettext_noop("the final year %(year)s is outside %(period)s"),
                            year=ind.final_year, period=period)


@rule("V-14", clause="cl. 46", severity=ERROR, title=gettext_noop("Each task serves exactly one goal"))
def task_serves_one_goal(r, payload, ctx):
    seen: dict[str, list] = defaultdict(list)
    for goal in payload.goals:
        for task in goal.tasks:
            title = (text_of(task.title).get("kk") or text_of(task.title).get("ru") or "").strip().casefold()
            if title:
                seen[title].append((goal, task))
    for places in seen.values():
        goals = {g.code for g, _ in places}
        if len(goals) > 1:
            for goal, task in places:
                yield r.finding(task_ref(goal, task), gettext_noop("the same task is listed under goals %(goals)s"),
                                goals=", ".join(sorted(goals)))


@rule("V-15", clause="cl. 46", severity=WARNING, types=[SBDP, RDP],
      title=gettext_noop("Each goal has at least one task"))
def goal_has_task(r, payload, ctx):
    for goal in payload.goals:
        if not goal.tasks:
            yield r.finding(goal_ref(goal), gettext_noop("the goal has no task"))


@rule("V-16", clause="cl. 48", severity=ERROR,
      title=gettext_noop("The deadline of a task does not exceed the deadline of its goal"))
def task_deadline_within_goal(r, payload, ctx):
    for goal in payload.goals:
        limit = goal.achievement_year or payload.period_end
        for task in goal.tasks:
            if task.deadline_year is not None and task.deadline_year > limit:
                yield r.finding(task_ref(goal, task),
                                gettext_noop("the deadline %(year)s is after the goal's year of achievement %(limit)s"),
                                year=task.deadline_year, limit=limit)
    limits = {g.code: g.achievement_year or payload.period_end for g in payload.goals}
    for ind in payload.indicators:
        if ind.kind == "result" and ind.task and ind.goal in limits and ind.final_year \
                and ind.final_year > limits[ind.goal]:
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the final year %(year)s of the result indicator is after the goal's year of achievement %(limit)s"),
                year=ind.final_year, limit=limits[ind.goal])


@rule("V-17", clause="cl. 6, 49", severity=ERROR, types=[SBDP, RDP],
      title=gettext_noop("Every task has a result indicator with intermediate and final values"))
def task_has_result_indicator(r, payload, ctx):
    by_task: dict[tuple, list] = {}  # (goal, task) -> its result indicators, breakdown rows excluded
    for ind in main_indicators(payload, ("result",)):
        by_task.setdefault((ind.goal, ind.task), []).append(ind)
    for goal in payload.goals:
        for task in goal.tasks:
            ris = by_task.get((goal.code, task.code), [])
            if not ris:
                yield r.finding(task_ref(goal, task), gettext_noop("the task has no result indicator"))
            for ind in ris:
                missing = missing_years(payload, ind)
                if missing:
                    yield r.finding(indicator_ref(ind), gettext_noop("no planned value for %(years)s"),
                                    years=years_text(missing))


@rule("V-60", clause="cl. 138, 140-141", severity=ERROR, types=[RDP],
      title=gettext_noop("Each goal of a regional plan belongs to one direction"))
def rdp_goal_direction(r, payload, ctx):
    for goal in payload.goals:
        if not goal.direction:
            yield r.finding(goal_ref(goal), gettext_noop("the goal belongs to no direction"))


@rule("A3-V2", clause="cl. 111; Annex 3 s.2-3", severity=ERROR, types=[SBDP],
      title=gettext_noop("Each goal of a state body plan belongs to one strategic direction and is numbered d.g"))
def sbdp_goal_direction(r, payload, ctx):
    for goal in payload.goals:
        if not goal.direction:
            yield r.finding(goal_ref(goal), gettext_noop("the goal belongs to no strategic direction"))
        elif not _numeric(goal.code).startswith(f"{_numeric(goal.direction)}."):
            yield r.finding(goal_ref(goal), gettext_noop(
                "the goal code is not numbered within its strategic direction %(direction)s (d.g)"),
                direction=goal.direction)


@rule("A3-V3", clause="cl. 111; Annex 3 expl. (A3-V3)", severity=ERROR, types=[SBDP],
      title=gettext_noop("A budget programme serves at most one goal"))
def budget_programme_one_goal(r, payload, ctx):
    goals_of: dict[str, list] = defaultdict(list)
    for goal in payload.goals:
        for code in goal.budget_program_codes:
            goals_of[code].append(goal)
    for code, goals in goals_of.items():
        programme = code.split("-")[1] if code.count("-") >= 1 else code
        if len(goals) > 1 and programme != MAINTENANCE_PROGRAMME and code not in MULTI_GOAL_PROGRAMMES:
            for goal in goals:
                yield r.finding(goal_ref(goal), gettext_noop(
                    "budget programme %(programme)s is also linked to goals %(goals)s"),
                    programme=code, goals=", ".join(g.code for g in goals if g is not goal))
