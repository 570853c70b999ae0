"""The Document that every later stage reads: pages with character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Pages are joined with this separator in Document.text.
PAGE_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Page:
    """One page (or section, for formats without pages), numbered from 1."""

    number: int
    text: str
    #: Offset of the first character in Document.text.
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Document:
    """A whole document as text, in pages, with where it came from."""

    path: str
    sha256: str
    format: str  # "pdf" | "docx" | "text"
    pages: tuple[Page, ...]
    language: str  # ISO 639-1, or "und" when it cannot be told
    #: "page" for real pages (PDF, page breaks); "section" for cuts docsum chose.
    page_unit: str = "page"
    title: str | None = None
    #: Pages that had no extractable text (image-only pages in a PDF).
    empty_pages: tuple[int, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return PAGE_SEPARATOR.join(p.text for p in self.pages)

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.pages) + len(PAGE_SEPARATOR) * max(0, len(self.pages) - 1)


# Lone surrogates (from broken PDF font maps) cannot be encoded as UTF-8 and
# control characters (C0 and C1, the latter left by text decoded twice) are noise to a
# tokenizer; neither is text a reader sees.
_UNTEXT = re.compile(r"[\ud800-\udfff]|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


# Some PDF producers put a no-break space between every word, and fonts' ligatures come out as
# one character ("oﬀen"): words a reader sees as plain that no pattern or tokenizer would match.
# (The ideographic space of CJK text is left alone.)
_PLAIN = str.maketrans(
    {**{ch: " " for ch in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"},
     "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)


#: A paragraph's drop cap, set apart from the rest of its word ("F ederal law provides"); not
#: the words "A", "I" and "O" ("A round of talks" is no "Around").
_DROP_CAP = re.compile(r"(?m)^([ \t]*)([B-HJ-NP-Z]) ([a-z]{2,})\b")


def join_drop_caps(texts: list[str]) -> list[str]:
    """The pages with each drop cap joined to its word where the document writes the joined word
    and not the rest alone ("F ederal": "federal" is a word of it, "ederal" is not; "C an owl",
    an item, stays). The whole document's words decide: an opening page may not repeat its word."""
    if not any(_DROP_CAP.search(t) for t in texts):
        return texts
    words = set(re.findall(r"[a-z]+", _DROP_CAP.sub("", "\n".join(texts)).lower()))
    return [_DROP_CAP.sub(lambda m: m.group(1) + m.group(2) + m.group(3)
                          if (m.group(2) + m.group(3)).lower() in words and m.group(3) not in words else m.group(), t)
            for t in texts]


def clean_text(text: str) -> str:
    """Text safe for any tokenizer and plain for patterns: no lone surrogates, no control characters
    but tab, newline and form feed, plain spaces for no-break ones, letters for ligatures."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_PLAIN)
    return _UNTEXT.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)


def paginate(texts: list[str]) -> tuple[Page, ...]:
    """Number page texts from 1 and give each its offset in the joined text."""
    pages, offset = [], 0
    for number, text in enumerate(texts, start=1):
        pages.append(Page(number=number, text=text, start=offset))
        offset += len(text) + len(PAGE_SEPARATOR)
    return tuple(pages)
