"""The conclusion of ch. 5: who drafts it, the final one, the authorized body's text, issuing."""

from __future__ import annotations

from datetime import date

import pytest

from jospar.evaluation.models import ConclusionStatus
from jospar.evaluation.render import render_conclusion
from jospar.evaluation.services import do_draft_conclusion, do_issue_conclusion, do_write_conclusion
from jospar.monitoring.services import MonitoringRefused
from tests.monitoring.test_cycle import cycle, run_year  # noqa: F401 (fixture)


def test_only_the_state_planning_body_drafts_a_conclusion(cycle):  # noqa: F811
    document, users = cycle
    with pytest.raises(MonitoringRefused, match="cl. 242, 257"):
        do_draft_conclusion(document, 2025, acting_user=users["moh"])


def test_a_final_conclusion_is_drafted_for_the_last_year_only(cycle):  # noqa: F811
    document, users = cycle
    with pytest.raises(MonitoringRefused, match="cl. 230, 244"):
        do_draft_conclusion(document, 2025, acting_user=users["mne"], final=True)


def test_the_authorized_body_writes_its_text_and_its_head_issues_the_conclusion(cycle):  # noqa: F811
    document, users = cycle
    run_year(document, users)
    c = do_draft_conclusion(document, 2025, acting_user=users["mne"], today=date(2026, 5, 20))
    with pytest.raises(MonitoringRefused) as exc:
        do_issue_conclusion(c, acting_user=users["mne_head"])
    assert len(exc.value.problems) == 2  # items 6 and 7 empty
    c = do_write_conclusion(c, acting_user=users["mne"], position="Reasons are objective.",
                            conclusions="Keep the measures; no correction needed.")
    with pytest.raises(MonitoringRefused, match="first head"):
        do_issue_conclusion(c, acting_user=users["mne"])
    c = do_issue_conclusion(c, acting_user=users["mne_head"])
    assert c.status == ConclusionStatus.ISSUED
    text = render_conclusion(c)
    assert "Reasons are objective." in text and "1700.5" not in text
    assert "Items of the report filled, % [items_filled]: 100" in text and "= items filled / items required × 100" in text
    with pytest.raises(MonitoringRefused, match="issued"):
        do_draft_conclusion(document, 2025, acting_user=users["mne"])
