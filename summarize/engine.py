"""The engine interface: what map-reduce needs from a model, whichever runs it.

Engines register by name; the pipeline asks for one by name and never imports
an implementation directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from docsum.errors import UsageError
from docsum.settings import Settings


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


EngineFactory = Callable[..., Engine]  # (settings, tokenizer_only=False) -> Engine
_REGISTRY: dict[str, EngineFactory] = {}


def register_engine(name: str) -> Callable[[EngineFactory], EngineFactory]:
    """Decorator: make an engine factory available under a name."""

    def add(factory: EngineFactory) -> EngineFactory:
        _REGISTRY[name] = factory
        return factory

    return add


def create_engine(name: str, settings: Settings, tokenizer_only: bool = False) -> Engine:
    """Build the engine registered under name; tokenizer_only engines plan but cannot generate."""
    # Importing the implementations registers them; kept here so callers need not.
    import summarize.llama_engine  # noqa: F401
    import summarize.openai_engine  # noqa: F401

    if name not in _REGISTRY:
        raise UsageError(f"unknown engine {name!r}; available: {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name](settings, tokenizer_only=tokenizer_only)
