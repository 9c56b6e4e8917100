#!/usr/bin/env bash
# Everything for a first look: environment, database, demo data, then the web app on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/system-deps.sh pdf
.venv/bin/jospar migrate --verbosity 0
.venv/bin/jospar load_demo
echo
echo "Jospar is starting on http://127.0.0.1:${PORT:-8000}/  (Ctrl+C to stop; administration at /kk/admin/)"
exec .venv/bin/jospar runserver "127.0.0.1:${PORT:-8000}"
