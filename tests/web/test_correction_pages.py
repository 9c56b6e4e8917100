"""The correction pages and the findings next to the items in the editor (cl. 205-213; issue 5)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from jospar.interchange.services import do_import_document
from jospar.planning.corrections import correction_draft_of, do_start_correction
from jospar.planning.models import Document, IndicatorValue

from ..conftest import member, small_payload
from .test_corrections import BASIS, set_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(reference):
    return do_import_document(small_payload()).document


@pytest.fixture
def planner(client, reference):
    user = member("moh-planner", "moh")
    client.force_login(user)
    return user


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_developers_planner_is_offered_a_correction_on_the_approved_document(client, plan, planner):
    page = text(client.get(f"/en/documents/{plan.code}/"))
    assert "Correct this document" in page and "Start a correction" in page
    client.logout()
    assert "Correct this document" not in text(client.get(f"/en/documents/{plan.code}/"))


def test_starting_a_correction_from_the_page_opens_the_draft_in_the_editor(client, plan, planner):
    response = client.post(f"/en/documents/{plan.code}/correction/start/",
                           {"ground": "instruction", "details": "No. 12 of 1 March 2026"})
    assert response.status_code == 302 and response["Location"] == "/en/documents/sbdp-test-correction/edit/"
    draft = correction_draft_of(plan)
    assert draft.correction_basis == "An instruction of the President: No. 12 of 1 March 2026"
    page = text(client.get(response["Location"]))
    assert "You are editing the correction of sbdp-test: version 1 becomes version 2" in page
    assert "Edit the correction" in text(client.get(f"/en/documents/{plan.code}/"))


def test_a_correction_without_the_details_of_its_ground_is_not_started(client, plan, planner):
    response = client.post(f"/en/documents/{plan.code}/correction/start/", {"ground": "instruction", "details": ""},
                           follow=True)
    assert "Details of the ground: This field is required." in text(response)
    assert correction_draft_of(plan) is None


def test_another_body_cannot_start_a_correction_and_nothing_is_written(client, plan, reference):
    client.force_login(member("edu-planner", "edu"))
    response = client.post(f"/en/documents/{plan.code}/correction/start/",
                           {"ground": "monitoring", "details": "2025"}, follow=True)
    assert "Only the planners of the developer may correct this document (cl. 205)." in text(response)
    assert not Document.objects.filter(code="sbdp-test-correction").exists()


@time_machine.travel(dt.datetime(2026, 3, 10, 12, 0), tick=False)
def test_the_review_page_shows_approved_and_corrected_values_side_by_side_and_applies(client, plan, planner):
    client.force_login(planner)
    draft = do_start_correction(plan, acting_user=planner, basis=BASIS)
    set_plan(draft, "TI-1", 2027, "76.5")
    page = text(client.get(f"/en/documents/{plan.code}/correction/"))
    assert "Indicator TI-1 · changed" in page
    assert "Values by year, 2027, plan — 76.5" in page  # nothing approved for 2027 yet, 76.5 corrected
    response = client.post(f"/en/documents/{plan.code}/correction/", {
        "act_name": "Order of the Minister", "act_number": "12", "act_date": "2026-03-01", "change_reason": "ok"})
    assert response.status_code == 302, text(response)[:2000]
    plan.refresh_from_db()
    assert (plan.version, plan.approval_act_number) == (2, "12")
    assert "now version 2" in text(client.get(response["Location"]))
    assert correction_draft_of(plan) is None


@time_machine.travel(dt.datetime(2027, 5, 1, 12, 0), tick=False)
def test_a_refusal_is_shown_next_to_the_refused_value_with_its_clause(client, plan, planner):
    client.force_login(planner)  # a session opened outside the travelled time would have expired
    draft = do_start_correction(plan, acting_user=planner, basis=BASIS)
    set_plan(draft, "TI-1", 2025, "74")
    review = client.post(f"/en/documents/{plan.code}/correction/", {"change_reason": ""})
    assert review.status_code == 200
    html = review.content.decode()
    row = re.search(r'<tr class="has-error"><th scope="row">Values by year, 2025, plan</th><td>75.1</td>'
                    r'<td><ins>74</ins><div class="field-errors" role="alert"><div>([^<]+)</div>', html)
    assert row and row.group(1) == "the values of 2025 are not changed: their period has passed (cl. 213)"
    assert "The correction is refused: nothing was changed." in text(review)
    plan.refresh_from_db()
    assert plan.version == 1
    # the editor shows the same refusal next to the indicator and next to the value of 2025
    editor = text(client.get(f"/en/documents/{draft.code}/edit/"))
    assert "[CL-213, cl. 213] refused: the values of 2025 are not changed" in editor
    ti = draft.indicators.get(code="TI-1")
    form = client.get(f"/en/documents/{draft.code}/edit/indicator/{ti.pk}/").content.decode()
    value_2025 = IndicatorValue.objects.get(indicator=ti, year=2025)
    cell = re.search(rf'name="rows-(\d)-id" value="{value_2025.pk}"', form)
    assert cell is not None, form[form.find("rows-0-id") - 100:][:1500]
    assert re.search(rf'name="rows-{cell.group(1)}-plan"[^>]*>(?:(?!</td>).)*refusal" role="alert"><div>the values of '
                     r"2025 are not changed", form, re.S)


def test_saving_an_item_of_the_correction_warns_at_once_of_a_refusal(client, plan, planner):
    from .test_editor import _indicator_post

    with time_machine.travel(dt.datetime(2027, 5, 1, 12, 0), tick=False):
        client.force_login(planner)
        draft = do_start_correction(plan, acting_user=planner, basis=BASIS)
        ti = draft.indicators.get(code="TI-1")
        value = ti.values.get(year=2025)
        response = client.post(f"/en/documents/{draft.code}/edit/indicator/{ti.pk}/", _indicator_post(ti, **{
            "rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "1", "rows-0-id": str(value.pk),
            "rows-0-indicator": str(ti.pk), "rows-0-year": "2025", "rows-0-quarter": "0", "rows-0-plan": "74",
            "rows-0-fact": "75.0", "rows-0-reason": "flu season"}), follow=True)
    page = text(response)
    assert "Saved." in page
    assert "the values of 2025 are not changed: their period has passed (cl. 213)" in page


def test_discarding_the_correction_from_the_review_page(client, plan, planner):
    do_start_correction(plan, acting_user=planner, basis=BASIS)
    response = client.post(f"/en/documents/{plan.code}/correction/discard/", follow=True)
    assert "The correction draft is discarded" in text(response)
    assert correction_draft_of(plan) is None


def test_the_review_page_is_404_without_an_open_correction_and_not_for_get_on_start(client, plan, planner):
    assert client.get(f"/en/documents/{plan.code}/correction/").status_code == 404
    assert client.get(f"/en/documents/{plan.code}/correction/start/").status_code == 405


# ---------------------------------------------------------------------------- findings next to the item


def test_the_editor_shows_each_compliance_finding_next_to_the_item_it_concerns(client, reference, planner):
    payload = small_payload(status="draft")
    data = payload.model_dump()
    data["goals"][0]["tasks"] = []  # the result indicator RI-1 and measure M-1 named task 1: drop them too
    data["indicators"] = [i for i in data["indicators"] if i["code"] == "TI-1"]
    data["measures"][0]["task"] = None
    draft = do_import_document(type(payload).model_validate(data)).document
    html = client.get(f"/en/documents/{draft.code}/edit/").content.decode()
    goal_row = re.search(r"<td><b>1\.1</b></td>(.*?)</tr>", html, re.S).group(1)
    assert re.search(r"<li class=\"note-(error|warning)\"[^>]*>\[V-\d+[^\]]*, cl\. [^\]]+\]", goal_row), goal_row
    summary = text(client.get(f"/en/documents/{draft.code}/edit/"))
    assert re.search(r"Compliance check : \d+ errors?, \d+ warnings?", summary)
