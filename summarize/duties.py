"""A contract's obligations held to its duty clauses.

Read blind, the model's obligations were often empty where the contract is full of duties, or
were its recitals ("WHEREAS, Todos has developed ... a blood screening test" became the duty "To
develop and own a proprietary blood screening test"). An obligation is kept when it says what a
clause that imposes a duty says ("X shall ...", "verpflichtet sich", "s'engage à"); the rest of
the field is filled with the contract's best duty clauses. A clause that states another field
(term, renewal, payment, termination, law) belongs to that field, and a definition, a recital or
a disclaimer imposes no duty.

The words are data, per language; a contract in a language without an entry keeps the model's
obligations as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chunking.evidence import Sentence
from core.words import term_list
from rules.contracts import clause_text
from rules.data import table
from rules.fields import states
from rules.leaning import leans
from summarize.grounding import same_content


@dataclass(frozen=True)
class DutyWords:
    #: A duty: the modal or the verb a clause binds a party with.
    binds: tuple[str, ...]
    #: No duty: a definition, a recital, a disclaimer or a right.
    frees: tuple[str, ...]


_FREES = table("duties", "frees")
DUTY_WORDS: dict[str, DutyWords] = {
    language: DutyWords(binds, _FREES.get(language, ())) for language, binds in table("duties", "binds").items()
}
#: A definition: a term given its meaning, which a reader of the summary does not need as a point.
DEFINITION_WORDS: dict[str, tuple[str, ...]] = table("duties", "definitions")
#: The fields whose clauses are not obligations: each has its own.
OTHER_FIELDS = ("term", "renewal", "payment", "termination", "governing_law")
#: Obligations the field holds at most.
MOST = 3


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in words)


@lru_cache(maxsize=None)
def _patterns(language: str) -> tuple[re.Pattern, re.Pattern] | None:
    words = DUTY_WORDS.get(language)
    if words is None:
        return None
    return (re.compile(rf"\b(?:{_alternation(words.binds)})\b", re.IGNORECASE),
            re.compile(rf"\b(?:{_alternation(words.frees)})\b", re.IGNORECASE))


@lru_cache(maxsize=None)
def _definition(language: str) -> re.Pattern | None:
    words = DEFINITION_WORDS.get(language)
    return re.compile(rf"\b(?:{_alternation(words)})\b", re.IGNORECASE) if words else None


def defines(text: str, language: str) -> bool:
    """Whether a clause defines a term ('"Products" shall mean ...'), per DEFINITION_WORDS."""
    pattern = _definition(language)
    return bool(pattern and pattern.search(text))


def imposes_duty(text: str, language: str) -> bool:
    """Whether a clause binds a party to do something (per DUTY_WORDS), and is not a definition,
    a recital, a disclaimer or a right, nor a clause of another field, nor one that leans on the
    clause before it ("In such case, ...")."""
    patterns = _patterns(language)
    if patterns is None:
        return False
    binds, frees = patterns
    return (bool(binds.search(text)) and not frees.search(text) and not defines(text, language) and not leans(text, language)
            and not any(states(f, text) for f in OTHER_FIELDS))


def _says(item: str, clause: str) -> bool:
    """Most of the item's content words are in the clause (the model shortened it, not rewrote it)."""
    words, other = set(term_list(item)), set(term_list(clause))
    return bool(words) and len(words & other) >= 0.75 * len(words)


def grounded_obligations(items: list[str], ranked: list[Sentence], language: str, longest: int) -> list[str]:
    """The model's obligations that say what a duty clause says, then the best duty clauses not
    already said (of at most `longest` characters), up to MOST; the model's list unchanged for a
    language without duty words."""
    if language not in DUTY_WORDS:
        return items
    duties = [clause_text(s.text) for s in ranked if imposes_duty(s.text, language)]
    kept = [item for item in items if any(_says(item, clause) for clause in duties)][:MOST]
    for clause in duties:
        if len(kept) >= MOST:
            break
        terms = set(term_list(clause))
        if len(clause) <= longest and not any(same_content(set(term_list(item)), terms) for item in kept):
            kept.append(clause)
    return kept
