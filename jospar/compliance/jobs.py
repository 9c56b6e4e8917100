"""Background check of many documents with the compliance rules (a job with progress)."""

from __future__ import annotations

from jospar.core.jobs import register
from jospar.planning.access import visible_documents

from .services import check_documents


@register("check_documents")
def check_documents_job(job, progress):
    documents = list(visible_documents(job.created_by).order_by("type", "code"))
    rows = []
    for n, (document, report) in enumerate(zip(documents, check_documents(documents), strict=True), start=1):
        rows.append({"document": document.code, "errors": len(report.errors), "warnings": len(report.warnings)})
        progress(int(n * 100 / max(1, len(documents))), f"{n} / {len(documents)}: {document.code}")
    return {"documents": rows}
