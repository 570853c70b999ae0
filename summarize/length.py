"""How long a summary should be: a preset or a word target, and the character bounds the
schema puts on each field so that no answer can outgrow its token budget."""

from __future__ import annotations

from dataclasses import dataclass

from core.settings import length_words

#: llama.cpp's grammars repeat a rule at most 2000 times.
MAX_CHARS = 2000
#: Languages written without spaces count characters, about 1.5 per word of a spaced language.
_CJK = {"zh", "ja", "ko"}


@dataclass(frozen=True)
class Length:
    """A summary of about `words` words, in `language`."""

    words: int
    language: str

    @classmethod
    def parse(cls, value: str | int, language: str) -> "Length":
        """'short', 'medium', 'long' or a number of words (20 to 1000); UsageError otherwise."""
        return cls(length_words(value), language)

    @property
    def spaced(self) -> bool:
        return self.language not in _CJK

    def chars(self, words: int) -> int:
        """Characters that `words` words take in this language (generously: 7 per word, 1.6 in CJK)."""
        return int(words * (7 if self.spaced else 1.6))

    @property
    def sentences(self) -> tuple[int, int]:
        """The sentences to ask for: about 20 words each, a little more or less (one or two for
        a summary of a sentence's length)."""
        low = max(1, round(self.words / 24))
        return low, max(low + 1, round(self.words / 16))

    @property
    def sentence_chars(self) -> int:
        """A summary sentence's maxLength: long enough for any real sentence, short of a runaway."""
        return min(MAX_CHARS, self.chars(50))

    @property
    def tokens(self) -> int:
        """Tokens the summary may take (generously: 2.5 a word, 1.2 a CJK character), for the answer's reserve."""
        return int(self.words * 2.5) if self.spaced else int(self.chars(self.words) * 1.2)

    @property
    def points(self) -> int:
        """Key points for this length: one per 40 words of summary, 3 to 8."""
        return max(3, min(8, round(self.words / 40)))

    @property
    def point_chars(self) -> int:
        return self.chars(35)

    @property
    def field_chars(self) -> int:
        return self.chars(45)

    def describe(self) -> str:
        """The target as the prompt states it."""
        low, high = self.sentences
        size = f"about {self.words} words" if self.spaced else f"about {self.chars(self.words)} characters"
        return f"a list of {low} to {high} sentences, {size} in all"
