#!/usr/bin/env bash
# Everything for a first look: environment, database, demo data, then the web app on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/system-deps.sh pdf
.venv/bin/jospar migrate --verbosity 0
.venv/bin/jospar load_demo
# The background worker runs long jobs (uploads, checks of many documents) while the web app serves pages.
.venv/bin/jospar db_worker --no-reload --interval 1 >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null' EXIT
echo
echo "Jospar is starting on http://127.0.0.1:${PORT:-8000}/  (Ctrl+C to stop; administration at /kk/admin/)"
.venv/bin/jospar runserver "127.0.0.1:${PORT:-8000}"
