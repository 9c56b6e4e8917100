"""Proposals from the quarterly (operational) monitoring of the National Plan (cl. 237-238).

cl. 237: the results of operational monitoring serve to analyse the progress of the Plan, to identify the
risks of untimely and/or poor-quality implementation and to prepare timely proposals for corrective action.
cl. 238 (Kazakh original): "Стратегиялық жоспарлау жөніндегі уәкілетті орган жедел мониторингтеу деректерінің
негізінде, сондай-ақ Реформаларды мониторингтеудің ұлттық талдамалық орталығының ақпаратын ескере отырып,
тиісті ұсыныстарды Қазақстан Республикасы Президентінің Әкімшілігіне жібереді." Who: the authorized body for
strategic planning; to whom: the President's Administration; on what: the operational monitoring data, taking
into account the information of the National Analytical Centre for Monitoring Reforms; by when: the clause
sets no date.

Decisions (the methodology is silent):

* **P1, one proposal per quarter.** The strategic planning body sends one set of proposals per quarterly
  period (a draft it edits, then sends); each line names the risk and the corrective action, on an
  indicator, a measure or the Plan as a whole, and may name the body that should act.
* **P2, "on the basis of operational monitoring data".** Proposals are sent only when the quarter has at
  least one accepted quarterly report (cl. 236); a draft can be prepared before.
* **P3, the National Analytical Centre.** Sending requires the field saying which information of the Centre
  was taken into account (or that none was received): cl. 238 makes taking it into account part of the flow.
* **P4, no deadline.** cl. 238 sets none: the calendar shows the obligation per quarter "without a deadline"
  and marks it fulfilled on the day the proposals are sent; nothing is estimated.
* **P5, sent is final.** A sent proposal is not edited (it left the body); a new finding goes into the next
  quarter's proposals. The content sent is kept with its SHA-256, like a signed report.
* **P6, who.** Writers (planner, head, administrator) of the authorized body for strategic planning draft and
  send (``monitoring.propose_operational``); the authorized bodies and the recipient read sent proposals;
  a draft is read only inside the strategic planning body.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jospar.core.history import stamp as _stamp
from jospar.core.models import Authority, Organization, OrganizationKind
from jospar.planning.access import user_organization_ids
from jospar.planning.models import Indicator, Measure

from . import achievement as ach
from . import quarterly as qr
from .models import (
    OperationalProposal,
    ProposalLine,
    ProposalStatus,
    ReportingPeriod,
    Submission,
    SubmissionStatus,
)
from .services import MonitoringRefused

PROPOSAL_RULE = "ndp.operational_proposals"  # cl. 238


@dataclass(frozen=True)
class LineIn:
    risk: str
    action: str
    indicator: str = ""  # code
    measure: str = ""  # code
    addressee: str = ""  # organization code


@dataclass(frozen=True)
class ProposalIn:
    lines: list[LineIn] = field(default_factory=list)
    summary: str | None = None
    analytical_centre_info: str | None = None


def strategic_planning_body() -> Organization:
    org = Organization.objects.filter(authority=Authority.STRATEGIC_PLANNING, is_active=True).order_by("code").first()
    if org is None:
        raise MonitoringRefused(_("No organization is the authorized body for strategic planning (cl. 238); load "
                                  "the reference data."))
    return org


def presidents_administration() -> Organization:
    org = (Organization.objects.filter(kind=OrganizationKind.PRESIDENTIAL_ADMINISTRATION, is_active=True)
           .order_by("code").first())
    if org is None:
        raise MonitoringRefused(_("No organization is the Administration of the President (cl. 238); load the "
                                  "reference data."))
    return org


def may_propose(user) -> bool:
    return bool(user is not None and user.has_perm("monitoring.propose_operational"))


def may_view(user, proposal: OperationalProposal) -> bool:
    """P6: a draft inside the strategic planning body; a sent one also for authorized bodies and the recipient."""
    if getattr(user, "is_superuser", False):
        return True
    orgs = user_organization_ids(user)
    if proposal.author_id in orgs:
        return True
    if proposal.status != ProposalStatus.SENT:
        return False
    return proposal.recipient_id in orgs or user.memberships.exclude(organization__authority="").exists()


def _require(user, what: str) -> None:
    if not may_propose(user):
        raise MonitoringRefused(
            _("%(user)s may not %(what)s: only the planners and the head of the authorized body for strategic "
              "planning prepare and send the proposals (cl. 238).")
            % {"user": getattr(user, "username", "-"), "what": what})


def _check_period(period: ReportingPeriod) -> None:
    if period.document.type != "ndp" or not period.quarter:
        raise MonitoringRefused(
            _("Proposals from operational monitoring follow a quarter of the National Development Plan "
              "(cl. 234-238); %(period)s is not one.") % {"period": str(period)})


def proposal_of(period: ReportingPeriod) -> OperationalProposal | None:
    return (OperationalProposal.objects.filter(period=period).select_related("author", "recipient", "sent_by")
            .first())


@transaction.atomic
def do_save_proposal(period: ReportingPeriod, data: ProposalInOrDict, *, acting_user,
                     reason: str = "") -> OperationalProposal:
    """Create or update the draft proposals of the quarter; ``data.lines`` replaces every line (P1)."""
    data = _as_input(data)
    _check_period(period)
    _require(acting_user, _("prepare proposals from operational monitoring"))
    reason = reason or f"cl. 238 proposals for {period}"
    proposal = OperationalProposal.objects.select_for_update().filter(period=period).first()
    if proposal is not None and proposal.status == ProposalStatus.SENT:
        raise MonitoringRefused(
            _("The proposals for %(period)s were sent on %(date)s and are not changed; put new findings into the "
              "next quarter's proposals (cl. 238, decision P5).")
            % {"period": str(period), "date": timezone.localdate(proposal.sent_at).isoformat()})
    document = period.document
    indicators = {i.code: i for i in Indicator.objects.filter(document=document, code__in=[
        x.indicator for x in data.lines if x.indicator])}
    measures = {m.code: m for m in Measure.objects.filter(document=document, code__in=[
        x.measure for x in data.lines if x.measure])}
    orgs = {o.code: o for o in Organization.objects.filter(code__in=[x.addressee for x in data.lines if x.addressee])}
    problems: list[str] = []
    rows = []
    for n, line in enumerate(data.lines):
        where = f"lines[{n + 1}]"
        if not line.risk.strip():
            problems.append(_("%(where)s.risk: say which risk of untimely or poor-quality implementation was found "
                              "(cl. 237).") % {"where": where})
        if not line.action.strip():
            problems.append(_("%(where)s.action: say which corrective action is proposed (cl. 237).")
                            % {"where": where})
        if line.indicator and line.indicator not in indicators:
            problems.append(_("%(where)s.indicator: no indicator %(code)s in %(doc)s.")
                            % {"where": where, "code": line.indicator, "doc": document.code})
        if line.measure and line.measure not in measures:
            problems.append(_("%(where)s.measure: no measure %(code)s in %(doc)s.")
                            % {"where": where, "code": line.measure, "doc": document.code})
        if line.addressee and line.addressee not in orgs:
            problems.append(_("%(where)s.addressee: no organization with the code %(code)s.")
                            % {"where": where, "code": line.addressee})
        rows.append((n, line))
    if problems:
        raise MonitoringRefused(problems)
    if proposal is None:
        proposal = OperationalProposal(period=period, author=strategic_planning_body(),
                                       recipient=presidents_administration())
    if data.summary is not None:
        proposal.summary = data.summary
    if data.analytical_centre_info is not None:
        proposal.analytical_centre_info = data.analytical_centre_info
    _stamp(proposal, acting_user, reason)
    proposal.save()
    for old in proposal.lines.all():
        _stamp(old, acting_user, reason)
        old.delete()
    for n, line in rows:
        row = ProposalLine(proposal=proposal, order=n + 1, risk=line.risk.strip(), action=line.action.strip(),
                           indicator=indicators.get(line.indicator), measure=measures.get(line.measure),
                           addressee=orgs.get(line.addressee))
        _stamp(row, acting_user, reason)
        row.save()
    return proposal


ProposalInOrDict = ProposalIn | dict


def _as_input(data: ProposalInOrDict) -> ProposalIn:
    if isinstance(data, ProposalIn):
        return data
    lines = data.get("lines") or []
    bad = [n + 1 for n, x in enumerate(lines) if not isinstance(x, dict)]
    if bad or not isinstance(lines, list):
        raise MonitoringRefused(_("lines: each line is an object with risk, action and optionally indicator, "
                                  "measure, addressee."))
    unknown = sorted({k for x in lines for k in x} - {"risk", "action", "indicator", "measure", "addressee"})
    if unknown:
        raise MonitoringRefused(_("lines: unknown field(s) %(names)s.") % {"names": ", ".join(unknown)})
    return ProposalIn(
        lines=[LineIn(**{k: str(v or "") for k, v in x.items()}) for x in lines],
        summary=data.get("summary"), analytical_centre_info=data.get("analytical_centre_info"))


def canonical_content(proposal: OperationalProposal) -> dict:
    period = proposal.period
    return {
        "format": "jospar.operational_proposals/1",
        "document": period.document.code, "year": period.year, "quarter": period.quarter,
        "author": proposal.author.code, "recipient": proposal.recipient.code,
        "summary": proposal.summary, "analytical_centre_info": proposal.analytical_centre_info,
        "lines": [{"order": x.order, "indicator": x.indicator.code if x.indicator_id else None,
                   "measure": x.measure.code if x.measure_id else None,
                   "addressee": x.addressee.code if x.addressee_id else None, "risk": x.risk, "action": x.action}
                  for x in proposal.lines.select_related("indicator", "measure", "addressee")],
    }


def content_hash(proposal: OperationalProposal) -> str:
    text = json.dumps(canonical_content(proposal), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def do_send_proposal(proposal: OperationalProposal, *, acting_user, at=None, reason: str = "") -> OperationalProposal:
    """Send the proposals to the President's Administration (cl. 238); fulfils the quarter's obligation (P4)."""
    proposal = OperationalProposal.objects.select_for_update().select_related("period__document").get(pk=proposal.pk)
    _require(acting_user, _("send proposals from operational monitoring"))
    period = proposal.period
    if proposal.status == ProposalStatus.SENT:
        raise MonitoringRefused(_("The proposals for %(period)s are already sent.") % {"period": str(period)})
    problems = []
    if not proposal.lines.exists():
        problems.append(_("lines: the proposals have no line; give at least one risk with its corrective action "
                          "(cl. 237)."))
    if not proposal.analytical_centre_info.strip():
        problems.append(_("analytical_centre_info: say which information of the National Analytical Centre for "
                          "Monitoring Reforms was taken into account, or that none was received (cl. 238)."))
    if not Submission.objects.filter(period=period, status=SubmissionStatus.ACCEPTED).exists():
        problems.append(_("No quarterly report of %(period)s is accepted yet: the proposals are made on the basis "
                          "of the operational monitoring data (cl. 236, 238; decision P2).") % {"period": str(period)})
    if problems:
        raise MonitoringRefused(problems)
    at = at or timezone.now()
    proposal.status, proposal.sent_by, proposal.sent_at = ProposalStatus.SENT, acting_user, at
    proposal.content_hash = content_hash(proposal)
    _stamp(proposal, acting_user, reason or "sent to the Administration of the President (cl. 238)")
    proposal.save()
    for ob in period.obligations.filter(rule_id=PROPOSAL_RULE, fulfilled_on__isnull=True):
        ob.fulfilled_on = timezone.localdate(at)
        _stamp(ob, acting_user, "proposals sent (cl. 238)")
        ob.save()
    return proposal


def suggested_lines(period: ReportingPeriod) -> list[LineIn]:
    """Draft lines from the quarterly roll-up: every indicator not (fully) achieved in the quarter (cl. 237)."""
    rollup = qr.load(period.document, period.year)
    result = []
    for row in rollup.rows:
        cell = row.cells[period.quarter]
        if cell.status not in (ach.IndicatorStatus.NOT_ACHIEVED, ach.IndicatorStatus.PARTIALLY_ACHIEVED):
            continue
        calc = cell.achievement
        risk = _("Q%(q)s: plan %(plan)s, fact %(fact)s (%(pct)s %%); %(reason)s") % {
            "q": period.quarter, "plan": _plain(cell.plan), "fact": _plain(cell.fact),
            "pct": _plain(calc.value) if calc else "-", "reason": cell.reason or _("no reason given")}
        result.append(LineIn(risk=risk, action="", indicator=row.indicator.code,
                             addressee=row.indicator.responsible[0] if row.indicator.responsible else ""))
    return result


def _plain(value) -> str:
    if value is None:
        return "-"
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text
