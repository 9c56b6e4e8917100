"""Evaluation over REST (ch. 5): the conclusions on a document, with the five criteria of cl. 271.

Decision W2 of the web pages, the same here: a draft conclusion is shown only to the authorized bodies (and
superusers); an issued one to every reader of the document.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Router, Schema

from jospar.evaluation.models import Conclusion, ConclusionStatus
from jospar.interchange import schema as s
from jospar.planning.access import access_document_by_code

from ..auth import READ_AUTH, current_user
from ..errors import not_found
from ..schemas import ErrorOut

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


def _visible(user, document):
    qs = Conclusion.objects.filter(document=document).select_related("document", "drafted_by")
    if not user.has_perm("evaluation.view_draft_conclusion"):
        qs = qs.filter(status=ConclusionStatus.ISSUED)
    return qs


def conclusion_out(c: Conclusion, *, detail: bool = False) -> dict[str, Any]:
    out = {"document": c.document.code, "year": c.year, "final": c.final, "status": c.status,
           "drafted_by": c.drafted_by.username if c.drafted_by_id else None, "drafted_at": c.drafted_at}
    if detail:
        out.update(criteria=c.criteria, position=c.position, conclusions=c.conclusions)
    return out


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
