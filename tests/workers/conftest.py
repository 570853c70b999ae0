import pytest

from tests.conftest import SMALL_MODEL
from tests.workers.services import RedisServer, Worker, docsum_env

#: Small enough that a few KB of text needs several windows on the small model.
CTX = 2048


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis").start()
    yield server
    server.stop()


@pytest.fixture
def service_env(redis_server, small_model):
    """Environment for docsum processes on the test broker, with short fault-recovery times."""
    return docsum_env(
        {
            "DOCSUM_BROKER_URL": redis_server.url,
            "DOCSUM_MODEL": SMALL_MODEL,
            "DOCSUM_CTX": str(CTX),
            "DOCSUM_THREADS": "1",
            "DOCSUM_TASK_TIME_LIMIT": "240",  # generous: a small-model step took over 60 s on a slow CI box
            "DOCSUM_VISIBILITY_TIMEOUT": "300",
            "DOCSUM_RESTORE_INTERVAL": "1",
            "DOCSUM_WATCH_STABLE_SECONDS": "1",
            # These tests spread map steps over workers: long documents are read in full.
            # (Evidence mode needs no map step: test_evidence_job_is_one_reduce_step.)
            "DOCSUM_READ": "full",
        }
    )


@pytest.fixture
def workers(service_env, tmp_path):
    """Start N real `docsum worker` processes; all are stopped after the test."""
    started: list[Worker] = []

    def start(n: int = 1, **kw) -> list[Worker]:
        new = [Worker(service_env, tmp_path / f"worker{len(started) + i}.log", **kw) for i in range(n)]
        started.extend(new)
        return [w.wait_ready() for w in new]

    yield start
    for w in started:
        w.stop()
