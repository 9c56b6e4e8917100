from __future__ import annotations

from collections import defaultdict

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from jospar.planning.access import access_document_by_code, sees_restricted_items, visible_documents
from jospar.planning.choices import Confidentiality, DocumentType
from jospar.planning.corrections import corrected_by
from jospar.planning.models import Document, Goal, Indicator, IndicatorValue, Measure
from jospar.planning.services import editor_organization_ids, why_not_editable
from jospar.planning.versioning import document_version

from .corrections import correction_context
from .discussion import ProposalForm


def _count_of(model):
    rows = model.objects.filter(document=OuterRef("pk")).order_by().values("document").annotate(c=Count("pk"))
    return Coalesce(Subquery(rows.values("c"), output_field=IntegerField()), 0)


def _document_groups(user) -> list[tuple[str, list]]:
    documents = (
        visible_documents(user)
        .select_related("developer", "territory")
        # two correlated counts: one Count over both relations would join indicators x measures per document
        .annotate(indicator_count=_count_of(Indicator), measure_count=_count_of(Measure))
        .order_by("type", "code")
    )
    by_type: dict[str, list] = defaultdict(list)
    for document in documents:
        by_type[document.type].append(document)
    return [(label, by_type[value]) for value, label in DocumentType.choices if by_type.get(value)]


def catalogue_version() -> str:
    """What the public list of documents is made of, in one query of index look-ups: the newest audit record of the
    documents, their indicators and measures and the organizations (every change through the services leaves one)
    and the highest id of each table (rows written in bulk, e.g. by the generator, leave none)."""
    from django.db import connection

    from jospar.core.models import Organization, Territory

    parts = []
    for model in (Document, Indicator, Measure, Organization):
        parts.append(f"(SELECT max(history_id) FROM {model.history.model._meta.db_table})")
        parts.append(f"(SELECT max(id) FROM {model._meta.db_table})")
    parts.append(f"(SELECT max(id) FROM {Territory._meta.db_table})")
    parts.append(f"(SELECT count(*) FROM {Document._meta.db_table})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return "-".join(str(v) for v in cursor.fetchone())


def home(request):
    can_create = request.user.is_authenticated and (
        request.user.is_superuser or bool(editor_organization_ids(request.user))
    )
    context = {"can_create": can_create}
    if request.user.is_authenticated:  # what a member sees depends on its organizations: never shared
        context["groups"] = _document_groups(request.user)
        return render(request, "web/home.html", context)
    # The public list is the same for every visitor: rendered once per language and catalogue version (issue 7 e:
    # its counts and 100 rows cost ~40 ms of the server's CPU per visit at national scale).
    key = f"home-public:{get_language()}:{catalogue_version()}"
    listing = cache.get(key)
    if listing is None:
        listing = render_to_string("web/home_list.html", {"groups": _document_groups(request.user)}, request)
        cache.set(key, listing, 300)
    context["listing"] = mark_safe(listing)  # noqa: S308 - rendered by our own template just above
    return render(request, "web/home.html", context)


PAGE_SIZE = 100


def _pager(request, page, param: str, anchor: str) -> dict | None:
    """Links to the previous and next page of one list of a page, keeping the other query parameters."""
    if page.paginator.num_pages <= 1:
        return None

    def link(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return f"?{query.urlencode()}#{anchor}"

    return {"page": page, "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "next": link(page.next_page_number()) if page.has_next() else None}


def document_detail(request, code: str):
    document = access_document_by_code(request.user, code)
    show_restricted = sees_restricted_items(request.user, document)  # cl. 231-233
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
    # a national plan has thousands of indicators: the page shows them 100 at a time, so that its cost does not
    # grow with the document (issue 7); the official forms and the export hold everything
    indicator_page = Paginator(indicators.order_by("order", "code"), PAGE_SIZE).get_page(request.GET.get("ip"))
    measure_page = Paginator(measures.prefetch_related("financing").order_by("order", "code"),
                             PAGE_SIZE).get_page(request.GET.get("mp"))
    return render(
        request,
        "web/document_detail.html",
        {
            "document": document,
            "show_restricted": show_restricted,
            "content_version": document_version(document, sees_restricted=show_restricted),  # the body's cache key
            "can_edit": why_not_editable(request.user, document) is None,
            "can_answer": request.user.is_authenticated and (
                request.user.is_superuser or document.developer_id in editor_organization_ids(request.user)),
            "sections": sections,
            "goals": goals,
            "indicators": indicator_page,
            "measures": measure_page,
            "indicator_pager": _pager(request, indicator_page, "ip", "indicators"),
            "measure_pager": _pager(request, measure_page, "mp", "measures"),
            "years": list(document.years),
            "proposals": document.proposals.select_related("responded_by").all(),
            "proposal_form": ProposalForm() if document.status == "public_discussion" else None,
            "correcting": corrected_by(document),
            **correction_context(request.user, document),
        },
    )
