"""What a worker process does besides its tasks: it proves the engine before it takes any,
beats while it lives, puts dead workers' tasks back on the queue, and keeps each job's
record honest when a step's process dies under it.

`docsum worker` calls prepare() and then runs Celery's worker; the handlers below run
in the worker's main process, never in the pool processes that run the tasks.
"""

from __future__ import annotations

import logging

from celery import Celery, signals
from celery.exceptions import WorkerLostError
from billiard.common import human_status
from celery.worker.request import Request

from core.settings import Settings
from docsum.pipeline import check_engine
from workers.jobs import JobStore, connect
from workers.liveness import Heart, Liveness, reap
from workers.tasks import job_id_of

log = logging.getLogger("docsum.worker")


def prepare(app: Celery, settings: Settings, hostname: str) -> str | None:
    """Check the engine (EngineUnsupported if it cannot run here) and wire the handlers.

    Returns the probe's verdict in one line, for the worker's log (None: nothing to check).
    """
    verdict = check_engine(settings)
    client = connect(settings.broker)
    store = JobStore(client)
    liveness = Liveness(client, hostname, settings.worker_heartbeat, settings.visibility)
    grace = 2 * settings.worker_heartbeat
    state: dict[str, Heart] = {}

    def tick() -> None:
        channel = state.setdefault("channel", app.connection_for_write().default_channel)
        for restored in reap(client, lambda tag: channel.qos.restore_by_tag(tag, leftmost=True),
                             channel.unacked_key, channel.unacked_index_key, grace):
            log.warning("put a task back on the queue: %s", restored.reason)
            if restored.task_id:
                store.lost(restored.task_id, restored.reason)
            if restored.job_id:
                store.requeued(restored.job_id, restored.reason)

    @signals.worker_ready.connect(weak=False)
    def _ready(sender=None, **_):
        state["heart"] = Heart(liveness, tick).start()
        tick()  # at once: a worker that starts after a power cut finds what the old one held

    @signals.task_received.connect(weak=False)
    def _received(sender=None, request=None, **_):
        tag = getattr(request.message, "delivery_tag", None)
        if tag:
            liveness.hold(tag, request.id, request.name, job_id_of(request.name, request.args))

    @signals.worker_shutdown.connect(weak=False)
    def _shutdown(sender=None, **_):
        if "heart" in state:
            state["heart"].stop()

    return verdict


class TaskRequest(Request):
    """Celery's request, plus a note in the job's record when the process running it dies.

    With late acknowledgement and reject_on_worker_lost, Celery puts a task whose pool
    process died back on the queue through reject(requeue=True); that is the one place
    that knows it happened, and on_failure the one that knows why.
    """

    _lost_because: str | None = None

    def on_failure(self, exc_info, send_failed_event=True, return_ok=False):
        self._lost_because = _death(getattr(exc_info, "exception", None))
        return super().on_failure(exc_info, send_failed_event=send_failed_event, return_ok=return_ok)

    def reject(self, requeue=False):
        if requeue and not self.acknowledged:
            try:
                settings: Settings = self.task.app.conf.docsum_settings
                store = JobStore(connect(settings.broker))
                reason = f"the process running it died ({self._lost_because or 'no reason given'})"
                store.lost(self.id, reason)
                job_id = job_id_of(self.name, self.args)
                if job_id:
                    store.requeued(job_id, reason)
            except Exception as error:  # noqa: BLE001 - bookkeeping must not stop the requeue
                log.warning("could not record a lost task: %s", error)
        return super().reject(requeue=requeue)


def _death(exc: BaseException | None) -> str | None:
    """'signal 4 (SIGILL)' for a pool process that died of SIGILL, as Celery reports it."""
    exc = getattr(exc, "exc", exc)  # ExceptionWithTraceback
    if isinstance(exc, SystemExit):
        return human_status(exc.code if isinstance(exc.code, int) else 1)
    if isinstance(exc, WorkerLostError):
        return str(exc).removeprefix("Worker exited prematurely: ").rstrip(".")
    return None
