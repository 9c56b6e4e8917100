"""`jospar backup FILE` and `jospar restore FILE`: a round trip keeps every document, user and history row."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from jospar.api.models import ApiToken
from jospar.api.services import do_create_api_token, do_update_indicator_value
from jospar.api.versions import value_version
from jospar.core.models import Membership, User
from jospar.interchange.services import do_import_document, export_json
from jospar.planning.models import Document, IndicatorValue
from tests.api.conftest import plan
from tests.conftest import member


def _counts():
    return (Document.objects.count(), IndicatorValue.objects.count(), Document.history.count(),
            IndicatorValue.history.count(), User.objects.count(), Membership.objects.count(),
            ApiToken.objects.count())


def test_a_backup_restored_into_an_empty_database_gives_back_the_same_documents_users_and_history(
        reference, tmp_path):
    user = member("moh-planner", "moh")
    do_import_document(plan("plan-a", "moh", co_executors=("edu",)), acting_user=user, reason="first")
    do_import_document(plan("plan-b", "mne", status="in_force"), reason="second")
    value = IndicatorValue.objects.get(indicator__document__code="plan-a", indicator__code="TI-1", year=2025)
    do_update_indicator_value(value, {"fact": 76}, expected_version=value_version(value), acting_user=user,
                              reason="fact")
    do_create_api_token(user, acting_user=user)
    exported = {d.code: export_json(d) for d in Document.objects.all()}
    counts = _counts()
    target = tmp_path / "jospar.json.gz"
    out = io.StringIO()
    call_command("backup", str(target), stdout=out)
    assert "Backup written" in out.getvalue()

    Document.objects.all().delete()
    for model in (Document, IndicatorValue):
        model.history.all().delete()
    User.objects.all().delete()
    assert _counts()[0] == 0

    call_command("restore", str(target), stdout=io.StringIO())
    assert _counts() == counts
    assert {d.code: export_json(d) for d in Document.objects.all()} == exported
    last = IndicatorValue.objects.get(pk=value.pk).history.first()
    assert (last.history_user.username, last.history_change_reason) == ("moh-planner", "fact")


def test_restore_refuses_a_database_that_already_holds_documents(reference, tmp_path):
    do_import_document(plan("plan-a", "moh"))
    target = tmp_path / "b.json"
    call_command("backup", str(target), stdout=io.StringIO())
    with pytest.raises(CommandError, match="restore into an empty database"):
        call_command("restore", str(target))


def test_backup_names_the_file_suffixes_it_accepts(db, tmp_path):
    with pytest.raises(CommandError, match=r"must end in one of \.json"):
        call_command("backup", str(tmp_path / "backup.zip"))


def test_a_broken_backup_file_restores_nothing(db, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('[{"model": "planning.document", "pk": 1, "fields": {"code": "x"}}]', encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("restore", str(broken))
    assert not Document.objects.exists()
