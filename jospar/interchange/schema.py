"""The JSON interchange format for one whole document and its items (`jospar.document/1`).

The pydantic models below are the format: the committed JSON Schema (`schemas/document.schema.json`) is
generated from them (`jospar export_schema`), and the importer, the exporter, the CLI and the API share them.

References between items use codes, never database ids:
- organizations by their `code`, territories by their KATO code, documents by their `code`;
- goals, directions, indicators and measures by their code inside the document; a task by its code inside
  its goal;
- an indicator of another document as "DOCUMENT_CODE:INDICATOR_CODE".

Numbers are decimal strings (or JSON numbers) so that nothing is lost to binary floating point: indicator
values keep up to 4 decimals, money (million tenge) up to 3.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, create_model, model_validator

from jospar.planning.choices import (
    Accumulation,
    Attribution,
    BudgetLevel,
    Confidentiality,
    DataSourceType,
    DecompositionDimension,
    DecompositionKind,
    DocumentStatus,
    DocumentType,
    FinancingSource,
    IndicatorKind,
    MethodStatus,
    Polarity,
    ValueKind,
)

FORMAT = "jospar.document/1"


def _decimal_text(value: Decimal) -> str:
    """Plain notation without trailing zeros: Decimal('12.5000') -> '12.5', Decimal('1E+3') -> '1000'."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


Value = Annotated[
    Decimal,
    Field(max_digits=15, decimal_places=4, allow_inf_nan=False),
    PlainSerializer(_decimal_text, return_type=str, when_used="json"),
]
Money = Annotated[
    Decimal,
    Field(max_digits=15, decimal_places=3, allow_inf_nan=False),
    PlainSerializer(_decimal_text, return_type=str, when_used="json"),
]
NonNegativeMoney = Annotated[
    Decimal,
    Field(ge=0, max_digits=15, decimal_places=3, allow_inf_nan=False),
    PlainSerializer(_decimal_text, return_type=str, when_used="json"),
]
Share = Annotated[
    Decimal,
    Field(ge=0, le=100, max_digits=7, decimal_places=3, allow_inf_nan=False),
    PlainSerializer(_decimal_text, return_type=str, when_used="json"),
]
Weight = Annotated[
    Decimal,
    Field(max_digits=9, decimal_places=6, allow_inf_nan=False),
    PlainSerializer(_decimal_text, return_type=str, when_used="json"),
]
Year = Annotated[int, Field(ge=1991, le=2100)]
Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[\w.\-]+$")]
OrgCode = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
DocCode = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")]
Kato = Annotated[str, Field(pattern=r"^\d{9}$")]
IndicatorRef = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,80}:[\w.\-]{1,40}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Text(Strict):
    """A text in the three languages of Jospar; Kazakh is the language of the official forms."""

    kk: str = ""
    ru: str = ""
    en: str = ""

    @model_validator(mode="before")
    @classmethod
    def _accept_any_text(cls, value: Any) -> Any:
        """A Text of another length class is checked again as this one (Text500 from a plain Text)."""
        return value.model_dump() if isinstance(value, Text) else value


def _limited_text(max_length: int) -> type[Text]:
    """A Text whose every language is at most `max_length` characters (the column of the database)."""
    return create_model(
        f"Text{max_length}",
        __base__=Text,
        __doc__=f"A text in kk/ru/en, each at most {max_length} characters.",
        kk=(str, Field(default="", max_length=max_length)),
        ru=(str, Field(default="", max_length=max_length)),
        en=(str, Field(default="", max_length=max_length)),
    )


Text100, Text200, Text300, Text500, Text1000 = (_limited_text(n) for n in (100, 200, 300, 500, 1000))


class ApprovalAct(Strict):
    name: str = Field(default="", max_length=300)
    number: str = Field(default="", max_length=50)
    date: dt.date | None = None


class SectionItem(Strict):
    key: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
    order: int = Field(default=0, ge=0, le=32767)
    title: Text300 = Field(default_factory=Text300)
    text: Text = Field(default_factory=Text)
    confidentiality: Confidentiality = Confidentiality.OPEN


class DirectionItem(Strict):
    code: Code
    order: int = Field(default=0, ge=0, le=32767)
    title: Text500 = Field(default_factory=Text500)


class TaskItem(Strict):
    code: Code
    order: int = Field(default=0, ge=0, le=32767)
    title: Text500 = Field(default_factory=Text500)
    deadline_year: Year | None = None


class GoalItem(Strict):
    code: Code
    direction: Code | None = None
    order: int = Field(default=0, ge=0, le=32767)
    title: Text500 = Field(default_factory=Text500)
    achievement_year: Year | None = None
    budget_program_codes: list[Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[\w.\-]+$")]] = []
    related_bodies: list[OrgCode] = Field(
        default=[], description="cl. 124: state bodies whose sectors or spheres the goal concerns (the approved "
                                "plan is also sent to them)")
    tasks: list[TaskItem] = []


class Baseline(Strict):
    year: Year
    value: Value


class Methodology(Strict):
    """Annex 1-1: the calculation methodology card of an indicator."""

    data_source_type: DataSourceType | Literal[""] = ""
    information_source: Text = Field(default_factory=Text)
    data_collection_method: str = ""
    definition: Text = Field(default_factory=Text)
    data_periodicity: str = ""
    calculation_method: Text = Field(default_factory=Text)
    calculation_republican: str = ""
    calculation_local: str = ""
    higher_links_note: str = ""
    is_estimated: bool = False
    status: MethodStatus = MethodStatus.DRAFT


class ResponsibleOfficial(Strict):
    full_name: str = Field(min_length=1, max_length=200)
    position: Text300 = Field(default_factory=Text300)


class CoExecutor(Strict):
    organization: OrgCode
    contribution: str = ""
    share: Share | None = None


class IndicatorValueItem(Strict):
    year: Year
    quarter: int = Field(default=0, ge=0, le=4, description="0 = the whole year")
    plan: Value | None = None
    corrected_plan: Value | None = None
    fact: Value | None = None
    reason: str = ""


class ParentLink(Strict):
    indicator: IndicatorRef = Field(description="DOCUMENT_CODE:INDICATOR_CODE of the higher indicator")
    kind: DecompositionKind
    dimension: DecompositionDimension = DecompositionDimension.DOCUMENT
    weight: Weight | None = None


class IndicatorItem(Strict):
    code: Code
    kind: IndicatorKind
    direction: Code | None = None
    goal: Code | None = None
    task: Code | None = Field(default=None, description="a task code of the indicator's goal")
    order: int = Field(default=0, ge=0, le=32767)
    title: Text500 = Field(default_factory=Text500)
    unit: Text100 = Field(default_factory=Text100)
    value_kind: ValueKind = ValueKind.ABSOLUTE
    polarity: Polarity = Polarity.INCREASE
    accumulation: Accumulation = Accumulation.ANNUAL
    range_low: Value | None = None
    range_high: Value | None = None
    baseline: Baseline | None = None
    final_year: Year | None = None
    in_strategic_map: bool = False
    methodology: Methodology = Field(default_factory=Methodology)
    responsible: OrgCode | None = None
    responsible_official: ResponsibleOfficial | None = None
    territory: Kato | None = None
    budget_program_code: str = Field(default="", max_length=40)
    budget_program_name: Text500 = Field(
        default_factory=Text500, description="Annex 4 col. 10: the name of the budget programme (subprogramme)")
    sdg: str = Field(default="", max_length=20)
    attribution: Attribution | Literal[""] = Field(
        default="", description="cl. 60: achievement depends on one state body or on several bodies")
    initiator: OrgCode | None = Field(
        default=None, description="regional plans: the body that asked for the indicator (cl. 143, 146)")
    district_statistics: bool = Field(
        default=True, description="cl. 149: false when official statistics are not formed by district")
    confidentiality: Confidentiality = Confidentiality.OPEN
    co_executors: list[CoExecutor] = []
    values: list[IndicatorValueItem] = []
    parents: list[ParentLink] = []


class FinancingItem(Strict):
    year: Year
    source: FinancingSource
    budget_level: BudgetLevel | Literal[""] = ""
    budget_program_code: str = Field(default="", max_length=40)
    administrator: OrgCode | None = None
    plan: Money | None = None
    corrected_plan: Money | None = None
    absorbed: Money | None = None
    reason_unabsorbed: str = ""


class MeasureItem(Strict):
    code: Code
    order: int = Field(default=0, ge=0, le=32767)
    goal: Code | None = None
    task: Code | None = None
    indicators: list[Code] = []
    title: Text1000 = Field(default_factory=Text1000)
    completion_form: Text500 = Field(default_factory=Text500)
    start_year: Year | None = None
    deadline: dt.date | None = None
    deadline_text: Text200 = Field(default_factory=Text200)
    responsible: OrgCode | None = None
    co_executors: list[OrgCode] = []
    territory: Kato | None = None
    unit: Text100 = Field(default_factory=Text100)
    planned_quantity: Value | None = None
    expected_result: Text = Field(default_factory=Text)
    confidentiality: Confidentiality = Confidentiality.OPEN
    financing: list[FinancingItem] = []


class ResourcesItem(Strict):
    """Section 4 "Resources" of a state body plan for one year (cl. 117; Annex 3 s.4): the reporting year
    (first year - 2), the current year (first year - 1) and each year of the planning period."""

    year: Year
    budget_expenditure: NonNegativeMoney | None = Field(default=None, description="million tenge")
    national_project_expenditure: NonNegativeMoney | None = Field(
        default=None, description="of which for national projects, million tenge")
    staff: int | None = Field(default=None, ge=0, le=2_147_483_647, description="staff involved in the plan")


class FinancialNeedAmountItem(Strict):
    year: Year
    amount: NonNegativeMoney = Field(description="million tenge")


class ExplanatoryNote(Strict):
    """The explanatory note of cl. 119 ¶2 for one row of Annex 4, in free form (item 1, the names of the goal
    and the target indicator, comes from the row)."""

    history: Text = Field(default_factory=Text, description="item 2: actual financing and execution of the "
                                                            "target indicator over the last three years")
    calculation: Text = Field(default_factory=Text, description="item 3: planned calculation of the value for "
                                                                "each year")
    justification: Text = Field(default_factory=Text, description="item 4: justification and calculation of the "
                                                                  "financial need, with the priority")


class FinancialNeedItem(Strict):
    """One row of Annex 4 (cl. 119-120): a goal or a target indicator of the plan (exactly one of them), its
    need by year of the planning period, grounds, expected effect, contribution to GDP and priority."""

    goal: Code | None = None
    indicator: Code | None = Field(default=None, description="a target indicator of the document")
    priority: int | None = Field(default=None, ge=1, le=3, description="Annex 4 col. 14: 1 high, 2 medium, 3 other")
    grounds: Text = Field(default_factory=Text)
    expected_effect: Text = Field(default_factory=Text)
    gdp_contribution: Text = Field(default_factory=Text)
    explanatory_note: ExplanatoryNote = Field(default_factory=ExplanatoryNote, description="cl. 119 ¶2")
    amounts: list[FinancialNeedAmountItem] = []


class DocumentPayload(Strict):
    """One whole document of the State Planning System with all its items."""

    model_config = ConfigDict(
        extra="forbid", use_enum_values=True, title="Jospar document",
        json_schema_extra={"$id": "https://jospar.kz/schemas/document.schema.json"},
    )

    format: Literal["jospar.document/1"] = FORMAT
    code: DocCode
    type: DocumentType
    title: Text500 = Field(default_factory=Text500)
    period_start: Year
    period_end: Year
    developer: OrgCode
    co_executors: list[OrgCode] = []
    territory: Kato | None = None
    status: DocumentStatus = DocumentStatus.DRAFT
    confidentiality: Confidentiality = Confidentiality.OPEN
    approval_act: ApprovalAct = Field(default_factory=ApprovalAct)
    basis: Text = Field(default_factory=Text)
    mission: Text = Field(default_factory=Text)
    vision: Text = Field(default_factory=Text)
    implements: list[DocCode] = Field(default=[], description="codes of the higher documents (cl. 161-166)")
    version: int = Field(default=1, ge=1, le=100_000)
    previous_version: DocCode | None = None
    correction_basis: str = ""
    sections: list[SectionItem] = []
    directions: list[DirectionItem] = []
    goals: list[GoalItem] = []
    indicators: list[IndicatorItem] = []
    measures: list[MeasureItem] = []
    resources: list[ResourcesItem] = Field(default=[], description="state body plans: cl. 117, Annex 3 s.4")
    financial_need: list[FinancialNeedItem] = Field(default=[], description="state body plans: Annex 4, cl. 119-120")


def need_key(need: FinancialNeedItem) -> tuple[int, str]:
    """The canonical order of Annex 4 rows: goals first, then target indicators, each by code."""
    return (0, need.goal) if need.goal is not None else (1, need.indicator or "")


def canonical(payload: DocumentPayload) -> DocumentPayload:
    """The same payload with every list in the order the exporter writes it."""
    data = payload.model_copy(deep=True)
    data.co_executors = sorted(set(data.co_executors))
    data.implements = sorted(set(data.implements))
    data.sections.sort(key=lambda s: (s.order, s.key))
    data.directions.sort(key=lambda d: (d.order, d.code))
    data.goals.sort(key=lambda g: (g.order, g.code))
    for goal in data.goals:
        goal.related_bodies = sorted(set(goal.related_bodies))
        goal.tasks.sort(key=lambda t: (t.order, t.code))
    data.indicators.sort(key=lambda i: (i.order, i.code))
    for ind in data.indicators:
        ind.co_executors.sort(key=lambda c: c.organization)
        ind.values.sort(key=lambda v: (v.year, v.quarter))
        ind.parents.sort(key=lambda p: p.indicator)
    data.measures.sort(key=lambda m: (m.order, m.code))
    for measure in data.measures:
        measure.indicators = sorted(set(measure.indicators))
        measure.co_executors = sorted(set(measure.co_executors))
        measure.financing.sort(key=lambda f: (f.year, f.source, f.budget_program_code))
    data.resources.sort(key=lambda r: r.year)
    data.financial_need.sort(key=need_key)
    for need in data.financial_need:
        need.amounts.sort(key=lambda a: a.year)
    return data


def json_schema() -> dict:
    return DocumentPayload.model_json_schema(mode="validation")
