"""`jospar demo` (the first README command loads it): everything imports, twice without change, logins work."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from jospar.core.models import User
from jospar.monitoring.models import Obligation, ReportingPeriod
from jospar.planning.models import Document, Indicator

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_without_change_and_every_login_works(loaded_demo, client, capsys):
    out = loaded_demo  # the first load (tests/demo/conftest.py), shared with the builder's import test
    assert "Demo loaded." in out and "ndp-2029: created" in out
    documents, indicators = Document.objects.count(), Indicator.objects.count()
    assert documents == 8 and indicators > 850  # GRP growth has no district rows (cl. 149)
    assert ReportingPeriod.objects.filter(year=2025).count() >= 5
    assert Obligation.objects.filter(period__year=2025).exists()
    call_command("load_demo")
    assert "ndp-2029: unchanged" in capsys.readouterr().out
    assert (Document.objects.count(), Indicator.objects.count()) == (documents, indicators)
    for user in User.objects.all():
        assert client.login(username=user.username, password=f"demo-{user.username}-2026"), user.username
