"""The openai engine against a real OpenAI-compatible server: llama-cpp-python's
own server (`python -m llama_cpp.server`) with the small model, on loopback."""

import json
import subprocess
import sys

import pytest
from jsonschema import validate

from docsum.pipeline import Pipeline, load_engine
from summarize.schema import DOCUMENT_SCHEMA
from tests.conftest import EXAMPLE_PDF, SERVER_ALIAS, SMALL_MODEL, base_settings
from tests.helpers.documents import report_text
from tests.workers.services import docsum_env, free_port

pytestmark = pytest.mark.slow


def docsum(*args, env=None, timeout=900):
    return subprocess.run(
        [sys.executable, "-m", "cli", *map(str, args)],
        env=env or docsum_env({"DOCSUM_THREADS": "2"}), capture_output=True, text=True, timeout=timeout,
    )


def _check(data, pages):
    validate(data, DOCUMENT_SCHEMA)
    assert data["summary"].strip() and data["key_points"]
    for point in data["key_points"]:
        assert set(point["pages"]) <= set(range(1, pages + 1)), point


def test_short_document_through_the_server_is_the_same_document_as_in_process(model_server):
    run = docsum("summarize", EXAMPLE_PDF, "--engine", "openai", "--base-url", model_server.base_url,
                 "--model", SERVER_ALIAS, "--ctx", "4096", "-q")
    assert run.returncode == 0, run.stderr
    served = json.loads(run.stdout)
    _check(served, 3)
    assert served["model"] == {"name": SERVER_ALIAS, "sha256": "", "n_ctx": 4096, "engine": "openai"}
    assert served["usage"]["prompt_tokens"] > served["source"]["tokens"]  # the server read the whole document

    settings = base_settings(model=SMALL_MODEL, ctx=4096, threads=2)
    local = Pipeline(settings).summarize_file(EXAMPLE_PDF).to_dict()
    _check(local, 3)
    assert set(served) == set(local)
    for key in ("schema", "source", "language", "summary_language"):
        assert served[key] == local[key], key
    # Same tokenizer on both sides: the same plan.
    assert served["strategy"] == local["strategy"]


def test_long_document_map_reduces_through_the_server_with_parallel_requests(model_server, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(report_text(14))
    settings = base_settings(engine="openai", base_url=model_server.base_url, model=SERVER_ALIAS, ctx=2048, parallel=2,
                             read="full")
    engine = load_engine(settings)
    assert engine.server.kind == "llama-cpp-python" and engine.parallel == 2
    data = Pipeline.with_engine(settings, engine).summarize_file(path).to_dict()
    _check(data, data["source"]["pages"])
    assert data["strategy"]["mode"] == "map_reduce" and data["strategy"]["chunks"] >= 2
    assert data["usage"]["calls"] >= data["strategy"]["chunks"] + 1


def test_a_server_context_smaller_than_docsum_was_told_is_a_clear_error(model_server, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(report_text(40))  # about 6k tokens: one pass at 8192, too long for the server's 4096
    run = docsum("summarize", path, "--engine", "openai", "--base-url", model_server.base_url,
                 "--model", SERVER_ALIAS, "--ctx", "8192", "--read", "full", "-q")
    assert run.returncode == 7, run.stderr
    assert run.stdout == ""
    line = run.stderr.strip()
    assert "\n" not in line and "maximum context length is 4096 tokens" in line and "--ctx" in line


def test_unknown_model_and_dead_server_are_one_line_and_their_own_exit_codes(model_server):
    run = docsum("summarize", EXAMPLE_PDF, "--engine", "openai", "--base-url", model_server.base_url, "--model", "llama3", "-q")
    assert run.returncode == 6
    assert run.stderr.strip() == (
        f"docsum: error: the model server at {model_server.base_url} does not serve 'llama3'; it serves: {SERVER_ALIAS}"
    )

    dead = f"http://127.0.0.1:{free_port()}/v1"
    run = docsum("summarize", EXAMPLE_PDF, "--engine", "openai", "--base-url", dead, "-q",
                 env=docsum_env({"DOCSUM_HTTP_RETRIES": "1"}), timeout=60)
    assert run.returncode == 12
    assert run.stderr.startswith(f"docsum: error: the model server at {dead} is not usable") and "is it running?" in run.stderr
    assert run.stderr.count("\n") == 1
