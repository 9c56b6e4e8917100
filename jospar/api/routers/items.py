"""Per-item writes of the text and the structure of a document: sections, goals and tasks.

Create (POST), change (PATCH with If-Match or `version`), delete (DELETE with If-Match). The writes go through
``jospar.planning.services.do_save_item`` / ``do_delete_item`` (history with the user and the reason); who may
write is ``planning.change_document`` of ``jospar.core.permissions`` (the developer's planners, first head and
administrators); an approved document changes only by a correction (cl. 205-214): 409. Two people who read
the same version: the second change gets 409 with both versions, never a silent overwrite.

Decisions:
* A goal is deleted only without tasks, indicators and measures, a task only without indicators and measures
  (they would be deleted with it): 409 ``in_use`` names them. Nothing is ever lost silently.
* The Kazakh title is required, as on the editor's pages (Kazakh is the language of the official forms).
"""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from ninja import Field, Header, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict

from jospar.core.permissions import EDITABLE_STATUSES, writing_organization_ids
from jospar.interchange import schema as s
from jospar.planning.access import access_document_by_code, visible_items
from jospar.planning.choices import Confidentiality
from jospar.planning.models import Direction, Document, Goal, Section, Task
from jospar.planning.services import do_delete_item, do_save_item

from ..auth import READ_AUTH, WRITE_AUTH, current_user
from ..errors import LANGS, ApiError, forbidden, item, not_found
from ..schemas import NO_NUL, ConflictOut, ErrorOut, Text
from ..versions import content_version, etag, parse_if_match
from .common import texts

router = Router(tags=["items"], auth=READ_AUTH)

READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ErrorOut, 428: ErrorOut}
Code = Annotated[str, Field(pattern=r"^[\w.\-]{1,40}$")]
Key = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,60}$")]
Order = Annotated[int, Field(ge=0, le=32767)]
Year = Annotated[int, Field(ge=1991, le=2100)]
Reason = Annotated[str, Field(pattern=NO_NUL, max_length=500)]
Version = Annotated[str, Field(pattern=NO_NUL, max_length=100)]
IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=200)]
DEFAULT_REASON = "Changed through the API"


def _short(n: int):
    return Annotated[str, Field(pattern=NO_NUL, max_length=n)]


class TitleIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kk: _short(500) = ""  # type: ignore[valid-type]
    ru: _short(500) = ""  # type: ignore[valid-type]
    en: _short(500) = ""  # type: ignore[valid-type]


class LongTextIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kk: _short(200_000) = ""  # type: ignore[valid-type]
    ru: _short(200_000) = ""  # type: ignore[valid-type]
    en: _short(200_000) = ""  # type: ignore[valid-type]


class _Write(Schema):
    model_config = ConfigDict(extra="forbid")

    version: Version | None = Field(None, description="the version you read (or send If-Match); changes only")
    change_reason: Reason = Field("", description="why: kept in the history")


class SectionIn(_Write):
    key: Key | None = Field(None, description="one of the required sections (planning/sections.py) or a free key")
    order: Order | None = None
    title: TitleIn | None = None
    text: LongTextIn | None = None
    confidentiality: Confidentiality | None = None


class GoalIn(_Write):
    code: Code | None = None
    order: Order | None = None
    direction: Code | None = Field(None, description="the code of a direction of the same document, or empty")
    title: TitleIn | None = None
    achievement_year: Year | None = Field(None, description="cl. 31, 48")
    budget_program_codes: _short(200) | None = None  # type: ignore[valid-type]


class TaskIn(_Write):
    code: Code | None = None
    order: Order | None = None
    goal: Code | None = Field(None, description="move the task to another goal of the document (cl. 46)")
    title: TitleIn | None = None
    deadline_year: Year | None = Field(None, description="within the goal's year of achievement (cl. 48)")


class SectionOut(Schema):
    key: str
    order: int
    title: Text
    text: Text
    confidentiality: str
    version: str


class GoalOut(Schema):
    code: str
    order: int
    direction: str | None
    title: Text
    achievement_year: int | None
    budget_program_codes: str
    version: str


class TaskOut(Schema):
    code: str
    goal: str
    order: int
    title: Text
    deadline_year: int | None
    version: str


# ------------------------------------------------------------------------------------------ converters


def section_out(x: Section) -> dict[str, Any]:
    out = {"key": x.key, "order": x.order, "title": texts(x, "title"), "text": texts(x, "text"),
           "confidentiality": x.confidentiality}
    return {**out, "version": content_version(out)}


def goal_out(x: Goal) -> dict[str, Any]:
    out = {"code": x.code, "order": x.order, "direction": x.direction.code if x.direction_id else None,
           "title": texts(x, "title"), "achievement_year": x.achievement_year,
           "budget_program_codes": x.budget_program_codes}
    return {**out, "version": content_version(out)}


def task_out(x: Task) -> dict[str, Any]:
    out = {"code": x.code, "goal": x.goal.code, "order": x.order, "title": texts(x, "title"),
           "deadline_year": x.deadline_year}
    return {**out, "version": content_version(out)}


# ---------------------------------------------------------------------------------------------- common


def _editable_document(request, code: str) -> tuple[Any, Document]:
    user = current_user(request)
    document = access_document_by_code(user, code)
    if not user.has_perm("planning.change_document", document):
        raise forbidden("read_only" if not writing_organization_ids(user) else "other_organization")
    if document.status not in EDITABLE_STATUSES:
        # cl. 205-214: an approved document changes only by a correction that makes a new version.
        raise ApiError(409, [item("not_editable", status=document.get_status_display())],
                       extra={"current": {"status": document.status}, "yours": {}})
    return user, document


def _expected(request, body: _Write) -> str:
    version = body.version or parse_if_match(request.headers.get("If-Match"))
    if not version:
        raise ApiError(428, [item("version_required")])
    return version


def _set_texts(obj, name: str, value: Schema | None) -> None:
    if value is not None:
        for lang in LANGS:
            setattr(obj, f"{name}_{lang}", getattr(value, lang))


def _field_path(name: str) -> str:
    for lang in LANGS:
        if name.endswith(f"_{lang}"):
            return f"$.{name[:-3]}.{lang}"
    return "$" if name == "__all__" else f"$.{name}"


def _validate(obj, exclude: list[str]) -> None:
    """Django's validation of the model (field formats, years, unique codes), in kk/ru/en on failure."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError:
        rendered = {}
        for lang in LANGS:
            with translation.override(lang):
                try:
                    obj.full_clean(exclude=exclude)
                except ValidationError as exc:
                    rendered[lang] = exc.message_dict
        errors = []
        for name, messages in rendered.get("en", {}).items():
            for n, en in enumerate(messages):
                errors.append({"path": _field_path(name), "code": "invalid", "message": {
                    lang: (rendered.get(lang, {}).get(name) or messages)[n] if n < len(
                        rendered.get(lang, {}).get(name) or messages) else en for lang in LANGS}})
        raise ApiError(422, errors) from None


def _require_kk_title(obj) -> None:
    if not (obj.title_kk or "").strip():
        raise ApiError(422, [item("invalid", path="$.title.kk", detail="the Kazakh title is required")])


def _check_version(current: dict[str, Any], expected: str, yours: dict[str, Any]) -> None:
    if current["version"] != expected:
        raise ApiError(409, [item("version_conflict")], extra={"current": current, "yours": {**yours,
                                                                                          "version": expected}})


def _save(obj, document, user, reason: str, exclude: list[str]):
    _require_kk_title(obj)
    _validate(obj, exclude)
    return do_save_item(obj, document=document, acting_user=user, reason=reason or DEFAULT_REASON)


def _changes(body: _Write) -> dict[str, Any]:
    return body.model_dump(mode="json", exclude={"version", "change_reason"}, exclude_unset=True)


# ---------------------------------------------------------------------------------------------- sections


def _section(request, code: str, key: str, *, lock: bool = False) -> tuple[Document, Section]:
    document = access_document_by_code(current_user(request), code)
    qs = visible_items(current_user(request), document, Section.objects.filter(document=document))
    found = (qs.select_for_update() if lock else qs).filter(key=key).first()
    if found is None:
        raise not_found()
    return document, found


def _apply_section(x: Section, body: SectionIn) -> None:
    for name in ("key", "order", "confidentiality"):
        if name in body.model_fields_set and getattr(body, name) is not None:
            setattr(x, name, getattr(body, name))
    _set_texts(x, "title", body.title)
    _set_texts(x, "text", body.text)


@router.get("/{code}/sections", response={200: list[SectionOut], **READ_ERRORS}, summary="Sections")
def list_sections(request, code: s.DocCode):
    document = access_document_by_code(current_user(request), code)
    qs = visible_items(current_user(request), document, Section.objects.filter(document=document))
    return [section_out(x) for x in qs.order_by("order", "key")]


@router.get("/{code}/sections/{key}", response={200: SectionOut, **READ_ERRORS}, summary="One section")
def get_section(request, response: HttpResponse, code: s.DocCode, key: Key):
    _, x = _section(request, code, key)
    out = section_out(x)
    response["ETag"] = etag(out["version"])
    return out


@router.post("/{code}/sections", response={201: SectionOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Add a section (cl. 65, 79, 89, 107, 133 list the required ones)")
def create_section(request, response: HttpResponse, code: s.DocCode, body: SectionIn):
    user, document = _editable_document(request, code)
    if not body.key:
        raise ApiError(422, [item("invalid", path="$.key", detail="the key is required")])
    x = Section(document=document, confidentiality=Confidentiality.OPEN)
    _apply_section(x, body)
    with transaction.atomic():
        if Section.objects.select_for_update().filter(document=document, key=x.key).exists():
            raise ApiError(409, [item("exists", path="$.key", item=x.key)],
                           extra={"current": section_out(Section.objects.get(document=document, key=x.key)),
                                  "yours": _changes(body)})
        _save(x, document, user, body.change_reason, ["document", "title", "text"])
    out = section_out(x)
    response["ETag"] = etag(out["version"])
    response["Location"] = f"/api/documents/{document.code}/sections/{x.key}"
    return Status(201, out)


@router.patch("/{code}/sections/{key}", response={200: SectionOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
              summary="Change a section (If-Match or version)")
def patch_section(request, response: HttpResponse, code: s.DocCode, key: Key, body: SectionIn):
    user, document = _editable_document(request, code)
    expected = _expected(request, body)
    with transaction.atomic():
        _, x = _section(request, code, key, lock=True)
        _check_version(section_out(x), expected, _changes(body))
        _apply_section(x, body)
        if x.key != key and Section.objects.filter(document=document, key=x.key).exists():
            raise ApiError(409, [item("exists", path="$.key", item=x.key)],
                           extra={"current": section_out(Section.objects.get(document=document, key=x.key)),
                                  "yours": _changes(body)})
        _save(x, document, user, body.change_reason, ["document", "title", "text"])
    out = section_out(x)
    response["ETag"] = etag(out["version"])
    return out


def _delete(request, obj, document, user, reason: str, expected: str | None, current: dict[str, Any]):
    if not expected:
        raise ApiError(428, [item("version_required")])
    _check_version(current, expected, {})
    do_delete_item(obj, document=document, acting_user=user, reason=reason or "Deleted through the API")
    return Status(204, None)


@router.delete("/{code}/sections/{key}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH,
               summary="Delete a section (If-Match: its version)")
def delete_section(request, code: s.DocCode, key: Key, if_match: IfMatch = None, reason: Reason = ""):
    user, document = _editable_document(request, code)
    with transaction.atomic():
        _, x = _section(request, code, key, lock=True)
        return _delete(request, x, document, user, reason, parse_if_match(if_match), section_out(x))


# ------------------------------------------------------------------------------------------------- goals


def _goal(document: Document, code: str, *, lock: bool = False) -> Goal:
    qs = Goal.objects.filter(document=document).select_related("direction")
    found = (qs.select_for_update(of=("self",)) if lock else qs).filter(code=code).first()
    if found is None:
        raise not_found()
    return found


def _apply_goal(x: Goal, body: GoalIn, document: Document) -> None:
    for name in ("code", "order", "achievement_year", "budget_program_codes"):
        if name in body.model_fields_set and (getattr(body, name) is not None or name == "achievement_year"):
            setattr(x, name, getattr(body, name))
    if "direction" in body.model_fields_set:
        if body.direction:
            direction = Direction.objects.filter(document=document, code=body.direction).first()
            if direction is None:
                raise ApiError(422, [item("invalid", path="$.direction",
                                          detail=f"no direction with the code {body.direction} in this document")])
            x.direction = direction
        else:
            x.direction = None
    _set_texts(x, "title", body.title)


@router.get("/{code}/goals", response={200: list[GoalOut], **READ_ERRORS}, summary="Goals (cl. 30-35)")
def list_goals(request, code: s.DocCode):
    document = access_document_by_code(current_user(request), code)
    return [goal_out(x) for x in Goal.objects.filter(document=document).select_related("direction")
            .order_by("order", "code")]


@router.get("/{code}/goals/{goal}", response={200: GoalOut, **READ_ERRORS}, summary="One goal")
def get_goal(request, response: HttpResponse, code: s.DocCode, goal: Code):
    out = goal_out(_goal(access_document_by_code(current_user(request), code), goal))
    response["ETag"] = etag(out["version"])
    return out


@router.post("/{code}/goals", response={201: GoalOut, **WRITE_ERRORS}, auth=WRITE_AUTH, summary="Add a goal")
def create_goal(request, response: HttpResponse, code: s.DocCode, body: GoalIn):
    user, document = _editable_document(request, code)
    if not body.code:
        raise ApiError(422, [item("invalid", path="$.code", detail="the code is required")])
    x = Goal(document=document)
    _apply_goal(x, body, document)
    with transaction.atomic():
        existing = Goal.objects.select_for_update().filter(document=document, code=x.code).first()
        if existing is not None:
            raise ApiError(409, [item("exists", path="$.code", item=x.code)],
                           extra={"current": goal_out(existing), "yours": _changes(body)})
        _save(x, document, user, body.change_reason, ["document", "title"])
    out = goal_out(x)
    response["ETag"] = etag(out["version"])
    response["Location"] = f"/api/documents/{document.code}/goals/{x.code}"
    return Status(201, out)


@router.patch("/{code}/goals/{goal}", response={200: GoalOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
              summary="Change a goal (If-Match or version)")
def patch_goal(request, response: HttpResponse, code: s.DocCode, goal: Code, body: GoalIn):
    user, document = _editable_document(request, code)
    expected = _expected(request, body)
    with transaction.atomic():
        x = _goal(document, goal, lock=True)
        _check_version(goal_out(x), expected, _changes(body))
        _apply_goal(x, body, document)
        if x.code != goal and Goal.objects.filter(document=document, code=x.code).exists():
            raise ApiError(409, [item("exists", path="$.code", item=x.code)],
                           extra={"current": goal_out(_goal(document, x.code)), "yours": _changes(body)})
        _save(x, document, user, body.change_reason, ["document", "title"])
    out = goal_out(x)
    response["ETag"] = etag(out["version"])
    return out


def _in_use(what: str, users: list[str], current: dict[str, Any]) -> None:
    if users:
        raise ApiError(409, [item("in_use", item=what, users=", ".join(users))], extra={"current": current,
                                                                                      "yours": {}})


@router.delete("/{code}/goals/{goal}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH,
               summary="Delete a goal without tasks, indicators and measures (If-Match: its version)")
def delete_goal(request, code: s.DocCode, goal: Code, if_match: IfMatch = None, reason: Reason = ""):
    user, document = _editable_document(request, code)
    with transaction.atomic():
        x = _goal(document, goal, lock=True)
        current = goal_out(x)
        expected = parse_if_match(if_match)
        if expected:
            _check_version(current, expected, {})
        users = ([f"task {c}" for c in x.tasks.order_by("code").values_list("code", flat=True)]
                 + [f"indicator {c}" for c in x.indicators.order_by("code").values_list("code", flat=True)]
                 + [f"measure {c}" for c in x.measures.order_by("code").values_list("code", flat=True)])
        _in_use(f"goal {x.code}", users, current)
        return _delete(request, x, document, user, reason, expected, current)


# ------------------------------------------------------------------------------------------------- tasks


def _task(document: Document, goal: str, code: str, *, lock: bool = False) -> Task:
    qs = Task.objects.filter(goal__document=document, goal__code=goal).select_related("goal")
    found = (qs.select_for_update(of=("self",)) if lock else qs).filter(code=code).first()
    if found is None:
        raise not_found()
    return found


def _apply_task(x: Task, body: TaskIn, document: Document) -> None:
    for name in ("code", "order", "deadline_year"):
        if name in body.model_fields_set and (getattr(body, name) is not None or name == "deadline_year"):
            setattr(x, name, getattr(body, name))
    if body.goal:
        goal = Goal.objects.filter(document=document, code=body.goal).first()
        if goal is None:
            raise ApiError(422, [item("invalid", path="$.goal",
                                      detail=f"no goal with the code {body.goal} in this document (cl. 46)")])
        x.goal = goal
    _set_texts(x, "title", body.title)


@router.get("/{code}/goals/{goal}/tasks", response={200: list[TaskOut], **READ_ERRORS},
            summary="Tasks of a goal (cl. 44-49)")
def list_tasks(request, code: s.DocCode, goal: Code):
    g = _goal(access_document_by_code(current_user(request), code), goal)
    return [task_out(x) for x in g.tasks.select_related("goal").order_by("order", "code")]


@router.get("/{code}/goals/{goal}/tasks/{task}", response={200: TaskOut, **READ_ERRORS}, summary="One task")
def get_task(request, response: HttpResponse, code: s.DocCode, goal: Code, task: Code):
    out = task_out(_task(access_document_by_code(current_user(request), code), goal, task))
    response["ETag"] = etag(out["version"])
    return out


@router.post("/{code}/goals/{goal}/tasks", response={201: TaskOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
             summary="Add a task to a goal (each task serves exactly one goal, cl. 46)")
def create_task(request, response: HttpResponse, code: s.DocCode, goal: Code, body: TaskIn):
    user, document = _editable_document(request, code)
    g = _goal(document, goal)
    if not body.code:
        raise ApiError(422, [item("invalid", path="$.code", detail="the code is required")])
    x = Task(goal=g)
    _apply_task(x, body, document)
    with transaction.atomic():
        existing = Task.objects.select_for_update().filter(goal=x.goal, code=x.code).first()
        if existing is not None:
            raise ApiError(409, [item("exists", path="$.code", item=x.code)],
                           extra={"current": task_out(existing), "yours": _changes(body)})
        _save(x, document, user, body.change_reason, ["title"])
    out = task_out(x)
    response["ETag"] = etag(out["version"])
    response["Location"] = f"/api/documents/{document.code}/goals/{x.goal.code}/tasks/{x.code}"
    return Status(201, out)


@router.patch("/{code}/goals/{goal}/tasks/{task}", response={200: TaskOut, **WRITE_ERRORS}, auth=WRITE_AUTH,
              summary="Change a task (If-Match or version)")
def patch_task(request, response: HttpResponse, code: s.DocCode, goal: Code, task: Code, body: TaskIn):
    user, document = _editable_document(request, code)
    expected = _expected(request, body)
    with transaction.atomic():
        x = _task(document, goal, task, lock=True)
        _check_version(task_out(x), expected, _changes(body))
        _apply_task(x, body, document)
        if (x.goal.code, x.code) != (goal, task) and Task.objects.filter(goal=x.goal, code=x.code).exists():
            raise ApiError(409, [item("exists", path="$.code", item=x.code)],
                           extra={"current": task_out(Task.objects.get(goal=x.goal, code=x.code)),
                                  "yours": _changes(body)})
        _save(x, document, user, body.change_reason, ["title"])
    out = task_out(x)
    response["ETag"] = etag(out["version"])
    return out


@router.delete("/{code}/goals/{goal}/tasks/{task}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH,
               summary="Delete a task without indicators and measures (If-Match: its version)")
def delete_task(request, code: s.DocCode, goal: Code, task: Code, if_match: IfMatch = None, reason: Reason = ""):
    user, document = _editable_document(request, code)
    with transaction.atomic():
        x = _task(document, goal, task, lock=True)
        current = task_out(x)
        expected = parse_if_match(if_match)
        if expected:
            _check_version(current, expected, {})
        users = ([f"indicator {c}" for c in x.indicators.order_by("code").values_list("code", flat=True)]
                 + [f"measure {c}" for c in x.measures.order_by("code").values_list("code", flat=True)])
        _in_use(f"task {x.code}", users, current)
        return _delete(request, x, document, user, reason, expected, current)
