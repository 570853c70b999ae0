"""The document's type from evidence a program can check: a contract's parties clause and
its legal formulas, a paper's abstract, citations and references, a report's own words for
itself. The model is asked only when the evidence is mixed, and never offered a type the
evidence rules out, so a paper cannot come back as a contract with invented dates."""

from __future__ import annotations

from dataclasses import dataclass

from rules.doctype import CONTRACT, PAPER_APPARATUS, PAPER_VOICE, PATENT, REPORT, Signals

_COMPILED = {"contract": CONTRACT, "paper": PAPER_APPARATUS + PAPER_VOICE, "report": REPORT}
#: A type needs this much evidence (weights of the distinct signals found) to be considered...
THRESHOLD = 5
#: ...and this much more than the next type to be decided without the model.
MARGIN = 3


@dataclass(frozen=True)
class TypeEvidence:
    """What the text shows about its type: a score per type and the types left for the model."""

    scores: dict[str, int]
    #: The types the model may choose from; one type means code decided.
    candidates: tuple[str, ...]

    @property
    def decided(self) -> str | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def _score(text: str, patterns: Signals) -> int:
    """Distinct signals, each counted once (weight), twice when it recurs often (per 20k characters)."""
    total = 0
    for pattern, weight in patterns:
        hits = sum(1 for _ in zip(range(50), pattern.finditer(text)))
        if hits:
            total += weight * (2 if hits >= max(3, len(text) // 20000 * 3) else 1)
    return total


def document_type(text: str) -> TypeEvidence:
    """Scores per type on the whole text; the decided type, or the few the model chooses among."""
    patent = _score(text, PATENT)
    if patent >= THRESHOLD + MARGIN:
        return TypeEvidence({"patent": patent}, ("other",))
    scores = {}
    for kind, patterns in _COMPILED.items():
        if kind == "paper":
            apparatus = _score(text, patterns[: len(PAPER_APPARATUS)])
            voice = _score(text, patterns[len(PAPER_APPARATUS) :])
            # References without a researcher's voice make no paper.
            scores[kind] = apparatus + voice if voice else min(apparatus, THRESHOLD - 3)
        else:
            scores[kind] = _score(text, patterns)
    ranked = sorted(scores, key=scores.get, reverse=True)
    best, second = ranked[0], ranked[1]
    if scores[best] < THRESHOLD - 2:
        return TypeEvidence(scores, ("other",))
    if scores[best] < THRESHOLD:  # a hint: the model says whether it is enough
        return TypeEvidence(scores, (best, "other"))
    if scores[best] - scores[second] >= MARGIN or scores[second] < THRESHOLD:
        return TypeEvidence(scores, (best,))
    # Mixed evidence (a report quoting contract law, a paper about agreements): the model
    # chooses, but only among the types the text supports.
    return TypeEvidence(scores, tuple(k for k in ranked if scores[k] >= THRESHOLD))
