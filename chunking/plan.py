"""The plan: single pass or map-reduce windows, with every token accounted for."""

from __future__ import annotations

import math
from dataclasses import dataclass

from chunking.doctype import document_type
from chunking.sections import read_sections, section_count, spans, use_pysbd
from chunking.markers import page_marker
from chunking.segment import Segment, TokenCounter, segment_document
from core.errors import UsageError
from ingest.model import Document


@dataclass(frozen=True)
class Chunk:
    """A window of the document, rendered with page markers for the model."""

    index: int
    text: str
    pages: tuple[int, ...]
    tokens: int
    #: The text is the section's best sentences, not all of it.
    excerpt: bool = False


@dataclass(frozen=True)
class Plan:
    #: "single": the whole document in one prompt; "sections": a note on each section (chunks),
    #: then the summary from the notes; "map_reduce": the same with windows of the whole context.
    mode: str
    chunks: tuple[Chunk, ...]
    n_ctx: int
    document_tokens: int
    window_tokens: int
    overlap_tokens: int
    #: The document types its text supports (chunking.doctype); one means decided by code.
    doc_types: tuple[str, ...] = ("contract", "paper", "report", "other")
    #: Sections read as their best sentences: of their sentences, how many the model reads.
    sentences: int = 0
    kept: int = 0
    #: Tokens of the document the model reads (below document_tokens when sections are excerpted).
    read_tokens: int = 0

    @property
    def excerpted(self) -> bool:
        return 0 < self.read_tokens < self.document_tokens


@dataclass(frozen=True)
class Budget:
    """Token costs that do not depend on the document, measured by the summarizer, and how much
    of a document the model reads."""

    n_ctx: int
    single_prompt: int  # instructions of a single-pass prompt, without the document
    single_output: int  # reserved for the final summary
    map_prompt: int  # instructions of a map prompt, without the chunk
    map_output: int  # reserved for one chunk's notes
    overlap: int
    #: Sections mode (0: read everything, in windows of the whole context): tokens read of a
    #: document, a section's size, and the most sections.
    read: int = 0
    section: int = 1200
    max_sections: int = 12

    @property
    def window(self) -> int:
        return self.n_ctx - self.map_prompt - self.map_output

def render(segments: list[Segment]) -> str:
    """Segments as model text: a page marker wherever a new page starts."""
    parts: list[str] = []
    current = None
    for seg in segments:
        if seg.page != current:
            parts.append(page_marker(seg.page))
            current = seg.page
        parts.append(seg.text)
    return "\n\n".join(parts)


def _chunk(index: int, segments: list[Segment], count: TokenCounter) -> Chunk:
    text = render(segments)
    return Chunk(index=index, text=text, pages=tuple(sorted({s.page for s in segments})), tokens=count(text))


def _windows(segments: list[Segment], count: TokenCounter, window: int, overlap: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    i = 0
    while i < len(segments):
        j, used = i, 0
        # Greedy by the segments' own counts, with room for markers and joins...
        while j < len(segments) and used + segments[j].tokens + 8 <= window:
            used += segments[j].tokens + 8
            j += 1
        j = max(j, i + 1)
        chunk = _chunk(len(chunks), segments[i:j], count)
        # ...then exact: tokenization across joins can differ, so shrink until it fits.
        while chunk.tokens > window and j - i > 1:
            j -= 1
            chunk = _chunk(len(chunks), segments[i:j], count)
        chunks.append(chunk)
        if j >= len(segments):
            break
        # Start the next window a little back, so no idea is cut in half at a border.
        back, k = 0, j
        while k - 1 > i and back + segments[k - 1].tokens <= overlap:
            back += segments[k - 1].tokens
            k -= 1
        i = k if k > i else j
    return chunks


def make_plan(doc: Document, count: TokenCounter, budget: Budget) -> Plan:
    """Sections mode (budget.read set): a document of one section is read in one pass, any
    longer one as sections, each whole or its best sentences (chunking.sections). Else single
    pass if prompt + document + output reserve fit the context, else map-reduce windows."""
    if budget.window < 256:
        raise UsageError(
            f"a {budget.n_ctx}-token context leaves only {budget.window} tokens per window; use a larger --ctx"
        )
    types = document_type(doc.text).candidates
    limit = max(64, budget.window // 2)
    if budget.read:
        limit = max(64, min(limit, budget.section // 2))
    segments = segment_document(doc, count, limit=limit)
    whole = _chunk(0, segments, count)
    room = budget.n_ctx - budget.single_prompt - budget.single_output
    if budget.read:
        if whole.tokens <= min(budget.section, budget.read, room):
            return Plan("single", (whole,), budget.n_ctx, whole.tokens, whole.tokens, 0, types, read_tokens=whole.tokens)
        return _sections_plan(doc, segments, whole.tokens, count, budget, types)
    if whole.tokens <= room:
        return Plan("single", (whole,), budget.n_ctx, whole.tokens, whole.tokens, 0, types)
    overlap = min(budget.overlap, budget.window // 4)
    chunks = _windows(segments, count, budget.window, overlap)
    return Plan("map_reduce", tuple(chunks), budget.n_ctx, whole.tokens, budget.window, overlap, types)


def _sections_plan(
    doc: Document, segments: list[Segment], total: int, count: TokenCounter, budget: Budget, types: tuple[str, ...]
) -> Plan:
    n = section_count(total, budget.section, budget.max_sections)
    size = min(budget.window, math.ceil(total / n))
    runs = [segments[i:j] for i, j in spans(segments, size)]
    kind = "contract" if types == ("contract",) else None
    read = read_sections(runs, render, count, doc.language, budget.read, kind, use_pysbd(doc.chars))
    chunks = tuple(
        Chunk(i, s.text, s.pages, s.tokens, s.excerpted) for i, s in enumerate(read)
    )
    return Plan(
        "sections", chunks, budget.n_ctx, total, size, 0, types,
        sum(s.sentences for s in read), sum(s.kept for s in read), sum(s.tokens for s in read),
    )
