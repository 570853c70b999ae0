"""The summary's opening sentence, in the model's own words: what the document is and its main
point. Readers of issue 33 rejected summaries that were collages of copied sentences opening on
background ("Since the 1950s ..."); a 0.5B model asked for one sentence of its own writes one
worth reading more often than it writes a paragraph, and one sentence can be checked.

The sentence stays only when the document supports it: no number, letter or name the document
does not write, and most of its content words (by their stems) in the document. It must speak of
the document ("This report examines ..."), with one of the words that describe any document
(DESCRIBING_WORDS, per language), which the document itself need not write; a sentence of the
document's own, or one that leans on another (core.leaning), is not an overview.

Only reports and papers are asked for one: read blind, the model's description of a transcript,
a guide or a patent misstated it in two of three.

Asked for before the summary, the overview drew the model's summary away from the document's
sentences into prose that invented ("small non-coding RNA (SNRs)"); so the model writes it after
the summary, and it is put first."""

from __future__ import annotations

from dataclasses import dataclass

from core.leaning import leans
from core.words import is_cjk, term_list
from summarize.fidelity import NOUNS_CAPITALIZED, unwritten
from summarize.grounding import joined, same_content, sentences_of, summary_text

#: Share of the sentence's content words the document must hold (their first STEM letters).
SUPPORT = 0.8
STEM = 5

#: Words an overview uses of any document, which the document need not contain.
DESCRIBING_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""document report study paper article text agreement contract transcript episode
        patent invention news meeting discussion guide review
        describes discusses examines explains presents outlines analyzes analyses reviews reports
        provides proposes concludes finds shows argues summarizes covers focuses""".split()),
    "de": frozenset("""dokument bericht studie artikel arbeit text vertrag patent erfindung sitzung anleitung
        beschreibt behandelt untersucht
        erklärt stellt zeigt fasst zusammen schließt kommt ergebnis ergebnisse""".split()),
    "fr": frozenset("""document rapport étude article texte contrat accord brevet réunion guide épisode
        décrit présente examine explique
        analyse conclut montre propose résume porte""".split()),
    "es": frozenset("""documento informe estudio artículo texto contrato acuerdo patente reunión guía
        episodio describe presenta examina
        explica analiza concluye muestra propone resume trata""".split()),
    "it": frozenset("""documento rapporto studio articolo testo contratto accordo brevetto riunione guida
        episodio descrive presenta esamina
        spiega analizza conclude mostra propone riassume tratta""".split()),
    "pt": frozenset("""documento relatório estudo artigo texto contrato acordo patente reunião guia
        episódio descreve apresenta examina
        explica analisa conclui mostra propõe resume trata""".split()),
    "ru": frozenset("""документ доклад отчет отчёт исследование статья текст договор патент совещание
        встреча руководство эпизод описывает
        рассматривает объясняет представляет анализирует показывает предлагает""".split()),
}

#: Words of four letters or more that any sentence uses (term_list keeps them), so the support is
#: measured on what the sentence says.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""this that these those with from which what their there they them been were have has
        also into about than other such only more most many some over under between both each while when
        regarding including main point points purpose""".split()),
    "de": frozenset("""diese dieser dieses diesem diesen eine einer einem einen einer wird werden wurde wurden
        sind sein seine ihre über auch nach durch sowie zwischen dass mehr""".split()),
    "fr": frozenset("""cette ces dans pour avec sont leur leurs plus entre ainsi aussi comme sur sous dont
        elle elles être était""".split()),
    "es": frozenset("""este esta estos estas para como sobre entre más también desde donde sus ellos""".split()),
    "it": frozenset("""questo questa questi queste sono della delle degli nella come anche loro più dopo""".split()),
    "pt": frozenset("""este esta estes estas para como sobre entre mais também pelo pela seus suas""".split()),
    "ru": frozenset("""этот эта это эти который которые также более между после""".split()),
}

@dataclass(frozen=True)
class Overview:
    """The opening sentence, or None, and what became of the model's."""

    text: str | None
    #: "written", "none" (the model wrote nothing usable), "unsupported", "not about the document",
    #: "repeats the summary".
    fate: str


def _stem(word: str) -> str:
    return word[:STEM]


def unsupported_names(sentence: str, document: str, language: str = "en") -> list[str]:
    """Names the document never writes (fidelity.unwritten), describing words aside; none in a
    language that capitalizes every noun."""
    if language in NOUNS_CAPITALIZED:
        return []
    describing = DESCRIBING_WORDS.get(language, frozenset())
    return [n for n in unwritten(sentence, document) if n.lower() not in describing]


def _content(sentence: str, language: str) -> list[str]:
    """The sentence's content words, less those that describe any document or serve any sentence."""
    common = DESCRIBING_WORDS.get(language, frozenset()) | FUNCTION_WORDS.get(language, frozenset())
    return [w for w in term_list(sentence) if w not in common]


def describes(sentence: str, language: str) -> bool:
    """Whether the sentence speaks of the document (one of its language's DESCRIBING_WORDS);
    true for a language without a list."""
    describing = DESCRIBING_WORDS.get(language)
    return describing is None or any(w in describing for w in term_list(sentence))


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


def grounded_overview(text: str | None, document: str, language: str, bound: int | None, instructions: str = "") -> Overview:
    """The model's overview held to the document (summary_text's checks, then names and support)."""
    said = sentences_of(summary_text(text or "", bound, document, language, instructions), language)
    if not said:
        return Overview(None, "none")
    sentence = said[0]
    if unsupported_names(sentence, document, language) or support(sentence, document, language) < SUPPORT:
        return Overview(None, "unsupported")
    if leans(sentence, language) or not describes(sentence, language):
        # "Cette situation est extrêmement grave ...": a sentence of the document, not one about it.
        return Overview(None, "not about the document")
    return Overview(sentence, "written")


def opened(overview: Overview, summary: str, language: str) -> tuple[str, Overview]:
    """The summary opened by the overview, unless one of its sentences already says what it says."""
    if overview.text is None:
        return summary, overview
    terms = set(_content(overview.text, language))
    if any(same_content(terms, set(_content(s, language))) for s in sentences_of(summary, language)):
        return summary, Overview(None, "repeats the summary")
    return joined([overview.text, summary], language) if summary else overview.text, overview
