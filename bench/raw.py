"""The bare model doing docsum's token work: the floor docsum's wall time is compared with."""

from __future__ import annotations

import time

from summarize.structured import Usage


class Recorder:
    """Wraps an engine and keeps every Completion it returns."""

    def __init__(self, engine):
        self.engine = engine
        self.model = engine.model
        self.completions = []

    def count_tokens(self, text):
        return self.engine.count_tokens(text)

    def count_prompt(self, system, user):
        return self.engine.count_prompt(system, user)

    def complete_json(self, *args):
        completion = self.engine.complete_json(*args)
        self.completions.append(completion)
        return completion


def raw_model_seconds(engine, calls, filler: list[int]) -> float:
    """Time the bare llama.cpp eval/sample loop for the same prefill and decode counts."""
    llm = engine._llm
    eos = llm.token_eos()
    newline = llm.tokenize(b"\n", add_bos=False, special=False)[0]
    started = time.perf_counter()
    for c in calls:
        llm.reset()
        prompt = (filler * (c.prefill_tokens // len(filler) + 1))[: max(1, c.prefill_tokens)]
        llm.eval(prompt)
        for _ in range(c.completion_tokens):
            token = llm.sample(temp=0.0)
            llm.eval([newline if token == eos else token])
    return time.perf_counter() - started


def filler_tokens(engine, text: str) -> list[int]:
    """Real document tokens for the raw model to prefill (attention cost does not depend on which)."""
    return engine._llm.tokenize(text[:20000].encode("utf-8"), add_bos=False, special=False) or [1]


def totals(calls) -> dict:
    """Counts and docsum's own timings over the recorded generations, as the benchmark tables name them."""
    usage = Usage()
    for c in calls:
        usage.add(c)
    return {
        "calls": usage.calls,
        "prefill": usage.prefill_tokens,
        "decode": usage.completion_tokens,
        "prefill_s": usage.prefill_seconds,
        "decode_s": usage.decode_seconds,
    }
