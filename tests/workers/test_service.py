"""The batch service on real parts: redis-server, `docsum worker` processes, the small real model."""

import json
import subprocess
import sys
import time

import pytest
from jsonschema import validate

from summarize.schema import DOCUMENT_SCHEMA
from tests.helpers.documents import report_text
from tests.helpers.timings import assert_wall_timings
from tests.workers.services import docsum_env, free_port

pytestmark = pytest.mark.slow


def docsum(*args, env, timeout=900):
    return subprocess.run([sys.executable, "-m", "cli", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_several_documents_through_two_workers(workers, service_env, tmp_path):
    two = workers(2)
    docs = []
    for i, sections in enumerate((14, 2, 3)):
        path = tmp_path / f"report{i}.txt"
        path.write_text(report_text(sections, seed=i))
        docs.append(path)
    out = tmp_path / "out"
    started = time.perf_counter()
    result = docsum("submit", *docs, "--wait", "--out", out, env=service_env)
    wall = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.split()) == 3, "one job id per input"
    modes = set()
    for path in docs:
        data = json.loads((out / f"{path.stem}.summary.json").read_text())
        validate(data, DOCUMENT_SCHEMA)
        modes.add(data["strategy"]["mode"])
        assert_wall_timings(data["timings"], wall, workers=True)
        assert ("map_s" in data["timings"]) == (data["strategy"]["mode"] == "map_reduce")
        assert all(set(k["pages"]) <= set(range(1, data["source"]["pages"] + 1)) for k in data["key_points"])
    assert modes == {"single", "map_reduce"}
    # The long document's windows were spread over both boxes.
    for worker in two:
        assert "docsum.map" in worker.log.read_text() and "succeeded" in worker.log.read_text()


def test_submit_wait_gives_the_same_plan_and_summary_as_local(workers, service_env, tmp_path):
    # One worker alone on the box: it and the local run both use the two cores.
    service_env = {**service_env, "DOCSUM_THREADS": "2"}
    workers(1, threads=2)
    out_local, out_remote = tmp_path / "local", tmp_path / "remote"
    # The third reads the long one's evidence (no map step) at another length: the submitter's
    # choices travel with the job.
    for sections, name, extra in ((3, "short", ()), (14, "long", ()), (14, "evidence", ("--read", "evidence", "--length", "short"))):
        path = tmp_path / f"{name}.txt"
        path.write_text(report_text(sections, seed=7))
        local = docsum("summarize", path, "--out", out_local, "-q", *extra, env=service_env)
        assert local.returncode == 0, local.stderr
        remote = docsum("submit", path, "--wait", "--out", out_remote, *extra, env=service_env)
        assert remote.returncode == 0, remote.stderr
        a = json.loads((out_local / f"{name}.summary.json").read_text())
        b = json.loads((out_remote / f"{name}.summary.json").read_text())
        assert (a["strategy"]["mode"], a["strategy"]["chunks"]) == (b["strategy"]["mode"], b["strategy"]["chunks"])
        assert a["strategy"]["chunk_pages"] == b["strategy"]["chunk_pages"]
        if extra:
            assert b["strategy"]["mode"] == "evidence" and b["strategy"]["length_words"] == 60
        # Greedy decoding on the same prompts: the same words.
        for field in ("title", "summary", "key_points", "doc_type", "entities"):
            assert a[field] == b[field], field


def test_broker_down_is_one_clear_line(tmp_path):
    env = docsum_env({"DOCSUM_BROKER_URL": f"redis://127.0.0.1:{free_port()}/0"})
    doc = tmp_path / "a.txt"
    doc.write_text(report_text(1))
    for args in (["submit", doc], ["status", "abc"], ["jobs"], ["worker"], ["result", "abc"]):
        started = time.monotonic()
        result = docsum(*args, env=env, timeout=60)
        assert result.returncode == 8, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert lines[-1].startswith("docsum: error: cannot reach the broker") and "Traceback" not in result.stderr
        assert time.monotonic() - started < 30, "no hang"


def test_unknown_job_id(redis_server, tmp_path):
    env = docsum_env({"DOCSUM_BROKER_URL": redis_server.url})
    result = docsum("status", "nope", env=env, timeout=60)
    assert result.returncode == 9 and "no job nope" in result.stderr
