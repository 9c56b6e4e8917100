"""`jospar restore FILE`: load a backup written by `jospar backup` into a migrated database.

The database must hold no documents and no users (reference data may be there: the backup's rows replace
it). Everything is loaded in one transaction: a broken file writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from jospar.core.models import User
from jospar.planning.models import Document

from .backup import check_suffix


class Command(BaseCommand):
    help = "Load a backup written by `jospar backup FILE` into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--force", action="store_true",
                            help="load even though documents or users exist (rows with the same ids are replaced)")

    def handle(self, *args, file: str, force: bool = False, **options):
        check_suffix(file)
        if not Path(file).is_file():
            raise CommandError(f"{file}: no such file")
        if not force and (Document.objects.exists() or User.objects.exists()):
            raise CommandError(
                f"The database already holds {Document.objects.count()} document(s) and {User.objects.count()} "
                "user(s): restore into an empty database (`jospar migrate` on a new one), or pass --force."
            )
        try:
            # The history comes from the backup itself: setting many-to-many relations while loading must
            # not add history rows of its own.
            with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
                call_command("loaddata", file, verbosity=0)
        except Exception as exc:  # loaddata wraps every problem of the file; nothing was written
            raise CommandError(f"{file}: not restored, nothing was written: {exc}") from exc
        self.stdout.write(f"Restored {file}: {Document.objects.count()} document(s), {User.objects.count()} user(s).")
