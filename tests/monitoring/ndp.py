"""A small National Plan for the monitoring tests: two responsible bodies, each with a co-executor.

    SI-1 life expectancy   responsible moh, co-executor edu    2025 plan 75.1 (Q1 plan 74.8), fact 75.0
    SI-2 maternal mortality responsible edu, co-executor mlsp  2025 plan 12.5 (no quarterly plan)
    M-1  polyclinics        responsible moh, co-executor edu    2025 budget 1500.5, absorbed 1400
"""

from __future__ import annotations

from jospar.core.models import Membership, Organization, Role, User
from jospar.interchange.services import do_import_document
from tests.conftest import small_payload


def ndp_payload():
    base = small_payload().model_dump(mode="json")
    base.update(code="ndp-test", type="ndp", developer="mne", co_executors=["edu", "mlsp", "moh"])
    ti, ri = base["indicators"]
    ti.update(code="SI-1", kind="strategic", in_strategic_map=True)
    ti["values"] = [{"year": 2025, "plan": "75.1", "fact": "75.0", "reason": "flu season"},
                    {"year": 2025, "quarter": 1, "plan": "74.8"},
                    {"year": 2026, "plan": "75.5"}, {"year": 2029, "plan": "77"}]
    ri.update(code="SI-2", kind="strategic", in_strategic_map=True, responsible="edu", parents=[])
    ri["co_executors"] = [{"organization": "mlsp", "contribution": "social support", "share": "20"}]
    base["measures"][0]["indicators"] = ["SI-1"]
    base["measures"][0]["co_executors"] = ["edu"]
    return type(small_payload()).model_validate(base)


def member(username: str, org_code: str, role: str) -> User:
    """A member without a password (hashing one costs a third of a second per user)."""
    user = User.objects.create(username=username)
    Membership.objects.create(user=user, organization=Organization.objects.get(code=org_code), role=role)
    return user


def ndp_with_users():
    document = do_import_document(ndp_payload(), reason="test").document
    users = {f"{org}{suffix}": member(f"n-{org}{suffix}", org, role)
             for org in ("mne", "moh", "edu", "mlsp")
             for suffix, role in (("", Role.PLANNER), ("_head", Role.HEAD))}
    return document, users


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)
