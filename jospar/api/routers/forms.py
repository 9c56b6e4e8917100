"""Official forms (Annexes 1-14) over REST: which annexes fit a document, and any of them as xlsx, docx or pdf;
a filled-in report workbook uploaded back.

Built by ``jospar.annexes.services``. A reader who may not see the restricted items of the document, and
anyone who asks for `public=true`, gets the public variant: restricted items left out, and only for a published,
open document (cl. 231-233).

Upload (``POST /{code}/forms/{annex}``, multipart): the workbook an organization downloaded with
``organization=...`` (its part of the report of Annexes 10, 12, 13, 14 or 14-districts; cl. 240, 254, 266), filled
in, goes through ``jospar.annexes.roundtrip.do_apply_workbook`` as on the forms page: ``dry_run=true`` (the
default) answers the changes it would make, otherwise they are written, all or nothing, with history. A rejected
workbook is a 422 with one problem per sheet and cell (path ``$.file['Annex 14'].D12``) in kk/ru/en; nothing is
written then.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile

from jospar.annexes.roundtrip import IMPORTABLE, Change, WorkbookRejected, do_apply_workbook
from jospar.annexes.services import ANNEXES, CONTENT_TYPES, FormError, build_form, file_name, render
from jospar.core.models import Organization
from jospar.core.permissions import writing_organization_ids
from jospar.interchange import schema as s
from jospar.planning.access import access_document_by_code, sees_restricted_items

from ..auth import READ_AUTH, WRITE_AUTH, current_user
from ..errors import LANGS, ApiError, forbidden, item
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


# ---------------------------------------------------------------------------------------------- upload

MAX_WORKBOOK = 20 * 1024 * 1024  # as on the forms page
ImportableAnnex = Literal[IMPORTABLE]  # type: ignore[valid-type]


class ChangeOut(Schema):
    sheet: str
    cell: str
    target: str = Field(description="indicator_value, financing or measure_execution")
    key: str = Field(description="the hidden key of the row: document:item:year...")
    field: str
    old: str | None
    new: str | None


class WorkbookOut(Schema):
    document: str
    annex: str
    year: int | None
    organization: str
    dry_run: bool
    written: bool = Field(description="true when the changes were written (never on a dry run or with no change)")
    changes: list[ChangeOut]


def _text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, tuple):  # a measure's status with its comment
        return " — ".join(str(v) for v in value if v not in (None, ""))
    return str(value)


def _change_out(c: Change) -> dict:
    return {"sheet": c.sheet, "cell": c.cell, "target": c.target, "key": c.key, "field": c.field,
            "old": _text(c.old), "new": _text(c.new)}


def _problem_path(p) -> str:
    if not p.sheet:
        return "$.file"
    sheet = p.sheet.replace("'", "\\'")
    return f"$.file['{sheet}']" + (f".{p.cell}" if p.cell else "")


class _Rollback(Exception):
    pass


def _rejection(run, first: WorkbookRejected) -> ApiError:
    """Every problem of the workbook with its sheet and cell, in kk, ru and en (each run rolled back)."""
    rendered: dict[str, list[str]] = {}
    for lang in LANGS:
        try:
            with translation.override(lang), transaction.atomic():
                run()
                raise _Rollback
        except WorkbookRejected as exc:
            rendered[lang] = [str(p) for p in exc.problems]
        except _Rollback:  # pragma: no cover - the same file is refused again
            pass
    errors = []
    for n, p in enumerate(first.problems):
        message = {lang: (rendered.get(lang) or [])[n] if n < len(rendered.get(lang) or []) else str(p)
                   for lang in LANGS}
        errors.append({"path": _problem_path(p), "code": "workbook_rejected", "message": message})
    return ApiError(422, errors)


@router.post("/{code}/forms/{annex}", response={200: WorkbookOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                                422: ErrorOut},
             auth=WRITE_AUTH,
             summary="Upload a filled-in report workbook (Annexes 10, 12, 13, 14): dry_run=true shows the changes, "
                     "dry_run=false writes them, all or nothing (cl. 240, 254, 266)")
def upload_form(request, code: s.DocCode, annex: ImportableAnnex, file: File[UploadedFile],
                organization: Form[Annotated[str, Field(pattern=r"^[\w.\-]{1,60}$",
                                                        description="on behalf of: an organization in which you "
                                                                    "plan, whose part the workbook is")]],
                dry_run: Form[bool] = True,
                reason: Form[Annotated[str, Field("", pattern=r"^[^\x00]*$", max_length=500,
                                                  description="kept in the history")]] = ""):
    user = current_user(request)
    document = access_document_by_code(user, code)
    org = Organization.objects.filter(code=organization).first()
    if org is None or not (user.is_superuser or org.pk in writing_organization_ids(user)):
        raise forbidden("workbook")
    if file.size is not None and file.size > MAX_WORKBOOK:
        raise ApiError(422, [item("file_too_large", path="$.file", limit=MAX_WORKBOOK // (1024 * 1024))])
    content = file.read()

    def run():
        result = do_apply_workbook(content, organization=org, acting_user=user, reason=reason, dry_run=dry_run)
        theirs = (result.form.meta.get("document", ""), result.form.annex)
        if theirs != (document.code, annex):
            raise _Mismatch(theirs)
        return result

    try:
        with transaction.atomic():
            result = run()
    except WorkbookRejected as exc:
        raise _rejection(run, exc) from None
    except _Mismatch as exc:
        raise ApiError(422, [item("workbook_mismatch", path="$.file",
                                  theirs=f"Annex {exc.theirs[1]} of {exc.theirs[0]}",
                                  ours=f"Annex {annex} of {document.code}")]) from None
    year = result.form.meta.get("year")
    return {"document": document.code, "annex": result.form.annex,
            "year": int(year) if year and str(year).isdigit() else None, "organization": org.code,
            "dry_run": dry_run, "written": result.written, "changes": [_change_out(c) for c in result.changes]}


class _Mismatch(Exception):
    def __init__(self, theirs: tuple[str, str]):
        self.theirs = theirs
        super().__init__(theirs)
