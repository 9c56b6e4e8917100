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
    again = capsys.readouterr().out
    assert "ndp-2029: unchanged" in again
    # every document, the amended Karaganda plan (version 2, cl. 205) included, is left as the first load made it
    assert [line for line in again.splitlines() if line.strip().startswith(tuple(
        f"{code}:" for code in Document.objects.values_list("code", flat=True)))
        and not line.strip().endswith("unchanged")] == []
    assert Document.objects.get(code="rdp-karaganda-2024-2028").version == 2
    # the quarterly cycle of 2026 (cl. 234-238) is not run again either
    quarterly = [line.strip() for line in again.splitlines() if line.strip().startswith("ndp-2029 ")
                 and ("Q1" in line or "Q2" in line or "quarterly plans" in line)]
    assert len(quarterly) == 5 and all(line.endswith(": unchanged") for line in quarterly), quarterly
    assert "quarterly reports accepted" in out and "ndp-2029 Q1 2026 proposals (cl. 238): sent" in out
    assert (Document.objects.count(), Indicator.objects.count()) == (documents, indicators)
    for user in User.objects.all():
        assert client.login(username=user.username, password=f"demo-{user.username}-2026"), user.username


def test_the_good_demo_plans_get_no_findings_from_the_workflow_and_working_group_rules(loaded_demo):
    from jospar.compliance.services import check_document

    only = {"V-51", "V-52", "V-53", "V-57", "V-72"}  # cl. 122-124, 128, 153-154: recorded by the demo workflows
    for document in Document.objects.exclude(code="rdp-flawed-demo"):
        assert [f.rule for f in check_document(document).findings if f.rule in only] == [], document.code
    assert {"V-57", "V-71"} <= check_document(Document.objects.get(code="rdp-flawed-demo")).rule_ids()
