"""Official forms (Annexes 1-14) over REST: which annexes fit a document, and any of them as xlsx, docx or pdf.

Built by ``jospar.annexes.services``. A reader who may not see the restricted items of the document, and
anyone who asks for `public=true`, gets the public variant: restricted items left out, and only for a published,
open document (cl. 231-233).
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpResponse
from ninja import Field, Router, Schema

from jospar.annexes.services import ANNEXES, CONTENT_TYPES, FormError, build_form, file_name, render
from jospar.core.models import Organization
from jospar.core.permissions import writing_organization_ids
from jospar.interchange import schema as s
from jospar.planning.access import access_document_by_code, sees_restricted_items

from ..auth import READ_AUTH, current_user
from ..errors import ApiError, item
from ..refusals import attempt
from ..schemas import ErrorOut
from .common import request_language

router = Router(tags=["forms"], auth=READ_AUTH)

AnnexCode = Literal[tuple(ANNEXES)]  # type: ignore[valid-type]


class AnnexOut(Schema):
    annex: str
    clause: str
    report: bool = Field(description="an implementation report: takes the reporting year")
    formats: list[str]
    url: str


@router.get("/{code}/forms", response={200: list[AnnexOut], 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
            summary="The official forms (annexes) of the document")
def list_forms(request, code: s.DocCode):
    document = access_document_by_code(current_user(request), code)
    return [{"annex": spec.code, "clause": spec.clause, "report": spec.report, "formats": list(CONTENT_TYPES),
             "url": f"/api/documents/{document.code}/forms/{spec.code}"}
            for spec in ANNEXES.values() if document.type in spec.types]


@router.get("/{code}/forms/{annex}", response={200: bytes, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
            summary="One official form as a file (xlsx, docx or pdf); public=true for the publishable variant",
            openapi_extra={"responses": {200: {"description": "the file", "content": {
                ct: {"schema": {"type": "string", "format": "binary"}} for ct in CONTENT_TYPES.values()}}}})
def download_form(request, code: s.DocCode, annex: AnnexCode,
                  format: Literal["xlsx", "docx", "pdf"] = "xlsx",
                  year: Annotated[int, Field(ge=1991, le=2100)] | None = None,
                  lang: Literal["kk", "ru", "en"] | None = None, public: bool = False,
                  organization: Annotated[str, Field(pattern=r"^[\w.\-]{1,60}$")] | None = None):
    user = current_user(request)
    document = access_document_by_code(user, code)
    org = None
    if organization:
        org = Organization.objects.filter(code=organization, pk__in=writing_organization_ids(user)).first()
        if org is None and not user.is_superuser:
            raise ApiError(422, [item("invalid", path="$.query.organization",
                                      detail="not an organization in which you plan")])
        org = org or Organization.objects.filter(code=organization).first()
    public = public or not sees_restricted_items(user, document)
    language = request_language(request, lang)

    def build():
        return build_form(document, annex, year=year, lang=language, organization=org, public=public)

    form = attempt(build, (FormError, ValueError), code="form_refused", known=("year", "lang"))
    content = render(form, format)
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{file_name(form, format)}"'
    return response
