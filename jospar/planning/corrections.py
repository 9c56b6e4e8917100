"""Corrections of an approved document (cl. 205-214).

[DECISION] A correction is made **in place with history**: the document keeps its code (other documents'
decomposition links, monitoring reports and URLs keep pointing at it), `version` goes up by one,
`correction_basis` records the ground (cl. 205: the President's Address, an instruction, monitoring results)
and the approving act of the correction replaces the act fields. Every changed row gets a historical record
stamped with the user and the reason "Correction to version N: <basis>", so any earlier version can be read
back from the history; `diff` compares two payloads item by item.

Refusals, each naming its clause (checks in `jospar.compliance.rules.corrections`):
- cl. 209: goals, TIs, tasks and RIs are not corrected in the last year of implementation;
- cl. 210: a state body does not lower TI values for expected under-spending after the third quarter;
- cl. 211: a regional plan is corrected once a year, not later than 15 December;
- cl. 213: values of periods already past are not changed.
A correction also answers which lower documents must follow it (cl. 207-208, `decomposition.correction_impact`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from jospar.compliance.rules.base import Finding
from jospar.compliance.rules.corrections import Change, correction_refusals, diff
from jospar.interchange.schema import ApprovalAct, DocumentPayload
from jospar.interchange.services import do_import_document, export_document

from .decomposition import Impact, correction_impact
from .models import Document

REASON_PREFIX = "Correction to version"


class CorrectionRefused(Exception):
    """The correction breaks cl. 209-213; nothing was written."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("; ".join(f"{f.rule} ({f.clause}) {f.item.kind} {f.item.code}" for f in findings))


@dataclass
class CorrectionResult:
    document: Document
    version: int
    changes: list[Change] = field(default_factory=list)
    must_follow: list[Impact] = field(default_factory=list)  # cl. 208


def corrected_this_year(document: Document, year: int) -> bool:
    """Whether a correction of the document was already recorded in `year` (cl. 211)."""
    return document.history.filter(history_date__year=year,
                                   history_change_reason__startswith=REASON_PREFIX).exists()


def do_correct_document(
    document: Document, payload: DocumentPayload, *, acting_user, basis: str, act: ApprovalAct | None = None,
    underspending: bool = False, today: dt.date | None = None, reason: str = "",
) -> CorrectionResult:
    """Correct `document` to the content of `payload`; raise CorrectionRefused naming the clause if not allowed."""
    today = today or dt.date.today()
    if not basis.strip():
        raise ValueError("a correction needs its basis (cl. 205)")
    if payload.code != document.code:
        raise ValueError(f"the payload is document {payload.code}, not {document.code}")
    old = export_document(document)
    refusals = correction_refusals(old, payload, today=today, underspending=underspending,
                                   corrected_this_year=corrected_this_year(document, today.year))
    if refusals:
        raise CorrectionRefused(refusals)
    version = old.version + 1
    new = payload.model_copy(update={
        "version": version, "correction_basis": basis, "status": old.status,
        "approval_act": act or old.approval_act,
    })
    text = f"{REASON_PREFIX} {version}: {basis}" + (f" ({reason})" if reason else "")
    with transaction.atomic():
        result = do_import_document(new, acting_user=acting_user, reason=text)
    return CorrectionResult(result.document, version, diff(old, new), correction_impact(result.document))
