"""Small print and boilerplate: sentences that belong to the page, the archive, the broadcast or the
bibliography (references, signatures, a revision history's rows),
not to what the document says. No summary, key point or title repeats them.

The words are data, per language; a sentence is checked with every language's words, since a
page in one language often carries another's small print.
"""

from __future__ import annotations

import re

from core.words import alternation, is_cjk
from rules.data import table

#: Small print anywhere in a sentence.
SMALL_PRINT: dict[str, tuple[str, ...]] = table("notices", "small_print")

#: Boilerplate that opens a sentence: a web archive's crawl note.
OPENERS: dict[str, tuple[str, ...]] = table("notices", "crawl_openers")
#: ...and what opens a transcript's recap, which is no title; in prose it is a sentence like any
#: other ("Previously on Monday, the board voted ...").
RECAPS: dict[str, tuple[str, ...]] = table("notices", "recaps")


#: A copyright sign, "Copyright 2003" or "Copyright (c)" at the start ("Copyright law protects ..." is
#: prose), or an address to write to.
_MARKS = re.compile(r"©|^\s*copyright\s*(?:\(c\)|(?:19|20)\d\d)|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_SPACED_PRINT = {k: tuple(w for w in v if not is_cjk(w[0])) for k, v in SMALL_PRINT.items()}
_CJK_PRINT = {k: tuple(w for w in v if is_cjk(w[0])) for k, v in SMALL_PRINT.items()}
#: Words bounded where the script spaces its words; in CJK, anywhere ("本站内容版权所有，...").
_CJK_WORDS = alternation(_CJK_PRINT)
_SMALL_PRINT = re.compile(
    "|".join([rf"(?<!\w)(?:{alternation(_SPACED_PRINT)})(?!\w)"] + ([_CJK_WORDS] if _CJK_WORDS else [])), re.IGNORECASE
)
_OPENER = re.compile(rf"^\W*(?:{alternation(OPENERS)})(?!\w)", re.IGNORECASE)
_RECAP = re.compile(rf"^\W*(?:{alternation(RECAPS)})(?!\w)", re.IGNORECASE)


def opens_as_boilerplate(text: str, recaps: bool = False) -> bool:
    """Whether the text starts as a crawl note does (OPENERS), or a recap (RECAPS, for titles)."""
    return bool(_OPENER.match(text) or (recaps and _RECAP.match(text)))


def is_notice(text: str) -> bool:
    """A copyright notice, a contact address or boilerplate: small print that no summary repeats."""
    return bool(_MARKS.search(text) or _SMALL_PRINT.search(text) or _OPENER.match(text))


#: A reference or a table row: links, bibliographic abbreviations, a citation number at either
#: end, a tokenized bibliography's bold volume ("phys. rev. d * 77 *"); or text extraction's figure placeholders.
_REFERENCE = re.compile(
    r"https?://|www\.|\bdoi\b|\bISBN\b|^\s*\[\d+\]|\[\d+\]\s*$|\b(?:Cong|Rept|Sess|pp|Vol)\.(?=[\s,;:]|$)"
    r"|\bet al\.,? \(?(?:19|20)\d\d|\[\s*(?:fig|eqs?|tab)\w*\s*\.?\s*\]|\*\s?\d{1,4}\s?\*\s?,"
    r"|\b(?:Retrieved|Accessed|Abgerufen|Consulté)(?: on| am| le)? (?:\d{1,2}\.? \w+|\w+ \d{1,2},) \d{4}|\bArchived from the original\b",
    re.IGNORECASE,
)


def is_reference(text: str) -> bool:
    """A bibliography entry, a link, or text extraction's figure placeholders: never prose to summarize."""
    return bool(_REFERENCE.search(text))


#: A dated row of a table ("March 2003 Alpha Draft version after discussion ..."): a revision
#: history's date and text columns run together. Prose says "In March 2003 ..." or "March 2003 saw".
_DATED_ROW = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Januar|Februar|März"
    r"|Juni|Juli|Oktober|Dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\s+(?:19|20)\d\d\s+[A-Z\d]"
)


#: Signature and witness lines: the end of a contract, not what it says.
_SIGNATURE = re.compile(r"^(?:signed\b|signature\b|by:|in witness whereof\b|unterschrift|unterzeichnet|fait à\b|signé)", re.IGNORECASE)


#: Where a corpus took its citations out: "see e.g.,,,,, and the references therein", "we refer to.".
_CITATION_GAP = re.compile(
    r",\s*,|\b(?:refer(?:s|red)? to|see(?: also)?|cf\.?|e\.g\.,?)\s*(?:[.;]|,\s*(?:and|or)\b)"
    # "see e.g. for the general case": "see e.g. [12] for ..." without its reference
    # ("we see in Table 2" and "as we see for large n" are prose: only "see e.g." marks the gap)
    r"|\bsee(?: also)?,?\s+e\.g\.,?\s+(?:for|in)\b",
    re.IGNORECASE,
)


def dated_row(text: str) -> bool:
    """A revision history's row: a month and year, then its text (per _DATED_ROW)."""
    return bool(_DATED_ROW.match(text))


def signature(text: str) -> bool:
    """A signature or witness line."""
    return bool(_SIGNATURE.match(text))


def citation_gap(text: str) -> bool:
    """A sentence whose citations were taken out ("see e.g.,,,, and the references therein")."""
    return bool(_CITATION_GAP.search(text))
