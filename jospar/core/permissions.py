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
    monitoring.edit_report     obj = Organization (the reporting body: its draft report lines, ch. 4)
    monitoring.sign_report     obj = Organization (cl. 231: the first head signs and submits)
    monitoring.view_submission obj = Submission  (W1: the reporter; its recipient and the authorized
                                                  bodies once it is submitted)
    monitoring.decide_submission obj = Submission (accept, return, reopen: the writers of its recipient)
    evaluation.view_draft_conclusion              (W2: a draft conclusion is for the authorized bodies)
    monitoring.propose_operational                (cl. 238: the writers of the authorized body for strategic
                                                  planning draft and send the operational proposals)
    analysis.review_risk       obj = Risk        (the developer, or the body responsible for the risk, cl. 204)

These predicates are the only write-permission helpers: the editor pages (`planning.services`), the API,
the analysis services and the forms pages all use them. `why_not_editable` turns them into the sentence
a page shows.

The organizations of a user are read once per user object and kept on it.
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext as _

from jospar.planning.choices import DocumentStatus

from .models import Role

WRITING_ROLES = (Role.PLANNER, Role.HEAD, Role.ADMIN)
# cl. 205-214: a document is edited while it is a draft or under agreement; once approved it changes only by a
# correction that makes a new version.
EDITABLE_STATUSES = (DocumentStatus.DRAFT, DocumentStatus.UNDER_AGREEMENT)


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
    return {org for org, role, _auth in _memberships(user) if role in WRITING_ROLES}


def organization_ids(user) -> set[int]:
    """The organizations of which this user is a member, in any role."""
    return {org for org, _role, _auth in _memberships(user)}


def head_organization_ids(user) -> set[int]:
    """The organizations whose first head (role head) this user is (cl. 231: the first head signs)."""
    return {org for org, role, _auth in _memberships(user) if role == Role.HEAD}


@rules.predicate
def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) and bool(getattr(user, "is_active", False))


@rules.predicate
def is_authorized_body_member(user) -> bool:
    return any(authority for _org, _role, authority in _memberships(user))


@rules.predicate
def is_authorized_body_writer(user) -> bool:
    return any(authority and role in WRITING_ROLES for _org, role, authority in _memberships(user))


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


@rules.predicate
def heads_organization(user, organization) -> bool:
    return organization is not None and organization.pk in head_organization_ids(user)


@rules.predicate
def is_editable_document(user, document) -> bool:
    """cl. 205-214: only a draft or a document under agreement is edited in place."""
    return document is not None and document.status in EDITABLE_STATUSES


@rules.predicate
def is_submission_reporter(user, submission) -> bool:
    return submission is not None and submission.organization_id in organization_ids(user)


@rules.predicate
def is_submitted(user, submission) -> bool:
    """A submission that left the draft: its recipient and the authorized bodies may read it (W1)."""
    return submission is not None and submission.status != "draft"


@rules.predicate
def is_submission_recipient(user, submission) -> bool:
    return submission is not None and submission.recipient_id in organization_ids(user)


@rules.predicate
def writes_for_recipient(user, submission) -> bool:
    return submission is not None and submission.recipient_id in writing_organization_ids(user)


@rules.predicate
def is_strategic_planning_writer(user) -> bool:
    """A writer of the authorized body for strategic planning (cl. 238: it sends the operational proposals)."""
    return any(authority == "strategic_planning" and role in WRITING_ROLES for _org, role, authority in _memberships(user))


@rules.predicate
def writes_for_risk(user, risk) -> bool:
    """The developer of the document, or the body responsible for the risk (cl. 201, 204)."""
    if risk is None:
        return False
    orgs = writing_organization_ids(user)
    return risk.document.developer_id in orgs or risk.owner_id in orgs


rules.add_perm("planning.add_document", is_superuser | writes_for_organization)
rules.add_perm("planning.change_document", is_superuser | writes_for_developer)
rules.add_perm("planning.change_indicator", is_superuser | writes_for_indicator)
rules.add_perm("planning.change_measure", is_superuser | writes_for_measure)
rules.add_perm("planning.review_document", is_superuser | is_authorized_body_writer)
rules.add_perm("planning.edit_document", (is_superuser | writes_for_developer) & is_editable_document)
rules.add_perm("monitoring.edit_report", is_superuser | writes_for_organization)
rules.add_perm("monitoring.sign_report", is_superuser | heads_organization)
rules.add_perm("monitoring.view_submission", is_superuser | is_submission_reporter
               | (is_submitted & (is_submission_recipient | is_authorized_body_member)))
rules.add_perm("monitoring.decide_submission", is_superuser | writes_for_recipient)
rules.add_perm("evaluation.view_draft_conclusion", is_superuser | is_authorized_body_member)
rules.add_perm("analysis.review_risk", is_superuser | writes_for_risk)
rules.add_perm("monitoring.propose_operational", is_superuser | is_strategic_planning_writer)


def why_not_editable(user, document) -> str | None:
    """None when the user may edit the document in place; otherwise the reason, for a page or an API to show."""
    if not getattr(user, "is_authenticated", False):
        return str(_("Log in to edit documents."))
    if not is_editable_document(user, document):
        return str(_("An approved document changes only by a correction that makes a new version (cl. 205-214)."))
    if user.has_perm("planning.change_document", document):
        return None
    return str(_("Only the planners of the developer may edit this document."))
