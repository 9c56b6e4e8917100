"""(b) The compliance check of every document (`jospar.compliance.services.check_document`). Target: <= 5 s."""

from __future__ import annotations

from bench.harness import Context, NotAvailable, Result, document_floor_sql, raw_rows, timed

TITLE = "compliance check of every document"


def run(ctx: Context) -> list[Result]:
    from jospar.compliance import services  # being built: probe
    from jospar.planning.models import Document

    check = getattr(services, "check_document", None)
    if not callable(check):
        raise NotAvailable("jospar.compliance.services.check_document is missing")
    documents = list(Document.objects.all())
    floor, _ = timed(lambda: raw_rows(document_floor_sql([d.pk for d in documents])), 1 if ctx.quick else 3)

    def go():
        return sum(len(check(d).findings) for d in documents)

    seconds, findings = timed(go, 1)
    return [Result("compliance", f"check_document x {len(documents)} documents", seconds, floor=floor, target=5.0,
                   note=f"{findings:,} findings")]
