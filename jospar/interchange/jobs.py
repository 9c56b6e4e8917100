"""Background import of a JSON document uploaded on the web (a job with progress)."""

from __future__ import annotations

from jospar.core.jobs import JobFailed, register
from jospar.planning.models import Document
from jospar.planning.services import editor_organization_ids, why_not_editable

from .services import ImportRejected, check_references, do_import_document, parse_payload


@register("import_document")
def import_document_job(job, progress):
    progress(5, "reading the file")
    try:
        payload = parse_payload(job.input_text)
    except ImportRejected as exc:
        raise JobFailed(f"{len(exc.problems)} problem(s); nothing was written",
                        [p.as_dict() for p in exc.problems]) from None
    user = job.created_by
    existing = Document.objects.filter(code=payload.code).select_related("developer").first()
    if not user.is_superuser:
        if existing is not None and why_not_editable(user, existing):
            raise JobFailed(why_not_editable(user, existing))
        if payload.developer not in set(
            user.memberships.filter(organization_id__in=editor_organization_ids(user))
            .values_list("organization__code", flat=True)
        ):
            raise JobFailed("You can import documents only for your own organization.")
    progress(30, "checking references")
    problems = check_references(payload)
    if problems:
        raise JobFailed(f"{len(problems)} problem(s); nothing was written", [p.as_dict() for p in problems])
    if job.params.get("dry_run"):
        return {"document": payload.code, "dry_run": True, "message": "The file is valid; nothing was written."}
    progress(50, "writing")
    try:
        result = do_import_document(payload, acting_user=user, reason=job.params.get("reason") or "web import")
    except ImportRejected as exc:
        raise JobFailed(f"{len(exc.problems)} problem(s); nothing was written",
                        [p.as_dict() for p in exc.problems]) from None
    return {"document": result.document.code, "created": result.created, "changes": dict(result.changes)}
