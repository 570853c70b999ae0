"""The model's notes on a document's sections: made from its answer, checked against the section
it read, shown to the final pass, and the key points of the summary (each cites its section's
pages), so the model writes the summary and nothing of the document is pasted into it."""

from __future__ import annotations

import re

from chunking.segment import split_sentences
from core.words import is_cjk, term_list
from summarize.citations import PageIndex
from summarize.grounding import clean_prose
from summarize.schema import KeyPoint, Notes
from summarize.support import Source, supported

#: Sentences of a note kept: the prompt asks for one or two, a model sometimes writes a list.
NOTE_SENTENCES = 3
#: A key point says what no summary sentence and no earlier point says: at most this share of
#: its content words in any one of them.
DISTINCT = 0.6
#: Notes kept back from the summary as its key points, once there are more notes than this.
KEPT_FOR_POINTS = 3
#: Key points at most.
MAX_POINTS = 8
#: Pages a key point cites at most: the section's pages that hold most of its words.
POINT_PAGES = 2


_ENDED = re.compile(r"[.!?。！？…]['\"”’)\]」]*$")


def sentences(text: str, language: str) -> list[str]:
    """The model's prose as sentences, whitespace folded, each ended (a note cut at its bound
    or written without a full stop would run into the next one)."""
    text = " ".join(text.split())
    out = [stated(s.strip(), language) for s in split_sentences(text, language) if s.strip()] if text else []
    out = [s for s in out if _LETTERS.search(s)]
    stop = "。" if language in ("zh", "ja") else "."
    return [s if _ENDED.search(s) else s.rstrip(",;: ") + stop for s in out]


def joined(parts: list[str], language: str) -> str:
    """Sentences as the language writes them one after another."""
    return ("" if language in ("zh", "ja") else " ").join(parts)


#: How a small model opens a note about the text instead of stating it, per language (data: a
#: language is added here). The opener is cut; the statement after it stays.
META_OPENERS = {
    "en": (r"(?:summary|note|key point|main point)s?:", r"the main (?:fact|point|finding|event) (?:is|was) that", r"the most (?:informative|important) sentences?(?: in this part)? (?:is|are):?", r"(?:this|the) (?:part|section|text) (?:states|says|notes|shows) that",
           r"in this (?:part|section),?", r"according to (?:this|the) (?:part|text),?",
           r"the subject(?: of this part)? is(?: that)?"),
    "de": (r"(?:dieser|der) (?:teil|abschnitt) (?:beschreibt|behandelt|besagt),? dass",),
    "fr": (r"cette partie (?:indique|explique|décrit) que", r"dans cette partie,?"),
    "es": (r"esta parte (?:indica|explica|describe) que", r"en esta parte,?"),
    "it": (r"questa parte (?:indica|spiega|descrive) che", r"in questa parte,?"),
    "pt": (r"esta parte (?:indica|explica|descreve) que", r"nesta parte,?"),
    "zh": (r"(?:这|该)部分(?:讨论|描述|指出)了?", r"本部分"),
}
#: A note that names the part as its subject ("This part covers the fees ...") says it of the
#: document: the subject is replaced, per language.
META_SUBJECTS = {
    "en": (r"(?:this|the) (?:part|section|passage|excerpt)", "The document"),
    "de": (r"(?:dieser|der) (?:teil|abschnitt)", "Das Dokument"),
    "fr": (r"(?:cette|la) partie", "Le document"),
    "es": (r"(?:esta|la) parte", "El documento"),
    "it": (r"(?:questa|la) parte", "Il documento"),
    "pt": (r"(?:esta|a) parte", "O documento"),
}
_SUBJECTS = {code: (re.compile(rf"^{pattern}\b", re.IGNORECASE), word) for code, (pattern, word) in META_SUBJECTS.items()}
_META = re.compile(r"^\s*(?:" + "|".join(p for ps in META_OPENERS.values() for p in ps) + r")\s*", re.IGNORECASE)
#: A note's text that says nothing of the document (JSON debris, a lone number).
_LETTERS = re.compile(r"[^\W\d_]{2}")


def stated(sentence: str, language: str = "en") -> str:
    """The sentence without a meta opener ("The main fact is that ..."), capitalized again, and
    with the document, not the part, as its subject."""
    bare = _META.sub("", sentence, count=1)
    if language in _SUBJECTS:
        pattern, word = _SUBJECTS[language]
        bare = pattern.sub(word, bare, count=1)
    return bare[:1].upper() + bare[1:] if bare != sentence else sentence


def compose(overview: list[str], notes: list[Notes], chars: int, language: str) -> tuple[list[str], list[Notes]]:
    """The summary: the model's overview, then the notes in document order, within `chars`
    characters: whole notes when they all fit, else their first sentences, else the first
    sentences of notes spread evenly over the document. Also the notes left out, in order (they
    become key points, so every part of the document is in one or the other)."""
    said = [set(term_list(s)) for s in overview]
    fresh = [n for n in notes if not any(_share(set(term_list(n.summary)), o) > DISTINCT for o in said)]
    room = chars - sum(len(s) + 1 for s in overview)
    # With twice KEPT_FOR_POINTS notes or more, that many are kept back as key points.
    fit = len(fresh) - KEPT_FOR_POINTS if len(fresh) >= 2 * KEPT_FOR_POINTS else len(fresh)
    whole = [sentences(n.summary, language) for n in fresh]
    if fit == len(fresh) and sum(len(s) + 1 for parts in whole for s in parts) <= room:
        return overview + [s for parts in whole for s in parts], []
    firsts = [parts[:1] for parts in whole]
    sizes = [sum(len(s) + 1 for s in parts) for parts in firsts]
    if fit == len(fresh) and sum(sizes) <= room:
        return overview + [s for parts in firsts for s in parts], []
    average = sum(sizes) / max(1, len(sizes))
    most = min(fit, max(1, int(room // average))) if room > 0 else 0
    step = len(fresh) / most if most else 0
    chosen = {int(i * step) for i in range(most)}
    taken = [s for i, parts in enumerate(firsts) if i in chosen for s in parts]
    return overview + taken, [n for i, n in enumerate(fresh) if i not in chosen]


def note_from(answer: str, section: str, pages: tuple[int, ...], language: str, document_language: str) -> Notes:
    """The model's note on one section: its first sentences that the section supports (numbers
    and, in the section's own language, most words); how many it left out is recorded."""
    said = sentences(clean_prose(answer, section), language)[:NOTE_SENTENCES]
    lexical = language == document_language
    kept = [s for s in said if supported(s, [Source("", section)], section, lexical=lexical)]
    return Notes(joined(kept, language), (), (), pages, unsupported=len(said) - len(kept))


def notes_text(notes: list[Notes]) -> str:
    """The notes as the final pass reads them: one line per part, in order."""
    # No labels: a small model copies "Part 3 (pages 2-4):" into the summary.
    return "\n".join(f"- {n.summary}" for n in notes if n.summary)


def sources(notes: list[Notes], index: PageIndex, lexical: bool) -> list[Source]:
    """What a summary sentence may rest on: each note with its part's pages (lexical: the pages'
    text is in the summary's language, so it counts too)."""
    return [Source(n.summary, index.text_of(n.pages) if lexical else "", n.pages) for n in notes if n.summary]


def _share(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(words) if words else 1.0


def points_from_notes(notes: list[Notes], summary: list[str], index: PageIndex, most: int, language: str) -> list[KeyPoint]:
    """Key points from the notes, in document order: each note sentence that says something no
    summary sentence and no earlier point says, citing the pages of its part that hold it."""
    said = [set(term_list(s)) for s in summary]
    points: list[KeyPoint] = []
    for n in notes:
        for text in sentences(n.summary, language):
            words = set(term_list(text))
            if len(words) < 2 and not any(is_cjk(ch) for ch in text):
                continue
            if any(_share(words, other) > DISTINCT for other in said):
                continue
            ranked = sorted(n.pages, key=lambda p: -index.support(text, p))
            # Only pages that hold some of its words (a page of the part that holds none does not
            # state it); the part's best page when none does (a note in another language).
            held = [p for p in ranked[:POINT_PAGES] if index.support(text, p) > 0] or ranked[:1]
            points.append(KeyPoint(text, tuple(sorted(held))))
            said.append(words)
            break  # one point a part: points spread over the document
    if len(points) > most:
        # Spread over the document: every k-th part's point.
        step = len(points) / most
        points = [points[int(i * step)] for i in range(most)]
    return points
