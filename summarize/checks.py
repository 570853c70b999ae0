"""Checks for the junk a schema-valid summary can still hold: key points that are headings
(alone or run into a sentence), note markers, pieces of sentences, courtesies, copies of the
summary or of each other, and numbers the document never states.

Pure functions over text, so the summarizer and the quality benchmark judge alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from typing import Iterable

from core.words import jaccard
from rules.layout import document_headings, heading_like, plain, plain_words
from rules.numbers import unsupported_numbers
from rules.registry import KEY_POINT, first
from rules.sentences import quotation


def point_defect(text: str, summary: str, headings: set[str], others: list[str] = ()) -> str | None:
    """Why one key point is junk (a marker, a heading, a definition, too short, a courtesy, a signpost,
    a caption, form fields, formulas left out, a copy of the summary or of an earlier point), or None when it is worth reading."""
    words = plain_words(text)
    said = plain(text)
    said_by_summary = plain(summary)
    rule = first(text, KEY_POINT)
    if rule is not None and rule.name == "note_marker":
        return f"{rule.says}: {text!r}"
    if heading_like(text, headings):
        return f"heading: {text!r}"
    if rule is not None:
        return f"{rule.says}: {text!r}"
    if said and said_by_summary and (said in said_by_summary or said_by_summary in said or _near_sentence(set(words), summary)):
        # A sentence of the summary repeated as a point (or the summary itself) adds nothing.
        return f"copy of the summary: {text!r}"
    if any(jaccard(set(words), set(plain_words(other))) >= 0.8 for other in others):
        return f"repeats another key point: {text!r}"
    return None


def key_point_defects(points: list[str], summary: str, document_text: str) -> list[str]:
    """One reason per defective key point (and one for too few points), in order."""
    headings = document_headings(document_text)
    defects = [
        d for i, text in enumerate(points)
        if (d := point_defect(text, summary, headings, points[:i])
            or (quotation(text, document_text) and f"a speaker's words without the speaker: {text!r}"))
    ]
    if len(points) < 3:
        defects.append(f"only {len(points)} key point(s)")
    return defects


def _stems(words: Iterable[str]) -> set[str]:
    """Words without a plural's or a verb's final s ("rnas are" and "rna is" say one thing)."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words}


def _near_sentence(words: set[str], summary: str) -> bool:
    """The point says what one sentence of the summary says: most of the same words, or
    nearly all of its words inside that sentence (a plural or a verb's number aside)."""
    words = _stems(words)
    for sentence in re.split(r"(?<=[.!?。！？])\s+", summary):
        other = _stems(plain_words(sentence))
        if other and (jaccard(words, other) >= 0.7 or len(words & other) >= 0.85 * len(words)):
            return True
    return False


def _script(ch: str) -> str:
    """The script a letter beyond Latin belongs to, by its Unicode name ("CJK", "CYRILLIC", "GREEK")."""
    return unicodedata.name(ch, "?").split()[0]


@functools.lru_cache(maxsize=8)
def _scripts(text: str) -> frozenset[str]:
    return frozenset(_script(ch) for ch in set(text) if ch.isalpha() and ord(ch) > 0x2FF)


def foreign_letters(text: str, document_text: str) -> bool:
    """A few letters of a script that neither the document nor the rest of the text writes: a
    small model slips into another language mid-word ("a price信用 on any such Product"). A
    summary written in another script than the document's is not foreign: its letters are most."""
    letters = [ch for ch in text if ch.isalpha()]
    counts = Counter(_script(ch) for ch in letters if ord(ch) > 0x2FF)
    return any(n * 2 < len(letters) and script not in _scripts(document_text) for script, n in counts.items())


def unsupported(text: str, document_text: str) -> bool:
    """Whether text states a number, or writes letters, that the document does not."""
    return bool(unsupported_numbers(text, document_text)) or foreign_letters(text, document_text)


