"""The row-based monitoring roll-ups (issue 7, case a) give exactly what the model-instance version gave."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F, QuerySet
from django.utils import translation

from jospar.demo.generator import do_generate_country
from jospar.monitoring import achievement as ach
from jospar.monitoring import rollups
from jospar.planning.models import Document, Financing, Indicator, IndicatorValue, Measure
from tests.conftest import shared_transaction

from .reference_rollups import load as reference_load

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _country(django_db_blocker):
    """The small generated country, once for the module (tests roll back to it)."""
    with shared_transaction(django_db_blocker), django_db_blocker.unblock():
        do_generate_country("small", seed=11)
        yield list(Document.objects.order_by("code"))


@pytest.fixture
def country(_country, db):
    return _country


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_generated_document_has_the_same_snapshot_and_groups_as_before(country, lang):
    with translation.override(lang):
        for year in (2025, 2026):
            together = rollups.load_many(country, year)
            for document in country:
                old, new = reference_load(document, year), rollups.load(document, year)
                assert new == old, (document.code, year)
                assert together[document.pk] == old, (document.code, year)
                for by in rollups.DIMENSIONS:
                    assert rollups.rollup(new, by) == rollups.rollup(old, by), (document.code, year, by)


def test_the_generated_country_gives_the_roll_ups_something_to_compare(country):
    snaps = rollups.load_many(country, 2025)
    indicators = [i for s in snaps.values() for i in s.indicators]
    measures = [m for s in snaps.values() for m in s.measures]
    assert len(indicators) > 100 and len(measures) > 5
    assert any(i.achievement is not None for i in indicators)
    assert any(m.absorbed for m in measures)
    assert any(s.total is not None for s in snaps.values())


def test_a_title_missing_in_the_active_language_falls_back_like_the_model_does(country):
    document = next(d for d in country if d.indicators.exists())
    indicator = document.indicators.order_by("order", "code").first()
    indicator.title_ru = ""
    indicator.title_kk = "Қазақша атауы"
    indicator.save()
    with translation.override("ru"):
        old, new = reference_load(document, 2025), rollups.load(document, 2025)
        assert new == old
        assert new.indicators[0].title == "Қазақша атауы"


def test_loading_many_documents_takes_the_same_seven_queries_as_loading_one(country, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        rollups.load_many(country, 2025)
    assert rollups.load_many([], 2025) == {}


def test_fast_fetch_gives_the_rows_the_query_gives(country):
    # rollups._fetch reads a plain values_list query with one fetchall (SQLite's decimal converters still apply);
    # any other query, e.g. of modeltranslation's managers (which rearrange the columns), as list(query)
    ids = [d.pk for d in country]
    plain = [
        QuerySet(IndicatorValue).filter(indicator__document_id__in=ids, quarter=0).order_by("indicator_id", "year")
        .values_list("indicator_id", "year", "plan", "corrected_plan", "fact", "reason"),
        QuerySet(Financing).filter(measure__document_id__in=ids).order_by("id")
        .values_list("measure_id", "source", "plan", "corrected_plan", "absorbed"),
        QuerySet(Indicator).filter(document_id__in=ids).order_by("id").values_list("id", "code", "baseline_value"),
    ]
    managed = [Indicator.objects.filter(document_id__in=ids).order_by("id").values_list("id", "code", "title"),
               Measure.objects.filter(document_id__in=ids).order_by("id").values_list("title", "id", "code")]
    for query in plain + managed:
        rows = rollups._fetch(query)
        assert rows == list(query) and rows
        assert all(type(row) is tuple for row in rows)
        assert {type(v) for row in rows for v in row if v is not None} <= {int, str, Decimal}
    assert rollups._fetch(QuerySet(Indicator).filter(document_id__in=[]).values_list("id")) == []


def _varied(document: Document) -> None:
    """Indicators of every accumulation and polarity the quick path and the explanations handle, a missing fact,
    and measures linked to several indicators (in an order unlike the document's) and to another document's."""
    inds = list(document.indicators.order_by("id"))
    assert len(inds) >= 12
    pick = [i.pk for i in inds]
    Indicator.objects.filter(pk__in=pick[0::6]).update(accumulation="cumulative")
    Indicator.objects.filter(pk__in=pick[1::6]).update(accumulation="stock", polarity="decrease")
    Indicator.objects.filter(pk__in=pick[2::6]).update(polarity="keep_range", range_low=Decimal(1),
                                                       range_high=Decimal(50))
    Indicator.objects.filter(pk__in=pick[3::6]).update(polarity="keep_constant")
    Indicator.objects.filter(pk__in=pick[4::6]).update(accumulation="cumulative", polarity="decrease")
    IndicatorValue.objects.filter(indicator_id=pick[5], year=2025, quarter=0).update(fact=None)
    IndicatorValue.objects.filter(indicator_id=pick[6], year=2026, quarter=0).update(plan=Decimal(0),
                                                                                     corrected_plan=None)
    other = Indicator.objects.exclude(document=document).first()
    measures = list(document.measures.order_by("id")[:3])
    assert measures
    Indicator.objects.filter(document=document).update(order=F("order") + 1)
    Indicator.objects.filter(pk=inds[9].pk).update(order=0)  # first in the document, not first by primary key
    through = Measure.indicators.through
    through.objects.filter(measure__in=measures).delete()
    through.objects.bulk_create([through(measure=m, indicator=i) for m in measures  # stored unlike the plan's order
                                 for i in (inds[9], other, inds[2], inds[7])])


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_accumulation_and_polarity_and_multiple_links_give_what_the_model_instances_gave(country, lang):
    document = max(country, key=lambda d: (d.measures.count() > 0, d.indicators.count()))
    _varied(document)
    with translation.override(lang):
        for year in (2025, 2026, 2027):  # facts for 2025-2026 only: 2027 is not assessable
            old, new = reference_load(document, year), rollups.load(document, year)
            assert new == old, year
            assert rollups.load_many(country, year)[document.pk] == old, year
            for by in rollups.DIMENSIONS:
                assert rollups.rollup(new, by) == rollups.rollup(old, by), (year, by)
            assert rollups.mismatches(new) == rollups.mismatches(old)
    linked = [m for m in new.measures if len(m.indicator_codes) > 1]
    assert linked and all(len(m.indicator_codes) == 3 for m in linked)  # the other document's one is left out
    assert {m.indicator_codes[0] for m in linked} == {Indicator.objects.get(order=0, document=document).code}
    assert {i.verdict.status for i in new.indicators} >= {ach.IndicatorStatus.NOT_ASSESSABLE}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL stores a NaN numeric")
def test_a_value_that_is_not_a_finite_number_fails_as_it_did_with_model_instances(country):
    document = next(d for d in country if d.indicators.exists())
    value = IndicatorValue.objects.filter(indicator__document=document, quarter=0, year=2024).first() or (
        IndicatorValue.objects.filter(indicator__document=document, quarter=0, year=2025).first())
    with connection.cursor() as cur:  # Django refuses to write a NaN decimal; the database takes it
        cur.execute("UPDATE planning_indicatorvalue SET fact = 'NaN' WHERE id = %s", [value.pk])
    with pytest.raises(ValueError) as old:
        reference_load(document, 2025)
    with pytest.raises(ValueError) as new:
        rollups.load(document, 2025)
    assert str(new.value) == str(old.value) and "not a finite number" in str(new.value)
