"""What a worker process does besides its tasks: it proves the engine before it takes any,
beats while it lives, puts dead workers' tasks back on the queue, and records the
messages it holds.

`docsum worker` calls prepare() and then runs Celery's worker; the handlers below run
in the worker's main process, never in the pool processes that run the tasks.
"""

from __future__ import annotations

import logging

import redis
from celery import Celery, signals

from core.settings import Settings
from docsum.pipeline import check_engine
from workers.jobs import JobStore, connect
from workers.liveness import Heart, Liveness, Restored, UnackedKeys, reap
from workers.tasks import job_id_of

log = logging.getLogger("docsum.worker")


class Reaper:
    """The heart's tick: one broker connection of its own, made and used in the heart's thread."""

    def __init__(self, app: Celery, client: redis.Redis):
        self.app, self.client = app, client
        self.store = JobStore(client)
        self._channel = None

    def _record(self, restored: Restored) -> None:
        log.warning("putting a task back on the queue: %s", restored.reason)
        self.store.step_lost(restored.task_id, restored.job_id, restored.reason)

    def __call__(self) -> None:
        if self._channel is None:
            self._channel = self.app.connection_for_write().default_channel
        channel = self._channel
        keys = UnackedKeys(channel.unacked_key, channel.unacked_index_key, channel.unacked_mutex_key)
        reap(self.client, lambda tag: channel.qos.restore_by_tag(tag, leftmost=True), keys, self._record)


def prepare(app: Celery, settings: Settings, hostname: str) -> str | None:
    """Check the engine (EngineUnsupported if it cannot run here) and wire the handlers.

    Returns the check's verdict in one line, for the worker's log (None: nothing to check).
    """
    verdict = check_engine(settings)
    client = connect(settings.broker)
    liveness = Liveness(client, hostname, settings.worker_heartbeat, settings.visibility)
    heart = Heart(liveness, Reaper(app, client))

    @signals.worker_ready.connect(weak=False)
    def _ready(sender=None, **_):
        heart.start()

    @signals.task_received.connect(weak=False)
    def _received(sender=None, request=None, **_):
        tag = getattr(request.message, "delivery_tag", None)
        if tag:
            liveness.hold(tag, request.id, job_id_of(request.name, request.args))

    @signals.worker_shutdown.connect(weak=False)
    def _shutdown(sender=None, **_):
        heart.stop()

    return verdict
