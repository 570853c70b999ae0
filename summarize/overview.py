"""The summary's opening sentence, in the model's own words: what the document is and its main
point. Readers of issue 33 rejected summaries that were collages of copied sentences opening on
background ("Since the 1950s ..."); a 0.5B model asked for one sentence of its own writes one
worth reading more often than it writes a paragraph, and one sentence can be checked.

The sentence stays only when the document supports it: no number, letter or name the document
does not write, most of its content words (by their stems) in the document, and no "not" that the
document sentence it draws on does not say (summarize/fidelity.py). It must name the kind of
document ("This report examines ...": DOCUMENT_WORDS, per language; those words and the verbs that
go with them need not be in the document); a sentence of the document's own that names none, or
one that leans on another (rules.leaning), is not an overview. A summary in another language than
the document's gets none: its words cannot be checked against the document's.

Only reports and papers are asked for one: read blind, the model's description of a transcript,
a guide or a patent misstated it in two of three.

Asked for before the summary, the overview drew the model's summary away from the document's
sentences into prose that invented ("small non-coding RNA (SNRs)"); so the model writes it after
the summary, and it is put first."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chunking.evidence import Sentence
from core.words import is_cjk, term_list
from rules.data import table
from rules.leaning import leans
from summarize.fidelity import NOUNS_CAPITALIZED, negated, negation_differs, source_of, unwritten
from summarize.grounding import joined, sentences_of, summary_text

#: Share of the sentence's content words the document must hold (their first STEM letters).
SUPPORT = 0.8
STEM = 5
#: Share of the overview's content words a summary sentence must say for the overview to give way.
REPEATS = 0.75

#: What a document is called, per language: an overview names one ("This report ...", "本論文では ...").
DOCUMENT_WORDS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in table("overview", "document_words").items()}
#: ...and the verbs it says it with, which the document need not write either.
DESCRIBING_VERBS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in table("overview", "describing_verbs").items()}

#: Words of four letters or more that any sentence uses (term_list keeps them), so the support is
#: measured on what the sentence says.
FUNCTION_WORDS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in table("overview", "function_words").items()}

@dataclass(frozen=True)
class Overview:
    """The opening sentence, or None, and what became of the model's."""

    text: str | None
    #: "written", "none" (the model wrote none), "unsupported", "not about the document",
    #: "repeats the summary", "not asked" (not a report or a paper), "another language" (the
    #: summary's is not the document's, whose words the overview is checked against).
    fate: str


def _stem(word: str) -> str:
    return word[:STEM]


def unsupported_names(sentence: str, document: str, language: str = "en") -> list[str]:
    """Names the document never writes (fidelity.unwritten), describing words aside; none in a
    language that capitalizes every noun."""
    if language in NOUNS_CAPITALIZED:
        return []
    describing = _describing(language)
    return [n for n in unwritten(sentence, document) if n.lower() not in describing]


def _content(sentence: str, language: str) -> list[str]:
    """The sentence's content words, less those that describe any document or serve any sentence."""
    common = _describing(language) | FUNCTION_WORDS.get(language, frozenset())
    return [w for w in term_list(sentence) if w not in common]


def _describing(language: str) -> frozenset[str]:
    return DOCUMENT_WORDS.get(language, frozenset()) | DESCRIBING_VERBS.get(language, frozenset())


def describes(sentence: str, language: str) -> bool:
    """Whether the sentence names the kind of document (DOCUMENT_WORDS); true for a language
    without a list."""
    nouns = DOCUMENT_WORDS.get(language)
    if nouns is None:
        return True
    if language in ("zh", "ja"):
        return any(n in sentence for n in nouns)
    return any(w.lower() in nouns for w in re.findall(r"[^\W\d_]+", sentence))


def support(sentence: str, document: str, language: str) -> float:
    """The share of the sentence's content words the document holds, describing words aside."""
    words = _content(sentence, language)
    if not words:
        return 0.0
    folded = document.lower()
    if any(is_cjk(ch) for w in words for ch in w):
        return sum(w in folded for w in words) / len(words)  # bigrams
    stems = {_stem(w) for w in term_list(folded)}
    return sum(_stem(w) in stems for w in words) / len(words)


def grounded_overview(text: str | None, document: str, sentences: list[Sentence], language: str, bound: int | None,
                      instructions: str = "") -> Overview:
    """The model's overview held to the document: summary_text's checks, names, support, a negation
    its source sentence does not say (fidelity), and that it names the kind of document."""
    if not (text or "").strip():
        return Overview(None, "none")
    said = sentences_of(summary_text(text, bound, document, language, instructions), language)
    if not said:
        return Overview(None, "unsupported")  # an invented number, a fragment, an echo of the instructions
    sentence = said[0]
    if unsupported_names(sentence, document, language) or support(sentence, document, language) < SUPPORT:
        return Overview(None, "unsupported")
    source, _ = source_of(sentence, sentences)
    # Only the negation: its names were checked against the whole document, and "This report ..."
    # opens it with words its source need not have.
    if negated(sentence, language) and not source or source and negation_differs(sentence, source.text, language):
        return Overview(None, "unsupported")  # "... did not narrow" of a gap that narrowed
    if leans(sentence, language) or not describes(sentence, language):
        # "Cette situation est extrêmement grave ...": a sentence of the document, not one about it.
        return Overview(None, "not about the document")
    return Overview(sentence, "written")


def repeats(overview: str, summary: str, language: str) -> bool:
    """Whether a summary sentence says what the overview says (most of the overview's own words)."""
    terms = set(_content(overview, language))
    return bool(terms) and any(len(terms & set(_content(s, language))) / len(terms) >= REPEATS
                               for s in sentences_of(summary, language))


def opened(overview: Overview, summary: str, language: str) -> tuple[str, Overview]:
    """The summary opened by the overview, unless one of its sentences already says what it says."""
    if overview.text is None:
        return summary, overview
    if repeats(overview.text, summary, language):
        return summary, Overview(None, "repeats the summary")
    return joined([overview.text, summary], language) if summary else overview.text, overview
