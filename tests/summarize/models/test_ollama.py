"""Models pulled by Ollama, found through its manifests; the layout is built here
the way Ollama documents it (manifests/HOST/NAMESPACE/MODEL/TAG, blobs/sha256-HEX)."""

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from core.errors import ModelUnavailable
from summarize.models.ollama import MODEL_LAYER
from summarize.models.store import ModelStore
from tests.conftest import base_settings
from tests.workers.services import docsum_env

GGUF = b"GGUF" + b"\0" * 60


def pull(root, name, payload=GGUF, extra_layers=(), declared_size=None, host="registry.ollama.ai", namespace="library"):
    """Lay out a model the way `ollama pull` leaves it; returns the blob's path."""
    model, _, tag = name.partition(":")
    digest = hashlib.sha256(payload if isinstance(payload, bytes) else payload.read_bytes()).hexdigest()
    blob = root / "blobs" / f"sha256-{digest}"
    blob.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(payload, bytes):
        blob.write_bytes(payload)
    else:
        try:
            os.link(payload, blob)  # a 100 MB model: no copy when the file system allows
        except OSError:
            shutil.copyfile(payload, blob)
    size = declared_size if declared_size is not None else blob.stat().st_size
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "digest": "sha256:" + "0" * 64, "size": 2},
        "layers": [
            {"mediaType": MODEL_LAYER, "digest": f"sha256:{digest}", "size": size},
            {"mediaType": "application/vnd.ollama.image.template", "digest": "sha256:" + "1" * 64, "size": 10},
            *extra_layers,
        ],
    }
    path = root / "manifests" / host / namespace / model / (tag or "latest")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest))
    return blob


def test_names_resolve_to_their_blobs_with_default_tag_and_namespaces(tmp_path):
    plain = pull(tmp_path, "qwen2.5:0.5b")
    latest = pull(tmp_path, "smollm2", payload=GGUF + b"x")
    hf = pull(tmp_path, "Repo-GGUF:Q4_K_M", payload=GGUF + b"y", host="hf.co", namespace="org")
    store = ModelStore(base_settings(ollama_models=tmp_path))
    found = store.resolve("ollama:qwen2.5:0.5b")
    assert found.path == plain and found.name == "ollama:qwen2.5:0.5b" and found.sha256 == plain.name[7:]
    assert store.resolve("ollama:smollm2").path == latest
    assert store.resolve("ollama:hf.co/org/Repo-GGUF:Q4_K_M").path == hf
    names = [m.name for m in store.ollama.list()]
    assert names == ["hf.co/org/Repo-GGUF:Q4_K_M", "qwen2.5:0.5b", "smollm2:latest"]


@pytest.mark.parametrize(
    "setup, name, message",
    [
        (lambda root: None, "ollama:qwen2.5:0.5b", "Ollama has not pulled qwen2.5:0.5b .*run: ollama pull qwen2.5:0.5b"),
        (lambda root: pull(root, "m").unlink(), "ollama:m", "model file for m:latest is missing"),
        (lambda root: pull(root, "m", declared_size=10**9), "ollama:m", "incomplete .* of 1000000000 bytes"),
        (lambda root: pull(root, "m", payload=b"not a gguf at all"), "ollama:m", "not a GGUF model file"),
        (
            lambda root: pull(root, "m", extra_layers=[{"mediaType": "application/vnd.ollama.image.adapter", "digest": "sha256:" + "2" * 64}]),
            "ollama:m",
            "LoRA adapter",
        ),
        (lambda root: None, "ollama:../../etc/passwd", "not a valid Ollama model name"),
        (lambda root: None, "ollama:", "not a valid Ollama model name"),
    ],
)
def test_what_cannot_be_run_is_a_clear_error(tmp_path, setup, name, message):
    setup(tmp_path)
    with pytest.raises(ModelUnavailable, match=message):
        ModelStore(base_settings(ollama_models=tmp_path)).resolve(name, pull=False)


def test_ollama_models_variable_points_at_the_store(tmp_path):
    from core.settings import load_settings

    settings = load_settings(env={"HOME": "/home/x", "OLLAMA_MODELS": str(tmp_path), "DOCSUM_CONFIG": "/nonexistent"})
    assert settings.ollama_models == tmp_path
    assert load_settings(env={"HOME": "/home/x", "DOCSUM_CONFIG": "/nonexistent"}).ollama_models.as_posix() == "/home/x/.ollama/models"


@pytest.mark.slow
def test_a_model_pulled_by_ollama_summarizes_in_process(tmp_path, small_model):
    store = tmp_path / "ollama"
    pull(store, "smollm2:135m", payload=small_model.path)
    env = docsum_env({"OLLAMA_MODELS": str(store), "DOCSUM_THREADS": "2"})
    listed = subprocess.run([sys.executable, "-m", "cli", "models", "list"], env=env, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and "ollama:smollm2:135m" in listed.stdout

    doc = tmp_path / "memo.txt"
    doc.write_text("Memo.\n\nThe library opens at nine and closes at five. Members may borrow ten books.\n\nFines are ten cents a day.\n")
    run = subprocess.run(
        [sys.executable, "-m", "cli", "summarize", str(doc), "--model", "ollama:smollm2:135m", "--ctx", "2048", "-q"],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["model"]["name"] == "ollama:smollm2:135m"
    assert summary["model"]["sha256"] == small_model.sha256  # the blob is the same file: nothing downloaded again
    assert summary["model"]["engine"] == "llama"
