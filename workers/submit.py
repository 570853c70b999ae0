"""Submitting documents to the workers: read and plan here, ship text and chunks."""

from __future__ import annotations

import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from celery import chord

from docsum.errors import JobFailedError, JobPending
from docsum.pipeline import load_engine, options_from, prepare, read
from docsum.settings import Settings
from summarize.engine import Engine
from workers.celery_app import make_app
from workers.jobs import DONE, FAILED, JobStatus, JobStore, connect
from workers.messages import chunk_to_dict, document_to_dict, plan_to_dict


@dataclass(frozen=True)
class Submitted:
    job_id: str
    path: Path
    mode: str
    chunks: int


class Submitter:
    """Reads, plans and submits files; one per process (it keeps the tokenizer loaded)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = JobStore(connect(settings.broker))  # fails fast if Redis is down
        self.app = make_app(settings)
        self._tokenizer: Engine | None = None

    def tokenizer(self) -> Engine:
        # Planning needs only the model's vocabulary and template, not its weights in memory.
        if self._tokenizer is None:
            self._tokenizer = load_engine(self.settings, tokenizer_only=True)
        return self._tokenizer

    def submit(self, path: str | Path) -> Submitted:
        """Queue one document; returns as soon as its tasks are on the broker."""
        from workers.tasks import map_chunk, reduce_job  # registers the tasks on self.app

        path = Path(path)
        document, read_s = read(path, self.settings)
        engine = self.tokenizer()
        prepared = prepare(document, self.settings, engine)
        plan = prepared.plan
        job: dict[str, Any] = {
            "id": uuid.uuid4().hex,
            "name": path.name,
            "engine": self.settings.engine,
            # Used by workers that have no server of their own configured.
            "base_url": self.settings.base_url,
            "model": self.settings.model,
            "model_sha256": engine.model.sha256,
            "ctx": engine.model.n_ctx,
            "lang": self.settings.lang,
            "language": prepared.language,
            "total": len(plan.chunks),
            "options": asdict(options_from(self.settings)),
            "timings": {"ingest_s": round(read_s, 3), **prepared.timings},
            "submitted": time.time(),
        }
        self.store.create(job["id"], path.name, document.sha256, plan.mode, len(plan.chunks))
        body = reduce_job.signature((job, document_to_dict(document), plan_to_dict(plan)), app=self.app)
        if plan.mode == "single":
            reduce_job.apply_async(args=([], *body.args))
        else:
            chord([map_chunk.signature((job, chunk_to_dict(c)), app=self.app) for c in plan.chunks], app=self.app)(body)
        return Submitted(job["id"], path, plan.mode, len(plan.chunks))


def wait_for(store: JobStore, job_id: str, timeout: float | None = None, poll: float = 1.0) -> JobStatus:
    """Block until the job is done or failed (or the timeout passes: JobPending)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        status = store.status(job_id)
        if status.state in (DONE, FAILED):
            return status
        if deadline is not None and time.monotonic() > deadline:
            raise JobPending(f"job {job_id} is still {status.state} after {timeout:.0f}s ({status.done}/{status.total} chunks)")
        time.sleep(poll)


def finished_result(store: JobStore, job_id: str) -> dict[str, Any]:
    """The summary of a finished job, or a clear error saying why there is none."""
    status = store.status(job_id)
    if status.state == FAILED:
        raise JobFailedError(f"job {job_id} ({status.name}) failed: {status.error}")
    if status.state != DONE:
        raise JobPending(f"job {job_id} is {status.state} ({status.done}/{status.total} chunks done)")
    result = store.result(job_id)
    if result is None:
        raise JobPending(f"job {job_id} is done but its result is not stored yet")
    return result
