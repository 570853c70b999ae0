"""Small print and boilerplate: sentences that belong to the page, the archive or the broadcast,
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
