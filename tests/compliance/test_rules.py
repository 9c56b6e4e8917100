"""Each rule of the checker: the clean document of its type passes it, one targeted flaw makes it fire.

Pure tests (no database): the payloads and the context are built in `builders.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from jospar.compliance.rules import REGISTRY, run_rules
from jospar.compliance.rules.base import ERROR, WARNING
from jospar.compliance.rules.development import DeadlineFact, HigherItem
from jospar.compliance.rules.indicators import add_month

from . import builders as b


def ind(d: dict, code: str) -> dict:
    return next(i for i in d["indicators"] if i["code"] == code)


def findings(data: dict, ctx=None, only: str | None = None):
    ctx = ctx or b.context(data["type"])
    return run_rules(b.payload(data), ctx, only={only} if only else None)


@pytest.mark.parametrize("doc_type", sorted(b.BASES))
def test_the_clean_document_of_each_type_has_no_finding_at_all(doc_type):
    assert [(f.rule, f.item.code, f.message) for f in findings(b.BASES[doc_type]())] == []


def _set(path):
    def apply(d, ctx):
        path(d, ctx)
    return apply


def drop_section(key):
    def apply(d, ctx):
        d["sections"] = [s for s in d["sections"] if s["key"] != key]
    return apply


def swap_section_order(d, ctx):
    d["sections"][0]["order"], d["sections"][1]["order"] = 2, 1


def blank_section(d, ctx):
    d["sections"][0]["text"] = {"kk": "", "ru": " ", "en": ""}


def v09_no_ti(d, ctx):
    d["indicators"] = [i for i in d["indicators"] if i["code"] != "TI-1"]
    d["indicators"] = [i for i in d["indicators"] if i.get("task") is None]


def v09_missing_year(d, ctx):
    ind(d, "TI-1")["values"] = [v for v in ind(d, "TI-1")["values"] if v["year"] != 2027]


def v10_unlinked(d, ctx):
    for i in d["indicators"]:
        i["parents"] = [p for p in i["parents"] if not p["indicator"].startswith("ndp-x:")]
    ctx.assigned.clear()


def v11_goal_year(d, ctx):
    d["goals"][0]["achievement_year"] = 2031
    d["goals"][0]["tasks"][0]["deadline_year"] = 2029


def v11_final_year(d, ctx):
    ind(d, "TI-1")["final_year"] = 2024


def v12_no_source(d, ctx):
    ind(d, "TI-1")["methodology"]["information_source"] = {"kk": "", "ru": "", "en": ""}


def v12_no_collection(d, ctx):
    ind(d, "RI-1")["methodology"]["data_collection_method"] = "  "


def v13_no_responsible(d, ctx):
    ind(d, "TI-1")["responsible"] = None
    ind(d, "TI-1").pop("responsible_official", None)


def v13_subordinate(d, ctx):
    ind(d, "RI-1")["responsible"] = "bns"


def v14_same_task(d, ctx):
    d["goals"].append({"code": "G9", "direction": d["directions"][0]["code"], "title": b.T("Other goal"),
                       "achievement_year": 2029, "tasks": [dict(d["goals"][0]["tasks"][0])]})
    d["indicators"].append(b.indicator("TI-9", goal="G9", responsible=ind(d, "TI-1")["responsible"],
                                       parents=ind(d, "TI-1")["parents"],
                                       **({"responsible_official": ind(d, "TI-1")["responsible_official"]}
                                          if "responsible_official" in ind(d, "TI-1") else {})))
    d["indicators"].append(b.indicator("RI-9", "result", goal="G9", task="1",
                                       responsible=ind(d, "TI-1")["responsible"],
                                       parents=[{"indicator": f"{d['code']}:TI-9", "kind": "contribution"}]))


def v15_no_task(d, ctx):
    d["goals"][0]["tasks"] = []
    d["indicators"] = [i for i in d["indicators"] if i["kind"] != "result"]


def v16_task_late(d, ctx):
    d["goals"][0]["achievement_year"] = 2027
    ind(d, "TI-1")["final_year"] = 2027
    if ind(d, "TI-1").get("parents") and ind(d, "TI-1")["parents"][0]["kind"] == "copy":
        ind(d, "TI-1")["parents"][0]["kind"] = "contribution"
    ind(d, "RI-1")["final_year"] = 2027


def v16_result_late(d, ctx):
    d["goals"][0]["achievement_year"] = 2028
    d["goals"][0]["tasks"][0]["deadline_year"] = 2028


def v17_no_ri(d, ctx):
    d["indicators"] = [i for i in d["indicators"] if i["kind"] != "result"]


def v17_ri_year(d, ctx):
    ind(d, "RI-1")["values"] = ind(d, "RI-1")["values"][:-1]


def v18_no_baseline(d, ctx):
    ind(d, "RI-1")["baseline"] = None


def v19_unlinked_ri(d, ctx):
    ind(d, "RI-1")["parents"] = []


def v20_no_formula(d, ctx):
    ind(d, "TI-1")["methodology"]["calculation_method"] = {"kk": "", "ru": "", "en": ""}


def v20_rdp_additional(d, ctx):
    d["indicators"].append(b.indicator("TI-5", goal="G1", responsible="akimat-abai",
                                       methodology={**b.methodology(), "calculation_method": {}}))
    ctx.assigned.extend(b.remote(f"SI-{n}.R1", territory="100000000") for n in range(10, 15))
    for n in range(10, 15):
        d["indicators"].append(b.indicator(f"TI-C{n}", goal="G1", responsible="akimat-abai",
                                           parents=[{"indicator": f"ndp-x:SI-{n}.R1", "kind": "contribution"}]))


def v21_late_methodology(d, ctx):
    d["status"] = "in_force"
    d["approval_act"] = {"name": "Order", "date": "2025-04-30"}


def v29_shares(d, ctx):
    ind(d, "TI-2.D1")["values"][0]["plan"] = "5"


def v29_share_year(d, ctx):
    ind(d, "TI-2.D1")["values"] = ind(d, "TI-2.D1")["values"][:-1]


def r116b_unit(d, ctx):
    ind(d, "TI-1")["unit"] = {"kk": "адам", "ru": "человек", "en": "persons"}


def r116b_polarity(d, ctx):
    ind(d, "TI-1")["polarity"] = "decrease"


def r116b_values(d, ctx):
    ind(d, "TI-1")["values"][1]["plan"] = "99"


def r36_unit(d, ctx):
    ind(d, "RI-1")["unit"] = {"kk": "", "ru": "", "en": ""}


def r42_shares(d, ctx):
    ind(d, "TI-1")["co_executors"] = [{"organization": "edu", "share": "70"}, {"organization": "bns", "share": "40"}]


def v28_year(d, ctx):
    ind(d, "SI-9")["values"] = ind(d, "SI-9")["values"][1:]


def v28_direction(d, ctx):
    ind(d, "SI-9")["direction"] = None


def v30_basis(d, ctx):
    d["basis"] = {}


def v31_period(d, ctx):
    d["period_start"] = 2026
    d["period_end"] = 2029
    ind(d, "TI-1")["values"] = b.values(10, range(2026, 2030))


def v32_not_ndp(d, ctx):
    ind(d, "TI-1")["parents"] = []


def v35_no_plan(d, ctx):
    d["measures"] = []


def v35_measure(d, ctx):
    d["measures"][0].update(goal=None, deadline="2031-01-01", responsible=None)


def v36_basis(d, ctx):
    d["basis"] = {}


def v36_coexec(d, ctx):
    d["co_executors"] = []


def v37_implements(d, ctx):
    d["implements"] = []


def v41_period(d, ctx):
    d["period_end"] = 2030
    for i in d["indicators"]:
        i["values"] = b.values(10, range(2025, 2031))
        i["final_year"] = 2030
    ctx.remote["ndp-x:SI-1"].values[2030] = b.Decimal(15)


def v41_developer(d, ctx):
    d["developer"] = "bns"


def v43_mission(d, ctx):
    d["mission"] = {}


def v44_strategic(d, ctx):
    ind(d, "TI-1")["kind"] = "strategic"


def v45_macro(d, ctx):
    ind(d, "MI-1")["parents"] = []
    ctx.assigned.clear()


def v46_programme(d, ctx):
    d["goals"][0]["budget_program_codes"] = []


def v47_missing(d, ctx):
    ctx.assigned.append(b.remote("SI-3", responsible="moh"))


def v48_final(d, ctx):
    ind(d, "TI-1")["final_year"] = None


def v54_operational(d, ctx):
    d["status"] = "in_force"
    ctx.today = dt.date(2026, 3, 1)


def v56_period(d, ctx):
    d["period_end"] = 2028
    for i in d["indicators"]:
        i["values"] = [v for v in i["values"] if v["year"] <= 2028]
        i["final_year"] = 2028
    d["goals"][0]["achievement_year"] = 2028
    d["goals"][0]["tasks"][0]["deadline_year"] = 2028


def r127_developer(d, ctx):
    d["developer"] = "moh"


def r127_territory(d, ctx):
    d["territory"] = None


def v59_analysis(d, ctx):
    a = next(s for s in d["sections"] if s["key"] == "analysis")
    a["text"] = {"kk": "x" * 500, "ru": "", "en": ""}


def v60_direction(d, ctx):
    d["goals"][0]["direction"] = None


def v61_missing(d, ctx):
    ctx.assigned.append(b.remote("SI-3.R1", territory="100000000"))


def v62_additional(d, ctx):
    d["indicators"].append(b.indicator("TI-5", goal="G1", responsible="akimat-abai"))


def v63_strategic(d, ctx):
    ind(d, "TI-1")["kind"] = "strategic"


def v64_unlinked(d, ctx):
    d["measures"][0]["indicators"] = []


def v66_agreement(d, ctx):
    d["status"] = "approved"
    d["approval_act"] = {"name": "Decision of the maslikhat", "date": "2025-05-20"}
    d["indicators"].append(b.indicator("TI-5", goal="G1", responsible="akimat-abai",
                                       methodology={**b.methodology(), "data_source_type": "departmental_data"}))
    ctx.assigned.extend(b.remote(f"SI-{n}.R1", territory="100000000") for n in range(10, 15))
    for n in range(10, 15):
        d["indicators"].append(b.indicator(f"TI-C{n}", goal="G1", responsible="akimat-abai",
                                           parents=[{"indicator": f"ndp-x:SI-{n}.R1", "kind": "contribution"}]))


def v69_amount(d, ctx):
    d["measures"][0]["financing"][0]["plan"] = None


def v69_negative(d, ctx):
    d["measures"][0]["financing"][0]["plan"] = "-5"


def v73_measure(d, ctx):
    d["measures"][0].update(goal=None, completion_form={})


def v74_budget(d, ctx):
    d["measures"][0]["financing"][0]["administrator"] = None


def a3v2_direction(d, ctx):
    d["goals"][0]["direction"] = None


def a3v2_numbering(d, ctx):
    d["goals"][0]["code"] = "2.1"
    for i in d["indicators"]:
        if i.get("goal") == "1.1":
            i["goal"] = "2.1"


def a3v3_two_goals(d, ctx):
    d["goals"].append({"code": "1.2", "direction": "1", "title": b.T("Goal 2"), "achievement_year": 2029,
                       "budget_program_codes": ["226-067-000"],
                       "tasks": [{"code": "1", "title": b.T("Task 2"), "deadline_year": 2029}]})
    d["indicators"].append(b.indicator("TI-2", goal="1.2", parents=[{"indicator": "ndp-x:SI-2",
                                                                      "kind": "contribution"}],
                                       responsible_official={"full_name": "A. Deputy", "position": b.T("Vice")}))
    d["indicators"].append(b.indicator("RI-2", "result", goal="1.2", task="1",
                                       parents=[{"indicator": "sbdp-x:TI-2", "kind": "contribution"}]))


def a3v5_macro_programme(d, ctx):
    ind(d, "MI-1")["budget_program_code"] = "226-067-000"


def a3v7_official(d, ctx):
    ind(d, "TI-1").pop("responsible_official")


def a3v7_rank(d, ctx):
    ctx.official_ranks[("moh", "A. Deputy")] = "other"


def v49_no_reporting_year(d, ctx):
    d["resources"] = [r for r in d["resources"] if r["year"] != 2023]


def v49_no_staff(d, ctx):
    d["resources"][-1]["staff"] = None


def v50_goal_without_row(d, ctx):
    d["financial_need"] = [n for n in d["financial_need"] if n["goal"] is None]


def v50_indicator_without_row(d, ctx):
    d["financial_need"] = [n for n in d["financial_need"] if n["indicator"] is None]


def v50_no_priority(d, ctx):
    d["financial_need"][1]["priority"] = None


def v50_macro_row(d, ctx):
    d["financial_need"].append(b.need(indicator="MI-1"))


def a4v3_missing_year(d, ctx):
    d["financial_need"][0]["amounts"] = d["financial_need"][0]["amounts"][:-1]


def v22_not_set(d, ctx):
    ind(d, "TI-1")["attribution"] = ""


def v22_single_with_other_body(d, ctx):
    ind(d, "TI-1")["co_executors"] = [{"organization": "bns"}, {"organization": "edu"}]


def v22_multi_alone(d, ctx):
    ind(d, "RI-1")["attribution"] = "multi_body"


def v34_worse_after_ndp(d, ctx):
    ctx.higher_documents["ndp-x"] = b.DocInfo("ndp-x", "ndp", 2025, 2029)
    d["period_end"] = 2031
    ind(d, "TI-1")["values"] += [{"year": 2030, "plan": "14"}, {"year": 2031, "plan": "13.9"}]  # 2029: 14


def v65_central_unassigned(d, ctx):
    ind(d, "TI-2")["parents"] = []


def v67_district_rows(d, ctx):
    ind(d, "TI-2")["district_statistics"] = False


# ------------------------------------------------ V-23, A4-V2, R-119b, V-53, V-55, V-57 and the deadlines (§6)


def v23_co_executor_unlinked(d, ctx):
    # cl. 62: the co-executor edu owns an indicator of the plan that serves no higher indicator
    d["indicators"].append(b.indicator("TI-9", goal="1.1", responsible="edu"))


def v23_higher_not_carried(d, ctx):
    ctx.development = replace(ctx.development, co_executed=(HigherItem("ndp-x:SI-7", b.T("SI-7")),))


def a4v2_no_name(d, ctx):
    ind(d, "TI-1")["budget_program_name"] = {"kk": "", "ru": " ", "en": ""}


def a4v2_no_code(d, ctx):
    d["goals"][0]["budget_program_codes"] = []  # the row stays: V-50 is not what this case is about
    ind(d, "TI-1")["budget_program_code"] = ""


def r119b_indicator_history(d, ctx):
    d["financial_need"][1]["explanatory_note"]["history"] = {}


def r119b_goal_justification(d, ctx):
    d["financial_need"][0]["explanatory_note"]["justification"] = {}


def v53_not_sent(d, ctx):
    d["status"] = "in_force"
    d["goals"][0]["related_bodies"] = ["edu"]


def v55_not_carried(d, ctx):
    ctx.development = replace(ctx.development, transferred=(HigherItem("sbdp-old:TI-7", b.T("TI-7"), "mzsr"),))


def v57_no_group(d, ctx):
    ctx.development = replace(ctx.development, working_group=None)


def v57_no_deputies(d, ctx):
    group = replace(ctx.development.working_group, categories=frozenset({"leb", "public_council"}))
    ctx.development = replace(ctx.development, working_group=group)


def overdue(rule: str, clause: str, version: int | None = None):
    def apply(d, ctx):
        fact = DeadlineFact(rule, clause, "Do it", due=b.TODAY - dt.timedelta(days=1), version=version)
        ctx.development = replace(ctx.development, deadlines=(fact,))
    apply.__name__ = f"overdue_{rule}"
    return apply


CASES = [
    ("V-01", "rdp", drop_section("resources"), "resources"),
    ("V-01", "sbdp", swap_section_order, "sbdp-x"),
    ("V-01", "ndp", blank_section, "introduction"),
    ("V-09", "sbdp", v09_no_ti, "1.1"),
    ("V-09", "rdp", v09_missing_year, "TI-1"),
    ("V-10", "rdp", v10_unlinked, "G1"),
    ("V-11", "sbdp", v11_goal_year, "1.1"),
    ("V-11", "rdp", v11_final_year, "TI-1"),
    ("V-12", "sbdp", v12_no_source, "TI-1"),
    ("V-12", "rdp", v12_no_collection, "RI-1"),
    ("V-13", "sbdp", v13_no_responsible, "TI-1"),
    ("V-13", "rdp", v13_subordinate, "RI-1"),
    ("V-14", "sbdp", v14_same_task, "G9/1"),
    ("V-15", "rdp", v15_no_task, "G1"),
    ("V-16", "sbdp", v16_task_late, "1.1/1"),
    ("V-16", "rdp", v16_result_late, "RI-1"),
    ("V-17", "sbdp", v17_no_ri, "1.1/1"),
    ("V-17", "rdp", v17_ri_year, "RI-1"),
    ("V-18", "sbdp", v18_no_baseline, "RI-1"),
    ("V-19", "rdp", v19_unlinked_ri, "RI-1"),
    ("V-20", "sbdp", v20_no_formula, "TI-1"),
    ("V-20", "rdp", v20_rdp_additional, "TI-5"),
    ("V-21", "sbdp", v21_late_methodology, "TI-1"),
    ("V-28", "ndp", v28_year, "SI-9"),
    ("V-28", "ndp", v28_direction, "SI-9"),
    ("V-29", "rdp", v29_shares, "TI-2"),
    ("V-29", "rdp", v29_share_year, "TI-2"),
    ("V-30", "tdp", v30_basis, "tdp-x"),
    ("V-31", "concept", v31_period, "concept-x"),
    ("V-32", "concept", v32_not_ndp, "TI-1"),
    ("V-35", "concept", v35_no_plan, "concept-x"),
    ("V-35", "concept", v35_measure, "M-1"),
    ("V-36", "concept", v36_basis, "concept-x"),
    ("V-36", "concept", v36_coexec, "concept-x"),
    ("V-37", "concept", v37_implements, "concept-x"),
    ("V-41", "sbdp", v41_period, "sbdp-x"),
    ("V-41", "sbdp", v41_developer, "sbdp-x"),
    ("V-43", "sbdp", v43_mission, "sbdp-x"),
    ("V-44", "sbdp", v44_strategic, "TI-1"),
    ("V-45", "sbdp", v45_macro, "MI-1"),
    ("V-46", "sbdp", v46_programme, "TI-1"),
    ("V-47", "sbdp", v47_missing, "ndp-x:SI-3"),
    ("V-48", "sbdp", v48_final, "TI-1"),
    ("V-54", "sbdp", v54_operational, "sbdp-x"),
    ("V-56", "rdp", v56_period, "rdp-x"),
    ("V-59", "rdp", v59_analysis, "analysis"),
    ("V-60", "rdp", v60_direction, "G1"),
    ("V-61", "rdp", v61_missing, "ndp-x:SI-3.R1"),
    ("V-62", "rdp", v62_additional, "rdp-x"),
    ("V-63", "rdp", v63_strategic, "TI-1"),
    ("V-64", "rdp", v64_unlinked, "M-1"),
    ("V-66", "rdp", v66_agreement, "TI-5"),
    ("V-69", "rdp", v69_amount, "M-1/2026/budget"),
    ("V-69", "rdp", v69_negative, "M-1/2026/budget"),
    ("V-73", "rdp", v73_measure, "M-1"),
    ("V-74", "rdp", v74_budget, "M-1/2026/budget"),
    ("R-36", "sbdp", r36_unit, "RI-1"),
    ("R-42", "sbdp", r42_shares, "TI-1"),
    ("R-116b", "rdp", r116b_unit, "TI-1"),
    ("R-116b", "rdp", r116b_polarity, "TI-1"),
    ("R-116b", "sbdp", lambda d, ctx: r116b_values(d, ctx) or ind(d, "MI-1").update(values=ind(d, "TI-1")["values"]),
     "MI-1"),
    ("R-127", "rdp", r127_developer, "rdp-x"),
    ("R-127", "rdp", r127_territory, "rdp-x"),
    ("A3-V2", "sbdp", a3v2_direction, "1.1"),
    ("A3-V2", "sbdp", a3v2_numbering, "2.1"),
    ("A3-V3", "sbdp", a3v3_two_goals, "1.2"),
    ("A3-V5", "sbdp", a3v5_macro_programme, "MI-1"),
    ("A3-V7", "sbdp", a3v7_official, "TI-1"),
    ("A3-V7", "sbdp", a3v7_rank, "TI-1"),
    ("V-49", "sbdp", v49_no_reporting_year, "sbdp-x"),
    ("V-49", "sbdp", v49_no_staff, "sbdp-x"),
    ("V-50", "sbdp", v50_goal_without_row, "1.1"),
    ("V-50", "sbdp", v50_indicator_without_row, "TI-1"),
    ("V-50", "sbdp", v50_no_priority, "TI-1"),
    ("V-50", "sbdp", v50_macro_row, "MI-1"),
    ("A4-V3", "sbdp", a4v3_missing_year, "1.1"),
    ("V-22", "sbdp", v22_not_set, "TI-1"),
    ("V-22", "sbdp", v22_single_with_other_body, "TI-1"),
    ("V-22", "rdp", v22_multi_alone, "RI-1"),
    ("V-34", "concept", v34_worse_after_ndp, "TI-1"),
    ("V-65", "rdp", v65_central_unassigned, "TI-2"),
    ("V-67", "rdp", v67_district_rows, "TI-2"),
    ("V-23", "sbdp", v23_co_executor_unlinked, "TI-9"),
    ("V-23", "sbdp", v23_higher_not_carried, "ndp-x:SI-7"),
    ("A4-V2", "sbdp", a4v2_no_name, "TI-1"),
    ("A4-V2", "sbdp", a4v2_no_code, "TI-1"),
    ("R-119b", "sbdp", r119b_indicator_history, "TI-1"),
    ("R-119b", "sbdp", r119b_goal_justification, "1.1"),
    ("V-53", "sbdp", v53_not_sent, "1.1"),
    ("V-55", "sbdp", v55_not_carried, "sbdp-old:TI-7"),
    ("V-57", "rdp", v57_no_group, "rdp-x"),
    ("V-57", "rdp", v57_no_deputies, "rdp-x"),
    ("V-24", "ndp", overdue("dev-ndp-start", "cl. 64"), "ndp-x"),
    ("V-25", "ndp", overdue("dev-ndp-proposals", "cl. 73"), "ndp-x"),
    ("V-27", "ndp", overdue("dev-ndp-opm", "cl. 75"), "ndp-x"),
    ("V-51", "sbdp", overdue("dev-sbdp-send", "cl. 122", version=1), "sbdp-x"),
    ("V-52", "sbdp", overdue("dev-sbdp-publish", "cl. 123", version=2), "sbdp-x"),
    ("V-70", "rdp", overdue("dev-rdp-review", "cl. 151"), "rdp-x"),
    ("V-71", "rdp", overdue("dev-rdp-maslikhat", "cl. 152"), "rdp-x"),
    ("V-72", "rdp", overdue("dev-rdp-send", "cl. 153", version=1), "rdp-x"),
    ("V-72", "rdp", overdue("dev-rdp-publish", "cl. 154", version=1), "rdp-x"),
]


@pytest.mark.parametrize(("rule_id", "doc_type", "flaw", "item"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{getattr(c[2], '__name__', 'flaw')}" for c in CASES])
def test_one_flaw_makes_its_rule_fire_on_the_named_item(rule_id, doc_type, flaw, item):
    data, ctx = b.BASES[doc_type](), b.context(doc_type)
    assert not findings(data, ctx, only=rule_id)  # the clean document passes this very rule
    flaw(data, ctx)
    fired = findings(data, ctx, only=rule_id)
    assert fired, f"{rule_id} did not fire"
    assert item in {f.item.code for f in fired}
    assert all(f.severity == REGISTRY[rule_id].severity and f.clause == REGISTRY[rule_id].clause for f in fired)


def test_every_registered_rule_has_a_failing_case_in_the_table():
    analysis = {"V-02", "V-03", "V-04", "V-05", "V-06", "V-07", "V-08"}  # tests/analysis/test_rules.py
    assert set(REGISTRY) - analysis == {c[0] for c in CASES}


def test_every_rule_cites_a_clause_or_annex_and_has_a_known_severity():
    for r in REGISTRY.values():
        assert r.severity in (ERROR, WARNING)
        assert r.clause.startswith(("cl.", "Annex")), r.id


def test_inferred_rules_are_warnings_not_errors():
    # SPEC §18 marks these [I] (or the catalogue gives W): they must never block a document.
    for rule_id in ("V-10", "V-15", "V-19", "V-29", "V-32", "V-37", "V-46", "V-54", "V-59", "V-64", "R-42", "R-116b",
                    "V-22", "V-34", "V-65", "A4-V3", "V-23", "V-53", "V-57", "V-24", "V-25", "V-27", "V-51", "V-52",
                    "V-70", "V-71", "V-72"):
        assert REGISTRY[rule_id].severity == WARNING, rule_id


def test_the_missing_years_of_a_target_indicator_are_named():
    data = b.rdp()
    ind(data, "TI-1")["values"] = [v for v in ind(data, "TI-1")["values"] if v["year"] in (2025, 2029)]
    (finding,) = [f for f in findings(data, only="V-09")]
    assert finding.params["years"] == "2026, 2027, 2028"


def test_the_cap_of_additional_indicators_is_a_fifth_of_the_assigned_rounded_down():
    data, ctx = b.rdp(), b.context("rdp")
    ctx.assigned.extend(b.remote(f"SI-{n}.R1", territory="100000000") for n in range(10, 19))  # 10 assigned
    for n in range(10, 19):
        data["indicators"].append(b.indicator(f"TI-C{n}", goal="G1", responsible="akimat-abai",
                                              parents=[{"indicator": f"ndp-x:SI-{n}.R1", "kind": "contribution"}]))
    data["indicators"] += [b.indicator("TI-A1", goal="G1", responsible="akimat-abai"),
                           b.indicator("TI-A2", goal="G1", responsible="akimat-abai")]
    assert not findings(data, ctx, only="V-62")  # 2 <= floor(0.2 x 10)
    data["indicators"].append(b.indicator("TI-A3", goal="G1", responsible="akimat-abai"))
    (finding,) = findings(data, ctx, only="V-62")
    assert (finding.params["count"], finding.params["cap"]) == (3, 2)


@pytest.mark.parametrize(("day", "due"), [
    (dt.date(2025, 1, 31), dt.date(2025, 2, 28)),
    (dt.date(2024, 1, 31), dt.date(2024, 2, 29)),
    (dt.date(2025, 12, 15), dt.date(2026, 1, 15)),
])
def test_the_methodology_is_due_one_calendar_month_after_approval(day, due):
    assert add_month(day) == due


def test_the_methodology_deadline_is_not_yet_passed_on_the_due_day():
    data, ctx = b.sbdp(), b.context("sbdp")
    v21_late_methodology(data, ctx)
    ctx.today = dt.date(2025, 5, 30)
    assert not findings(data, ctx, only="V-21")
    ctx.today = dt.date(2025, 5, 31)
    assert findings(data, ctx, only="V-21")
