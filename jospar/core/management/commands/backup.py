"""`jospar backup FILE`: every row of the Jospar apps (with their history) into one JSON fixture.

FILE ends in .json, .json.gz, .json.bz2 or .json.xz (compressed as its name says). Organizations,
territories, documents, items, users and memberships, API tokens (hashes only), and the history of every
change are written; `jospar restore FILE` loads them back into an empty, migrated database.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

SUFFIXES = (".json", ".json.gz", ".json.bz2", ".json.xz")


def backup_labels() -> list[str]:
    """The apps written to a backup: every Jospar app with models, and the groups of users."""
    labels = [c.label for c in apps.get_app_configs() if c.name.startswith("jospar.") and list(c.get_models())]
    return ["auth.group", *labels]


def check_suffix(path: str) -> None:
    if not path.endswith(SUFFIXES):
        raise CommandError(f"{path}: the file name must end in one of {', '.join(SUFFIXES)}")


class Command(BaseCommand):
    help = "Write every Jospar row (with the history) to FILE (.json, .json.gz, .json.bz2, .json.xz)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        check_suffix(file)
        target = Path(file)
        if not target.parent.exists():
            raise CommandError(f"{target.parent}: no such directory")
        call_command("dumpdata", *backup_labels(), natural_foreign=True, natural_primary=True,
                     output=str(target), verbosity=0)
        if file.endswith(".json"):
            rows = json.loads(target.read_text(encoding="utf-8"))
            summary = f"{len(rows)} rows"
        else:
            summary = f"{target.stat().st_size} bytes"
        self.stdout.write(f"Backup written to {target}: {summary} of {', '.join(backup_labels())}.")
