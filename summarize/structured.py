"""One constrained generation, parsed and validated; invalid output is retried
once with a tighter request and otherwise raised, never accepted silently."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

from jsonschema import Draft202012Validator

from docsum.errors import ModelOutputError
from summarize.engine import Completion, Engine


@dataclass
class Usage:
    """Token and time totals over all generations of one document."""

    calls: int = 0
    prompt_tokens: int = 0
    prefill_tokens: int = 0
    completion_tokens: int = 0
    prefill_seconds: float = 0.0
    decode_seconds: float = 0.0
    retries: int = 0
    completions: list[Completion] = field(default_factory=list, repr=False)

    def add(self, c: Completion) -> None:
        self.calls += 1
        self.prompt_tokens += c.prompt_tokens
        self.prefill_tokens += c.prefill_tokens
        self.completion_tokens += c.completion_tokens
        self.prefill_seconds += c.prefill_seconds
        self.decode_seconds += c.decode_seconds

    def merge(self, counts: dict[str, int]) -> None:
        """Add the counts of another Usage.as_dict() (a map step run elsewhere)."""
        self.calls += counts.get("calls", 0)
        self.prompt_tokens += counts.get("prompt_tokens", 0)
        self.prefill_tokens += counts.get("prefill_tokens", 0)
        self.completion_tokens += counts.get("completion_tokens", 0)
        self.retries += counts.get("retries", 0)

    def as_dict(self) -> dict[str, int]:
        return {
            "calls": self.calls,
            "prompt_tokens": self.prompt_tokens,
            "prefill_tokens": self.prefill_tokens,
            "completion_tokens": self.completion_tokens,
            "retries": self.retries,
        }


def _problem(text: str, finish_reason: str, schema: dict, max_tokens: int) -> tuple[dict | None, str | None]:
    try:
        data = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        if finish_reason == "length":
            return None, f"the answer was cut off at the {max_tokens}-token limit"
        return None, f"the answer is not valid JSON ({exc.msg})"
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        where = "/".join(map(str, errors[0].path)) or "top level"
        return None, f"the answer does not fit the schema at {where}: {errors[0].message[:200]}"
    return data, None


def generate(
    engine: Engine,
    system: str,
    user: str,
    schema_for: Callable[[bool], dict],
    max_tokens: int,
    usage: Usage,
) -> dict:
    """Run the engine until it gives schema-valid JSON (two tries); schema_for(brief) gives the schema."""
    problem = None
    for attempt in range(2):
        brief = attempt > 0
        schema = schema_for(brief)
        prompt = user if not brief else f"{user}\n\nBe brief: {problem}. Use short sentences and fewer items."
        completion = engine.complete_json(system, prompt, schema, max_tokens)
        usage.add(completion)
        data, problem = _problem(completion.text, completion.finish_reason, schema, max_tokens)
        if data is not None:
            return data
        if attempt == 0:
            usage.retries += 1
    raise ModelOutputError(f"the model failed to produce a valid summary: {problem}")
