"""Writes to planning documents from the web pages: who may change what, and one transaction per change.

A document is edited while it is a draft or under agreement by its developer's planners, first head and
organization administrators. Once approved it changes only through a correction (cl. 205-214), which
makes a new version.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from jospar.core.history import stamp as _stamp
from jospar.core.permissions import (
    EDITABLE_STATUSES,
    WRITING_ROLES,
    why_not_editable,
    writing_organization_ids,
)

from .choices import DocumentStatus
from .models import Document

__all__ = ["EDITABLE_STATUSES", "EDITOR_ROLES", "EditConflict", "NotAllowed", "can_change_document",
           "current_version", "do_answer_proposal", "do_create_document", "do_delete_item", "do_save_item",
           "do_submit_proposal", "editor_organization_ids", "why_not_editable"]

# One set of write permissions for the editor and the API: the `rules` predicates of jospar.core.permissions.
EDITOR_ROLES = WRITING_ROLES


class NotAllowed(Exception):
    """The user may not make this change; the message says why."""


class EditConflict(Exception):
    """Someone saved the item after this user opened it."""

    def __init__(self, current_version: int | None):
        self.current_version = current_version
        super().__init__("edit conflict")


def editor_organization_ids(user) -> set[int]:
    """The organizations in which the user plans (planner, first head, administrator)."""
    return writing_organization_ids(user)


def can_change_document(user, document: Document) -> bool:
    return why_not_editable(user, document) is None


def current_version(obj: Model) -> int | None:
    """The id of the item's latest history record: the version a form was opened at."""
    if obj.pk is None or not hasattr(obj, "history"):
        return None
    return obj.history.order_by("-history_id").values_list("history_id", flat=True).first()


def do_save_item(
    obj: Model,
    *,
    document: Document,
    acting_user,
    reason: str = "",
    opened_version: int | None = None,
    formsets: tuple = (),
    m2m: dict[str, Any] | None = None,
) -> Model:
    """Save one item of a document (and its inline rows) after checking the right and the version."""
    why = why_not_editable(acting_user, document)
    if why:
        raise NotAllowed(why)
    with transaction.atomic():
        if obj.pk is not None:
            locked = type(obj).objects.select_for_update().filter(pk=obj.pk).first()
            if locked is None:
                raise EditConflict(None)
            latest = current_version(obj)
            if opened_version is not None and latest != opened_version:
                raise EditConflict(latest)
        _stamp(obj, acting_user, reason)
        obj.save()
        for name, targets in (m2m or {}).items():
            getattr(obj, name).set(targets)
        for formset in formsets:
            formset.instance = obj
            rows = formset.save(commit=False)
            for row in rows:
                _stamp(row, acting_user, reason)
                row.save()
            for row in formset.deleted_objects:
                _stamp(row, acting_user, reason)
                row.delete()
    return obj


def do_delete_item(obj: Model, *, document: Document, acting_user, reason: str = "") -> None:
    why = why_not_editable(acting_user, document)
    if why:
        raise NotAllowed(why)
    with transaction.atomic():
        _stamp(obj, acting_user, reason)
        obj.delete()


def do_create_document(document: Document, *, acting_user, reason: str = "") -> Document:
    if not acting_user.has_perm("planning.add_document", document.developer):
        raise NotAllowed(str(_("You can create documents only for your own organization.")))
    document.status = DocumentStatus.DRAFT
    with transaction.atomic():
        _stamp(document, acting_user, reason)
        document.save()
    return document


# ------------------------------------------------------------------------------------ public discussion


def do_submit_proposal(document: Document, *, author_name: str, author_organization: str, text: str):
    """A proposal from anyone on a draft under public discussion (cl. 74, 99)."""
    from .models import PublicProposal

    if document.status != DocumentStatus.PUBLIC_DISCUSSION:
        raise NotAllowed(str(_("This document is not under public discussion (cl. 74, 99).")))
    with transaction.atomic():
        return PublicProposal.objects.create(
            document=document, author_name=author_name.strip(), author_organization=author_organization.strip(),
            text=text.strip(),
        )


def do_answer_proposal(proposal, *, decision: str, response: str, acting_user):
    """The developer says how a proposal was taken into account (cl. 74: the draft is refined on them)."""
    from django.utils import timezone

    document = proposal.document
    if not acting_user.has_perm("planning.change_document", document):
        raise NotAllowed(str(_("Only the planners of the developer may answer proposals.")))
    if decision != "pending" and not response.strip():
        raise NotAllowed(str(_("Say how the proposal was taken into account, or why not.")))
    with transaction.atomic():
        proposal.decision = decision
        proposal.response = response.strip()
        proposal.responded_by = acting_user
        proposal.responded_at = timezone.now()
        _stamp(proposal, acting_user, "answer to a public proposal")
        proposal.save()
    return proposal
