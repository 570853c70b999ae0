"""Workers that show they are alive, and the tasks of a dead one back on the queue in a
minute or two instead of after the visibility timeout (an hour by default).

kombu's Redis transport emulates acknowledgements: a delivered message waits in the
`unacked` hash until its worker acks it, and is put back only when it is older than the
visibility timeout, which must exceed the longest task or a live worker's task would be
handed out twice. So the timeout cannot be short, and a box that loses power costs an
hour per document. Here each worker refreshes a key while it lives and records which
messages it holds; a worker that finds a message held by a worker whose key has expired
puts it back with kombu's own restore_by_tag. A message held by a live worker is never
touched, however long its task runs, and neither is one no docsum worker claimed (another
application's, or one whose record could not be written): those keep kombu's timeout.
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
from kombu.transport.redis import Mutex, MutexHeld

_ALIVE = "docsum:worker:alive:"
#: How long kombu's unacked mutex outlives a holder that died: kombu's restore_visible and
#: every reaper take it, and a worker killed inside either would otherwise block all reaping
#: for kombu's default five minutes, past the minute or two a dead worker's step may take.
MUTEX_EXPIRE_S = 60
_HELD = "docsum:worker:held:"

log = logging.getLogger("docsum.liveness")


@dataclass(frozen=True)
class Held:
    """A message a worker took from the queue and has not acknowledged."""

    tag: str
    worker: str
    job_id: str | None
    task_id: str


@dataclass(frozen=True)
class Restored:
    """A message put back on the queue, and why."""

    tag: str
    job_id: str | None
    task_id: str
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

    def hold(self, tag: str, task_id: str, job_id: str | None, tries: int = 3) -> None:
        """Record a message as this worker's; a blip of the broker is tried again, since a
        message with no record is left to the visibility timeout if this worker dies."""
        record = json.dumps({"worker": self.worker_id, "task_id": task_id, "job_id": job_id})
        for attempt in range(tries):
            try:
                self.r.set(_HELD + tag, record, ex=self.hold_s)
                return
            except (redis.ConnectionError, redis.TimeoutError):
                if attempt + 1 == tries:
                    raise
                time.sleep(0.2 * (attempt + 1))


def alive(client: redis.Redis, worker_id: str) -> bool:
    return bool(client.exists(_ALIVE + worker_id))


def held(client: redis.Redis, tag: str) -> Held | None:
    raw = client.get(_HELD + tag)
    if not raw:
        return None
    data = json.loads(raw)
    return Held(tag, data["worker"], data.get("job_id"), data["task_id"])


@dataclass(frozen=True)
class UnackedKeys:
    """Where kombu's Redis transport keeps unacknowledged messages (its channel's names)."""

    unacked: str = "unacked"
    index: str = "unacked_index"
    mutex: str = "unacked_mutex"


def reap(
    client: redis.Redis,
    restore_by_tag: Callable[[str], None],
    keys: UnackedKeys,
    before_restore: Callable[[Restored], None] = lambda restored: None,
) -> list[Restored]:
    """Put back every unacknowledged message whose worker is dead; returns what was put back.

    Runs under kombu's own unacked mutex (the one its restore_visible takes), so two
    workers never reap at once; a message delivered again since it was listed (its index
    score changed) is left alone. before_restore runs first, so a job record says why
    before another worker can take the step.
    """
    restored: list[Restored] = []
    try:
        with Mutex(client, keys.mutex, MUTEX_EXPIRE_S):
            for raw_tag, since in client.zrange(keys.index, 0, -1, withscores=True):
                tag = raw_tag.decode() if isinstance(raw_tag, bytes) else raw_tag
                holder = held(client, tag)
                if holder is None or alive(client, holder.worker):
                    continue
                if client.zscore(keys.index, tag) != since or not client.hexists(keys.unacked, tag):
                    continue  # acknowledged, or delivered again, since it was listed
                entry = Restored(tag, holder.job_id, holder.task_id,
                                 f"its worker {holder.worker.split('/')[0]} stopped (no heartbeat)")
                before_restore(entry)
                restore_by_tag(tag)
                restored.append(entry)
    except MutexHeld:
        pass  # another worker is reaping, or kombu is restoring: next beat
    return restored


class Heart:
    """A thread in the worker's main process: beats, and reaps once it has beaten well.

    A worker reaps only after its own beats have gone through for a whole heartbeat period
    and the broker has been up as long: after an outage, or a broker restarted from its
    append-only file, every worker's key may have expired while they all still work.
    """

    def __init__(self, liveness: Liveness, tick: Callable[[], None]):
        self.liveness = liveness
        self.tick = tick
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="docsum-heart", daemon=True)
        self._beating_since: float | None = None

    def start(self) -> "Heart":
        self.thread.start()
        return self

    def _beat(self) -> bool:
        try:
            self.liveness.beat()
        except (redis.RedisError, OSError) as exc:
            log.warning("heartbeat: %s", exc)
            self._beating_since = None
            return False
        if self._beating_since is None:
            self._beating_since = time.monotonic()
        return True

    def settled(self) -> bool:
        """Beating for a whole period, on a broker up at least as long."""
        period = self.liveness.heartbeat_s
        if self._beating_since is None or time.monotonic() - self._beating_since < period:
            return False
        return int(self.liveness.r.info("server").get("uptime_in_seconds", 0)) >= period

    def _run(self) -> None:
        interval = max(1.0, self.liveness.heartbeat_s / 4)
        while True:
            if self._beat():
                try:
                    if self.settled():
                        self.tick()
                except Exception as exc:  # noqa: BLE001 - a failed reap must never stop the heartbeat,
                    # or the others would take this live worker for dead and run its tasks twice.
                    log.warning("looking for dead workers' tasks: %s", exc)
            if self.stopped.wait(interval):
                return

    def stop(self) -> None:
        self.stopped.set()
