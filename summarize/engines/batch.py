"""Several generations decoded together: one llama_decode per step for all of them.

A CPU decoding one sequence reads every weight once per token; with several sequences in
one batch (one sequence id and one grammar each, as llama.cpp's examples/batched does) it
reads them once for all. Whether that pays depends on the box: where compute is the
limit (2 cores) it does not (bench/RESULTS.md, section decode-batch), so the engine
uses this only when settings.sequences > 1.

The answers are valid and greedy, but not bit-identical to decoding each prompt alone:
the attention sums run over the other sequences' (masked) cells too, and the rounding
follows. So the workers, which must agree with each other, never use it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

import llama_cpp
import numpy as np
from llama_cpp import Llama
from llama_cpp import _internals as internals
from llama_cpp.llama_grammar import LlamaGrammar

from summarize.engines.decode import Candidates, Decoded, Sampling, ThreadTuner, TokenPicker


@dataclass(frozen=True)
class Request:
    prompt: list[int]
    #: prompt[:prefix] is the fixed part; shared by every request of a batch when equal.
    prefix: int
    grammar: LlamaGrammar
    max_tokens: int

    @property
    def room(self) -> int:
        return len(self.prompt) + self.max_tokens


def widen_context(llm: Llama, sequences: int) -> None:
    """Give llm a context that holds `sequences` sequences in one unified KV cache of the
    same size (the one it has is freed: the memory is not doubled)."""
    params = llm.context_params
    params.n_seq_max = sequences
    params.kv_unified = True
    wide = internals.LlamaContext(model=llm._model, params=params, verbose=False)
    old, llm._ctx = llm._ctx, wide
    old.close()


class BatchDecoder:
    """Decodes a list of requests together in the Llama it owns (made wide with widen_context)."""

    def __init__(self, llm: Llama, sampling: Sampling, sequences: int, threads: Callable[[], int] | None = None):
        self._llm = llm
        self._sampling = sampling
        self.sequences = sequences
        self._retune = ThreadTuner(threads)
        self._scratch = Candidates(llm.n_vocab())
        self._batch = llama_cpp.llama_batch_init(max(llm.n_batch, sequences), 0, sequences)
        llm._stack.callback(self.close)  # freed with the model, like the Llama's own batch

    def close(self) -> None:
        if self._batch is not None:
            llama_cpp.llama_batch_free(self._batch)
            self._batch = None

    def rounds(self, requests: list[Request]) -> list[list[int]]:
        """Indexes of requests grouped so each group fits the context and the sequence count."""
        n_ctx, groups, room = self._llm.n_ctx(), [], 0
        for i, r in enumerate(requests):
            if r.room > n_ctx:
                raise ValueError(f"a prompt of {len(r.prompt)} tokens plus {r.max_tokens} exceeds the {n_ctx}-token context")
            if groups and len(groups[-1]) < self.sequences and room + r.room <= n_ctx:
                groups[-1].append(i)
                room += r.room
            else:
                groups.append([i])
                room = r.room
        return groups

    def decode_many(self, requests: list[Request]) -> list[Decoded]:
        """Every request's generation, in order; as many at once as fit."""
        out: list[Decoded | None] = [None] * len(requests)
        for group in self.rounds(requests):
            for i, decoded in zip(group, self._round([requests[i] for i in group])):
                out[i] = decoded
        return out  # type: ignore[return-value]

    def _submit(self, entries: list[tuple[int, int, int, bool]]) -> None:
        """One llama_decode of (token, position, sequence, wants logits) entries."""
        b = self._batch
        b.n_tokens = len(entries)
        for j, (token, pos, seq, logits) in enumerate(entries):
            b.token[j], b.pos[j], b.n_seq_id[j], b.logits[j] = token, pos, 1, logits
            b.seq_id[j][0] = seq
        self._retune(self._llm._ctx.ctx)
        rc = llama_cpp.llama_decode(self._llm._ctx.ctx, b)
        if rc != 0:
            raise RuntimeError(f"llama_decode returned {rc} (the context is full or the batch is invalid)")

    def _logits(self, index: int) -> np.ndarray:
        ptr = llama_cpp.llama_get_logits_ith(self._llm._ctx.ctx, index)
        return np.ctypeslib.as_array(ptr, shape=(self._scratch.n_vocab,)).copy()

    def _prefill(self, seq: int, tokens: list[int], start: int) -> np.ndarray | None:
        """Evaluate tokens at positions start.. for seq, n_batch at a time; the last logits."""
        step = self._llm.n_batch
        for i in range(0, len(tokens), step):
            piece = tokens[i : i + step]
            last = i + len(piece) == len(tokens)
            self._submit([(t, start + i + j, seq, last and j == len(piece) - 1) for j, t in enumerate(piece)])
        return self._logits(-1) if tokens else None

    def _round(self, requests: list[Request]) -> list[Decoded]:
        llm = self._llm
        memory = llama_cpp.llama_get_memory(llm._ctx.ctx)
        llama_cpp.llama_memory_clear(memory, True)
        started = time.perf_counter()
        shared = len({tuple(r.prompt[: r.prefix]) for r in requests}) == 1 and requests[0].prefix > 0
        prefilled = [0] * len(requests)
        if shared:
            # The common fixed part once, in sequence 0, then shared with the others.
            self._prefill(0, requests[0].prompt[: requests[0].prefix], 0)
            for seq in range(1, len(requests)):
                llama_cpp.llama_memory_seq_cp(memory, 0, seq, 0, requests[0].prefix)
            prefilled[0] = requests[0].prefix
        logits = []
        for seq, r in enumerate(requests):
            start = r.prefix if shared else 0
            logits.append(self._prefill(seq, r.prompt[start:], start))
            prefilled[seq] += len(r.prompt) - start
        decoding = time.perf_counter()
        pickers = [TokenPicker(llm, self._sampling, r.grammar, self._scratch) for r in requests]
        tokens: list[list[int]] = [[] for _ in requests]
        finish = ["length"] * len(requests)
        ended = [0.0] * len(requests)
        try:
            active = list(range(len(requests)))
            while active:
                entries = []
                for seq in list(active):
                    token = pickers[seq].next(logits[seq])
                    if token is None:
                        finish[seq] = "stop"
                    else:
                        tokens[seq].append(token)
                    if token is None or len(tokens[seq]) >= requests[seq].max_tokens:
                        active.remove(seq)
                        ended[seq] = time.perf_counter()
                    else:
                        entries.append((token, len(requests[seq].prompt) + len(tokens[seq]) - 1, seq, True))
                if entries:
                    self._submit(entries)
                    for j, (_, _, seq, _) in enumerate(entries):
                        logits[seq] = self._logits(j)
        finally:
            for p in pickers:
                p.close()
        prefill_s = decoding - started
        return [
            Decoded(tokens[s], finish[s], pickers[s].full_checks, prefilled[s], prefill_s, ended[s] - decoding)
            for s in range(len(requests))
        ]


class Gather:
    """Lets the threads that call complete_json at the same time share one batch.

    A caller queues its request; if no batch is running it becomes the runner, waits up to
    `linger` seconds for companions (the summarizer sends its windows almost together),
    decodes up to `size` queued requests and hands every caller its own result."""

    def __init__(self, run: Callable[[list[Request]], list[Decoded]], size: int, linger: float = 0.05):
        self._run = run
        self._size = size
        self._linger = linger
        self._cond = threading.Condition()
        self._queue: list[_Slot] = []
        self._running = False

    def __call__(self, request: Request) -> Decoded:
        slot = _Slot(request)
        with self._cond:
            self._queue.append(slot)
            self._cond.notify_all()
            while not slot.done:
                if self._running:
                    self._cond.wait()
                    continue
                self._running = True  # this caller leads: the others wait for its batch
                deadline = time.monotonic() + self._linger
                while len(self._queue) < self._size and (left := deadline - time.monotonic()) > 0:
                    self._cond.wait(left)
                batch, self._queue = self._queue[: self._size], self._queue[self._size :]
                self._cond.release()
                try:
                    try:
                        results = self._run([s.request for s in batch])
                        for s, r in zip(batch, results):
                            s.result = r
                    except BaseException as exc:  # every caller of the batch hears of it
                        for s in batch:
                            s.error = exc
                finally:
                    self._cond.acquire()
                    for s in batch:
                        s.done = True
                    self._running = False
                    self._cond.notify_all()
        if slot.error is not None:
            raise slot.error
        return slot.result  # type: ignore[return-value]


class _Slot:
    def __init__(self, request: Request):
        self.request = request
        self.result: Decoded | None = None
        self.error: BaseException | None = None
        self.done = False
