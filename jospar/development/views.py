"""Pages of the development workflow: the list of documents in development and the workflow of one document
(steps of cl. 3 with who acts, deadlines, gates, agreements, the Annex 2 conclusion, the public discussion of
cl. 74/99, acts after approval, changes with their Annex 6 table, and the step history)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jospar.core.models import Organization, OrganizationKind
from jospar.core.permissions import writing_organization_ids
from jospar.monitoring.models import ObligationStatus
from jospar.planning.access import access_document_by_code, visible_documents
from jospar.planning.choices import DocumentStatus, DocumentType

from . import services as sv
from .comparison import ADD, DELETE
from .deadlines import workflow_deadlines
from .forms import ActForm, AdvanceForm, AgreementForm, ChangeForm, ConclusionForm, StartForm
from .models import ANNEX2_ROWS, Milestone, MilestoneKind, Workflow, WorkingGroup
from .steps import ACTOR_LABELS, STEPS, Step, next_step, process_for

IN_DEVELOPMENT = (DocumentStatus.DRAFT, DocumentStatus.UNDER_AGREEMENT, DocumentStatus.PUBLIC_DISCUSSION)


def _actors(actors) -> str:
    return ", ".join(_(ACTOR_LABELS[a]) for a in actors) or "—"


@require_GET
@login_required
def workflow_list(request):
    docs = visible_documents(request.user).select_related("developer")
    workflows = {w.document_id: w for w in Workflow.objects.filter(document__in=docs)}
    writer_orgs = writing_organization_ids(request.user)
    active, approved, not_started = [], [], []
    for d in docs.order_by("type", "code"):
        w = workflows.get(d.pk)
        if w is None:
            if d.status in IN_DEVELOPMENT:
                not_started.append((d, request.user.is_superuser or d.developer_id in writer_orgs))
        elif w.step == Step.APPROVED:
            approved.append((d, w))
        else:
            active.append((d, w, STEPS.index(Step(w.step)) + 1))
    return render(request, "development/list.html", {
        "active": active, "approved": approved, "not_started": not_started, "step_count": len(STEPS) - 1,
        "start_form": StartForm(),
    })


@dataclass
class StepRow:
    number: int
    step: Step
    label: str
    clause: str
    actors: str
    note: str
    state: str  # done | current | pending
    entered_on: object


def _history(workflow: Workflow):
    return workflow.history.select_related("history_user").order_by("history_date", "history_id")


def _writer_organizations(user, document):
    """The organizations for which this user may record an agreement on `document`."""
    orgs = Organization.objects.filter(pk__in=writing_organization_ids(user)).exclude(pk=document.developer_id)
    if user.is_superuser:
        orgs = Organization.objects.exclude(authority="").exclude(pk=document.developer_id)
    return list(orgs.exclude(kind__in=[OrganizationKind.OTHER]).order_by("code"))


def _context(request, document, workflow):
    user = request.user
    process = process_for(document.type)
    entered: dict[Step, object] = {}
    history = list(_history(workflow))
    for h in history:
        entered.setdefault(Step(h.step), h.step_since)
    current = Step(workflow.step)
    rows = []
    for n, spec in enumerate(process.steps, start=1):
        idx, cur = STEPS.index(spec.step), STEPS.index(current)
        rows.append(StepRow(n, spec.step, sv.step_label(spec.step), spec.clause, _actors(spec.actors),
                            _(spec.note) if spec.note else "", "done" if idx < cur else "current" if idx == cur
                            else "pending", entered.get(spec.step)))
    is_developer = user.has_perm("planning.change_document", document)
    nxt = next_step(current) if current != Step.APPROVED else None
    choices = []
    if nxt is not None:
        choices.append((nxt.value, _("Next: %(step)s") % {"step": sv.step_label(nxt)}))
        choices += [(s.value, _("Back to: %(step)s") % {"step": sv.step_label(s)})
                    for s in reversed(STEPS[:STEPS.index(current)])]
    today = sv.today()
    deadlines = workflow_deadlines([workflow])
    labels = dict(ObligationStatus.choices)
    lang = request.LANGUAGE_CODE
    deadline_rows = [(d, d.label(lang), d.status(today), labels.get(d.status(today), d.status(today)))
                     for d in deadlines]
    changes = list(workflow.milestones.filter(kind=MilestoneKind.CHANGED).prefetch_related("comparison_rows")
                   .order_by("-on", "-pk"))
    agree_orgs = _writer_organizations(user, document) if current == Step.AGREEMENT else []
    conclusion_ok = (document.type == "concept" and (user.is_superuser or any(
        o.authority == "strategic_planning" for o in Organization.objects.filter(pk__in=writing_organization_ids(user)))))
    return {
        "document": document, "workflow": workflow, "process": process, "rows": rows,
        "developer_label": _actors(process.developer), "agrees_label": _actors(process.agrees + process.also_agree),
        "concludes_label": _actors(process.concludes), "approves_label": _actors(process.approves),
        "next_step": nxt, "next_label": sv.step_label(nxt) if nxt else "",
        "gates": sv.gates(workflow, nxt) if nxt else [], "required": sv.required_agreements(workflow),
        "conclusion_required": sv.conclusion_required(workflow),
        "agreements": workflow.agreements.select_related("organization", "recorded_by"),
        "conclusions": [(c, [(n, label, c.rows.get(key, "")) for n, (key, label) in enumerate(ANNEX2_ROWS, start=4)])
                        for c in workflow.conclusions.select_related("organization")],
        "milestones": workflow.milestones.exclude(kind=MilestoneKind.CHANGED).select_related("recipient")
        .order_by("on", "pk"),
        "working_group": WorkingGroup.objects.filter(workflow=workflow).prefetch_related("members").first()
        if document.type == DocumentType.RDP else None,
        "changes": changes, "ADD": ADD, "DELETE": DELETE,
        "deadlines": deadline_rows, "history": history,
        "proposals": document.proposals.select_related("responded_by").order_by("submitted_at"),
        "is_developer": is_developer,
        "advance_form": AdvanceForm(steps=choices, initial={"on": today}) if is_developer and choices else None,
        "agreement_form": AgreementForm(organizations=agree_orgs, initial={"received_on": today})
        if agree_orgs else None,
        "conclusion_form": ConclusionForm(initial={"issued_on": today}) if conclusion_ok and STEPS.index(current) >=
        STEPS.index(Step.DRAFT) and current != Step.APPROVED else None,
        "act_form": ActForm(initial={"on": today}) if is_developer and current == Step.APPROVED else None,
        "change_form": ChangeForm(initial={"on": today}) if is_developer and current == Step.APPROVED else None,
        "today": today,
    }


@login_required
def workflow_detail(request, code: str):
    document = access_document_by_code(request.user, code)
    workflow = Workflow.objects.filter(document=document).first()
    if workflow is None:
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        can_start = request.user.has_perm("planning.change_document", document)
        return render(request, "development/not_started.html", {
            "document": document, "can_start": can_start, "start_form": StartForm()})
    return render(request, "development/workflow.html", _context(request, document, workflow))


def _errors(form) -> str:
    return "; ".join(f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}".lstrip(": ")
                     for k, v in form.errors.items())


@login_required
def workflow_action(request, code: str, action: str, pk: int | None = None):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document = access_document_by_code(request.user, code)
    url = reverse("development:workflow", args=[code])
    user, post = request.user, request.POST
    try:
        if action == "start":
            form = StartForm(post)
            if not form.is_valid():
                raise sv.WorkflowRefused(_errors(form))
            sv.do_start_workflow(document, acting_user=user, reason=form.cleaned_data["reason"],
                                 approved_on=form.cleaned_data["approved_on"])
            messages.success(request, _("The development of %(code)s is followed.") % {"code": code})
        elif action == "advance":
            workflow = get_object_or_404(Workflow, document=document)
            form = AdvanceForm(post, steps=[(s.value, s.value) for s in STEPS])
            if not form.is_valid():
                raise sv.WorkflowRefused(_errors(form))
            d = form.cleaned_data
            sv.do_advance_step(document, d["step"], acting_user=user, reason=d["reason"], on=d["on"],
                               act_reference=d["act_reference"])
            workflow.refresh_from_db()
            messages.success(request, _("The document moved to the step “%(step)s”.") % {
                "step": sv.step_label(workflow.step)})
        elif action == "agreement":
            orgs = _writer_organizations(user, document)
            form = AgreementForm(post, organizations=orgs)
            if not form.is_valid():
                raise sv.WorkflowRefused(_errors(form))
            d = form.cleaned_data
            org = next(o for o in orgs if str(o.pk) == d["organization"])
            sv.do_record_agreement(document, org, d["decision"], acting_user=user, received_on=d["received_on"],
                                   reference=d["reference"], remarks=d["remarks"])
            messages.success(request, _("The answer of %(body)s is recorded.") % {"body": org.name})
        elif action == "conclusion":
            form = ConclusionForm(post)
            if not form.is_valid():
                raise sv.WorkflowRefused(_errors(form))
            d = form.cleaned_data
            sv.do_record_conclusion(document, acting_user=user, issued_on=d["issued_on"], reference=d["reference"],
                                    rows={key: d.get(f"row_{key}", "") for key, _label in ANNEX2_ROWS})
            messages.success(request, _("The Annex 2 conclusion is recorded."))
        elif action == "act":
            form = ActForm(post)
            if not form.is_valid():
                raise sv.WorkflowRefused(_errors(form))
            d = form.cleaned_data
            sv.do_record_act(document, d["kind"], acting_user=user, on=d["on"], reference=d["reference"])
            messages.success(request, _("The act is recorded."))
        elif action == "change":
            form = ChangeForm(post)
            if not form.is_valid():
                raise sv.WorkflowRefused(_errors(form))
            d = form.cleaned_data
            sv.do_record_change(document, acting_user=user, reason=d["reason"], on=d["on"],
                                reference=d["reference"], justification=d["justification"])
            messages.success(request, _("The change is recorded: the clocks of sending and publication restart."))
        elif action == "justify" and pk is not None:
            change = get_object_or_404(Milestone, pk=pk, workflow__document=document, kind=MilestoneKind.CHANGED)
            texts = {int(k.removeprefix("row-")): v for k, v in post.items() if k.startswith("row-")
                     and k.removeprefix("row-").isdigit()}
            sv.do_justify_rows(change, texts, acting_user=user, reason=post.get("reason", ""))
            messages.success(request, _("The justifications are saved."))
        else:
            raise Http404("No such action")
    except sv.WorkflowRefused as exc:
        messages.error(request, str(exc))
    return redirect(url)
