"""A contract's fields as the model writes them, held to the clauses: what a termination, a
law, a payment, a renewal or an effective date must say, and what says nothing ("None", a
heading's words)."""

from __future__ import annotations

import re

from rules.layout import NUMBERING
from rules.numbers import MONTHS


#: What a small model writes for "not stated" instead of null.
#: Or the prompt's description of the field, echoed.
NOTHING = re.compile(
    r"^(?:none|null|n/?a|not (?:stated|specified|mentioned|given|applicable)|unknown|-+"
    r"|what it studies|main duties|duration and renewal|names?)\.?$",
    re.IGNORECASE,
)


#: What a termination clause and a governing-law clause say, to check the model's field against.
TERMINATES = re.compile(r"terminat|cancel|rescind|kündig|résili|resoluc|rescisi", re.IGNORECASE)


#: The model's termination must say that something ends the agreement, not only name the topic
#: ("Termination after 12 months", "the term and termination of the contract").
ENDS = re.compile(
    r"\bterminat(?:e|es|ed|ing)\b|\bcancel(?:s|l?ed|ling)?\b|\brescind|\bend(?:s|ed)? (?:this|the) (?:agreement|contract)\b"
    r"|\bkündig(?:en|t)\b|\bgekündigt\b|\brésili(?:er|é|ée)\b|\b(?:resolver|rescindir)\b",
    re.IGNORECASE,
)


#: Words that name a part of a contract or a thing, not a jurisdiction ("Section 18", "the NPI Process").
NOT_A_PLACE = re.compile(
    r"\b(?:section|article|clause|agreement|contract|process|exhibit|schedule|software|terms?|authority|party|parties)\b|\d",
    re.IGNORECASE,
)


#: A clause that chooses the law ("governed by", "construed in accordance with"), not one that only obeys laws.
GOVERNED = re.compile(r"\bgovern(?:ed|ing)\b|\bconstrued\b|\bunterliegt\b|\bregi\b|\brégi|\bse rige\b", re.IGNORECASE)


LAWS_OF = re.compile(
    r"\b(?i:laws?) (?i:of) (?:(?i:the) )?(?:(?i:State|Commonwealth|Province|Republic|Kingdom) (?i:of) )?[A-Z][\w.-]*(?: [A-Z][\w.-]*)*"
)


#: A law named otherwise: "Colombian private law", "the State of New Jersey" (its laws, named before).
LAW_NAME = re.compile(
    r"\b(?!(?:Applicable|Governing|Such|This|That|The|Any|All|Each|Case|Common) )[A-Z][a-z]+"
    r"(?: (?:private|civil|commercial|federal|substantive))? law\b"
    r"|\b(?:State|Commonwealth|Province|Republic|Kingdom) of [A-Z][\w.-]*(?: [A-Z][\w.-]*)*"
)


#: What a payment field is about: money, or the words for it ("2019", "non-transferable" are not).
PAYS = re.compile(
    r"\bpa(?:y|ys|id|yable|yment)\b|\brent\b|\bMiete\b|\bloyer\b|\balquiler\b|\bfees?\b|\bprices?\b|\broyalt"
    r"|\bcommission|\bcompensation\b|\bremuneration\b|\binvoice"
    r"|[$€£¥]|\b(?:USD|EUR|GBP|CHF)\b|\bVergütung|\bzahl|\bEntgelt|\bprix\b|\bpaie|\bpago|\bprecio|\bhonorar",
    re.IGNORECASE,
)


#: Words that say a term renews (the model's "24 months, renewing yearly" is enough).
RENEWS = re.compile(r"renew|extend|extension|successive|verlänger|renouvel|prorrog", re.IGNORECASE)


#: An extension only by a new agreement of the parties: no renewal clause.
BY_AGREEMENT = re.compile(
    r"\b(?:unless|except as|or as|or)?\s*(?:otherwise )?(?:extended|renewed) by (?:the )?(?:mutual |written |a )*"
    r"(?:agreement|consent)\b[^,.;]*",
    re.IGNORECASE,
)


#: A field's value that says the contract states nothing of it ("No payment is agreed upon.", "Keine Vergütung").
#: Not "No later than ...", "No less than $5,000 ...": those state a payment.
DENIES = re.compile(
    r"^\W*(?:no|none|nothing|kein\w*|aucun\w*|ningun\w*|ningún|nessun\w*|nenhum\w*)\b(?!\s+(?:later|more|less|earlier)\b)",
    re.IGNORECASE,
)


#: A section heading run into its first numbered clause ("Term and Termination 11.1 This Agreement ...").
HEADED_CLAUSE = re.compile(r"^[A-Z][\w&-]*(?:,? (?:and|of|&|[A-Z][\w&-]*)){0,5} \d+(?:\.\d+)+\.? (?=[A-Z])")


#: What an effective date states: a year, a month, a numbered date, or the event that dates the
#: contract ("the date last written below", "upon signature"). A bare number is something
#: else: the model took a party's ZIP code ("29615") for the effective date.
DATED = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
    rf"|\b(?:{MONTHS})\b\.?"
    r"|\bdated?\b|\bsign|\bexecut|\beffective\b|\bdatum\b|\bunterzeichn|\bfecha\b|\bfirma\b|[年月日]",
    re.IGNORECASE,
)


def jurisdiction(text: str) -> bool:
    """Whether a governing law names a place's law ("the laws of the State of New York", "Scots
    law", "United States"), not a part of the contract or a stray sentence."""
    if LAWS_OF.search(text):
        return True
    return len(text.split()) <= 6 and not NOT_A_PLACE.search(text) and bool(re.search(r"\b[A-Z]", text))


def places(text: str) -> set[str]:
    """The capitalized words of a law's name, by their first four letters ("Scots" and "Scotland" agree)."""
    return {w[:4] for w in re.findall(r"[A-Z][\w-]{3,}", text)}


def clause_text(text: str) -> str:
    """A clause as a field's value: its number, a heading run into it and any punctuation left
    before it ("2.1", "Term and Termination 11.1", ",.") off."""
    return re.sub(r"^[\s,.;:]+", "", HEADED_CLAUSE.sub("", NUMBERING.sub("", text.strip())))


def states_money(value: str) -> bool:
    """A payment field about money: the words for it, with a figure (or a blank, "[***]") or a
    sentence's worth of words."""
    return bool(PAYS.search(value)) and (re.search(r"\d|\[\*+\]", value) is not None or len(value.split()) >= 5)
