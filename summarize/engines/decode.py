"""Constrained decoding in which the grammar judges the chosen token only.

llama-cpp-python's completion runs the grammar over the whole vocabulary (152k entries for
Qwen) before every pick. llama.cpp's own sampler (common/sampling.cpp, used by llama-server)
picks first and asks the grammar about that one token, checking the whole vocabulary only
when the token is rejected. Under greedy decoding both give the same token: the best token
overall, when the grammar allows it, is also the best allowed one; when it does not, the
whole vocabulary is filtered exactly as before. With temperature, the draw is made from the
same distribution either way, though not with the same random numbers.
"""

from __future__ import annotations

import ctypes
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable

import llama_cpp
import numpy as np
from llama_cpp import Llama
from llama_cpp._internals import LlamaSampler, LlamaTokenDataArray
from llama_cpp.llama_grammar import LlamaGrammar


@dataclass(frozen=True)
class Decoded:
    """The tokens of one generation, why it stopped, and where its time went."""

    tokens: list[int]
    finish_reason: str  # "stop" | "length"
    #: Steps whose chosen token the grammar rejected, so the whole vocabulary was filtered.
    full_checks: int
    #: Prompt tokens evaluated for this generation (fewer than the prompt's when its prefix was cached).
    prefilled: int = 0
    prefill_seconds: float = 0.0
    decode_seconds: float = 0.0


@dataclass(frozen=True)
class Sampling:
    temperature: float
    seed: int
    repeat_penalty: float
    #: Generated tokens the repeat penalty looks back on (llama-cpp-python's default).
    penalty_last_n: int = 64


class Candidates:
    """Scratch arrays for judging tokens: the whole vocabulary, and a single token.
    One per context; the sequences of a batch use it one after another."""

    def __init__(self, n_vocab: int):
        self.n_vocab = n_vocab
        self._all = LlamaTokenDataArray(n_vocab=n_vocab)
        self._one_data = (llama_cpp.llama_token_data * 1)()
        self._one = llama_cpp.llama_token_data_array(data=self._one_data, size=1, selected=-1, sorted=False)

    def allowed(self, grammar: LlamaSampler, token: int) -> bool:
        self._one_data[0].id = token
        self._one_data[0].logit = 0.0
        self._one_data[0].p = 0.0
        self._one.size, self._one.selected, self._one.sorted = 1, -1, False
        llama_cpp.llama_sampler_apply(grammar.sampler, ctypes.byref(self._one))
        return self._one_data[0].logit != -np.inf

    def pick(self, chain: LlamaSampler, logits: np.ndarray, grammar: LlamaSampler | None) -> int:
        self._all.copy_logits(logits)
        candidates = ctypes.byref(self._all.candidates)
        if grammar is not None:
            llama_cpp.llama_sampler_apply(grammar.sampler, candidates)
        llama_cpp.llama_sampler_apply(chain.sampler, candidates)
        return int(self._all.candidates_data.id[self._all.candidates.selected])


class TokenPicker:
    """Chooses one sequence's tokens: the sampler chain without the grammar, then the grammar
    asked about that token alone; the whole vocabulary filtered only when it is refused.

    Greedy decoding (the default) takes the argmax itself, after the repeat penalty on the
    few recent tokens, instead of running the chain over all 152k candidates: the same pick
    as llama.cpp's penalties and greedy samplers (first maximum wins), at a fraction of the cost.
    """

    def __init__(self, llm: Llama, sampling: Sampling, grammar: LlamaGrammar, scratch: Candidates):
        self._scratch = scratch
        self._vocab = llm._model.vocab
        self._sampling = sampling
        self._greedy = sampling.temperature == 0.0
        self._recent: deque[int] = deque(maxlen=sampling.penalty_last_n)
        self._chain = _chain(sampling, scratch.n_vocab)
        self._check = LlamaSampler()
        self._check.add_grammar(llm._model, grammar)
        self.full_checks = 0

    def _argmax(self, logits: np.ndarray) -> int:
        if not self._recent or self._sampling.repeat_penalty == 1.0:
            return int(np.argmax(logits))
        # In float32, as llama.cpp computes it, so a near tie breaks the same way.
        penalty = np.float32(self._sampling.repeat_penalty)
        ids = np.fromiter(set(self._recent), dtype=np.int64)
        values = logits[ids].astype(np.float32)
        penalized = logits.copy()
        penalized[ids] = np.where(values <= 0, values * penalty, values / penalty)
        return int(np.argmax(penalized))

    def next(self, logits: np.ndarray) -> int | None:
        """The token to append (already accepted), or None at the end of the answer."""
        token = self._argmax(logits) if self._greedy else self._scratch.pick(self._chain, logits, None)
        if not self._scratch.allowed(self._check, token):
            self.full_checks += 1
            token = self._scratch.pick(self._chain, logits, self._check)
        if llama_cpp.llama_vocab_is_eog(self._vocab, token):
            return None
        self._chain.accept(token)
        self._check.accept(token)
        self._recent.append(token)
        return token

    def close(self) -> None:
        self._chain.close()
        self._check.close()


def _chain(s: Sampling, n_vocab: int) -> LlamaSampler:
    """The sampler without the grammar, in llama-cpp-python's order."""
    chain = LlamaSampler()
    chain.add_penalties(
        n_vocab=n_vocab, penalty_last_n=s.penalty_last_n, penalty_repeat=s.repeat_penalty,
        penalty_freq=0.0, penalty_present=0.0,
    )
    if s.temperature == 0.0:
        chain.add_greedy()
    else:
        chain.add_top_k(40)
        chain.add_typical(1.0, 1)
        chain.add_top_p(0.95, 1)
        chain.add_min_p(0.05, 1)
        chain.add_temp(s.temperature)
        chain.add_dist(s.seed)
    return chain


class ThreadTuner:
    """Keeps a context's thread count at what the caller's share of the cores allows now."""

    def __init__(self, threads: Callable[[], int] | None):
        self._threads = threads
        self._set = 0

    def __call__(self, ctx) -> None:
        if self._threads is None:
            return
        n = self._threads()
        if n != self._set:
            llama_cpp.llama_set_n_threads(ctx, n, n)
            self._set = n


class CheckedDecoder:
    """Decodes in the Llama it is given, which it owns: it keeps the last prompt's fixed
    prefix in the context between calls."""

    def __init__(self, llm: Llama, sampling: Sampling, threads: Callable[[], int] | None = None):
        self._llm = llm
        self._sampling = sampling
        self._retune = ThreadTuner(threads)
        self._scratch = Candidates(llm.n_vocab())
        #: The prefix whose keys and values are in the context now (positions 0..len-1).
        self._warm: tuple[int, ...] = ()

    def forget(self) -> None:
        """Say that something else used the context: the next prefix is evaluated again."""
        self._warm = ()

    def _eval(self, tokens: list[int]) -> None:
        # n_batch pieces, as Llama.eval cuts them, so the thread count can change between them.
        step = self._llm.n_batch
        for i in range(0, len(tokens), step):
            self._retune(self._llm._ctx.ctx)
            self._llm.eval(tokens[i : i + step])

    def _prefill(self, prompt: list[int], prefix: int) -> int:
        """Evaluate prompt, its first prefix tokens always as batches of their own; returns
        the number of tokens evaluated."""
        llm = self._llm
        fixed = tuple(prompt[:prefix])
        # The fixed part is evaluated apart from the rest whether it is cached or not, so the
        # rest is batched the same way and gives the same logits warm or cold, in any
        # process: the workers and the notes cache rely on one request giving one answer.
        held = llm.input_ids[:prefix].tolist() if llm.n_tokens >= prefix else None
        if fixed and fixed == self._warm and held == list(fixed):
            llm.n_tokens = prefix  # eval() drops the cache from there on
            evaluated = len(prompt) - prefix
        else:
            self._warm = ()
            llm.reset()
            self._eval(list(fixed))
            self._warm = fixed
            evaluated = len(prompt)
        self._eval(prompt[prefix:])
        return evaluated

    def decode(self, prompt: list[int], grammar: LlamaGrammar, max_tokens: int, prefix: int = 0) -> Decoded:
        """Generate after prompt, at most max_tokens; prompt[:prefix] is the part many
        prompts share (system and instructions), kept in the context for the next call."""
        llm = self._llm
        if not 0 <= prefix < len(prompt):
            raise ValueError(f"prefix {prefix} outside a prompt of {len(prompt)} tokens")
        started = time.perf_counter()
        try:
            prefilled = self._prefill(prompt, prefix)
        except BaseException:
            self._warm = ()
            raise
        decoding = time.perf_counter()
        picker = TokenPicker(llm, self._sampling, grammar, self._scratch)
        ctx = llm._ctx.ctx
        tokens: list[int] = []
        finish = "length"
        try:
            for _ in range(max_tokens):
                logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(ctx, -1), shape=(self._scratch.n_vocab,))
                token = picker.next(logits)
                if token is None:
                    finish = "stop"
                    break
                tokens.append(token)
                if len(tokens) < max_tokens:
                    self._retune(ctx)
                    llm.eval([token])
        except BaseException:
            self._warm = ()
            raise
        finally:
            picker.close()
        done = time.perf_counter()
        return Decoded(tokens, finish, picker.full_checks, prefilled, decoding - started, done - decoding)


def full_vocabulary_decode(
    llm: Llama, prompt: list[int], grammar: LlamaGrammar, max_tokens: int, sampling: Sampling, prefix: int = 0
) -> Decoded:
    """The same generation the way llama-cpp-python's completion makes it (the grammar over the
    whole vocabulary at every step): the reference the tests and the benchmark compare with.
    The prompt is batched as CheckedDecoder batches it (prefix apart)."""
    llm.reset()
    if prefix:
        llm.eval(prompt[:prefix])  # generate() then evaluates only the rest
    tokens: list[int] = []
    for token in llm.generate(
        prompt, temp=sampling.temperature, repeat_penalty=sampling.repeat_penalty, grammar=grammar,
        top_k=40, top_p=0.95, min_p=0.05, typical_p=1.0,
    ):
        if llama_cpp.llama_vocab_is_eog(llm._model.vocab, token):
            return Decoded(tokens, "stop", 0)
        tokens.append(token)
        if len(tokens) >= max_tokens:
            break
    return Decoded(tokens, "length", 0)
