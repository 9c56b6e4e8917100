"""jospar form ANNEX --document CODE --year YEAR --format xlsx|docx|pdf --lang kk|ru|en [-o FILE]

Also: --organization CODE (the workbook of a co-executor's part), --public (the version for publication,
cl. 231-233), --package (the zip for publication of the document's report).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jospar.annexes.services import (
    ANNEXES,
    FORMATS,
    FormError,
    build_form,
    build_public_package,
    file_name,
    render,
)
from jospar.core.models import Organization
from jospar.planning.models import Document


class Command(BaseCommand):
    help = "Produce an official form (Annexes 1-14) of a document as xlsx, docx or pdf."

    def add_arguments(self, parser):
        parser.add_argument("annex", help=f"one of: {', '.join(ANNEXES)}, or 'package'")
        parser.add_argument("--document", required=True)
        parser.add_argument("--year", type=int)
        parser.add_argument("--format", default="xlsx", choices=FORMATS)
        parser.add_argument("--lang", default="kk", choices=("kk", "ru", "en"))
        parser.add_argument("--organization", help="the co-executor whose part of the report to produce")
        parser.add_argument("--public", action="store_true", help="leave out restricted information (cl. 231-233)")
        parser.add_argument("-o", "--output")

    def handle(self, *args, **o):
        document = Document.objects.filter(code=o["document"]).select_related("developer", "territory").first()
        if document is None:
            raise CommandError(f"No document with code {o['document']!r}.")
        org = None
        if o["organization"]:
            org = Organization.objects.filter(code=o["organization"]).first()
            if org is None:
                raise CommandError(f"No organization with code {o['organization']!r}.")
        try:
            if o["annex"] == "package":
                year = o["year"] or document.period_start
                data = build_public_package(document, year, o["lang"])
                name = f"report-package_{document.code}_{year}_{o['lang']}.zip"
            else:
                form = build_form(document, o["annex"], year=o["year"], lang=o["lang"], organization=org,
                                  public=o["public"])
                data = render(form, o["format"])
                name = file_name(form, o["format"])
        except FormError as exc:
            raise CommandError(str(exc)) from exc
        path = Path(o["output"] or name)
        path.write_bytes(data)
        self.stdout.write(f"{path} ({len(data):,} bytes)")
