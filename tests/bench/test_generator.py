"""The synthetic country of `jospar generate`, checked at `small` scale (the only scale tests use)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jospar.demo.generator import (
    FACT_YEARS,
    PREFIX,
    SCALES,
    GenerationError,
    do_generate_country,
    parse_years,
    split_units,
)
from jospar.interchange.services import do_import_document, export_document
from jospar.planning.choices import DecompositionDimension, DecompositionKind, Polarity
from jospar.planning.models import (
    DecompositionLink,
    Document,
    Financing,
    Indicator,
    IndicatorValue,
    Measure,
)

from ..conftest import small_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def country(reference):
    return do_generate_country("small", seed=7)


def _fingerprint() -> list[tuple]:
    return sorted(IndicatorValue.objects.filter(indicator__document__code__startswith=PREFIX).values_list(
        "indicator__document__code", "indicator__code", "year", "plan", "fact", "reason"))


def test_small_scale_writes_the_documents_and_items_counted_by_hand(country):
    # NDP: 3 strategic indicators x (1 national + 20 regions) = 63; TDP 3; 1 concept x 3; 1 national project
    # x 3; 2 state body plans x 4; 1 regional plan (Ulytau, 5 districts) x 4 x (1 + 5) = 24.
    assert Document.objects.filter(code__startswith=PREFIX).count() == 1 + 1 + 1 + 1 + 2 + 1
    assert Indicator.objects.filter(document__code__startswith=PREFIX).count() == 63 + 3 + 3 + 3 + 8 + 24
    assert IndicatorValue.objects.filter(indicator__document__code__startswith=PREFIX).count() == 104 * 5
    assert Measure.objects.filter(document__code__startswith=PREFIX).count() == 4 + 2 * 5 + 5
    assert country.counts["planning.Indicator"] == 104
    assert country.rows == sum(country.counts.values())


def test_every_generated_document_code_starts_with_gen_and_the_demo_is_left_alone(reference):
    do_import_document(small_payload())
    do_generate_country("small")
    codes = set(Document.objects.values_list("code", flat=True))
    assert "sbdp-test" in codes
    assert all(c.startswith(PREFIX) for c in codes - {"sbdp-test"})
    assert Indicator.objects.filter(document__code="sbdp-test").count() == 2


def test_shares_of_regions_and_districts_add_up_to_their_parent_every_year(country):
    # cl. 2(1): a "share" decomposition splits the value; the parts sum to the whole, plans and facts alike.
    links = DecompositionLink.objects.filter(kind=DecompositionKind.SHARE, child__document__code__startswith=PREFIX)
    children = defaultdict(list)
    for parent_id, child_id in links.values_list("parent_id", "child_id"):
        children[parent_id].append(child_id)
    assert children, "the small country has additive indicators"
    values = {(v.indicator_id, v.year): v for v in IndicatorValue.objects.filter(
        indicator_id__in={*children, *(c for cs in children.values() for c in cs)})}
    checked = 0
    for parent_id, kids in children.items():
        for year in range(2025, 2030):
            parent = values[(parent_id, year)]
            assert sum(values[(k, year)].plan for k in kids) == parent.plan
            if parent.fact is not None:
                assert sum(values[(k, year)].fact for k in kids) == parent.fact
                checked += 1
    assert checked >= len(children) * FACT_YEARS


def test_the_ndp_map_is_decomposed_to_all_twenty_regions(country):
    ndp = Document.objects.get(code=f"{PREFIX}ndp-2025-2029")
    for national in Indicator.objects.filter(document=ndp, territory=None):
        links = DecompositionLink.objects.filter(parent=national, dimension=DecompositionDimension.REGION)
        assert links.count() == 20
        assert len({link.child.territory_id for link in links}) == 20


def test_macroindicators_of_a_regional_plan_copy_the_region_row_of_the_ndp_map(country):
    # cl. 144: the macroindicators of a regional plan are the region's strategic indicators of the NDP map.
    macro = Indicator.objects.get(document__code=f"{PREFIX}rdp-620000000", code="MI-001")
    parent = macro.parent_links.get().parent
    assert parent.document.code == f"{PREFIX}ndp-2025-2029"
    assert parent.territory_id == macro.territory_id
    assert list(macro.values.values_list("year", "plan", "fact")) == list(parent.values.values_list("year", "plan", "fact"))


def test_every_regional_indicator_is_broken_down_by_every_district(country):
    rdp = Document.objects.get(code=f"{PREFIX}rdp-620000000")
    districts = set(rdp.territory.children.values_list("pk", flat=True))
    assert len(districts) == 5
    for ind in Indicator.objects.filter(document=rdp, territory=rdp.territory):
        kids = ind.child_links.filter(dimension=DecompositionDimension.DISTRICT)
        assert {link.child.territory_id for link in kids} == districts


def test_facts_exist_for_the_first_two_years_and_a_miss_always_has_a_reason(country):
    rows = IndicatorValue.objects.filter(indicator__document__code__startswith=PREFIX).select_related("indicator")
    for v in rows:
        assert (v.fact is not None) == (v.year in (2025, 2026))
        if v.fact is None:
            continue
        worse = v.fact > v.plan if v.indicator.polarity == Polarity.DECREASE else v.fact < v.plan
        assert bool(v.reason) == worse, (v.indicator.code, v.year, v.plan, v.fact, v.reason)


def test_every_measure_is_financed_each_year_of_its_span_from_one_to_three_sources(country):
    by_measure_year = defaultdict(list)
    for f in Financing.objects.filter(measure__document__code__startswith=PREFIX):
        by_measure_year[(f.measure_id, f.year)].append(f)
    for m in Measure.objects.filter(document__code__startswith=PREFIX):
        for year in range(m.start_year, m.deadline.year + 1):
            lines = by_measure_year.pop((m.pk, year))
            assert 1 <= len(lines) <= 3
            assert len({f.source for f in lines}) == len(lines)
            for f in lines:
                assert (f.absorbed is not None) == (year in (2025, 2026))  # absorbed for the past years only
                assert bool(f.reason_unabsorbed) == (f.absorbed is not None and f.absorbed < f.plan)
                assert (f.budget_program_code != "") == (f.source == "budget")
    assert not by_measure_year, "no financing outside a measure's span"


def test_the_same_seed_gives_the_same_country_and_another_seed_another(reference):
    do_generate_country("small", seed=3)
    first = _fingerprint()
    do_generate_country("small", seed=3, replace=True)
    assert _fingerprint() == first
    do_generate_country("small", seed=4, replace=True)
    assert _fingerprint() != first


def test_a_second_run_is_refused_without_replace_and_writes_nothing(country):
    before = Indicator.objects.count()
    with pytest.raises(GenerationError, match="--replace"):
        do_generate_country("small", seed=7)
    assert Indicator.objects.count() == before


def test_replace_removes_the_previous_country_first(country):
    report = do_generate_country("small", seed=7, replace=True)
    assert report.deleted > 0
    assert Indicator.objects.filter(document__code__startswith=PREFIX).count() == 104


def test_a_generated_document_passes_the_interchange_import_unchanged(country):
    # Export + import of the whole regional plan: every reference resolves and nothing needs to change.
    document = Document.objects.get(code=f"{PREFIX}rdp-620000000")
    result = do_import_document(export_document(document))
    assert not result.created
    assert result.changed == 0


def test_history_is_written_only_when_asked_and_replace_removes_it(reference):
    do_generate_country("small")
    assert not Indicator.history.filter(code="SI-001.R620000000").exists()
    do_generate_country("small", replace=True, history=True)
    assert Indicator.history.filter(code="SI-001.R620000000", history_type="+").count() == 1
    do_generate_country("small", replace=True)
    assert not Indicator.history.filter(code="SI-001.R620000000").exists()


def test_the_years_option_sets_every_plan_period(reference):
    do_generate_country("small", years=(2026, 2028))
    assert set(Document.objects.filter(code__startswith=PREFIX).values_list("period_start", "period_end")) == {
        (2026, 2028)}
    assert set(IndicatorValue.objects.filter(fact__isnull=False, indicator__document__code__startswith=PREFIX)
               .values_list("year", flat=True)) == {2026, 2027}


@pytest.mark.parametrize("text", ["2025", "2029-2025", "2025-2026", "x-y", "1900-2000"])
def test_bad_years_are_refused_with_the_expected_form(text):
    with pytest.raises(GenerationError, match="--years"):
        parse_years(text)


def test_an_unknown_scale_is_refused_by_name(reference):
    with pytest.raises(GenerationError, match="unknown scale 'huge'"):
        do_generate_country("huge")


def test_split_units_gives_exact_parts_by_largest_remainder():
    assert split_units(10, [1, 1, 1]) == [4, 3, 3]
    assert split_units(7, [2, 1]) == [5, 2]  # 4.67 + 2.33: the larger remainder (.67) gets the extra unit
    assert sum(split_units(1_000_003, [5, 17, 100, 3])) == 1_000_003


def test_the_command_prints_counts_and_refuses_a_second_run(reference, capsys):
    call_command("generate", "--scale", "small", "--seed", "2")
    out = capsys.readouterr().out
    assert "planning.Indicator" in out and "104" in out
    assert "Generated scale=small seed=2 years=2025-2029" in out
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate", "--scale", "small")


def test_the_national_scale_has_the_sizes_the_issue_asks_for():
    s = SCALES["national"]
    assert (s.ndp_indicators, s.tdp_indicators, s.concepts, s.concept_indicators, s.concept_measures) == (
        120, 50, 30, 30, 100)
    assert (s.national_projects, s.np_indicators, s.state_bodies, s.sbdp_indicators, s.sbdp_measures) == (
        10, 20, 40, 60, 150)
    assert (s.regions, s.rdp_indicators, s.rdp_measures) == (20, 120, 300)


def test_money_is_in_million_tenge_with_three_decimals(country):
    f = Financing.objects.filter(measure__document__code__startswith=PREFIX).first()
    assert f.plan == f.plan.quantize(Decimal("0.001"))


def test_removal_in_small_slices_of_keys_deletes_exactly_what_one_slice_deletes(reference, monkeypatch):
    from jospar.demo import generator

    do_import_document(small_payload())  # not generated: must stay
    do_generate_country("small", seed=3)
    whole = generator.delete_generated()
    do_generate_country("small", seed=3)
    monkeypatch.setattr(generator, "CHUNK", 7)  # every level in many slices of 7 keys
    sliced = generator.delete_generated()
    assert sliced == whole and whole["planning.IndicatorValue"] == 104 * 5  # 104 indicators x 5 years
    assert not Document.objects.filter(code__startswith=PREFIX).exists()
    assert Document.objects.count() == 1 and Indicator.objects.count() == len(small_payload().indicators)


def test_a_protected_reference_to_a_generated_row_stops_the_removal_naming_both_models(reference, monkeypatch):
    from django.db import models

    from jospar.demo import generator

    do_generate_country("small", seed=3)
    link = DecompositionLink._meta.get_field("parent")
    monkeypatch.setattr(link.remote_field, "on_delete", models.PROTECT)
    with pytest.raises(GenerationError, match=r"planning\.DecompositionLink rows refer to generated "
                                              r"planning\.Indicator rows \(PROTECT\)"):
        generator.delete_generated()
