"""Fields taken from the document's own sentences instead of the model's: key points and a
paper's question, method, findings and limitations.

A 0.5B model wrote these as headings, copies of the summary, the prompt's own words ("What it
studies") or the same list twice, and they cost as many tokens as the summary. The document's
best sentences are supported by the page they cite by construction, and cost nothing to write.
Only for a summary in the document's language: a translated summary keeps the model's.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from chunking.evidence import Sentence, field_matches
from core.words import term_list
from rules.fields import LIMITATION, STATES_AIM, STATES_METHOD
from rules.layout import document_headings, signpost
from rules.leaning import leans
from summarize.checks import point_defect
from summarize.duties import defines
from summarize.grounding import same_content
from summarize.schema import KeyPoint

#: Contract clauses worth a key point, in this order (parties and dates have fields of their own).
_CONTRACT_POINTS = ("term", "renewal", "payment", "termination", "governing_law")


def _distinct(candidates: list[Sentence], taken: list[set[str]], most: int, longest: int | None = None) -> list[Sentence]:
    """Up to `most` candidates in order, none saying what a taken one says (taken grows)."""
    out = []
    for s in candidates:
        if len(out) >= most:
            break
        words = set(term_list(s.text))
        if (longest and len(s.text) > longest) or any(same_content(words, t) for t in taken):
            continue
        out.append(s)
        taken.append(words)
    return out


def paper_fields(candidates: list[Sentence], field_chars: int, language: str = "en") -> dict[str, Any]:
    """A paper's question, method, findings and limitations: the best readable sentences
    (candidates) that answer each field query, each used once (null or empty where none does)."""
    taken: list[set[str]] = []

    def best(field: str, most: int, extra: re.Pattern | None = None) -> list[str]:
        matches = [s for s in field_matches(candidates, "paper", field) if not signpost(s.text)]
        if extra is not None:
            matches = [s for s in matches if extra.search(s.text)]
        # "Then, we study ..." answers the query but leans on a sentence the reader does not see.
        matches = sorted(matches, key=lambda s: leans(s.text, language))
        return [s.text for s in _distinct(matches, taken, most, field_chars)]

    question, method = best("question", 1, STATES_AIM), best("method", 1, STATES_METHOD)
    return {
        "question": question[0] if question else None,
        "method": method[0] if method else None,
        "findings": best("findings", 3),
        "limitations": best("limitations", 2, LIMITATION),
    }


def document_points(
    candidates: list[Sentence],
    summary: str,
    document: str,
    wanted: int,
    point_chars: int,
    doc_type: str,
    used: Sequence[str] = (),
    language: str = "en",
) -> list[KeyPoint]:
    """`wanted` key points from the document's readable sentences (best first): for a contract
    its term, renewal, payment, termination and law clauses first; none a heading, a copy of the
    summary, of another point or of `used` (the texts of fields already filled); in document order."""
    headings = document_headings(document)
    first: list[Sentence] = []
    if doc_type == "contract":
        for field in _CONTRACT_POINTS:
            first += field_matches(candidates, "contract", field, stated=True)[:1]
    taken = [set(term_list(text)) for text in used]
    ordered = list(dict.fromkeys([*first, *candidates]))  # field clauses first, each sentence once
    fit = [s for s in ordered if point_defect(s.text, summary, headings) is None
           and not (doc_type == "contract" and defines(s.text, language))]  # "RENEWAL TERM shall have the meaning ..."
    alone = [s for s in fit if not leans(s.text, language)]  # rules.leaning: a point stands alone
    chosen = _distinct(alone, taken, wanted, point_chars)
    # Too few: sentences that lean on their neighbours, then long ones, rather than too few points.
    for pool, longest in ((fit, point_chars), (fit, None)):
        if len(chosen) < wanted:
            chosen += _distinct([s for s in pool if s not in chosen], taken, wanted - len(chosen), longest)
    return [KeyPoint(s.text, (s.page,)) for s in sorted(chosen, key=lambda s: s.index)]
