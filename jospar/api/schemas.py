"""Request and response schemas of the API. Documents travel in the interchange format
(`jospar.interchange.schema.DocumentPayload`), shared with the importer, the exporter and the CLI."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, FilterLookup, FilterSchema, Schema
from pydantic import ConfigDict, PlainSerializer

from jospar.interchange import schema as s
from jospar.interchange.schema import _decimal_text
from jospar.planning.choices import Confidentiality, DocumentStatus, DocumentType, IndicatorKind

NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold U+0000: refuse it as a 422, never a 500
OutDecimal = Annotated[Decimal, PlainSerializer(_decimal_text, return_type=str, when_used="always")]
Short = Annotated[str, Field(pattern=NO_NUL, max_length=200)]


class Text(Schema):
    kk: str = ""
    ru: str = ""
    en: str = ""


class ErrorItem(Schema):
    path: str = Field(description="JSON path of the problem: $ is the request; $.query.x a query parameter")
    code: str
    message: Text


class ErrorOut(Schema):
    errors: list[ErrorItem]


class ConflictOut(ErrorOut):
    current: dict[str, Any] = Field(description="the version stored now")
    yours: dict[str, Any] = Field(description="the change you sent, not applied")


class ApprovalActOut(Schema):
    name: str
    number: str
    date: dt.date | None


class DocumentOut(Schema):
    code: str
    type: str
    title: Text
    period_start: int
    period_end: int
    developer: str
    co_executors: list[str]
    territory: str | None
    status: str
    confidentiality: str
    version: int = Field(description="the edition of the document (cl. 205); not the concurrency version")
    approval_act: ApprovalActOut


class DocumentDetailOut(DocumentOut):
    content_version: str = Field(description="send it back in If-Match to replace the document")
    indicator_count: int
    measure_count: int


class DocumentFilter(FilterSchema):
    type: DocumentType | None = None
    status: DocumentStatus | None = None
    confidentiality: Confidentiality | None = None
    developer: Annotated[Annotated[str, Field(pattern=NO_NUL, max_length=60)] | None, FilterLookup("developer__code")] = None
    territory: Annotated[Annotated[str, Field(pattern=NO_NUL, max_length=9)] | None, FilterLookup("territory__kato")] = None
    year: Annotated[int, Field(ge=1991, le=2100)] | None = Field(
        None, description="documents whose period contains this year")
    q: Short | None = Field(None, description="text in the title, any language")

    def filter_year(self, value):
        from django.db.models import Q
        return Q(period_start__lte=value, period_end__gte=value) if value else Q()

    def filter_q(self, value):
        from django.db.models import Q
        return (Q(title_kk__icontains=value) | Q(title_ru__icontains=value) | Q(title_en__icontains=value)
                | Q(code__icontains=value)) if value else Q()


class IndicatorValueOut(Schema):
    indicator: str
    year: int
    quarter: int
    plan: OutDecimal | None
    corrected_plan: OutDecimal | None
    fact: OutDecimal | None
    reason: str
    version: str = Field(description="send it back (If-Match or version) to change this value")


class IndicatorOut(Schema):
    code: str
    kind: str
    title: Text
    unit: Text
    direction: str | None
    goal: str | None
    task: str | None
    polarity: str
    baseline_year: int | None
    baseline_value: OutDecimal | None
    final_year: int | None
    responsible: str | None
    co_executors: list[str]
    territory: str | None
    confidentiality: str


class IndicatorDetailOut(IndicatorOut):
    values: list[IndicatorValueOut]


class IndicatorFilter(FilterSchema):
    kind: IndicatorKind | None = None
    responsible: Annotated[Annotated[str, Field(pattern=NO_NUL, max_length=60)] | None, FilterLookup("responsible__code")] = None
    goal: Annotated[Annotated[str, Field(pattern=NO_NUL, max_length=40)] | None, FilterLookup("goal__code")] = None
    q: Short | None = Field(None, description="text in the code or the title, any language")

    def filter_q(self, value):
        from django.db.models import Q
        return (Q(title_kk__icontains=value) | Q(title_ru__icontains=value) | Q(title_en__icontains=value)
                | Q(code__icontains=value)) if value else Q()


class IndicatorValuePatch(Schema):
    """Only the fields sent are changed; null clears a value."""

    model_config = ConfigDict(extra="forbid")

    fact: s.Value | None = None
    reason: Annotated[str, Field(pattern=NO_NUL, max_length=5000)] | None = None
    corrected_plan: s.Value | None = None
    version: Annotated[str, Field(pattern=NO_NUL, max_length=100)] | None = Field(
        None, description="the version you read (or send If-Match)")
    change_reason: Annotated[str, Field(pattern=NO_NUL, max_length=500)] = Field(
        "", description="why you change it: kept in the history")


class FinancingOut(Schema):
    measure: str
    year: int
    source: str
    budget_level: str
    budget_program_code: str
    administrator: str | None
    plan: OutDecimal | None
    corrected_plan: OutDecimal | None
    absorbed: OutDecimal | None
    reason_unabsorbed: str
    version: str


class FinancingPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    absorbed: s.Money | None = None
    reason_unabsorbed: Annotated[str, Field(pattern=NO_NUL, max_length=5000)] | None = None
    version: Annotated[str, Field(pattern=NO_NUL, max_length=100)] | None = None
    change_reason: Annotated[str, Field(pattern=NO_NUL, max_length=500)] = ""


class MeasureOut(Schema):
    code: str
    title: Text
    goal: str | None
    task: str | None
    indicators: list[str]
    completion_form: Text
    deadline: dt.date | None
    deadline_text: Text
    responsible: str | None
    co_executors: list[str]
    territory: str | None
    confidentiality: str


class MeasureDetailOut(MeasureOut):
    financing: list[FinancingOut]


class MeasureFilter(FilterSchema):
    responsible: Annotated[Annotated[str, Field(pattern=NO_NUL, max_length=60)] | None, FilterLookup("responsible__code")] = None
    goal: Annotated[Annotated[str, Field(pattern=NO_NUL, max_length=40)] | None, FilterLookup("goal__code")] = None
    q: Short | None = None

    def filter_q(self, value):
        from django.db.models import Q
        return (Q(title_kk__icontains=value) | Q(title_ru__icontains=value) | Q(title_en__icontains=value)
                | Q(code__icontains=value)) if value else Q()


class ChangeOut(Schema):
    field: str
    old: str | None
    new: str | None


class HistoryEntryOut(Schema):
    model: str
    item: str
    when: dt.datetime
    who: str | None
    action: str = Field(description="created, changed or deleted")
    why: str
    changes: list[ChangeOut]


class OrganizationOut(Schema):
    code: str
    kind: str
    authority: str
    name: Text
    abbreviation: Text
    parent: str | None
    territory: str | None
    is_active: bool


class OrganizationFilter(FilterSchema):
    kind: Annotated[str, Field(pattern=NO_NUL, max_length=40)] | None = None
    authority: Annotated[str, Field(pattern=NO_NUL, max_length=30)] | None = None
    territory: Annotated[Annotated[str, Field(pattern=NO_NUL, max_length=9)] | None, FilterLookup("territory__kato")] = None
    q: Short | None = None

    def filter_q(self, value):
        from django.db.models import Q
        return (Q(name_kk__icontains=value) | Q(name_ru__icontains=value) | Q(name_en__icontains=value)
                | Q(code__icontains=value)) if value else Q()


class TerritoryOut(Schema):
    kato: str
    kind: str
    parent: str | None
    name: Text


class TerritoryFilter(FilterSchema):
    kind: Annotated[str, Field(pattern=NO_NUL, max_length=20)] | None = None
    parent: Annotated[Annotated[str, Field(pattern=NO_NUL, max_length=9)] | None, FilterLookup("parent__kato")] = None
    q: Short | None = None

    def filter_q(self, value):
        from django.db.models import Q
        return (Q(name_kk__icontains=value) | Q(name_ru__icontains=value) | Q(name_en__icontains=value)
                | Q(kato__startswith=value)) if value else Q()


class TokenRequest(Schema):
    model_config = ConfigDict(extra="forbid")

    username: Annotated[str, Field(pattern=NO_NUL, min_length=1, max_length=150)]
    password: Annotated[str, Field(pattern=NO_NUL, min_length=1, max_length=200)]
    name: Annotated[str, Field(pattern=NO_NUL, max_length=100)] = ""


class TokenOut(Schema):
    token: str = Field(description="shown once: keep it secret")
    prefix: str
    expires_at: dt.datetime | None


class MeOut(Schema):
    username: str
    is_superuser: bool
    organizations: list[dict[str, str]]

