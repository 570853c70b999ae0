"""The model's entities held to the document: names it really writes, as it writes them, typed
no more precisely than the document shows.

A 0.5B model names headings and phrases as entities and guesses their types ("Aarhus":
organization, "Schmerz": person, "tumor specimens": product). Code cannot know every name, but
it can tell a phrase from a name by its capitals, a place by the prepositions the document puts
before it, and a person by a full name or a title; where it cannot tell, the type is "other",
which is never wrong, rather than a guess that is.
"""

from __future__ import annotations

import re
import unicodedata

from core.words import is_cjk
from rules.layout import LABEL_ONLY
from rules.mathematics import MATH
from rules.numbers import MONTHS
from rules.sentences import SPEAKER_NAME
from summarize.grounding import fold, folded_document, is_cased

#: What a date has: a year, a day and month in figures, a month's name (or its abbreviation), 年月日.
_DATE = re.compile(
    rf"\b(?:1[5-9]|2\d)\d\d\b|\b\d{{1,2}}[./-]\d{{1,2}}\b|[年月日]|\b(?:{MONTHS})",
    re.IGNORECASE,
)
#: Relative and demonstrative pronouns: a description has them, a name does not.
_CLAUSE_WORDS = re.compile(r"(?<!\w)(?:who|whom|whose|which|those|these|welche[rs]?|diejenigen|lesquel(?:le)?s|ceux|celles)(?!\w)",
                           re.IGNORECASE)
#: Articles before a noun in the languages whose nouns take them: a person's name rarely does.
_ARTICLE = r"(?:(?:the|a|an|der|die|das|den|dem|des|ein|eine|einen|einem|eines|le|la|les|un|une|el|los|las|il|lo|gli)\s+|l['’])"
#: Prepositions of place only: a name written after them is where something is ("in Aarhus", "nach
#: Aarhus", "en France"). Not "at", "from", "bei" or "à": one plays "at Leicester City", transfers
#: "from Manchester United", works "bei Siemens".
_AT = r"(?:in|near|nach|en|dans|près de|cerca de)\s+"
#: Lower-case words a name may have inside it ("Bank of England", "von Neumann", "Fédération française de tennis").
_PARTICLES = {"of", "the", "and", "for", "von", "van", "der", "den", "des", "du", "de", "la", "le", "les", "et", "und",
              "del", "della", "di", "da", "dos", "das", "y", "e", "on", "in", "at", "française", "für"}
#: Titles before a person's name.
_TITLES = r"(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lord|Lady|Herr|Frau|M|Mme|Mlle|Me|Sr|Sra|Don|Doña|President|Präsident\w*|Président\w*)\.?"
#: What the document says a place is ("Aarhus ist die zweitgrößte Stadt Dänemarks", "Dhaka
#: (bengalisch: ...) ist die Hauptstadt"): brackets, a copula, an article, at most two words (no
#: preposition: "a company in the city" is no city) and a kind of place.
_IS_A_PLACE = (
    r"(?:\s*\([^()]{0,200}\))?\s+(?:is|was|ist|war|est|était|es|era)\s+(?:(?:the|a|an|die|der|eine?|la|le|une?|el|una?)\s+)?"
    r"(?:(?!(?:in|of|von|de|du|des|del|im|der|am)\b)[\w-]+\s+){0,2}?"
    r"(?:city|town|village|capital|country|state|province|region|island|river|lake|mountain|county|district|municipality"
    r"|Stadt|Hauptstadt|Großstadt|Kleinstadt|Dorf|Land|Staat|Insel|Fluss|See|Berg|Gemeinde|Region|Provinz|Landkreis"
    r"|ville|capitale|pays|île|fleuve|rivière|région|commune|ciudad|pueblo|país|isla|río|región|provincia)(?![\w-])"
)
#: A paper's own method, named like a company ("R-Transformer"): written after "the proposed" or
#: "termed", or before "model", "network" and their kind.
_PROPOSED = r"\b(?:proposed|termed(?: as)?|our)\s+"
_TECHNICAL = r"\s+(?:model|network|method|algorithm|architecture|framework|dataset|corpus|estimator|layer|module)s?\b"
#: A citation's authors ("Meschia et al"), not an entity of the text.
_CITATION = re.compile(r"\bet al\b|\bu\. a\.", re.IGNORECASE)


def _mostly_after(prefix: str, name: str, text: str) -> bool:
    """The document writes the name after `prefix` (a regex) at least half the time."""
    every = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))
    after = len(re.findall(rf"(?<!\w)(?i:{prefix}){re.escape(name)}(?!\w)", text))
    return every > 0 and after * 2 >= every


def _capitalized_throughout(name: str) -> bool:
    """Every word of a name is capitalized, particles aside ("Laplace distributions" is a phrase)."""
    return all(not w[:1].islower() or w.lower() in _PARTICLES or len(w) < 4 for w in name.split()[1:])


def _named_as_a_person(name: str, text: str) -> bool:
    """A person's name of two words or more ("Angela Merkel"), or one word the document writes
    after a title ("Frau Merkel"). A capitalized word before a name is no sign: German writes
    "Universität Aarhus" and "Dieser Airbag" that way."""
    if len(name.split()) > 1:
        return True
    return re.search(rf"(?<!\w){_TITLES}\s+{re.escape(name)}(?!\w)", text) is not None


#: A Chinese name is typed by its last characters: a title after a person's name (刘老师, 赵校长),
#: a kind of organization (公司, 大学, 杂志) or of place (国, 省, 市). The model's "中国: organization"
#: and "区块链现状 (the state of blockchain): organization" have none of them.
_CJK_PERSON = re.compile(r"(?:老师|校长|先生|女士|教授|博士|主任|书记|院长|部长|总裁|经理|主席|同学|医生|律师)$")
_CJK_ORGANIZATION = re.compile(
    r"(?:公司|集团|大学|学院|学校|中学|小学|银行|协会|学会|委员会|政府|杂志|杂志社|报社|日报|电视台|电台|医院|研究院|研究所|中心|组织|基金会|联盟|部|局|署|厅|党|法院"
    r"|电气|科技|股份|控股|电子|通信|能源|证券|保险|传媒|机构)$"
)
_CJK_PLACE = re.compile(r"(?:国|省|市|县|区|镇|乡|村|州|岛|山|河|江|湖|海|洋|洲|街|路)$")


def _cjk_type(kind: str, name: str) -> str:
    """The type a Chinese name's ending shows, else the model's type where it has no rival, else "other"."""
    if _CJK_PERSON.search(name):
        return "person"
    if _CJK_ORGANIZATION.search(name):
        return "organization"
    if _CJK_PLACE.search(name):
        return "place"
    if kind == "person" and len(name) <= 4:
        return kind  # a Chinese name has two to four characters: 黄明伟
    return kind if kind in ("date", "money", "other") else "other"


def _type(kind: str, name: str, text: str, cased: bool, language: str | None = None) -> str:
    """The model's type where the document bears it out, else the type it does show, or "other"."""
    if sum("\u4e00" <= ch <= "\u9fff" for ch in name) >= 2 and not re.search(r"[\u3040-\u30ff]", name) \
            and kind not in ("date", "money"):
        return _cjk_type(kind, name)
    if kind not in ("date", "money", "place") and cased and re.search(rf"(?<!\w){re.escape(name)}{_IS_A_PLACE}", text):
        return "place"  # the document says what it is: "Aarhus ist die zweitgrößte Stadt Dänemarks"
    if kind == "organization" and cased and _mostly_after(_AT, name, text):
        # "in Aarhus", "nach Aarhus": a place, whatever the model said (not for a person, who is
        # as often spoken "à" as a place is)
        return "place"
    if kind == "organization" and cased and (re.search(rf"{_PROPOSED}{re.escape(name)}(?!\w)", text, re.IGNORECASE)
                                             or re.search(rf"(?<!\w){re.escape(name)}{_TECHNICAL}", text)):
        return "other"  # "the proposed R-Transformer model": a method, not an organization
    if language == "de" and kind in ("organization", "product") and " " not in name and name[1:].islower():
        return "other"  # German capitalizes every noun: "Zellatmung", "Brokkoli" are no organizations
    if kind == "person" and cased and (_mostly_after(_ARTICLE, name, text) or not _named_as_a_person(name, text)):
        return "other"  # "der Airbag", "Schmerz": a thing, or at least not shown to be a person
    return kind


def grounded_entities(entities: list[dict[str, str]], document: str, language: str | None = None) -> list[dict[str, str]]:
    """Entities the document really names, once each: spacing aside, and in a cased document
    as it writes them (a name is capitalized, in English throughout: "Phase Diagrams" for "phase
    diagrams", "Laplace distributions" are not names; French writes "Commission européenne"); in a lower-cased text in a script with capitals, only
    dates and amounts (the model's capitals are its own guess); a date or an amount has a figure,
    and a date reads as one ("CIFAR-10" does not); a name is not a clause (at most 8 words or 20
    CJK characters, no sentence punctuation), a citation, nor a speaker's label; typed as the
    document shows it (an "organization" written after a place preposition is a place; a person
    needs a full name or a title; "other" where the document shows neither)."""
    cased = is_cased(document)
    letters = [ch for ch in document[:5000] if ch.isalpha()]
    # Lower-cased, not a script without capitals (Chinese, Arabic): most letters have an upper case.
    lowered = not cased and sum(ch.upper() != ch.lower() for ch in letters) * 2 > len(letters)
    text = " ".join(unicodedata.normalize("NFKC", document).split()) if cased else folded_document(document)
    seen, out = set(), []
    for e in entities:
        name = " ".join(unicodedata.normalize("NFKC", str(e.get("name", ""))).split())
        key = fold(name)
        kind = e.get("type", "other")
        if not name or key in seen or (name if cased else key) not in text:
            continue
        if (kind in ("date", "money") and not re.search(r"\d", name)) or (kind == "date" and not _DATE.search(name)):
            continue
        if lowered and kind not in ("date", "money"):
            continue  # "mirna" as an organization, "tumor specimens" as a product: guesses
        if len(name) < 2 or len(name.split()) > 8 or sum(is_cjk(ch) for ch in name) > 20 or re.search(r"[，。；：！？;!?]|,$", name):
            continue  # a clause (or a variable's letter), not a name
        if _CLAUSE_WORDS.search(name) or _CITATION.search(name):
            continue  # "patients who score 0/8", "Meschia et al": a description, a citation
        if MATH.search(name) or LABEL_ONLY.search(name):
            continue  # "M ⊆X", "Definition 33": a formula or a label
        first = name.split()[0]
        if SPEAKER_NAME.match(name) or (cased and kind not in ("date", "money") and first.isalpha() and first.islower()
                                        and len(first) > 3):
            continue  # "说话人1" is a label; "professeur", "topologischer Raum" in a cased text no name ("iPhone", "von Neumann" are)
        if language == "en" and cased and kind not in ("date", "money") and not _capitalized_throughout(name):
            continue  # "Laplace distributions", "Physics beyond the standard model": phrases
        if cased and name[:1].isupper() and re.search(rf"(?<![\w./@]){re.escape(name[:1].lower() + name[1:])}(?![\w@]|\.\w)", text):
            continue  # the document writes it in lower case too: a common noun ("Commission", "Députés")
        seen.add(key)
        out.append({"name": name, "type": _type(kind, name, text, cased, language)})
    return out
