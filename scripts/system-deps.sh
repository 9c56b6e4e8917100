#!/usr/bin/env bash
# The system packages the tests need: Debian's Chromium (Playwright drives it; never `playwright install`)
# and a PostgreSQL server; the fonts and Pango that WeasyPrint needs for PDF. Installs only what is missing;
# needs root (or sudo) the first time. `scripts/system-deps.sh pdf` installs only what the app itself needs.
set -euo pipefail
missing=()
if [ "${1:-all}" != pdf ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
fi
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)  # WeasyPrint (PDF)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "== installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
