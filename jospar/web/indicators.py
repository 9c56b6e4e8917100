"""The page of one indicator: values over the years with their achievement, the Annex 1-1 card, and the
decomposition up to the higher indicators and down to regions, districts and bodies, with a cartogram."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from jospar.monitoring.achievement import assess_indicator
from jospar.planning.access import (
    access_document_by_code,
    documents_showing_restricted,
    visible_documents,
    visible_items,
)
from jospar.planning.models import DecompositionLink, Indicator, IndicatorValue

from .charts import REGION_TILES, number


def status_labels() -> dict[str, str]:
    return {"achieved": _("achieved"), "partially_achieved": _("partially achieved"),
            "not_achieved": _("not achieved"), "not_assessable": _("cannot be assessed")}


def _verdict(indicator: Indicator, value: IndicatorValue | None):
    if value is None or value.fact is None:
        return None
    return assess_indicator(value.effective_plan, value.fact, indicator.polarity, baseline=indicator.baseline_value,
                            range_low=indicator.range_low, range_high=indicator.range_high)


def indicator_detail(request, code: str, indicator_code: str):
    document = access_document_by_code(request.user, code)
    indicator = (
        visible_items(request.user, document, Indicator.objects.filter(document=document))
        .select_related("goal", "task", "direction", "responsible", "responsible_official", "territory")
        .filter(code=indicator_code).first()
    )
    if indicator is None:
        raise Http404
    values = list(indicator.values.filter(quarter=0).order_by("year"))
    labels = status_labels()
    rows = []
    for v in values:
        verdict = _verdict(indicator, v)
        rows.append((v, verdict, labels.get(verdict.status, "") if verdict else ""))
    years_with_fact = [v.year for v in values if v.fact is not None]
    try:
        year = int(request.GET.get("year") or (years_with_fact[-1] if years_with_fact else document.period_start))
    except ValueError:
        year = document.period_start

    visible_docs = visible_documents(request.user)
    parents = list(DecompositionLink.objects.filter(child=indicator, parent__document__in=visible_docs)
                   .select_related("parent__document"))
    child_links = list(
        DecompositionLink.objects.filter(parent=indicator, child__document__in=visible_docs)
        .select_related("child__document", "child__territory", "child__responsible")
        .order_by("child__territory__kato", "child__code")
    )
    # a linked indicator of another document is restricted as its own document says (cl. 231-233)
    shown = documents_showing_restricted(
        request.user, {link.parent.document_id for link in parents} | {link.child.document_id for link in child_links})
    parents = [link for link in parents if link.parent.confidentiality == "open" or link.parent.document_id in shown]
    child_links = [link for link in child_links
                   if link.child.confidentiality == "open" or link.child.document_id in shown]
    child_values = {v.indicator_id: v for v in IndicatorValue.objects.filter(
        indicator__in=[link.child_id for link in child_links], year=year, quarter=0)}
    children = []
    tiles = []
    for link in child_links:
        child = link.child
        value = child_values.get(child.pk)
        verdict = _verdict(child, value)
        children.append((link, value, verdict))
        kato = child.territory.kato if child.territory else None
        if kato in REGION_TILES and verdict and verdict.calculation and verdict.calculation.value is not None:
            col, row = REGION_TILES[kato]
            tiles.append({"value": [col, row, number(verdict.calculation.value)], "name": str(child.territory)})
    share_sum = sum((v.effective_plan or Decimal(0) for link, v, _x in children
                     if link.kind == "share" and v is not None), Decimal(0))
    own = next((v for v in values if v.year == year), None)
    chart = {
        "years": [v.year for v in values],
        "plan": [number(v.plan) for v in values],
        "corrected": [number(v.corrected_plan) for v in values],
        "fact": [number(v.fact) for v in values],
        "baseline": [indicator.baseline_year, number(indicator.baseline_value)] if indicator.baseline_year else None,
        "labels": {"plan": _("Plan"), "corrected": _("Corrected plan"), "fact": _("Fact"), "baseline": _("Baseline")},
    }
    return render(request, "web/indicator_detail.html", {
        "document": document, "indicator": indicator, "rows": rows, "year": year, "years": list(document.years),
        "parents": parents, "children": children, "tiles": tiles, "chart": chart,
        "co_executors": indicator.indicatorcoexecutor_set.select_related("organization"),
        "share_check": (share_sum, own.effective_plan if own else None)
        if any(link.kind == "share" for link, _v, _x in children) else None,
    })
