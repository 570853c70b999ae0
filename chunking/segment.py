"""A document cut into small pieces that windows are built from: paragraphs,
then sentences for long paragraphs, then word-boundary cuts for run-on text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import pysbd

from ingest.model import Document
from rules.sentences import CONTINUED

TokenCounter = Callable[[str], int]

_PYSBD_LANGS = {
    "en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl", "fa", "nl", "da",
    "fr", "my", "el", "it", "ja", "de", "kk", "sk",
}


@dataclass(frozen=True)
class Segment:
    page: int
    start: int  # offsets in Document.text
    end: int
    text: str
    tokens: int


@lru_cache(maxsize=32)
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language if language in _PYSBD_LANGS else "en", clean=False, char_span=True)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line-separated paragraph of a page."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*$)", text, re.DOTALL)]


#: Two sentences with no space between them ("épargnée.Situation", "maladie.L'Espagne"), where a
#: text lost its line breaks: a word of two lower-case letters or digits ends one, a capitalized
#: word (or an elided article) starts the next, or a live page's time ("journée.21h : ...").
#: Abbreviations ("U.S.Army", "e.g.The") and addresses ("www.Example") do not match.
GLUED = re.compile(
    r"(?<![/\w.@])(?!www\.)\w*[a-zß-ÿ0-9]{2}[.!?](?=[A-ZÀ-ÖØ-Þ](?:[a-zß-ÿ]|['’][A-Za-zÀ-ÿ]))"
    r"|(?<![/\w.@])\w*[a-zß-ÿ]{2}\.(?=\d{1,2}h(?:\d\d)?\s)"
)


def _unglued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut after each glued sentence end in it."""
    cuts = [start + m.end() for m in GLUED.finditer(text[start:end])]
    return list(zip([start, *cuts], [*cuts, end]))


def unglued(text: str) -> list[str]:
    """The text cut after each glued sentence end."""
    return [text[a:b] for a, b in _unglued(text, 0, len(text))]


def _joined_at_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, each that ends in a CONTINUED abbreviation joined to the next."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and CONTINUED.search(text[out[-1][0] : out[-1][1]]):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


@lru_cache(maxsize=1024)
def _sentence_spans(text: str, language: str) -> tuple[tuple[int, int], ...]:
    # Cached: the plan, the evidence and the checks of one document split the same paragraphs,
    # and pysbd takes about 40 µs a character.
    spans = [piece for s in _segmenter(language).segment(text) for piece in _unglued(text, s.start, s.end)]
    return tuple(_joined_at_abbreviations(text, spans)) or ((0, len(text)),)


def split_sentences(text: str, language: str) -> list[str]:
    """The text's sentences (pysbd, falling back to English rules for other languages)."""
    return [text[a:b].strip() for a, b in _sentence_spans(text, language) if text[a:b].strip()]


def _hard_cut(text: str, tokens: int, limit: int) -> list[tuple[int, int]]:
    """Cut text with no usable sentence ends into pieces of about `limit` tokens, at spaces where possible."""
    pieces = max(2, -(-tokens // limit))
    size = max(1, len(text) // pieces)
    spans, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            space = text.rfind(" ", start + size // 2, end)
            end = space + 1 if space > start else end
        spans.append((start, end))
        start = end
    return spans


def _split(text: str, offset: int, page: int, count: TokenCounter, limit: int, language: str, depth: int = 0) -> list[Segment]:
    tokens = count(text)
    if tokens <= limit:
        return [Segment(page, offset, offset + len(text), text, tokens)]
    spans = _sentence_spans(text, language) if depth == 0 else _hard_cut(text, tokens, limit)
    if len(spans) == 1:  # one giant "sentence": cut it by size
        spans = _hard_cut(text, tokens, limit)
    out: list[Segment] = []
    for start, end in spans:
        piece = text[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        out += _split(stripped, offset + start + lead, page, count, limit, language, depth + 1)
    return out


def segment_document(doc: Document, count: TokenCounter, limit: int) -> list[Segment]:
    """All of the document as segments of at most `limit` tokens each, in order, nothing dropped."""
    segments: list[Segment] = []
    for page in doc.pages:
        for start, end in _paragraph_spans(page.text):
            segments += _split(page.text[start:end], page.start + start, page.number, count, limit, doc.language)
    return segments
