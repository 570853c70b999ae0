"""Workers that die, on real parts: a SIGKILLed worker's step back on the queue within a
minute or two and done once; a long step on a live worker never handed out twice; an
engine that dies of SIGILL ends its job with the reason after its attempts, and the
watched file goes to failed/; and every command's one line when the engine cannot run."""

import re
import subprocess
import sys
import time
from collections import Counter

import pytest
from jsonschema import validate

from summarize.engines.cpu.build import installed_build
from summarize.engines.cpu.features import read_cpu
from summarize.engines.cpu.fit import EngineFit, ProbeCache
from summarize.engines.cpu.probe import run
from summarize.schema import DOCUMENT_SCHEMA
from tests.conftest import EXAMPLE_PDF, MAIN_MODEL, SMALL_MODEL
from tests.helpers.documents import report_text
from tests.workers.services import WatchProcess, Worker, docsum_env, wait_for
from workers.jobs import JobStore, connect

pytestmark = pytest.mark.slow

_TASK = re.compile(r"Task (docsum\.\w+)\[([0-9a-f-]+)\] (received|succeeded)")


def _events(*workers) -> dict[str, Counter]:
    """Task ids received and succeeded, counted over the workers' own logs."""
    counts = {"received": Counter(), "succeeded": Counter()}
    for worker in workers:
        for _, task_id, event in _TASK.findall(worker.log.read_text(errors="replace")):
            counts[event][task_id] += 1
    return counts


def _in_flight(worker) -> list[str]:
    events = _events(worker)
    return [t for t in events["received"] if t not in events["succeeded"]]


def _submit(path, env) -> str:
    done = subprocess.run([sys.executable, "-m", "cli", "submit", str(path)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _poll(store, job_id, predicate, timeout, every=0.1, workers=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = store.status(job_id)
        if predicate(status):
            return status
        time.sleep(every)
    try:
        held = _what_the_broker_holds(store.r, workers)
    except Exception as exc:  # noqa: BLE001 - the diagnosis must not hide the failure it explains
        held = f"(the broker could not say: {exc})"
    raise AssertionError(f"job {job_id} stuck: {store.status(job_id)}\n{held}")


def _what_the_broker_holds(client, workers) -> str:
    """For a job that hangs: who is alive, who holds what, the mutex, and the workers' last lines."""
    lines = [f"{key}: ttl {client.ttl(key)} {client.get(key) if client.type(key) in ('string', b'string') else ''}"
             for key in sorted(client.keys("docsum:worker:*")) + client.keys("unacked_mutex")]
    lines.append(f"unacked_index: {client.zrange('unacked_index', 0, -1, withscores=True)}")
    for worker in workers:
        lines.append(f"--- {worker.log.name}\n" + "\n".join(worker.log.read_text(errors="replace").splitlines()[-15:]))
    return "\n".join(lines)


def test_a_killed_worker_s_step_is_back_within_two_minutes_and_done_once(workers, service_env, tmp_path, redis_server):
    # The visibility timeout is an hour: only the heartbeat can bring the step back in time.
    service_env.update({
        "DOCSUM_WORKER_HEARTBEAT": "6", "DOCSUM_VISIBILITY_TIMEOUT": "3600", "DOCSUM_OUTPUT_RETRIES": "0",
        "DOCSUM_MAP_OUTPUT_TOKENS": "192", "DOCSUM_OUTPUT_TOKENS": "384",
    })
    victim, survivor = workers(2)
    path = tmp_path / "long.txt"
    path.write_text(report_text(60, seed=3))
    job_id = _submit(path, service_env)
    store = JobStore(connect(redis_server.url))
    _poll(store, job_id, lambda s: s.done >= 2 and len(_in_flight(victim)) == 1, 600, every=0.5)
    # Both workers alive for several heartbeats so far: nothing was handed out twice.
    assert store.status(job_id).requeues == 0
    assert max(_events(victim, survivor)["received"].values()) == 1
    (lost,) = _in_flight(victim)
    killed = time.monotonic()
    victim.kill()  # SIGKILL: a power cut, an out-of-memory kill
    requeued = _poll(store, job_id, lambda s: s.requeues >= 1, 180, workers=(victim, survivor))
    back_after = time.monotonic() - killed
    assert back_after < 120, f"the dead worker's step came back after {back_after:.0f} s"
    # The survivor is busy with a step of its own: the job waits, and says so.
    assert requeued.state == "queued", requeued
    assert "stopped (no heartbeat)" in requeued.note

    final = _poll(store, job_id, lambda s: s.state in ("done", "failed"), 900, every=0.5)
    assert final.state == "done", final.error
    assert final.done == final.total and final.requeues == 1
    validate(store.result(job_id), DOCUMENT_SCHEMA)
    events = _events(victim, survivor)
    assert events["succeeded"][lost] == 1 and lost in _events(survivor)["succeeded"]
    assert set(events["succeeded"].values()) == {1}, "every step, and the summary, done once"
    assert [t for t, n in events["received"].items() if n > 1] == [lost]


def test_a_long_step_on_a_live_worker_is_not_handed_out_twice(service_env, tmp_path, redis_server):
    # The main model on one thread takes tens of seconds for one summary; the other worker
    # reaps every second and must leave it alone.
    env = {**service_env, "DOCSUM_MODEL": MAIN_MODEL, "DOCSUM_CTX": "4096", "DOCSUM_WORKER_HEARTBEAT": "4",
           "DOCSUM_READ": "evidence", "DOCSUM_LENGTH": "long"}
    busy = Worker(env, tmp_path / "busy.log").wait_ready()
    idle = None
    try:
        path = tmp_path / "report.txt"
        path.write_text(report_text(8, seed=11))
        job_id = _submit(path, env)
        wait_for(lambda: len(_in_flight(busy)) == 1, 120, "the busy worker to take the step")
        idle = Worker(env, tmp_path / "idle.log").wait_ready()
        store = JobStore(connect(redis_server.url))
        final = _poll(store, job_id, lambda s: s.state in ("done", "failed"), 600, every=0.5)
    finally:
        for worker in (busy, idle):
            if worker:
                worker.stop()
    assert final.state == "done" and final.requeues == 0
    took = float(re.search(r"docsum\.reduce\[[0-9a-f-]+\] succeeded in ([0-9.]+)s", busy.log.read_text()).group(1))
    # Longer than two lifetimes of a heartbeat key: without the busy worker's beats, the idle
    # one would have taken the step back while it ran.
    assert took > 2 * 4, f"the step took {took:.1f} s: too short to show anything"
    assert _events(idle)["received"] == Counter(), "the idle worker never got the busy one's step"
    assert list(_events(busy)["received"].values()) == [1]


def test_an_engine_that_dies_of_sigill_fails_the_job_with_its_reason(service_env, tmp_path, redis_server):
    env = {**service_env, "DOCSUM_TASK_ATTEMPTS": "2", "DOCSUM_WORKER_HEARTBEAT": "6"}
    worker = Worker(env, tmp_path / "worker.log", module="tests.helpers.crashing_worker").wait_ready()
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "memo.txt").write_text(report_text(2, seed=4))
    watcher = WatchProcess(inbox, outbox, env, tmp_path / "watch.log")
    try:
        wait_for(lambda: (outbox / "failed" / "memo.txt.error.txt").exists(), 300, "the file in failed/")
    finally:
        watcher.stop()
        worker.stop()
    reason = (outbox / "failed" / "memo.txt.error.txt").read_text()
    assert "gave up after 2 attempts of one step" in reason and "signal 4 (SIGILL))" in reason
    assert (outbox / "failed" / "memo.txt").exists() and not list(inbox.iterdir())
    log = worker.log.read_text()
    assert log.count("signal 4 (SIGILL)") >= 2
    (job,) = JobStore(connect(redis_server.url)).recent(5)
    assert job.state == "failed" and "SIGILL" in job.error


def _seed_crash(cache_root):
    """The verdict the probe would leave on a machine where this build dies of SIGILL."""
    build, cpu = installed_build(), read_cpu()
    crash = run([sys.executable, "-m", "tests.helpers.sigill"])
    assert crash.crashed
    ProbeCache(cache_root / "docsum").put(build, cpu, EngineFit(build.build_id, cpu.fingerprint, (crash,)))


def test_each_command_says_in_one_line_that_the_engine_cannot_run_here(tmp_path, redis_server, small_model):
    _seed_crash(tmp_path / "cache")
    local = docsum_env({"XDG_CACHE_HOME": str(tmp_path / "cache"), "DOCSUM_MODEL": SMALL_MODEL})
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "memo.txt").write_text(report_text(1, seed=1))
    commands = {
        "summarize": (["summarize", str(EXAMPLE_PDF)], local),
        "watch": (["watch", str(inbox), "--out", str(outbox)], local),
        "worker": (["worker"], {**local, "DOCSUM_BROKER_URL": redis_server.url}),
        "doctor": (["doctor"], local),
    }
    for name, (args, env) in commands.items():
        done = subprocess.run([sys.executable, "-m", "cli", *args], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 15, (name, done.returncode, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "died of SIGILL (illegal instruction)" in lines[0], (name, done.stderr)
        assert "DOCSUM_LLAMA_BUILD=portable" in lines[0] and "Traceback" not in done.stderr
    assert (inbox / "memo.txt").exists(), "nothing a user gives is lost"
