"""Shared fixtures: real models from the store (pulled once), settings pointing at them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PDF = ROOT / "examples" / "service-agreement.pdf"
CORPUS = ROOT.parent / "shared" / "corpus"

#: The model for fast real-model tests, and the one with the default's architecture.
SMALL_MODEL = "smollm2-135m-instruct"
MAIN_MODEL = "qwen2.5-coder-0.5b-instruct"
#: The name and context the test model server serves the small model under.
SERVER_ALIAS, SERVER_CTX = "smollm2", 4096


def base_settings(**overrides):
    """Settings from defaults and the machine's model cache, ignoring the user's config file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCSUM_")}
    env["DOCSUM_CONFIG"] = "/nonexistent/docsum-test-config.toml"
    return load_settings(env=env, overrides=overrides)


@pytest.fixture(scope="session")
def small_model():
    from summarize.models.store import ModelStore

    return ModelStore(base_settings()).resolve(SMALL_MODEL)


@pytest.fixture(scope="session")
def main_model():
    from summarize.models.store import ModelStore

    return ModelStore(base_settings()).resolve(MAIN_MODEL)


@pytest.fixture(scope="session")
def small_engine(small_model):
    from docsum.pipeline import load_engine

    return load_engine(base_settings(model=SMALL_MODEL, ctx=4096))


@pytest.fixture(scope="session")
def main_engine(main_model):
    from docsum.pipeline import load_engine

    return load_engine(base_settings(model=MAIN_MODEL, ctx=8192))


@pytest.fixture(scope="session")
def model_server(small_model, tmp_path_factory):
    """llama-cpp-python's OpenAI-compatible server with the small model, on a loopback port."""
    from tests.helpers.model_server import LlamaCppServer

    server = LlamaCppServer(small_model.path, SERVER_ALIAS, SERVER_CTX, tmp_path_factory.mktemp("server") / "server.log")
    yield server.start()
    server.stop()
