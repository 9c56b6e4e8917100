"""The mixed load of bench case (e): web pages, API reads and API writes (run by bench/cases/load.py).

Environment: BENCH_DOCS (document codes), BENCH_VALUES (code:indicator pairs to edit), BENCH_TOKEN (API token of
the bench user; API tasks run only when BENCH_API=1, i.e. /api/openapi.json answered).
"""

from __future__ import annotations

import os
import random

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

DOCS = [c for c in os.environ.get("BENCH_DOCS", "").split(",") if c]
VALUES = [v.split(":", 1) for v in os.environ.get("BENCH_VALUES", "").split(",") if ":" in v]
YEAR = os.environ.get("BENCH_YEAR", "2025")
API = os.environ.get("BENCH_API") == "1"
TOKEN = os.environ.get("BENCH_TOKEN", "")


class Planner(FastHttpUser):
    # FastHttpUser (geventhttpclient) instead of HttpUser (requests): the load generator shares the two cores with
    # gunicorn and PostgreSQL, and costs ~4x less CPU per request this way (locust's documentation, "Increase
    # performance with a faster HTTP client"), so the server gets the machine it is being measured on.
    wait_time = between(0.5, 1.5)

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {TOKEN}"} if TOKEN else {}

    @task(3)
    def home(self):
        self.client.get("/kk/", name="page /kk/")

    @task(6)
    def document_page(self):
        self.client.get(f"/kk/documents/{random.choice(DOCS)}/", name="page /kk/documents/[code]/")

    @task(4)
    def api_reads(self):
        if not API:
            return
        code = random.choice(DOCS)
        self.client.get("/api/documents?limit=50", name="api GET /documents", headers=self._auth())
        self.client.get(f"/api/documents/{code}", name="api GET /documents/[code]", headers=self._auth())
        self.client.get(f"/api/documents/{code}/indicators?limit=50", name="api GET /documents/[code]/indicators",
                        headers=self._auth())

    @task(2)
    def api_write(self):
        if not (API and TOKEN and VALUES):
            return
        code, indicator = random.choice(VALUES)
        url = f"/api/documents/{code}/indicators/{indicator}/values/{YEAR}/0"
        got = self.client.get(url, name="api GET value", headers=self._auth())
        if got.status_code != 200:
            return
        body = {"fact": f"{random.randint(1, 100000)}", "reason": "load test"}
        with self.client.patch(url, json=body, name="api PATCH value", catch_response=True,
                               headers={**self._auth(), "If-Match": got.headers.get("ETag", "")}) as r:
            if r.status_code in (200, 409):  # 409: another user changed it meanwhile; a correct answer
                r.success()
