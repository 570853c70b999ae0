"""`python -m tests.helpers.crashing_worker worker ...`: docsum's CLI with an in-process
engine that dies of SIGILL when asked to compute a prompt, as a build for instructions
the CPU lacks does. It reads the model like the real engine (same sha256, so the worker
accepts the job); only generating kills the process."""

from __future__ import annotations

from cli.main import main
from summarize.engines.llama import LlamaEngine
from summarize.engines.registry import register_engine
from summarize.models.store import ModelStore
from tests.helpers.sigill import illegal_instruction


class CrashingEngine(LlamaEngine):
    def complete_json(self, system, user, schema, max_tokens):
        illegal_instruction()


def _create(settings, tokenizer_only=False):
    return CrashingEngine(ModelStore(settings).resolve(settings.model), settings, tokenizer_only)


if __name__ == "__main__":
    # Registered under the built-in's name in this process only: the submitter's tokenizer is the real one.
    register_engine("llama", _create)
    main()
