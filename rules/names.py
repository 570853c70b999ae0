"""Names: what a date, a person, a place or an organization looks like in a document, so that an
entity the model offers is typed by what the document shows ("Aarhus ist die zweitgrößte Stadt":
a place) and a description, a citation or a clause is no name."""

from __future__ import annotations

import re

from rules.numbers import MONTHS


#: What a date has: a year, a day and month in figures, a month's name (or its abbreviation), 年月日.
DATE = re.compile(
    rf"\b(?:1[5-9]|2\d)\d\d\b|\b\d{{1,2}}[./-]\d{{1,2}}\b|[年月日]|\b(?:{MONTHS})",
    re.IGNORECASE,
)


#: Relative and demonstrative pronouns: a description has them, a name does not.
CLAUSE_WORDS = re.compile(r"(?<!\w)(?:who|whom|whose|which|those|these|welche[rs]?|diejenigen|lesquel(?:le)?s|ceux|celles)(?!\w)",
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
CITATION = re.compile(r"\bet al\b|\bu\. a\.", re.IGNORECASE)


def _mostly_after(prefix: str, name: str, text: str) -> bool:
    """The document writes the name after `prefix` (a regex) at least half the time."""
    every = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))
    after = len(re.findall(rf"(?<!\w)(?i:{prefix}){re.escape(name)}(?!\w)", text))
    return every > 0 and after * 2 >= every


def capitalized_throughout(name: str) -> bool:
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


def entity_type(kind: str, name: str, text: str, cased: bool, language: str | None = None) -> str:
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
