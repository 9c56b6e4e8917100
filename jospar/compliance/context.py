"""Build the `Context` of a check from the database, in a fixed number of queries (eight, whatever the size).

The context holds what the rules need from outside the document: the kinds of organizations, the ranks of
officials, the higher indicators the document links to, the documents it implements and that implement
it, and the indicators assigned to its developer (Strategic Indicator Map rows of a central state body,
cl. 115 ¶3) or to its region (Map rows and national project indicators of the region, cl. 141 ¶3).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q

from jospar.core.models import Official, Organization
from jospar.planning.choices import DocumentType
from jospar.planning.models import Document, Indicator, IndicatorValue

from .rules.base import Context, DocInfo, OrgInfo, RemoteIndicator

LANGS = ("kk", "ru", "en")


def _text(obj, name: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{name}_{lang}") or "" for lang in LANGS}


def remote_indicator(ind: Indicator) -> RemoteIndicator:
    """An indicator loaded with `document` and the prefetched annual `values`."""
    values = {}
    for v in ind.values.all():
        if v.quarter == 0 and v.effective_plan is not None:
            values[v.year] = v.effective_plan
    return RemoteIndicator(
        document=ind.document.code, document_type=ind.document.type, code=ind.code, kind=ind.kind,
        title=_text(ind, "title"), unit=_text(ind, "unit"), polarity=ind.polarity, value_kind=ind.value_kind,
        in_strategic_map=ind.in_strategic_map, responsible=ind.responsible.code if ind.responsible_id else None,
        territory=ind.territory.kato if ind.territory_id else None,
        period_start=ind.document.period_start, period_end=ind.document.period_end, values=values,
    )


def _indicators(query: Q) -> list[Indicator]:
    annual = IndicatorValue.objects.filter(quarter=0)
    return list(Indicator.objects.filter(query).select_related("document", "responsible", "territory")
                .prefetch_related(Prefetch("values", queryset=annual)).order_by("document__code", "order", "code"))


def assigned_query(payload) -> Q | None:
    """The indicators of other documents that this document must carry (cl. 115 ¶3, 141 ¶3)."""
    if payload.type == DocumentType.SBDP:
        return Q(document__type=DocumentType.NDP, in_strategic_map=True, territory__isnull=True,
                 responsible__code=payload.developer)
    if payload.type == DocumentType.RDP and payload.territory:
        return Q(territory__kato=payload.territory) & (
            Q(document__type=DocumentType.NDP, in_strategic_map=True)
            | Q(document__type=DocumentType.NATIONAL_PROJECT, kind__in=("target", "strategic", "macro"))
        )
    return None


def build_context(payload, *, today: dt.date | None = None) -> Context:
    org_codes = {payload.developer, *payload.co_executors}
    names = set()
    for ind in payload.indicators:
        if ind.responsible:
            org_codes.add(ind.responsible)
        org_codes.update(c.organization for c in ind.co_executors)
        if ind.responsible_official:
            names.add(ind.responsible_official.full_name)
    for m in payload.measures:
        if m.responsible:
            org_codes.add(m.responsible)
        org_codes.update(m.co_executors)
    orgs = {o.code: OrgInfo(o.code, o.kind, o.authority) for o in Organization.objects.filter(code__in=org_codes)}
    ranks = {}
    if names:
        ranks = {(o.organization.code, o.full_name): o.rank for o in Official.objects.filter(
            full_name__in=names, organization__code__in=org_codes).select_related("organization")}

    own = f"{payload.code}:"
    refs = {p.indicator for ind in payload.indicators for p in ind.parents if not p.indicator.startswith(own)}
    remote: dict[str, RemoteIndicator] = {}
    if refs:
        pairs = [ref.split(":", 1) for ref in refs]
        rows = _indicators(Q(document__code__in={d for d, _ in pairs}, code__in={c for _, c in pairs}))
        remote = {r.ref: r for r in map(remote_indicator, rows) if r.ref in refs}

    def info(d: Document) -> DocInfo:
        return DocInfo(d.code, d.type, d.period_start, d.period_end, d.status)

    higher = {d.code: info(d) for d in Document.objects.filter(code__in=payload.implements)}
    children = [info(d) for d in Document.objects.filter(parents__code=payload.code).order_by("code")]
    assigned: list[RemoteIndicator] = []
    query = assigned_query(payload)
    if query is not None:
        assigned = [remote_indicator(i) for i in _indicators(query & ~Q(document__code=payload.code))]
    context = Context(today=today or dt.date.today(), orgs=orgs, official_ranks=ranks, remote=remote,
                      higher_documents=higher, child_documents=children, assigned=assigned)
    for extend in CONTEXT_EXTENSIONS:
        context = extend(context, payload) or context
    return context


# Other apps add the data their rules need (e.g. jospar.analysis attaches the analysis stage for V-02..V-08):
# each extension takes (context, payload) and returns the context (or None to keep it). Registered once, in
# the app's ready().
CONTEXT_EXTENSIONS: list = []
