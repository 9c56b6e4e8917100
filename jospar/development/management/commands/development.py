"""jospar development status CODE | advance CODE STEP --reason TEXT --as USER [--on YYYY-MM-DD] | start CODE ...

`status` prints the steps of cl. 3 for the document's type with who acts and the clause, the current step,
what holds the next one (gates, each naming its clause) and the deadlines with their status. `advance` moves
the document to STEP (the next step, or back to an earlier one) as USER, with the reason kept in the history.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from jospar.core.models import User
from jospar.development import services as sv
from jospar.development.deadlines import workflow_deadlines
from jospar.development.models import Workflow
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
