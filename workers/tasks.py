"""Celery tasks: map one window, reduce a job's notes into its summary, both
through docsum.pipeline.

Tasks receive text, never file paths, so workers need no shared disk. Each
pool process loads its model lazily on its first task and keeps it.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

import redis
from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from core.errors import DocsumError, ModelUnavailable
from core.settings import Settings
from docsum.pipeline import Pipeline, load_engine
from summarize.engines.base import Engine
from workers.jobs import JobStore, connect
from workers.messages import (
    Job,
    chunk_from_dict,
    document_from_dict,
    job_from_dict,
    mapped_from_dict,
    mapped_to_dict,
    plan_from_dict,
)
from workers.notes_cache import RedisNotesCache

_ENGINES: dict[tuple[str, str, int], Engine] = {}
_CLIENTS: dict[str, redis.Redis] = {}
T = TypeVar("T")


class JobFailed(Exception):
    """A job cannot complete; its message is the reason, for people."""


def store_for(settings: Settings) -> JobStore:
    """The job store on the settings' broker, one client per process."""
    if settings.broker not in _CLIENTS:
        _CLIENTS[settings.broker] = connect(settings.broker)
    return JobStore(_CLIENTS[settings.broker])


def _pipeline(own: Settings, job: Job) -> Pipeline:
    """The job's pipeline around this process's engine for the job's model (loaded once)."""
    settings = job.settings_for(own)
    key = (job.engine, job.model, job.ctx)
    if key not in _ENGINES:
        # One model per process: a small box has memory for one copy per worker slot.
        _ENGINES.clear()
        engine = load_engine(settings)
        if engine.model.sha256 != job.model_sha256:
            raise ModelUnavailable(
                f"this worker's copy of {job.model} differs from the submitter's "
                f"(sha256 {engine.model.sha256[:12]}... vs {job.model_sha256[:12]}...)"
            )
        _ENGINES[key] = engine
    return Pipeline.with_engine(settings, _ENGINES[key])


def _run(task, message: dict[str, Any], work: Callable[[JobStore, Job, Pipeline], T]) -> T:
    """Run work(store, job, pipeline), turning expected failures into a failed job with a reason."""
    own: Settings = task.app.conf.docsum_settings
    store = store_for(own)
    job = job_from_dict(message)
    # Counted before the model is touched: a step whose worker dies every time (an engine
    # that crashes on this CPU, a document that exhausts memory) ends after its attempts.
    attempt = store.attempt(task.request.id)
    if attempt > own.task_attempts:
        loss = store.last_loss(task.request.id) or "its worker died"
        reason = f"gave up after {attempt - 1} attempts of one step: {loss}"
        store.fail(job.id, reason)
        raise JobFailed(reason)
    try:
        store.running(job.id)
        return work(store, job, _pipeline(own, job))
    except SoftTimeLimitExceeded:
        reason = f"a step took longer than the {own.task_time_limit}s time limit"
    except DocsumError as exc:
        reason = str(exc)
    store.fail(job.id, reason)
    raise JobFailed(reason)


#: Where each task carries its job: the job's id is in this argument's dict.
JOB_ARGUMENT = {"docsum.map": 0, "docsum.reduce": 1}


def job_id_of(name: str, args: Any) -> str | None:
    """The job id in a task's arguments, or None for a task that is not docsum's."""
    try:
        return str(args[JOB_ARGUMENT[name]]["id"])
    except (KeyError, IndexError, TypeError):
        return None


@shared_task(bind=True, name="docsum.map", Request="workers.requests:TaskRequest")
def map_chunk(self, job: dict[str, Any], chunk: dict[str, Any]) -> dict[str, Any]:
    """Notes on one window; cached by content, so running it twice costs one generation."""

    def work(store: JobStore, the_job: Job, pipeline: Pipeline) -> dict[str, Any]:
        window = chunk_from_dict(chunk)
        mapped = pipeline.map_step(window, the_job.chunks, the_job.language, RedisNotesCache(store.r))
        store.chunk_done(the_job.id, window.index)
        return mapped_to_dict(mapped)

    return _run(self, job, work)


@shared_task(bind=True, name="docsum.reduce", Request="workers.requests:TaskRequest")
def reduce_job(self, results: list[dict[str, Any]], job: dict[str, Any], document: dict, plan: dict) -> str:
    """The final pass over all windows' notes (or the whole document in single mode)."""

    def work(store: JobStore, the_job: Job, pipeline: Pipeline) -> str:
        mapped = [mapped_from_dict(r) for r in results]
        summary = pipeline.reduce_step(
            document_from_dict(document), plan_from_dict(plan), the_job.language, mapped, the_job.before
        )
        store.finish(the_job.id, summary.to_dict())
        return the_job.id

    return _run(self, job, work)
