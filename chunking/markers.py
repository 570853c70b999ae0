"""How page starts are shown to the model, and read back from what it was shown."""

from __future__ import annotations

import re


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
