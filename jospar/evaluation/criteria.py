"""The five criteria of cl. 271 for one document and reporting year, every number with its calculation.

The methodology gives no formula or scale for the criteria (SPEC part 2, cl. 271): the metrics below are
Jospar's transparent measures, each a ``Calculation`` (value, formula, inputs), never an official grade.
The authorized body writes the evaluation text itself (Annex 11 items 6-7).

1. Achievability of indicators and execution of measures: share of assessable indicators achieved, mean
   achievement capped at 100 % (over-achievement of one indicator does not hide the failure of another),
   share of reported measures executed.
2. Absorption compared with achievement: absorption of all money of the year against the mean achievement
   (``money_vs_result``) and the measures where money was absorbed but the indicators were not reached and
   the reverse.
3. Frequency and justification of changes: versions of the document up to the end of the year and those
   with a stated basis (cl. 205), indicator plans of the year corrected.
4. Coordination of interagency work: the co-executors' obligations of the year fulfilled on time.
5. Completeness of the information: the items the report must fill (facts, absorbed money, measures,
   reasons for deviations, cl. 225(2)-(6)) that it fills.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F

from jospar.monitoring import achievement as ach
from jospar.monitoring.models import (
    ObligationStatus,
    ReportingPeriod,
    Submission,
    SubmissionLevel,
    SubmissionStatus,
)
from jospar.monitoring.rollups import Snapshot, mismatches
from jospar.monitoring.services import CO_EXECUTOR_RULES
from jospar.planning.models import Document, Financing, IndicatorValue

HUNDRED = Decimal(100)


@dataclass
class Criterion:
    number: int
    title: str
    clause: str
    metrics: dict[str, ach.Calculation] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number, "title": self.title, "clause": self.clause,
            "metrics": {k: calculation_dict(c) for k, c in self.metrics.items()},
            "findings": list(self.findings),
        }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text == "-0" else text
    if isinstance(value, bool | int | str) or value is None:
        return value
    return str(value)


def calculation_dict(c: ach.Calculation) -> dict[str, Any]:
    return {"value": _plain(c.value), "formula": c.formula, "inputs": {k: _plain(v) for k, v in c.inputs.items()},
            "reason": c.reason, "clause": c.clause}


def _share(part: int, whole: int, formula: str, inputs: dict[str, Any]) -> ach.Calculation:
    inputs = {**inputs, "numerator": part, "denominator": whole}
    if whole == 0:
        return ach.Calculation(None, formula, inputs, reason="nothing to count", clause="cl. 271")
    value = (Decimal(part) / Decimal(whole) * HUNDRED).quantize(Decimal("0.01"))
    return ach.Calculation(value, formula, inputs, clause="cl. 271")


def evaluate(snap: Snapshot, *, today: date) -> list[Criterion]:
    document, year = snap.document, snap.year
    period = ReportingPeriod.objects.filter(document=document, year=year, quarter=0).first()
    return [
        _achievement(snap),
        _money(snap),
        _changes(document, year),
        _coordination(document, period, today),
        _completeness(snap, period),
    ]


def _achievement(snap: Snapshot) -> Criterion:
    c = Criterion(1, "Achievability of planned indicators and execution of measures", "cl. 271(1)")
    c.metrics["indicators_achieved"] = ach.share_achieved([i.verdict.status for i in snap.indicators])
    c.metrics["mean_achievement_capped"] = ach.average_achievement([i.achievement for i in snap.indicators], cap=100)
    reported = [m for m in snap.measures if m.status]
    executed = sum(1 for m in reported if m.status == ach.ExecutionStatus.EXECUTED)
    partial = sum(1 for m in reported if m.status == ach.ExecutionStatus.PARTIALLY_EXECUTED)
    c.metrics["measures_executed"] = _share(
        executed, len(reported), "executed / measures reported × 100",
        {"executed": executed, "partially_executed": partial, "not_executed": len(reported) - executed - partial})
    for i in snap.indicators:
        if i.verdict.status in (ach.IndicatorStatus.NOT_ACHIEVED, ach.IndicatorStatus.PARTIALLY_ACHIEVED):
            c.findings.append(
                f"{i.code} {i.title}: plan {_plain(i.plan.value)}, fact {_plain(i.fact.value)} {i.unit}, "
                f"achievement {_plain(i.achievement)} % ({i.verdict.status}); reason given: {i.reason or '—'}")
        elif i.verdict.status == ach.IndicatorStatus.NOT_ASSESSABLE:
            c.findings.append(f"{i.code} {i.title}: not assessable ({i.verdict.rule})")
    return c


def _money(snap: Snapshot) -> Criterion:
    c = Criterion(2, "Absorption of financial resources compared with the achievement of indicators", "cl. 271(2)")
    total = snap.total.absorption if snap.total else ach.Calculation(None, "absorbed / plan × 100",
                                                                     reason="no financing in the year")
    mean = ach.average_achievement([i.achievement for i in snap.indicators])
    c.metrics["absorption"] = total
    c.metrics["mean_achievement"] = mean
    verdict = ach.money_vs_result(total.value, mean.value)
    c.findings.append(f"document: {verdict.status} ({verdict.rule})")
    for status, rows in mismatches(snap).items():
        for m in rows:
            c.findings.append(
                f"{m.code}: {status}: absorption {_plain(m.absorption.value)} %, mean achievement of "
                f"{', '.join(m.indicator_codes)} {_plain(m.achievement.value)} %")
    return c


def _version_chain(document: Document, year: int) -> list[Document]:
    chain, seen = [], set()
    current: Document | None = document
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current)
        current = current.previous_version
    return chain


def _changes(document: Document, year: int) -> Criterion:
    c = Criterion(3, "Frequency of changes made to the document and their justification", "cl. 271(3); cl. 205")
    chain = _version_chain(document, year)
    corrections = [d for d in chain if d.previous_version_id is not None]
    justified = [d for d in corrections if d.correction_basis.strip()]
    c.metrics["corrections"] = ach.Calculation(
        Decimal(len(corrections)), "number of versions − 1", {"versions": len(chain)}, clause="cl. 205")
    c.metrics["corrections_justified"] = _share(
        len(justified), len(corrections), "corrections with a stated basis / corrections × 100", {})
    corrected = IndicatorValue.objects.filter(
        indicator__document=document, year=year, quarter=0, corrected_plan__isnull=False).exclude(
        plan__isnull=False, corrected_plan=F("plan"))
    n_plans = IndicatorValue.objects.filter(indicator__document=document, year=year, quarter=0,
                                            plan__isnull=False).count()
    c.metrics["plans_corrected"] = _share(corrected.count(), n_plans,
                                          "indicator plans of the year corrected / plans of the year × 100", {})
    for d in corrections:
        if not d.correction_basis.strip():
            c.findings.append(f"version {d.version} of {d.code}: no basis of the correction stated (cl. 205)")
    return c


def _coordination(document: Document, period: ReportingPeriod | None, today: date) -> Criterion:
    c = Criterion(4, "Coordination of interagency interaction", "cl. 271(4); cl. 191-197")
    rule_id = CO_EXECUTOR_RULES.get(document.type)
    obligations = list(period.obligations.filter(rule_id=rule_id).select_related("reporter")) if period and rule_id else []
    statuses = {o.reporter.code if o.reporter_id else "-": o.status(today) for o in obligations}
    on_time = sum(1 for s in statuses.values()
                  if s in (ObligationStatus.SUBMITTED_ON_TIME, ObligationStatus.FULFILLED))
    late = sum(1 for s in statuses.values() if s == ObligationStatus.SUBMITTED_LATE)
    c.metrics["co_executors_on_time"] = _share(
        on_time, len(statuses), "co-executors' obligations fulfilled on time / co-executors' obligations × 100",
        {"late": late, "not_fulfilled": len(statuses) - on_time - late})
    for org, s in sorted(statuses.items()):
        if s not in (ObligationStatus.SUBMITTED_ON_TIME, ObligationStatus.FULFILLED):
            c.findings.append(f"{org}: {s}")
    return c


def report_submission(period: ReportingPeriod | None) -> Submission | None:
    if period is None:
        return None
    return (Submission.objects.filter(period=period, level=SubmissionLevel.REPORT)
            .exclude(status=SubmissionStatus.DRAFT).select_related("organization").first())


def _completeness(snap: Snapshot, period: ReportingPeriod | None) -> Criterion:
    c = Criterion(5, "Completeness of the information submitted", "cl. 271(5); cl. 225")
    sub = report_submission(period)
    required = filled = 0
    missing: list[str] = []

    def need(ok: bool, what: str) -> None:
        nonlocal required, filled
        required += 1
        if ok:
            filled += 1
        else:
            missing.append(what)

    ind_lines = {x.indicator.code: x for x in sub.indicator_lines.select_related("indicator")} if sub else {}
    fin_lines = ({(x.financing.measure.code, x.financing.source, x.financing.budget_program_code): x
                  for x in sub.financing_lines.select_related("financing__measure")} if sub else {})
    mea_lines = {x.measure.code: x for x in sub.measure_lines.select_related("measure")} if sub else {}
    for i in snap.indicators:
        line = ind_lines.get(i.code)
        need(line is not None and line.fact is not None, f"fact of {i.code} (cl. 225(2))")
        if i.verdict.status in (ach.IndicatorStatus.NOT_ACHIEVED, ach.IndicatorStatus.PARTIALLY_ACHIEVED):
            need(bool(i.reason.strip()), f"reason for not reaching {i.code} (cl. 225(2))")
    for m in snap.measures:
        need(m.code in mea_lines, f"execution of measure {m.code} (cl. 225(3))")
    if period is not None:
        for f in Financing.objects.filter(measure__document=snap.document, year=snap.year).select_related("measure"):
            line = fin_lines.get((f.measure.code, f.source, f.budget_program_code))
            need(line is not None and line.absorbed is not None,
                 f"absorbed money of {f.measure.code} / {f.source} (cl. 225(3))")
    need(sub is not None and sub.satisfaction_value is not None, "beneficiaries' satisfaction (cl. 225(4))")
    need(sub is not None and bool(sub.control_audit.strip()), "control and audit results (cl. 225(5))")
    need(sub is not None and bool(sub.analytical_note.strip()), "analytical note (cl. 225(6))")
    c.metrics["items_filled"] = _share(filled, required, "items filled / items required × 100",
                                       {"report": sub.organization.code if sub else None})
    c.findings.extend(f"missing: {w}" for w in missing)
    return c
