"""Writes of the development workflow: one transaction each, history stamped with the user and the reason.

Who may do what (reads go through `jospar.planning.access`):
- the developer's planners, heads and administrators (`planning.change_document`) start the workflow, move
  it between steps, record the acts after approval (sent, published, methodology) and the changes;
- a member with a writing role of a body records that body's agreement or review (cl. 75, 98, 105, 151);
- a member with a writing role of the authorized body for strategic planning records the Annex 2 conclusion
  on a draft concept (cl. 103).
Every refusal is a `WorkflowRefused` whose message names the clause; nothing is written then.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jospar.core.history import stamp
from jospar.core.models import Authority, Organization
from jospar.core.permissions import writing_organization_ids
from jospar.planning.choices import DocumentStatus, DocumentType
from jospar.planning.models import Document, ProposalDecision

from .comparison import comparison
from .models import (
    ANNEX2_OPTIONAL,
    ANNEX2_ROWS,
    POSITIVE_DECISIONS,
    Agreement,
    ComparisonRow,
    Conclusion,
    Decision,
    MemberCategory,
    Milestone,
    MilestoneKind,
    Reorganization,
    Workflow,
    WorkingGroup,
    WorkingGroupMember,
)
from .steps import STEP_LABELS, STEPS, Step, next_step, process_for


class WorkflowRefused(Exception):
    """The change is not allowed; the message says why and names the clause."""


def today() -> date:
    return timezone.localdate()


def _need_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowRefused(_("Give the reason for this change: it is kept in the history."))
    return reason


def _need_developer(user, document: Document) -> None:
    if not getattr(user, "is_authenticated", False) or not user.has_perm("planning.change_document", document):
        raise WorkflowRefused(_("Only the planners of the developer of %(code)s may do this.") %
                              {"code": document.code})


def _workflow(document: Document) -> Workflow:
    try:
        return Workflow.objects.select_for_update().get(document=document)
    except Workflow.DoesNotExist:
        raise WorkflowRefused(_("The development of %(code)s has not been started.") %
                              {"code": document.code}) from None


def clause_label(clause: str) -> str:
    """"cl. 98" as the reader's language writes it: "98-т." (kk), "п. 98" (ru), "cl. 98" (en)."""
    from django.utils.translation import get_language

    if not clause.startswith("cl. "):
        return clause
    number, lang = clause.removeprefix("cl. "), (get_language() or "kk")[:2]
    return {"kk": f"{number}-т.", "ru": f"п. {number}"}.get(lang, clause)


def step_label(step: str) -> str:
    return _(STEP_LABELS[Step(step)])


def authority_organization(authority: str) -> Organization | None:
    return Organization.objects.filter(authority=authority, is_active=True).order_by("code").first()


def _snapshot(document: Document) -> dict:
    from jospar.interchange.services import export_document  # interchange imports planning: import late

    return export_document(document).model_dump(mode="json")


# --------------------------------------------------------------------------------------------------
# Gates
# --------------------------------------------------------------------------------------------------


def required_agreements(workflow: Workflow) -> list[tuple[str, Organization | None, Agreement | None]]:
    """Each body whose agreement is required (cl. 98, 105, 151), with its latest answer."""
    process = process_for(workflow.document.type)
    out = []
    for actor in process.agrees:
        org = authority_organization(actor) if actor in Authority.values else None
        latest = (workflow.agreements.filter(organization=org).order_by("-received_on", "-pk").first()
                  if org else None)
        out.append((str(actor), org, latest))
    return out


def conclusion_required(workflow: Workflow) -> bool:
    """cl. 103: a draft concept sent to the Administration of the President carries the Annex 2 conclusion."""
    return workflow.document.type == DocumentType.CONCEPT and workflow.to_presidents_administration


def gates(workflow: Workflow, target: Step) -> list[str]:
    """Why the workflow may not enter `target` now; [] when it may (each reason names its clause)."""
    current = Step(workflow.step)
    reasons: list[str] = []
    if current == Step.APPROVED:
        return [_("An approved document changes only by a correction: record the change instead (cl. 205-214, "
                  "122-123, 153-154).")]
    if target == current:
        return [_("The document is already at the step “%(step)s”.") % {"step": step_label(target)}]
    if STEPS.index(target) > STEPS.index(current) and target != next_step(current):
        return [_("The steps follow the order of cl. 3: the next step after “%(current)s” is “%(next)s”.") % {
            "current": step_label(current), "next": step_label(next_step(current))}]
    if STEPS.index(target) < STEPS.index(current):
        return []  # a return to an earlier step (W2)
    process = process_for(workflow.document.type)
    document = workflow.document
    if target == Step.AGREEMENT and process.public_discussion:
        pending = document.proposals.filter(decision=ProposalDecision.PENDING).count()
        if pending:
            reasons.append(_("%(n)s proposal(s) of the public discussion have no answer yet: the draft is refined "
                             "taking the proposals received into account (%(clause)s).") % {
                "n": pending, "clause": clause_label(process.public_discussion_clause)})
    if target == Step.APPROVAL:
        for actor, org, latest in required_agreements(workflow):
            name = org.name if org else actor
            if latest is None:
                reasons.append(_("No agreement of %(body)s has been recorded (%(clause)s).") % {
                    "body": name, "clause": clause_label(process.agrees_clause)})
            elif latest.decision not in POSITIVE_DECISIONS:
                reasons.append(_("%(body)s did not agree on %(date)s (%(clause)s).") % {
                    "body": name, "date": latest.received_on.strftime("%d.%m.%Y"),
                    "clause": clause_label(process.agrees_clause)})
        if conclusion_required(workflow) and not workflow.conclusions.exists():
            reasons.append(_("The draft concept goes to the Administration of the President only with the conclusion "
                             "of the authorized body for strategic planning in the form of Annex 2 (cl. 103)."))
    return reasons


# --------------------------------------------------------------------------------------------------
# Writes
# --------------------------------------------------------------------------------------------------


def _sync_status(document: Document, step: Step, user, reason: str) -> None:
    """The document's status follows the step (SPEC §19 [INFERRED]); an in-force document keeps its status."""
    process = process_for(document.type)
    if step == Step.APPROVED:
        status = DocumentStatus.APPROVED
    elif step == Step.DISCUSSION and process.public_discussion:
        status = DocumentStatus.PUBLIC_DISCUSSION  # cl. 74, 99: open to proposals
    elif step in (Step.AGREEMENT, Step.APPROVAL):
        status = DocumentStatus.UNDER_AGREEMENT
    else:
        status = DocumentStatus.DRAFT
    if document.status in (DocumentStatus.IN_FORCE, DocumentStatus.COMPLETED) or document.status == status:
        return
    document.status = status
    stamp(document, user, reason)
    document.save(update_fields=["status"])


def do_start_workflow(
    document: Document, *, acting_user, reason: str, on: date | None = None, approved_on: date | None = None,
    to_presidents_administration: bool = True,
) -> Workflow:
    """Start the development of `document` at the initiation step (cl. 3), or register it as approved on
    `approved_on` (an approved document whose changes are to be followed, cl. 122-123, 153-154)."""
    reason = _need_reason(reason)
    _need_developer(acting_user, document)
    on = on or today()
    with transaction.atomic():
        if Workflow.objects.filter(document=document).exists():
            raise WorkflowRefused(_("The development of %(code)s is already followed.") % {"code": document.code})
        step = Step.APPROVED if approved_on else Step.INITIATION
        workflow = Workflow(document=document, step=step, step_since=approved_on or on, started_on=on,
                            to_presidents_administration=to_presidents_administration)
        stamp(workflow, acting_user, reason)
        workflow.save()
        if approved_on:
            _milestone(workflow, MilestoneKind.APPROVED, approved_on, acting_user, reason,
                       snapshot=_snapshot(document))
        else:
            _sync_status(document, step, acting_user, reason)
        return workflow


def _milestone(workflow: Workflow, kind: str, on: date, user, reason: str, *, reference: str = "", note: str = "",
               snapshot: dict | None = None) -> Milestone:
    m = Milestone(workflow=workflow, kind=kind, version=workflow.document.version, on=on, reference=reference,
                  note=note, snapshot=snapshot, recorded_by=user if getattr(user, "is_authenticated", False) else None)
    stamp(m, user, reason)
    m.save()
    return m


def do_advance_step(document: Document, target: str, *, acting_user, reason: str, on: date | None = None,
                    act_reference: str = "") -> Workflow:
    """Move the workflow to `target`: the next step of cl. 3 when its gates are open, or back to an earlier one."""
    reason = _need_reason(reason)
    _need_developer(acting_user, document)
    try:
        target = Step(target)
    except ValueError:
        raise WorkflowRefused(_("“%(step)s” is not a step of cl. 3; the steps are: %(steps)s.") % {
            "step": target, "steps": ", ".join(s.value for s in STEPS)}) from None
    on = on or today()
    with transaction.atomic():
        workflow = _workflow(document)
        problems = gates(workflow, target)
        if problems:
            raise WorkflowRefused(" ".join(problems))
        if on < workflow.step_since:
            raise WorkflowRefused(_("The date %(on)s is before the current step began (%(since)s).") % {
                "on": on.strftime("%d.%m.%Y"), "since": workflow.step_since.strftime("%d.%m.%Y")})
        workflow.step, workflow.step_since = target, on
        stamp(workflow, acting_user, reason)
        workflow.save()
        document.refresh_from_db()
        _sync_status(document, target, acting_user, reason)
        if target == Step.APPROVED:
            _milestone(workflow, MilestoneKind.APPROVED, on, acting_user, reason, reference=act_reference,
                       snapshot=_snapshot(document))
        return workflow


def do_record_agreement(document: Document, organization: Organization, decision: str, *, acting_user,
                        received_on: date | None = None, reference: str = "", remarks: str = "",
                        reason: str = "") -> Agreement:
    """A body's agreement, agreement with remarks or refusal during the agreement step (cl. 75, 98, 105, 151)."""
    if not getattr(acting_user, "is_authenticated", False) or not (
            acting_user.is_superuser or organization.pk in writing_organization_ids(acting_user)):
        raise WorkflowRefused(_("Only the planners of %(body)s may record its agreement.") % {
            "body": organization.name})
    if decision not in Decision.values:
        raise WorkflowRefused(_("Unknown decision “%(d)s”.") % {"d": decision})
    if decision == Decision.NOT_AGREED and not remarks.strip():
        raise WorkflowRefused(_("Say why the draft is not agreed: the developer refines it on these remarks."))
    received_on = received_on or today()
    with transaction.atomic():
        workflow = _workflow(document)
        if workflow.step != Step.AGREEMENT:
            raise WorkflowRefused(_("Agreements are recorded at the agreement step; %(code)s is at “%(step)s” "
                                    "(cl. 3).") % {"code": document.code, "step": step_label(workflow.step)})
        if organization.pk == document.developer_id:
            raise WorkflowRefused(_("The developer does not agree its own draft."))
        a = Agreement(workflow=workflow, organization=organization, decision=decision, received_on=received_on,
                      reference=reference.strip(), remarks=remarks.strip(),
                      recorded_by=acting_user)
        stamp(a, acting_user, reason or decision)
        a.save()
        return a


def do_record_conclusion(document: Document, *, acting_user, rows: dict[str, str], issued_on: date | None = None,
                         reference: str = "", reason: str = "") -> Conclusion:
    """The Annex 2 conclusion of the authorized body for strategic planning on a draft concept (cl. 103)."""
    if document.type != DocumentType.CONCEPT:
        raise WorkflowRefused(_("The Annex 2 conclusion is given on a draft concept only (cl. 103)."))
    body = authority_organization(Authority.STRATEGIC_PLANNING)
    if body is None or not getattr(acting_user, "is_authenticated", False) or not (
            acting_user.is_superuser or body.pk in writing_organization_ids(acting_user)):
        raise WorkflowRefused(_("Only the authorized body for strategic planning gives the Annex 2 conclusion "
                                "(cl. 103)."))
    clean = {key: (rows.get(key) or "").strip() for key, _label in ANNEX2_ROWS}
    missing = [str(label) for key, label in ANNEX2_ROWS if key not in ANNEX2_OPTIONAL and not clean[key]]
    if missing:
        raise WorkflowRefused(_("Annex 2: fill in %(rows)s (rows 4-11 and 13 are required).") % {
            "rows": "; ".join(missing)})
    issued_on = issued_on or today()
    with transaction.atomic():
        workflow = _workflow(document)
        if STEPS.index(Step(workflow.step)) < STEPS.index(Step.DRAFT):
            raise WorkflowRefused(_("There is no draft to conclude on yet: %(code)s is at “%(step)s” (cl. 3, 103).")
                                  % {"code": document.code, "step": step_label(workflow.step)})
        c = Conclusion(workflow=workflow, organization=body, issued_on=issued_on, reference=reference.strip(),
                       rows=clean, recorded_by=acting_user)
        stamp(c, acting_user, reason or _("Annex 2 conclusion"))
        c.save()
        return c


def do_record_act(document: Document, kind: str, *, acting_user, on: date | None = None, reference: str = "",
                  note: str = "", reason: str = "") -> Milestone:
    """The plan was sent to the authorized body, published, or its final methodology agreed (cl. 59, 122-123,
    153-154), for the document's current version."""
    _need_developer(acting_user, document)
    if kind not in (MilestoneKind.SENT, MilestoneKind.PUBLISHED, MilestoneKind.METHODOLOGY):
        raise WorkflowRefused(_("Unknown act “%(k)s”.") % {"k": kind})
    on = on or today()
    with transaction.atomic():
        workflow = _workflow(document)
        if workflow.step != Step.APPROVED:
            raise WorkflowRefused(_("%(code)s is not approved yet: it is sent and published after approval "
                                    "(cl. 122-123, 153-154).") % {"code": document.code})
        start = workflow.milestones.filter(kind__in=[MilestoneKind.APPROVED, MilestoneKind.CHANGED]).order_by(
            "-on", "-pk").first()
        if start and on < start.on:
            raise WorkflowRefused(_("The date %(on)s is before the approval or change it follows (%(start)s).") % {
                "on": on.strftime("%d.%m.%Y"), "start": start.on.strftime("%d.%m.%Y")})
        if kind == MilestoneKind.SENT and start and start.kind == MilestoneKind.CHANGED and \
                document.type == DocumentType.RDP:
            rows = list(start.comparison_rows.all())
            unjustified = [r.number for r in rows if not r.justification.strip()]
            if not rows or unjustified:
                raise WorkflowRefused(_("A change of a regional plan is sent with its Annex 6 comparison table, "
                                        "with a justification in every row; rows without one: %(rows)s "
                                        "(cl. 132, Annex 6 expl. 7).") % {
                    "rows": ", ".join(map(str, unjustified)) or "—"})
        return _milestone(workflow, kind, on, acting_user, reason or kind, reference=reference.strip(),
                          note=note.strip())


def previous_content(workflow: Workflow) -> dict | None:
    """The approved content to compare a change with: the previous version, else the last snapshot."""
    document = workflow.document
    if document.previous_version_id:
        return _snapshot(document.previous_version)
    last = workflow.milestones.filter(kind__in=[MilestoneKind.APPROVED, MilestoneKind.CHANGED],
                                      snapshot__isnull=False).order_by("-on", "-pk").first()
    return last.snapshot if last else None


def do_record_change(document: Document, *, acting_user, reason: str, on: date | None = None,
                     reference: str = "", justification: str = "") -> Milestone:
    """Changes and additions to an approved document were made on `on`: the send and publish clocks restart
    (cl. 122-123, 153-154); a regional plan's change carries its Annex 6 comparison table (cl. 132)."""
    reason = _need_reason(reason)
    _need_developer(acting_user, document)
    on = on or today()
    with transaction.atomic():
        workflow = _workflow(document)
        if workflow.step != Step.APPROVED:
            raise WorkflowRefused(_("%(code)s is not approved yet: a draft is refined, not changed (cl. 3).") % {
                "code": document.code})
        last = workflow.milestones.filter(kind__in=[MilestoneKind.APPROVED, MilestoneKind.CHANGED]).order_by(
            "-on", "-pk").first()
        if last and document.version <= last.version:
            raise WorkflowRefused(_("Version %(v)s of %(code)s is already recorded; save the corrected version "
                                    "first (cl. 205).") % {"v": document.version, "code": document.code})
        if last and on < last.on:
            raise WorkflowRefused(_("The date %(on)s is before the last approval or change (%(last)s).") % {
                "on": on.strftime("%d.%m.%Y"), "last": last.on.strftime("%d.%m.%Y")})
        old = previous_content(workflow)
        if old is None and document.type == DocumentType.RDP:
            raise WorkflowRefused(_("No approved version of %(code)s is kept to build the Annex 6 comparison "
                                    "table from (cl. 132).") % {"code": document.code})
        new = _snapshot(document)
        lines = comparison(old, new) if old is not None else []
        if old is not None and not lines:
            raise WorkflowRefused(_("Nothing differs from the approved version: there is no change to record "
                                    "(cl. 132)."))
        m = _milestone(workflow, MilestoneKind.CHANGED, on, acting_user, reason, reference=reference,
                       note=document.correction_basis, snapshot=new)
        if document.type == DocumentType.RDP:
            default = (justification or document.correction_basis or "").strip()
            ComparisonRow.objects.bulk_create([
                ComparisonRow(change=m, number=n, element=line.element,
                              current=line.current if line.kind != "add" else "",
                              proposed=line.proposed if line.kind != "delete" else "", justification=default)
                for n, line in enumerate(lines, start=1)])
        return m


def do_justify_rows(change: Milestone, justifications: dict[int, str], *, acting_user, reason: str = "") -> int:
    """Write the justification (column 5) of rows of an Annex 6 comparison table (cl. 132, expl. 7)."""
    document = change.workflow.document
    _need_developer(acting_user, document)
    with transaction.atomic():
        rows = {r.number: r for r in change.comparison_rows.select_for_update()}
        unknown = sorted(set(justifications) - set(rows))
        if unknown:
            raise WorkflowRefused(_("Annex 6 has no row %(rows)s.") % {"rows": ", ".join(map(str, unknown))})
        if change.workflow.milestones.filter(kind=MilestoneKind.SENT, version=change.version).exists():
            raise WorkflowRefused(_("This change was already sent with its comparison table (cl. 132, 153)."))
        n = 0
        for number, text in justifications.items():
            row = rows[number]
            if row.justification != text.strip():
                row.justification = text.strip()
                stamp(row, acting_user, reason or _("Annex 6 justification"))
                row.save(update_fields=["justification"])
                n += 1
        return n


# --------------------------------------------------------------------------------- cl. 124, 126, 128


def do_record_working_group(document: Document, *, acting_user, reason: str, decision_number: str,
                            decision_date: date | None, members: list[tuple[str, str, str]]) -> WorkingGroup:
    """The working group of a regional plan created by the akim's decision (cl. 128), with its members as
    (full name, position, category); recording it again replaces the members."""
    reason = _need_reason(reason)
    _need_developer(acting_user, document)
    if document.type != DocumentType.RDP:
        raise WorkflowRefused(_("A working group by the akim's decision develops a regional plan only (cl. 128)."))
    problems = []
    for n, (full_name, _position, category) in enumerate(members, start=1):
        if not (full_name or "").strip():
            problems.append(_("member %(n)s has no name") % {"n": n})
        if category not in MemberCategory.values:
            problems.append(_("member %(n)s: “%(c)s” is not a category of cl. 128 (%(known)s)") % {
                "n": n, "c": category, "known": ", ".join(MemberCategory.values)})
    if problems:
        raise WorkflowRefused(_("The working group was not recorded: %(problems)s.") % {
            "problems": "; ".join(problems)})
    with transaction.atomic():
        workflow = _workflow(document)
        group = WorkingGroup.objects.filter(workflow=workflow).first() or WorkingGroup(workflow=workflow)
        group.decision_number, group.decision_date = decision_number.strip(), decision_date
        stamp(group, acting_user, reason)
        group.save()
        for old in group.members.all():
            stamp(old, acting_user, reason)
            old.delete()
        for full_name, position, category in members:
            m = WorkingGroupMember(group=group, full_name=full_name.strip(), position=(position or "").strip(),
                                   category=category)
            stamp(m, acting_user, reason)
            m.save()
        return group


def do_record_sending_to_competent_body(document: Document, organization: Organization, *, acting_user,
                                        on: date | None = None, reference: str = "", reason: str = "") -> Milestone:
    """The approved plan of a state body was also sent to a body competent for a sphere its goals concern
    (cl. 124), for the document's current version."""
    _need_developer(acting_user, document)
    if document.type != DocumentType.SBDP:
        raise WorkflowRefused(_("Only the development plan of a state body is sent to the competent bodies "
                                "(cl. 124)."))
    if organization.pk == document.developer_id:
        raise WorkflowRefused(_("The developer does not send the plan to itself (cl. 124)."))
    on = on or today()
    with transaction.atomic():
        workflow = _workflow(document)
        if workflow.step != Step.APPROVED:
            raise WorkflowRefused(_("%(code)s is not approved yet: it is sent to the competent bodies after "
                                    "approval (cl. 124).") % {"code": document.code})
        m = _milestone(workflow, MilestoneKind.SENT_TO_COMPETENT, on, acting_user,
                       reason or _("Sent to %(body)s (cl. 124)") % {"body": organization.code},
                       reference=reference.strip())
        m.recipient = organization
        m.save(update_fields=["recipient"])
        return m


def _need_state_planning(acting_user) -> None:
    planning_body = authority_organization(Authority.STATE_PLANNING)
    if not getattr(acting_user, "is_authenticated", False) or not (
            acting_user.is_superuser or (planning_body is not None
                                         and planning_body.pk in writing_organization_ids(acting_user))):
        raise WorkflowRefused(_("Only the authorized body for state planning records a reorganisation (cl. 126)."))


def _check_reorganization(predecessor: Organization, successor: Organization, goals) -> list:
    """The checks of cl. 126 shared by recording and correcting: another body succeeds, and the goals named are
    goals of the reorganised body's plans."""
    if predecessor.pk == successor.pk:
        raise WorkflowRefused(_("A body is not its own legal successor (cl. 126)."))
    goals = list(goals)
    foreign = [g.code for g in goals if g.document.developer_id != predecessor.pk]
    if not goals or foreign:
        raise WorkflowRefused(_("Name the goals of the reorganised body's plan that pass to the successor; not "
                                "its goals: %(codes)s (cl. 126).") % {"codes": ", ".join(foreign) or "—"})
    return goals


def do_record_reorganization(predecessor: Organization, successor: Organization, goals, *, acting_user,
                             reason: str, act: str = "", act_date: date | None = None) -> Reorganization:
    """A state body reorganised into a legal successor, with the goals of its plan whose sector passes to the
    successor (cl. 126). Recorded by an administrator or a member of the authorized body for state planning."""
    reason = _need_reason(reason)
    _need_state_planning(acting_user)
    goals = _check_reorganization(predecessor, successor, goals)
    with transaction.atomic():
        r = Reorganization(predecessor=predecessor, successor=successor, act=act.strip(),
                           act_date=act_date or today(), recorded_by=acting_user)
        stamp(r, acting_user, reason)
        r.save()
        r.goals.set(goals)
        return r


def carried_goals(reorganization: Reorganization) -> dict[int, list[str]]:
    """cl. 126, V-55: the goals of the reorganisation already carried into a development plan of the successor,
    each with the codes of the successor's plans that carry it. A goal is carried when an indicator of the
    successor's plan links up to one of its indicators (the copy link `do_transfer_goals` makes), as the
    transfer page and the checker (V-55) decide it."""
    from jospar.planning.models import DecompositionLink

    rows = (DecompositionLink.objects
            .filter(parent__goal__in=reorganization.goals.all(), child__document__type=DocumentType.SBDP,
                    child__document__developer_id=reorganization.successor_id)
            .values_list("parent__goal_id", "child__document__code").distinct())
    carried: dict[int, list[str]] = {}
    for goal_id, code in rows:
        carried.setdefault(goal_id, [])
        if code not in carried[goal_id]:
            carried[goal_id].append(code)
    return {g: sorted(codes) for g, codes in carried.items()}


def _goal_codes(goal_ids, goals_by_id) -> str:
    return ", ".join(sorted(goals_by_id[g].code for g in goal_ids))


def _plans(carried: dict[int, list[str]]) -> str:
    return ", ".join(sorted({c for codes in carried.values() for c in codes}))


def do_update_reorganization(reorganization: Reorganization, *, act: str, act_date: date, successor: Organization,
                             goals, acting_user, reason: str) -> Reorganization:
    """Correct a recorded reorganisation (cl. 126): its act, date, legal successor and goals, with the same
    checks as recording. Once goals were carried into the successor's plan, those goals stay and the successor
    cannot change. The earlier state stays in the history (`do_revert_reorganization` restores it)."""
    reason = _need_reason(reason)
    _need_state_planning(acting_user)
    if act_date is None:
        raise WorkflowRefused(_("Give the date of the act of reorganisation (cl. 126)."))
    goals = _check_reorganization(reorganization.predecessor, successor, goals)
    with transaction.atomic():
        r = Reorganization.objects.select_for_update().select_related("predecessor", "successor").get(
            pk=reorganization.pk)
        current = {g.pk: g for g in r.goals.all()}
        carried = carried_goals(r)
        if carried and successor.pk != r.successor_id:
            raise WorkflowRefused(_("Goals %(codes)s are already carried into %(plans)s of %(successor)s: the legal "
                                    "successor of this reorganisation cannot change any more (cl. 126).") % {
                "codes": _goal_codes(carried, current), "plans": _plans(carried), "successor": r.successor.code})
        kept = {g.pk for g in goals}
        dropped = {g: codes for g, codes in carried.items() if g not in kept}
        if dropped:
            raise WorkflowRefused(_("Goals %(codes)s are already carried into %(plans)s of %(successor)s and cannot "
                                    "be removed from the reorganisation (cl. 126).") % {
                "codes": _goal_codes(dropped, current), "plans": _plans(dropped), "successor": r.successor.code})
        act = (act or "").strip()
        if (act, act_date, successor.pk, set(current)) == (r.act, r.act_date, r.successor_id, kept):
            raise WorkflowRefused(_("Nothing differs from the recorded reorganisation: there is nothing to correct "
                                    "(cl. 126)."))
        r.act, r.act_date, r.successor = act, act_date, successor
        stamp(r, acting_user, reason)
        r.skip_history_when_saving = True  # one history record per correction, with its goals (m2m history)
        try:
            r.save()
            r.goals.set(goals)
        finally:
            del r.skip_history_when_saving
        r.save()
        return r


def do_revert_reorganization(reorganization: Reorganization, history_id: int, *, acting_user,
                             reason: str) -> Reorganization:
    """Undo a correction: bring the reorganisation back to the state of its history record `history_id` (act,
    date, successor and goals), through `do_update_reorganization`, so the same rules of cl. 126 apply and the
    undo is itself a new history record."""
    from jospar.planning.models import Goal

    h = reorganization.history.filter(history_id=history_id).exclude(history_type="-").first()
    if h is None:
        raise WorkflowRefused(_("The reorganisation has no history record %(id)s.") % {"id": history_id})
    goal_ids = [row.goal_id for row in h.goals.all()]
    goals = list(Goal.objects.filter(pk__in=goal_ids).select_related("document"))
    if len(goals) != len(set(goal_ids)):
        raise WorkflowRefused(_("Some goals of that state of the reorganisation no longer exist; correct it "
                                "instead (cl. 126)."))
    successor = Organization.objects.get(pk=h.successor_id)
    return do_update_reorganization(reorganization, act=h.act, act_date=h.act_date, successor=successor,
                                    goals=goals, acting_user=acting_user, reason=reason)


def undo_target(reorganization: Reorganization) -> int | None:
    """The history record of the state before the latest change of the reorganisation (what "undo the last
    correction" goes back to), or None when it was never corrected. The "+" record of a recording is left
    out: it is written before the goals are set (the next record, "~", holds the recorded state with its goals)."""
    ids = list(reorganization.history.filter(history_type="~").order_by("-history_date", "-history_id")
               .values_list("history_id", flat=True)[:2])
    return ids[1] if len(ids) == 2 else None


def do_delete_reorganization(reorganization: Reorganization, *, acting_user, reason: str) -> None:
    """Remove a reorganisation recorded in error (cl. 126). Refused once any of its goals was carried into the
    successor's plan: those copies rest on it. The history keeps the removed record."""
    reason = _need_reason(reason)
    _need_state_planning(acting_user)
    with transaction.atomic():
        r = Reorganization.objects.select_for_update().select_related("predecessor", "successor").get(
            pk=reorganization.pk)
        carried = carried_goals(r)
        if carried:
            current = {g.pk: g for g in r.goals.all()}
            raise WorkflowRefused(_("Goals %(codes)s of this reorganisation are already carried into %(plans)s of "
                                    "%(successor)s, so it cannot be removed (cl. 126). Correct its act or date "
                                    "instead, or first delete the copied goals from the successor's plan.") % {
                "codes": _goal_codes(carried, current), "plans": _plans(carried), "successor": r.successor.code})
        stamp(r, acting_user, reason)
        r.delete()


def do_transfer_goals(reorganization: Reorganization, document: Document, *, acting_user, reason: str) -> int:
    """Copy the transferred goals with their target indicators into the successor's plan `document` for the
    whole planned period (cl. 126): each copied indicator keeps a copy link to the original, so the checker
    (V-55) sees it is carried. Goals or indicators already carried are left alone. Returns the items created."""
    from jospar.planning.choices import DecompositionKind
    from jospar.planning.models import DecompositionLink, Goal, Indicator, IndicatorValue

    reason = _need_reason(reason)
    _need_developer(acting_user, document)
    if document.type != DocumentType.SBDP or document.developer_id != reorganization.successor_id:
        raise WorkflowRefused(_("The goals pass to a development plan of the legal successor %(body)s (cl. 126).")
                              % {"body": reorganization.successor.code})
    created = 0
    with transaction.atomic():
        carried = set(DecompositionLink.objects.filter(child__document=document).values_list("parent_id", flat=True))
        goal_codes = set(document.goals.values_list("code", flat=True))
        ind_codes = set(document.indicators.values_list("code", flat=True))
        years = range(document.period_start, document.period_end + 1)
        for goal in reorganization.goals.select_related("document").order_by("document__code", "order", "code"):
            originals = [i for i in goal.indicators.filter(kind="target").order_by("order", "code")
                         if i.pk not in carried]
            if not originals:
                continue
            code = goal.code if goal.code not in goal_codes else f"{goal.code}-{goal.document.code}"[:40]
            goal_codes.add(code)
            new_goal = Goal(document=document, code=code, order=goal.order, achievement_year=goal.achievement_year,
                            budget_program_codes=goal.budget_program_codes,
                            **{f"title_{lang}": getattr(goal, f"title_{lang}") for lang in ("kk", "ru", "en")})
            stamp(new_goal, acting_user, reason)
            new_goal.save()
            created += 1
            for ind in originals:
                copy = Indicator.objects.get(pk=ind.pk)
                copy.pk = copy.id = None
                copy._state.adding = True
                copy.document, copy.goal, copy.direction, copy.task = document, new_goal, None, None
                copy.code = ind.code if ind.code not in ind_codes else f"{ind.code}-{goal.document.code}"[:40]
                ind_codes.add(copy.code)
                stamp(copy, acting_user, reason)
                copy.save()
                for v in ind.values.filter(year__in=years, quarter=0):
                    value = IndicatorValue(indicator=copy, year=v.year, quarter=0, plan=v.effective_plan)
                    stamp(value, acting_user, reason)
                    value.save()
                link = DecompositionLink(parent=ind, child=copy, kind=DecompositionKind.COPY)
                stamp(link, acting_user, reason)
                link.save()
                created += 1
    return created
