"""Decomposition: down the tree, back up, reconciliation and the impact of a correction (cl. 61, 71, 207-208)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jospar.interchange.schema import DocumentPayload
from jospar.interchange.services import do_import_document
from jospar.planning.decomposition import cascade, correction_impact, lineage, reconcile
from jospar.planning.models import DecompositionLink, Document, Indicator

YEARS = range(2025, 2030)
ABAI, AKMOLA = "100000000", "110000000"


def T(text):  # noqa: N802
    return {"kk": text, "ru": text, "en": text}


def vals(numbers):
    return [{"year": y, "plan": str(n)} for y, n in zip(YEARS, numbers, strict=False)]


def ind(code, kind="strategic", unit="%", numbers=(10, 11, 12, 13, 14), **extra):
    return {"code": code, "kind": kind, "title": T(code), "unit": T(unit), "values": vals(numbers), **extra}


def ndp_payload(region_numbers=(4, 5, 6, 7, 8)):
    share = lambda: [{"indicator": "ndp-t:SI-1", "kind": "share", "dimension": "region"}]  # noqa: E731
    return DocumentPayload.model_validate({
        "code": "ndp-t", "type": "ndp", "title": T("NDP"), "period_start": 2025, "period_end": 2029,
        "developer": "mne", "directions": [{"code": "P1", "title": T("P1")}],
        "indicators": [
            ind("SI-1", direction="P1", in_strategic_map=True, responsible="mne",
                co_executors=[{"organization": "bns"}]),
            ind("SI-1.R1", direction="P1", in_strategic_map=True, territory=ABAI, responsible="akimat-abai",
                numbers=(6, 6, 6, 6, 6), parents=share()),
            ind("SI-1.R2", direction="P1", in_strategic_map=True, territory=AKMOLA, responsible="akimat-akmola",
                numbers=region_numbers, parents=share()),
            ind("SI-2", direction="P1", in_strategic_map=True, responsible="moh"),
        ],
    })


def sbdp_payload(unit="%", polarity="increase", numbers=(10, 11, 12, 13, 14)):
    return DocumentPayload.model_validate({
        "code": "sbdp-t", "type": "sbdp", "title": T("SBDP"), "period_start": 2025, "period_end": 2029,
        "developer": "mne", "implements": ["ndp-t"],
        "indicators": [
            ind("MI-1", "macro", unit=unit, polarity=polarity, numbers=numbers, responsible="mne",
                parents=[{"indicator": "ndp-t:SI-1", "kind": "copy"}]),
            ind("MI-2", "macro", responsible="mne"),
        ],
    })


def rdp_payload():
    return DocumentPayload.model_validate({
        "code": "rdp-t", "type": "rdp", "title": T("RDP"), "period_start": 2025, "period_end": 2029,
        "developer": "akimat-abai", "territory": ABAI, "implements": ["ndp-t"],
        "indicators": [
            ind("TI-1", "target", numbers=(6, 6, 6, 6, 6), responsible="akimat-abai",
                co_executors=[{"organization": "akimat-karaganda-nura"}],
                parents=[{"indicator": "ndp-t:SI-1.R1", "kind": "copy"}]),
            ind("TI-1.D1", "target", numbers=(6, 6, 6, 6), territory="101000000", responsible="akimat-abai",
                parents=[{"indicator": "rdp-t:TI-1", "kind": "share", "dimension": "district"}]),
        ],
    })


@pytest.fixture
def tree(reference):
    do_import_document(ndp_payload())
    do_import_document(sbdp_payload())
    do_import_document(rdp_payload())
    return {i.code if i.document.code == "ndp-t" else f"{i.document.code}:{i.code}": i
            for i in Indicator.objects.select_related("document")}


def test_the_cascade_of_a_map_indicator_reaches_documents_bodies_territories_and_co_executors(tree):
    down = cascade(tree["SI-1"])
    assert [n.ref for n in down.nodes] == ["ndp-t:SI-1.R1", "ndp-t:SI-1.R2", "sbdp-t:MI-1", "rdp-t:TI-1",
                                           "rdp-t:TI-1.D1"]
    assert [n.depth for n in down.nodes] == [1, 1, 1, 2, 3]
    assert down.documents == ["ndp-t", "rdp-t", "sbdp-t"]
    assert down.bodies == ["akimat-abai", "akimat-akmola", "mne"]
    assert down.territories == [ABAI, "101000000", AKMOLA]
    assert down.co_executors == ["akimat-karaganda-nura", "bns"]
    assert [n.ref for n in down.children_of("ndp-t:SI-1.R1")] == ["rdp-t:TI-1"]


def test_the_lineage_of_a_district_row_goes_back_up_to_the_map(tree):
    up = lineage(tree["rdp-t:TI-1.D1"])
    assert [(n.ref, n.link_kind) for n in up.nodes] == [
        ("rdp-t:TI-1", "share"), ("ndp-t:SI-1.R1", "copy"), ("ndp-t:SI-1", "share")]


def test_walking_the_tree_reads_a_fixed_number_of_queries_whatever_its_depth(tree):
    counts = []
    for code in ("SI-2", "SI-1"):  # no child / three levels below
        with CaptureQueriesContext(connection) as queries:
            cascade(tree[code])
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1] == 4


def test_a_cycle_of_links_is_walked_once_without_looping(tree):
    DecompositionLink.objects.create(parent=tree["rdp-t:TI-1.D1"], child=tree["SI-1"], kind="copy")
    refs = [n.ref for n in cascade(tree["SI-1"]).nodes]
    assert len(refs) == len(set(refs)) == 5


def test_a_row_missing_a_year_of_its_parent_is_the_only_finding_of_the_regional_plan(tree):
    # the district row has no 2029 value (cl. 71: balanced by years); its copy and shares are otherwise clean
    findings = reconcile(Document.objects.get(code="rdp-t"))
    assert [(m.kind, m.indicator, m.other, m.years) for m in findings] == [
        ("years", "rdp-t:TI-1.D1", "rdp-t:TI-1", (2029,))]


def test_shares_that_do_not_add_up_are_reported_with_the_year_and_both_amounts(reference):
    do_import_document(ndp_payload(region_numbers=(4, 5, 6, 7, 9)))
    findings = [m for m in reconcile(Document.objects.get(code="ndp-t")) if m.kind == "share_sum"]
    assert [(m.indicator, m.years, m.expected, m.actual) for m in findings] == [
        ("ndp-t:SI-1", (2029,), Decimal("14"), Decimal("15"))]


def test_a_copy_with_another_unit_or_polarity_is_reported_against_its_parent(reference):
    do_import_document(ndp_payload())
    do_import_document(sbdp_payload(unit="persons", polarity="decrease"))
    kinds = {(m.kind, m.indicator, m.other) for m in reconcile(Document.objects.get(code="sbdp-t"))}
    assert ("unit", "sbdp-t:MI-1", "ndp-t:SI-1") in kinds
    assert ("polarity", "sbdp-t:MI-1", "ndp-t:SI-1") in kinds


def test_a_macroindicator_without_parent_and_a_map_indicator_without_children_are_reported(tree):
    sbdp = {(m.kind, m.indicator) for m in reconcile(Document.objects.get(code="sbdp-t"))}
    assert sbdp == {("no_parent", "sbdp-t:MI-2")}
    ndp = {(m.kind, m.indicator) for m in reconcile(Document.objects.get(code="ndp-t"))}
    assert ("no_children", "ndp-t:SI-2") in ndp and ("no_children", "ndp-t:SI-1") not in ndp


def test_correcting_a_map_indicator_lists_the_lower_indicators_that_must_follow(tree):
    impact = correction_impact(tree["SI-1"])
    assert [(i.document, i.indicator, i.via, i.depth) for i in impact] == [
        ("sbdp-t", "sbdp-t:MI-1", "ndp-t:SI-1", 1),
        ("rdp-t", "rdp-t:TI-1", "ndp-t:SI-1.R1", 2),
        ("rdp-t", "rdp-t:TI-1.D1", "rdp-t:TI-1", 3),
    ]


def test_correcting_a_whole_document_lists_only_indicators_of_other_documents(tree):
    impact = correction_impact(Document.objects.get(code="ndp-t"))
    assert {i.document for i in impact} == {"sbdp-t", "rdp-t"}
    assert correction_impact(Document.objects.get(code="rdp-t")) == []
