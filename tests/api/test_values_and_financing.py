"""Facts, reasons, corrected plans and absorbed money over PATCH: versions, permissions and history."""

from __future__ import annotations

from jospar.api.versions import etag
from jospar.core.models import Role
from jospar.planning.models import Financing, IndicatorValue
from tests.api.conftest import api_client
from tests.conftest import member

VALUE = "/api/documents/sbdp-test/indicators/TI-1/values/2025/0"
LINE = "/api/documents/sbdp-test/measures/M-1/financing/2025/budget?program=067"


def test_the_responsible_body_sets_a_fact_and_the_history_says_who_when_what_and_why(health_plan):
    client = api_client(member("moh-planner", "moh"))
    read = client.get(VALUE)
    assert read.json()["fact"] == "75"
    response = client.patch(VALUE, {"fact": "75.25", "reason": "", "change_reason": "annual statistics"},
                            headers={"If-Match": read["ETag"]})
    assert response.status_code == 200, response.json()
    assert response.json()["fact"] == "75.25"
    assert response["ETag"] != read["ETag"]
    stored = IndicatorValue.objects.get(indicator__code="TI-1", year=2025)
    assert (str(stored.fact), stored.reason, stored.plan) == ("75.2500", "", stored.plan)
    last = client.get(f"{VALUE}/history").json()["items"][0]
    assert (last["who"], last["action"], last["why"]) == ("moh-planner", "changed", "annual statistics")
    assert {(c["field"], c["old"], c["new"]) for c in last["changes"]} == {
        ("fact", "75", "75.25"), ("reason", "flu season", "")}


def test_two_people_editing_the_same_value_never_overwrite_each_other(health_plan):
    alice, bob = api_client(member("moh-planner", "moh")), api_client(member("edu-planner", "edu"))
    version = alice.get(VALUE).json()["version"]
    assert alice.patch(VALUE, {"fact": "76", "version": version}).status_code == 200
    late = bob.patch(VALUE, {"fact": "74", "reason": "our estimate", "version": version})
    assert late.status_code == 409
    body = late.json()
    assert body["current"]["fact"] == "76"
    assert body["yours"] == {"fact": "74", "reason": "our estimate", "version": version}
    assert str(IndicatorValue.objects.get(indicator__code="TI-1", year=2025).fact) == "76.0000"


def test_a_change_without_the_version_read_is_refused(health_plan):
    response = api_client(member("moh-planner", "moh")).patch(VALUE, {"fact": "1"})
    assert response.status_code == 428
    assert response.json()["errors"][0]["code"] == "version_required"


def test_null_clears_a_value_and_fields_not_sent_stay(health_plan):
    client = api_client(member("moh-planner", "moh"))
    version = client.get(VALUE).json()["version"]
    response = client.patch(VALUE, {"fact": None, "version": version})
    assert response.json()["fact"] is None
    assert response.json()["reason"] == "flu season"


def test_a_value_with_more_than_four_decimals_or_an_unknown_field_is_refused(health_plan):
    client = api_client(member("moh-planner", "moh"))
    version = client.get(VALUE).json()["version"]
    too_fine = client.patch(VALUE, {"fact": "1.23456", "version": version})
    assert too_fine.status_code == 422
    assert too_fine.json()["errors"][0]["path"] == "$.fact"
    unknown = client.patch(VALUE, {"plan": "1", "version": version})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["path"] == "$.plan"


def test_a_co_executor_writes_its_indicator_but_not_another_part_of_the_document(health_plan):
    client = api_client(member("edu-planner", "edu"))
    ti = client.get(VALUE).json()["version"]
    assert client.patch(VALUE, {"fact": "75.5", "version": ti}).status_code == 200
    ri_path = "/api/documents/sbdp-test/indicators/RI-1/values/2025/0"
    ri = client.get(ri_path).json()["version"]
    refused = client.patch(ri_path, {"fact": "12", "version": ri})
    assert refused.status_code == 403
    assert "co-executor" in refused.json()["errors"][0]["message"]["en"]


def test_a_viewer_reads_but_never_writes(health_plan):
    client = api_client(member("moh-viewer", "moh", Role.VIEWER))
    version = client.get(VALUE).json()["version"]
    refused = client.patch(VALUE, {"fact": "1", "version": version})
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["message"]["ru"].startswith("У вас нет права")


def test_a_value_of_a_period_without_a_row_is_not_found(health_plan):
    client = api_client(member("moh-planner", "moh"))
    assert client.get("/api/documents/sbdp-test/indicators/TI-1/values/2026/0").status_code == 404
    assert client.get("/api/documents/sbdp-test/indicators/TI-1/values/2026/5").status_code == 422


def test_the_developer_records_absorbed_money_with_a_version_check(health_plan):
    client = api_client(member("moh-planner", "moh"))
    line = client.get("/api/documents/sbdp-test/measures/M-1/financing").json()[0]
    assert (line["plan"], line["absorbed"]) == ("1500.5", "1400")
    ok = client.patch(LINE, {"absorbed": "1500.5", "reason_unabsorbed": "", "version": line["version"]})
    assert ok.status_code == 200, ok.json()
    assert str(Financing.objects.get(measure__code="M-1").absorbed) == "1500.500"
    stale = client.patch(LINE, {"absorbed": "1", "version": line["version"]})
    assert stale.status_code == 409
    assert stale.json()["current"]["absorbed"] == "1500.5"
    history = client.get("/api/documents/sbdp-test/measures/M-1/financing/2025/budget/history?program=067").json()
    assert history["items"][0]["changes"][0] == {"field": "absorbed", "old": "1400", "new": "1500.5"}


def test_the_history_of_a_document_exports_as_csv_one_line_per_changed_field(health_plan):
    client = api_client(member("moh-planner", "moh"))
    version = client.get(VALUE).json()["version"]
    assert client.patch(VALUE, {"fact": "2", "version": version, "change_reason": "test"}).status_code == 200
    response = client.get("/api/documents/sbdp-test/history", format="csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "when,who,action,model,item,field,old,new,why"
    assert ",moh-planner,changed,indicator_value,TI-1/2025,fact,75,2,test" in lines[1]


def test_a_fact_is_never_a_spreadsheet_formula_in_the_csv(health_plan):
    client = api_client(member("moh-planner", "moh"))
    version = client.get(VALUE).json()["version"]
    client.patch(VALUE, {"reason": "=HYPERLINK(1)", "version": version})
    text = client.get("/api/documents/sbdp-test/history", format="csv").content.decode()
    assert ",'=HYPERLINK(1)," in text and ",=HYPERLINK" not in text


def test_etags_are_quoted_and_if_match_accepts_weak_ones(health_plan):
    client = api_client(member("moh-planner", "moh"))
    version = client.get(VALUE).json()["version"]
    response = client.patch(VALUE, {"fact": "70"}, headers={"If-Match": "W/" + etag(version)})
    assert response.status_code == 200
