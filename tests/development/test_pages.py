"""The workflow pages and the CLI: what a planner and an authorized body see and do, and clear refusals."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from jospar.development import services as sv
from jospar.development.models import Workflow
from jospar.interchange.services import do_import_document

from ..conftest import member, small_payload


@pytest.fixture(autouse=True)
def _english():
    """Pages under /en/ so that the assertions read English (the kk/ru catalogs are tested in tests/test_i18n.py)."""
    with translation.override("en"):
        yield


@pytest.fixture
def concept(reference):
    return do_import_document(small_payload(code="concept-p", type="concept", status="draft")).document


@pytest.fixture
def planner(reference):
    return member("moh-planner", "moh")


def test_a_planner_starts_the_workflow_and_advances_a_step_from_the_page(client, concept, planner):
    client.force_login(planner)
    url = reverse("development:workflow", args=[concept.code])
    assert "Start the workflow" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post(reverse("development:action", args=[concept.code, "start"]), {"reason": "Instruction 7"})
    response = client.post(reverse("development:action", args=[concept.code, "advance"]),
                           {"step": "analysis", "on": sv.today().isoformat(), "reason": "analysis begins"}, follow=True)
    page = response.content.decode()
    assert Workflow.objects.get(document=concept).step == "analysis"
    assert "analysis begins" in page and "Proposals from co-executors" in page


def test_a_refused_step_shows_the_clause_on_the_page_and_changes_nothing(client, concept, planner):
    client.force_login(planner)
    sv.do_start_workflow(concept, acting_user=planner, reason="x")
    response = client.post(reverse("development:action", args=[concept.code, "advance"]),
                           {"step": "approval", "on": "2026-02-03", "reason": "skip"}, follow=True)
    assert "order of cl. 3" in response.content.decode()
    assert Workflow.objects.get(document=concept).step == "initiation"


def test_bad_form_input_names_the_field_and_is_never_a_500(client, concept, planner):
    client.force_login(planner)
    sv.do_start_workflow(concept, acting_user=planner, reason="x")
    response = client.post(reverse("development:action", args=[concept.code, "advance"]),
                           {"step": "analysis", "on": "31.02.2026", "reason": ""}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Date" in page and "Reason for the change" in page


def test_the_list_shows_documents_in_development_with_their_step(client, concept, planner):
    client.force_login(planner)
    sv.do_start_workflow(concept, acting_user=planner, reason="x", on=date(2026, 2, 2))
    page = client.get(reverse("development:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "concept-p" in page and "1/11" in page


def test_a_stranger_does_not_see_the_workflow_of_a_draft_and_anonymous_users_log_in(client, concept, reference):
    url = reverse("development:workflow", args=[concept.code])
    assert client.get(url).status_code == 302
    client.force_login(member("abai-planner", "akimat-abai"))
    assert client.get(url).status_code == 404
    assert client.post(reverse("development:action", args=[concept.code, "advance"]), {}).status_code == 404


def test_the_strategic_planning_body_records_the_annex_2_conclusion_from_the_page(client, concept, planner):
    aspr = member("aspr-planner", "aspr")
    sv.do_start_workflow(concept, acting_user=planner, reason="x", on=date(2026, 2, 2))
    for step in ("analysis", "proposals", "vision", "results_resources", "draft"):
        sv.do_advance_step(concept, step, acting_user=planner, reason="x", on=date(2026, 2, 2))
    client.force_login(aspr)
    rows = {f"row_{k}": "ok" for k in ("goal", "analysis", "international", "principles", "vision", "orientation",
                                       "indicators", "action_plan", "recommendations")}
    response = client.post(reverse("development:action", args=[concept.code, "conclusion"]),
                           {"issued_on": "2026-02-10", "reference": "ASPR-1", **rows}, follow=True)
    assert "The Annex 2 conclusion is recorded." in response.content.decode()
    assert concept.workflow.conclusions.get().reference == "ASPR-1"


def test_the_cli_prints_the_status_and_advances_as_a_user(concept, planner):
    out = StringIO()
    call_command("development", "start", concept.code, "--reason", "Instruction 7", "--as", "moh-planner",
                 stdout=out)
    call_command("development", "advance", concept.code, "analysis", "--reason", "go", "--as", "moh-planner",
                 stdout=out)
    since = sv.today().strftime("%d.%m.%Y")
    assert f"is at the step “Analysis of the current situation” since {since}" in out.getvalue()
    status = StringIO()
    call_command("development", "status", concept.code, stdout=status)
    text = status.getvalue()
    assert "[x]  1. Initiation of the document" in text and "[>]  2. Analysis" in text
    assert "Agrees: the authorized body for state planning, the authorized body for strategic planning" in text
    with pytest.raises(CommandError, match="order of cl. 3"):
        call_command("development", "advance", concept.code, "agreement", "--reason", "x", "--as", "moh-planner")


def test_the_workflow_page_of_a_regional_plan_shows_its_working_group_once_recorded(client, reference):
    abai = member("abai-planner", "akimat-abai")
    rdp = do_import_document(small_payload(code="rdp-p", type="rdp", developer="akimat-abai", territory="100000000",
                                           status="draft", co_executors=[])).document
    sv.do_start_workflow(rdp, acting_user=abai, reason="start", on=date(2026, 2, 2))
    client.force_login(abai)
    url = reverse("development:workflow", args=[rdp.code])
    assert "No working group created by the akim's decision is recorded yet." in client.get(url).content.decode()
    sv.do_record_working_group(rdp, acting_user=abai, reason="decision 14", decision_number="14",
                               decision_date=date(2026, 2, 3), members=[("A. Akimov", "deputy akim", "leb")])
    page = client.get(url).content.decode()
    assert "Created by the akim's decision No. 14 of 03.02.2026." in page
    assert "A. Akimov, deputy akim — Local executive bodies" in page
