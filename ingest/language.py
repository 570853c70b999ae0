"""Language detection with langdetect, seeded so the same text always gives the same answer."""

from __future__ import annotations

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

# langdetect samples randomly; a fixed seed makes it deterministic.
DetectorFactory.seed = 0

UNDETERMINED = "und"
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


_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian",
    "vi": "Vietnamese", "zh": "Chinese",
}


def language_name(code: str) -> str:
    """English name of an ISO 639-1 code, for prompts; the code itself when unknown."""
    return _NAMES.get(code, code)


def is_known_language(code: str) -> bool:
    """Whether docsum can name this language to the model."""
    return code in _NAMES
