"""Reading a document without what the reader may not see (cl. 231-233)."""

from __future__ import annotations

from jospar.planning.access import strip_restricted
from jospar.planning.choices import Confidentiality

from ..conftest import small_payload


def _restricted_target():
    payload = small_payload()
    payload.indicators[0].confidentiality = Confidentiality.OFFICIAL_USE  # TI-1: RI-1 and M-1 refer to it
    return payload


def test_stripping_removes_the_restricted_indicator_and_every_reference_to_it():
    public = strip_restricted(_restricted_target(), keep_restricted=False)
    assert [i.code for i in public.indicators] == ["RI-1"]
    assert public.indicators[0].parents == []
    assert public.measures[0].indicators == []


def test_stripping_leaves_the_payload_it_was_given_untouched():
    payload = _restricted_target()
    before = payload.model_dump()
    strip_restricted(payload, keep_restricted=False, visible_document_codes=set())
    assert payload.model_dump() == before
    assert payload.measures[0].indicators == ["TI-1"]
    assert [x.indicator for x in payload.indicators[1].parents] == ["sbdp-test:TI-1"]


def test_a_reader_of_restricted_items_keeps_them_and_links_to_unseen_documents_go():
    payload = small_payload()
    payload.indicators[1].parents[0].indicator = "ndp-2029:SI-1"
    kept = strip_restricted(payload, keep_restricted=True, visible_document_codes={"sbdp-test"})
    assert [i.code for i in kept.indicators] == ["TI-1", "RI-1"]
    assert kept.indicators[1].parents == []
    assert payload.indicators[1].parents[0].indicator == "ndp-2029:SI-1"
