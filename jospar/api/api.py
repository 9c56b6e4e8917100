"""The REST API of Jospar (django-ninja): /api/, its OpenAPI 3 schema at /api/openapi.json, docs at /api/docs.

Routers: documents (with their indicators, values, measures, financing and history), their sections, goals
and tasks (per-item writes), compliance checks, official forms (annexes), conclusions (evaluation), analysis
and risks; monitoring (obligations, inbox, submissions: save, sign, accept, return, reopen); organizations,
territories, authentication.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .errors import ApiError, forbidden_item, invalid_item, item

log = logging.getLogger("jospar.api")

api = NinjaAPI(
    title="Jospar API",
    version="1",
    description=(
        "REST API of the State Planning System software (Order No. 93 methodology). Errors always have the shape "
        '{"errors": [{"path", "code", "message": {"kk", "ru", "en"}}]}. Authenticate with '
        "`Authorization: Bearer <token>` (created by `jospar api-token create USERNAME` or POST /api/auth/token) "
        "or with the session of the web pages plus the X-CSRFToken header. Restricted content "
        "(for official use, secret: cl. 231-233) is never shown to the public."
    ),
    urls_namespace="api",
)


def _respond(request, error: ApiError):
    return api.create_response(request, error.body(), status=error.status)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return _respond(request, exc)


def _loc_path(loc) -> str:
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        where = parts.pop(0)
        # ninja puts the name of the parameter first: drop it for the body schema and filter/pagination.
        if parts and where in ("body", "query") and parts[0] in ("payload", "patch", "filters", "pagination", "body",
                                                               "data"):
            parts.pop(0)
        prefix = "$" if where == "body" else f"$.{where}"
    else:
        prefix = "$"
    out = prefix
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    errors = [invalid_item(_loc_path(e.get("loc", ())), str(e.get("msg", "invalid")), code="invalid")
              for e in exc.errors]
    return _respond(request, ApiError(422, errors or [invalid_item("$", "invalid request")]))


@api.exception_handler(AuthenticationError)
def _authentication_error(request, exc):
    return _respond(request, ApiError(401, [item("unauthorized")]))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _respond(request, ApiError(404, [item("not_found")]))


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc):
    return _respond(request, ApiError(403, [forbidden_item("read_only")]))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    status = exc.status_code
    if status == 401:
        return _respond(request, ApiError(401, [item("unauthorized")]))
    if status == 403:
        return _respond(request, ApiError(403, [item("csrf")]))
    if status == 404:
        return _respond(request, ApiError(404, [item("not_found")]))
    if status == 429:
        return _respond(request, ApiError(429, [item("rate_limited")]))
    return _respond(request, ApiError(status, [invalid_item("$", str(exc), code="invalid")]))


@api.exception_handler(Exception)
def _server_error(request, exc):
    log.exception("API error on %s %s", request.method, request.path)
    return _respond(request, ApiError(500, [item("server_error")]))


from .routers import (  # noqa: E402  (the routers use `api` above)
    analysis,
    auth,
    checks,
    documents,
    evaluation,
    forms,
    items,
    monitoring,
    reference,
)

api.add_router("/auth", auth.router)
api.add_router("/documents", documents.router)
api.add_router("/documents", items.router)
api.add_router("/documents", checks.router)
api.add_router("/documents", forms.router)
api.add_router("/documents", evaluation.router)
api.add_router("/documents", analysis.router)
api.add_router("/monitoring", monitoring.router)
api.add_router("/", reference.router)
