"""The demo documents import cleanly, in order, and hang together across levels."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password

from jospar.demo import DEMO_USERS, build_documents
from jospar.interchange.schema import DocumentPayload

TERRITORIES = Path(__file__).resolve().parents[2] / "jospar" / "core" / "data" / "territories.json"
LANGS = ("kk", "ru", "en")


@pytest.fixture(scope="module")
def docs() -> dict[str, DocumentPayload]:
    return {d.code: d for d in build_documents() if d.code != "rdp-flawed-demo"}


@pytest.fixture(scope="module")
def districts_of() -> dict[str, set[str]]:
    data = json.loads(TERRITORIES.read_text(encoding="utf-8"))
    return {r["kato"]: {d["kato"] for d in r["districts"]} for r in data["regions"]}


def _children(doc: DocumentPayload, ref: str):
    return [i for i in doc.indicators if any(p.indicator == ref for p in i.parents)]


def test_the_builder_is_deterministic():
    first, second = build_documents(), build_documents()
    assert [d.model_dump_json() for d in first] == [d.model_dump_json() for d in second]


def test_documents_refer_only_to_earlier_documents(docs):
    seen: set[str] = set()
    for doc in docs.values():
        assert set(doc.implements) <= seen, doc.code
        for ind in doc.indicators:
            for link in ind.parents:
                assert link.indicator.split(":")[0] in seen | {doc.code}, (doc.code, ind.code, link.indicator)
        seen.add(doc.code)


@pytest.mark.django_db
def test_every_payload_imports_in_order(loaded_demo):
    """`jospar demo` imports build_documents() one by one in this order (tests/demo/conftest.py loads it once);
    a payload that does not import fails the fixture with every problem listed."""
    from jospar.planning.models import DecompositionLink, Document, Financing, Indicator

    reported = [line.strip() for line in loaded_demo.splitlines() if line.strip().endswith(": created")
                and " " not in line.strip().removesuffix(": created")]
    assert reported == [f"{payload.code}: created" for payload in build_documents()]
    assert Document.objects.count() == 8  # 7 demo documents + the deliberately flawed rdp-flawed-demo
    assert Indicator.objects.filter(document__code="ndp-2029", in_strategic_map=True, territory__isnull=True).count() >= 20
    assert DecompositionLink.objects.filter(parent__document__code="ndp-2029", dimension="region").count() >= 400
    assert Financing.objects.filter(year__in=(2024, 2025), absorbed__isnull=False).count() > 50


def test_the_strategic_map_has_twenty_indicators_broken_down_by_all_regions(docs):
    ndp = docs["ndp-2029"]
    national = [i for i in ndp.indicators if i.kind == "strategic" and i.in_strategic_map and i.territory is None]
    assert len(national) >= 22
    full = [i for i in national if len({c.territory for c in _children(ndp, f"ndp-2029:{i.code}")}) == 20]
    assert len(full) >= 20
    for ind in national:
        assert ind.responsible and ind.direction and ind.methodology.definition.kk
        assert ind.methodology.calculation_method.ru and ind.methodology.data_source_type
        assert {v.year for v in ind.values} == set(range(2025, 2030))


def test_additive_regional_values_add_up_to_the_national_value_every_year(docs):
    ndp = docs["ndp-2029"]
    checked = 0
    for ind in ndp.indicators:
        if ind.territory is not None:
            continue
        kids = _children(ndp, f"ndp-2029:{ind.code}")
        if not kids:
            continue
        kinds = {p.kind for k in kids for p in k.parents}
        assert len(kinds) == 1
        if kinds == {"share"}:
            checked += 1
            for year in range(2025, 2030):
                nat = next(v for v in ind.values if v.year == year)
                vals = [next(v for v in k.values if v.year == year) for k in kids]
                assert sum(v.plan for v in vals) == nat.plan, (ind.code, year)
                if nat.fact is not None:
                    assert sum(v.fact for v in vals) == nat.fact, (ind.code, year)
            assert sum(k.baseline.value for k in kids) == ind.baseline.value
    assert checked >= 5


def test_copied_indicators_equal_their_source(docs):
    every = {f"{d.code}:{i.code}": i for d in docs.values() for i in d.indicators}
    checked = 0
    for doc in docs.values():
        for ind in doc.indicators:
            for link in ind.parents:
                if link.kind != "copy" or link.dimension in ("region", "district"):
                    continue
                parent = every[link.indicator]
                mine = {v.year: v for v in ind.values}
                for pv in parent.values:
                    if pv.year in mine:
                        assert mine[pv.year].plan == pv.plan, (doc.code, ind.code, pv.year)
                        if pv.fact is not None:
                            assert mine[pv.year].fact == pv.fact, (doc.code, ind.code, pv.year)
                checked += 1
    assert checked >= 25


def test_two_state_body_plans_with_macro_target_and_result_indicators(docs):
    plans = [d for d in docs.values() if d.type == "sbdp"]
    assert len(plans) == 2
    for plan in plans:
        assert plan.mission.kk and plan.vision.ru and len(plan.sections) == 4
        kinds = defaultdict(list)
        for ind in plan.indicators:
            kinds[ind.kind].append(ind)
        assert all(i.direction and i.parents for i in kinds["macro"]) and kinds["macro"]
        assert all(i.goal and i.budget_program_code and i.responsible_official for i in kinds["target"])
        assert all(i.goal and i.task for i in kinds["result"]) and kinds["result"]
        assert any(c.share for i in kinds["target"] for c in i.co_executors)


def test_two_regional_plans_break_every_target_indicator_with_district_statistics_down_by_every_district(
        docs, districts_of):
    plans = [d for d in docs.values() if d.type == "rdp"]
    assert len(plans) == 2
    for plan in plans:
        assert len(plan.sections) == 5 and plan.territory
        tops = [i for i in plan.indicators if i.territory is None]
        assert len(tops) >= 10
        without = [i for i in tops if not i.district_statistics]
        assert [i.title.en for i in without] == ["Real growth of GDP (GRP)"]  # cl. 149: no GRP by district
        assert _children(plan, f"{plan.code}:{without[0].code}") == []
        for top in tops:
            if not top.district_statistics:
                continue
            kids = _children(plan, f"{plan.code}:{top.code}")
            assert {k.territory for k in kids} == districts_of[plan.territory], top.code
            assert all(k.parents[0].dimension == "district" for k in kids)
            if kids[0].parents[0].kind == "share":
                for year in range(plan.period_start, plan.period_end + 1):
                    total = next(v.plan for v in top.values if v.year == year)
                    assert sum(next(v.plan for v in k.values if v.year == year) for k in kids) == total
        macro = [i for i in tops if i.kind == "macro"]
        assert all(i.parents[0].indicator.startswith("ndp-2029:") for i in macro)
        assert all(i.parents[0].indicator.endswith(f".R{plan.territory}") for i in macro)


def test_every_top_indicator_of_a_regional_plan_names_who_initiated_it(docs):
    for plan in (d for d in docs.values() if d.type == "rdp"):
        tops = [i for i in plan.indicators if i.territory is None]
        for ind in tops:
            # cl. 143, 146: the akimat initiates its own indicators, a central body only those of the Map (linked)
            if ind.kind == "macro":
                assert ind.initiator not in (None, plan.developer)
                assert ind.parents[0].indicator.startswith("ndp-2029:"), ind.code
            else:
                assert ind.initiator == plan.developer, ind.code


def test_state_body_plans_give_resources_for_seven_years_and_a_prioritised_need_for_every_goal_and_target(docs):
    for plan in (d for d in docs.values() if d.type == "sbdp"):
        assert [r.year for r in plan.resources] == list(range(2023, 2030))  # reporting, current, 2025-2029
        assert all(r.budget_expenditure and r.staff and r.national_project_expenditure <= r.budget_expenditure
                   for r in plan.resources)
        rows = {(n.goal or n.indicator): n for n in plan.financial_need}
        targets = [i for i in plan.indicators if i.kind == "target"]
        assert set(rows) == {g.code for g in plan.goals} | {i.code for i in targets}
        for need in plan.financial_need:
            assert need.priority in (1, 2, 3) and [a.year for a in need.amounts] == list(range(2025, 2030))
            assert all(getattr(need, f).kk and getattr(need, f).ru and getattr(need, f).en
                       for f in ("grounds", "expected_effect", "gdp_contribution"))
        for goal in plan.goals:  # the target rows of a goal share its need exactly
            mine = [rows[i.code] for i in targets if i.goal == goal.code]
            for k in range(5):
                assert sum(n.amounts[k].amount for n in mine) == rows[goal.code].amounts[k].amount
    moh = docs["sbdp-moh-2025-2029"]
    assert moh.financial_need[0].amounts[0].amount == Decimal("310000.0")  # goal G1.1, 2025


def test_facts_cover_two_years_and_every_miss_has_a_reason(docs):
    years = set()
    for doc in docs.values():
        for ind in doc.indicators:
            for v in ind.values:
                if v.fact is not None:
                    years.add(v.year)
                    if v.plan is not None and v.reason == "":
                        worse = {"increase": v.fact < v.plan, "decrease": v.fact > v.plan}.get(ind.polarity, False)
                        assert not worse, (doc.code, ind.code, v.year)
    assert {2024, 2025} <= years


def test_financing_is_absorbed_for_2024_and_2025_with_reasons(docs):
    sources = set()
    for year in (2024, 2025):
        lines = [f for d in docs.values() for m in d.measures for f in m.financing if f.year == year]
        assert lines and all(f.absorbed is not None for f in lines)
        assert all(f.reason_unabsorbed for f in lines if f.absorbed < f.plan)
        assert any(f.absorbed < f.plan for f in lines)
        sources |= {f.source for f in lines}
    assert len(sources) >= 5
    for doc in docs.values():
        for m in doc.measures:
            for f in m.financing:
                assert isinstance(f.plan, Decimal) and f.plan >= 0
                if f.source == "budget":
                    assert f.budget_level and f.budget_program_code


def _titles(doc: DocumentPayload):
    yield "title", doc.title
    for s in doc.sections:
        yield f"section {s.key}", s.title
        yield f"section text {s.key}", s.text
    for d in doc.directions:
        yield f"direction {d.code}", d.title
    for g in doc.goals:
        yield f"goal {g.code}", g.title
        for t in g.tasks:
            yield f"task {g.code}/{t.code}", t.title
    for i in doc.indicators:
        yield f"indicator {i.code}", i.title
        yield f"unit {i.code}", i.unit
    for m in doc.measures:
        yield f"measure {m.code}", m.title


def test_every_title_is_in_kazakh_russian_and_english(docs):
    for doc in docs.values():
        for where, text in _titles(doc):
            for lang in LANGS:
                assert getattr(text, lang).strip(), (doc.code, where, lang)


def test_one_demo_user_per_role():
    roles = {u["role"] for u in DEMO_USERS}
    assert roles == {"viewer", "planner", "head", "admin"}
    assert len({u["username"] for u in DEMO_USERS}) == len(DEMO_USERS)
    assert any(u["is_superuser"] for u in DEMO_USERS)
    orgs = {(u["organization"], u["role"]) for u in DEMO_USERS}
    assert {("mne", "planner"), ("mne", "head"), ("aspr", "planner"), ("moh", "planner"), ("moh", "head"),
            ("edu", "planner"), ("akimat-karaganda", "planner"), ("akimat-karaganda-nura", "planner"),
            ("bns", "viewer")} <= orgs
    for u in DEMO_USERS:
        assert u["password"] == f"demo-{u['username']}-2026"
        assert u["language"] in LANGS
        validate_password(u["password"])


def test_the_good_demo_plans_pass_the_rules_on_resources_need_attribution_and_district_statistics(docs):
    from jospar.compliance.rules import Context, run_rules

    only = {"V-49", "V-50", "A4-V3", "V-22", "V-67"}
    for doc in docs.values():
        assert [(f.rule, f.item.code) for f in run_rules(doc, Context(), only=only)] == [], doc.code
