"""What an organization types into its report (the JSON of `jospar monitoring submit --file`), validated.

Keys name the document's items by their codes (the interchange keys). Example::

    {"indicators": [{"code": "TI-1", "fact": "75.0", "reason": "flu season"}],
     "measures": [{"code": "M-1", "completed": true, "fact_quantity": "18", "reason": "..."}],
     "financing": [{"measure": "M-1", "source": "budget", "budget_program_code": "067",
                    "corrected_plan": "1450", "absorbed": "1400", "reason_unabsorbed": "tender delays"}],
     "satisfaction": {"base_year": 2024, "base": "70", "value": "74", "note": "survey of 1200 people"},
     "control_audit": "...", "field_checks": "...", "analytical_note": "..."}
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Value = Annotated[Decimal, Field(max_digits=15, decimal_places=4)]
Money = Annotated[Decimal, Field(max_digits=15, decimal_places=3, ge=0)]
Percent = Annotated[Decimal, Field(max_digits=7, decimal_places=3, ge=0, le=100)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IndicatorLineIn(_Strict):
    code: str
    fact: Value | None = None
    reason: str = ""


class MeasureLineIn(_Strict):
    code: str
    completed: bool = False
    long_term: bool = False
    fact_quantity: Value | None = None
    status: str | None = Field(default=None, description="override of the suggested status; needs a reason")
    reason: str = ""


class FinancingLineIn(_Strict):
    measure: str
    source: str
    budget_program_code: str = ""
    corrected_plan: Money | None = None
    absorbed: Money | None = None
    reason_unabsorbed: str = ""


class SatisfactionIn(_Strict):
    base_year: int | None = Field(default=None, ge=1991, le=2100)
    base: Percent | None = None
    value: Percent | None = None
    note: str = ""


class ReportInput(_Strict):
    indicators: list[IndicatorLineIn] = []
    measures: list[MeasureLineIn] = []
    financing: list[FinancingLineIn] = []
    satisfaction: SatisfactionIn | None = None
    control_audit: str | None = None
    field_checks: str | None = None
    analytical_note: str | None = None


class InputRejected(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def parse_report(raw: str | bytes | dict) -> ReportInput:
    """Parse and validate; every problem names its place (``indicators[0].fact``)."""
    try:
        data = json.loads(raw) if isinstance(raw, str | bytes) else raw
    except json.JSONDecodeError as exc:
        raise InputRejected([f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]) from None
    try:
        return ReportInput.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
            problems.append(f"{where or 'report'}: {err['msg']}")
        raise InputRejected(problems) from None
