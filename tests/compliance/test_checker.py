"""The checker on stored documents and on files before import; the `jospar check` command."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jospar.compliance.services import check_document, check_payload, render_finding, report_as_text
from jospar.demo import flawed, ndp
from jospar.interchange.schema import DocumentPayload
from jospar.interchange.services import do_import_document
from jospar.planning.models import Document
from tests.conftest import small_payload

from . import builders as b

MAP_CODES = {"SI-01", "SI-02", "SI-03", "SI-04", "SI-05"}


def small_ndp() -> DocumentPayload:
    """The demo National Plan cut to five Map indicators and their rows for Abai Region (imports in a second)."""
    full = ndp.build()
    keep = [i for i in full.indicators
            if i.code in MAP_CODES or (i.code.endswith(f".R{flawed.ABAI}") and i.code.split(".")[0] in MAP_CODES)]
    return full.model_copy(update={"indicators": keep})


@pytest.fixture
def flawed_plan(reference):
    do_import_document(small_ndp())
    return do_import_document(flawed.build()).document


def run(*args, **options) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("check", *args, stdout=out, **options)
    except SystemExit as exc:
        return int(exc.code), out.getvalue()
    return 0, out.getvalue()


def test_the_flawed_demo_plan_breaks_at_least_25_distinct_rules(flawed_plan):
    report = check_document(flawed_plan)
    assert len(report.rule_ids()) >= 25
    assert not report.ok
    # the Map rows of Abai Region that the plan does not carry are named one by one (cl. 141 ¶3)
    missing = {f.item.code for f in report.findings if f.rule == "V-61"}
    assert missing == {f"ndp-2029:{c}.R{flawed.ABAI}" for c in MAP_CODES - {"SI-01"}}


def test_the_flawed_demo_plan_breaks_the_rules_on_attribution_initiative_and_district_statistics(flawed_plan):
    by_rule: dict[str, set[str]] = {}
    for f in check_document(flawed_plan).findings:
        by_rule.setdefault(f.rule, set()).add(f.item.code)
    assert by_rule["V-22"] == {"TI-1.2", "RI-1"}  # cl. 60: "one body" with co-executors; no type
    assert by_rule["V-65"] == {"TI-2.3"}  # cl. 146: a ministry's indicator the region was not assigned
    assert by_rule["V-67"] == {"TI-2.1"}  # cl. 149: district rows without district statistics


def test_the_flawed_demo_plan_breaks_the_rules_on_co_executors_and_the_working_group(flawed_plan):
    by_rule: dict[str, set[str]] = {}
    for f in check_document(flawed_plan).findings:
        by_rule.setdefault(f.rule, set()).add(f.item.code)
    assert by_rule["V-23"] == {"TI-2.3"}  # cl. 62: the co-executor moh's own indicator is linked to nothing
    assert by_rule["V-57"] == {flawed.CODE}  # cl. 128: no working group by the akim's decision recorded


def test_a_file_is_checked_before_it_is_imported_with_the_same_result(flawed_plan):
    stored = check_document(flawed_plan)
    Document.objects.filter(code=flawed.CODE).delete()
    unwritten = check_payload(flawed.build())
    assert unwritten.rule_ids() == stored.rule_ids()
    assert len(unwritten.findings) == len(stored.findings)
    assert not Document.objects.filter(code=flawed.CODE).exists()


def test_checking_a_document_reads_the_same_number_of_queries_whatever_its_size(reference):
    small = do_import_document(small_payload(code="sbdp-small")).document
    data = small_payload(code="sbdp-big").model_dump()
    for n in range(2, 12):
        extra = dict(data["indicators"][0], code=f"TI-{n}", parents=[{"indicator": "sbdp-big:TI-1",
                                                                      "kind": "contribution"}])
        data["indicators"].append(extra)
    big = do_import_document(DocumentPayload.model_validate(data)).document
    counts = []
    for document in (small, big):
        with CaptureQueriesContext(connection) as queries:
            check_document(document)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_check_exits_with_1_on_errors_and_prints_json_in_the_asked_language(flawed_plan):
    code, out = run(flawed.CODE, format="json", lang="ru")
    assert code == 1
    data = json.loads(out)
    assert data["document"] == flawed.CODE and data["errors"] > 0
    v56 = next(f for f in data["findings"] if f["rule"] == "V-56")
    assert v56["clause"] == "cl. 127" and v56["severity"] == "error"
    assert "6" in v56["message"] and v56["message"] != "the period covers 6 years; a regional plan covers 5 years"


def test_check_exits_with_0_when_a_document_has_only_warnings_or_nothing(reference):
    do_import_document(b.payload(b.tdp()))
    code, out = run("tdp-x", lang="en")
    assert code == 0
    assert out.startswith("tdp-x: 0 error(s), 0 warning(s)")


def test_check_all_checks_every_document(flawed_plan):
    do_import_document(b.payload(b.tdp()))
    code, out = run(all_documents=True, format="json")
    assert code == 1
    assert {r["document"] for r in json.loads(out)} == {"ndp-2029", flawed.CODE, "tdp-x"}


@pytest.mark.django_db
def test_check_of_an_unknown_document_names_it():
    with pytest.raises(CommandError, match="no-such-plan"):
        call_command("check", "no-such-plan", stdout=io.StringIO())


@pytest.mark.django_db
def test_check_without_a_document_is_still_the_django_system_check():
    code, out = run()
    assert code == 0 and "System check identified no issues" in out


def test_check_rules_lists_every_rule_with_its_clause():
    code, out = run(rules=True, format="json", lang="en")
    rows = {r["rule"]: r for r in json.loads(out)}
    assert rows["V-16"]["clause"] == "cl. 48" and rows["V-16"]["severity"] == "error"
    assert rows["V-16"]["title"] == "The deadline of a task does not exceed the deadline of its goal"


def test_a_finding_names_its_rule_clause_item_code_and_title_in_each_language(flawed_plan):
    report = check_document(flawed_plan)
    finding = next(f for f in report.findings if f.rule == "V-60")
    assert render_finding(finding, "en") == (
        "[V-60, cl. 138, 140-141] error: Goal G2 «Employment»: the goal belongs to no direction")
    assert "G2" in render_finding(finding, "kk") and "Жұмыспен қамту" in render_finding(finding, "kk")
    assert "Занятость" in render_finding(finding, "ru")
    assert render_finding(finding, "kk") != render_finding(finding, "ru")
    assert report_as_text(report, "en").splitlines()[0].startswith(f"{flawed.CODE}: ")
