"""Engines by name. The built-in ones are named in one list and imported only when
asked for; others can be added with register_engine. No engine imports this module."""

from __future__ import annotations

import importlib
from typing import Callable

from core.errors import UsageError
from core.settings import Settings
from summarize.engines.base import Engine

#: name -> module with `create(settings, tokenizer_only=False) -> Engine`.
BUILTIN_ENGINES: dict[str, str] = {
    "llama": "summarize.engines.llama",
    "openai": "summarize.engines.openai",
}

#: name -> module with `check(settings) -> str | None` (see check_engine); apart from the
#: engine's module, so that checking does not load what it checks.
BUILTIN_CHECKS: dict[str, str] = {
    "llama": "summarize.engines.cpu.fit",
}

EngineFactory = Callable[..., Engine]  # (settings, tokenizer_only=False) -> Engine
_ADDED: dict[str, EngineFactory] = {}


def register_engine(name: str, factory: EngineFactory) -> None:
    """Make an engine available under a name (a plugin, or a test's engine)."""
    _ADDED[name] = factory


def engine_names() -> list[str]:
    """Every engine that can be asked for."""
    return sorted({*BUILTIN_ENGINES, *_ADDED})


def create_engine(name: str, settings: Settings, tokenizer_only: bool = False) -> Engine:
    """Build the engine called name; tokenizer_only engines plan but cannot generate."""
    if name in _ADDED:
        return _ADDED[name](settings, tokenizer_only=tokenizer_only)
    if name not in BUILTIN_ENGINES:
        raise UsageError(f"unknown engine {name!r}; available: {', '.join(engine_names())}")
    return importlib.import_module(BUILTIN_ENGINES[name]).create(settings, tokenizer_only=tokenizer_only)


def check_engine(name: str, settings: Settings) -> str | None:
    """Whether the engine can run on this machine, before any work is taken: its check
    raises a DocsumError if not and returns a line saying what it checked; None for an
    engine with nothing to check (a model server is checked on use, an added engine by its own)."""
    if name in _ADDED or name not in BUILTIN_CHECKS:
        return None
    return importlib.import_module(BUILTIN_CHECKS[name]).check(settings)
