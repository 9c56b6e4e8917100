"""Long work runs in the background with a progress page: JSON upload and checking every document."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jospar.core.models import Job
from jospar.interchange.services import do_import_document
from jospar.planning.models import Document

from ..conftest import member, small_payload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def planner(client, reference):
    user = member("moh-planner", "moh")
    client.force_login(user)
    return user


def _upload(client, data, **extra):
    raw = json.dumps(data).encode() if not isinstance(data, bytes) else data
    return client.post("/en/documents/import/", {"file": SimpleUploadedFile("plan.json", raw), **extra})


def test_an_uploaded_document_is_imported_in_the_background(client, planner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, small_payload().model_dump(mode="json"), reason="from the ministry's file")
    job = Job.objects.get()
    assert response.url == f"/en/jobs/{job.pk}/"
    assert (job.status, job.progress, job.result["document"]) == ("done", 100, "sbdp-test")
    document = Document.objects.get(code="sbdp-test")
    assert document.history.latest().history_change_reason == "from the ministry's file"
    page = client.get(response.url).content.decode()
    assert "Open the document" in page and 'value="100"' in page


def test_a_bad_upload_lists_every_problem_and_writes_nothing(client, planner, django_capture_on_commit_callbacks):
    data = small_payload().model_dump(mode="json")
    data["indicators"][0]["values"][0]["year"] = 2040
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, data)
    job = Job.objects.get()
    assert (job.status, job.message) == ("failed", "1 мәселе; ештеңе жазылған жоқ")  # in the user's language (kk)
    assert job.result["details"][0]["path"] == "$.indicators[0].values[0].year"
    assert "құжат кезеңінен (2025-2029) тыс" in client.get(response.url).content.decode()
    assert not Document.objects.exists()


def test_a_body_cannot_import_a_document_of_another(client, planner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, small_payload(developer="mof").model_dump(mode="json"))
    assert Job.objects.get().status == "failed"
    assert not Document.objects.exists()


def test_a_dry_run_checks_and_writes_nothing(client, planner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, small_payload().model_dump(mode="json"), dry_run="on")
    assert Job.objects.get().result["dry_run"] is True
    assert not Document.objects.exists()


def test_a_file_that_is_not_utf8_is_refused_next_to_the_field(client, planner):
    response = _upload(client, b"\xff\xfe\x00{")
    assert "The file is not UTF-8 text." in response.content.decode()
    assert not Job.objects.exists()


def test_checking_every_document_reports_progress_and_findings(client, planner, django_capture_on_commit_callbacks):
    do_import_document(small_payload())
    do_import_document(small_payload(code="sbdp-two"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/jobs/check/")
    job = Job.objects.get()
    assert job.status == "done"
    assert [r["document"] for r in job.result["documents"]] == ["sbdp-test", "sbdp-two"]
    assert "sbdp-two" in client.get(response.url).content.decode()


def test_the_progress_partial_polls_until_the_job_ends(client, planner):
    job = Job.objects.create(kind="check_documents", created_by=planner, progress=40, status="running")
    partial = client.get(f"/en/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in partial and 'value="40"' in partial
    Job.objects.filter(pk=job.pk).update(status="done", progress=100)
    assert "hx-trigger" not in client.get(f"/en/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()


def test_nobody_sees_the_jobs_of_another(client, planner):
    other = member("mof-user", "mof")
    job = Job.objects.create(kind="check_documents", created_by=other)
    assert client.get(f"/en/jobs/{job.pk}/").status_code == 404
