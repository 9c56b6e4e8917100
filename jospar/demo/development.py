"""The demo's development workflows (issue 8 §6): every document in force is followed from its approval
(so that a change restarts the clocks of cl. 122-123, 153-154), and the draft regional plan is in
development, at the draft step of cl. 3. Idempotent."""

from __future__ import annotations

from datetime import date, timedelta

from jospar.core.models import User
from jospar.development.models import Workflow
from jospar.development.services import do_advance_step, do_start_workflow
from jospar.planning.models import Document

DRAFT_STEPS = ("analysis", "proposals", "vision", "results_resources", "draft")


def _planner(document: Document) -> User:
    """The developer's demo planner; the administrator for developers without a demo login."""
    return (User.objects.filter(memberships__organization=document.developer, memberships__role="planner").first()
            or User.objects.get(username="admin"))


def load_demo_workflows() -> list[tuple[str, str]]:
    done = []
    followed = set(Workflow.objects.values_list("document__code", flat=True))
    for document in Document.objects.select_related("developer").order_by("code"):
        if document.code in followed:
            done.append((document.code, "unchanged"))
            continue
        user = _planner(document)
        if document.status == "in_force":
            approved_on = document.approval_act_date or date(document.period_start - 1, 12, 29)
            do_start_workflow(document, acting_user=user, reason="demo: approved document followed",
                              on=approved_on, approved_on=approved_on)
        elif document.status == "draft":
            on = date(2026, 9, 1)
            do_start_workflow(document, acting_user=user, reason="demo: development started", on=on)
            for n, step in enumerate(DRAFT_STEPS, start=1):
                do_advance_step(document, step, acting_user=user, reason="demo: step done",
                                on=on + timedelta(weeks=n))
        else:
            continue
        done.append((document.code, "created"))
    return done
