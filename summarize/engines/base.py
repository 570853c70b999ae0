"""The engine interface: what map-reduce needs from a model, whichever runs it.

This module imports no engine; summarize.engines.registry finds them by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ModelInfo:
    """What the summary records about the model that wrote it."""

    name: str
    sha256: str  # empty when the engine cannot know it (a model server)
    n_ctx: int
    engine: str

    @property
    def identity(self) -> str:
        """What identifies the weights, for caches: the file's digest, else engine and name."""
        return self.sha256 or f"{self.engine}:{self.name}"


@dataclass(frozen=True)
class Completion:
    """Raw output of one constrained generation, with its token accounting."""

    text: str
    finish_reason: str  # "stop" | "length"
    prompt_tokens: int
    completion_tokens: int
    #: Prompt tokens actually evaluated (less than prompt_tokens when a cached prefix was reused).
    prefill_tokens: int
    prefill_seconds: float
    decode_seconds: float


class Engine(Protocol):
    model: ModelInfo
    #: Generations that may run at once (threads calling complete_json); 1 for in-process models.
    parallel: int

    def count_tokens(self, text: str) -> int:
        """Tokens the text takes as document content (no special tokens)."""

    def count_prompt(self, system: str, user: str) -> int:
        """Tokens a whole chat prompt takes, template included."""

    def complete_json(self, system: str, user: str, schema: dict, max_tokens: int) -> Completion:
        """Generate a reply constrained to the JSON schema; the text is not yet validated."""
