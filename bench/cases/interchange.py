"""JSON export and import of the largest document (`jospar.interchange.services`)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count

from bench.harness import Context, Result, document_floor_sql, raw_rows, timed

TITLE = "JSON export/import of the largest document"


class _Rollback(Exception):
    pass


def run(ctx: Context) -> list[Result]:
    from jospar.interchange.services import do_import_document, export_json, parse_payload
    from jospar.planning.models import Document

    document = Document.objects.annotate(n=Count("indicators")).order_by("-n", "code").first()
    floor, _ = timed(lambda: raw_rows(document_floor_sql([document.pk])), 1 if ctx.quick else 3)
    seconds, text = timed(lambda: export_json(document), 1 if ctx.quick else 2)
    out = [Result("interchange", f"export_json {document.code} ({document.n:,} indicators)", seconds, floor=floor,
                  note=f"{len(text) / 1024 / 1024:,.1f} MB")]
    payload = parse_payload(text)
    seconds, result = timed(lambda: do_import_document(payload, reason="benchmark"), 1)
    out.append(Result("interchange", "import of the same JSON (nothing changes)", seconds, floor=floor,
                      note=f"{result.changed} changes"))

    copy = text.replace(f'"{document.code}:', f'"{document.code}-copy:').replace(
        f'"code": "{document.code}"', f'"code": "{document.code}-copy"', 1)

    def as_new():
        try:
            with transaction.atomic():
                do_import_document(parse_payload(copy), reason="benchmark")
                raise _Rollback
        except _Rollback:
            pass

    seconds, _ = timed(as_new, 1)
    out.append(Result("interchange", "import as a new document (rolled back)", seconds, floor=floor))
    return out
