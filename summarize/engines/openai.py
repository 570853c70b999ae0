"""The HTTP engine: any OpenAI-compatible server (llama-server, Ollama, LM Studio,
vLLM, MLC LLM, llama-cpp-python's server) runs the generations.

The server applies its own chat template and may parse special tokens inside
message text, so document text is defused first. Every answer is validated by
the caller, and the prompt tokens the server reports are checked against what
was sent, because some servers silently drop the start of a long prompt.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import time

from core.errors import ModelError, ModelUnavailable, UsageError
from core.settings import DEFAULT_MODEL, Settings
from summarize.engines.base import Completion, ModelInfo
from summarize.engines.http import Reply, ServerClient
from summarize.engines.server_probe import ServerInfo, probe

#: The context assumed for a server that does not say (llama-cpp-python's server default).
FALLBACK_CTX = 2048
#: Tokens the server's chat template adds around two messages (ChatML needs about 10).
TEMPLATE_TOKENS = 32
#: With estimated counts, a server that reports under this share of them truncated the prompt.
ESTIMATE_FLOOR = 0.5

# Control-token lookalikes: ChatML/Qwen <|...|>, DeepSeek <｜...｜>, Llama 2 [INST], Gemma turns, <s>.
_CONTROL = re.compile(r"<(?=\|[^|\s<>]{1,40}\|>)|<(?=｜[^｜\s<>]{1,40}｜>)|\[(?=/?INST\])|<(?=/?s>)|<(?=(?:start|end)_of_turn>)")


def defuse(text: str) -> str:
    """Break control-token lookalikes with a zero-width space, so a server that parses
    special tokens in message text reads them as plain text."""
    return _CONTROL.sub(lambda m: m.group(0) + "\u200b", text)


def estimate_tokens(text: str) -> int:
    """A deliberately high guess (a token per 3 UTF-8 bytes) for servers that cannot count."""
    return -(-len(text.encode("utf-8")) // 3)


class OpenAIEngine:
    """Generations on an OpenAI-compatible server; thread-safe, `parallel` calls at once."""

    def __init__(self, settings: Settings, client: ServerClient | None = None):
        """Connect and ask the server what it is; fails fast when it is down or lacks the model."""
        if not settings.base_url:
            raise UsageError("the openai engine needs --base-url, e.g. http://localhost:8080/v1")
        self.client = client or ServerClient(
            settings.base_url, settings.api_key, settings.request_timeout, settings.http_retries
        )
        self.server: ServerInfo = probe(self.client, settings.model)
        name = self._pick_model(settings.model)
        if settings.ctx is not None and self.server.n_ctx is not None and settings.ctx > self.server.n_ctx:
            raise UsageError(
                f"--ctx {settings.ctx} exceeds the {self.server.n_ctx}-token context per slot of the "
                f"{self.server.kind} server at {self.client.base_url}"
            )
        n_ctx = settings.ctx or min(self.server.n_ctx or FALLBACK_CTX, settings.max_ctx)
        self.model = ModelInfo(name=name, sha256="", n_ctx=n_ctx, engine="openai")
        self.parallel = settings.parallel or self.server.slots or 1
        self._exact, self._count = self._counter(settings)
        self._mode = settings.structured_output
        if self._mode == "auto" and not self.server.honours_json_schema:
            self._mode = "json_object"
        self._mode_lock = threading.Lock()
        self._sampling = {"temperature": settings.temperature, "seed": settings.seed}
        if self.server.penalty_field:
            self._sampling[self.server.penalty_field] = settings.repeat_penalty

    def _pick_model(self, requested: str) -> str:
        served = self.server.models
        if not served or requested in served:
            return requested
        if requested == DEFAULT_MODEL and len(served) == 1:
            return served[0]  # no model asked for: the one the server has
        raise ModelUnavailable(
            f"the model server at {self.client.base_url} does not serve {requested!r}; "
            f"it serves: {', '.join(served[:12])}"
        )

    def _counter(self, settings: Settings):
        if settings.tokenizer:
            from summarize.engines.tokens import Tokenizer
            from summarize.models.store import ModelStore

            count = Tokenizer.open(ModelStore(settings).resolve(settings.tokenizer).path).count
        elif self.server.counter is not None:
            count = self.server.counter
        else:
            return False, estimate_tokens
        # Planning counts the same paragraphs more than once; each count is a round trip.
        return True, functools.lru_cache(maxsize=4096)(count)

    # -- the Engine interface ------------------------------------------------------------------

    def count_tokens(self, text: str) -> int:
        return self._count(defuse(text))

    def count_prompt(self, system: str, user: str) -> int:
        return self.count_tokens(system) + self.count_tokens(user) + TEMPLATE_TOKENS

    def complete_json(self, system: str, user: str, schema: dict, max_tokens: int) -> Completion:
        content = self.count_tokens(system) + self.count_tokens(user)
        # Only an exact count refuses: an estimate errs high, and the plan may have been made
        # with exact counts (another process's); the server refuses a prompt that is too long.
        if self._exact and content + TEMPLATE_TOKENS + max_tokens > self.model.n_ctx:
            raise ModelError(
                f"prompt of {content + TEMPLATE_TOKENS} tokens plus {max_tokens} for the answer exceeds the {self.model.n_ctx}-token context"
            )
        body = {
            "model": self.model.name,
            "messages": [{"role": "system", "content": defuse(system)}, {"role": "user", "content": defuse(user)}],
            "max_tokens": max_tokens,
            "stream": False,
            **self._sampling,
        }
        started = time.perf_counter()
        reply = self._send(body, schema)
        elapsed = time.perf_counter() - started
        return self._completion(reply, content, elapsed)

    # -- requests and answers ------------------------------------------------------------------

    def _format(self, mode: str, schema: dict) -> dict:
        if mode == "json_object":
            # "schema" beside json_object is how llama-cpp-python's server and MLC LLM take one.
            return {"type": "json_object", "schema": json.dumps(schema) if self.server.schema_as_string else schema}
        return {"type": "json_schema", "json_schema": {"name": "docsum", "schema": schema, "strict": True}}

    def _send(self, body: dict, schema: dict) -> Reply:
        mode = self._mode
        reply = self.client.post("/chat/completions", {**body, "response_format": self._format(mode, schema)})
        if not reply.ok and mode == "auto" and reply.status in (400, 422) and _about_format(reply):
            # The server does not take json_schema: ask for json_object from now on; the
            # answer is validated against the schema either way.
            with self._mode_lock:
                self._mode = "json_object"
            reply = self.client.post("/chat/completions", {**body, "response_format": self._format("json_object", schema)})
        if reply.ok:
            return reply
        message = reply.message()
        if reply.status == 404 or ("model" in message.lower() and "not found" in message.lower()):
            raise ModelUnavailable(f"the model server at {self.client.base_url} has no model {self.model.name!r}: {message}")
        if reply.status == 400 and re.search(r"context|too long|exceed", message, re.I):
            raise ModelError(
                f"the model server refused the prompt as too long for its context ({message}); "
                f"tell docsum the server's context per slot with --ctx, or give the server a larger one"
            )
        raise ModelError(f"the model server at {self.client.base_url} rejected the request (HTTP {reply.status}: {message})")

    def _completion(self, reply: Reply, content: int, elapsed: float) -> Completion:
        body = reply.body if isinstance(reply.body, dict) else {}
        try:
            choice = body["choices"][0]
            text = choice["message"].get("content") or ""
        except (KeyError, IndexError, TypeError, AttributeError):
            raise ModelError(f"the model server at {self.client.base_url} gave an answer that is not a chat completion") from None
        usage = body.get("usage") or {}
        reported = usage.get("prompt_tokens")
        if isinstance(reported, int):
            self._check_not_truncated(reported, content)
        timings = body.get("timings") or {}  # llama-server's own measurements
        prefill_s = (timings.get("prompt_ms") or 0) / 1000
        return Completion(
            text=text,
            finish_reason=choice.get("finish_reason") or "stop",
            prompt_tokens=reported if isinstance(reported, int) else content + TEMPLATE_TOKENS,
            completion_tokens=int(usage.get("completion_tokens") or 0),
            prefill_tokens=int(timings.get("prompt_n", reported if isinstance(reported, int) else content)),
            prefill_seconds=prefill_s,
            decode_seconds=(timings.get("predicted_ms") or 0) / 1000 if timings else max(0.0, elapsed - prefill_s),
        )

    def _check_not_truncated(self, reported: int, content: int) -> None:
        # Exact counts: the server must have read at least the messages (a few tokens of
        # slack for merges at the template's seams). Estimates run high: only a big gap counts.
        floor = content - 16 if self._exact else int(content * ESTIMATE_FLOOR)
        if reported < floor:
            raise ModelError(
                f"the model server read only {reported} of the prompt's {'' if self._exact else 'about '}{content} tokens: "
                f"it cut the document to fit a smaller context than docsum planned for ({self.model.n_ctx}). "
                "Raise the server's context (Ollama: OLLAMA_CONTEXT_LENGTH or num_ctx) and pass the same --ctx"
            )


def _about_format(reply: Reply) -> bool:
    return bool(re.search(r"response_format|json_schema|schema|grammar", reply.message(), re.I))


def create(settings: Settings, tokenizer_only: bool = False) -> OpenAIEngine:
    """The engine for settings.base_url; tokenizer_only changes nothing here."""
    # Counting and generating are the same HTTP calls; there is nothing lighter to load.
    return OpenAIEngine(settings)
