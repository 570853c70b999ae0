"""Token counts with a GGUF model's own vocabulary: for the in-process engine, and for
a model server that cannot count (the openai engine's `tokenizer` setting)."""

from __future__ import annotations

from pathlib import Path

import llama_cpp
from llama_cpp import Llama

from core.errors import ModelError
from summarize.engines.chat import ChatPrompt


def quiet_llama_logs() -> None:
    """Silence llama.cpp's load log: stderr is for docsum's own progress."""
    if getattr(quiet_llama_logs, "keep", None) is not None:
        return

    @llama_cpp.llama_log_callback
    def _drop(level, text, user_data):  # pragma: no cover - called from C
        return None

    llama_cpp.llama_log_set(_drop, None)
    quiet_llama_logs.keep = _drop  # the C side keeps a pointer: keep the callback alive


def open_vocab(path: Path) -> Llama:
    """The model's vocabulary and metadata only: fast, and no weights in memory."""
    quiet_llama_logs()
    try:
        return Llama(model_path=str(path), vocab_only=True, verbose=False)
    except (ValueError, RuntimeError, OSError) as exc:
        raise ModelError(f"cannot read model {path}: {exc}") from None


def trained_context(path: Path) -> int:
    """The context the model was trained for, from its GGUF metadata."""
    probe = open_vocab(path)
    # A vocab-only load does not read the hyperparameters (n_ctx_train() is 0 there);
    # the GGUF metadata has the trained context under "<architecture>.context_length".
    meta = probe.metadata
    trained = int(meta.get(f"{meta.get('general.architecture', '')}.context_length", 0) or 0)
    probe.close()
    if trained <= 0:
        raise ModelError(f"cannot use {path}: it does not say what context it was trained for (no context_length in its metadata)")
    return trained


class Tokenizer:
    """Counts document text and whole chat prompts the way the model will see them."""

    def __init__(self, llm: Llama):
        self._llm = llm
        eos = llm._model.token_get_text(llm.token_eos())
        self.chat = ChatPrompt(llm.metadata.get("tokenizer.chat_template"), eos, self.tokenize)

    @classmethod
    def open(cls, path: Path) -> "Tokenizer":
        """A tokenizer from the model file's vocabulary alone."""
        return cls(open_vocab(path))

    def tokenize(self, text: str, add_bos: bool, special: bool) -> list[int]:
        return self._llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=special)

    def count(self, text: str) -> int:
        """Tokens the text takes as document content (special tokens are plain text)."""
        return len(self.tokenize(text, False, False))

    def prompt(self, system: str, user: str) -> list[int]:
        """The ids of a whole chat prompt, template included."""
        return self.chat.tokens(system, user)

    def prompt_parts(self, system: str, user: str) -> tuple[list[int], int]:
        """The ids of a whole chat prompt and how many of them are its fixed part."""
        fixed, rest = self.chat.parts(system, user)
        return fixed + rest, len(fixed)
