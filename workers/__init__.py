"""Orchestration: the command line now, Celery workers and the watched folder later."""
