"""Build the `Context` of a check from the database, in a fixed number of queries (eight, whatever the size).

The context holds what the rules need from outside the document: the kinds of organizations, the ranks of
officials, the higher indicators the document links to, the documents it implements and that implement
it, and the indicators assigned to its developer (Strategic Indicator Map rows of a central state body,
cl. 115 ¶3) or to its region (Map rows and national project indicators of the region, cl. 141 ¶3).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q, QuerySet

from jospar.core.models import Official, Organization
from jospar.planning.choices import DocumentType
from jospar.planning.models import Document, Indicator, IndicatorValue

from .rules.base import Context, DocInfo, OrgInfo, RemoteIndicator

_REMOTE_FIELDS = ("id", "document__code", "document__type", "code", "kind", "title_kk", "title_ru", "title_en",
                  "unit_kk", "unit_ru", "unit_en", "polarity", "value_kind", "in_strategic_map", "responsible__code",
                  "territory__kato", "document__period_start", "document__period_end")


def _indicators(query: Q) -> list[RemoteIndicator]:
    """The indicators matching `query` with their annual effective plans, as plain rows in two queries
    (issue 7: model instances cost ~0.45 ms each under modeltranslation; a regional plan has ~1,300 of them)."""
    rows = list(QuerySet(Indicator).filter(query).order_by("document__code", "order", "code")
                .values_list(*_REMOTE_FIELDS))
    plans: dict[int, dict[int, Decimal]] = {}
    if rows:
        for iid, year, plan, corrected in (QuerySet(IndicatorValue).filter(
                indicator__in=QuerySet(Indicator).filter(query).values("id"), quarter=0)
                .order_by("indicator_id", "year").values_list("indicator_id", "year", "plan", "corrected_plan")):
            effective = corrected if corrected is not None else plan
            if effective is not None:
                plans.setdefault(iid, {})[year] = effective
    return [RemoteIndicator(
        document=doc, document_type=doc_type, code=code, kind=kind, title={"kk": t_kk or "", "ru": t_ru or "",
                                                                          "en": t_en or ""},
        unit={"kk": u_kk or "", "ru": u_ru or "", "en": u_en or ""}, polarity=polarity, value_kind=value_kind,
        in_strategic_map=sim, responsible=responsible, territory=territory, period_start=start, period_end=end,
        values=plans.get(iid, {}),
    ) for (iid, doc, doc_type, code, kind, t_kk, t_ru, t_en, u_kk, u_ru, u_en, polarity, value_kind, sim,
           responsible, territory, start, end) in rows]


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
    orgs = {code: OrgInfo(code, kind, authority) for code, kind, authority in QuerySet(Organization).filter(
        code__in=org_codes).values_list("code", "kind", "authority")}
    ranks = {}
    if names:
        ranks = {(org, name): rank for org, name, rank in QuerySet(Official).filter(
            full_name__in=names, organization__code__in=org_codes).values_list(
            "organization__code", "full_name", "rank")}

    own = f"{payload.code}:"
    refs = {p.indicator for ind in payload.indicators for p in ind.parents if not p.indicator.startswith(own)}
    remote: dict[str, RemoteIndicator] = {}
    if refs:
        pairs = [ref.split(":", 1) for ref in refs]
        rows = _indicators(Q(document__code__in={d for d, _ in pairs}, code__in={c for _, c in pairs}))
        remote = {r.ref: r for r in rows if r.ref in refs}

    info = ("code", "type", "period_start", "period_end", "status")
    higher = {row[0]: DocInfo(*row) for row in QuerySet(Document).filter(code__in=payload.implements)
              .values_list(*info)}
    children = [DocInfo(*row) for row in QuerySet(Document).filter(parents__code=payload.code).order_by("code")
                .values_list(*info)]
    assigned: list[RemoteIndicator] = []
    query = assigned_query(payload)
    if query is not None:
        assigned = _indicators(query & ~Q(document__code=payload.code))
    context = Context(today=today or dt.date.today(), orgs=orgs, official_ranks=ranks, remote=remote,
                      higher_documents=higher, child_documents=children, assigned=assigned)
    for extend in CONTEXT_EXTENSIONS:
        context = extend(context, payload) or context
    return context


# Other apps add the data their rules need (e.g. jospar.analysis attaches the analysis stage for V-02..V-08):
# each extension takes (context, payload) and returns the context (or None to keep it). Registered once, in
# the app's ready().
CONTEXT_EXTENSIONS: list = []
