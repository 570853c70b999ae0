"""Scores for one summary against its reference and its document: ROUGE that works
for Chinese and Japanese as well as for European languages, language match,
degenerate output, and how much of the document the key points cite."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import py3langid
from rouge_score import rouge_scorer

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")

# Scripts written without spaces between words: each character is a token, the
# usual convention for Chinese ROUGE (and what a segmenter-free scorer can do fairly).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30fc"
_TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W_])+")


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens, one token per character for CJK scripts.

    rouge-score's own tokenizer keeps only [a-z0-9], which turns "Straße" into
    "stra e" and Chinese into nothing at all.
    """
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


class _Tokenizer:
    """The interface rouge-score expects of a custom tokenizer."""

    def tokenize(self, text: str) -> list[str]:
        return tokenize(text)


_SCORER = rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=_Tokenizer())


def rouge(prediction: str, reference: str) -> dict[str, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 of prediction against reference, in [0, 1]."""
    scores = _SCORER.score(reference, prediction)
    return {name: scores[name].fmeasure for name in ROUGE_TYPES}


@dataclass(frozen=True)
class Degeneracy:
    """Why an output is unusable, or nothing when it is fine."""

    reason: str | None

    def __bool__(self) -> bool:
        return self.reason is not None


# A summary that says the same 4 tokens (8 CJK characters) this many times is a
# decoding loop, not emphasis: real summaries rarely repeat a 4-gram twice.
LOOP_REPEATS = 4


# How a finished sentence ends, in the scripts we evaluate (closing quotes and brackets allowed);
# Japanese academic prose ends its sentences with a full-width full stop ("．"), not "。".
_SENTENCE_END = re.compile(r"[.!?…。．｡！？؟।][\"'“”‘’»)\]」』）]*\s*$")


def degeneracy(text: str, truncated: bool = False, prose: bool = False) -> Degeneracy:
    """Empty, truncated (by a token limit, or prose that stops mid-sentence), or caught in a repeated n-gram loop.

    `prose` marks text that should be whole sentences, like a summary; key points may be phrases.
    """
    tokens = tokenize(text)
    if not tokens:
        return Degeneracy("empty")
    cjk = sum(1 for t in tokens if len(t) == 1 and re.match(rf"[{_CJK}]", t))
    n = 8 if cjk > len(tokens) / 2 else 4
    grams = Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    if grams and grams.most_common(1)[0][1] >= LOOP_REPEATS:
        return Degeneracy("loop")  # the likelier cause when both apply: loops run into the token limit
    if truncated or (prose and not _SENTENCE_END.search(text)):
        return Degeneracy("truncated")
    return Degeneracy(None)


def language_match(text: str, expected: str) -> bool:
    """Whether the text is in the expected ISO 639-1 language, as langid.py reads it: a detector
    apart from the one docsum chooses the summary's language with, so that one's errors show."""
    return py3langid.classify(text)[0] == expected.split("-")[0].lower()


def coverage(summary: dict) -> dict[str, float]:
    """Share of the document's non-empty pages, and of its chunks, that the key points cite."""
    source, strategy = summary["source"], summary["strategy"]
    empty = set(source.get("empty_pages", []))
    pages = [p for p in range(1, source["pages"] + 1) if p not in empty]
    cited = {p for point in summary["key_points"] for p in point["pages"]}
    spans = strategy.get("chunk_pages") or [[1, source["pages"]]]
    chunks_cited = sum(1 for first, last in spans if any(first <= p <= last for p in cited))
    return {
        "pages": len(cited & set(pages)) / len(pages) if pages else 0.0,
        "chunks": chunks_cited / len(spans),
    }
