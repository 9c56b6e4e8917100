"""Shared fixtures: the reference data of Kazakhstan and a small valid document."""

from __future__ import annotations

import pytest

from jospar.core.models import Membership, Organization, Role, Territory, User
from jospar.core.services import do_load_organizations, do_load_territories
from jospar.interchange import schema as s


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing with the production hasher costs up to a second per user; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once per test database; each test's transaction rolls back over it."""
    with django_db_blocker.unblock():
        do_load_territories()
        do_load_organizations()


@pytest.fixture
def reference(db):
    """The 20 regions with their districts and the organizations shipped with Jospar.

    A transactional test (live server) empties the tables when it ends, so reload when they are empty.
    """
    if not Territory.objects.exists():
        do_load_territories()
        do_load_organizations()


def member(username: str, org_code: str, role: str = Role.PLANNER) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username + "-x1")
    Membership.objects.create(user=user, organization=Organization.objects.get(code=org_code), role=role)
    return user


@pytest.fixture
def make_member(reference):
    return member


def small_payload(**overrides) -> s.DocumentPayload:
    """A valid state body plan with one direction, goal, task, two indicators and one financed measure."""
    data = {
        "code": "sbdp-test",
        "type": "sbdp",
        "title": {"kk": "Сынақ жоспары", "ru": "Тестовый план", "en": "Test plan"},
        "period_start": 2025,
        "period_end": 2029,
        "developer": "moh",
        "co_executors": ["edu"],
        "status": "in_force",
        "sections": [{"key": "mission_vision", "order": 1, "title": {"kk": "Миссия және пайымдау",
                      "ru": "Миссия и видение", "en": "Mission and vision"}, "text": {"kk": "Салауатты ұлт"}}],
        "directions": [{"code": "1", "title": {"kk": "Бағыт", "ru": "Направление", "en": "Direction"}}],
        "goals": [{
            "code": "1.1", "direction": "1", "title": {"kk": "Мақсат", "ru": "Цель", "en": "Goal"},
            "achievement_year": 2029,
            "tasks": [{"code": "1", "title": {"kk": "Міндет", "ru": "Задача", "en": "Task"}, "deadline_year": 2029}],
        }],
        "indicators": [
            {
                "code": "TI-1", "kind": "target", "goal": "1.1",
                "title": {"kk": "Өмір сүру ұзақтығы", "ru": "Ожидаемая продолжительность жизни", "en": "Life expectancy"},
                "unit": {"kk": "жыл", "ru": "лет", "en": "years"},
                "baseline": {"year": 2023, "value": "74.44"}, "final_year": 2029, "responsible": "moh",
                "responsible_official": {"full_name": "Ерлан Сейітқали", "position": {
                    "kk": "Денсаулық сақтау вице-министрі", "ru": "Вице-министр здравоохранения",
                    "en": "Vice Minister of Health"}},
                "co_executors": [{"organization": "edu", "contribution": "health literacy", "share": "10"}],
                "values": [{"year": 2025, "plan": "75.1", "fact": "75.0", "reason": "flu season"},
                           {"year": 2029, "plan": "77"}],
            },
            {
                "code": "RI-1", "kind": "result", "goal": "1.1", "task": "1", "polarity": "decrease",
                "title": {"kk": "Ана өлімі", "ru": "Материнская смертность", "en": "Maternal mortality"},
                "unit": {"kk": "100 мың тірі туғанға", "ru": "на 100 тыс. живорождённых", "en": "per 100k live births"},
                "parents": [{"indicator": "sbdp-test:TI-1", "kind": "contribution"}],
                "values": [{"year": 2025, "plan": "12.5"}],
            },
        ],
        "measures": [{
            "code": "M-1", "goal": "1.1", "task": "1", "indicators": ["TI-1"], "responsible": "moh",
            "title": {"kk": "Емханалар салу", "ru": "Строительство поликлиник", "en": "Building polyclinics"},
            "unit": {"kk": "бірлік", "ru": "единиц", "en": "units"}, "planned_quantity": "20",
            "financing": [{"year": 2025, "source": "budget", "budget_level": "republican",
                           "budget_program_code": "067", "administrator": "moh", "plan": "1500.5",
                           "absorbed": "1400", "reason_unabsorbed": "tender delays"}],
        }],
    }
    data.update(overrides)
    data["indicators"][1]["parents"][0]["indicator"] = f"{data['code']}:TI-1"  # the link stays inside the copy
    return s.DocumentPayload.model_validate(data)


@pytest.fixture
def payload():
    return small_payload()
