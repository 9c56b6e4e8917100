"""Property-based fuzzing of the JSON importer (directly and through the API): whatever arrives, the answer
is a clear list of problems (path + rule) or a success, never a crash, and a refused import writes nothing."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jospar.core.models import Role
from jospar.interchange.services import ImportRejected, import_json
from jospar.planning.models import Document, Indicator, IndicatorValue
from tests.api.conftest import api_client, plan
from tests.conftest import member

FUZZ = settings(max_examples=60, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))

scalars = st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=True) | st.text(max_size=12)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)
VALID = plan("plan-fuzz", "moh").model_dump(mode="json")
FIELDS = ["code", "type", "period_start", "period_end", "developer", "status", "title", "co_executors",
          "confidentiality", "implements", "version"]


@st.composite
def mutated(draw):
    """A valid document with one field, one indicator field or one value field replaced by anything."""
    data = json.loads(json.dumps(VALID))
    where = draw(st.sampled_from(["document", "indicator", "value", "financing", "drop"]))
    junk = draw(json_values)
    if where == "document":
        data[draw(st.sampled_from(FIELDS))] = junk
    elif where == "indicator":
        data["indicators"][0][draw(st.sampled_from(["code", "goal", "task", "values", "parents", "unit",
                                                     "responsible", "baseline"]))] = junk
    elif where == "value":
        data["indicators"][0]["values"][0][draw(st.sampled_from(["year", "quarter", "plan", "fact"]))] = junk
    elif where == "financing":
        data["measures"][0]["financing"][0][draw(st.sampled_from(["year", "source", "plan", "absorbed"]))] = junk
    else:
        data.pop(draw(st.sampled_from(["code", "type", "developer", "period_start"])))
    return data


def _state():
    return (Document.objects.count(), Indicator.objects.count(), IndicatorValue.objects.count(),
            Document.history.count(), IndicatorValue.history.count())


def test_the_importer_answers_any_json_with_problems_or_success_and_writes_nothing_when_it_refuses(reference):
    @FUZZ
    @given(raw=st.one_of(json_values.map(json.dumps), mutated().map(json.dumps), st.binary(max_size=40)))
    def run(raw):
        before = _state()
        try:
            result = import_json(raw, reason="fuzz")
        except ImportRejected as exc:
            assert exc.problems
            assert all(p.path.startswith("$") and p.rule for p in exc.problems)
            assert _state() == before
        else:
            assert result.document.code == "plan-fuzz"

    run()


def test_the_api_answers_any_document_body_with_a_422_listing_the_problems_and_writes_nothing(reference):
    client = api_client(member("moh-planner", "moh", Role.PLANNER))

    @FUZZ
    @given(body=mutated())
    def run(body):
        before = _state()
        response = client.post("/api/documents", body)
        assert response.status_code in (201, 409, 422), response.content[:300]
        if response.status_code == 422:
            errors = response.json()["errors"]
            assert errors and all(e["path"].startswith("$") and e["message"]["en"] for e in errors)
            assert _state() == before

    run()
