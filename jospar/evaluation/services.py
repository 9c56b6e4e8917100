"""Writes of evaluation and control (ch. 5): draft the conclusion, write its text, issue it."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jospar.core.history import stamp as _stamp
from jospar.core.models import Authority, Role
from jospar.monitoring import rollups
from jospar.monitoring.services import EDITORS, MonitoringRefused
from jospar.planning.models import Document

from .criteria import evaluate
from .models import Conclusion, ConclusionStatus


def _require_state_planning(user) -> None:
    """Annex 11 is filled in by the authorized body for state planning (cl. 242, 257)."""
    if getattr(user, "is_superuser", False):
        return
    if user is None or not user.is_authenticated or not user.memberships.filter(
            organization__authority=Authority.STATE_PLANNING, role__in=EDITORS).exists():
        raise MonitoringRefused(
            _("%(user)s may not draft a conclusion: only the authorized body for state planning does "
              "(cl. 242, 257; Annex 11).") % {"user": getattr(user, "username", "-")})


@transaction.atomic
def do_draft_conclusion(
    document: Document, year: int, *, acting_user, final: bool = False, today: date | None = None, reason: str = ""
) -> Conclusion:
    """(Re)compute the five criteria of cl. 271 for ``document`` and ``year`` into the draft conclusion.

    The texts the authorized body wrote are kept. An issued conclusion is not recomputed.
    """
    _require_state_planning(acting_user)
    if year not in document.years:
        raise MonitoringRefused(_("Year %(year)s is outside the period of %(doc)s (%(start)s-%(end)s).") % {
            "year": year, "doc": document.code, "start": document.period_start, "end": document.period_end})
    if final and year != document.period_end:
        raise MonitoringRefused(_("A final conclusion covers the whole period and is drafted for its last year, "
                                  "%(end)s (cl. 230, 244).") % {"end": document.period_end})
    conclusion = Conclusion.objects.filter(document=document, year=year, final=final).first()
    if conclusion is not None and conclusion.status == ConclusionStatus.ISSUED:
        raise MonitoringRefused(_("The conclusion on %(doc)s for %(year)s is issued and no longer changes.")
                                % {"doc": document.code, "year": year})
    conclusion = conclusion or Conclusion(document=document, year=year, final=final)
    snap = rollups.load(document, year)
    conclusion.criteria = [c.as_dict() for c in evaluate(snap, today=today or timezone.localdate(), final=final)]
    conclusion.drafted_by, conclusion.drafted_at = acting_user, timezone.now()
    _stamp(conclusion, acting_user, reason or "criteria of cl. 271 computed")
    conclusion.save()
    return conclusion


@transaction.atomic
def do_write_conclusion(
    conclusion: Conclusion, *, acting_user, position: str | None = None, conclusions: str | None = None,
    reason: str = "",
) -> Conclusion:
    """The authorized body's own text: item 6 (position) and item 7 (conclusions and proposals) of Annex 11."""
    _require_state_planning(acting_user)
    if conclusion.status == ConclusionStatus.ISSUED:
        raise MonitoringRefused(_("The conclusion is issued and no longer changes."))
    if position is not None:
        conclusion.position = position
    if conclusions is not None:
        conclusion.conclusions = conclusions
    _stamp(conclusion, acting_user, reason or "text of the conclusion")
    conclusion.save()
    return conclusion


@transaction.atomic
def do_issue_conclusion(conclusion: Conclusion, *, acting_user, reason: str = "") -> Conclusion:
    """Issue the conclusion; it needs the authorized body's texts (cl. 271(2)-(3))."""
    _require_state_planning(acting_user)
    if not acting_user.is_superuser and not acting_user.memberships.filter(
            organization__authority=Authority.STATE_PLANNING, role=Role.HEAD).exists():
        raise MonitoringRefused(_("Only the first head of the authorized body issues the conclusion."))
    problems = []
    if not conclusion.position.strip():
        problems.append(_("position: item 6 of Annex 11 is empty (cl. 271(2))."))
    if not conclusion.conclusions.strip():
        problems.append(_("conclusions: item 7 of Annex 11 is empty (cl. 271(3))."))
    if problems:
        raise MonitoringRefused(problems)
    conclusion.status = ConclusionStatus.ISSUED
    _stamp(conclusion, acting_user, reason or "issued")
    conclusion.save()
    return conclusion
