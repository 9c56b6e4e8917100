"""Reading routers: compliance findings (kk/ru/en, restricted items never named to the public), official forms
(public variant without restricted items), conclusions (drafts for the authorized bodies only), analysis and the
risk register (writes through jospar.analysis.services)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import timezone

from jospar.analysis.models import Risk
from jospar.core.models import Role
from jospar.evaluation.models import Conclusion
from jospar.interchange.services import do_import_document
from tests.api.conftest import api_client
from tests.conftest import member, small_payload

BASE = "/api/documents/sbdp-test"


@pytest.fixture
def restricted_plan(reference):
    """sbdp-test, in force and open, whose result indicator RI-1 is secret and whose section has no text."""
    payload = small_payload()
    payload.indicators[1].confidentiality = "secret"
    payload.indicators[1].unit = payload.indicators[1].unit.model_copy(update={"kk": "", "ru": "", "en": ""})
    return do_import_document(payload, reason="fixture").document


def test_checks_answer_in_the_language_asked_for(restricted_plan):
    developer = api_client(member("moh-planner", "moh", Role.PLANNER))
    kk = developer.get(f"{BASE}/checks").json()
    ru = developer.get(f"{BASE}/checks", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}).json()
    en = developer.get(f"{BASE}/checks", lang="en").json()
    assert (kk["language"], ru["language"], en["language"]) == ("kk", "ru", "en")
    assert kk["rules_checked"] > 0 and kk["findings"]
    assert [f["rule"] for f in kk["findings"]] == [f["rule"] for f in en["findings"]]
    assert kk["findings"][0]["message"] != en["findings"][0]["message"]
    assert all(f["clause"] for f in en["findings"])


def test_the_public_gets_no_finding_about_a_secret_indicator(restricted_plan):
    developer = api_client(member("moh-planner", "moh", Role.PLANNER)).get(f"{BASE}/checks", lang="en").json()
    public = api_client(None).get(f"{BASE}/checks", lang="en").json()
    assert any("RI-1" in f["text"] for f in developer["findings"])
    assert not any("RI-1" in f["text"] for f in public["findings"])
    assert public["errors"] + public["warnings"] == len(public["findings"])


def test_the_forms_of_a_state_body_plan_are_listed_and_annex_13_downloads_as_a_workbook(health_plan):
    client = api_client(member("moh-planner", "moh", Role.PLANNER))
    annexes = {a["annex"] for a in client.get(f"{BASE}/forms").json()}
    assert annexes == {"1-1", "3", "4", "13"}
    response = client.get(f"{BASE}/forms/13", format="xlsx", year="2025", lang="ru")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames


def test_an_annex_of_another_document_type_is_a_422_naming_the_clause_in_three_languages(health_plan):
    response = api_client(None).get(f"{BASE}/forms/14", format="xlsx")
    assert response.status_code == 422
    message = response.json()["errors"][0]["message"]
    assert "cl. 229" in message["en"] and message["kk"] != message["en"] and message["ru"] != message["en"]


def test_the_public_form_leaves_the_secret_indicator_out(restricted_plan):
    public = api_client(None).get(f"{BASE}/forms/1-1", format="xlsx", lang="en")
    own = api_client(member("moh-planner", "moh", Role.PLANNER)).get(f"{BASE}/forms/1-1", format="xlsx", lang="en")
    assert public.status_code == own.status_code == 200

    def text(response) -> str:
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)

    assert "Maternal mortality" in text(own)
    assert "Maternal mortality" not in text(public)


def test_a_draft_conclusion_is_shown_to_the_authorized_bodies_only(health_plan):
    Conclusion.objects.create(document=health_plan, year=2025, criteria=[{"number": 1, "title": "t", "clause":
                                                                          "cl. 271(1)", "metrics": {}, "findings": []}])
    authority = api_client(member("mne-planner", "mne", Role.PLANNER))
    developer = api_client(member("moh-planner", "moh", Role.PLANNER))
    assert [c["year"] for c in authority.get(f"{BASE}/conclusions").json()] == [2025]
    assert authority.get(f"{BASE}/conclusions/2025").json()["criteria"][0]["clause"] == "cl. 271(1)"
    assert developer.get(f"{BASE}/conclusions").json() == []
    assert developer.get(f"{BASE}/conclusions/2025").status_code == 404
    Conclusion.objects.update(status="issued", position="p", conclusions="c")
    assert api_client(None).get(f"{BASE}/conclusions/2025").json()["position"] == "p"


def test_the_developer_enters_and_the_responsible_body_reviews_a_risk(health_plan):
    developer = api_client(member("moh-planner", "moh", Role.PLANNER))
    made = developer.post(f"{BASE}/risks", {
        "title": {"kk": "Құрылыс мердігерлерінің кешігуі", "en": "Contractors late"}, "kind": "internal",
        "likelihood": 3, "impact": 4, "owner": "edu", "measures": ["M-1"], "indicators": ["RI-1"]})
    assert made.status_code == 201, made.content
    assert (made.json()["code"], made.json()["score"], made.json()["measures"]) == ("R1", 12, ["M-1"])
    today = timezone.localdate().isoformat()
    owner = api_client(member("edu-planner", "edu", Role.PLANNER))
    reviewed = owner.post(f"{BASE}/risks/R1/reviews", {"likelihood": 2, "impact": 4, "note": "contract signed"})
    assert reviewed.status_code == 201, reviewed.content
    assert reviewed.json()["score"] == 8
    assert reviewed.json()["reviews"][0]["reviewed_on"] == today
    outsider = api_client(member("mci-planner", "mci", Role.PLANNER))
    assert outsider.post(f"{BASE}/risks/R1/reviews", {"likelihood": 1, "impact": 1}).status_code == 403
    assert Risk.objects.get().likelihood == 2


def test_a_refused_risk_names_the_field_and_writes_nothing(health_plan):
    developer = api_client(member("moh-planner", "moh", Role.PLANNER))
    empty = developer.post(f"{BASE}/risks", {"title": {"kk": ""}, "kind": "internal", "likelihood": 3,
                                             "impact": 4, "owner": "moh"})
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["path"] == "$.risk" or "cl. 198" in empty.json()["errors"][0]["message"]["en"]
    unknown = developer.post(f"{BASE}/risks", {"title": {"kk": "Т"}, "kind": "internal", "likelihood": 3,
                                               "impact": 4, "owner": "moh", "measures": ["M-1", "M-9"]})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["path"] == "$.measures[1]"
    future = developer.post(f"{BASE}/risks", {"title": {"kk": "Т"}, "kind": "internal", "likelihood": 6,
                                              "impact": 4, "owner": "moh"})
    assert future.status_code == 422 and future.json()["errors"][0]["path"] == "$.likelihood"
    assert not Risk.objects.exists()


def test_the_analysis_of_a_document_without_one_is_404(health_plan):
    assert api_client(None).get(f"{BASE}/analysis").status_code == 404
