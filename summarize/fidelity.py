"""A summary sentence the model rewrote keeps what its source says. Read blind, the model's
rewrites of one document sentence misstated it in ways no number check sees: a negation lost
("The parties agree to use Confidential Information ... for any purpose except ..." where the
clause says "agrees not to use"), a duty given to the wrong party ("Party shall pay to Neoforma
..." for "VerticalNet shall pay ..."), one character's line given to another, an acronym made up
("small non-coding RNA (SNRs)").

So each summary sentence that is not the document's own words is held to the document sentence
it was rewritten from (the one holding most of its content words, at least REWRITE_SHARE):
- it says "not" where that sentence does, and only there (NEGATIONS, per language);
- when it is an edit of that sentence (EDIT_SHARE of its words), every name it writes (a
  capitalized word, its first included: it is often the subject) is in that sentence.
A sentence that fails gives way to its source sentence, the document's own words, unless that one
leans on the sentence before it (rules.leaning) or does not read well alone (a recital, a heading
run in), in which case it goes and the summary is completed from the document's best sentences.
A sentence rewritten from no single sentence keeps only acronyms the document writes somewhere
("Danish" may stand for "Denmark", "SNRs" for nothing). German capitalizes every noun: there,
edits keep only their negations. Not caught: two sentences spliced into one that neither says,
or two parties the clause names swapping places.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from chunking.evidence import Sentence
from core.words import term_list
from rules.data import table
from rules.leaning import leans
from summarize.grounding import best_match, fold, folded_document, is_cased, joined, readable, same_content, sentences_of

#: Share of a sentence's content words that marks it as rewritten from one document sentence...
REWRITE_SHARE = 0.6
#: ...and as an edit of it, whose every name must be that sentence's ("Ross turns out to be a girl."
#: for "Frank turns out to be a girl."); a looser rewrite may name what the document says elsewhere.
EDIT_SHARE = 0.8

#: Words that turn a statement into its opposite, per language.
NEGATIONS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in table("fidelity", "negations").items()}
#: Languages that capitalize common nouns: a capitalized word there is no name.
NOUNS_CAPITALIZED = frozenset({"de"})

#: Words before the first shared one that still count (within the clause: not past , ; :).
_BEFORE = 3
_WORD = re.compile(r"[^\W\d_]+n['’]t|[^\W\d_]+")
#: A word after a space, a bracket or a quote; names() keeps those that start with a capital.
_AFTER_SPACE = re.compile(r"(?<=[\s(“\"'‘])([^\W\d_][\w'’.-]*\w)")
#: "No. 5", "Nr. 3": a number, not a negation.
_NUMBER_SIGN = re.compile(r"\.?\s*\d")


@dataclass(frozen=True)
class Held:
    """The summary after the check, and how many of its sentences were replaced or dropped."""

    text: str
    restored: int
    dropped: int


def negated(sentence: str, language: str) -> bool:
    """Whether the sentence says "not" (NEGATIONS of its language; "n't"; "No. 5" is a number)."""
    words = NEGATIONS.get(language, frozenset())
    for m in _WORD.finditer(sentence):
        token = m.group().lower()
        if token.endswith(("n't", "n’t")) or (token in words and not (token == "no" and _NUMBER_SIGN.match(sentence, m.end()))):
            return True
    return False


def names(sentence: str, first: bool = False) -> list[str]:
    """Capitalized words past the first (first: the first too): names, acronyms (a possessive's "'s" aside)."""
    found = _AFTER_SPACE.findall(" " + sentence.lstrip() if first else sentence)
    return [re.sub(r"['’]s$", "", n.rstrip(".")) for n in found if n[0].isupper()]


def unwritten(sentence: str, text: str, first: bool = False) -> list[str]:
    """The sentence's names that the text does not write as words (case aside: some corpora are
    lower-cased; two words joined count, since text extraction breaks words: "F ederal")."""
    words = _words(text)
    return [n for n in names(sentence, first) if not all(part in words for part in _WORD.findall(fold(n)))]


def acronym(word: str) -> bool:
    """Two capitals in a row ("SNRs", "NPSAS"): what a small model makes up. A name in free prose may
    be the document's in another form ("Danish" for "Denmark"); "U.S." is dotted."""
    return any(a.isupper() and b.isupper() for a, b in zip(word, word[1:]))


@functools.lru_cache(maxsize=4)
def _words(text: str) -> frozenset[str]:
    tokens = _WORD.findall(fold(text))
    return frozenset(tokens) | frozenset(a + b for a, b in zip(tokens, tokens[1:]))


def source_of(sentence: str, sentences: list[Sentence]) -> tuple[Sentence | None, float]:
    """The document sentence the sentence was rewritten from (REWRITE_SHARE of its words, or
    None), and the share."""
    index, share = best_match(sentence, [(i, s.terms) for i, s in enumerate(sentences)])
    return (sentences[index], share) if index is not None and share >= REWRITE_SHARE else (None, share)


def _covered(source: str, sentence: str) -> str:
    """The stretch of the source the rewrite draws on: from its first to its last word that the
    rewrite shares (a rewrite of a sentence's first half says nothing of a "not" in its second),
    and the few words before, in the same clause: a negation comes before what it denies ("No party
    shall make ..." rewritten "The parties agree not to make ...")."""
    spans = list(_WORD.finditer(source.lower()))
    src, new = [m.group() for m in spans], _WORD.findall(sentence.lower())
    blocks = [b for b in difflib.SequenceMatcher(None, src, new, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return ""
    start, end = blocks[0].a, blocks[-1].a + blocks[-1].size
    while start > 0 and blocks[0].a - start < _BEFORE and not re.search(r"[,;:]", source[spans[start - 1].end() : spans[start].start()]):
        start -= 1
    return " ".join(src[start:end])


def negation_differs(sentence: str, source: str, language: str) -> bool:
    """Whether a rewrite of `source` loses or adds a negation, in the stretch of the source it draws on."""
    return negated(sentence, language) != negated(_covered(source, sentence), language)


def misstates(sentence: str, source: str, language: str, share: float = 1.0) -> bool:
    """Whether a rewrite of `source` loses or adds a negation, or (an edit, share >= EDIT_SHARE)
    writes a name the source does not."""
    if negation_differs(sentence, source, language):
        return True
    # An edit's first word counts: it is often the subject ("Ross turns out ..." for "Frank turns out ...").
    return share >= EDIT_SHARE and language not in NOUNS_CAPITALIZED and bool(unwritten(sentence, source, first=True))


def held_to_sources(summary: str, sentences: list[Sentence], document: str, language: str) -> Held:
    """The summary with each rewritten sentence held to its source (see the module's note)."""
    said = sentences_of(summary, language)
    folded, cased = folded_document(document), is_cased(document)
    out: list[str] = []
    restored = dropped = 0
    for sentence in said:
        if fold(sentence) in folded:
            out.append(sentence)  # the document's own words
            continue
        source, share = source_of(sentence, sentences)
        if source is None:
            if not [n for n in unwritten(sentence, document, first=True) if acronym(n)]:
                out.append(sentence)
            else:
                dropped += 1
            continue
        if not misstates(sentence, source.text, language, share):
            out.append(sentence)
            continue
        restore = readable(source.text, cased)
        said_elsewhere = any(same_content(set(term_list(source.text)), set(term_list(s))) for s in [*out, *said] if s != sentence)
        if restore is None or leans(source.text, language) or said_elsewhere:
            dropped += 1  # the summary is completed from the document's best sentences instead
        else:
            out.append(restore)
            restored += 1
    if not restored and not dropped:
        return Held(summary, 0, 0)
    return Held(joined(out, language), restored, dropped)
