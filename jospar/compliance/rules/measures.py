"""Rules on the action plans and their money: concepts (Annex 1), regional plans (Annexes 8-9)."""

from __future__ import annotations

from .base import ERROR, WARNING, ItemRef, Words, document_ref, filled, gettext_noop, measure_ref, rule

CONCEPT, RDP = "concept", "rdp"


def _deadline_year(m) -> int | None:
    return m.deadline.year if m.deadline else None


@rule("V-35", clause="cl. 96; Annex 1", severity=ERROR, types=[CONCEPT],
      title=gettext_noop("A concept has an Action Plan whose measures serve it, fit its period and name an executor"))
def concept_action_plan(r, payload, ctx):
    if not payload.measures:
        yield r.finding(document_ref(payload), gettext_noop("the concept has no Action Plan (no measures)"))
    years = range(payload.period_start, payload.period_end + 1)
    for m in payload.measures:
        if not (m.goal or m.task or m.indicators):
            yield r.finding(measure_ref(m), gettext_noop("the measure serves no goal, task or target indicator"))
        year = _deadline_year(m)
        if year is not None and year not in years:
            yield r.finding(measure_ref(m), gettext_noop("the deadline %(year)s is outside %(period)s"),
                            year=year, period=f"{payload.period_start}-{payload.period_end}")
        if not m.responsible:
            yield r.finding(measure_ref(m), gettext_noop("no responsible executor"))


@rule("V-73", clause="cl. 155-156; Annex 8", severity=ERROR, types=[RDP],
      title=gettext_noop("Each measure of a regional plan serves a goal and has a deadline, executors, a form of "
                         "completion and a cost"))
def rdp_action_plan(r, payload, ctx):
    for m in payload.measures:
        missing = []
        if not m.goal:
            missing.append(gettext_noop("goal"))
        if m.deadline is None and not filled(m.deadline_text):
            missing.append(gettext_noop("deadline"))
        if not m.responsible:
            missing.append(gettext_noop("responsible executor"))
        if not filled(m.completion_form):
            missing.append(gettext_noop("form of completion"))
        if not m.financing:
            missing.append(gettext_noop("cost"))
        if missing:
            yield r.finding(measure_ref(m), gettext_noop("the measure has no %(missing)s"), missing=Words(missing))


@rule("V-64", clause="cl. 145", severity=WARNING, types=[RDP],
      title=gettext_noop("No budget expenditure is planned without a link to a target indicator"))
def budget_linked_to_indicator(r, payload, ctx):
    for m in payload.measures:
        if any(f.source == "budget" for f in m.financing) and not m.indicators:
            yield r.finding(measure_ref(m), gettext_noop(
                "budget money is planned but the measure serves no target indicator"))


@rule("V-69", clause="cl. 130(9), 150", severity=ERROR, types=[RDP],
      title=gettext_noop("The need for resources is given by goal, source and year in absolute amounts"))
def resources_by_goal(r, payload, ctx):
    for m in payload.measures:
        for f in m.financing:
            amount = f.corrected_plan if f.corrected_plan is not None else f.plan
            if amount is None or amount < 0:
                yield r.finding(ItemRef("financing", f"{m.code}/{f.year}/{f.source}", measure_ref(m).title),
                                gettext_noop("the amount for %(year)s is missing or negative"), year=f.year)


@rule("V-74", clause="cl. 157; Annex 9", severity=ERROR, types=[RDP],
      title=gettext_noop("Budget expenditure names its budget programme and its administrator"))
def budget_programme_and_administrator(r, payload, ctx):
    for m in payload.measures:
        for f in m.financing:
            if f.source == "budget" and not (f.budget_program_code and f.administrator):
                yield r.finding(ItemRef("financing", f"{m.code}/{f.year}/{f.source}", measure_ref(m).title),
                                gettext_noop("the budget line of %(year)s names no budget programme or administrator"),
                                year=f.year)
