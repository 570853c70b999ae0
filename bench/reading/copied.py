"""The rubric's copy count: a summary sentence is copied when nine in ten of its 4-word
sequences appear in the document (4-character sequences for Chinese and Japanese, which
write no spaces). The bench's own count: it shares nothing with the product's filters."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _units(text: str) -> list[str]:
    """Words, or characters where the text is mostly Chinese or Japanese."""
    letters = [c for c in text if c.isalnum()]
    if letters and sum(bool(_CJK.match(c)) for c in letters) > len(letters) / 2:
        return letters
    return [w.lower() for w in _WORD.findall(text)]


def _grams(units: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(units[i : i + n]) for i in range(len(units) - n + 1)]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def copied_sentences(summary: str, document: str, n: int = 4, share: float = 0.9) -> tuple[int, int]:
    """(copied, all) sentences of the summary; a sentence under n units is not counted either way."""
    seen = set(_grams(_units(document), n))
    copied = total = 0
    for sentence in sentences(summary):
        grams = _grams(_units(sentence), n)
        if not grams:
            continue
        total += 1
        if sum(g in seen for g in grams) >= share * len(grams):
            copied += 1
    return copied, total
