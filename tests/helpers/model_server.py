"""Model servers for tests of the openai engine.

LlamaCppServer is the real thing: llama-cpp-python's OpenAI-compatible server
in its own process on a loopback port. StubServer answers from a script, for
fast tests of the engine's pure logic (fallbacks, retries, the truncation guard).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import httpx

from tests.workers.services import free_port


class LlamaCppServer:
    """`python -m llama_cpp.server` serving one GGUF under an alias."""

    def __init__(self, model: Path, alias: str, n_ctx: int, log: Path, threads: int = 2):
        self.port = free_port()
        self.alias, self.n_ctx, self.log = alias, n_ctx, log
        self.args = [
            sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", alias,
            "--n_ctx", str(n_ctx), "--n_threads", str(threads), "--n_threads_batch", str(threads),
            "--host", "127.0.0.1", "--port", str(self.port),
        ]
        self.proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self, timeout: float = 120) -> "LlamaCppServer":
        self.handle = self.log.open("w")
        self.proc = subprocess.Popen(self.args, stdout=self.handle, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.base_url}/models", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"llama_cpp.server did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.handle.close()


Route = Callable[[dict | None], tuple[int, object]]  # request body -> (status, JSON body)


class StubServer:
    """An HTTP server on a loopback port whose routes are Python functions; records requests."""

    def __init__(self, routes: dict[str, Route]):
        self.routes = routes
        self.requests: list[tuple[str, dict | None]] = []
        self.headers: list[dict[str, str]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, body: dict | None) -> None:
                stub.requests.append((self.path, body))
                stub.headers.append(dict(self.headers))
                route = stub.routes.get(f"{self.command} {self.path}")
                status, payload = route(body) if route else (404, {"error": {"message": f"no route {self.path}"}})
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802 - the http.server API
                self._answer(None)

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                self._answer(json.loads(self.rfile.read(length) or b"null"))

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> "StubServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def chat_bodies(self) -> list[dict]:
        return [body for path, body in self.requests if path == "/v1/chat/completions"]


def chat_reply(content: str, prompt_tokens: int | None = 100, finish_reason: str = "stop") -> dict:
    """An OpenAI chat completion carrying one answer."""
    usage = {"completion_tokens": 20, **({"prompt_tokens": prompt_tokens} if prompt_tokens is not None else {})}
    return {
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
        "usage": usage,
    }
