"""The model's entities held to the document: names it really writes, as it writes them, typed
no more precisely than the document shows.

A 0.5B model names headings and phrases as entities and guesses their types ("Aarhus":
organization, "Schmerz": person, "tumor specimens": product). Code cannot know every name, but
it can tell a phrase from a name by its capitals, a place by the prepositions the document puts
before it, and a person by a full name or a title; where it cannot tell, the type is "other",
which is never wrong, rather than a guess that is.
"""

from __future__ import annotations

import re
import unicodedata

from core.words import is_cjk
from rules.layout import LABEL_ONLY
from rules.mathematics import MATH
from rules.names import CITATION, CLAUSE_WORDS, DATE, capitalized_throughout, entity_type
from rules.sentences import SPEAKER_NAME
from summarize.grounding import fold, folded_document, is_cased


def grounded_entities(entities: list[dict[str, str]], document: str, language: str | None = None) -> list[dict[str, str]]:
    """Entities the document really names, once each: spacing aside, and in a cased document
    as it writes them (a name is capitalized, in English throughout: "Phase Diagrams" for "phase
    diagrams", "Laplace distributions" are not names; French writes "Commission européenne"); in a lower-cased text in a script with capitals, only
    dates and amounts (the model's capitals are its own guess); a date or an amount has a figure,
    and a date reads as one ("CIFAR-10" does not); a name is not a clause (at most 8 words or 20
    CJK characters, no sentence punctuation), a citation, nor a speaker's label; typed as the
    document shows it (an "organization" written after a place preposition is a place; a person
    needs a full name or a title; "other" where the document shows neither)."""
    cased = is_cased(document)
    letters = [ch for ch in document[:5000] if ch.isalpha()]
    # Lower-cased, not a script without capitals (Chinese, Arabic): most letters have an upper case.
    lowered = not cased and sum(ch.upper() != ch.lower() for ch in letters) * 2 > len(letters)
    text = " ".join(unicodedata.normalize("NFKC", document).split()) if cased else folded_document(document)
    seen, out = set(), []
    for e in entities:
        name = " ".join(unicodedata.normalize("NFKC", str(e.get("name", ""))).split())
        key = fold(name)
        kind = e.get("type", "other")
        if not name or key in seen or (name if cased else key) not in text:
            continue
        if (kind in ("date", "money") and not re.search(r"\d", name)) or (kind == "date" and not DATE.search(name)):
            continue
        if lowered and kind not in ("date", "money"):
            continue  # "mirna" as an organization, "tumor specimens" as a product: guesses
        if len(name) < 2 or len(name.split()) > 8 or sum(is_cjk(ch) for ch in name) > 20 or re.search(r"[，。；：！？;!?]|,$", name):
            continue  # a clause (or a variable's letter), not a name
        if CLAUSE_WORDS.search(name) or CITATION.search(name):
            continue  # "patients who score 0/8", "Meschia et al": a description, a citation
        if MATH.search(name) or LABEL_ONLY.search(name):
            continue  # "M ⊆X", "Definition 33": a formula or a label
        first = name.split()[0]
        if SPEAKER_NAME.match(name) or (cased and kind not in ("date", "money") and first.isalpha() and first.islower()
                                        and len(first) > 3):
            continue  # "说话人1" is a label; "professeur", "topologischer Raum" in a cased text no name ("iPhone", "von Neumann" are)
        if language == "en" and cased and kind not in ("date", "money") and not capitalized_throughout(name):
            continue  # "Laplace distributions", "Physics beyond the standard model": phrases
        if cased and name[:1].isupper() and re.search(rf"(?<![\w./@]){re.escape(name[:1].lower() + name[1:])}(?![\w@]|\.\w)", text):
            continue  # the document writes it in lower case too: a common noun ("Commission", "Députés")
        seen.add(key)
        out.append({"name": name, "type": entity_type(kind, name, text, cased, language)})
    return out
