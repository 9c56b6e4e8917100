"""Who may write what: `rules` predicates and the permissions built from them (SPEC part 1 §15, §19).

Reading is decided by `jospar.planning.access` (visible documents, restricted items, cl. 231-233). Writing:

- a body writes only its own documents: members with a writing role (planner, head, organization
  administrator) of the developer may replace the document and change any of its items;
- a co-executor writes only its own parts: the indicators and measures for which its organization is the
  responsible body or a co-executor (facts, reasons, corrected plans, absorbed money) (cl. 42, 55);
- the authorized bodies (state, strategic, budget planning, statistics) read everything and review
  (accept or return) what is submitted to them; they write only their own documents;
- viewers never write; a superuser may do everything.

Permissions, checked with `user.has_perm(name, obj)` (rules' ObjectPermissionBackend is configured):

    planning.add_document      obj = the developer Organization of the new document
    planning.change_document   obj = Document
    planning.change_indicator  obj = Indicator   (its values: fact, reason, corrected plan)
    planning.change_measure    obj = Measure     (its financing: absorbed, reason)
    planning.review_document   obj = Document    (accept or return a submission, ch. 4)

The organizations of a user are read once per user object and kept on it.
"""

from __future__ import annotations

import rules

from .models import Role

WRITING_ROLES = (Role.PLANNER, Role.HEAD, Role.ADMIN)


def _memberships(user) -> list[tuple[int, str, str]]:
    """(organization id, role, authority of the organization) of every membership, cached on the user."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_jospar_memberships", None)
    if cached is None:
        cached = list(user.memberships.values_list("organization_id", "role", "organization__authority"))
        user._jospar_memberships = cached
    return cached


def writing_organization_ids(user) -> set[int]:
    """The organizations in which this user holds a writing role."""
    return {org for org, role, _ in _memberships(user) if role in WRITING_ROLES}


@rules.predicate
def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) and bool(getattr(user, "is_active", False))


@rules.predicate
def is_authorized_body_member(user) -> bool:
    return any(authority for _, _, authority in _memberships(user))


@rules.predicate
def is_authorized_body_writer(user) -> bool:
    return any(authority and role in WRITING_ROLES for _, role, authority in _memberships(user))


@rules.predicate
def writes_for_organization(user, organization) -> bool:
    return organization is not None and organization.pk in writing_organization_ids(user)


@rules.predicate
def writes_for_developer(user, document) -> bool:
    return document is not None and document.developer_id in writing_organization_ids(user)


def _writes_for_part(user, item, through_co_executors) -> bool:
    orgs = writing_organization_ids(user)
    if not orgs or item is None:
        return False
    if item.document.developer_id in orgs or item.responsible_id in orgs:
        return True
    return through_co_executors(item).filter(pk__in=orgs).exists()


@rules.predicate
def writes_for_indicator(user, indicator) -> bool:
    """Developer, responsible body or a co-executor of the indicator (cl. 42, 55; Annex 1-1 row 5)."""
    return _writes_for_part(user, indicator, lambda i: i.co_executors)


@rules.predicate
def writes_for_measure(user, measure) -> bool:
    """Developer, responsible executor or a co-executor of the measure."""
    return _writes_for_part(user, measure, lambda m: m.co_executors)


rules.add_perm("planning.add_document", is_superuser | writes_for_organization)
rules.add_perm("planning.change_document", is_superuser | writes_for_developer)
rules.add_perm("planning.change_indicator", is_superuser | writes_for_indicator)
rules.add_perm("planning.change_measure", is_superuser | writes_for_measure)
rules.add_perm("planning.review_document", is_superuser | is_authorized_body_writer)
