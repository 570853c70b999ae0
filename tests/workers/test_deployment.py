"""No Docker engine runs here: check what compose would run (services, commands, volumes,
healthchecks) and that the image installs every package of the product."""

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


def test_redis_healthcheck_pings_with_the_password():
    check = SERVICES["redis"]["healthcheck"]
    assert "redis-cli" in " ".join(check["test"]) and "ping" in " ".join(check["test"])
    assert "$$REDIS_PASSWORD" in " ".join(check["test"])  # $$: the container's variable, not compose's
    assert check["retries"] >= 3


def test_every_docsum_command_compose_runs_exists():
    for name, service in SERVICES.items():
        command = service.get("command", [])
        if command[:1] != ["docsum"]:
            continue
        words = [w for w in command[1:] if not w.startswith(("-", "/", "$"))][:2]
        result = subprocess.run([sys.executable, "-m", "cli", *words, "--help"], capture_output=True, text=True)
        assert result.returncode == 0, (name, result.stderr)


def test_the_image_installs_every_package_of_the_product():
    """The Dockerfile installs the tree with pip: pyproject's package list must cover every package."""
    import tomllib

    from setuptools import find_packages

    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^COPY \. \.$", dockerfile, re.MULTILINE) and "pip install --no-cache-dir ." in dockerfile
    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    installed = {p.split(".")[0] for p in find_packages(str(ROOT), include=include)}
    ours = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert installed == ours
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert not ours & set(ignored)


def test_the_image_builds_the_portable_engine():
    """An image built on one machine must run on another: the same CMake arguments as setup's portable build."""
    from summarize.engines.cpu.fallback import PORTABLE

    dockerfile = (ROOT / "Dockerfile").read_text()
    match = re.search(r'RUN CMAKE_ARGS="([^"]*)" \\\n\s+pip install --no-cache-dir \. flower', dockerfile)
    assert match and match.group(1) == PORTABLE.cmake_env
