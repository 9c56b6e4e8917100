"""Documents over REST: list, filter, detail, create and replace through the JSON interchange format."""

from __future__ import annotations

import pytest

from jospar.api.versions import etag
from jospar.core.models import Role
from jospar.interchange.services import do_import_document
from jospar.planning.models import Document, Indicator
from tests.api.conftest import api_client, plan
from tests.conftest import member, small_payload


def test_the_list_is_paginated_and_counts_every_match(reference):
    for n in range(3):
        do_import_document(plan(f"plan-{n}", "moh", status="in_force"))
    page = api_client().get("/api/documents", limit=2, offset=1).json()
    assert page["count"] == 3
    assert [d["code"] for d in page["items"]] == ["plan-1", "plan-2"]


def test_filters_narrow_the_list_by_developer_status_year_and_text(reference):
    do_import_document(plan("plan-a", "moh", status="in_force"))
    do_import_document(plan("plan-b", "edu", status="approved"))
    client = api_client()
    assert [d["code"] for d in client.get("/api/documents", developer="edu").json()["items"]] == ["plan-b"]
    assert [d["code"] for d in client.get("/api/documents", status="in_force").json()["items"]] == ["plan-a"]
    assert client.get("/api/documents", year=2031).json()["count"] == 0
    assert client.get("/api/documents", year=2027).json()["count"] == 2
    assert client.get("/api/documents", q="Тестовый").json()["count"] == 2


def test_the_public_list_holds_only_published_open_documents(reference):
    do_import_document(plan("plan-draft", "moh"))
    do_import_document(plan("plan-live", "moh", status="in_force"))
    assert [d["code"] for d in api_client().get("/api/documents").json()["items"]] == ["plan-live"]


def test_the_detail_carries_its_content_version_in_the_body_and_the_etag(health_plan):
    response = api_client().get("/api/documents/sbdp-test")
    assert response.status_code == 200
    assert response["ETag"] == etag(response.json()["content_version"])
    assert response.json()["co_executors"] == ["edu"]


def test_a_planner_creates_a_document_of_their_organization_from_interchange_json(reference):
    user = member("moh-planner", "moh")
    response = api_client(user).post("/api/documents?reason=new+plan", plan("plan-new", "moh").model_dump(mode="json"))
    assert response.status_code == 201, response.json()
    assert response["Location"] == "/api/documents/plan-new"
    document = Document.objects.get(code="plan-new")
    record = document.history.first()
    assert (record.history_user, record.history_change_reason) == (user, "new plan")


def test_creating_a_document_whose_code_exists_is_a_conflict(health_plan):
    client = api_client(member("moh-planner", "moh"))
    response = client.post("/api/documents", plan("sbdp-test", "moh").model_dump(mode="json"))
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "conflict_exists"


def test_an_invalid_document_gets_every_problem_with_its_path_and_writes_nothing(reference):
    body = plan("plan-bad", "moh").model_dump(mode="json")
    body["indicators"][0]["goal"] = "9.9"
    body["measures"][0]["financing"][0]["year"] = 2040
    response = api_client(member("moh-planner", "moh")).post("/api/documents", body)
    assert response.status_code == 422
    errors = {e["path"]: e for e in response.json()["errors"]}
    assert set(errors) == {"$.indicators[0].goal", "$.measures[0].financing[0].year"}
    assert errors["$.indicators[0].goal"]["code"] == "unknown_reference"
    assert errors["$.indicators[0].goal"]["message"] == {"kk": "құжатта мұндай кодты мақсат жоқ",
                                                         "ru": "в документе нет цели с таким кодом",
                                                         "en": "no goal with this code in the document"}
    assert not Document.objects.filter(code="plan-bad").exists()


def test_a_body_that_is_not_a_document_is_refused_with_the_field_named(reference):
    response = api_client(member("moh-planner", "moh")).post("/api/documents", {"code": "x y", "type": "sbdp"})
    assert response.status_code == 422
    paths = {e["path"] for e in response.json()["errors"]}
    assert {"$.code", "$.period_start", "$.period_end", "$.developer"} <= paths


@pytest.fixture
def draft_plan(reference):
    return do_import_document(small_payload(status="draft"), reason="fixture").document


def _replace(client, code, body, version):
    return client.put(f"/api/documents/{code}?reason=correction", body, headers={"If-Match": etag(version)})


def test_replacing_a_document_needs_the_version_read_and_refuses_a_stale_one_with_both_versions(draft_plan):
    alice, bob = api_client(member("moh-planner", "moh")), api_client(member("moh-head", "moh", Role.HEAD))
    read = alice.get("/api/documents/sbdp-test/export")
    version = read["ETag"].strip('"')
    body = read.json()

    missing = alice.put("/api/documents/sbdp-test", body)
    assert missing.status_code == 428

    body_a = {**body, "title": {**body["title"], "en": "Alice's title"}}
    assert _replace(alice, "sbdp-test", body_a, version).status_code == 200
    body_b = {**body, "title": {**body["title"], "en": "Bob's title"}}
    conflict = _replace(bob, "sbdp-test", body_b, version)
    assert conflict.status_code == 409
    data = conflict.json()
    assert data["errors"][0]["code"] == "version_conflict"
    assert data["yours"]["content_version"] == version
    assert data["current"]["document"]["title"]["en"] == "Alice's title"
    assert Document.objects.get(code="sbdp-test").title_en == "Alice's title"


def test_the_code_in_the_body_must_be_the_code_in_the_address(draft_plan):
    client = api_client(member("moh-planner", "moh"))
    read = client.get("/api/documents/sbdp-test/export")
    body = {**read.json(), "code": "sbdp-other"}
    response = _replace(client, "sbdp-test", body, read["ETag"].strip('"'))
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "$.code"


def test_replacing_removes_items_left_out_and_records_who_and_why(draft_plan):
    user = member("moh-planner", "moh")
    client = api_client(user)
    read = client.get("/api/documents/sbdp-test/export")
    body = read.json()
    body["indicators"] = [i for i in body["indicators"] if i["code"] == "TI-1"]
    body["measures"][0]["indicators"] = ["TI-1"]
    assert _replace(client, "sbdp-test", body, read["ETag"].strip('"')).status_code == 200
    assert list(Indicator.objects.filter(document__code="sbdp-test").values_list("code", flat=True)) == ["TI-1"]
    history = client.get("/api/documents/sbdp-test/history", model="indicator").json()["items"]
    deleted = [e for e in history if e["action"] == "deleted"]
    assert [(e["item"], e["who"], e["why"]) for e in deleted] == [("RI-1", "moh-planner", "correction")]


def test_a_published_document_is_not_replaced_but_corrected(health_plan):
    client = api_client(member("moh-planner", "moh"))
    read = client.get("/api/documents/sbdp-test/export")
    response = _replace(client, "sbdp-test", read.json(), read["ETag"].strip('"'))
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "not_editable"
    assert "cl. 205-214" in response.json()["errors"][0]["message"]["en"]


def test_reference_data_is_public_and_filterable(reference):
    client = api_client()
    orgs = client.get("/api/organizations", authority="state_planning").json()
    assert [o["code"] for o in orgs["items"]] == ["mne"]
    assert client.get("/api/organizations/moh").json()["name"]["en"]
    regions = client.get("/api/territories", kind="capital").json()
    assert regions["count"] == 1
    assert client.get("/api/territories/000000000").status_code == 404
