"""jospar check DOCUMENT_CODE... | --all | --rules: check documents against the methodology.

Exits with status 1 when a checked document has an error (warnings do not fail). Without a document code,
`--all` or `--rules`, or when every argument is an app label, it is Django's system check, unchanged
(`jospar check`, `jospar check --deploy`).
"""

from __future__ import annotations

import json

from django.apps import apps
from django.core.management.base import CommandError
from django.core.management.commands.check import Command as SystemCheckCommand
from django.utils import translation
from django.utils.translation import gettext

from jospar.compliance.rules import REGISTRY
from jospar.compliance.services import check_documents, report_as_dict, report_as_text
from jospar.planning.models import Document


class Command(SystemCheckCommand):
    help = ("Check documents against the methodology (Order No. 93): jospar check CODE [--format text|json] "
            "[--lang kk|ru|en], jospar check --all, jospar check --rules. Without them: Django's system check.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--all", action="store_true", dest="all_documents", help="check every document")
        parser.add_argument("--rules", action="store_true", help="list the rules of the checker")
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument("--lang", choices=("kk", "ru", "en"), default="kk")

    def handle(self, *args, **options):
        labels = set(args)
        is_system = not options["all_documents"] and not options["rules"] and (
            not labels or all(_is_app_label(label) for label in labels))
        if is_system:
            return super().handle(*args, **options)
        lang = options["lang"]
        if options["rules"]:
            return self._list_rules(lang, options["format"])
        if options["all_documents"]:
            documents = list(Document.objects.order_by("type", "code"))
        else:
            found = {d.code: d for d in Document.objects.filter(code__in=labels)}
            unknown = sorted(labels - set(found))
            if unknown:
                raise CommandError(f"no document with code {', '.join(unknown)}")
            documents = [found[code] for code in args]
        reports = list(check_documents(documents))
        if options["format"] == "json":
            data = [report_as_dict(r, lang) for r in reports]
            self.stdout.write(json.dumps(data if len(data) != 1 or options["all_documents"] else data[0],
                                         ensure_ascii=False, indent=2))
        else:
            for report in reports:
                self.stdout.write(report_as_text(report, lang))
        if any(not r.ok for r in reports):
            raise SystemExit(1)

    def _list_rules(self, lang: str, fmt: str) -> None:
        with translation.override(lang):
            rows = [{"rule": r.id, "clause": r.clause, "severity": r.severity, "title": gettext(r.title),
                     "types": sorted(r.types) if r.types else []} for r in REGISTRY.values()]
        if fmt == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            types = ", ".join(row["types"]) or "*"
            self.stdout.write(f"{row['rule']:<8} {row['severity']:<8} {row['clause']:<32} [{types}] {row['title']}")


def _is_app_label(label: str) -> bool:
    try:
        apps.get_app_config(label)
    except LookupError:
        return False
    return True
