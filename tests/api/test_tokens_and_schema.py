"""API tokens (CLI and endpoint, hashed, revocable, rate-limited) and the committed OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import time_machine
from django.core.management import call_command
from django.test import Client

from jospar.api.management.commands.export_openapi import openapi_text
from jospar.api.models import ApiToken
from tests.conftest import member

ROOT = Path(__file__).resolve().parents[2]


def _create(username: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("api-token", "create", username, "--name", "ci", stdout=out, stderr=err)
    assert "shown only now" in err.getvalue()
    return out.getvalue().strip()


def test_the_cli_creates_a_token_that_authenticates_and_is_stored_only_as_a_hash(reference):
    member("moh-planner", "moh")
    raw = _create("moh-planner")
    token = ApiToken.objects.get()
    assert raw.startswith(f"jsp_{token.prefix}_")
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in json.dumps(list(ApiToken.objects.values()), default=str)
    me = Client().get("/api/auth/me", headers={"Authorization": f"Bearer {raw}"})
    assert me.json() == {"username": "moh-planner", "is_superuser": False,
                         "organizations": [{"organization": "moh", "role": "planner"}]}


def test_a_revoked_or_wrong_token_gets_401_even_on_public_endpoints(reference):
    member("moh-planner", "moh")
    raw = _create("moh-planner")
    call_command("api-token", "revoke", ApiToken.objects.get().prefix, stdout=io.StringIO())
    for header in (f"Bearer {raw}", "Bearer jsp_nothing", "Basic abc"):
        response = Client().get("/api/documents", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.json()["errors"][0]["code"] == "unauthorized"
    listing = io.StringIO()
    call_command("api-token", "list", stdout=listing)
    assert "revoked" in listing.getvalue()


def test_the_token_endpoint_trades_a_password_for_a_token_and_refuses_a_wrong_one(reference):
    member("moh-planner", "moh")
    client = Client()
    good = client.post("/api/auth/token", {"username": "moh-planner", "password": "pw-moh-planner-x1"},
                       content_type="application/json")
    assert good.status_code == 201
    assert Client().get("/api/auth/me", headers={"Authorization": f"Bearer {good.json()['token']}"}).status_code == 200
    bad = client.post("/api/auth/token", {"username": "moh-planner", "password": "nope"},
                      content_type="application/json")
    assert bad.status_code == 401
    assert bad.json()["errors"][0]["message"]["kk"] == "Пайдаланушы аты немесе құпиясөз қате."


def test_guessing_passwords_on_the_token_endpoint_is_stopped_after_ten_attempts_a_minute(reference):
    member("moh-planner", "moh")
    client = Client()

    def attempt(password: str) -> int:
        return client.post("/api/auth/token", {"username": "moh-planner", "password": password},
                           content_type="application/json").status_code

    # the clock stands still so that the counting window cannot roll over in the middle of the test
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=dt.UTC), tick=False):
        assert [attempt(f"guess-{i}") for i in range(12)] == [401] * 10 + [429, 429]
        assert attempt("pw-moh-planner-x1") == 429


def test_a_revoked_token_via_the_api_stops_working(reference):
    member("moh-planner", "moh")
    raw = _create("moh-planner")
    headers = {"Authorization": f"Bearer {raw}"}
    assert Client().delete("/api/auth/token", headers=headers).status_code == 204
    assert Client().get("/api/auth/me", headers=headers).status_code == 401


def test_the_committed_openapi_schema_equals_the_generated_one():
    committed = (ROOT / "docs" / "openapi.json").read_text(encoding="utf-8")
    assert committed == openapi_text(), "docs/openapi.json is stale: run `jospar export_openapi -o docs/openapi.json`"


def test_the_schema_and_the_docs_are_served(db):
    client = Client()
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert "/api/documents/{code}/indicators/{indicator}/values/{year}/{quarter}" in schema.json()["paths"]
    assert client.get("/api/docs").status_code == 200
