"""The final report over the whole period (cl. 230, 244) and findings in the reader's language."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.utils import translation

from jospar.evaluation.criteria import finding_text
from jospar.evaluation.final import whole_period
from jospar.evaluation.render import render_conclusion
from jospar.evaluation.services import do_draft_conclusion
from jospar.monitoring import achievement as ach
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.planning.models import IndicatorValue
from tests.monitoring.ndp import ndp_with_users, org


@pytest.fixture
def ended(reference):
    """The small National Plan with its 2025 report accepted and a fact for the final year 2029."""
    document, users = ndp_with_users()
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    sub = sv.do_save_report(period, org("moh"), parse_report({
        "indicators": [{"code": "SI-1", "fact": "75.0", "reason": "flu season"}],
        "measures": [{"code": "M-1", "long_term": True, "fact_quantity": "18", "reason": "two sites late"}]}),
        acting_user=users["moh"])
    sv.do_accept_report(sv.do_submit_report(sub, acting_user=users["moh_head"]), acting_user=users["mne"])
    IndicatorValue.objects.filter(indicator__document=document, indicator__code="SI-1", year=2029).update(
        fact=D("76.5"))
    return document, users, sub.measure_lines.get().status


def test_the_whole_period_holds_every_year_and_judges_the_final_year(ended):
    document, _users, m1_status = ended
    wp = whole_period(document)
    si1, si2 = wp.indicators
    assert [(c.year, c.effective_plan, c.fact) for c in si1.years] == [
        (2025, D("75.1"), D("75.0")), (2026, D("75.5"), None), (2027, None, None), (2028, None, None),
        (2029, D("77"), D("76.5"))]
    # 76.5 / 77 x 100 = 99.3506... -> 99.35 %: partially achieved (>= 90 %, < 100 %)
    assert (si1.final.calculation.value, si1.final.status) == (D("99.35"), ach.IndicatorStatus.PARTIALLY_ACHIEVED)
    assert si1.period_plan.value is None and si1.period_plan.reason == "no value for 2027, 2028"  # F2
    assert si2.final.status == ach.IndicatorStatus.NOT_ASSESSABLE and "no value for 2029" in si2.final.rule
    (m1,) = wp.measures
    # 2025 only: allocated 1500.5, absorbed 1400 -> 1400 / 1500.5 x 100 = 93.3022... -> 93.30 %
    assert (m1.allocated, m1.absorbed, m1.absorption.value) == (D("1500.5"), D("1400"), D("93.30"))
    assert m1.statuses == {2025: m1_status, 2026: None, 2027: None, 2028: None, 2029: None}
    assert m1.last_status == m1_status and wp.years_not_reported == [2026, 2027, 2028, 2029]


def test_the_final_conclusion_adds_the_final_year_and_lists_each_indicator_over_the_period(ended):
    document, users, _status = ended
    c = do_draft_conclusion(document, 2029, acting_user=users["mne"], final=True)
    c1 = c.criteria[0]
    # one assessable indicator (SI-1), partially achieved -> 0 of 1 achieved
    assert c1["metrics"]["final_year_indicators_achieved"]["value"] == "0"
    texts = [finding_text(f) for f in c1["findings"]]
    assert ("SI-1 Life expectancy: in the final year 2029 plan 77, fact 76.5 (partially achieved); plan / fact by "
            "year: 2025: 75.1 / 75; 2026: 75.5 / —; 2027: — / —; 2028: — / —; 2029: 77 / 76.5 (cl. 230)") in texts
    c5 = [finding_text(f) for f in c.criteria[4]["findings"]]
    assert "years of the period without an accepted report: 2026, 2027, 2028, 2029 (cl. 230, 244)" in c5


@pytest.mark.parametrize("language, words", [("ru", "в последнем году"), ("kk", "соңғы жылы")])
def test_findings_and_titles_are_shown_in_the_readers_language(ended, language, words):
    document, users, _status = ended
    c = do_draft_conclusion(document, 2029, acting_user=users["mne"], final=True)
    finding = next(f for f in c.criteria[0]["findings"] if "final year" in f["msgid"])
    assert finding["msgid"].startswith("%(code)s %(title)s: in the final year")  # stored language-neutral
    with translation.override(language):
        text = finding_text(finding)
    assert words in text and "SI-1" in text and "76.5" in text and "final year" not in text
    rendered = render_conclusion(c, language=language)
    assert words in rendered and "Achievability of planned indicators" not in rendered


def test_a_finding_stored_as_english_text_before_translation_is_shown_as_it_is():
    assert finding_text("edu: overdue") == "edu: overdue"
    with translation.override("ru"):
        assert finding_text({"msgid": "%(org)s: %(status)s", "params": {"org": "edu", "status": "overdue"}}) == \
            "edu: " + translation.gettext("overdue")
