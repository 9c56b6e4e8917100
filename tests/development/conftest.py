"""Shared data of the reorganisation tests (cl. 126): a plan of moh with two goals reorganised into edu."""

from __future__ import annotations

from datetime import date

import pytest

from jospar.core.models import Organization, User
from jospar.development import services as sv
from jospar.development.models import Reorganization
from jospar.interchange.services import do_import_document
from jospar.planning.models import Document

from ..conftest import member, shared_transaction, small_payload


def two_goal_plan(code="sbdp-moh-old", developer="moh"):
    """A state body plan with goals 1.1 (target indicator TI-1) and 1.2 (target indicator TI-2)."""
    data = small_payload(code=code, developer=developer, co_executors=[]).model_dump(mode="json")
    data["indicators"][0]["co_executors"] = []
    data["goals"].append({"code": "1.2", "direction": "1", "achievement_year": 2029,
                          "title": {"kk": "Екінші мақсат", "ru": "Вторая цель", "en": "Second goal"}})
    ti2 = {**data["indicators"][0], "code": "TI-2", "goal": "1.2"}
    data["indicators"].append(ti2)
    return do_import_document(type(small_payload()).model_validate(data)).document


def empty_plan(code, developer):
    data = small_payload(code=code, developer=developer, co_executors=[]).model_dump(mode="json")
    data.update(goals=[], indicators=[], measures=[])
    return do_import_document(type(small_payload()).model_validate(data)).document


@pytest.fixture(scope="module")
def _world(django_db_blocker):
    """Built once per test module; each test's changes roll back to it (see tests/conftest.py)."""
    with shared_transaction(django_db_blocker), django_db_blocker.unblock():
        old = two_goal_plan()
        new = empty_plan("sbdp-edu-new", "edu")
        mne = member("mne-planner", "mne")
        edu = Organization.objects.get(code="edu")
        r = sv.do_record_reorganization(old.developer, edu, old.goals.filter(code="1.1"), acting_user=mne,
                                        reason="Decree No. 1", act="Decree No. 1", act_date=date(2026, 1, 10))
        yield {"old": old.pk, "new": new.pk, "mne": mne.pk, "r": r.pk}


@pytest.fixture
def world(_world, db):
    """moh's plan with goals 1.1 and 1.2, reorganised into edu (goal 1.1) by the act "Decree No. 1" of
    10.01.2026, edu's empty plan, and a planner of the authorized body for state planning (mne)."""
    old = Document.objects.select_related("developer").get(pk=_world["old"])
    return {"old": old, "new": Document.objects.get(pk=_world["new"]), "mne": User.objects.get(pk=_world["mne"]),
            "edu": Organization.objects.get(code="edu"), "mci": Organization.objects.get(code="mci"),
            "r": Reorganization.objects.get(pk=_world["r"]), "g11": old.goals.get(code="1.1"),
            "g12": old.goals.get(code="1.2")}


def transfer(w):
    return sv.do_transfer_goals(w["r"], w["new"], acting_user=member("edu-planner", "edu"), reason="transfer")
