"""One constrained generation, parsed and validated; invalid output is retried a
bounded number of times with the reason in the prompt, and otherwise raised,
never accepted silently."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from jsonschema import Draft202012Validator

from core.errors import ModelOutputError
from summarize.engines.base import Completion, Engine


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

    def add(self, c: Completion) -> None:
        self.calls += 1
        self.prompt_tokens += c.prompt_tokens
        self.prefill_tokens += c.prefill_tokens
        self.completion_tokens += c.completion_tokens
        self.prefill_seconds += c.prefill_seconds
        self.decode_seconds += c.decode_seconds

    def absorb(self, other: "Usage") -> None:
        """Add another Usage's totals (one kept per thread, merged afterwards)."""
        self.merge(other.as_dict())
        self.prefill_seconds += other.prefill_seconds
        self.decode_seconds += other.decode_seconds

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


@dataclass(frozen=True)
class Problem:
    """Why an answer was rejected, in words the model can act on."""

    text: str
    cut_off: bool  # the answer ran out of tokens: ask for less, not for a fix


def _problem(text: str, finish_reason: str, schema: dict, max_tokens: int) -> tuple[dict | None, Problem | None]:
    try:
        data = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        if finish_reason == "length":
            return None, Problem(f"the answer was cut off at the {max_tokens}-token limit", True)
        return None, Problem(f"the answer is not valid JSON ({exc.msg} at character {exc.pos})", False)
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        where = "/".join(map(str, errors[0].path)) or "top level"
        return None, Problem(f"the answer does not fit the schema at {where}: {errors[0].message[:200]}", False)
    return data, None


def retry_prompt(user: str, problem: Problem) -> str:
    """The user turn again, with the reason the last answer was rejected."""
    if problem.cut_off:
        return f"{user}\n\nBe brief: {problem.text}. Use short sentences and fewer items."
    return (
        f"{user}\n\nYour previous answer was rejected: {problem.text}. "
        "Reply again with one JSON object that has exactly the fields described, and nothing else."
    )


#: The longest reason a retry gives (a schema error is cut to 200 characters, its path short).
_LONGEST_PROBLEM = Problem("the answer does not fit the schema at key_points/7/pages/3: " + ("is not valid under any of the given schemas " * 5)[:200], False)


def retry_tokens(count: Callable[[str], int]) -> int:
    """Tokens a retry adds to the user turn at most: a prompt must leave room for them, or the
    second try of a full window exceeds the context."""
    return count(retry_prompt("", _LONGEST_PROBLEM))


def generate(
    engine: Engine,
    system: str,
    user: str,
    schema_for: Callable[[bool], dict],
    max_tokens: int,
    usage: Usage,
    retries: int = 1,
) -> dict:
    """Run the engine until it gives schema-valid JSON, at most 1 + retries times.

    schema_for(brief) gives the schema; brief asks for fewer items after a cut-off answer.
    """
    problem: Problem | None = None
    for attempt in range(1 + retries):
        brief = problem is not None and problem.cut_off
        schema = schema_for(brief)
        prompt = user if problem is None else retry_prompt(user, problem)
        completion = engine.complete_json(system, prompt, schema, max_tokens)
        usage.add(completion)
        data, problem = _problem(completion.text, completion.finish_reason, schema, max_tokens)
        if data is not None:
            return data
        if attempt < retries:
            usage.retries += 1
    raise ModelOutputError(f"the model failed to produce a valid summary after {1 + retries} tries: {problem.text}")
