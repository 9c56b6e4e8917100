"""The number of queries of every web page and API read does not grow with the data (small vs. a three times
larger country; issue 7).

Every named URL of jospar/web/urls.py is visited: a pattern whose only argument is a document `code` is
visited for one generated document of each type; a pattern with other arguments fails the test until a
recipe is added here, so a new page cannot go unmeasured. Every GET operation of the API's OpenAPI schema is
called the same way, with its path parameters taken from the generated data (API_KNOWN); an operation whose
parameter has no recipe fails the test.
"""

from __future__ import annotations

import warnings
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, reverse
from django.utils import translation

from jospar.core.models import User
from jospar.demo.generator import SCALES, do_generate_country
from jospar.web import urls as web_urls

pytestmark = pytest.mark.django_db

LARGER = replace(SCALES["small"], name="small-x3", ndp_indicators=9, tdp_indicators=9, concepts=3,
                 concept_indicators=9, concept_measures=12, national_projects=2, np_indicators=9, state_bodies=4,
                 sbdp_indicators=12, sbdp_measures=15, regions=2, rdp_indicators=12, rdp_measures=15)

# One document of each type (the codes exist at both scales) and one indicator of each.
DOCUMENTS = {"gen-ndp-2025-2029": "SI-001", "gen-concept-01": "TI-001", "gen-sbdp-digital": "TI-001",
             "gen-rdp-620000000": "MI-001"}
ITEM_DOCUMENTS = ("gen-rdp-620000000",)  # editor pages: a regional plan has an item of every kind
YEAR = 2025


def _patterns(patterns=None, into=None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    """(name with its namespace, pattern) of every named web page."""
    into = [] if into is None else into
    for p in web_urls.urlpatterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            _patterns(p.url_patterns, into, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif p.name:
            into.append((namespace + p.name, p))
    return into


def _item_pks(code: str) -> dict[str, int]:
    """The first item of every kind the editor knows, in this document."""
    try:
        from jospar.web.forms import ITEM_KINDS
    except ImportError:
        return {}
    out = {}
    for kind, (model, *_rest) in ITEM_KINDS.items():
        field = "goal__document__code" if kind == "task" else "document__code"
        pk = model.objects.filter(**{field: code}).order_by("pk").values_list("pk", flat=True).first()
        if pk is not None:
            out[kind] = pk
    return out


def _urls() -> tuple[list[tuple[str, str]], list[str]]:
    """(key, url) for every named web page we can build, and the patterns we cannot."""
    out, unmeasured = [], []
    for name, pattern in _patterns():
        args = set(pattern.pattern.converters)
        if not args:
            out.append((name, reverse(name)))  # key, url
        elif args <= {"code", "indicator_code", "year"}:
            for code, indicator in DOCUMENTS.items():
                kwargs = {"code": code, "indicator_code": indicator, "year": YEAR}
                url = reverse(name, kwargs={k: kwargs[k] for k in args})
                out.append((url, url))
        elif args in ({"code", "kind"}, {"code", "kind", "pk"}):
            for code in ITEM_DOCUMENTS:
                for kind, pk in _item_pks(code).items():
                    kwargs = {"code": code, "kind": kind, "pk": pk}
                    url = reverse(name, kwargs={k: kwargs[k] for k in args})
                    out.append((f"{name} {code} first {kind}", url))  # the pk changes with the data
        else:
            unmeasured.append(f"{name} {sorted(args)}")
    return out, unmeasured


def _counts(client) -> dict[str, int]:
    out = {}
    with translation.override("en"):  # the same URLs whichever language the previous request left active
        urls, unmeasured = _urls()
    if unmeasured:  # no generated data for them (proposals, submissions): listed, never silently dropped
        warnings.warn("pages not measured (no generated data): " + "; ".join(unmeasured), stacklevel=2)
    for key, url in urls:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code in (200, 302, 403, 404, 405), (url, response.status_code)  # 405: POST only
        out[key] = len(ctx.captured_queries)
    return out


# Path parameters of the API, per generated document: what the generator makes at both scales.
API_KNOWN = {"indicator": None, "measure": "M-001", "goal": "1.1", "task": "1", "key": "mission_vision",
             "annex": "10", "year": YEAR, "quarter": 0, "source": "budget", "kato": "620000000"}
API_DOCUMENTS = ("gen-ndp-2025-2029", "gen-rdp-620000000")
API_UNKNOWN = {"risk", "pk", "swot", "first", "second", "problem", "cause", "effect", "factor"}  # no generated data
API_KNOWN_BY_PATH = {"/api/monitoring/proposals/": {"quarter": 1}}  # cl. 238 proposals follow a quarter (1-4)


def _api_urls() -> tuple[list[tuple[str, str]], list[str]]:
    from jospar.api.api import api

    out, unmeasured = [], []
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations:
            continue
        names = {p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "path"}
        if names & API_UNKNOWN:
            unmeasured.append(path)
            continue
        missing = names - set(API_KNOWN) - {"code"}
        assert not missing, f"{path}: no recipe for the path parameters {missing}: add one to API_KNOWN"
        # the API reads every document type with the same code: the largest (NDP) and the richest (RDP) suffice
        targets = [(c, i) for c, i in DOCUMENTS.items() if c in API_DOCUMENTS] if "code" in names else [(None, None)]
        for code, indicator in targets:
            values = {**API_KNOWN, "code": code, "indicator": indicator,
                      **next((v for prefix, v in API_KNOWN_BY_PATH.items() if path.startswith(prefix)), {})}
            url = path
            for name in names:
                url = url.replace("{" + name + "}", str(values[name]))
            out.append((f"GET {url}", url))
    return out, unmeasured


def _api_counts(client) -> dict[str, int]:
    out = {}
    urls, unmeasured = _api_urls()
    if unmeasured:
        warnings.warn("API reads not measured (no generated data): " + "; ".join(unmeasured), stacklevel=2)
    for key, url in urls:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code in (200, 401, 403, 404, 422), (url, response.status_code, response.content[:300])
        out[key] = len(ctx.captured_queries)
        if response.status_code == 200:
            ANSWERED.add(key)
    return out


ANSWERED: set[str] = set()  # API reads that answered 200 (the rest measured a refusal, not the read)


def _all_counts(client) -> dict[str, int]:
    return {**_counts(client), **_api_counts(client)}


def _clients(client_factory):
    """The public, and a superuser (sees every document, restricted items and every editor page)."""
    anonymous = client_factory()
    admin = client_factory()
    admin.force_login(User.objects.create_superuser("qc-admin", password="qc-admin-pw-1"))
    return {"anonymous": anonymous, "superuser": admin}


def test_no_web_page_or_api_read_costs_more_queries_on_a_larger_country(reference):
    from django.test import Client

    ANSWERED.clear()
    do_generate_country("small")
    users = _clients(Client)
    small = {who: _all_counts(c) for who, c in users.items()}
    do_generate_country(LARGER, replace=True)
    larger = {who: _all_counts(c) for who, c in users.items()}
    assert small["superuser"], "no page was measured"
    assert sum(k.startswith("GET /api/") for k in small["superuser"]) >= 40, "the API reads were not measured"
    assert len(ANSWERED) >= 40, sorted(ANSWERED)
    grown = [f"{who} {url}: {n} -> {larger[who].get(url)} queries"
             for who, counts in small.items() for url, n in counts.items() if larger[who].get(url) != n]
    assert not grown, "pages and API reads whose number of queries grows with the data:\n" + "\n".join(grown)


def test_the_larger_country_really_is_larger(reference):
    small = do_generate_country("small")
    larger = do_generate_country(LARGER, replace=True)
    assert larger.counts["planning.Indicator"] >= 2 * small.counts["planning.Indicator"]
    assert larger.counts["planning.Measure"] >= 2 * small.counts["planning.Measure"]
