"""Workers that show they are alive, and the tasks of a dead one back on the queue in a
minute or two instead of after the visibility timeout (an hour by default).

kombu's Redis transport emulates acknowledgements: a delivered message waits in the
`unacked` hash until its worker acks it, and is put back only when it is older than the
visibility timeout, which must exceed the longest task or a live worker's task would be
handed out twice. So the timeout cannot be short, and a box that loses power costs an
hour per document. Here each worker refreshes a key while it lives and records which
messages it holds; any worker that finds a message held by a worker whose key has
expired puts it back with kombu's own restore_by_tag (a transaction: it is restored once,
and not at all if it was acknowledged meanwhile). A message held by a live worker is
never touched, however long its task runs.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Callable

import redis

_ALIVE = "docsum:worker:alive:"
_HELD = "docsum:worker:held:"

log = logging.getLogger("docsum.liveness")


@dataclass(frozen=True)
class Held:
    """A message a worker took from the queue and has not acknowledged."""

    tag: str
    worker: str
    job_id: str | None
    task_id: str
    name: str


@dataclass(frozen=True)
class Restored:
    """A message put back on the queue, and why."""

    tag: str
    job_id: str | None
    task_id: str | None
    reason: str


class Liveness:
    """One worker's heartbeat and the record of the messages it holds."""

    def __init__(self, client: redis.Redis, hostname: str, heartbeat_s: int, hold_s: int):
        self.r = client
        #: New at every start: a worker restarted with the same pid and host name is not
        #: mistaken for the one that died holding messages.
        self.worker_id = f"{hostname}/{uuid.uuid4().hex[:8]}"
        self.heartbeat_s = heartbeat_s
        self.hold_s = hold_s

    def beat(self) -> None:
        self.r.set(_ALIVE + self.worker_id, str(time.time()), ex=self.heartbeat_s)

    def hold(self, tag: str, task_id: str, name: str, job_id: str | None) -> None:
        record = {"worker": self.worker_id, "task_id": task_id, "name": name, "job_id": job_id}
        self.r.set(_HELD + tag, json.dumps(record), ex=self.hold_s)


def alive(client: redis.Redis, worker_id: str) -> bool:
    return bool(client.exists(_ALIVE + worker_id))


def held(client: redis.Redis, tag: str) -> Held | None:
    raw = client.get(_HELD + tag)
    if not raw:
        return None
    data = json.loads(raw)
    return Held(tag, data["worker"], data.get("job_id"), data["task_id"], data["name"])


def reap(
    client: redis.Redis,
    restore_by_tag: Callable[[str], None],
    unacked_key: str,
    unacked_index_key: str,
    grace_s: float,
    now: float | None = None,
) -> list[Restored]:
    """Put back every unacknowledged message whose worker is dead; returns what was put back.

    A message with no holder on record (its worker died between taking it and saying so,
    a matter of milliseconds) is put back once it has waited grace_s.
    """
    now = time.time() if now is None else now
    restored: list[Restored] = []
    for raw_tag, since in client.zrange(unacked_index_key, 0, -1, withscores=True):
        tag = raw_tag.decode() if isinstance(raw_tag, bytes) else raw_tag
        holder = held(client, tag)
        if holder is not None:
            if alive(client, holder.worker):
                continue
            reason = f"its worker {holder.worker.split('/')[0]} stopped (no heartbeat)"
        elif now - since < grace_s:
            continue
        else:
            reason = f"no worker held it for {now - since:.0f} s"
        if not client.hexists(unacked_key, tag):
            continue  # acknowledged meanwhile
        client.delete(_HELD + tag)
        restore_by_tag(tag)
        restored.append(Restored(tag, holder.job_id if holder else None, holder.task_id if holder else None, reason))
    return restored


class Heart:
    """A thread in the worker's main process: beats, and reaps every beat."""

    def __init__(self, liveness: Liveness, tick: Callable[[], None]):
        self.liveness = liveness
        self.tick = tick
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="docsum-heart", daemon=True)

    def start(self) -> "Heart":
        self.liveness.beat()
        self.thread.start()
        return self

    def _run(self) -> None:
        interval = max(1.0, self.liveness.heartbeat_s / 4)
        while not self.stopped.wait(interval):
            try:
                self.liveness.beat()
            except (redis.RedisError, OSError) as exc:
                # The broker is away: nothing to beat on; the next tick tries again.
                log.warning("heartbeat: %s", exc)
                continue
            try:
                self.tick()
            except Exception as exc:  # noqa: BLE001 - a failed reap must never stop the heartbeat,
                # or the others would take this live worker for dead and run its tasks twice.
                log.warning("looking for dead workers' tasks: %s", exc)

    def stop(self) -> None:
        self.stopped.set()
