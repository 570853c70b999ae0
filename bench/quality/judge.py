"""The bench's own checks of a summary, sharing no code with the product's filters, so that a
filter cannot make its own count look good. Each is run on what the model wrote (the draft,
before docsum's checks) and on what docsum printed, to show what the filters remove.

- copied: sentences nine in ten of whose 4-word sequences are in the document (the rubric's count);
- unsupported numbers: numbers (as digits) the document never writes;
- fragments: sentences of fewer than four words, or that a heading or page label would be;
- repeats: a sentence said twice (the same words, case and spacing aside).
"""

from __future__ import annotations

import re

from bench.reading.copied import copied_sentences, sentences

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _numbers(text: str) -> set[str]:
    return {re.sub(r"[.,]", "", n) for n in _DIGITS.findall(text)}


def unsupported_numbers(summary: str, document: str) -> list[str]:
    """Numbers of the summary, separators ignored, that the document does not contain."""
    known = _numbers(document)
    return sorted(n for n in _numbers(summary) if n not in known and len(n) > 1)


def fragments(summary: str) -> list[str]:
    """Sentences too short to state anything, or written in capitals like a heading."""
    out = []
    for s in sentences(summary):
        if _CJK.search(s):
            if len(s) < 6:
                out.append(s)
            continue
        words = _WORD.findall(s)
        if len(words) < 4 or (len(words) <= 10 and s.upper() == s and any(c.isalpha() for c in s)):
            out.append(s)
    return out


def repeats(summary: str) -> int:
    seen, twice = set(), 0
    for s in sentences(summary):
        key = " ".join(_WORD.findall(s.lower()))
        twice += key in seen
        seen.add(key)
    return twice


def judge(summary: str, document: str) -> dict:
    """The checks on one summary text."""
    copied, total = copied_sentences(summary, document)
    return {
        "sentences": total,
        "copied": copied,
        "unsupported_numbers": unsupported_numbers(summary, document),
        "fragments": len(fragments(summary)),
        "repeats": repeats(summary),
    }


def draft_text(draft: dict | None) -> str | None:
    """The summary text of the model's answer before docsum's checks (strategy.draft)."""
    if not isinstance(draft, dict) or "summary" not in draft:
        return None
    value = draft["summary"]
    return " ".join(value) if isinstance(value, list) else str(value)
