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


# ------------------------------------------------------------------------------------ confidentiality
#
# cl. 231-233 (and cl. 99, 123, 154): content "for official use" or "secret" is never published. A document
# that is restricted as a whole is already kept out of `visible_documents` for everyone but its own bodies
# and the authorized bodies. Inside a visible document, its restricted items (sections, indicators,
# measures) are shown only to the members of the developer, of the document's co-executors and of the
# authorized bodies (and to superusers): a member of any other organization, or the public, reading a
# published document sees only its open items. Pages, API and exports all use the functions below.

RESTRICTED = (Confidentiality.OFFICIAL_USE, Confidentiality.SECRET)


def sees_restricted_items(user, document: Document) -> bool:
    """May this user see the restricted (official use, secret) items of this document?"""
    if sees_everything(user):
        return True
    orgs = user_organization_ids(user)
    if not orgs:
        return False
    if document.developer_id in orgs:
        return True
    return document.co_executors.filter(pk__in=orgs).exists()


def documents_showing_restricted(user, document_ids) -> set[int]:
    """Of these documents, the ids of those whose restricted items this user may see (one query at most)."""
    ids = set(document_ids)
    if not ids or sees_everything(user):
        return ids
    orgs = user_organization_ids(user)
    if not orgs:
        return set()
    return set(Document.objects.filter(pk__in=ids).filter(Q(developer_id__in=orgs) | Q(co_executors__in=orgs))
               .values_list("pk", flat=True))


def visible_items(user, document: Document, queryset: QuerySet) -> QuerySet:
    """The items of `queryset` (with a `confidentiality` field) that this user may see in this document."""
    if sees_restricted_items(user, document):
        return queryset
    return queryset.filter(confidentiality=Confidentiality.OPEN)


def strip_restricted(payload, *, keep_restricted: bool, visible_document_codes=None):
    """The interchange payload of a document without what the reader may not see (cl. 231-233).

    Removes restricted sections, indicators and measures (and every reference to a removed indicator);
    when `visible_document_codes` is given, links to indicators of documents the reader cannot see go too.
    """
    # shallow: the lists and the items that change are replaced below, never changed in place (a deep copy of a
    # regional plan at national scale cost 1.1 s)
    data = payload.model_copy()
    if not keep_restricted:
        data.sections = [x for x in data.sections if x.confidentiality == Confidentiality.OPEN]
        data.indicators = [x for x in data.indicators if x.confidentiality == Confidentiality.OPEN]
        data.measures = [x for x in data.measures if x.confidentiality == Confidentiality.OPEN]
    kept = {i.code for i in data.indicators}
    measures = []
    for measure in data.measures:
        wanted = [c for c in measure.indicators if c in kept]
        measures.append(measure if wanted == measure.indicators else measure.model_copy(update={"indicators": wanted}))
    data.measures = measures
    indicators = []
    for ind in data.indicators:
        links = []
        for link in ind.parents:
            doc_code, ind_code = link.indicator.split(":", 1)
            if doc_code == data.code:
                if ind_code in kept:
                    links.append(link)
            elif visible_document_codes is None or doc_code in visible_document_codes:
                links.append(link)
        indicators.append(ind if links == ind.parents else ind.model_copy(update={"parents": links}))
    data.indicators = indicators
    if visible_document_codes is not None:
        data.implements = [c for c in data.implements if c in visible_document_codes]
        if data.previous_version and data.previous_version not in visible_document_codes:
            data.previous_version = None
    return data


def visible_payload(user, document: Document):
    """The document as an interchange payload, holding only what this user may see (for API and exports)."""
    from jospar.interchange.services import export_document  # interchange imports planning: import late

    from .models import Indicator

    payload = export_document(document)
    keep = sees_restricted_items(user, document)
    external = {link.indicator for ind in payload.indicators for link in ind.parents
                if not link.indicator.startswith(f"{document.code}:")}
    referenced = {ref.split(":", 1)[0] for ref in external} | set(payload.implements)
    if payload.previous_version:
        referenced.add(payload.previous_version)
    visible_codes = set(visible_documents(user).filter(code__in=referenced).values_list("code", flat=True))
    data = strip_restricted(payload, keep_restricted=keep, visible_document_codes=visible_codes)
    # A higher indicator that is restricted in its own document is shown only to who sees it there.
    hidden = set()
    for ind in Indicator.objects.filter(
        document__code__in=visible_codes, confidentiality__in=RESTRICTED
    ).select_related("document"):
        ref = f"{ind.document.code}:{ind.code}"
        if ref in external and not sees_restricted_items(user, ind.document):
            hidden.add(ref)
    if hidden:
        data.indicators = [ind.model_copy(update={"parents": [x for x in ind.parents if x.indicator not in hidden]})
                           for ind in data.indicators]
    return data
