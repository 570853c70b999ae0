"""What the model wrote, held to the document before anyone reads it: no number the document
does not write, no key point that is a heading, a marker or a copy, no entity the document
never names, parties as names. What fails is dropped (a field becomes null); key points are
filled up with the document's own best sentences, so a summary always has at least three."""

from __future__ import annotations

import difflib
import functools
import os
import re
import unicodedata
from collections import Counter
from typing import Any, Callable

from chunking.evidence import Sentence
from chunking.segment import split_sentences
from core.words import PhraseCount, is_cjk, term_list
from rules.boilerplate import tidy
from rules.contracts import (
    BY_AGREEMENT, DATED, DENIES, ENDS, GOVERNED, LAW_NAME, LAWS_OF, NOTHING, RENEWS, TERMINATES, clause_text, jurisdiction,
    places, states_money,
)
from rules.fields import SPAN, pays_nothing
from rules.layout import CLAUSE_NUMBER, LABEL, NUMBERING, a_title, document_headings, glued_heading
from rules.leaning import leans
from rules.numbers import BROKEN_NUMBER, durations, first_duration, unsupported_numbers
from rules.parties import DEFINED, contract_parties, is_role
from rules.registry import EXTRACT, EXTRACT_PROSE, SUMMARY, first
from rules.sentences import (
    ANSWER, CJK_CLAUSE_END, CJK_TAUTOLOGY, CONNECTIVE, ENDED, ENDS_ON_A_WORD, FIRST, HAS_WORD, ITEM_BEFORE,
    LAST_WORD, ORDINAL, PROMPT_MARKS, SENTENCE_END, SPACE_BEFORE, SPEAKER_LABEL, STARTS_AFTER, STOPPED,
    THANKS_AFTER, copies, ends_in_abbreviation, quotation, to_the_model, unbalanced,
)
from rules.titles import not_a_title, title_sized
from summarize.checks import point_defect, unsupported
from summarize.citations import PageIndex
from summarize.schema import KeyPoint

MIN_POINTS = 3
MAX_POINTS = 8
#: A key point must share this much of its content words with the page it cites.
SUPPORT = 0.5


def fold(text: str) -> str:
    """Text as names and phrases are compared: NFKC, case-folded, spacing collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


#: The document folded once per summary: the summary, its title, parties and entities all look words up in it.
folded_document = functools.lru_cache(maxsize=2)(fold)


def clean_prose(text: str, document: str = "") -> str:
    """The model's text without prompt marks, whitespace folded, tidied, and numbers it broke mended
    where the document writes the mended number ("550. 000" for 550.000, not "1999, 250")."""
    text = tidy(" ".join(PROMPT_MARKS.sub(" ", text).split()))

    def mend(m: re.Match) -> str:
        start = m.start()
        while start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".,"):
            start -= 1
        joined = text[start : m.start()] + m.group(1) + m.group(2) + m.group(3)
        return m.group(1) + m.group(2) + m.group(3) if joined in document else m.group()

    return BROKEN_NUMBER.sub(mend, text)


def summary_text(
    sentences: list[str] | str, bound: int | None, document: str, language: str, instructions: str = "",
    tally: Counter | None = None,
) -> str:
    """The summary from the model's sentences: cleaned, each cut one dropped, those with numbers
    the document does not write dropped, repeats dropped, and those that restate a line of the
    `instructions` it was given (and not the document); joined as the language writes. tally counts
    the sentences each text rule (rules.registry) dropped."""
    items = [sentences] if isinstance(sentences, str) else sentences
    told = [set(term_list(line)) for line in instructions.splitlines() if line.strip()]
    cased, spaced = is_cased(document), language not in ("zh", "ja", "ko")
    kept: list[str] = []
    seen: list[set[str]] = []
    phrases = PhraseCount()
    for i, item in enumerate(items):
        text = complete_sentences(clean_prose(item, document), bound, language)
        following = items[i + 1].strip() if i + 1 < len(items) else ""
        # "They include sirna (small interfering rna)", "mirna (microrna)", ...: one sentence in pieces
        if spaced and not (cased and following[:1].islower()):
            text = closed(text, bound, document)
        for sentence in sentences_of(text, language):
            sentence = whole_sentence(sentence, document)
            if sentence is None:
                continue  # the end of a long sentence whose start is lost
            sentence = CLAUSE_NUMBER.sub("", sentence).strip()  # "7. MICOA will share ...": the clause's number, copied
            sentence = SPEAKER_LABEL.sub("", sentence, count=1)  # "说话人1：...": a transcript's turn, copied
            # "A PROOF OF LEMMA 1 In this section ...", "Un système universelLe futur ...": a heading, copied
            # (a sentence after a dashed label is dropped below: "Party - Bank of America or Supplier.")
            sentence = sentence[len(glued_heading(sentence, dashed=False) or ""):]
            sentence = CJK_TAUTOLOGY.sub("", sentence, count=1)
            words = set(term_list(sentence))
            if not HAS_WORD.search(sentence):
                continue  # "2.": a number left alone
            if not words or any(same_content(words, other) for other in seen) or unsupported(sentence, document):
                continue
            if phrases.would_loop(sentence) or first(sentence, SUMMARY, tally):
                continue  # a summary states, in whole sentences: no formula, caption, question, form or "in this section"
            if spaced and (not ENDED.search(sentence) or (cased and sentence[:1].islower()) or unbalanced(sentence)):
                continue  # a fragment: stopped mid-sentence, or the tail of a sentence cut at a line
            if cased and spaced and language != "de" and a_title(sentence):
                continue  # a title the model listed: it would run into the next sentence ("... the U.S. January 30 ...")
            if too_short(sentence) or mangled_tail(sentence, folded_document(document)):
                continue
            if quotation(sentence, document):
                continue  # a speaker's words without the speaker
            if to_the_model(sentence):
                continue  # the document's instructions to the model, quoted: not a summary of it
            if any(same_content(words, line) for line in told) and fold(sentence) not in folded_document(document):
                continue  # "For each party, for how long, for what payment ...": our instructions, echoed
            seen.append(words)
            phrases.add(sentence)
            kept.append(sentence if cased else sentence[:1].upper() + sentence[1:])
    return joined(kept, language)


#: A statement has at least this many words; a shorter item without a full stop is a label.
_STATEMENT_WORDS = 6


@functools.lru_cache(maxsize=2)
def _document_lines(document: str) -> frozenset[str]:
    return frozenset(fold(line) for line in document.splitlines() if line.strip())


def closed(item: str, bound: int | None, document: str) -> str:
    """A list item the model ended without a full stop, given one ("Le pays a fait état d'un nouveau
    record"): the item is whole (the length bound did not cut it, it does not stop at a short word), a
    statement of some words, and not a line of the document as it stands (a heading)."""
    last = LAST_WORD.search(item)
    if not last or ENDED.search(item) or not ENDS_ON_A_WORD.search(item):
        return item
    if len(last.group(1)) <= 3 and not last.group(1).isdigit():
        return item  # "... powers of the": stopped mid-sentence, at a short word
    if bound_cut(item, bound) or len(item.split()) < _STATEMENT_WORDS:
        return item
    return item if fold(item) in _document_lines(document) else item + "."


#: The most of a sentence's start that is put back: a longer loss means the model copied a
#: piece of a long sentence, which reads badly either way.
RESTORED_CHARS = 150
#: In CJK, where no space shows a word's end, only a few characters before the copied clause
#: are put back ("中国石油和化学工业" before "联合会副秘书长..."): the clause may well stand alone.
RESTORED_CJK_CHARS = 12


#: Determiners a model puts at the head of a sentence's tail it copied ("ce scrutin" becomes "Le scrutin").
_DETERMINERS = frozenset(
    "the this these that those a an le la les l ce cet cette ces un une der die das dieser diese dieses ein eine el los las este esta".split()
)


def whole_sentence(sentence: str, document: str) -> str | None:
    """`sentence` with the start the model dropped when it copied the end of a document's sentence
    ("Insasse gegen harte Teile ... prallt." for "Dadurch wird verhindert, dass der Insasse ..."),
    the sentence itself when it is not such a tail, None when the lost start is too long to put back."""
    # Words, not the spaces between them: a corpus may space its punctuation ("stroke - free status ( qvsfs )").
    words = re.findall(r"\w+", sentence)
    if not words:
        return sentence
    restored: str | None = sentence
    found = matched = False
    for match in copies(words, document):
        before = document[max(0, match.start() - RESTORED_CHARS - 1) : match.start()]
        prev = before.rstrip()
        first = match.group()[:1]
        if before[-1:].isalnum() and first.isalnum() and not is_cjk(first):
            continue  # inside a word: "port is" in "transport is"
        matched = True
        after_abbreviation = ends_in_abbreviation(before)
        if not prev or (STARTS_AFTER.search(before) and not after_abbreviation) or ITEM_BEFORE.search(before):
            return sentence  # copied from a sentence's or an item's start, or a clause that stands alone
        if first.isupper() and not is_cjk(prev[-1]) and _ends_capitalized(prev):
            return sentence  # after a heading or a number on the line before ("2.1 Scope\nThe ...")
        if found:
            continue
        found = True
        if is_cjk(first):
            start = CJK_CLAUSE_END.split(before)[-1]
            restored = start + sentence.strip() if len(start) <= RESTORED_CJK_CHARS else sentence
            continue
        cuts = [cut for cut in SENTENCE_END.finditer(before) if not ends_in_abbreviation(before[: cut.end()])]
        start = _after_heading(before[cuts[-1].end() :] if cuts else before)
        # No cut within reach and more text before: the start is further back than we put back.
        lost = not cuts and match.start() > len(before)
        if lost or len(start) > RESTORED_CHARS:
            restored = None
        else:
            # The document's start and the case of its first word; the rest as the model wrote it
            # (it may have tidied a corpus's spaced punctuation, "stroke - free" to "stroke-free").
            copied = sentence.strip()
            word = re.search(r"\w+", copied)
            start = SPACE_BEFORE.sub("", start)
            restored = " ".join((start + match.group()[: word.end() - word.start()] + copied[word.end() :]).split())
    if not matched and len(words) >= _STATEMENT_WORDS and words[0].casefold() in _DETERMINERS:
        # "Le scrutin hors normes, plus de trois mois après ..." for "... sont concernés par ce scrutin
        # hors normes, plus de trois mois après ...": a tail whose determiner the model changed.
        rest = sentence.strip()[sentence.strip().find(words[0]) + len(words[0]) :].lstrip()
        again = whole_sentence(rest, document)
        if again is None or again != rest:
            return again
    return restored


def _after_heading(start: str) -> str:
    """A sentence's start without the heading line before it ("2.1 Scope\nThe cat ..."): a short
    line ending in a capitalized word or a number, where a line wrapped mid-sentence ends in a small word."""
    lines = start.split("\n")
    for i in range(len(lines) - 1, 0, -1):
        if lines[i].lstrip()[:1].isupper() and len(lines[i - 1]) < 60 and _ends_capitalized(lines[i - 1]):
            return "\n".join(lines[i:])
    return start


def _ends_capitalized(text: str) -> bool:
    """The last word starts with a capital or a digit: a heading's or a number's end, not a wrapped line's."""
    words = text.split()
    return bool(words) and (words[-1][:1].isupper() or words[-1][:1].isdigit())


def too_short(sentence: str) -> bool:
    """Too little to be a sentence of a summary: fewer than 4 words in under 20 characters (a
    script without spaces writes a sentence as one "word"), or 8 CJK characters ("的问题。", the
    end of a sentence the model broke in two)."""
    cjk = sum(is_cjk(ch) for ch in sentence)
    return cjk < 8 if cjk > len(sentence) / 3 else len(sentence.split()) < 4 and len(sentence) < 20


def mangled_tail(sentence: str, folded_document: str) -> bool:
    """The end of a document's sentence copied after a misspelling of the word before it, a word
    the document never writes: "Devont donc être à nouveau soumis au vote." for "..., devront donc
    être à nouveau soumis au vote." (a summary that rewords a sentence's start uses real words)."""
    first, _, rest = fold(sentence).partition(" ")
    first = first.strip(_PUNCT)
    at = folded_document.find(" " + rest) if len(rest.split()) >= 4 else -1
    if at < 0 or re.search(rf"(?<!\w){re.escape(first)}(?!\w)", folded_document):
        return False
    before = folded_document[:at].rsplit(" ", 1)[-1].strip(_PUNCT)
    return difflib.SequenceMatcher(None, before, first).ratio() >= 0.75


#: Quotes and brackets around a word.
_PUNCT = "\"'“”‘’«»()[]¿¡,;:"


def same_content(a: set[str], b: set[str], share: float = 0.75) -> bool:
    """Two sentences say the same: most (`share`) of the shorter one's content words are in the other."""
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= share


def completed(summary: str, ranked: list[Sentence], words: int, language: str) -> tuple[str, int]:
    """The summary, followed by the document's best sentences (in document order) that it does
    not already say, until it is as long as asked (the last one may cross the length, as in
    `trimmed`); and how many were added. A small model often stops short of the length asked for."""
    size = words_of(language)
    have = size(summary)
    if have >= words:
        return summary, 0
    sentences = sentences_of(summary, language)
    said = [set(term_list(s)) for s in sentences]
    phrases = PhraseCount()
    for s in sentences:
        phrases.add(s)
    added: list[Sentence] = []
    for s in ranked:
        if have >= words:
            break
        terms = set(term_list(s.text))
        if any(same_content(terms, other) for other in said) or phrases.would_loop(s.text) or leans(s.text, language):
            continue  # a sentence that leans on one before it is not added alone
        said.append(terms)
        phrases.add(s.text)
        added.append(s)
        have += size(s.text)
    extra = [s.text for s in sorted(added, key=lambda s: s.index)]
    return joined([summary, *extra], language).strip(), len(added)


def with_best(summary: str, best: str, language: str) -> tuple[str, int]:
    """The summary with the document's best sentence in front when none of its sentences shares
    half the content words of the shorter of the two, and 1 if it was added: a model that copies
    from the top of its evidence may skip the sentence that says what a report or a paper is about."""
    terms = set(term_list(best))
    said = [set(term_list(s)) for s in sentences_of(summary, language)]
    if not terms or any(same_content(terms, other, 0.5) for other in said):
        return summary, 0
    return joined([best, summary], language), 1


def without(summary: str, texts: list[str], language: str) -> str:
    """The summary without the sentences that say what one of `texts` says."""
    taken = [set(term_list(t)) for t in texts]
    kept = [s for s in sentences_of(summary, language) if not any(same_content(set(term_list(s)), t) for t in taken)]
    return joined(kept, language)


def best_match(sentence: str, terms: list[tuple[int, set[str]]]) -> tuple[int | None, float]:
    """The document sentence (index, terms) holding the largest share of this one's words, and the share."""
    words = set(term_list(sentence))
    best, share = None, 0.0
    for index, other in terms:
        if words and other:
            overlap = len(words & other) / len(words)
            if overlap > share:
                best, share = index, overlap
    return best, share


def _copied_from(sentence: str, terms: list[tuple[int, set[str]]]) -> int | None:
    """The index of the document sentence this one was copied from (most of its words), if any."""
    best, share = best_match(sentence, terms)
    return best if share >= 0.8 else None


def in_document_order(summary: str, sentences: list[Sentence], language: str) -> str:
    """The summary's sentences in the order the document says them: each at the document sentence
    that shares most of its words, one that matches none right after the sentence before it.
    The model wrote them from evidence given best first."""
    said = sentences_of(summary, language)
    terms = [(s.index, s.terms) for s in sentences]
    keys: list[tuple[int, int]] = []
    for i, sentence in enumerate(said):
        best, share = best_match(sentence, terms)
        at = best if best is not None and share >= 0.5 else (keys[-1][0] if keys else -1)
        keys.append((at, i))
    return joined([said[i] for _, i in sorted(keys)], language) if said else summary


def resolved(summary: str, sentences: list[Sentence], language: str) -> str:
    """The summary without sentences copied from the document that lean on a sentence before them
    (rules.leaning: "It will explore ...", "In such case, ...") which the summary does not say right
    before them; unchanged when that would leave nothing. The evidence keeps such sentences with
    the one before, but the model may copy one without the other. Run after completion, so a summary
    can end a sentence or two short of its length: better than one that points at nothing."""
    said = sentences_of(summary, language)
    terms = [(s.index, s.terms) for s in sentences]
    gaps = {s.index for s in sentences if s.after_gap}  # what they lean on was left out of the sentences
    out, previous = [], None
    for sentence in said:
        source = _copied_from(sentence, terms)
        if source is not None and leans(sentence, language) and (previous != source - 1 or source in gaps):
            continue
        out.append(sentence)
        previous = source
    return joined(out, language) if out and out != said else summary


#: Languages that write words and sentences without spaces between them.
_UNSPACED = ("zh", "ja")


def joined(sentences: list[str], language: str) -> str:
    """Sentences as the language writes them one after another."""
    return ("" if language in _UNSPACED else " ").join(sentences)


def words_of(language: str):
    """How many words a text is, as a length asks for them (a CJK word is about 1.6 characters)."""
    return (lambda t: len(t.split())) if language not in _UNSPACED else (lambda t: len(t) / 1.6)


def trimmed(summary: str, words: int, language: str) -> tuple[str, int]:
    """The summary's sentences until it is as long as asked (the last one may cross the length),
    and how many were dropped after it: asked for 30 words, a reader should not get 80."""
    size = words_of(language)
    sentences = sentences_of(summary, language)
    kept, have = [], 0.0
    for s in sentences:
        if have >= words:
            break
        kept.append(s)
        have += size(s)
    if len(kept) == len(sentences):
        return summary, 0
    return joined(kept, language), len(sentences) - len(kept)


def sentences_of(text: str, language: str = "en") -> list[str]:
    """The sentences of the model's own prose (pysbd: "z. B." and "550.000" stay whole)."""
    return split_sentences(text, language) if text.strip() else []


def is_cased(text: str) -> bool:
    """Whether the text uses capitals at all (some corpora and OCR output are lower-cased)."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) >= 0.01 * max(1, len(letters))


def readable(sentence: str, cased: bool = True) -> str | None:
    """A sentence of the document as a reader can take it alone (clause numbers, bullets, speaker
    labels and a heading run into it off; capitalized where the document is all lower case), or
    None when it is a fragment, a table row, a formula or a courtesy. In a cased text a sentence
    starts with a capital; one that does not is a fragment of a broken line."""
    text = tidy(NUMBERING.sub("", sentence).strip())
    text = LABEL.sub("", text[len(glued_heading(text) or ""):], count=1).strip()
    text = THANKS_AFTER.sub(lambda m: "。" if m.group()[:1] in "，," else "", text)
    text = _answered(text)
    if first(text, EXTRACT):
        return None
    cjk = sum(is_cjk(ch) for ch in text)
    if cjk >= 12:
        return text if 12 <= len(text) <= 200 else None
    words = text.split()
    if not 6 <= len(words) <= 60 or not (text[:1].isupper() or (not cased and text[:1].isalnum())):
        return None
    if first(text, EXTRACT_PROSE):
        return None
    return text if cased else text[:1].upper() + text[1:]


def bound_cut(text: str, bound: int | None) -> bool:
    """Whether text comes within two characters of its field's length bound, where the bound may
    have cut it in the middle of a sentence."""
    return bound is not None and len(text) >= bound - 2


def complete_sentences(text: str, bound: int | None, language: str) -> str:
    """text, without a last sentence that the length bound cut in the middle ("" if that was all)."""
    text = " ".join(text.split())
    if not bound_cut(text, bound):
        return text
    sentences = sentences_of(text, language)
    while sentences and not STOPPED.search(sentences[-1]):
        sentences.pop()
    return " ".join(sentences)


def _label(item: str) -> bool:
    """A list item of a word or two ("Payment terms", "Manufacturing operations"): a heading's
    words, not a duty or a finding."""
    return len(item.split()) < 3 and sum(is_cjk(ch) for ch in item) < 4


def grounded_block(block: dict[str, Any] | None, document: str) -> dict[str, Any] | None:
    """A contract or paper block with every value that states an unsupported number, or says
    "None", set to null; list items that do so, that are only a field's name or a label of a
    word or two, dropped."""
    if block is None:
        return None
    names = {k.replace("_", " ") for k in block}
    out: dict[str, Any] = {}
    for key, value in block.items():
        if isinstance(value, list):
            kept: list[str] = []
            for item in (clean_prose(str(v)) for v in value):
                words = set(term_list(item))
                if (item and not NOTHING.match(item) and item.lower() not in names and not _label(item)
                        and not unsupported(item, document)
                        and not any(same_content(words, set(term_list(k))) for k in kept)):
                    kept.append(item)
            out[key] = kept
        elif isinstance(value, str):
            value = clean_prose(value)
            out[key] = value if value and not NOTHING.match(value) and not unsupported(value, document) else None
        else:
            out[key] = value
    return out


def with_clauses(
    contract: dict[str, Any], term: list[str], renewal: list[str], termination: list[str] = (), law: list[str] = (),
    payment: list[str] = (),
) -> dict[str, Any]:
    """The contract block held to the clauses that state each field (best first, each list): a
    field the model filled soundly stays, one it did not comes from its clause, and a field with
    neither is null."""
    out = {**contract, "term": _term(contract.get("term"), term, renewal)}
    out["termination"] = _termination(out.get("termination") or "", termination)
    out["governing_law"] = _law(out.get("governing_law") or "", law)
    if "payment" in out:
        out["payment"] = _payment(out.get("payment") or "", payment)
    return out


def _term(value: str | None, term: list[str], renewal: list[str]) -> str | None:
    """The model's term if it gives a length, date or end that the term clause states (else the
    clause), with the renewal clause, quoted, when it does not mention one."""
    if value and not SPAN.search(value):
        value = None  # "forever", "to the extent Controlled by Xencor": no length, date or end
    if value and term:
        stated = " ".join([*term[:3], *renewal[:1]])
        if unsupported_numbers(value, stated) or not durations(value) <= durations(stated) \
                or not first_duration(value) <= durations(" ".join(term[:3])):
            value = None  # "15 years" or "6 months" where the clause says "FIVE (5) year period", or "until ..."
    parts = [value] if value else term[:1]
    # A term that only says the parties may agree otherwise ("unless extended by written
    # agreement of both parties") does not state the renewal clause ("Cisco may ... extend the
    # term ... up to one (1) year"): quote it.
    said = BY_AGREEMENT.sub("", " ".join(parts))
    # Not said already: "5 years." shares its one word with the renewal clause and says nothing of it.
    clause = set(term_list(renewal[0])) if renewal else set()
    if clause and not RENEWS.search(said) and len(clause & set(term_list(said))) < 0.75 * len(clause):
        parts.append(renewal[0])
    parts = [c for c in map(clause_text, parts) if c]
    return " ".join(p if p.endswith((".", ";")) else p + "." for p in parts) or None


def _termination(value: str, clauses: list[str]) -> str | None:
    """The model's termination if it says that something ends the agreement and says what a
    termination clause says; else the clause."""
    if clauses and (not ENDS.search(value) or not _says_a_clause(value, clauses)):
        return clause_text(clauses[0])  # "Termination after 12 months", or a payment clause copied there
    if not clauses and not ENDS.search(value) and (not TERMINATES.search(value) or len(value.split()) < 5):
        return None
    return value or None


def _law(value: str, clauses: list[str]) -> str | None:
    """The model's governing law if it is a place's law that the law clause names; else the
    clause's "laws of X" (or the law it names otherwise, or the clause); null where neither names
    a place's law."""
    if not clauses:
        return value if value and jurisdiction(value) else None  # "Section 18": better no law than a wrong one
    found = LAWS_OF.search(clauses[0]) or LAW_NAME.search(clauses[0])
    if not value or not jurisdiction(value) or (found and len(value.split()) > 12):
        return found.group() if found else clause_text(clauses[0])  # a place, not the clause copied
    if found and GOVERNED.search(clauses[0]) and not places(value) & places(found.group()):
        return found.group()  # "Switzerland and Delaware" where the clause says New York
    return value


def _payment(value: str, clauses: list[str]) -> str | None:
    """The model's payment if it is about money, in words; else the payment clause ("2019",
    "non-transferable", "US$[]" are no payment). Unlike a termination, a payment is often stated
    across several clauses (a fee here, its schedule there): the model's need not restate one."""
    if clauses and DENIES.match(value):
        return clause_text(clauses[0])  # "No payment is agreed upon." where a clause sets a commission
    if states_money(value) and not pays_nothing(value):
        return value  # not "grants ... a royalty-free, fully paid-up licence": that is what is not paid
    return clause_text(clauses[0]) if clauses else None


def _says_a_clause(value: str, clauses: list[str]) -> bool:
    """Most of the value's words are in one of the best clauses: the model restated a clause
    rather than writing its own ("PAPA JOHN'S failure to pay ... shall be terminated")."""
    words = set(term_list(value))
    return any(same_content(words, set(term_list(c))) for c in clauses[:5])


def dated(block: dict[str, Any]) -> dict[str, Any]:
    """The contract block with an effective date that states no date (a bare number) set to null."""
    value = block.get("effective_date")
    if isinstance(value, str) and not DATED.search(value):
        return {**block, "effective_date": None}
    return block


def named_parties(block: dict[str, Any], document: str) -> dict[str, Any]:
    """The contract block with its parties read from the opening clause when code finds them
    there (names with their defined terms); otherwise the model's, each kept only if the
    document writes it and it is a name, not a role."""
    found = contract_parties(document)
    if len(found) >= 2:
        return {**block, "parties": found}
    text = folded_document(document)
    parties = list(found)
    known = [n for q in parties for n in _names_of(q, document)]
    for p in block.get("parties", []):
        name = fold(p)
        if name in text and not is_role(p) and not any(name in k or k in name for k in known):
            parties.append(p)  # a role ("Supplier") is no name: better no party than that
            known += _names_of(p, document)
    return {**block, "parties": parties}


def _names_of(party: str, document: str) -> list[str]:
    """Every name a party goes by, folded: "NETGEAR" beside 'NETGEAR, Inc. ("NETGEAR")' is the same
    party, named twice; so is "PJI" beside 'Papa John's International, Inc. ("PJI")', and "PJMF"
    beside "Papa John's Marketing Fund, Inc.", which the document defines as "PJMF"."""
    defined = DEFINED.search(party)
    names = [fold(party[: defined.start()] if defined else party)]
    names += [fold(t) for t in DEFINED.findall(party)]
    after = re.compile(rf'{re.escape(party)}[^()"“]{{0,40}}' + DEFINED.pattern, re.IGNORECASE)
    names += [fold(t) for t in after.findall(document)]
    return [n for n in names if n]


@functools.lru_cache(maxsize=2)
def _document_words(document: str) -> dict[str, dict[str, str]]:
    """The document's words of 6 letters or more, folded to as it writes them, by their folded first three letters."""
    words: dict[str, dict[str, str]] = {}
    for word in set(re.findall(r"[^\W\d_]{6,}", document)):
        words.setdefault(fold(word)[:3], {})[fold(word)] = word
    return words


def respelled(text: str, document: str) -> str:
    """text with a word the model misspelled ("zweitgrößste") written as the document writes it
    ("zweitgrößte"): a word of 6 letters or more the document never writes, one slip inside it
    away from one it does (not at its end: "Kernel" for "Kernels" is grammar, not a slip)."""
    words = _document_words(document)

    def mend(m: re.Match) -> str:
        word, folded = m.group(), fold(m.group())
        near = words.get(folded[:3], {})
        if folded in near:
            return word
        slips = [written for key, written in near.items() if _one_slip_inside(key, folded)]
        if len(slips) != 1:
            return word  # none, or a choice we cannot make
        best = slips[0]
        return best[:1].upper() + best[1:] if word[:1].isupper() else best

    return re.sub(r"[^\W\d_]{6,}", mend, text)


def _one_slip_inside(a: str, b: str) -> bool:
    """a and b differ by one letter added, dropped or changed, with at least two letters after it."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    head = len(os.path.commonprefix([a, b]))
    tail = len(os.path.commonprefix([a[::-1], b[::-1]]))
    return tail >= 2 and head >= 2 and head + tail >= max(len(a), len(b)) - 1


def _answered(sentence: str) -> str:
    """The sentence without the "Yes," or "No," that answers a question before it."""
    bare = ANSWER.sub("", sentence, count=1)
    return bare[:1].upper() + bare[1:] if bare != sentence else sentence


def unlinked(summary: str, language: str) -> str:
    """The summary without links to sentences it does not hold: its opening's connective ("However,
    ...", "Among them, ..."), the ordinal of a step whose first it does not state ("Second, ...")
    and an answer's "Yes," or "No," (a summary holds no questions)."""
    said = sentences_of(summary, language)
    out = []
    for i, sentence in enumerate(said):
        bare = CONNECTIVE.sub("", sentence, count=1) if i == 0 else sentence
        bare = _answered(bare)
        if not any(FIRST.match(s) for s in out):
            bare = ORDINAL.sub("", bare, count=1)
        out.append(bare[:1].upper() + bare[1:] if bare != sentence else sentence)
    return joined(out, language) if out != said else summary


def grounded_title(title: str, document: str, summary: str, language: str, own_language: bool = True) -> str:
    """The model's title when it reads as one (not a sentence: at most 16 words, or 30 CJK
    characters, not ending in a full stop but an abbreviation's) and, in the document's language, most of its words are
    the document's (a title naming what the document never does is invented); else the summary's
    opening, shortened."""
    title = " ".join(title.split()).strip()
    cjk = sum(is_cjk(ch) for ch in title) >= 4
    title = title if cjk or not own_language else respelled(title, document)
    if cjk:
        terms = [title[i:i + 2] for i in range(len(title) - 1) if is_cjk(title[i]) and is_cjk(title[i + 1])]
        sized = len(title) <= 30
    else:
        terms = [w[:5] for w in re.findall(r"[^\W\d_]{4,}", fold(title))]
        sized = title_sized(title)
    folded = folded_document(document)
    # "说话人1：…": a transcript's first turn; "Background", "Zusammenfassung": a section's heading. No titles.
    sized = sized and not SPEAKER_LABEL.match(title) and not not_a_title(title, page_labels=False)
    if title and sized and (not own_language or sum(t in folded for t in terms) >= 0.6 * len(terms)):
        return title
    opening = sentences_of(summary, language)[:1]
    if not opening:
        return title
    first = SPEAKER_LABEL.sub("", opening[0], count=1).rstrip(" .。!?！？")
    # "However, most work cannot ...": a title does not answer a sentence before it.
    first = CONNECTIVE.sub("", first, count=1)
    first = first[:1].upper() + first[1:]
    if language in ("zh", "ja", "ko"):
        return first if len(first) <= 30 else first[:30] + "…"
    words = first.split()
    return first if len(words) <= 12 else " ".join(words[:12]).rstrip(",;:") + "…"


def grounded_points(
    points: list[KeyPoint],
    summary: str,
    document: str,
    index: PageIndex,
    candidates: Callable[[], list[Sentence]],
    same_language: bool = True,
) -> tuple[list[KeyPoint], int]:
    """The model's good key points, then the best-ranked sentences of the document (candidates(),
    asked only when needed) until there are at least MIN_POINTS; also returns how many were filled in."""
    headings = document_headings(document)
    kept: list[KeyPoint] = []
    for point in points:
        if not point.text or not ENDED.search(point.text):
            continue  # empty, or stopped mid-sentence
        texts = [k.text for k in kept]
        if point_defect(point.text, summary, headings, texts) or unsupported(point.text, document) or quotation(point.text, document):
            continue
        # Shared words show support only within one language.
        if same_language and max((index.support(point.text, p) for p in point.pages), default=0.0) < SUPPORT:
            continue  # not on the pages it cites, nor on the best page citations.check found
        kept.append(point)
    filled = 0
    for s in candidates() if len(kept) < MIN_POINTS else []:
        if len(kept) >= MIN_POINTS:
            break
        # Candidates read well alone already (readable_sentences); only what they say is checked.
        if point_defect(s.text, summary, headings, [k.text for k in kept]):
            continue
        kept.append(KeyPoint(s.text, (s.page,)))
        filled += 1
    if not kept:  # a summary always has a key point: the document's best sentence that is not in it
        first = next((s for s in candidates() if point_defect(s.text, summary, set()) is None), None)
        if first is not None:
            kept.append(KeyPoint(first.text, (first.page,)))
            filled += 1
    if not kept:  # none in the summary's language to fill in with: the model's own first sound point
        kept += [p for p in points if p.text and ENDED.search(p.text) and not unsupported(p.text, document)][:1]
    return kept[:MAX_POINTS], filled
