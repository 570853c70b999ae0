"""Signals of a document's type, with their weights: a contract's parties clause and legal
formulas, a paper's apparatus (bibliography, citations, figures) and its researcher's voice, a
report's words for itself, a patent's. Worded signals are per-language data (rules/lang: doctype);
chunking/doctype.py scores them."""

from __future__ import annotations

import re

from rules.data import fragments, table

Signals = list[tuple[re.Pattern, int]]


def _compiled(signals: list[tuple[str, int]]) -> Signals:
    return [(re.compile(p, re.IGNORECASE | re.MULTILINE), w) for p, w in signals]


def _local(key: str) -> list[tuple[str, int]]:
    """Each language's own signals of a type, in language order (English first)."""
    return [(s["pattern"], s["weight"]) for signals in table("doctype", key).values() for s in signals]


#: A bibliography, citations, figures and tables: every encyclopedia article and many reports have them too, so
#: they make a paper only together with a researcher's voice (PAPER_VOICE). Signals whose words come from several
#: languages count once, however many of those languages a text writes them in.
PAPER_APPARATUS = _compiled([
    (rf"^\s*(?:\d+\.?\s+)?(?:{fragments('doctype', 'bibliography')})\s*$", 3),
    (r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\(\s*[A-Z][a-z]+(?: et al\.?)?,? (?:19|20)\d\d[a-z]?\s*\)", 1),
    # Figures and tables: a manual or a data model numbers them as a paper does.
    (r"\bfig(?:ure)?\s?\.?\s?\d|\btable\s\d|[図图表]\s?\d", 1),
    (r"\\cite\{|\\ref\{", 1),  # a LaTeX body's citations and cross-references
])
PAPER_VOICE = _compiled([
    (r"\bet al\s?\.", 1),  # academic prose citing by author, as a review does
    (rf"^\s*(?:{fragments('doctype', 'abstract')})\s*$", 3),
    *_local("paper_voice"),
])
CONTRACT = _compiled(_local("contract"))
REPORT = _compiled([*_local("report"), (fragments("doctype", "report_itself"), 3)])
#: A patent's formulas: a patent describes an invention with figures and prior art as a paper
#: does, but a reader files it as "other" (doc_types.json), so its evidence decides that.
PATENT = _compiled([
    (fragments("doctype", "invention"), 3),
    (fragments("doctype", "embodiment"), 2),
    (fragments("doctype", "prior_art"), 1),
    (r"\bcross[- ]references? to related applications?\b|\bbrief description of the drawings\b", 2),
])
