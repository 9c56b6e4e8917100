"""The steps of cl. 3 per document type and who acts in them, as the methodology says (SPEC part 1 §3.1, §19)."""

from __future__ import annotations

import pytest

from jospar.development.steps import (
    DEADLINE_RULES,
    PROCESSES,
    STEPS,
    Actor,
    Step,
    next_step,
    process_for,
    rules_for,
)
from jospar.planning.choices import DocumentType

CL3_ORDER = ["initiation", "analysis", "proposals", "vision", "results_resources", "draft", "discussion",
             "linking", "refinement", "agreement", "approval"]


def test_the_eleven_steps_of_cl_3_come_in_the_order_of_the_clause_then_approved():
    assert [s.value for s in STEPS] == [*CL3_ORDER, "approved"]


@pytest.mark.parametrize("document_type", DocumentType.values)
def test_every_document_type_has_every_step_of_cl_3_with_a_clause_and_an_actor(document_type):
    process = process_for(document_type)
    assert [s.step for s in process.steps] == list(STEPS)
    assert all(s.clause.startswith("cl. ") and s.actors for s in process.steps)


def test_the_national_plan_is_developed_by_the_strategic_planning_body_and_goes_to_the_prime_minister():
    ndp = process_for("ndp")
    assert (ndp.developer, ndp.developer_clause) == ((Actor.STRATEGIC_PLANNING,), "cl. 64")
    assert ndp.spec(Step.PROPOSALS).actors == (Actor.STATE_BODIES,)  # cl. 73
    assert ndp.spec(Step.APPROVAL).actors == (Actor.OFFICE_PM,)  # cl. 75
    assert (ndp.public_discussion, ndp.public_discussion_clause) == (True, "cl. 74")


def test_a_concept_is_agreed_by_the_state_and_strategic_planning_bodies_and_concluded_by_annex_2():
    concept = process_for("concept")
    assert concept.agrees == (Actor.STATE_PLANNING, Actor.STRATEGIC_PLANNING) and concept.agrees_clause == "cl. 98"
    assert concept.concludes == (Actor.STRATEGIC_PLANNING,) and concept.concludes_clause == "cl. 103"
    assert (concept.public_discussion, concept.public_discussion_clause) == (True, "cl. 99")


def test_a_state_body_plan_is_agreed_by_the_state_and_budget_planning_bodies_and_approved_by_budget_law():
    sbdp = process_for("sbdp")
    assert (sbdp.agrees, sbdp.agrees_clause) == ((Actor.STATE_PLANNING, Actor.BUDGET_PLANNING), "cl. 105")
    assert (sbdp.approves, sbdp.approves_clause) == ((Actor.BUDGET_LEGISLATION,), "cl. 121")
    assert sbdp.spec(Step.PROPOSALS).actors == (Actor.STRUCTURAL_UNITS,)  # cl. 118


def test_a_regional_plan_is_reviewed_by_the_state_planning_body_and_approved_by_the_maslikhat():
    rdp = process_for("rdp")
    assert (rdp.agrees, rdp.agrees_clause) == ((Actor.STATE_PLANNING,), "cl. 151")
    assert (rdp.approves, rdp.approves_clause) == ((Actor.MASLIKHAT,), "cl. 152")
    assert Actor.WORKING_GROUP in rdp.developer  # cl. 128


def test_only_the_national_plan_and_concepts_must_put_their_draft_to_public_discussion():
    assert sorted(t for t, p in PROCESSES.items() if p.public_discussion) == ["concept", "ndp"]


def test_next_step_walks_the_table_and_stops_after_approved():
    assert next_step(Step.REFINEMENT) == Step.AGREEMENT
    assert next_step(Step.APPROVAL) == Step.APPROVED
    assert next_step(Step.APPROVED) is None


def test_the_deadline_table_carries_the_clauses_and_terms_of_ch_2():
    terms = {r.id: (r.clause, r.due) for r in DEADLINE_RULES}
    assert terms["dev-ndp-proposals"][0] == "cl. 73" and (terms["dev-ndp-proposals"][1].month,
                                                         terms["dev-ndp-proposals"][1].day) == (4, 1)
    assert terms["dev-ndp-opm"][0] == "cl. 75" and (terms["dev-ndp-opm"][1].month, terms["dev-ndp-opm"][1].day) == (9, 1)
    assert terms["dev-sbdp-send"][0] == "cl. 122" and terms["dev-sbdp-send"][1].n == 5
    assert terms["dev-sbdp-publish"][0] == "cl. 123" and terms["dev-sbdp-publish"][1].n == 10
    assert terms["dev-rdp-review"][0] == "cl. 151" and terms["dev-rdp-review"][1].n == 1
    assert terms["dev-rdp-maslikhat"][0] == "cl. 152" and (terms["dev-rdp-maslikhat"][1].month,
                                                          terms["dev-rdp-maslikhat"][1].day) == (12, 1)
    assert terms["dev-rdp-send"][0] == "cl. 153" and terms["dev-rdp-send"][1].n == 5
    assert terms["dev-rdp-publish"][0] == "cl. 154" and terms["dev-rdp-publish"][1].n == 10
    assert [r.id for r in rules_for("tdp")] == []
