"""jospar monitoring ACTION ...: the monitoring cycle from the shell (SPEC part 2, ch. 4).

  jospar monitoring open DOCUMENT YEAR --as USER [--quarter Q]   open the year (or a quarter of the National
                                                           Plan, cl. 234-236) and generate its obligations
  jospar monitoring calendar DOCUMENT YEAR [--today DATE]  obligations with dates and statuses
  jospar monitoring report DOCUMENT YEAR --as USER --file F [--org ORG]   save a draft report
  jospar monitoring consolidate DOCUMENT YEAR --as USER     developer: merge co-executors' information
  jospar monitoring submit DOCUMENT YEAR --as HEAD [--file F] [--org ORG] sign (first head) and submit
  jospar monitoring accept|return|reopen DOCUMENT YEAR --org ORG --as USER [--comments/--reason TEXT]
  jospar monitoring status DOCUMENT YEAR [--by direction|goal|body|territory|document]
  jospar monitoring quarterly DOCUMENT YEAR                 National Plan: achievement per quarter by body
  jospar monitoring propose DOCUMENT YEAR --quarter Q --as USER [--file F | --suggest] [--send]
                                                           cl. 238 proposals to the President's Administration

Every action but ``status`` takes ``--quarter Q`` (1-4) for the quarterly operational results of the National
Plan (cl. 236). ``report``/``submit``/``accept``/``return``/``reopen`` take ``--to ORG`` when a co-executor
of the National Plan reports to several responsible bodies (cl. 240); ``consolidate`` takes ``--org`` for the
responsible body whose report is formed (decision M8).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from jospar.core.models import Organization, User
from jospar.monitoring import rollups
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import InputRejected, parse_report
from jospar.monitoring.models import Submission, SubmissionLevel
from jospar.planning.access import access_document_by_code


class Command(BaseCommand):
    help = "The monitoring cycle: open a year, calendar, reports, signature, acceptance, roll-ups."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)

        def add(name, help_text, *, user=True):
            p = sub.add_parser(name, help=help_text)
            p.add_argument("document", help="document code")
            p.add_argument("year", type=int, help="reporting year")
            if user:
                p.add_argument("--as", dest="username", required=True, help="who acts (username)")
            p.add_argument("--reason", default="", help="why: kept in the history")
            if name != "status":
                p.add_argument("--quarter", type=int, default=0, choices=(0, 1, 2, 3, 4),
                               help="a quarter of the National Plan (cl. 236); 0 = the year")
            if name in ("report", "submit", "accept", "return", "reopen"):
                p.add_argument("--to", default=None, help="recipient, when the co-executor reports to several (cl. 240)")
            return p

        add("open", "open the reporting year and generate its obligations (cl. 234-269)")
        p = add("calendar", "list the obligations with deadlines and statuses", user=False)
        p.add_argument("--as", dest="username", default=None, help="whose view (default: everything)")
        p.add_argument("--today", type=date.fromisoformat, default=None, help="status as on this date (YYYY-MM-DD)")
        p.add_argument("--language", default="en", choices=("kk", "ru", "en"))
        for name, text in (("report", "save a draft report from a JSON file"),
                           ("submit", "sign as the first head and submit (optionally saving --file first)")):
            p = add(name, text)
            p.add_argument("--file", required=(name == "report"), help="report JSON (see monitoring/inputs.py)")
            p.add_argument("--org", default=None, help="reporting organization (default: the user's own)")
        p = add("consolidate", "developer / responsible body: form the report from the accepted information of "
                               "co-executors (cl. 240-242, 255)")
        p.add_argument("--org", default=None, help="the responsible body whose report is formed (National Plan)")
        for name, text in (("accept", "accept a submitted report (recipient)"),
                           ("return", "return a submitted report with comments (recipient)"),
                           ("reopen", "reopen an accepted report with a reason (recipient)")):
            p = add(name, text)
            p.add_argument("--org", required=True, help="the reporting organization whose report it is")
            p.add_argument("--comments", default="", help="comments (return)")
        p = add("status", "plan against fact, rolled up (indicators, measures, money)", user=False)
        p.add_argument("--as", dest="username", default=None)
        p.add_argument("--by", default="direction", choices=rollups.DIMENSIONS)
        p = sub.add_parser("quarterly", help="National Plan: achievement per quarter by responsible body (cl. 234-237)")
        p.add_argument("document", help="document code")
        p.add_argument("year", type=int, help="reporting year")
        p.add_argument("--as", dest="username", default=None)
        p = add("propose", "strategic planning body: save (and --send) the proposals of a quarter (cl. 237-238)")
        p.add_argument("--file", default=None, help='JSON: {"summary", "analytical_centre_info", "lines": [{"risk", '
                                                    '"action", "indicator", "measure", "addressee"}]}')
        p.add_argument("--suggest", action="store_true", help="start from the indicators not achieved in the quarter")
        p.add_argument("--send", action="store_true", help="send to the Administration of the President")

    def handle(self, *args, **o):
        user = self._user(o.get("username"))
        try:
            document = access_document_by_code(user, o["document"]) if user else self._document(o["document"])
        except Http404:
            raise CommandError(f"{o['document']}: no such document, or {o.get('username')} may not see it") from None
        try:
            getattr(self, "do_" + o["action"])(document, o["year"], user, o)
        except sv.MonitoringRefused as exc:
            for p in exc.problems:
                self.stderr.write(f"  {p}")
            raise CommandError(f"refused ({len(exc.problems)} problem(s)); nothing was written") from None
        except InputRejected as exc:
            for p in exc.problems:
                self.stderr.write(f"  {p}")
            raise CommandError(f"the report file has {len(exc.problems)} problem(s); nothing was written") from None

    # -- helpers -------------------------------------------------------------------------------------

    def _user(self, username):
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"--as {username}: no such active user")
        return user

    def _document(self, code):
        from jospar.planning.models import Document

        doc = Document.objects.filter(code=code).select_related("developer").first()
        if doc is None:
            raise Http404
        return doc

    def _org(self, document, user, code, period=None):
        if code:
            org = Organization.objects.filter(code=code).first()
            if org is None:
                raise CommandError(f"--org {code}: no such organization")
            return org
        mine = Organization.objects.filter(memberships__user=user).distinct().order_by("code")
        if period is not None:
            own = [org for org in mine if sv.routes_of(period, org)]
        else:
            parties = [document.developer_id, *document.co_executors.values_list("pk", flat=True)]
            own = [org for org in mine if org.pk in parties]
        if len(own) != 1:
            raise CommandError("give --org: the user is a member of " + (
                ", ".join(o.code for o in own) if own else "no organization of this document"))
        return own[0]

    def _read(self, name):
        try:
            return Path(name).read_bytes()
        except OSError as exc:
            raise CommandError(f"{name}: cannot read: {exc.strerror}") from None

    def _recipient(self, o):
        code = o.get("to")
        if not code:
            return None
        org = Organization.objects.filter(code=code).first()
        if org is None:
            raise CommandError(f"--to {code}: no such organization")
        return org

    def _period(self, document, year, o):
        return sv.get_period(document, year, o.get("quarter") or 0)

    def _submission(self, document, year, code, o) -> Submission:
        period = self._period(document, year, o)
        org = self._org(document, None, code)
        to = self._recipient(o)
        sub = sv.submission_for(period, org, level=SubmissionLevel.CO_EXECUTOR if to else None, recipient=to)
        if sub is None:
            raise CommandError(f"{org.code} has no report for {document.code} {year}")
        return sub

    # -- actions -------------------------------------------------------------------------------------

    def do_open(self, document, year, user, o):
        r = sv.do_open_reporting_period(document, year, acting_user=user, quarter=o["quarter"], reason=o["reason"])
        state = "opened" if r.created else "already open"
        self.stdout.write(f"{r.period}: {state}; {r.obligations_created} obligation(s) generated")
        self._calendar(r.period, sv.today(), "en")

    def do_calendar(self, document, year, user, o):
        self._calendar(self._period(document, year, o), o["today"] or sv.today(), o["language"])

    def _calendar(self, period, today, language):
        self.stdout.write(f"{'deadline':<11} {'status':<18} {'clause':<11} {'who':<18} {'to':<18} obligation")
        for ob in sv.obligations_of(period):
            due = ob.due.isoformat() if ob.due else "—"
            if ob.moved:
                due += "*"
            who = ob.reporter.code if ob.reporter_id else ob.reporter_role
            to = ob.recipient.code if ob.recipient_id else (ob.recipient_roles or "—")
            self.stdout.write(f"{due:<11} {ob.status(today):<18} {ob.clause:<11} {who:<18} {to:<18} "
                              f"{ob.label(language)}")
        self.stdout.write(f"(status as on {today.isoformat()}; * = moved off a day off, decision D1)")

    def _route(self, o):
        to = self._recipient(o)
        return {"level": SubmissionLevel.CO_EXECUTOR, "recipient": to} if to else {}

    def do_report(self, document, year, user, o):
        period = self._period(document, year, o)
        org = self._org(document, user, o["org"], period)
        data = parse_report(self._read(o["file"]))
        sub = sv.do_save_report(period, org, data, acting_user=user, reason=o["reason"], **self._route(o))
        self.stdout.write(f"{org.code}: draft saved ({sub.indicator_lines.count()} indicator, "
                          f"{sub.measure_lines.count()} measure, {sub.financing_lines.count()} financing line(s))")

    def do_submit(self, document, year, user, o):
        period = self._period(document, year, o)
        org = self._org(document, user, o["org"], period)
        if o["file"]:
            data = parse_report(self._read(o["file"]))
            sub = sv.do_save_report(period, org, data, acting_user=user, reason=o["reason"], **self._route(o))
        else:
            sub = sv.submission_for(period, org, **self._route(o))
            if sub is None:
                raise CommandError(f"{org.code} has no draft report; give --file")
        sub = sv.do_submit_report(sub, acting_user=user, reason=o["reason"])
        self.stdout.write(f"{org.code} -> {sub.recipient.code}: submitted, signed by {user.username} at "
                          f"{sub.signed_at:%Y-%m-%d %H:%M}, SHA-256 {sub.content_hash}")

    def do_consolidate(self, document, year, user, o):
        org = self._org(document, user, o["org"]) if o["org"] else None
        r = sv.do_consolidate_report(self._period(document, year, o), acting_user=user, reason=o["reason"],
                                     organization=org)
        self.stdout.write(f"{r.submission.organization.code}: report consolidated from "
                          f"{', '.join(r.merged_from) or 'no one'}")
        if r.missing:
            self.stdout.write("  not accepted / missing: " + ", ".join(r.missing))
        for c in r.conflicts:
            self.stdout.write("  conflict: " + c)

    def do_accept(self, document, year, user, o):
        sub = sv.do_accept_report(self._submission(document, year, o["org"], o), acting_user=user, reason=o["reason"])
        extra = "; facts and money applied to the plan" if sub.level == SubmissionLevel.REPORT else ""
        self.stdout.write(f"{sub.organization.code}: accepted by {user.username} ({sub.recipient.code}){extra}")

    def do_return(self, document, year, user, o):
        sub = sv.do_return_report(self._submission(document, year, o["org"], o), acting_user=user,
                                  comments=o["comments"])
        self.stdout.write(f"{sub.organization.code}: returned with comments")

    def do_reopen(self, document, year, user, o):
        sub = sv.do_reopen_report(self._submission(document, year, o["org"], o), acting_user=user, reason=o["reason"])
        self.stdout.write(f"{sub.organization.code}: reopened ({sub.reopen_reason})")

    def do_status(self, document, year, user, o):
        snap = rollups.load(document, year)
        self.stdout.write(f"{document.code} {year}: indicators")
        for i in snap.indicators:
            a = i.achievement
            self.stdout.write(f"  {i.code:<10} plan {i.plan.value!s:>12} fact {i.fact.value!s:>12} "
                              f"{(str(a) + ' %') if a is not None else '—':>10}  {i.verdict.status}")
        self.stdout.write("measures")
        for m in snap.measures:
            self.stdout.write(f"  {m.code:<10} allocated {m.allocated!s:>12} absorbed {m.absorbed!s:>12} "
                              f"{m.absorption.value!s:>8} %  {m.status or 'not reported'}  {m.money_vs_result.status}")
        self.stdout.write("money by source (Annex 13/14 s.2)")
        for s in [*snap.sources, *([snap.total] if snap.total else [])]:
            self.stdout.write(f"  {s.source:<18} plan {s.plan!s:>12} corrected {s.corrected_plan!s:>12} "
                              f"absorbed {s.absorbed!s:>12} {s.absorption.value!s:>8} %  {'; '.join(s.reasons)}")
        self.stdout.write(f"by {o['by']}")
        for g in rollups.rollup(snap, o["by"]):
            label = f"{g.key[0]} {g.key[1]}" if g.key else "—"
            self.stdout.write(f"  {label[:50]:<50} n={g.indicators} mean {g.average_achievement.value!s:>8} % "
                              f"achieved {g.share_achieved.value!s:>7} % absorption {g.absorption.value!s:>7} %")

    # -- quarterly roll-up and proposals (cl. 234-238) ---------------------------------------------------

    def do_quarterly(self, document, year, user, o):
        from jospar.monitoring import quarterly as qr

        if document.type != "ndp":
            raise sv.MonitoringRefused(f"{document.code} is reported once a year: only the National Development "
                                       "Plan is monitored every quarter (cl. 234).")
        rollup = qr.load(document, year)

        def pct(c):
            return "-" if c is None or c.value is None else f"{c.value}"

        self.stdout.write(f"{document.code} {year}: achievement per quarter, % (indicators with a quarterly plan; "
                          "cl. 234-237)")
        self.stdout.write(f"{'body / indicator':<28}" + "".join(f"{'Q' + str(q):>22}" for q in qr.QUARTERS))
        for g in rollup.groups:
            label = g.key[0] if g.key else "(not assigned)"
            self.stdout.write(f"{label:<28}" + "".join(
                f"{pct(g.summaries[q].average) + ' mean, ' + str(g.summaries[q].achieved) + '/' + str(g.summaries[q].planned):>22}"
                for q in qr.QUARTERS))
            for r in g.rows:
                self.stdout.write(f"  {r.indicator.code:<26}" + "".join(
                    f"{pct(r.cells[q].achievement) + ' ' + r.cells[q].source:>22}" if r.cells[q].plan is not None
                    else f"{'-':>22}" for q in qr.QUARTERS))
        self.stdout.write(f"{'whole Plan':<28}" + "".join(
            f"{pct(rollup.totals[q].average) + ' mean, ' + str(rollup.totals[q].achieved) + '/' + str(rollup.totals[q].planned):>22}"
            for q in qr.QUARTERS))

    def do_propose(self, document, year, user, o):
        import json

        from jospar.monitoring import proposals as pr

        if not o.get("quarter"):
            raise CommandError("give --quarter 1-4: the proposals follow a quarter (cl. 238)")
        period = sv.get_period(document, year, o["quarter"])
        data = None
        if o.get("file"):
            try:
                data = json.loads(self._read(o["file"]))
            except ValueError as exc:
                raise CommandError(f"{o['file']}: not JSON: {exc}") from None
            if not isinstance(data, dict):
                raise CommandError(f"{o['file']}: expected an object with lines, summary, analytical_centre_info")
        elif o.get("suggest"):
            data = {"lines": [{"indicator": x.indicator, "addressee": x.addressee, "risk": x.risk,
                               "action": "(to be written)"} for x in pr.suggested_lines(period)]}
        proposal = pr.proposal_of(period)
        if data is not None:
            proposal = pr.do_save_proposal(period, data, acting_user=user, reason=o.get("reason", ""))
            self.stdout.write(f"{period}: draft proposals saved, {proposal.lines.count()} line(s)")
        if o.get("send"):
            if proposal is None:
                raise CommandError("nothing to send: save the proposals first (--file or --suggest)")
            proposal = pr.do_send_proposal(proposal, acting_user=user, reason=o.get("reason", ""))
            self.stdout.write(f"{period}: sent to {proposal.recipient.code} by {user.username} "
                              f"(cl. 238), SHA-256 {proposal.content_hash[:16]}...")
        if proposal is None:
            self.stdout.write(f"{period}: no proposals yet")
