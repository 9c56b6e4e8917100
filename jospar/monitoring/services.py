"""Writes of the monitoring cycle (SPEC part 2, ch. 4): open a period, report, sign, submit, return, accept, reopen.

Every function is one transaction, checks who acts, and stamps the history with the user and the reason.
Refusals raise ``MonitoringRefused`` with one message per problem (each names the row / field and the
clause); nothing is written then.

Decisions (the methodology is silent; see also the docstring of ``calendar``):
* **M1, who signs.** cl. 231: reports are signed by the first head. Submitting *is* signing: only a member
  with role ``head`` of the reporting organization submits, for co-executors too. The signature is the
  user, the time and the SHA-256 of the canonical JSON of the content (``canonical_content``).
* **M2, who decides.** A submission is accepted or returned by its recipient: the developer for the
  co-executors' information, the authorized body for state planning for the report (only an organization
  with an ``authority`` may accept or return a report, cl. 241, 256, 263, 267).
* **M3, what acceptance does.** Accepting the developer's report applies its facts, reasons, corrected
  budget and absorbed money to ``IndicatorValue`` and ``Financing`` (the planning model stays the one
  source of plan and fact; ``IndicatorValue.history`` keeps each change with the report as the reason).
  Co-executors' information is only consolidated into the developer's report.
* **M4, corrected plan of an indicator.** A report cannot correct an indicator's plan: cl. 213 forbids
  changing numeric TI/RI values after their period; the report shows the corrected plan already stored.
* **M5, date of submission.** The obligation counts as fulfilled on the day (Asia/Almaty) of the last
  submission; a returned report is not fulfilled until it is submitted again.
* **M6, state body plans.** Ch. 4 has no co-executor flow for state body plans (cl. 262-263); Jospar adds
  one without a deadline (``jospar.co_executor_information``), so that co-executors can contribute.
* **M7, routing.** Co-executors report to the developer; the regional plan's developer (akimat) stands for
  its local state planning body (cl. 266-267). The National Plan is routed by indicator (M8).
* **M8, the National Plan has several responsible bodies** (cl. 239-241). Every body responsible for an
  indicator of the Plan (``Indicator.responsible``; the strategic indicators of the Map when there are
  any, cl. 239) submits its own report, on its own indicators and measures, to the authorized body for
  state planning (cl. 241; the strategic planning body is a recipient of the same obligation). A
  co-executor of an indicator reports to the body responsible for *that* indicator (cl. 240): one
  submission per responsible body it serves, each holding only that body's items. Co-executors of the
  Plan that co-execute no indicator report to the developer, as for other documents. A submission is
  therefore unique per (period, organization, level, recipient); ``routes_of`` lists an organization's.
* **M9, quarterly (operational) monitoring of the National Plan** (cl. 234-237). Only the National Plan
  has quarterly periods (cl. 234). The executors (every body responsible for or co-executing an item of
  the Plan, and the Plan's co-executors) send their operational results for the quarter directly to the
  authorized bodies (cl. 236: no co-executor level): one submission per executor, on its own items,
  recipient the authorized body for state planning, deadline the 10th of the month after the quarter
  (calendar D3). cl. 236 fixes no form (Annex 10 is annual, SPEC part 5 §2.7): a quarterly report holds
  the facts of the quarter of the indicators and the progress of the measures, and no money lines (money
  is reported by source for the year, cl. 225(3)). Accepting it stores the facts on the plan's quarterly
  values (``IndicatorValue`` with ``quarter``); the achievement of a quarter is computed only where the
  plan holds a plan for that quarter (``achievement.explain_quarter_achievement``).
* **M10, quarterly plans** (cl. 235): set by the developer, see ``do_set_quarterly_plans``. The roll-up of the
  quarters is ``quarterly.py``; the proposals that follow them (cl. 237-238) are ``proposals.py``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from jospar.core.history import stamp as _stamp
from jospar.core.models import Authority, Membership, Organization, OrganizationKind, Role
from jospar.planning.models import Document, Financing, Indicator, IndicatorValue, Measure

from . import achievement as ach
from . import calendar as cal
from .inputs import ReportInput
from .models import (
    _RULES,
    FinancingReport,
    IndicatorReport,
    MeasureReport,
    Obligation,
    ReportingPeriod,
    Submission,
    SubmissionLevel,
    SubmissionStatus,
)

EDITORS = (Role.PLANNER, Role.HEAD, Role.ADMIN)

# M6: the co-executors' information of a state body plan (no deadline in ch. 4).
SBDP_CO_EXECUTOR_RULE = cal.ObligationRule(
    id="jospar.co_executor_information",
    document_type=cal.DocumentType.SBDP,
    clause="cl. 195, 262",
    kind=cal.ObligationKind.SUBMISSION,
    reporter=cal.Role.CO_EXECUTOR,
    recipients=(cal.Role.DEVELOPER,),
    label=cal.Label(
        en="Co-executor's information for the report on the state body plan",
        ru="Информация соисполнителя для отчёта о плане развития государственного органа",
        kk="Мемлекеттік органның даму жоспары туралы есепке бірлесіп орындаушының ақпараты",
    ),
    due_rule=cal.NoDeadline(),
    note="Decision M6: ch. 4 sets no co-executor flow for state body plans.",
)
_RULES[SBDP_CO_EXECUTOR_RULE.id] = SBDP_CO_EXECUTOR_RULE

# The rule behind each level of submission, per document type.
CO_EXECUTOR_RULES = {
    "ndp": "ndp.co_executor_report",  # cl. 240
    "concept": "concept.co_executor_report",  # cl. 254
    "sbdp": SBDP_CO_EXECUTOR_RULE.id,  # M6
    "rdp": "rdp.co_executor_information",  # cl. 266(1)
}
REPORT_RULES = {
    "ndp": "ndp.responsible_body_report",  # cl. 241
    "concept": "concept.developer_report",  # cl. 256
    "sbdp": "sbdp.to_state_planning",  # cl. 263
    "rdp": "rdp.to_state_planning",  # cl. 267
}


class MonitoringRefused(Exception):
    """The action is refused; ``problems`` says why, one message each."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))


# --------------------------------------------------------------------------------------------------
# Who may act
# --------------------------------------------------------------------------------------------------


def roles_in(user, organization: Organization) -> set[str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user, organization=organization).values_list("role", flat=True))


def _require_member(user, organization: Organization, roles=EDITORS, what: str = "") -> None:
    if getattr(user, "is_superuser", False):
        return
    if not roles_in(user, organization) & set(roles):
        raise MonitoringRefused(
            _("%(user)s may not %(what)s: it needs the role %(roles)s in %(org)s.")
            % {"user": getattr(user, "username", "-"), "what": what, "roles": " / ".join(roles),
               "org": organization.code}
        )


def _state_planning_body() -> Organization:
    org = Organization.objects.filter(authority=Authority.STATE_PLANNING, is_active=True).order_by("code").first()
    if org is None:
        raise MonitoringRefused(_("No organization is the authorized body for state planning; load the reference data."))
    return org


def _org_for_role(role: str, document: Document) -> list[Organization | None]:
    """The organizations that play ``role`` for ``document`` (decision M7)."""
    if role == cal.Role.CO_EXECUTOR:
        return list(document.co_executors.order_by("code"))
    if role in (cal.Role.DEVELOPER, cal.Role.LOCAL_STATE_PLANNING_BODY):
        return [document.developer]
    if role == cal.Role.RESPONSIBLE_BODY:
        return responsible_bodies(document)
    if role in (cal.Role.STATE_PLANNING, cal.Role.STRATEGIC_PLANNING):
        return [Organization.objects.filter(authority=role).order_by("code").first()]
    if role == cal.Role.GOVERNMENT:
        return [Organization.objects.filter(kind=OrganizationKind.GOVERNMENT).order_by("code").first()]
    if role == cal.Role.PRESIDENTS_ADMINISTRATION:
        return [Organization.objects.filter(kind=OrganizationKind.PRESIDENTIAL_ADMINISTRATION).order_by("code").first()]
    if role == cal.Role.EXECUTOR:
        return executors(document)
    return [None]


# --------------------------------------------------------------------------------------------------
# Routing: who sends which submission to whom (decisions M7-M9)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One submission an organization makes in a period: its level, its recipient and the items it covers.

    ``scope``: ``all`` (every item of the document), ``own`` (items the organization is responsible for),
    ``serves`` (items it is responsible for or co-executes, the co-executor's rule of cl. 42, 55, 171, 195),
    ``serves_for`` (items of ``recipient`` that it co-executes, cl. 240).
    """

    level: str
    recipient: Organization
    scope: str

    def covers(self, organization: Organization, responsible_id: int | None, co_ids: set[int]) -> bool:
        me = organization.pk
        if self.scope == "all":
            return True
        if self.scope == "own":
            return responsible_id == me
        if self.scope == "serves":
            return responsible_id == me or me in co_ids
        return responsible_id == self.recipient.pk and me in co_ids  # serves_for

    def covers_financing(self, organization: Organization, f: Financing, co_ids: set[int]) -> bool:
        """Money follows its measure; a co-executor also reports the programmes it administers (cl. 185)."""
        me = organization.pk
        if self.scope == "all":
            return True
        if self.scope == "own":
            return f.measure.responsible_id == me or (f.administrator_id == me and f.measure.responsible_id is None)
        if self.scope == "serves":
            return f.administrator_id == me or f.measure.responsible_id == me
        return f.measure.responsible_id == self.recipient.pk and (f.administrator_id == me or me in co_ids)


def responsible_bodies(document: Document) -> list[Organization]:
    """cl. 239-241: the bodies responsible for the strategic indicators (any indicator when none is strategic)."""
    bodies = list(Organization.objects.filter(
        responsible_indicators__document=document, responsible_indicators__kind="strategic"
    ).distinct().order_by("code"))
    if not bodies:
        bodies = list(Organization.objects.filter(responsible_indicators__document=document)
                      .distinct().order_by("code"))
    return bodies or [document.developer]


def _linked_pairs(document: Document) -> set[tuple[int, int]]:
    """(co-executor pk, responsible body pk) for every indicator or measure the co-executor co-executes."""
    pairs: set[tuple[int, int]] = set()
    for model in (Indicator, Measure):
        rows = model.objects.filter(document=document, responsible__isnull=False,
                                    co_executors__isnull=False).values_list("co_executors", "responsible")
        pairs.update((co, resp) for co, resp in rows if co != resp)
    return pairs


def co_executor_pairs(document: Document) -> list[tuple[Organization, Organization]]:
    """National Plan (cl. 240, M8): (co-executor, responsible body it reports to), one pair per body it serves.

    A co-executor of the Plan that co-executes no item and is responsible for none reports to the developer.
    """
    pairs = _linked_pairs(document)
    served = {co for co, _resp in pairs}
    bodies = {b.pk for b in responsible_bodies(document)}
    for co in document.co_executors.values_list("pk", flat=True):
        if co not in served and co not in bodies and co != document.developer_id:
            pairs.add((co, document.developer_id))
    orgs = Organization.objects.in_bulk({x for pair in pairs for x in pair})
    return sorted(((orgs[a], orgs[b]) for a, b in pairs), key=lambda p: (p[0].code, p[1].code))


def executors(document: Document) -> list[Organization]:
    """cl. 236 (M9): every body responsible for or co-executing an item of the Plan, and its co-executors."""
    ids: set[int] = set(document.co_executors.values_list("pk", flat=True))
    for model in (Indicator, Measure):
        ids.update(x for x in model.objects.filter(document=document).values_list("responsible", flat=True) if x)
        ids.update(x for x in model.objects.filter(document=document).values_list("co_executors", flat=True) if x)
    return list(Organization.objects.filter(pk__in=ids).order_by("code")) or [document.developer]


def routes_of(period: ReportingPeriod, organization: Organization) -> list[Route]:
    """Every submission ``organization`` makes in ``period``, REPORT level first (M7-M9)."""
    document = period.document
    if period.quarter:  # M9, cl. 236
        if any(o.pk == organization.pk for o in executors(document)):
            return [Route(SubmissionLevel.REPORT, _state_planning_body(), "serves")]
        return []
    routes: list[Route] = []
    if document.type == "ndp":  # M8, cl. 240-241
        bodies = responsible_bodies(document)
        if any(b.pk == organization.pk for b in bodies):
            only_developer = len(bodies) == 1 and bodies[0].pk == document.developer_id
            routes.append(Route(SubmissionLevel.REPORT, _state_planning_body(), "all" if only_developer else "own"))
        linked = _linked_pairs(document)
        for co, body in co_executor_pairs(document):
            if co.pk == organization.pk:
                scope = "serves_for" if (co.pk, body.pk) in linked else "serves"
                routes.append(Route(SubmissionLevel.CO_EXECUTOR, body, scope))
        return routes
    if organization.pk == document.developer_id:
        routes.append(Route(SubmissionLevel.REPORT, _state_planning_body(), "all"))
    elif document.co_executors.filter(pk=organization.pk).exists():
        routes.append(Route(SubmissionLevel.CO_EXECUTOR, document.developer, "serves"))
    return routes


def route_for(period: ReportingPeriod, organization: Organization, *, level: str | None = None,
              recipient: Organization | None = None) -> Route:
    """The one route matching ``level`` / ``recipient``; refuses when there is none or the choice is ambiguous."""
    routes = routes_of(period, organization)
    if not routes:
        if period.quarter:
            raise MonitoringRefused(
                _("%(org)s is not an executor of %(doc)s: it is responsible for no item and co-executes none, so it "
                  "has no operational results to submit (cl. 236).") % {"org": organization.code,
                                                                        "doc": period.document.code})
        raise MonitoringRefused(
            _("%(org)s is neither the developer nor a co-executor of %(doc)s, so it has no report to submit.")
            % {"org": organization.code, "doc": period.document.code})
    found = [r for r in routes if (level is None or r.level == level)
             and (recipient is None or r.recipient.pk == recipient.pk)]
    if level is None and recipient is None and routes[0].level == SubmissionLevel.REPORT:
        return routes[0]
    if len(found) == 1:
        return found[0]
    if not found:
        raise MonitoringRefused(
            _("%(org)s sends no such report in %(period)s; its reports go to: %(to)s.")
            % {"org": organization.code, "period": str(period),
               "to": ", ".join(r.recipient.code for r in routes)})
    raise MonitoringRefused(
        _("%(org)s co-executes indicators of several responsible bodies (%(to)s): name the recipient of this "
          "report (cl. 240).") % {"org": organization.code, "to": ", ".join(r.recipient.code for r in found)})


def _report_recipient(document: Document, level: str) -> Organization:
    """Kept for callers of the first version: the recipient of the default route of the level."""
    return document.developer if level == SubmissionLevel.CO_EXECUTOR else _state_planning_body()


# --------------------------------------------------------------------------------------------------
# Reporting period and its obligations
# --------------------------------------------------------------------------------------------------


@dataclass
class OpenResult:
    period: ReportingPeriod
    created: bool
    obligations_created: int


@transaction.atomic
def do_open_reporting_period(
    document: Document, year: int, *, acting_user, quarter: int = 0, reason: str = ""
) -> OpenResult:
    """Open ``year`` (or a quarter) of ``document`` and generate its ch. 4 obligations (cl. 234-269).

    Idempotent: opening again adds the obligations that are missing (e.g. after a new co-executor).
    Allowed to the developer's editors and to members of an authorized body.
    """
    if not (getattr(acting_user, "is_superuser", False)
            or roles_in(acting_user, document.developer) & set(EDITORS)
            or (acting_user is not None and acting_user.is_authenticated
                and acting_user.memberships.exclude(organization__authority="").exists())):
        raise MonitoringRefused(
            _("%(user)s may not open a reporting period of %(doc)s: only the developer (%(dev)s) or an authorized body.")
            % {"user": getattr(acting_user, "username", "-"), "doc": document.code, "dev": document.developer.code}
        )
    problems = []
    if year not in document.years:
        problems.append(
            _("Year %(year)s is outside the period of %(doc)s (%(start)s-%(end)s).")
            % {"year": year, "doc": document.code, "start": document.period_start, "end": document.period_end}
        )
    if not 0 <= quarter <= 4:
        problems.append(_("Quarter must be 0 (the whole year) or 1-4, not %(q)s.") % {"q": quarter})
    elif quarter and document.type != "ndp":
        problems.append(_("%(doc)s is reported once a year: only the National Development Plan is monitored "
                          "every quarter (cl. 234, 252, 262, 264).") % {"doc": document.code})
    if problems:
        raise MonitoringRefused(problems)
    period = ReportingPeriod.objects.filter(document=document, year=year, quarter=quarter).first()
    created = period is None
    if created:
        period = ReportingPeriod(document=document, year=year, quarter=quarter, opened_by=acting_user)
        _stamp(period, acting_user, reason or f"opening of {document.code} {year}")
        period.save()
    existing = set(period.obligations.values_list("rule_id", "reporter_id", "recipient_id"))
    count = 0
    for obligation in _calendar_obligations(document, year, quarter):
        rule = obligation.rule
        recipient_orgs = [o for r in rule.recipients for o in _org_for_role(r, document) if o is not None]
        recipient = (document.developer if rule.reporter == cal.Role.CO_EXECUTOR
                     else (recipient_orgs[0] if recipient_orgs else None))
        if cal.Role.STATE_PLANNING in rule.recipients and rule.kind == cal.ObligationKind.SUBMISSION:
            recipient = _state_planning_body()  # M2: the body that accepts or returns the report
        if rule.reporter == cal.Role.CO_EXECUTOR and document.type == "ndp":
            pairs = co_executor_pairs(document)  # M8, cl. 240: to the body responsible for the indicator
        else:
            pairs = [(reporter, recipient) for reporter in _org_for_role(rule.reporter, document)]
        for reporter, recipient in pairs:
            if (rule.id, reporter.pk if reporter else None, recipient.pk if recipient else None) in existing:
                continue
            row = Obligation(
                period=period, rule_id=rule.id, clause=rule.clause, kind=str(rule.kind),
                reporter_role=str(rule.reporter), recipient_roles=",".join(map(str, rule.recipients)),
                reporter=reporter, recipient=recipient, form=rule.form or "",
                nominal_due=obligation.nominal_due, due=obligation.due, estimated=obligation.estimated,
                mandatory=rule.mandatory, signed_by_first_head=rule.signed_by_first_head,
            )
            _stamp(row, acting_user, reason or f"opening of {document.code} {year}")
            row.save()
            count += 1
    return OpenResult(period, created, count)


def _calendar_obligations(document: Document, year: int, quarter: int) -> list[cal.Obligation]:
    result = []
    for o in cal.obligations_for(document.type, year):
        if o.rule.id == "ndp.operational_proposals":  # cl. 238 follows each quarter (proposals.py, P4)
            if quarter:
                result.append(o)
            continue
        is_quarterly = isinstance(o.rule.due_rule, cal.AfterQuarter)
        if quarter == 0 and not is_quarterly:
            result.append(o)
        elif quarter and is_quarterly and o.rule.due_rule.quarter == quarter:
            result.append(o)
    if document.type == "sbdp" and quarter == 0:
        result.insert(0, cal.Obligation(SBDP_CO_EXECUTOR_RULE, year, None, None))
    return result


def get_period(document: Document, year: int, quarter: int = 0) -> ReportingPeriod:
    period = ReportingPeriod.objects.filter(document=document, year=year, quarter=quarter).first()
    if period is None and quarter:
        raise MonitoringRefused(
            _("The reporting period Q%(q)s %(year)s of %(doc)s is not open; run `jospar monitoring open %(doc)s "
              "%(year)s --quarter %(q)s`.") % {"doc": document.code, "year": year, "q": quarter})
    if period is None:
        raise MonitoringRefused(
            _("The reporting period %(year)s of %(doc)s is not open; run `jospar monitoring open %(doc)s %(year)s`.")
            % {"doc": document.code, "year": year}
        )
    return period


# --------------------------------------------------------------------------------------------------
# Report lines
# --------------------------------------------------------------------------------------------------


def _level_for(document: Document, organization: Organization) -> str:
    """The level of the organization's first report on an annual period (kept for callers of the first version)."""
    if organization.pk == document.developer_id:
        return SubmissionLevel.REPORT
    if document.co_executors.filter(pk=organization.pk).exists():
        return SubmissionLevel.CO_EXECUTOR
    raise MonitoringRefused(
        _("%(org)s is neither the developer nor a co-executor of %(doc)s, so it has no report to submit.")
        % {"org": organization.code, "doc": document.code}
    )


def _rule_id(period: ReportingPeriod, level: str) -> str | None:
    if period.quarter:
        return f"ndp.operational_monitoring.q{period.quarter}"  # cl. 236
    rules = CO_EXECUTOR_RULES if level == SubmissionLevel.CO_EXECUTOR else REPORT_RULES
    return rules.get(period.document.type)


def _obligation_for(period: ReportingPeriod, level: str, organization: Organization,
                    recipient: Organization | None = None) -> Obligation | None:
    rule_id = _rule_id(period, level)
    if rule_id is None:
        return None
    mine = period.obligations.filter(rule_id=rule_id, reporter=organization)
    if recipient is not None and level == SubmissionLevel.CO_EXECUTOR:
        mine = mine.filter(recipient=recipient)
    return mine.order_by("pk").first() or (
        period.obligations.filter(rule_id=rule_id).order_by("pk").first()
        if level == SubmissionLevel.REPORT and not period.quarter else None
    )


def submission_for(period: ReportingPeriod, organization: Organization, *, level: str | None = None,
                   recipient: Organization | None = None) -> Submission | None:
    """The organization's submission in the period (its first route unless ``level`` / ``recipient`` say which)."""
    route = route_for(period, organization, level=level, recipient=recipient)
    return Submission.objects.filter(
        period=period, organization=organization, level=route.level, recipient=route.recipient).first()


def _editable_submission(period: ReportingPeriod, organization: Organization, user, reason: str,
                         route: Route | None = None) -> Submission:
    route = route or route_for(period, organization)
    _require_member(user, organization, EDITORS, _("edit the report of %(org)s") % {"org": organization.code})
    sub = Submission.objects.filter(period=period, organization=organization, level=route.level,
                                    recipient=route.recipient).first()
    if sub is None:
        sub = Submission(
            period=period, organization=organization, level=route.level, recipient=route.recipient,
            obligation=_obligation_for(period, route.level, organization, route.recipient),
        )
        _stamp(sub, user, reason)
        sub.save()
    elif sub.is_locked:
        raise MonitoringRefused(
            _("The report of %(org)s for %(period)s is %(status)s and locked; it can change only after it is "
              "returned or reopened with a reason.")
            % {"org": organization.code, "period": str(period), "status": sub.get_status_display()}
        )
    return sub


def _serves(organization: Organization, responsible_id, co_ids: set[int]) -> bool:
    return responsible_id == organization.pk or organization.pk in co_ids


@transaction.atomic
def do_save_report(
    period: ReportingPeriod, organization: Organization, data: ReportInput, *, acting_user, reason: str = "",
    level: str | None = None, recipient: Organization | None = None,
) -> Submission:
    """Save (create or update) the draft report of ``organization``: only the lines given change.

    A co-executor reports only the items it is responsible for or co-executes (cl. 42, 55, 195); in the
    National Plan a responsible body reports its own items and a co-executor those of the body it reports
    to (M8); in a quarter each executor reports its own items (M9). ``level`` / ``recipient`` choose the
    submission when the organization makes several (``routes_of``).
    """
    reason = reason or f"report of {organization.code} for {period}"
    route = route_for(period, organization, level=level, recipient=recipient)
    problems: list[str] = []
    if period.quarter and data.financing:
        problems.append(
            _("financing: a quarterly report holds no money lines; money is reported by source for the year "
              "(cl. 225(3), 236; decision M9)."))
    if period.quarter and (data.satisfaction is not None and data.satisfaction.value is not None):
        problems.append(_("satisfaction: beneficiaries' satisfaction is reported for the year (cl. 225(4)), not "
                          "for a quarter."))
    if problems:
        raise MonitoringRefused(problems)
    sub = _editable_submission(period, organization, acting_user, reason, route)
    document, year, q = period.document, period.year, period.quarter
    co_level = route.scope != "all"

    indicators = {i.code: i for i in Indicator.objects.filter(document=document).prefetch_related("co_executors")}
    values = {(v.indicator_id): v for v in IndicatorValue.objects.filter(
        indicator__document=document, year=year, quarter=q)}
    measures = {m.code: m for m in Measure.objects.filter(document=document).prefetch_related("co_executors")}
    financing = {
        (f.measure.code, f.source, f.budget_program_code): f
        for f in Financing.objects.filter(measure__document=document, year=year).select_related("measure")
        .prefetch_related("measure__co_executors")
    }

    seen: set = set()
    ind_rows = []
    for n, line in enumerate(data.indicators):
        where = f"indicators[{n}] ({line.code})"
        ind = indicators.get(line.code)
        if ind is None:
            problems.append(_("%(where)s: no indicator with this code in %(doc)s.") % {"where": where, "doc": document.code})
            continue
        if line.code in seen:
            problems.append(_("%(where)s: the indicator is listed twice.") % {"where": where})
            continue
        seen.add(line.code)
        if co_level and not route.covers(organization, ind.responsible_id, {o.pk for o in ind.co_executors.all()}):
            problems.append(_not_covered(where, organization, route, _("indicator"), "cl. 42, 55"))
            continue
        ind_rows.append((ind, line))

    seen = set()
    mea_rows = []
    for n, line in enumerate(data.measures):
        where = f"measures[{n}] ({line.code})"
        m = measures.get(line.code)
        if m is None:
            problems.append(_("%(where)s: no measure with this code in %(doc)s.") % {"where": where, "doc": document.code})
            continue
        if line.code in seen:
            problems.append(_("%(where)s: the measure is listed twice.") % {"where": where})
            continue
        seen.add(line.code)
        if co_level and not route.covers(organization, m.responsible_id, {o.pk for o in m.co_executors.all()}):
            problems.append(_not_covered(where, organization, route, _("measure"), "cl. 171"))
            continue
        if line.status is not None and line.status not in ach.ExecutionStatus.__members__.values():
            problems.append(
                _("%(where)s.status: %(value)s is not one of executed, partially_executed, not_executed "
                  "(Annex 14 expl. 4(13)).") % {"where": where, "value": line.status}
            )
            continue
        mea_rows.append((m, line))

    seen = set()
    fin_rows = []
    for n, line in enumerate(data.financing):
        key = (line.measure, line.source, line.budget_program_code)
        where = f"financing[{n}] ({line.measure}, {line.source}, {line.budget_program_code or '-'})"
        f = financing.get(key)
        if f is None:
            problems.append(
                _("%(where)s: the measure has no financing line for %(year)s with this source and budget "
                  "programme (cl. 185).") % {"where": where, "year": year}
            )
            continue
        if key in seen:
            problems.append(_("%(where)s: the financing line is listed twice.") % {"where": where})
            continue
        seen.add(key)
        if co_level and not route.covers_financing(organization, f, {o.pk for o in f.measure.co_executors.all()}):
            problems.append(
                _("%(where)s: %(org)s neither administers this budget programme nor executes the measure.")
                % {"where": where, "org": organization.code}
            )
            continue
        fin_rows.append((f, line))

    sat = data.satisfaction
    if sat is not None and sat.value is not None and sat.base is None and sat.base_year is None:
        problems.append(
            _("satisfaction: give the base value or the base year; without a prior value the first year of "
              "implementation is the base (cl. 225(4)).")
        )
    if problems:
        raise MonitoringRefused(problems)

    for ind, line in ind_rows:
        value = values.get(ind.pk)
        row = IndicatorReport.objects.filter(submission=sub, indicator=ind).first() or IndicatorReport(
            submission=sub, indicator=ind)
        row.plan = value.plan if value else None
        row.corrected_plan = value.corrected_plan if value else None  # M4, cl. 213
        row.fact, row.reason = line.fact, line.reason
        _stamp(row, acting_user, reason)
        row.save()
    for f, line in fin_rows:
        row = FinancingReport.objects.filter(submission=sub, financing=f).first() or FinancingReport(
            submission=sub, financing=f)
        row.plan = f.plan
        row.corrected_plan = line.corrected_plan if line.corrected_plan is not None else f.corrected_plan
        row.absorbed, row.reason_unabsorbed = line.absorbed, line.reason_unabsorbed
        _stamp(row, acting_user, reason)
        row.save()
    for m, line in mea_rows:
        row = MeasureReport.objects.filter(submission=sub, measure=m).first() or MeasureReport(submission=sub, measure=m)
        row.completed, row.long_term, row.fact_quantity = line.completed, line.long_term, line.fact_quantity
        row.reason = line.reason
        verdict = _measure_verdict(sub, m, row, year)
        row.suggested_status, row.status_rule = str(verdict.status), verdict.rule
        row.status = line.status or row.suggested_status
        if row.status != row.suggested_status and not row.reason.strip():
            raise MonitoringRefused(
                _("measures (%(code)s).status: %(status)s differs from %(suggested)s given by the rules (%(rule)s); "
                  "a reason is required (Annex 14 expl. 4(13)).")
                % {"code": m.code, "status": row.status, "suggested": row.suggested_status, "rule": verdict.rule}
            )
        _stamp(row, acting_user, reason)
        row.save()

    if sat is not None:
        sub.satisfaction_base_year, sub.satisfaction_base = sat.base_year, sat.base
        sub.satisfaction_value, sub.satisfaction_note = sat.value, sat.note
    for name in ("control_audit", "field_checks", "analytical_note"):
        if getattr(data, name) is not None:
            setattr(sub, name, getattr(data, name))
    _stamp(sub, acting_user, reason)
    sub.save()
    return sub


def _not_covered(where: str, organization: Organization, route: Route, item: str, clause: str) -> str:
    if route.scope == "own":
        return (_("%(where)s: %(org)s is not the body responsible for this %(item)s; each responsible body reports "
                  "its own items (cl. 239-241).") % {"where": where, "org": organization.code, "item": item})
    if route.scope == "serves_for":
        return (_("%(where)s: this %(item)s is not one that %(org)s co-executes for %(to)s; report it to the body "
                  "responsible for it (cl. 240).")
                % {"where": where, "org": organization.code, "item": item, "to": route.recipient.code})
    return (_("%(where)s: %(org)s is neither responsible for nor a co-executor of this %(item)s (%(clause)s).")
            % {"where": where, "org": organization.code, "item": item, "clause": clause})


def _measure_verdict(sub: Submission, measure: Measure, row: MeasureReport, year: int) -> ach.Verdict:
    """Annex 14 expl. 4(13) with the money of the year: the report's lines where given, else the plan's."""
    lines = {fl.financing_id: fl for fl in sub.financing_lines.filter(financing__measure=measure)}
    planned = allocated = absorbed = None
    for f in Financing.objects.filter(measure=measure, year=year):
        line = lines.get(f.pk)
        p = f.plan
        a = line.effective_plan if line else f.effective_plan
        b = line.absorbed if line else f.absorbed
        planned = _add(planned, p)
        allocated = _add(allocated, a)
        absorbed = _add(absorbed, b)
    return ach.explain_measure_status(
        completed=row.completed, long_term=row.long_term, plan_quantity=measure.planned_quantity,
        fact_quantity=row.fact_quantity, funds_planned=planned, funds_allocated=allocated, funds_absorbed=absorbed,
    )


def _add(total: Decimal | None, value: Decimal | None) -> Decimal | None:
    if value is None:
        return total
    return value if total is None else total + value


# --------------------------------------------------------------------------------------------------
# Consolidation (cl. 242, 255, 265)
# --------------------------------------------------------------------------------------------------


@dataclass
class ConsolidationResult:
    submission: Submission
    merged_from: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


@transaction.atomic
def do_consolidate_report(period: ReportingPeriod, *, acting_user, reason: str = "",
                          organization: Organization | None = None) -> ConsolidationResult:
    """The report formed from the accepted information of co-executors (cl. 240-242, 255, 265).

    ``organization`` is the body whose report is formed: the developer by default; in the National Plan each
    responsible body consolidates the information its co-executors sent to it (M8).
    Lines the co-executors reported replace the draft lines; when two co-executors report the
    same item differently, the responsible executor's line wins, else the first by organization code, and
    the conflict is listed. Co-executors whose information is not accepted are listed as missing.
    """
    document = period.document
    organization = organization or document.developer
    reason = reason or f"consolidation of {period}"
    if period.quarter:
        raise MonitoringRefused(_("A quarterly report is sent by each executor directly to the authorized bodies; "
                                  "there is nothing to consolidate (cl. 236)."))
    route = route_for(period, organization, level=SubmissionLevel.REPORT)
    sub = _editable_submission(period, organization, acting_user, reason, route)
    result = ConsolidationResult(sub)
    co_subs = {s.organization_id: s for s in Submission.objects.filter(
        period=period, level=SubmissionLevel.CO_EXECUTOR, recipient=organization).select_related("organization")}
    if document.type == "ndp":
        expected = [co for co, body in co_executor_pairs(document) if body.pk == organization.pk]
    else:
        expected = list(document.co_executors.order_by("code"))
    for org in expected:
        s = co_subs.get(org.pk)
        if s is None or s.status != SubmissionStatus.ACCEPTED:
            result.missing.append(org.code)
        else:
            result.merged_from.append(org.code)
    accepted = [s for s in co_subs.values() if s.status == SubmissionStatus.ACCEPTED]
    accepted.sort(key=lambda s: s.organization.code)

    def pick(lines, key, responsible_of, label, fields):
        chosen: dict[Any, Any] = {}
        for line in lines:
            k = key(line)
            prev = chosen.get(k)
            if prev is None:
                chosen[k] = line
                continue
            if any(getattr(prev, f) != getattr(line, f) for f in fields):
                keep = line if responsible_of(line) == line.submission.organization_id else prev
                result.conflicts.append(
                    _("%(item)s: %(a)s and %(b)s report different values; %(kept)s kept.")
                    % {"item": label(line), "a": prev.submission.organization.code,
                       "b": line.submission.organization.code, "kept": keep.submission.organization.code}
                )
                chosen[k] = keep
        return chosen.values()

    ind_lines = IndicatorReport.objects.filter(submission__in=accepted).select_related(
        "indicator", "submission__organization").order_by("submission__organization__code")
    for line in pick(ind_lines, lambda x: x.indicator_id, lambda x: x.indicator.responsible_id,
                     lambda x: x.indicator.code, ("fact", "reason")):
        IndicatorReport.objects.update_or_create(
            submission=sub, indicator=line.indicator,
            defaults={"plan": line.plan, "corrected_plan": line.corrected_plan, "fact": line.fact,
                      "reason": line.reason})
    fin_lines = FinancingReport.objects.filter(submission__in=accepted).select_related(
        "financing__measure", "submission__organization").order_by("submission__organization__code")
    for line in pick(fin_lines, lambda x: x.financing_id, lambda x: x.financing.administrator_id,
                     lambda x: f"{x.financing.measure.code}/{x.financing.source}",
                     ("corrected_plan", "absorbed", "reason_unabsorbed")):
        FinancingReport.objects.update_or_create(
            submission=sub, financing=line.financing,
            defaults={"plan": line.plan, "corrected_plan": line.corrected_plan, "absorbed": line.absorbed,
                      "reason_unabsorbed": line.reason_unabsorbed})
    mea_lines = MeasureReport.objects.filter(submission__in=accepted).select_related(
        "measure", "submission__organization").order_by("submission__organization__code")
    for line in pick(mea_lines, lambda x: x.measure_id, lambda x: x.measure.responsible_id,
                     lambda x: x.measure.code, ("completed", "fact_quantity", "status")):
        MeasureReport.objects.update_or_create(
            submission=sub, measure=line.measure,
            defaults={f: getattr(line, f) for f in ("completed", "long_term", "fact_quantity", "status",
                                                    "suggested_status", "status_rule", "reason")})
    _stamp(sub, acting_user, reason)
    sub.save()
    return result


# --------------------------------------------------------------------------------------------------
# Signature, submission, decisions
# --------------------------------------------------------------------------------------------------


def _num(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def canonical_content(sub: Submission) -> dict[str, Any]:
    """Exactly what the first head signs: the header and every line, items named by code, sorted."""
    period = sub.period
    return {
        "format": "jospar.report/1",
        "document": period.document.code,
        "year": period.year,
        "quarter": period.quarter,
        "level": sub.level,
        "organization": sub.organization.code,
        "recipient": sub.recipient.code,
        "indicators": sorted(
            ({"code": x.indicator.code, "plan": _num(x.plan), "corrected_plan": _num(x.corrected_plan),
              "fact": _num(x.fact), "reason": x.reason}
             for x in sub.indicator_lines.select_related("indicator")),
            key=lambda d: d["code"]),
        "measures": sorted(
            ({"code": x.measure.code, "completed": x.completed, "long_term": x.long_term,
              "fact_quantity": _num(x.fact_quantity), "status": x.status, "reason": x.reason}
             for x in sub.measure_lines.select_related("measure")),
            key=lambda d: d["code"]),
        "financing": sorted(
            ({"measure": x.financing.measure.code, "source": x.financing.source,
              "budget_program_code": x.financing.budget_program_code, "plan": _num(x.plan),
              "corrected_plan": _num(x.corrected_plan), "absorbed": _num(x.absorbed),
              "reason_unabsorbed": x.reason_unabsorbed}
             for x in sub.financing_lines.select_related("financing__measure")),
            key=lambda d: (d["measure"], d["source"], d["budget_program_code"])),
        "satisfaction": {"base_year": sub.satisfaction_base_year, "base": _num(sub.satisfaction_base),
                         "value": _num(sub.satisfaction_value), "note": sub.satisfaction_note},
        "control_audit": sub.control_audit,
        "field_checks": sub.field_checks,
        "analytical_note": sub.analytical_note,
    }


def canonical_json(sub: Submission) -> bytes:
    return json.dumps(canonical_content(sub), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_hash(sub: Submission) -> str:
    return hashlib.sha256(canonical_json(sub)).hexdigest()


def verify_signature(sub: Submission) -> bool:
    """True when the stored lines are exactly what the first head signed."""
    return bool(sub.content_hash) and sub.content_hash == content_hash(sub)


def check_report(sub: Submission) -> list[str]:
    """What must be there before the report is signed (cl. 225(2)-(3), Annex 13 expl. 6(4), Annex 14 expl. 5(4))."""
    problems = []
    if not (sub.indicator_lines.exists() or sub.measure_lines.exists() or sub.financing_lines.exists()):
        problems.append(_("The report has no line: report at least one indicator, measure or financing line."))
    for x in sub.indicator_lines.select_related("indicator"):
        plan = x.effective_plan
        if plan is None or x.fact is None:
            continue
        verdict = ach.assess_indicator(plan, x.fact, x.indicator.polarity, baseline=x.indicator.baseline_value,
                                       range_low=x.indicator.range_low, range_high=x.indicator.range_high)
        if verdict.status in (ach.IndicatorStatus.NOT_ACHIEVED, ach.IndicatorStatus.PARTIALLY_ACHIEVED) \
                and not x.reason.strip():
            problems.append(
                _("indicators (%(code)s).reason: the plan %(plan)s is not reached (fact %(fact)s); give the reason "
                  "(cl. 225(2)).") % {"code": x.indicator.code, "plan": _num(plan), "fact": _num(x.fact)}
            )
    for x in sub.financing_lines.select_related("financing__measure"):
        plan = x.effective_plan
        if plan is not None and x.absorbed is not None and x.absorbed < plan and not x.reason_unabsorbed.strip():
            problems.append(
                _("financing (%(code)s, %(source)s).reason_unabsorbed: %(gap)s mln tenge not absorbed; give the "
                  "reason (cl. 225(3)).")
                % {"code": x.financing.measure.code, "source": x.financing.source, "gap": _num(plan - x.absorbed)}
            )
    for x in sub.measure_lines.select_related("measure"):
        if x.status != ach.ExecutionStatus.EXECUTED and not x.reason.strip():
            problems.append(
                _("measures (%(code)s).reason: the measure is %(status)s; give the reasons and their effect on the "
                  "goals (cl. 225(3)).") % {"code": x.measure.code, "status": x.get_status_display()}
            )
    return problems


@transaction.atomic
def do_submit_report(sub: Submission, *, acting_user, at: datetime | None = None, reason: str = "") -> Submission:
    """Sign (first head, cl. 231) and submit: stores who, when and the SHA-256 of the canonical content."""
    sub = Submission.objects.select_for_update().get(pk=sub.pk)
    _require_member(acting_user, sub.organization, (Role.HEAD,),
                    _("sign the report of %(org)s (cl. 231: the first head signs)") % {"org": sub.organization.code})
    if sub.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        raise MonitoringRefused(
            _("The report of %(org)s is already %(status)s.")
            % {"org": sub.organization.code, "status": sub.get_status_display()})
    problems = check_report(sub)
    if problems:
        raise MonitoringRefused(problems)
    at = at or timezone.now()
    sub.status = SubmissionStatus.SUBMITTED
    sub.signed_by, sub.signed_at = acting_user, at
    sub.content_hash = content_hash(sub)
    _stamp(sub, acting_user, reason or "signed and submitted")
    sub.save()
    if sub.obligation_id:
        ob = sub.obligation
        ob.fulfilled_on = timezone.localdate(at)  # M5
        _stamp(ob, acting_user, reason or "report submitted")
        ob.save()
    return sub


def _require_recipient(sub: Submission, user, what: str) -> None:
    _require_member(user, sub.recipient, EDITORS, what)
    if sub.level == SubmissionLevel.REPORT and not sub.recipient.authority:
        raise MonitoringRefused(_("Only an authorized body accepts or returns a report (cl. 241, 256, 263, 267)."))


@transaction.atomic
def do_return_report(sub: Submission, *, acting_user, comments: str, at: datetime | None = None) -> Submission:
    """The recipient returns a submitted report with comments; it becomes editable again."""
    sub = Submission.objects.select_for_update().get(pk=sub.pk)
    _require_recipient(sub, acting_user, _("return the report of %(org)s") % {"org": sub.organization.code})
    if sub.status != SubmissionStatus.SUBMITTED:
        raise MonitoringRefused(_("Only a submitted report can be returned; this one is %(status)s.")
                                % {"status": sub.get_status_display()})
    if not comments.strip():
        raise MonitoringRefused(_("comments: say what has to be corrected before the report is returned."))
    sub.status, sub.comments = SubmissionStatus.RETURNED, comments
    sub.decided_by, sub.decided_at = acting_user, at or timezone.now()
    _stamp(sub, acting_user, "returned: " + comments)
    sub.save()
    if sub.obligation_id:
        ob = sub.obligation
        ob.fulfilled_on = None  # M5
        _stamp(ob, acting_user, "report returned")
        ob.save()
    return sub


@transaction.atomic
def do_accept_report(sub: Submission, *, acting_user, at: datetime | None = None, reason: str = "") -> Submission:
    """The recipient accepts; the data is locked. The developer's report is applied to the plan's data (M3)."""
    sub = Submission.objects.select_for_update().get(pk=sub.pk)
    _require_recipient(sub, acting_user, _("accept the report of %(org)s") % {"org": sub.organization.code})
    if sub.status != SubmissionStatus.SUBMITTED:
        raise MonitoringRefused(_("Only a submitted report can be accepted; this one is %(status)s.")
                                % {"status": sub.get_status_display()})
    if not verify_signature(sub):
        raise MonitoringRefused(_("The report's content differs from what the first head signed; it cannot be accepted."))
    sub.status = SubmissionStatus.ACCEPTED
    sub.decided_by, sub.decided_at = acting_user, at or timezone.now()
    why = reason or f"accepted report of {sub.organization.code} for {sub.period}"
    _stamp(sub, acting_user, why)
    sub.save()
    if sub.level == SubmissionLevel.REPORT:
        _apply_to_plan(sub, acting_user, why)
    return sub


def _apply_to_plan(sub: Submission, user, reason: str) -> None:
    period = sub.period
    for x in sub.indicator_lines.select_related("indicator"):
        value = IndicatorValue.objects.filter(indicator=x.indicator, year=period.year, quarter=period.quarter).first()
        value = value or IndicatorValue(indicator=x.indicator, year=period.year, quarter=period.quarter)
        if (value.fact, value.reason) == (x.fact, x.reason) and value.pk:
            continue
        value.fact, value.reason = x.fact, x.reason
        _stamp(value, user, reason)
        value.save()
    for x in sub.financing_lines.select_related("financing"):
        f = x.financing
        new = (x.corrected_plan, x.absorbed, x.reason_unabsorbed)
        if (f.corrected_plan, f.absorbed, f.reason_unabsorbed) == new:
            continue
        f.corrected_plan, f.absorbed, f.reason_unabsorbed = new
        _stamp(f, user, reason)
        f.save()


@transaction.atomic
def do_reopen_report(sub: Submission, *, acting_user, reason: str) -> Submission:
    """An accepted report changes only after its recipient reopens it with a reason (kept in history)."""
    sub = Submission.objects.select_for_update().get(pk=sub.pk)
    _require_recipient(sub, acting_user, _("reopen the report of %(org)s") % {"org": sub.organization.code})
    if sub.status != SubmissionStatus.ACCEPTED:
        raise MonitoringRefused(_("Only an accepted report is reopened; this one is %(status)s.")
                                % {"status": sub.get_status_display()})
    if not reason.strip():
        raise MonitoringRefused(_("reason: a reopened report needs the reason for the change."))
    sub.status, sub.reopen_reason = SubmissionStatus.RETURNED, reason
    _stamp(sub, acting_user, "reopened: " + reason)
    sub.save()
    if sub.obligation_id:
        ob = sub.obligation
        ob.fulfilled_on = None
        _stamp(ob, acting_user, "report reopened")
        ob.save()
    return sub


def obligations_of(period: ReportingPeriod) -> list[Obligation]:
    return list(period.obligations.select_related("reporter", "recipient").order_by(
        F("due").asc(nulls_last=True), "rule_id", "reporter__code"))


def today() -> date:
    return timezone.localdate()


# --------------------------------------------------------------------------------------------------
# Quarterly plans of the National Plan (cl. 234-235, decision M10)
# --------------------------------------------------------------------------------------------------


@transaction.atomic
def do_set_quarterly_plans(document: Document, year: int, plans: dict[tuple[str, int], Decimal], *,
                           acting_user, reason: str = "") -> int:
    """Store the plan of indicators for quarters of ``year``: ``plans[(indicator code, quarter)] = value``.

    **M10.** The Plan is approved with annual values; its quarterly breakdown for operational monitoring is
    set by the developer (cl. 235: operational monitoring follows project management). Only the National
    Plan has quarters (cl. 234). A quarterly plan is locked once an accepted quarterly report holds a fact for
    that indicator and quarter: only the plan that report was judged against may be stored again (e.g. after
    the document is imported anew). Returns how many values changed; the same value again changes nothing.
    """
    if not (getattr(acting_user, "is_superuser", False) or roles_in(acting_user, document.developer) & set(EDITORS)):
        raise MonitoringRefused(
            _("%(user)s may not set quarterly plans of %(doc)s: only the developer (%(dev)s) does (cl. 235).")
            % {"user": getattr(acting_user, "username", "-"), "doc": document.code, "dev": document.developer.code})
    problems = []
    if document.type != "ndp":
        problems.append(_("%(doc)s is reported once a year: only the National Development Plan is monitored "
                          "every quarter (cl. 234, 252, 262, 264).") % {"doc": document.code})
    if year not in document.years:
        problems.append(_("Year %(year)s is outside the period of %(doc)s (%(start)s-%(end)s).")
                        % {"year": year, "doc": document.code, "start": document.period_start,
                           "end": document.period_end})
    indicators = {i.code: i for i in Indicator.objects.filter(document=document, code__in={c for c, _q in plans})}
    locked = {(code, q): recorded for code, q, recorded in IndicatorReport.objects.filter(
        submission__period__document=document, submission__period__year=year, submission__status=SubmissionStatus.ACCEPTED,
        fact__isnull=False).values_list("indicator__code", "submission__period__quarter", "plan")}
    current = {(v.indicator.code, v.quarter): v for v in IndicatorValue.objects.filter(
        indicator__in=indicators.values(), year=year, quarter__gte=1).select_related("indicator")}
    changes = []
    for (code, quarter), plan in sorted(plans.items()):
        where = f"{code} Q{quarter}"
        if code not in indicators:
            problems.append(_("%(where)s: no indicator with this code in %(doc)s.") % {"where": where,
                                                                                     "doc": document.code})
            continue
        if not 1 <= quarter <= 4:
            problems.append(_("Quarter must be 0 (the whole year) or 1-4, not %(q)s.") % {"q": quarter})
            continue
        value = current.get((code, quarter))
        if value is not None and value.plan == plan:
            continue
        if (code, quarter) in locked and locked[(code, quarter)] != plan:
            problems.append(_("%(where)s: an accepted quarterly report holds the fact of this quarter; its plan is "
                              "no longer changed (cl. 213, decision M10).") % {"where": where})
            continue
        changes.append((value or IndicatorValue(indicator=indicators[code], year=year, quarter=quarter), plan))
    if problems:
        raise MonitoringRefused(problems)
    for value, plan in changes:
        value.plan = plan
        _stamp(value, acting_user, reason or f"quarterly plan of {document.code} {year} (cl. 235)")
        value.save()
    return len(changes)
