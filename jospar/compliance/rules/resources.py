"""Rules on the resources and the financial need of a state body plan (cl. 117, 119-120; Annex 3 s.4, Annex 4)."""

from __future__ import annotations

from decimal import Decimal

from .base import (
    ERROR,
    WARNING,
    ItemRef,
    document_ref,
    gettext_noop,
    goal_ref,
    indicator_ref,
    main_indicators,
    rule,
    years_text,
)

SBDP = "sbdp"


def resource_years(payload) -> range:
    """cl. 117, Annex 3 s.4 cols. 3-9: the reporting year (first year - 2), the current year (first year - 1)
    and the five years of the planning period. [DECISION] the reporting and current "periods" of the form are
    one year each, as in section 3 of Annex 3 (cols. 6-7)."""
    return range(payload.period_start - 2, payload.period_end + 1)


@rule("V-49", clause="cl. 117; Annex 3 s.4", severity=ERROR, types=[SBDP],
      title=gettext_noop("The Resources section gives the budget expenditure and the staff for each year of the "
                         "reporting and planning periods"))
def resources_by_year(r, payload, ctx):
    rows = {row.year: row for row in payload.resources}
    years = resource_years(payload)
    no_money = [y for y in years if y not in rows or rows[y].budget_expenditure is None]
    no_staff = [y for y in years if y not in rows or rows[y].staff is None]
    if no_money:
        yield r.finding(document_ref(payload), gettext_noop(
            "the Resources section gives no total budget expenditure for %(years)s"), years=years_text(no_money))
    if no_staff:
        yield r.finding(document_ref(payload), gettext_noop(
            "the Resources section gives no staff number for %(years)s"), years=years_text(no_staff))


def budget_linked(payload, ind) -> bool:
    """A target indicator interrelated with budget programmes (Annex 3 s.3, Annex 4 col. 3): its own programme or
    one of its goal's."""
    if ind.kind != "target":
        return False
    goal = next((g for g in payload.goals if g.code == ind.goal), None)
    return bool(ind.budget_program_code or (goal is not None and goal.budget_program_codes))


def _need_ref(payload, need) -> ItemRef:
    if need.goal is not None:
        goal = next((g for g in payload.goals if g.code == need.goal), None)
        return goal_ref(goal) if goal is not None else ItemRef("goal", need.goal)
    ind = next((i for i in payload.indicators if i.code == need.indicator), None)
    return indicator_ref(ind) if ind is not None else ItemRef("indicator", need.indicator or "")


@rule("V-50", clause="cl. 119-120; Annex 4", severity=ERROR, types=[SBDP],
      title=gettext_noop("The financial need (Annex 4) has a row with a priority for every goal and every target "
                         "indicator linked to budget programmes, and no macroindicator"))
def financial_need_rows(r, payload, ctx):
    goals_with_row = {n.goal for n in payload.financial_need if n.goal is not None}
    indicators_with_row = {n.indicator for n in payload.financial_need if n.indicator is not None}
    for goal in payload.goals:
        if goal.code not in goals_with_row:
            yield r.finding(goal_ref(goal), gettext_noop("the goal has no row in the financial need (Annex 4)"))
    for ind in main_indicators(payload, ("target",)):
        if budget_linked(payload, ind) and ind.code not in indicators_with_row:
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the target indicator is linked to a budget programme but has no row in the financial need "
                "(Annex 4)"))
    kinds = {i.code: i.kind for i in payload.indicators}
    for need in payload.financial_need:
        if need.indicator is not None and kinds.get(need.indicator) == "macro":
            yield r.finding(_need_ref(payload, need), gettext_noop(
                "a macroindicator is not shown in the financial need (Annex 4 expl. 3)"))
        elif need.indicator is not None and kinds.get(need.indicator) not in (None, "target"):
            yield r.finding(_need_ref(payload, need), gettext_noop(
                "only goals and target indicators are shown in the financial need (Annex 4 cols. 2-3)"))
        if need.priority is None:
            yield r.finding(_need_ref(payload, need), gettext_noop(
                "the row of the financial need has no priority (1, 2 or 3; Annex 4 col. 14, cl. 120)"))


@rule("A4-V3", clause="Annex 4 expl. 4 [INFERRED]", severity=WARNING, types=[SBDP],
      title=gettext_noop("The total of a row of the financial need is the sum of its five years"))
def financial_need_total(r, payload, ctx):
    # [INFERRED] (SPEC part 3 §5.2, A4-V3): col. 4 "Total" = cols. 5-9. Jospar keeps the years and computes the
    # total, so the total can only fall short of the whole period: it does when a year has no amount.
    years = range(payload.period_start, payload.period_end + 1)
    for need in payload.financial_need:
        given = {a.year: a.amount for a in need.amounts}
        missing = [y for y in years if y not in given]
        if missing:
            total = sum((given[y] for y in years if y in given), Decimal(0))
            yield r.finding(_need_ref(payload, need), gettext_noop(
                "the financial need has no amount for %(years)s, so its total %(total)s (the sum of the years) "
                "does not cover the whole planning period"), years=years_text(missing), total=total)
