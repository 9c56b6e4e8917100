"""Evaluation over REST (ch. 5): the conclusions on a document, with the five criteria of cl. 271.

Decision W2 of the web pages, the same here: a draft conclusion is shown only to the authorized bodies (and
superusers); an issued one to every reader of the document.

Writes, as the conclusion page does (``jospar.evaluation.services``): the planners, heads and administrators of
the authorized body for state planning compute the criteria into the draft (``.../draft``) and write its texts
(PATCH: Annex 11 items 6 and 7, with the version read, so two people never overwrite each other); its first head
issues it (``.../issue``), after which it no longer changes (cl. 242, 257, 270-271). Anyone else gets 403; a
refusal of the service (a year outside the period, empty texts, an issued conclusion) 422 in kk/ru/en.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db import transaction
from django.http import HttpResponse
from ninja import Field, Header, Router, Schema
from pydantic import ConfigDict

from jospar.core.models import Authority, Role
from jospar.evaluation import services as ev
from jospar.evaluation.models import Conclusion, ConclusionStatus
from jospar.interchange import schema as s
from jospar.monitoring.services import EDITORS, MonitoringRefused
from jospar.planning.access import access_document_by_code

from ..auth import READ_AUTH, WRITE_AUTH, current_user
from ..errors import ApiError, forbidden, item, not_found
from ..refusals import attempt
from ..schemas import NO_NUL, ConflictOut, ErrorOut
from ..versions import content_version, etag, parse_if_match

router = Router(tags=["evaluation"], auth=READ_AUTH)


class ConclusionOut(Schema):
    document: str
    year: int
    final: bool = Field(description="on the whole period (cl. 230, 244)")
    status: str
    drafted_by: str | None
    drafted_at: dt.datetime | None


class ConclusionDetailOut(ConclusionOut):
    criteria: list[dict[str, Any]] = Field(
        description="the five criteria of cl. 271: number, title, clause, metrics (value, formula, inputs), findings")
    position: str = Field(description="Annex 11 item 6; cl. 271(2)")
    conclusions: str = Field(description="Annex 11 item 7; cl. 271(3)")
    version: str = Field(description="send it back (If-Match or version) to change the texts")


def _visible(user, document):
    qs = Conclusion.objects.filter(document=document).select_related("document", "drafted_by")
    if not user.has_perm("evaluation.view_draft_conclusion"):
        qs = qs.filter(status=ConclusionStatus.ISSUED)
    return qs


def conclusion_out(c: Conclusion, *, detail: bool = False) -> dict[str, Any]:
    out = {"document": c.document.code, "year": c.year, "final": c.final, "status": c.status,
           "drafted_by": c.drafted_by.username if c.drafted_by_id else None, "drafted_at": c.drafted_at}
    if detail:
        out.update(criteria=c.criteria, position=c.position, conclusions=c.conclusions, version=_version(c))
    return out


def _version(c: Conclusion) -> str:
    """The concurrency version: a hash of the texts, the status and when the criteria were computed."""
    return content_version({"position": c.position, "conclusions": c.conclusions, "status": c.status,
                            "drafted_at": c.drafted_at.isoformat() if c.drafted_at else None})


@router.get("/{code}/conclusions", response={200: list[ConclusionOut], 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
            summary="Conclusions on the monitoring results of the document (Annex 11)")
def list_conclusions(request, code: s.DocCode):
    user = current_user(request)
    document = access_document_by_code(user, code)
    return [conclusion_out(c) for c in _visible(user, document).order_by("year", "final")]


@router.get("/{code}/conclusions/{year}",
            response={200: ConclusionDetailOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
            summary="The conclusion of a year with its criteria and calculations (final=true: the whole period)")
def get_conclusion(request, code: s.DocCode, year: Annotated[int, Field(ge=1991, le=2100)], final: bool = False):
    user = current_user(request)
    document = access_document_by_code(user, code)
    c = _visible(user, document).filter(year=year, final=final).first()
    if c is None:
        raise not_found()
    return conclusion_out(c, detail=True)


# --------------------------------------------------------------------------------------------- writing

WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ErrorOut, 428: ErrorOut}
Year = Annotated[int, Field(ge=1991, le=2100)]
LongText = Annotated[str, Field(pattern=NO_NUL, max_length=20000)]
Reason = Annotated[str, Field(pattern=NO_NUL, max_length=500)]


def _state_planning_roles(user) -> set[str]:
    return set(user.memberships.filter(organization__authority=Authority.STATE_PLANNING)
               .values_list("role", flat=True))


def _writer(request, code: str, *, issue: bool = False):
    """The user and document when the user may write (issue) a conclusion; 403 otherwise (cl. 242, 257)."""
    user = current_user(request)
    document = access_document_by_code(user, code)
    if not user.is_superuser:
        roles = _state_planning_roles(user)
        if not roles & set(EDITORS):
            raise forbidden("state_planning")
        if issue and Role.HEAD not in roles:
            raise forbidden("state_planning_head")
    return user, document


def _existing(document, year: int, final: bool) -> Conclusion:
    """The draft to change: 409 when there is none yet or it is issued (an issued conclusion no longer changes)."""
    # of=("self",): PostgreSQL locks no row on the nullable side of the outer join to drafted_by
    c = Conclusion.objects.select_for_update(of=("self",)).select_related("document", "drafted_by").filter(
        document=document, year=year, final=final).first()
    if c is None:
        raise ApiError(409, [item("no_draft_conclusion")], extra={"current": {}, "yours": {}})
    if c.status != ConclusionStatus.DRAFT:
        raise ApiError(409, [item("wrong_status", status=c.get_status_display(),
                                  allowed=ConclusionStatus.DRAFT.label)],
                       extra={"current": {"status": c.status, "version": _version(c)}, "yours": {}})
    return c


def _detail(c: Conclusion) -> dict[str, Any]:
    return conclusion_out(Conclusion.objects.select_related("document", "drafted_by").get(pk=c.pk), detail=True)


def _check_version(c: Conclusion, expected: str | None, yours: dict[str, Any]) -> None:
    if not expected:
        raise ApiError(428, [item("version_required")])
    if expected != _version(c):
        raise ApiError(409, [item("version_conflict")],
                       extra={"current": conclusion_out(c, detail=True), "yours": {**yours, "version": expected}})


class DraftIn(Schema):
    model_config = ConfigDict(extra="forbid")

    change_reason: Reason = Field("", description="kept in the history")


class TextsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    position: LongText | None = Field(None, description="Annex 11 item 6; cl. 271(2)")
    conclusions: LongText | None = Field(None, description="Annex 11 item 7; cl. 271(3)")
    version: Annotated[str, Field(pattern=NO_NUL, max_length=100)] | None = Field(
        None, description="the version you read (or send If-Match)")
    change_reason: Reason = ""


class IssueIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: Annotated[str, Field(pattern=NO_NUL, max_length=100)] | None = Field(
        None, description="the version you read (or send If-Match): you issue what you saw")
    change_reason: Reason = ""


@router.post("/{code}/conclusions/{year}/draft", response={200: ConclusionDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Compute the five criteria of cl. 271 into the draft conclusion (authorized body for state "
                     "planning; its texts are kept)")
def draft_conclusion(request, response: HttpResponse, code: s.DocCode, year: Year, data: DraftIn,
                     final: bool = False):
    user, document = _writer(request, code)
    c = attempt(lambda: ev.do_draft_conclusion(document, year, acting_user=user, final=final,
                                               reason=data.change_reason),
                (MonitoringRefused,), code="conclusion_refused")
    out = _detail(c)
    response["ETag"] = etag(out["version"])
    return out


@router.patch("/{code}/conclusions/{year}", response={200: ConclusionDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
              summary="Write the texts of the draft conclusion: position (Annex 11 item 6) and conclusions and "
                      "proposals (item 7)")
def write_conclusion(request, response: HttpResponse, code: s.DocCode, year: Year, data: TextsIn,
                     final: bool = False,
                     if_match: Annotated[str | None, Header(alias="If-Match", max_length=200)] = None):
    user, document = _writer(request, code)
    with transaction.atomic():
        c = _existing(document, year, final)
        _check_version(c, data.version or parse_if_match(if_match),
                       data.model_dump(exclude={"version", "change_reason"}, exclude_none=True))
        c = attempt(lambda: ev.do_write_conclusion(c, acting_user=user, position=data.position,
                                                   conclusions=data.conclusions, reason=data.change_reason),
                    (MonitoringRefused,), code="conclusion_refused", known=("position", "conclusions"))
    out = _detail(c)
    response["ETag"] = etag(out["version"])
    return out


@router.post("/{code}/conclusions/{year}/issue", response={200: ConclusionDetailOut, **WRITE_ERRORS},
             auth=WRITE_AUTH,
             summary="Issue the conclusion (the first head of the authorized body for state planning); it no longer "
                     "changes")
def issue_conclusion(request, response: HttpResponse, code: s.DocCode, year: Year, data: IssueIn,
                     final: bool = False,
                     if_match: Annotated[str | None, Header(alias="If-Match", max_length=200)] = None):
    user, document = _writer(request, code, issue=True)
    with transaction.atomic():
        c = _existing(document, year, final)
        _check_version(c, data.version or parse_if_match(if_match), {})
        c = attempt(lambda: ev.do_issue_conclusion(c, acting_user=user, reason=data.change_reason),
                    (MonitoringRefused,), code="conclusion_refused", known=("position", "conclusions"))
    out = _detail(c)
    response["ETag"] = etag(out["version"])
    return out
