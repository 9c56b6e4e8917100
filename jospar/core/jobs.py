"""Background jobs: a registry of handlers by kind, started with `start_job` and run by a django-tasks task.

A handler is `handler(job, progress)` where `progress(percent, message)` records how far it is; it returns
a JSON-able result or raises `JobFailed(message, details)` for a clear refusal. Any other exception marks
the job failed with a generic message (the details go to the log), never a half-written result: handlers
write in their own transactions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from .models import Job, JobStatus

log = logging.getLogger(__name__)
Handler = Callable[[Job, Callable[[int, str], None]], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}


class JobFailed(Exception):
    def __init__(self, message: str, details: Any = None):
        super().__init__(message)
        self.details = details


def register(kind: str):
    def wrap(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn
    return wrap


def start_job(kind: str, *, user, params: dict | None = None, input_text: str = "") -> Job:
    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, created_by=user, params=params or {}, input_text=input_text)
    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


@task()
def run_job(job_id: int) -> None:
    job = Job.objects.get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return  # already taken (a task may be delivered twice): idempotent

    def progress(percent: int, message: str = "") -> None:
        Job.objects.filter(pk=job.pk).update(progress=max(0, min(100, percent)), message=message[:500])

    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    try:
        with translation.override(job.created_by.preferred_language):  # messages in the user's language
            result = HANDLERS[job.kind](job, progress)
    except JobFailed as exc:
        Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, message=str(exc)[:500],
                                             result={"details": exc.details}, finished_at=timezone.now())
        return
    except Exception:  # noqa: BLE001 - shown to the user as a failure, logged for the operator
        log.exception("job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, message="Internal error; see the log.",
                                             finished_at=timezone.now())
        return
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, progress=100, result=result or {},
                                         finished_at=timezone.now())
