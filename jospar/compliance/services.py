"""Check documents against the methodology and render the findings in kk/ru/en.

`check_payload` checks an interchange payload (a file before it is imported, or a document exported from
the database); `check_document` checks a stored document, `check_documents` many (exported in batches).
Both read a fixed number of queries: the export of the document (fifteen, plain rows) and the eight queries
of `build_context`; `check_documents` reads them per batch of documents, not per document.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from jospar.core.gcpause import paused_gc
from jospar.interchange.export import iter_exports
from jospar.interchange.schema import DocumentPayload, _decimal_text
from jospar.interchange.services import export_document
from jospar.planning.models import Document

from .context import build_context, build_contexts
from .rules import REGISTRY, Context, Finding, run_rules
from .rules.base import ERROR, Words

ITEM_KINDS = {
    "document": gettext_noop("Document"),
    "section": gettext_noop("Section"),
    "direction": gettext_noop("Direction"),
    "goal": gettext_noop("Goal"),
    "task": gettext_noop("Task"),
    "indicator": gettext_noop("Indicator"),
    "measure": gettext_noop("Measure"),
    "financing": gettext_noop("Financing"),
    "factor": gettext_noop("Factor"),
    "swot": gettext_noop("SWOT item"),
    "problem": gettext_noop("Problem"),
}
SEVERITIES = {"error": gettext_noop("error"), "warning": gettext_noop("warning")}
LANGUAGES = ("kk", "ru", "en")


@dataclass
class Report:
    document: str
    type: str
    findings: list[Finding] = field(default_factory=list)
    rules_checked: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    def rule_ids(self) -> set[str]:
        return {f.rule for f in self.findings}


def check_payload(payload: DocumentPayload, *, context: Context | None = None,
                  today: dt.date | None = None) -> Report:
    context = context or build_context(payload, today=today)
    findings = run_rules(payload, context)
    checked = sum(1 for r in REGISTRY.values() if r.applies_to(payload.type))
    return Report(payload.code, payload.type, findings, checked)


def check_document(document: Document, *, today: dt.date | None = None) -> Report:
    return check_payload(export_document(document), today=today)


def check_documents(documents: Iterable[Document], *, today: dt.date | None = None) -> Iterator[Report]:
    """The report of each document, in the given order (`jospar check --all`, the background job).

    The same reports as `check_document` one by one; the documents are exported in batches (a few queries
    per batch of ~6,000 items instead of fifteen per document), their contexts are built together for groups
    of about as many items (`build_contexts`: eight queries per group instead of eight per document), and
    only about two batches are held in memory. While the reports are iterated the cyclic garbage collector is
    paused (reference counting frees everything; cycles are collected between groups and when the iteration
    ends or is abandoned): consume the reports, do not keep the iterator open for long work in between.
    """
    today = today or dt.date.today()
    # Issue 7: the cyclic garbage collector stays paused for the whole check. Paused per batch, it walked every
    # item of the batch's payloads when it resumed (they were still alive): ~1 s for the country. Here the
    # young generation is collected between groups, once their payloads are gone, so only what survives is
    # walked and no cyclic garbage piles up.
    with paused_gc():
        group: list[DocumentPayload] = []
        size = 0
        # The rules only read the payloads: equal texts are shared.
        for _document, payload in iter_exports(documents, share_texts=True):
            group.append(payload)
            size += len(payload.indicators) + len(payload.measures)
            if size >= CONTEXT_GROUP_ITEMS:
                yield from _check_group(group, today)
                group, size = [], 0
                gc.collect(0)
        yield from _check_group(group, today)


CONTEXT_GROUP_ITEMS = 6000  # indicators + measures of the documents whose contexts are built together


def _check_group(payloads: list[DocumentPayload], today: dt.date) -> Iterator[Report]:
    if not payloads:
        return
    with paused_gc():
        contexts = build_contexts(payloads, today=today)
    for payload, context in zip(payloads, contexts, strict=True):
        with paused_gc():
            yield check_payload(payload, context=context, today=today)


# ------------------------------------------------------------------------------------------- rendering


def _language(lang: str) -> str:
    return lang if lang in LANGUAGES else "kk"


def render_message(finding: Finding, lang: str = "kk") -> str:
    with translation.override(_language(lang)):
        params = {k: _shown(v) for k, v in finding.params.items()}
        return gettext(finding.message) % params if params else gettext(finding.message)


def _shown(value: Any) -> Any:
    """Decimals without trailing zeros, lists of msgids translated (inside the active language)."""
    if isinstance(value, Words):
        return ", ".join(gettext(w) for w in value)
    if isinstance(value, Decimal):
        return _decimal_text(value)
    return value


def render_item(finding: Finding, lang: str = "kk") -> str:
    lang = _language(lang)
    with translation.override(lang):
        kind = gettext(ITEM_KINDS.get(finding.item.kind, finding.item.kind))
    title = finding.item.title_in(lang)
    return f"{kind} {finding.item.code} «{title}»" if title else f"{kind} {finding.item.code}"


def render_finding(finding: Finding, lang: str = "kk") -> str:
    with translation.override(_language(lang)):
        severity = gettext(SEVERITIES[finding.severity])
    return f"[{finding.rule}, {finding.clause}] {severity}: {render_item(finding, lang)}: {render_message(finding, lang)}"


def finding_as_dict(finding: Finding, lang: str = "kk") -> dict[str, Any]:
    return {
        "rule": finding.rule, "clause": finding.clause, "severity": finding.severity,
        "item": {"kind": finding.item.kind, "code": finding.item.code, "title": finding.item.title_in(lang)},
        "message": render_message(finding, lang),
        "text": render_finding(finding, lang),
    }


def report_as_dict(report: Report, lang: str = "kk") -> dict[str, Any]:
    return {
        "document": report.document, "type": report.type, "rules_checked": report.rules_checked,
        "errors": len(report.errors), "warnings": len(report.warnings),
        "findings": [finding_as_dict(f, lang) for f in report.findings],
    }


def report_as_text(report: Report, lang: str = "kk") -> str:
    with translation.override(_language(lang)):
        head = gettext("%(document)s: %(errors)s error(s), %(warnings)s warning(s), %(rules)s rules checked") % {
            "document": report.document, "errors": len(report.errors), "warnings": len(report.warnings),
            "rules": report.rules_checked,
        }
    lines = [head] + [f"  {render_finding(f, lang)}" for f in report.findings]
    return "\n".join(lines)
