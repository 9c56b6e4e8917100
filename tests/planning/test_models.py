"""Database-level guarantees of the planning model, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from jospar.interchange.services import do_import_document
from jospar.planning.models import DecompositionLink, Document, Financing, Indicator, IndicatorValue

from ..conftest import small_payload

pytestmark = pytest.mark.django_db

VALUE_BOUNDS = [Decimal("99999999999.9999"), Decimal("-99999999999.9999"), Decimal("0.0001"), Decimal("12345.6789")]
MONEY_BOUNDS = [Decimal("999999999999.999"), Decimal("-999999999999.999"), Decimal("0.001"), Decimal("1500.5")]


@pytest.fixture
def plan(reference):
    return do_import_document(small_payload()).document


@pytest.mark.parametrize("value", VALUE_BOUNDS)
def test_indicator_values_keep_15_digits_exactly(plan, value):
    row = IndicatorValue.objects.get(indicator__code="TI-1", year=2025)
    row.fact = value
    row.save()
    row.refresh_from_db()
    assert row.fact == value


@pytest.mark.parametrize("value", MONEY_BOUNDS)
def test_money_keeps_15_digits_exactly(plan, value):
    line = Financing.objects.get()
    line.absorbed = value
    line.save()
    line.refresh_from_db()
    assert line.absorbed == value


def test_a_document_cannot_end_before_it_starts(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=plan.pk).update(period_end=2020)


def test_an_indicator_cannot_decompose_itself(plan):
    ti = Indicator.objects.get(code="TI-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        DecompositionLink.objects.create(parent=ti, child=ti, kind="copy")


def test_a_year_has_one_value_per_quarter(plan):
    ti = Indicator.objects.get(code="TI-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(indicator=ti, year=2025, quarter=0, plan=1)


def test_a_quarter_beyond_the_fourth_is_refused(plan):
    ti = Indicator.objects.get(code="TI-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(indicator=ti, year=2026, quarter=5, plan=1)


def test_a_range_cannot_be_upside_down(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.filter(code="TI-1").update(range_low=10, range_high=5)


def test_the_effective_plan_is_the_corrected_one_when_there_is_one(plan):
    row = IndicatorValue.objects.get(indicator__code="TI-1", year=2025)
    assert row.effective_plan == Decimal("75.1")
    row.corrected_plan = Decimal("74.9")
    assert row.effective_plan == Decimal("74.9")
