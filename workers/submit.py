"""Submitting documents to the workers: read and plan here, ship text and chunks."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from celery import chord

from core.errors import JobFailedError, JobPending
from core.settings import Settings
from docsum.pipeline import Pipeline, load_engine
from workers.celery_app import make_app
from workers.jobs import DONE, FAILED, JobStatus, JobStore, connect
from workers.messages import Job, chunk_to_dict, document_to_dict, job_to_dict, plan_to_dict


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
        # Planning needs only the model's vocabulary and template, not its weights in memory.
        self.pipeline = Pipeline(settings, loader=lambda s: load_engine(s, tokenizer_only=True))

    def submit(self, path: str | Path, sha256: str | None = None) -> Submitted:
        """Queue one document; returns as soon as its tasks are on the broker."""
        from workers.tasks import map_chunk, reduce_job  # registers the tasks on self.app

        path = Path(path)
        document, read_s = self.pipeline.read(path, sha256=sha256)
        prepared = self.pipeline.plan(document, read_s)
        model = self.pipeline.engine.model
        job = Job.of(uuid.uuid4().hex, path.name, prepared, self.settings, model.sha256, model.n_ctx, time.time())
        plan, message = prepared.plan, job_to_dict(job)
        self.store.create(job.id, path.name, document.sha256, plan.mode, len(plan.chunks))
        body = reduce_job.signature((message, document_to_dict(document), plan_to_dict(plan)), app=self.app)
        if plan.mode != "map_reduce":  # one pass over the document or its evidence: no map steps
            reduce_job.apply_async(args=([], *body.args))
        else:
            chord([map_chunk.signature((message, chunk_to_dict(c)), app=self.app) for c in plan.chunks], app=self.app)(body)
        return Submitted(job.id, path, plan.mode, len(plan.chunks))


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
