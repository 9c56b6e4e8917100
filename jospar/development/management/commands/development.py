"""jospar development status CODE | advance CODE STEP --reason TEXT --as USER [--on YYYY-MM-DD] | start CODE ...
| working-group CODE --decision N --date D --member "NAME;POSITION;CATEGORY" ... (cl. 128)
| send-to CODE BODY (cl. 124) | reorganize CODE --to BODY --goals G1,G2 --act TEXT --act-date D (cl. 126)
| transfer CODE (cl. 126: copy the goals passed to the developer into its plan CODE)
| reorganization-update CODE [--id N] [--to BODY] [--goals G1,DOC:G2] [--act TEXT] [--act-date D] [--undo]
| reorganization-remove CODE [--id N] (cl. 126: correct, undo the last correction of, or remove a
reorganisation of the developer of CODE; --id may be left out when the developer has only one)

`status` prints the steps of cl. 3 for the document's type with who acts and the clause, the current step,
what holds the next one (gates, each naming its clause) and the deadlines with their status. `advance` moves
the document to STEP (the next step, or back to an earlier one) as USER, with the reason kept in the history.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from jospar.core.models import Organization, User
from jospar.development import services as sv
from jospar.development.deadlines import workflow_deadlines
from jospar.development.models import MemberCategory, Reorganization, Workflow
from jospar.development.steps import ACTOR_LABELS, STEPS, Step, next_step, process_for
from jospar.planning.models import Document


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--on {text}: not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "The development workflow of a document (cl. 3): status, advance, start."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        status = sub.add_parser("status", help="steps, current step, gates and deadlines")
        status.add_argument("document")
        status.add_argument("--lang", choices=("kk", "ru", "en"), default="en")
        status.add_argument("--today", help="judge the deadlines on this day (YYYY-MM-DD)")
        adv = sub.add_parser("advance", help="move the document to STEP")
        adv.add_argument("document")
        adv.add_argument("step", help=", ".join(s.value for s in STEPS))
        adv.add_argument("--reason", required=True)
        adv.add_argument("--as", dest="username", required=True, help="the acting user (a planner of the developer)")
        adv.add_argument("--on", help="the date of the step (YYYY-MM-DD, default today)")
        adv.add_argument("--lang", choices=("kk", "ru", "en"), default="en")
        start = sub.add_parser("start", help="start following the development of a document")
        start.add_argument("document")
        start.add_argument("--reason", required=True)
        start.add_argument("--as", dest="username", required=True)
        start.add_argument("--approved-on", help="register a document already approved on this date")
        start.add_argument("--lang", choices=("kk", "ru", "en"), default="en")
        group = sub.add_parser("working-group", help="record the working group of a regional plan (cl. 128)")
        group.add_argument("document")
        group.add_argument("--decision", required=True, help="number of the akim's decision")
        group.add_argument("--date", required=True, help="date of the akim's decision (YYYY-MM-DD)")
        group.add_argument("--member", action="append", default=[], required=True,
                           help="NAME;POSITION;CATEGORY, CATEGORY one of: " + ", ".join(MemberCategory.values))
        send = sub.add_parser("send-to", help="record that the approved plan was sent to a competent body (cl. 124)")
        send.add_argument("document")
        send.add_argument("body", help="organization code")
        send.add_argument("--on", help="the date it was sent (YYYY-MM-DD, default today)")
        send.add_argument("--reference", default="", help="letter number")
        reorg = sub.add_parser("reorganize", help="record the reorganisation of the developer of CODE (cl. 126)")
        reorg.add_argument("document", help="the reorganised body's plan")
        reorg.add_argument("--to", dest="successor", required=True, help="the legal successor's code")
        reorg.add_argument("--goals", required=True, help="comma-separated codes of the goals that pass")
        reorg.add_argument("--act", default="")
        reorg.add_argument("--act-date", help="YYYY-MM-DD, default today")
        transfer = sub.add_parser("transfer", help="copy the goals passed to the developer into its plan (cl. 126)")
        transfer.add_argument("document", help="the successor's plan")
        update = sub.add_parser("reorganization-update",
                                help="correct a reorganisation of the developer of CODE, or undo its last correction "
                                     "(cl. 126)")
        update.add_argument("document", help="the reorganised body's plan")
        update.add_argument("--id", type=int, help="the reorganisation (needed when the body has several)")
        update.add_argument("--to", dest="successor", help="the legal successor's code (default: unchanged)")
        update.add_argument("--goals", help="comma-separated goal codes of CODE, or DOC:GOAL for another plan of "
                                            "the body (default: unchanged)")
        update.add_argument("--act", help="default: unchanged")
        update.add_argument("--act-date", help="YYYY-MM-DD, default: unchanged")
        update.add_argument("--undo", action="store_true", help="undo the last correction instead")
        remove = sub.add_parser("reorganization-remove", help="remove a reorganisation recorded in error (cl. 126)")
        remove.add_argument("document", help="the reorganised body's plan")
        remove.add_argument("--id", type=int, help="the reorganisation (needed when the body has several)")
        for p in (group, send, reorg, transfer, update, remove):
            if p is not send:
                p.add_argument("--reason", required=True)
            else:
                p.add_argument("--reason", default="")
            p.add_argument("--as", dest="username", required=True)
            p.add_argument("--lang", choices=("kk", "ru", "en"), default="en")

    def handle(self, *args, **o):
        document = Document.objects.select_related("developer").filter(code=o["document"]).first()
        if document is None:
            raise CommandError(f"{o['document']}: no such document")
        with translation.override(o["lang"]):
            if o["action"] == "status":
                today = _date(o["today"]) if o.get("today") else sv.today()
                self.stdout.write(self._status(document, today, o["lang"]))
                return
            user = User.objects.filter(username=o["username"], is_active=True).first()
            if user is None:
                raise CommandError(f"--as {o['username']}: no such active user")
            try:
                if o["action"] in EXTRA_ACTIONS:
                    self.stdout.write(EXTRA_ACTIONS[o["action"]](document, user, o))
                    return
                if o["action"] == "start":
                    sv.do_start_workflow(document, acting_user=user, reason=o["reason"],
                                         approved_on=_date(o["approved_on"]) if o.get("approved_on") else None)
                else:
                    sv.do_advance_step(document, o["step"], acting_user=user, reason=o["reason"],
                                       on=_date(o["on"]) if o.get("on") else None)
            except sv.WorkflowRefused as exc:
                raise CommandError(str(exc)) from None
            w = Workflow.objects.get(document=document)
            self.stdout.write(_("%(code)s is at the step “%(step)s” since %(since)s.") % {
                "code": document.code, "step": sv.step_label(w.step), "since": w.step_since.strftime("%d.%m.%Y")})

    def _status(self, document: Document, today: date, lang: str) -> str:
        process = process_for(document.type)
        lines = [f"{document.code} — {document.title}"]
        w = Workflow.objects.filter(document=document).first()
        if w is None:
            lines.append(_("The development of %(code)s has not been started.") % {"code": document.code})
            return "\n".join(lines)

        def who(actors):
            return ", ".join(_(ACTOR_LABELS[a]) for a in actors) or "—"

        lines.append(f"{_('Develops')}: {who(process.developer)} ({process.developer_clause})")
        lines.append(f"{_('Agrees')}: {who(process.agrees + process.also_agree)} ({process.agrees_clause or '—'})")
        lines.append(f"{_('Concludes')}: {who(process.concludes)} ({process.concludes_clause or '—'})")
        lines.append(f"{_('Approves')}: {who(process.approves)} ({process.approves_clause or '—'})")
        current = Step(w.step)
        for n, spec in enumerate(process.steps, start=1):
            idx, cur = STEPS.index(spec.step), STEPS.index(current)
            mark = "x" if idx < cur else ">" if idx == cur else " "
            lines.append(f"[{mark}] {n:2d}. {sv.step_label(spec.step)} — {who(spec.actors)} ({spec.clause})")
        lines.append(_("Current step: %(step)s since %(since)s") % {
            "step": sv.step_label(current), "since": w.step_since.strftime("%d.%m.%Y")})
        nxt = next_step(current) if current != Step.APPROVED else None
        if nxt is not None:
            problems = sv.gates(w, nxt)
            lines.append(_("Next step: %(step)s") % {"step": sv.step_label(nxt)}
                         + ("" if problems else " — " + _("nothing holds it")))
            lines.extend(f"  ! {p}" for p in problems)
        deadlines = workflow_deadlines([w])
        if deadlines:
            lines.append(_("Deadlines:"))
        for d in deadlines:
            done = f" ({_('done on')} {d.fulfilled_on.strftime('%d.%m.%Y')})" if d.fulfilled_on else ""
            lines.append(f"  {d.due.strftime('%d.%m.%Y')} {d.status(today):17s} {d.clause:8s} {d.label(lang)}{done}")
        return "\n".join(lines)


def _organization(code: str) -> Organization:
    org = Organization.objects.filter(code=code).first()
    if org is None:
        raise CommandError(f"{code}: no such organization")
    return org


def _working_group(document, user, o) -> str:
    members = []
    for text in o["member"]:
        parts = [p.strip() for p in text.split(";")]
        if len(parts) != 3:
            raise CommandError(f"--member {text!r}: give NAME;POSITION;CATEGORY")
        members.append(tuple(parts))
    group = sv.do_record_working_group(document, acting_user=user, reason=o["reason"], decision_number=o["decision"],
                                       decision_date=_date(o["date"]), members=members)
    return _("Working group of %(code)s recorded: decision %(number)s of %(date)s, %(n)s members (cl. 128).") % {
        "code": document.code, "number": group.decision_number, "date": group.decision_date.strftime("%d.%m.%Y"),
        "n": group.members.count()}


def _send_to(document, user, o) -> str:
    body = _organization(o["body"])
    m = sv.do_record_sending_to_competent_body(document, body, acting_user=user, reason=o["reason"],
                                               on=_date(o["on"]) if o.get("on") else None,
                                               reference=o["reference"])
    return _("%(code)s sent to %(body)s on %(on)s (cl. 124).") % {
        "code": document.code, "body": body.code, "on": m.on.strftime("%d.%m.%Y")}


def _reorganize(document, user, o) -> str:
    codes = [c.strip() for c in o["goals"].split(",") if c.strip()]
    goals = list(document.goals.filter(code__in=codes))
    unknown = sorted(set(codes) - {g.code for g in goals})
    if unknown:
        raise CommandError(f"--goals: {document.code} has no goal {', '.join(unknown)}")
    r = sv.do_record_reorganization(document.developer, _organization(o["successor"]), goals, acting_user=user,
                                    reason=o["reason"], act=o["act"],
                                    act_date=_date(o["act_date"]) if o.get("act_date") else None)
    return _("Reorganisation recorded: %(old)s → %(new)s, goals %(goals)s (cl. 126).") % {
        "old": r.predecessor.code, "new": r.successor.code, "goals": ", ".join(g.code for g in goals)}


def _transfer(document, user, o) -> str:
    created = 0
    for r in Reorganization.objects.filter(successor=document.developer).order_by("act_date", "pk"):
        created += sv.do_transfer_goals(r, document, acting_user=user, reason=o["reason"])
    return _("%(n)s items (goals and their target indicators) copied into %(code)s (cl. 126).") % {
        "n": created, "code": document.code}


def _reorganization_of(document, o) -> Reorganization:
    found = list(Reorganization.objects.filter(predecessor_id=document.developer_id)
                 .select_related("predecessor", "successor").order_by("act_date", "pk"))
    if o.get("id") is not None:
        r = next((r for r in found if r.pk == o["id"]), None)
        if r is None:
            raise CommandError(f"--id {o['id']}: no reorganisation of {document.developer.code} has this id")
        return r
    if len(found) != 1:
        listed = "; ".join(f"{r.pk}: → {r.successor.code} {r.act_date.isoformat()} {r.act}" for r in found)
        raise CommandError(f"{document.developer.code} has {len(found)} reorganisations; choose one with --id "
                           f"({listed or 'none recorded'})")
    return found[0]


def _goals_by_codes(document, text: str) -> list:
    from jospar.planning.models import Goal

    goals, unknown = [], []
    for code in (c.strip() for c in text.split(",") if c.strip()):
        doc_code, _sep, goal_code = code.rpartition(":")
        g = Goal.objects.select_related("document").filter(document__code=doc_code or document.code,
                                                           code=goal_code).first()
        (goals.append(g) if g else unknown.append(code))
    if unknown:
        raise CommandError(f"--goals: no goal {', '.join(unknown)} (give CODE of {document.code} or DOC:CODE)")
    return goals


def _reorganization_summary(r: Reorganization) -> str:
    goals = ", ".join(sorted(g.code for g in r.goals.all()))
    return f"{r.predecessor.code} → {r.successor.code}, {r.act or '—'} {r.act_date.strftime('%d.%m.%Y')}, {goals}"


def _reorganization_update(document, user, o) -> str:
    r = _reorganization_of(document, o)
    if o["undo"]:
        if any(o.get(k) is not None for k in ("successor", "goals", "act", "act_date")):
            raise CommandError("--undo goes back to the previous state: give no --to, --goals, --act or --act-date")
        target = sv.undo_target(r)
        if target is None:
            raise CommandError(_("This reorganisation was never corrected: there is nothing to undo (cl. 126)."))
        r = sv.do_revert_reorganization(r, target, acting_user=user, reason=o["reason"])
        return _("The last correction of the reorganisation is undone (cl. 126).") + " " + _reorganization_summary(r)
    r = sv.do_update_reorganization(
        r, act=o["act"] if o.get("act") is not None else r.act,
        act_date=_date(o["act_date"]) if o.get("act_date") else r.act_date,
        successor=_organization(o["successor"]) if o.get("successor") else r.successor,
        goals=_goals_by_codes(document, o["goals"]) if o.get("goals") is not None else
        list(r.goals.select_related("document")), acting_user=user, reason=o["reason"])
    return _("Reorganisation corrected: %(old)s → %(new)s, goals %(goals)s (cl. 126).") % {
        "old": r.predecessor.code, "new": r.successor.code, "goals": ", ".join(sorted(g.code for g in r.goals.all()))}


def _reorganization_remove(document, user, o) -> str:
    r = _reorganization_of(document, o)
    sv.do_delete_reorganization(r, acting_user=user, reason=o["reason"])
    return _("Reorganisation removed: %(old)s → %(new)s of %(on)s (cl. 126); it stays in the history.") % {
        "old": r.predecessor.code, "new": r.successor.code, "on": r.act_date.strftime("%d.%m.%Y")}


EXTRA_ACTIONS = {"working-group": _working_group, "send-to": _send_to, "reorganize": _reorganize,
                 "transfer": _transfer, "reorganization-update": _reorganization_update,
                 "reorganization-remove": _reorganization_remove}
