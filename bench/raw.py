"""The bare model doing docsum's token work: the floor docsum's wall time is compared with."""

from __future__ import annotations

import time

import llama_cpp
import numpy as np


class Recorder:
    """Wraps an engine and keeps every Completion it returns."""

    def __init__(self, engine):
        self.engine = engine
        self.model = engine.model
        self.parallel = engine.parallel
        self.completions = []  # appended from the summarizer's threads: list.append is atomic

    def count_tokens(self, text):
        return self.engine.count_tokens(text)

    def count_prompt(self, system, user):
        return self.engine.count_prompt(system, user)

    def complete_json(self, *args):
        completion = self.engine.complete_json(*args)
        self.completions.append(completion)
        return completion


def bare_loop(llm, prompt: list[int], n: int) -> int:
    """The floor: evaluate the prompt, then take the argmax and evaluate it, n tokens; no
    grammar, no penalty, no sampler objects."""
    llm.reset()
    llm.eval(prompt)
    return bare_decode(llm, n)


def bare_decode(llm, n: int) -> int:
    """The decoding half of bare_loop, after a prompt already evaluated: n tokens."""
    n_vocab = llm.n_vocab()
    for i in range(n):
        logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1), shape=(n_vocab,))
        token = int(np.argmax(logits))
        if i + 1 < n:
            llm.eval([token])
    return n


def raw_model_seconds(engine, calls, filler: list[int]) -> float:
    """Time the bare llama.cpp loop for the same prefill and decode counts."""
    llm = engine._llm
    started = time.perf_counter()
    for c in calls:
        prompt = (filler * (c.prefill_tokens // len(filler) + 1))[: max(1, c.prefill_tokens)]
        bare_loop(llm, prompt, c.completion_tokens)
    return time.perf_counter() - started


def filler_tokens(engine, text: str) -> list[int]:
    """Real document tokens for the raw model to prefill (attention cost does not depend on which)."""
    return engine._llm.tokenize(text[:20000].encode("utf-8"), add_bos=False, special=False) or [1]


def totals(calls) -> dict:
    """Counts and docsum's own timings over the recorded generations, as the benchmark tables name them."""
    from summarize.structured import Usage  # here: bench.engine_builds runs the loop in bare environments

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
