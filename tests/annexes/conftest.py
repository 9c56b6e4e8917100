"""Data built once per test module (issue 4: keep tests/annexes fast).

``module_data(build)`` opens one transaction per module, builds the module's documents inside it and rolls it
back when the module ends. Each test still runs in its own transaction (pytest-django), which inside the
module's transaction is a savepoint: whatever a test writes is undone after it, the module's data stays.
Works the same on SQLite and PostgreSQL; the modules using it must not hold transactional (live server) tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import transaction


@contextmanager
def module_transaction(django_db_blocker) -> Iterator[None]:
    from jospar.core.models import Territory
    from jospar.core.services import do_load_organizations, do_load_territories

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        if not Territory.objects.exists():  # a transactional test of another module emptied the tables
            do_load_territories()
            do_load_organizations()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker):
    """``module_data(build)`` runs ``build()`` inside the module's transaction and returns its result.

    Call it only from a module-scoped fixture: pytest sets those up before a test opens its own transaction
    (called from inside a test, the data would roll back with that test).
    """
    with module_transaction(django_db_blocker):

        def run(build: Callable[[], Any]) -> Any:
            with django_db_blocker.unblock():
                return build()

        yield run


@pytest.fixture(scope="module")
def rendered(module_data, django_db_blocker):
    """``rendered(document, annex, fmt, **kwargs)``: each form built and rendered once per module (read-only)."""
    from jospar.annexes.services import build_form, render

    cache: dict[tuple, bytes] = {}

    def get(document, annex: str, fmt: str, **kwargs) -> bytes:
        key = (document.pk, annex, fmt, tuple(sorted(kwargs.items(), key=lambda kv: kv[0])))
        if key not in cache:
            with django_db_blocker.unblock():
                cache[key] = render(build_form(document, annex, **kwargs), fmt)
        return cache[key]

    return get
