"""Sessions: CSRF on every unsafe API call; the sign-in page slows down password guessing."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client

from jospar.planning.models import IndicatorValue
from tests.conftest import member

VALUE = "/api/documents/sbdp-test/indicators/TI-1/values/2025/0"


def test_a_session_write_without_the_csrf_token_is_refused_and_with_it_accepted(health_plan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member("moh-planner", "moh"))
    version = client.get(VALUE).json()["version"]
    refused = client.patch(VALUE, {"fact": "70", "version": version}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["code"] == "csrf"
    assert str(IndicatorValue.objects.get(indicator__code="TI-1", year=2025).fact) == "75.0000"

    client.get("/kk/login/")  # sets the CSRF cookie, as the browser gets it from any page
    token = client.cookies["csrftoken"].value
    accepted = client.patch(VALUE, {"fact": "70", "version": version}, content_type="application/json",
                            headers={"X-CSRFToken": token})
    assert accepted.status_code == 200


def test_a_session_reads_without_a_csrf_token(health_plan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member("moh-planner", "moh"))
    assert client.get("/api/documents/sbdp-test").status_code == 200


def test_the_sign_in_page_refuses_an_eleventh_attempt_within_a_minute(reference):
    member("moh-planner", "moh")
    client = Client()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=dt.UTC), tick=False):
        codes = [client.post("/kk/login/", {"username": "moh-planner", "password": f"bad-{i}"}).status_code
                 for i in range(11)]
        assert codes == [200] * 10 + [429]
        blocked = client.post("/kk/login/", {"username": "moh-planner", "password": "pw-moh-planner-x1"})
        assert blocked.status_code == 429
        assert "_auth_user_id" not in client.session


def test_the_sign_in_page_still_signs_in_with_the_right_password(reference):
    member("moh-planner", "moh")
    client = Client()
    response = client.post("/kk/login/", {"username": "moh-planner", "password": "pw-moh-planner-x1"})
    assert response.status_code == 302
