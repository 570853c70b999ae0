"""The batch service and the watched folder: Celery tasks on Redis, job records,
and the inbox watcher. Every stage they run goes through docsum.pipeline."""
