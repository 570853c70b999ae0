"""Job records in Redis: state, progress and result of each submitted document.

Celery moves the tasks; this is only the bookkeeping people ask about
(docsum status / result / jobs), kept beside Celery's own keys.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import redis

from core.errors import JobNotFound, ServiceUnavailable

#: Job records and results are kept this long after submission.
TTL_SECONDS = 7 * 24 * 3600
_PREFIX = "docsum:job:"
_INDEX = "docsum:jobs"
_ATTEMPTS = "docsum:attempts:"
_LOST = "docsum:lost:"

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


@dataclass(frozen=True)
class JobStatus:
    id: str
    name: str
    state: str
    done: int
    total: int
    mode: str
    error: str | None
    submitted: float
    finished: float | None
    #: Times a step of the job went back to the queue because its worker died, and why last.
    requeues: int = 0
    note: str | None = None

    def line(self) -> str:
        """One line for people: id, state, progress, name."""
        progress = f"{self.done}/{self.total} chunks" if self.mode == "map_reduce" else "one pass"
        tail = f"  error: {self.error}" if self.error else ""
        if self.note and not self.error:
            tail = f"  requeued {self.requeues}x: {self.note}"
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.submitted))
        return f"{self.id}  {self.state:<7}  {progress:<14}  {stamp}  {self.name}{tail}"


def connect(url: str) -> redis.Redis:
    """A Redis client that fails fast with a clear error when the broker is down."""
    client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30, decode_responses=True)
    try:
        client.ping()
    except redis.AuthenticationError:
        raise ServiceUnavailable(f"the broker at {_safe(url)} refused the password") from None
    except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
        raise ServiceUnavailable(f"cannot reach the broker at {_safe(url)}: {exc}") from None
    return client


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


class JobStore:
    def __init__(self, client: redis.Redis):
        self.r = client

    def create(self, job_id: str, name: str, sha256: str, mode: str, total: int) -> None:
        key = _PREFIX + job_id
        now = time.time()
        with self.r.pipeline() as p:
            p.hset(key, mapping={"name": name, "sha256": sha256, "mode": mode, "total": total, "state": QUEUED, "submitted": now})
            p.expire(key, TTL_SECONDS)
            p.zadd(_INDEX, {job_id: now})
            p.execute()

    def chunk_done(self, job_id: str, index: int) -> None:
        """Record a finished window; a set, so a task that runs twice counts once."""
        key = f"{_PREFIX}{job_id}:chunks"
        with self.r.pipeline() as p:
            p.sadd(key, index)
            p.expire(key, TTL_SECONDS)
            p.execute()
        self.running(job_id)

    def running(self, job_id: str) -> None:
        if self.r.hget(_PREFIX + job_id, "state") == QUEUED:
            self.r.hset(_PREFIX + job_id, "state", RUNNING)

    def requeued(self, job_id: str, reason: str) -> None:
        """A step went back to the queue (its worker died): the job waits again, not runs."""
        key = _PREFIX + job_id
        with self.r.pipeline() as p:
            p.hincrby(key, "requeues", 1)
            p.hset(key, "note", reason)
            p.execute()
        if self.r.hget(key, "state") == RUNNING:
            self.r.hset(key, "state", QUEUED)

    def attempt(self, task_id: str) -> int:
        """Count one more run of a task (by Celery task id); returns the count so far."""
        key = f"{_ATTEMPTS}{task_id}"
        with self.r.pipeline() as p:
            p.incr(key)
            p.expire(key, TTL_SECONDS)
            count, _ = p.execute()
        return int(count)

    def step_lost(self, task_id: str, job_id: str | None, reason: str) -> None:
        """A step's run ended with its worker and the step goes back to the queue: why, on the
        task (for its last attempt's message) and on the job (which waits again)."""
        self.lost(task_id, reason)
        if job_id:
            self.requeued(job_id, reason)

    def lost(self, task_id: str, reason: str) -> None:
        """Why the last run of a task ended without an answer (its worker died)."""
        self.r.set(f"{_LOST}{task_id}", reason, ex=TTL_SECONDS)

    def last_loss(self, task_id: str) -> str | None:
        return self.r.get(f"{_LOST}{task_id}")

    def fail(self, job_id: str, error: str) -> None:
        self.r.hset(_PREFIX + job_id, mapping={"state": FAILED, "error": error, "finished": time.time()})

    def finish(self, job_id: str, summary: dict[str, Any]) -> None:
        with self.r.pipeline() as p:
            p.set(f"{_PREFIX}{job_id}:result", json.dumps(summary, ensure_ascii=False), ex=TTL_SECONDS)
            p.hset(_PREFIX + job_id, mapping={"state": DONE, "finished": time.time()})
            p.hdel(_PREFIX + job_id, "error")
            p.execute()

    def status(self, job_id: str) -> JobStatus:
        data = self.r.hgetall(_PREFIX + job_id)
        if not data:
            raise JobNotFound(f"no job {job_id} (unknown, or expired after {TTL_SECONDS // 86400} days)")
        done = self.r.scard(f"{_PREFIX}{job_id}:chunks")
        finished = data.get("finished")
        return JobStatus(
            id=job_id,
            name=data.get("name", ""),
            state=data.get("state", QUEUED),
            done=done,
            total=int(data.get("total", 0)),
            mode=data.get("mode", ""),
            error=data.get("error"),
            submitted=float(data.get("submitted", 0)),
            finished=float(finished) if finished else None,
            requeues=int(data.get("requeues", 0)),
            note=data.get("note"),
        )

    def result(self, job_id: str) -> dict[str, Any] | None:
        raw = self.r.get(f"{_PREFIX}{job_id}:result")
        return json.loads(raw) if raw else None

    def recent(self, limit: int = 20) -> list[JobStatus]:
        ids = self.r.zrevrange(_INDEX, 0, limit * 2)
        out = []
        for job_id in ids:
            try:
                out.append(self.status(job_id))
            except JobNotFound:
                self.r.zrem(_INDEX, job_id)  # expired record: drop it from the index
            if len(out) == limit:
                break
        return out
