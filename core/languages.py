"""Language codes docsum knows and their names, shared by every stage."""

from __future__ import annotations

#: What detection says when a text has too few letters to tell.
UNDETERMINED = "und"

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
