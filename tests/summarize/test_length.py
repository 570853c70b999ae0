"""Length presets, word targets and the bounds they put on the answer."""

import pytest

from core.errors import UsageError
from summarize.length import MAX_CHARS, Length


def test_presets_words_and_errors():
    assert Length.parse("short", "en").words == 60 and Length.parse("LONG", "de").words == 300
    assert Length.parse("250", "en").words == 250
    for bad in ("tiny", "5", "5000", ""):
        with pytest.raises(UsageError, match="--length"):
            Length.parse(bad, "en")


def test_the_sentence_count_grows_with_the_target_and_bounds_stay_within_what_llama_cpp_takes():
    short, long = Length.parse("short", "en"), Length.parse("long", "en")
    assert short.sentences[1] < long.sentences[0] and short.sentences[0] >= 2
    assert Length.parse(20, "en").sentences == (1, 2), "a one-sentence summary is not forced into two"
    assert Length.parse(1000, "en").sentence_chars <= MAX_CHARS
    assert Length(150, "zh").sentence_chars < Length(150, "en").sentence_chars, "CJK counts characters"
    assert "words" in Length(150, "en").describe() and "characters" in Length(150, "zh").describe()
