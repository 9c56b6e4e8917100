"""The permission matrix, generated from ONE table: every role x every endpoint x whose document.

Endpoints: documents (read, export, replace, create), items (indicators, measures, history, sections, a goal's
change), facts and money (PATCH), compliance checks, official forms, the risk register (read, add, change,
delete), the analysis (SWOT items and links, problems and their links, goals formed on problems), the
monitoring report of 2025 (save the draft lines: the developer's report or the co-executor's information),
the list of one's obligations, opening the reporting period, the consolidated results (roll-ups), the draft of
the conclusion (Annex 11), the upload of the developer's Annex 13 workbook (a dry run) and the consolidation
of the developer's report from its co-executors' accepted information, and the draft and sending of the
quarterly proposals of cl. 238.

Whose document ("scope"):
- own:    the document of the user's organization (for the co-executor: the document it co-executes;
          for the public and the superuser: the Ministry of Health's) — a draft, so not published;
- other:  a draft of another organization (Ministry of Culture and Information), unrelated to the user;
- public: a published (in force), open document of that other organization.

Rules (jospar.core.permissions, jospar.planning.access): the public reads only what is published; a body
reads its own and published documents and writes only its own; a co-executor writes only its parts
(TI-1, which it co-executes; not RI-1 nor the measure M-1); the authorized bodies read everything and write
only their own; viewers never write; the superuser does everything. Writes without credentials are 401;
what one may not see is 404, as if it did not exist; what one sees but may not change is 403.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jospar.analysis import services as an
from jospar.analysis.models import Problem, Risk, SwotItem
from jospar.annexes.services import build_form, render
from jospar.api.routers.analysis import problem_out, risk_version, versioned_swot_out
from jospar.api.routers.items import goal_out
from jospar.api.versions import document_version, etag, financing_version, value_version
from jospar.core.models import Role, User
from jospar.interchange.services import do_import_document, export_document
from jospar.monitoring.services import do_open_reporting_period
from jospar.planning.models import Document, Financing, Goal, IndicatorValue
from tests.api.conftest import api_client, plan
from tests.conftest import member, shared_transaction

ROLES = ["anonymous", "viewer", "planner", "head", "coexec_planner", "authority_planner", "superuser"]
SCOPES = ["own", "other", "public"]

R_OWN = (200, 404, 200)      # reads of a body: own draft yes, another's draft no, published yes
R_ALL = (200, 200, 200)
W_ANON = (401, 401, 401)
W_NONE = (403, 404, 403)     # sees but may not write; cannot even see another's draft
W_OWN = (200, 404, 403)
W_AUTH = (200, 403, 403)     # authorized body: sees everything, writes its own
W_ALL = (200, 200, 200)
P_ALL = (200, 200, 409)      # a published document is replaced only by a correction (cl. 205-214)
C_NONE = (403, 403, 403)
C_OWN = (201, 403, 403)
C_ALL = (201, 201, 201)
A_NONE = (403, 404, 403)     # risk register: refused where seen, invisible where not
A_OWN = (201, 404, 403)
A_AUTH = (201, 403, 403)
A_ALL = (201, 201, 201)
O_ALL = (401,) * 3


def developer_writes(ok: int) -> tuple:
    """The analysis, the risks and the consolidation of a report are written by the developer's planners, heads
    and administrators only (planning.change_document, monitoring.edit_report): `ok` for them, 403 where seen."""
    return ((401,) * 3, (403, 404, 403), (ok, 404, 403), (ok, 404, 403), (403, 404, 403), (ok, 403, 403),
            (ok,) * 3)


#                 anonymous        viewer  planner head   coexec  authority superuser
MATRIX = {
    "read":       ((404, 404, 200), R_OWN, R_OWN, R_OWN, R_OWN, R_ALL, R_ALL),
    "export":     ((404, 404, 200), R_OWN, R_OWN, R_OWN, R_OWN, R_ALL, R_ALL),
    "indicators": ((404, 404, 200), R_OWN, R_OWN, R_OWN, R_OWN, R_ALL, R_ALL),
    "measures":   ((404, 404, 200), R_OWN, R_OWN, R_OWN, R_OWN, R_ALL, R_ALL),
    "history":    ((404, 404, 200), R_OWN, R_OWN, R_OWN, R_OWN, R_ALL, R_ALL),
    "replace":    (W_ANON, W_NONE, W_OWN, W_OWN, W_NONE, W_AUTH, P_ALL),
    "fact TI-1":  (W_ANON, W_NONE, W_OWN, W_OWN, W_OWN, W_AUTH, W_ALL),
    "fact RI-1":  (W_ANON, W_NONE, W_OWN, W_OWN, W_NONE, W_AUTH, W_ALL),
    "absorbed":   (W_ANON, W_NONE, W_OWN, W_OWN, W_NONE, W_AUTH, W_ALL),
    "create":     (W_ANON, C_NONE, C_OWN, C_OWN, C_NONE, C_OWN, C_ALL),
    "sections":   ((404, 404, 200), R_OWN, R_OWN, R_OWN, R_OWN, R_ALL, R_ALL),
    "checks":     ((404, 404, 200), R_OWN, R_OWN, R_OWN, R_OWN, R_ALL, R_ALL),
    "forms":      ((404, 404, 200), R_OWN, R_OWN, R_OWN, R_OWN, R_ALL, R_ALL),
    "risks":      ((404, 404, 200), R_OWN, R_OWN, R_OWN, R_OWN, R_ALL, R_ALL),
    "goal":       (W_ANON, W_NONE, W_OWN, W_OWN, W_NONE, W_AUTH, P_ALL),
    "add risk":   (W_ANON, A_NONE, A_OWN, A_OWN, A_NONE, A_AUTH, A_ALL),
    "report":     (W_ANON, W_NONE, W_OWN, W_OWN, W_OWN, W_AUTH, W_ALL),
    "obligations": (O_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL, R_ALL),
    # cl. 234-269: the developer's writers or any member of an authorized body open a period (open already: 200)
    "open period": (W_ANON, W_NONE, W_OWN, W_OWN, W_NONE, W_ALL, W_ALL),
    # cl. 242, 257: the consolidated results are for the developer's members and the authorized bodies
    "rollups":    (O_ALL, W_OWN, W_OWN, W_OWN, W_NONE, R_ALL, R_ALL),
    # cl. 242, 257, Annex 11: only the authorized body for state planning (mne) drafts a conclusion
    "conclusion": (W_ANON, W_NONE, W_NONE, W_NONE, W_NONE, W_ALL, W_ALL),
    # cl. 240, 254, 266: a workbook is uploaded on behalf of an organization in which one plans
    "upload":     (W_ANON, W_NONE, W_OWN, W_OWN, W_NONE, W_AUTH, W_ALL),
    # cl. 17-30, 198-204: the analysis and the risk register belong to the developer (as on the web pages)
    "add swot":        developer_writes(201),
    "change swot":     developer_writes(200),
    "start analysis":  developer_writes(200),  # it exists already: a change (201 when it is new)
    "add source":      developer_writes(201),
    "add factor":      developer_writes(201),
    "link swot":       developer_writes(201),
    "unlink swot":     developer_writes(204),
    "delete swot":     developer_writes(204),
    "add problem":     developer_writes(201),
    "change problem":  developer_writes(200),
    "link problems":   developer_writes(201),
    "unlink problems": developer_writes(204),
    "link goal":       developer_writes(201),
    "unlink goal":     developer_writes(204),
    "delete problem":  developer_writes(204),
    "change risk":     developer_writes(200),
    "delete risk":     developer_writes(204),
    # cl. 240-242: the developer forms its report from the accepted information of its co-executors
    "consolidate":     developer_writes(200),
    # cl. 238 (decision P6): only the writers of the authorized body for strategic planning (none of these roles)
    # draft and send the quarterly proposals; the superuser gets past the permission to the rule that only the
    # National Plan is monitored by quarter (cl. 234): 422
    "save proposals":  (W_ANON, W_NONE, W_NONE, W_NONE, W_NONE, C_NONE, (422,) * 3),
    "send proposals":  (W_ANON, W_NONE, W_NONE, W_NONE, W_NONE, C_NONE, (422,) * 3),
}


def expected(endpoint: str, role: str, scope: str) -> int:
    return MATRIX[endpoint][ROLES.index(role)][SCOPES.index(scope)]


def _user(role: str) -> User | None:
    return {
        "anonymous": lambda: None,
        "viewer": lambda: member("moh-viewer", "moh", Role.VIEWER),
        "planner": lambda: member("moh-planner", "moh", Role.PLANNER),
        "head": lambda: member("moh-head", "moh", Role.HEAD),
        "coexec_planner": lambda: member("edu-planner", "edu", Role.PLANNER),
        "authority_planner": lambda: member("mne-planner", "mne", Role.PLANNER),
        "superuser": lambda: User.objects.create_superuser("root", password="pw-root-x1"),
    }[role]()


DOCUMENTS = ("plan-moh", "plan-mne", "plan-other", "plan-public")


@pytest.fixture(scope="module")
def matrix_documents(django_db_setup, django_db_blocker):
    """The four documents, each with 2025 open and an analysis, built once for the module: every test runs in a
    savepoint inside the module's transaction, so what one role writes is undone before the next role."""
    with shared_transaction(django_db_blocker), django_db_blocker.unblock():
        opener = User.objects.create_superuser("opener", password="pw-opener-x1")
        for payload in (plan("plan-moh", "moh", co_executors=("edu",)), plan("plan-mne", "mne"),
                        plan("plan-other", "mci"), plan("plan-public", "mci", status="in_force")):
            document = do_import_document(payload, reason="matrix").document
            do_open_reporting_period(document, 2025, acting_user=opener)
            _analysis(document)
        with django_db_blocker.block():
            yield DOCUMENTS


def _documents(role: str) -> dict[str, str]:
    own = "plan-mne" if role == "authority_planner" else "plan-moh"
    return {"own": own, "other": "plan-other", "public": "plan-public"}


def _analysis(document: Document) -> None:
    """S1, T1; P1 -> P2 with goal 1.1 formed on P2, P3 alone; risks R1 and R2 (written by the system)."""
    analysis = an.do_start_analysis(document, development_year=2024, acting_user=None)
    for category in ("strength", "threat"):
        an.do_add_swot_item(analysis, category=category, text={"kk": category}, acting_user=None)
    p1, p2, _p3 = (an.do_add_problem(analysis, text={"kk": f"Проблема {n}"}, acting_user=None) for n in range(3))
    an.do_link_problems(p1, p2, acting_user=None)
    an.do_link_goal_to_problem(Goal.objects.get(document=document, code="1.1"), p2, acting_user=None)
    for n in range(2):
        an.do_add_risk(document, title={"kk": f"Тәуекел {n}"}, kind="internal", likelihood=2, impact=3,
                       owner=document.developer, acting_user=None)


def _analysis_call(client, endpoint: str, code: str):
    base = f"/api/documents/{code}"
    if endpoint == "change swot":
        version = versioned_swot_out(SwotItem.objects.get(analysis__document__code=code, code="S1"))["version"]
        return client.patch(f"{base}/analysis/swot/S1", {"text": {"en": "Strength"}, "version": version})
    if endpoint == "start analysis":
        return client.post(f"{base}/analysis", {"development_year": 2024})
    if endpoint == "add source":
        return client.post(f"{base}/analysis/sources", {"type": "external", "citation": {"kk": "Дереккөз"}})
    if endpoint == "add factor":
        return client.post(f"{base}/analysis/factors", {"kind": "internal", "group": "social",
                                                         "description": {"kk": "Фактор"}})
    if endpoint == "add swot":
        return client.post(f"{base}/analysis/swot", {"category": "weakness", "text": {"kk": "Әлсіз"}})
    if endpoint == "link swot":
        return client.post(f"{base}/analysis/swot-links", {"first": "S1", "second": "T1"})
    if endpoint == "unlink swot":
        return client.send("delete", f"{base}/analysis/swot-links/S1/T1")
    if endpoint == "delete swot":
        return client.send("delete", f"{base}/analysis/swot/S1")
    if endpoint == "add problem":
        return client.post(f"{base}/analysis/problems", {"text": {"kk": "Жаңа проблема"}})
    if endpoint == "change problem":
        version = problem_out(Problem.objects.get(analysis__document__code=code, code="P1"))["version"]
        return client.patch(f"{base}/analysis/problems/P1", {"is_key": True, "version": version})
    if endpoint == "link problems":
        return client.post(f"{base}/analysis/problem-links", {"cause": "P1", "effect": "P3"})
    if endpoint == "unlink problems":
        return client.send("delete", f"{base}/analysis/problem-links/P1/P3")
    if endpoint == "link goal":
        return client.post(f"{base}/analysis/goal-problems", {"goal": "1.1", "problem": "P1"})
    if endpoint == "unlink goal":
        return client.send("delete", f"{base}/analysis/goal-problems/1.1/P1")
    if endpoint == "delete problem":
        return client.send("delete", f"{base}/analysis/problems/P3")
    if endpoint == "change risk":
        version = risk_version(Risk.objects.get(document__code=code, code="R1"))
        return client.patch(f"{base}/risks/R1", {"kind": "external", "version": version})
    if endpoint == "delete risk":
        return client.send("delete", f"{base}/risks/R2")
    if endpoint == "consolidate":
        return client.post(f"/api/monitoring/reports/{code}/2025/consolidate", {})
    if endpoint == "save proposals":
        return client.put(f"/api/monitoring/proposals/{code}/2025/1", {"lines": [{"risk": "r", "action": "a"}]})
    if endpoint == "send proposals":
        return client.post(f"/api/monitoring/proposals/{code}/2025/1/send", {})
    return None


def _call(client, endpoint: str, code: str, new_code: str):
    base = f"/api/documents/{code}"
    analysis_response = _analysis_call(client, endpoint, code)
    if analysis_response is not None:
        return analysis_response
    if endpoint == "read":
        return client.get(base)
    if endpoint in ("export", "indicators", "measures", "history", "sections", "checks", "forms", "risks"):
        return client.get(f"{base}/{endpoint}")
    if endpoint == "goal":
        version = goal_out(Goal.objects.get(document__code=code, code="1.1"))["version"]
        return client.patch(f"{base}/goals/1.1", {"achievement_year": 2028, "version": version})
    if endpoint == "add risk":
        return client.post(f"{base}/risks", {"title": {"kk": "Тәуекел"}, "kind": "internal", "likelihood": 2,
                                             "impact": 3, "owner": "moh"})
    if endpoint == "report":
        return client.put(f"/api/monitoring/reports/{code}/2025", {"indicators": [{"code": "TI-1", "fact": "75"}]})
    if endpoint == "obligations":
        return client.get(f"/api/monitoring/obligations?document={code}")
    if endpoint == "open period":
        return client.post(f"/api/monitoring/periods/{code}/2025", {})
    if endpoint == "rollups":
        return client.get(f"/api/monitoring/rollups/{code}/2025")
    if endpoint == "conclusion":
        return client.post(f"{base}/conclusions/2025/draft", {})
    if endpoint == "upload":
        document = Document.objects.get(code=code)
        content = render(build_form(document, "13", year=2025, lang="en", organization=document.developer), "xlsx")
        upload = SimpleUploadedFile("annex13.xlsx", content)
        return client.client.post(f"{base}/forms/13", {"file": upload, "organization": document.developer.code},
                                  headers=client._headers(None))
    if endpoint == "replace":
        document = Document.objects.get(code=code)
        payload = export_document(document)
        version = document_version(document, sees_restricted=True)  # a reader who does not see them gets 404/403
        payload.title.en = "Replaced"
        return client.put(base, payload.model_dump(mode="json"), headers={"If-Match": etag(version)})
    if endpoint.startswith("fact"):
        ind = endpoint.split()[1]
        value = IndicatorValue.objects.get(indicator__document__code=code, indicator__code=ind, year=2025)
        return client.patch(f"{base}/indicators/{ind}/values/2025/0",
                            {"fact": "80.5", "reason": "matrix", "version": value_version(value)})
    if endpoint == "absorbed":
        line = Financing.objects.get(measure__document__code=code, measure__code="M-1", year=2025)
        return client.patch(f"{base}/measures/M-1/financing/2025/budget?program=067",
                            {"absorbed": "1450", "version": financing_version(line)})
    if endpoint == "create":
        developer = Document.objects.get(code=code).developer.code
        return client.post("/api/documents", plan(new_code, developer).model_dump(mode="json"))
    raise AssertionError(endpoint)


def test_the_matrix_has_a_row_for_every_endpoint_and_a_cell_for_every_role_and_scope():
    for endpoint, row in MATRIX.items():
        assert len(row) == len(ROLES), endpoint
        assert all(len(cell) == len(SCOPES) for cell in row), endpoint


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_each_role_as_the_permission_table_says(matrix_documents, db, role):
    documents = _documents(role)
    client = api_client(_user(role))
    wrong = []
    for endpoint in MATRIX:
        for scope in SCOPES:
            response = _call(client, endpoint, documents[scope], f"new-{role.replace('_', '-')}-{scope}")
            want = expected(endpoint, role, scope)
            if response.status_code != want:
                wrong.append(f"{endpoint} on {scope}: {response.status_code}, expected {want}")
            elif want >= 400:
                body = response.json()
                assert body["errors"] and set(body["errors"][0]) == {"path", "code", "message"}
                assert set(body["errors"][0]["message"]) == {"kk", "ru", "en"}
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def test_a_refused_write_changes_nothing(matrix_documents, db):
    before = IndicatorValue.objects.get(indicator__document__code="plan-other", indicator__code="TI-1", year=2025)
    client = api_client(member("mne-planner", "mne", Role.PLANNER))
    response = _call(client, "fact TI-1", "plan-other", "unused")
    assert response.status_code == 403
    after = IndicatorValue.objects.get(pk=before.pk)
    assert (after.fact, after.reason) == (before.fact, before.reason)
    assert after.history.count() == 1
