"""Analysis over REST (cl. 7-30): factors, SWOT, problems and their tree; the risk register (cl. 198-204).

Reads follow the document (``jospar.planning.access``); links to restricted indicators and measures
(cl. 231-233) are left out for a reader who may not see them. Writes go through ``jospar.analysis.services``
(``do_add_risk``, ``do_review_risk``), which check the rules and who acts; their refusals come back as 422 with
kk/ru/en messages, a missing right as 403, and nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db import transaction
from django.db.models import F
from django.http import HttpResponse
from ninja import Field, Header, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict

from jospar.analysis import services as an
from jospar.analysis.choices import (
    FactorGroup,
    FactorKind,
    ResolvedVia,
    RiskKind,
    RiskStatus,
    SourceType,
    SwotCategory,
)
from jospar.analysis.models import (
    Analysis,
    Factor,
    GoalProblem,
    Problem,
    ProblemLink,
    Risk,
    Source,
    SwotItem,
    SwotLink,
)
from jospar.core.models import Organization
from jospar.core.permissions import writing_organization_ids
from jospar.interchange import schema as s
from jospar.planning.access import RESTRICTED, access_document_by_code, sees_restricted_items
from jospar.planning.models import Goal, Indicator, Measure
from jospar.planning.services import NotAllowed

from ..auth import READ_AUTH, WRITE_AUTH, current_user
from ..errors import ApiError, forbidden, invalid_item, item, not_found
from ..refusals import attempt
from ..schemas import NO_NUL, ConflictOut, ErrorOut, Text
from ..versions import content_version, etag, parse_if_match
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


def _texts_sent(value: TextIn | None) -> dict[str, str] | None:
    """A change: only the languages sent (a change of the English text keeps the Kazakh and Russian)."""
    return None if value is None else value.model_dump(exclude_unset=True)


# ------------------------------------------------------------------------------------------- reading


@router.get("/{code}/analysis", response={200: AnalysisOut, **READ_ERRORS},
            summary="The analysis of the document: sources, factors, SWOT, problem tree (cl. 7-30)")
def get_analysis(request, code: s.DocCode):
    user = current_user(request)
    document = access_document_by_code(user, code)
    analysis = Analysis.objects.filter(document=document).first()
    if analysis is None or analysis_hidden(user, document):
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


def analysis_hidden(user, document) -> bool:
    """cl. 231-233: the analysis of a document whose "analysis" section is restricted is not shown to a reader
    who may not see the document's restricted items (as on the web pages)."""
    if sees_restricted_items(user, document):
        return False
    return document.sections.filter(key="analysis", confidentiality__in=RESTRICTED).exists()


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


# ------------------------------------------------------------------------- SWOT, problems, goals (cl. 17-30)
#
# Items are addressed by their codes inside the document (S1, P3, goal 1.1). Who writes: the developer's
# planners, first head and administrators (``planning.change_document``), as on the web pages; everyone else
# who sees the document gets 403, whoever does not see it 404. A problem is changed with the version read
# (If-Match or ``version``): the second of two people gets 409 with both versions.

CONFLICT_ERRORS = {**WRITE_ERRORS, 409: ConflictOut, 428: ErrorOut}
Reason = Annotated[str, Field(pattern=NO_NUL, max_length=500)]
Version = Annotated[str, Field(pattern=NO_NUL, max_length=100)]
IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=200)]
NoteText = Annotated[str, Field(pattern=NO_NUL, max_length=5000)]


class SwotItemIn(Schema):
    model_config = ConfigDict(extra="forbid")

    category: SwotCategory = Field(description="strength, weakness (internal), opportunity, threat (external); "
                                               "cl. 19-20")
    text: TextIn
    factor: Code | None = Field(None, description="the code of a factor of the analysis it follows from")
    code: Code | None = Field(None, description="S1, W1, O1, T1, ... when omitted")
    change_reason: Reason = ""


class SwotItemOut(Schema):
    code: str
    category: str
    aspect: str
    text: Text
    factor: str | None


class SwotLinkIn(Schema):
    model_config = ConfigDict(extra="forbid")

    first: Code
    second: Code
    note: NoteText = ""
    change_reason: Reason = ""


class SwotLinkOut(Schema):
    first: str
    second: str
    note: str


class ProblemFields(Schema):
    model_config = ConfigDict(extra="forbid")

    is_key: bool | None = Field(None, description="a key problem (cl. 23, 28)")
    relevant: bool | None = Field(None, description="cl. 24(1)")
    concrete: bool | None = Field(None, description="cl. 24(2)")
    brief: bool | None = Field(None, description="cl. 24(3)")
    criteria_note: NoteText | None = None
    expected_resolution: TextIn | None = Field(None, description="to what level it will be solved (cl. 28)")
    resolved_via: ResolvedVia | None = Field(None, description="how it is solved (cl. 28)")
    change_reason: Reason = ""


class ProblemIn(ProblemFields):
    text: TextIn = Field(description="the formulation (cl. 21); no repetition of another problem (cl. 25)")
    code: Code | None = Field(None, description="P1, P2, ... when omitted")
    cause: Code | None = Field(None, description="a problem this one is a consequence of (cl. 26)")


class ProblemPatch(ProblemFields):
    text: TextIn | None = None
    version: Version | None = Field(None, description="the version you read (or send If-Match)")


class ProblemOut(Schema):
    code: str
    text: Text
    is_key: bool
    relevant: bool
    concrete: bool
    brief: bool
    criteria_note: str
    expected_resolution: Text
    resolved_via: str
    causes: list[str] = Field(description="the problems that cause this one (cl. 26)")
    effects: list[str] = Field(description="the problems this one causes")
    goals: list[str] = Field(description="the goals formed on it (cl. 30)")
    version: str


class ProblemLinkIn(Schema):
    model_config = ConfigDict(extra="forbid")

    cause: Code
    effect: Code
    change_reason: Reason = ""


class ProblemLinkOut(Schema):
    cause: str
    effect: str


class GoalProblemIn(Schema):
    model_config = ConfigDict(extra="forbid")

    goal: Code
    problem: Code
    change_reason: Reason = ""


class GoalProblemOut(Schema):
    goal: str
    problem: str


class RiskPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    title: TextIn | None = None
    description: TextIn | None = None
    prevention: TextIn | None = None
    overcoming: TextIn | None = None
    kind: RiskKind | None = None
    owner: Annotated[str, Field(pattern=r"^[\w.\-]{1,60}$")] | None = Field(
        None, description="the responsible body (cl. 204)")
    goals: list[Code] | None = Field(None, max_length=200)
    indicators: list[Code] | None = Field(None, max_length=200)
    measures: list[Code] | None = Field(None, max_length=200)
    version: Version | None = Field(None, description="the version you read (or send If-Match)")
    change_reason: Reason = ""


class VersionedRiskOut(RiskOut):
    version: str = Field(description="send it back (If-Match or version) with a change")


def _writer_document(request, code: str):
    """The document, when the user may change its analysis and risks: 404 unseen, 403 seen but not writable."""
    user = current_user(request)
    document = access_document_by_code(user, code)
    if not user.has_perm("planning.change_document", document):
        raise forbidden("read_only" if not writing_organization_ids(user) else "other_organization")
    return user, document


def _analysis(document) -> Analysis:
    analysis = Analysis.objects.filter(document=document).first()
    if analysis is None:
        raise not_found()
    return analysis


def _one(model, path: str, lock: bool = False, **where):
    qs = model.objects.select_for_update(of=("self",)) if lock else model.objects
    found = qs.filter(**where).first()
    if found is None:
        if path == "address":
            raise not_found()
        raise ApiError(422, [invalid_item(path, f"no item with the code {where.get('code')} in this document")])
    return found


def _reason(value: str, default: str) -> str:
    return value or default


def _version_of(request, sent: str | None) -> str:
    version = sent or parse_if_match(request.headers.get("If-Match"))
    if not version:
        raise ApiError(428, [item("version_required")])
    return version


def _check(current: dict[str, Any], expected: str, yours: dict[str, Any]) -> None:
    if current["version"] != expected:
        raise ApiError(409, [item("version_conflict")], extra={"current": current,
                                                              "yours": {**yours, "version": expected}})


def swot_out(x: SwotItem) -> dict[str, Any]:
    return {"code": x.code, "category": x.category, "aspect": x.aspect, "text": texts(x, "text"),
            "factor": x.factor.code if x.factor_id else None}


def problem_out(p: Problem) -> dict[str, Any]:
    out = {"code": p.code, "text": texts(p, "text"), "is_key": p.is_key, "relevant": p.relevant,
           "concrete": p.concrete, "brief": p.brief, "criteria_note": p.criteria_note,
           "expected_resolution": texts(p, "expected_resolution"), "resolved_via": p.resolved_via}
    version = content_version(out)  # the fields a change sends; the links have their own endpoints
    return {**out, "causes": sorted(p.cause_links.values_list("cause__code", flat=True)),
            "effects": sorted(p.effect_links.values_list("effect__code", flat=True)),
            "goals": sorted(p.goal_links.values_list("goal__code", flat=True)), "version": version}


def risk_version(risk: Risk) -> str:
    """What a change of a risk sends (its text, kind, body and links) and its rating, hashed."""
    return content_version({
        **{name: texts(risk, name) for name in an.RISK_TEXTS}, "kind": risk.kind, "owner": risk.owner_id,
        "likelihood": risk.likelihood, "impact": risk.impact, "status": risk.status,
        "goals": sorted(risk.goals.values_list("code", flat=True)),
        "indicators": sorted(risk.indicators.values_list("code", flat=True)),
        "measures": sorted(risk.measures.values_list("code", flat=True)),
    })


REFUSED = (an.AnalysisRefused, NotAllowed)


@router.post("/{code}/analysis/swot", response={201: SwotItemOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Add a strength, weakness, opportunity or threat (cl. 17-20)")
def add_swot_item(request, response: HttpResponse, code: s.DocCode, data: SwotItemIn):
    user, document = _writer_document(request, code)
    analysis = _analysis(document)
    factor = _one(Factor, "$.factor", analysis=analysis, code=data.factor) if data.factor else None
    x = attempt(lambda: an.do_add_swot_item(analysis, category=data.category, text=_texts_in(data.text),
                                            factor=factor, code=data.code, acting_user=user,
                                            reason=_reason(data.change_reason, "SWOT item added through the API")),
                REFUSED, code="swot_refused", known=("text", "category", "code", "factor"))
    response["Location"] = f"/api/documents/{document.code}/analysis"
    return Status(201, swot_out(x))


@router.delete("/{code}/analysis/swot/{swot}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH,
               summary="Delete a SWOT item and its links (the history keeps them)")
def delete_swot_item(request, code: s.DocCode, swot: Code, reason: Reason = ""):
    user, document = _writer_document(request, code)
    with transaction.atomic():
        x = _one(SwotItem, "address", lock=True, analysis__document=document, code=swot)
        attempt(lambda: an.do_delete_analysis_item(x, acting_user=user,
                                                   reason=_reason(reason, "Deleted through the API")),
                REFUSED, code="delete_refused")
    return Status(204, None)


@router.post("/{code}/analysis/swot-links", response={201: SwotLinkOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Link two SWOT items of different categories (cl. 18)")
def link_swot(request, code: s.DocCode, data: SwotLinkIn):
    user, document = _writer_document(request, code)
    analysis = _analysis(document)
    first = _one(SwotItem, "$.first", analysis=analysis, code=data.first)
    second = _one(SwotItem, "$.second", analysis=analysis, code=data.second)
    link = attempt(lambda: an.do_link_swot(first, second, note=data.note, acting_user=user,
                                           reason=_reason(data.change_reason, "SWOT items linked through the API")),
                   REFUSED, code="link_refused")
    return Status(201, {"first": first.code, "second": second.code, "note": link.note})


@router.delete("/{code}/analysis/swot-links/{first}/{second}", response={204: None, **WRITE_ERRORS},
               auth=WRITE_AUTH, summary="Remove the link between two SWOT items (either order)")
def unlink_swot(request, code: s.DocCode, first: Code, second: Code, reason: Reason = ""):
    user, document = _writer_document(request, code)
    with transaction.atomic():
        pair = (first, second)
        link = (SwotLink.objects.select_for_update(of=("self",))
                .filter(first__analysis__document=document, first__code__in=pair, second__code__in=pair)
                .exclude(first__code=F("second__code")).first())
        if link is None:
            raise not_found()
        attempt(lambda: an.do_delete_analysis_item(link, acting_user=user,
                                                   reason=_reason(reason, "Unlinked through the API")),
                REFUSED, code="delete_refused")
    return Status(204, None)


@router.post("/{code}/analysis/problems", response={201: ProblemOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Formulate a problem (cl. 21-25), optionally as a consequence of another (cl. 26-27)")
def add_problem(request, response: HttpResponse, code: s.DocCode, data: ProblemIn):
    user, document = _writer_document(request, code)
    analysis = _analysis(document)
    cause = _one(Problem, "$.cause", analysis=analysis, code=data.cause) if data.cause else None
    reason = _reason(data.change_reason, "Problem added through the API")
    flags = {k: v for k, v in data.model_dump(include={"is_key", "relevant", "concrete", "brief", "criteria_note",
                                                        "resolved_via"}).items() if v is not None}

    def call():
        with transaction.atomic():  # the problem and its link, or nothing
            problem = an.do_add_problem(analysis, text=_texts_in(data.text),
                                        expected_resolution=_texts_in(data.expected_resolution), code=data.code,
                                        acting_user=user, reason=reason, **flags)
            if cause is not None:
                an.do_link_problems(cause, problem, acting_user=user, reason=reason)
            return problem

    problem = attempt(call, REFUSED, code="problem_refused")
    response["Location"] = f"/api/documents/{document.code}/analysis/problems/{problem.code}"
    return Status(201, problem_out(problem))


@router.get("/{code}/analysis/problems/{problem}", response={200: ProblemOut, **READ_ERRORS},
            summary="One problem with its causes, consequences, goals and version")
def get_problem(request, response: HttpResponse, code: s.DocCode, problem: Code):
    user = current_user(request)
    document = access_document_by_code(user, code)
    if analysis_hidden(user, document):
        raise not_found()
    out = problem_out(_one(Problem, "address", analysis__document=document, code=problem))
    response["ETag"] = etag(out["version"])
    return out


@router.patch("/{code}/analysis/problems/{problem}", response={200: ProblemOut, **CONFLICT_ERRORS}, auth=WRITE_AUTH,
              summary="Change a problem (If-Match or version; 409 with both versions when it changed meanwhile)")
def patch_problem(request, response: HttpResponse, code: s.DocCode, problem: Code, data: ProblemPatch):
    user, document = _writer_document(request, code)
    expected = _version_of(request, data.version)
    yours = data.model_dump(mode="json", exclude={"version", "change_reason"}, exclude_unset=True)
    fields = {k: v for k, v in data.model_dump(include={"is_key", "relevant", "concrete", "brief", "criteria_note",
                                                         "resolved_via"}).items() if v is not None}
    with transaction.atomic():
        x = _one(Problem, "address", lock=True, analysis__document=document, code=problem)
        _check(problem_out(x), expected, yours)
        attempt(lambda: an.do_update_problem(
            x, text=_texts_sent(data.text), expected_resolution=_texts_sent(data.expected_resolution),
            acting_user=user, reason=_reason(data.change_reason, "Changed through the API"), **fields),
            REFUSED, code="problem_refused")
    out = problem_out(Problem.objects.get(pk=x.pk))
    response["ETag"] = etag(out["version"])
    return out


@router.delete("/{code}/analysis/problems/{problem}", response={204: None, **CONFLICT_ERRORS}, auth=WRITE_AUTH,
               summary="Delete a problem and its cause-and-effect links; refused while a goal is formed on it "
                       "(cl. 30). If-Match, when sent, must be its version")
def delete_problem(request, code: s.DocCode, problem: Code, if_match: IfMatch = None, reason: Reason = ""):
    user, document = _writer_document(request, code)
    with transaction.atomic():
        x = _one(Problem, "address", lock=True, analysis__document=document, code=problem)
        expected = parse_if_match(if_match)
        if expected:
            _check(problem_out(x), expected, {})
        attempt(lambda: an.do_delete_analysis_item(x, acting_user=user,
                                                   reason=_reason(reason, "Deleted through the API")),
                REFUSED, code="delete_refused")
    return Status(204, None)


@router.post("/{code}/analysis/problem-links", response={201: ProblemLinkOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Record that a problem causes another (cl. 26); refused when it would make a cycle (cl. 27)")
def link_problems(request, code: s.DocCode, data: ProblemLinkIn):
    user, document = _writer_document(request, code)
    analysis = _analysis(document)
    cause = _one(Problem, "$.cause", analysis=analysis, code=data.cause)
    effect = _one(Problem, "$.effect", analysis=analysis, code=data.effect)
    if cause.pk == effect.pk:
        raise ApiError(422, [invalid_item("$.effect", "a problem cannot be a cause of itself (cl. 26-27)")])
    attempt(lambda: an.do_link_problems(cause, effect, acting_user=user,
                                        reason=_reason(data.change_reason, "Problems linked through the API")),
            REFUSED, code="link_refused")
    return Status(201, {"cause": cause.code, "effect": effect.code})


@router.delete("/{code}/analysis/problem-links/{cause}/{effect}", response={204: None, **WRITE_ERRORS},
               auth=WRITE_AUTH, summary="Remove a cause-and-effect link")
def unlink_problems(request, code: s.DocCode, cause: Code, effect: Code, reason: Reason = ""):
    user, document = _writer_document(request, code)
    with transaction.atomic():
        link = (ProblemLink.objects.select_for_update(of=("self",)).select_related("cause", "effect")
                .filter(cause__analysis__document=document, cause__code=cause, effect__code=effect).first())
        if link is None:
            raise not_found()
        attempt(lambda: an.do_unlink_problems(link.cause, link.effect, acting_user=user,
                                              reason=_reason(reason, "Unlinked through the API")),
                REFUSED, code="delete_refused")
    return Status(204, None)


@router.post("/{code}/analysis/goal-problems", response={201: GoalProblemOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Record that a goal is formed on a problem of the document (cl. 30)")
def link_goal_to_problem(request, code: s.DocCode, data: GoalProblemIn):
    user, document = _writer_document(request, code)
    analysis = _analysis(document)
    goal = _one(Goal, "$.goal", document=document, code=data.goal)
    problem = _one(Problem, "$.problem", analysis=analysis, code=data.problem)
    attempt(lambda: an.do_link_goal_to_problem(goal, problem, acting_user=user,
                                               reason=_reason(data.change_reason, "Goal linked through the API")),
            REFUSED, code="link_refused")
    return Status(201, {"goal": goal.code, "problem": problem.code})


@router.delete("/{code}/analysis/goal-problems/{goal}/{problem}", response={204: None, **WRITE_ERRORS},
               auth=WRITE_AUTH, summary="Remove the link between a goal and a problem")
def unlink_goal_from_problem(request, code: s.DocCode, goal: Code, problem: Code, reason: Reason = ""):
    user, document = _writer_document(request, code)
    with transaction.atomic():
        link = (GoalProblem.objects.select_for_update(of=("self",))
                .filter(problem__analysis__document=document, goal__document=document, goal__code=goal,
                        problem__code=problem).first())
        if link is None:
            raise not_found()
        attempt(lambda: an.do_delete_analysis_item(link, acting_user=user,
                                                   reason=_reason(reason, "Unlinked through the API")),
                REFUSED, code="delete_refused")
    return Status(204, None)


# ---------------------------------------------------------------------------- risks: change and delete


@router.patch("/{code}/risks/{risk}", response={200: VersionedRiskOut, **CONFLICT_ERRORS}, auth=WRITE_AUTH,
              summary="Change the text, kind, responsible body or links of a risk (cl. 198-204); its rating "
                      "changes by a review. If-Match or version; 409 with both versions")
def patch_risk(request, response: HttpResponse, code: s.DocCode, risk: Code, data: RiskPatch):
    user, document = _writer_document(request, code)
    expected = _version_of(request, data.version)
    yours = data.model_dump(mode="json", exclude={"version", "change_reason"}, exclude_unset=True)
    owner = None
    if data.owner is not None:
        owner = Organization.objects.filter(code=data.owner).first()
        if owner is None:
            raise ApiError(422, [invalid_item("$.owner", f"no organization with the code {data.owner}")])
    links = {name: _by_codes(model, document, getattr(data, name), f"$.{name}")
             for name, model in (("goals", Goal), ("indicators", Indicator), ("measures", Measure))
             if getattr(data, name) is not None}
    text_fields = {name: _texts_sent(getattr(data, name)) for name in an.RISK_TEXTS
                   if getattr(data, name) is not None}
    with transaction.atomic():
        x = _one(Risk, "address", lock=True, document=document, code=risk)
        current = {**risk_out(x, True), "version": risk_version(x)}
        _check(current, expected, yours)
        attempt(lambda: an.do_update_risk(x, kind=data.kind, owner=owner, acting_user=user,
                                          reason=_reason(data.change_reason, "Changed through the API"),
                                          **links, **text_fields),
                REFUSED, code="risk_refused")
    x = Risk.objects.select_related("owner").get(pk=x.pk)
    version = risk_version(x)
    response["ETag"] = etag(version)
    return {**risk_out(x, True), "version": version}


@router.delete("/{code}/risks/{risk}", response={204: None, **CONFLICT_ERRORS}, auth=WRITE_AUTH,
               summary="Delete a risk that has never been reviewed (a reviewed risk is closed instead, cl. 199-203)."
                       " If-Match, when sent, must be its version")
def delete_risk(request, code: s.DocCode, risk: Code, if_match: IfMatch = None, reason: Reason = ""):
    user, document = _writer_document(request, code)
    with transaction.atomic():
        x = _one(Risk, "address", lock=True, document=document, code=risk)
        expected = parse_if_match(if_match)
        if expected:
            _check({**risk_out(x, True), "version": risk_version(x)}, expected, {})
        attempt(lambda: an.do_delete_analysis_item(x, acting_user=user,
                                                   reason=_reason(reason, "Deleted through the API")),
                REFUSED, code="delete_refused")
    return Status(204, None)


# ------------------------------------------------------------- start the analysis; sources, factors, SWOT text


class StartIn(Schema):
    model_config = ConfigDict(extra="forbid")

    development_year: Annotated[int, Field(ge=1991, le=2100)] = Field(
        description="the year of development or correction (cl. 9)")
    data_years: list[Annotated[int, Field(ge=1991, le=2100)]] | None = Field(
        None, max_length=50, description="the three years before the year of development when omitted (cl. 9)")
    summary: TextIn | None = None
    change_reason: Reason = ""


class SourceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    type: SourceType = Field(description="one of the five types of sources of cl. 8")
    citation: TextIn
    url: Annotated[str, Field(pattern=NO_NUL, max_length=500)] = ""
    code: Code | None = Field(None, description="SRC1, SRC2, ... when omitted")
    change_reason: Reason = ""


class SourcePatch(Schema):
    model_config = ConfigDict(extra="forbid")

    type: SourceType | None = None
    citation: TextIn | None = Field(None, description="only the languages sent change")
    url: Annotated[str, Field(pattern=NO_NUL, max_length=500)] | None = None
    version: Version | None = Field(None, description="the version you read (or send If-Match)")
    change_reason: Reason = ""


class SourceOut(Schema):
    code: str
    type: str
    citation: Text
    url: str
    version: str


class FactorIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: FactorKind = Field(description="external or internal (cl. 11-13)")
    group: FactorGroup = Field(description="one of the seven groups of cl. 10")
    description: TextIn
    foreign_country: Annotated[str, Field(pattern=NO_NUL, max_length=200)] = ""
    foreign_comparison: TextIn | None = Field(None, description="the comparison with that country (cl. 15)")
    code: Code | None = Field(None, description="F1, F2, ... when omitted")
    change_reason: Reason = ""


class FactorPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: FactorKind | None = None
    group: FactorGroup | None = None
    description: TextIn | None = Field(None, description="only the languages sent change")
    foreign_country: Annotated[str, Field(pattern=NO_NUL, max_length=200)] | None = None
    foreign_comparison: TextIn | None = None
    version: Version | None = Field(None, description="the version you read (or send If-Match)")
    change_reason: Reason = ""


class FactorOut(Schema):
    code: str
    kind: str
    group: str
    description: Text
    foreign_country: str
    foreign_comparison: Text
    version: str


class SwotPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    text: TextIn | None = Field(None, description="only the languages sent change")
    factor: Annotated[str, Field(pattern=r"^([\w.\-]{1,40})?$")] | None = Field(
        None, description="the code of a factor it rests on; \"\" or null for none")
    version: Version | None = Field(None, description="the version you read (or send If-Match)")
    change_reason: Reason = ""


class VersionedSwotOut(SwotItemOut):
    version: str


def source_out(x: Source) -> dict[str, Any]:
    out = {"code": x.code, "type": x.type, "citation": texts(x, "citation"), "url": x.url}
    return {**out, "version": content_version(out)}


def factor_out(x: Factor) -> dict[str, Any]:
    out = {"code": x.code, "kind": x.kind, "group": x.group, "description": texts(x, "description"),
           "foreign_country": x.foreign_country, "foreign_comparison": texts(x, "foreign_comparison")}
    return {**out, "version": content_version(out)}


def versioned_swot_out(x: SwotItem) -> dict[str, Any]:
    out = swot_out(x)
    return {**out, "version": content_version(out)}


def _readable_analysis(request, code: str):
    user = current_user(request)
    document = access_document_by_code(user, code)
    if analysis_hidden(user, document):
        raise not_found()
    return document


@router.post("/{code}/analysis", response={200: AnalysisOut, 201: AnalysisOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Start the analysis (201) or change its year of development, data years and summary (200); "
                     "the data years default to the three years before the year of development (cl. 9)")
def start_analysis(request, response: HttpResponse, code: s.DocCode, data: StartIn):
    user, document = _writer_document(request, code)
    created = not Analysis.objects.filter(document=document).exists()
    attempt(lambda: an.do_start_analysis(
        document, development_year=data.development_year, data_years=data.data_years,
        summary=_texts_sent(data.summary), acting_user=user,
        reason=_reason(data.change_reason, "Analysis started through the API" if created else
                       "Analysis changed through the API")),
        REFUSED, code="analysis_refused", known=("data year", "year of development"))
    response["Location"] = f"/api/documents/{document.code}/analysis"
    return Status(201 if created else 200, get_analysis(request, code))


@router.post("/{code}/analysis/sources", response={201: SourceOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Add a source of information of one of the five types (cl. 8)")
def add_source(request, response: HttpResponse, code: s.DocCode, data: SourceIn):
    user, document = _writer_document(request, code)
    analysis = _analysis(document)
    x = attempt(lambda: an.do_add_source(analysis, type=data.type, citation=_texts_in(data.citation), url=data.url,
                                         code=data.code, acting_user=user,
                                         reason=_reason(data.change_reason, "Source added through the API")),
                REFUSED, code="source_refused", known=("citation", "address", "code", "type"))
    response["Location"] = f"/api/documents/{document.code}/analysis/sources/{x.code}"
    return Status(201, source_out(x))


@router.get("/{code}/analysis/sources/{source}", response={200: SourceOut, **READ_ERRORS},
            summary="One source with its version")
def get_source(request, response: HttpResponse, code: s.DocCode, source: Code):
    document = _readable_analysis(request, code)
    out = source_out(_one(Source, "address", analysis__document=document, code=source))
    response["ETag"] = etag(out["version"])
    return out


@router.patch("/{code}/analysis/sources/{source}", response={200: SourceOut, **CONFLICT_ERRORS}, auth=WRITE_AUTH,
              summary="Change a source (cl. 8): If-Match or version; 409 with both versions when it changed meanwhile")
def patch_source(request, response: HttpResponse, code: s.DocCode, source: Code, data: SourcePatch):
    user, document = _writer_document(request, code)
    expected = _version_of(request, data.version)
    yours = data.model_dump(mode="json", exclude={"version", "change_reason"}, exclude_unset=True)
    with transaction.atomic():
        x = _one(Source, "address", lock=True, analysis__document=document, code=source)
        _check(source_out(x), expected, yours)
        attempt(lambda: an.do_update_source(x, type=data.type, citation=_texts_sent(data.citation), url=data.url,
                                            acting_user=user,
                                            reason=_reason(data.change_reason, "Changed through the API")),
                REFUSED, code="source_refused", known=("citation", "address", "type"))
    out = source_out(Source.objects.get(pk=x.pk))
    response["ETag"] = etag(out["version"])
    return out


@router.post("/{code}/analysis/factors", response={201: FactorOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Add an external or internal factor in one of the seven groups (cl. 10-15)")
def add_factor(request, response: HttpResponse, code: s.DocCode, data: FactorIn):
    user, document = _writer_document(request, code)
    analysis = _analysis(document)
    x = attempt(lambda: an.do_add_factor(analysis, kind=data.kind, group=data.group,
                                         description=_texts_in(data.description),
                                         foreign_country=data.foreign_country.strip(),
                                         foreign_comparison=_texts_in(data.foreign_comparison), code=data.code,
                                         acting_user=user,
                                         reason=_reason(data.change_reason, "Factor added through the API")),
                REFUSED, code="factor_refused", known=("description", "kind", "group", "code"))
    response["Location"] = f"/api/documents/{document.code}/analysis/factors/{x.code}"
    return Status(201, factor_out(x))


@router.get("/{code}/analysis/factors/{factor}", response={200: FactorOut, **READ_ERRORS},
            summary="One factor with its version")
def get_factor(request, response: HttpResponse, code: s.DocCode, factor: Code):
    document = _readable_analysis(request, code)
    out = factor_out(_one(Factor, "address", analysis__document=document, code=factor))
    response["ETag"] = etag(out["version"])
    return out


@router.patch("/{code}/analysis/factors/{factor}", response={200: FactorOut, **CONFLICT_ERRORS}, auth=WRITE_AUTH,
              summary="Change a factor (cl. 10-15): If-Match or version; 409 with both versions when it changed "
                      "meanwhile")
def patch_factor(request, response: HttpResponse, code: s.DocCode, factor: Code, data: FactorPatch):
    user, document = _writer_document(request, code)
    expected = _version_of(request, data.version)
    yours = data.model_dump(mode="json", exclude={"version", "change_reason"}, exclude_unset=True)
    with transaction.atomic():
        x = _one(Factor, "address", lock=True, analysis__document=document, code=factor)
        _check(factor_out(x), expected, yours)
        attempt(lambda: an.do_update_factor(
            x, kind=data.kind, group=data.group, description=_texts_sent(data.description),
            foreign_country=data.foreign_country, foreign_comparison=_texts_sent(data.foreign_comparison),
            acting_user=user, reason=_reason(data.change_reason, "Changed through the API")),
            REFUSED, code="factor_refused", known=("description", "kind", "group"))
    out = factor_out(Factor.objects.get(pk=x.pk))
    response["ETag"] = etag(out["version"])
    return out


@router.get("/{code}/analysis/swot/{swot}", response={200: VersionedSwotOut, **READ_ERRORS},
            summary="One SWOT item with its version")
def get_swot_item(request, response: HttpResponse, code: s.DocCode, swot: Code):
    document = _readable_analysis(request, code)
    out = versioned_swot_out(_one(SwotItem, "address", analysis__document=document, code=swot))
    response["ETag"] = etag(out["version"])
    return out


@router.patch("/{code}/analysis/swot/{swot}", response={200: VersionedSwotOut, **CONFLICT_ERRORS}, auth=WRITE_AUTH,
              summary="Change the text of a SWOT item or the factor it rests on (its category is fixed: cl. 19-20). "
                      "If-Match or version; 409 with both versions")
def patch_swot_item(request, response: HttpResponse, code: s.DocCode, swot: Code, data: SwotPatch):
    user, document = _writer_document(request, code)
    expected = _version_of(request, data.version)
    yours = data.model_dump(mode="json", exclude={"version", "change_reason"}, exclude_unset=True)
    factor: Any = an.KEEP
    if "factor" in data.model_fields_set:
        factor = _one(Factor, "$.factor", analysis__document=document, code=data.factor) if data.factor else None
    with transaction.atomic():
        x = _one(SwotItem, "address", lock=True, analysis__document=document, code=swot)
        _check(versioned_swot_out(x), expected, yours)
        attempt(lambda: an.do_update_swot_item(x, text=_texts_sent(data.text), factor=factor, acting_user=user,
                                               reason=_reason(data.change_reason, "Changed through the API")),
                REFUSED, code="swot_refused", known=("text", "factor"))
    out = versioned_swot_out(SwotItem.objects.select_related("factor").get(pk=x.pk))
    response["ETag"] = etag(out["version"])
    return out
