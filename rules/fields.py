"""Field cues: the wordings that mark a sentence as stating one of a document type's fields (a
contract's parties, term or law; a paper's question, method, findings, limitations), used to pick
the evidence for each field and the sentences that answer it."""

from __future__ import annotations

import re

from rules.data import fragments


#: Each document type's fields, and how many sentences the evidence keeps for each. The wordings that
#: mark a sentence as stating a field are per-language data (rules/lang: field_cues, key type_field).
FIELDS: dict[str, tuple[tuple[str, int], ...]] = {
    "contract": (("parties", 1), ("effective_date", 1), ("term", 2), ("renewal", 1), ("payment", 1), ("termination", 1),
                 ("governing_law", 1)),
    "paper": (("question", 2), ("method", 1), ("findings", 2), ("limitations", 1)),
    "report": (("findings", 2), ("recommendations", 1)),
}


def _cues(kind: str, field: str) -> re.Pattern:
    cues = fragments("field_cues", f"{kind}_{field}")
    if not cues:  # an empty pattern would find every sentence
        raise ValueError(f"no language data file has field_cues.{kind}_{field}")
    return re.compile(cues, re.IGNORECASE | re.DOTALL)


COMPILED = {kind: [(field, _cues(kind, field), n) for field, n in fields] for kind, fields in FIELDS.items()}
#: A paper's statement of what it does (its "question" query).
AIM = next(p for f, p, _ in COMPILED["paper"] if f == "question")


#: A duration ("five (5) years", "12 months"): what a term or renewal clause states.
DURATION = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty)\b[^.;]{0,12}?\b(?:years?|months?)\b"
    r"|\b\d+\s*(?:Jahre?n?|Monate?n?|ans|mois|años|meses)\b",
    re.IGNORECASE,
)


#: How long a term runs, beyond a duration: to a date, an anniversary, an event, or for ever. A
#: date is a span only as the end ("expires on December 31, 2005", "from ... to June 30, 2022"):
#: "shall commence on December 1, 2001" says when the term starts, not how long it runs.
SPAN = re.compile(
    DURATION.pattern + r"|\buntil\b|\bthrough\b|\banniversary\b|\bperpetu|\bindefinite"
    r"|\b(?:to|till|expir(?:es|ing|e|ation|y)|terminat(?:es|ing|e|ion)|end(?:s|ing)?)\b[^.;]{0,20}?\b(?:19|20)\d\d\b"
    r"|\bbis (?:zum|zur)\b|\bunbefristet|\bjusqu'|\bindéterminée\b|\bhasta\b|\bindefinid",
    re.IGNORECASE,
)


#: The shape of a clause that states a field, not one that only mentions its word: the term is
#: the agreement's own ("This Agreement shall continue ... for five years", not "during the term
#: of this Agreement the Supplier shall ..."); a renewal renews the agreement or its term (not "a
#: renewal of the certificate of insurance"); a termination clause gives a right to end the
#: agreement; a payment clause pays or prices with an amount; a law clause chooses the law
#: ("governed by the laws of"), not a party's incorporation ("organized under the laws of").
SHAPES = {
    "term": re.compile(
        r"\b(?:this|the) (?:agreement|contract)\b[^.;]{0,80}?\b(?:shall|will)\s+(?:\w+\s+){0,3}?"
        r"(?:continue|remain|commence|expire|terminate|be effective|be in (?:full )?(?:force|effect))"
        r"|(?<!during the )(?<!during the initial )(?<!throughout the )\b(?:initial )?term of (?:this|the) (?:agreement|contract)\b"
        r"[^.;]{0,40}?\b(?:shall|will|is|commences?)\b"
        r"|\bterm\b[\"”]?\s+shall mean\b|\((?:the )?[\"“](?:initial )?term[\"”]\)|\bfor (?:a term|an initial (?:term|period)) of\b"
        r"|\bvertrag\b[^.;]{0,60}\b(?:beginnt|endet|läuft|wird auf)|\blaufzeit\b|\bdurée (?:du|de)\b|\best conclu pour\b"
        r"|\bvigencia\b|\bplazo de duración\b",
        re.IGNORECASE,
    ),
    "renewal": re.compile(
        r"\b(?:agreement|contract|term)\b[^.;]{0,40}?\b(?:shall|will|may)\s+(?:\w+\s+){0,3}?(?:renew|be renewed|be extended|extend)\b(?! from)"
        r"|\b(?:agreement|contract|term)\b[^.;]{0,40}?\b(?:renews|is (?:automatically )?(?:renewed|extended))\b|\brenew\w* automatically\b"
        r"|\bautomatic(?:ally)? renew|[\"“]renewal term[\"”]|\b(?:extend|extension of) (?:the term of )?(?:this|the) (?:agreement|contract)\b"
        r"|\bverlängert sich\b|\bse renouvel|\breconduction|\bse prorrogará|\bprórroga (?:automática|tácita)",
        re.IGNORECASE,
    ),
    "termination": re.compile(
        r"\b(?:may|right to|entitled to) (?:\w+ ){0,3}?terminate(?: (?:this|the) (?:agreement|contract)\b"
        r"|(?= (?:with|on|upon|by|for|at|if|immediately|without|forthwith)\b)|[,.])|\b(?:agreement|contract) may be terminated\b"
        r"|\bkündigen\b|\bkann\b[^.;]{0,60}\bgekündigt\b|\brésilier (?:le|ce)\b|\bpeut être résilié"
        r"|\b(?:resolver|rescindir|terminar) (?:el|este) contrato\b",
        re.IGNORECASE,
    ),
    "payment": re.compile(
        r"\b(?:shall|will|agrees? to|must) (?:\w+ ){0,2}?pay\b|\b(?:fees?|prices?|rent|royalt\w*|commission|compensation)\b[^.;]{0,60}?"
        r"(?:[$€£¥]|\b(?:USD|EUR|GBP|CHF|dollars?)\b|\d|\[\*+\]|%|\bpercent)|\bzahlt\b|\bpaiera\b|\bpagará\b",
        re.IGNORECASE,
    ),
    "governing_law": re.compile(
        r"\b(?:governed|construed|interpreted)\b[^.;]{0,60}?\blaws?\b|\bunterliegt\b[^.;]{0,40}\bRecht\b"
        r"|\b(?:régi|soumis)\w*\b[^.;]{0,40}\b(?:droit|loi)\b|\bse rige\w*\b[^.;]{0,40}\b(?:leyes|ley|derecho)\b",
        re.IGNORECASE,
    ),
}


#: Force majeure: a clause that extends or ends the agreement for a delay is an aside, not
#: the renewal or the termination a reader asks for ("without delay" is no force majeure).
ASIDE = re.compile(r"\b(?:period|length|duration) (?:of|equal to)\b[^.;]{0,20}\bdelay|\bdelay(?:ed|s)?\b[^.;]{0,40}\b(?:caused|resulting|due to|by reason)\b"
                    r"|\b(?:such|any|the) delay\b|\bunable to perform\b|\bforce majeure\b|\bbeyond (?:the|its|their) (?:reasonable )?control\b|\bhöhere(?:r)? Gewalt\b", re.IGNORECASE)


#: A term clause that names the term ("The term of this Agreement shall ...") before one that
#: only says the agreement is in effect ("... contained in this Agreement shall be effective ...").
NAMES_TERM = re.compile(r"\bterm\b|\blaufzeit\b|\bdurée\b|\bvigencia\b", re.IGNORECASE)


#: A payment that is not the contract's consideration: owed only on termination, default or a
#: shortfall, a refund, damages, a cap, a remedy or an exception; these come after "Corio shall pay ... an
#: annual fee" and "In consideration of ... PAPA JOHN'S will pay".
CONTINGENT_PAYMENT = re.compile(
    r"\b(?:upon|on|after|following) (?:any |the )?(?:termination|expiration|default)\b|\bin the event\b|\bfails? to\b"
    r"|\bdefaults? under\b|\brefund|\bliquidated damages\b|\bshortfall\b|\bterminat|\bnotwithstanding\b|\b(?:will|shall) not exceed\b|\breserves the right\b",
    re.IGNORECASE,
)


#: A grant for which nothing is paid ("a royalty-free, fully paid-up licence"), or a definition
#: ('"Service Fees" shall have the meaning set forth in Section 4.01'), states no payment.
_NO_PAYMENT = re.compile(
    r"\broyalty[-\s]*free\b|\bfree of charge\b|\bfully[-\s]+paid[-\s]*up\b|\bwithout (?:charge|paying|payment)\b|\bha(?:ve|s) the meaning\b",
    re.IGNORECASE,
)


#: A table of contents ("1.0 DEFINITIONS 1 2.0 LICENSE 4 ..."): headings, not a clause.
_CONTENTS = re.compile(r"\b\d+(?:\.\d+)*\.?\s+[A-Z][A-Z,&]{2,}(?:\s+[A-Z][A-Z,&]+)*\s+\d+\b")


#: A termination right named only to be left alone ("Without prejudice to either party's right to
#: terminate this Agreement ..., Cisco may extend the term"): no clause that grants one.
_RIGHT_KEPT = re.compile(r"\b(?:without prejudice to|in addition to)\b[^.;]{0,40}?\bright to terminate[^,;]*", re.IGNORECASE)


#: A law clause about the agreement itself, before one about a guarantee or a price formula.
THIS_CONTRACT = re.compile(r"\b(?:this|the) (?:agreement|contract)\b|\bvertrag|\bcontrat\b|\bcontrato\b", re.IGNORECASE)


def pays_nothing(text: str) -> bool:
    """A grant for which nothing is paid ("royalty-free, fully paid-up") or a definition of a fee."""
    return bool(_NO_PAYMENT.search(text))


def states(field: str, text: str) -> bool:
    """Whether a sentence has the shape of a clause that states the contract field (a term
    clause must also say how long the agreement runs)."""
    shape = SHAPES.get(field)
    if field == "termination":
        text = _RIGHT_KEPT.sub("", text)
    if shape is None or not shape.search(text) or len(_CONTENTS.findall(text)) >= 3:
        return False
    if field == "payment":
        return not pays_nothing(text)
    return field != "term" or bool(SPAN.search(text))


#: A limitation is named as one: the evidence query's "however" is too loose for a field.
LIMITATION = re.compile(
    r"\blimitations?\b|\bfuture (?:work|research|studies)\b|\bdrawbacks?\b|\bshortcomings?\b|\bcaveats?\b"
    r"|\bEinschränkung(?:en)?\b|\bkünftige(?:n)? (?:Arbeiten|Forschung)\b|\blimites\b|\btravaux futurs\b"
    r"|\blimitaciones?\b|\btrabajo futuro\b|局限|不足之处",
    re.IGNORECASE,
)


#: A question is a sentence that states the work's aim: "we propose/study ...", or "In this paper"
#: at its start (not "... a subsample of the data used in this work").
STATES_AIM = re.compile(
    r"\b(?:we|this (?:paper|work|study|article)) (?:proposes?|presents?|stud(?:y|ies)|investigates?|introduces?|address(?:es)?"
    r"|develops?|derives?|examines?|explores?|describes?|reports?|aims?|seeks?)\b"
    # the work's aim, not an optimization's ("where the objective is to maximize model evidence")
    r"|\b(?:our|the (?:main|primary|principal|overall)) (?:aim|goal|objective|purpose) (?:is|was|here)\b"
    r"|\b(?:aim|goal|objective|purpose) of (?:this|the present|the current|our) (?:paper|work|study|article|research|thesis|review)\b|^\W*(?:\w+\W+){0,3}?in this (?:paper|work|study|article)\b"
    r"|\bwir (?:untersuchen|schlagen|stellen|zeigen)\b|^\W*In (?:dieser|der vorliegenden) (?:Arbeit|Studie|Untersuchung)\b|\bZiel (?:dieser|der)\b"
    r"|\bnous (?:proposons|présentons|étudions)\b|^\W*Dans (?:cet|cette) (?:article|étude|travail)\b|\bl'objectif\b"
    r"|\bproponemos\b|^\W*En este (?:trabajo|estudio|artículo)\b|\bel objetivo\b|本文|我们提出|本研究",
    re.IGNORECASE,
)


#: A method is what the authors did ("we trained ...", "patients were recruited ...", "our
#: approach"), not a sentence that only has the word ("Deep learning builds upon ... methods").
STATES_METHOD = re.compile(
    r"\bwe (?:\w+ )?(?:use|used|train|trained|apply|applied|design|designed|collect|collected|measure|measured|employ|employed"
    r"|adopt|adopted|develop|developed|implement|implemented|fit|fitted|estimate|estimated|compute|computed|simulate|simulated"
    r"|perform|performed|conduct|conducted|analy[sz]e|analy[sz]ed|recruit|recruited|sample|sampled|follow|followed|formulate|model)\b"
    r"|\bour (?:method|approach|model|framework|algorithm|system|architecture|procedure)\b"
    r"|\b(?:was|were) (?:used|measured|collected|performed|conducted|estimated|trained|recruited|analy[sz]ed|assessed|obtained"
    r"|enrolled|randomi[sz]ed|included|evaluated|calculated|computed|simulated|fitted|recorded|determined)\b"
    r"|\bwir (?:verwenden|nutzen|messen|haben)\b|\bwurden?\b[^.]{0,60}\b(?:gemessen|untersucht|erhoben|verwendet|berechnet)\b"
    r"|\bnous (?:utilisons|avons utilisé|avons mesuré|appliquons)\b|\butilizamos\b|\bse (?:utilizó|midió|aplicó)\b|我们(?:使用|采用)|采用",
    re.IGNORECASE,
)
