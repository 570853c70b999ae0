"""Checking that a key point's cited pages really hold it, by shared words."""

from __future__ import annotations

from core.words import terms
from summarize.schema import KeyPoint


class PageIndex:
    """Content words of each page, computed once per document."""

    def __init__(self, pages: dict[int, str]):
        self._terms = {number: terms(text) for number, text in pages.items()}

    def support(self, point: str, page: int) -> float:
        """Share of the point's content words that appear on the page (0 to 1)."""
        wanted = terms(point)
        if not wanted or page not in self._terms:
            return 0.0
        return len(wanted & self._terms[page]) / len(wanted)

    def check(self, point: str, cited: list[int], allowed: tuple[int, ...]) -> tuple[int, ...]:
        """The cited pages (within allowed) if one supports the point, else the best-supported page.

        Small models often cite a window's first page for everything; a citation
        that shares no content word with the point is replaced by one that does.
        """
        valid = sorted({p for p in cited if p in allowed})
        if valid and max(self.support(point, p) for p in valid) > 0.0:
            return tuple(valid)
        best_score, best_page = max(((self.support(point, p), -p) for p in allowed), default=(0.0, 0))
        if best_score > 0.0:
            return (-best_page,)
        return tuple(valid) or (allowed[0],)


def key_points_from(raw: list[dict], allowed: tuple[int, ...], index: PageIndex) -> tuple[KeyPoint, ...]:
    """The model's key points, whitespace folded, repeats dropped, each citation checked."""
    seen: set[str] = set()
    points = []
    for item in raw:
        text = " ".join(str(item.get("text", "")).split())
        if not text or text.lower() in seen:
            continue
        seen.add(text.lower())
        points.append(KeyPoint(text, index.check(text, list(item.get("pages", [])), allowed)))
    return tuple(points)
