"""Take the README's screenshots of the main pages from a running demo (make demo, or PORT=8011).

Usage: .venv/bin/python scripts/screenshots.py [BASE_URL]   (default http://127.0.0.1:8000)
Writes docs/screenshots/*.png with Debian's Chromium driven by Playwright.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

PUBLIC = [
    ("/kk/", "home-kk.png"),
    ("/ru/documents/rdp-karaganda-2024-2028/", "regional-plan-ru.png"),
    ("/en/documents/ndp-2029/indicators/SI-03/", "indicator-decomposition-en.png"),
]
PLANNER = [
    ("/ru/documents/sbdp-moh-2025-2029/edit/", "editor-ru.png"),
    ("/en/inbox/", "inbox-en.png"),
    ("/kk/documents/sbdp-moh-2025-2029/report/2025/", "report-kk.png"),
]


def correction(page, base: str) -> None:
    """Open (or reopen) a correction of the ministry's plan, and show its editor and its review page."""
    code = "sbdp-moh-2025-2029"
    page.goto(f"{base}/en/documents/{code}/")
    if page.get_by_text("Correct this document").count():
        page.get_by_text("Correct this document").click()
        page.get_by_label("Ground of the correction (cl. 205)").select_option("monitoring")
        page.get_by_label("Details of the ground").fill("Conclusion on the monitoring of 2025")
        page.get_by_role("button", name="Start a correction").click()
        page.wait_for_load_state()
    page.goto(f"{base}/en/documents/{code}-correction/edit/")
    page.wait_for_timeout(500)
    page.screenshot(path=str(OUT / "correction-editor-en.png"))
    page.goto(f"{base}/en/documents/{code}/correction/")
    page.wait_for_timeout(500)
    page.screenshot(path=str(OUT / "correction-review-en.png"), full_page=True)


# the strategic planning body's analyst (sees the quarterly results and writes the cl. 238 proposals)
ANALYST = [
    ("/en/documents/ndp-2029/quarterly/2026/", "quarterly-en.png"),
    ("/ru/documents/ndp-2029/proposals/2026/q1/", "proposals-ru.png"),
    ("/en/documents/rdp-flawed-demo/analysis/", "analysis-findings-en.png"),
]


def login(page, base: str, username: str) -> None:
    """Sign in (each `browser.new_page()` is its own context, with its own cookies)."""
    page.goto(base + "/en/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"demo-{username}-2026")
    page.click("form.login button[type=submit]")
    page.wait_for_load_state()


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for path, name in PUBLIC:
            page.goto(base + path)
            page.wait_for_timeout(800)
            page.screenshot(path=str(OUT / name))
        login(page, base, "moh-planner")
        for path, name in PLANNER:
            page.goto(base + path)
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT / name))
        correction(page, base)
        analyst = browser.new_page(viewport={"width": 1280, "height": 900})
        login(analyst, base, "aspr-analyst")
        for path, name in ANALYST:
            analyst.goto(base + path)
            analyst.wait_for_timeout(500)
            analyst.screenshot(path=str(OUT / name))
        tablet = browser.new_page(viewport={"width": 768, "height": 1024})
        tablet.goto(base + "/kk/documents/rdp-karaganda-2024-2028/")
        tablet.wait_for_timeout(500)
        tablet.screenshot(path=str(OUT / "tablet-regional-plan-kk.png"))
        browser.close()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
