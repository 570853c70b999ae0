"""A document cut into sections that the model takes a note on each of, and what of each
section it reads: all of it while the document fits the read budget, else its best sentences,
its share of the budget, so that no part of a long document goes unseen (docs/summaries.md)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from chunking.evidence import PYSBD_CHARS, page_sentences, render_evidence, select_evidence
from chunking.segment import Segment, TokenCounter

#: A section is never read as fewer tokens than this: a share smaller than a few sentences
#: gives the model nothing to write a note on.
MIN_SHARE = 160


@dataclass(frozen=True)
class Section:
    """A run of consecutive segments, and the text the model reads of it."""

    segments: tuple[Segment, ...]
    text: str
    tokens: int
    #: The section's own size in tokens; above `tokens` when the text is its best sentences.
    full_tokens: int
    #: Of the section's sentences, how many the text keeps (0 and 0 when it is read whole).
    kept: int = 0
    sentences: int = 0

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({s.page for s in self.segments}))

    @property
    def excerpted(self) -> bool:
        return self.tokens < self.full_tokens


def section_count(document_tokens: int, section_tokens: int, max_sections: int) -> int:
    """How many sections: one per `section_tokens`, at most `max_sections`."""
    return max(1, min(max_sections, math.ceil(document_tokens / section_tokens)))


def spans(segments: list[Segment], size: int) -> list[tuple[int, int]]:
    """(start, end) indices of consecutive segments, about `size` tokens each, none split; a
    short last run joins the one before (a note on two sentences is no note)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(segments):
        j, used = i, 0
        while j < len(segments) and (j == i or used + segments[j].tokens <= size):
            used += segments[j].tokens
            j += 1
        out.append((i, j))
        i = j
    if len(out) > 1 and sum(s.tokens for s in segments[out[-1][0]:out[-1][1]]) < size // 4:
        out[-2:] = [(out[-2][0], out[-1][1])]
    return out


def read_sections(
    runs: list[list[Segment]],
    render,
    count: TokenCounter,
    language: str,
    budget: int,
    doc_type: str | None,
    pysbd: bool = True,
) -> list[Section]:
    """Each run of segments as a Section: read whole when all of them fit `budget` tokens, else
    as its best sentences within its share of it (in proportion to its size, at least MIN_SHARE),
    in document order, "[…]" where text was left out. `render` makes model text of segments."""
    whole = [render(run) for run in runs]
    sizes = [count(text) for text in whole]
    if sum(sizes) <= budget:
        return [Section(tuple(run), text, n, n) for run, text, n in zip(runs, whole, sizes)]
    total = sum(sizes) or 1
    sections = []
    for run, text, size in zip(runs, whole, sizes):
        share = max(MIN_SHARE, budget * size // total)
        if size <= share:
            sections.append(Section(tuple(run), text, size, size))
            continue
        sentences = page_sentences(((s.page, s.text) for s in run), language, count, pysbd)
        evidence = select_evidence(list(sentences), share, doc_type)
        if evidence.sentences:
            excerpt = render_evidence(evidence)
            sections.append(Section(tuple(run), excerpt, count(excerpt), size, len(evidence.sentences), len(sentences)))
        else:
            # No prose sentence (a table, a list of figures): its opening stands for it.
            kept, used = [], 0
            for seg in run:
                if kept and used + seg.tokens > share:
                    break
                kept.append(seg)
                used += seg.tokens
            excerpt = render(kept)
            sections.append(Section(tuple(run), excerpt, count(excerpt), size))
    return sections


def use_pysbd(chars: int) -> bool:
    """Whether sentences are cut by pysbd (exact, slow) or by rule (very long texts)."""
    return chars <= PYSBD_CHARS
