"""Plain text and Markdown: find the encoding, then cut into pages or sections."""

from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

from core.errors import UnsupportedFormat
from ingest.sections import sectionize, split_paragraphs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows as NULs in every other byte for Latin script."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    encoding = "utf-16-be" if even_nuls > 0.3 > odd_nuls else "utf-16-le" if odd_nuls > 0.3 > even_nuls else None
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding). Binary data is an UnsupportedFormat."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        guess = _utf16_without_bom(data)
        damaged = _damaged_utf8(data)
        if guess is not None:
            text, encoding = guess, "utf-16"
        elif damaged is not None:
            text, encoding = damaged, DAMAGED_UTF8
        else:
            best = _best_legacy(data)
            if best is None:
                raise UnsupportedFormat(f"{name}: not a PDF, DOCX or text file (binary content)") from None
            text, encoding = str(best), best.encoding
    if "\x00" in text or _control_ratio(text) > 0.05:
        raise UnsupportedFormat(f"{name}: not a PDF, DOCX or text file (binary content)")
    return text, encoding


#: The encoding reported for UTF-8 text with some invalid bytes replaced.
DAMAGED_UTF8 = "utf-8 (invalid bytes replaced)"


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken bytes (a bad copy, a mixed-up concatenation), or None.

    Legacy 8-bit text has almost no valid multi-byte UTF-8 sequences; damaged UTF-8 has
    many valid ones per broken one.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return text if valid >= 10 * broken else None


#: When candidates tie, the encodings most legacy files are actually in win.
_PREFERRED = ("cp1252", "iso8859_15", "latin_1")


def _best_legacy(data: bytes):
    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    ties = {r.encoding: r for r in results if r.chaos == best.chaos and r.coherence == best.coherence}
    return next((ties[e] for e in _PREFERRED if e in ties), best)


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample)


#: Only ftfy's repair of text decoded with the wrong codec ("1985â\x80\x9386" for "1985–86"):
#: quotes, widths, ligatures and line breaks are the document's and stay as written.
_MOJIBAKE_ONLY = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, remove_control_chars=False, normalization=None, explain=False,
)


def repair_mojibake(text: str) -> str:
    """The text with mojibake undone (UTF-8 that was once decoded as cp1252 or Latin-1), else unchanged."""
    return ftfy.fix_text(text, _MOJIBAKE_ONLY)


def text_pages(text: str) -> tuple[list[str], str]:
    """Pages split at form feeds when the text has them, else sections of about a page.

    Returns (page texts, unit) where unit is "page" or "section".
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text.strip("\f"):
        pages = [page.strip("\n") for page in text.split("\f")]
        # A trailing form feed (as pdftotext writes) is not a page of its own.
        while pages and not pages[-1].strip():
            pages.pop()
        return pages, "page"
    return sectionize(split_paragraphs(text)), "section"


_MD_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def markdown_title(text: str) -> str | None:
    """The first level-one heading of a Markdown text, if any."""
    match = _MD_TITLE.search(text[:20000])
    return match.group(1) if match else None
