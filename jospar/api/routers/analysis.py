"""Analysis over REST (cl. 7-30): factors, SWOT, problems and their tree; the risk register (cl. 198-204).

Reads follow the document (``jospar.planning.access``); links to restricted indicators and measures
(cl. 231-233) are left out for a reader who may not see them. Writes go through ``jospar.analysis.services``
(``do_add_risk``, ``do_review_risk``), which check the rules and who acts; their refusals come back as 422 with
kk/ru/en messages, a missing right as 403, and nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict

from jospar.analysis import services as an
from jospar.analysis.choices import RiskKind, RiskStatus
from jospar.analysis.models import Analysis, Risk
from jospar.core.models import Organization
from jospar.core.permissions import writing_organization_ids
from jospar.interchange import schema as s
from jospar.planning.access import access_document_by_code, sees_restricted_items
from jospar.planning.models import Goal, Indicator, Measure
from jospar.planning.services import NotAllowed

from ..auth import READ_AUTH, WRITE_AUTH, current_user
from ..errors import ApiError, forbidden, invalid_item, not_found
from ..refusals import attempt
from ..schemas import NO_NUL, ErrorOut, Text
from .common import texts

router = Router(tags=["analysis"], auth=READ_AUTH)

READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
Code = Annotated[str, Field(pattern=r"^[\w.\-]{1,40}$")]
LongText = Annotated[str, Field(pattern=NO_NUL, max_length=5000)]


class TextIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kk: LongText = ""
    ru: LongText = ""
    en: LongText = ""


class AnalysisOut(Schema):
    document: str
    development_year: int | None = Field(description="the year of development or correction (cl. 9)")
    data_years: list[int]
    summary: Text
    sources: list[dict[str, Any]]
    factors: list[dict[str, Any]]
    swot: list[dict[str, Any]] = Field(description="strengths, weaknesses, opportunities, threats (cl. 19-20)")
    swot_links: list[dict[str, Any]]
    problems: list[dict[str, Any]] = Field(description="the problems with their level in the tree (cl. 21-28)")
    problem_links: list[dict[str, Any]] = Field(description="cause -> consequence (cl. 26-27)")
    goal_problems: list[dict[str, Any]] = Field(description="goals and the problems they solve (cl. 30)")


class RiskOut(Schema):
    code: str
    title: Text
    description: Text
    kind: str
    likelihood: int
    impact: int
    score: int = Field(description="likelihood x impact")
    prevention: Text
    overcoming: Text
    owner: str
    status: str
    goals: list[str]
    indicators: list[str]
    measures: list[str]
    reviews: list[dict[str, Any]]


class RiskIn(Schema):
    model_config = ConfigDict(extra="forbid")

    code: Code | None = Field(None, description="R1, R2, ... when omitted")
    title: TextIn
    description: TextIn | None = None
    kind: RiskKind
    likelihood: Annotated[int, Field(ge=1, le=5)]
    impact: Annotated[int, Field(ge=1, le=5)]
    prevention: TextIn | None = None
    overcoming: TextIn | None = None
    owner: Annotated[str, Field(pattern=r"^[\w.\-]{1,60}$")] = Field(description="the responsible body (cl. 204)")
    status: RiskStatus = RiskStatus.OPEN
    goals: list[Code] = Field(default_factory=list, max_length=200)
    indicators: list[Code] = Field(default_factory=list, max_length=200)
    measures: list[Code] = Field(default_factory=list, max_length=200)
    change_reason: Annotated[str, Field(pattern=NO_NUL, max_length=500)] = ""


class ReviewIn(Schema):
    model_config = ConfigDict(extra="forbid")

    likelihood: Annotated[int, Field(ge=1, le=5)]
    impact: Annotated[int, Field(ge=1, le=5)]
    status: RiskStatus | None = None
    note: LongText = ""
    reviewed_on: dt.date | None = Field(None, description="today when omitted; not in the future")
    change_reason: Annotated[str, Field(pattern=NO_NUL, max_length=500)] = ""


def _texts_in(value: TextIn | None) -> dict[str, str] | None:
    return None if value is None else {"kk": value.kk, "ru": value.ru, "en": value.en}


# ------------------------------------------------------------------------------------------- reading


@router.get("/{code}/analysis", response={200: AnalysisOut, **READ_ERRORS},
            summary="The analysis of the document: sources, factors, SWOT, problem tree (cl. 7-30)")
def get_analysis(request, code: s.DocCode):
    user = current_user(request)
    document = access_document_by_code(user, code)
    analysis = Analysis.objects.filter(document=document).first()
    if analysis is None:
        raise not_found()
    levels = {p.pk: row.level for row in an.problem_tree(analysis) for p in row.problems}
    problems = list(analysis.problems.order_by("order", "code"))
    goal_links = []
    for p in problems:
        for link in p.goal_links.select_related("goal").order_by("goal__code"):
            goal_links.append({"goal": link.goal.code, "problem": p.code})
    return {
        "document": document.code, "development_year": analysis.development_year,
        "data_years": sorted(analysis.data_years.values_list("year", flat=True)),
        "summary": texts(analysis, "summary"),
        "sources": [{"code": x.code, "type": x.type, "citation": texts(x, "citation"), "url": x.url}
                    for x in analysis.sources.order_by("order", "code")],
        "factors": [{"code": x.code, "kind": x.kind, "group": x.group, "description": texts(x, "description"),
                     "foreign_country": x.foreign_country, "foreign_comparison": texts(x, "foreign_comparison")}
                    for x in analysis.factors.order_by("order", "code")],
        "swot": [{"code": x.code, "category": x.category, "aspect": x.aspect, "text": texts(x, "text"),
                  "factor": x.factor.code if x.factor_id else None}
                 for x in analysis.swot_items.select_related("factor").order_by("order", "code")],
        "swot_links": [{"first": link.first.code, "second": link.second.code, "note": link.note}
                       for x in analysis.swot_items.all()
                       for link in x.links_as_first.select_related("first", "second")],
        "problems": [{"code": p.code, "text": texts(p, "text"), "is_key": p.is_key, "level": levels.get(p.pk),
                      "expected_resolution": texts(p, "expected_resolution"), "resolved_via": p.resolved_via}
                     for p in problems],
        "problem_links": [{"cause": p.code, "effect": link.effect.code}
                          for p in problems for link in p.effect_links.select_related("effect")],
        "goal_problems": goal_links,
    }


def risk_out(risk: Risk, keep_restricted: bool) -> dict[str, Any]:
    indicators = risk.indicators.all() if keep_restricted else risk.indicators.filter(confidentiality="open")
    measures = risk.measures.all() if keep_restricted else risk.measures.filter(confidentiality="open")
    return {
        "code": risk.code, "title": texts(risk, "title"), "description": texts(risk, "description"),
        "kind": risk.kind, "likelihood": risk.likelihood, "impact": risk.impact,
        "score": risk.likelihood * risk.impact, "prevention": texts(risk, "prevention"),
        "overcoming": texts(risk, "overcoming"), "owner": risk.owner.code, "status": risk.status,
        "goals": sorted(g.code for g in risk.goals.all()), "indicators": sorted(i.code for i in indicators),
        "measures": sorted(m.code for m in measures),
        "reviews": [{"reviewed_on": r.reviewed_on, "likelihood": r.likelihood, "impact": r.impact,
                     "status": r.status, "note": r.note,
                     "reviewed_by": r.reviewed_by.username if r.reviewed_by_id else None}
                    for r in risk.reviews.select_related("reviewed_by").order_by("reviewed_on", "pk")],
    }


@router.get("/{code}/risks", response={200: list[RiskOut], **READ_ERRORS},
            summary="The risk register of the document (cl. 198-204)")
def list_risks(request, code: s.DocCode):
    user = current_user(request)
    document = access_document_by_code(user, code)
    keep = sees_restricted_items(user, document)
    return [risk_out(r, keep) for r in Risk.objects.filter(document=document).select_related("owner")
            .order_by("order", "code")]


def _risk(request, code: str, risk: str) -> tuple[Any, Risk]:
    document = access_document_by_code(current_user(request), code)
    found = Risk.objects.filter(document=document, code=risk).select_related("owner", "document").first()
    if found is None:
        raise not_found()
    return document, found


@router.get("/{code}/risks/{risk}", response={200: RiskOut, **READ_ERRORS}, summary="One risk with its reviews")
def get_risk(request, code: s.DocCode, risk: Code):
    document, found = _risk(request, code, risk)
    return risk_out(found, sees_restricted_items(current_user(request), document))


# --------------------------------------------------------------------------------------------- writing


def _by_codes(model, document, codes: list[str], path: str) -> list:
    rows = {x.code: x for x in model.objects.filter(document=document, code__in=codes)}
    missing = [(n, c) for n, c in enumerate(codes) if c not in rows]
    if missing:
        raise ApiError(422, [invalid_item(f"{path}[{n}]", f"no item with the code {c} in this document")
                             for n, c in missing])
    return [rows[c] for c in codes]


@router.post("/{code}/risks", response={201: RiskOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Enter a risk in the register (the developer's planners; cl. 29(5), 198-204)")
def add_risk(request, response: HttpResponse, code: s.DocCode, data: RiskIn):
    user = current_user(request)
    document = access_document_by_code(user, code)
    if not user.has_perm("planning.change_document", document):
        raise forbidden("read_only" if not writing_organization_ids(user) else "other_organization")
    owner = Organization.objects.filter(code=data.owner).first()
    if owner is None:
        raise ApiError(422, [invalid_item("$.owner", f"no organization with the code {data.owner}")])
    goals = _by_codes(Goal, document, data.goals, "$.goals")
    indicators = _by_codes(Indicator, document, data.indicators, "$.indicators")
    measures = _by_codes(Measure, document, data.measures, "$.measures")

    def call():
        return an.do_add_risk(
            document, title=_texts_in(data.title), kind=data.kind, likelihood=data.likelihood, impact=data.impact,
            owner=owner, goals=goals, indicators=indicators, measures=measures,
            prevention=_texts_in(data.prevention), overcoming=_texts_in(data.overcoming),
            description=_texts_in(data.description), status=data.status, code=data.code, acting_user=user,
            reason=data.change_reason or "Risk entered through the API")

    risk = attempt(call, (an.AnalysisRefused,), code="risk_refused",
                   known=("code", "title", "kind", "status", "likelihood", "impact", "owner"))
    response["Location"] = f"/api/documents/{document.code}/risks/{risk.code}"
    return Status(201, risk_out(Risk.objects.select_related("owner").get(pk=risk.pk), True))


@router.post("/{code}/risks/{risk}/reviews", response={201: RiskOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Review a risk: likelihood, impact and status found now (cl. 199-204)")
def review_risk(request, code: s.DocCode, risk: Code, data: ReviewIn):
    user = current_user(request)
    document, found = _risk(request, code, risk)
    if not user.has_perm("analysis.review_risk", found):
        raise forbidden("read_only" if not writing_organization_ids(user) else "other_organization")

    def call():
        return an.do_review_risk(found, likelihood=data.likelihood, impact=data.impact, status=data.status,
                                 note=data.note, reviewed_on=data.reviewed_on, acting_user=user,
                                 reason=data.change_reason)

    attempt(call, (an.AnalysisRefused, NotAllowed), code="review_refused")
    return Status(201, risk_out(Risk.objects.select_related("owner").get(pk=found.pk),
                                sees_restricted_items(user, document)))
