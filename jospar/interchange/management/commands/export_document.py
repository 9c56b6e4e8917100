"""jospar export CODE: one document as JSON (format jospar.document/1)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jospar.interchange.services import export_json
from jospar.planning.models import Document


class Command(BaseCommand):
    help = "Export a document with all its items to JSON."

    def add_arguments(self, parser):
        parser.add_argument("code", help="document code")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, code, output=None, **options):
        document = Document.objects.filter(code=code).first()
        if document is None:
            raise CommandError(f"no document with code {code!r}")
        text = export_json(document)
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"{code} written to {output}")
        else:
            self.stdout.write(text)
