"""Background import of a JSON document uploaded on the web (a job with progress)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from jospar.core.jobs import JobFailed, register
from jospar.planning.models import Document
from jospar.planning.services import editor_organization_ids, why_not_editable

from .services import ImportRejected, check_references, do_import_document, parse_payload


def _refused(count: int) -> str:
    return _("%(count)s problem(s); nothing was written") % {"count": count}


@register("import_document")
def import_document_job(job, progress):
    progress(5, _("reading the file"))
    try:
        payload = parse_payload(job.input_text)
    except ImportRejected as exc:
        raise JobFailed(_refused(len(exc.problems)), [p.as_dict() for p in exc.problems]) from None
    user = job.created_by
    existing = Document.objects.filter(code=payload.code).select_related("developer").first()
    if not user.is_superuser:
        if existing is not None and why_not_editable(user, existing):
            raise JobFailed(why_not_editable(user, existing))
        if payload.developer not in set(
            user.memberships.filter(organization_id__in=editor_organization_ids(user))
            .values_list("organization__code", flat=True)
        ):
            raise JobFailed(_("You can import documents only for your own organization."))
    progress(30, _("checking references"))
    problems = check_references(payload)
    if problems:
        raise JobFailed(_refused(len(problems)), [p.as_dict() for p in problems])
    if job.params.get("dry_run"):
        return {"document": payload.code, "dry_run": True, "message": _("The file is valid; nothing was written.")}
    progress(50, _("writing"))
    try:
        result = do_import_document(payload, acting_user=user, reason=job.params.get("reason") or "web import")
    except ImportRejected as exc:
        raise JobFailed(_refused(len(exc.problems)), [p.as_dict() for p in exc.problems]) from None
    return {"document": result.document.code, "created": result.created, "changes": dict(result.changes)}
