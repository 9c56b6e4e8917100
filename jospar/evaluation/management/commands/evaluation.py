"""jospar evaluation ACTION ...: the conclusion of ch. 5 (cl. 270-271, Annex 11).

  jospar evaluation conclude DOCUMENT YEAR --as USER [--final] [--position-file F] [--conclusions-file F]
  jospar evaluation show DOCUMENT YEAR [--final] [--json]
  jospar evaluation issue DOCUMENT YEAR --as HEAD [--final]
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jospar.core.models import User
from jospar.evaluation.models import Conclusion
from jospar.evaluation.render import render_conclusion
from jospar.evaluation.services import do_draft_conclusion, do_issue_conclusion, do_write_conclusion
from jospar.monitoring.services import MonitoringRefused
from jospar.planning.models import Document


class Command(BaseCommand):
    help = "Evaluation and control: the five criteria of cl. 271 and the conclusion (Annex 11)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("conclude", "show", "issue"):
            p = sub.add_parser(name)
            p.add_argument("document")
            p.add_argument("year", type=int)
            p.add_argument("--final", action="store_true", help="final report over the whole period (cl. 230)")
            p.add_argument("--as", dest="username", required=name != "show")
            p.add_argument("--reason", default="")
            if name == "conclude":
                p.add_argument("--position-file", help="text of item 6 (position), UTF-8")
                p.add_argument("--conclusions-file", help="text of item 7 (conclusions and proposals), UTF-8")
            if name == "show":
                p.add_argument("--json", action="store_true")

    def handle(self, *args, **o):
        document = Document.objects.filter(code=o["document"]).select_related("developer").first()
        if document is None:
            raise CommandError(f"{o['document']}: no such document")
        user = None
        if o.get("username"):
            user = User.objects.filter(username=o["username"], is_active=True).first()
            if user is None:
                raise CommandError(f"--as {o['username']}: no such active user")
        try:
            if o["action"] == "conclude":
                c = do_draft_conclusion(document, o["year"], acting_user=user, final=o["final"], reason=o["reason"])
                texts = {k: self._read(o[f"{k}_file"]) for k in ("position", "conclusions") if o.get(f"{k}_file")}
                if texts:
                    c = do_write_conclusion(c, acting_user=user, reason=o["reason"], **texts)
            else:
                c = Conclusion.objects.filter(document=document, year=o["year"], final=o["final"]).first()
                if c is None:
                    raise CommandError(f"no conclusion on {document.code} {o['year']}; run `jospar evaluation conclude`")
                if o["action"] == "issue":
                    c = do_issue_conclusion(c, acting_user=user, reason=o["reason"])
        except MonitoringRefused as exc:
            for p in exc.problems:
                self.stderr.write(f"  {p}")
            raise CommandError(f"refused ({len(exc.problems)} problem(s)); nothing was written") from None
        if o.get("json"):
            self.stdout.write(json.dumps({"document": document.code, "year": c.year, "final": c.final,
                                          "status": c.status, "criteria": c.criteria, "position": c.position,
                                          "conclusions": c.conclusions}, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_conclusion(c))

    def _read(self, name):
        try:
            return Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{name}: cannot read: {exc}") from None
