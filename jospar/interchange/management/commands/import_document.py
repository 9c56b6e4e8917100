"""jospar import FILE [FILE ...]: all-or-nothing import of documents in the JSON interchange format."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from jospar.interchange.services import ImportRejected, do_import_document, parse_payload


class Command(BaseCommand):
    help = "Import documents from JSON files (format jospar.document/1). Nothing is written if any file is bad."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="JSON files, or - for standard input")
        parser.add_argument("--reason", default="", help="why: kept in the history of every changed item")
        parser.add_argument("--json", action="store_true", help="print problems as JSON")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--lang", choices=("kk", "ru", "en"), default="kk", help="language of the problems")

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            self._handle(options)

    def _handle(self, options):
        problems = []
        results = []
        try:
            with transaction.atomic():
                for name in options["files"]:
                    raw = sys.stdin.buffer.read() if name == "-" else self._read(name)
                    try:
                        payload = parse_payload(raw)
                        result = do_import_document(
                            payload, reason=options["reason"] or f"import of {Path(name).name}"
                        )
                        results.append((name, result))
                    except ImportRejected as exc:
                        problems.extend((name, p) for p in exc.problems)
                if problems or options["dry_run"]:
                    raise _Rollback
        except _Rollback:
            pass
        if problems:
            if options["json"]:
                self.stdout.write(json.dumps(
                    [{"file": f, **p.as_dict()} for f, p in problems], ensure_ascii=False, indent=2, default=str
                ))
            else:
                for f, p in problems:
                    self.stderr.write(f"{f}: {p}")
            raise CommandError(f"{len(problems)} problem(s); nothing was written")
        for name, result in results:
            verb = "created" if result.created else ("updated" if result.changed else "unchanged")
            detail = ", ".join(f"{n} {k}" for k, n in sorted(result.changes.items()))
            prefix = "(dry run) " if options["dry_run"] else ""
            self.stdout.write(f"{prefix}{name}: {result.document.code} {verb}" + (f" ({detail})" if detail else ""))

    def _read(self, name: str) -> bytes:
        try:
            return Path(name).read_bytes()
        except OSError as exc:
            raise CommandError(f"{name}: cannot read: {exc.strerror}") from None


class _Rollback(Exception):
    pass
