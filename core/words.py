"""Content words of a text, the unit that sentence scoring and citation checks compare."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


def term_list(text: str) -> list[str]:
    """Content words in order (lower case, longer than 3 letters); character bigrams for
    scripts written without spaces."""
    out: list[str] = []
    for w in _WORD.findall(text.lower()):
        if any(is_cjk(ch) for ch in w):
            out += [w[i : i + 2] for i in range(len(w) - 1)] or [w]
        elif len(w) > 3:
            out.append(w)
    return out


def terms(text: str) -> frozenset[str]:
    """The set of term_list(text)."""
    return frozenset(term_list(text))


def jaccard(a: set, b: set) -> float:
    """Shared items over all items of two sets (0 for two empty ones)."""
    return len(a & b) / len(a | b) if a | b else 0.0
