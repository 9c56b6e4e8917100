"""Contexts of a batch built together (issue 7, case b) equal the context of each document built alone."""

from __future__ import annotations

import datetime as dt

import pytest

from jospar.compliance import context as ctx
from jospar.compliance import services
from jospar.demo.generator import do_generate_country
from jospar.interchange.export import export_documents
from jospar.planning.models import Document
from tests.conftest import shared_transaction

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def _country(django_db_blocker):
    """The small generated country, once for the module (tests roll back to it)."""
    with shared_transaction(django_db_blocker), django_db_blocker.unblock():
        do_generate_country("small", seed=5)
        documents = list(Document.objects.order_by("code"))
        exported = export_documents(d.pk for d in documents)
        yield [exported[d.pk] for d in documents]


@pytest.fixture
def payloads(_country, db):
    return _country


def _plain(context):
    """Every field, in its order (dicts as item lists: the rules may iterate them)."""
    return {name: list(value.items()) if isinstance(value, dict) else value
            for name, value in vars(context).items()}


def test_each_context_built_together_equals_the_one_built_alone_in_content_and_order(payloads):
    together = ctx.build_contexts(payloads, today=TODAY)
    assert len(together) == len(payloads)
    for payload, context in zip(payloads, together, strict=True):
        alone = ctx.build_context(payload, today=TODAY)
        assert _plain(context) == _plain(alone), payload.code


def test_the_generated_country_gives_the_contexts_something_to_compare(payloads):
    together = ctx.build_contexts(payloads, today=TODAY)
    assert any(c.assigned for c in together), "no Strategic Indicator Map rows assigned to a body or region"
    assert any(c.remote for c in together), "no higher indicators linked"
    assert any(c.child_documents for c in together) and any(c.higher_documents for c in together)
    assert all(c.orgs for c in together)
    # a row assigned to a region is never one of its own and is the region's
    rdp = next(p for p, c in zip(payloads, together, strict=True) if p.type == "rdp" and c.assigned)
    assigned = together[payloads.index(rdp)].assigned
    assert {r.territory for r in assigned} == {rdp.territory} and rdp.code not in {r.document for r in assigned}


def test_contexts_of_a_whole_batch_take_the_queries_of_one(payloads, django_assert_max_num_queries):
    extension_queries = len(payloads) * len(ctx.CONTEXT_EXTENSIONS) * 7  # analysis: at most 7 per document
    with django_assert_max_num_queries(6 + extension_queries):
        ctx.build_contexts(payloads, today=TODAY)
    assert ctx.build_contexts([], today=TODAY) == []


def test_an_extension_with_a_batch_form_is_called_once_for_the_batch(payloads, monkeypatch):
    calls = []

    def one(context, payload):
        raise AssertionError("the batch form must be used")

    def many(contexts, payloads):
        calls.append([p.code for p in payloads])
        return [None] * len(contexts)  # None keeps a context

    one.many = many  # type: ignore[attr-defined]
    monkeypatch.setattr(ctx, "CONTEXT_EXTENSIONS", [one])
    built = ctx.build_contexts(payloads[:3], today=TODAY)
    assert calls == [[p.code for p in payloads[:3]]] and len(built) == 3


def test_checking_every_document_together_gives_the_reports_of_checking_each_alone(payloads):
    documents = list(Document.objects.order_by("code"))
    together = list(services.check_documents(documents, today=TODAY))
    alone = [services.check_document(d, today=TODAY) for d in documents]
    assert [r.document for r in together] == [d.code for d in documents]
    assert together == alone
    assert sum(len(r.findings) for r in alone) > 0


def test_small_groups_of_contexts_give_the_same_reports(payloads, monkeypatch):
    documents = list(Document.objects.order_by("code"))
    whole = list(services.check_documents(documents, today=TODAY))
    monkeypatch.setattr(services, "CONTEXT_GROUP_ITEMS", 1)  # one document per group
    assert list(services.check_documents(documents, today=TODAY)) == whole


def test_exports_with_shared_texts_equal_the_plain_exports_and_share_equal_texts(payloads):
    documents = list(Document.objects.order_by("code"))
    shared = export_documents((d.pk for d in documents), share_texts=True)
    assert [shared[d.pk] for d in documents] == payloads
    assert [shared[d.pk].model_dump_json() for d in documents] == [p.model_dump_json() for p in payloads]
    titles = [i.title for p in shared.values() for i in p.indicators]
    # decomposed indicators repeat their title in every region: one object per distinct text and class
    assert len({id(t) for t in titles}) == len({(type(t), t.kk, t.ru, t.en) for t in titles}) < len(titles)
    plain = [i.title for p in payloads for i in p.indicators]
    assert len({id(t) for t in plain}) == len(plain)  # never shared unless asked


def test_the_exporter_refuses_an_item_built_without_one_of_its_fields():
    from jospar.interchange import export, schema

    make = export._builder(schema.Baseline)
    assert make(year=2024, value=1).year == 2024
    with pytest.raises(TypeError, match="value"):
        make(year=2024)
