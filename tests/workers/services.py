"""Real services for tests: a redis-server on a free loopback port, docsum worker processes."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """redis-server in a temp dir; with appendonly, data survives a restart on the same port."""

    def __init__(self, folder: Path, password: str | None = None, appendonly: bool = False, tls: bool = False):
        if shutil.which("redis-server") is None:
            raise RuntimeError("redis-server is not installed (scripts/setup.sh installs it)")
        self.folder, self.password, self.appendonly, self.tls = folder, password, appendonly, tls
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        if self.tls:
            ca = self.folder / "tls.crt"
            return f"rediss://{auth}127.0.0.1:{self.port}/0?ssl_cert_reqs=required&ssl_ca_certs={ca}"
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def _tls_args(self) -> list[str]:
        """A self-signed certificate for 127.0.0.1, made with openssl; clients verify it as their CA."""
        cert, key = self.folder / "tls.crt", self.folder / "tls.key"
        if not cert.exists():
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                            "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                           check=True, capture_output=True)
        return ["--port", "0", "--tls-port", str(self.port), "--tls-cert-file", str(cert), "--tls-key-file", str(key),
                "--tls-ca-cert-file", str(cert), "--tls-auth-clients", "no"]

    def start(self) -> "RedisServer":
        ports = self._tls_args() if self.tls else ["--port", str(self.port)]
        args = ["redis-server", *ports, "--bind", "127.0.0.1", "--dir", str(self.folder),
                "--save", "", "--appendonly", "yes" if self.appendonly else "no", "--appendfsync", "always"]
        if self.password:
            args += ["--requirepass", self.password]
        # Its own log beside its data: a broker that dies in a test says why there.
        args += ["--logfile", str(self.folder / "redis.log")]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        for _ in range(100):
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


def docsum_env(settings_env: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCSUM_")}
    env["DOCSUM_CONFIG"] = "/nonexistent/docsum-test-config.toml"
    env.update(settings_env)
    return env


class Worker:
    """A real `docsum worker` process (its own session, so SIGKILL takes its pool too)."""

    def __init__(self, env: dict[str, str], log: Path, concurrency: int = 1, threads: int | None = 1, module: str = "cli"):
        """threads None: docsum's default (the worker's share of the cores while it generates);
        module: what runs `worker` (a test's wrapper around docsum's CLI)."""
        self.log = log
        self.handle = log.open("w")
        thread_args = [] if threads is None else [f"--threads={threads}"]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", module, "worker", f"--concurrency={concurrency}", *thread_args, "--loglevel=INFO"],
            env=env, stdout=self.handle, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> "Worker":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "ready." in self.log.read_text(errors="replace"):
                return self
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited: {self.log.read_text()[-2000:]}")
            time.sleep(0.3)
        raise RuntimeError(f"worker not ready: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once: a crash, not a shutdown."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.handle.close()


def wait_for(predicate, timeout: float, what: str) -> None:
    """Poll predicate every half second until it holds, or fail saying what did not happen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


class WatchProcess:
    """A real `docsum watch` process in its own session."""

    def __init__(self, inbox, outbox, env, log):
        self.log = log
        self.handle = log.open("a")
        self.proc = subprocess.Popen([sys.executable, "-m", "cli", "watch", str(inbox), "--out", str(outbox)],
                                     env=env, stdout=self.handle, stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(30)
        self.handle.close()
