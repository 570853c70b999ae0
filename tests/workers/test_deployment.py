"""No Docker engine runs here: check the compose file and Dockerfile for what they must have."""

import re
import subprocess
import sys

import yaml

from tests.conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def test_services_and_volumes():
    assert set(SERVICES) >= {"redis", "worker", "watcher", "flower"}
    assert set(COMPOSE["volumes"]) >= {"models", "redis-data"}


def test_redis_has_a_password_and_aof_persistence():
    command = " ".join(SERVICES["redis"]["command"])
    assert "--requirepass ${REDIS_PASSWORD:?" in command
    assert "--appendonly yes" in command
    assert any(v.endswith(":/data") for v in SERVICES["redis"]["volumes"])


def test_docsum_services_use_the_password_protected_broker():
    for name in ("worker", "watcher", "flower", "models"):
        url = SERVICES[name]["environment"]["DOCSUM_BROKER_URL"]
        assert re.fullmatch(r"redis://:\$\{REDIS_PASSWORD:\?[^}]*\}@redis:6379/0", url), (name, url)


def test_worker_scales():
    worker = SERVICES["worker"]
    assert worker["command"][:2] == ["docsum", "worker"]
    # --scale worker=N needs no fixed name and no host port.
    assert "container_name" not in worker and "ports" not in worker
    assert worker["depends_on"]["redis"]["condition"] == "service_healthy"


def test_watcher_has_inbox_and_outbox():
    watcher = SERVICES["watcher"]
    assert watcher["command"] == ["docsum", "watch", "/inbox", "--out", "/outbox"]
    targets = {v.split(":")[1] for v in watcher["volumes"]}
    assert {"/inbox", "/outbox", "/data/docsum/models"} <= targets


def test_flower_monitors_the_broker():
    assert "flower" in " ".join(SERVICES["flower"]["command"])
    assert SERVICES["flower"]["ports"] == ["127.0.0.1:5555:5555"]


def test_commands_exist_and_dockerfile_copies_every_package():
    for args in (["worker", "--help"], ["watch", "--help"], ["models", "pull", "--help"]):
        result = subprocess.run([sys.executable, "-m", "workers.cli", *args], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("docsum", "ingest", "chunking", "summarize", "workers"):
        assert f"COPY {package} ./{package}" in dockerfile
        assert (ROOT / package / "__init__.py").is_file()
