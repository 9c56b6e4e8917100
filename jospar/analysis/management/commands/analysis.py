"""jospar analysis show DOCUMENT [--lang kk|ru|en] [--as USER]: the analysis stage and the risk register.

Prints the data years and sources (cl. 8-9), the factors (cl. 10-15), the SWOT analysis (cl. 17-20), the
problem tree by level (cl. 26-27), the key problems with their goals (cl. 23, 28, 30) and the risks with
their reviews (cl. 198-204). With --as, the document is read with that user's rights.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from jospar.analysis.render import render_analysis
from jospar.core.models import User
from jospar.planning.access import access_document_by_code
from jospar.planning.models import Document


class Command(BaseCommand):
    help = "The analysis stage and the risk register of a document: jospar analysis show DOCUMENT."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="print factors, SWOT, the problem tree, key problems and risks")
        show.add_argument("document")
        show.add_argument("--lang", choices=("kk", "ru", "en"), default="kk")
        show.add_argument("--as", dest="username", help="read with the rights of this user")

    def handle(self, *args, **o):
        code = o["document"]
        if o.get("username"):
            user = User.objects.filter(username=o["username"], is_active=True).first()
            if user is None:
                raise CommandError(f"--as {o['username']}: no such active user")
            try:
                document = access_document_by_code(user, code)
            except Http404:
                raise CommandError(f"{code}: no such document") from None
        else:
            document = Document.objects.filter(code=code).first()
            if document is None:
                raise CommandError(f"{code}: no such document")
        self.stdout.write(render_analysis(document, o["lang"]), ending="")
