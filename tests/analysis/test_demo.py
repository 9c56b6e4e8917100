"""The demo analyses: consistent with the demo documents, built through the services, idempotent."""

from __future__ import annotations

import pytest

from jospar.analysis import tree
from jospar.analysis.models import Analysis, Problem
from jospar.compliance.services import check_document
from jospar.demo import analysis as demo
from jospar.demo import flawed, rdp, sbdp
from jospar.interchange.services import do_import_document
from tests.compliance.test_checker import small_ndp

PAYLOADS = {"sbdp-moh-2025-2029": sbdp.build_moh, "rdp-karaganda-2024-2028": rdp.build_karaganda,
            "rdp-flawed-demo": flawed.build}


@pytest.mark.parametrize("spec", demo.SPECS, ids=[s["document"] for s in demo.SPECS])
def test_each_demo_analysis_refers_to_goals_and_indicators_of_its_document_and_has_a_problem_tree(spec):
    payload = PAYLOADS[spec["document"]]()
    goals, indicators = {g.code for g in payload.goals}, {i.code for i in payload.indicators}
    problems = [code for code, _text, _key in spec["problems"]]
    assert {g for g, _p in spec["goal_problems"]} <= goals
    assert {g for r in spec["risks"] for g in r["goals"]} <= goals
    assert {i for r in spec["risks"] for i in r["indicators"]} <= indicators
    tree.problem_levels(problems, spec["problem_links"])  # raises on a cycle


def test_the_flawed_demo_analysis_shows_the_analysis_rules_at_work_and_loads_once(reference):
    do_import_document(small_ndp())
    do_import_document(flawed.build())
    assert dict(demo.load_demo_analysis()) == {"sbdp-moh-2025-2029": "no document",
                                               "rdp-karaganda-2024-2028": "no document",
                                               "rdp-flawed-demo": "created"}
    report = check_document(Analysis.objects.get().document)
    found = sorted({(f.rule, f.item.code) for f in report.findings if f.rule in ("V-02", "V-05", "V-06", "V-08")})
    assert found == [("V-02", flawed.CODE), ("V-05", flawed.CODE), ("V-06", "P2"), ("V-08", "G2"), ("V-08", "G3")]
    assert dict(demo.load_demo_analysis())["rdp-flawed-demo"] == "unchanged"
    assert Problem.objects.count() == 2
