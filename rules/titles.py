"""A document's title from what a program can check: the metadata when it is a real title,
else the first heading-like line of the first page. The model's guess comes only after these,
so a title cannot be talked into the summary by text inside the document."""

from __future__ import annotations

import re

from rules.boilerplate import opens_as_boilerplate
from rules.data import every, table

#: Metadata titles that name the file or the tool rather than the document.
_JUNK = re.compile(
    r"^(?:untitled|no title|title|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf|rtf|odt|txt|tex|dvi|indd|qxd))$",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[IVX]+)[.)]?\s+")
#: "Source: ...", "Date: ...": a label and its value.
_LABEL = re.compile(r"^[^\W\d_][\w ]{0,20}:\s")
_SENTENCE_END = re.compile(r"[.!?;:,。！？；：，]\s*$")
#: Lines that name no document, per language: data, so a language is added here and nowhere else.
#: Each is a regular expression. Page labels start a line ("Exhibit 10.1", "Page 3 of 9")...
PAGE_LABELS: dict[str, tuple[str, ...]] = table("titles", "page_labels")
#: ...section headings are the whole line ("Background", "Summary:", "2. Results"; not "Summary of
#: Benefits")...
SECTION_HEADINGS: dict[str, tuple[str, ...]] = table("titles", "section_headings")


def _alternation(table: dict[str, tuple[str, ...]]) -> str:
    return "|".join(w for words in table.values() for w in words)


_PAGE_LABEL = re.compile(rf"^(?:{_alternation(PAGE_LABELS)})(?!\w)", re.IGNORECASE)
_HEADING = re.compile(rf"^(?:{_alternation(SECTION_HEADINGS)})\s*[:.]?\s*$", re.IGNORECASE)


def not_a_title(line: str, page_labels: bool = True) -> bool:
    """A page label, a section heading (data above, per language) or boilerplate (rules.boilerplate), not a document's title.
    page_labels=False for a title someone wrote rather than a line that heads a page: "Draft
    Environmental Impact Statement" and "Schedule of Benefits" are titles."""
    line = _NUMBERING.sub("", line.strip())
    return bool((page_labels and _PAGE_LABEL.match(line)) or _HEADING.match(line) or opens_as_boilerplate(line, recaps=True))


def clean_title(title: str | None) -> str | None:
    """A metadata title worth showing, whitespace folded; None for file names and placeholders."""
    if not title:
        return None
    title = " ".join(title.split())
    if len(title) < 3 or _JUNK.match(title) or not any(ch.isalpha() for ch in title):
        return None
    return title


#: Words a title does not end with but a line of a sentence often does.
_OPEN_ENDS = every("title_ends", "words")


#: A line that goes on in lower case continues a sentence, unless it is a byline ("by Jane Roe").
_BYLINE = {"by", "von", "par", "por", "di", "de", "da"}
#: The page number a running head ends with, after the title's full stop.
_PAGE_NUMBER = re.compile(r"\.\s+\d{1,4}$")


def _open_end(line: str) -> bool:
    """A line that stops on a word a sentence goes on after ("... AND", "... HAS")."""
    words = line.split()
    return bool(words) and words[-1].lower() in _OPEN_ENDS


def first_heading(text: str, max_lines: int = 6) -> str | None:
    """The first short line near the start that reads as a heading (not a sentence, not a
    page label), joined with an all-capitals line right after it (titles broken over two lines)."""
    lines = [" ".join(line.strip("#= ").split()) for line in text[:4000].splitlines()]
    lines = [line for line in lines if line][:max_lines]
    prose = broken = False
    for i, line in enumerate(lines):
        words = line.split()
        heading = _NUMBERING.sub("", line)
        if not heading[:1].isalnum() or heading[:1].islower() or _open_end(heading) or broken:
            # A note ("* Portions omitted", "[***] = ..."), a sentence's continuation, or a
            # sentence broken at the line ("... HAS" / "BEEN OMITTED"): text, not a title.
            prose, broken = True, _open_end(heading) or line.endswith(",")
            continue
        if not_a_title(heading) or sum(len(w) >= 3 and w[0].isalpha() for w in heading.split()) < 2:
            continue
        if not 2 <= len(words) <= 16 or len(line) > 140 or _SENTENCE_END.search(line) or _LABEL.match(line):
            prose = prose or len(words) > 16 or bool(_SENTENCE_END.search(line))
            continue
        if heading != line or (prose and not heading.isupper()):
            continue  # a numbered line, or one after body text, heads a section, not the document
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _PAGE_NUMBER.search(heading):
            return _PAGE_NUMBER.sub("", heading)  # a running head over the page's text: "THE SIEGE OF VICKSBURG. 49"
        if nxt[:1].islower() and nxt.split()[0] not in _BYLINE:
            prose = True  # "Hello, here is some text ... what a printed text" / "will look like ...": a paragraph's first line
            continue
        if len(words) <= 5 and heading.isupper() and nxt.isupper() and len(nxt.split()) <= 8 and not _SENTENCE_END.search(nxt) \
                and not _open_end(nxt):
            heading = f"{heading} {nxt}"
        return heading
    return None


#: An encyclopedia's first sentence defines its subject: "Dhaka (bengalisch: ...) ist die Hauptstadt
#: Bangladeschs", "Antonio Lucio Vivaldi (* 4. März 1678 ...) war ein venezianischer Komponist",
#: "Atmung oder Respiration (lateinisch respiratio) bezeichnet ...". The subject is a name (capitalized
#: words, a few particles), then brackets, another name for it or an aside between commas, then a
#: copula with an article ("est arrivé" is a verb, "est une ville" a definition) or "refers to".
_DEFINED_SUBJECT = re.compile(
    r"^(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|von|van|de|da|di|del|of|the|la|le)){0,5})"
    r"(?:\s*\([^()]{0,200}\))*(?:\s+(?:oder|or|ou|o)\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s*\([^()]{0,200}\))*)?(?:,[^.;()]{0,120},)?"
    r"\s+(?:(?:is|was|ist|war|est|était|es|fue|era)\s+(?:the|an?|one|der|die|das|eine?|un|une|le|la|l['’]|el|una)(?!\w)"
    r"|are\s+the\b|sind\s+(?:die|eine)\b|bezeichnet\b|refers to\b|désigne\b)"
)
#: Words that start a sentence but name nothing: articles, demonstratives, pronouns, prepositions
#: and conjunctions ("Als Jahrhundert bezeichnet man ...").
_NO_SUBJECT = {
    "als", "wie", "wenn", "in", "im", "am", "an", "auf", "aus", "bei", "mit", "nach", "seit", "von", "vor", "zu", "zum",
    "zur", "für", "über", "unter", "as", "when", "on", "at", "for", "after", "before", "since", "with", "from", "by",
    "of", "if", "dans", "pour", "avec", "après", "avant", "depuis", "par", "sur", "comme", "quand", "en", "con", "para",
    "por", "desde", "como", "cuando", "si",
    "the", "this", "that", "these", "those", "a", "an", "it", "he", "she", "they", "we", "there", "here", "der", "die",
    "das", "ein", "eine", "dieser", "diese", "dieses", "es", "er", "sie", "wir", "le", "la", "les", "un", "une", "ce",
    "cette", "il", "elle", "on", "nous", "el", "los", "las", "una", "este", "esta", "ello", "ella",
}


def defined_subject(text: str) -> str | None:
    """The name the first sentence defines ("Dhaka" in "Dhaka (...) ist die Hauptstadt
    Bangladeschs"), for a text that starts with its definition rather than a title; else None."""
    m = _DEFINED_SUBJECT.match(" ".join(text[:600].split()))
    if m is None:
        return None
    name = m.group("name").rstrip(".")
    words = name.split()
    if words[0].lower().strip("'’") in _NO_SUBJECT or words[-1] in {"von", "van", "de", "da", "di", "del", "of", "the", "la", "le"}:
        return None
    return name


#: A title's full stop is an abbreviation's ("... in the U.S."), never a sentence's.
_STOPS = re.compile(r"[.。]$")
_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}$")


def title_sized(title: str) -> bool:
    """A title, not a sentence: at most 16 words, and no full stop at its end but an abbreviation's."""
    return len(title.split()) <= 16 and not (_STOPS.search(title) and not _ABBREVIATION_END.search(title))
