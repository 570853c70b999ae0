"""Small print and boilerplate: sentences that belong to the page, the archive, the broadcast or the
bibliography (references, signatures, a revision history's rows),
not to what the document says. No summary, key point or title repeats them.

The words are data, per language; a sentence is checked with every language's words, since a
page in one language often carries another's small print.
"""

from __future__ import annotations

import re

from core.words import alternation, is_cjk
from rules.data import fragments, table
from rules.registry import matched, rule, searched

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


@rule("notice", "boilerplate", "small print",
      drops=("Copyright 2003 Acme Inc. All rights reserved.", "The seed for this crawl was a list of every host in the Wayback Machine.",
             "Tous droits réservés.", "本站内容版权所有，未经许可不得转载。", "Write to info@example.org for a printed copy."),
      keeps=("Copyright law protects an author for seventy years after death.",),
      languages=tuple(sorted({*SMALL_PRINT, *OPENERS})))
def is_notice(text: str) -> bool:
    """A copyright notice, a contact address or boilerplate: small print that no summary repeats."""
    return bool(_MARKS.search(text) or _SMALL_PRINT.search(text) or _OPENER.match(text))


#: A reference or a table row: links, bibliographic abbreviations, a citation number at either
#: end, a tokenized bibliography's bold volume ("phys. rev. d * 77 *"); or text extraction's figure placeholders.
_REFERENCE = re.compile(
    r"https?://|www\.|\bdoi\b|\bISBN\b|^\s*\[\d+\]|\[\d+\]\s*$|\b(?:Cong|Rept|Sess|pp|Vol)\.(?=[\s,;:]|$)"
    r"|\bet al\.,? \(?(?:19|20)\d\d|\[\s*(?:fig|eqs?|tab)\w*\s*\.?\s*\]|\*\s?\d{1,4}\s?\*\s?,"
    rf"|\b(?:{fragments('boilerplate', 'retrieved')}) (?:\d{{1,2}}\.? \w+|\w+ \d{{1,2}},) \d{{4}}|\bArchived from the original\b",
    re.IGNORECASE,
)


@rule("reference", "boilerplate", "a reference or a link",
      drops=("Retrieved 27 July 2020 via Newspapers.com.", "The data are at https://example.org/report.",
             "Rev. d * 77 *, 011107 (2008).", "Smith et al., 2008, found the same rate."),
      keeps=("The divers retrieved the bell from the wreck in the summer.", "The fee is 5 * 7 * 2 units a day."),
      languages=tuple(table("boilerplate", "retrieved")))
def is_reference(text: str) -> bool:
    """A bibliography entry, a link, or text extraction's figure placeholders: never prose to summarize."""
    return bool(_REFERENCE.search(text))


#: A dated row of a table ("March 2003 Alpha Draft version after discussion ..."): a revision
#: history's date and text columns run together. Prose says "In March 2003 ..." or "March 2003 saw".
#: A row starts with its month capitalized, also where the language writes months in lower case
#: ("Mei 2003 Eerste versie ...", "Mars 2003 Première version ..."); prose writes "In March 2003".
_ROW_MONTHS = {k: (*v, *(m[:1].upper() + m[1:] for m in v)) for k, v in table("dates", "months").items()}
_DATED_ROW = re.compile(rf"^(?:{alternation(_ROW_MONTHS)})\s+(?:19|20)\d\d\s+[A-Z\d]")


#: Signature and witness lines: the end of a contract, not what it says.
_SIGNATURE = re.compile(rf"^(?:{fragments('boilerplate', 'signature_openers')})", re.IGNORECASE)


#: Where a corpus took its citations out: "see e.g.,,,,, and the references therein", "we refer to.".
_CITATION_GAP = re.compile(
    r",\s*,|\b(?:refer(?:s|red)? to|see(?: also)?|cf\.?|e\.g\.,?)\s*(?:[.;]|,\s*(?:and|or)\b)"
    # "see e.g. for the general case": "see e.g. [12] for ..." without its reference
    # ("we see in Table 2" and "as we see for large n" are prose: only "see e.g." marks the gap)
    r"|\bsee(?: also)?,?\s+e\.g\.,?\s+(?:for|in)\b",
    re.IGNORECASE,
)


dated_row = rule("dated_row", "boilerplate", "a table's dated row",
                 drops=("March 2003 Alpha Draft version after discussion with the team.", "Juni 2011 Zweite Fassung nach der Prüfung.",
                        "Mars 2003 Première version après discussion.", "Mei 2003 Eerste versie na overleg met het team."),
                 keeps=("In March 2003 the team wrote a first draft.", "March 2003 saw the first draft."),
                 languages=tuple(table("dates", "months")))(matched(_DATED_ROW))
signature = rule("signature", "boilerplate", "a signature line",
                 drops=("Signed for and on behalf of the Client.", "IN WITNESS WHEREOF the parties have signed.", "Fait à Paris le 3 mai."),
                 keeps=("The Client signed the order on 3 May.",),
                 languages=tuple(table("boilerplate", "signature_openers")))(matched(_SIGNATURE))
citation_gap = rule("citation_gap", "boilerplate", "a sentence whose citations were taken out",
                    drops=("This holds in general, see e.g.,,,, and the references therein.", "We refer to. for the proof."),
                    keeps=("We refer to the appendix for the proof.", "As we see in Table 2, the rate rose."),
                    languages=("en",))(searched(_CITATION_GAP))


#: A paper's citation numbers at the end of a clause ("their target mrna [1, 2].", "[5-11];"), which
#: point at a bibliography the summary does not have; not one a sentence names ("the method of [4].").
#: Not inside a clause: a contract's blank is bracketed too ("within [30] days").
CITATION_NUMBER = re.compile(r"(?<=[^\s\[(])\s*\[\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\](?=[.,;:]|$)")


NAMES_IT = re.compile(r"\b(?:in|of|see|by|from|to|and|or|with|as|on|at|cf|e\.g|i\.e|ref|refs|reference|references)\.?$", re.IGNORECASE)


def tidy(text: str) -> str:
    """Text as a reader expects it: no citation numbers at a clause's end (a bibliography the
    summary does not carry)."""
    return CITATION_NUMBER.sub(lambda m: m.group() if NAMES_IT.search(text[: m.start()]) else "", text)
