"""Mathematics in text: what text extraction leaves of formulas, and the mark for one left out.
A sentence made of them states nothing a reader can take alone."""

from __future__ import annotations

import re


#: The mark for a formula left out of a text ("the decay constant [formula]"), as converters write
#: it; the evidence and the summary take a sentence with gaps only where it still says something.
FORMULA_MARK = "[formula]"


#: Mathematics that text extraction left inline.
MATH = re.compile(r"[→←↦∼∈∉≤≥∑∏∫±√∀∃⊂⊆⊇∪∩≈∝∂∇∅⇒⇔‖⋯]")


#: A LaTeX reference that text extraction left as its label ("Section [ratessection] contains"); not
#: the mark ingest puts where a corpus left a formula out.
_LATEX_LABEL = re.compile(r"\[(?!" + re.escape(FORMULA_MARK[1:]) + r")[a-z][a-z0-9:_-]{3,}\]")


#: Set theory and logic: a formula's symbols (unlike "±" or "≈", which prose uses).
_SET_LOGIC = re.compile(r"[∈∉⊂⊆⊇∪∩∀∃∅↦⇒⇔∂∇∑∏∫√]")


#: A Greek letter inside a Latin word, or the reverse ("qθtk"): a formula's symbols run together
#: ("TNFα" and "α-synuclein" are names).
_SYMBOLS = re.compile(r"[A-Za-z][α-ωΑ-Ω]+[A-Za-z]|[α-ωΑ-Ω][A-Za-z]+[α-ωΑ-Ω]")


#: What a PDF's TeX leaves in the text: "=" turned into a quote ("(i “ 1,..., n)"), "ℓ1" into "`1",
#: a tuple elided inside a formula ("δ = (δ, 0,..., 0)"), and a pointer to equations whose labels are
#: gone ("which result from eqs. and, and not ...").
_TEX_RESIDUE = re.compile(r"(?<!\w)\w\s“\s\d|(?<![\w`])`\d|,\s*(?:\.\.\.|…)\s*,"
                          r"|\b(?:eqs?|figs?|secs?|tabs?|refs?)\s?\.\s*(?:and|or)\b\s*[,.;]|\b(?:eqs?|figs?|refs?)\s?\.\s*[,.;]", re.IGNORECASE)


def inline_math(text: str) -> int:
    """How many mathematical symbols text extraction left inline."""
    return len(MATH.findall(text))


def set_logic(text: str) -> bool:
    return bool(_SET_LOGIC.search(text))


def latex_label(text: str) -> bool:
    return bool(_LATEX_LABEL.search(text))


def symbols_run_together(text: str) -> bool:
    return bool(_SYMBOLS.search(text))


def tex_residue(text: str) -> bool:
    return bool(_TEX_RESIDUE.search(text))
