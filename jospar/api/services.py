"""Writes of the API app: tokens, and the partial updates of indicator values and financing lines.

Every write runs in one transaction and stamps the history with the acting user and the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jospar.core.history import stamp
from jospar.planning.models import Financing, IndicatorValue

from .models import ApiToken
from .versions import financing_version, value_version

TOKEN_PREFIX = "jsp_"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class VersionConflict(Exception):
    """The item changed since the client read it: nothing was written."""

    def __init__(self, current):
        self.current = current
        super().__init__("the item was changed by someone else")


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str  # shown once, never stored


@transaction.atomic
def do_create_api_token(user, *, acting_user, name: str = "", days: int | None = None) -> IssuedToken:
    """A new token for `user`; the secret is returned once and only its hash is kept."""
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # pragma: no cover - 2**32 prefixes
        prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    expires = timezone.now() + dt.timedelta(days=days) if days else None
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=prefix, key_hash=_hash(raw), expires_at=expires)
    return IssuedToken(token=token, raw=raw)


@transaction.atomic
def do_revoke_api_token(token: ApiToken, *, acting_user) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(raw: str):
    """The active user of an active token, or None. Marks the token as used (at most once a minute)."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    digest = _hash(raw)
    token = ApiToken.objects.select_related("user").filter(key_hash=digest).first()
    if token is None or not hmac.compare_digest(token.key_hash, digest) or not token.is_active:
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# ------------------------------------------------------------------------------------ partial updates

VALUE_FIELDS = ("fact", "reason", "corrected_plan")
FINANCING_FIELDS = ("absorbed", "reason_unabsorbed")


def _apply(obj, changes: dict[str, Any], allowed: tuple[str, ...], *, acting_user, reason: str) -> list[str]:
    changed = []
    for name, value in changes.items():
        if name not in allowed:
            raise ValueError(f"{name} cannot be changed here")
        if name in ("reason", "reason_unabsorbed") and value is None:
            value = ""
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    if changed:
        stamp(obj, acting_user, reason)
        obj.save(update_fields=changed)
    return changed


@transaction.atomic
def do_update_indicator_value(
    value: IndicatorValue, changes: dict[str, Any], *, expected_version: str, acting_user, reason: str
) -> list[str]:
    """Set the fact, the reason for a deviation and/or the corrected plan of one period (cl. 225-230).

    The row is locked and its version compared with the one the client read: VersionConflict if another
    change came first. Returns the names of the fields that changed; saves (and adds to the history) only
    when one did.
    """
    locked = IndicatorValue.objects.select_for_update().get(pk=value.pk)
    if value_version(locked) != expected_version:
        raise VersionConflict(locked)
    changed = _apply(locked, changes, VALUE_FIELDS, acting_user=acting_user, reason=reason)
    for name in VALUE_FIELDS:
        setattr(value, name, getattr(locked, name))
    return changed


@transaction.atomic
def do_update_financing(
    line: Financing, changes: dict[str, Any], *, expected_version: str, acting_user, reason: str
) -> list[str]:
    """Set the absorbed money and the reason for non-absorption of one financing line (cl. 185, 228)."""
    locked = Financing.objects.select_for_update().get(pk=line.pk)
    if financing_version(locked) != expected_version:
        raise VersionConflict(locked)
    changed = _apply(locked, changes, FINANCING_FIELDS, acting_user=acting_user, reason=reason)
    for name in FINANCING_FIELDS:
        setattr(line, name, getattr(locked, name))
    return changed
