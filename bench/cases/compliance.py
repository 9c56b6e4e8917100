"""(b) The compliance check of every document (`jospar.compliance.services.check_documents`, or
`check_document` one by one where it does not exist). Target: <= 5 s."""

from __future__ import annotations

import time

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

    many = getattr(services, "check_documents", None)  # issue 7: exports in batches

    def go():
        if many is None:
            return sum(len(check(d).findings) for d in documents)
        return sum(len(r.findings) for r in many(documents))

    cpu = time.process_time()
    seconds, findings = timed(go, 1)
    cpu = time.process_time() - cpu
    name = "check_documents" if many else "check_document x"
    return [Result("compliance", f"{name} {len(documents)} documents", seconds, floor=floor, target=5.0,
                   note=f"{findings:,} findings, {cpu:.1f} s CPU", extra={"cpu_seconds": round(cpu, 2)})]
