"""Who may see which documents: the one permission-aware queryset used by pages, API, CLI and exports.

- the public (anonymous) sees open documents that are approved, in force, completed or under public
  discussion (cl. 74, 231-233);
- a member of an organization also sees every document its organization develops or co-executes;
- a member of an authorized body (state, strategic, budget planning, statistics) and a superuser see all.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from .choices import Confidentiality, DocumentStatus
from .models import Document

PUBLIC_STATUSES = (
    DocumentStatus.PUBLIC_DISCUSSION,
    DocumentStatus.APPROVED,
    DocumentStatus.IN_FORCE,
    DocumentStatus.COMPLETED,
)


def public_documents() -> QuerySet[Document]:
    return Document.objects.filter(status__in=PUBLIC_STATUSES, confidentiality=Confidentiality.OPEN)


def user_organization_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(user.memberships.values_list("organization_id", flat=True))


def sees_everything(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.memberships.exclude(organization__authority="").exists()


def visible_documents(user) -> QuerySet[Document]:
    if sees_everything(user):
        return Document.objects.all()
    public = Q(status__in=PUBLIC_STATUSES, confidentiality=Confidentiality.OPEN)
    orgs = user_organization_ids(user)
    if not orgs:
        return Document.objects.filter(public)
    own = Q(developer_id__in=orgs) | Q(co_executors__in=orgs)
    return Document.objects.filter(public | own).distinct()


def access_document_by_code(user, code: str) -> Document:
    """The document with this code if the user may see it; otherwise 404, as if it did not exist."""
    try:
        return visible_documents(user).select_related("developer", "territory").get(code=code)
    except Document.DoesNotExist:
        raise Http404("No such document") from None
