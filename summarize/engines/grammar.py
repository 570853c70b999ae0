"""JSON schema to a checked llama.cpp grammar.

llama-cpp-python has two silent failure modes that this module closes: its chat
API falls back to a generic JSON grammar when a schema cannot be converted, and
a grammar that llama.cpp cannot parse yields a NULL sampler that is simply not
applied. Here conversion errors raise, and the grammar is parsed once up front.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import llama_cpp
from llama_cpp.llama_grammar import LlamaGrammar, json_schema_to_gbnf

from core.errors import ModelError

# Keywords the converter honours; anything else would be silently ignored by it
# (for example minimum/maximum on integers), so schemas may not use them.
_SUPPORTED = {
    "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
    "enum", "const", "anyOf", "oneOf", "description", "title", "maxLength",
}


def _check_keywords(schema: object, where: str = "#") -> None:
    if isinstance(schema, dict):
        unknown = set(schema) - _SUPPORTED
        if unknown:
            raise ModelError(f"summary schema uses keywords the grammar cannot enforce at {where}: {sorted(unknown)}")
        for key, value in schema.items():
            if key == "properties":
                for name, sub in value.items():
                    _check_keywords(sub, f"{where}/{name}")
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                _check_keywords(value, f"{where}/{key}")
            elif key in ("anyOf", "oneOf"):
                for i, sub in enumerate(value):
                    _check_keywords(sub, f"{where}/{key}/{i}")


# The converter writes maxLength N as N nested optional groups, "(char (char (char)?)?)?",
# which llama.cpp refuses past a few hundred; its own bounded repetition, char{0,N}, is the
# same language and parses in a blink (up to llama.cpp's limit of 2000 repetitions).
_NESTED = re.compile(r"\((?:char \()*char(?:\)\?)+")
MAX_LENGTH = 2000


def _flatten(gbnf: str) -> str:
    return _NESTED.sub(lambda m: f"char{{0,{m.group().count('char')}}}", gbnf)


def _check_lengths(schema: object) -> None:
    if isinstance(schema, dict):
        if schema.get("maxLength", 0) > MAX_LENGTH:
            raise ModelError(f"summary schema asks for maxLength {schema['maxLength']}; llama.cpp takes at most {MAX_LENGTH}")
        for value in schema.values():
            _check_lengths(value)
    elif isinstance(schema, list):
        for value in schema:
            _check_lengths(value)


@lru_cache(maxsize=64)
def _gbnf(schema_json: str) -> str:
    schema = json.loads(schema_json)
    _check_keywords(schema)
    _check_lengths(schema)
    try:
        return _flatten(json_schema_to_gbnf(schema_json))
    except Exception as exc:  # noqa: BLE001 - the converter raises bare Exceptions
        raise ModelError(f"summary schema cannot be turned into a grammar: {exc}") from None


def schema_grammar(schema: dict, vocab) -> LlamaGrammar:
    """A grammar that enforces the schema, verified to parse in llama.cpp."""
    gbnf = _gbnf(json.dumps(schema, sort_keys=False))
    sampler = llama_cpp.llama_sampler_init_grammar(vocab, gbnf.encode("utf-8"), b"root")
    if not sampler:
        raise ModelError("llama.cpp rejected the summary grammar; output would be unconstrained")
    llama_cpp.llama_sampler_free(sampler)
    return LlamaGrammar.from_string(gbnf)
