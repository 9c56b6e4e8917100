"""Compliance checks over REST: the findings of the methodology's rules (SPEC part 1 §18) on one document.

The checker of ``jospar.compliance.services`` runs on the stored document; findings are rendered in the
language of the request (``lang``, else Accept-Language, else Kazakh). A reader who may not see the restricted
items of the document (cl. 231-233) gets no finding about them, nor one that names them.
"""

from __future__ import annotations

import re
from typing import Literal

from ninja import Field, Query, Router, Schema

from jospar.compliance.services import check_document, finding_as_dict
from jospar.interchange import schema as s
from jospar.planning.access import RESTRICTED, access_document_by_code, sees_restricted_items
from jospar.planning.models import Indicator, Measure, Section

from ..auth import READ_AUTH, current_user
from ..schemas import ErrorOut
from .common import request_language

router = Router(tags=["checks"], auth=READ_AUTH)

_TOKEN = re.compile(r"[\w.\-:]+")


class FindingItemOut(Schema):
    kind: str
    code: str
    title: str


class FindingOut(Schema):
    rule: str = Field(description="V-01..V-74 (SPEC part 1 §18) or another rule id")
    clause: str
    severity: str = Field(description="error or warning")
    item: FindingItemOut
    message: str
    text: str = Field(description="the whole finding as one line")


class CheckOut(Schema):
    document: str
    type: str
    language: str
    rules_checked: int
    errors: int
    warnings: int
    findings: list[FindingOut]


def restricted_codes(document) -> set[str]:
    """Codes (and keys) of the restricted items of a document, and of the financing of restricted measures."""
    codes = set(Section.objects.filter(document=document, confidentiality__in=RESTRICTED)
                .values_list("key", flat=True))
    codes |= set(Indicator.objects.filter(document=document, confidentiality__in=RESTRICTED)
                 .values_list("code", flat=True))
    codes |= set(Measure.objects.filter(document=document, confidentiality__in=RESTRICTED)
                 .values_list("code", flat=True))
    return codes


def _names_any(finding, hidden: set[str]) -> bool:
    words = set(_TOKEN.findall(finding.item.code))
    for value in finding.params.values():
        words |= set(_TOKEN.findall(str(value)))
    words |= {w.split(":", 1)[1] for w in set(words) if ":" in w}
    words |= {w.split("/", 1)[0] for w in set(words)}
    return bool(words & hidden)


@router.get("/{code}/checks", response={200: CheckOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
            summary="Findings of the methodology's rules on the document (kk/ru/en by lang or Accept-Language)")
def document_checks(request, code: s.DocCode, lang: Literal["kk", "ru", "en"] | None = None,
                    severity: Literal["error", "warning"] | None = Query(None)):
    user = current_user(request)
    document = access_document_by_code(user, code)
    language = request_language(request, lang)
    report = check_document(document)
    findings = report.findings
    if not sees_restricted_items(user, document):
        hidden = restricted_codes(document)
        if hidden:
            findings = [f for f in findings if not _names_any(f, hidden)]
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if severity:
        findings = [f for f in findings if f.severity == severity]
    return {"document": report.document, "type": report.type, "language": language,
            "rules_checked": report.rules_checked, "errors": errors, "warnings": warnings,
            "findings": [finding_as_dict(f, language) for f in findings]}
