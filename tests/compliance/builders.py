"""Clean payloads of each document type and the context they are checked in: every rule passes on them.

Pure data (no database): the rule tests mutate one thing and expect exactly the rule it breaks to fire.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

from jospar.compliance.rules.base import Context, DocInfo, OrgInfo, RemoteIndicator
from jospar.compliance.rules.development import DevelopmentFacts, WorkingGroupFact
from jospar.interchange.schema import DocumentPayload
from jospar.planning.sections import required_sections

YEARS = range(2025, 2030)
TODAY = dt.date(2025, 6, 1)


def T(text: str) -> dict[str, str]:  # noqa: N802
    return {"kk": text + " (kk)", "ru": text + " (ru)", "en": text}


def sections(doc_type: str, analysis_size: int = 10) -> list[dict]:
    out = []
    for n, spec in enumerate(required_sections(doc_type), start=1):
        text = "x" * (analysis_size if spec.key == "analysis" else 100)
        out.append({"key": spec.key, "order": n, "title": {"kk": spec.kk, "ru": spec.ru, "en": spec.en},
                    "text": {"kk": text, "ru": text, "en": text}})
    return out


def methodology() -> dict:
    return {"information_source": T("Bureau of National Statistics"), "data_collection_method": "statistical survey",
            "calculation_method": T("A / B x 100"), "data_source_type": "official_statistics", "status": "draft"}


def values(start: int = 10, years=YEARS) -> list[dict]:
    return [{"year": y, "plan": str(start + y - 2025)} for y in years]


def constant(value: int, years=YEARS) -> list[dict]:
    return [{"year": y, "plan": str(value)} for y in years]


def remote(code: str, *, document="ndp-x", document_type="ndp", territory=None, responsible=None,
           unit="%", polarity="increase", start=10) -> RemoteIndicator:
    return RemoteIndicator(
        document=document, document_type=document_type, code=code, kind="strategic", title=T(code),
        unit={"kk": unit, "ru": unit, "en": unit}, polarity=polarity, value_kind="relative", in_strategic_map=True,
        responsible=responsible, territory=territory, period_start=2025, period_end=2029,
        values={y: Decimal(start + y - 2025) for y in YEARS},
    )


ORGS = {
    "moh": OrgInfo("moh", "central_state_body"),
    "edu": OrgInfo("edu", "central_state_body"),
    "mne": OrgInfo("mne", "central_state_body", "strategic_planning"),
    "bns": OrgInfo("bns", "subordinate_organization"),
    "akimat-abai": OrgInfo("akimat-abai", "local_executive_body"),
}
UNIT = {"kk": "%", "ru": "%", "en": "%"}


def indicator(code: str, kind: str = "target", **extra) -> dict:
    data = {"code": code, "kind": kind, "title": T(code), "unit": UNIT, "baseline": {"year": 2024, "value": "9"},
            "final_year": 2029, "responsible": "moh", "methodology": methodology(), "values": values(),
            "attribution": "single_body"}
    data.update(extra)
    return data


def sbdp() -> dict:
    return {
        "code": "sbdp-x", "type": "sbdp", "title": T("State body plan"), "period_start": 2025, "period_end": 2029,
        "developer": "moh", "co_executors": ["edu"], "mission": T("Mission"), "vision": T("Vision"),
        "implements": ["ndp-x"], "sections": sections("sbdp"),
        "directions": [{"code": "1", "title": T("Direction")}],
        "goals": [{"code": "1.1", "direction": "1", "title": T("Goal"), "achievement_year": 2029,
                   "budget_program_codes": ["226-067-000"],
                   "tasks": [{"code": "1", "title": T("Task"), "deadline_year": 2029}]}],
        "indicators": [
            indicator("MI-1", "macro", direction="1", parents=[{"indicator": "ndp-x:SI-1", "kind": "copy"}],
                      responsible_official={"full_name": "A. Deputy", "position": T("Vice minister")}),
            indicator("TI-1", goal="1.1", parents=[{"indicator": "ndp-x:SI-2", "kind": "contribution"}],
                      responsible_official={"full_name": "A. Deputy", "position": T("Vice minister")},
                      budget_program_name=T("Provision of health care")),  # Annex 4 col. 10
            indicator("RI-1", "result", goal="1.1", task="1",
                      parents=[{"indicator": "sbdp-x:TI-1", "kind": "contribution"}]),
        ],
        # cl. 117: the reporting year 2023, the current year 2024 and the five planned years
        "resources": [{"year": y, "budget_expenditure": str(1000 + 10 * (y - 2023)), "national_project_expenditure":
                       "100", "staff": 250} for y in range(2023, 2030)],
        "financial_need": [need(goal="1.1"), need(indicator="TI-1", priority=2)],
    }


def need(*, goal=None, indicator=None, priority=1, years=YEARS) -> dict:
    """A complete row of Annex 4: 100 million tenge a year."""
    return {"goal": goal, "indicator": indicator, "priority": priority, "grounds": T("Instruction of the President"),
            "expected_effect": T("Fewer deaths"), "gdp_contribution": T("Does not affect GDP"),
            # cl. 119 ¶2: items 2-3 are about target indicators only; item 4 about goals and indicators
            "explanatory_note": {"history": T("Financed 90 of 100 a year; executed in 2022-2024") if indicator else {},
                                 "calculation": T("Baseline 9, +1 a year") if indicator else {},
                                 "justification": T("100 a year: 10 units at 10 each; priority 1")},
            "amounts": [{"year": y, "amount": "100"} for y in years]}


def rdp() -> dict:
    district = {"kind": "share", "dimension": "district", "indicator": "rdp-x:TI-2"}
    return {
        "code": "rdp-x", "type": "rdp", "title": T("Regional plan"), "period_start": 2025, "period_end": 2029,
        "developer": "akimat-abai", "territory": "100000000", "implements": ["ndp-x"],
        "sections": sections("rdp"),
        "directions": [{"code": "D1", "title": T("Direction")}],
        "goals": [{"code": "G1", "direction": "D1", "title": T("Goal"), "achievement_year": 2029,
                   "tasks": [{"code": "1", "title": T("Task"), "deadline_year": 2029}]}],
        "indicators": [
            indicator("TI-1", goal="G1", responsible="akimat-abai", district_statistics=False,
                      parents=[{"indicator": "ndp-x:SI-1.R1", "kind": "copy"}]),
            indicator("TI-2", goal="G1", responsible="akimat-abai", values=values(10), initiator="edu",
                      parents=[{"indicator": "ndp-x:SI-2.R1", "kind": "share", "dimension": "region"}]),
            indicator("TI-2.D1", goal="G1", responsible="akimat-abai", values=constant(4), parents=[district],
                      territory="101000000"),
            indicator("TI-2.D2", goal="G1", responsible="akimat-abai", values=values(6), parents=[district],
                      territory="101800000"),
            indicator("RI-1", "result", goal="G1", task="1", responsible="akimat-abai",
                      parents=[{"indicator": "rdp-x:TI-1", "kind": "contribution"}]),
        ],
        "measures": [{
            "code": "M-1", "goal": "G1", "indicators": ["TI-1"], "title": T("Measure"),
            "completion_form": T("Act"), "deadline": "2026-12-25", "responsible": "akimat-abai",
            "financing": [{"year": 2026, "source": "budget", "budget_program_code": "123-001-000",
                           "administrator": "akimat-abai", "plan": "100"}],
        }],
    }


def concept() -> dict:
    return {
        "code": "concept-x", "type": "concept", "title": T("Concept"), "period_start": 2023, "period_end": 2029,
        "developer": "edu", "co_executors": ["moh"], "basis": T("Instruction"), "implements": ["ndp-x"],
        "sections": sections("concept"),
        "goals": [{"code": "G1", "title": T("Goal"), "achievement_year": 2029}],
        "indicators": [indicator("TI-1", goal="G1", responsible="edu", values=values(10, range(2023, 2030)),
                                 parents=[{"indicator": "ndp-x:SI-2", "kind": "contribution"}])],
        "measures": [{"code": "M-1", "goal": "G1", "title": T("Reform"), "deadline": "2025-12-01",
                      "responsible": "edu"}],
    }


def ndp() -> dict:
    share = {"kind": "share", "dimension": "region", "indicator": "ndp-x:SI-9"}
    return {
        "code": "ndp-x", "type": "ndp", "title": T("National plan"), "period_start": 2025, "period_end": 2029,
        "developer": "mne", "sections": sections("ndp"), "directions": [{"code": "P1", "title": T("Priority")}],
        "indicators": [
            indicator("SI-9", "strategic", direction="P1", responsible="mne", values=values(10),
                      in_strategic_map=True),
            indicator("SI-9.R1", "strategic", direction="P1", responsible="akimat-abai", values=constant(3),
                      parents=[share], territory="100000000", in_strategic_map=True),
            indicator("SI-9.R2", "strategic", direction="P1", responsible="akimat-abai", values=values(7),
                      parents=[share], territory="110000000", in_strategic_map=True),
        ],
    }


def tdp() -> dict:
    return {"code": "tdp-x", "type": "tdp", "title": T("Territorial plan"), "period_start": 2025,
            "period_end": 2034, "developer": "mne", "basis": T("Instruction of the President"),
            "sections": sections("tdp")}


__all__ = ["DocInfo", "Decimal"]

BASES = {"sbdp": sbdp, "rdp": rdp, "concept": concept, "ndp": ndp, "tdp": tdp}


def context(doc_type: str) -> Context:
    refs = [remote("SI-1"), remote("SI-2"), remote("SI-1.R1", territory="100000000"),
            remote("SI-2.R1", territory="100000000")]
    assigned = {"sbdp": [refs[0]], "rdp": [refs[2]]}.get(doc_type, [])
    ctx = Context(today=TODAY, orgs=dict(ORGS), official_ranks={("moh", "A. Deputy"): "deputy_head"},
                  remote={r.ref: r for r in refs}, assigned=list(assigned))
    ctx.development = development(doc_type)
    return ctx


def development(doc_type: str) -> DevelopmentFacts:
    """What the workflow recorded, all in order: the working group of a regional plan complete (cl. 128)."""
    group = WorkingGroupFact("12", dt.date(2024, 3, 1), frozenset({"leb", "public_council", "maslikhat_deputy"}))
    return DevelopmentFacts(working_group=group if doc_type == "rdp" else None)


def payload(data: dict) -> DocumentPayload:
    return DocumentPayload.model_validate(copy.deepcopy(data))
