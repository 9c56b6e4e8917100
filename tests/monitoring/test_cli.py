"""`jospar monitoring ...` and `jospar evaluation conclude` run the year from the shell."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jospar.core.models import Role
from jospar.interchange.services import do_import_document

from .ndp import ndp_payload
from .test_cycle import EDU_REPORT, MOH_REPORT, concept_payload, member


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, data in (("edu", EDU_REPORT), ("moh", {**MOH_REPORT, "control_audit": "no findings"})):
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(json.dumps(data), encoding="utf-8")
    return paths


def test_the_cli_runs_the_year_and_drafts_the_conclusion(reference, files):
    do_import_document(concept_payload(), reason="test")
    for username, org, role in (("c-mne", "mne", Role.PLANNER), ("c-moh", "moh", Role.PLANNER),
                                ("c-moh-head", "moh", Role.HEAD), ("c-edu", "edu", Role.PLANNER),
                                ("c-edu-head", "edu", Role.HEAD)):
        member(username, org, role)
    assert "7 obligation(s) generated" in run("monitoring", "open", "concept-test", "2025", "--as", "c-mne")
    calendar = run("monitoring", "calendar", "concept-test", "2025", "--today", "2026-04-10")
    assert "2026-04-15  due" in calendar and "2026-05-04*" in calendar
    run("monitoring", "report", "concept-test", "2025", "--as", "c-edu", "--file", str(files["edu"]))
    assert "edu -> moh: submitted" in run("monitoring", "submit", "concept-test", "2025", "--as", "c-edu-head")
    run("monitoring", "accept", "concept-test", "2025", "--org", "edu", "--as", "c-moh")
    assert "consolidated from edu" in run("monitoring", "consolidate", "concept-test", "2025", "--as", "c-moh")
    run("monitoring", "submit", "concept-test", "2025", "--as", "c-moh-head", "--file", str(files["moh"]))
    assert "applied to the plan" in run("monitoring", "accept", "concept-test", "2025", "--org", "moh",
                                        "--as", "c-mne")
    assert "99.87 %" in run("monitoring", "status", "concept-test", "2025", "--by", "goal")
    text = run("evaluation", "conclude", "concept-test", "2025", "--as", "c-mne")
    assert "form similar to Annex 11, cl. 257" in text and "[mean_achievement_capped]: 98.01" in text


def test_a_refused_cli_action_names_the_problem_and_fails(reference):
    do_import_document(concept_payload(), reason="test")
    member("c-edu", "edu", Role.PLANNER)
    with pytest.raises(CommandError, match="refused"):
        run("monitoring", "open", "concept-test", "2025", "--as", "c-edu")
    with pytest.raises(CommandError, match="no such active user"):
        run("monitoring", "open", "concept-test", "2025", "--as", "nobody")


def test_the_cli_runs_a_quarter_of_the_national_plan_and_routes_a_co_executor_to_its_responsible_body(
        reference, tmp_path):
    do_import_document(ndp_payload(), reason="test")
    for username, org, role in (("c-mne", "mne", Role.PLANNER), ("c-moh", "moh", Role.PLANNER),
                                ("c-moh-head", "moh", Role.HEAD), ("c-edu", "edu", Role.PLANNER)):
        member(username, org, role)
    out = run("monitoring", "open", "ndp-test", "2025", "--quarter", "1", "--as", "c-mne")
    assert "ndp-test 2025 Q1: opened; 4 obligation(s) generated" in out  # edu, mlsp, moh (cl. 236); aspr (cl. 238)
    assert "2025-04-10" in out
    q1 = tmp_path / "q1.json"
    q1.write_text(json.dumps({"indicators": [{"code": "SI-1", "fact": "74.9"}]}), encoding="utf-8")
    out = run("monitoring", "submit", "ndp-test", "2025", "--quarter", "1", "--as", "c-moh-head", "--file", str(q1))
    assert "moh -> mne: submitted" in out
    assert "accepted by c-mne" in run("monitoring", "accept", "ndp-test", "2025", "--quarter", "1", "--org", "moh",
                                      "--as", "c-mne")
    run("monitoring", "open", "ndp-test", "2025", "--as", "c-mne")
    with pytest.raises(CommandError, match="refused"):  # edu has two routes in 2025; the report names SI-1
        run("monitoring", "report", "ndp-test", "2025", "--as", "c-edu", "--org", "edu", "--file", str(q1))
    out = run("monitoring", "report", "ndp-test", "2025", "--as", "c-edu", "--org", "edu", "--to", "moh",
              "--file", str(q1))
    assert "edu: draft saved (1 indicator" in out


def test_the_cli_shows_the_quarters_and_sends_the_cl_238_proposals(reference, tmp_path):
    from django.utils import translation

    do_import_document(ndp_payload(), reason="test")
    for username, org, role in (("c-mne", "mne", Role.PLANNER), ("c-moh-head", "moh", Role.HEAD),
                                ("c-aspr", "aspr", Role.PLANNER)):
        member(username, org, role)
    run("monitoring", "open", "ndp-test", "2025", "--quarter", "1", "--as", "c-mne")
    q1 = tmp_path / "q1.json"
    q1.write_text(json.dumps({"indicators": [{"code": "SI-1", "fact": "74.5", "reason": "cold January"}]}))
    run("monitoring", "submit", "ndp-test", "2025", "--quarter", "1", "--as", "c-moh-head", "--file", str(q1))
    run("monitoring", "accept", "ndp-test", "2025", "--quarter", "1", "--org", "moh", "--as", "c-mne")
    out = run("monitoring", "quarterly", "ndp-test", "2025")
    assert "99.60 report" in out and "99.60 mean, 0/1" in out  # 74.5 / 74.8 x 100, partially achieved
    proposal = tmp_path / "p.json"
    proposal.write_text(json.dumps({"analytical_centre_info": "none received", "lines": [
        {"indicator": "SI-1", "risk": "below the Q1 plan", "action": "vaccinate earlier"}]}))
    with translation.override("en"):
        out = run("monitoring", "propose", "ndp-test", "2025", "--quarter", "1", "--as", "c-aspr", "--file",
                  str(proposal), "--send")
    assert "draft proposals saved, 1 line(s)" in out and "sent to ap by c-aspr (cl. 238)" in out
    with pytest.raises(CommandError, match="give --quarter"):
        run("monitoring", "propose", "ndp-test", "2025", "--as", "c-aspr", "--suggest")
