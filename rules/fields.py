"""Field cues: the wordings that mark a sentence as stating one of a document type's fields (a
contract's parties, term or law; a paper's question, method, findings, limitations), used to pick
the evidence for each field and the sentences that answer it."""

from __future__ import annotations

import re

from rules.data import fragments


#: Each document type's fields, and how many sentences the evidence keeps for each. The wordings that
#: mark a sentence as stating a field are per-language data (rules/lang: field_cues, key type_field).
FIELDS: dict[str, tuple[tuple[str, int], ...]] = {
    "contract": (("parties", 1), ("effective_date", 1), ("term", 2), ("renewal", 1), ("payment", 1), ("termination", 1),
                 ("governing_law", 1)),
    "paper": (("question", 2), ("method", 1), ("findings", 2), ("limitations", 1)),
    "report": (("findings", 2), ("recommendations", 1)),
}


def _cues(kind: str, field: str) -> re.Pattern:
    cues = fragments("field_cues", f"{kind}_{field}")
    if not cues:  # an empty pattern would find every sentence
        raise ValueError(f"no language data file has field_cues.{kind}_{field}")
    return re.compile(cues, re.IGNORECASE | re.DOTALL)


COMPILED = {kind: [(field, _cues(kind, field), n) for field, n in fields] for kind, fields in FIELDS.items()}
#: A paper's statement of what it does (its "question" query).
AIM = next(p for f, p, _ in COMPILED["paper"] if f == "question")
