"""Values already stored for a period, offered as the first draft of a report (issue 3 item 5).

A report repeats what the plan may already hold: facts entered on the plan (``IndicatorValue.fact`` and
its reason, e.g. imported or typed by the planner), money absorbed (``Financing.absorbed``), and the
execution of a measure reported in an accepted earlier report. ``stored_values`` returns them per item
with where each comes from; the report page puts them into the empty lines of a draft and marks them,
so that nothing is submitted that the reporting organization did not see (it still saves and signs).

Decisions:
* P1. Only empty lines are prefilled: a line the organization saved wins, even if it differs.
* P2. Indicators: the value of the same year and quarter (cl. 225(2)). Money (annual periods only):
  absorbed and the reason for non-absorption of the year (cl. 225(3)); the corrected plan is already
  shown from the plan.
* P3. Measures: the last accepted report line on the measure before this period (an earlier year, or an
  earlier quarter of the same year) gives "long-term", "fully completed" and the quantity executed; the
  status is recomputed by the rules of Annex 14 expl. 4(13) with this period's money, never copied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from jospar.planning.models import Financing, IndicatorValue

from .models import MeasureReport, ReportingPeriod, SubmissionStatus


@dataclass(frozen=True)
class Stored:
    """Values for one item of the report and where they come from (``source``: period label, ``kind``)."""

    values: dict[str, Any]
    kind: str  # "plan" (stored on the plan) | "report" (an accepted earlier report)
    source: str  # "2025", "2025 Q2", ...


@dataclass
class StoredValues:
    indicators: dict[int, Stored] = field(default_factory=dict)
    measures: dict[int, Stored] = field(default_factory=dict)
    financing: dict[int, Stored] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.indicators) + len(self.measures) + len(self.financing)


def _label(year: int, quarter: int) -> str:
    return f"{year}" + (f" Q{quarter}" if quarter else "")


def stored_values(period: ReportingPeriod) -> StoredValues:
    """What the plan and the accepted earlier reports hold for ``period`` (three queries)."""
    document, year, q = period.document, period.year, period.quarter
    out = StoredValues()
    for v in IndicatorValue.objects.filter(indicator__document=document, year=year, quarter=q).filter(
            Q(fact__isnull=False) | ~Q(reason="")):
        out.indicators[v.indicator_id] = Stored({"fact": v.fact, "reason": v.reason}, "plan", _label(year, q))
    if not q:
        for f in Financing.objects.filter(measure__document=document, year=year).filter(
                Q(absorbed__isnull=False) | ~Q(reason_unabsorbed="")):
            out.financing[f.pk] = Stored({"absorbed": f.absorbed, "reason_unabsorbed": f.reason_unabsorbed},
                                         "plan", _label(year, 0))
    # P3: earlier periods, ordered so that the last one read wins (a year's annual report after its quarters).
    earlier = Q(submission__period__year__lt=year)
    if q:
        earlier |= Q(submission__period__year=year, submission__period__quarter__gt=0,
                     submission__period__quarter__lt=q)
    else:
        earlier |= Q(submission__period__year=year, submission__period__quarter__gt=0)
    lines = (MeasureReport.objects.filter(earlier, submission__period__document=document,
                                          submission__status=SubmissionStatus.ACCEPTED)
             .values("measure_id", "completed", "long_term", "fact_quantity", "submission__period__year",
                     "submission__period__quarter"))

    def order(x: dict[str, Any]) -> tuple[int, int]:
        quarter = x["submission__period__quarter"]
        return x["submission__period__year"], 5 if quarter == 0 else quarter

    for x in sorted(lines, key=order):
        out.measures[x["measure_id"]] = Stored(
            {"completed": x["completed"], "long_term": x["long_term"], "fact_quantity": x["fact_quantity"]},
            "report", _label(x["submission__period__year"], x["submission__period__quarter"]))
    return out
