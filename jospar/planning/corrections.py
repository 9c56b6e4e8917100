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
from django.utils.translation import gettext as _

from jospar.compliance.rules.base import Finding
from jospar.compliance.rules.corrections import Change, _items, correction_refusals, diff
from jospar.core.history import stamp
from jospar.interchange.schema import ApprovalAct, DocumentPayload
from jospar.interchange.services import do_import_document, export_document

from .choices import DocumentStatus
from .decomposition import Impact, correction_impact
from .models import Document
from .services import NotAllowed, editor_organization_ids

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


# ------------------------------------------------------------------------------------ correction drafts
#
# [DECISION] The web edits a correction in a *correction draft*: a copy of the approved document under the
# code "<code>-correction", status draft, `previous_version` pointing at the approved document, edited in the
# ordinary editor. Applying it turns the draft back into a payload of the approved document and calls
# `do_correct_document` (so every refusal of cl. 209-213 applies), then deletes the draft: the approved
# document keeps its code and gets version + 1. Links to indicators of *other* documents (and the list of
# higher documents, cl. 161-166) are not copied into the draft, so that the copy never shows up in anyone's
# decomposition; they are put back from the approved document when the correction is applied. Links between
# indicators of the document itself are copied and renamed both ways.

DRAFT_SUFFIX = "-correction"
CORRECTABLE_STATUSES = (DocumentStatus.APPROVED, DocumentStatus.IN_FORCE)


def _draft_code(code: str) -> str:
    return code[: 80 - len(DRAFT_SUFFIX)] + DRAFT_SUFFIX


def draft_code(document: Document) -> str:
    return _draft_code(document.code)


def correction_draft_of(document: Document) -> Document | None:
    """The correction being prepared for an approved document, if any."""
    return Document.objects.filter(previous_version=document, status=DocumentStatus.DRAFT,
                                   code=draft_code(document)).first()


def corrected_by(draft: Document) -> Document | None:
    """The approved document that `draft` corrects; None when `draft` is not a correction draft."""
    previous = draft.previous_version
    if previous is not None and draft.status == DocumentStatus.DRAFT and draft.code == draft_code(previous):
        return previous
    return None


def why_not_correctable(user, document: Document) -> str | None:
    """None when the user may correct the document; otherwise the reason, citing the clause."""
    if not getattr(user, "is_authenticated", False):
        return str(_("Log in to edit documents."))
    if document.status not in CORRECTABLE_STATUSES:
        return str(_("Only an approved document or a document in force is corrected (cl. 205)."))
    if user.is_superuser or document.developer_id in editor_organization_ids(user):
        return None
    return str(_("Only the planners of the developer may correct this document (cl. 205)."))


def _renamed(ref: str, old: str, new: str) -> str | None:
    """'old:TI-1' -> 'new:TI-1'; a link to another document -> None."""
    doc, _sep, code = ref.partition(":")
    return f"{new}:{code}" if doc == old else None


def as_draft(approved: DocumentPayload, *, basis: str) -> DocumentPayload:
    """The payload of the correction draft of an approved document."""
    code = _draft_code(approved.code)
    data = approved.model_dump()
    data.update(code=code, status=DocumentStatus.DRAFT, version=approved.version + 1,
                previous_version=approved.code, correction_basis=basis, implements=[])
    for ind in data["indicators"]:
        ind["parents"] = [{**p, "indicator": r} for p in ind["parents"]
                          if (r := _renamed(p["indicator"], approved.code, code))]
    return DocumentPayload.model_validate(data)


def as_correction(draft: DocumentPayload, approved: DocumentPayload) -> DocumentPayload:
    """The draft's content as a new payload of the approved document (the inverse of `as_draft`)."""
    data = draft.model_dump()
    data.update(code=approved.code, status=approved.status, version=approved.version,
                previous_version=approved.previous_version, correction_basis=approved.correction_basis,
                implements=list(approved.implements))
    external = {i.code: [p.model_dump() for p in i.parents if not p.indicator.startswith(f"{approved.code}:")]
                for i in approved.indicators}
    for ind in data["indicators"]:
        inside = [{**p, "indicator": r} for p in ind["parents"] if (r := _renamed(p["indicator"], draft.code,
                                                                                    approved.code))]
        ind["parents"] = external.get(ind["code"], []) + inside
    return DocumentPayload.model_validate(data)


def pending_refusals(draft: Document, *, today: dt.date | None = None,
                     underspending: bool = False) -> list[Finding]:
    """What cl. 209-213 would refuse if the correction draft were applied today (shown while editing)."""
    approved = corrected_by(draft)
    if approved is None:
        return []
    today = today or dt.date.today()
    old = export_document(approved)
    return correction_refusals(old, as_correction(export_document(draft), old), today=today,
                               underspending=underspending,
                               corrected_this_year=corrected_this_year(approved, today.year))


@dataclass
class FieldChange:
    """One changed cell: the payload field, which part of it (a language, a year), approved and corrected."""

    field: str
    part: str  # "" | "kk" | "2027" | "2027 Q1" | "2025 budget 067"
    quantity: str  # "" | "plan" | "corrected_plan" | "fact"
    before: str
    after: str

    @property
    def year(self) -> int | None:
        head = self.part.split(" ")[0]
        return int(head) if self.field in ("values", "financing") and head.isdigit() else None


@dataclass
class ItemComparison:
    """One changed item with its fields side by side: approved vs corrected."""

    change: Change
    fields: list[FieldChange]


def _shown(value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_shown(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    return str(value)


Cell = tuple[str, str, str]  # field, part, quantity


def _cells(name: str, value) -> dict[Cell, str]:
    """One field of an item as cells: texts by language, indicator values and financing by year."""
    if isinstance(value, dict) and value and set(value) <= {"kk", "ru", "en"}:
        return {(name, lang, ""): _shown(value.get(lang)) for lang in ("kk", "ru", "en")}
    if name == "values" and isinstance(value, list):
        out = {}
        for v in value:
            when = f"{v['year']}" + (f" Q{v['quarter']}" if v.get("quarter") else "")
            for key in ("plan", "corrected_plan", "fact"):
                if v.get(key) is not None:
                    out[(name, when, key)] = _shown(v[key])
        return out
    if name == "financing" and isinstance(value, list):
        out = {}
        for f in value:
            part = f"{f['year']} {f['source']} {f.get('budget_program_code') or ''}".strip()
            for key in ("plan", "corrected_plan"):
                if f.get(key) is not None:
                    out[(name, part, key)] = _shown(f[key])
        return out
    return {(name, "", ""): _shown(value)}


def compare(old: DocumentPayload, new: DocumentPayload) -> list[ItemComparison]:
    """The diff by item (cl. 212) with each changed cell's approved and corrected value side by side."""
    a, b = _items(old), _items(new)
    out = []
    for change in diff(old, new):
        key = (change.kind, change.code)
        before, after = a.get(key, {}), b.get(key, {})
        names = change.fields or tuple(sorted(set(before) | set(after)))
        fields = []
        for name in names:
            was, now = _cells(name, before.get(name)), _cells(name, after.get(name))
            for cell in sorted(set(was) | set(now)):
                old_text, new_text = was.get(cell, "—"), now.get(cell, "—")
                if old_text == new_text and (change.change == "changed" or old_text == "—"):
                    continue
                fields.append(FieldChange(*cell, old_text, new_text))
        out.append(ItemComparison(change, fields))
    return out


def do_start_correction(document: Document, *, acting_user, basis: str, reason: str = "") -> Document:
    """Open a correction draft of an approved document (cl. 205); the same draft if one is open already."""
    why = why_not_correctable(acting_user, document)
    if why:
        raise NotAllowed(why)
    if not basis.strip():
        raise ValueError(str(_("A correction needs its basis (cl. 205).")))
    existing = correction_draft_of(document)
    if existing is not None:
        return existing
    payload = as_draft(export_document(document), basis=basis.strip())
    if Document.objects.filter(code=payload.code).exists():
        raise NotAllowed(str(_("The code %(code)s is taken by another document.") % {"code": payload.code}))
    text = f"Correction draft of version {payload.version}: {basis.strip()}" + (f" ({reason})" if reason else "")
    with transaction.atomic():
        return do_import_document(payload, acting_user=acting_user, reason=text).document


def do_apply_correction(
    draft: Document, *, acting_user, act: ApprovalAct | None = None, underspending: bool = False,
    today: dt.date | None = None, reason: str = "",
) -> CorrectionResult:
    """Correct the approved document to the draft's content (cl. 205-213) and close the draft.

    Raises CorrectionRefused (nothing written, the draft stays) when cl. 209-213 refuse the correction.
    """
    approved = corrected_by(draft)
    if approved is None:
        raise NotAllowed(str(_("This document is not a correction draft.")))
    why = why_not_correctable(acting_user, approved)
    if why:
        raise NotAllowed(why)
    old = export_document(approved)
    payload = as_correction(export_document(draft), old)
    with transaction.atomic():
        result = do_correct_document(approved, payload, acting_user=acting_user, basis=draft.correction_basis,
                                     act=act, underspending=underspending, today=today, reason=reason)
        stamp(draft, acting_user, f"Correction applied as version {result.version}")
        draft.delete()
    return result


def do_discard_correction(draft: Document, *, acting_user, reason: str = "") -> Document:
    """Drop a correction draft; the approved document is untouched. Returns the approved document."""
    approved = corrected_by(draft)
    if approved is None:
        raise NotAllowed(str(_("This document is not a correction draft.")))
    why = why_not_correctable(acting_user, approved)
    if why:
        raise NotAllowed(why)
    with transaction.atomic():
        stamp(draft, acting_user, "Correction draft discarded" + (f": {reason}" if reason else ""))
        draft.delete()
    return approved
