#!/usr/bin/env python
"""Write a sample of each official form (Annexes 1-14, the district breakdown, plan-fact-comments) from the demo
into docs/annexes/ as .xlsx and .pdf in Kazakh, and a PNG of the first page of a few of them.

    .venv/bin/python scripts/make_annex_samples.py [--out docs/annexes] [--png 14,10,3]

Without JOSPAR_DATABASE_URL it builds the demo in a temporary SQLite database (about a minute), so the
developer's database is never touched. PNGs come from `pdftoppm -png -r 60 -f 1 -l 1` (poppler-utils); when
pdftoppm is missing, headless Chromium pictures the HTML the PDF is rendered from (file name ends in _html.png).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLES = [  # annex, demo document, year
    ("1", "concept-digital-2029", 2025), ("1-1", "sbdp-moh-2025-2029", 2025), ("2", "concept-digital-2029", 2025),
    ("3", "sbdp-moh-2025-2029", 2025), ("4", "sbdp-moh-2025-2029", 2025), ("5", "rdp-karaganda-2024-2028", 2025),
    ("6", "rdp-karaganda-2024-2028", 2025), ("7", "rdp-karaganda-2024-2028", 2025),
    ("8", "rdp-karaganda-2024-2028", 2025), ("9", "rdp-karaganda-2024-2028", 2025), ("10", "ndp-2029", 2025),
    ("11", "ndp-2029", 2025), ("12", "concept-digital-2029", 2025), ("13", "sbdp-moh-2025-2029", 2025),
    ("14", "rdp-karaganda-2024-2028", 2025), ("14-districts", "rdp-karaganda-2024-2028", 2025),
    ("pfc", "ndp-2029", 2025),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "annexes"))
    parser.add_argument("--png", default="14,10,3", help="annexes to picture (first page of the PDF)")
    parser.add_argument("--lang", default="kk")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = None
    if not os.environ.get("JOSPAR_DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix="jospar-samples-")
        os.environ["JOSPAR_DATABASE_URL"] = f"sqlite:///{tmp}/demo.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jospar.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from jospar.annexes.services import build_form, file_name, render
    from jospar.planning.models import Document

    try:
        if tmp or not Document.objects.filter(code="rdp-karaganda-2024-2028").exists():
            if tmp:
                call_command("migrate", verbosity=0)
            print("loading the demo ...", flush=True)
            call_command("load_demo", stdout=open(os.devnull, "w"))
            if tmp:
                _sample_conclusion()
        wanted = set(args.png.split(",")) if args.png else set()
        pdftoppm = shutil.which("pdftoppm")
        for annex, code, year in SAMPLES:
            form = build_form(Document.objects.get(code=code), annex, year=year, lang=args.lang)
            for fmt in ("xlsx", "pdf"):
                path = out / file_name(form, fmt)
                path.write_bytes(render(form, fmt))
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            if annex in wanted:
                pdf = out / file_name(form, "pdf")
                if pdftoppm:
                    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                                    str(pdf.with_suffix(""))], check=True)
                    print(pdf.with_suffix(".png").name)
                elif shutil.which("chromium"):
                    # [fallback] pdftoppm missing: picture the HTML the PDF is made from (same layout and fonts)
                    from jospar.annexes.render.pdf import form_html

                    html = Path(tempfile.mkdtemp()) / "form.html"
                    html.write_text(form_html(form), encoding="utf-8")
                    png = out / (file_name(form, "pdf")[:-4] + "_html.png")
                    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                    "--window-size=1400,1000", f"--screenshot={png}", html.as_uri()],
                                   check=True, capture_output=True)
                    print(f"pdftoppm (poppler-utils) is not installed: {png.name} pictures the HTML of the PDF")
                else:
                    print(f"pdftoppm (poppler-utils) is not installed: no PNG of annex {annex}", file=sys.stderr)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def _sample_conclusion() -> None:
    """Annex 11 items 6-7 and the criteria come from jospar.evaluation: in the throw-away database of the samples,
    draft the conclusion on the National Plan for 2025 (criteria computed) with example texts of the authorized
    body, so the sample shows them. Never run against a real database."""
    from jospar.core.models import User
    from jospar.evaluation.services import do_draft_conclusion, do_write_conclusion
    from jospar.planning.models import Document

    user = User.objects.create_superuser("annex-samples", password=None)
    ndp = Document.objects.get(code="ndp-2029")
    c = do_draft_conclusion(ndp, 2025, acting_user=user, reason="annex samples")
    do_write_conclusion(c, acting_user=user, reason="annex samples",
                        position="[Үлгі] Есепті кезеңге жоспарланған нәтижелердің басым бөлігіне қол жеткізілді; "
                                 "қол жеткізілмеген индикаторлар бойынша себептер негізделген.",
                        conclusions="[Үлгі] Іске асыруды жалғастыру, қол жеткізілмеген индикаторлар бойынша "
                                    "түзету шараларын қабылдау ұсынылады.")


if __name__ == "__main__":
    main()
