"""The plan: single pass or map-reduce windows, with every token accounted for."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Plan:
    mode: str  # "single" | "map_reduce"
    chunks: tuple[Chunk, ...]
    n_ctx: int
    document_tokens: int
    window_tokens: int
    overlap_tokens: int


@dataclass(frozen=True)
class Budget:
    """Token costs that do not depend on the document, measured by the summarizer."""

    n_ctx: int
    single_prompt: int  # instructions of a single-pass prompt, without the document
    single_output: int  # reserved for the final summary
    map_prompt: int  # instructions of a map prompt, without the chunk
    map_output: int  # reserved for one chunk's notes
    overlap: int

    @property
    def window(self) -> int:
        return self.n_ctx - self.map_prompt - self.map_output


def page_marker(page: int) -> str:
    """How a page start is shown to the model; citations are read back from it."""
    return f"[page {page}]"


_MARKER = re.compile(r"^\[page (\d+)\]$", re.MULTILINE)


def chunk_pages(text: str) -> dict[int, str]:
    """A rendered chunk split back into {page number: text} at its page markers."""
    pages: dict[int, str] = {}
    matches = list(_MARKER.finditer(text))
    for m, nxt in zip(matches, matches[1:] + [None]):
        body = text[m.end() : nxt.start() if nxt else len(text)].strip()
        pages[int(m.group(1))] = (pages.get(int(m.group(1)), "") + "\n\n" + body).strip()
    return pages


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
    """Single pass if prompt + document + output reserve fit the context, else map-reduce windows."""
    if budget.window < 256:
        raise UsageError(
            f"a {budget.n_ctx}-token context leaves only {budget.window} tokens per window; use a larger --ctx"
        )
    segments = segment_document(doc, count, limit=max(64, budget.window // 2))
    whole = _chunk(0, segments, count)
    if budget.single_prompt + whole.tokens + budget.single_output <= budget.n_ctx:
        return Plan("single", (whole,), budget.n_ctx, whole.tokens, whole.tokens, 0)
    overlap = min(budget.overlap, budget.window // 4)
    chunks = _windows(segments, count, budget.window, overlap)
    return Plan("map_reduce", tuple(chunks), budget.n_ctx, whole.tokens, budget.window, overlap)
