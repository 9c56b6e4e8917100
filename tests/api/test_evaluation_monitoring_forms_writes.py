"""Writes over the API that the web pages already do: the conclusion of Annex 11 (draft, texts, issue: the
authorized body for state planning only, cl. 242, 257, 271), opening a reporting period (cl. 234-269), the
consolidated results (roll-ups, cl. 242, 257, 271) and the upload of a filled-in report workbook (Annex 13 here;
cl. 240, 254, 266)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from jospar.annexes.services import build_form, render
from jospar.core.models import Organization, Role
from jospar.evaluation.models import Conclusion
from jospar.monitoring.models import Obligation, ReportingPeriod
from jospar.planning.models import IndicatorValue
from tests.annexes.helpers import find_row, save, xlsx
from tests.api.conftest import api_client
from tests.conftest import member

BASE = "/api/documents/sbdp-test"


@pytest.fixture
def people(health_plan):
    return {
        "moh_planner": member("moh-planner", "moh", Role.PLANNER),
        "edu_planner": member("edu-planner", "edu", Role.PLANNER),
        "mne_planner": member("mne-planner", "mne", Role.PLANNER),
        "mne_head": member("mne-head", "mne", Role.HEAD),
        "mci_planner": member("mci-planner", "mci", Role.PLANNER),
    }


# ------------------------------------------------------------------------------------------- conclusion


def test_the_authorized_body_drafts_writes_and_issues_a_conclusion_and_then_it_no_longer_changes(people):
    planner, head = api_client(people["mne_planner"]), api_client(people["mne_head"])
    drafted = planner.post(f"{BASE}/conclusions/2025/draft", {})
    assert drafted.status_code == 200, drafted.content
    body = drafted.json()
    assert [c["number"] for c in body["criteria"]] == [1, 2, 3, 4, 5]  # the five criteria of cl. 271
    assert (body["status"], body["drafted_by"], body["position"]) == ("draft", "mne-planner", "")
    written = planner.patch(f"{BASE}/conclusions/2025", {"position": "Reasons are objective.",
                                                        "conclusions": "Achieved; keep the measures.",
                                                        "version": body["version"]})
    assert written.status_code == 200, written.content
    assert (written.json()["position"], written.json()["conclusions"]) == (
        "Reasons are objective.", "Achieved; keep the measures.")
    assert planner.post(f"{BASE}/conclusions/2025/issue", {}).status_code == 403  # not the first head
    issued = head.post(f"{BASE}/conclusions/2025/issue", {}, headers={"If-Match": f'"{written.json()["version"]}"'})
    assert issued.status_code == 200, issued.content
    assert issued.json()["status"] == "issued"
    after = head.patch(f"{BASE}/conclusions/2025", {"position": "x", "version": issued.json()["version"]})
    assert after.status_code == 409 and after.json()["errors"][0]["code"] == "wrong_status"
    assert Conclusion.objects.get().position == "Reasons are objective."
    history = Conclusion.objects.get().history.order_by("history_date")
    assert [h.history_user.username for h in history] == ["mne-planner", "mne-planner", "mne-head"]


def test_only_the_authorized_body_for_state_planning_writes_a_conclusion(people):
    for name in ("moh_planner", "mci_planner", "edu_planner"):
        response = api_client(people[name]).post(f"{BASE}/conclusions/2025/draft", {})
        assert response.status_code == 403, name
        message = response.json()["errors"][0]["message"]
        assert "cl. 242, 257" in message["en"] and all("242, 257" in message[lang] for lang in ("kk", "ru"))
        assert message["kk"] != message["en"] != message["ru"]
    assert api_client(None).post(f"{BASE}/conclusions/2025/draft", {}).status_code == 401
    assert not Conclusion.objects.exists()


def test_two_people_writing_the_same_conclusion_do_not_overwrite_each_other(people):
    client = api_client(people["mne_planner"])
    version = client.post(f"{BASE}/conclusions/2025/draft", {}).json()["version"]
    first = client.patch(f"{BASE}/conclusions/2025", {"position": "First", "version": version})
    assert first.status_code == 200
    second = client.patch(f"{BASE}/conclusions/2025", {"position": "Second", "version": version})
    assert second.status_code == 409
    assert (second.json()["current"]["position"], second.json()["yours"]["position"]) == ("First", "Second")
    assert client.patch(f"{BASE}/conclusions/2025", {"position": "Third"}).status_code == 428
    assert Conclusion.objects.get().position == "First"


def test_issuing_without_the_texts_is_refused_naming_items_6_and_7_of_annex_11(people):
    head = api_client(people["mne_head"])
    head.post(f"{BASE}/conclusions/2025/draft", {})
    version = head.get(f"{BASE}/conclusions/2025").json()["version"]
    response = head.post(f"{BASE}/conclusions/2025/issue", {"version": version})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["path"] for e in errors] == ["$.position", "$.conclusions"]
    assert "cl. 271(2)" in errors[0]["message"]["en"] and "cl. 271(3)" in errors[1]["message"]["en"]
    assert errors[0]["message"]["ru"] != errors[0]["message"]["en"]
    assert Conclusion.objects.get().status == "draft"


def test_a_conclusion_outside_the_period_or_final_before_its_last_year_is_refused(people):
    client = api_client(people["mne_planner"])
    outside = client.post(f"{BASE}/conclusions/2031/draft", {})
    assert outside.status_code == 422 and "2025-2029" in outside.json()["errors"][0]["message"]["en"]
    early = client.post(f"{BASE}/conclusions/2025/draft?final=true", {})
    assert early.status_code == 422 and "cl. 230, 244" in early.json()["errors"][0]["message"]["en"]
    assert client.patch(f"{BASE}/conclusions/2026", {"position": "x", "version": "v"}).status_code == 409
    assert not Conclusion.objects.exists()


# ---------------------------------------------------------------------------------------- periods, roll-ups


def test_an_authorized_body_opens_the_reporting_period_once_and_again_adds_nothing(people):
    client = api_client(people["mne_planner"])
    opened = client.post("/api/monitoring/periods/sbdp-test/2025", {"change_reason": "2025 cycle"})
    assert opened.status_code == 201, opened.content
    body = opened.json()
    count = Obligation.objects.filter(period__document__code="sbdp-test", period__year=2025).count()
    assert count > 0 and body == {"document": "sbdp-test", "year": 2025, "quarter": 0, "created": True,
                                  "obligations_created": count, "obligations": count, "opened_by": "mne-planner"}
    again = client.post("/api/monitoring/periods/sbdp-test/2025", {})
    assert again.status_code == 200
    assert (again.json()["created"], again.json()["obligations_created"]) == (False, 0)
    assert ReportingPeriod.objects.get().history.first().history_change_reason == "2025 cycle"


def test_another_ministry_may_not_open_a_period_and_a_quarter_is_only_for_the_national_plan(people):
    refused = api_client(people["mci_planner"]).post("/api/monitoring/periods/sbdp-test/2025", {})
    assert refused.status_code == 403 and "cl. 234-269" in refused.json()["errors"][0]["message"]["en"]
    quarter = api_client(people["moh_planner"]).post("/api/monitoring/periods/sbdp-test/2025", {"quarter": 2})
    assert quarter.status_code == 422 and "cl. 234, 252, 262, 264" in quarter.json()["errors"][0]["message"]["en"]
    outside = api_client(people["moh_planner"]).post("/api/monitoring/periods/sbdp-test/2040", {})
    assert outside.status_code == 422 and "2025-2029" in outside.json()["errors"][0]["message"]["ru"]
    assert not ReportingPeriod.objects.exists()


def test_the_roll_up_by_body_shows_achievement_and_absorption_with_their_calculations(people):
    response = api_client(people["moh_planner"]).get("/api/monitoring/rollups/sbdp-test/2025", by="body", lang="en")
    assert response.status_code == 200, response.content
    body = response.json()
    unassigned, moh = body["groups"]  # RI-1 names no responsible body
    assert (unassigned["key"], unassigned["indicators"], unassigned["average_achievement"]["value"]) == (None, 1, None)
    assert moh["key"]["code"] == "moh" and (moh["indicators"], moh["measures"]) == (1, 1)
    # TI-1: fact 75.0 of plan 75.1 (increase) = 99.866...% -> 99.87, partially achieved: 0 % achieved.
    assert (moh["average_achievement"]["value"], moh["share_achieved"]["value"]) == ("99.87", "0")
    # M-1: 1400 absorbed of 1500.5 planned = 93.302...% -> 93.3
    assert (moh["planned"], moh["absorbed"], moh["absorption"]["value"]) == ("1500.5", "1400", "93.3")
    ti1 = next(i for i in body["indicators"] if i["code"] == "TI-1")
    assert ti1["verdict"]["calculation"]["value"] == "99.87" and ti1["verdict"]["calculation"]["formula"]
    assert body["total"]["absorbed"] == "1400"


def test_the_roll_ups_are_for_the_developer_and_the_authorized_bodies(people):
    assert api_client(people["mne_planner"]).get("/api/monitoring/rollups/sbdp-test/2025").status_code == 200
    refused = api_client(people["mci_planner"]).get("/api/monitoring/rollups/sbdp-test/2025")
    assert refused.status_code == 403 and "cl. 242, 257" in refused.json()["errors"][0]["message"]["en"]
    assert api_client(None).get("/api/monitoring/rollups/sbdp-test/2025").status_code == 401
    bad = api_client(people["moh_planner"]).get("/api/monitoring/rollups/sbdp-test/2031")
    assert bad.status_code == 422 and bad.json()["errors"][0]["path"] == "$.path.year"


# ---------------------------------------------------------------------------------------- workbook upload


def _annex13(document, org_code: str = "moh"):
    return xlsx(render(build_form(document, "13", year=2025, lang="en",
                                  organization=Organization.objects.get(code=org_code)), "xlsx"))


def _upload(client, content: bytes, *, organization="moh", dry_run: bool = True, annex: str = "13",
            code: str = "sbdp-test"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    raw = Client()
    upload = SimpleUploadedFile("annex13.xlsx", content,
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return raw.post(f"/api/documents/{code}/forms/{annex}",
                    {"file": upload, "organization": organization, "dry_run": "true" if dry_run else "false",
                     "reason": "2025 report"},
                    headers={"Authorization": f"Bearer {client.token}"} if client.token else {})


def test_a_filled_annex_13_is_previewed_then_written_and_a_second_upload_changes_nothing(health_plan, people):
    wb = _annex13(health_plan)
    ws = wb["Annex 13"]
    r = find_row(ws, "indicator:TI-1")
    ws.cell(r, 5).value = 75.3  # column 5 "Actual" (Annex 13 expl. 5(7))
    content = save(wb)
    client = api_client(people["moh_planner"])
    preview = _upload(client, content)
    assert preview.status_code == 200, preview.content
    assert [(c["cell"], c["field"], c["old"], c["new"]) for c in preview.json()["changes"]] == [
        (f"E{r}", "fact", "75.0000", "75.3000")]
    assert preview.json()["written"] is False
    assert IndicatorValue.objects.get(indicator__code="TI-1", year=2025).fact == Decimal("75.0")
    applied = _upload(client, content, dry_run=False)
    assert applied.status_code == 200 and applied.json()["written"] is True
    value = IndicatorValue.objects.get(indicator__code="TI-1", year=2025)
    assert value.fact == Decimal("75.3")
    assert (value.history.first().history_user, value.history.first().history_change_reason) == (
        people["moh_planner"], "2025 report")
    again = _upload(client, content, dry_run=False)
    assert again.json()["changes"] == [] and again.json()["written"] is False


def test_a_bad_workbook_names_sheet_cell_and_rule_in_three_languages_and_writes_nothing(health_plan, people):
    wb = _annex13(health_plan)
    ws = wb["Annex 13"]
    r = find_row(ws, "indicator:TI-1")
    ws.cell(r, 4).value = 80  # the plan column is not the reporting body's (cl. 213)
    ws.cell(r, 5).value = "seventy"
    response = _upload(api_client(people["moh_planner"]), save(wb), dry_run=False)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["path"] for e in errors] == [f"$.file['Annex 13'].D{r}", f"$.file['Annex 13'].E{r}"]
    assert "cl. 213" in errors[0]["message"]["en"] and "expl. 5(7)" in errors[1]["message"]["en"]
    assert errors[1]["message"]["kk"] != errors[1]["message"]["en"] != errors[1]["message"]["ru"]
    assert IndicatorValue.objects.get(indicator__code="TI-1", year=2025).fact == Decimal("75.0")


def test_a_workbook_goes_only_to_its_own_address_and_on_behalf_of_ones_own_organization(health_plan, people):
    content = save(_annex13(health_plan))
    planner = api_client(people["moh_planner"])
    wrong_annex = _upload(planner, content, annex="14")
    assert wrong_annex.status_code == 422 and wrong_annex.json()["errors"][0]["code"] == "workbook_mismatch"
    other_org = _upload(api_client(people["edu_planner"]), content)
    assert other_org.status_code == 403
    not_a_workbook = _upload(planner, b"not a workbook")
    assert not_a_workbook.status_code == 422 and not_a_workbook.json()["errors"][0]["path"].startswith("$.file")
    assert _upload(api_client(None), content).status_code == 401
    sv_period = ReportingPeriod.objects.filter(document=health_plan)
    assert not sv_period.exists()
