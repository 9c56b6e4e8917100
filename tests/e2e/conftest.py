"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against Django's live server."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from playwright.sync_api import expect

CHROMIUM = os.environ.get("JOSPAR_CHROMIUM", "/usr/bin/chromium")
# Without these flags Chromium keeps calling Google's hosts, which this closed network refuses.
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test stay synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/system-deps.sh (make test does)")
    with sync_playwright() as pw:  # Playwright gives each launch a new empty profile
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="kk-KZ", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Assertions wait for the page (a click that navigates returns before the new page is drawn); the CI machine is
    # shared by the SQLite and PostgreSQL runs, so give them the same patience as the actions.
    expect.set_options(timeout=15_000)
    yield page
    context.close()


def login(page, username: str) -> None:
    """Sign in through the login form as a test user (password ``pw-<username>-x1``, tests/conftest.py member)."""
    page.context.clear_cookies()
    page.goto("/en/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"pw-{username}-x1")
    page.locator("form.login button[type=submit]").click()
    page.wait_for_url(re.compile(r"/en/$"))
