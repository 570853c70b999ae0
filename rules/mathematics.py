"""Mathematics in text: what text extraction leaves of formulas, and the mark for one left out.
A sentence made of them states nothing a reader can take alone."""

from __future__ import annotations

import re

from rules.data import table
from rules.fields import AIM
from rules.registry import rule, searched


#: The mark for a formula left out of a text ("the decay constant [formula]"); docsum's own reading
#: never writes it, but a text a converter or the benchmarks' loader made may. The evidence and the
#: summary take a sentence with such gaps only where it still says something.
FORMULA_MARK = "[formula]"


#: Mathematics that text extraction left inline.
MATH = re.compile(r"[→←↦∼∈∉≤≥∑∏∫±√∀∃⊂⊆⊇∪∩≈∝∂∇∅⇒⇔‖⋯]")


#: A LaTeX reference that text extraction left as its label ("Section [ratessection] contains"); not
#: the formula mark.
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


rule("inline_math", "mathematics", "inline mathematics", drops=("The bound holds for all x ∈ S.",),
     keeps=("The rate rose by 5 percent.",))(searched(MATH))
rule("math_heavy", "mathematics", "more formula than prose", drops=("Then x ≤ y and y ≥ z for every pair.",),
     keeps=("The bound holds for all x ∈ S.",))(lambda text: inline_math(text) >= 2)
set_logic = rule("set_logic", "mathematics", "set theory or logic", drops=("For every point p ∈ U the map is open.",),
                 keeps=("The error is ± 2 percent.",))(searched(_SET_LOGIC))
latex_label = rule("latex_label", "mathematics", "a LaTeX label", drops=("Section [ratessection] contains the rates.",),
                   keeps=("We find [formula] in the final state.", "The clause [3] applies."))(searched(_LATEX_LABEL))
symbols_run_together = rule("symbols_run_together", "mathematics", "a formula's symbols run together",
                            drops=("The update qθtk follows the gradient.",),
                            keeps=("TNFα rises in the samples.", "The α-synuclein level fell."))(searched(_SYMBOLS))
tex_residue = rule("tex_residue", "mathematics", "what TeX leaves in text",
                   drops=("The sum runs over (i “ 1,..., n) in the model.", "They result from eqs. and, and not from the data."),
                   keeps=("The sum runs over all samples in the model.",))(searched(_TEX_RESIDUE))


@rule("formula_gap", "mathematics", "formulas left out where they carry the point",
      drops=("We find [formula] summed over the three tag modes.", "For small [formula], the lines extend to [formula]."),
      keeps=("In this article, we report a measurement of the decay constant [formula].",
             "The elastic constants depend on temperature."),
      languages=tuple(table("field_cues", "paper_question")))
def formula_gap(text: str) -> bool:
    """A sentence with formulas text extraction left out, where the gaps cost the reader: a paper's
    statement of what it does is worth a gap or three ("we report ... the decay constant [formula]");
    any other sentence may have lost its value or its condition ("we find [formula]", "for small
    [formula]"), and two gaps side by side or one to fewer than eight words are more formula than prose."""
    marks = text.count(FORMULA_MARK)
    if not marks:
        return False
    return marks > 3 or f"{FORMULA_MARK} {FORMULA_MARK}" in text or 8 * marks > len(text.split()) - marks \
        or not AIM.search(text)
