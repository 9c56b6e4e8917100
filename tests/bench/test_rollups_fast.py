"""The row-based monitoring roll-ups (issue 7, case a) give exactly what the model-instance version gave."""

from __future__ import annotations

import pytest
from django.utils import translation

from jospar.demo.generator import do_generate_country
from jospar.monitoring import rollups
from jospar.planning.models import Document
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
