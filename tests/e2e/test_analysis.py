"""The planner's analysis stage in a real browser (issue 5; cl. 17-30): add a SWOT item and link it (cl. 18), add a
problem with its cause (cl. 26), try a link that would close a cycle and read the refusal naming it (cl. 27), mark
a key problem (cl. 23, 28). The edits happen in place (htmx); the problem tree is drawn with ECharts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jospar.analysis import services as s
from jospar.analysis.models import Problem, ProblemLink, SwotItem, SwotLink
from jospar.interchange.services import do_import_document

from ..conftest import member, small_payload
from .conftest import login


@pytest.fixture
def planner(reference, transactional_db):
    plan = do_import_document(small_payload()).document
    analysis = s.do_start_analysis(plan, development_year=2024, acting_user=None)
    s.do_add_swot_item(analysis, category="strength", text={"kk": "Перинаталдық орталықтар",
                                                            "en": "Perinatal centres"}, acting_user=None)
    s.do_add_problem(analysis, text={"kk": "Ауылда дәрігерлер жетіспейді", "en": "Too few doctors in villages"}, acting_user=None)
    return member("moh-planner", "moh")




def _open(page, form_id):
    box = page.locator(f"#{form_id}")
    box.locator("summary").click()
    return box


def test_a_planner_builds_the_swot_and_the_problem_tree_and_meets_the_cycle_refusal(page, planner):
    login(page, "moh-planner")
    page.goto("/en/documents/sbdp-test/")
    page.get_by_role("link", name="Analysis: factors, SWOT, problem tree (cl. 7-30)").click()
    page.wait_for_url(re.compile(r"/documents/sbdp-test/analysis/$"))
    flash = page.locator(".flash")

    box = _open(page, "form-swot_add")
    box.get_by_label("Category (cl. 19-20)").select_option("threat")
    box.get_by_label("Text [kk]").fill("Жұқпалы емес аурулардың өсуі")
    box.get_by_label("Text [en]").fill("Growth of non-communicable diseases")
    box.get_by_label("Reason for the change").fill("SWOT workshop")
    box.get_by_role("button", name="Add the item").click()
    expect(flash).to_have_text("SWOT item T1 added.")
    expect(page.locator("#swot-threat")).to_contain_text("Growth of non-communicable diseases")

    box = _open(page, "form-swot_link")
    box.get_by_label("First item").select_option(label="S1. Perinatal centres")
    box.get_by_label("Second item").select_option(label="T1. Growth of non-communicable diseases")
    box.get_by_label("Reason for the change").fill("SWOT workshop")
    box.get_by_role("button", name="Link").click()
    expect(flash).to_have_text("S1 and T1 are linked (cl. 18).")
    expect(page.locator("#swot-links")).to_contain_text("S1 – T1")

    # the text of a SWOT item is changed on its own page, in any of the three languages (issue 5)
    page.locator("#swot-item-S1").get_by_role("link", name="Edit").click()
    page.wait_for_url(re.compile(r"/analysis/edit/swot_edit/\d+/$"))
    page.get_by_label("Text [ru]").fill("Перинатальные центры")
    page.get_by_label("Text [en]").fill("Perinatal centres in every region")
    page.get_by_label("Reason for the change").fill("translation")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/analysis/#swot$"))
    expect(page.get_by_role("status")).to_have_text("SWOT item S1 saved.")
    expect(page.locator("#swot-item-S1")).to_contain_text("Perinatal centres in every region")

    box = _open(page, "form-problem_add")
    box.get_by_label("Formulation [kk]").fill("Өлім-жітім жоғары")
    box.get_by_label("Formulation [en]").fill("High mortality")
    box.get_by_label("Caused by (cl. 26)").select_option(label="P1. Too few doctors in villages")
    box.get_by_label("Reason for the change").fill("interviews")
    box.get_by_role("button", name="Add the problem").click()
    expect(flash).to_have_text("Problem P2 added, caused by P1.")
    expect(page.locator("#problem-links")).to_contain_text("P1 → P2")
    expect(page.locator("#problem-tree canvas")).to_have_count(1)  # ECharts drew the tree

    box = _open(page, "form-problem_link")
    box.get_by_label("Cause:", exact=True).select_option(label="P2. High mortality")
    box.get_by_label("Consequence").select_option(label="P1. Too few doctors in villages")
    box.get_by_label("Reason for the change").fill("try")
    box.get_by_role("button", name="Link").click()
    error = page.locator("#id_problem_link-effect_errors")
    expect(error).to_contain_text("P2 → P1: the link would make the cycle P2 → P1 → P2")
    expect(error).to_contain_text("(cl. 26-27)")
    expect(page.locator("#form-problem_link")).to_have_attribute("open", "")  # the form stays open with the error

    no_key = "[V-08, cl. 23, 30, 113(1)] warning: the analysis identifies no key problem"
    expect(page.locator("#key-problems")).to_contain_text(no_key)  # the rule's finding stands in its section
    key_form = page.locator("#problem-P1 details.item-action", has_text="Mark as key")
    key_form.locator("summary").click()
    key_form.get_by_label("Reason for the change").fill("priority of the ministry")
    key_form.get_by_role("button", name="Mark as key").click()
    expect(flash).to_have_text("P1 is a key problem now (cl. 23, 28).")
    expect(page.locator("#problem-P1")).to_contain_text("★ key")
    expect(page.locator("#key-problems")).not_to_contain_text(no_key)

    assert list(ProblemLink.objects.values_list("cause__code", "effect__code")) == [("P1", "P2")]
    assert SwotLink.objects.count() == 1
    assert SwotItem.objects.get(code="S1").history.latest().history_change_reason == "translation"
    key = Problem.objects.get(code="P1")
    assert key.is_key and key.history.latest().history_change_reason == "priority of the ministry"
