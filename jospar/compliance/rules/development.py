"""Rules on how a document is developed, sent and carried over (SPEC part 1 §18: V-23, V-24..V-27, V-51..V-53,
V-55, V-57, V-70..V-72; Annex 4 col. 10 and the explanatory note of cl. 119). Pure Python: no Django import.

Some of these rules read the document only (V-23 inside the document, A4-V2, R-119b). The others need what
the development workflow recorded outside the document: the working group (cl. 128), the sending to the
competent bodies (cl. 124), the reorganisations whose successor develops the plan (cl. 126), the higher
indicators the developer co-executes (cl. 62) and the deadlines of the workflow (cl. 64, 73, 75, 122-123,
151-154). `jospar.development.checks` reads them in a fixed number of queries and attaches a
`DevelopmentFacts` to every context as `context.development`; without it (a context built by hand, e.g. in
the pure rule tests) those rules are silent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .base import (
    ERROR,
    WARNING,
    ItemRef,
    Words,
    document_ref,
    filled,
    gettext_noop,
    goal_ref,
    indicator_ref,
    linked_refs,
    main_indicators,
    rule,
)
from .resources import _need_ref

SBDP, RDP, NDP = "sbdp", "rdp", "ndp"
APPROVED_STATUSES = ("approved", "in_force", "completed")


@dataclass(frozen=True)
class HigherItem:
    """An indicator of another document, named by "DOC:CODE" with its title, as V-23 and V-55 need it."""

    ref: str
    title: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    via: str = ""  # V-55: the reorganised body; V-23: unused


@dataclass(frozen=True)
class DeadlineFact:
    """A dated deadline of the document's development workflow (`jospar.development.deadlines`)."""

    rule: str  # the deadline rule id of the workflow, e.g. "dev-sbdp-send"
    clause: str
    label: str  # English msgid
    due: dt.date
    fulfilled_on: dt.date | None = None
    version: int | None = None


@dataclass(frozen=True)
class WorkingGroupFact:
    decision_number: str = ""
    decision_date: dt.date | None = None
    categories: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DevelopmentFacts:
    """What the workflow recorded about one document, for the rules of this module."""

    working_group: WorkingGroupFact | None = None
    sent_to: frozenset[str] = frozenset()  # bodies the approved plan was sent to under cl. 124
    transferred: tuple[HigherItem, ...] = ()  # cl. 126: indicators of the goals passed to this developer
    co_executed: tuple[HigherItem, ...] = ()  # cl. 62: higher indicators the developer co-executes
    deadlines: tuple[DeadlineFact, ...] = ()


def facts_of(context) -> DevelopmentFacts | None:
    return getattr(context, "development", None)


def _linked_refs(payload) -> frozenset[str]:
    """Every "DOC:CODE" an indicator of the document links up to."""
    return linked_refs(payload)


# ------------------------------------------------------------------------------------------------ cl. 62


@rule("V-23", clause="cl. 62 [INFERRED]", severity=WARNING,
      title=gettext_noop("A co-executor's own indicators are linked up to the goals and indicators of the higher "
                         "document whose achievement it was made responsible for"))
def co_executor_upward_links(r, payload, ctx):
    # [INFERRED] SPEC R-62: "co-executor organisations can own lower-level goals/indicators that must link upward
    # to the item whose responsibility was assigned to them". Two readings are checked:
    # (a) inside the document, an indicator whose responsible body is a co-executor of the document (not the
    #     developer) has its own parent link: it says which goal indicator it serves;
    # (b) a higher indicator that the developer co-executes is carried by an indicator of this document.
    co_executors = set(payload.co_executors) - {payload.developer}
    for ind in main_indicators(payload, ("target", "result")):
        if ind.responsible in co_executors and not ind.parents:
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the indicator belongs to the co-executor %(body)s but is not linked to the higher indicator it "
                "serves (cl. 62: co-executors develop their own indicators aligned with the higher ones)"),
                body=ind.responsible)
    facts = facts_of(ctx)
    if facts is None:
        return
    linked = _linked_refs(payload)
    for item in facts.co_executed:
        if item.ref not in linked:
            yield r.finding(ItemRef("indicator", item.ref, item.title), gettext_noop(
                "%(body)s co-executes this indicator of a higher document, but no indicator of %(document)s is "
                "linked to it (cl. 62)"), body=payload.developer, document=payload.code)


# ------------------------------------------------------------------------------------ Annex 4, cl. 119


@rule("A4-V2", clause="Annex 4 expl. 5", severity=ERROR, types=[SBDP],
      title=gettext_noop("Every target indicator row of the financial need gives the code and the name of its "
                         "budget programme (Annex 4 col. 10)"))
def financial_need_programme(r, payload, ctx):
    # The code is the indicator's own or, as for V-50 (`budget_linked`), its goal's; the name is the indicator's.
    indicators = {i.code: i for i in payload.indicators}
    goal_codes = {g.code: g.budget_program_codes for g in payload.goals}
    for need in payload.financial_need:
        ind = indicators.get(need.indicator) if need.indicator is not None else None
        if ind is None or ind.kind != "target":
            continue  # goal rows have no col. 10; V-50 speaks of rows that are not target indicators
        missing = []
        if not ind.budget_program_code.strip() and not goal_codes.get(ind.goal):
            missing.append(gettext_noop("code"))
        if not filled(ind.budget_program_name):
            missing.append(gettext_noop("name"))
        if missing:
            yield r.finding(indicator_ref(ind), gettext_noop(
                "the budget programme of the target indicator has no %(missing)s (Annex 4 col. 10, expl. 5)"),
                missing=Words(missing))


@rule("R-119b", clause="cl. 119 ¶2", severity=ERROR, types=[SBDP],
      title=gettext_noop("The explanatory note to the financial need gives, for every goal and target indicator, "
                         "the financing and execution of the last three years, the calculation of the values and "
                         "the justification of the need"))
def explanatory_note(r, payload, ctx):
    # cl. 119 ¶2: item 1 (the names) comes from the row; items 2 and 3 are about target indicators ("each target
    # indicator", "the value of the target indicator"), item 4 about goals and target indicators.
    for need in payload.financial_need:
        note = need.explanatory_note
        missing = []
        if need.indicator is not None:
            if not filled(note.history):
                missing.append(gettext_noop("the actual financing and execution over the last three years (item 2)"))
            if not filled(note.calculation):
                missing.append(gettext_noop("the planned calculation of the value for each year (item 3)"))
        if not filled(note.justification):
            missing.append(gettext_noop("the justification and calculation of the financial need (item 4)"))
        if missing:
            yield r.finding(_need_ref(payload, need), gettext_noop(
                "the explanatory note (cl. 119 ¶2) does not give %(missing)s"), missing=Words(missing))


# ------------------------------------------------------------------------------------------------ cl. 124


@rule("V-53", clause="cl. 124", severity=WARNING, types=[SBDP],
      title=gettext_noop("A plan with goals in the spheres of other state bodies is also sent to those bodies"))
def sent_to_competent_bodies(r, payload, ctx):
    facts = facts_of(ctx)
    if facts is None or payload.status not in APPROVED_STATUSES:
        return  # the distribution list applies to the approved plan (cl. 121-124)
    for goal in payload.goals:
        for body in goal.related_bodies:
            if body != payload.developer and body not in facts.sent_to:
                yield r.finding(goal_ref(goal), gettext_noop(
                    "the goal concerns the sphere of %(body)s, but the approved plan has not been sent to it "
                    "(cl. 124)"), body=body)


# ------------------------------------------------------------------------------------------------ cl. 126


@rule("V-55", clause="cl. 126", severity=ERROR, types=[SBDP],
      title=gettext_noop("After a reorganisation the successor's plan carries the goals and target indicators of "
                         "the transferred sector for the whole planned period"))
def reorganisation_carried(r, payload, ctx):
    # A transferred target indicator is carried when an indicator of the successor's plan links up to it (a
    # copy link, as the transfer operation makes); its values for every year are V-48's business.
    facts = facts_of(ctx)
    if facts is None:
        return
    linked = _linked_refs(payload)
    for item in facts.transferred:
        if item.ref not in linked:
            yield r.finding(ItemRef("indicator", item.ref, item.title), gettext_noop(
                "the target indicator passed from the reorganised %(body)s to %(successor)s is not carried by "
                "this plan (cl. 126: the successor's plan reflects the goals and indicators of the sector for "
                "the whole planned period)"), body=item.via, successor=payload.developer)


# ------------------------------------------------------------------------------------------------ cl. 128


@rule("V-57", clause="cl. 128 [INFERRED]", severity=WARNING, types=[RDP],
      title=gettext_noop("The regional plan is developed by a working group created by the akim's decision, with "
                         "representatives of local executive bodies, public councils and deputies of the "
                         "maslikhat"))
def working_group(r, payload, ctx):
    facts = facts_of(ctx)
    if facts is None:
        return
    group = facts.working_group
    if group is None:
        yield r.finding(document_ref(payload), gettext_noop(
            "no working group created by the akim's decision is recorded for the plan (cl. 128)"))
        return
    if not group.decision_number.strip() or group.decision_date is None:
        yield r.finding(document_ref(payload), gettext_noop(
            "the working group has no number or date of the akim's decision that created it (cl. 128)"))
    missing = [label for key, label in REQUIRED_MEMBERS if key not in group.categories]
    if missing:
        yield r.finding(document_ref(payload), gettext_noop(
            "the working group has no member from %(missing)s (cl. 128)"), missing=Words(missing))


REQUIRED_MEMBERS = (  # cl. 128 ¶1; the keys are development.models.MemberCategory values
    ("leb", gettext_noop("local executive bodies")),
    ("public_council", gettext_noop("public councils")),
    ("maslikhat_deputy", gettext_noop("deputies of the maslikhat")),
)


# --------------------------------------------------------------------- deadlines of the workflow (§6)

# The deadline rules of `jospar.development.steps` behind each rule of the catalogue ("deadline monitor").
# V-21 (cl. 59, the final methodology) is already checked from the methodology status; V-26 (the draft NDP
# published before it is finalised) is a gate of the workflow, not a date.
DEADLINE_RULES: dict[str, tuple[str, ...]] = {
    "V-24": ("dev-ndp-start",),
    "V-25": ("dev-ndp-proposals",),
    "V-27": ("dev-ndp-opm",),
    "V-51": ("dev-sbdp-send",),
    "V-52": ("dev-sbdp-publish",),
    "V-70": ("dev-rdp-review",),
    "V-71": ("dev-rdp-maslikhat",),
    "V-72": ("dev-rdp-send", "dev-rdp-publish"),
}


def _deadline_findings(r, payload, ctx):
    facts = facts_of(ctx)
    if facts is None:
        return
    wanted = DEADLINE_RULES[r.id]
    for d in facts.deadlines:
        if d.rule not in wanted:
            continue
        params = {"deadline": Words([d.label]), "due": d.due.isoformat(), "clause": d.clause, "version": d.version}
        if d.fulfilled_on is None and d.due < ctx.today:
            message = (gettext_noop("overdue: %(deadline)s (version %(version)s) was due on %(due)s (%(clause)s)")
                       if d.version is not None else
                       gettext_noop("overdue: %(deadline)s was due on %(due)s (%(clause)s)"))
        elif d.fulfilled_on is not None and d.fulfilled_on > d.due:
            params["done"] = d.fulfilled_on.isoformat()
            message = (gettext_noop("late: %(deadline)s (version %(version)s) was due on %(due)s and done on "
                                    "%(done)s (%(clause)s)")
                       if d.version is not None else
                       gettext_noop("late: %(deadline)s was due on %(due)s and done on %(done)s (%(clause)s)"))
        else:
            continue
        yield r.finding(document_ref(payload), message, **params)


def _register_deadline_rules() -> None:
    titles = {
        "V-24": (gettext_noop("The development of a new National Plan starts at least a year before the previous "
                              "one ends"), "cl. 64", [NDP]),
        "V-25": (gettext_noop("State bodies send their proposals to the draft National Plan by 1 April"),
                 "cl. 73", [NDP]),
        "V-27": (gettext_noop("The agreed draft National Plan reaches the Office of the Prime Minister by "
                              "1 September"), "cl. 75", [NDP]),
        "V-51": (gettext_noop("The plan is sent to the authorized body for state planning within 5 working days "
                              "of its approval or change"), "cl. 122", [SBDP]),
        "V-52": (gettext_noop("The plan is published within 10 working days of its approval or change"),
                 "cl. 123", [SBDP]),
        "V-70": (gettext_noop("The draft regional plan is reviewed within a month"), "cl. 151", [RDP]),
        "V-71": (gettext_noop("The regional plan goes to the maslikhat by 1 December"), "cl. 152", [RDP]),
        "V-72": (gettext_noop("The regional plan is sent within 5 and published within 10 working days of its "
                              "approval or change"), "cl. 153-154", [RDP]),
    }
    for rule_id, (title, clause, types) in titles.items():
        rule(rule_id, clause=clause, severity=WARNING, title=title, types=types)(_deadline_findings)


_register_deadline_rules()
