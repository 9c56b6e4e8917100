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
    """The context of one check (at most eight queries, plus the extensions')."""
    return build_contexts([payload], today=today)[0]


def _assigned_to(payload):
    """``assigned_query`` as a test of one row (a ``RemoteIndicator``), for contexts built together."""
    own = payload.code
    if payload.type == DocumentType.SBDP:
        developer = payload.developer
        return lambda r: (r.document != own and r.document_type == DocumentType.NDP and r.in_strategic_map
                          and r.territory is None and r.responsible == developer)
    if payload.type == DocumentType.RDP and payload.territory:
        kato = payload.territory
        return lambda r: (r.document != own and r.territory == kato and (
            (r.document_type == DocumentType.NDP and r.in_strategic_map)
            or (r.document_type == DocumentType.NATIONAL_PROJECT and r.kind in ("target", "strategic", "macro"))))
    return None


def build_contexts(payloads, *, today: dt.date | None = None) -> list[Context]:
    """The contexts of several checks (``check --all``), each equal to ``build_context`` of its payload, read
    together: the same eight queries for the whole batch instead of eight per document (issue 7, case b).

    Each query asks for the union of what the documents need; each context then takes only its own rows,
    in the order its own query would have given them (organizations and officials of its own codes and
    names, its own higher indicators, its own assigned rows in document code / order / code order).
    """
    payloads = list(payloads)
    today = today or dt.date.today()
    wanted_orgs: list[set[str]] = []
    wanted_names: list[set[str]] = []
    wanted_refs: list[set[str]] = []
    for payload in payloads:
        org_codes = {payload.developer, *payload.co_executors}
        names = set()
        for ind in payload.indicators:
            if ind.responsible:
                org_codes.add(ind.responsible)
            if ind.initiator:
                org_codes.add(ind.initiator)
            org_codes.update(c.organization for c in ind.co_executors)
            if ind.responsible_official:
                names.add(ind.responsible_official.full_name)
        for m in payload.measures:
            if m.responsible:
                org_codes.add(m.responsible)
            org_codes.update(m.co_executors)
        own = f"{payload.code}:"
        wanted_orgs.append(org_codes)
        wanted_names.append(names)
        wanted_refs.append({p.indicator for ind in payload.indicators for p in ind.parents
                            if not p.indicator.startswith(own)})
    every_org = set().union(*wanted_orgs)
    every_name = set().union(*wanted_names)
    every_ref = set().union(*wanted_refs)

    orgs = {code: OrgInfo(code, kind, authority) for code, kind, authority in QuerySet(Organization).filter(
        code__in=every_org).values_list("code", "kind", "authority")} if every_org else {}
    ranks: dict[tuple[str, str], str] = {}
    if every_name:
        ranks = {(org, name): rank for org, name, rank in QuerySet(Official).filter(
            full_name__in=every_name, organization__code__in=every_org).values_list(
            "organization__code", "full_name", "rank")}

    # The higher indicators the documents link to and the rows assigned to them: one pair of queries.
    queries = []
    if every_ref:
        pairs = [ref.split(":", 1) for ref in every_ref]
        queries.append(Q(document__code__in={d for d, _ in pairs}, code__in={c for _, c in pairs}))
    assigned_tests = [_assigned_to(payload) for payload in payloads]
    for payload, test in zip(payloads, assigned_tests, strict=True):
        if test is not None:
            queries.append(assigned_query(payload) & ~Q(document__code=payload.code))
    rows: list[RemoteIndicator] = []
    if queries:
        query = queries[0]
        for more in queries[1:]:
            query |= more
        rows = _indicators(query)
    by_ref = {r.ref: r for r in rows}
    place = {ref: n for n, ref in enumerate(by_ref)}  # a context's remote rows in the order of its own query

    info = ("code", "type", "period_start", "period_end", "status")
    every_higher = {code for payload in payloads for code in payload.implements}
    higher = {row[0]: DocInfo(*row) for row in QuerySet(Document).filter(code__in=every_higher)
              .values_list(*info)} if every_higher else {}
    children: dict[str, list[DocInfo]] = {}
    for parent, *row in (QuerySet(Document).filter(parents__code__in={p.code for p in payloads})
                         .order_by("code", "parents__code").values_list("parents__code", *info)):
        children.setdefault(parent, []).append(DocInfo(*row))

    contexts = []
    for payload, org_codes, names, refs, test in zip(payloads, wanted_orgs, wanted_names, wanted_refs,
                                                      assigned_tests, strict=True):
        contexts.append(Context(
            today=today,
            orgs={code: orgs[code] for code in org_codes if code in orgs},
            official_ranks={key: rank for key, rank in ranks.items() if key[0] in org_codes and key[1] in names},
            remote={ref: by_ref[ref] for ref in sorted(refs & place.keys(), key=place.__getitem__)},
            higher_documents={code: higher[code] for code in payload.implements if code in higher},
            child_documents=list(children.get(payload.code, ())),
            assigned=[r for r in rows if test(r)] if test is not None else [],
        ))
    for extend in CONTEXT_EXTENSIONS:
        many = getattr(extend, "many", None)
        if many is not None:  # the extension reads the data of every document together
            contexts = [new or old for new, old in zip(many(contexts, payloads), contexts, strict=True)]
        else:
            contexts = [extend(context, payload) or context for context, payload in zip(contexts, payloads,
                                                                                        strict=True)]
    return contexts


# Other apps add the data their rules need (e.g. jospar.analysis attaches the analysis stage for V-02..V-08):
# each extension takes (context, payload) and returns the context (or None to keep it). Registered once, in
# the app's ready(). An extension may also have a ``many`` attribute, (contexts, payloads) -> contexts, that
# serves a whole batch of ``build_contexts`` at once (otherwise it is called once per document).
CONTEXT_EXTENSIONS: list = []
