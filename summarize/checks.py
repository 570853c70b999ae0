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
from typing import Iterable, Iterator

from core.words import jaccard
from rules.layout import title_case
from rules.numbers import unsupported_numbers
from rules.registry import KEY_POINT, first

#: "2.", "4.1", "IV.", "Article 3", "Section 12(b)", "§ 5" at the start of a heading.
_NUMBERING = re.compile(
    r"^\s*(?:(?:article|section|clause|chapter|part|§)\s*)?(?:\d+(?:\.\d+)*|[ivxlc]+)[.):]?\s+", re.IGNORECASE
)
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*\s*$")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _plain(text: str) -> str:
    return " ".join(_words(text))


def document_headings(document_text: str) -> set[str]:
    """Short lines of the document that stand alone (headings), in plain form, numbering removed."""
    headings = set()
    for line in document_text.splitlines():
        line = line.strip()
        if 0 < len(line) <= 80 and not _SENTENCE_END.search(line) and len(_words(line)) <= 8:
            headings.add(_plain(_NUMBERING.sub("", line)))
    headings.discard("")
    return headings


def heading_like(text: str, headings: set[str] = frozenset()) -> bool:
    """A few words without a verb's sentence: a heading of the document, or numbered, or in Title Case."""
    words = _words(text)
    if not words or len(words) > 8 or _SENTENCE_END.search(text.strip()):
        return False
    if _plain(_NUMBERING.sub("", text)) in headings or _NUMBERING.match(text):
        return True
    return len(words) <= 5 and title_case(text)


def point_defect(text: str, summary: str, headings: set[str], others: list[str] = ()) -> str | None:
    """Why one key point is junk (a marker, a heading, a definition, too short, a courtesy, a signpost,
    a caption, form fields, formulas left out, a copy of the summary or of an earlier point), or None when it is worth reading."""
    words = _words(text)
    plain = _plain(text)
    plain_summary = _plain(summary)
    rule = first(text, KEY_POINT)
    if rule is not None and rule.name == "note_marker":
        return f"{rule.says}: {text!r}"
    if heading_like(text, headings):
        return f"heading: {text!r}"
    if rule is not None:
        return f"{rule.says}: {text!r}"
    if plain and plain_summary and (plain in plain_summary or plain_summary in plain or _near_sentence(set(words), summary)):
        # A sentence of the summary repeated as a point (or the summary itself) adds nothing.
        return f"copy of the summary: {text!r}"
    if any(jaccard(set(words), set(_words(other))) >= 0.8 for other in others):
        return f"repeats another key point: {text!r}"
    return None


#: A quotation mark that opens, or closes, a speaker's words ('"' does both).
_QUOTE_OPENS = re.compile(r"[\"“«„‹]\s*$")
_QUOTE_CLOSES = re.compile(r"^[.,!?…]?\s*[\"”»“›]")


def copies(words: list[str], text: str) -> Iterator[re.Match[str]]:
    """Where `text` writes these words in this order, whatever it puts between them (spaces,
    punctuation, line breaks; "stroke - free" for "stroke-free"), in any case."""
    return re.finditer(r"\W+".join(map(re.escape, words)), text, re.IGNORECASE)


def quotation(sentence: str, document_text: str) -> bool:
    """Whether the document gives `sentence` only as someone's words, between quotation marks
    ('"La crise est là, mais elle est gérée", a affirmé le chef du gouvernement'): alone in a
    summary or a key point, a speaker's claim reads as a fact."""
    words = re.findall(r"\w+", sentence)
    if not words or re.search(r"[\"“”«»„]", sentence):
        return False
    found = False
    for match in copies(words, document_text):
        before = document_text[max(0, match.start() - 3) : match.start()]
        if not (_QUOTE_OPENS.search(before) and _QUOTE_CLOSES.match(document_text[match.end() : match.end() + 4])):
            return False
        found = True
    return found


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
        other = _stems(_words(sentence))
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


