"""Fixtures of the API tests: a small document of the Ministry of Health co-executed by Education, people
of every role, and a client that speaks with a token."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from jospar.api.services import do_create_api_token
from jospar.core.models import Role, User
from jospar.interchange.services import do_import_document
from tests.conftest import member, small_payload


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Each test starts with empty rate-limit counters; passwords hash fast (the test users are many)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


class ApiClient:
    """A Django test client that sends `Authorization: Bearer <token>` (or nothing for the public)."""

    def __init__(self, user: User | None = None):
        self.user = user
        self.client = Client()
        self.token = do_create_api_token(user, acting_user=user).raw if user is not None else None

    def _headers(self, headers: dict | None) -> dict:
        out = dict(headers or {})
        if self.token:
            out["Authorization"] = f"Bearer {self.token}"
        return out

    def get(self, path: str, headers: dict | None = None, **params):
        return self.client.get(path, params, headers=self._headers(headers))

    def send(self, method: str, path: str, data=None, headers: dict | None = None):
        import json

        body = data if isinstance(data, (str, bytes)) else json.dumps(data)
        return getattr(self.client, method)(path, body, content_type="application/json",
                                            headers=self._headers(headers))

    def patch(self, path, data=None, headers=None):
        return self.send("patch", path, data, headers)

    def put(self, path, data=None, headers=None):
        return self.send("put", path, data, headers)

    def post(self, path, data=None, headers=None):
        return self.send("post", path, data, headers)


def api_client(user: User | None = None) -> ApiClient:
    return ApiClient(user)


@pytest.fixture
def health_plan(reference):
    """sbdp-test: developer moh, co-executor edu (co-executes TI-1), in force, open."""
    return do_import_document(small_payload(), reason="fixture").document


@pytest.fixture
def people(reference):
    return {
        "moh_planner": member("moh-planner", "moh", Role.PLANNER),
        "moh_viewer": member("moh-viewer", "moh", Role.VIEWER),
        "edu_planner": member("edu-planner", "edu", Role.PLANNER),
        "mne_planner": member("mne-planner", "mne", Role.PLANNER),
        "mci_planner": member("mci-planner", "mci", Role.PLANNER),
    }


def plan(code: str, developer: str, *, status: str = "draft", co_executors: tuple[str, ...] = (),
         confidentiality: str = "open"):
    """small_payload() re-addressed: another code and developer, the developer responsible for everything;
    the indicator TI-1 keeps the co-executor `edu` only when `edu` co-executes the document."""
    payload = small_payload(code=code, developer=developer, status=status, co_executors=list(co_executors),
                            confidentiality=confidentiality)
    for ind in payload.indicators:
        if ind.responsible:
            ind.responsible = developer
        ind.parents = [p.model_copy(update={"indicator": f"{code}:TI-1"}) for p in ind.parents]
        if "edu" not in co_executors:
            ind.co_executors = []
    for m in payload.measures:
        m.responsible = developer
        for f in m.financing:
            f.administrator = developer
    return payload
