"""Talking JSON to a model server: timeouts, retries with backoff, and errors in plain words.

Network failures and answers that mean "try again later" (429, 5xx) are retried
with exponential backoff; anything else comes back to the caller, which knows
what a 400 or a 404 means for its request.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable

import httpx

from core.errors import EngineUnavailable, UsageError

#: Answers that say the server is busy or briefly broken (a model still loading gives 503).
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any  # parsed JSON, or the raw text when the body is not JSON

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def message(self) -> str:
        """The server's own error message, whatever shape it comes in."""
        body = self.body
        if isinstance(body, dict):
            error = body.get("error", body.get("detail", body.get("message")))
            if isinstance(error, dict):
                error = error.get("message", error)
            if error is not None:
                return " ".join(str(error).split())[:300]
        return " ".join(str(body).split())[:300] or f"HTTP {self.status}"


class ServerClient:
    """One server's base URL (ending in /v1 for the OpenAI routes); safe to share between threads."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        timeout: float = 600.0,
        retries: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        #: The server's root, for the non-OpenAI routes (llama-server /props, Ollama /api/...).
        self.root = self.base_url[: -len("/v1")] if self.base_url.endswith("/v1") else self.base_url
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # Connecting should be quick; reading may take as long as a whole generation.
        self._client = httpx.Client(headers=headers, timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)))
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._sleep = sleep

    def get(self, path: str, *, root: bool = False, probe: bool = False) -> Reply:
        """GET base_url + path (or root + path)."""
        return self._request("GET", path, None, root, probe)

    def post(self, path: str, body: dict, *, root: bool = False, probe: bool = False) -> Reply:
        """POST JSON to base_url + path (or root + path); probe: one short try, no retries."""
        return self._request("POST", path, body, root, probe)

    def _request(self, method: str, path: str, body: dict | None, root: bool, probe: bool) -> Reply:
        url = (self.root if root else self.base_url) + path
        tries = 1 if probe else 1 + self.retries
        timeout = min(10.0, self.timeout) if probe else self.timeout
        problem = ""
        for attempt in range(tries):
            if attempt:
                self._sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self._client.request(method, url, json=body, timeout=timeout)
            except httpx.TimeoutException:
                problem = f"no answer within {timeout:.0f}s"
                continue
            except httpx.HTTPError as exc:
                problem = str(exc) or type(exc).__name__
                continue
            reply = Reply(response.status_code, _body(response))
            if reply.status in (401, 403):
                raise UsageError(f"the model server at {self.base_url} refused the request ({reply.message()}); check DOCSUM_API_KEY")
            if reply.status not in RETRY_STATUSES:
                return reply
            problem = f"HTTP {reply.status}: {reply.message()}"
        raise EngineUnavailable(
            f"the model server at {self.base_url} is not usable ({problem}, after {tries} "
            f"{'try' if tries == 1 else 'tries'}); is it running?"
        )


def _body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text
