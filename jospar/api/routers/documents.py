"""Documents and their items: read what you may see, write what is yours, with the history of every write.

Reads go through `jospar.planning.access` (404 for what the user may not see, restricted items hidden from
who may not see them: cl. 231-233); writes through `user.has_perm(...)` (jospar.core.permissions) and the
`do_*` services, each with the acting user and the reason; concurrent edits are refused with 409.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.db import transaction
from django.http import HttpResponse
from ninja import Field, Header, Query, Router
from ninja.responses import Status

from jospar.core.models import Organization
from jospar.core.permissions import writing_organization_ids
from jospar.interchange import schema as s
from jospar.interchange.services import ImportRejected, do_import_document, parse_payload
from jospar.planning.access import (
    access_document_by_code,
    sees_restricted_items,
    visible_documents,
    visible_items,
    visible_payload,
)
from jospar.planning.choices import Confidentiality, FinancingSource
from jospar.planning.models import Document, Financing, Indicator, IndicatorValue, Measure
from jospar.planning.services import EDITABLE_STATUSES

from ..auth import READ_AUTH, WRITE_AUTH, current_user
from ..errors import ApiError, forbidden, invalid_item, item, not_found
from ..history import document_history, history_csv
from ..pagination import Page, PageParams, page
from ..schemas import (
    ConflictOut,
    DocumentDetailOut,
    DocumentFilter,
    DocumentOut,
    ErrorOut,
    FinancingOut,
    FinancingPatch,
    HistoryEntryOut,
    IndicatorDetailOut,
    IndicatorFilter,
    IndicatorOut,
    IndicatorValueOut,
    IndicatorValuePatch,
    MeasureDetailOut,
    MeasureFilter,
    MeasureOut,
)
from ..services import VersionConflict, do_update_financing, do_update_indicator_value
from ..versions import document_version, etag, financing_version, parse_if_match, value_version

router = Router(tags=["documents"], auth=READ_AUTH)

READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ErrorOut, 428: ErrorOut}
Year = Annotated[int, Field(ge=1991, le=2100)]
Quarter = Annotated[int, Field(ge=0, le=4, description="0 = the whole year")]
DEFAULT_REASON = "Changed through the API"


def _text(obj, name: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{name}_{lang}") or "" for lang in ("kk", "ru", "en")}


def _code(obj) -> str | None:
    return obj.code if obj is not None else None


# ----------------------------------------------------------------------------------------- converters


def document_out(d: Document) -> dict:
    return {
        "code": d.code, "type": d.type, "title": _text(d, "title"), "period_start": d.period_start,
        "period_end": d.period_end, "developer": d.developer.code,
        "co_executors": sorted(o.code for o in d.co_executors.all()),
        "territory": d.territory.kato if d.territory_id else None, "status": d.status,
        "confidentiality": d.confidentiality, "version": d.version,
        "approval_act": {"name": d.approval_act_name, "number": d.approval_act_number, "date": d.approval_act_date},
    }


def document_version_for(user, d: Document) -> str:
    return document_version(d, sees_restricted=sees_restricted_items(user, d))


def document_detail(user, d: Document) -> tuple[dict, str]:
    keep = sees_restricted_items(user, d)
    version = document_version(d, sees_restricted=keep)
    indicators, measures = Indicator.objects.filter(document=d), Measure.objects.filter(document=d)
    if not keep:  # what the export shows this reader (strip_restricted, cl. 231-233)
        indicators = indicators.filter(confidentiality=Confidentiality.OPEN)
        measures = measures.filter(confidentiality=Confidentiality.OPEN)
    out = document_out(d)
    out.update(content_version=version, indicator_count=indicators.count(), measure_count=measures.count())
    return out, version


def value_out(v: IndicatorValue, indicator_code: str) -> dict:
    return {"indicator": indicator_code, "year": v.year, "quarter": v.quarter, "plan": v.plan,
            "corrected_plan": v.corrected_plan, "fact": v.fact, "reason": v.reason, "version": value_version(v)}


def indicator_out(i: Indicator) -> dict:
    return {
        "code": i.code, "kind": i.kind, "title": _text(i, "title"), "unit": _text(i, "unit"),
        "direction": _code(i.direction), "goal": _code(i.goal), "task": _code(i.task), "polarity": i.polarity,
        "baseline_year": i.baseline_year, "baseline_value": i.baseline_value, "final_year": i.final_year,
        "responsible": _code(i.responsible), "co_executors": sorted(o.code for o in i.co_executors.all()),
        "territory": i.territory.kato if i.territory_id else None, "confidentiality": i.confidentiality,
    }


def financing_out(f: Financing, measure_code: str) -> dict:
    return {
        "measure": measure_code, "year": f.year, "source": f.source, "budget_level": f.budget_level,
        "budget_program_code": f.budget_program_code, "administrator": _code(f.administrator), "plan": f.plan,
        "corrected_plan": f.corrected_plan, "absorbed": f.absorbed, "reason_unabsorbed": f.reason_unabsorbed,
        "version": financing_version(f),
    }


def measure_out(m: Measure) -> dict:
    return {
        "code": m.code, "title": _text(m, "title"), "goal": _code(m.goal), "task": _code(m.task),
        "indicators": sorted(i.code for i in m.indicators.all()), "completion_form": _text(m, "completion_form"),
        "deadline": m.deadline, "deadline_text": _text(m, "deadline_text"), "responsible": _code(m.responsible),
        "co_executors": sorted(o.code for o in m.co_executors.all()),
        "territory": m.territory.kato if m.territory_id else None, "confidentiality": m.confidentiality,
    }


# -------------------------------------------------------------------------------------------- lookups


def _document(request, code: str) -> Document:
    return access_document_by_code(current_user(request), code)


def _indicator(request, document: Document, code: str) -> Indicator:
    qs = visible_items(current_user(request), document, Indicator.objects.filter(document=document))
    found = qs.select_related("direction", "goal", "task", "responsible", "territory").filter(code=code).first()
    if found is None:
        raise not_found()
    return found


def _measure(request, document: Document, code: str) -> Measure:
    qs = visible_items(current_user(request), document, Measure.objects.filter(document=document))
    found = qs.select_related("goal", "task", "responsible", "territory").filter(code=code).first()
    if found is None:
        raise not_found()
    return found


def _require(user, perm: str, obj, why_other: str = "other_organization") -> None:
    if user.has_perm(perm, obj):
        return
    raise forbidden("read_only" if not writing_organization_ids(user) else why_other)


def _expected_version(request, body_version: str | None) -> str:
    version = body_version or parse_if_match(request.headers.get("If-Match"))
    if not version:
        raise ApiError(428, [item("version_required")])
    return version


def import_problem_item(problem) -> dict:
    """One problem of the interchange importer in the error shape. Its `code` is the problem's own stable code
    when the importer gives one (``Problem.code``), else ``invalid_document``; the kk/ru messages quote the
    English rule until the importer gives a msgid with parameters (``Problem.message``/``params``)."""
    code = getattr(problem, "code", None) or "invalid_document"
    out = invalid_item(problem.path, problem.rule, code=code)
    msgid, params = getattr(problem, "message", None), getattr(problem, "params", None)
    if msgid:
        from django.utils import translation

        for lang in ("kk", "ru", "en"):
            with translation.override(lang):
                text = translation.gettext(msgid)
                out["message"][lang] = text % params if params else text
    return out


def _parse(request) -> s.DocumentPayload:
    try:
        return parse_payload(request.body)
    except ImportRejected as exc:
        raise ApiError(422, [import_problem_item(p) for p in exc.problems]) from None


def _import(payload: s.DocumentPayload, user, reason: str) -> Document:
    try:
        return do_import_document(payload, acting_user=user, reason=reason).document
    except ImportRejected as exc:
        raise ApiError(422, [import_problem_item(p) for p in exc.problems]) from None


# ------------------------------------------------------------------------------------------ documents


@router.get("", response={200: Page[DocumentOut], **READ_ERRORS}, summary="Documents you may see")
def list_documents(request, filters: Query[DocumentFilter], pagination: Query[PageParams]):
    qs = visible_documents(current_user(request)).select_related("developer", "territory")
    qs = filters.filter(qs).prefetch_related("co_executors").order_by("type", "code")
    return page(qs, pagination, document_out)


@router.post("", response={201: DocumentDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Create a document from its interchange JSON")
def create_document(request, response: HttpResponse, payload: s.DocumentPayload, reason: str = Query("", max_length=500, pattern=r"^[^\x00]*$", description="why: kept in the history")):
    user = current_user(request)
    payload = _parse(request)
    developer = Organization.objects.filter(code=payload.developer).first()
    if developer is not None and not user.has_perm("planning.add_document", developer):
        raise forbidden("read_only" if not writing_organization_ids(user) else "developer")
    with transaction.atomic():
        if Document.objects.select_for_update().filter(code=payload.code).exists():
            raise ApiError(409, [item("conflict_exists", path="$.code", document=payload.code)],
                           extra={"current": {"code": payload.code}, "yours": {"code": payload.code}})
        document = _import(payload, user, reason or "Created through the API")
    out, version = document_detail(user, document)
    response["ETag"] = etag(version)
    response["Location"] = f"/api/documents/{document.code}"
    return Status(201, out)


@router.get("/{code}", response={200: DocumentDetailOut, **READ_ERRORS}, summary="One document")
def get_document(request, response: HttpResponse, code: s.DocCode):
    document = _document(request, code)
    out, version = document_detail(current_user(request), document)
    response["ETag"] = etag(version)
    return out


@router.put("/{code}", response={200: DocumentDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
            summary="Replace a whole document with its interchange JSON (If-Match: its content_version)")
def replace_document(request, response: HttpResponse, code: s.DocCode, payload: s.DocumentPayload,
                     reason: str = Query("", max_length=500, pattern=r"^[^\x00]*$", description="why: kept in the history"),
                     if_match: Annotated[str | None, Header(alias="If-Match", max_length=200)] = None):
    user = current_user(request)
    document = _document(request, code)
    _require(user, "planning.change_document", document)
    if document.status not in EDITABLE_STATUSES:
        # cl. 205-214: an approved document changes only by a correction that makes a new version.
        raise ApiError(409, [item("not_editable", status=document.get_status_display())],
                       extra={"current": {"status": document.status}, "yours": {}})
    payload = _parse(request)
    if payload.code != code:
        raise ApiError(422, [item("code_mismatch", path="$.code", body=payload.code, address=code)])
    if payload.developer != document.developer.code:
        developer = Organization.objects.filter(code=payload.developer).first()
        if developer is not None and not user.has_perm("planning.add_document", developer):
            raise forbidden("developer")
    expected = _expected_version(request, None)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        current_version = document_version_for(user, locked)
        if current_version != expected:
            current = visible_payload(user, locked)
            raise ApiError(409, [item("version_conflict")], extra={
                "current": {"content_version": current_version, "document": current.model_dump(mode="json")},
                "yours": {"content_version": expected},
            })
        document = _import(payload, user, reason or DEFAULT_REASON)
    out, version = document_detail(user, document)
    response["ETag"] = etag(version)
    return out


@router.get("/{code}/export", response={200: s.DocumentPayload, **READ_ERRORS},
            summary="The document in the JSON interchange format (only what you may see)")
def export_document(request, response: HttpResponse, code: s.DocCode):
    document = _document(request, code)
    user = current_user(request)
    payload = visible_payload(user, document)
    response["ETag"] = etag(document_version_for(user, document))
    response["Content-Disposition"] = f'inline; filename="{document.code}.json"'
    return payload


HistoryModel = Literal["document", "section", "direction", "goal", "task", "indicator", "indicator_value",
                       "indicator_co_executor", "decomposition_link", "measure", "financing"]


def _history_response(entries, pagination: PageParams, fmt: str, filename: str):
    if fmt == "csv":
        response = HttpResponse(history_csv(entries), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.history.csv"'
        return response
    return page(entries, pagination, lambda e: e)


@router.get("/{code}/history", response={200: Page[HistoryEntryOut], **READ_ERRORS},
            summary="Who changed what, when and why in the document and its items (format=csv to export)")
def document_history_view(request, code: s.DocCode, pagination: Query[PageParams],
                          model: HistoryModel | None = None, format: Literal["json", "csv"] = "json"):
    document = _document(request, code)
    entries = document_history(current_user(request), document, model=model)
    return _history_response(entries, pagination, format, document.code)


# ----------------------------------------------------------------------------------------- indicators


@router.get("/{code}/indicators", response={200: Page[IndicatorOut], **READ_ERRORS}, summary="Indicators")
def list_indicators(request, code: s.DocCode, filters: Query[IndicatorFilter], pagination: Query[PageParams]):
    document = _document(request, code)
    qs = visible_items(current_user(request), document, Indicator.objects.filter(document=document))
    qs = filters.filter(qs).select_related("direction", "goal", "task", "responsible", "territory")
    return page(qs.prefetch_related("co_executors").order_by("order", "code"), pagination, indicator_out)


@router.get("/{code}/indicators/{indicator}", response={200: IndicatorDetailOut, **READ_ERRORS},
            summary="One indicator with its values")
def get_indicator(request, code: s.DocCode, indicator: s.Code):
    ind = _indicator(request, _document(request, code), indicator)
    out = indicator_out(ind)
    out["values"] = [value_out(v, ind.code) for v in ind.values.order_by("year", "quarter")]
    return out


@router.get("/{code}/indicators/{indicator}/history", response={200: Page[HistoryEntryOut], **READ_ERRORS},
            summary="History of one indicator")
def indicator_history(request, code: s.DocCode, indicator: s.Code, pagination: Query[PageParams],
                      format: Literal["json", "csv"] = "json"):
    document = _document(request, code)
    ind = _indicator(request, document, indicator)
    entries = document_history(current_user(request), document, model="indicator", object_id=ind.pk)
    return _history_response(entries, pagination, format, f"{document.code}.{ind.code}")


@router.get("/{code}/indicators/{indicator}/values", response={200: list[IndicatorValueOut], **READ_ERRORS},
            summary="Values of an indicator: plan, corrected plan, fact, reason, by year and quarter")
def list_values(request, code: s.DocCode, indicator: s.Code):
    ind = _indicator(request, _document(request, code), indicator)
    return [value_out(v, ind.code) for v in ind.values.order_by("year", "quarter")]


def _value(request, code: str, indicator: str, year: int, quarter: int) -> tuple[Document, Indicator, IndicatorValue]:
    document = _document(request, code)
    ind = _indicator(request, document, indicator)
    value = IndicatorValue.objects.filter(indicator=ind, year=year, quarter=quarter).first()
    if value is None:
        raise not_found()
    return document, ind, value


@router.get("/{code}/indicators/{indicator}/values/{year}/{quarter}",
            response={200: IndicatorValueOut, **READ_ERRORS}, summary="One value (quarter 0 = the year)")
def get_value(request, response: HttpResponse, code: s.DocCode, indicator: s.Code, year: Year, quarter: Quarter):
    _, ind, value = _value(request, code, indicator, year, quarter)
    out = value_out(value, ind.code)
    response["ETag"] = etag(out["version"])
    return out


@router.patch("/{code}/indicators/{indicator}/values/{year}/{quarter}",
              response={200: IndicatorValueOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
              summary="Set the fact, the reason for a deviation or the corrected plan (If-Match or version)")
def patch_value(request, response: HttpResponse, code: s.DocCode, indicator: s.Code, year: Year, quarter: Quarter,
                patch: IndicatorValuePatch):
    user = current_user(request)
    _, ind, value = _value(request, code, indicator, year, quarter)
    _require(user, "planning.change_indicator", ind, "not_your_part")
    expected = _expected_version(request, patch.version)
    changes = {name: getattr(patch, name) for name in ("fact", "reason", "corrected_plan")
               if name in patch.model_fields_set}
    try:
        do_update_indicator_value(value, changes, expected_version=expected, acting_user=user,
                                  reason=patch.change_reason or DEFAULT_REASON)
    except VersionConflict as conflict:
        raise ApiError(409, [item("version_conflict")], extra={
            "current": _jsonable(value_out(conflict.current, ind.code)),
            "yours": _jsonable({**changes, "version": expected}),
        }) from None
    out = value_out(value, ind.code)
    response["ETag"] = etag(out["version"])
    return out


@router.get("/{code}/indicators/{indicator}/values/{year}/{quarter}/history",
            response={200: Page[HistoryEntryOut], **READ_ERRORS}, summary="History of one value")
def value_history(request, code: s.DocCode, indicator: s.Code, year: Year, quarter: Quarter,
                  pagination: Query[PageParams], format: Literal["json", "csv"] = "json"):
    document, ind, value = _value(request, code, indicator, year, quarter)
    entries = document_history(current_user(request), document, model="indicator_value", object_id=value.pk)
    return _history_response(entries, pagination, format, f"{document.code}.{ind.code}.{year}.{quarter}")


# ------------------------------------------------------------------------------------------- measures


@router.get("/{code}/measures", response={200: Page[MeasureOut], **READ_ERRORS}, summary="Measures")
def list_measures(request, code: s.DocCode, filters: Query[MeasureFilter], pagination: Query[PageParams]):
    document = _document(request, code)
    qs = visible_items(current_user(request), document, Measure.objects.filter(document=document))
    qs = filters.filter(qs).select_related("goal", "task", "responsible", "territory")
    return page(qs.prefetch_related("co_executors", "indicators").order_by("order", "code"), pagination, measure_out)


@router.get("/{code}/measures/{measure}", response={200: MeasureDetailOut, **READ_ERRORS},
            summary="One measure with its financing")
def get_measure(request, code: s.DocCode, measure: s.Code):
    m = _measure(request, _document(request, code), measure)
    out = measure_out(m)
    out["financing"] = [financing_out(f, m.code) for f in m.financing.select_related("administrator")]
    return out


@router.get("/{code}/measures/{measure}/history", response={200: Page[HistoryEntryOut], **READ_ERRORS},
            summary="History of one measure")
def measure_history(request, code: s.DocCode, measure: s.Code, pagination: Query[PageParams],
                    format: Literal["json", "csv"] = "json"):
    document = _document(request, code)
    m = _measure(request, document, measure)
    entries = document_history(current_user(request), document, model="measure", object_id=m.pk)
    return _history_response(entries, pagination, format, f"{document.code}.{m.code}")


@router.get("/{code}/measures/{measure}/financing", response={200: list[FinancingOut], **READ_ERRORS},
            summary="Financing lines of a measure, million tenge (cl. 185)")
def list_financing(request, code: s.DocCode, measure: s.Code):
    m = _measure(request, _document(request, code), measure)
    return [financing_out(f, m.code) for f in m.financing.select_related("administrator")]


Program = Annotated[str, Field(max_length=40, pattern=r"^[^\x00]*$", description="budget programme code")]


def _line(request, code, measure, year, source, program) -> tuple[Document, Measure, Financing]:
    document = _document(request, code)
    m = _measure(request, document, measure)
    line = Financing.objects.select_related("administrator").filter(
        measure=m, year=year, source=source, budget_program_code=program).first()
    if line is None:
        raise not_found()
    return document, m, line


@router.patch("/{code}/measures/{measure}/financing/{year}/{source}",
              response={200: FinancingOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
              summary="Set the absorbed money and the reason for non-absorption (If-Match or version)")
def patch_financing(request, response: HttpResponse, code: s.DocCode, measure: s.Code, year: Year,
                    source: FinancingSource, patch: FinancingPatch, program: Program = ""):
    user = current_user(request)
    _, m, line = _line(request, code, measure, year, source, program)
    _require(user, "planning.change_measure", m, "not_your_part")
    expected = _expected_version(request, patch.version)
    changes = {name: getattr(patch, name) for name in ("absorbed", "reason_unabsorbed")
               if name in patch.model_fields_set}
    try:
        do_update_financing(line, changes, expected_version=expected, acting_user=user,
                            reason=patch.change_reason or DEFAULT_REASON)
    except VersionConflict as conflict:
        raise ApiError(409, [item("version_conflict")], extra={
            "current": _jsonable(financing_out(conflict.current, m.code)),
            "yours": _jsonable({**changes, "version": expected}),
        }) from None
    out = financing_out(line, m.code)
    response["ETag"] = etag(out["version"])
    return out


@router.get("/{code}/measures/{measure}/financing/{year}/{source}/history",
            response={200: Page[HistoryEntryOut], **READ_ERRORS}, summary="History of one financing line")
def financing_history(request, code: s.DocCode, measure: s.Code, year: Year, source: FinancingSource,
                      pagination: Query[PageParams], program: Program = "", format: Literal["json", "csv"] = "json"):
    document, m, line = _line(request, code, measure, year, source, program)
    entries = document_history(current_user(request), document, model="financing", object_id=line.pk)
    return _history_response(entries, pagination, format, f"{document.code}.{m.code}.{year}.{source}")


def _jsonable(data: dict) -> dict:
    from decimal import Decimal

    from jospar.interchange.schema import _decimal_text

    return {k: (_decimal_text(v) if isinstance(v, Decimal) else v) for k, v in data.items()}

