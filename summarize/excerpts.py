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
from rules.layout import signpost
from rules.leaning import leans
from summarize.checks import document_headings, point_defect
from summarize.duties import defines
from summarize.grounding import same_content
from summarize.schema import KeyPoint

#: A limitation is named as one: the evidence query's "however" is too loose for a field.
_LIMITATION = re.compile(
    r"\blimitations?\b|\bfuture (?:work|research|studies)\b|\bdrawbacks?\b|\bshortcomings?\b|\bcaveats?\b"
    r"|\bEinschränkung(?:en)?\b|\bkünftige(?:n)? (?:Arbeiten|Forschung)\b|\blimites\b|\btravaux futurs\b"
    r"|\blimitaciones?\b|\btrabajo futuro\b|局限|不足之处",
    re.IGNORECASE,
)
#: A question is a sentence that states the work's aim: "we propose/study ...", or "In this paper"
#: at its start (not "... a subsample of the data used in this work").
_STATES_AIM = re.compile(
    r"\b(?:we|this (?:paper|work|study|article)) (?:proposes?|presents?|stud(?:y|ies)|investigates?|introduces?|address(?:es)?"
    r"|develops?|derives?|examines?|explores?|describes?|reports?|aims?|seeks?)\b"
    # the work's aim, not an optimization's ("where the objective is to maximize model evidence")
    r"|\b(?:our|the (?:main|primary|principal|overall)) (?:aim|goal|objective|purpose) (?:is|was|here)\b"
    r"|\b(?:aim|goal|objective|purpose) of (?:this|the present|the current|our) (?:paper|work|study|article|research|thesis|review)\b|^\W*(?:\w+\W+){0,3}?in this (?:paper|work|study|article)\b"
    r"|\bwir (?:untersuchen|schlagen|stellen|zeigen)\b|^\W*In (?:dieser|der vorliegenden) (?:Arbeit|Studie|Untersuchung)\b|\bZiel (?:dieser|der)\b"
    r"|\bnous (?:proposons|présentons|étudions)\b|^\W*Dans (?:cet|cette) (?:article|étude|travail)\b|\bl'objectif\b"
    r"|\bproponemos\b|^\W*En este (?:trabajo|estudio|artículo)\b|\bel objetivo\b|本文|我们提出|本研究",
    re.IGNORECASE,
)
#: A method is what the authors did ("we trained ...", "patients were recruited ...", "our
#: approach"), not a sentence that only has the word ("Deep learning builds upon ... methods").
_STATES_METHOD = re.compile(
    r"\bwe (?:\w+ )?(?:use|used|train|trained|apply|applied|design|designed|collect|collected|measure|measured|employ|employed"
    r"|adopt|adopted|develop|developed|implement|implemented|fit|fitted|estimate|estimated|compute|computed|simulate|simulated"
    r"|perform|performed|conduct|conducted|analy[sz]e|analy[sz]ed|recruit|recruited|sample|sampled|follow|followed|formulate|model)\b"
    r"|\bour (?:method|approach|model|framework|algorithm|system|architecture|procedure)\b"
    r"|\b(?:was|were) (?:used|measured|collected|performed|conducted|estimated|trained|recruited|analy[sz]ed|assessed|obtained"
    r"|enrolled|randomi[sz]ed|included|evaluated|calculated|computed|simulated|fitted|recorded|determined)\b"
    r"|\bwir (?:verwenden|nutzen|messen|haben)\b|\bwurden?\b[^.]{0,60}\b(?:gemessen|untersucht|erhoben|verwendet|berechnet)\b"
    r"|\bnous (?:utilisons|avons utilisé|avons mesuré|appliquons)\b|\butilizamos\b|\bse (?:utilizó|midió|aplicó)\b|我们(?:使用|采用)|采用",
    re.IGNORECASE,
)
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

    question, method = best("question", 1, _STATES_AIM), best("method", 1, _STATES_METHOD)
    return {
        "question": question[0] if question else None,
        "method": method[0] if method else None,
        "findings": best("findings", 3),
        "limitations": best("limitations", 2, _LIMITATION),
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
