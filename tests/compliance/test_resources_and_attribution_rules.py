"""The rules on resources, the financial need, attribution, initiative and district statistics, in detail
(cl. 60, 95 ¶3, 117, 119-120, 146, 149; Annexes 3, 4 and 7). Pure tests: payloads from `builders.py`."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jospar.compliance.rules.indicators import worse

from . import builders as b
from .test_rules import findings, ind


def test_resources_are_asked_for_the_reporting_year_the_current_year_and_the_five_planned_years():
    data = b.sbdp()
    data["resources"] = [r for r in data["resources"] if r["year"] not in (2023, 2024, 2029)]
    money, staff = findings(data, only="V-49")
    assert money.params["years"] == staff.params["years"] == "2023, 2024, 2029"
    assert "budget expenditure" in money.message and "staff" in staff.message


def test_a_year_with_money_but_no_staff_is_named_only_for_the_staff():
    data = b.sbdp()
    data["resources"][2]["staff"] = None
    (finding,) = findings(data, only="V-49")
    assert finding.params["years"] == "2025" and "staff" in finding.message


def test_a_target_indicator_without_budget_programme_needs_no_row_of_the_financial_need():
    data = b.sbdp()
    data["goals"][0]["budget_program_codes"] = []
    data["financial_need"] = [n for n in data["financial_need"] if n["indicator"] is None]
    assert not findings(data, only="V-50")


def test_a_result_indicator_in_the_financial_need_is_refused_by_v50():
    data = b.sbdp()
    data["financial_need"].append(b.need(indicator="RI-1"))
    (finding,) = findings(data, only="V-50")
    assert finding.item.code == "RI-1" and "only goals and target indicators" in finding.message


def test_the_total_of_a_row_is_the_sum_of_the_years_it_has():
    data = b.sbdp()
    data["financial_need"][0]["amounts"] = [{"year": 2025, "amount": "12.5"}, {"year": 2027, "amount": "7.25"}]
    (finding,) = findings(data, only="A4-V3")
    assert finding.params == {"years": "2026, 2028, 2029", "total": Decimal("19.75")}


def test_a_single_body_indicator_may_be_co_executed_by_subordinate_organizations():
    data = b.sbdp()
    ind(data, "TI-1")["co_executors"] = [{"organization": "bns", "share": "20"}]
    assert not findings(data, only="V-22")


def test_a_multi_body_indicator_with_a_co_executor_passes_v22():
    data = b.sbdp()
    ind(data, "TI-1").update(attribution="multi_body", co_executors=[{"organization": "edu"}])
    assert not findings(data, only="V-22")


def test_breakdown_rows_and_macroindicators_need_no_attribution():
    data = b.rdp()
    for code in ("TI-2.D1", "TI-2.D2"):
        ind(data, code)["attribution"] = ""
    assert not findings(data, only="V-22")


def test_a_central_initiative_linked_to_an_assigned_map_row_passes_v65():
    data = b.rdp()
    ind(data, "TI-1")["initiator"] = "moh"  # linked to ndp-x:SI-1.R1, assigned to the region
    assert not findings(data, only="V-65")


def test_the_akimat_may_initiate_an_unlinked_indicator():
    data = b.rdp()
    ind(data, "TI-2").update(initiator="akimat-abai", parents=[])
    assert not findings(data, only="V-65")


def test_an_initiator_of_unknown_kind_is_not_judged():
    data = b.rdp()
    ind(data, "TI-2").update(initiator="mystery-body", parents=[])
    assert not findings(data, only="V-65")


def test_v67_names_every_district_row_of_the_indicator():
    data = b.rdp()
    ind(data, "TI-2")["district_statistics"] = False
    (finding,) = findings(data, only="V-67")
    assert finding.params["codes"] == "TI-2.D1, TI-2.D2"


def _concept_until_2031(later: list[str], polarity: str = "increase"):
    data, ctx = b.concept(), b.context("concept")
    ctx.higher_documents["ndp-x"] = b.DocInfo("ndp-x", "ndp", 2025, 2029)
    data["period_end"] = 2031
    ind(data, "TI-1").update(polarity=polarity)
    ind(data, "TI-1")["values"] += [{"year": 2030, "plan": later[0]}, {"year": 2031, "plan": later[1]}]
    return data, ctx


def test_v34_uses_the_end_of_the_national_plan_the_concept_implements():
    data, ctx = _concept_until_2031(["15", "13"])  # the value of 2029 is 14
    (finding,) = findings(data, ctx, only="V-34")
    assert finding.params == {"years": "2031", "value": Decimal("14"), "end": 2029}


def test_v34_judges_a_lower_is_better_indicator_the_other_way():
    data, ctx = _concept_until_2031(["13", "15"], polarity="decrease")
    (finding,) = findings(data, ctx, only="V-34")
    assert finding.params["years"] == "2031"


def test_v34_is_silent_when_the_national_plan_is_unknown():
    data, ctx = _concept_until_2031(["1", "1"])
    ctx.higher_documents.clear()
    ctx.remote.clear()
    assert not findings(data, ctx, only="V-34")


values = st.decimals(min_value=-1000, max_value=1000, places=2)


@given(reference=values, value=values, polarity=st.sampled_from(["increase", "decrease"]))
def test_a_value_is_worse_exactly_when_it_moves_against_the_polarity(reference, value, polarity):
    expected = value < reference if polarity == "increase" else value > reference
    assert worse(polarity, value, reference) is expected
    assert not worse(polarity, reference, reference)


@given(steps=st.lists(st.decimals(min_value=0, max_value=50, places=1), min_size=2, max_size=2))
def test_a_concept_that_keeps_improving_after_the_national_plan_never_triggers_v34(steps):
    first = Decimal(14) + steps[0]
    data, ctx = _concept_until_2031([str(first), str(first + steps[1])])
    assert not findings(data, ctx, only="V-34")
