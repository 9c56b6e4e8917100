#!/usr/bin/env bash
# Set up everything the tests need and run the whole suite: lint, migrations check, then every test on
# SQLite and again on a real PostgreSQL server started here in a temporary directory.
# Extra arguments go to pytest (e.g. scripts/test.sh -k roundtrip).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/system-deps.sh

echo "== ruff"
.venv/bin/ruff check .
echo "== migrations are complete"
.venv/bin/jospar makemigrations --check --dry-run >/dev/null
echo "== JSON Schema is up to date"
.venv/bin/jospar export_schema -o var/schema.check.json >/dev/null
cmp -s var/schema.check.json schemas/document.schema.json || { echo "schemas/document.schema.json is stale: run jospar export_schema"; exit 1; }

pgdir=$(mktemp -d /tmp/jospar-pg.XXXXXX)
port=${JOSPAR_TEST_PG_PORT:-$(( 54000 + RANDOM % 1000 ))}
trap 'scripts/pg.sh stop "$pgdir"' EXIT
pg_url=$(scripts/pg.sh start "$pgdir" "$port" | tail -n 1)

# The two databases run side by side (one core each); their reports are printed one after the other.
echo "== tests on SQLite and on PostgreSQL ($pg_url), in parallel"
mkdir -p var
# The test databases are created from the models (tests/conftest.py: the migrations cost ~28 s of CPU each);
# the migrations themselves are applied to a fresh PostgreSQL database once the SQLite run is done, on its core.
{
  rc=0; .venv/bin/python -m pytest "$@" >var/test-sqlite.log 2>&1 || rc=$?
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres jospar_migrations
  echo "== migrations apply on a fresh PostgreSQL database" >>var/test-sqlite.log
  JOSPAR_DATABASE_URL="${pg_url%/*}/jospar_migrations" .venv/bin/jospar migrate --no-input >>var/test-sqlite.log 2>&1 \
    || { echo "migrations FAILED on PostgreSQL" >>var/test-sqlite.log; rc=1; }
  exit $rc
} &
sqlite_pid=$!
JOSPAR_DATABASE_URL="$pg_url" .venv/bin/python -m pytest "$@" >var/test-postgresql.log 2>&1 &
pg_pid=$!
sqlite_rc=0; wait $sqlite_pid || sqlite_rc=$?
pg_rc=0; wait $pg_pid || pg_rc=$?
echo "== SQLite, then the migrations on PostgreSQL (exit $sqlite_rc)"; cat var/test-sqlite.log
echo "== PostgreSQL (exit $pg_rc)"; cat var/test-postgresql.log
[ "$sqlite_rc" = 0 ] && [ "$pg_rc" = 0 ]
