"""The request class of docsum's tasks: Celery's, plus a note in the job's record when the
process running a step dies under it."""

from __future__ import annotations

import logging

from billiard.common import human_status
from celery.exceptions import WorkerLostError
from celery.worker.request import Request

from core.settings import Settings
from workers.tasks import job_id_of, store_for

log = logging.getLogger("docsum.worker")


class TaskRequest(Request):
    """With late acknowledgement and reject_on_worker_lost, Celery puts a task whose pool
    process died back on the queue through reject(requeue=True): the one place that knows
    it happened; on_failure is the one that knows why."""

    _lost_because: str | None = None

    def on_failure(self, exc_info, send_failed_event=True, return_ok=False):
        self._lost_because = death(getattr(exc_info, "exception", None))
        return super().on_failure(exc_info, send_failed_event=send_failed_event, return_ok=return_ok)

    def reject(self, requeue=False):
        if requeue and not self.acknowledged:
            try:
                settings: Settings = self.task.app.conf.docsum_settings
                reason = f"the process running it died ({self._lost_because or 'no reason given'})"
                store_for(settings).step_lost(self.id, job_id_of(self.name, self.args), reason)
            except Exception as error:  # noqa: BLE001 - bookkeeping must not stop the requeue
                log.warning("could not record a lost task: %s", error)
        return super().reject(requeue=requeue)


def death(exc: BaseException | None) -> str | None:
    """'signal 4 (SIGILL)' for a pool process that died of SIGILL, as Celery reports it."""
    exc = getattr(exc, "exc", exc)  # ExceptionWithTraceback
    if isinstance(exc, SystemExit):
        return human_status(exc.code if isinstance(exc.code, int) else 1)
    if isinstance(exc, WorkerLostError):
        return str(exc).removeprefix("Worker exited prematurely: ").split(" Job:")[0].rstrip(".")
    return None
