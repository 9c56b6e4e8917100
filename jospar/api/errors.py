"""The one error shape of the API, for every 4xx and 5xx answer:

    {"errors": [{"path": "$.indicators[0].code", "code": "invalid", "message": {"kk": ..., "ru": ..., "en": ...}}]}

`path` is a JSON path into the request ("$" for the request as a whole, "$.query.limit" for a query
parameter); `code` is stable for programs; `message` is for people, in the three languages of Jospar.
Problems found by the interchange importer and by pydantic carry an English explanation of the rule;
their kk and ru messages lead with a translated sentence and quote it.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

LANGS = ("kk", "ru", "en")

MESSAGES = {
    "unauthorized": _("Sign in or send an API token (Authorization: Bearer …)."),
    "forbidden": _("You may not do this: %(why)s"),
    "csrf": _("The CSRF check failed: send the X-CSRFToken header with a session."),
    "not_found": _("Not found, or not visible to you."),
    "conflict_exists": _("A document with the code %(document)s already exists: replace it with PUT."),
    "version_conflict": _("Someone else changed this since you read it: read it again and repeat your change."),
    "not_editable": _("The document is %(status)s: an approved document changes only by a correction that "
                      "makes a new version (cl. 205-214)."),
    "version_required": _("Send the version you read (If-Match header or the version field)."),
    "code_mismatch": _("The code in the body (%(body)s) differs from the code in the address (%(address)s)."),
    "invalid": _("Invalid value: %(detail)s"),
    "rate_limited": _("Too many attempts: wait a minute and try again."),
    "bad_credentials": _("Wrong user name or password."),
    "server_error": _("Internal error: it has been logged; nothing was written."),
    "wrong_status": _("This cannot be done while it is %(status)s; it can be done when it is: %(allowed)s."),
    "not_a_reporter": _("%(organization)s is neither the developer nor a co-executor of %(document)s, so it has "
                        "no report on it (cl. 42, 55)."),
    "organization_required": _("Name the reporting organization (organization=...): you report for none or for "
                               "several of the developer and co-executors of this document."),
    "in_use": _("%(item)s is still used by %(users)s: move or delete them first; nothing was deleted."),
    "exists": _("%(item)s already exists in this document."),
    "form_refused": _("This form cannot be built: %(detail)s"),
    "no_draft_conclusion": _("There is no draft conclusion for this year yet: compute the criteria first "
                             "(POST .../draft; cl. 271)."),
    "workbook_mismatch": _("This workbook is %(theirs)s, not %(ours)s: upload it to its own address."),
    "file_too_large": _("The file is larger than %(limit)s MB."),
}

WHY = {
    "read_only": _("your role only reads"),
    "other_organization": _("this belongs to another organization"),
    "not_your_part": _("your organization is neither the developer, nor the responsible body, nor a co-executor"),
    "developer": _("a document is created for an organization in which you plan"),
    "state_planning": _("only the planners, heads and administrators of the authorized body for state planning "
                        "draft and write a conclusion (cl. 242, 257; Annex 11)"),
    "state_planning_head": _("only the first head of the authorized body for state planning issues the conclusion "
                             "(cl. 242, 257; Annex 11)"),
    "open_period": _("only the developer's planners, heads and administrators or an authorized body open a "
                     "reporting period (cl. 234-269)"),
    "rollups": _("the consolidated results are shown to the authorized bodies and to the developer of the "
                 "document (cl. 242, 257)"),
    "workbook": _("a workbook is uploaded on behalf of an organization in which you plan (cl. 240, 254, 266)"),
}


def trilingual(key: str, **params: Any) -> dict[str, str]:
    out = {}
    for lang in LANGS:
        with translation.override(lang):
            rendered = {k: str(v) for k, v in params.items()}
            out[lang] = str(MESSAGES[key]) % rendered if rendered else str(MESSAGES[key])
    return out


def item(code: str, key: str | None = None, path: str = "$", **params: Any) -> dict[str, Any]:
    return {"path": path, "code": code, "message": trilingual(key or code, **params)}


def invalid_item(path: str, detail: str, code: str = "invalid") -> dict[str, Any]:
    """A validation problem whose rule text is English (from pydantic or the importer)."""
    message = trilingual("invalid", detail=detail)
    message["en"] = detail[:1].upper() + detail[1:] if detail else detail
    return {"path": path, "code": code, "message": message}


def forbidden_item(why: str) -> dict[str, Any]:
    out = {}
    for lang in LANGS:
        with translation.override(lang):
            out[lang] = str(MESSAGES["forbidden"]) % {"why": str(WHY[why])}
    return {"path": "$", "code": "forbidden", "message": out}


class ApiError(Exception):
    """An answer in the error shape; `extra` adds keys next to "errors" (e.g. both versions on 409)."""

    def __init__(self, status: int, errors: list[dict[str, Any]], extra: dict[str, Any] | None = None):
        self.status = status
        self.errors = errors
        self.extra = extra or {}
        super().__init__(f"{status}: {errors[0]['code'] if errors else ''}")

    def body(self) -> dict[str, Any]:
        return {"errors": self.errors, **self.extra}


def not_found() -> ApiError:
    return ApiError(404, [item("not_found")])


def forbidden(why: str) -> ApiError:
    return ApiError(403, [forbidden_item(why)])
