"""Pages of the monitoring cycle (SPEC part 2, ch. 4-5): inbox, deadline calendar, report entry, review,
consolidated view and conclusion.

Every write goes through the services of ``jospar.monitoring.services`` and ``jospar.evaluation.services``;
they check who acts and raise ``MonitoringRefused`` (one message per problem, each naming the line and the
clause), which the pages show next to the lines and fields they name; nothing is written then. Reads of
documents go through ``jospar.planning.access``.

Decisions for the pages:
* W1. The report page belongs to the reporting organization: only its members see it (a draft is never shown
  to another organization, cl. 231-233); the recipient and the authorized bodies see a report once it is
  submitted, on the review page.
* W2. The consolidated view is for the authorized bodies (and the developer of the document, who forms its
  report from it); the draft of a conclusion is shown only to the authorized bodies, an issued one to every
  reader of the document.
* W3. A line of the report form is sent to ``do_save_report`` only when something is typed in it or it was
  saved before, so that untouched measures do not become "not executed" lines.
* W4. Submit = save the form, then sign (first head, cl. 231), in one transaction: if the signature is
  refused, the typed values stay in the form but nothing is written.
* W5. The deadline calendar shows the obligations whose deadline falls in the chosen calendar year, and the
  obligations without a deadline of the reporting year before it (of a quarter: of the same year, cl. 238).
* W6. The quarterly roll-up (cl. 234-237) and the proposals of cl. 238 are shown to the authorized bodies and to
  the developer of the Plan, like the consolidated view (W2); sent proposals also to their recipient.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from jospar.core.models import Membership, Organization, Role
from jospar.development.deadlines import deadlines as development_deadlines
from jospar.evaluation.criteria import finding_text, metric_label
from jospar.evaluation.final import whole_period
from jospar.evaluation.models import Conclusion, ConclusionStatus
from jospar.evaluation.services import do_draft_conclusion, do_issue_conclusion, do_write_conclusion
from jospar.monitoring import achievement as ach
from jospar.monitoring import proposals, quarterly, rollups
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import (
    FinancingLineIn,
    IndicatorLineIn,
    MeasureLineIn,
    ReportInput,
    SatisfactionIn,
)
from jospar.monitoring.models import (
    ExecutionStatus,
    FinancingReport,
    Obligation,
    ObligationStatus,
    OperationalProposal,
    ProposalStatus,
    ReportingPeriod,
    Submission,
    SubmissionLevel,
    SubmissionStatus,
)
from jospar.monitoring.prefill import StoredValues, stored_values
from jospar.planning.access import access_document_by_code, user_organization_ids, visible_documents
from jospar.planning.models import Document, Financing, Indicator, IndicatorValue, Measure
from jospar.planning.services import editor_organization_ids

from .charts import number

REPORT_RULE_IDS = set(sv.CO_EXECUTOR_RULES.values()) | set(sv.REPORT_RULES.values())
CO_RULE_IDS = set(sv.CO_EXECUTOR_RULES.values())
QUARTERLY_RULE = "ndp.operational_monitoring."  # cl. 236
PROPOSAL_RULE = "ndp.operational_proposals"  # cl. 238
MONEY_VS_RESULT = {
    "absorbed_and_reached": gettext_lazy("money absorbed and results reached"),
    "absorbed_not_reached": gettext_lazy("money absorbed, results not reached"),
    "reached_not_absorbed": gettext_lazy("results reached, money not absorbed"),
    "neither": gettext_lazy("neither absorbed nor reached"),
    "not_assessable": gettext_lazy("cannot be assessed"),
}
INDICATOR_STATUS = {
    "achieved": gettext_lazy("achieved"), "partially_achieved": gettext_lazy("partially achieved"),
    "not_achieved": gettext_lazy("not achieved"), "not_assessable": gettext_lazy("cannot be assessed"),
}
DIMENSION_LABELS = {
    "document": gettext_lazy("Document"), "direction": gettext_lazy("Direction"), "goal": gettext_lazy("Goal"),
    "body": gettext_lazy("Responsible body"), "territory": gettext_lazy("Territory"),
}
CRITERIA_TITLES = {  # cl. 271(1)-(5)
    1: gettext_lazy("Achievability of planned indicators and execution of measures"),
    2: gettext_lazy("Absorption of financial resources compared with the achievement of indicators"),
    3: gettext_lazy("Frequency of changes made to the document and their justification"),
    4: gettext_lazy("Coordination of interagency interaction"),
    5: gettext_lazy("Completeness of the information submitted"),
}
METRIC_LABELS = {
    "indicators_achieved": gettext_lazy("Indicators achieved, %"),
    "mean_achievement_capped": gettext_lazy("Mean achievement, capped at 100 %"),
    "measures_executed": gettext_lazy("Measures executed, %"),
    "absorption": gettext_lazy("Absorption of the money of the year, %"),
    "mean_achievement": gettext_lazy("Mean achievement of indicators, %"),
    "corrections": gettext_lazy("Corrections of the document"),
    "corrections_justified": gettext_lazy("Corrections with a stated basis, %"),
    "plans_corrected": gettext_lazy("Indicator plans of the year corrected, %"),
    "co_executors_on_time": gettext_lazy("Co-executors' obligations fulfilled on time, %"),
    "items_filled": gettext_lazy("Items of the report filled, %"),
}


# --------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------


def _plain(value: Decimal | None) -> str:
    """A decimal without trailing zeros, for form fields and text (``75.0000`` -> ``75``)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def _refused(request, message: str, document: Document | None = None):
    return render(request, "web/monitoring/refused.html", {"message": message, "document": document}, status=403)


def _authority_member(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.memberships.exclude(organization__authority="").exists()


def _may_open(user, document: Document) -> bool:
    """cl. 234-269: the developer's editors or an authorized body open a reporting period (the service decides)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.memberships.filter(
        Q(organization=document.developer, role__in=sv.EDITORS) | ~Q(organization__authority="")).exists()


def _year(value: Any, document: Document) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if year not in document.years:
        raise Http404
    return year


def _calc(c: ach.Calculation | None) -> dict[str, Any] | None:
    """A Calculation for the "show calculation" block of the templates."""
    if c is None:
        return None
    return {"value": c.value, "formula": c.formula, "inputs": [(k, _show(v)) for k, v in c.inputs.items()],
            "reason": c.reason, "clause": c.clause}


def _show(value: Any) -> str:
    if isinstance(value, Decimal):
        return _plain(value)
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(_show(v) for v in value)
    return str(value)


# --------------------------------------------------------------------------------------------------
# Inbox and deadline calendar
# --------------------------------------------------------------------------------------------------


@dataclass
class ObligationRow:
    obligation: Obligation
    label: str
    status: str
    status_label: str
    act_url: str | None
    workbook_url: str | None = None
    workbook_annex: str = ""


def _workbook_url(o: Obligation, writer_orgs: set[int]) -> tuple[str | None, str]:
    """The official forms page's xlsx of the reporter's own part (``?year=&org=``) for an annual report or a
    co-executor's information (cl. 240-241, 254-256, 262-263, 266-267: the report annex of the document type,
    uploaded back on the forms page), when the user writes for the reporter (otherwise the download is refused)."""
    from jospar.annexes.services import REPORT_ANNEX

    document = o.period.document
    annex = REPORT_ANNEX.get(document.type)
    if (annex is None or o.period.quarter or o.rule_id not in REPORT_RULE_IDS or o.reporter_id not in writer_orgs):
        return None, ""
    url = reverse("form-download", args=[document.code, annex, "xlsx"])
    return f"{url}?year={o.period.year}&org={o.reporter.code}", annex


def _obligation_rows(obligations, user_orgs: set[int], authority_orgs: set[int], today: date,
                     writer_orgs: set[int] = frozenset()) -> list[ObligationRow]:
    labels = dict(ObligationStatus.choices)
    lang = (get_language() or "kk")[:2]
    rows = []
    for o in obligations:
        document = o.period.document
        url = None
        if o.reporter_id in user_orgs:
            if o.rule_id in REPORT_RULE_IDS or o.rule_id.startswith(QUARTERLY_RULE):
                q = o.period.quarter
                url = (reverse("monitoring-report-quarter", args=[document.code, o.period.year, q]) if q else
                       reverse("monitoring-report", args=[document.code, o.period.year]))
                query = []  # the National Plan routes by body (M8): name the reporter and, for co-executors, the body
                if document.type == "ndp" and o.reporter_id != document.developer_id:
                    query.append(f"org={o.reporter.code}")
                if document.type == "ndp" and o.rule_id in CO_RULE_IDS and o.recipient_id:
                    query.append(f"to={o.recipient.code}")  # M8: the responsible body it reports to
                url += "?" + "&".join(query) if query else ""
            elif o.rule_id == PROPOSAL_RULE and o.period.quarter:  # cl. 238
                url = reverse("monitoring-proposals", args=[document.code, o.period.year, o.period.quarter])
            elif o.reporter_id in authority_orgs:
                url = reverse("monitoring-overview", args=[document.code, o.period.year])
        status = o.status(today)
        workbook, annex = _workbook_url(o, writer_orgs)
        rows.append(ObligationRow(o, o.label(lang), status, str(labels.get(status, status)), url, workbook, annex))
    return rows


@login_required
def inbox(request):
    user = request.user
    orgs = user_organization_ids(user)
    authority_orgs = set(Organization.objects.filter(pk__in=orgs).exclude(authority="").values_list("pk", flat=True))
    docs = visible_documents(user)
    today = sv.today()
    obligations = (
        Obligation.objects.filter(reporter_id__in=orgs, period__document__in=docs)
        .select_related("period__document", "reporter", "recipient")
        .order_by(F("due").asc(nulls_last=True), "period__document__code", "rule_id")
    )
    waiting = (
        Submission.objects.filter(recipient_id__in=orgs, status=SubmissionStatus.SUBMITTED)
        .select_related("period__document", "organization", "obligation", "signed_by")
        .order_by(F("obligation__due").asc(nulls_last=True), "signed_at")
    )
    return render(request, "web/monitoring/inbox.html", {
        "rows": _obligation_rows(obligations, orgs, authority_orgs, today, editor_organization_ids(user)),
        "waiting": waiting, "today": today,
    })


def calendar_view(request):
    user = request.user
    today = sv.today()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 1991), 2100)
    docs = visible_documents(user)
    obligations = (
        Obligation.objects.filter(period__document__in=docs)
        .filter(Q(due__year=year) | Q(due__isnull=True, period__year=year - 1, period__quarter=0)
                | Q(due__isnull=True, period__year=year, period__quarter__gt=0))  # W5
        .select_related("period__document", "reporter", "recipient")
        .order_by(F("due").asc(nulls_last=True), "period__document__code", "rule_id", "reporter__code")
    )
    doc_code = request.GET.get("document") or ""
    org_code = request.GET.get("organization") or ""
    all_rows = list(obligations)
    documents = sorted({o.period.document for o in all_rows}, key=lambda d: d.code)
    organizations = sorted({x for o in all_rows for x in (o.reporter, o.recipient) if x is not None},
                           key=lambda x: x.code)
    if doc_code:
        all_rows = [o for o in all_rows if o.period.document.code == doc_code]
    if org_code:
        all_rows = [o for o in all_rows if org_code in (getattr(o.reporter, "code", None),
                                                         getattr(o.recipient, "code", None))]
    orgs = user_organization_ids(user)
    authority_orgs = {o.pk for o in organizations if o.authority and o.pk in orgs}
    rows = _obligation_rows(all_rows, orgs, authority_orgs, today)
    # the deadlines of development and agreement (§6, cl. 64-75, 103, 122-123, 151-154) in the same calendar
    lang = (get_language() or "kk")[:2]
    labels = dict(ObligationStatus.choices)
    for d in development_deadlines(user, year):
        if d.document not in documents:
            documents.append(d.document)
        if doc_code and d.document.code != doc_code:
            continue
        if org_code and org_code not in (getattr(d.reporter, "code", None), getattr(d.recipient, "code", None)):
            continue
        status = d.status(today)
        rows.append(ObligationRow(d, d.label(lang), status, str(labels.get(status, status)), d.url))
    documents.sort(key=lambda doc: doc.code)
    rows.sort(key=lambda r: (r.obligation.due is None, r.obligation.due or date.max))
    months: dict[date | None, list[ObligationRow]] = defaultdict(list)
    for r in rows:
        due = r.obligation.due
        months[date(due.year, due.month, 1) if due else None].append(r)
    per_day: dict[str, int] = defaultdict(int)
    for r in rows:
        if r.obligation.due:
            per_day[r.obligation.due.isoformat()] += 1
    heatmap = {"year": year, "days": sorted(per_day.items()),
               "max": max(per_day.values(), default=1), "label": _("Deadlines")}
    return render(request, "web/monitoring/calendar.html", {
        "year": year, "months": list(months.items()), "documents": documents, "organizations": organizations,
        "doc_code": doc_code, "org_code": org_code, "heatmap": heatmap, "years": sorted(set(range(today.year - 3, today.year + 3)) | {year}),
    })


# --------------------------------------------------------------------------------------------------
# The report form
# --------------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the report form: the planned item, its saved line and the names of its fields."""

    kind: str  # ind / mea / fin
    item: Any
    line: Any
    code: str
    fields: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    bf: dict[str, Any] = field(default_factory=dict)  # bound fields, for the template


DEC = {"max_digits": 15, "decimal_places": 4}
MONEY = {"max_digits": 15, "decimal_places": 3, "min_value": 0}
PERCENT = {"max_digits": 7, "decimal_places": 3, "min_value": 0, "max_value": 100}
TEXT = forms.Textarea(attrs={"rows": 2})


class ReportForm(forms.Form):
    """The report of one organization for one year as one form (cl. 225(2)-(6))."""

    satisfaction_base_year = forms.IntegerField(label=gettext_lazy("Satisfaction: base year"), required=False,
                                                min_value=1991, max_value=2100)
    satisfaction_base = forms.DecimalField(label=gettext_lazy("Satisfaction: base, %"), required=False, **PERCENT)
    satisfaction_value = forms.DecimalField(label=gettext_lazy("Satisfaction: reporting year, %"), required=False,
                                            **PERCENT)
    satisfaction_note = forms.CharField(label=gettext_lazy("Satisfaction: comments"), required=False, widget=TEXT)
    control_audit = forms.CharField(label=gettext_lazy("Control, audit and expert-analytical measures"),
                                    required=False, widget=TEXT, help_text=gettext_lazy("cl. 225(5)"))
    field_checks = forms.CharField(label=gettext_lazy("Field checks of budget investments"), required=False,
                                   widget=TEXT, help_text=gettext_lazy("cl. 225(5)"))
    analytical_note = forms.CharField(label=gettext_lazy("Analytical note"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 4}), help_text=gettext_lazy("cl. 225(6)"))

    def __init__(self, *args, rows: list[Row], disabled: bool = False, quarterly: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        if quarterly:  # M9: satisfaction, audits and field checks are reported for the year (cl. 225(4)-(5))
            for name in ("satisfaction_base_year", "satisfaction_base", "satisfaction_value", "satisfaction_note",
                         "control_audit", "field_checks"):
                del self.fields[name]
        status_choices = [("", _("as the rules suggest"))] + list(ExecutionStatus.choices)
        for row in rows:
            line = row.line
            # Issue 3 item 5 (prefill.P1): an empty line starts from the values already stored, marked.
            stored = row.extra.get("stored")
            pre = stored.values if (stored is not None and line is None) else {}
            if pre:
                row.extra["prefilled"] = stored
            if row.kind == "ind":
                self._add(row, "fact", forms.DecimalField(label=_("Fact"), required=False, **DEC),
                          _plain(line.fact) if line else _plain(pre.get("fact")))
                self._add(row, "reason", forms.CharField(label=_("Reason for deviation"), required=False, widget=TEXT),
                          line.reason if line else pre.get("reason", ""))
            elif row.kind == "mea":
                self._add(row, "completed", forms.BooleanField(label=_("Fully completed"), required=False),
                          bool(line.completed if line else pre.get("completed")))
                self._add(row, "long_term", forms.BooleanField(label=_("Long-term"), required=False),
                          bool(line.long_term if line else pre.get("long_term")))
                self._add(row, "fact_quantity", forms.DecimalField(label=_("Quantity executed"), required=False, **DEC),
                          _plain(line.fact_quantity) if line else _plain(pre.get("fact_quantity")))
                overridden = line.status if line and line.status != line.suggested_status else ""
                self._add(row, "status", forms.ChoiceField(label=_("Status (override)"), required=False,
                                                           choices=status_choices), overridden)
                self._add(row, "reason", forms.CharField(label=_("Reasons for non-execution and effect on goals"),
                                                         required=False, widget=TEXT), line.reason if line else "")
            else:
                f = row.item
                corrected = line.corrected_plan if line else f.corrected_plan
                self._add(row, "corrected_plan", forms.DecimalField(label=_("Corrected plan, mln tenge"),
                                                                    required=False, **MONEY), _plain(corrected))
                self._add(row, "absorbed", forms.DecimalField(label=_("Absorbed, mln tenge"), required=False, **MONEY),
                          _plain(line.absorbed) if line else _plain(pre.get("absorbed")))
                self._add(row, "reason_unabsorbed", forms.CharField(label=_("Reason for non-absorption"),
                                                                    required=False, widget=TEXT),
                          line.reason_unabsorbed if line else pre.get("reason_unabsorbed", ""))
        if disabled:
            for f in self.fields.values():
                f.disabled = True

    def _add(self, row: Row, name: str, form_field: forms.Field, initial: Any) -> None:
        key = f"{row.kind}-{row.item.pk}-{name}"
        form_field.label = f"{row.code} · {form_field.label}"
        form_field.initial = initial
        self.fields[key] = form_field
        row.fields[name] = key

    def bound(self, row: Row, name: str):
        return self[row.fields[name]]

    def to_input(self) -> ReportInput:
        """W3: the lines typed in or saved before, as the services' input."""
        d = self.cleaned_data
        ind, mea, fin = [], [], []
        for row in self.rows:
            v = {name: d.get(key) for name, key in row.fields.items()}
            if row.kind == "ind":
                if row.line or v["fact"] is not None or v["reason"].strip():
                    ind.append(IndicatorLineIn(code=row.code, fact=v["fact"], reason=v["reason"]))
            elif row.kind == "mea":
                if row.line or v["completed"] or v["long_term"] or v["fact_quantity"] is not None \
                        or v["status"] or v["reason"].strip():
                    mea.append(MeasureLineIn(code=row.code, completed=v["completed"], long_term=v["long_term"],
                                             fact_quantity=v["fact_quantity"], status=v["status"] or None,
                                             reason=v["reason"]))
            else:
                f = row.item
                changed = v["corrected_plan"] != f.corrected_plan
                if row.line or changed or v["absorbed"] is not None or v["reason_unabsorbed"].strip():
                    fin.append(FinancingLineIn(
                        measure=f.measure.code, source=f.source, budget_program_code=f.budget_program_code,
                        corrected_plan=v["corrected_plan"], absorbed=v["absorbed"],
                        reason_unabsorbed=v["reason_unabsorbed"]))
        if "satisfaction_value" not in self.fields:  # a quarter (M9)
            return ReportInput(indicators=ind, measures=mea, financing=fin,
                               analytical_note=d.get("analytical_note") or "")
        sat = SatisfactionIn(base_year=d.get("satisfaction_base_year"), base=d.get("satisfaction_base"),
                             value=d.get("satisfaction_value"), note=d.get("satisfaction_note") or "")
        return ReportInput(indicators=ind, measures=mea, financing=fin, satisfaction=sat,
                           control_audit=d.get("control_audit") or "", field_checks=d.get("field_checks") or "",
                           analytical_note=d.get("analytical_note") or "")


_WHERE = re.compile(r"^(indicators|measures|financing)(?:\[\d+\])? \(([^,)]+)(?:, ([^,)]+))?")


def _attach(problems: list[str], rows: list[Row]) -> None:
    """Put each refusal next to the line it names (``indicators[0] (TI-1): ...``, ``financing (M-1, budget)``)."""
    index = {}
    for row in rows:
        if row.kind == "fin":
            index[("financing", row.item.measure.code, row.item.source)] = row
        else:
            index[("indicators" if row.kind == "ind" else "measures", row.code, None)] = row
    for p in problems:
        m = _WHERE.match(p)
        if not m:
            continue
        kind, code, source = m.group(1), m.group(2), m.group(3)
        row = index.get((kind, code, source if kind == "financing" else None))
        if row is not None:
            row.problems.append(p)


def _reporting_org(request, document: Document, period: ReportingPeriod | None) -> Organization | None:
    """The organization whose report this user handles: one of the user's organizations that reports (W1)."""
    wanted = request.GET.get("org") or request.POST.get("org") or ""
    if request.user.is_superuser:
        chosen = Organization.objects.filter(code=wanted).first() if wanted else None
        return chosen or document.developer
    mine = Organization.objects.filter(pk__in=user_organization_ids(request.user)).order_by("code")
    if period is None:
        parties = {document.developer_id, *document.co_executors.values_list("pk", flat=True)}
        own = [o for o in mine if o.pk in parties]
    else:
        own = [o for o in mine if sv.routes_of(period, o)]
    return next((o for o in own if o.code == wanted), own[0] if own else None)


def _report_rows(document: Document, org: Organization, period: ReportingPeriod, sub: Submission | None,
                 route: sv.Route, stored: StoredValues):
    """The lines the organization may report on this route (cl. 42, 55, 171, 195, 236, 240-241) with what it
    saved and what is stored (prefill); fixed query count."""
    year, quarter = period.year, period.quarter
    lines_ind = {x.indicator_id: x for x in sub.indicator_lines.all()} if sub else {}
    lines_mea = {x.measure_id: x for x in sub.measure_lines.all()} if sub else {}
    lines_fin = {x.financing_id: x for x in sub.financing_lines.all()} if sub else {}
    values: dict[tuple[int, int], IndicatorValue] = {
        (v.indicator_id, v.quarter): v for v in IndicatorValue.objects.filter(
            indicator__document=document, year=year, quarter__in={0, quarter})}
    rows: list[Row] = []
    for ind in (Indicator.objects.filter(document=document).select_related("responsible")
                .prefetch_related("co_executors").order_by("order", "code")):
        if not route.covers(org, ind.responsible_id, {o.pk for o in ind.co_executors.all()}):
            continue
        annual, value = values.get((ind.pk, 0)), values.get((ind.pk, quarter))
        if annual is None and value is None and ind.pk not in lines_ind:
            continue  # nothing planned for the year
        line = lines_ind.get(ind.pk)
        extra: dict[str, Any] = {
            "plan": _plain(value.plan) if value else "", "corrected": _plain(value.corrected_plan) if value else "",
            "annual_plan": _plain(annual.effective_plan) if annual else "", "stored": stored.indicators.get(ind.pk)}
        if quarter and line is not None and line.fact is not None:  # cl. 236-237, where a quarter plan exists
            verdict = ach.explain_quarter_achievement(
                quarter, line.effective_plan, line.fact, ind.polarity, baseline=ind.baseline_value,
                range_low=ind.range_low, range_high=ind.range_high)
            extra["achievement"] = _calc(verdict.calculation)
            extra["achievement_status"] = INDICATOR_STATUS.get(str(verdict.status), "")
        rows.append(Row("ind", ind, line, ind.code, extra=extra))
    money: list[Financing] = [] if quarter else list(  # M9: no money lines in a quarter
        Financing.objects.filter(measure__document=document, year=year).select_related(
            "measure", "administrator").prefetch_related("measure__co_executors").order_by(
            "measure__order", "measure__code", "source", "budget_program_code"))
    money_of: dict[int, list[Financing]] = defaultdict(list)
    for f in Financing.objects.filter(measure__document=document, year=year) if quarter else money:
        money_of[f.measure_id].append(f)
    for m in (Measure.objects.filter(document=document).select_related("responsible")
              .prefetch_related("co_executors").order_by("order", "code")):
        if not route.covers(org, m.responsible_id, {o.pk for o in m.co_executors.all()}):
            continue
        line = lines_mea.get(m.pk)
        rows.append(Row("mea", m, line, m.code, extra={"money": money_of.get(m.pk, []),
                                                       "stored": stored.measures.get(m.pk)}))
    for f in money:
        if not route.covers_financing(org, f, {o.pk for o in f.measure.co_executors.all()}):
            continue
        label = f"{f.measure.code} ({f.budget_program_code or f.source})"
        rows.append(Row("fin", f, lines_fin.get(f.pk), label, extra={"plan": _plain(f.plan),
                                                                      "stored": stored.financing.get(f.pk)}))
    return rows, lines_fin


def _suggestions(rows: list[Row], form: ReportForm, lines_fin: dict[int, FinancingReport]) -> None:
    """Annex 14 expl. 4(13): the status the rules give for what the form holds now (shown with the rule)."""
    typed_fin: dict[int, tuple[Decimal | None, Decimal | None]] = {}
    data_ok = form.is_bound and form.is_valid()
    for row in rows:
        if row.kind == "fin":
            f, line = row.item, row.line
            if data_ok:
                typed_fin[f.pk] = (form.cleaned_data[row.fields["corrected_plan"]], form.cleaned_data[row.fields["absorbed"]])
            elif line:
                typed_fin[f.pk] = (line.corrected_plan, line.absorbed)
    for row in rows:
        if row.kind != "mea":
            continue
        m, line = row.item, row.line
        if data_ok:
            d = form.cleaned_data
            completed, long_term = d[row.fields["completed"]], d[row.fields["long_term"]]
            qty = d[row.fields["fact_quantity"]]
        else:
            completed, long_term = bool(line and line.completed), bool(line and line.long_term)
            qty = line.fact_quantity if line else None
        planned = allocated = absorbed = None
        for f in row.extra["money"]:
            corrected, got = typed_fin.get(f.pk, (f.corrected_plan, f.absorbed))
            if f.pk in lines_fin and f.pk not in typed_fin:
                corrected, got = lines_fin[f.pk].corrected_plan, lines_fin[f.pk].absorbed
            alloc = corrected if corrected is not None else f.plan
            planned = sv._add(planned, f.plan)
            allocated = sv._add(allocated, alloc)
            absorbed = sv._add(absorbed, got)
        verdict = ach.explain_measure_status(
            completed=completed, long_term=long_term, plan_quantity=m.planned_quantity, fact_quantity=qty,
            funds_planned=planned, funds_allocated=allocated, funds_absorbed=absorbed)
        row.extra["suggested"] = dict(ExecutionStatus.choices).get(str(verdict.status), str(verdict.status))
        row.extra["suggested_code"] = str(verdict.status)
        row.extra["rule"] = verdict.rule
        row.extra["gap"] = verdict.gap


@login_required
def report(request, code: str, year: int, quarter: int = 0):
    document = access_document_by_code(request.user, code)
    year = _year(year, document)
    if quarter and (quarter > 4 or document.type != "ndp"):
        raise Http404  # cl. 234: only the National Plan has quarters
    period = ReportingPeriod.objects.filter(document=document, year=year, quarter=quarter).first()
    org = _reporting_org(request, document, period)
    if org is None:
        return _refused(request, _("Your organization is neither the developer nor a co-executor of %(doc)s, so it "
                                   "has no report on it; the reports of others are shown to their recipients once "
                                   "submitted.") % {"doc": document.code}, document)
    context: dict[str, Any] = {"document": document, "year": year, "quarter": quarter, "org": org, "period": period,
                               "may_open": _may_open(request.user, document)}
    if period is None:
        return render(request, "web/monitoring/report.html", context)
    routes = sv.routes_of(period, org)
    if not routes:
        return _refused(request, _("%(org)s has no report on %(doc)s for this period.")
                        % {"org": org.code, "doc": document.code}, document)
    wanted_to = request.GET.get("to") or request.POST.get("to") or ""
    route = next((r for r in routes if r.recipient.code == wanted_to), routes[0])
    sub = (Submission.objects.filter(period=period, organization=org, level=route.level, recipient=route.recipient)
           .select_related("signed_by", "decided_by", "recipient", "obligation")
           .prefetch_related("indicator_lines", "measure_lines", "financing_lines").first())
    roles = sv.roles_in(request.user, org) | ({Role.HEAD, Role.PLANNER} if request.user.is_superuser else set())
    can_edit = bool(roles & set(sv.EDITORS)) and not (sub and sub.is_locked)
    stored = stored_values(period) if can_edit else StoredValues()
    rows, lines_fin = _report_rows(document, org, period, sub, route, stored)
    form = ReportForm(request.POST if request.method == "POST" else None, rows=rows, disabled=not can_edit,
                      quarterly=bool(quarter), initial=_sub_initial(sub))
    for row in rows:
        row.bf = {name: form[key] for name, key in row.fields.items()}
    here = _report_url(document, year, org, request, quarter, route)
    problems: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "consolidate":
            return _consolidate(request, period, org, route, here)
        if not can_edit:
            problems.append(_("This report cannot be changed now: it is %(status)s, or you are not a planner or "
                              "head of %(org)s.") % {"status": sub.get_status_display() if sub else "-", "org": org.code})
        elif form.is_valid():
            try:
                with transaction.atomic():  # W4: save and sign together, or nothing
                    saved = sv.do_save_report(period, org, form.to_input(), acting_user=request.user,
                                              reason=request.POST.get("change_reason", ""), level=route.level,
                                              recipient=route.recipient)
                    if action == "submit":
                        saved = sv.do_submit_report(saved, acting_user=request.user)
            except sv.MonitoringRefused as exc:
                problems = exc.problems
            else:
                if action == "submit":
                    messages.success(request, _("Signed and submitted to %(to)s. SHA-256 of the signed content: "
                                                "%(hash)s") % {"to": saved.recipient.name, "hash": saved.content_hash})
                else:
                    messages.success(request, _("The draft is saved."))
                return redirect(here)
        else:
            problems.append(_("Some values are not valid; see the fields marked below."))
    _attach(problems, rows)
    _suggestions(rows, form, lines_fin)
    heads = Membership.objects.filter(organization=org, role=Role.HEAD).select_related("user").order_by("user__username")
    consolidates = route.level == SubmissionLevel.REPORT and not quarter
    other_fields = [form[name] for name in ReportForm.base_fields if name in form.fields]
    context.update({
        "sub": sub, "form": form, "rows": rows, "other_fields": other_fields, "problems": problems,
        "can_edit": can_edit, "route": route, "routes": routes if len(routes) > 1 else [],
        "can_sign": Role.HEAD in roles, "heads": [m.user for m in heads], "level": route.level,
        "ind_rows": [r for r in rows if r.kind == "ind"], "mea_rows": [r for r in rows if r.kind == "mea"],
        "fin_rows": [r for r in rows if r.kind == "fin"],
        "is_developer": consolidates,
        "prefilled": sum(1 for r in rows if r.extra.get("prefilled")),
        "co_subs": _co_submissions(period, document, org) if consolidates else [],
        "other_orgs": _other_orgs(request.user, document, org, period),
        "signature_ok": sv.verify_signature(sub) if sub and sub.content_hash else None,
        "quarters": [(q, _report_url(document, year, org, request, q, None)) for q in range(1, 5)]
        if document.type == "ndp" else [],
        "annual_url": _report_url(document, year, org, request, 0, None),
    })
    return render(request, "web/monitoring/report.html", context, status=200)


def _sub_initial(sub: Submission | None) -> dict[str, Any]:
    if sub is None:
        return {}
    return {"satisfaction_base_year": sub.satisfaction_base_year, "satisfaction_base": _plain(sub.satisfaction_base),
            "satisfaction_value": _plain(sub.satisfaction_value), "satisfaction_note": sub.satisfaction_note,
            "control_audit": sub.control_audit, "field_checks": sub.field_checks,
            "analytical_note": sub.analytical_note}


def _report_url(document: Document, year: int, org: Organization, request, quarter: int = 0,
                route: sv.Route | None = None) -> str:
    if quarter:
        url = reverse("monitoring-report-quarter", args=[document.code, year, quarter])
    else:
        url = reverse("monitoring-report", args=[document.code, year])
    query = []
    if org.pk != document.developer_id or request.user.is_superuser:
        query.append(f"org={org.code}")
    if route is not None and route.level == SubmissionLevel.CO_EXECUTOR:
        query.append(f"to={route.recipient.code}")
    return url + ("?" + "&".join(query) if query else "")


def _other_orgs(user, document: Document, org: Organization, period: ReportingPeriod | None) -> list[Organization]:
    """Other organizations of this user that report on the document (to switch between them)."""
    if user.is_superuser:
        return [o for o in [document.developer, *document.co_executors.all()] if o.pk != org.pk]
    mine = Organization.objects.filter(pk__in=user_organization_ids(user)).exclude(pk=org.pk).order_by("code")
    if period is None:
        parties = {document.developer_id, *document.co_executors.values_list("pk", flat=True)}
        return [o for o in mine if o.pk in parties]
    return [o for o in mine if sv.routes_of(period, o)]


def _co_submissions(period: ReportingPeriod, document: Document,
                    org: Organization) -> list[tuple[Organization, Submission | None]]:
    """The information the co-executors sent to ``org``; drafts are not shown (W1)."""
    subs = {s.organization_id: s for s in Submission.objects.filter(
        period=period, level=SubmissionLevel.CO_EXECUTOR, recipient=org).exclude(status=SubmissionStatus.DRAFT)}
    if document.type == "ndp":  # M8: each responsible body hears from the co-executors of its indicators
        expected = [co for co, body in sv.co_executor_pairs(document) if body.pk == org.pk]
    else:
        expected = list(document.co_executors.order_by("code"))
    return [(o, subs.get(o.pk)) for o in expected]


def _consolidate(request, period, org, route, here):
    if route.level != SubmissionLevel.REPORT or period.quarter:
        messages.error(request, _("Only the body that reports to the authorized body consolidates the information of "
                                  "its co-executors (cl. 240-242, 255, 265)."))
        return redirect(here)
    try:
        result = sv.do_consolidate_report(period, acting_user=request.user, organization=org)
    except sv.MonitoringRefused as exc:
        for p in exc.problems:
            messages.error(request, p)
    else:
        messages.success(request, _("Consolidated from the accepted information of: %(orgs)s.")
                         % {"orgs": ", ".join(result.merged_from) or "—"})
        if result.missing:
            messages.warning(request, _("Not yet accepted, so not included: %(orgs)s.")
                             % {"orgs": ", ".join(result.missing)})
        for c in result.conflicts:
            messages.warning(request, c)
    return redirect(here)


@login_required
def open_period(request, code: str, year: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    document = access_document_by_code(request.user, code)
    year = _year(year, document)
    try:
        result = sv.do_open_reporting_period(document, year, acting_user=request.user,
                                             reason=request.POST.get("reason", ""))
    except sv.MonitoringRefused as exc:
        for p in exc.problems:
            messages.error(request, p)
    else:
        messages.success(request, _("The reporting period %(year)s is open: %(n)s obligations added to the calendar.")
                         % {"year": year, "n": result.obligations_created})
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)
    return redirect("monitoring-overview", code=document.code, year=year)


# --------------------------------------------------------------------------------------------------
# Review by the recipient
# --------------------------------------------------------------------------------------------------


def _may_view_submission(user, sub: Submission) -> bool:
    """W1: the reporting organization always; its recipient and the authorized bodies once submitted."""
    if user.is_superuser:
        return True
    orgs = user_organization_ids(user)
    if sub.organization_id in orgs:
        return True
    if sub.status == SubmissionStatus.DRAFT:
        return False
    return sub.recipient_id in orgs or _authority_member(user)


@login_required
def submission_detail(request, pk: int):
    sub = get_object_or_404(
        Submission.objects.select_related("period__document__developer", "organization", "recipient", "signed_by",
                                          "decided_by", "obligation"), pk=pk)
    document = sub.period.document
    if not visible_documents(request.user).filter(pk=document.pk).exists() or not _may_view_submission(request.user, sub):
        raise Http404("No such submission")
    errors: dict[str, list[str]] = defaultdict(list)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                sv.do_accept_report(sub, acting_user=request.user)
                messages.success(request, _("The report is accepted and locked."))
            elif action == "return":
                sv.do_return_report(sub, acting_user=request.user, comments=request.POST.get("comments", ""))
                messages.success(request, _("The report is returned to %(org)s with your comments.")
                                 % {"org": sub.organization.name})
            elif action == "reopen":
                sv.do_reopen_report(sub, acting_user=request.user, reason=request.POST.get("reopen_reason", ""))
                messages.success(request, _("The report is reopened; %(org)s may change it and submit it again.")
                                 % {"org": sub.organization.name})
            else:
                raise Http404
        except sv.MonitoringRefused as exc:
            errors[action].extend(exc.problems)
        else:
            return redirect("monitoring-submission", pk=sub.pk)
    roles = sv.roles_in(request.user, sub.recipient)
    is_recipient = request.user.is_superuser or bool(roles & set(sv.EDITORS))
    ind_lines = list(sub.indicator_lines.select_related("indicator").order_by("indicator__order", "indicator__code"))
    for x in ind_lines:
        plan = x.effective_plan
        x.verdict = ach.assess_indicator(plan, x.fact, x.indicator.polarity, baseline=x.indicator.baseline_value,
                                         range_low=x.indicator.range_low, range_high=x.indicator.range_high) \
            if plan is not None and x.fact is not None else None
        x.status_label = INDICATOR_STATUS.get(str(x.verdict.status), "") if x.verdict else ""
        x.calc = _calc(x.verdict.calculation) if x.verdict else None
    mea_lines = list(sub.measure_lines.select_related("measure").order_by("measure__order", "measure__code"))
    fin_lines = list(sub.financing_lines.select_related("financing__measure").order_by(
        "financing__measure__code", "financing__source"))
    for x in (*ind_lines, *mea_lines, *fin_lines):  # numbers without trailing zeros
        x.shown = {name: _plain(getattr(x, name, None)) for name in (
            "plan", "corrected_plan", "fact", "fact_quantity", "absorbed")}
    history = list(sub.history.select_related("history_user").order_by("history_date", "history_id"))
    status_labels = dict(SubmissionStatus.choices)
    shows_forms = is_recipient and sub.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)
    return render(request, "web/monitoring/submission.html", {
        "problems": [] if shows_forms else [p for ps in errors.values() for p in ps],
        "sub": sub, "document": document, "period": sub.period,
        "ind_lines": ind_lines,
        "mea_lines": mea_lines, "fin_lines": fin_lines,
        "findings": sv.check_report(sub) if sub.status != SubmissionStatus.ACCEPTED else [],
        "signature_ok": sv.verify_signature(sub) if sub.content_hash else None,
        "is_recipient": is_recipient and sub.status != SubmissionStatus.DRAFT,
        "is_authority_recipient": bool(sub.recipient.authority) or request.user.is_superuser,
        "errors": errors, "posted": request.POST if request.method == "POST" else {},
        "history": [(h, status_labels.get(h.status, h.status)) for h in history],
    })


# --------------------------------------------------------------------------------------------------
# Consolidated view (roll-ups) and conclusion
# --------------------------------------------------------------------------------------------------


def _group_row(g: rollups.Group) -> dict[str, Any]:
    statuses = dict(ExecutionStatus.choices)
    return {
        "key": g.key, "indicators": g.indicators, "measures": g.measures,
        "statuses": [(statuses.get(k, _("not reported")), n) for k, n in g.measure_statuses.items()],
        "average": _calc(g.average_achievement), "share": _calc(g.share_achieved),
        "planned": g.planned, "absorbed": g.absorbed, "absorption": _calc(g.absorption),
        "money_vs_result": MONEY_VS_RESULT.get(str(g.money_vs_result.status), str(g.money_vs_result.status)),
        "money_rule": g.money_vs_result.rule,
    }


@login_required
def overview(request, code: str, year: int):
    document = access_document_by_code(request.user, code)
    year = _year(year, document)
    orgs = user_organization_ids(request.user)
    if not (_authority_member(request.user) or document.developer_id in orgs):
        return _refused(request, _("The consolidated results are shown to the authorized bodies and to the developer "
                                   "of the document (cl. 242, 257)."), document)
    by = request.GET.get("by", "body")
    if by not in rollups.DIMENSIONS:
        by = "body"
    snap = rollups.load(document, year)
    groups = [_group_row(g) for g in rollups.rollup(snap, by)]
    body_groups = rollups.rollup(snap, "body") if by != "body" else None
    bodies = [_group_row(g) for g in body_groups] if body_groups is not None else groups
    none_label = _("not assigned")
    chart = {
        "bodies": [g["key"][0] if g["key"] else none_label for g in bodies],
        "achievement": [number(g["average"]["value"]) for g in bodies],
        "planned": [number(g["planned"]) for g in bodies],
        "absorbed": [number(g["absorbed"]) for g in bodies],
        "labels": {"achievement": _("Mean achievement, %"), "planned": _("Planned (corrected), mln tenge"),
                   "absorbed": _("Absorbed, mln tenge")},
    }
    indicators = [{
        "r": i, "plan": _calc(i.plan), "fact": _calc(i.fact), "achievement": _calc(i.verdict.calculation),
        "status": INDICATOR_STATUS.get(str(i.verdict.status), str(i.verdict.status)), "status_code": str(i.verdict.status),
    } for i in snap.indicators]
    mism = rollups.mismatches(snap)
    period = ReportingPeriod.objects.filter(document=document, year=year, quarter=0).first()
    subs = (list(Submission.objects.filter(period=period).exclude(status=SubmissionStatus.DRAFT)
                 .select_related("organization").order_by("level", "organization__code")) if period else [])
    return render(request, "web/monitoring/overview.html", {
        "document": document, "year": year, "by": by, "dimensions": [(d, DIMENSION_LABELS[d]) for d in rollups.DIMENSIONS],
        "groups": groups, "indicators": indicators,
        "sources": [(s, _calc(s.absorption)) for s in snap.sources],
        "total": (snap.total, _calc(snap.total.absorption)) if snap.total else None,
        "mismatches": [(MONEY_VS_RESULT[k], [(m, _calc(m.absorption), _calc(m.achievement)) for m in rows])
                       for k, rows in mism.items()],
        "chart": chart, "period": period, "subs": subs, "may_open": _may_open(request.user, document),
        "years": list(document.years),
    })


class ConclusionTextForm(forms.Form):
    position = forms.CharField(label=gettext_lazy("Position on the results and on the objectivity of the reasons"),
                               required=False, widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=gettext_lazy("Annex 11 item 6; cl. 271(2)"))
    conclusions = forms.CharField(label=gettext_lazy("Conclusions (evaluation) and proposals"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text=gettext_lazy("Annex 11 item 7; cl. 271(3)"))


_METRIC_ORDER = {k: n for n, k in enumerate(METRIC_LABELS)}


def _criteria(conclusion: Conclusion | None) -> list[dict[str, Any]]:
    if conclusion is None:
        return []
    result = []
    for c in conclusion.criteria:
        metrics = [{
            "name": METRIC_LABELS.get(k) or metric_label(k), "key": k, "value": m["value"], "formula": m["formula"],
            "inputs": [(name, "—" if v is None else v) for name, v in m["inputs"].items()],
            "reason": m["reason"], "clause": m["clause"],
        } for k, m in sorted(c["metrics"].items(), key=lambda km: _METRIC_ORDER.get(km[0], 99))]  # jsonb reorders
        result.append({"number": c["number"], "title": CRITERIA_TITLES.get(c["number"], c["title"]),
                       "clause": c["clause"], "metrics": metrics,
                       "findings": [finding_text(f) for f in c["findings"]]})  # in the reader's language
    return result


@login_required
def conclusion_page(request, code: str, year: int):
    document = access_document_by_code(request.user, code)
    year = _year(year, document)
    final = request.GET.get("final") == "1" or request.POST.get("final") == "1"
    authority = _authority_member(request.user)
    conclusion = Conclusion.objects.filter(document=document, year=year, final=final).first()
    may_write = request.user.is_superuser or request.user.memberships.filter(
        organization__authority="state_planning", role__in=sv.EDITORS).exists()
    form = ConclusionTextForm(request.POST or None, initial={
        "position": conclusion.position if conclusion else "", "conclusions": conclusion.conclusions if conclusion else ""})
    problems: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action")
        form.is_valid()  # every field is optional text
        try:
            with transaction.atomic():
                if action == "compute":
                    conclusion = do_draft_conclusion(document, year, acting_user=request.user, final=final)
                    done = _("The criteria of cl. 271 are computed.")
                elif action in ("save", "issue"):
                    if conclusion is None:
                        raise sv.MonitoringRefused(_("Compute the criteria first: there is no draft conclusion yet."))
                    conclusion = do_write_conclusion(conclusion, acting_user=request.user,
                                                     position=form.cleaned_data.get("position", ""),
                                                     conclusions=form.cleaned_data.get("conclusions", ""))
                    done = _("The text of the conclusion is saved.")
                    if action == "issue":
                        conclusion = do_issue_conclusion(conclusion, acting_user=request.user)
                        done = _("The conclusion is issued.")
                else:
                    raise Http404
        except sv.MonitoringRefused as exc:
            conclusion = Conclusion.objects.filter(document=document, year=year, final=final).first()
            for p in exc.problems:
                name = next((n for n in ("position", "conclusions") if p.startswith(n + ":")), None)
                if name:
                    form.add_error(name, p)  # next to the field it names
                else:
                    problems.append(p)
        else:
            messages.success(request, done)
            return redirect(reverse("monitoring-conclusion", args=[document.code, year]) + ("?final=1" if final else ""))
    visible = conclusion is not None and (authority or conclusion.status == ConclusionStatus.ISSUED)  # W2
    issued = conclusion is not None and conclusion.status == ConclusionStatus.ISSUED
    if not may_write or issued:
        for f in form.fields.values():
            f.disabled = True
    return render(request, "web/monitoring/conclusion.html", {
        "document": document, "year": year, "final": final, "conclusion": conclusion if visible else None,
        "criteria": _criteria(conclusion) if visible else [], "form": form, "problems": problems,
        "may_write": may_write and not issued, "issued": issued,
        "may_issue": request.user.is_superuser or request.user.memberships.filter(
            organization__authority="state_planning", role=Role.HEAD).exists(),
        "can_be_final": year == document.period_end,
    })




# --------------------------------------------------------------------------------------------------
# Final report over the whole period (cl. 230, 244)
# --------------------------------------------------------------------------------------------------


@login_required
def final_report(request, code: str):
    """cl. 230: every year's plan and fact per indicator, the final-year achievement, measures over the period."""
    document = access_document_by_code(request.user, code)
    orgs = user_organization_ids(request.user)
    if not (_authority_member(request.user) or document.developer_id in orgs):
        return _refused(request, _("The final report is shown to the authorized bodies and to the developer of the "
                                   "document (cl. 230, 242, 257)."), document)
    wp = whole_period(document)
    statuses = dict(ExecutionStatus.choices)
    indicators = [{
        "r": i, "cells": [(c, _plain(c.effective_plan), _plain(c.fact), c.corrected_plan is not None) for c in i.years],
        "final_plan": _calc(i.final_plan), "final_fact": _calc(i.final_fact),
        "achievement": _calc(i.final.calculation) if i.final.calculation else None,
        "status": INDICATOR_STATUS.get(str(i.final.status), str(i.final.status)), "status_code": str(i.final.status),
        "period_plan": _calc(i.period_plan), "period_fact": _calc(i.period_fact),
    } for i in wp.indicators]
    measures = [{
        "m": m, "statuses": [(y, statuses.get(st, "") if st else "") for y, st in sorted(m.statuses.items())],
        "last": statuses.get(m.last_status, "") if m.last_status else "", "last_code": m.last_status or "",
        "allocated": _plain(m.allocated), "absorbed": _plain(m.absorbed), "absorption": _calc(m.absorption),
    } for m in wp.measures]
    return render(request, "web/monitoring/final_report.html", {
        "document": document, "wp": wp, "indicators": indicators, "measures": measures,
        "final_year": wp.years[-1], "not_reported": wp.years_not_reported,
    })


# --------------------------------------------------------------------------------------------------
# Quarterly roll-up of the National Plan (cl. 234-237) and the proposals of cl. 238
# --------------------------------------------------------------------------------------------------

SOURCE_LABELS = {
    quarterly.SOURCE_REPORT: gettext_lazy("accepted report of %(org)s"),
    quarterly.SOURCE_STORED: gettext_lazy("stored in the document"),
    quarterly.SOURCE_PENDING: gettext_lazy("submitted by %(org)s, awaiting acceptance"),
    quarterly.SOURCE_NONE: gettext_lazy("not reported"),
}


def _ndp_reader(request, document: Document):
    """W6: the refusal to show, or None when the user may read the quarterly results of ``document``."""
    if document.type != "ndp":
        return _refused(request, _("%(doc)s is reported once a year: only the National Development Plan is monitored "
                                   "every quarter (cl. 234).") % {"doc": document.code}, document)
    if not (_authority_member(request.user) or document.developer_id in user_organization_ids(request.user)):
        return _refused(request, _("The quarterly results are shown to the authorized bodies and to the developer of "
                                   "the Plan (cl. 236-238)."), document)
    return None


def _summary(s: quarterly.QuarterSummary) -> dict[str, Any]:
    return {"planned": s.planned, "assessed": s.assessed, "achieved": s.achieved, "average": _calc(s.average),
            "share": _calc(s.share)}


def _cell(c: quarterly.Cell) -> dict[str, Any]:
    label = SOURCE_LABELS[c.source]
    return {"plan": c.plan, "fact": c.fact, "status": c.status,
            "status_label": INDICATOR_STATUS.get(c.status, c.status), "calc": _calc(c.achievement),
            "source": c.source, "source_label": str(label) % {"org": c.reported_by or ""}, "reason": c.reason}


@login_required
def quarterly_view(request, code: str, year: int):
    document = access_document_by_code(request.user, code)
    year = _year(year, document)
    refusal = _ndp_reader(request, document)
    if refusal is not None:
        return refusal
    rollup = quarterly.load(document, year)
    statuses = dict(SubmissionStatus.choices)
    groups = [{
        "key": g.key,
        "reports": [(q, g.report_status.get(q), statuses.get(g.report_status.get(q), ""), _summary(g.summaries[q]))
                    for q in quarterly.QUARTERS],
        "rows": [{"indicator": r.indicator, "cells": [_cell(r.cells[q]) for q in quarterly.QUARTERS]} for r in g.rows],
    } for g in rollup.groups]
    sent = dict(OperationalProposal.objects.filter(period__document=document, period__year=year)
                .values_list("period__quarter", "status"))
    proposal_labels = dict(ProposalStatus.choices)
    return render(request, "web/monitoring/quarterly.html", {
        "document": document, "year": year, "years": list(document.years), "quarters": quarterly.QUARTERS,
        "groups": groups, "totals": [_summary(rollup.totals[q]) for q in quarterly.QUARTERS],
        "open_quarters": rollup.open_quarters,
        "proposals": [(q, sent.get(q), proposal_labels.get(sent.get(q), "")) for q in quarterly.QUARTERS],
        "may_open": _may_open(request.user, document),
    })


_PROPOSAL_PLACE = re.compile(r"^(summary|analytical_centre_info|lines\[(\d+)\]\.[a-z_]+): ")


def _proposal_problems(messages_: list[str]) -> tuple[list[str], dict[str, list[str]], dict[int, list[str]]]:
    """The refusals of cl. 237-238 next to what they concern: the summary and the Analytical Centre's field by
    name, a line by its number (the service counts the lines sent from 1, as the page does); the rest on top."""
    general: list[str] = []
    fields: dict[str, list[str]] = defaultdict(list)
    lines: dict[int, list[str]] = defaultdict(list)
    for message in messages_:
        m = _PROPOSAL_PLACE.match(message)
        if m is None:
            general.append(message)
        elif m.group(2):
            lines[int(m.group(2))].append(message)
        else:
            fields[m.group(1)].append(message[m.end():])
    return general, dict(fields), dict(lines)


def _posted_lines(post) -> list[proposals.LineIn]:
    numbers = sorted({int(m.group(1)) for k in post for m in [re.fullmatch(r"line-(\d+)-(risk|action)", k)] if m})
    lines = []
    for n in numbers:
        get = lambda name, n=n: (post.get(f"line-{n}-{name}") or "").strip()  # noqa: E731
        if get("risk") or get("action"):
            lines.append(proposals.LineIn(risk=get("risk"), action=get("action"), indicator=get("indicator"),
                                          measure=get("measure"), addressee=get("addressee")))
    return lines


@login_required
def proposals_view(request, code: str, year: int, quarter: int):
    document = access_document_by_code(request.user, code)
    year = _year(year, document)
    if not 1 <= quarter <= 4:
        raise Http404
    user = request.user
    period = ReportingPeriod.objects.filter(document=document, year=year, quarter=quarter).first()
    proposal = proposals.proposal_of(period) if period else None
    viewable = proposal is not None and proposals.may_view(user, proposal)
    if not viewable:
        refusal = _ndp_reader(request, document)
        if refusal is not None:
            return refusal
        proposal = None  # P6: a draft is read only inside the strategic planning body
    may_edit = bool(period) and proposals.may_propose(user) and (
        proposal is None or proposal.status == ProposalStatus.DRAFT)
    problems: list[str] = []
    field_problems: dict[str, list[str]] = {}
    line_problems: dict[int, list[str]] = {}
    here = reverse("monitoring-proposals", args=[document.code, year, quarter])
    summary = proposal.summary if proposal else ""
    centre = proposal.analytical_centre_info if proposal else ""
    lines = [proposals.LineIn(risk=x.risk, action=x.action, indicator=x.indicator.code if x.indicator_id else "",
                              measure=x.measure.code if x.measure_id else "",
                              addressee=x.addressee.code if x.addressee_id else "")
             for x in (proposal.lines.select_related("indicator", "measure", "addressee") if proposal else [])]
    if request.method == "POST":
        if not may_edit:
            return _refused(request, _("Only the planners and the head of the authorized body for strategic planning "
                                       "prepare and send these proposals, while they are a draft (cl. 238)."), document)
        lines = _posted_lines(request.POST)
        summary = request.POST.get("summary", "")
        centre = request.POST.get("analytical_centre_info", "")
        data = proposals.ProposalIn(lines=lines, summary=summary, analytical_centre_info=centre)
        send = request.POST.get("action") == "send"
        try:
            with transaction.atomic():  # save and send together: a refused sending writes nothing (W4)
                saved = proposals.do_save_proposal(period, data, acting_user=user,
                                                   reason=request.POST.get("reason", ""))
                if send:
                    proposals.do_send_proposal(saved, acting_user=user)
        except sv.MonitoringRefused as exc:
            problems, field_problems, line_problems = _proposal_problems(exc.problems)
        else:
            messages.success(request, _("The proposals are sent to the Administration of the President (cl. 238).")
                             if send else _("The draft proposals are saved."))
            return redirect(here)
    elif may_edit and request.GET.get("suggest") and not lines:
        lines = proposals.suggested_lines(period)
    rollup = quarterly.load(document, year)
    cells = [(r.indicator, _cell(r.cells[quarter])) for r in rollup.rows]
    cells.sort(key=lambda x: (x[1]["status"] != "not_achieved", x[1]["status"] != "partially_achieved", x[0].code))
    obligation = period.obligations.filter(rule_id=PROPOSAL_RULE).first() if period else None
    accepted = (Submission.objects.filter(period=period, status=SubmissionStatus.ACCEPTED).count() if period else 0)
    return render(request, "web/monitoring/proposals.html", {
        "document": document, "year": year, "quarter": quarter, "period": period, "proposal": proposal,
        "may_edit": may_edit, "problems": problems, "summary": summary, "centre": centre,
        "lines": [(n, line, line_problems.get(n, [])) for n, line in enumerate(
            lines + [proposals.LineIn(risk="", action="")] * (3 if may_edit else 0), start=1)],
        "field_problems": field_problems,
        "cells": cells, "obligation": obligation, "accepted": accepted,
        "indicator_codes": [r.indicator.code for r in rollup.rows],
        "signature_ok": (proposal.content_hash == proposals.content_hash(proposal))
        if proposal and proposal.content_hash else None,
    })
