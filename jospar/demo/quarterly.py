"""One quarterly cycle of the National Plan in the demo (cl. 234-238): Q1 and Q2 of 2026.

The Plan carries quarterly plans for a few strategic indicators (``with_quarterly_values``, applied to the demo
payload; ``do_set_quarterly_plans`` stores them again when needed, cl. 235, decision M10); each executor with
a demo login (moh, edu, mlsp, mne) reports its quarter, its first head signs (cl. 231) before the 10th of the
following month (cl. 236) and the authorized body for state planning accepts; the authorized body for
strategic planning sends its proposals for Q1 to the Administration of the President and keeps a draft for Q2
(cl. 237-238). The other executors of the Plan have no demo login: their quarterly obligations stay open, so
the calendar shows overdue items too. The figures are demo figures around the annual plans of 2026.

Idempotent: run again, it changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from jospar.core.models import Organization, User
from jospar.monitoring import proposals as pr
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.monitoring.models import ProposalStatus, SubmissionStatus
from jospar.planning.models import Document

CODE = "ndp-2029"
YEAR = 2026
# code: (body, (Q1 plan, Q1 fact, reason), (Q2 plan, Q2 fact, reason))
FIGURES: dict[str, tuple[str, tuple[str, str, str], tuple[str, str, str]]] = {
    "SI-01": ("moh", ("75.9", "75.8", "Influenza epidemic in January and February"), ("76.0", "76.0", "")),
    # shortage of school places, thousand (lower is better)
    "SI-03": ("edu", ("125.0", "122.0", ""), ("118.0", "124.0", "Two school construction contracts were re-tendered")),
    "SI-04": ("edu", ("93.0", "93.1", ""), ("93.5", "93.5", "")),
    # new permanent jobs, thousand, cumulative from January
    "SI-08": ("mlsp", ("55.0", "57.0", ""), ("125.0", "121.3", "Seasonal construction works started late")),
    "SI-10": ("mne", ("5.5", "5.1", "Lower external demand for metals in Q1"), ("5.7", "5.8", "")),
}
HEADS = {"moh": "moh-head", "edu": "edu-head", "mlsp": "mlsp-head", "mne": "mne-head"}
PLANNERS = {"moh": "moh-planner", "edu": "edu-planner", "mlsp": "mlsp-head", "mne": "mne-planner"}
# signed on the 8th of the month after the quarter (before the 10th, cl. 236), accepted two days later
SIGNED = {1: datetime(2026, 4, 8, 5, 0, tzinfo=UTC), 2: datetime(2026, 7, 8, 5, 0, tzinfo=UTC)}
ACTIONS = {
    "SI-01": "Bring the seasonal vaccination campaign forward to October and widen it to people over 60.",
    "SI-03": "Ask the Ministry of Education to sign the re-tendered contracts before 1 September.",
    "SI-08": "Ask the Ministry of Labour to report the regional employment maps monthly until the plan is met.",
    "SI-10": "Review the export support measures of the Plan with the Ministry of Trade and Integration.",
}
CENTRE = ("The Centre's quarterly note on the reforms of the Plan was taken into account: it confirms the lag in "
          "the growth of the processing industry and the seasonal fall in life expectancy.")


def with_quarterly_values(payload):
    """The National Plan's payload with the quarterly plans of ``FIGURES`` and the facts its accepted quarterly
    reports store (cl. 236, decision M9), so that loading the demo again leaves the Plan unchanged."""
    if payload.code != CODE:
        return payload
    data = payload.model_dump(mode="json")
    for ind in data["indicators"]:
        fig = FIGURES.get(ind["code"])
        if fig is None:
            continue
        ind["values"] = [v for v in ind["values"] if not (v["year"] == YEAR and v.get("quarter"))] + [
            {"year": YEAR, "quarter": q, "plan": fig[q][0], "fact": fig[q][1], "reason": fig[q][2]} for q in (1, 2)]
    return type(payload).model_validate(data)


def load_demo_quarterly() -> list[tuple[str, str]]:
    """Run the quarterly cycle; returns (what, state) lines for the command's output."""
    document = Document.objects.filter(code=CODE).first()
    if document is None or YEAR not in document.years:
        return [(CODE, "no National Plan for 2026: quarterly cycle skipped")]
    users = {u.username: u for u in User.objects.filter(
        username__in={"mne-planner", "aspr-analyst", *HEADS.values(), *PLANNERS.values()})}
    authority, analyst = users["mne-planner"], users["aspr-analyst"]
    orgs = {o.code: o for o in Organization.objects.filter(code__in=HEADS)}
    out = []
    plans = {(code, q): Decimal(fig[q][0]) for code, fig in FIGURES.items() for q in (1, 2)}
    changed = sv.do_set_quarterly_plans(document, YEAR, plans, acting_user=authority,
                                        reason="demo: quarterly breakdown of the 2026 plan (cl. 235)")
    out.append((f"{CODE} {YEAR} quarterly plans", f"{changed} set" if changed else "unchanged"))
    for q in (1, 2):
        period = sv.do_open_reporting_period(document, YEAR, acting_user=authority, quarter=q,
                                             reason=f"demo: operational monitoring Q{q} {YEAR}").period
        accepted = 0
        for body in HEADS:
            sub = sv.submission_for(period, orgs[body])
            if sub is not None and sub.status == SubmissionStatus.ACCEPTED:
                continue  # accepted by an earlier load
            if sub is None or sub.status != SubmissionStatus.SUBMITTED:
                lines = [{"code": code, "fact": fig[q][1], "reason": fig[q][2]}
                         for code, fig in FIGURES.items() if fig[0] == body]
                sub = sv.do_save_report(period, orgs[body], parse_report({"indicators": lines}),
                                        acting_user=users[PLANNERS[body]], reason=f"demo: Q{q} {YEAR} results")
                sub = sv.do_submit_report(sub, acting_user=users[HEADS[body]], at=SIGNED[q])
            sv.do_accept_report(sub, acting_user=authority, at=SIGNED[q] + timedelta(days=2))
            accepted += 1
        out.append((f"{CODE} Q{q} {YEAR}", f"{accepted} quarterly reports accepted" if accepted else "unchanged"))
        out.append((f"{CODE} Q{q} {YEAR} proposals (cl. 238)", _proposals(period, analyst, send=q == 1)))
    return out


def _proposals(period, analyst, *, send: bool) -> str:
    proposal = pr.proposal_of(period)
    if proposal is not None and (proposal.status == ProposalStatus.SENT or not send):
        return "unchanged"
    lines = [{"indicator": x.indicator, "addressee": x.addressee, "risk": x.risk,
              "action": ACTIONS.get(x.indicator, "Report the recovery plan in the next quarterly report.")}
             for x in pr.suggested_lines(period)]
    proposal = pr.do_save_proposal(period, {
        "lines": lines, "analytical_centre_info": CENTRE if send else "",
        "summary": f"Operational monitoring of Q{period.quarter} {period.year}: {len(lines)} indicator(s) below "
                   "their quarterly plan."}, acting_user=analyst, reason="demo: proposals from operational monitoring")
    if send:
        proposal = pr.do_send_proposal(proposal, acting_user=analyst,
                                       at=SIGNED[period.quarter] + timedelta(days=10))
    return str(proposal.status)
