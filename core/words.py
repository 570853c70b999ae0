"""Content words of a text, the unit that sentence scoring and citation checks compare."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"\w+", re.UNICODE)


def alternation(table: dict[str, tuple[str, ...]]) -> str:
    """Every language's words of a per-language table as one regex alternation: escaped, each once,
    longest first (so "per cent" wins over "per")."""
    return "|".join(sorted({re.escape(w) for words in table.values() for w in words}, key=len, reverse=True))


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


#: A phrase said this many times in one summary is a loop, not emphasis.
LOOP_REPEATS = 3


class PhraseCount:
    """Word 4-grams (8-character runs in CJK) of the sentences taken so far, to refuse a
    sentence that would say one phrase a third time: a small model, and a document that names
    its subject the same way in every sentence, make summaries that repeat themselves."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, ...], int] = {}

    @staticmethod
    def _grams(text: str) -> Counter:
        """Each phrase of the text and how often it says it ("the Fire Prevention and Control Act
        created the Fire Prevention and Control Administration" says one twice)."""
        words = _WORD.findall(text.lower())
        cjk = [ch for w in words for ch in w if is_cjk(ch)]
        if len(cjk) > len(words):
            return Counter(tuple(cjk[i : i + 8]) for i in range(len(cjk) - 7))
        return Counter(tuple(words[i : i + 4]) for i in range(len(words) - 3))

    def would_loop(self, text: str) -> bool:
        return any(self.counts.get(g, 0) + n >= LOOP_REPEATS for g, n in self._grams(text).items())

    def add(self, text: str) -> None:
        for g, n in self._grams(text).items():
            self.counts[g] = self.counts.get(g, 0) + n
