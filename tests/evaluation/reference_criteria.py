"""Reference oracle (read-only): ``jospar.evaluation.criteria`` as it was before issue 7 (one document at a time,
three to nine queries per document). tests/evaluation/test_evaluate_many.py compares ``evaluate_many`` with it.

The five criteria of cl. 271 for one document and reporting year, every number with its calculation.

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
   reasons for deviations, cl. 225(2)-(6)) that it fills. In the National Plan every responsible body
   submits its own report (monitoring decision M8): the items are looked up in all of them.

Final conclusion (cl. 230, 244): criterion 1 adds the indicators achieved in the final year and lists each
indicator not achieved with its plan and fact of every year (``final.whole_period``); criterion 5 names
the years of the period without an accepted report.

Findings are stored language-neutral, ``{"msgid": <English msgid>, "params": {...}}``, and rendered in the
reader's language by ``finding_text`` (statuses in the params are codes, translated on rendering);
conclusions drafted before this format keep their English strings and are shown as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.utils.translation import gettext, gettext_noop

from jospar.evaluation.final import whole_period
from jospar.monitoring import achievement as ach
from jospar.monitoring.models import (
    ExecutionStatus,
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

TITLES = {  # cl. 271(1)-(5)
    1: gettext_noop("Achievability of planned indicators and execution of measures"),
    2: gettext_noop("Absorption of financial resources compared with the achievement of indicators"),
    3: gettext_noop("Frequency of changes made to the document and their justification"),
    4: gettext_noop("Coordination of interagency interaction"),
    5: gettext_noop("Completeness of the information submitted"),
}
METRICS = {
    "indicators_achieved": gettext_noop("Indicators achieved, %"),
    "mean_achievement_capped": gettext_noop("Mean achievement, capped at 100 %"),
    "measures_executed": gettext_noop("Measures executed, %"),
    "final_year_indicators_achieved": gettext_noop("Indicators achieved in the final year of the period, %"),
    "absorption": gettext_noop("Absorption of the money of the year, %"),
    "mean_achievement": gettext_noop("Mean achievement of indicators, %"),
    "corrections": gettext_noop("Corrections of the document"),
    "corrections_justified": gettext_noop("Corrections with a stated basis, %"),
    "plans_corrected": gettext_noop("Indicator plans of the year corrected, %"),
    "co_executors_on_time": gettext_noop("Co-executors' obligations fulfilled on time, %"),
    "items_filled": gettext_noop("Items of the report filled, %"),
}
WORDS = {  # codes that appear in the params of findings, translated on rendering
    "achieved": gettext_noop("achieved"),
    "partially_achieved": gettext_noop("partially achieved"),
    "not_achieved": gettext_noop("not achieved"),
    "not_assessable": gettext_noop("cannot be assessed"),
    "absorbed_and_reached": gettext_noop("money absorbed and results reached"),
    "absorbed_not_reached": gettext_noop("money absorbed, results not reached"),
    "reached_not_absorbed": gettext_noop("results reached, money not absorbed"),
    "neither": gettext_noop("neither absorbed nor reached"),
    "upcoming": gettext_noop("upcoming"),
    "due": gettext_noop("due soon"),
    "overdue": gettext_noop("overdue"),
    "submitted_late": gettext_noop("submitted late"),
    "no_deadline": gettext_noop("no deadline, not yet fulfilled"),
    "executed": gettext_noop("executed"),
    "partially_executed": gettext_noop("partially executed"),
    "not_executed": gettext_noop("not executed"),
    "not_reported": gettext_noop("not reported"),
}


def _finding(msgid: str, **params: Any) -> dict[str, Any]:
    return {"msgid": msgid, "params": {k: _plain(v) for k, v in params.items()}}


def finding_text(finding: dict[str, Any] | str) -> str:
    """A finding in the active language (codes of statuses in the params translated too)."""
    if isinstance(finding, str):
        return finding  # drafted before findings were translatable
    params = {k: (gettext(WORDS[v]) if isinstance(v, str) and k.endswith("status") and v in WORDS else
                  ("—" if v is None else v)) for k, v in finding.get("params", {}).items()}
    try:
        return gettext(finding["msgid"]) % params
    except (KeyError, TypeError, ValueError):  # a catalog entry that lost a placeholder: fall back to English
        return finding["msgid"] % params


def criterion_title(number: int, stored: str = "") -> str:
    return gettext(TITLES[number]) if number in TITLES else stored


def metric_label(key: str) -> str:
    return gettext(METRICS[key]) if key in METRICS else key


@dataclass
class Criterion:
    number: int
    title: str
    clause: str
    metrics: dict[str, ach.Calculation] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)

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


def evaluate(snap: Snapshot, *, today: date, final: bool = False) -> list[Criterion]:
    document, year = snap.document, snap.year
    period = ReportingPeriod.objects.filter(document=document, year=year, quarter=0).first()
    criteria = [
        _achievement(snap),
        _money(snap),
        _changes(document, year),
        _coordination(document, period, today),
        _completeness(snap, period),
    ]
    if final:
        _whole_period(document, criteria[0], criteria[4])
    return criteria


def _whole_period(document: Document, c1: Criterion, c5: Criterion) -> None:
    """cl. 230, 244: the final year and the whole period (decisions F1-F3 of ``final``)."""
    wp = whole_period(document)
    c1.metrics["final_year_indicators_achieved"] = ach.share_achieved([i.final.status for i in wp.indicators])
    end = wp.years[-1]
    for i in wp.indicators:
        if i.final.status == ach.IndicatorStatus.ACHIEVED:
            continue
        series = "; ".join(f"{c.year}: {_plain(c.effective_plan) if c.effective_plan is not None else '—'} / "
                           f"{_plain(c.fact) if c.fact is not None else '—'}" for c in i.years)
        c1.findings.append(_finding(
            gettext_noop("%(code)s %(title)s: in the final year %(year)s plan %(plan)s, fact %(fact)s (%(status)s); plan / fact "
            "by year: %(series)s (cl. 230)"), code=i.code, title=i.indicator.title, year=end,
            plan=i.final_plan.value, fact=i.final_fact.value, status=str(i.final.status), series=series))
    for m in wp.measures:
        if m.last_status and m.last_status != ExecutionStatus.EXECUTED:
            c1.findings.append(_finding(
                gettext_noop("measure %(code)s: %(status)s at the end of the period; absorbed %(absorbed)s of %(allocated)s mln "
                "tenge over %(start)s-%(end)s (cl. 230)"), code=m.code, status=m.last_status, absorbed=m.absorbed,
                allocated=m.allocated, start=wp.years[0], end=end))
    if wp.years_not_reported:
        c5.findings.append(_finding(gettext_noop("years of the period without an accepted report: %(years)s (cl. 230, 244)"),
                                    years=", ".join(map(str, wp.years_not_reported))))


def _achievement(snap: Snapshot) -> Criterion:
    c = Criterion(1, TITLES[1], "cl. 271(1)")
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
            c.findings.append(_finding(
                gettext_noop("%(code)s %(title)s: plan %(plan)s, fact %(fact)s %(unit)s, achievement %(achievement)s %% "
                "(%(status)s); reason given: %(reason)s"), code=i.code, title=i.title, plan=i.plan.value,
                fact=i.fact.value, unit=i.unit, achievement=i.achievement, status=str(i.verdict.status),
                reason=i.reason or "—"))
        elif i.verdict.status == ach.IndicatorStatus.NOT_ASSESSABLE:
            c.findings.append(_finding(gettext_noop("%(code)s %(title)s: cannot be assessed (%(rule)s)"), code=i.code,
                                       title=i.title, rule=i.verdict.rule))
    return c


def _money(snap: Snapshot) -> Criterion:
    c = Criterion(2, TITLES[2], "cl. 271(2)")
    total = snap.total.absorption if snap.total else ach.Calculation(None, "absorbed / plan × 100",
                                                                     reason="no financing in the year")
    mean = ach.average_achievement([i.achievement for i in snap.indicators])
    c.metrics["absorption"] = total
    c.metrics["mean_achievement"] = mean
    verdict = ach.money_vs_result(total.value, mean.value)
    c.findings.append(_finding(gettext_noop("the document as a whole: %(status)s (%(rule)s)"), status=str(verdict.status),
                               rule=verdict.rule))
    for status, rows in mismatches(snap).items():
        for m in rows:
            c.findings.append(_finding(
                gettext_noop("%(code)s: %(status)s: absorption %(absorption)s %%, mean achievement of %(indicators)s "
                "%(achievement)s %%"), code=m.code, status=str(status), absorption=m.absorption.value,
                indicators=", ".join(m.indicator_codes), achievement=m.achievement.value))
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
    c = Criterion(3, TITLES[3], "cl. 271(3); cl. 205")
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
            c.findings.append(_finding(gettext_noop("version %(version)s of %(code)s: no basis of the correction stated (cl. 205)"),
                                       version=d.version, code=d.code))
    return c


def _coordination(document: Document, period: ReportingPeriod | None, today: date) -> Criterion:
    c = Criterion(4, TITLES[4], "cl. 271(4); cl. 191-197")
    rule_id = CO_EXECUTOR_RULES.get(document.type)
    obligations = (list(period.obligations.filter(rule_id=rule_id).select_related("reporter", "recipient"))
                   if period and rule_id else [])

    def who(o) -> str:  # M8: a co-executor of the National Plan has one obligation per responsible body
        org = o.reporter.code if o.reporter_id else "-"
        return f"{org} → {o.recipient.code}" if document.type == "ndp" and o.recipient_id else org

    statuses = {who(o): o.status(today) for o in obligations}
    on_time = sum(1 for s in statuses.values()
                  if s in (ObligationStatus.SUBMITTED_ON_TIME, ObligationStatus.FULFILLED))
    late = sum(1 for s in statuses.values() if s == ObligationStatus.SUBMITTED_LATE)
    c.metrics["co_executors_on_time"] = _share(
        on_time, len(statuses), "co-executors' obligations fulfilled on time / co-executors' obligations × 100",
        {"late": late, "not_fulfilled": len(statuses) - on_time - late})
    for org, s in sorted(statuses.items()):
        if s not in (ObligationStatus.SUBMITTED_ON_TIME, ObligationStatus.FULFILLED):
            c.findings.append(_finding(gettext_noop("%(org)s: %(status)s"), org=org, status=str(s)))
    return c


def report_submission(period: ReportingPeriod | None) -> Submission | None:
    """The first report to the authorized body (kept for callers; see ``report_submissions``)."""
    subs = report_submissions(period)
    return subs[0] if subs else None


def report_submissions(period: ReportingPeriod | None) -> list[Submission]:
    """Every submitted report to the authorized body of the period (several in the National Plan, M8)."""
    if period is None:
        return []
    return list(Submission.objects.filter(period=period, level=SubmissionLevel.REPORT)
                .exclude(status=SubmissionStatus.DRAFT).select_related("organization")
                .order_by("organization__code"))


def _completeness(snap: Snapshot, period: ReportingPeriod | None) -> Criterion:
    c = Criterion(5, TITLES[5], "cl. 271(5); cl. 225")
    subs = report_submissions(period)
    required = filled = 0
    missing: list[dict[str, Any]] = []

    def need(ok: bool, msgid: str, **params: Any) -> None:
        nonlocal required, filled
        required += 1
        if ok:
            filled += 1
        else:
            missing.append(_finding(msgid, **params))

    ind_lines = {x.indicator.code: x for sub in subs for x in sub.indicator_lines.select_related("indicator")}
    fin_lines = {(x.financing.measure.code, x.financing.source, x.financing.budget_program_code): x
                 for sub in subs for x in sub.financing_lines.select_related("financing__measure")}
    mea_lines = {x.measure.code: x for sub in subs for x in sub.measure_lines.select_related("measure")}
    for i in snap.indicators:
        line = ind_lines.get(i.code)
        need(line is not None and line.fact is not None, gettext_noop("missing: the fact of %(code)s (cl. 225(2))"), code=i.code)
        if i.verdict.status in (ach.IndicatorStatus.NOT_ACHIEVED, ach.IndicatorStatus.PARTIALLY_ACHIEVED):
            need(bool(i.reason.strip()), gettext_noop("missing: the reason for not reaching %(code)s (cl. 225(2))"), code=i.code)
    for m in snap.measures:
        need(m.code in mea_lines, gettext_noop("missing: the execution of measure %(code)s (cl. 225(3))"), code=m.code)
    if period is not None:
        for f in Financing.objects.filter(measure__document=snap.document, year=snap.year).select_related("measure"):
            line = fin_lines.get((f.measure.code, f.source, f.budget_program_code))
            need(line is not None and line.absorbed is not None,
                 gettext_noop("missing: the absorbed money of %(code)s / %(source)s (cl. 225(3))"), code=f.measure.code,
                 source=f.source)
    need(any(s.satisfaction_value is not None for s in subs),
         gettext_noop("missing: the beneficiaries' satisfaction (cl. 225(4))"))
    need(any(s.control_audit.strip() for s in subs), gettext_noop("missing: the control and audit results (cl. 225(5))"))
    need(any(s.analytical_note.strip() for s in subs), gettext_noop("missing: the analytical note (cl. 225(6))"))
    c.metrics["items_filled"] = _share(filled, required, "items filled / items required × 100",
                                       {"report": ", ".join(s.organization.code for s in subs) or None})
    c.findings.extend(missing)
    return c
