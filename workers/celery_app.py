"""The Celery application, configured from Settings in one place."""

from __future__ import annotations

from celery import Celery

from core.settings import Settings
from workers.liveness import MUTEX_EXPIRE_S


def make_app(settings: Settings) -> Celery:
    """A Celery app on settings.broker, set up so that no task is lost or run twice by accident."""
    url = settings.broker
    transport = {
        # Longer than the hard time limit: Redis must not hand a running task to
        # a second worker. Broker and result backend use the same value.
        "visibility_timeout": settings.visibility,
        "unacked_restore_interval": settings.restore_interval,
        "unacked_restore_throttle": 1,
        "unacked_mutex_expire": MUTEX_EXPIRE_S,
        "socket_connect_timeout": 5,
    }
    app = Celery("docsum", broker=url, backend=url, include=["workers.tasks"])
    app.conf.update(
        # JSON only: a pickled message is refused, never executed.
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_accept_content=["json"],
        # A task is acknowledged when it is done, one at a time, and put back
        # on the queue if the process running it dies.
        task_acks_late=True,
        worker_prefetch_multiplier=1,
        task_reject_on_worker_lost=True,
        task_soft_time_limit=settings.task_time_limit,
        task_time_limit=settings.hard_time_limit,
        broker_transport_options=transport,
        result_backend_transport_options=transport,
        broker_connection_retry_on_startup=True,
        redis_socket_connect_timeout=5,
        result_expires=7 * 24 * 3600,
        task_track_started=True,
        worker_send_task_events=True,
        task_send_sent_event=True,
        worker_hijack_root_logger=False,
    )
    # Workers read their local settings (models_dir, threads) from here; the job
    # message carries the rest. Not serialized: forked pool processes inherit it.
    app.conf.docsum_settings = settings
    return app
