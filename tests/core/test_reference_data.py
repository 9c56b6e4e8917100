"""Checks of the reference data files (pure: stdlib json only, no Django)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "jospar" / "core" / "data"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
KATO = re.compile(r"^\d{9}$")
REGION_KINDS = {"oblast", "city_republican", "capital"}
DISTRICT_KINDS = {"district", "city_oblast", "city_district"}
ORG_KINDS = {
    "government", "presidential_administration", "central_state_body", "local_executive_body",
    "authorized_body_state_planning", "authorized_body_strategic_planning", "authorized_body_budget_planning",
    "authorized_body_statistics", "national_project_office", "subordinate_organization", "quasi_public",
    "national_managing_holding", "national_holding", "national_company",
}
AUTHORIZED_ROLES = ("state_planning", "strategic_planning", "budget_planning", "statistics")


def _load(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def territories() -> dict:
    return _load("territories.json")


@pytest.fixture(scope="module")
def organizations() -> dict:
    return _load("organizations.json")


def _all_territories(data: dict):
    for region in data["regions"]:
        yield region
        yield from region["districts"]


def _region_katos(data: dict) -> set[str]:
    return {r["kato"] for r in data["regions"]}


def test_territories_header(territories):
    assert territories["source"].strip()
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", territories["as_of"])


def test_twenty_regions_of_the_right_kinds(territories):
    regions = territories["regions"]
    assert len(regions) == 20
    kinds = Counter(r["kind"] for r in regions)
    assert kinds == {"oblast": 17, "city_republican": 2, "capital": 1}
    (capital,) = [r for r in regions if r["kind"] == "capital"]
    assert capital["name_en"] == "Astana"
    assert capital["kato"] == "710000000"
    republican = {r["name_en"] for r in regions if r["kind"] == "city_republican"}
    assert republican == {"Almaty", "Shymkent"}


def test_every_region_has_a_centre_and_districts(territories):
    for region in territories["regions"]:
        assert region["center"].strip(), region["kato"]
        assert region["districts"], region["kato"]


def test_kato_codes_are_nine_digits_and_unique(territories):
    codes = [t["kato"] for t in _all_territories(territories)]
    bad = [c for c in codes if not isinstance(c, str) or not KATO.match(c)]
    assert not bad, bad
    duplicates = [c for c, n in Counter(codes).items() if n > 1]
    assert not duplicates, duplicates


def test_region_codes_end_in_zeros(territories):
    for region in territories["regions"]:
        assert region["kato"].endswith("0000000"), region["kato"]


def test_district_codes_start_with_their_region(territories):
    for region in territories["regions"]:
        for district in region["districts"]:
            assert district["kato"][:2] == region["kato"][:2], (region["kato"], district["kato"])


def test_kinds(territories):
    for region in territories["regions"]:
        assert region["kind"] in REGION_KINDS
        for district in region["districts"]:
            assert district["kind"] in DISTRICT_KINDS, district
            # city districts belong to the republican cities, the others to oblasts
            if region["kind"] == "oblast":
                assert district["kind"] != "city_district", district
            else:
                assert district["kind"] == "city_district", district


def test_kato_verified_flag_is_boolean(territories):
    for t in _all_territories(territories):
        assert isinstance(t.get("kato_verified"), bool), t["kato"]


def test_names_present_and_kazakh_is_cyrillic(territories):
    for t in _all_territories(territories):
        for lang in ("kk", "ru", "en"):
            assert isinstance(t[f"name_{lang}"], str) and t[f"name_{lang}"].strip(), (t["kato"], lang)
        assert CYRILLIC.search(t["name_kk"]), t["kato"]


def test_at_least_two_hundred_districts(territories):
    assert sum(len(r["districts"]) for r in territories["regions"]) >= 200


def test_organizations_header(organizations):
    assert organizations["source"].strip()
    assert organizations["organizations"]


def test_organization_codes_unique_and_slugs(organizations):
    codes = [o["code"] for o in organizations["organizations"]]
    duplicates = [c for c, n in Counter(codes).items() if n > 1]
    assert not duplicates, duplicates
    for code in codes:
        assert re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", code), code


def test_organization_kinds(organizations):
    for o in organizations["organizations"]:
        assert o["kind"] in ORG_KINDS, (o["code"], o["kind"])


def test_organization_names(organizations):
    for o in organizations["organizations"]:
        for lang in ("kk", "ru", "en"):
            assert isinstance(o[f"name_{lang}"], str) and o[f"name_{lang}"].strip(), (o["code"], lang)
        assert CYRILLIC.search(o["name_kk"]), o["code"]


def test_every_parent_exists_and_no_cycles(organizations):
    by_code = {o["code"]: o for o in organizations["organizations"]}
    for o in organizations["organizations"]:
        if o["parent"] is not None:
            assert o["parent"] in by_code, (o["code"], o["parent"])
        seen, cur = set(), o
        while cur["parent"] is not None:
            assert cur["code"] not in seen, f"cycle through {cur['code']}"
            seen.add(cur["code"])
            cur = by_code[cur["parent"]]


def test_akimats_point_at_real_territories(organizations, territories):
    regions = {r["kato"]: r for r in territories["regions"]}
    akimats = [o for o in organizations["organizations"] if o["kind"] == "local_executive_body"]
    for a in akimats:
        assert a["region_kato"] in regions, (a["code"], a["region_kato"])
        if a.get("district_kato"):
            district_codes = {d["kato"] for d in regions[a["region_kato"]]["districts"]}
            assert a["district_kato"] in district_codes, (a["code"], a["district_kato"])
    # one akimat for each of the 20 regions
    top = {a["region_kato"] for a in akimats if not a.get("district_kato")}
    assert top == set(regions)


def test_each_authorized_role_played_by_exactly_one(organizations):
    for role in AUTHORIZED_ROLES:
        players = [o["code"] for o in organizations["organizations"] if role in o["roles"]]
        assert len(players) == 1, (role, players)
    expected = {"state_planning": "mne", "strategic_planning": "aspr", "budget_planning": "mof", "statistics": "bns"}
    for role, code in expected.items():
        assert [o["code"] for o in organizations["organizations"] if role in o["roles"]] == [code]


def test_roles_are_known(organizations):
    for o in organizations["organizations"]:
        assert isinstance(o["roles"], list)
        assert set(o["roles"]) <= set(AUTHORIZED_ROLES), o["code"]


def test_statistics_bureau_is_under_the_agency(organizations):
    by_code = {o["code"]: o for o in organizations["organizations"]}
    assert by_code["bns"]["parent"] == "aspr"
