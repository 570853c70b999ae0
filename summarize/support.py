"""Whether a sentence the model wrote is supported by what it read: its numbers are the
document's, and most of its content words are in the note it came from and that note's part
of the document. A lexical check: it catches invented details and sentences about something
else, not a forecast told as a fact (docs/summaries.md says what it does not catch)."""

from __future__ import annotations

from dataclasses import dataclass

from core.words import term_list
from summarize.checks import unsupported_numbers

#: A sentence is supported when at least this share of its content words is in its source.
#: Measured on the tune half: the model's own paraphrase keeps about four in five of its words
#: (bench/RESULTS.md, support); a sentence about something else keeps under half.
SUPPORT = 0.5


def stems(words) -> set[str]:
    """Content words cut to their first five letters: "examines", "examined" and "examination"
    are one word here, in every language that inflects at the end."""
    return {w[:5] for w in words}


@dataclass(frozen=True)
class Source:
    """What a sentence may rest on: a note and the text of the part it was written on."""

    note: str
    text: str
    pages: tuple[int, ...] = ()

    @property
    def words(self) -> set[str]:
        return stems(term_list(self.note)) | stems(term_list(self.text))


def support(sentence: str, sources: list[Source], allowed: set[str] = frozenset()) -> tuple[float, Source | None]:
    """The share of the sentence's content words found in its best source (with `allowed`:
    words of the instructions, such as "document" or "report"), and that source."""
    words = stems(term_list(sentence))
    if words and not words - allowed:
        return 0.0, None  # only the instructions' words ("End of notes."): nothing of the document
    words -= allowed
    if not words:
        return 1.0, sources[0] if sources else None
    best, where = 0.0, None
    for source in sources:
        share = len(words & source.words) / len(words)
        if share > best:
            best, where = share, source
    return best, where


def supported(sentence: str, sources: list[Source], document: str, allowed: set[str] = frozenset(),
              lexical: bool = True) -> bool:
    """Whether the sentence is supported: no number the document does not write, and (lexical:
    when the sources are in the sentence's language) enough of its words in one source."""
    if unsupported_numbers(sentence, document):
        return False
    return not lexical or not sources or support(sentence, sources, allowed)[0] >= SUPPORT
