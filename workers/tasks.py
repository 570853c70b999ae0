"""Celery tasks: map one window, reduce a job's notes into its summary.

Tasks receive text, never file paths, so workers need no shared disk. Each
pool process loads its model lazily on its first task and keeps it.
"""

from __future__ import annotations

import time
from typing import Any

import redis
from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from docsum.errors import DocsumError, ModelUnavailable
from docsum.pipeline import load_engine
from docsum.settings import Settings
from summarize.engine import Engine
from summarize.structured import Usage
from summarize.summarizer import Options, Summarizer, output_reserves
from workers.jobs import JobStore, connect
from workers.messages import chunk_from_dict, document_from_dict, notes_from_dict, notes_to_dict, plan_from_dict
from workers.notes_cache import RedisNotesCache

_ENGINES: dict[tuple[str, str, int], Engine] = {}
_CLIENTS: dict[str, redis.Redis] = {}


class JobFailed(Exception):
    """A job cannot complete; its message is the reason, for people."""


def _settings(task) -> Settings:
    return task.app.conf.docsum_settings


def _store(settings: Settings) -> JobStore:
    if settings.broker not in _CLIENTS:
        _CLIENTS[settings.broker] = connect(settings.broker)
    return JobStore(_CLIENTS[settings.broker])


def _engine(settings: Settings, job: dict[str, Any]) -> Engine:
    engine_name = job.get("engine", "llama")
    key = (engine_name, job["model"], job["ctx"])
    if key not in _ENGINES:
        # One model per process: a small box has memory for one copy per worker slot.
        _ENGINES.clear()
        # The submitter chose the engine and model; a worker's own server (each box may
        # run llama-server on localhost) wins over the submitter's URL.
        base_url = settings.base_url or job.get("base_url")
        engine = load_engine(settings.replace(engine=engine_name, model=job["model"], ctx=job["ctx"], base_url=base_url))
        if engine.model.sha256 != job["model_sha256"]:
            raise ModelUnavailable(
                f"this worker's copy of {job['model']} differs from the submitter's "
                f"(sha256 {engine.model.sha256[:12]}... vs {job['model_sha256'][:12]}...)"
            )
        _ENGINES[key] = engine
    return _ENGINES[key]


def _run(task, job: dict[str, Any], work):
    """Run work(store, engine), turning expected failures into a failed job with a reason."""
    settings = _settings(task)
    store = _store(settings)
    try:
        store.running(job["id"])
        return work(store, _engine(settings, job))
    except SoftTimeLimitExceeded:
        reason = f"a step took longer than the {settings.task_time_limit}s time limit"
    except DocsumError as exc:
        reason = str(exc)
    store.fail(job["id"], reason)
    raise JobFailed(reason)


@shared_task(bind=True, name="docsum.map")
def map_chunk(self, job: dict[str, Any], chunk: dict[str, Any]) -> dict[str, Any]:
    """Notes on one window; cached by content, so running it twice costs one generation."""

    def work(store: JobStore, engine: Engine) -> dict[str, Any]:
        options = Options(**job["options"])
        cache = RedisNotesCache(store.r, engine.model.identity, job["language"], output_reserves(engine.model.n_ctx, options)[1], job["total"])
        usage = Usage()
        started = time.perf_counter()
        notes = Summarizer(engine, options, cache=cache).map_chunk(chunk_from_dict(chunk), job["total"], job["language"], usage)
        store.chunk_done(job["id"], chunk["index"])
        return {"notes": notes_to_dict(notes), "usage": usage.as_dict(), "seconds": time.perf_counter() - started}

    return _run(self, job, work)


@shared_task(bind=True, name="docsum.reduce")
def reduce_job(self, results: list[dict[str, Any]], job: dict[str, Any], document: dict, plan: dict) -> str:
    """The final pass over all windows' notes (or the whole document in single mode)."""

    def work(store: JobStore, engine: Engine) -> str:
        usage = Usage()
        for r in results:
            usage.merge(r["usage"])
        doc, the_plan = document_from_dict(document), plan_from_dict(plan)
        summarizer = Summarizer(engine, Options(**job["options"]))
        summary = summarizer.finish(doc, the_plan, [notes_from_dict(r["notes"]) for r in results], job["lang"], usage)
        summary.timings = {
            **job["timings"],
            **({"map_s": round(sum(r["seconds"] for r in results), 3)} if results else {}),
            **summary.timings,
            "total_s": round(time.time() - job["submitted"], 3),
        }
        store.finish(job["id"], summary.to_dict())
        return job["id"]

    return _run(self, job, work)
