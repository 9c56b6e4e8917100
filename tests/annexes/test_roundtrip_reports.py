"""The workbooks of Annexes 10, 12 and 13 go the same round trip as Annex 14 (issue 4 §2): download, fill,
upload, read back; bad cells named with sheet, cell and rule; all or nothing; the same file twice changes
nothing. And a submitted or accepted report locks its data against the workbook (monitoring decisions M2-M3)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from jospar.annexes.models import MeasureExecution
from jospar.annexes.roundtrip import WorkbookRejected, do_apply_workbook
from jospar.annexes.services import build_form, render
from jospar.core.models import Organization
from jospar.interchange import schema as s
from jospar.interchange.services import do_import_document
from jospar.monitoring.models import ReportingPeriod, Submission, SubmissionLevel, SubmissionStatus
from jospar.planning.models import Document, Financing, IndicatorValue

from ..conftest import member, small_payload
from .helpers import find_row, save, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def workbook(document, annex: str, code: str):
    return xlsx(render(build_form(document, annex, year=2025, lang="en", organization=org(code)), "xlsx"))


def problems_of(content: bytes, code: str) -> list[str]:
    with pytest.raises(WorkbookRejected) as info:
        do_apply_workbook(content, organization=org(code), reason="t")
    return [str(p) for p in info.value.problems]


def _sbdp():
    return do_import_document(small_payload(), reason="t").document


def _ndp_and_concept():
    nd = small_payload().model_dump(mode="json")
    nd.update(code="ndp-test", type="ndp", co_executors=[], measures=[], goals=[], sections=[], indicators=[
        {"code": "SI-1", "kind": "strategic", "direction": "1", "title": {"kk": "ЖІӨ өсуі"}, "unit": {"kk": "%"},
         "values": [{"year": 2025, "plan": "5", "fact": "4.2", "reason": "баға"}]}])
    ndp = do_import_document(s.DocumentPayload.model_validate(nd), reason="t").document
    data = small_payload(code="concept-test", type="concept").model_dump(mode="json")
    data["indicators"][0]["parents"] = [{"indicator": "ndp-test:SI-1", "kind": "copy"}]
    concept = do_import_document(s.DocumentPayload.model_validate(data), reason="t").document
    return ndp, concept


# the documents are imported once for the module (tests/annexes/conftest.py); each test's writes roll back

@pytest.fixture(scope="module")
def pks(module_data) -> dict[str, int]:
    sbdp = module_data(_sbdp)
    ndp, concept = module_data(_ndp_and_concept)
    return {"sbdp": sbdp.pk, "ndp": ndp.pk, "concept": concept.pk}


@pytest.fixture
def sbdp(pks, db):
    return Document.objects.get(pk=pks["sbdp"])


@pytest.fixture
def ndp_and_concept(pks, db):
    return Document.objects.get(pk=pks["ndp"]), Document.objects.get(pk=pks["concept"])


def value(document, code: str = "TI-1") -> IndicatorValue:
    return IndicatorValue.objects.get(indicator__document=document, indicator__code=code, year=2025)


# ----------------------------------------------------------------------------------------------- Annex 13

def test_annex13_facts_and_notes_of_a_state_body_go_in_and_a_second_upload_changes_nothing(sbdp):
    user = member("moh-planner", "moh")
    wb = workbook(sbdp, "13", "moh")
    ws = wb["Annex 13"]
    r = find_row(ws, "indicator:TI-1")
    ws.cell(r, 5).value = 75.3  # column 5 "Actual" (Annex 13 expl. 5(7))
    ws.cell(r, 6).value = "Partially executed. Flu season longer than usual"
    content = save(wb)
    preview = do_apply_workbook(content, organization=org("moh"), dry_run=True)
    assert sorted((c.key, c.field, c.new) for c in preview.changes) == [
        ("sbdp-test:TI-1|2025", "fact", Decimal("75.3000")),
        ("sbdp-test:TI-1|2025", "reason", "Flu season longer than usual")]
    assert value(sbdp).fact == Decimal("75.0")  # dry run
    do_apply_workbook(content, organization=org("moh"), acting_user=user, reason="2025 report")
    v = value(sbdp)
    assert (v.fact, v.reason) == (Decimal("75.3"), "Flu season longer than usual")
    assert (v.history.first().history_user, v.history.first().history_change_reason) == (user, "2025 report")
    again = do_apply_workbook(content, organization=org("moh"), reason="again")
    assert again.changes == [] and not again.written
    # the file downloaded after the import reads back what was written
    fresh = workbook(sbdp, "13", "moh")["Annex 13"]
    assert fresh.cell(find_row(fresh, "indicator:TI-1"), 5).value == 75.3


def test_annex13_a_bad_cell_is_named_with_sheet_cell_and_rule_and_nothing_else_is_written(sbdp):
    wb = workbook(sbdp, "13", "moh")
    ws = wb["Annex 13"]
    r = find_row(ws, "indicator:TI-1")
    ws.cell(r, 5).value = "seventy"
    ws.cell(r, 6).value = "Executed. all good"  # a valid change next to the bad one
    assert problems_of(save(wb), "moh") == [
        f"Sheet 'Annex 13', cell E{r}: 'seventy' is not a number (Annex 13 expl. 5(7))."]
    assert value(sbdp).reason == "flu season"


def test_annex13_the_plan_column_is_not_for_the_reporting_body_to_fill(sbdp):
    wb = workbook(sbdp, "13", "moh")
    ws = wb["Annex 13"]
    r = find_row(ws, "indicator:TI-1")
    ws.cell(r, 4).value = 80
    (problem,) = problems_of(save(wb), "moh")
    assert problem.startswith(f"Sheet 'Annex 13', cell D{r}: this cell is not for you to fill") and "cl. 213" in problem


def test_annex13_co_executor_sees_only_the_indicator_it_co_executes(sbdp):
    wb = workbook(sbdp, "13", "edu")  # edu co-executes TI-1 (10 %)
    keys = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith("s1/indicator:")}
    assert keys == {"s1/indicator:TI-1"}


# ----------------------------------------------------------------------------------------------- Annex 12

def test_annex12_measure_status_and_indicator_fact_of_a_concept_round_trip(ndp_and_concept):
    _ndp, concept = ndp_and_concept
    wb = workbook(concept, "12", "moh")
    ws = wb["Annex 12"]
    ti, m = find_row(ws, "indicator:TI-1"), find_row(ws, "measure:M-1")
    ws.cell(ti, 6).value = "75,2"
    ws.cell(ti, 7).value = "Partially executed. Vaccination later"
    ws.cell(m, 7).value = "Орындалмады. Мердігер табылмады"  # Annex 12 spelling of "not executed"
    content = save(wb)
    result = do_apply_workbook(content, organization=org("moh"), reason="t")
    assert len(result.changes) == 3 and result.written
    ex = MeasureExecution.objects.get(measure__code="M-1", measure__document=concept, year=2025)
    assert (ex.status, ex.comment) == ("not_executed", "Мердігер табылмады")
    v = IndicatorValue.objects.get(indicator__document=concept, indicator__code="TI-1", year=2025)
    assert (v.fact, v.reason) == (Decimal("75.2"), "Vaccination later")
    assert do_apply_workbook(content, organization=org("moh"), reason="t").changes == []


def test_annex12_a_status_that_is_not_one_of_the_three_words_is_refused_with_the_clause(ndp_and_concept):
    _ndp, concept = ndp_and_concept
    wb = workbook(concept, "12", "moh")
    ws = wb["Annex 12"]
    m = find_row(ws, "measure:M-1")
    ws.cell(m, 7).value = "Almost done"
    (problem,) = problems_of(save(wb), "moh")
    assert problem.startswith(f"Sheet 'Annex 12', cell G{m}: start with the execution status")
    assert "Annex 12 expl. 2(7)" in problem
    assert not MeasureExecution.objects.exists()


# ----------------------------------------------------------------------------------------------- Annex 10

def test_annex10_the_body_of_a_lower_document_reports_its_indicator_and_measure_in_the_national_workbook(
        ndp_and_concept):
    ndp, concept = ndp_and_concept
    wb = workbook(ndp, "10", "moh")  # moh is responsible for the concept's TI-1 and measure M-1
    ws, ws12 = wb["Annex 10"], wb["Annex 10 (1.2)"]
    child = find_row(ws, "indicator:concept-test:TI-1")
    ws.cell(child, 6).value = 74.9
    ws.cell(child, 8).value = "Flu season"
    m = find_row(ws12, "measure:concept-test:M-1")
    ws12.cell(m, 4).value = "Executed"
    content = save(wb)
    changes = do_apply_workbook(content, organization=org("moh"), reason="t").changes
    assert sorted((c.key, c.field) for c in changes) == [
        ("concept-test:M-1|2025", "status_comment"), ("concept-test:TI-1|2025", "fact"),
        ("concept-test:TI-1|2025", "reason")]
    v = IndicatorValue.objects.get(indicator__document=concept, indicator__code="TI-1", year=2025)
    assert (v.fact, v.reason) == (Decimal("74.9"), "Flu season")
    assert MeasureExecution.objects.get(measure__document=concept, year=2025).status == "executed"
    assert do_apply_workbook(content, organization=org("moh"), reason="t").changes == []


def test_annex10_the_deviation_column_is_computed_and_a_missed_plan_needs_a_reason(ndp_and_concept):
    ndp, _concept = ndp_and_concept
    wb = workbook(ndp, "10", "moh")
    ws = wb["Annex 10"]
    child = find_row(ws, "indicator:concept-test:TI-1")
    ws.cell(child, 7).value = 123  # column 7 "deviation" is derived: never compared, never written
    ws.cell(child, 6).value = 70
    ws.cell(child, 8).value = None
    (problem,) = problems_of(save(wb), "moh")
    assert f"cell H{child}" in problem and "misses the plan 75.1000" in problem and "Annex 10 expl. 2(10)" in problem


# ----------------------------------------------------------------------------------------------- locks

def _submission(document, organization: str, level: str, status: str) -> Submission:
    period, _ = ReportingPeriod.objects.get_or_create(document=document, year=2025, quarter=0)
    return Submission.objects.create(period=period, level=level, organization=org(organization),
                                     recipient=org("moh"), status=status)


@pytest.mark.parametrize("status", [SubmissionStatus.ACCEPTED, SubmissionStatus.SUBMITTED])
def test_a_submitted_or_accepted_report_locks_its_year_against_the_workbook(sbdp, status):
    _submission(sbdp, "moh", SubmissionLevel.REPORT, status)
    wb = workbook(sbdp, "13", "moh")
    ws = wb["Annex 13"]
    r = find_row(ws, "indicator:TI-1")
    ws.cell(r, 5).value = 76
    ws.cell(r, 6).value = "Executed"
    (problem,) = problems_of(save(wb), "moh")
    assert problem.startswith(f"Sheet 'Annex 13', cell E{r}: the report of moh on sbdp-test for 2025 is {status}")
    assert "cl. 241, 256, 263, 267" in problem
    assert value(sbdp).fact == Decimal("75.0")


def test_a_draft_or_returned_report_does_not_lock_and_an_unchanged_workbook_is_never_refused(sbdp):
    sub = _submission(sbdp, "moh", SubmissionLevel.REPORT, SubmissionStatus.ACCEPTED)
    unchanged = save(workbook(sbdp, "13", "moh"))
    assert do_apply_workbook(unchanged, organization=org("moh"), reason="t").changes == []
    Submission.objects.filter(pk=sub.pk).update(status=SubmissionStatus.RETURNED)
    wb = workbook(sbdp, "13", "moh")
    ws = wb["Annex 13"]
    ws.cell(find_row(ws, "indicator:TI-1"), 5).value = 75.1
    assert do_apply_workbook(save(wb), organization=org("moh"), reason="t").written


def test_a_co_executors_accepted_information_locks_only_its_own_workbook(sbdp):
    _submission(sbdp, "edu", SubmissionLevel.CO_EXECUTOR, SubmissionStatus.ACCEPTED)
    wb = workbook(sbdp, "13", "edu")
    ws = wb["Annex 13"]
    r = find_row(ws, "indicator:TI-1")
    ws.cell(r, 5).value = 75.1
    (problem,) = problems_of(save(wb), "edu")
    assert "the report of edu on sbdp-test for 2025 is accepted" in problem
    wb = workbook(sbdp, "13", "moh")  # the developer's own report is still open
    ws = wb["Annex 13"]
    ws.cell(find_row(ws, "indicator:TI-1"), 5).value = 75.1
    assert do_apply_workbook(save(wb), organization=org("moh"), reason="t").written


# ----------------------------------------------------------------------------------------------- Annex 13 s.2

LINE = "financing:M-1|2025|budget|067"


def test_annex13_section2_has_one_editable_row_per_financing_line_under_its_source(sbdp):
    ws = workbook(sbdp, "13", "moh")["Annex 13 (2)"]
    source, line = find_row(ws, "source:budget|republican"), find_row(ws, LINE)
    assert line == source + 1
    assert [ws.cell(line, c).value for c in range(1, 5)] == [
        "M-1. Building polyclinics (067, Ministry of Health of the Republic of Kazakhstan)", 1500.5, 1400,
        "tender delays"]
    assert not ws.cell(line, 3).protection.locked and not ws.cell(line, 4).protection.locked
    assert ws.cell(line, 2).protection.locked and ws.cell(source, 3).protection.locked


def test_annex13_absorbed_money_of_a_line_round_trips_and_the_source_and_total_rows_follow(sbdp):
    user = member("moh-money", "moh")
    wb = workbook(sbdp, "13", "moh")
    ws = wb["Annex 13 (2)"]
    r = find_row(ws, LINE)
    ws.cell(r, 3).value = "1450,25"
    ws.cell(r, 4).value = "Tender moved to March"
    content = save(wb)
    changes = do_apply_workbook(content, organization=org("moh"), acting_user=user, reason="2025 money").changes
    assert sorted((c.key, c.field, c.new) for c in changes) == [
        ("sbdp-test:M-1|2025|budget|067", "absorbed", Decimal("1450.250")),
        ("sbdp-test:M-1|2025|budget|067", "reason_unabsorbed", "Tender moved to March")]
    f = Financing.objects.get(measure__document=sbdp, year=2025)
    assert (f.absorbed, f.reason_unabsorbed) == (Decimal("1450.25"), "Tender moved to March")
    assert (f.history.first().history_user, f.history.first().history_change_reason) == (user, "2025 money")
    assert do_apply_workbook(content, organization=org("moh"), reason="again").changes == []
    fresh = workbook(sbdp, "13", "moh")["Annex 13 (2)"]
    total = [r for r in fresh.iter_rows(values_only=True) if r[0] == "Total"][0]
    assert total[1:3] == (1500.5, 1450.25)
    assert fresh.cell(find_row(fresh, "source:budget|republican"), 3).value == 1450.25


def test_annex13_a_line_absorbing_more_than_its_budget_is_refused_with_the_clause(sbdp):
    wb = workbook(sbdp, "13", "moh")
    ws = wb["Annex 13 (2)"]
    r = find_row(ws, LINE)
    ws.cell(r, 3).value = 1600
    (problem,) = problems_of(save(wb), "moh")
    assert problem.startswith(f"Sheet 'Annex 13 (2)', cell C{r}: 1600.000 absorbed is more than the plan 1500.500")
    assert "Annex 13 expl. 6(2)-(3)" in problem
    assert Financing.objects.get(measure__document=sbdp, year=2025).absorbed == Decimal("1400")


def test_annex13_a_co_executor_that_administers_no_line_gets_no_money_rows(sbdp):
    ws = workbook(sbdp, "13", "edu")["Annex 13 (2)"]
    keys = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "financing:" in c.value}
    assert keys == set()
