"""A contract's parties as names, read from its opening clause: each party is introduced by
its name and then a defined term in brackets ('Corio Inc., a Delaware corporation, ...
("CORIO")'). Code reads this exactly; a small model tends to answer with the roles."""

from __future__ import annotations

import re

#: ("Client"), (the "Licensee"), (hereinafter referred to as "Seller"), with straight or curly quotes.
DEFINED = re.compile(
    r"\((?:the\s+|each\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?|individually\s+)?[\"“”']([^\"“”'()]{2,40})[\"“”']\s*\)",
    re.IGNORECASE,
)
#: Where a party's name starts: after "between", "and", a semicolon or the previous party.
_LEAD = re.compile(r"(?:\bbetween\b|\band\b|;|\)\s*,?)\s*(?:and\s+)?", re.IGNORECASE)
_ORG = re.compile(
    r"\b(?:Inc|Ltd|LLC|L\.L\.C|LLP|LP|Corp(?:oration)?|Company|Co|plc|GmbH|AG|S\.?A|N\.?V|B\.?V|Limited|Holdings|"
    r"Trust|Fund|Bank|University|Foundation|Association)\b\.?",
)
_NOT_PARTY = re.compile(r"^(?:this|the|such|said|each|any|all)\b|\b(?:agreement|contract|date|effective|information|regulation|section|exhibit)\b", re.IGNORECASE)


#: What a party is called by its role, not its name ("the Supplier", "Licensee", "le Prestataire").
_ROLE = re.compile(
    r"^(?:the\s+|le\s+|la\s+|l'|der\s+|die\s+|das\s+|el\s+)?(?:"
    r"suppliers?|customers?|clients?|providers?|service provider|licensors?|licensees?|distributors?|resellers?|sellers?"
    r"|buyers?|purchasers?|vendors?|contractors?|subcontractors?|consultants?|company|agency|agents?|employers?|employees?"
    r"|landlords?|tenants?|lessors?|lessees?|transporters?|senders?|shippers?|carriers?|manufacturers?|part(?:y|ies)"
    r"|partners?|franchisors?|franchisees?|borrowers?|lenders?|owners?|operators?|developers?|publishers?|sponsors?"
    r"|auftraggeber(?:in)?|auftragnehmer(?:in)?|lieferant(?:in)?|kunde|käufer(?:in)?|verkäufer(?:in)?|vermieter(?:in)?|mieter(?:in)?"
    r"|prestataire|fournisseur|acheteur|vendeur|bailleur|preneur|proveedor|comprador|vendedor|arrendador|arrendatario"
    r"|甲方|乙方)$",
    re.IGNORECASE,
)


def is_role(name: str) -> bool:
    """Whether a party's "name" is only its role in the contract."""
    return bool(_ROLE.match(" ".join(name.split())))


def _name_before(text: str, end: int) -> str | None:
    """The party name that a defined term at `end` refers to: from the last lead word before
    it, up to the first descriptive comma ('a Delaware corporation', 'having its ...')."""
    window = text[max(0, end - 400) : end]
    # The nearest lead word followed by a capital: "and existing under the laws" is description.
    starts = [m.end() for m in _LEAD.finditer(window) if window[m.end() : m.end() + 1].isupper()]
    start = starts[-1] if starts else 0
    name = window[start:]
    name = re.split(r",\s+(?:a|an|having|with|whose|located|organized|incorporated|residing|acting|with offices)\b", name)[0]
    name = " ".join(name.strip(" ,;:").split())
    words = name.split()
    if not 1 <= len(words) <= 10 or not name[:1].isupper() or _NOT_PARTY.search(name):
        return None
    if not _ORG.search(name) and sum(w[:1].isupper() for w in words) < min(2, len(words)):
        return None
    return name


def contract_parties(text: str, head_chars: int = 6000) -> list[str]:
    """'Name ("Defined term")' for each party named in the contract's opening, in order."""
    head = text[:head_chars]
    found: list[str] = []
    for match in DEFINED.finditer(head):
        name = _name_before(head, match.start())
        if name is None:
            continue
        role = " ".join(match.group(1).split())
        entry = name if role.lower() == name.lower() else f'{name} ("{role}")'
        if all(name.lower() not in f.lower() for f in found):
            found.append(entry)
        if len(found) == 6:
            break
    return found
