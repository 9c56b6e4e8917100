"""Pages of the development workflow: the list of documents in development and the workflow of one document
(steps of cl. 3 with who acts, deadlines, gates, agreements, the Annex 2 conclusion, the public discussion of
cl. 74/99, acts after approval, changes with their Annex 6 table, and the step history)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from jospar.core.models import Authority, Organization, OrganizationKind
from jospar.core.permissions import writing_organization_ids
from jospar.monitoring.models import ObligationStatus
from jospar.planning.access import access_document_by_code, visible_documents
from jospar.planning.choices import DocumentStatus, DocumentType
from jospar.planning.models import DecompositionLink

from . import services as sv
from .comparison import ADD, DELETE
from .deadlines import workflow_deadlines
from .forms import DATE, ActForm, AdvanceForm, AgreementForm, ChangeForm, ConclusionForm, StartForm
from .models import (
    ANNEX2_ROWS,
    REQUIRED_MEMBER_CATEGORIES,
    MemberCategory,
    Milestone,
    MilestoneKind,
    Reorganization,
    Workflow,
    WorkingGroup,
)
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
        "can_reorganize": document.type == DocumentType.SBDP and _state_planning_writer(user),
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
            "document": document, "can_start": can_start, "start_form": StartForm(),
            "can_reorganize": document.type == DocumentType.SBDP and _state_planning_writer(request.user)})
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


# --------------------------------------------------------------------------------------------------
# Pages of cl. 124, 126 and 128: the working group, the sending to the competent bodies, the
# reorganisation of a state body and the transfer of its goals. Each page is a form that shows its errors
# next to the field (naming the rule and the clause) and the services' refusals above the form; nothing is
# written on a refusal. The forms live here (jospar/development/forms.py belongs to the workflow's owner).
# --------------------------------------------------------------------------------------------------

class WorkingGroupForm(forms.Form):
    decision_number = forms.CharField(label=gettext_lazy("Number of the akim's decision"), max_length=100,
                                      error_messages={"required": gettext_lazy(
                                          "Give the number of the akim's decision that created the working group "
                                          "(cl. 128, V-57).")})
    decision_date = forms.DateField(label=gettext_lazy("Date of the akim's decision"), widget=DATE, error_messages={
        "required": gettext_lazy("Give the date of the akim's decision (cl. 128, V-57)."),
        "invalid": gettext_lazy("Enter the date of the akim's decision as a date (cl. 128, V-57).")})
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=1000, error_messages={
        "required": gettext_lazy("Give the reason for this change: it is kept in the history.")})


class MemberForm(forms.Form):
    """One row of the working group: every field is optional so that an empty row is simply skipped."""

    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200, required=False)
    position = forms.CharField(label=gettext_lazy("Position"), max_length=300, required=False)
    category = forms.ChoiceField(label=gettext_lazy("Category (cl. 128)"), required=False,
                                 choices=[("", "—")] + list(MemberCategory.choices), error_messages={
                                     "invalid_choice": gettext_lazy("Choose a category of cl. 128 from the list.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        n = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix and self.prefix[-1].isdigit() else 0
        self.number = n
        for name, field in self.fields.items():  # each cell names its column and row for screen readers
            field.widget.attrs["aria-label"] = _("%(field)s, member %(n)s") % {"field": field.label, "n": n}
            if name != "category":
                field.widget.attrs["autocomplete"] = "off"

    def clean(self):
        d = super().clean()
        if self.errors:
            return d
        filled = any((d.get(k) or "").strip() for k in ("full_name", "position", "category"))
        if filled and not (d.get("full_name") or "").strip():
            self.add_error("full_name", _("Member %(n)s: give the full name (cl. 128).") % {"n": self.number})
        if filled and not d.get("category"):
            self.add_error("category", _("Member %(n)s: choose who the member represents: local executive bodies, "
                                         "public councils, deputies of the maslikhat or another category of "
                                         "cl. 128.") % {"n": self.number})
        d["empty"] = not filled
        return d


MemberFormSet = forms.formset_factory(MemberForm, extra=0, max_num=200, absolute_max=200)
EXTRA_MEMBER_ROWS = 3


def _member_rows(post) -> list[dict]:
    """The rows typed so far (to re-show them with more empty rows after "Add rows")."""
    try:
        total = min(int(post.get("members-TOTAL_FORMS", 0)), 200)
    except ValueError:
        total = 0
    return [{k: post.get(f"members-{i}-{k}", "") for k in ("full_name", "position", "category")}
            for i in range(total)]


def _member_formset(initial: list[dict], extra: int = EXTRA_MEMBER_ROWS):
    blank = {"full_name": "", "position": "", "category": ""}
    return MemberFormSet(initial=initial + [blank] * extra, prefix="members")


def _developer_or_403(user, document) -> None:
    if not user.has_perm("planning.change_document", document):
        raise PermissionDenied(_("Only the planners of the developer of %(code)s may do this.") % {
            "code": document.code})


def _missing_categories(categories: set[str]) -> list[str]:
    return [str(MemberCategory(c).label) for c in REQUIRED_MEMBER_CATEGORIES if c not in categories]


@login_required
def working_group_edit(request, code: str):
    """cl. 128: record the working group of a regional plan (akim's decision and members), as its developer."""
    document = access_document_by_code(request.user, code)
    if document.type != DocumentType.RDP:
        raise Http404("cl. 128 concerns regional plans only")
    _developer_or_403(request.user, document)
    workflow = Workflow.objects.filter(document=document).first()
    group = (WorkingGroup.objects.filter(workflow=workflow).prefetch_related("members").first()
             if workflow else None)
    refusal = ""
    if request.method == "POST":
        form = WorkingGroupForm(request.POST)
        if "add_rows" in request.POST:  # no JavaScript needed: the page comes back with three more rows
            formset = _member_formset(_member_rows(request.POST))
        else:
            formset = MemberFormSet(request.POST, prefix="members")
            if form.is_valid() and formset.is_valid():
                members = [(f.cleaned_data["full_name"], f.cleaned_data["position"], f.cleaned_data["category"])
                           for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("empty")]
                if not members:
                    refusal = _("Name at least one member of the working group (cl. 128).")
                else:
                    d = form.cleaned_data
                    try:
                        sv.do_record_working_group(document, acting_user=request.user, reason=d["reason"],
                                                   decision_number=d["decision_number"],
                                                   decision_date=d["decision_date"], members=members)
                    except sv.WorkflowRefused as exc:
                        refusal = str(exc)
                    else:
                        messages.success(request, _("The working group is recorded (cl. 128)."))
                        missing = _missing_categories({m[2] for m in members})
                        if missing:
                            messages.warning(request, _("V-57: the working group has no member from %(missing)s "
                                                        "(cl. 128).") % {"missing": ", ".join(missing)})
                        return redirect(reverse("development:workflow", args=[code]) + "#working-group")
    else:
        initial = {"decision_number": group.decision_number, "decision_date": group.decision_date} if group else {}
        form = WorkingGroupForm(initial=initial)
        rows = [{"full_name": m.full_name, "position": m.position, "category": m.category}
                for m in group.members.all()] if group else []
        formset = _member_formset(rows)
    return render(request, "development/working_group.html", {
        "document": document, "workflow": workflow, "group": group, "form": form, "formset": formset,
        "refusal": refusal, "required_categories": [MemberCategory(c).label for c in REQUIRED_MEMBER_CATEGORIES],
    })


class SendToForm(forms.Form):
    organization = forms.ChoiceField(label=gettext_lazy("Body competent for the related sphere"), error_messages={
        "required": gettext_lazy("Choose the body the plan was sent to (cl. 124, V-53)."),
        "invalid_choice": gettext_lazy("Choose the body the plan was sent to from the list (cl. 124, V-53).")})
    on = forms.DateField(label=gettext_lazy("Sent on"), widget=DATE,
                         error_messages={"required": gettext_lazy("Give the date of sending (cl. 124)."),
                                         "invalid": gettext_lazy("Enter the date of sending as a date (cl. 124).")})
    reference = forms.CharField(label=gettext_lazy("Letter number"), max_length=300, required=False)
    reason = forms.CharField(label=gettext_lazy("Note for the history"), max_length=1000, required=False)

    def __init__(self, *args, related=(), others=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")]
        if related:
            choices.append((_("Bodies of the spheres the goals concern (cl. 124)"),
                            [(str(o.pk), o.name) for o in related]))
        if others:
            choices.append((_("Other bodies"), [(str(o.pk), o.name) for o in others]))
        self.fields["organization"].choices = choices


@login_required
def send_to_competent_body(request, code: str):
    """cl. 124: record that the approved plan of a state body was sent to a body of a related sphere."""
    document = access_document_by_code(request.user, code)
    if document.type != DocumentType.SBDP:
        raise Http404("cl. 124 concerns state body plans only")
    _developer_or_403(request.user, document)
    workflow = Workflow.objects.filter(document=document).first()
    sent = list(workflow.milestones.filter(kind=MilestoneKind.SENT_TO_COMPETENT).select_related("recipient")
                .order_by("on", "pk")) if workflow else []
    goals = list(document.goals.prefetch_related("related_bodies").order_by("order", "code"))
    sent_ids = {m.recipient_id for m in sent}
    related = {o.pk: o for g in goals for o in g.related_bodies.all() if o.pk != document.developer_id}
    bodies = list(Organization.objects.filter(is_active=True).exclude(pk=document.developer_id)
                  .exclude(kind=OrganizationKind.OTHER).order_by("name", "code"))
    related_list = sorted(related.values(), key=lambda o: (o.name, o.code))
    others = [o for o in bodies if o.pk not in related]
    by_pk = {o.pk: o for o in [*related_list, *others]}
    refusal = ""
    if request.method == "POST":
        form = SendToForm(request.POST, related=related_list, others=others)
        if form.is_valid():
            d = form.cleaned_data
            org = by_pk[int(d["organization"])]
            try:
                sv.do_record_sending_to_competent_body(document, org, acting_user=request.user, on=d["on"],
                                                       reference=d["reference"], reason=d["reason"])
            except sv.WorkflowRefused as exc:
                refusal = str(exc)
            else:
                messages.success(request, _("%(code)s sent to %(body)s on %(on)s (cl. 124).") % {
                    "code": code, "body": org.name, "on": d["on"].strftime("%d.%m.%Y")})
                return redirect(reverse("development:send-to", args=[code]))
    else:
        first = next((o for o in related_list if o.pk not in sent_ids), None)
        form = SendToForm(related=related_list, others=others,
                          initial={"on": sv.today(), "organization": str(first.pk) if first else ""})
    pending = [(g, o) for g in goals for o in g.related_bodies.all()
               if o.pk != document.developer_id and o.pk not in sent_ids]
    return render(request, "development/send_to.html", {
        "document": document, "workflow": workflow, "sent": sent, "pending": pending, "form": form,
        "refusal": refusal, "approved": workflow is not None and workflow.step == Step.APPROVED,
    })


def _state_planning_writer(user) -> bool:
    if user.is_superuser:
        return True
    body = sv.authority_organization(Authority.STATE_PLANNING)
    return body is not None and body.pk in writing_organization_ids(user)


def _reorganization_choices(document, recorded=()):
    """The successors (active central state bodies but the developer, plus any successor already recorded) and
    the goals (this plan's, plus any goal of another plan of the developer a recorded reorganisation names)."""
    goals = list(document.goals.select_related("document").order_by("order", "code"))
    successors = list(Organization.objects.filter(is_active=True, kind=OrganizationKind.CENTRAL_STATE_BODY)
                      .exclude(pk=document.developer_id).order_by("name", "code"))
    known_goals, known_bodies = {g.pk for g in goals}, {o.pk for o in successors}
    for r in recorded:
        if r.successor_id not in known_bodies:
            successors.append(r.successor)
            known_bodies.add(r.successor_id)
        for g in r.goals.all():
            if g.pk not in known_goals:
                goals.append(g)
                known_goals.add(g.pk)
    return successors, goals


class ReorganizationForm(forms.Form):
    successor = forms.ChoiceField(label=gettext_lazy("Legal successor"), error_messages={
        "required": gettext_lazy("Choose the legal successor (cl. 126)."),
        "invalid_choice": gettext_lazy("Choose the legal successor from the list (cl. 126).")})
    goals = forms.MultipleChoiceField(
        label=gettext_lazy("Goals whose sector passes to the successor"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Tick the goals of the plan that pass to the successor "
                                                 "(cl. 126, V-55)."),
                        "invalid_choice": gettext_lazy("Tick goals of the reorganised body's plan from the list "
                                                       "(cl. 126).")})
    act = forms.CharField(label=gettext_lazy("Act of reorganisation"), max_length=300, error_messages={
        "required": gettext_lazy("Name the act of reorganisation (cl. 126).")})
    act_date = forms.DateField(label=gettext_lazy("Date of the act"), widget=DATE, error_messages={
        "required": gettext_lazy("Give the date of the act of reorganisation (cl. 126)."),
        "invalid": gettext_lazy("Enter the date of the act as a date (cl. 126).")})
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=1000, error_messages={
        "required": gettext_lazy("Give the reason for this change: it is kept in the history.")})

    def __init__(self, *args, successors=(), goals=(), document=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].choices = [("", "—")] + [(str(o.pk), o.name) for o in successors]
        self.fields["goals"].choices = [
            (str(g.pk), f"{g.code}. {g.title}" if document is None or g.document_id == document.pk
             else f"{g.document.code}: {g.code}. {g.title}") for g in goals]


class ReasonForm(forms.Form):
    """Removing or undoing a reorganisation: only the reason, kept in the history."""

    reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=1000, error_messages={
        "required": gettext_lazy("Give the reason for this change: it is kept in the history.")})


def _correct_form(r, successors, goals, document, data=None):
    initial = {"successor": str(r.successor_id), "goals": [str(g.pk) for g in r.goals.all()], "act": r.act,
               "act_date": r.act_date}
    return ReorganizationForm(data, successors=successors, goals=goals, document=document, prefix=f"r{r.pk}",
                              initial=initial)


def _reorganization_page(request, document, *, form=None, refusal="", bound=None, status=200):
    """The reorganisation page of the plan `document`: the recorded reorganisations of its developer, each
    with its "Correct", "Undo the last correction" and "Remove" forms, and the form to record a new one.
    `bound` = (pk, kind, form, refusal) re-shows one posted form with its errors next to the fields."""
    recorded = list(Reorganization.objects.filter(predecessor_id=document.developer_id)
                    .select_related("successor", "predecessor").prefetch_related("goals__document")
                    .order_by("act_date", "pk"))
    successors, goals = _reorganization_choices(document, recorded)
    rows = []
    for r in recorded:
        carried = sv.carried_goals(r)
        row = {"r": r, "goals": [(g, carried.get(g.pk, [])) for g in r.goals.all()], "carried": bool(carried),
               "correct_form": _correct_form(r, successors, goals, document),
               "remove_form": ReasonForm(prefix=f"rm{r.pk}"), "undo_form": ReasonForm(prefix=f"un{r.pk}"),
               "can_undo": sv.undo_target(r) is not None, "refusal": "", "open": ""}
        if bound and bound[0] == r.pk:
            row[f"{bound[1]}_form"], row["refusal"], row["open"] = bound[2], bound[3], bound[1]
        rows.append(row)
    if form is None:
        form = ReorganizationForm(successors=[o for o in successors if o.is_active
                                              and o.kind == OrganizationKind.CENTRAL_STATE_BODY],
                                  goals=[g for g in goals if g.document_id == document.pk],
                                  initial={"act_date": sv.today()})
    return render(request, "development/reorganization.html", {
        "document": document, "form": form, "refusal": refusal, "recorded": rows,
    }, status=status)


def _reorganization_document(request, code: str):
    document = access_document_by_code(request.user, code)
    if document.type != DocumentType.SBDP:
        raise Http404("cl. 126 concerns state body plans only")
    if not _state_planning_writer(request.user):
        raise PermissionDenied(_("Only the authorized body for state planning records a reorganisation "
                                 "(cl. 126)."))
    return document


@login_required
def reorganization_new(request, code: str):
    """cl. 126: the authorized body for state planning records that the developer of the state body plan
    `code` was reorganised, naming the successor and the goals of this plan whose sector passes to it."""
    document = _reorganization_document(request, code)
    goals = list(document.goals.order_by("order", "code"))
    successors = list(Organization.objects.filter(is_active=True, kind=OrganizationKind.CENTRAL_STATE_BODY)
                      .exclude(pk=document.developer_id).order_by("name", "code"))
    refusal = ""
    form = None
    if request.method == "POST":
        form = ReorganizationForm(request.POST, successors=successors, goals=goals)
        if form.is_valid():
            d = form.cleaned_data
            successor = next(o for o in successors if str(o.pk) == d["successor"])
            chosen = [g for g in goals if str(g.pk) in set(d["goals"])]
            try:
                sv.do_record_reorganization(document.developer, successor, chosen, acting_user=request.user,
                                            reason=d["reason"], act=d["act"], act_date=d["act_date"])
            except sv.WorkflowRefused as exc:
                refusal = str(exc)
            else:
                messages.success(request, _("Reorganisation recorded: %(old)s → %(new)s, goals %(goals)s "
                                            "(cl. 126).") % {"old": document.developer.code, "new": successor.code,
                                                             "goals": ", ".join(g.code for g in chosen)})
                return redirect(reverse("development:reorganization", args=[code]))
    return _reorganization_page(request, document, form=form, refusal=refusal)


def _recorded(document, pk: int) -> Reorganization:
    return get_object_or_404(Reorganization.objects.select_related("predecessor", "successor"), pk=pk,
                             predecessor_id=document.developer_id)


@login_required
def reorganization_correct(request, code: str, pk: int):
    """cl. 126: correct the act, date, successor or goals of a recorded reorganisation (with a reason)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document = _reorganization_document(request, code)
    r = _recorded(document, pk)
    successors, goals = _reorganization_choices(document, [r])
    form = _correct_form(r, successors, goals, document, data=request.POST)
    refusal = ""
    if form.is_valid():
        d = form.cleaned_data
        successor = next(o for o in successors if str(o.pk) == d["successor"])
        chosen = [g for g in goals if str(g.pk) in set(d["goals"])]
        try:
            sv.do_update_reorganization(r, act=d["act"], act_date=d["act_date"], successor=successor, goals=chosen,
                                        acting_user=request.user, reason=d["reason"])
        except sv.WorkflowRefused as exc:
            refusal = str(exc)
        else:
            messages.success(request, _("Reorganisation corrected: %(old)s → %(new)s, goals %(goals)s "
                                        "(cl. 126).") % {"old": r.predecessor.code, "new": successor.code,
                                                         "goals": ", ".join(g.code for g in chosen)})
            return redirect(reverse("development:reorganization", args=[code]) + f"#reorganization-{pk}")
    return _reorganization_page(request, document, bound=(pk, "correct", form, refusal))


@login_required
def reorganization_remove(request, code: str, pk: int):
    """cl. 126: remove a reorganisation recorded in error (refused once its goals were carried)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document = _reorganization_document(request, code)
    r = _recorded(document, pk)
    form = ReasonForm(request.POST, prefix=f"rm{pk}")
    refusal = ""
    if form.is_valid():
        try:
            sv.do_delete_reorganization(r, acting_user=request.user, reason=form.cleaned_data["reason"])
        except sv.WorkflowRefused as exc:
            refusal = str(exc)
        else:
            messages.success(request, _("Reorganisation removed: %(old)s → %(new)s of %(on)s (cl. 126); it stays "
                                        "in the history.") % {"old": r.predecessor.code, "new": r.successor.code,
                                                              "on": r.act_date.strftime("%d.%m.%Y")})
            return redirect(reverse("development:reorganization", args=[code]))
    return _reorganization_page(request, document, bound=(pk, "remove", form, refusal))


@login_required
def reorganization_undo(request, code: str, pk: int):
    """cl. 126: undo the last correction of a reorganisation (back to its previous state in the history)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document = _reorganization_document(request, code)
    r = _recorded(document, pk)
    form = ReasonForm(request.POST, prefix=f"un{pk}")
    refusal = ""
    if form.is_valid():
        target = sv.undo_target(r)
        try:
            if target is None:
                raise sv.WorkflowRefused(_("This reorganisation was never corrected: there is nothing to undo "
                                           "(cl. 126)."))
            sv.do_revert_reorganization(r, target, acting_user=request.user, reason=form.cleaned_data["reason"])
        except sv.WorkflowRefused as exc:
            refusal = str(exc)
        else:
            messages.success(request, _("The last correction of the reorganisation is undone (cl. 126)."))
            return redirect(reverse("development:reorganization", args=[code]) + f"#reorganization-{pk}")
    return _reorganization_page(request, document, bound=(pk, "undo", form, refusal))


@require_GET
@login_required
def reorganization_list(request):
    """cl. 126: every recorded reorganisation of the country, with its goals and whether each is carried into
    the successor's plan. Goals of documents the user may not see are shown by their code only."""
    recorded = list(Reorganization.objects.select_related("predecessor", "successor")
                    .prefetch_related("goals__document").order_by("-act_date", "-pk"))
    goal_ids = {g.pk for r in recorded for g in r.goals.all()}
    links: dict[tuple[int, int], set[str]] = {}
    for goal_id, developer_id, plan in (DecompositionLink.objects
                                        .filter(parent__goal_id__in=goal_ids, child__document__type=DocumentType.SBDP)
                                        .values_list("parent__goal_id", "child__document__developer_id",
                                                     "child__document__code").distinct()):
        links.setdefault((goal_id, developer_id), set()).add(plan)
    codes = {g.document.code for r in recorded for g in r.goals.all()} | {c for v in links.values() for c in v}
    visible = set(visible_documents(request.user).filter(code__in=codes).values_list("code", flat=True))
    rows = []
    for r in recorded:
        goals = [(g, g.document.code in visible, sorted(links.get((g.pk, r.successor_id), ())))
                 for g in sorted(r.goals.all(), key=lambda g: (g.document.code, g.order, g.code))]
        plan = next((g.document.code for g, seen, _c in goals if seen), None)
        rows.append({"r": r, "goals": goals, "plan": plan})
    return render(request, "development/reorganizations.html", {
        "rows": rows, "visible": visible, "can_edit": _state_planning_writer(request.user),
    })


class TransferForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=1000, error_messages={
        "required": gettext_lazy("Give the reason for this change: it is kept in the history.")})


@login_required
def transfer_goals(request, code: str):
    """cl. 126: the successor copies the goals passed to it, with their target indicators, into its plan."""
    document = access_document_by_code(request.user, code)
    if document.type != DocumentType.SBDP:
        raise Http404("cl. 126 concerns state body plans only")
    _developer_or_403(request.user, document)
    reorganizations = list(Reorganization.objects.filter(successor_id=document.developer_id)
                           .select_related("predecessor").prefetch_related("goals__document")
                           .order_by("act_date", "pk"))
    carried = set(DecompositionLink.objects.filter(child__document=document, parent__goal__isnull=False)
                  .values_list("parent__goal_id", flat=True))
    refusal = ""
    if request.method == "POST":
        form = TransferForm(request.POST)
        if not reorganizations:
            refusal = _("No reorganisation passes goals to %(body)s (cl. 126).") % {"body": document.developer.code}
        elif form.is_valid():
            try:
                with transaction.atomic():  # all the reorganisations or none
                    created = sum(sv.do_transfer_goals(r, document, acting_user=request.user,
                                                       reason=form.cleaned_data["reason"]) for r in reorganizations)
            except sv.WorkflowRefused as exc:
                refusal = str(exc)
            else:
                messages.success(request, _("%(n)s items (goals and their target indicators) copied into %(code)s "
                                            "(cl. 126).") % {"n": created, "code": code})
                return redirect(reverse("development:transfer", args=[code]))
    else:
        form = TransferForm()
    rows = [(r, [(g, g.pk in carried) for g in r.goals.all()]) for r in reorganizations]
    return render(request, "development/transfer.html", {
        "document": document, "rows": rows, "form": form, "refusal": refusal,
    })
