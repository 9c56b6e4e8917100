"""Tokens: create one with a user name and password (rate-limited), see who you are, revoke."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate
from django_ratelimit.core import is_ratelimited
from ninja import Router
from ninja.responses import Status

from ..auth import WRITE_AUTH, current_user
from ..errors import ApiError, item
from ..middleware import client_address
from ..models import ApiToken
from ..schemas import ErrorOut, MeOut, TokenOut, TokenRequest
from ..services import do_create_api_token, do_revoke_api_token

router = Router(tags=["authentication"])


def _limited(request, group: str, key: str, rate: str) -> bool:
    return is_ratelimited(request, group=group, key=key, rate=rate, method=is_ratelimited.ALL, increment=True)


@router.post("/token", response={201: TokenOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut}, auth=None,
             summary="Create an API token with a user name and password")
def create_token(request, data: TokenRequest):
    rate = getattr(settings, "JOSPAR_TOKEN_RATE", "10/m")
    by_ip = _limited(request, "jospar.api.token.ip", client_address, rate)
    by_user = _limited(request, "jospar.api.token.user", lambda g, r: data.username.lower(), rate)
    if by_ip or by_user:
        raise ApiError(429, [item("rate_limited")])
    user = authenticate(request, username=data.username, password=data.password)
    if user is None or not user.is_active:
        raise ApiError(401, [item("bad_credentials")])
    days = getattr(settings, "JOSPAR_API_TOKEN_DAYS", 90)
    issued = do_create_api_token(user, acting_user=user, name=data.name or "api", days=days)
    return Status(201, {"token": issued.raw, "prefix": issued.token.prefix, "expires_at": issued.token.expires_at})


@router.get("/me", response={200: MeOut, 401: ErrorOut}, auth=WRITE_AUTH, summary="Who am I")
def me(request):
    user = current_user(request)
    orgs = [{"organization": m.organization.code, "role": m.role}
            for m in user.memberships.select_related("organization").order_by("organization__code")]
    return {"username": user.get_username(), "is_superuser": user.is_superuser, "organizations": orgs}


@router.delete("/token", response={204: None, 401: ErrorOut, 403: ErrorOut}, auth=WRITE_AUTH,
               summary="Revoke the token of this request")
def revoke_token(request):
    header = request.headers.get("Authorization", "")
    raw = header.partition(" ")[2].strip()
    from ..services import _hash

    token = ApiToken.objects.filter(key_hash=_hash(raw)).first() if raw else None
    if token is None:
        raise ApiError(401, [item("unauthorized")])
    do_revoke_api_token(token, acting_user=current_user(request))
    return Status(204, None)
