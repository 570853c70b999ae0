"""The summary of last resort: the document's own best sentences, when the model cannot
write a valid answer. Marked as such in `strategy` and `warnings`; never an error."""

from __future__ import annotations

from dataclasses import dataclass

from chunking.evidence import Sentence, page_sentences, scored
from chunking.markers import chunk_pages
from chunking.plan import Chunk
from chunking.segment import TokenCounter
from summarize.schema import KeyPoint, Notes


@dataclass(frozen=True)
class Extract:
    summary: str
    #: The sentences not in the summary, best first: where key points come from.
    rest: list[Sentence]


def extract(ranked: list[Sentence], chars: int) -> Extract:
    """The best sentences up to about `chars` characters (in document order) as the summary,
    and the others. ranked: best first."""
    chosen: list[Sentence] = []
    used = 0
    # A short document still keeps some sentences for key points.
    most = max(1, len(ranked) - min(3, len(ranked) - 1))
    for s in ranked:
        if used >= chars or len(chosen) >= most:
            break
        chosen.append(s)
        used += len(s.text) + 1
    summary = " ".join(s.text for s in sorted(chosen, key=lambda s: s.index))
    return Extract(summary, [s for s in ranked if s not in chosen])


def extract_notes(chunk: Chunk, language: str, count: TokenCounter, tokens: int, points: int = 3) -> Notes:
    """A window's own best sentences as its notes, for a window the model could not write valid
    notes on; marked extractive. Within `tokens`, the bound of the model's own notes, so that
    notes still fit the prompts that merge them: two thirds summary, the rest a few key points."""
    sentences = page_sentences(chunk_pages(chunk.text).items(), language, count)
    ranked = sorted(scored(list(sentences), None), key=lambda s: -s.score) if sentences else []
    chosen, rest, used = [], [], 0
    for s in ranked:
        if used + s.tokens <= tokens * 2 // 3:
            chosen.append(s)
            used += s.tokens
        else:
            rest.append(s)
    key_points = []
    for s in rest:
        if len(key_points) < points and used + s.tokens <= tokens:
            key_points.append(KeyPoint(s.text, (s.page,)))
            used += s.tokens
    summary = " ".join(s.text for s in sorted(chosen, key=lambda s: s.index))
    return Notes(summary, tuple(key_points), (), chunk.pages, extractive=True)
