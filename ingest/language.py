"""Language detection with langdetect, seeded so the same text always gives the same answer."""

from __future__ import annotations

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from core.languages import UNDETERMINED

# langdetect samples randomly; a fixed seed makes it deterministic.
DetectorFactory.seed = 0

_SAMPLE_CHARS = 6000
_PIECES = 3


def _sample(text: str) -> str:
    """A few slices spread over the text: cheap on a 300-page book, fair to all of it."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    size = _SAMPLE_CHARS // _PIECES
    step = (len(text) - size) // (_PIECES - 1)
    return " ".join(text[i * step : i * step + size] for i in range(_PIECES))


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's main language, or "und" when it has too few letters."""
    sample = _sample(text)
    if sum(ch.isalpha() for ch in sample) < 20:
        return UNDETERMINED
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return UNDETERMINED
    # langdetect says zh-cn / zh-tw; the summary schema speaks ISO 639-1.
    return best.lang.split("-")[0]
