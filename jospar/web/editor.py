"""The planner's document editor: passport, sections, directions, goals, tasks, indicators, measures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jospar.core.models import Organization
from jospar.planning.access import access_document_by_code
from jospar.planning.corrections import corrected_by, pending_refusals
from jospar.planning.models import Goal, Indicator, IndicatorValue, Measure
from jospar.planning.sections import required_sections
from jospar.planning.services import (
    EditConflict,
    NotAllowed,
    current_version,
    do_create_document,
    do_delete_item,
    do_save_item,
    editor_organization_ids,
    why_not_editable,
)

from .corrections import refusal_text, refused_years
from .findings import editor_notes, item_key
from .forms import ITEM_KINDS, DocumentCreateForm, DocumentForm, limit_to_document


def _document_of(kind: str, obj) -> int:
    return obj.goal.document_id if kind == "task" else obj.document_id


@login_required
def document_new(request):
    orgs = Organization.objects.filter(pk__in=editor_organization_ids(request.user))
    if request.user.is_superuser:
        orgs = Organization.objects.all()
    form = DocumentCreateForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            document = do_create_document(form.save(commit=False), acting_user=request.user,
                                          reason=_("Document created"))
        except NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The draft is created. Fill in its sections and items."))
            return redirect("document-edit", code=document.code)
    return render(request, "web/document_new.html", {"form": form})


@login_required
def document_edit(request, code: str):
    document = access_document_by_code(request.user, code)
    blocked = why_not_editable(request.user, document)
    form = DocumentForm(request.POST or None, instance=document, prefix="doc",
                        initial={"opened_version": current_version(document)})
    if request.method == "POST":
        if blocked:
            messages.error(request, blocked)
        elif form.is_valid():
            try:
                do_save_item(form.save(commit=False), document=document, acting_user=request.user,
                             reason=form.cleaned_data["change_reason"],
                             opened_version=form.cleaned_data["opened_version"],
                             m2m={"co_executors": form.cleaned_data["co_executors"],
                                  "parents": form.cleaned_data["parents"]})
            except EditConflict:
                form.add_error(None, _("Someone saved this document after you opened it. Reload the page to "
                                       "see their version; your changes are still in the form."))
            else:
                messages.success(request, _("Saved."))
                return redirect("document-edit", code=document.code)
    present = set(document.sections.values_list("key", flat=True))
    missing_sections = [s for s in required_sections(document.type) if s.key not in present]
    sections = list(document.sections.all())
    directions = list(document.directions.all())
    goals = list(Goal.objects.filter(document=document).select_related("direction").prefetch_related("tasks"))
    indicators = list(Indicator.objects.filter(document=document).select_related("goal", "task", "territory")
                      .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.filter(quarter=0))))
    measures = list(Measure.objects.filter(document=document).select_related("responsible")
                    .prefetch_related("financing"))
    # compliance findings and correction refusals next to the item they concern
    notes = editor_notes(document)
    placed: set[tuple[str, str]] = set()

    def attach(obj, kind: str, code: str) -> None:
        obj.notes = notes.for_item(kind, code)
        placed.add((kind, code))

    for s in sections:
        attach(s, "section", s.key)
    for d in directions:
        attach(d, "direction", d.code)
    for g in goals:
        attach(g, "goal", g.code)
        for t in g.tasks.all():
            attach(t, "task", f"{g.code}/{t.code}")
    for i in indicators:
        attach(i, "indicator", i.code)
    for m in measures:
        attach(m, "measure", m.code)
    context = {
        "document": document,
        "form": form,
        "blocked": blocked,
        "missing_sections": missing_sections,
        "sections": sections,
        "directions": directions,
        "goals": goals,
        "indicators": indicators,
        "measures": measures,
        "notes": notes,
        "unplaced_notes": notes.unplaced(placed),
        "correcting": corrected_by(document),
    }
    return render(request, "web/document_edit.html", context)


@login_required
def item_edit(request, code: str, kind: str, pk: int | None = None):
    if kind not in ITEM_KINDS:
        raise Http404
    model, form_class, formset_class = ITEM_KINDS[kind]
    document = access_document_by_code(request.user, code)
    if pk is None:
        obj = model(document=document) if kind != "task" else model()
    else:
        obj = get_object_or_404(model, pk=pk)
        if _document_of(kind, obj) != document.pk:
            raise Http404
    initial = {"opened_version": current_version(obj)}
    if pk is None and kind == "section" and request.GET.get("key"):
        spec = next((s for s in required_sections(document.type) if s.key == request.GET["key"]), None)
        if spec:
            initial.update(key=spec.key, order=list(required_sections(document.type)).index(spec) + 1,
                           title_kk=spec.kk, title_ru=spec.ru, title_en=spec.en)
    form = form_class(request.POST or None, instance=obj, initial=initial)
    limit_to_document(form, document)
    formset = None
    if formset_class:
        formset = formset_class(request.POST or None, instance=obj, prefix="rows")
        formset.document = document
    blocked = why_not_editable(request.user, document)
    if request.method == "POST":
        if blocked:
            messages.error(request, blocked)
        elif form.is_valid() and (formset is None or formset.is_valid()):
            item = form.save(commit=False)
            m2m = {name: form.cleaned_data[name] for name in ("indicators", "co_executors") if name in form.cleaned_data}
            try:
                do_save_item(item, document=document, acting_user=request.user,
                             reason=form.cleaned_data["change_reason"],
                             opened_version=form.cleaned_data["opened_version"],
                             formsets=(formset,) if formset is not None else (), m2m=m2m)
            except EditConflict:
                form.add_error(None, _("Someone saved this item after you opened it. Reload the page to see "
                                       "their version; your changes are still in the form."))
            else:
                messages.success(request, _("Saved."))
                if corrected_by(document) is not None:  # cl. 209-213: say at once what applying would refuse
                    for finding in pending_refusals(document):
                        if item_key(finding) == (kind, _item_code(kind, item)):
                            messages.warning(request, refusal_text(finding))
                return redirect(reverse("document-edit", args=[document.code]) + f"#{kind}s")
    notes = []
    if obj.pk is not None:
        all_notes = editor_notes(document)
        notes = all_notes.for_item(kind, _item_code(kind, obj))
        if formset is not None and kind == "indicator":  # cl. 210, 213: next to the value of the refused year
            years = refused_years(all_notes.raw_refusals, kind, obj.code)
            for row in formset.forms:
                year = row.initial.get("year") or (row.instance.year if row.instance.pk else None)
                row.refusals = years.get(year, [])
    return render(request, "web/item_form.html", {
        "document": document, "form": form, "formset": formset, "kind": kind, "obj": obj,
        "kind_label": model._meta.verbose_name, "blocked": blocked, "notes": notes,
        "correcting": corrected_by(document),
    })


def _item_code(kind: str, obj) -> str:
    """The code the checker names an item by (a task: '<goal>/<task>', a section: its key)."""
    if kind == "task":
        return f"{obj.goal.code}/{obj.code}"
    if kind == "section":
        return obj.key
    return obj.code


@login_required
def item_delete(request, code: str, kind: str, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if kind not in ITEM_KINDS:
        raise Http404
    model = ITEM_KINDS[kind][0]
    document = access_document_by_code(request.user, code)
    obj = get_object_or_404(model, pk=pk)
    if _document_of(kind, obj) != document.pk:
        raise Http404
    try:
        do_delete_item(obj, document=document, acting_user=request.user, reason=request.POST.get("reason", ""))
    except NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Deleted. The history keeps what it was."))
    return redirect(reverse("document-edit", args=[document.code]) + f"#{kind}s")
