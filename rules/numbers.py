"""Numbers and durations: the numbers a text states in any usual notation, its percentages, and
the durations a contract gives ("five (5) years"). A number the document never writes is one the
model made up."""

from __future__ import annotations

import re

from core.words import alternation
from rules.data import table

#: Every language's months and their abbreviations, as one alternation (rules/lang: dates).
MONTHS = alternation({**{k: v for k, v in table("dates", "months").items()},
                      **{f"{k}-short": v for k, v in table("dates", "abbreviations").items()}})


# Digits with the separators numbers are written with: 1,000.50  1.000,50  10'000, and spaces
# only between groups of three (1 000 000), so "section 2 10 days" stays two numbers.
_NUMBER = re.compile(r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d(?:[\d,.']*\d)?")


def _forms(number: str) -> set[str]:
    """The values a written number may stand for: digits only, and with its last separator
    read as a decimal point (1.000 is a thousand in German, one in English)."""
    digits = re.sub(r"\D", "", number)
    forms = {digits.lstrip("0") or "0"}
    parts = re.split(r"[,.]", re.sub(r"['\u00a0\u202f ]", "", number))
    if len(parts) > 1:
        whole, fraction = "".join(parts[:-1]).lstrip("0") or "0", parts[-1].rstrip("0")
        forms.add(f"{whole}.{fraction}" if fraction else whole)
    return forms


def numbers_in(text: str) -> list[str]:
    """The numbers written in text, as written (trailing separators dropped)."""
    return [m.group().rstrip(",. ") for m in _NUMBER.finditer(text)]


#: The words for "per cent" after a number, per language (data: a language is added here).
PERCENT_WORDS: dict[str, tuple[str, ...]] = table("numbers", "percent_words")


_PERCENT_SIGN = r"(?:%|％|(?:" + "|".join(w for words in PERCENT_WORDS.values() for w in words) + r")(?!\w))"


_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?" + _PERCENT_SIGN, re.IGNORECASE)


#: The start of a range of percentages ("5-10%", "5 to 10 percent"): a percentage too.
_RANGE_START = re.compile(
    r"(\d+(?:[.,]\d+)?)\s?%?\s?(?:-|–|—|to|and|or|bis|und|à|et|a|y|e|и|до)\s?\d+(?:[.,]\d+)?\s?" + _PERCENT_SIGN,
    re.IGNORECASE,
)


def _percents(text: str) -> set[str]:
    found = [m.group(1) for pattern in (_PERCENT, _RANGE_START) for m in pattern.finditer(text)]
    return {form for number in found for form in _forms(number)}


def unsupported_numbers(text: str, document_text: str) -> list[str]:
    """Numbers of two or more digits in text that the document never writes (in any of the
    usual notations). One-digit numbers are left out: documents spell them as words. A
    percentage, of any number of digits, must be one in the document: "1%" where a contract
    reads "[●%]" fills a blank the parties left."""
    known: set[str] = set()
    for number in numbers_in(document_text):
        known |= _forms(number)
    found = [m.group(1) for m in _PERCENT.finditer(text)]
    stated = _percents(document_text) if found else set()
    flagged = [n for n in found if not _forms(n) & stated]
    out = [f"{n}%" for n in flagged]
    for number in numbers_in(text):
        if number in flagged:
            continue
        parts = re.split(r"[.,']", number)
        if len(parts) > 2 and not all(len(p) == 3 for p in parts[1:-1]):
            pieces = parts  # 01.03.2024 or 1.2.3: a date or a version, judged part by part
        else:
            pieces = [number]
        for piece in pieces:
            if len(re.sub(r"\D", "", piece)) >= 2 and not _forms(piece) & known:
                out.append(number)
                break
    return out


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
}


_DURATION = re.compile(r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")\b(?:\s*\(\d+\))?[\s-]*(years?|months?|days?)\b", re.IGNORECASE)


def first_duration(text: str) -> set[tuple[int, str]]:
    """The first duration a text states, as durations() gives it (empty when it states none)."""
    found = _DURATION.search(text or "")
    return durations(found.group()) if found else set()


def durations(text: str) -> set[tuple[int, str]]:
    """The durations a text states, as (number, unit), each also in the other unit where it
    converts ("five (5) years" is (5, "year") and (60, "month"))."""
    out = set()
    for number, unit in _DURATION.findall(text or ""):
        value = int(number) if number.isdigit() else _NUMBER_WORDS[number.lower()]
        unit = unit.lower().rstrip("s")
        out.add((value, unit))
        if unit == "month" and value % 12 == 0:  # 36 months is 3 years
            out.add((value // 12, "year"))
        if unit == "year":
            out.add((value * 12, "month"))
    return out


#: "550. 000": a number the model broke with a space after its thousands separator.
BROKEN_NUMBER = re.compile(r"(\d)([.,]) (\d{3})\b")
