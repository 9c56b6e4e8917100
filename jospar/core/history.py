"""Who and why for the history of a write (django-simple-history reads these two attributes on save/delete)."""

from __future__ import annotations

from django.db.models import Model


def stamp(obj: Model, user, reason: str = "") -> None:
    """Record the acting user (None for the system or an anonymous caller) and the reason, in full."""
    obj._history_user = user if getattr(user, "is_authenticated", False) else None
    if reason:
        obj._change_reason = reason
