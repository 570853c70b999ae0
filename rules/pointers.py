"""Sentences about a figure or a table instead of the document's subject: "Figure 3 illustrates
dependency status ...", "FIG. 8 is a front view of ...", "Tabelle 2 zeigt ...". They point the
reader at something a summary does not carry, so they are neither evidence nor key points. A
sentence that only cites one ("Rainfall doubled (Fig. 3).", "As Table 2 shows, ...") keeps its
finding and stays.

The words are data, per language; a sentence is checked with every language's words, since a
document in one language often numbers its figures in another's style.
"""

from __future__ import annotations

import re

from core.words import alternation
from rules.data import table

#: What a document calls its figures and tables, per language (a full stop after an abbreviation is optional).
FIGURE_WORDS: dict[str, tuple[str, ...]] = table("figures", "words")

_WORDS = alternation(FIGURE_WORDS)
#: The figure opens the sentence as its subject: "Figure 3 ...", "FIG. 8 is ...", "Table IV", "图3显示".
_POINTER = re.compile(rf"^\W*(?:{_WORDS})\.?\s*(?:\d+|[IVX]+\b)", re.IGNORECASE)


def about_a_figure(sentence: str) -> bool:
    """Whether the sentence's subject is a numbered figure or table (per FIGURE_WORDS)."""
    return bool(_POINTER.match(sentence))
