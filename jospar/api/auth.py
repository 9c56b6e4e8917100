"""Authentication of the API: a bearer token, or the Django session with its CSRF check.

- `Authorization: Bearer jsp_…`: a token created by `jospar api-token create USERNAME` or POST /api/auth/token.
  A request that sends a token that is wrong, expired or revoked gets 401, never a silent anonymous answer.
- The session cookie of a signed-in user: every unsafe method (POST, PUT, PATCH, DELETE) must carry the
  CSRF token (X-CSRFToken header), as Django pages do.
- Reading endpoints also answer the public (anonymous): they see only what is published (cl. 231-233).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from .errors import ApiError, item
from .services import user_for_token

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise ApiError(401, [item("unauthorized")])
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is None:
            raise ApiError(401, [item("unauthorized")])
        request.user = user
        request.jospar_token_auth = True
        return user


class SessionAuth(APIKeyCookie):
    """The Django session; CSRF is checked for unsafe methods of a signed-in user."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method in UNSAFE and check_csrf(request) is not None:
            raise ApiError(403, [item("csrf")])
        return user

    def authenticate(self, request: HttpRequest, key):  # pragma: no cover - __call__ does the work
        return None


def anonymous(request: HttpRequest):
    """The public: allowed on reading endpoints only."""
    return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()
WRITE_AUTH = [token_auth, session_auth]
READ_AUTH = [token_auth, session_auth, anonymous]


def current_user(request: HttpRequest):
    auth = getattr(request, "auth", None)
    if auth is not None and getattr(auth, "is_authenticated", False):
        return auth
    return AnonymousUser()
