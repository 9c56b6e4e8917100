"""Monitoring submissions over REST (SPEC part 2, ch. 4): obligations, inbox, report lines, signing, decisions.

Every write calls the services of ``jospar.monitoring.services`` (the rules live there, with their clauses);
this router only finds the objects, checks the permissions of ``jospar.core.permissions`` first (so that a
refusal is 403, not a validation error) and the state of the submission (409), then turns the service's
refusals into the error shape with kk/ru/en messages (422). Nothing is written when a call is refused.

Who sees what (decision W1 of the web pages, the same here): the reporting organization sees its own
submission at any time; its recipient and the authorized bodies see it once it is submitted.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db import transaction
from django.db.models import F, Q
from django.http import HttpResponse
from ninja import Field, Header, Query, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict, model_validator

from jospar.core.models import Organization
from jospar.core.permissions import is_authorized_body_member, organization_ids
from jospar.interchange import schema as s
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import ReportInput
from jospar.monitoring.models import (
    Obligation,
    ObligationStatus,
    Submission,
    SubmissionLevel,
    SubmissionStatus,
)
from jospar.planning.access import access_document_by_code, visible_documents

from ..auth import WRITE_AUTH, current_user
from ..errors import ApiError, forbidden, item, not_found
from ..pagination import Page, PageParams, page
from ..refusals import attempt
from ..schemas import NO_NUL, ConflictOut, ErrorOut, OutDecimal
from ..versions import etag, parse_if_match

router = Router(tags=["monitoring"], auth=WRITE_AUTH)

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ErrorOut}
Year = Annotated[int, Field(ge=1991, le=2100)]
Quarter = Annotated[int, Field(ge=0, le=4, description="0 = the whole year")]
OrgCode = Annotated[str, Field(pattern=r"^[\w.\-]{1,60}$")]
REPORT_FIELDS = ("indicators", "measures", "financing", "satisfaction", "control_audit", "field_checks",
                 "analytical_note", "comments", "reason")


# ------------------------------------------------------------------------------------------- schemas


class ObligationOut(Schema):
    id: int
    document: str
    year: int
    quarter: int
    rule: str
    clause: str
    label: str = Field(description="in the language of the request (Accept-Language; kk by default)")
    reporter: str | None
    recipient: str | None
    form: str
    due: dt.date | None
    nominal_due: dt.date | None
    estimated: bool
    mandatory: bool
    fulfilled_on: dt.date | None
    status: str


class ObligationFilter(Schema):
    document: Annotated[str, Field(pattern=NO_NUL, max_length=80)] | None = None
    year: Year | None = None
    status: ObligationStatus | None = None


class IndicatorLineOut(Schema):
    code: str
    plan: OutDecimal | None
    corrected_plan: OutDecimal | None
    fact: OutDecimal | None
    reason: str


class MeasureLineOut(Schema):
    code: str
    completed: bool
    long_term: bool
    fact_quantity: OutDecimal | None
    status: str
    suggested_status: str = Field(description="the status the rules of Annex 14 expl. 4(13) give")
    status_rule: str
    reason: str


class FinancingLineOut(Schema):
    measure: str
    source: str
    budget_program_code: str
    plan: OutDecimal | None
    corrected_plan: OutDecimal | None
    absorbed: OutDecimal | None
    reason_unabsorbed: str


class SubmissionOut(Schema):
    id: int
    document: str
    year: int
    quarter: int
    level: str = Field(description="co_executor (information to the developer) or report (to the authorized body)")
    organization: str
    recipient: str
    status: str
    obligation_due: dt.date | None
    signed_by: str | None
    signed_at: dt.datetime | None
    content_hash: str = Field(description="SHA-256 of the signed content (cl. 231)")
    signature_valid: bool | None = Field(description="the stored lines are exactly what was signed")
    decided_by: str | None
    decided_at: dt.datetime | None
    comments: str
    reopen_reason: str
    version: str = Field(description="send it back (If-Match or version) to change the draft")


class SubmissionDetailOut(SubmissionOut):
    indicators: list[IndicatorLineOut]
    measures: list[MeasureLineOut]
    financing: list[FinancingLineOut]
    satisfaction: dict[str, Any]
    control_audit: str
    field_checks: str
    analytical_note: str


def _no_nul(value: Any) -> Any:
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text must not contain the NUL character")
    if isinstance(value, dict):
        for v in value.values():
            _no_nul(v)
    if isinstance(value, list):
        for v in value:
            _no_nul(v)
    return value


class ReportSave(ReportInput):
    """The lines of the report to save as a draft; only the lines sent change (cl. 225)."""

    model_config = ConfigDict(extra="forbid")

    version: Annotated[str, Field(pattern=NO_NUL, max_length=100)] | None = Field(
        None, description="the version of the submission you read (or send If-Match); omit for a new one")
    change_reason: Annotated[str, Field(pattern=NO_NUL, max_length=500)] = Field(
        "", description="why: kept in the history")

    @model_validator(mode="before")
    @classmethod
    def _refuse_nul(cls, data: Any) -> Any:  # PostgreSQL text cannot hold U+0000: a 422, never a 500
        return _no_nul(data)


class Decision(Schema):
    model_config = ConfigDict(extra="forbid")

    comments: Annotated[str, Field(pattern=NO_NUL, max_length=5000)] = Field(
        "", description="return: what has to be corrected")
    reason: Annotated[str, Field(pattern=NO_NUL, max_length=5000)] = Field(
        "", description="reopen: the reason for the change; accept/submit: kept in the history")


# ------------------------------------------------------------------------------------------ converters


def _lang(request) -> str:
    from .common import request_language

    return request_language(request)


def _version(sub: Submission) -> str:
    """The concurrency version of a submission: the hash of its canonical content and status."""
    return sv.content_hash(sub)[:20] + "-" + sub.status


def submission_out(sub: Submission, *, detail: bool = False) -> dict[str, Any]:
    period = sub.period
    out: dict[str, Any] = {
        "id": sub.pk, "document": period.document.code, "year": period.year, "quarter": period.quarter,
        "level": sub.level, "organization": sub.organization.code, "recipient": sub.recipient.code,
        "status": sub.status, "obligation_due": sub.obligation.due if sub.obligation_id else None,
        "signed_by": sub.signed_by.username if sub.signed_by_id else None, "signed_at": sub.signed_at,
        "content_hash": sub.content_hash,
        "signature_valid": sv.verify_signature(sub) if sub.content_hash else None,
        "decided_by": sub.decided_by.username if sub.decided_by_id else None, "decided_at": sub.decided_at,
        "comments": sub.comments, "reopen_reason": sub.reopen_reason, "version": _version(sub),
    }
    if detail:
        out["indicators"] = [
            {"code": x.indicator.code, "plan": x.plan, "corrected_plan": x.corrected_plan, "fact": x.fact,
             "reason": x.reason}
            for x in sub.indicator_lines.select_related("indicator").order_by("indicator__order", "indicator__code")]
        out["measures"] = [
            {"code": x.measure.code, "completed": x.completed, "long_term": x.long_term,
             "fact_quantity": x.fact_quantity, "status": x.status, "suggested_status": x.suggested_status,
             "status_rule": x.status_rule, "reason": x.reason}
            for x in sub.measure_lines.select_related("measure").order_by("measure__order", "measure__code")]
        out["financing"] = [
            {"measure": x.financing.measure.code, "source": x.financing.source,
             "budget_program_code": x.financing.budget_program_code, "plan": x.plan,
             "corrected_plan": x.corrected_plan, "absorbed": x.absorbed, "reason_unabsorbed": x.reason_unabsorbed}
            for x in sub.financing_lines.select_related("financing__measure").order_by(
                "financing__measure__code", "financing__source", "financing__budget_program_code")]
        out["satisfaction"] = {
            "base_year": sub.satisfaction_base_year, "base": _plain(sub.satisfaction_base),
            "value": _plain(sub.satisfaction_value), "note": sub.satisfaction_note}
        out.update(control_audit=sub.control_audit, field_checks=sub.field_checks,
                   analytical_note=sub.analytical_note)
    return out


def _dump(out: dict[str, Any]) -> dict[str, Any]:
    """A submission as the API shows it (decimals as plain text), for the `current` side of a 409."""
    return SubmissionDetailOut.model_validate(out).model_dump(mode="json")


def _plain(value: Decimal | None) -> str | None:
    return sv._num(value) if value is not None else None


SUBMISSIONS = Submission.objects.select_related(
    "period__document", "organization", "recipient", "obligation", "signed_by", "decided_by")


def _visible_submissions(user):
    """W1: own submissions always; as recipient or authorized body once submitted; all for a superuser."""
    qs = SUBMISSIONS.filter(period__document__in=visible_documents(user))
    if user.is_superuser:
        return qs
    orgs = organization_ids(user)
    seen = Q(organization_id__in=orgs)
    if is_authorized_body_member(user):
        seen |= ~Q(status=SubmissionStatus.DRAFT)
    else:
        seen |= Q(recipient_id__in=orgs) & ~Q(status=SubmissionStatus.DRAFT)
    return qs.filter(seen)


def _submission(request, pk: int) -> Submission:
    user = current_user(request)
    sub = _visible_submissions(user).filter(pk=pk).first()
    if sub is None:
        raise not_found()
    return sub


def _why(user) -> str:
    return "read_only" if not user.is_superuser and not organization_ids(user) else "other_organization"


def _state_conflict(sub: Submission, allowed: tuple[str, ...]) -> None:
    if sub.status not in allowed:
        raise ApiError(409, [item("wrong_status", status=sub.get_status_display(),
                                  allowed=", ".join(allowed))],
                       extra={"current": {"status": sub.status, "version": _version(sub)}, "yours": {}})


# ------------------------------------------------------------------------------------------- reading


@router.get("/obligations", response={200: Page[ObligationOut], **ERRORS},
            summary="Obligations of your organizations: what to report to whom by when (cl. 234-269)")
def list_obligations(request, filters: Query[ObligationFilter], pagination: Query[PageParams]):
    user = current_user(request)
    qs = Obligation.objects.filter(period__document__in=visible_documents(user)).select_related(
        "period__document", "reporter", "recipient")
    if not user.is_superuser:
        qs = qs.filter(reporter_id__in=organization_ids(user))
    if filters.document:
        qs = qs.filter(period__document__code=filters.document)
    if filters.year:
        qs = qs.filter(period__year=filters.year)
    qs = qs.order_by(F("due").asc(nulls_last=True), "period__document__code", "rule_id", "reporter__code", "pk")
    today = sv.today()
    lang = _lang(request)
    rows = list(qs)
    if filters.status:
        rows = [o for o in rows if o.status(today) == filters.status]
    return page(rows, pagination, lambda o: {
        "id": o.pk, "document": o.period.document.code, "year": o.period.year, "quarter": o.period.quarter,
        "rule": o.rule_id, "clause": o.clause, "label": o.label(lang),
        "reporter": o.reporter.code if o.reporter_id else None,
        "recipient": o.recipient.code if o.recipient_id else None, "form": o.form, "due": o.due,
        "nominal_due": o.nominal_due, "estimated": o.estimated, "mandatory": o.mandatory,
        "fulfilled_on": o.fulfilled_on, "status": o.status(today)})


@router.get("/inbox", response={200: Page[SubmissionOut], **ERRORS},
            summary="Submissions waiting for your decision: submitted to one of your organizations")
def inbox(request, pagination: Query[PageParams]):
    user = current_user(request)
    qs = SUBMISSIONS.filter(status=SubmissionStatus.SUBMITTED, period__document__in=visible_documents(user))
    if not user.is_superuser:
        qs = qs.filter(recipient_id__in=organization_ids(user))
    qs = qs.order_by(F("obligation__due").asc(nulls_last=True), "signed_at", "pk")
    return page(qs, pagination, submission_out)


class SubmissionFilter(Schema):
    document: Annotated[str, Field(pattern=NO_NUL, max_length=80)] | None = None
    year: Year | None = None
    status: SubmissionStatus | None = None
    organization: Annotated[str, Field(pattern=NO_NUL, max_length=60)] | None = None


@router.get("/submissions", response={200: Page[SubmissionOut], **ERRORS},
            summary="Submissions you may see (your own; as recipient or authorized body once submitted)")
def list_submissions(request, filters: Query[SubmissionFilter], pagination: Query[PageParams]):
    qs = _visible_submissions(current_user(request))
    if filters.document:
        qs = qs.filter(period__document__code=filters.document)
    if filters.year:
        qs = qs.filter(period__year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.organization:
        qs = qs.filter(organization__code=filters.organization)
    return page(qs.order_by("period__document__code", "period__year", "period__quarter", "level",
                            "organization__code"), pagination, submission_out)


@router.get("/submissions/{pk}", response={200: SubmissionDetailOut, **ERRORS},
            summary="One submission with its lines")
def get_submission(request, response: HttpResponse, pk: Annotated[int, Field(ge=1, le=2**31 - 1)]):
    sub = _submission(request, pk)
    out = submission_out(sub, detail=True)
    response["ETag"] = etag(out["version"])
    return out


# --------------------------------------------------------------------------------------------- writing


def _reporting_organization(user, document, code: str | None) -> Organization:
    """The organization whose report is written: the one named, or the user's only developer/co-executor."""
    candidates = [document.developer, *document.co_executors.order_by("code")]
    mine = organization_ids(user)
    if not user.is_superuser and not any(o.pk in mine for o in candidates):
        raise forbidden("not_your_part")
    if code:
        found = next((o for o in candidates if o.code == code), None)
        if found is None:
            raise ApiError(422, [item("not_a_reporter", path="$.query.organization", organization=code,
                                      document=document.code)])
        return found
    own = [o for o in candidates if o.pk in mine] or ([document.developer] if user.is_superuser else [])
    if len(own) != 1:
        raise ApiError(422, [item("organization_required", path="$.query.organization")])
    return own[0]


@router.put("/reports/{code}/{year}", response={200: SubmissionDetailOut, **ERRORS},
            summary="Save the draft report (or co-executor's information) of an organization for a year")
def save_report(request, response: HttpResponse, code: s.DocCode, year: Year, data: ReportSave,
                quarter: Quarter = 0, organization: OrgCode | None = None,
                if_match: Annotated[str | None, Header(alias="If-Match", max_length=200)] = None):
    user = current_user(request)
    document = access_document_by_code(user, code)
    org = _reporting_organization(user, document, organization)
    if not user.has_perm("monitoring.edit_report", org):
        raise forbidden(_why(user))
    period = attempt(lambda: sv.get_period(document, year, quarter), (sv.MonitoringRefused,), status=409,
                     code="period_not_open")
    expected = data.version or parse_if_match(request.headers.get("If-Match"))
    lines = {(name, line.code if name != "financing" else line.measure): n
             for name in ("indicators", "measures", "financing") for n, line in enumerate(getattr(data, name))}
    payload = ReportInput.model_validate(data.model_dump(exclude={"version", "change_reason"}, exclude_unset=True))
    with transaction.atomic():
        current = Submission.objects.select_for_update().filter(
            period=period, organization=org,
            level=SubmissionLevel.REPORT if org.pk == document.developer_id else SubmissionLevel.CO_EXECUTOR).first()
        if current is not None:
            if current.is_locked:
                _state_conflict(current, (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED))
            if expected and expected != _version(current):
                raise ApiError(409, [item("version_conflict")], extra={
                    "current": _dump(submission_out(current, detail=True)),
                    "yours": {"version": expected}})
        elif expected:
            raise ApiError(409, [item("version_conflict")], extra={"current": {}, "yours": {"version": expected}})

        def call():
            return sv.do_save_report(period, org, payload, acting_user=user, reason=data.change_reason)

        sub = attempt(call, (sv.MonitoringRefused,), code="report_refused", known=REPORT_FIELDS, lines=lines)
    sub = SUBMISSIONS.get(pk=sub.pk)
    out = submission_out(sub, detail=True)
    response["ETag"] = etag(out["version"])
    return out


def _decide(request, pk: int, perm: str, allowed: tuple[str, ...], call, code: str):
    user = current_user(request)
    sub = _submission(request, pk)
    if not user.has_perm(perm, sub.organization if perm == "monitoring.sign_report" else sub):
        raise forbidden(_why(user))
    _state_conflict(sub, allowed)
    expected = parse_if_match(request.headers.get("If-Match"))
    if expected and expected != _version(sub):
        raise ApiError(409, [item("version_conflict")], extra={
            "current": _dump(submission_out(sub, detail=True)), "yours": {"version": expected}})
    detail = submission_out(sub, detail=True)
    lines = {(name, line["code"] if name != "financing" else line["measure"]): n
             for name in ("indicators", "measures", "financing") for n, line in enumerate(detail[name])}
    # the paths of the problems point into the submission as GET /monitoring/submissions/{pk} shows it
    attempt(lambda: call(sub, user), (sv.MonitoringRefused,), code=code, known=REPORT_FIELDS, lines=lines)
    return submission_out(SUBMISSIONS.get(pk=sub.pk), detail=True)


@router.post("/submissions/{pk}/submit", response={200: SubmissionDetailOut, **ERRORS},
             summary="Sign and submit (the first head, cl. 231): stores the SHA-256 of the content")
def submit(request, pk: Annotated[int, Field(ge=1, le=2**31 - 1)], data: Decision):
    return _decide(request, pk, "monitoring.sign_report", (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED),
                   lambda sub, user: sv.do_submit_report(sub, acting_user=user, reason=data.reason),
                   "submit_refused")


@router.post("/submissions/{pk}/accept", response={200: SubmissionDetailOut, **ERRORS},
             summary="Accept a submitted report (its recipient; an authorized body for a report, cl. 241-267)")
def accept(request, pk: Annotated[int, Field(ge=1, le=2**31 - 1)], data: Decision):
    return _decide(request, pk, "monitoring.decide_submission", (SubmissionStatus.SUBMITTED,),
                   lambda sub, user: sv.do_accept_report(sub, acting_user=user, reason=data.reason),
                   "accept_refused")


@router.post("/submissions/{pk}/return", response={200: SubmissionDetailOut, **ERRORS},
             summary="Return a submitted report with comments; it becomes editable again")
def return_(request, pk: Annotated[int, Field(ge=1, le=2**31 - 1)], data: Decision):
    return _decide(request, pk, "monitoring.decide_submission", (SubmissionStatus.SUBMITTED,),
                   lambda sub, user: sv.do_return_report(sub, acting_user=user, comments=data.comments),
                   "return_refused")


@router.post("/submissions/{pk}/reopen", response={200: SubmissionDetailOut, **ERRORS},
             summary="Reopen an accepted report, with the reason (kept in the history)")
def reopen(request, pk: Annotated[int, Field(ge=1, le=2**31 - 1)], data: Decision):
    return _decide(request, pk, "monitoring.decide_submission", (SubmissionStatus.ACCEPTED,),
                   lambda sub, user: sv.do_reopen_report(sub, acting_user=user, reason=data.reason),
                   "reopen_refused")




# -------------------------------------------------------------------------------------- consolidation


class ConsolidateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    change_reason: Annotated[str, Field(pattern=NO_NUL, max_length=500)] = Field(
        "", description="kept in the history")


class ConsolidationOut(Schema):
    submission: SubmissionDetailOut
    merged_from: list[str] = Field(description="co-executors whose accepted information was merged")
    missing: list[str] = Field(description="co-executors whose information is not accepted yet: not included")
    conflicts: list[str] = Field(description="items two co-executors reported differently, and whose line was kept "
                                             "(in the language of the request)")


@router.post("/reports/{code}/{year}/consolidate", response={200: ConsolidationOut, **ERRORS},
             summary="Form the annual report from the accepted information of the co-executors "
                     "(cl. 240-242, 255, 265): the developer, or in the National Plan a responsible body")
def consolidate_report(request, code: s.DocCode, year: Year, data: ConsolidateIn,
                       organization: OrgCode | None = None):
    from django.utils import translation

    user = current_user(request)
    document = access_document_by_code(user, code)
    org = document.developer
    if organization:
        org = Organization.objects.filter(code=organization).first()
        if org is None:
            raise ApiError(422, [item("not_a_reporter", path="$.query.organization", organization=organization,
                                      document=document.code)])
    if not user.has_perm("monitoring.edit_report", org):
        raise forbidden(_why(user))
    period = attempt(lambda: sv.get_period(document, year, 0), (sv.MonitoringRefused,), status=409,
                     code="period_not_open")
    with transaction.atomic():
        current = Submission.objects.select_for_update().filter(
            period=period, organization=org, level=SubmissionLevel.REPORT).first()
        if current is not None and current.is_locked:
            _state_conflict(current, (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED))
        with translation.override(_lang(request)):
            result = attempt(lambda: sv.do_consolidate_report(
                period, acting_user=user, organization=org,
                reason=data.change_reason or "Consolidated through the API"),
                (sv.MonitoringRefused,), code="consolidation_refused")
            conflicts = [str(c) for c in result.conflicts]
    return {"submission": submission_out(SUBMISSIONS.get(pk=result.submission.pk), detail=True),
            "merged_from": result.merged_from, "missing": result.missing, "conflicts": conflicts}


# ------------------------------------------------------------------------------------ reporting periods


class OpenPeriodIn(Schema):
    model_config = ConfigDict(extra="forbid")

    quarter: Quarter = 0
    change_reason: Annotated[str, Field(pattern=NO_NUL, max_length=500)] = Field(
        "", description="kept in the history")


class PeriodOut(Schema):
    document: str
    year: int
    quarter: int
    created: bool = Field(description="false when the period was open already (opening again adds what is missing)")
    obligations_created: int
    obligations: int = Field(description="all the obligations of the period")
    opened_by: str | None


def _may_open(user, document) -> bool:
    """cl. 234-269: the developer's planners, heads and administrators, or a member of an authorized body
    (the rule of ``monitoring.services.do_open_reporting_period``, asked first so that a refusal is a 403)."""
    if user.is_superuser:
        return True
    return any(org == document.developer_id and role in sv.EDITORS or bool(authority)
               for org, role, authority in user.memberships.values_list("organization_id", "role",
                                                                       "organization__authority"))


@router.post("/periods/{code}/{year}", response={200: PeriodOut, 201: PeriodOut, **ERRORS},
             summary="Open the reporting period of a document (a year, or a quarter of the National Development "
                     "Plan) and add its obligations to the calendar (cl. 234-269)")
def open_period(request, code: s.DocCode, year: Year, data: OpenPeriodIn):
    user = current_user(request)
    document = access_document_by_code(user, code)
    if not _may_open(user, document):
        raise forbidden("open_period")
    result = attempt(lambda: sv.do_open_reporting_period(document, year, acting_user=user, quarter=data.quarter,
                                                         reason=data.change_reason),
                     (sv.MonitoringRefused,), code="period_refused")
    period = result.period
    out = {"document": document.code, "year": period.year, "quarter": period.quarter, "created": result.created,
           "obligations_created": result.obligations_created, "obligations": period.obligations.count(),
           "opened_by": period.opened_by.username if period.opened_by_id else None}
    return Status(201 if result.created else 200, out)


# ----------------------------------------------------------------------------- consolidated results


class CalculationOut(Schema):
    value: OutDecimal | None
    formula: str
    inputs: dict[str, Any]
    reason: str | None
    clause: str | None


class VerdictOut(Schema):
    status: str
    rule: str
    clause: str | None
    gap: bool = Field(description="a Jospar decision for a case the text does not settle: a suggestion to confirm")
    calculation: CalculationOut | None


class KeyOut(Schema):
    code: str
    label: str


class GroupOut(Schema):
    key: KeyOut | None = Field(description="null: the items with no value on this dimension")
    indicators: int
    average_achievement: CalculationOut
    share_achieved: CalculationOut
    measures: int
    measure_statuses: dict[str, int]
    planned: OutDecimal
    absorbed: OutDecimal
    absorption: CalculationOut
    money_vs_result: VerdictOut


class IndicatorResultOut(Schema):
    code: str
    title: str
    unit: str
    kind: str
    plan: CalculationOut
    fact: CalculationOut
    verdict: VerdictOut
    reason: str


class MeasureResultOut(Schema):
    code: str
    title: str
    planned: OutDecimal | None
    allocated: OutDecimal | None
    absorbed: OutDecimal | None
    absorption: CalculationOut
    status: str | None
    indicators: list[str]
    achievement: CalculationOut
    money_vs_result: VerdictOut


class SourceOut(Schema):
    source: str
    plan: OutDecimal
    corrected_plan: OutDecimal
    absorbed: OutDecimal
    absorption: CalculationOut
    reasons: list[str]


class RollupOut(Schema):
    document: str
    year: int
    by: str
    language: str
    groups: list[GroupOut]
    indicators: list[IndicatorResultOut]
    measures: list[MeasureResultOut]
    sources: list[SourceOut] = Field(description="money by source of financing (cl. 185)")
    total: SourceOut | None
    mismatches: dict[str, list[str]] = Field(
        description="cl. 271 criterion 2: measures whose money and result disagree (codes), by kind")


def _plain_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _plain(value)
    if isinstance(value, (list, tuple)):
        return [_plain_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain_value(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _calculation(c) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"value": c.value, "formula": c.formula, "inputs": _plain_value(dict(c.inputs)), "reason": c.reason,
            "clause": c.clause}


def _verdict(v) -> dict[str, Any]:
    return {"status": str(v.status), "rule": v.rule, "clause": v.clause, "gap": v.gap,
            "calculation": _calculation(v.calculation)}


def _key_out(key) -> dict[str, str] | None:
    return None if key is None else {"code": key[0], "label": key[1]}


@router.get("/rollups/{code}/{year}", response={200: RollupOut, **ERRORS},
            summary="The consolidated results of a document for a year: plan against fact rolled up by document, "
                    "direction, goal, body or territory, with every calculation (cl. 242, 257, 271)")
def rollup_results(request, code: s.DocCode, year: Year,
                   by: Literal["document", "direction", "goal", "body", "territory"] = "body",
                   lang: Literal["kk", "ru", "en"] | None = None):
    from django.utils import translation

    from jospar.monitoring import rollups

    from .common import request_language

    user = current_user(request)
    document = access_document_by_code(user, code)
    if not (user.is_superuser or is_authorized_body_member(user) or document.developer_id in organization_ids(user)):
        raise forbidden("rollups")
    if year not in document.years:
        raise ApiError(422, [item("invalid", path="$.path.year", detail=(
            f"year {year} is outside the period of {document.code} ({document.period_start}-{document.period_end})"))])
    language = request_language(request, lang)
    with translation.override(language):
        snap = rollups.load(document, year)
        groups = rollups.rollup(snap, by)
        mism = rollups.mismatches(snap)
    return {
        "document": document.code, "year": year, "by": by, "language": language,
        "groups": [{"key": _key_out(g.key), "indicators": g.indicators,
                    "average_achievement": _calculation(g.average_achievement),
                    "share_achieved": _calculation(g.share_achieved), "measures": g.measures,
                    "measure_statuses": dict(g.measure_statuses), "planned": g.planned, "absorbed": g.absorbed,
                    "absorption": _calculation(g.absorption), "money_vs_result": _verdict(g.money_vs_result)}
                   for g in groups],
        "indicators": [{"code": i.code, "title": i.title, "unit": i.unit, "kind": str(i.kind),
                        "plan": _calculation(i.plan), "fact": _calculation(i.fact), "verdict": _verdict(i.verdict),
                        "reason": i.reason} for i in snap.indicators],
        "measures": [{"code": m.code, "title": m.title, "planned": m.planned, "allocated": m.allocated,
                      "absorbed": m.absorbed, "absorption": _calculation(m.absorption), "status": m.status,
                      "indicators": list(m.indicator_codes), "achievement": _calculation(m.achievement),
                      "money_vs_result": _verdict(m.money_vs_result)} for m in snap.measures],
        "sources": [_source(x) for x in snap.sources],
        "total": _source(snap.total) if snap.total else None,
        "mismatches": {k: [m.code for m in rows] for k, rows in mism.items()},
    }


def _source(x) -> dict[str, Any]:
    return {"source": x.source, "plan": x.plan, "corrected_plan": x.corrected_plan, "absorbed": x.absorbed,
            "absorption": _calculation(x.absorption), "reasons": list(x.reasons)}


# ------------------------------------------------------------ quarterly roll-up and proposals (cl. 234-238)
#
# The same rules as the pages /documents/<code>/quarterly/<year>/ and /documents/<code>/proposals/<year>/q<n>/
# (decision W6 of jospar/web/monitoring_views.py): the quarterly results are read by the authorized bodies and
# the developer of the National Plan; a draft of the proposals only inside the authorized body for strategic
# planning (decision P6 of jospar/monitoring/proposals.py), sent proposals also by the authorized bodies and the
# recipient. The rules of cl. 237-238 live in ``jospar.monitoring.proposals``: this router only turns its
# refusals into 422 answers in kk/ru/en with the path of the field.

ProposalQuarter = Annotated[int, Field(ge=1, le=4, description="the quarter, 1-4 (cl. 234)")]
PROPOSAL_FIELDS = ("lines", "summary", "analytical_centre_info")


class QuarterCellOut(Schema):
    quarter: int
    plan: OutDecimal | None
    fact: OutDecimal | None
    source: Literal["report", "stored", "pending", "none"] = Field(
        description="report: the accepted quarterly report; stored: in the document without a report; pending: "
                    "submitted, not yet accepted (not counted); none: not reported (decision Q2)")
    reported_by: str | None = Field(description="the organization whose report gave (or will give) the fact")
    status: str
    rule: str
    clause: str | None
    reason: str
    achievement: CalculationOut | None = Field(description="fact / plan × 100 with its inputs (cl. 236-237)")


class QuarterIndicatorOut(Schema):
    code: str
    title: str
    unit: str
    polarity: str
    cells: list[QuarterCellOut] = Field(description="Q1-Q4, in this order")


class QuarterSummaryOut(Schema):
    quarter: int
    planned: int = Field(description="indicators with a plan for the quarter")
    assessed: int = Field(description="of which with an achievement")
    achieved: int
    average_achievement: CalculationOut
    share_achieved: CalculationOut


class QuarterBodyOut(Schema):
    body: KeyOut | None = Field(description="the responsible body (cl. 239-241); null: no responsible body")
    reports: dict[str, str] = Field(description="quarter -> status of the body's own quarterly report")
    summaries: list[QuarterSummaryOut]
    indicators: list[QuarterIndicatorOut]


class QuarterlyOut(Schema):
    document: str
    year: int
    language: str
    open_quarters: list[int] = Field(description="the quarters whose reporting period is open")
    groups: list[QuarterBodyOut]
    totals: list[QuarterSummaryOut]
    proposals: dict[str, str] = Field(description="quarter -> status of the proposals of cl. 238 you may see")


class ProposalLineIn(Schema):
    model_config = ConfigDict(extra="forbid")

    risk: Annotated[str, Field(pattern=NO_NUL, max_length=5000)] = Field(
        "", description="the risk of untimely or poor-quality implementation found (cl. 237)")
    action: Annotated[str, Field(pattern=NO_NUL, max_length=5000)] = Field(
        "", description="the corrective action proposed (cl. 237)")
    indicator: Annotated[str, Field(pattern=NO_NUL, max_length=80)] = Field("", description="indicator code")
    measure: Annotated[str, Field(pattern=NO_NUL, max_length=80)] = Field("", description="measure code")
    addressee: Annotated[str, Field(pattern=NO_NUL, max_length=60)] = Field(
        "", description="the organization that should act (its code)")


class ProposalSave(Schema):
    """The draft proposals of a quarter; ``lines`` replaces every line (decision P1)."""

    model_config = ConfigDict(extra="forbid")

    lines: list[ProposalLineIn] = Field(default_factory=list, max_length=500)
    summary: Annotated[str, Field(pattern=NO_NUL, max_length=20000)] | None = Field(
        None, description="the analysis of the progress of implementation (cl. 237); omitted: unchanged")
    analytical_centre_info: Annotated[str, Field(pattern=NO_NUL, max_length=20000)] | None = Field(
        None, description="the information of the National Analytical Centre for Monitoring Reforms taken into "
                          "account, or that none was received (cl. 238); omitted: unchanged")
    version: Annotated[str, Field(pattern=NO_NUL, max_length=100)] | None = Field(
        None, description="the version you read (or send If-Match); omit only for the first draft")
    change_reason: Annotated[str, Field(pattern=NO_NUL, max_length=500)] = Field(
        "", description="why: kept in the history")


class ProposalSend(Schema):
    model_config = ConfigDict(extra="forbid")

    version: Annotated[str, Field(pattern=NO_NUL, max_length=100)] | None = Field(
        None, description="the version you read (or send If-Match): what you send is what you read")
    change_reason: Annotated[str, Field(pattern=NO_NUL, max_length=500)] = Field(
        "", description="kept in the history")


class ProposalLineOut(Schema):
    order: int
    risk: str
    action: str
    indicator: str | None
    measure: str | None
    addressee: str | None


class ProposalOut(Schema):
    document: str
    year: int
    quarter: int
    period_open: bool = Field(description="the quarter's reporting period is open (proposals need it)")
    status: Literal["none", "draft", "sent"] = Field(description="none: no proposals you may see yet")
    author: str | None
    recipient: str | None
    summary: str
    analytical_centre_info: str
    lines: list[ProposalLineOut]
    sent_by: str | None
    sent_at: dt.datetime | None
    content_hash: str = Field(description="SHA-256 of the content sent (decision P5)")
    signature_valid: bool | None = Field(description="the stored proposals are exactly what was sent")
    accepted_reports: int = Field(description="accepted quarterly reports: sending needs one (cl. 236, 238)")
    may_edit: bool = Field(description="you may save and send them (a draft, and you write for the body)")
    version: str | None = Field(description="send it back (If-Match or version) to change or send the draft")


class SuggestedLinesOut(Schema):
    document: str
    year: int
    quarter: int
    lines: list[ProposalLineIn] = Field(description="one line per indicator not (fully) achieved in the quarter, "
                                                    "the action left to write (cl. 237)")


def _quarterly_reader(user, document) -> None:
    """W6: the authorized bodies and the developer of the National Plan (403); only the Plan is quarterly."""
    if document.type != "ndp":
        raise ApiError(422, [item("invalid", path="$.path.code", detail=(
            f"{document.code} is reported once a year: only the National Development Plan is monitored every "
            "quarter (cl. 234)"))])
    if not (user.is_superuser or is_authorized_body_member(user) or document.developer_id in organization_ids(user)):
        raise forbidden("rollups")


def _summary_out(x) -> dict[str, Any]:
    return {"quarter": x.quarter, "planned": x.planned, "assessed": x.assessed, "achieved": x.achieved,
            "average_achievement": _calculation(x.average), "share_achieved": _calculation(x.share)}


def _cell_out(c) -> dict[str, Any]:
    return {"quarter": c.quarter, "plan": c.plan, "fact": c.fact, "source": c.source, "reported_by": c.reported_by,
            "status": c.status, "rule": c.verdict.rule, "clause": c.verdict.clause, "reason": c.reason,
            "achievement": _calculation(c.achievement)}


def _document_year(request, code: str, year: int):
    user = current_user(request)
    document = access_document_by_code(user, code)
    if year not in document.years:
        raise ApiError(422, [item("invalid", path="$.path.year", detail=(
            f"year {year} is outside the period of {document.code} ({document.period_start}-{document.period_end})"))])
    return user, document


@router.get("/quarterly/{code}/{year}", response={200: QuarterlyOut, **ERRORS},
            summary="The quarterly roll-up of the National Plan for a year: each indicator with a quarterly plan, "
                    "by responsible body, with every calculation (cl. 234-237)")
def quarterly_rollup(request, code: s.DocCode, year: Year, lang: Literal["kk", "ru", "en"] | None = None):
    from django.utils import translation

    from jospar.monitoring import quarterly
    from jospar.monitoring.models import OperationalProposal
    from jospar.monitoring.proposals import may_view

    from .common import request_language

    user, document = _document_year(request, code, year)
    _quarterly_reader(user, document)
    language = request_language(request, lang)
    with translation.override(language):
        rollup = quarterly.load(document, year)
        groups = [{
            "body": _key_out(g.key), "reports": {str(q): st for q, st in sorted(g.report_status.items())},
            "summaries": [_summary_out(g.summaries[q]) for q in quarterly.QUARTERS],
            "indicators": [{"code": r.indicator.code, "title": r.indicator.title, "unit": r.indicator.unit,
                            "polarity": r.indicator.polarity,
                            "cells": [_cell_out(r.cells[q]) for q in quarterly.QUARTERS]} for r in g.rows],
        } for g in rollup.groups]
    sent = OperationalProposal.objects.filter(period__document=document, period__year=year).select_related(
        "period", "author", "recipient")
    return {"document": document.code, "year": year, "language": language,
            "open_quarters": list(rollup.open_quarters), "groups": groups,
            "totals": [_summary_out(rollup.totals[q]) for q in quarterly.QUARTERS],
            "proposals": {str(p.period.quarter): p.status for p in sent if may_view(user, p)}}


def _proposal_version(proposal) -> str:
    from jospar.monitoring.proposals import content_hash

    return content_hash(proposal)[:20] + "-" + proposal.status


def _proposal_context(request, code: str, year: int, quarter: int, write=None):
    """(user, document, period or None, the proposal the user may see or None); 403/404 like the page.

    ``write``: the action (a callable giving its text) for a write: 404 for a document one may not see first,
    then 403 for who may not write proposals (cl. 238, decision P6), then the rest."""
    from jospar.monitoring.models import ReportingPeriod
    from jospar.monitoring.proposals import may_view, proposal_of

    user, document = _document_year(request, code, year)
    if write is not None:
        _propose_refusal(user, write)
    period = ReportingPeriod.objects.filter(document=document, year=year, quarter=quarter).first()
    proposal = proposal_of(period) if period else None
    if proposal is None or not may_view(user, proposal):
        _quarterly_reader(user, document)
        proposal = None  # P6: a draft is read only inside the strategic planning body
    return user, document, period, proposal


def _proposal_out(user, document, year: int, quarter: int, period, proposal) -> dict[str, Any]:
    from jospar.monitoring import proposals as pr
    from jospar.monitoring.models import ProposalStatus

    accepted = (Submission.objects.filter(period=period, status=SubmissionStatus.ACCEPTED).count()
                if period else 0)
    may_edit = bool(period) and pr.may_propose(user) and (proposal is None or proposal.status == ProposalStatus.DRAFT)
    out: dict[str, Any] = {
        "document": document.code, "year": year, "quarter": quarter, "period_open": period is not None,
        "status": "none", "author": None, "recipient": None, "summary": "", "analytical_centre_info": "",
        "lines": [], "sent_by": None, "sent_at": None, "content_hash": "", "signature_valid": None,
        "accepted_reports": accepted, "may_edit": may_edit, "version": None}
    if proposal is not None:
        out.update(
            status=proposal.status, author=proposal.author.code, recipient=proposal.recipient.code,
            summary=proposal.summary, analytical_centre_info=proposal.analytical_centre_info,
            lines=[{"order": x.order, "risk": x.risk, "action": x.action,
                    "indicator": x.indicator.code if x.indicator_id else None,
                    "measure": x.measure.code if x.measure_id else None,
                    "addressee": x.addressee.code if x.addressee_id else None}
                   for x in proposal.lines.select_related("indicator", "measure", "addressee").order_by("order")],
            sent_by=proposal.sent_by.username if proposal.sent_by_id else None, sent_at=proposal.sent_at,
            content_hash=proposal.content_hash,
            signature_valid=(proposal.content_hash == pr.content_hash(proposal)) if proposal.content_hash else None,
            version=_proposal_version(proposal))
    return out


_LINE_INDEX = re.compile(r"^\$\.lines\[(\d+)\]")


def _zero_based(error: ApiError) -> ApiError:
    """The service numbers lines from 1 for people (``lines[2].risk``); a JSON path counts from 0."""
    for e in error.errors:
        e["path"] = _LINE_INDEX.sub(lambda m: f"$.lines[{int(m.group(1)) - 1}]", e["path"])
    return error


def _propose_refusal(user, what) -> None:
    """403 with the service's own reason (cl. 238, decision P6) when the user may not write proposals."""
    from jospar.monitoring import proposals as pr

    if not pr.may_propose(user):
        attempt(lambda: pr._require(user, what()), (sv.MonitoringRefused,), status=403, code="forbidden")


def _open_period(document, year: int, quarter: int, period):
    if period is None:
        raise ApiError(409, [item("wrong_status", path="$.path.quarter",
                                  status=f"{document.code} {year} Q{quarter}: not open",
                                  allowed=(f"open (POST /api/monitoring/periods/{document.code}/{year} with "
                                           f"quarter={quarter}; cl. 234)"))],
                       extra={"current": {"period_open": False}, "yours": {}})
    return period


@router.get("/proposals/{code}/{year}/{quarter}", response={200: ProposalOut, **ERRORS},
            summary="The proposals from the operational monitoring of a quarter of the National Plan (cl. 237-238); "
                    "a draft is shown only inside the authorized body for strategic planning")
def get_proposals(request, response: HttpResponse, code: s.DocCode, year: Year, quarter: ProposalQuarter):
    user, document, period, proposal = _proposal_context(request, code, year, quarter)
    out = _proposal_out(user, document, year, quarter, period, proposal)
    if out["version"]:
        response["ETag"] = etag(out["version"])
    return out


@router.get("/proposals/{code}/{year}/{quarter}/suggested", response={200: SuggestedLinesOut, **ERRORS},
            summary="Lines to start the proposals from: every indicator not (fully) achieved in the quarter "
                    "(cl. 237), the corrective action left to write")
def suggested_proposals(request, code: s.DocCode, year: Year, quarter: ProposalQuarter,
                        lang: Literal["kk", "ru", "en"] | None = None):
    from django.utils import translation

    from jospar.monitoring import proposals as pr
    from jospar.monitoring.models import ReportingPeriod

    from .common import request_language

    user, document, period, _proposal = _proposal_context(request, code, year, quarter)
    # suggestions only read the roll-up: they are offered before the quarter's reporting period is open too
    quarter_of = period or ReportingPeriod(document=document, year=year, quarter=quarter)
    with translation.override(request_language(request, lang)):
        lines = pr.suggested_lines(quarter_of)
    return {"document": document.code, "year": year, "quarter": quarter,
            "lines": [{"risk": x.risk, "action": x.action, "indicator": x.indicator, "measure": x.measure,
                       "addressee": x.addressee} for x in lines]}


@router.put("/proposals/{code}/{year}/{quarter}", response={200: ProposalOut, 428: ErrorOut, **ERRORS},
            summary="Save the draft proposals of a quarter (the authorized body for strategic planning, cl. 238); "
                    "the lines sent replace every line; changing a draft needs the version you read")
def save_proposals(request, response: HttpResponse, code: s.DocCode, year: Year, quarter: ProposalQuarter,
                   data: ProposalSave):
    from django.utils.translation import gettext

    from jospar.monitoring import proposals as pr
    from jospar.monitoring.models import OperationalProposal, ProposalStatus

    user, document, period, _visible = _proposal_context(
        request, code, year, quarter, write=lambda: gettext("prepare proposals from operational monitoring"))
    period = _open_period(document, year, quarter, period)
    expected = data.version or parse_if_match(request.headers.get("If-Match"))
    payload = pr.ProposalIn(
        lines=[pr.LineIn(**line.model_dump()) for line in data.lines], summary=data.summary,
        analytical_centre_info=data.analytical_centre_info)
    with transaction.atomic():
        current = OperationalProposal.objects.select_for_update().filter(period=period).first()
        if current is not None:
            if current.status == ProposalStatus.SENT:
                raise ApiError(409, [item("wrong_status", status=current.get_status_display(),
                                          allowed=str(ProposalStatus.DRAFT.label))],
                               extra={"current": {"status": current.status, "version": _proposal_version(current)},
                                      "yours": {"version": expected}})
            if not expected:
                raise ApiError(428, [item("version_required")])
            if expected != _proposal_version(current):
                raise ApiError(409, [item("version_conflict")], extra={
                    "current": ProposalOut.model_validate(
                        _proposal_out(user, document, year, quarter, period, current)).model_dump(mode="json"),
                    "yours": {"version": expected}})
        elif expected:
            raise ApiError(409, [item("version_conflict")], extra={"current": {}, "yours": {"version": expected}})

        def call():
            return pr.do_save_proposal(period, payload, acting_user=user, reason=data.change_reason)

        try:
            saved = attempt(call, (sv.MonitoringRefused,), code="proposal_refused", known=PROPOSAL_FIELDS)
        except ApiError as exc:
            raise _zero_based(exc) from None
    out = _proposal_out(user, document, year, quarter, period, pr.proposal_of(period) or saved)
    response["ETag"] = etag(out["version"])
    return out


@router.post("/proposals/{code}/{year}/{quarter}/send", response={200: ProposalOut, **ERRORS},
             summary="Send the proposals of a quarter to the Administration of the President (cl. 238): needs "
                     "lines, the Analytical Centre's information and an accepted quarterly report; final once sent")
def send_proposals(request, response: HttpResponse, code: s.DocCode, year: Year, quarter: ProposalQuarter,
                   data: ProposalSend):
    from django.utils.translation import gettext

    from jospar.monitoring import proposals as pr
    from jospar.monitoring.models import ProposalStatus

    user, document, period, proposal = _proposal_context(
        request, code, year, quarter, write=lambda: gettext("send proposals from operational monitoring"))
    period = _open_period(document, year, quarter, period)
    if proposal is None:
        raise not_found()
    if proposal.status != ProposalStatus.DRAFT:
        raise ApiError(409, [item("wrong_status", status=proposal.get_status_display(),
                                  allowed=str(ProposalStatus.DRAFT.label))],
                       extra={"current": {"status": proposal.status, "version": _proposal_version(proposal)},
                              "yours": {}})
    expected = data.version or parse_if_match(request.headers.get("If-Match"))
    if expected and expected != _proposal_version(proposal):
        raise ApiError(409, [item("version_conflict")], extra={
            "current": ProposalOut.model_validate(
                _proposal_out(user, document, year, quarter, period, proposal)).model_dump(mode="json"),
            "yours": {"version": expected}})
    sent = attempt(lambda: pr.do_send_proposal(proposal, acting_user=user, reason=data.change_reason),
                   (sv.MonitoringRefused,), code="send_refused", known=PROPOSAL_FIELDS)
    out = _proposal_out(user, document, year, quarter, period, pr.proposal_of(period) or sent)
    response["ETag"] = etag(out["version"])
    return out
