"""Correction of an approved document from the web (cl. 205-213).

The planner of the developer starts a correction on the document page, edits the correction draft in the
ordinary editor, compares it item by item with the approved version here, and applies it: the approved
document gets version + 1, or every refusal of cl. 209-213 is shown next to the item and field it concerns.
The service is `jospar.planning.corrections`.
"""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext, gettext_lazy
from django.utils.translation import gettext as _

from jospar.compliance.rules.base import Finding
from jospar.compliance.services import ITEM_KINDS, render_message
from jospar.interchange.schema import ApprovalAct
from jospar.interchange.services import export_document
from jospar.planning.access import access_document_by_code
from jospar.planning.corrections import (
    CorrectionRefused,
    FieldChange,
    as_correction,
    compare,
    corrected_by,
    correction_draft_of,
    do_apply_correction,
    do_discard_correction,
    do_start_correction,
    pending_refusals,
    why_not_correctable,
)
from jospar.planning.models import Direction, Document, Goal, Indicator, Measure, Section, Task
from jospar.planning.services import NotAllowed

GROUNDS = [  # cl. 205: the grounds of a correction
    ("address", gettext_lazy("The President's Address to the people of Kazakhstan")),
    ("instruction", gettext_lazy("An instruction of the President")),
    ("monitoring", gettext_lazy("The results of monitoring")),
]


class CorrectionStartForm(forms.Form):
    ground = forms.ChoiceField(label=gettext_lazy("Ground of the correction (cl. 205)"), choices=GROUNDS)
    details = forms.CharField(label=gettext_lazy("Details of the ground"), max_length=400,
                              help_text=gettext_lazy("For example the date and number of the instruction."))

    def basis(self) -> str:
        return f"{dict(GROUNDS)[self.cleaned_data['ground']]}: {self.cleaned_data['details'].strip()}"


class CorrectionApplyForm(forms.Form):
    act_name = forms.CharField(label=gettext_lazy("Act approving the correction"), max_length=300, required=False)
    act_number = forms.CharField(label=gettext_lazy("Number of the act"), max_length=50, required=False)
    act_date = forms.DateField(label=gettext_lazy("Date of the act"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    underspending = forms.BooleanField(
        label=gettext_lazy("The correction follows expected under-spending of budget money (cl. 210)"),
        required=False)
    change_reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=500, required=False)

    def act(self) -> ApprovalAct | None:
        data = self.cleaned_data
        if not (data["act_name"] or data["act_number"] or data["act_date"]):
            return None
        return ApprovalAct(name=data["act_name"], number=data["act_number"], date=data["act_date"])


# ------------------------------------------------------------------------------- refusals, by item and field


def refusal_text(finding: Finding) -> str:
    """'<message> (cl. 213)' in the user's language."""
    return f"{render_message(finding, get_language() or 'kk')} ({finding.clause})"


def refusals_by_item(findings: list[Finding]) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in findings:
        out[(f.item.kind, f.item.code)].append(refusal_text(f))
    return dict(out)


def refused_years(findings: list[Finding], kind: str, code: str) -> dict[int, list[str]]:
    """Year -> refusals about that year's value of one indicator (cl. 210, 213): shown next to the value."""
    out: dict[int, list[str]] = defaultdict(list)
    for f in findings:
        if (f.item.kind, f.item.code) != (kind, code):
            continue
        years = f.params.get("years") or f.params.get("year")
        if f.rule in ("CL-210", "CL-213") and years:
            for year in str(years).split(","):
                out[int(year)].append(refusal_text(f))
    return dict(out)


def _document_findings(findings: list[Finding]) -> list[str]:
    return [refusal_text(f) for f in findings if f.item.kind == "document"]


# ------------------------------------------------------------------------------------------ field labels

MODELS = {"document": Document, "section": Section, "direction": Direction, "goal": Goal, "task": Task,
          "indicator": Indicator, "measure": Measure}
SPECIAL_FIELDS = {
    "values": gettext_lazy("Values by year"), "financing": gettext_lazy("Financing"),
    "baseline": gettext_lazy("Baseline"), "methodology": gettext_lazy("Methodology of calculation"),
    "parents": gettext_lazy("Higher indicators"), "tasks": gettext_lazy("Tasks"),
}
QUANTITIES = {"plan": gettext_lazy("plan"), "corrected_plan": gettext_lazy("corrected plan"),
              "fact": gettext_lazy("fact")}


def field_label(kind: str, name: str) -> str:
    if name in SPECIAL_FIELDS:
        return str(SPECIAL_FIELDS[name])
    model = MODELS.get(kind)
    try:
        return str(model._meta.get_field(name).verbose_name) if model else name
    except FieldDoesNotExist:
        return name.replace("_", " ")


def cell_label(kind: str, cell: FieldChange) -> str:
    """'Values by year, 2027, plan' / 'title [kk]' in the user's language."""
    label = field_label(kind, cell.field)
    if cell.part in ("kk", "ru", "en"):
        return f"{label} [{cell.part}]"
    parts = [label] + [p for p in (cell.part, str(QUANTITIES.get(cell.quantity, cell.quantity))) if p]
    return ", ".join(parts)


# --------------------------------------------------------------------------------------------- the pages


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


@login_required
def correction_start(request, code: str):
    if (refused := _post_only(request)) is not None:
        return refused
    document = access_document_by_code(request.user, code)
    form = CorrectionStartForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}")
        return redirect("document-detail", code=document.code)
    try:
        draft = do_start_correction(document, acting_user=request.user, basis=form.basis())
    except (NotAllowed, ValueError) as exc:
        messages.error(request, str(exc))
        return redirect("document-detail", code=document.code)
    messages.success(request, _("The correction draft is open. Edit it here; then compare it with the approved "
                                "version and apply it."))
    return redirect("document-edit", code=draft.code)


@login_required
def correction_review(request, code: str):
    """Approved vs corrected, item by item; the refusals of cl. 209-213 next to the item; apply or discard."""
    document = access_document_by_code(request.user, code)
    draft = correction_draft_of(document)
    if draft is None:
        raise Http404("No correction is open for this document")
    blocked = why_not_correctable(request.user, document)
    form = CorrectionApplyForm(request.POST or None)
    findings: list[Finding] = []
    if request.method == "POST" and not blocked and form.is_valid():
        try:
            result = do_apply_correction(draft, acting_user=request.user, act=form.act(),
                                         underspending=form.cleaned_data["underspending"],
                                         reason=form.cleaned_data["change_reason"])
        except CorrectionRefused as refused:
            findings = refused.findings
            form.add_error(None, _("The correction is refused: nothing was changed. See the reasons next to the "
                                   "items below (cl. 209-213)."))
        except NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The correction is applied: the document is now version %(version)s.")
                             % {"version": result.version})
            follow = sorted({impact.document for impact in result.must_follow})
            if follow:
                messages.warning(request, _("Lower documents whose indicators must follow this correction "
                                            "(cl. 208): %(documents)s.") % {"documents": ", ".join(follow)})
            return redirect("document-detail", code=document.code)
    elif request.method == "POST" and blocked:
        form.add_error(None, blocked)
    if request.method == "GET" or not findings:
        findings = pending_refusals(draft)
    old = export_document(document)
    comparisons = compare(old, as_correction(export_document(draft), old))
    by_item = refusals_by_item(findings)
    rows = []
    for c in comparisons:
        key = (c.change.kind, c.change.code)
        years = refused_years(findings, *key) if c.change.kind == "indicator" else {}
        fields = [(cell_label(c.change.kind, fc), fc, years.get(fc.year, []) if fc.field == "values" else [])
                  for fc in c.fields]
        rows.append({"item": c, "kind_label": gettext(ITEM_KINDS.get(c.change.kind, c.change.kind)),
                     "refusals": by_item.get(key, []), "fields": fields})
    return render(request, "web/correction/review.html", {
        "document": document, "draft": draft, "form": form, "rows": rows, "blocked": blocked,
        "document_refusals": _document_findings(findings), "refused": bool(findings),
    })


@login_required
def correction_discard(request, code: str):
    if (refused := _post_only(request)) is not None:
        return refused
    document = access_document_by_code(request.user, code)
    draft = correction_draft_of(document)
    if draft is None:
        raise Http404("No correction is open for this document")
    try:
        do_discard_correction(draft, acting_user=request.user, reason=request.POST.get("reason", ""))
    except NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The correction draft is discarded; the approved version is unchanged."))
    return redirect("document-detail", code=document.code)


def correction_context(user, document) -> dict:
    """For the document page: may the user correct it, and is a correction open."""
    if corrected_by(document) is not None:
        return {}
    draft = correction_draft_of(document) if document.status in ("approved", "in_force") else None
    can = why_not_correctable(user, document) is None
    return {"can_correct": can, "correction_draft": draft if can else None,
            "correction_form": CorrectionStartForm() if can and draft is None else None}
