"""The pages of the monitoring cycle (issue 5): inbox, calendar, report entry, review, roll-ups, conclusion.

Every write goes through the services, so these tests check what the pages add: who sees what, that a
refusal is shown next to the line it names with nothing written, and that the numbers shown are the
services' numbers with their calculations. The small concept of tests/monitoring/test_cycle.py is used:
developer moh, co-executor edu (TI-1 co-executed, M-2 responsible), authorized body mne.
"""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jospar.core.models import Role
from jospar.evaluation.models import Conclusion, ConclusionStatus
from jospar.interchange.services import do_import_document
from jospar.monitoring import services as sv
from jospar.monitoring.inputs import parse_report
from jospar.monitoring.models import IndicatorReport, Submission, SubmissionStatus
from tests.monitoring.test_cycle import EDU_REPORT, at, concept_payload, cycle, member, run_year  # noqa: F401

pytestmark = pytest.mark.django_db

DOC = "concept-test"
REPORT = f"/en/documents/{DOC}/report/2025/"


@pytest.fixture
def opened(cycle):  # noqa: F811
    document, users = cycle
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    return document, users, period


def _edu_submitted(document, users, period) -> Submission:
    sub = sv.do_save_report(period, document.co_executors.get(), parse_report(EDU_REPORT), acting_user=users["edu"])
    return sv.do_submit_report(sub, acting_user=users["edu_head"], at=at("2026-04-10"))


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --------------------------------------------------------------------------------------------------
# Inbox and calendar
# --------------------------------------------------------------------------------------------------


def test_the_inbox_lists_my_organizations_obligations_by_due_date_with_the_clause_and_a_link(client, opened):
    document, users, period = opened
    client.force_login(users["edu"])
    html = _text(client.get("/en/inbox/"))
    assert "Report on the progress of the concept (Annex 12), signed by the first head" in html
    assert "15.04.2026" in html and "cl. 254" in html
    assert f'href="{REPORT}"' in html
    # moh's obligation (due 4 May) is not edu's
    assert "Report on the implementation of the concept (Annex 12)" not in html


def test_the_inbox_of_the_developer_sorts_its_obligations_and_lists_what_waits_for_its_decision(client, opened):
    document, users, period = opened
    _edu_submitted(document, users, period)
    client.force_login(users["moh"])
    html = _text(client.get("/en/inbox/"))
    assert "Submissions waiting for your decision" in html
    sub = Submission.objects.get(organization__code="edu")
    assert f'href="/en/submissions/{sub.pk}/"' in html
    dues = re.findall(r'<td class="num">(\d\d\.\d\d\.\d{4})', html)
    assert dues == sorted(dues, key=lambda d: (d[6:], d[3:5], d[:2])) and "04.05.2026" in dues


def test_the_inbox_needs_a_login(client, opened):
    assert client.get("/en/inbox/").status_code == 302


def test_the_calendar_groups_deadlines_by_month_and_filters_by_document_and_organization(client, opened):
    document, users, period = opened
    do_import_document(concept_payload().model_copy(update={"code": "concept-two"}))
    other = document.__class__.objects.get(code="concept-two")
    sv.do_open_reporting_period(other, 2025, acting_user=users["mne"])
    client.force_login(users["mne"])
    html = _text(client.get("/en/calendar/?year=2026"))
    assert "April 2026" in html and "May 2026" in html
    assert html.count("15.04.2026") == 2  # both concepts
    assert '"2026-04-15", 2' in client.get("/en/calendar/?year=2026").content.decode().replace("[", " ").replace("]", " ")
    only_one = _text(client.get("/en/calendar/?year=2026&document=concept-two&organization=edu"))
    assert only_one.count("15.04.2026") == 1 and "cl. 256" not in only_one
    assert "No obligations" in _text(client.get("/en/calendar/?year=2024"))


# --------------------------------------------------------------------------------------------------
# Report entry
# --------------------------------------------------------------------------------------------------


def _form(response) -> dict[str, str]:
    """The values of the report form as the browser would send them (text inputs, textareas, selects)."""
    html = response.content.decode()
    data = {}
    for name, value in re.findall(r'<input type="(?:text|number)" name="([^"]+)"(?: value="([^"]*)")?', html):
        data[name] = value
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?([^<]*)</textarea>', html):
        data[name] = value
    for name, value in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*?( checked)?>', html):
        if value:
            data[name] = "on"
    for name in re.findall(r'<select name="([^"]+)"', html):
        data.setdefault(name, "")
    return data


def _field(html: str, label_code: str, name: str) -> str:
    """The form field name of ``name`` in the line whose code is ``label_code`` (``ind-12-fact``)."""
    m = re.search(rf'<label class="sr-only" for="id_((?:ind|mea|fin)-\d+-{name})">{re.escape(label_code)} ·', html)
    assert m, f"no field {name} for {label_code}"
    return m.group(1)


def test_a_co_executor_sees_only_the_lines_it_serves_and_saves_a_draft(client, opened):
    document, users, period = opened
    client.force_login(users["edu"])
    page = client.get(REPORT)
    html = page.content.decode()
    assert "TI-1 · Fact" in html and "M-2 · Fully completed" in html
    assert "RI-1 · Fact" not in html and "M-1 · Fully completed" not in html  # moh's lines (cl. 42, 55, 171)
    data = _form(page)
    data[_field(html, "TI-1", "fact")] = "75.0"
    data[_field(html, "TI-1", "reason")] = "flu season"
    data["action"] = "save"
    response = client.post(REPORT, data)
    assert response.status_code == 302, _text(response)[:3000]
    line = IndicatorReport.objects.get(submission__organization__code="edu", indicator__code="TI-1")
    assert (line.plan, line.fact, line.reason) == (D("75.1"), D("75.0"), "flu season")
    assert line.history.latest().history_user == users["edu"]
    # the untouched measure M-2 was not sent (decision W3)
    assert not Submission.objects.get(organization__code="edu").measure_lines.exists()


def test_a_planner_cannot_submit_only_the_first_head_and_nothing_is_written(client, opened):
    document, users, period = opened
    client.force_login(users["edu"])
    page = client.get(REPORT)
    html = page.content.decode()
    data = _form(page) | {_field(html, "TI-1", "fact"): "75.1", "action": "submit"}
    response = client.post(REPORT, data)
    assert response.status_code == 200
    text = _text(response)
    assert "Refused; nothing was written:" in text and "cl. 231: the first head signs" in text
    assert not IndicatorReport.objects.exists()  # the save before the signature was rolled back too (W4)
    assert 'value="75.1"' in response.content.decode()  # what was typed stays in the form


def test_the_first_head_signs_and_the_page_shows_the_sha256_of_the_signed_content(client, opened):
    document, users, period = opened
    client.force_login(users["edu_head"])
    page = client.get(REPORT)
    html = page.content.decode()
    assert "t-edu-head" in _text(page)  # who may sign
    data = _form(page) | {_field(html, "TI-1", "fact"): "75.1", "action": "submit"}
    response = client.post(REPORT, data, follow=True)
    sub = Submission.objects.get(organization__code="edu")
    assert sub.status == SubmissionStatus.SUBMITTED and sub.signed_by == users["edu_head"]
    assert len(sub.content_hash) == 64 and sub.content_hash == sv.content_hash(sub)
    text = _text(response)
    assert sub.content_hash in text and "content matches the signature" in text
    assert "waits for the decision of its recipient" in text and "disabled" in response.content.decode()


def test_a_refusal_names_the_line_and_the_clause_next_to_it_and_writes_nothing(client, opened):
    document, users, period = opened
    client.force_login(users["edu_head"])
    page = client.get(REPORT)
    html = page.content.decode()
    data = _form(page) | {_field(html, "TI-1", "fact"): "70", _field(html, "TI-1", "reason"): "",  # prefilled
                          "action": "submit"}  # plan 75.1, no reason
    response = client.post(REPORT, data)
    text = _text(response)
    row = re.search(r'<tr id="line-ind-TI-1" class="has-error">(.*?)</tr>', text).group(1)
    assert "indicators (TI-1).reason" in row and "cl. 225(2)" in row
    assert not Submission.objects.filter(status=SubmissionStatus.SUBMITTED).exists()
    assert not IndicatorReport.objects.exists()


def test_a_value_that_is_not_a_number_is_shown_next_to_its_field(client, opened):
    document, users, period = opened
    client.force_login(users["edu"])
    page = client.get(REPORT)
    html = page.content.decode()
    name = _field(html, "TI-1", "fact")
    response = client.post(REPORT, _form(page) | {name: "seventy", "action": "save"})
    assert response.status_code == 200
    assert re.search(rf'id="id_{name}_errors" role="alert">.*Enter a number', response.content.decode(), re.S)
    assert not Submission.objects.exists()


def test_the_status_of_a_measure_is_suggested_by_the_annex_14_rules_and_an_override_needs_a_reason(client, opened):
    document, users, period = opened
    client.force_login(users["edu"])
    page = client.get(REPORT)
    html = page.content.decode()
    data = _form(page) | {_field(html, "M-2", "completed"): "on", _field(html, "M-2", "status"): "not_executed",
                          "action": "save"}
    response = client.post(REPORT, data)
    text = _text(response)
    assert "measures (M-2).status: not_executed differs from partially_executed" in text and "Annex 14 expl. 4(13)" in text
    assert not Submission.objects.filter(measure_lines__isnull=False).exists()
    data[_field(html, "M-2", "status")] = ""
    assert client.post(REPORT, data).status_code == 302
    page = _text(client.get(REPORT))
    # completed, no money typed: the plan's 200 mln counts as allocated, nothing absorbed yet
    assert "completed, but the allocated money not fully absorbed" in page


def test_another_organization_cannot_open_my_report_nor_see_my_draft(client, opened):
    document, users, period = opened
    sub = sv.do_save_report(period, document.co_executors.get(), parse_report(EDU_REPORT), acting_user=users["edu"])
    client.force_login(member("t-mlsp", "mlsp", Role.PLANNER))
    response = client.get(REPORT + "?org=edu")
    assert response.status_code in (403, 404)
    assert "flu season" not in response.content.decode()
    assert client.get(f"/en/submissions/{sub.pk}/").status_code == 404
    client.force_login(users["moh"])  # the recipient does not see a draft either (W1)
    assert client.get(f"/en/submissions/{sub.pk}/").status_code == 404
    # moh's own report instead (prefilled with the plan's stored reason "flu season", not edu's draft)
    assert "flu season in the fourth quarter" not in client.get(REPORT + "?org=edu").content.decode()


def test_a_report_page_of_a_period_not_yet_open_offers_the_developer_to_open_it(client, cycle):  # noqa: F811
    document, users = cycle
    client.force_login(users["moh"])
    html = _text(client.get(REPORT))
    assert "is not open yet" in html and "Open the reporting period 2025" in html
    response = client.post(f"/en/documents/{DOC}/monitoring/2025/open/", {"next": REPORT})
    assert response.status_code == 302 and response["Location"] == REPORT
    assert document.reporting_periods.filter(year=2025).exists()
    client.force_login(users["edu"])  # a co-executor may not open it
    client.post(f"/en/documents/{DOC}/monitoring/2026/open/", {"next": REPORT})
    assert not document.reporting_periods.filter(year=2026).exists()


# --------------------------------------------------------------------------------------------------
# Review
# --------------------------------------------------------------------------------------------------


def test_returning_needs_comments_and_then_the_co_executor_sees_them(client, opened):
    document, users, period = opened
    sub = _edu_submitted(document, users, period)
    client.force_login(users["moh"])
    url = f"/en/submissions/{sub.pk}/"
    page = _text(client.get(url))
    assert "Return with comments" in page and "Accept" in page and "flu season in the fourth quarter" in page
    response = client.post(url, {"action": "return", "comments": "  "})
    assert response.status_code == 200
    assert re.search(r'id="id_comments_errors" role="alert"><ul><li>comments: say what has to be corrected',
                     _text(response))
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.SUBMITTED
    assert client.post(url, {"action": "return", "comments": "add the money of the measure"}).status_code == 302
    sub.refresh_from_db()
    assert (sub.status, sub.comments) == (SubmissionStatus.RETURNED, "add the money of the measure")
    client.force_login(users["edu"])
    html = _text(client.get(REPORT))
    assert "add the money of the measure" in html and "Save draft" in html
    history = _text(client.get(url))
    assert "returned: add the money of the measure" in history and "signed and submitted" in history


def test_only_the_recipient_decides_on_the_review_page(client, opened):
    document, users, period = opened
    sub = _edu_submitted(document, users, period)
    client.force_login(users["edu"])  # the reporting body sees its submission but cannot accept it
    page = _text(client.get(f"/en/submissions/{sub.pk}/"))
    assert 'value="accept"' not in page
    response = client.post(f"/en/submissions/{sub.pk}/", {"action": "accept"})
    assert "may not accept the report of edu" in _text(response)
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.SUBMITTED


def test_an_accepted_report_is_read_only_and_reopening_needs_a_reason(client, cycle):  # noqa: F811
    document, users = cycle
    period, _consolidated, report = run_year(document, users)
    client.force_login(users["moh"])
    html = _text(client.get(REPORT))
    assert "accepted and read-only" in html and "reopens it with a reason" in html and "Save draft" not in html
    client.force_login(users["mne"])
    url = f"/en/submissions/{report.pk}/"
    page = _text(client.get(url))
    assert "Reopen" in page and "No findings" not in page  # accepted: no checks shown
    response = client.post(url, {"action": "reopen", "reopen_reason": ""})
    assert "reason: a reopened report needs the reason for the change." in _text(response)
    report.refresh_from_db()
    assert report.status == SubmissionStatus.ACCEPTED
    client.post(url, {"action": "reopen", "reopen_reason": "statistics revised RI-1"})
    report.refresh_from_db()
    assert (report.status, report.reopen_reason) == (SubmissionStatus.RETURNED, "statistics revised RI-1")


def test_the_review_page_shows_the_findings_of_check_report(client, opened):
    document, users, period = opened
    sub = _edu_submitted(document, users, period)
    IndicatorReport.objects.filter(submission=sub).update(reason="")  # changed behind the signature
    client.force_login(users["moh"])
    html = _text(client.get(f"/en/submissions/{sub.pk}/"))
    assert "indicators (TI-1).reason: the plan 75.1 is not reached (fact 75)" in html
    assert "content changed after signing" in html


def test_the_developer_consolidates_the_accepted_information_of_its_co_executors(client, opened):
    document, users, period = opened
    sub = _edu_submitted(document, users, period)
    sv.do_accept_report(sub, acting_user=users["moh"])
    client.force_login(users["moh"])
    response = client.post(REPORT, {"action": "consolidate"}, follow=True)
    assert "Consolidated from the accepted information of: edu." in _text(response)
    mine = Submission.objects.get(organization__code="moh")
    assert mine.indicator_lines.get().fact == D("75.0")


# --------------------------------------------------------------------------------------------------
# Consolidated view and conclusion
# --------------------------------------------------------------------------------------------------


def test_the_consolidated_view_shows_rollups_with_their_calculations_and_the_mismatches(client, cycle):  # noqa: F811
    document, users = cycle
    run_year(document, users)
    client.force_login(users["mne"])
    html = _text(client.get(f"/en/documents/{DOC}/monitoring/2025/?by=document"))
    assert "98.01" in html  # (99.87 + 96.15) / 2, as in tests/monitoring
    assert "99.87" in html and "fact / plan × 100" in html
    assert "96.97" in html and "1650" in html and "1600" in html  # 1600 / 1650 absorbed
    mism = html.split('id="mismatches"')[1]
    assert "money absorbed, results not reached" in mism and "<b>M-2</b>" in mism
    data = client.get(f"/en/documents/{DOC}/monitoring/2025/?by=body").content.decode()
    assert '"bodies": ["not assigned", "moh", "edu"]' in data
    client.force_login(users["edu"])
    assert client.get(f"/en/documents/{DOC}/monitoring/2025/").status_code == 403


def test_the_authorized_body_computes_writes_and_issues_the_conclusion(client, cycle):  # noqa: F811
    document, users = cycle
    run_year(document, users)
    url = f"/en/documents/{DOC}/conclusion/2025/"
    client.force_login(users["edu"])
    assert "No conclusion has been issued for this year yet." in _text(client.get(url))
    client.force_login(users["mne"])
    assert client.post(url, {"action": "compute"}).status_code == 302
    html = _text(client.get(url))
    for n in range(1, 6):
        assert f'id="criterion-{n}"' in html
    assert "items filled / items required × 100" in html and "98.01" in html
    client.force_login(users["edu"])  # a draft stays with the authorized bodies (W2)
    assert "98.01" not in _text(client.get(url))
    client.force_login(users["mne_head"])
    response = client.post(url, {"action": "issue", "position": "", "conclusions": ""})
    assert "position: item 6 of Annex 11 is empty (cl. 271(2))." in _text(response)
    assert Conclusion.objects.get().status == ConclusionStatus.DRAFT
    client.force_login(users["mne"])
    response = client.post(url, {"action": "issue", "position": "Reasons are objective.", "conclusions": "Keep."})
    assert "Only the first head of the authorized body issues the conclusion." in _text(response)
    assert Conclusion.objects.get().position == ""  # the text saved before the refusal was rolled back
    client.force_login(users["mne_head"])
    client.post(url, {"action": "issue", "position": "Reasons are objective.", "conclusions": "Keep."})
    assert Conclusion.objects.get().status == ConclusionStatus.ISSUED
    client.force_login(users["edu"])
    html = _text(client.get(url))
    assert "Reasons are objective." in html and "98.01" in html and 'value="issue"' not in html


# --------------------------------------------------------------------------------------------------
# Query counts
# --------------------------------------------------------------------------------------------------


def _bigger_payload(code: str, extra: int):
    payload = concept_payload().model_copy(deep=True, update={"code": code})
    payload.indicators[1].parents = []
    for n in range(extra):
        payload.indicators.append(payload.indicators[0].model_copy(deep=True, update={"code": f"TI-X{n}"}))
        measure = payload.measures[0].model_copy(deep=True, update={"code": f"M-X{n}", "indicators": [f"TI-X{n}"]})
        payload.measures.append(measure)
    return payload


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _full_year(code: str, extra: int, users) -> tuple[int, int]:
    document = do_import_document(_bigger_payload(code, extra)).document
    period = sv.do_open_reporting_period(document, 2025, acting_user=users["mne"]).period
    codes = [i.code for i in document.indicators.all()]
    measures = [m.code for m in document.measures.all()]
    report = sv.do_save_report(period, document.developer, parse_report({
        "indicators": [{"code": c, "fact": "80", "reason": "r"} for c in codes],
        "measures": [{"code": c, "completed": True, "reason": "r"} for c in measures],
        "satisfaction": {"base_year": 2024, "base": "70", "value": "74"},
    }), acting_user=users["moh"])
    sv.do_submit_report(report, acting_user=users["moh_head"], at=at("2026-04-30"))
    return report.pk, len(codes)


def test_the_pages_cost_the_same_number_of_queries_for_few_or_many_lines(client, cycle):  # noqa: F811
    _document, users = cycle
    small, n_small = _full_year("concept-small", 0, users)
    big, n_big = _full_year("concept-big", 6, users)
    assert n_big == n_small + 6
    client.force_login(users["moh"])
    assert _queries(client, "/en/documents/concept-small/report/2025/") == _queries(
        client, "/en/documents/concept-big/report/2025/")
    client.force_login(users["mne"])
    assert _queries(client, f"/en/submissions/{small}/") == _queries(client, f"/en/submissions/{big}/")
    assert _queries(client, "/en/documents/concept-small/monitoring/2025/") == _queries(
        client, "/en/documents/concept-big/monitoring/2025/")
    assert _queries(client, "/en/inbox/") > 0
