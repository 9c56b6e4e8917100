"""Compliance findings and correction refusals placed next to the item they concern in the editor (issue 5).

The checker (`jospar.compliance.services.check_document`) and the correction refusals (cl. 209-213,
`jospar.planning.corrections.pending_refusals`) both name an item by kind and code; this module turns them
into short texts in the user's language keyed the way the editor's rows are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import get_language, gettext

from jospar.compliance.rules.base import ERROR, Finding
from jospar.compliance.services import SEVERITIES, check_document, check_payload, render_message
from jospar.interchange.services import export_document
from jospar.planning.corrections import as_correction, corrected_by, pending_refusals
from jospar.planning.models import Document

Key = tuple[str, str]


@dataclass(frozen=True)
class Note:
    """One finding as shown next to an item: '[V-12, cl. 48] error: the goal has no indicator'."""

    rule: str
    clause: str
    severity: str  # error | warning | refusal
    text: str

    @property
    def is_error(self) -> bool:
        return self.severity != "warning"


def item_key(finding: Finding) -> Key:
    """The editor row a finding belongs to: financing lines belong to their measure."""
    if finding.item.kind == "financing":
        return ("measure", finding.item.code.split("/")[0])
    return (finding.item.kind, finding.item.code)


def _note(finding: Finding, *, refusal: bool = False) -> Note:
    lang = get_language() or "kk"
    severity = "refusal" if refusal else finding.severity
    label = gettext("refused") if refusal else gettext(SEVERITIES.get(finding.severity, finding.severity))
    return Note(finding.rule, finding.clause, severity,
                f"[{finding.rule}, {finding.clause}] {label}: {render_message(finding, lang)}")


@dataclass
class EditorNotes:
    findings: dict[Key, list[Note]]
    refusals: dict[Key, list[Note]]
    raw_refusals: list[Finding]
    errors: int
    warnings: int

    def for_item(self, kind: str, code: str) -> list[Note]:
        return self.refusals.get((kind, code), []) + self.findings.get((kind, code), [])

    def unplaced(self, placed: set[Key]) -> list[tuple[Key, Note]]:
        """Notes whose item has no row in the editor (a required section that is missing, the document)."""
        out = []
        for source in (self.refusals, self.findings):
            for key, notes in source.items():
                if key not in placed:
                    out.extend((key, n) for n in notes)
        return out


def editor_notes(document: Document) -> EditorNotes:
    approved = corrected_by(document)
    if approved is None:
        report = check_document(document)
    else:
        # a correction draft is checked as the document it will become: with the links to other documents'
        # indicators that the draft does not carry (see planning.corrections), under the approved code
        old = export_document(approved)
        report = check_payload(as_correction(export_document(document), old))
    findings: dict[Key, list[Note]] = defaultdict(list)
    for f in report.findings:
        key = item_key(f)
        if key[0] == "document":
            key = ("document", document.code)
        note = _note(f)
        if note not in findings[key]:  # the same text twice (two rows of one map) says nothing new
            findings[key].append(note)
    raw = pending_refusals(document) if corrected_by(document) is not None else []
    refusals: dict[Key, list[Note]] = defaultdict(list)
    for f in raw:
        key = item_key(f)
        if key[0] == "document":
            key = ("document", document.code)
        refusals[key].append(_note(f, refusal=True))
    errors = sum(1 for f in report.findings if f.severity == ERROR)
    return EditorNotes(dict(findings), dict(refusals), raw, errors, len(report.findings) - errors)
