from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch
from django.shortcuts import render

from jospar.planning.access import access_document_by_code, visible_documents
from jospar.planning.choices import Confidentiality, DocumentType
from jospar.planning.models import Goal, Indicator, IndicatorValue, Measure


def home(request):
    documents = (
        visible_documents(request.user)
        .select_related("developer", "territory")
        .annotate(indicator_count=Count("indicators", distinct=True), measure_count=Count("measures", distinct=True))
        .order_by("type", "code")
    )
    by_type: dict[str, list] = defaultdict(list)
    for document in documents:
        by_type[document.type].append(document)
    groups = [(label, by_type[value]) for value, label in DocumentType.choices if by_type.get(value)]
    return render(request, "web/home.html", {"groups": groups})


def document_detail(request, code: str):
    document = access_document_by_code(request.user, code)
    show_restricted = request.user.is_authenticated
    indicators = Indicator.objects.filter(document=document).select_related("responsible", "territory")
    measures = Measure.objects.filter(document=document).select_related("responsible")
    if not show_restricted:
        indicators = indicators.filter(confidentiality=Confidentiality.OPEN)
        measures = measures.filter(confidentiality=Confidentiality.OPEN)
    indicators = indicators.prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.filter(quarter=0).order_by("year"))
    )
    goals = Goal.objects.filter(document=document).select_related("direction").prefetch_related("tasks")
    sections = document.sections.all()
    if not show_restricted:
        sections = sections.filter(confidentiality=Confidentiality.OPEN)
    return render(
        request,
        "web/document_detail.html",
        {
            "document": document,
            "sections": sections,
            "goals": goals,
            "indicators": indicators,
            "measures": measures.prefetch_related("financing"),
            "years": list(document.years),
        },
    )
