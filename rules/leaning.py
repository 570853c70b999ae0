"""Sentences that lean on the one before them: "It is again open ...", "In such case, ...",
"Sie ist auch ...". Alone, in a summary or as a key point, they leave the reader asking what
"it" is; the evidence takes them with the sentence before, the key points avoid them.

The words are data, one entry per language; a language without one has no leaning sentences
(nothing is dropped for it). A demonstrative before the document's own name for itself ("This
report", "Cette étude") points at the document, not back, and so does one before a defined term
in capitals ("This Agreement") where nouns are not capitalized anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rules.data import table


@dataclass(frozen=True)
class Openers:
    #: Words and phrases that, opening a sentence, point back: pronouns, demonstratives, connectives.
    leaning: tuple[str, ...]
    #: Demonstratives, and the nouns a document calls itself by after them.
    demonstratives: tuple[str, ...] = ()
    own_nouns: tuple[str, ...] = ()
    #: Whether a capitalized word after a demonstrative is a defined term (not in German, whose nouns all are).
    defined_terms: bool = True


_DEMONSTRATIVES, _OWN_NOUNS, _DEFINED_TERMS = (table("leaning", key) for key in ("demonstratives", "own_nouns", "defined_terms"))
OPENERS: dict[str, Openers] = {
    language: Openers(openers, _DEMONSTRATIVES.get(language, ()), _OWN_NOUNS.get(language, ()), _DEFINED_TERMS.get(language, True))
    for language, openers in table("leaning", "openers").items()
}
#: Openings that begin like a leaning word but do not point back ("それぞれ": "each").
NOT_LEANING: dict[str, tuple[str, ...]] = table("leaning", "not_leaning")

_UNSPACED = {"zh", "ja"}


def _alternation(words: tuple[str, ...]) -> str:
    # Longest first, so "in such case" wins over "in" and "the latter" is one opener.
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _patterns(language: str) -> tuple[re.Pattern, re.Pattern | None] | None:
    openers = OPENERS.get(language)
    if openers is None:
        return None
    unspaced = language in _UNSPACED
    end, space = ("", r"\s*") if unspaced else (r"(?![\w-])", r"\s+")
    exceptions = NOT_LEANING.get(language, ())
    not_leaning = rf"(?!{_alternation(exceptions)})" if exceptions else ""
    leaning = re.compile(rf"^\W*{not_leaning}(?:{_alternation(openers.leaning)}){end}", re.IGNORECASE)
    own = None
    if openers.demonstratives:
        nouns = _alternation(openers.own_nouns) if openers.own_nouns else "(?!)"
        defined = r"|(?-i:[A-Z])" if openers.defined_terms else ""
        own = re.compile(rf"^\W*(?:{_alternation(openers.demonstratives)}){space}(?:(?:{nouns}){end}{defined})", re.IGNORECASE)
    return leaning, own


def leans(sentence: str, language: str) -> bool:
    """Whether the sentence opens by pointing back at what came before it (per the language's data)."""
    patterns = _patterns(language)
    if patterns is None:
        return False
    leaning, own = patterns
    return bool(leaning.match(sentence)) and not (own is not None and own.match(sentence))
