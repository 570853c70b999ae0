"""The in-process engine: llama.cpp through llama-cpp-python, model loaded once."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import llama_cpp
from llama_cpp import Llama

from core.errors import ModelError, UsageError
from core.settings import Settings
from summarize.engines.base import Completion, ModelInfo
from summarize.engines.batch import BatchDecoder, Gather, Request, widen_context
from summarize.engines.cores import CoreShare
from summarize.engines.cpu import variants
from summarize.engines.cpu.build import installed_build
from summarize.engines.cpu.fit import EngineFit, fit_engine
from summarize.engines.decode import CheckedDecoder, Sampling
from summarize.engines.grammar import schema_grammar
from summarize.engines.tokens import Tokenizer, quiet_llama_logs, trained_context
from summarize.models.store import LocalModel, ModelStore


class LlamaEngine:
    """Runs a GGUF model in this process; one instance per process is enough."""

    def __init__(self, local: LocalModel, settings: Settings, tokenizer_only: bool = False):
        """Load the model; with tokenizer_only, just its vocabulary (fast, for planning jobs)."""
        quiet_llama_logs()
        self.tokenizer_only = tokenizer_only
        # A vocabulary-only read runs none of the CPU kernels (checked with a build that dies
        # of SIGILL in the probe): a damaged model file is named as such, not as a failed probe.
        trained = local.n_ctx or trained_context(local.path)
        #: The probe's verdict on this build and CPU (None for a tokenizer), asked before the
        #: weights are loaded: a build that would die of SIGILL is refused with one line.
        self.fit = None if tokenizer_only else ready_engine(settings, local.path)
        if settings.ctx is not None and settings.ctx > trained:
            raise UsageError(f"--ctx {settings.ctx} exceeds what {local.name} was trained for ({trained} tokens)")
        n_ctx = settings.ctx or min(trained, settings.max_ctx)
        threads = settings.cpu_threads
        try:
            self._llm = Llama(
                model_path=str(local.path),
                n_ctx=n_ctx,
                n_batch=512,
                n_threads=threads,
                n_threads_batch=threads,
                seed=settings.seed,
                flash_attn=settings.flash_attn,
                type_k=_KV_TYPES[settings.kv_cache],
                type_v=_KV_TYPES[settings.kv_cache],
                vocab_only=tokenizer_only,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(f"cannot load model {local.path}: {exc}") from None
        # Sequences decoded together share the context: each may use its part of it, so the
        # plan cuts windows that fit side by side.
        per_sequence = n_ctx // settings.sequences
        self.model = ModelInfo(name=local.name, sha256=local.sha256, n_ctx=per_sequence, engine="llama")
        self.sampling = Sampling(settings.temperature, settings.seed, settings.repeat_penalty)
        # Unless told a number, take this process's share of the cores while generating.
        self._share = None if settings.threads or tokenizer_only else CoreShare(settings.runtime_dir, threads)
        tune = self._share.threads if self._share else None
        #: Generations that may be asked for at once: with sequences > 1, the summarizer's
        #: threads send that many windows and they are decoded in one batch.
        self.parallel = 1 if tokenizer_only else settings.sequences
        self._decoder = self._gather = None
        if not tokenizer_only and settings.sequences == 1:
            self._decoder = CheckedDecoder(self._llm, self.sampling, tune)
        elif not tokenizer_only:
            widen_context(self._llm, settings.sequences)
            batcher = BatchDecoder(self._llm, self.sampling, settings.sequences, tune)
            self._gather = Gather(lambda requests: self._generating(batcher.decode_many, requests), settings.sequences)
        self._tokenizer = Tokenizer(self._llm)

    def count_tokens(self, text: str) -> int:
        return self._tokenizer.count(text)

    def count_prompt(self, system: str, user: str) -> int:
        return len(self._tokenizer.prompt(system, user))

    def complete_json(self, system: str, user: str, schema: dict, max_tokens: int) -> Completion:
        if self.tokenizer_only:
            raise ModelError("this engine was loaded for tokenizing only")
        tokens, prefix = self._tokenizer.prompt_parts(system, user)
        if len(tokens) + max_tokens > self.model.n_ctx:
            raise ModelError(
                f"prompt of {len(tokens)} tokens plus {max_tokens} for the answer exceeds the {self.model.n_ctx}-token context"
            )
        grammar = schema_grammar(schema, self._llm._model.vocab)
        try:
            if self._gather is not None:
                decoded = self._gather(Request(tokens, prefix, grammar, max_tokens))
            else:
                decoded = self._generating(self._decoder.decode, tokens, grammar, max_tokens, prefix)
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"generation failed: {exc}") from None
        text = self._llm.detokenize(decoded.tokens, prev_tokens=tokens).decode("utf-8", errors="ignore")
        return Completion(
            text=text,
            finish_reason=decoded.finish_reason,
            prompt_tokens=len(tokens),
            completion_tokens=len(decoded.tokens),
            prefill_tokens=decoded.prefilled,
            prefill_seconds=decoded.prefill_seconds,
            decode_seconds=decoded.decode_seconds,
        )

    def _generating(self, decode, *args):
        """decode(*args) counted among the box's generating processes (one batch counts once)."""
        with self._share.generating() if self._share else nullcontext():
            return decode(*args)


def ready_engine(settings: Settings, model_path: Path) -> EngineFit:
    """Prove the build on this CPU (cached) and load the portable build's proven CPU variant."""
    build = installed_build()
    fit = fit_engine(settings, model_path, build=build)
    if fit.variant:
        variants.load(build, fit.variant)
    return fit


_KV_TYPES = {"f16": llama_cpp.GGML_TYPE_F16, "q8_0": llama_cpp.GGML_TYPE_Q8_0}


def create(settings: Settings, tokenizer_only: bool = False) -> LlamaEngine:
    """The engine for settings.model, resolved in the model store."""
    return LlamaEngine(ModelStore(settings).resolve(settings.model), settings, tokenizer_only)
