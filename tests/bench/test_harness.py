"""A smoke run of the benchmark harness at `small` scale (no timing is asserted: benchmarks live in bench/)."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from bench.harness import Context, Result, discover, run_cases, table
from jospar.demo.generator import do_generate_country

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx(reference):
    do_generate_country("small")
    return Context(scale="small", year=2025, vendor=connection.vendor, database_url="", quick=True)


def test_every_case_module_is_discovered_in_a_fixed_order():
    names = discover()
    assert names[:3] == ["consolidation", "compliance", "annexes"]
    assert {"annex14_import", "interchange", "load", "memory"} <= set(names)
    assert names[-1] == "memory"  # the peak is read after everything else ran


def test_a_quick_run_measures_every_available_case_against_its_floor(ctx):
    lines = []
    results, skipped = run_cases(ctx, echo=lines.append)
    assert not [why for why in skipped.values() if why.startswith("failed")], skipped
    assert skipped["load"].startswith("not available yet")  # no load test in a quick run
    timed = [r for r in results if r.unit == "s" and r.value is not None]
    assert timed and all(r.floor and r.floor > 0 for r in timed)
    assert {r.case for r in results} >= {"consolidation", "interchange", "memory"}
    rendered = table(results, skipped)
    assert "floor" in rendered and "not available yet" in rendered
    json.dumps([r.as_dict() for r in results], default=str)


def test_the_interchange_case_leaves_no_copy_behind(ctx):
    from jospar.planning.models import Document

    before = set(Document.objects.values_list("code", flat=True))
    run_cases(ctx, only=["interchange"], echo=lambda _: None)
    assert set(Document.objects.values_list("code", flat=True)) == before


def test_a_result_is_judged_by_its_target_and_its_ratio_to_the_floor():
    assert Result("a", "x", 0.5, floor=0.25, target=1.0, target_ratio=3.0).ok is True  # 0.5 s, 2x
    assert Result("a", "x", 0.9, floor=0.25, target=1.0, target_ratio=3.0).ok is False  # 3.6x the floor
    assert Result("a", "x", 1.5, floor=1.0, target=1.0).ok is False
    assert Result("a", "x", 1.5).ok is None  # no target: reported only
    assert Result("a", "x", 0.5, floor=0.25).ratio == 2.0
