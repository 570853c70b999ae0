"""Cutting unpaged text into sections of about a printed page, at paragraph ends."""

from __future__ import annotations

#: About one printed page of prose; small enough that a citation points somewhere useful.
SECTION_CHARS = 3000


def sectionize(paragraphs: list[str], target: int = SECTION_CHARS) -> list[str]:
    """Group paragraphs into sections of roughly `target` characters, never splitting one."""
    sections: list[str] = []
    current: list[str] = []
    size = 0
    for para in paragraphs:
        if current and size + len(para) > target:
            sections.append("\n\n".join(current))
            current, size = [], 0
        current.append(para)
        size += len(para) + 2
    if current:
        sections.append("\n\n".join(current))
    return sections


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, stripped, empty ones dropped."""
    parts, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            parts.append("\n".join(current))
            current = []
    if current:
        parts.append("\n".join(current))
    return parts
