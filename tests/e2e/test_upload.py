"""A file upload in a real browser: a planner uploads a JSON document and watches the background job finish."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jospar.planning.models import Document

from ..conftest import member, small_payload


@pytest.fixture
def planner(reference, transactional_db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return member("moh-planner", "moh")


def test_a_planner_uploads_a_document_and_sees_the_job_finish(page, planner, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(small_payload(status="draft").model_dump_json(), encoding="utf-8")
    page.goto("/en/login/")
    page.get_by_label("Username").fill("moh-planner")
    page.get_by_label("Password").fill("pw-moh-planner-x1")
    page.locator("form.login button[type=submit]").click()
    page.wait_for_url(re.compile(r"/en/$"))
    page.get_by_role("link", name="My background jobs").click()
    page.get_by_role("link", name="Import a document from a JSON file").click()
    page.get_by_label("JSON file of a document").set_input_files(str(path))
    page.get_by_label("Reason for the change").fill("uploaded in the browser")
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(re.compile(r"/en/jobs/\d+/$"))
    page.get_by_role("link", name="Open the document").click()
    expect(page.get_by_role("heading", name="Test plan")).to_be_visible()
    assert Document.objects.get(code="sbdp-test").history.latest().history_change_reason == "uploaded in the browser"
