"""The document's type from evidence a program can check: a contract's parties clause and
its legal formulas, a paper's abstract, citations and references, a report's own words for
itself. The model is asked only when the evidence is mixed, and never offered a type the
evidence rules out, so a paper cannot come back as a contract with invented dates."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: (pattern, weight). Several languages: the signals are formulas, and formulas translate.
_CONTRACT = [
    (r"\bby and between\b|\bentered into (?:as of|on|this)\b|\bmade and entered\b", 3),
    # "whereas" is also plain English for "while": only the recital's capitals count.
    (r"\bin witness whereof\b|(?-i:\bWHEREAS\b|^\s*Whereas\b)|\bnow,? therefore\b", 3),
    (r"\b(?:this|the) (?:\w+ ){0,5}(?:agreement|contract|lease|licen[cs]e agreement)\b", 1),
    (r"\bhereinafter\b|\bhereto\b|\bhereunder\b|\bthereof\b", 1),
    (r"\bgoverning law\b|\bgoverned by the laws? of\b", 2),
    (r"\b(?:the )?part(?:y|ies) (?:hereto|to this)\b|\beach party\b|\beither party\b", 2),
    (r"\bshall (?:not )?(?:be|have|pay|provide|terminate)\b", 1),
    (r"\bVertrag(?:spartei|sparteien)?\b|\bzwischen\b.{0,200}\bund\b.{0,200}\bnachfolgend\b", 2),
    (r"\bci-après (?:dénommée?|désignée?)\b|\bentre les soussignés\b|\ble présent contrat\b", 3),
    (r"\ben adelante\b|\bel presente contrato\b|\bcláusula\b", 2),
    (r"甲方|乙方|合同双方|本合同", 3),
]
#: A bibliography, citations, figures and tables: every encyclopedia article and many reports have them too, so
#: they make a paper only together with a researcher's voice (the signals after them).
_PAPER_APPARATUS = [
    (r"^\s*(?:\d+\.?\s+)?(?:references|bibliography|literatur(?:verzeichnis)?|bibliographie|参考文献)\s*$", 3),
    (r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\(\s*[A-Z][a-z]+(?: et al\.?)?,? (?:19|20)\d\d[a-z]?\s*\)", 1),
    # Figures and tables: a manual or a data model numbers them as a paper does.
    (r"\bfig(?:ure)?\s?\.?\s?\d|\btable\s\d|[図图表]\s?\d", 1),
    (r"\\cite\{|\\ref\{", 1),  # a LaTeX body's citations and cross-references
]
_PAPER = _PAPER_APPARATUS + [
    (r"\bet al\s?\.", 1),  # academic prose citing by author, as a review does
    (r"^\s*(?:abstract|zusammenfassung|résumé|摘要)\s*$", 3),
    (r"\b(?:in this (?:paper|study|work|article)|we propose|we present|we show that|our results)\b", 2),
    # The same voice in the other languages of the corpus: data, one line a language.
    (r"\bin dieser (?:arbeit|studie)\b|\bwir (?:zeigen|schlagen vor|untersuchen)\b", 2),
    (r"\bdans (?:cet article|ce travail|cette étude)\b|\bnous (?:proposons|montrons|présentons)\b", 2),
    (r"\ben este (?:artículo|trabajo|estudio)\b|\bin questo (?:articolo|lavoro|studio)\b", 2),
    (r"本(?:論文|稿|研究)では|を提案する|実験(?:の)?結果", 2),
    (r"本文(?:提出|研究|介绍)|我们提出|实验结果表明", 2),
    (r"^\s*(?:\d+\.?\s+)?(?:introduction|related work|methods?|methodology|experiments?|results|discussion|conclusions?)\s*$", 1),
    (r"\bwe (?:found|observed|study|studied|investigate|measured|analy[sz]ed|obtain|derive|consider)\b", 1),
    (r"\b(?:statistically significant|p\s?[<=]\s?0?\s?\.\s?\d|confidence interval|standard deviation)\b", 1),
    (r"\b(?:results|data|findings) (?:show|suggest|indicate|demonstrate)\b", 1),
]
_REPORT = [
    (r"\b(?:this|the present) report\b|\bthe report (?:finds|examines|describes|discusses|provides)\b", 3),
    (r"\bexecutive summary\b|\bwe recommend\b|\brecommendations?\b", 1),
    (r"\bGAO\b|\bCongress(?:ional)?\b|\bCRS\b|\bagenc(?:y|ies)\b|\bfederal\b|\bministry\b|\bcommission\b", 1),
    (r"\b(?:House|Senate)\b|\bcommittees?\b|\bCRS Report\b", 1),
    (r"\bfiscal year\b|\bFY\s?\d{2,4}\b|\bappropriations?\b|\bstatute\b|\blegislation\b", 1),
    (r"\bdieser Bericht\b|\bce rapport\b|\ble présent rapport\b|\beste informe\b|本报告", 3),
]
#: A patent's formulas: a patent describes an invention with figures and prior art as a paper
#: does, but a reader files it as "other" (doc_types.json), so its evidence decides that.
_PATENT = [
    (r"\bthe present (?:invention|disclosure)\b|\bder vorliegenden erfindung\b|\bla présente invention\b|本発明", 3),
    (r"\b(?:preferred |alternative |exemplary )?embodiments?\b|\bausführungsform", 2),
    (r"\bprior art\b|\bstand der technik\b", 1),
    (r"\bcross[- ]references? to related applications?\b|\bbrief description of the drawings\b", 2),
]
_PATENT_COMPILED = [(re.compile(p, re.IGNORECASE | re.MULTILINE), w) for p, w in _PATENT]
_COMPILED = {
    kind: [(re.compile(p, re.IGNORECASE | re.MULTILINE), w) for p, w in patterns]
    for kind, patterns in (("contract", _CONTRACT), ("paper", _PAPER), ("report", _REPORT))
}
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


def _score(text: str, patterns: list[tuple[re.Pattern, int]]) -> int:
    """Distinct signals, each counted once (weight), twice when it recurs often (per 20k characters)."""
    total = 0
    for pattern, weight in patterns:
        hits = sum(1 for _ in zip(range(50), pattern.finditer(text)))
        if hits:
            total += weight * (2 if hits >= max(3, len(text) // 20000 * 3) else 1)
    return total


def document_type(text: str) -> TypeEvidence:
    """Scores per type on the whole text; the decided type, or the few the model chooses among."""
    patent = _score(text, _PATENT_COMPILED)
    if patent >= THRESHOLD + MARGIN:
        return TypeEvidence({"patent": patent}, ("other",))
    scores = {}
    for kind, patterns in _COMPILED.items():
        if kind == "paper":
            apparatus = _score(text, patterns[: len(_PAPER_APPARATUS)])
            voice = _score(text, patterns[len(_PAPER_APPARATUS) :])
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
