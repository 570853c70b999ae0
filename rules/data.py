"""The per-language word tables, read once from rules/lang/<code>.toml.

A table is one key of one section ("leaning", "openers") across every language that has it:
{language: words}. A language without the key gets no such rule; nothing falls back to English.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

LANG_DIR = Path(__file__).resolve().parent / "lang"


@lru_cache(maxsize=1)
def _files() -> dict[str, dict[str, Any]]:
    paths = sorted(LANG_DIR.glob("*.toml"), key=lambda p: (p.stem != "en", p.stem))  # English first, as the code was written
    return {path.stem: tomllib.loads(path.read_text(encoding="utf-8")) for path in paths}


def languages() -> tuple[str, ...]:
    """Every language with a data file."""
    return tuple(_files())


def table(section: str, key: str) -> dict[str, Any]:
    """{language: value} for each language whose file has section.key; lists become tuples."""
    out = {}
    for language, data in _files().items():
        value = data.get(section, {}).get(key)
        if value is not None:
            out[language] = tuple(value) if isinstance(value, list) else value
    return out



def fragments(section: str, key: str) -> str:
    """Every language's regular-expression fragments of a table as one alternation, each once."""
    return "|".join(dict.fromkeys(f for values in table(section, key).values() for f in values))


def every(section: str, key: str) -> frozenset[str]:
    """Every language's words of a table, as one set."""
    return frozenset(w for values in table(section, key).values() for w in values)
