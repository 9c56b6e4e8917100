"""Jospar benchmarks: `.venv/bin/python bench/run.py [--scale national|region|small] [--json bench/results.json]`.

Starts a throw-away PostgreSQL (scripts/pg.sh, 127.0.0.1 only) unless --sqlite or --database-url is given,
migrates it, loads the reference data, generates the synthetic country (`jospar generate`), runs every case
of bench/cases/ and prints a table: each timing with its floor (raw SQL reading the same rows) and target.
Cases whose feature is not built yet print "not available yet". See docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_postgres() -> tuple[str, str]:
    port = random.randint(56000, 56999)
    data_dir = tempfile.mkdtemp(prefix="jospar-bench-pg-")
    url = subprocess.run([str(ROOT / "scripts" / "pg.sh"), "start", data_dir, str(port)], check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    createdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/createdb"))[-1]
    subprocess.run([createdb, "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "jospar"], check=True)
    return url, data_dir


def stop_postgres(data_dir: str) -> None:
    subprocess.run([str(ROOT / "scripts" / "pg.sh"), "stop", data_dir], check=False)


def machine() -> dict[str, object]:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "os": platform.platform(),
            "python": platform.python_version()}


def setup_django(url: str) -> None:
    os.environ["JOSPAR_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jospar.settings")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(scale: str, *, seed: int, generate: bool, echo=print) -> dict[str, object]:
    """Migrate, load the reference data and generate the country; returns what was done, with timings."""
    from django.core.management import call_command
    from django.db import connection

    from jospar.core.services import do_load_organizations, do_load_territories
    from jospar.demo.generator import do_generate_country

    info: dict[str, object] = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    info["migrate_seconds"] = round(time.perf_counter() - started, 2)
    do_load_territories()
    do_load_organizations()
    if generate:
        echo(f"... generating the {scale} country")
        report = do_generate_country(scale, seed=seed, replace=True)
        info["generate_seconds"] = round(report.seconds, 2)
        info["rows"] = dict(report.counts)
        echo(f"    {report.rows:,} rows in {report.seconds:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=("national", "region", "small"), default="region")
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument("--sqlite", action="store_true", help="run on a temporary SQLite file instead of PostgreSQL")
    parser.add_argument("--database-url", help="use this (already created) database instead of a throw-away one")
    parser.add_argument("--keep", action="store_true", help="leave the throw-away PostgreSQL running")
    parser.add_argument("--no-generate", action="store_true", help="use the generated data already in the database")
    parser.add_argument("--cases", help="comma-separated case names (default: all in bench/cases/)")
    parser.add_argument("--year", type=int, default=2025, help="the reporting year (default 2025, which has facts)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=30, help="seconds of the load test")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--quick", action="store_true", help="one repetition per timing and no load test")
    args = parser.parse_args(argv)

    pg_dir = None
    if args.database_url:
        url = args.database_url
    elif args.sqlite:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='jospar-bench-')}/bench.sqlite3"
    else:
        url, pg_dir = start_postgres()
        print(f"... PostgreSQL at {url} ({pg_dir})")
    try:
        setup_django(url)
        from django.db import connection

        from bench.harness import Context, peak_rss_mb, run_cases, table

        info = prepare(args.scale, seed=args.seed, generate=not args.no_generate)
        ctx = Context(scale=args.scale, year=args.year, vendor=connection.vendor, database_url=url, quick=args.quick,
                      options={"users": args.users, "duration": args.duration, "workers": args.workers})
        cases = [c.strip() for c in args.cases.split(",")] if args.cases else None
        results, skipped = run_cases(ctx, cases)
        print()
        print(table(results, skipped))
        print(f"\nbench process peak RSS: {peak_rss_mb():,.0f} MB")
        if args.json:
            with connection.cursor() as cur:
                cur.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
                db_version = cur.fetchone()[0]
            doc = {
                "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "scale": args.scale,
                "year": args.year, "database": connection.vendor, "database_version": db_version,
                "machine": machine(), **info,
                "results": [r.as_dict() for r in results], "not_run": skipped,
            }
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(doc, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
            print(f"results written to {args.json}")
        return 0 if all(r.ok is not False for r in results) else 1
    finally:
        if pg_dir and not args.keep:
            stop_postgres(pg_dir)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
