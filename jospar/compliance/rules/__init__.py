"""The checkable rules of the methodology (SPEC part 1 §18 V-01..V-74, Annex 3 A3-V*, clause rules R-*).

Importing this package registers every rule in `REGISTRY`. Pure Python: no Django import.
"""

from __future__ import annotations

from . import analysis, development, document, goals, indicators, measures, resources  # noqa: F401  (registration)
from .base import (
    EDITION,
    ERROR,
    REGISTRY,
    WARNING,
    Context,
    Finding,
    ItemRef,
    Rule,
    remembering_breakdowns,
    rules_for,
)


def run_rules(payload, context: Context, *, only: set[str] | None = None) -> list[Finding]:
    """Every finding of every rule that applies to the payload's type, in registry order."""
    findings: list[Finding] = []
    with remembering_breakdowns():
        for r in rules_for(payload.type):
            if only is None or r.id in only:
                findings.extend(r.run(payload, context))
    return findings


__all__ = ["EDITION", "ERROR", "REGISTRY", "WARNING", "Context", "Finding", "ItemRef", "Rule", "run_rules",
           "rules_for"]
