"""Stand-ins for fast unit tests of pure logic; every path also has a real-model test."""

from __future__ import annotations

import dataclasses
import json
from collections import deque

from core.errors import ModelError
from ingest.limits import Limits, default_limits
from ingest.model import Document, paginate
from summarize.engines.base import Completion, ModelInfo


def word_count(text: str) -> int:
    """A tokenizer stand-in: one token per whitespace-separated word."""
    return len(text.split())


def document(pages: list[str], language: str = "en", unit: str = "page") -> Document:
    return Document(path="mem.txt", sha256="0" * 64, format="text", pages=paginate(pages), language=language, page_unit=unit)


def limits(**changes) -> Limits:
    """Default reading limits with some changed."""
    return dataclasses.replace(default_limits(), **changes)


def _asks_for(schema: dict, field: str) -> bool:
    return any(field in branch.get("properties", {}) for branch in schema.get("anyOf", [schema]))


class ScriptedEngine:
    """Replies with queued texts (or a function of the prompt); counts words as tokens."""

    def __init__(self, replies=(), n_ctx: int = 4096, reply_for=None, parallel: int = 1):
        self.parallel = parallel
        self.model = ModelInfo(name="scripted", sha256="f" * 64, n_ctx=n_ctx, engine="scripted")
        self.replies = deque(replies)
        self.reply_for = reply_for
        self.calls: list[tuple[str, str, dict, int]] = []

    def count_tokens(self, text: str) -> int:
        return word_count(text)

    def count_prompt(self, system: str, user: str) -> int:
        return word_count(system) + word_count(user) + 10

    def complete_json(self, system, user, schema, max_tokens) -> Completion:
        # As the real engines do: a prompt and its answer must fit the context.
        if self.count_prompt(system, user) + max_tokens > self.model.n_ctx:
            raise ModelError(f"prompt of {self.count_prompt(system, user)} tokens plus {max_tokens} exceeds {self.model.n_ctx}")
        self.calls.append((system, user, schema, max_tokens))
        reply = self.replies.popleft() if self.replies else self.reply_for(system, user, schema)
        if isinstance(reply, dict) and "overview" not in reply and _asks_for(schema, "overview"):
            reply = {**reply, "overview": ""}  # a scripted model writes no overview unless its script says one
        text = reply if isinstance(reply, str) else json.dumps(reply)
        return Completion(text, "stop", self.count_prompt(system, user), word_count(text), 0, 0.0, 0.0)
