"""The faster check of many documents (issue 7, case b) says exactly what the plain check said.

Three things changed and each has its oracle here:
- the rules remember per-payload facts while `run_rules` runs (breakdown rows, main indicators, annual plans,
  linked references): every rule run with the memory gives the findings of the same rule run without it,
  with the same parameters and titles, rendered the same in kk, ru and en;
- `check_documents` reads the next batch ahead on a second connection (PostgreSQL, outside a transaction):
  the same payloads and the same reports, the helper connection closed afterwards;
- the exporter builds rows as tuples and sorts each child list once per batch
  (`tests/interchange/test_fast_export.py` compares it with the model-instance exporter).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings

from jospar.compliance import services
from jospar.compliance.context import build_contexts
from jospar.compliance.rules import REGISTRY, Context, rules_for, run_rules
from jospar.compliance.rules import base as rule_base
from jospar.demo import flawed
from jospar.demo.generator import do_generate_country
from jospar.interchange import export
from jospar.interchange.export import export_documents
from jospar.planning.models import Document
from tests.conftest import shared_transaction
from tests.interchange.strategies import payloads as any_payload

from . import builders as b

TODAY = dt.date(2026, 3, 1)


def _without_memory(payload, context) -> list:
    """Every rule run on its own, outside `run_rules`: the helpers compute everything afresh."""
    assert rule_base._MEMO.get() is None
    return [f for r in rules_for(payload.type) for f in r.run(payload, context)]


def _exactly(findings) -> list[tuple]:
    """A finding with what `==` ignores (its parameters and the item's titles) and its rendering."""
    return [(f.rule, f.clause, f.severity, f.item.kind, f.item.code, sorted(f.item.title.items()), f.message,
             repr(sorted(f.params.items())), *(services.render_finding(f, lang) for lang in services.LANGUAGES))
            for f in findings]


@pytest.fixture(scope="module")
def _country(django_db_blocker):
    """The small generated country with its contexts, once for the module (tests roll back to it)."""
    with shared_transaction(django_db_blocker), django_db_blocker.unblock():
        do_generate_country("small", seed=11)
        documents = list(Document.objects.order_by("code"))
        exported = export_documents(d.pk for d in documents)
        payloads = [exported[d.pk] for d in documents]
        yield documents, payloads, build_contexts(payloads, today=TODAY)


@pytest.fixture
def country(_country, db):
    return _country


def test_every_rule_finds_the_same_with_the_remembered_facts_on_the_generated_country(country):
    _documents, payloads, contexts = country
    total = 0
    for payload, context in zip(payloads, contexts, strict=True):
        remembered = run_rules(payload, context)
        assert _exactly(remembered) == _exactly(_without_memory(payload, context)), payload.code
        total += len(remembered)
    assert total > 0, "the generated country gives the rules nothing to find"
    # the generated plans have breakdown rows: the memory has something to remember
    assert any(rule_base._is_breakdown(p, i) for p in payloads for i in p.indicators)


def test_every_rule_finds_the_same_with_the_remembered_facts_on_the_flawed_demo_plan():
    payload = flawed.build()
    context = Context(today=TODAY)
    remembered = run_rules(payload, context)
    assert len({f.rule for f in remembered}) >= 15  # the demo plan breaks many rules without a database
    assert _exactly(remembered) == _exactly(_without_memory(payload, context))


@pytest.mark.parametrize("doc_type", sorted(b.BASES))
def test_every_rule_finds_the_same_with_the_remembered_facts_on_each_broken_builder_document(doc_type):
    data = b.BASES[doc_type]()
    # break the rules that read breakdown rows, main indicators and annual plans (cl. 35, 49, 52, 71)
    data["sections"] = data["sections"][1:]  # cl. 20-21: a required section missing
    for ind in data.get("indicators", []):
        ind["values"] = [v for v in ind.get("values", []) if v["year"] % 2]
        ind["methodology"] = {}
    payload = b.payload(data)
    context = b.context(doc_type)
    remembered = run_rules(payload, context)
    assert remembered, doc_type
    assert _exactly(remembered) == _exactly(_without_memory(payload, context))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(payload=any_payload())
def test_any_payload_gets_the_same_findings_with_and_without_the_remembered_facts(payload):
    context = Context(today=TODAY)
    assert _exactly(run_rules(payload, context)) == _exactly(_without_memory(payload, context))


def test_the_memory_lives_only_while_the_rules_run_and_answers_for_foreign_rows_too():
    payload = flawed.build()
    foreign = b.payload(b.rdp()).indicators[2]  # a district row of another document
    with rule_base.remembering_breakdowns():
        assert rule_base.is_breakdown(payload, foreign) == rule_base._is_breakdown(payload, foreign)
        first = rule_base.annual_plans(payload.indicators[0])
        assert rule_base.annual_plans(payload.indicators[0]) is first  # computed once per run
    assert rule_base._MEMO.get() is None
    assert rule_base.annual_plans(payload.indicators[0]) is not first  # afresh outside a run


def test_checking_the_country_together_gives_byte_identical_text_and_json_to_checking_each_alone(country):
    documents, _payloads, _contexts = country
    together = list(services.check_documents(documents, today=TODAY))
    alone = [services.check_payload(export.export_document(d), today=TODAY) for d in documents]
    for lang in services.LANGUAGES:
        assert [services.report_as_text(r, lang) for r in together] == [
            services.report_as_text(r, lang) for r in alone]
        assert json.dumps([services.report_as_dict(r, lang) for r in together], ensure_ascii=False) == json.dumps(
            [services.report_as_dict(r, lang) for r in alone], ensure_ascii=False)
    assert sum(r.rules_checked for r in together) == sum(
        sum(1 for r in REGISTRY.values() if r.applies_to(d.type)) for d in documents)
