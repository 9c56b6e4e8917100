"""The development and agreement process of SPS documents as data (SPEC part 1 §3.1, §11.1, §15, §19).

Pure Python (no Django): the eleven steps of cl. 3 in the order the clause lists them, and per document type
who develops, who gives proposals, who agrees, who concludes, who approves, with the clause of each answer;
then the deadlines of ch. 2 as rules that `deadlines.py` turns into dates with Kazakhstan's working-day
calendar (`jospar.monitoring.calendar`).

Decisions on the ambiguous places (each also in the register of SPEC part 1 §20):

* **W1 (cl. 3).** The text names steps, not statuses. The workflow's state is the step being worked on;
  after `approval` comes the software's own state `approved` (SPEC §3.1 [INFERRED]).
* **W2 (cl. 3, order).** A step is entered only from the one before it in this table (no skipping); a return
  to any earlier step is allowed (e.g. refinement after a refused agreement). Steps that a type's
  paragraph of ch. 2 does not give are still listed: cl. 3 applies to every SPS document.
* **W3 (cl. 64, A21/A24).** "The year in which the previous National Plan ends" is read as the year before
  the new plan's first year; development starts at least one year before that year ends (31 December two
  years before the first year), proposals by 1 April and the draft to the Office of the Prime Minister by
  1 September of that year (cl. 73, 75).
* **W4 (cl. 152).** "1 December of the current year" = the year before the regional plan's first year.
* **W5 (cl. 151, A20).** "Within one month from receipt" is a calendar month from the day the draft entered
  the agreement step, clamped to the month's end (31 January -> 28/29 February) and moved to the next working
  day when it falls on a day off (monitoring decision D1).
* **W6 (cl. 122-123, 153-154).** "N working days after approval or after changes are made": the day of the
  act is not counted (monitoring decision D4); every change restarts both clocks for the new version.
* **W7 (cl. 103, A30).** Which concepts go to the President's Administration is not defined: every concept
  workflow carries a flag, on by default; while it is on, the Annex 2 conclusion of the authorized body for
  strategic planning is a gate before the approval step.
* **W8 (A51).** The approver of the National Plan, the Territorial Plan and a concept is not stated in the
  methodology (the SPS decree governs it): the table names the approver it knows and marks the others as a gap.
* **W9 (cl. 59).** The final calculation methodology (Annex 1-1) is due one calendar month after the
  approval of a concept, a state body plan or a regional plan (the documents with target and result
  indicators, cl. 6), agreed with the authorized bodies for state planning and for statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "Actor", "ACTOR_LABELS", "STEPS", "STEP_LABELS", "Step", "StepSpec", "TypeProcess", "PROCESSES",
    "DeadlineRule", "DEADLINE_RULES", "FixedDate", "WorkingDaysAfter", "MonthsAfter", "gettext_noop",
    "process_for", "rules_for", "next_step",
]


def gettext_noop(message: str) -> str:
    """Mark a msgid for extraction; pages and the CLI translate it when they show it."""
    return message


class Step(StrEnum):
    """cl. 3, in the order of the clause (W1), then the software's own final state."""

    INITIATION = "initiation"
    ANALYSIS = "analysis"
    PROPOSALS = "proposals"
    VISION = "vision"
    RESULTS_RESOURCES = "results_resources"
    DRAFT = "draft"
    DISCUSSION = "discussion"
    LINKING = "linking"
    REFINEMENT = "refinement"
    AGREEMENT = "agreement"
    APPROVAL = "approval"
    APPROVED = "approved"


STEPS: tuple[Step, ...] = tuple(Step)

STEP_LABELS: dict[Step, str] = {
    Step.INITIATION: gettext_noop("Initiation of the document"),
    Step.ANALYSIS: gettext_noop("Analysis of the current situation"),
    Step.PROPOSALS: gettext_noop("Proposals from co-executors"),
    Step.VISION: gettext_noop("Vision of solving the tasks"),
    Step.RESULTS_RESOURCES: gettext_noop("Results to achieve and resources required"),
    Step.DRAFT: gettext_noop("Draft of the document"),
    Step.DISCUSSION: gettext_noop("Discussion with stakeholders"),
    Step.LINKING: gettext_noop("Linking with other SPS documents"),
    Step.REFINEMENT: gettext_noop("Refinement"),
    Step.AGREEMENT: gettext_noop("Agreement"),
    Step.APPROVAL: gettext_noop("Approval"),
    Step.APPROVED: gettext_noop("Approved"),
}


def next_step(step: Step) -> Step | None:
    i = STEPS.index(step)
    return STEPS[i + 1] if i + 1 < len(STEPS) else None


class Actor(StrEnum):
    """Who acts in a step (SPEC part 1 §15). Authorized bodies equal `core.Authority` values."""

    DEVELOPER = "developer"
    CO_EXECUTORS = "co_executors"
    STATE_BODIES = "state_bodies"
    INTERESTED_BODIES = "interested_bodies"
    STRUCTURAL_UNITS = "structural_units"
    WORKING_GROUP = "working_group"
    STATE_PLANNING = "state_planning"
    STRATEGIC_PLANNING = "strategic_planning"
    BUDGET_PLANNING = "budget_planning"
    STATISTICS = "statistics"
    PUBLIC = "public"
    OFFICE_PM = "office_pm"
    PRESIDENTS_ADMINISTRATION = "presidents_administration"
    PRESIDENT = "president"
    MASLIKHAT = "maslikhat"
    BUDGET_LEGISLATION = "budget_legislation"
    NOT_STATED = "not_stated"


ACTOR_LABELS: dict[Actor, str] = {
    Actor.DEVELOPER: gettext_noop("the developer"),
    Actor.CO_EXECUTORS: gettext_noop("the co-executors"),
    Actor.STATE_BODIES: gettext_noop("the state bodies"),
    Actor.INTERESTED_BODIES: gettext_noop("the interested state bodies"),
    Actor.STRUCTURAL_UNITS: gettext_noop("structural subdivisions and subordinate organizations"),
    Actor.WORKING_GROUP: gettext_noop("the working group created by the akim"),
    Actor.STATE_PLANNING: gettext_noop("the authorized body for state planning"),
    Actor.STRATEGIC_PLANNING: gettext_noop("the authorized body for strategic planning"),
    Actor.BUDGET_PLANNING: gettext_noop("the authorized body for budget planning"),
    Actor.STATISTICS: gettext_noop("the authorized body for state statistics"),
    Actor.PUBLIC: gettext_noop("the public"),
    Actor.OFFICE_PM: gettext_noop("the Office of the Prime Minister"),
    Actor.PRESIDENTS_ADMINISTRATION: gettext_noop("the Administration of the President"),
    Actor.PRESIDENT: gettext_noop("the President"),
    Actor.MASLIKHAT: gettext_noop("the maslikhat"),
    Actor.BUDGET_LEGISLATION: gettext_noop("as the budget legislation provides"),
    Actor.NOT_STATED: gettext_noop("not stated in the methodology"),
}


@dataclass(frozen=True)
class StepSpec:
    """One step of cl. 3 for one document type: who acts and what must hold before it is entered."""

    step: Step
    clause: str
    actors: tuple[Actor, ...]
    note: str = ""


@dataclass(frozen=True)
class TypeProcess:
    """The process of one document type: the four answers of the issue and the step table."""

    document_type: str
    developer: tuple[Actor, ...]
    developer_clause: str
    agrees: tuple[Actor, ...]  # each must record a positive agreement before the approval step (gate)
    agrees_clause: str
    concludes: tuple[Actor, ...]  # a conclusion that is a gate before the approval step
    concludes_clause: str
    approves: tuple[Actor, ...]
    approves_clause: str
    public_discussion: bool  # mandatory posting of the draft (cl. 74, 99)
    public_discussion_clause: str
    steps: tuple[StepSpec, ...]
    also_agree: tuple[Actor, ...] = ()  # take part in agreement, but the engine cannot name them (no gate)

    def spec(self, step: Step) -> StepSpec:
        return next(s for s in self.steps if s.step == step)


def _steps(overrides: dict[Step, tuple[str, tuple[Actor, ...], str]]) -> tuple[StepSpec, ...]:
    base = {s: ("cl. 3", (Actor.DEVELOPER,), "") for s in STEPS}
    base[Step.ANALYSIS] = ("cl. 3, 4-5, 7-28", (Actor.DEVELOPER,), "")
    base[Step.PROPOSALS] = ("cl. 3", (Actor.CO_EXECUTORS,), "")
    base[Step.VISION] = ("cl. 3, 29-35", (Actor.DEVELOPER,), "")
    base[Step.RESULTS_RESOURCES] = ("cl. 3, 36-62", (Actor.DEVELOPER,), "")
    base[Step.DRAFT] = ("cl. 3, 58", (Actor.DEVELOPER,), gettext_noop(
        "The draft calculation methodology goes to the interested bodies with the draft (cl. 58)."))
    base[Step.DISCUSSION] = ("cl. 3", (Actor.DEVELOPER, Actor.INTERESTED_BODIES), "")
    base[Step.LINKING] = ("cl. 3, 6, 161-166", (Actor.DEVELOPER,), "")
    base[Step.APPROVED] = ("cl. 3", (Actor.DEVELOPER,), "")
    base.update(overrides)
    return tuple(StepSpec(s, *base[s]) for s in STEPS)


_NDP = TypeProcess(
    "ndp",
    developer=(Actor.STRATEGIC_PLANNING,), developer_clause="cl. 64",
    agrees=(), agrees_clause="cl. 75", also_agree=(Actor.INTERESTED_BODIES,),
    concludes=(), concludes_clause="",
    approves=(Actor.NOT_STATED,), approves_clause="A51",
    public_discussion=True, public_discussion_clause="cl. 74",
    steps=_steps({
        Step.INITIATION: ("cl. 64", (Actor.STRATEGIC_PLANNING,), gettext_noop(
            "Development begins at least one year before the previous National Plan ends (cl. 64).")),
        Step.PROPOSALS: ("cl. 64, 73", (Actor.STATE_BODIES,), gettext_noop(
            "State bodies send proposals by 1 April of the year in which the previous National Plan ends (cl. 73).")),
        Step.DISCUSSION: ("cl. 74", (Actor.STRATEGIC_PLANNING, Actor.PUBLIC), gettext_noop(
            "Posted on the internet resource of the authorized body for strategic planning and on the open data "
            "portal for public discussion (cl. 74).")),
        Step.REFINEMENT: ("cl. 74", (Actor.STRATEGIC_PLANNING,), gettext_noop(
            "Refined taking into account the proposals received (cl. 74).")),
        Step.AGREEMENT: ("cl. 75", (Actor.INTERESTED_BODIES,), ""),
        Step.APPROVAL: ("cl. 75", (Actor.OFFICE_PM,), gettext_noop(
            "The agreed draft goes to the Office of the Prime Minister by 1 September (cl. 75).")),
    }),
)

_TDP = TypeProcess(
    "tdp",
    developer=(Actor.STATE_PLANNING,), developer_clause="cl. 76-77",
    agrees=(), agrees_clause="", concludes=(), concludes_clause="",
    approves=(Actor.NOT_STATED,), approves_clause="A51",
    public_discussion=False, public_discussion_clause="",
    steps=_steps({
        Step.INITIATION: ("cl. 76", (Actor.PRESIDENT,), gettext_noop(
            "Developed on the instruction of the President (cl. 76).")),
        Step.PROPOSALS: ("cl. 77", (Actor.STATE_BODIES, Actor.INTERESTED_BODIES), gettext_noop(
            "With central state and local executive bodies and, if necessary, public and research "
            "organizations (cl. 77).")),
        Step.REFINEMENT: ("cl. 77", (Actor.STATE_PLANNING,), ""),
    }),
)

_CONCEPT = TypeProcess(
    "concept",
    developer=(Actor.DEVELOPER,), developer_clause="cl. 90, 101-102",
    agrees=(Actor.STATE_PLANNING, Actor.STRATEGIC_PLANNING), agrees_clause="cl. 98",
    also_agree=(Actor.INTERESTED_BODIES,),
    concludes=(Actor.STRATEGIC_PLANNING,), concludes_clause="cl. 103",
    approves=(Actor.NOT_STATED,), approves_clause="A51",
    public_discussion=True, public_discussion_clause="cl. 99",
    steps=_steps({
        Step.INITIATION: ("cl. 100-102", (Actor.DEVELOPER,), gettext_noop(
            "The need arises from higher SPS documents; the basis is an instruction of the President or the "
            "Prime Minister (cl. 100-102).")),
        Step.PROPOSALS: ("cl. 3, 96", (Actor.CO_EXECUTORS,), ""),
        Step.DISCUSSION: ("cl. 99", (Actor.DEVELOPER, Actor.PUBLIC), gettext_noop(
            "Posted on the developer's internet resource, without confidential and official-use information "
            "(cl. 99).")),
        Step.REFINEMENT: ("cl. 99", (Actor.DEVELOPER,), gettext_noop(
            "Refined taking into account the proposals received (cl. 99).")),
        Step.AGREEMENT: ("cl. 98, 103", (Actor.STATE_PLANNING, Actor.STRATEGIC_PLANNING, Actor.INTERESTED_BODIES),
                         gettext_noop("The authorized body for strategic planning gives its conclusion in the "
                                      "form of Annex 2 (cl. 103).")),
        Step.APPROVAL: ("cl. 103", (Actor.PRESIDENTS_ADMINISTRATION,), gettext_noop(
            "A draft sent to the Administration of the President is accompanied by the Annex 2 conclusion "
            "(cl. 103).")),
    }),
)

_SBDP = TypeProcess(
    "sbdp",
    developer=(Actor.DEVELOPER,), developer_clause="cl. 105",
    agrees=(Actor.STATE_PLANNING, Actor.BUDGET_PLANNING), agrees_clause="cl. 105",
    concludes=(), concludes_clause="",
    approves=(Actor.BUDGET_LEGISLATION,), approves_clause="cl. 121",
    public_discussion=False, public_discussion_clause="",
    steps=_steps({
        Step.INITIATION: ("cl. 104", (Actor.DEVELOPER,), gettext_noop(
            "Developed every three years for five years on the basis of the higher documents (cl. 104).")),
        Step.PROPOSALS: ("cl. 118", (Actor.STRUCTURAL_UNITS,), gettext_noop(
            "Formed on the proposals of structural subdivisions and subordinate organizations (cl. 118).")),
        Step.RESULTS_RESOURCES: ("cl. 117, 119-120", (Actor.DEVELOPER,), gettext_noop(
            "With the financial need of Annex 4 and the priority of goals and indicators (cl. 119-120).")),
        Step.AGREEMENT: ("cl. 105", (Actor.STATE_PLANNING, Actor.BUDGET_PLANNING), ""),
        Step.APPROVAL: ("cl. 121", (Actor.BUDGET_LEGISLATION,), ""),
        Step.APPROVED: ("cl. 122-124", (Actor.DEVELOPER, Actor.STATE_PLANNING), gettext_noop(
            "Sent to the authorized body for state planning within 5 working days and published within 10 "
            "working days of approval or of a change (cl. 122-123).")),
    }),
)

_RDP = TypeProcess(
    "rdp",
    developer=(Actor.DEVELOPER, Actor.WORKING_GROUP), developer_clause="cl. 128, 151",
    agrees=(Actor.STATE_PLANNING,), agrees_clause="cl. 151", also_agree=(Actor.INTERESTED_BODIES,),
    concludes=(), concludes_clause="",
    approves=(Actor.MASLIKHAT,), approves_clause="cl. 152",
    public_discussion=False, public_discussion_clause="",
    steps=_steps({
        Step.INITIATION: ("cl. 127-128", (Actor.DEVELOPER,), gettext_noop(
            "The akim creates the working group (cl. 128).")),
        Step.PROPOSALS: ("cl. 128, 156", (Actor.WORKING_GROUP, Actor.CO_EXECUTORS), ""),
        Step.AGREEMENT: ("cl. 151", (Actor.STATE_PLANNING, Actor.INTERESTED_BODIES), gettext_noop(
            "Reviewed within one month from receipt (cl. 151).")),
        Step.APPROVAL: ("cl. 152", (Actor.MASLIKHAT,), gettext_noop(
            "Submitted to the maslikhat for approval by 1 December (cl. 152).")),
        Step.APPROVED: ("cl. 132, 153-154", (Actor.DEVELOPER, Actor.STATE_PLANNING), gettext_noop(
            "Sent within 5 and published within 10 working days of approval or of a change; a change carries "
            "the Annex 6 comparison table (cl. 132, 153-154).")),
    }),
)


def _generic(document_type: str, clause: str) -> TypeProcess:
    """Types whose development ch. 2 does not describe: the cl. 3 skeleton with the developer only."""
    return TypeProcess(
        document_type, developer=(Actor.DEVELOPER,), developer_clause=clause, agrees=(), agrees_clause="",
        concludes=(), concludes_clause="", approves=(Actor.NOT_STATED,), approves_clause="",
        public_discussion=False, public_discussion_clause="", steps=_steps({}),
    )


PROCESSES: dict[str, TypeProcess] = {p.document_type: p for p in (
    _NDP, _TDP, _CONCEPT, _SBDP, _RDP,
    _generic("national_project", "cl. 6"), _generic("operational_plan", "cl. 125"),
    _generic("holding_plan", "cl. 6"),
)}


def process_for(document_type: str) -> TypeProcess:
    return PROCESSES[str(document_type)]


# --------------------------------------------------------------------------------------------------
# Deadlines
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FixedDate:
    """A day of the year `period_start + year_offset` (W3, W4)."""

    month: int
    day: int
    year_offset: int = -1


@dataclass(frozen=True)
class WorkingDaysAfter:
    """N working days after an event (W6): `approval_or_change` or the entry into a step."""

    n: int
    after: str


@dataclass(frozen=True)
class MonthsAfter:
    """N calendar months after an event (W5, W9)."""

    n: int
    after: str


@dataclass(frozen=True)
class DeadlineRule:
    """One deadline of ch. 2, fulfilled by entering a step or by recording a milestone."""

    id: str
    document_type: str
    clause: str
    label: str
    kind: str  # submission | publication | internal_step (values of the monitoring calendar)
    reporter: Actor
    recipients: tuple[Actor, ...]
    due: FixedDate | WorkingDaysAfter | MonthsAfter
    fulfilled_by_step: Step | None = None  # entering this step fulfils it
    fulfilled_by_milestone: str = ""  # or recording this milestone (for the same version)
    per_change: bool = False  # restarts on each change of the approved document (cl. 122-123, 153-154)
    fulfilled_by_reviews: bool = False  # every required agreeing body has answered (cl. 151)


APPROVAL_OR_CHANGE = "approval_or_change"
AGREEMENT_ENTERED = "step:agreement"
APPROVAL_EVENT = "approval"

_SEND = gettext_noop("Send the approved or changed plan to the authorized body for state planning")
_PUBLISH = gettext_noop("Publish the plan on the internet resources of the developer and of the authorized body "
                        "for state planning, without restricted information")
_METHOD = gettext_noop("Final calculation methodology of the indicators (Annex 1-1), agreed with the authorized "
                       "bodies for state planning and statistics")

DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule("dev-ndp-start", "ndp", "cl. 64", gettext_noop(
        "Begin developing the new National Plan, at least one year before the previous one ends"),
        "internal_step", Actor.STRATEGIC_PLANNING, (), FixedDate(12, 31, -2), fulfilled_by_step=Step.INITIATION),
    DeadlineRule("dev-ndp-proposals", "ndp", "cl. 73", gettext_noop(
        "Proposals of the state bodies on the draft National Plan"),
        "submission", Actor.STATE_BODIES, (Actor.STRATEGIC_PLANNING,), FixedDate(4, 1, -1),
        fulfilled_by_step=Step.VISION),
    DeadlineRule("dev-ndp-opm", "ndp", "cl. 75", gettext_noop(
        "The agreed draft National Plan to the Office of the Prime Minister"),
        "submission", Actor.STRATEGIC_PLANNING, (Actor.OFFICE_PM,), FixedDate(9, 1, -1),
        fulfilled_by_step=Step.APPROVAL),
    DeadlineRule("dev-concept-method", "concept", "cl. 59", _METHOD, "internal_step", Actor.DEVELOPER,
                 (Actor.STATE_PLANNING, Actor.STATISTICS), MonthsAfter(1, APPROVAL_EVENT),
                 fulfilled_by_milestone="methodology"),
    DeadlineRule("dev-sbdp-method", "sbdp", "cl. 59", _METHOD, "internal_step", Actor.DEVELOPER,
                 (Actor.STATE_PLANNING, Actor.STATISTICS), MonthsAfter(1, APPROVAL_EVENT),
                 fulfilled_by_milestone="methodology"),
    DeadlineRule("dev-sbdp-send", "sbdp", "cl. 122", _SEND, "submission", Actor.DEVELOPER,
                 (Actor.STATE_PLANNING,), WorkingDaysAfter(5, APPROVAL_OR_CHANGE), fulfilled_by_milestone="sent",
                 per_change=True),
    DeadlineRule("dev-sbdp-publish", "sbdp", "cl. 123", _PUBLISH, "publication", Actor.DEVELOPER,
                 (Actor.PUBLIC,), WorkingDaysAfter(10, APPROVAL_OR_CHANGE), fulfilled_by_milestone="published",
                 per_change=True),
    DeadlineRule("dev-rdp-review", "rdp", "cl. 151", gettext_noop(
        "Review of the draft regional plan by the authorized body for state planning and the interested bodies"),
        "internal_step", Actor.STATE_PLANNING, (Actor.DEVELOPER,), MonthsAfter(1, AGREEMENT_ENTERED),
        fulfilled_by_reviews=True),
    DeadlineRule("dev-rdp-maslikhat", "rdp", "cl. 152", gettext_noop(
        "Submit the regional plan to the maslikhat for approval"),
        "submission", Actor.DEVELOPER, (Actor.MASLIKHAT,), FixedDate(12, 1, -1), fulfilled_by_step=Step.APPROVAL),
    DeadlineRule("dev-rdp-method", "rdp", "cl. 59", _METHOD, "internal_step", Actor.DEVELOPER,
                 (Actor.STATE_PLANNING, Actor.STATISTICS), MonthsAfter(1, APPROVAL_EVENT),
                 fulfilled_by_milestone="methodology"),
    DeadlineRule("dev-rdp-send", "rdp", "cl. 153", _SEND, "submission", Actor.DEVELOPER,
                 (Actor.STATE_PLANNING,), WorkingDaysAfter(5, APPROVAL_OR_CHANGE), fulfilled_by_milestone="sent",
                 per_change=True),
    DeadlineRule("dev-rdp-publish", "rdp", "cl. 154", _PUBLISH, "publication", Actor.DEVELOPER,
                 (Actor.PUBLIC,), WorkingDaysAfter(10, APPROVAL_OR_CHANGE), fulfilled_by_milestone="published",
                 per_change=True),
)


def rules_for(document_type: str) -> list[DeadlineRule]:
    return [r for r in DEADLINE_RULES if r.document_type == str(document_type)]
