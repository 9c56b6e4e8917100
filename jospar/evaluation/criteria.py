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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q
from django.utils.translation import gettext, gettext_noop

from jospar.core.gcpause import paused_gc
from jospar.monitoring import achievement as ach
from jospar.monitoring.models import (
    ExecutionStatus,
    FinancingReport,
    IndicatorReport,
    MeasureReport,
    Obligation,
    ObligationStatus,
    ReportingPeriod,
    Submission,
    SubmissionLevel,
    SubmissionStatus,
)
from jospar.monitoring.rollups import IndicatorResult, Snapshot, mismatches
from jospar.monitoring.services import CO_EXECUTOR_RULES
from jospar.planning.models import Document, Financing, IndicatorValue

from .final import whole_period

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
    kind = value.__class__
    if kind is str or value is None or kind is int or kind is bool:  # most params: already plain (issue 7)
        return value
    if kind is Decimal or isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text == "-0" else text
    if isinstance(value, bool | int | str):
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
    """The five criteria of cl. 271 of one snapshot: ``evaluate_many`` with that snapshot alone."""
    return evaluate_many([snap], today=today, final=final)[snap.document.pk]


def evaluate_many(
    snaps: Mapping[int, Snapshot] | Iterable[Snapshot], *, today: date, final: bool = False
) -> dict[int, list[Criterion]]:
    """The five criteria of cl. 271 of several documents (document id -> criteria), in the order given.

    Issue 7: what the criteria read besides the snapshots (reporting periods, version chains, counts of
    the year's indicator plans, co-executors' obligations, the reports and their lines, the financing
    lines of the year) is read for every document at once, in at most nine queries whatever the number
    of documents (``_read``). ``final`` adds the whole period of each document (cl. 230, 244), read per
    document by ``final.whole_period``. One snapshot per document: a second one of the same document
    raises ``ValueError``.
    """
    items = list(snaps.values()) if isinstance(snaps, Mapping) else list(snaps)
    out: dict[int, list[Criterion]] = {}
    for snap in items:
        if snap.document.pk in out:
            raise ValueError(f"evaluate_many: two snapshots of document {snap.document.code}")
        out[snap.document.pk] = []
    facts = _read(items)
    with paused_gc():  # ~65,000 finding dicts: the collector cost two thirds of the CPU
        _evaluate(items, facts, out, today, final)
    return out


def _evaluate(items: list[Snapshot], facts: dict[tuple[int, int], _Inputs], out: dict[int, list[Criterion]],
              today: date, final: bool) -> None:
    for snap in items:
        document = snap.document
        inputs = facts[(document.pk, snap.year)]
        criteria = [
            _achievement(snap),
            _money(snap),
            _changes(document, inputs),
            _coordination(document, inputs, today),
            _completeness(snap, inputs),
        ]
        if final:
            _whole_period(document, criteria[0], criteria[4])
        out[document.pk] = criteria


@dataclass
class _Report:
    """A submitted report to the authorized body (the columns criterion 5 reads)."""

    pk: int
    organization: str
    satisfaction_value: Decimal | None
    control_audit: str
    analytical_note: str
    indicator_lines: list[tuple[str, Decimal | None]] = field(default_factory=list)  # indicator code, fact
    financing_lines: list[tuple[str, str, str, Decimal | None]] = field(default_factory=list)  # code, source, programme, absorbed
    measure_lines: set[str] = field(default_factory=set)  # measure codes


@dataclass
class _Inputs:
    """What the criteria of one document and year read besides its snapshot."""

    period: int | None = None
    chain: list[tuple[int, int | None, str, int, str]] = field(default_factory=list)  # pk, previous, basis, version, code
    plans: int = 0  # the year's quarter-0 values with a plan
    corrected: int = 0  # ... with a corrected plan different from the plan
    obligations: list[tuple[Any, ...]] = field(default_factory=list)  # rule, reporter (id, code), recipient (id, code), due, fulfilled
    reports: list[_Report] = field(default_factory=list)
    financing: list[tuple[str, str, str]] = field(default_factory=list)  # measure code, source, budget programme


def _read(snaps: list[Snapshot]) -> dict[tuple[int, int], _Inputs]:
    """``_Inputs`` of every (document, year) of ``snaps`` in a fixed number of queries (issue 7)."""
    facts = {(s.document.pk, s.year): _Inputs() for s in snaps}
    if not snaps:
        return facts
    ids = sorted({pk for pk, _ in facts})
    years = sorted({year for _, year in facts})
    for pk, document_id, year in ReportingPeriod.objects.filter(
            document_id__in=ids, year__in=years, quarter=0).values_list("pk", "document_id", "year").order_by():
        if (document_id, year) in facts:
            facts[(document_id, year)].period = pk
    chains = _version_chains([s.document for s in snaps])
    for s in snaps:
        facts[(s.document.pk, s.year)].chain = chains[s.document.pk]
    corrected = Q(corrected_plan__isnull=False) & ~Q(plan__isnull=False, corrected_plan=F("plan"))
    for document_id, year, plans, n_corrected in (
            IndicatorValue.objects.filter(indicator__document_id__in=ids, year__in=years, quarter=0)
            .values("indicator__document_id", "year").order_by("indicator__document_id", "year")
            .annotate(plans=Count("pk", filter=Q(plan__isnull=False)), corrected=Count("pk", filter=corrected))
            .values_list("indicator__document_id", "year", "plans", "corrected")):
        if (document_id, year) in facts:
            facts[(document_id, year)].plans, facts[(document_id, year)].corrected = plans, n_corrected
    by_period = {f.period: f for f in facts.values() if f.period is not None}
    if not by_period:
        return facts
    rules = {r for r in CO_EXECUTOR_RULES.values() if r}
    for row in Obligation.objects.filter(period_id__in=list(by_period), rule_id__in=rules).values_list(
            "period_id", "rule_id", "reporter_id", "reporter__code", "recipient_id", "recipient__code", "due",
            "fulfilled_on"):  # the model's ordering: due, rule, reporter (the last of equal keys wins, as before)
        by_period[row[0]].obligations.append(row[1:])
    reports: dict[int, _Report] = {}
    for pk, period_id, org, satisfaction, audit, note in (
            Submission.objects.filter(period_id__in=list(by_period), level=SubmissionLevel.REPORT)
            .exclude(status=SubmissionStatus.DRAFT).order_by("organization__code")
            .values_list("pk", "period_id", "organization__code", "satisfaction_value", "control_audit",
                         "analytical_note")):
        reports[pk] = report = _Report(pk, org, satisfaction, audit, note)
        by_period[period_id].reports.append(report)
    document_of = {f.period: document_id for (document_id, _), f in facts.items() if f.period is not None}
    if reports:
        ind: dict[int, list] = {pk: [] for pk in reports}
        for sub, code, fact in IndicatorReport.objects.filter(submission_id__in=list(reports)).order_by(
                "submission_id", "indicator__order", "indicator__code").values_list(
                "submission_id", "indicator__code", "fact"):
            ind[sub].append((code, fact))
        fin: dict[int, list] = {pk: [] for pk in reports}
        for sub, *line in FinancingReport.objects.filter(submission_id__in=list(reports)).order_by(
                "submission_id", "financing__measure__code", "financing__source").values_list(
                "submission_id", "financing__measure__code", "financing__source", "financing__budget_program_code",
                "absorbed"):
            fin[sub].append(tuple(line))
        mea: dict[int, set[str]] = {pk: set() for pk in reports}
        for sub, code in MeasureReport.objects.filter(submission_id__in=list(reports)).order_by().values_list(
                "submission_id", "measure__code"):
            mea[sub].add(code)
        for report in reports.values():
            report.indicator_lines, report.financing_lines, report.measure_lines = (
                ind[report.pk], fin[report.pk], mea[report.pk])
    for document_id, year, code, source, programme in Financing.objects.filter(
            measure__document_id__in=sorted(set(document_of.values())), year__in=years).values_list(
            "measure__document_id", "year", "measure__code", "source", "budget_program_code"):
        f = facts.get((document_id, year))
        if f is not None and f.period is not None:  # the model's ordering, as the query per document had it
            f.financing.append((code, source, programme))
    return facts


def _version_chains(documents: list[Document]) -> dict[int, list[tuple[int, int | None, str, int, str]]]:
    """Each document and its earlier versions, newest first (``previous_version`` followed to the first), in
    one recursive query for all documents; the document itself as given (its unsaved changes count)."""
    table = connection.ops.quote_name(Document._meta.db_table)
    starts = sorted({d.previous_version_id for d in documents if d.previous_version_id is not None})
    rows: dict[int, tuple[int, int | None, str, int, str]] = {}
    if starts:
        marks = ", ".join(["%s"] * len(starts))
        sql = (f"WITH RECURSIVE chain(id) AS (SELECT id FROM {table} WHERE id IN ({marks}) "  # noqa: S608
               f"UNION SELECT d.previous_version_id FROM {table} d JOIN chain c ON d.id = c.id "
               "WHERE d.previous_version_id IS NOT NULL) "
               f"SELECT id, previous_version_id, correction_basis, version, code FROM {table} "
               "WHERE id IN (SELECT id FROM chain)")
        with connection.cursor() as cursor:
            cursor.execute(sql, starts)
            rows = {row[0]: tuple(row) for row in cursor.fetchall()}  # type: ignore[misc]
    chains = {}
    for d in documents:
        chain, seen = [(d.pk, d.previous_version_id, d.correction_basis, d.version, d.code)], {d.pk}
        current = rows.get(d.previous_version_id) if d.previous_version_id is not None else None
        while current is not None and current[0] not in seen:
            seen.add(current[0])
            chain.append(current)
            current = rows.get(current[1]) if current[1] is not None else None
        chains[d.pk] = chain
    return chains


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


_SHORT = (ach.IndicatorStatus.NOT_ACHIEVED, ach.IndicatorStatus.PARTIALLY_ACHIEVED)
_NOT_ASSESSABLE = ach.IndicatorStatus.NOT_ASSESSABLE
_ANNUAL, _STOCK, _CUMULATIVE = (ach.Accumulation.ANNUAL.value, ach.Accumulation.STOCK.value,
                                 ach.Accumulation.CUMULATIVE.value)
ZERO = Decimal(0)
_EXECUTED, _PARTIALLY_EXECUTED = ach.ExecutionStatus.EXECUTED, ach.ExecutionStatus.PARTIALLY_EXECUTED


def _achievement(snap: Snapshot) -> Criterion:
    """cl. 271(1). Reads ``status`` and ``achievement`` of every indicator, which the snapshot knows without
    building the explanations; plan, fact and verdict only of the indicators a finding names (issue 7)."""
    c = Criterion(1, TITLES[1], "cl. 271(1)")
    indicators = snap.indicators
    c.metrics["indicators_achieved"] = ach.share_achieved([i.status for i in indicators])
    c.metrics["mean_achievement_capped"] = ach.average_achievement([i.achievement for i in indicators], cap=100)
    reported = [m for m in snap.measures if m.status]
    executed = sum(1 for m in reported if m.status == _EXECUTED)
    partial = sum(1 for m in reported if m.status == _PARTIALLY_EXECUTED)
    c.metrics["measures_executed"] = _share(
        executed, len(reported), "executed / measures reported × 100",
        {"executed": executed, "partially_executed": partial, "not_executed": len(reported) - executed - partial})
    short = gettext_noop("%(code)s %(title)s: plan %(plan)s, fact %(fact)s %(unit)s, achievement %(achievement)s %% "
                         "(%(status)s); reason given: %(reason)s")
    not_assessable = gettext_noop("%(code)s %(title)s: cannot be assessed (%(rule)s)")
    for i in indicators:
        status = i.status
        if status in _SHORT:
            plan, fact = _plan_and_fact(i)
            c.findings.append({"msgid": short, "params": {
                "code": _plain(i.code), "title": _plain(i.title), "plan": _plain(plan),
                "fact": _plain(fact), "unit": _plain(i.unit), "achievement": _plain(i.achievement),
                "status": str(status), "reason": _plain(i.reason or "—")}})
        elif status == _NOT_ASSESSABLE:
            c.findings.append({"msgid": not_assessable, "params": {
                "code": _plain(i.code), "title": _plain(i.title), "rule": _plain(i.verdict.rule)}})
    return c


def _plan_and_fact(i: IndicatorResult) -> tuple[Decimal | None, Decimal | None]:
    """``i.plan.value`` and ``i.fact.value`` without building the explanations (``achievement.value_for_year``
    on values the roll-ups found to be finite Decimals or None, in the accumulations they answer quickly:
    their ``_lazy`` inputs); built as before otherwise."""
    lazy = i.__dict__.get("_lazy")
    if lazy is not None:
        plans, facts, year, accumulation = lazy[:4]
        if accumulation == _ANNUAL or accumulation == _STOCK:
            return plans.get(year), facts.get(year)
        if accumulation == _CUMULATIVE:
            return _running_sum(plans, year), _running_sum(facts, year)
    return i.plan.value, i.fact.value


def _running_sum(values: dict[int, Decimal | None], year: int) -> Decimal | None:
    """``value_for_year(values, year, "cumulative").value``: Σ from the first year to ``year``, None when one is
    missing or when the first year comes after ``year`` (an empty period)."""
    first = min(values, default=year)
    if first > year:
        return None
    total = ZERO
    for y in range(first, year + 1):
        v = values.get(y)
        if v is None:
            return None
        total += v
    return total


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
    msgid = gettext_noop("%(code)s: %(status)s: absorption %(absorption)s %%, mean achievement of %(indicators)s "
                         "%(achievement)s %%")
    for status, rows in mismatches(snap).items():
        status = str(status)
        for m in rows:
            c.findings.append({"msgid": msgid, "params": {
                "code": _plain(m.code), "status": status, "absorption": _plain(m.absorption.value),
                "indicators": ", ".join(m.indicator_codes), "achievement": _plain(m.achievement.value)}})
    return c


def _changes(document: Document, inputs: _Inputs) -> Criterion:
    c = Criterion(3, TITLES[3], "cl. 271(3); cl. 205")
    chain = inputs.chain  # (pk, previous version, basis, version, code), newest first
    corrections = [d for d in chain if d[1] is not None]
    justified = [d for d in corrections if d[2].strip()]
    c.metrics["corrections"] = ach.Calculation(
        Decimal(len(corrections)), "number of versions − 1", {"versions": len(chain)}, clause="cl. 205")
    c.metrics["corrections_justified"] = _share(
        len(justified), len(corrections), "corrections with a stated basis / corrections × 100", {})
    c.metrics["plans_corrected"] = _share(inputs.corrected, inputs.plans,
                                          "indicator plans of the year corrected / plans of the year × 100", {})
    for _pk, _previous, basis, version, code in corrections:
        if not basis.strip():
            c.findings.append(_finding(gettext_noop("version %(version)s of %(code)s: no basis of the correction stated (cl. 205)"),
                                       version=version, code=code))
    return c


class _Due:
    """The two columns ``Obligation.status`` reads, so that the model's own rule decides (cl. 234-269)."""

    __slots__ = ("due", "fulfilled_on")

    def __init__(self, due: date | None, fulfilled_on: date | None) -> None:
        self.due, self.fulfilled_on = due, fulfilled_on


def _coordination(document: Document, inputs: _Inputs, today: date) -> Criterion:
    c = Criterion(4, TITLES[4], "cl. 271(4); cl. 191-197")
    rule_id = CO_EXECUTOR_RULES.get(document.type)
    ndp = document.type == "ndp"
    statuses: dict[str, str] = {}
    for rule, reporter_id, reporter, recipient_id, recipient, due, fulfilled_on in inputs.obligations:
        if rule != rule_id:
            continue
        org = reporter if reporter_id else "-"  # M8: a co-executor of the National Plan has one per responsible body
        statuses[f"{org} → {recipient}" if ndp and recipient_id else org] = Obligation.status(
            _Due(due, fulfilled_on), today)  # type: ignore[arg-type]
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


_MISSING_FACT = gettext_noop("missing: the fact of %(code)s (cl. 225(2))")
_MISSING_REASON = gettext_noop("missing: the reason for not reaching %(code)s (cl. 225(2))")
_MISSING_EXECUTION = gettext_noop("missing: the execution of measure %(code)s (cl. 225(3))")


def _completeness(snap: Snapshot, inputs: _Inputs) -> Criterion:
    c = Criterion(5, TITLES[5], "cl. 271(5); cl. 225")
    subs = inputs.reports
    required = filled = 0
    missing: list[dict[str, Any]] = []

    def need(ok: bool, msgid: str, **params: Any) -> None:
        nonlocal required, filled
        required += 1
        if ok:
            filled += 1
        else:
            missing.append(_finding(msgid, **params))

    # the last line of a code wins, reports in the order of their bodies' codes (as the query per report had it)
    facts = {code: fact for sub in subs for code, fact in sub.indicator_lines}
    fin_lines = {(code, source, programme): absorbed
                 for sub in subs for code, source, programme, absorbed in sub.financing_lines}
    mea_lines = {code for sub in subs for code in sub.measure_lines}
    for i in snap.indicators:  # inlined ``need`` on the two items of every indicator (issue 7)
        code = i.code
        required += 1
        if facts.get(code) is not None:
            filled += 1
        else:
            missing.append({"msgid": _MISSING_FACT, "params": {"code": _plain(code)}})
        if i.status in _SHORT:
            required += 1
            if i.reason.strip():
                filled += 1
            else:
                missing.append({"msgid": _MISSING_REASON, "params": {"code": _plain(code)}})
    for m in snap.measures:
        required += 1
        if m.code in mea_lines:
            filled += 1
        else:
            missing.append({"msgid": _MISSING_EXECUTION, "params": {"code": _plain(m.code)}})
    if inputs.period is not None:
        for code, source, programme in inputs.financing:
            need(fin_lines.get((code, source, programme)) is not None,
                 gettext_noop("missing: the absorbed money of %(code)s / %(source)s (cl. 225(3))"), code=code,
                 source=source)
    need(any(s.satisfaction_value is not None for s in subs),
         gettext_noop("missing: the beneficiaries' satisfaction (cl. 225(4))"))
    need(any(s.control_audit.strip() for s in subs), gettext_noop("missing: the control and audit results (cl. 225(5))"))
    need(any(s.analytical_note.strip() for s in subs), gettext_noop("missing: the analytical note (cl. 225(6))"))
    c.metrics["items_filled"] = _share(filled, required, "items filled / items required × 100",
                                       {"report": ", ".join(s.organization for s in subs) or None})
    c.findings.extend(missing)
    return c
