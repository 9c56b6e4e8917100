"""Deadlines of the development steps (ch. 2) in the shape of the monitoring calendar's obligations.

`compute()` is pure: the rules of `steps.DEADLINE_RULES`, the dates the workflow entered its steps, the
clock-starting acts (approval, changes) and the acts that fulfil them give dated deadlines with Kazakhstan's
working days (`jospar.monitoring.calendar`, read only). `deadlines(user, year)` reads what the user may see
and returns `DevelopmentDeadline`s that quack like `monitoring.models.Obligation` (due, nominal_due,
estimated, clause, rule_id, kind, reporter, recipient, fulfilled_on, period.document / .year / .quarter,
label(lang), status(today), moved) so that the calendar page can show both in one list.

Status values are those of the monitoring calendar: upcoming, due (within 7 days), overdue,
submitted_on_time ("done on time"), submitted_late ("late").
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from types import SimpleNamespace
from typing import Any

from jospar.monitoring import calendar as cal

from .steps import (
    AGREEMENT_ENTERED,
    APPROVAL_EVENT,
    APPROVAL_OR_CHANGE,
    STEPS,
    DeadlineRule,
    FixedDate,
    MonthsAfter,
    Step,
    WorkingDaysAfter,
    process_for,
    rules_for,
)

CLOCK_STARTERS = ("approved", "changed")


@dataclass(frozen=True)
class Act:
    """A dated act of a workflow: approved / changed (start clocks), sent / published / methodology."""

    kind: str
    version: int
    on: date


@dataclass(frozen=True)
class Computed:
    rule: DeadlineRule
    nominal_due: date
    due: date
    event_date: date | None
    fulfilled_on: date | None
    version: int | None = None


@cache
def _lenient_calendar() -> cal.WorkingCalendar:
    return cal.WorkingCalendar.load(strict=False)


def _calendar(day: date, calendar: cal.WorkingCalendar | None) -> cal.WorkingCalendar:
    c = calendar or cal.WorkingCalendar.default()
    if c.strict and day.year not in c.covered_years:
        return _lenient_calendar()  # outside the holiday data: weekends only beyond it (monitoring D8)
    return c


def add_months(day: date, n: int) -> date:
    """`day` plus n calendar months, clamped to the end of the month (W5)."""
    index = day.month - 1 + n
    y, m = day.year + index // 12, index % 12 + 1
    return date(y, m, min(day.day, _stdlib_calendar.monthrange(y, m)[1]))


def _due(rule: DeadlineRule, period_start: int, event: date | None,
         calendar: cal.WorkingCalendar | None) -> tuple[date, date] | None:
    spec = rule.due
    if isinstance(spec, FixedDate):
        nominal = date(period_start + spec.year_offset, spec.month, spec.day)
        return nominal, _calendar(nominal, calendar).working_day_on_or_after(nominal)  # monitoring D1
    if event is None:
        return None
    if isinstance(spec, WorkingDaysAfter):
        due = _calendar(event, calendar).add_working_days(event, spec.n)  # W6: the act's day not counted
        return due, due
    assert isinstance(spec, MonthsAfter)
    nominal = add_months(event, spec.n)
    return nominal, _calendar(nominal, calendar).working_day_on_or_after(nominal)


def compute(
    document_type: str,
    period_start: int,
    *,
    entered: Mapping[Step, date],
    first_step: Step,
    acts: Iterable[Act],
    reviews_done_on: date | None = None,
    calendar: cal.WorkingCalendar | None = None,
) -> list[Computed]:
    """Every dated deadline of one workflow, sorted by due date.

    `entered`: the first day the workflow entered each step; `first_step`: where it started (a document
    registered as already approved skips the rules of the steps before it); `acts`: approvals, changes and
    the acts that fulfil the deadlines; `reviews_done_on`: the day the last required review arrived (cl. 151).
    """
    acts = sorted(acts, key=lambda a: (a.on, a.version))
    starters = [a for a in acts if a.kind in CLOCK_STARTERS]
    approval = next((a for a in starters if a.kind == "approved"), None)
    out: list[Computed] = []
    for rule in rules_for(document_type):
        if rule.per_change:
            for start in starters:
                due = _due(rule, period_start, start.on, calendar)
                done = next((a.on for a in acts if a.kind == rule.fulfilled_by_milestone
                             and a.version == start.version), None)
                out.append(Computed(rule, due[0], due[1], start.on, done, start.version))
            continue
        if rule.fulfilled_by_step is not None and STEPS.index(rule.fulfilled_by_step) < STEPS.index(first_step):
            continue  # W2: started past this step (registered as already approved)
        after = getattr(rule.due, "after", None)
        event = {APPROVAL_EVENT: approval.on if approval else None,
                 AGREEMENT_ENTERED: entered.get(Step.AGREEMENT),
                 APPROVAL_OR_CHANGE: None}.get(after) if after else None
        due = _due(rule, period_start, event, calendar)
        if due is None:
            continue  # the event that starts it has not happened
        if rule.fulfilled_by_step is not None:
            done = entered.get(rule.fulfilled_by_step)
        elif rule.fulfilled_by_reviews:
            done = reviews_done_on
        else:
            done = next((a.on for a in acts if a.kind == rule.fulfilled_by_milestone), None)
        out.append(Computed(rule, due[0], due[1], event, done))
    return sorted(out, key=lambda c: (c.due, c.rule.id, c.version or 0))


# --------------------------------------------------------------------------------------------------
# The calendar-shaped objects
# --------------------------------------------------------------------------------------------------


@dataclass
class DevelopmentDeadline:
    """A development deadline shaped like `monitoring.models.Obligation` for the calendar page."""

    computed: Computed
    document: Any
    reporter: Any = None
    recipient: Any = None
    estimated: bool = False
    mandatory: bool = True
    form: str = ""
    signed_by_first_head: bool = False
    period: Any = field(init=False)

    def __post_init__(self) -> None:
        self.period = SimpleNamespace(document=self.document, year=self.computed.due.year, quarter=0)

    rule_id = property(lambda self: self.computed.rule.id)
    clause = property(lambda self: self.computed.rule.clause)
    kind = property(lambda self: self.computed.rule.kind)
    reporter_role = property(lambda self: str(self.computed.rule.reporter))
    recipient_roles = property(lambda self: ",".join(self.computed.rule.recipients))
    nominal_due = property(lambda self: self.computed.nominal_due)
    due = property(lambda self: self.computed.due)
    fulfilled_on = property(lambda self: self.computed.fulfilled_on)
    version = property(lambda self: self.computed.version)

    @property
    def moved(self) -> bool:
        return self.nominal_due != self.due

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse("development:workflow", args=[self.document.code])

    def label(self, language: str = "en") -> str:
        from django.utils import translation

        with translation.override(language):
            text = translation.gettext(self.computed.rule.label)
            if self.computed.version is not None:
                text += " " + translation.gettext("(version %(n)s)") % {"n": self.computed.version}
            return text

    def status(self, today: date) -> str:
        return str(cal.obligation_status(self.due, self.fulfilled_on, today))


def _organizations_for(document, actor: str, authorities: Mapping[str, Any], named: Mapping[str, Any]):
    if actor == "developer":
        return document.developer
    if actor in authorities:
        return authorities[actor]
    if actor == "office_pm":
        return named.get("office-pm")
    return None


def workflow_deadlines(workflows, *, calendar: cal.WorkingCalendar | None = None) -> list[DevelopmentDeadline]:
    """The deadlines of these workflows (with `document__developer` selected), in few queries."""
    from jospar.core.models import Organization

    from .models import Agreement, Milestone, Workflow

    workflows = list(workflows)
    if not workflows:
        return []
    ids = [w.pk for w in workflows]
    entered: dict[int, dict[Step, date]] = {w.pk: {} for w in workflows}
    first: dict[int, tuple[date, int, Step]] = {}
    for wid, step, since, hid in Workflow.history.filter(id__in=ids).values_list(
            "id", "step", "step_since", "history_id"):
        s = Step(step)
        if s not in entered[wid] or since < entered[wid][s]:
            entered[wid][s] = since
        if wid not in first or (since, hid) < first[wid][:2]:
            first[wid] = (since, hid, s)
    acts: dict[int, list[Act]] = {i: [] for i in ids}
    for wid, kind, version, on in Milestone.objects.filter(workflow_id__in=ids).values_list(
            "workflow_id", "kind", "version", "on"):
        acts[wid].append(Act(kind, version, on))
    answers: dict[int, dict[int, date]] = {i: {} for i in ids}
    for wid, org, on in Agreement.objects.filter(workflow_id__in=ids).values_list(
            "workflow_id", "organization_id", "received_on"):
        answers[wid][org] = min(on, answers[wid].get(org, on))
    authorities = {o.authority: o for o in Organization.objects.exclude(authority="").order_by("code")}
    named = {o.code: o for o in Organization.objects.filter(code__in=["office-pm"])}
    out: list[DevelopmentDeadline] = []
    for w in workflows:
        doc = w.document
        process = process_for(doc.type)
        required = [authorities.get(a) for a in process.agrees]
        reviews_done = None
        if required and all(r is not None and r.pk in answers[w.pk] for r in required):
            reviews_done = max(answers[w.pk][r.pk] for r in required)
        start = first.get(w.pk, (w.step_since, 0, Step(w.step)))[2]
        for c in compute(doc.type, doc.period_start, entered=entered[w.pk], first_step=start, acts=acts[w.pk],
                         reviews_done_on=reviews_done, calendar=calendar):
            recipient = c.rule.recipients[0] if c.rule.recipients else ""
            out.append(DevelopmentDeadline(
                c, doc, reporter=_organizations_for(doc, c.rule.reporter, authorities, named),
                recipient=_organizations_for(doc, recipient, authorities, named)))
    return out


def deadlines(user, year: int, *, calendar: cal.WorkingCalendar | None = None) -> list[DevelopmentDeadline]:
    """The development deadlines falling in calendar `year` of the documents this user may see."""
    from jospar.planning.access import visible_documents

    from .models import Workflow

    workflows = Workflow.objects.filter(document__in=visible_documents(user)).select_related(
        "document__developer", "document__territory")
    rows = [d for d in workflow_deadlines(workflows, calendar=calendar) if d.due.year == year]
    return sorted(rows, key=lambda d: (d.due, d.document.code, d.rule_id, d.version or 0))
