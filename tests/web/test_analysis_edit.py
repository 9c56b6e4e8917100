"""Changing the text of sources (cl. 8), factors (cl. 10-15) and SWOT items (cl. 17-20) on the analysis page, with
history and the same rights as every other analysis change; and the findings of rules V-02..V-08 (SPEC §18) shown
next to the analysis item they concern (issue 5)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jospar.analysis import services as s
from jospar.analysis.models import Factor, ProblemLink, Source, SwotItem
from jospar.interchange.services import do_import_document

from ..annexes.helpers import load_rdp
from ..conftest import small_payload
from .test_analysis_pages import T, errors_next_to, member, url

pytestmark = pytest.mark.django_db
PAGE = "/en/documents/sbdp-test/analysis/"


@pytest.fixture
def analysis(reference):
    plan = do_import_document(small_payload()).document
    a = s.do_start_analysis(plan, development_year=2024, acting_user=None)
    s.do_add_source(a, type="official_statistics", citation=T("Bureau of National Statistics"), acting_user=None)
    f1 = s.do_add_factor(a, kind="external", group="demographic", description=T("High birth rate"), acting_user=None)
    s.do_add_factor(a, kind="internal", group="social", description=T("Rural areas lack doctors"), acting_user=None)
    s.do_add_swot_item(a, category="strength", text=T("Perinatal centres"), factor=f1, acting_user=None)
    return a


@pytest.fixture
def planner(reference):
    return member("moh-analyst", "moh")


def edit_page(client, action: str, pk: int):
    return client.get(f"/en/documents/sbdp-test/analysis/edit/{action}/{pk}/")


def opened_version(html: str, prefix: str) -> str:
    return re.search(rf'name="{prefix}-opened_version" value="(\d+)"', html).group(1)


def test_a_planner_changes_the_english_text_of_a_factor_and_the_history_keeps_who_and_why(client, analysis,
                                                                                           planner):
    f1 = Factor.objects.get(analysis=analysis, code="F1")
    client.force_login(planner)
    html = edit_page(client, "factor_edit", f1.pk).content.decode()
    prefix = f"factor_edit-{f1.pk}"
    assert ">\nHigh birth rate (kk)</textarea>" in html  # the form opens with the current texts
    response = client.post(url("factor_edit", f1.pk), {
        f"{prefix}-kind": "external", f"{prefix}-group": "demographic",
        f"{prefix}-description_kk": "High birth rate (kk)", f"{prefix}-description_ru": "High birth rate (ru)",
        f"{prefix}-description_en": "Birth rate above 20 per 1,000", f"{prefix}-foreign_country": "",
        f"{prefix}-opened_version": opened_version(html, prefix), f"{prefix}-reason": "wording of the workshop"})
    assert response.status_code == 302 and response["Location"].endswith("/analysis/#factors")
    f1.refresh_from_db()
    assert (f1.description_kk, f1.description_en) == ("High birth rate (kk)", "Birth rate above 20 per 1,000")
    latest = f1.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (planner, "wording of the workshop")
    assert "Birth rate above 20 per 1,000" in client.get(PAGE).content.decode()


def test_an_empty_description_is_refused_next_to_it_naming_clause_11_and_nothing_is_written(client, analysis,
                                                                                           planner):
    f1 = Factor.objects.get(analysis=analysis, code="F1")
    client.force_login(planner)
    prefix = f"factor_edit-{f1.pk}"
    response = client.post(url("factor_edit", f1.pk), {
        f"{prefix}-kind": "external", f"{prefix}-group": "demographic", f"{prefix}-reason": "clean up"})
    assert response.status_code == 400
    assert "Describe the factor (cl. 11)." in errors_next_to(response.content.decode(), f"id_{prefix}-description_kk")
    f1.refresh_from_db()
    assert f1.description_en == "High birth rate" and f1.history.count() == 1


def test_a_country_named_without_its_comparison_is_refused_by_clause_15(client, analysis, planner):
    f1 = Factor.objects.get(analysis=analysis, code="F1")
    client.force_login(planner)
    prefix = f"factor_edit-{f1.pk}"
    response = client.post(url("factor_edit", f1.pk), {
        f"{prefix}-kind": "external", f"{prefix}-group": "demographic", f"{prefix}-description_en": "x",
        f"{prefix}-foreign_country": "Finland", f"{prefix}-reason": "r"})
    assert "a country is named but the comparison is empty (cl. 15)" in errors_next_to(
        response.content.decode(), f"id_{prefix}-foreign_comparison_kk")
    f1.refresh_from_db()
    assert f1.foreign_country == ""


def test_a_swot_item_gets_a_new_russian_text_and_loses_its_factor_but_keeps_its_category(client, analysis, planner):
    item = SwotItem.objects.get(analysis=analysis, code="S1")
    client.force_login(planner)
    prefix = f"swot_edit-{item.pk}"
    html = edit_page(client, "swot_edit", item.pk).content.decode()
    assert f'name="{prefix}-category"' not in html  # the category makes the code and the aspect (cl. 19-20)
    response = client.post(url("swot_edit", item.pk), {
        f"{prefix}-text_kk": "Perinatal centres (kk)", f"{prefix}-text_ru": "Перинатальные центры в 17 регионах",
        f"{prefix}-text_en": "Perinatal centres", f"{prefix}-factor": "",
        f"{prefix}-opened_version": opened_version(html, prefix), f"{prefix}-reason": "translation"}, HTTP_HX_REQUEST="true")
    assert "SWOT item S1 saved." in response.content.decode()
    item.refresh_from_db()
    assert (item.code, item.category, item.text_ru, item.factor) == (
        "S1", "strength", "Перинатальные центры в 17 регионах", None)


def test_a_source_gets_a_web_address_and_a_bad_address_is_refused_next_to_the_field(client, analysis, planner):
    src = Source.objects.get(analysis=analysis, code="SRC1")
    client.force_login(planner)
    prefix = f"source_edit-{src.pk}"
    data = {f"{prefix}-type": "official_statistics", f"{prefix}-citation_kk": "Ұлттық статистика бюросы",
            f"{prefix}-citation_en": "Bureau of National Statistics", f"{prefix}-reason": "link"}
    response = client.post(url("source_edit", src.pk), {**data, f"{prefix}-url": "not an address"})
    assert response.status_code == 400 and errors_next_to(response.content.decode(), f"id_{prefix}-url")
    src.refresh_from_db()
    assert src.url == ""
    client.post(url("source_edit", src.pk), {**data, f"{prefix}-url": "https://stat.gov.kz"})
    src.refresh_from_db()
    assert (src.url, src.citation_kk, src.citation_ru) == ("https://stat.gov.kz", "Ұлттық статистика бюросы", "")
    assert src.history.latest().history_change_reason == "link"


def test_a_factor_changed_by_someone_else_after_the_form_was_opened_is_not_overwritten(client, analysis, planner):
    f2 = Factor.objects.get(analysis=analysis, code="F2")
    client.force_login(planner)
    prefix = f"factor_edit-{f2.pk}"
    opened = opened_version(edit_page(client, "factor_edit", f2.pk).content.decode(), prefix)
    s.do_update_factor(f2, description={"en": "Villages lack doctors"}, acting_user=None, reason="someone else")
    response = client.post(url("factor_edit", f2.pk), {
        f"{prefix}-kind": "internal", f"{prefix}-group": "social", f"{prefix}-description_en": "Mine",
        f"{prefix}-opened_version": opened, f"{prefix}-reason": "r"})
    assert response.status_code == 400 and "Someone saved this item after you opened it" in response.content.decode()
    f2.refresh_from_db()
    assert f2.description_en == "Villages lack doctors"


def test_only_the_developers_planners_open_or_send_an_edit(client, analysis):
    f1 = Factor.objects.get(analysis=analysis, code="F1")
    data = {f"factor_edit-{f1.pk}-kind": "internal", f"factor_edit-{f1.pk}-group": "social",
            f"factor_edit-{f1.pk}-description_en": "x", f"factor_edit-{f1.pk}-reason": "r"}
    assert "/login/" in client.post(url("factor_edit", f1.pk), data)["Location"]
    client.force_login(member("moh-reader", "moh", "viewer"))
    assert edit_page(client, "factor_edit", f1.pk).status_code == 403
    assert "Edit" not in re.sub(r"<(script|style).*?</\1>", "", client.get(PAGE).content.decode(), flags=re.S) \
        .split('id="factors"')[1].split("</section>")[0]
    client.force_login(member("edu-planner", "edu"))  # a co-executor, not the developer
    assert client.post(url("factor_edit", f1.pk), data).status_code == 403
    f1.refresh_from_db()
    assert f1.kind == "external"


def test_an_item_of_another_document_cannot_be_edited_through_this_one(client, analysis, planner):
    other = do_import_document(small_payload(code="other-plan")).document
    foreign = s.do_add_source(s.do_start_analysis(other, development_year=2024, acting_user=None),
                              type="official_statistics", citation="x", acting_user=None)
    client.force_login(planner)
    assert edit_page(client, "source_edit", foreign.pk).status_code == 404
    assert edit_page(client, "launch_rockets", foreign.pk).status_code == 404


# ------------------------------------------------------------------------------------ findings V-02..V-08


def test_each_analysis_finding_stands_next_to_the_item_or_section_it_concerns(client, analysis):
    s.do_set_data_years(analysis, [2021, 2022], acting_user=None)  # 2023 missing (V-02, cl. 9)
    p1, p2 = (s.do_add_problem(analysis, text=T(t), acting_user=None) for t in ("High mortality", "Late detection"))
    s.do_link_problems(p1, p2, acting_user=None)
    ProblemLink.objects.create(cause=p2, effect=p1)  # a cycle only an import bypassing the services can make (V-07)
    html = client.get(PAGE).content.decode()

    def block(start: str, end: str) -> str:
        return html.split(start, 1)[1].split(end, 1)[0]

    years = block('<section id="years"', "</section>")
    assert "[V-02, cl. 9] warning: the analysis has no data for 2023" in years
    p1_row = block('<tr id="problem-P1">', "</tr>")
    assert "[V-07, cl. 26-27] error: the cause-and-effect links make a cycle P1 → P2 → P1" in p1_row
    key = block('<section id="key-problems"', "</section>")
    assert "[V-08, cl. 23, 30, 113(1)] warning: the analysis identifies no key problem" in key
    assert "1.1. Goal — [V-08, cl. 23, 30, 113(1)] warning: the goal is formed on no key problem" in key
    summary = block('id="analysis-check"', "</p>")
    assert "1 error" in summary and "3 warnings" in summary
    assert "V-0" not in block('<section id="factors"', "</section>")  # nothing is wrong with the factors


def test_the_findings_are_shown_in_the_language_of_the_page(client, analysis):
    s.do_set_data_years(analysis, [2021, 2022], acting_user=None)
    english = client.get(PAGE).content.decode()
    kazakh = client.get("/kk/documents/sbdp-test/analysis/").content.decode()
    assert "the analysis has no data for 2023" in english
    assert "[V-02, cl. 9]" in kazakh and "the analysis has no data for 2023" not in kazakh


def test_the_analysis_page_costs_the_same_number_of_queries_whatever_the_size_of_the_analysis(client, analysis,
                                                                                               planner):
    client.force_login(planner)

    def queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        return [re.sub(r"'[^']*'|\b\d+\b", "?", q["sql"]) for q in captured]

    def grow(n: int) -> None:
        f = s.do_add_factor(analysis, kind="internal", group="spatial", description=T(f"Factor {n}"), acting_user=None)
        s.do_add_swot_item(analysis, category="weakness", text=T(f"Weakness {n}"), factor=f, acting_user=None)
        s.do_add_source(analysis, type="reports_monitoring", citation=T(f"Study {n}"), acting_user=None)
        s.do_add_problem(analysis, text=T(f"Problem number {n} of a distinct kind {n * 7}"), acting_user=None)

    for n in range(2):  # every section of the page shown (the problem and link forms need two problems)
        grow(n)
    small = queries()
    for n in range(2, 8):
        grow(n)
    large = queries()
    assert len(large) == len(small), Counter(large) - Counter(small)


def test_a_regional_plan_without_an_analysis_is_told_it_needs_a_swot_analysis(client, reference):
    load_rdp()
    html = client.get("/en/documents/rdp-test/analysis/").content.decode()
    assert "No analysis is recorded for this document (cl. 4, 7)." in html
    assert "[V-05, cl. 17, 130(5)] warning: the regional plan has no SWOT analysis" in html


def test_a_state_body_plan_without_an_analysis_gets_no_finding_of_the_regional_rule(client, reference):
    do_import_document(small_payload())
    assert "V-05" not in client.get(PAGE).content.decode()
