"""The plan: single pass or map-reduce windows, with every token accounted for."""

from __future__ import annotations

from dataclasses import dataclass

from chunking.doctype import document_type
from chunking.evidence import document_sentences, render_evidence, select_evidence
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


@dataclass(frozen=True)
class Plan:
    #: "single": the whole document in one prompt; "map_reduce": windows, then their notes;
    #: "evidence": the document's best sentences (chunks[0]) in one prompt.
    mode: str
    chunks: tuple[Chunk, ...]
    n_ctx: int
    document_tokens: int
    window_tokens: int
    overlap_tokens: int
    #: The document types its text supports (chunking.doctype); one means decided by code.
    doc_types: tuple[str, ...] = ("contract", "paper", "report", "other")
    #: Evidence mode: the document's sentences, and how many of them the model reads.
    sentences: int = 0
    kept: int = 0
    #: Evidence mode: the sentences best first (what the model copies its summary from), not in
    #: document order (which a contract's fields are read in).
    ranked: bool = False
    #: Evidence mode: the spans of the document whose best sentence the model reads (first, when ranked).
    parts: int = 1


def reads_fields(types: tuple[str, ...]) -> bool:
    """Whether the model reads a document's fields from its evidence (a possible contract): then it
    gets all of `evidence_tokens`, in document order; any other, a summary's worth, best first."""
    return "contract" in types


@dataclass(frozen=True)
class Budget:
    """Token costs that do not depend on the document, measured by the summarizer."""

    n_ctx: int
    single_prompt: int  # instructions of a single-pass prompt, without the document
    single_output: int  # reserved for the final summary
    map_prompt: int  # instructions of a map prompt, without the chunk
    map_output: int  # reserved for one chunk's notes
    overlap: int
    #: Tokens of evidence sentences the model reads instead of the whole document; 0: read it all.
    evidence: int = 0
    #: Evidence for a document whose summary is all the model writes of it (code reads the
    #: fields of any type but a contract): about twice the summary, since the model copies its
    #: summary from the top of what it reads, and more evidence only moves the opening in.
    summary_evidence: int = 0

    def evidence_size(self, types: tuple[str, ...]) -> int:
        """Evidence tokens for a document of these possible types: all of `evidence` for a
        contract, whose fields the model reads from it; at most `summary_evidence` for others."""
        if self.summary_evidence and not reads_fields(types):
            return min(self.evidence, self.summary_evidence)
        return self.evidence

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
    """Evidence when a budget for it is set and the document is longer; else single pass if
    prompt + document + output reserve fit the context, else map-reduce windows."""
    if budget.window < 256:
        raise UsageError(
            f"a {budget.n_ctx}-token context leaves only {budget.window} tokens per window; use a larger --ctx"
        )
    types = document_type(doc.text).candidates
    segments = segment_document(doc, count, limit=max(64, budget.window // 2))
    whole = _chunk(0, segments, count)
    room = budget.n_ctx - budget.single_prompt - budget.single_output
    if budget.evidence and whole.tokens > min(budget.evidence, room):
        sentences = document_sentences(doc, count)
        evidence = select_evidence(sentences, min(budget.evidence_size(types), room - 64), types[0], language=doc.language)
        if evidence.sentences:
            ranked = not reads_fields(types)
            text = render_evidence(evidence, ranked)
            pages = tuple(sorted({s.page for s in evidence.sentences}))
            chunk = Chunk(0, text, pages, count(text))
            if chunk.tokens <= room:
                return Plan("evidence", (chunk,), budget.n_ctx, whole.tokens, chunk.tokens, 0, types,
                            len(sentences), len(evidence.sentences), ranked, evidence.parts)
    if whole.tokens <= room:
        return Plan("single", (whole,), budget.n_ctx, whole.tokens, whole.tokens, 0, types)
    overlap = min(budget.overlap, budget.window // 4)
    chunks = _windows(segments, count, budget.window, overlap)
    return Plan("map_reduce", tuple(chunks), budget.n_ctx, whole.tokens, budget.window, overlap, types)
