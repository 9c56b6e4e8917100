"""jospar form-import FILE --organization CODE [--dry-run] [--user USERNAME] [--reason TEXT]

Checks every cell of a filled-in workbook, prints what would change, then writes all or nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jospar.annexes.roundtrip import WorkbookRejected, do_apply_workbook
from jospar.core.models import Organization, User


class Command(BaseCommand):
    help = "Import the facts of a filled-in report workbook (Annex 10, 12, 13, 14) of a co-executor."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organization", required=True)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--user", help="username recorded in the history")
        parser.add_argument("--reason", default="")

    def handle(self, *args, **o):
        path = Path(o["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        org = Organization.objects.filter(code=o["organization"]).first()
        if org is None:
            raise CommandError(f"No organization with code {o['organization']!r}.")
        user = None
        if o["user"]:
            user = User.objects.filter(username=o["user"]).first()
            if user is None:
                raise CommandError(f"No user {o['user']!r}.")
        try:
            result = do_apply_workbook(path.read_bytes(), organization=org, acting_user=user,
                                       reason=o["reason"] or f"workbook {path.name}", dry_run=o["dry_run"])
        except WorkbookRejected as exc:
            for p in exc.problems:
                self.stderr.write(str(p))
            raise CommandError(f"{len(exc.problems)} problem(s): nothing was written.") from exc
        for c in result.changes:
            self.stdout.write(str(c))
        verb = "would change" if o["dry_run"] else "changed"
        self.stdout.write(f"{len(result.changes)} value(s) {verb}" + (" (dry run: nothing written)."
                                                                      if o["dry_run"] else "."))
