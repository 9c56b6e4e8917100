"""The findings of the analysis-stage rules (V-02..V-08, SPEC part 1 §18; cl. 9-30) next to the analysis item they
concern on the analysis page (issue 5), as `findings.py` does for the editor.

Only these seven rules judge the analysis, and they read nothing of the document but its code, type, title and
goals (`jospar.compliance.rules.analysis`), so the page runs them alone on a small stand-in of the payload instead
of exporting and checking the whole document: the cost is the analysis snapshot (a fixed number of queries,
`jospar.analysis.snapshot.load_analysis`) plus one query for the goals, whatever the size of the document.

Where each finding goes:
- a factor (V-03), a SWOT item (V-04), a problem (V-06, V-07): next to that item;
- a goal (V-08, "no goal formed on a key problem"): in the section of key problems and goals (cl. 28, 30);
- the document as a whole: next to the section the rule is about: V-02 (data years, cl. 9) with the years,
  V-05 (the regional plan's SWOT, cl. 17, 130(5)) with the SWOT, V-08 (no key problem, cl. 23) with the key
  problems.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from django.utils.translation import get_language

from jospar.analysis.snapshot import load_analysis
from jospar.compliance.rules.analysis import AnalysisData
from jospar.compliance.rules.base import ERROR, REGISTRY, Finding
from jospar.planning.models import Document, Goal

from .findings import Note
from .findings import _note as note_of

ANALYSIS_RULES = ("V-02", "V-03", "V-04", "V-05", "V-06", "V-07", "V-08")
SECTION_OF_RULE = {"V-02": "years", "V-05": "swot", "V-08": "key_problems"}  # findings on the document
SECTION_OF_KIND = {"goal": "key_problems"}
LANGS = ("kk", "ru", "en")

Key = tuple[str, str]


@dataclass
class AnalysisNotes:
    items: dict[Key, list[Note]] = field(default_factory=dict)  # ("factor", "F1"), ("swot", "S1"), ("problem", "P1")
    sections: dict[str, list[Note]] = field(default_factory=dict)  # "years", "swot", "key_problems"
    errors: int = 0
    warnings: int = 0

    def for_item(self, kind: str, code: str) -> list[Note]:
        return self.items.get((kind, code), [])


def _texts(row: dict, name: str) -> dict[str, str]:
    return {lang: row.get(f"{name}_{lang}") or "" for lang in LANGS}


def analysis_findings(document: Document, data: AnalysisData | None = None) -> list[Finding]:
    """The findings of V-02..V-08 on the recorded analysis of `document` (none when nothing is recorded, except
    V-05's for a regional plan, as in the full check)."""
    data = data if data is not None else load_analysis(document.code)
    goals = [SimpleNamespace(code=g["code"], title=_texts(g, "title"))
             for g in Goal.objects.filter(document=document).order_by("order", "code")
             .values("code", "title_kk", "title_ru", "title_en")]
    payload = SimpleNamespace(code=document.code, type=document.type,
                              title={lang: getattr(document, f"title_{lang}") or "" for lang in LANGS}, goals=goals)
    context = SimpleNamespace(analysis=data)
    findings: list[Finding] = []
    for rule_id in ANALYSIS_RULES:
        findings.extend(REGISTRY[rule_id].run(payload, context))
    return findings


def analysis_notes(document: Document, data: AnalysisData | None = None) -> AnalysisNotes:
    """The findings as notes in the active language, keyed by the item or the section they are shown next to."""
    items: dict[Key, list[Note]] = defaultdict(list)
    sections: dict[str, list[Note]] = defaultdict(list)
    findings = analysis_findings(document, data)
    lang = (get_language() or "kk")[:2]
    for f in findings:
        note = note_of(f)
        kind = f.item.kind
        if kind == "document":
            sections[SECTION_OF_RULE.get(f.rule, "years")].append(note)
        elif kind in SECTION_OF_KIND:  # named, since it stands in a section, not next to its item
            sections[SECTION_OF_KIND[kind]].append(replace(note, text=f"{f.item.code}. {f.item.title_in(lang)} — "
                                                                        f"{note.text}"))
        elif note not in items[(kind, f.item.code)]:
            items[(kind, f.item.code)].append(note)
    errors = sum(1 for f in findings if f.severity == ERROR)
    return AnalysisNotes(dict(items), dict(sections), errors, len(findings) - errors)
