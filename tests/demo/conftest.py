"""The demo is loaded once for the tests of this package (on PostgreSQL a load costs tens of seconds).

`loaded_demo` runs `jospar demo` (the load_demo command) inside a transaction that stays open while the
package's tests run and is rolled back after the last one; each test's own transaction is a savepoint in it,
so what a test writes (a second load, logins) is undone before the next test.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import shared_transaction


@pytest.fixture(scope="package")
def loaded_demo(django_db_setup, django_db_blocker) -> str:
    """What the first `jospar demo` printed; the demo data stay loaded until the package's tests end."""
    from jospar.interchange.services import ImportRejected

    with shared_transaction(django_db_blocker):
        out = StringIO()
        with django_db_blocker.unblock():
            try:
                call_command("load_demo", stdout=out)
            except ImportRejected as exc:  # pragma: no cover - shows every problem on failure
                pytest.fail("the demo does not import: " + "\n".join(str(p) for p in exc.problems))
        yield out.getvalue()
