"""(e) The API and pages under load: locust, 50 users, against gunicorn on 127.0.0.1 (bounded run time).

Reports p50, p95, p99 and errors of all requests (target: p95 <= 150 ms, zero errors) and the peak memory of
the server processes (VmHWM of the gunicorn master and workers; target of (f): <= 1 GB).
"""

from __future__ import annotations

import csv
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.harness import Context, NotAvailable, Result

TITLE = "pages and API under load (locust + gunicorn)"
ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - 127.0.0.1 only
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


def _server_memory_mb(pid: int) -> tuple[float, float]:
    """Peak RSS (VmHWM) of the largest process and of all, gunicorn master and workers together."""
    import psutil

    procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    peaks = []
    for p in procs:
        try:
            for line in Path(f"/proc/{p.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
    return (max(peaks) if peaks else 0.0), sum(peaks)


def _setup_user() -> str:
    """A superuser for the load test and, if the API is built, a token for it."""
    from jospar.core.models import User

    user = User.objects.filter(username="bench-load").first() or User(username="bench-load")
    user.is_superuser = user.is_staff = True
    user.set_unusable_password()
    user.save()
    try:
        from jospar.api.services import do_create_api_token
    except ImportError:
        return ""
    return do_create_api_token(user, acting_user=user, name="bench", days=1).raw


def run(ctx: Context) -> list[Result]:
    if ctx.quick:
        raise NotAvailable("skipped in quick (smoke) runs")
    if ctx.vendor != "postgresql":
        raise NotAvailable("the load test runs against PostgreSQL only")
    if not (VENV_BIN / "locust").exists() or not (VENV_BIN / "gunicorn").exists():
        raise NotAvailable("locust and gunicorn are not installed in the venv")
    from django.db import transaction

    from jospar.planning.models import Document, IndicatorValue

    docs = list(Document.objects.filter(code__startswith="gen-").values_list("code", flat=True))
    rng = random.Random(1)
    picks = list(IndicatorValue.objects.filter(indicator__document__code__startswith="gen-", year=ctx.year, quarter=0)
                 .values_list("indicator__document__code", "indicator__code")[:20000])
    values = [f"{d}:{i}" for d, i in rng.sample(picks, min(500, len(picks)))]
    with transaction.atomic():
        token = _setup_user()
    users = ctx.options.get("users", 50)
    seconds = ctx.options.get("duration", 30)
    workers = ctx.options.get("workers", 4)
    port = free_port()
    env = {**os.environ, "JOSPAR_DATABASE_URL": ctx.database_url, "JOSPAR_DEBUG": "0",
           "JOSPAR_SECRET_KEY": "bench-only-not-secret-" + str(port), "JOSPAR_ALLOWED_HOSTS": "127.0.0.1",
           "JOSPAR_CONN_MAX_AGE": "60", "JOSPAR_SSL_REDIRECT": "0", "JOSPAR_HSTS_SECONDS": "0",
           "PYTHONPATH": str(ROOT)}  # plain HTTP on 127.0.0.1
    # as a deployment does (docs/DEPLOYMENT.md): the production settings keep the cache in the database
    subprocess.run([str(VENV_BIN / "jospar"), "createcachetable"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "jospar.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", str(workers),
         "--timeout", "120", "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if _get(base + "/kk/") == 200:
                break
            time.sleep(0.5)
        else:
            raise RuntimeError("gunicorn did not answer on /kk/ within 60 s")
        api = _get(base + "/api/openapi.json") == 200
        # Steady state: a running server has drawn each document's page before (its body is cached for 300 s
        # under the document's version, and a write gives the document a new version, so the PATCHes below still
        # make pages be drawn again). Measuring the first drawing of 102 pages instead would measure a restart.
        warm_started = time.perf_counter()
        for code in docs:
            _get(f"{base}/kk/documents/{code}/", timeout=120)
        _get(base + "/kk/")
        warm_seconds = time.perf_counter() - warm_started
        with tempfile.TemporaryDirectory() as tmp:
            prefix = Path(tmp) / "locust"
            subprocess.run(
                [str(VENV_BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", str(users),
                 "-r", str(users), "-t", f"{seconds}s", "--host", base, "--csv", str(prefix), "--only-summary",
                 "--loglevel", "WARNING", "--stop-timeout", "10"],
                cwd=ROOT, check=False, timeout=seconds + 120,
                env={**env, "BENCH_DOCS": ",".join(docs), "BENCH_VALUES": ",".join(values),
                     "BENCH_YEAR": str(ctx.year), "BENCH_API": "1" if api else "0", "BENCH_TOKEN": token},
            )
            rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))  # noqa: SIM115
        biggest, total = _server_memory_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    agg = next(r for r in rows if r["Name"] == "Aggregated")
    n, failures = int(agg["Request Count"]), int(agg["Failure Count"])
    per_endpoint = {r["Name"]: {"requests": int(r["Request Count"]), "failures": int(r["Failure Count"]),
                                "p50_ms": float(r["50%"]), "p95_ms": float(r["95%"]), "p99_ms": float(r["99%"])}
                    for r in rows if r["Name"] != "Aggregated"}
    note = (f"{n:,} requests, {n / seconds:,.0f}/s, {users} users, {seconds} s, {workers} workers, "
            f"api={'yes' if api else 'no'}, pages drawn once before ({warm_seconds:.0f} s)")
    out = [
        Result("load", "p50 of all requests", float(agg["50%"]), unit="ms", note=note, extra=per_endpoint),
        Result("load", "p95 of all requests", float(agg["95%"]), unit="ms", target=150),
        Result("load", "p99 of all requests", float(agg["99%"]), unit="ms"),
        Result("load", "errors", float(failures), unit="errors", target=0, note=f"of {n:,}"),
        Result("memory", "server peak RSS, largest process (VmHWM)", biggest, unit="MB", target=1024),
        Result("memory", "server peak RSS, master + workers", total, unit="MB"),
    ]
    for name, stats in sorted(per_endpoint.items()):
        out.append(Result("load", f"  p95 {name}", stats["p95_ms"], unit="ms",
                          note=f"{stats['requests']:,} req, {stats['failures']} failed, p50 {stats['p50_ms']:.0f}"))
    return out
