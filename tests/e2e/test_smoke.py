"""A person opens Jospar in a browser: public list, log in, language switch, document page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jospar.interchange.services import do_import_document

from ..conftest import member, small_payload


@pytest.fixture
def published(reference, transactional_db):
    do_import_document(small_payload())  # status in_force, open
    do_import_document(small_payload(code="sbdp-draft", status="draft", title={"kk": "Жоба", "ru": "Проект",
                                                                                 "en": "Draft plan"}))
    return member("moh-planner", "moh")


def test_the_public_sees_approved_plans_but_not_drafts(page, published):
    page.goto("/kk/")
    assert page.locator("html").get_attribute("lang") == "kk"
    expect(page.get_by_role("link", name="Сынақ жоспары")).to_be_visible()
    assert page.get_by_role("link", name="Жоба", exact=True).count() == 0


def test_a_planner_logs_in_sees_the_own_draft_and_switches_to_russian(page, published):
    page.goto("/kk/login/")
    page.get_by_label(re.compile("Username|Пайдаланушы|Логин", re.I)).fill("moh-planner")
    page.get_by_label(re.compile("Password|Құпия|Пароль", re.I)).fill("pw-moh-planner-x1")
    page.locator("form.login button[type=submit]").click()
    page.wait_for_url(re.compile(r"/kk/$"))
    expect(page.get_by_role("link", name="Жоба")).to_be_visible()
    page.get_by_role("button", name="RU").click()
    page.wait_for_url(re.compile(r"/ru/"))
    assert page.locator("html").get_attribute("lang") == "ru"
    page.get_by_role("link", name="Тестовый план").click()
    expect(page.get_by_role("heading", name="Тестовый план")).to_be_visible()
    expect(page.get_by_text("Ожидаемая продолжительность жизни")).to_be_visible()
