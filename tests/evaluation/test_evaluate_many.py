"""Issue 7: the criteria of cl. 271 of many documents at once equal the criteria of each document alone.

The oracle is tests/evaluation/reference_criteria.py, the module as it was before (one document at a time).
The data covers every read of ``evaluate_many``: a concept with its year run to an accepted report (on-time
co-executor, a report missing a financing line), the National Plan with one of two responsible bodies'
reports accepted and its co-executors' obligations not fulfilled (M8: one obligation per responsible body),
a version chain of three (one correction without a basis, cl. 205) and corrected indicator plans of the year
(one equal to the plan, one changed, one without a plan), and a stock indicator below its plan.
"""

from __future__ import annotations

import gc
from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from jospar.evaluation import criteria
from jospar.interchange.services import do_import_document
from jospar.monitoring import achievement as ach
from jospar.monitoring import rollups
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.planning.models import Document, Indicator, IndicatorValue
from tests.conftest import small_payload
from tests.evaluation import reference_criteria as reference
from tests.monitoring.ndp import ndp_with_users, org
from tests.monitoring.test_cycle import cycle, run_year  # noqa: F401 (fixture)

TODAY = date(2026, 5, 20)  # after the co-executors' deadlines of 2025 (15 April, 4 May)


def version(code: str, number: int, previous: str | None, basis: str):
    payload = small_payload().model_dump(mode="json")
    payload.update(code=code, version=number, previous_version=previous, correction_basis=basis)
    payload["indicators"][1]["parents"] = []
    return do_import_document(type(small_payload()).model_validate(payload), reason="test").document


@pytest.fixture
def country(cycle):  # noqa: F811
    concept, users = cycle
    run_year(concept, users)
    ndp, n_users = ndp_with_users()
    period = sv.do_open_reporting_period(ndp, 2025, acting_user=n_users["mne"]).period
    sub = sv.do_save_report(period, org("moh"), parse_report({
        "indicators": [{"code": "SI-1", "fact": "75.0", "reason": "flu season"}],
        "measures": [{"code": "M-1", "long_term": True, "fact_quantity": "18", "reason": "two sites late"}]}),
        acting_user=n_users["moh"])
    sv.do_accept_report(sv.do_submit_report(sub, acting_user=n_users["moh_head"]), acting_user=n_users["mne"])
    first = version("ndp-v1", 1, None, "")  # the National Plan is version 2 of it, with a basis
    Document.objects.filter(pk=ndp.pk).update(previous_version=first, version=2, correction_basis="Decree No. 1")
    version("concept-v2", 2, concept.code, "")  # cl. 205: a correction without a basis
    # a stock indicator below its plan (TI-1: plan 75.1, fact 75.0 in 2025), with an earlier year: the level of
    # 2025 is named, not a sum of the years
    stock = Indicator.objects.get(document__code="concept-v2", code="TI-1")
    Indicator.objects.filter(pk=stock.pk).update(accumulation="stock")
    IndicatorValue.objects.create(indicator=stock, year=2024, quarter=0, plan=D("74.9"), fact=D("74.8"))
    v3 = version("concept-v3", 3, "concept-v2", "Decree No. 12 of 3 March 2025")
    values = list(IndicatorValue.objects.filter(indicator__document=v3, year=2025, quarter=0).order_by("pk"))
    assert len(values) == 2
    IndicatorValue.objects.filter(pk=values[0].pk).update(corrected_plan=values[0].plan)  # not a correction
    IndicatorValue.objects.filter(pk=values[1].pk).update(corrected_plan=(values[1].plan or D(0)) + 1)
    return list(Document.objects.order_by("code"))


def as_dicts(criteria_list):
    return [c.as_dict() for c in criteria_list]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_evaluate_many_gives_for_every_document_what_the_reference_gives_alone(country, language):
    with translation.override(language):
        expected = {pk: as_dicts(reference.evaluate(snap, today=TODAY))
                    for pk, snap in rollups.load_many(country, 2025).items()}
        got = criteria.evaluate_many(rollups.load_many(country, 2025), today=TODAY)
        assert list(got) == [d.pk for d in country]
        assert {pk: as_dicts(c) for pk, c in got.items()} == expected
        assert [as_dicts(criteria.evaluate(rollups.load(d, 2025), today=TODAY)) for d in country] == [
            expected[d.pk] for d in country]


def test_the_data_exercises_every_criterion_with_hand_counted_figures(country):
    got = criteria.evaluate_many(rollups.load_many(country, 2025), today=TODAY)
    by_code = {d.code: got[d.pk] for d in country}
    changes = by_code["concept-v3"][2].metrics
    # chain v3 -> v2 -> v1: 2 corrections, 1 with a basis = 50 %; plans corrected: 1 of 2 = 50 %
    assert (changes["corrections"].value, changes["corrections_justified"].value) == (D(2), D("50.00"))
    assert changes["plans_corrected"].value == D("50.00")
    assert [f["params"] for f in by_code["concept-v3"][2].findings] == [{"version": 2, "code": "concept-v2"}]
    coordination = by_code["ndp-test"][3]
    # the co-executors of the National Plan: edu for moh (SI-1, M-1), mlsp for edu (SI-2); neither reported
    assert [f["params"]["org"] for f in coordination.findings] == ["edu → moh", "mlsp → edu"]
    assert coordination.metrics["co_executors_on_time"].value == D("0.00")
    assert by_code["concept-test"][3].metrics["co_executors_on_time"].value == D("100.00")  # edu on 10 April
    assert by_code["ndp-test"][4].metrics["items_filled"].inputs["report"] == "moh"
    assert by_code["ndp-test"][2].metrics["corrections_justified"].value == D("100.00")  # 1 of 1, with a basis


def test_evaluate_many_reads_as_many_queries_for_one_document_as_for_all(country):
    snaps = rollups.load_many(country, 2025)
    ndp = next(d for d in country if d.code == "ndp-test")  # needs every read: period, reports, earlier version
    with CaptureQueriesContext(connection) as one:
        criteria.evaluate_many([snaps[ndp.pk]], today=TODAY)
    with CaptureQueriesContext(connection) as every:
        criteria.evaluate_many(snaps, today=TODAY)
    assert len(country) == 5
    assert len(one) == len(every) == 9  # periods, chains, value counts, obligations, reports, 3 kinds of lines, money


def test_two_snapshots_of_one_document_are_refused_and_the_collector_is_left_as_it_was(country):
    snap = rollups.load(country[0], 2025)
    with pytest.raises(ValueError, match="two snapshots"):
        criteria.evaluate_many([snap, snap], today=TODAY)
    assert criteria.evaluate_many([], today=TODAY) == {}
    assert gc.isenabled()
    gc.disable()
    try:
        criteria.evaluate_many([snap], today=TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()


DECIMALS = st.none() | st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False,
                                    allow_infinity=False)


@given(values=st.dictionaries(st.integers(2020, 2030), DECIMALS, max_size=8), year=st.integers(2018, 2032),
       accumulation=st.sampled_from(["annual", "stock", "cumulative"]))
def test_the_quick_plan_and_fact_equal_value_for_year(values, year, accumulation):
    expected = ach.value_for_year(values, year, accumulation).value
    got = values.get(year) if accumulation != "cumulative" else criteria._running_sum(values, year)
    assert got == expected
    if expected is not None:
        assert got.as_tuple() == expected.as_tuple()  # same digits: the finding prints the same text


@given(value=st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5),
                       st.decimals(allow_nan=False, allow_infinity=False), st.dates()))
def test_plain_values_are_what_they_were(value):
    assert criteria._plain(value) == reference._plain(value)
    assert type(criteria._plain(value)) is type(reference._plain(value))
