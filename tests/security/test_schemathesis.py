"""Schemathesis against the committed OpenAPI schema, on the WSGI application (no network): generated
requests of EVERY operation, as the public, with a planner's token, and with known path parameters as the
developer's planner and as the head of the authorized body, never get a server error.

Cost (the suite runs on SQLite and on PostgreSQL, on two shared cores): the schema's operations are walked
one by one with a few examples each, instead of one strategy over the whole schema (which, with a fixed
number of examples, left many operations never called); only the generate phase runs (nothing to shrink or
replay: a failure is collected, not raised), and every example runs in a savepoint that is rolled back, so all
of them start from the same data, built once: a document with an open reporting period, a submitted report,
a risk and a draft conclusion.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.core.result import Ok

from jospar.analysis import services as an
from jospar.api.services import do_create_api_token
from jospar.core.models import Organization, Role
from jospar.evaluation.services import do_draft_conclusion
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import ReportInput
from tests.conftest import member

# (name, examples per operation, user, known path parameters?)
RUNS = (("public", 2, None, False), ("planner", 2, "moh_planner", False), ("planner, known", 2, "moh_planner", True),
        ("authorized body, known", 2, "mne_head", True))


class _Rollback(Exception):
    pass


def _fuzz(strategy, app, examples: int) -> tuple[list[str], int]:
    failures: list[str] = []
    calls = 0

    @given(case=strategy)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    def run(case):
        nonlocal calls
        try:
            with transaction.atomic():  # every example starts from the same data
                response = case.call(app=app)
                raise _Rollback
        except _Rollback:
            pass
        calls += 1
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path} {case.query} {case.body!r}: "
                            f"{response.status_code} {response.text[:300]}")

    run()
    return failures, calls


@pytest.fixture
def keep_the_test_connection():
    """A bare WSGI call closes the database connection when the request ends (the test client avoids it the
    same way): the test's transaction must survive every generated request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def fuzz_data(health_plan):
    """sbdp-test with 2025 open, the developer's report saved and submitted, a risk R1, a draft conclusion, an
    analysis with SWOT items S1 - T1 (linked) and problems P1 -> P2."""
    people = {"moh_planner": member("moh-planner", "moh", Role.PLANNER),
              "moh_head": member("moh-head", "moh", Role.HEAD),
              "mne_head": member("mne-head", "mne", Role.HEAD)}
    sv.do_open_reporting_period(health_plan, 2025, acting_user=people["moh_planner"])
    period = sv.get_period(health_plan, 2025)
    sub = sv.do_save_report(period, health_plan.developer, ReportInput.model_validate(
        {"indicators": [{"code": "TI-1", "fact": "75.3"}, {"code": "RI-1", "fact": "12", "reason": "r"}]}),
        acting_user=people["moh_planner"])
    an.do_add_risk(health_plan, title={"kk": "Тәуекел"}, kind="internal", likelihood=2, impact=3,
                   owner=Organization.objects.get(code="moh"), acting_user=people["moh_planner"])
    analysis = an.do_start_analysis(health_plan, development_year=2024, acting_user=None)
    s1 = an.do_add_swot_item(analysis, category="strength", text={"kk": "Күшті"}, acting_user=None)
    t1 = an.do_add_swot_item(analysis, category="threat", text={"kk": "Қауіп"}, acting_user=None)
    an.do_link_swot(s1, t1, acting_user=None)
    p1 = an.do_add_problem(analysis, text={"kk": "Себеп"}, acting_user=None)
    p2 = an.do_add_problem(analysis, text={"kk": "Салдар"}, acting_user=None)
    an.do_link_problems(p1, p2, acting_user=None)
    do_draft_conclusion(health_plan, 2025, acting_user=people["mne_head"])
    known = {"code": "sbdp-test", "indicator": "TI-1", "measure": "M-1", "goal": "1.1", "task": "1",
             "key": "mission_vision", "annex": "1-1", "year": 2025, "quarter": 0, "source": "budget",
             "risk": "R1", "pk": sub.pk, "kato": "750000000", "swot": "S1", "first": "S1", "second": "T1",
             "problem": "P1", "cause": "P1", "effect": "P2"}
    return people, known


def test_every_operation_is_called_and_no_generated_request_gets_a_server_error(fuzz_data, keep_the_test_connection):
    people, known = fuzz_data
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [op.ok() for op in schema.get_all_operations() if isinstance(op, Ok)]
    assert len(operations) >= 60
    tokens = {name: do_create_api_token(user, acting_user=None).raw for name, user in people.items()}
    failures: list[str] = []
    uncalled: list[str] = []
    for op in operations:
        for _name, examples, who, with_known in RUNS:
            headers = {"Authorization": f"Bearer {tokens[who]}"} if who else None
            path_parameters = {k: v for k, v in known.items() if k in _path_names(op)} if with_known else None
            if with_known and not path_parameters and who == "moh_planner":
                continue  # no path parameter to know: the same derandomized examples as the planner's run above
            if who is None and op.method.upper() != "GET":
                examples = 1  # a write without credentials stops at the authentication (401)
            strategy = op.as_strategy(headers=headers, path_parameters=path_parameters or None)
            found, calls = _fuzz(strategy, app, examples)
            failures += found
            if not calls:
                uncalled.append(f"{op.method.upper()} {op.path} ({_name})")
    assert not uncalled, "never called: " + ", ".join(uncalled)
    assert not failures, "\n".join(failures[:10])


def _path_names(op) -> set[str]:
    return {p.name for p in op.path_parameters}
