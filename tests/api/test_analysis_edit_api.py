"""Starting an analysis and adding or changing its sources (cl. 8), factors (cl. 10-15) and SWOT texts (cl. 17-20)
over the API (issues 5, 6): the rules stay in the services, refusals come back in kk/ru/en naming the clause,
a change needs the version it was read at (409 with both versions, 428 without), only the developer writes."""

from __future__ import annotations

import pytest

from jospar.analysis import services as an
from jospar.analysis.models import Analysis, Factor, Source, SwotItem
from tests.api.conftest import api_client

BASE = "/api/documents/sbdp-test"


@pytest.fixture
def started(health_plan, people):
    a = an.do_start_analysis(health_plan, development_year=2024, acting_user=people["moh_planner"])
    an.do_add_factor(a, kind="external", group="economic", description={"kk": "Мұнай бағасы", "en": "Oil price"},
                     acting_user=None)
    an.do_add_swot_item(a, category="threat", text={"kk": "Инфляция", "en": "Inflation"}, acting_user=None)
    return a


def test_a_planner_starts_the_analysis_and_gets_the_three_data_years_of_cl_9(health_plan, people):
    client = api_client(people["moh_planner"])
    response = client.post(f"{BASE}/analysis", {"development_year": 2025, "change_reason": "start of development"})
    assert response.status_code == 201, response.content
    assert (response.json()["development_year"], response.json()["data_years"]) == (2025, [2022, 2023, 2024])
    assert Analysis.objects.get().history.latest().history_change_reason == "start of development"
    again = client.post(f"{BASE}/analysis", {"development_year": 2026, "data_years": [2023, 2024, 2025]})
    assert again.status_code == 200 and again.json()["data_years"] == [2023, 2024, 2025]


def test_data_years_not_before_the_year_of_development_are_refused_in_three_languages(health_plan, people):
    response = api_client(people["moh_planner"]).post(f"{BASE}/analysis",
                                                      {"development_year": 2025, "data_years": [2023, 2025]})
    assert response.status_code == 422
    [problem] = response.json()["errors"]
    assert "data year 2025" in problem["message"]["en"] and "(cl. 9)" in problem["message"]["en"]
    assert problem["message"]["kk"] != problem["message"]["en"]
    assert not Analysis.objects.exists()


def test_a_source_is_added_and_its_address_changed_with_the_version_it_was_read_at(started, people):
    client = api_client(people["moh_planner"])
    added = client.post(f"{BASE}/analysis/sources", {"type": "official_statistics",
                                                      "citation": {"kk": "Ұлттық статистика бюросы"}})
    assert added.status_code == 201, added.content
    body = added.json()
    assert (body["code"], body["citation"]["kk"], added["Location"]) == (
        "SRC1", "Ұлттық статистика бюросы", f"{BASE}/analysis/sources/SRC1")
    changed = client.patch(f"{BASE}/analysis/sources/SRC1", {"url": "https://stat.gov.kz",
                                                              "citation": {"en": "Bureau of National Statistics"}},
                           headers={"If-Match": f'"{body["version"]}"'})
    assert changed.status_code == 200, changed.content
    assert changed.json()["citation"] == {"kk": "Ұлттық статистика бюросы", "ru": "",
                                          "en": "Bureau of National Statistics"}
    assert Source.objects.get().url == "https://stat.gov.kz"


def test_a_source_with_an_unknown_type_or_a_bad_address_is_refused_and_not_written(started, people):
    client = api_client(people["moh_planner"])
    assert client.post(f"{BASE}/analysis/sources", {"type": "rumours", "citation": {"kk": "x"}}).status_code == 422
    response = client.post(f"{BASE}/analysis/sources", {"type": "external", "citation": {"kk": "x"},
                                                         "url": "not an address"})
    assert response.status_code == 422
    assert "not a web address" in response.json()["errors"][0]["message"]["en"]
    assert not Source.objects.exists()


def test_a_factor_is_added_then_its_english_text_changed_keeping_the_kazakh(started, people):
    client = api_client(people["moh_planner"])
    added = client.post(f"{BASE}/analysis/factors", {"kind": "internal", "group": "social",
                                                      "description": {"kk": "Кадр тапшылығы"}})
    assert added.status_code == 201 and added.json()["code"] == "F2"
    read = client.get(f"{BASE}/analysis/factors/F2")
    assert read.status_code == 200 and read["ETag"] == f'"{added.json()["version"]}"'
    changed = client.patch(f"{BASE}/analysis/factors/F2", {"description": {"en": "Staff shortage"},
                                                            "version": added.json()["version"],
                                                            "change_reason": "translation"})
    assert changed.status_code == 200, changed.content
    f2 = Factor.objects.get(code="F2")
    assert (f2.description_kk, f2.description_en) == ("Кадр тапшылығы", "Staff shortage")
    assert (f2.history.latest().history_user, f2.history.latest().history_change_reason) == (
        people["moh_planner"], "translation")


def test_a_factor_of_an_eighth_group_or_with_a_country_and_no_comparison_is_refused(started, people):
    client = api_client(people["moh_planner"])
    assert client.post(f"{BASE}/analysis/factors", {"kind": "internal", "group": "astrological",
                                                     "description": {"kk": "x"}}).status_code == 422
    response = client.post(f"{BASE}/analysis/factors", {"kind": "external", "group": "economic",
                                                         "description": {"kk": "x"}, "foreign_country": "Finland"})
    assert response.status_code == 422
    assert "(cl. 15)" in response.json()["errors"][0]["message"]["en"]
    assert Factor.objects.count() == 1


def test_two_people_changing_one_factor_do_not_overwrite_each_other(started, people):
    client = api_client(people["moh_planner"])
    version = client.get(f"{BASE}/analysis/factors/F1").json()["version"]
    first = client.patch(f"{BASE}/analysis/factors/F1", {"description": {"en": "Oil and gas prices"},
                                                          "version": version})
    assert first.status_code == 200
    second = client.patch(f"{BASE}/analysis/factors/F1", {"group": "political", "version": version})
    assert second.status_code == 409
    assert second.json()["current"]["description"]["en"] == "Oil and gas prices"
    assert second.json()["yours"] == {"group": "political", "version": version}
    assert client.patch(f"{BASE}/analysis/factors/F1", {"group": "political"}).status_code == 428
    assert Factor.objects.get().group == "economic"


def test_the_text_of_a_swot_item_and_its_factor_change_but_not_its_category(started, people):
    client = api_client(people["moh_planner"])
    version = client.get(f"{BASE}/analysis/swot/T1").json()["version"]
    changed = client.patch(f"{BASE}/analysis/swot/T1", {"text": {"ru": "Инфляция выше 8 %"}, "factor": "F1",
                                                         "version": version})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["factor"], changed.json()["text"]["ru"], changed.json()["category"]) == (
        "F1", "Инфляция выше 8 %", "threat")
    assert client.patch(f"{BASE}/analysis/swot/T1", {"category": "strength",
                                                      "version": changed.json()["version"]}).status_code == 422
    cleared = client.patch(f"{BASE}/analysis/swot/T1", {"factor": "", "version": changed.json()["version"]})
    assert cleared.status_code == 200 and cleared.json()["factor"] is None
    missing = client.patch(f"{BASE}/analysis/swot/T1", {"factor": "F9", "version": cleared.json()["version"]})
    assert missing.status_code == 422 and missing.json()["errors"][0]["path"] == "$.factor"
    assert SwotItem.objects.get().text_kk == "Инфляция"


@pytest.mark.parametrize("who, status", [("moh_viewer", 403), ("edu_planner", 403), ("mne_planner", 403)])
def test_only_the_developers_writers_start_add_or_change(started, people, who, status):
    client = api_client(people[who])
    version = client.get(f"{BASE}/analysis/factors/F1").json()["version"]
    assert client.post(f"{BASE}/analysis", {"development_year": 2025}).status_code == status
    assert client.post(f"{BASE}/analysis/sources", {"type": "external", "citation": {"kk": "x"}}).status_code \
        == status
    assert client.post(f"{BASE}/analysis/factors", {"kind": "internal", "group": "social",
                                                     "description": {"kk": "x"}}).status_code == status
    assert client.patch(f"{BASE}/analysis/factors/F1", {"group": "social", "version": version}).status_code == status
    assert client.patch(f"{BASE}/analysis/swot/T1", {"text": {"en": "x"}, "version": version}).status_code == status
    assert api_client().post(f"{BASE}/analysis/factors", {}).status_code == 401
    assert (Factor.objects.get().group, Source.objects.count(), Analysis.objects.get().development_year) == (
        "economic", 0, 2024)
