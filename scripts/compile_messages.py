"""Compile every jospar/**/locale/*/LC_MESSAGES/django.po to .mo with Babel (no system gettext needed)."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent / "jospar"


def main() -> int:
    count = 0
    for po in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        with mo.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        count += 1
    print(f"compiled {count} message catalog(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
