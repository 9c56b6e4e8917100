"""The analysis-stage rules V-02..V-08 (SPEC part 1 §18): one passing and one failing case each. No database."""

from __future__ import annotations

import pytest

from jospar.compliance.rules import REGISTRY, run_rules
from jospar.compliance.rules.analysis import AnalysisData, FactorInfo, ProblemInfo, SwotInfo
from jospar.compliance.rules.base import ERROR, WARNING
from jospar.compliance.services import render_finding, render_message
from tests.compliance import builders as b

ANALYSIS_RULES = ("V-02", "V-03", "V-04", "V-05", "V-06", "V-07", "V-08")


def T(text: str) -> dict[str, str]:  # noqa: N802
    return {"kk": text + " (kk)", "ru": text + " (ru)", "en": text}


def clean() -> AnalysisData:
    """A complete analysis of the clean regional plan of the builders (goals G1, G2)."""
    return AnalysisData(
        recorded=True, development_year=2024, data_years={2021, 2022, 2023},
        factors=[FactorInfo("F1", "external", "economic", T("Oil prices")),
                 FactorInfo("F2", "internal", "demographic", T("Young people leave"))],
        swot=[SwotInfo("S1", "strength", "internal", T("Mining")), SwotInfo("W1", "weakness", "internal", T("Pipes")),
              SwotInfo("O1", "opportunity", "external", T("Investment")),
              SwotInfo("T1", "threat", "external", T("Metal prices"))],
        problems=[ProblemInfo("P1", T("Young people migrate out of the region"), True),
                  ProblemInfo("P2", T("Few jobs in single-industry towns"), True),
                  ProblemInfo("P3", T("The economy depends on raw materials"), False)],
        links=[("P3", "P2"), ("P2", "P1")],
        goal_problems={"G1": {"P1"}, "G2": {"P2"}},
    )


def rdp() -> dict:
    """The clean regional plan of the builders with a second goal G2."""
    data = b.rdp()
    data["goals"].append({**data["goals"][0], "code": "G2", "title": T("Second goal"), "tasks": []})
    return data


def check(doc_type: str, analysis: AnalysisData | None, rule_id: str):
    data, ctx = (rdp() if doc_type == "rdp" else b.BASES[doc_type]()), b.context(doc_type)
    if analysis is not None:
        ctx.analysis = analysis
    return run_rules(b.payload(data), ctx, only={rule_id})


def test_the_clean_regional_plan_with_a_complete_analysis_passes_every_analysis_rule():
    goals = {g["code"] for g in rdp()["goals"]}
    assert goals == set(clean().goal_problems), "the builders' goals changed: adapt clean()"
    assert [(f.rule, f.item.code) for r in ANALYSIS_RULES for f in check("rdp", clean(), r)] == []


@pytest.mark.parametrize("doc_type", sorted(b.BASES))
def test_the_rules_are_silent_when_the_context_carries_no_analysis(doc_type):
    assert [f for r in ANALYSIS_RULES for f in check(doc_type, None, r)] == []


def test_rules_other_than_v05_are_silent_on_a_document_with_no_analysis_recorded():
    assert [f.rule for r in ANALYSIS_RULES for f in check("rdp", AnalysisData(recorded=False), r)] == ["V-05"]
    assert [f.rule for r in ANALYSIS_RULES for f in check("sbdp", AnalysisData(recorded=False), r)] == []


def test_v02_names_the_missing_data_years():
    a = clean()
    a.data_years = {2018, 2022}  # an extra older year is allowed; 2021 and 2023 are missing
    (f,) = check("rdp", a, "V-02")
    assert (f.item.kind, f.params["years"], f.params["year"]) == ("document", "2021, 2023", 2024)
    assert render_finding(f, "en").endswith("the analysis has no data for 2021, 2023: it uses the data of the "
                                            "three years before 2024")


def test_v03_fires_on_a_factor_without_kind_or_with_an_unknown_group():
    a = clean()
    a.factors.append(FactorInfo("F3", "", "weather", T("Drought")))
    found = check("rdp", a, "V-03")
    assert [(f.item.kind, f.item.code, f.params) for f in found] == [
        ("factor", "F3", {"kind": "—"}), ("factor", "F3", {"group": "weather"})]


def test_v04_fires_when_the_aspect_does_not_follow_the_category():
    a = clean()
    a.swot.append(SwotInfo("O2", "opportunity", "internal", T("Tourism")))
    (f,) = check("rdp", a, "V-04")
    assert f.item.code == "O2"
    assert render_finding(f, "en") == ("[V-04, cl. 19-20] error: SWOT item O2 «Tourism»: the SWOT item is in the category "
                                       "opportunity, so its aspect is external, not internal")


def test_v05_fires_on_a_regional_plan_without_swot_or_with_categories_missing():
    a = clean()
    a.swot = [s for s in a.swot if s.category in ("strength", "weakness")]
    (f,) = check("rdp", a, "V-05")
    assert render_finding(f, "en").endswith("the SWOT analysis has no opportunities, threats")
    a.swot = []
    (f,) = check("rdp", a, "V-05")
    assert f.message.startswith("the regional plan has no SWOT analysis")
    assert check("sbdp", a, "V-05") == []  # required for regional plans only (cl. 130(5))


def test_v06_fires_on_a_problem_that_nearly_repeats_another():
    a = clean()
    a.problems.append(ProblemInfo("P4", T("Young people migrate out of the regions"), False))
    (f,) = check("rdp", a, "V-06")
    assert (f.item.code, f.params["other"]) == ("P4", "P1")


def test_v07_names_each_cycle_of_the_cause_and_effect_links():
    a = clean()
    a.links += [("P1", "P3")]
    (f,) = check("rdp", a, "V-07")
    assert f.severity == ERROR and f.item.kind == "problem"
    assert f.params["cycle"] in ("P3 → P2 → P1 → P3", "P2 → P1 → P3 → P2", "P1 → P3 → P2 → P1")


def test_v08_fires_without_key_problems_and_on_a_goal_formed_on_no_key_problem():
    a = clean()
    a.goal_problems = {"G1": {"P1"}, "G2": {"P3"}}  # P3 is not a key problem
    assert [(f.item.kind, f.item.code) for f in check("rdp", a, "V-08")] == [("goal", "G2")]
    a.problems = [ProblemInfo(p.code, p.text, False) for p in a.problems]
    assert [(f.item.kind, f.item.code) for f in check("rdp", a, "V-08")] == [
        ("document", "rdp-x"), ("goal", "G1"), ("goal", "G2")]


def test_each_analysis_rule_cites_its_clause_and_inferred_ones_are_warnings():
    expected = {"V-02": ("cl. 9", WARNING), "V-03": ("cl. 10-13", ERROR), "V-04": ("cl. 19-20", ERROR),
                "V-05": ("cl. 17, 130(5)", WARNING), "V-06": ("cl. 25", WARNING), "V-07": ("cl. 26-27", ERROR),
                "V-08": ("cl. 23, 30, 113(1)", WARNING)}
    assert {r: (REGISTRY[r].clause, REGISTRY[r].severity) for r in ANALYSIS_RULES} == expected


def test_the_messages_are_translated_into_kazakh_and_russian():
    a = clean()
    a.data_years = {2022, 2023}
    (f,) = check("rdp", a, "V-02")
    kk, ru, en = (render_message(f, lang) for lang in ("kk", "ru", "en"))
    assert en == "the analysis has no data for 2021: it uses the data of the three years before 2024"
    assert len({kk, ru, en}) == 3 and all("2021" in text and "2024" in text for text in (kk, ru))
