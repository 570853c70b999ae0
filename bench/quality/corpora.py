"""How some benchmark corpora were made, undone when their pairs are loaded, so that docsum reads
them as it reads a user's file.

The arXiv and PubMed corpus of Cohan et al. (2018) is tokenized ("models ( svms ) , although"),
writes each formula as "@xmathN", each citation as "@xcite", italics marks as " _ ", and points at
figures and equations by their LaTeX labels ("( see fig . [ fig1 ] )"). No PDF or DOCX a user gives
docsum has any of this, so the product has no rule for it; the text is put back as a paper writes
it: a formula left out as docsum's formula mark, citations as numbers, punctuation against its word,
no labels. Only the files named in TOKENIZED are touched: elsewhere a space before punctuation is
the language's own (French writes "Il a dit : oui").
"""

from __future__ import annotations

import itertools
import re

from rules.mathematics import FORMULA_MARK

#: The pairs files (by stem) written by a tokenizer with placeholders.
TOKENIZED = frozenset({"en_arxiv_cohan2018", "en_pubmed_cohan2018"})

_FORMULA = re.compile(r"@xmath\d+")
_CITATION = re.compile(r"@xcite\b")
#: In order: italics marks; the tokenizer's spaces inside brackets and before a comma or full stop;
#: then, on the text so mended, pointers to a figure, table, equation or section by label.
_UNDO = [
    (re.compile(r"\s+_(?=\s|$)"), ""),
    (re.compile(r"([(\[]) +"), r"\1"),
    (re.compile(r" +([)\]])"), r"\1"),
    (re.compile(r"\s+([,.])(?=\s|$)"), r"\1"),
    (re.compile(r"\s*\((?:see (?:also )?)?(?:figs?|tabs?|eqs?|secs?)\.\s*\[[^\]]{1,30}\](?:\s*\([a-z]\))?\)", re.I), ""),
    (re.compile(r"\s*\[eqs?\.\s*\(\[[^\]]{1,30}\]\)\]", re.I), ""),
]


def as_written(text: str, corpus_file: str) -> str:
    """The document's text as its authors wrote it, where the corpus (a pairs file's stem) changed it."""
    if corpus_file not in TOKENIZED:
        return text
    text = _FORMULA.sub(FORMULA_MARK, text)
    numbers = itertools.count(1)
    text = _CITATION.sub(lambda _: f"[{next(numbers)}]", text)
    for pattern, replacement in _UNDO:
        text = pattern.sub(replacement, text)
    return text
