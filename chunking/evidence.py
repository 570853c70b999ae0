"""Evidence first: every sentence of the document scored, and the best ones, with their pages,
kept within a token budget for the model to write from.

The score is degree centrality of TF-IDF sentence vectors (the LexRank family, computed as
similarity to the document's centroid so that it stays linear in the sentences), a bonus for
the opening, and field queries for the document's type (a contract's parties, dates, term,
renewal, payment, termination and governing law; a paper's question, method, findings and
limitations): the best sentence for each field is kept whatever its centrality.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Iterable

from chunking.markers import page_marker
from chunking.segment import TokenCounter, split_sentences, unglued
from core.words import is_cjk, jaccard, term_list
from ingest.model import Document
from rules.fields import ASIDE, COMPILED, CONTINGENT_PAYMENT, DURATION, NAMES_TERM, SHAPES, THIS_CONTRACT, states
from rules.leaning import leans
from rules.pointers import about_a_figure
from rules.registry import EVIDENCE, first
from rules.sentences import CONTINUED


#: Weight of the opening bonus against centrality (both 0 to 1): openings carry the gist of
#: news and reports, but a contract's first lines are exhibit labels. Chosen on the first ten
#: documents of every dev pairs file (0.35 to 1.5 tried, extracts scored with ROUGE-L): 0.7 to
#: 1.0 did best, and a report's summary-like opening most of all.
LEAD_WEIGHT = 0.7
#: The location method's other two cues (Edmundson's title words and closing paragraphs): the
#: share of a sentence's words the opening uses, where a document names its subject, and a bonus
#: for the close, where a paper or a report sums up. On all 97 dev pairs they raise the extract
#: of the best-scored sentences (bench.selection against --no-cues: ROUGE-L 0.174 to 0.183 at
#: 0.3 and 0.3, chosen on a grid); they reach the summary only with the evidence given best first
#: (the model copies from the top of what it reads, and in document order the close comes last).
TOPIC_WEIGHT = 0.3
#: How many opening sentences name the subject.
TOPIC_SENTENCES = 3
CLOSE_BONUS = 0.3
#: The share of the document's last sentences that is its close.
CLOSE_SHARE = 0.05
#: Share of the budget the field queries may take before centrality fills the rest.
FIELD_SHARE = 0.5
#: Two sentences this similar (Jaccard of their terms) say the same thing; the second is dropped.
REDUNDANT = 0.6
#: Evidence tokens per part of the document that must be heard from: the document is cut into
#: budget // PART_TOKENS spans of equal tokens, and each span's best sentence is kept and read
#: first, so that what the model copies from the top of its evidence is not all from the opening.
#: On the tune half (bench.selection --ablate, the evidence at twice the summary's tokens) 120
#: cost ROUGE-L 0.010 (gov reports 0.05: the best sentences of a report sit in its opening),
#: 240 and 480 0.001 to 0.002 against one part; 240 splits the evidence of a summary over 150 words.
PART_TOKENS = 240
#: Sentences a leaning one may bring before it ("... It regulates ... It also sets ..."); a longer
#: chain is a passage, not a sentence with its antecedent.
LEANING_CHAIN = 2


@dataclass(frozen=True)
class Sentence:
    index: int
    page: int
    text: str
    tokens: int
    score: float = 0.0
    field: str | None = None  # the field query it was kept for
    #: Kept as its part's best sentence (read first when the evidence is given best first).
    part_best: bool = False
    #: Opens by pointing back (rules.leaning): read right after the sentence before it, kept with it.
    leaning: bool = False
    #: Text was left out right before it (a heading, a figure's description, a table row): the
    #: sentence before it in the list is not the one it follows in the document.
    after_gap: bool = False

    @cached_property
    def terms(self) -> frozenset[str]:
        """Its content words (core.words.term_list), worked out once: the summary's checks each
        match every summary sentence against all of the document's sentences."""
        return frozenset(term_list(self.text))


@dataclass(frozen=True)
class Evidence:
    """The kept sentences in document order (render_evidence may give them best first), and how
    many there were to choose from."""

    sentences: tuple[Sentence, ...]
    total: int
    tokens: int
    #: The spans of the document whose best sentence was kept.
    parts: int = 1

    @property
    def fields(self) -> dict[str, list[int]]:
        """Field name to the pages of the sentences kept for it."""
        out: dict[str, list[int]] = {}
        for s in self.sentences:
            if s.field:
                out.setdefault(s.field, []).append(s.page)
        return out


def _is_sentence(text: str) -> bool:
    """Prose, not a heading, page label, table row, formula, reference or figure's description: enough words (or
    characters, in CJK), not mostly figures, not two mathematical symbols, not cut at an abbreviation."""
    if about_a_figure(text):
        return False
    if sum(is_cjk(ch) for ch in text) >= 12:
        return True
    words = text.split()
    if len(words) < 6 or sum(any(c.isalpha() for c in w) for w in words) < 4:
        return False
    return first(text, EVIDENCE) is None


#: pysbd takes about 40 µs a character; past this many a rule does the cutting (an hour-long
#: wait for a book is worse than a few sentences cut at "Dr.").
PYSBD_CHARS = 300_000
_RULE = re.compile(r"(?<=[.!?…])\s+(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])|(?<=[。！？])")


#: A line that starts a new item: a bullet, a numbered clause ("1.", "2.1", "(a)", "A."), a
#: speaker's label ("Speaker 2:", "说话人1：").
_ITEM = re.compile(r"^(?:[-–•*]\s|\(?\d{1,3}(?:\.\d+)*[.)]\s|\d{1,3}(?:\.\d+)+\s|\(?[a-z]\)\s|[A-Z]\.\s|[^\s:：]{1,12}[:：])")
#: A line that ends a sentence (or introduces a list).
_ENDED = re.compile(r"[.!?:;。！？：；…]['\"”’)\]]*$")


def text_blocks(text: str) -> list[str]:
    """A page's paragraphs, lines joined. A blank line ends a paragraph; a single line break
    does after a sentence's end, after a short line (a heading, the last line of a paragraph)
    or before an item (a bullet, a numbered clause, a speaker's turn); any other break is a PDF
    wrapping a line, and the sentence goes on (after "see fig." too)."""
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in paragraph.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        width = sorted(len(line) for line in lines)[len(lines) // 2]
        current = lines[0]
        for prev, line in zip(lines, lines[1:]):
            if (_ENDED.search(prev) and not CONTINUED.search(prev)) or len(prev) < 0.6 * width or _ITEM.match(line):
                blocks.append(current)
                current = line
            elif re.search(r"[a-zà-ÿ]-$", current) and line[:1].islower():
                current = current[:-1] + line  # "equip-" "ment"
            elif is_cjk(current[-1]) and is_cjk(line[0]):
                current += line
            else:
                current += " " + line
        blocks.append(current)
    return blocks


#: A paragraph shorter than this that does not end like a sentence is a heading ("Income
#: Distribution of the National Population"), a caption or a label: the model took such a
#: heading for the document's title and started its summary there.
HEADING_WORDS = 15


def is_heading(block: str) -> bool:
    """A short paragraph that does not end like a sentence; not a list item (a contract's
    "(a) pay the fees; and" is content), nor CJK text (a transcript often has no full stop)."""
    return (
        not _ENDED.search(block)
        and len(block.split()) < HEADING_WORDS
        and not _ITEM.match(block)
        and sum(is_cjk(ch) for ch in block) < 12
    )


@lru_cache(maxsize=4)
def document_sentences(doc: Document, count: TokenCounter) -> tuple[Sentence, ...]:
    """Every prose sentence of the document with its page and token count, in order (cached:
    the plan and the summary both ask), from the page's paragraphs (text_blocks), headings left out."""
    return page_sentences(((p.number, p.text) for p in doc.pages), doc.language, count, doc.chars <= PYSBD_CHARS)


def page_sentences(
    pages: Iterable[tuple[int, str]], language: str, count: TokenCounter, pysbd: bool = True
) -> tuple[Sentence, ...]:
    """Every prose sentence of these (page number, text) pairs, as document_sentences finds them
    (a map window's pages, too); pysbd=False cuts by rule, for very long texts."""
    if pysbd:
        split = lambda text: split_sentences(text, language)  # noqa: E731
    else:
        split = lambda text: [piece for part in _RULE.split(text) for piece in unglued(part)]  # noqa: E731
    out: list[Sentence] = []
    gap = False  # text left out since the last sentence kept: a leaning sentence after it has lost what it leans on
    for number, page_text in pages:
        for block in text_blocks(page_text):
            if is_heading(block):
                gap = True
                continue
            for text in split(block):
                text = text.strip()
                if _is_sentence(text):
                    out.append(Sentence(len(out), number, text, count(text), after_gap=gap))
                    gap = False
                elif text:
                    gap = True
    return tuple(out)


def centrality(sentences: list[Sentence]) -> list[float]:
    """Each sentence's mean TF-IDF cosine similarity to all sentences, scaled to 0..1."""
    bags = [Counter(term_list(s.text)) for s in sentences]
    df = Counter(t for bag in bags for t in bag)
    n = len(bags)
    vectors = []
    centroid: Counter = Counter()
    for bag in bags:
        vec = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vec = {t: v / norm for t, v in vec.items()}
        vectors.append(vec)
        centroid.update(vec)
    scores = [sum(v * centroid[t] for t, v in vec.items()) / n for vec in vectors]
    top = max(scores, default=0.0) or 1.0
    return [s / top for s in scores]


def scored(
    sentences: list[Sentence], doc_type: str | None, lead_weight: float = LEAD_WEIGHT,
    topic_weight: float = TOPIC_WEIGHT, close_bonus: float = CLOSE_BONUS,
) -> list[Sentence]:
    """The sentences with their scores: centrality, the opening's bonus (a third of it in
    contracts), and, but in contracts, the share of a sentence's words the opening uses and a
    bonus for the close."""
    central = centrality(sentences)
    if doc_type == "contract":
        lead_weight, topic_weight, close_bonus = lead_weight / 3, 0.0, 0.0
    topic = set().union(*(term_list(s.text) for s in sentences[:TOPIC_SENTENCES]))
    close = (1 - CLOSE_SHARE) * len(sentences)
    out = []
    for s, c in zip(sentences, central):
        words = set(term_list(s.text))
        score = c + lead_weight / (1 + s.index / 3) + topic_weight * len(words & topic) / max(1, len(words))
        out.append(replace(s, score=score + (close_bonus if s.index >= close else 0.0)))
    return out


def field_matches(ranked: list[Sentence], doc_type: str | None, field: str, stated: bool = False) -> list[Sentence]:
    """The scored sentences that answer a field query, best first: parties and dates are stated
    at the start, so the earliest match wins there; a clause that states a contract field comes
    before one that only mentions its word, a term or renewal clause with a duration first;
    elsewhere the most central match wins. `stated`: only clauses that state the field (a
    renewal clause must always do so)."""
    for name, pattern, _ in COMPILED.get(doc_type or "", []):
        if name != field:
            continue
        # A clause of the right shape counts even when the query's words miss it
        # ("This Agreement shall commence ... for a period of two (2) years").
        shaped = field in SHAPES and doc_type == "contract"
        stating = {s.index for s in ranked if states(field, s.text)} if shaped else set()
        matches = [s for s in ranked if pattern.search(s.text) or s.index in stating]
        if field in ("parties", "effective_date"):
            return sorted(matches, key=lambda s: s.index)
        if shaped:
            if stated or field == "renewal":
                # "no renewal applications are pending for the FCC licences" renews something else.
                matches = [s for s in matches if s.index in stating]
            if field == "renewal":
                matches = [s for s in matches if not ASIDE.search(s.text)]
            return sorted(matches, key=lambda s: (
                s.index not in stating, field == "term" and not NAMES_TERM.search(s.text),
                field == "payment" and bool(CONTINGENT_PAYMENT.search(s.text)),
                field == "governing_law" and not THIS_CONTRACT.search(s.text),
                bool(ASIDE.search(s.text)), not DURATION.search(s.text), -s.score,
            ))
        return sorted(matches, key=lambda s: -s.score)
    return []


def part_numbers(sentences: list[Sentence], parts: int) -> list[int]:
    """Each sentence's part when the document is cut into `parts` spans of about equal tokens."""
    total = sum(s.tokens for s in sentences) or 1
    out, before = [], 0
    for s in sentences:
        out.append(min(parts - 1, before * parts // total))
        before += s.tokens
    return out


def select_evidence(
    sentences: list[Sentence], budget: int, doc_type: str | None, lead_weight: float = LEAD_WEIGHT,
    language: str = "", part_tokens: int = PART_TOKENS,
) -> Evidence:
    """The best sentences within `budget` tokens in document order: field queries first, then the
    best of each part of the document, then the best of all. A sentence that leans on the one
    before it (rules.leaning, in `language`) comes with that one, or not at all."""
    if not sentences:
        return Evidence((), 0, 0)
    ranked = scored(sentences, doc_type, lead_weight)
    by_index = {s.index: s for s in ranked}
    chosen: dict[int, Sentence] = {}
    term_sets: list[set] = []
    used = 0

    def group_of(s: Sentence) -> list[Sentence] | None:
        """The sentence with those it leans on, back to one that stands alone or is kept already (at
        most LEANING_CHAIN before it); None when what it leans on was left out of the sentences."""
        group = [s]
        while leans(group[0].text, language):
            if group[0].after_gap:
                return None
            if group[0].index - 1 in chosen:
                break
            before = by_index.get(group[0].index - 1)
            if before is None or len(group) > LEANING_CHAIN:
                return None
            group.insert(0, before)
        return group

    def take(s: Sentence, field: str | None, limit: int, part_best: bool = False) -> bool:
        nonlocal used
        if s.index in chosen:
            return False
        group = group_of(s)
        if group is None or used + sum(x.tokens for x in group) > limit:
            return False
        terms = [set(term_list(x.text)) for x in group]
        if any(jaccard(t, other) >= REDUNDANT for t in terms for other in term_sets):
            return False
        for x, t in zip(group, terms):
            chosen[x.index] = Sentence(x.index, x.page, x.text, x.tokens, x.score, field if x is s else None,
                                       part_best, leans(x.text, language), x.after_gap)
            term_sets.append(t)
            used += x.tokens
        return True

    for field, _, wanted in COMPILED.get(doc_type or "", []):
        matches = field_matches(ranked, doc_type, field)
        kept = 0
        for s in matches:
            if kept >= wanted:
                break
            kept += take(s, field, int(budget * FIELD_SHARE))
    parts = max(1, min(len(ranked), budget // part_tokens))
    if parts > 1:
        numbers = part_numbers(ranked, parts)
        for part in range(parts):
            members = sorted((s for s, n in zip(ranked, numbers) if n == part), key=lambda s: -s.score)
            already = next((chosen[s.index] for s in members if s.index in chosen), None)
            if already is not None:  # a field's clause already speaks for this part
                chosen[already.index] = replace(already, part_best=True)
                continue
            for s in members:
                if take(s, None, budget, part_best=True):
                    break
    for s in sorted(ranked, key=lambda s: -s.score):
        if used >= budget:
            break
        take(s, None, budget)
    ordered = tuple(sorted(chosen.values(), key=lambda s: s.index))
    return Evidence(ordered, len(sentences), used, parts)


def reading_order(sentences: Iterable[Sentence], ranked: bool) -> list[Sentence]:
    """The kept sentences in the order the model reads them: as given (document order), or when
    `ranked` each part's best first in document order, then the others best first; a leaning
    sentence always right after the one before it."""
    if not ranked:
        return list(sentences)
    groups: list[list[Sentence]] = []
    for s in sorted(sentences, key=lambda s: s.index):
        if s.leaning and groups and groups[-1][-1].index == s.index - 1:
            groups[-1].append(s)
        else:
            groups.append([s])

    def key(group: list[Sentence]) -> tuple:
        if any(s.part_best for s in group):
            return (0, 0.0, group[0].index)
        return (1, -max(s.score for s in group), group[0].index)

    return [s for group in sorted(groups, key=key) for s in group]


def render_evidence(evidence: Evidence, ranked: bool = False) -> str:
    """The kept sentences for the model: a page marker where a page starts, '[…]' where text was
    left out; `ranked`: best first, each page's marker before it, since the model copies its
    summary from the top of what it reads (the summary is put back in document order)."""
    lines: list[str] = []
    page, last = None, -1
    for s in reading_order(evidence.sentences, ranked):
        if s.page != page:
            lines.append(page_marker(s.page))
            page = s.page
        elif s.index != last + 1 and not ranked:
            lines.append("[…]")
        lines.append(s.text)
        last = s.index
    return "\n".join(lines)
