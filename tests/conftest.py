"""Shared fixtures: the reference data of Kazakhstan and a small valid document."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django.test import override_settings

from jospar.core.models import Membership, Organization, Role, Territory, User
from jospar.core.services import do_load_organizations, do_load_territories
from jospar.interchange import schema as s

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing with the production hasher costs up to a second per user; tests need no strength."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def django_db_use_migrations(request) -> bool:
    """The test database is created from the models, not by running the migrations: rendering the migration
    states cost ~28 s of CPU per database (the first test's setup), for the same tables — `make test` checks
    that the migrations match the models (makemigrations --check) and applies them to a fresh PostgreSQL
    database itself. `--migrations` or JOSPAR_TEST_MIGRATIONS=1 runs them here as before."""
    return os.environ.get("JOSPAR_TEST_MIGRATIONS") == "1" or "--migrations" in request.config.invocation_params.args


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once per test database; each test's transaction rolls back over it."""
    with django_db_blocker.unblock():
        do_load_territories()
        do_load_organizations()
        if connection.vendor == "postgresql":
            _without_autovacuum()


# PostgreSQL and the statistics of a test database. Tests write inside transactions that roll back, so the
# tables hold only dead rows between tests. When something records statistics then (autovacuum, or an ANALYZE
# run inside a test, e.g. by the generator), pg_class says "N pages, 0 rows": the planner takes the density 0
# for the truth, estimates 1 row for any table whatever a later transaction inserts, and plans nested loops
# without index conditions. Loading the demo then took 215 s instead of ~25 s (one SELECT of an import: 155 s).
# A table never vacuumed (reltuples = -1), or one with no pages left, is estimated from its real size: so the
# test database runs without autovacuum, and tables marked empty-with-pages are vacuumed (emptied of their dead
# pages) before each module and before data shared by many tests is built.
def _without_autovacuum() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT quote_ident(relname) FROM pg_class WHERE relkind = 'r' "
                       "AND relnamespace = 'public'::regnamespace")
        for (table,) in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = off, toast.autovacuum_enabled = off)")


def vacuum_tables_marked_empty() -> list[str]:
    """VACUUM (PostgreSQL, outside a transaction) the tables whose statistics say "pages but no rows"."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT quote_ident(relname) FROM pg_class WHERE relkind = 'r' AND relpages > 0 "
                       "AND reltuples = 0 AND relnamespace = 'public'::regnamespace ORDER BY 1")
        tables = [table for (table,) in cursor.fetchall()]
        if tables:
            cursor.execute("VACUUM " + ", ".join(tables))
    return tables


@pytest.fixture(scope="module", autouse=True)
def _planner_statistics(request):
    """Before each module that uses the PostgreSQL test database: no table looks empty while it has pages."""
    if connection.vendor == "postgresql" and _module_uses_db(request):
        request.getfixturevalue("django_db_setup")  # the test database exists (never touch another one)
        with request.getfixturevalue("django_db_blocker").unblock():
            vacuum_tables_marked_empty()
    yield


def _module_uses_db(request) -> bool:
    wanted = {"db", "transactional_db", "django_db_setup", "live_server"}
    return any(item.get_closest_marker("django_db") is not None or wanted & set(getattr(item, "fixturenames", ()))
               for item in request.session.items if getattr(item, "module", None) is request.module)


@contextmanager
def shared_transaction(django_db_blocker) -> Iterator[None]:
    """Data built once for many tests: one transaction, rolled back when the block ends.

    Open it in a module- or package-scoped fixture (pytest sets those up before a test opens its own
    transaction) and build inside ``with django_db_blocker.unblock():``. Each test's transaction (pytest-django)
    is then a savepoint inside this one: what a test writes is undone after it, the shared data stays for the
    next test. The same on SQLite and PostgreSQL; the tests that use it must not be transactional (live
    server), which would empty the tables. Passwords hash fast inside the block (`_fast_passwords` is per test).
    """
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        with django_db_blocker.unblock():
            vacuum_tables_marked_empty()  # before the data are built (see _without_autovacuum)
            atomic = transaction.atomic()
            atomic.__enter__()
        try:
            with django_db_blocker.unblock():
                if not Territory.objects.exists():  # a transactional test of another module emptied the tables
                    do_load_territories()
                    do_load_organizations()
            yield
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)


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
