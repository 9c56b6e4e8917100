"""Schemathesis against the committed OpenAPI schema, on the WSGI application (no network): generated
requests of every operation, as the public and with a planner's token, never get a server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from jospar.api.services import do_create_api_token
from tests.conftest import member

EXAMPLES = 30
KNOWN = {"code": "sbdp-test", "indicator": "TI-1", "measure": "M-1", "goal": "1.1", "task": "1",
         "key": "mission_vision", "annex": "1-1"}


def _fuzz(strategy, app) -> list[str]:
    failures: list[str] = []

    @given(case=strategy)
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call(app=app)
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path} {case.query} {case.body!r}: "
                            f"{response.status_code} {response.text[:300]}")

    run()
    return failures


@pytest.fixture
def keep_the_test_connection():
    """A bare WSGI call closes the database connection when the request ends (the test client avoids it the
    same way): the test's transaction must survive every generated request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_no_generated_request_gets_a_server_error(health_plan, keep_the_test_connection):
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    token = do_create_api_token(member("moh-planner", "moh"), acting_user=None).raw
    auth = {"Authorization": f"Bearer {token}"}
    failures = []
    failures += _fuzz(schema.as_strategy(), app)
    failures += _fuzz(schema.as_strategy(headers=auth), app)
    failures += _fuzz(schema.as_strategy(headers=auth, path_parameters=KNOWN), app)
    assert not failures, "\n".join(failures[:10])
