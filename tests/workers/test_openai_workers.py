"""The workers with the openai engine: the submitter picks the engine and server,
workers without a server of their own use the submitter's, on real processes."""

import json
import subprocess
import sys

import pytest
from jsonschema import validate

from summarize.schema import DOCUMENT_SCHEMA
from tests.conftest import SERVER_ALIAS
from tests.helpers.documents import report_text

pytestmark = pytest.mark.slow


def test_workers_summarize_through_the_model_server(workers, service_env, model_server, tmp_path):
    workers(1, concurrency=2)  # two map steps at once: the server gets two requests at a time
    path = tmp_path / "long.txt"
    path.write_text(report_text(14, seed=3))
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "cli", "submit", str(path), "--wait", "--out", str(out),
         "--engine", "openai", "--base-url", model_server.base_url, "--model", SERVER_ALIAS],
        env=service_env, capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads((out / "long.summary.json").read_text())
    validate(data, DOCUMENT_SCHEMA)
    assert data["model"]["engine"] == "openai" and data["model"]["name"] == SERVER_ALIAS
    assert data["strategy"]["mode"] == "map_reduce" and data["strategy"]["chunks"] >= 2
    assert all(set(k["pages"]) <= set(range(1, data["source"]["pages"] + 1)) for k in data["key_points"])
