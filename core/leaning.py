"""Sentences that lean on the one before them: "It is again open ...", "In such case, ...",
"Sie ist auch ...". Alone, in a summary or as a key point, they leave the reader asking what
"it" is; the evidence takes them with the sentence before, the key points avoid them.

The words are data, one entry per language; a language without one has no leaning sentences
(nothing is dropped for it). A demonstrative before the document's own name for itself ("This
report", "Cette étude") points at the document, not back, and so does one before a defined term
in capitals ("This Agreement") where nouns are not capitalized anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Openers:
    #: Words and phrases that, opening a sentence, point back: pronouns, demonstratives, connectives.
    leaning: tuple[str, ...]
    #: Demonstratives, and the nouns a document calls itself by after them.
    demonstratives: tuple[str, ...] = ()
    own_nouns: tuple[str, ...] = ()
    #: Whether a capitalized word after a demonstrative is a defined term (not in German, whose nouns all are).
    defined_terms: bool = True


OPENERS: dict[str, Openers] = {
    "en": Openers(
        ("it", "its", "they", "their", "them", "he", "she", "his", "her", "such", "however", "but", "also", "moreover",
         "furthermore", "additionally", "in addition", "in such case", "in such event", "in that case", "in this case",
         "as a result", "therefore", "thus", "hence", "consequently", "accordingly", "then", "the latter", "the former",
         "both", "meanwhile", "instead", "otherwise", "similarly", "likewise", "nevertheless", "nonetheless", "still",
         "yet", "and", "or", "so", "for example", "for instance", "in contrast", "on the other hand", "here",
         "note that", "recall that", "this", "these", "that", "those"),
        ("this", "these", "that"),
        ("report", "paper", "study", "article", "agreement", "contract", "document", "work", "book", "thesis", "review",
         "survey", "guide", "analysis", "memorandum", "letter", "policy", "plan", "research", "project", "invention",
         "chapter", "testimony", "statement", "application", "disclosure"),
    ),
    # Not "Sie" alone (the polite "you" of a how-to) nor "es" alone ("Es gibt ..."): "sie ist" is "she/it is".
    "de": Openers(
        ("dies", "diese", "dieser", "dieses", "diesem", "diesen", "er", "sie ist", "sie war", "sie wurde", "sie hat",
         "ihr", "ihre", "sein", "seine", "jedoch", "aber",
         "außerdem", "zudem", "daher", "deshalb", "darum", "somit", "dort", "damit", "dabei", "danach", "dann",
         "ebenso", "trotzdem", "allerdings", "als folge", "deren", "dessen"),
        ("diese", "dieser", "dieses", "diesem", "diesen"),
        ("bericht", "arbeit", "studie", "vertrag", "artikel", "beitrag", "untersuchung", "vereinbarung", "dokument"),
        defined_terms=False,
    ),
    "fr": Openers(
        ("il", "elle", "ils", "elles", "ce", "cet", "cette", "ces", "cela", "ceci", "ça", "mais", "cependant",
         "toutefois", "pourtant", "en outre", "de plus", "ainsi", "donc", "par conséquent", "aussi", "puis", "ensuite",
         "celui-ci", "celle-ci", "ceux-ci", "leur", "leurs", "son", "sa", "ses", "là"),
        ("ce", "cet", "cette"),
        ("rapport", "article", "étude", "travail", "contrat", "document", "accord", "mémoire"),
    ),
    "es": Openers(
        ("él", "ella", "ellos", "ellas", "esto", "este", "esta", "estos", "estas", "eso", "ese", "esa", "sin embargo",
         "pero", "además", "también", "por lo tanto", "por eso", "así", "entonces", "luego", "su", "sus"),
        ("este", "esta"),
        ("informe", "artículo", "estudio", "trabajo", "contrato", "documento", "acuerdo"),
    ),
    "it": Openers(
        ("esso", "essa", "essi", "esse", "questo", "questa", "questi", "queste", "ciò", "però", "tuttavia", "inoltre",
         "quindi", "anche", "poi", "suo", "sua", "suoi", "sue", "lui", "lei"),
        ("questo", "questa"),
        ("rapporto", "articolo", "studio", "lavoro", "contratto", "documento", "accordo"),
    ),
    "pt": Openers(
        ("ele", "ela", "eles", "elas", "isso", "isto", "este", "esta", "esse", "essa", "estes", "estas", "esses",
         "essas", "mas", "porém", "contudo", "além disso", "também", "então", "depois", "seu", "sua", "seus", "suas"),
        ("este", "esta"),
        ("relatório", "artigo", "estudo", "trabalho", "contrato", "documento", "acordo"),
    ),
    "ru": Openers(
        ("он", "она", "оно", "они", "это", "этот", "эта", "эти", "этого", "его", "её", "их", "но", "однако", "также",
         "поэтому", "затем", "тогда", "кроме того", "там", "тут"),
        ("этот", "эта", "это", "данный", "данная", "данное"),
        ("доклад", "отчёт", "отчет", "статья", "исследование", "договор", "работа", "соглашение"),
    ),
    # Written without spaces: an opener is a prefix, not a word ("其中", not "其", which starts "其他").
    "zh": Openers(("他", "她", "它", "这", "那", "但是", "但", "因此", "所以", "此外", "而且", "然后", "其中"),
                  ("这篇", "这份", "这项", "该"), ("论文", "研究", "报告", "文章", "合同", "协议")),
    "ja": Openers(("これ", "それ", "この", "その", "あの", "彼", "しかし", "また", "そして", "さらに", "したがって", "一方"),
                  ("この", "本"), ("論文", "研究", "報告", "稿", "契約")),
}
#: Openings that begin like a leaning word but do not point back ("それぞれ": "each").
NOT_LEANING: dict[str, tuple[str, ...]] = {"ja": ("それぞれ",), "en": ("so-called",)}

_UNSPACED = {"zh", "ja"}


def _alternation(words: tuple[str, ...]) -> str:
    # Longest first, so "in such case" wins over "in" and "the latter" is one opener.
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _patterns(language: str) -> tuple[re.Pattern, re.Pattern | None] | None:
    openers = OPENERS.get(language)
    if openers is None:
        return None
    unspaced = language in _UNSPACED
    end, space = ("", r"\s*") if unspaced else (r"(?![\w-])", r"\s+")
    exceptions = NOT_LEANING.get(language, ())
    not_leaning = rf"(?!{_alternation(exceptions)})" if exceptions else ""
    leaning = re.compile(rf"^\W*{not_leaning}(?:{_alternation(openers.leaning)}){end}", re.IGNORECASE)
    own = None
    if openers.demonstratives:
        nouns = _alternation(openers.own_nouns) if openers.own_nouns else "(?!)"
        defined = r"|(?-i:[A-Z])" if openers.defined_terms else ""
        own = re.compile(rf"^\W*(?:{_alternation(openers.demonstratives)}){space}(?:(?:{nouns}){end}{defined})", re.IGNORECASE)
    return leaning, own


def leans(sentence: str, language: str) -> bool:
    """Whether the sentence opens by pointing back at what came before it (per the language's data)."""
    patterns = _patterns(language)
    if patterns is None:
        return False
    leaning, own = patterns
    return bool(leaning.match(sentence)) and not (own is not None and own.match(sentence))
