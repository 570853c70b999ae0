"""Field cues: the wordings that mark a sentence as stating one of a document type's fields (a
contract's parties, term or law; a paper's question, method, findings, limitations), used to pick
the evidence for each field and the sentences that answer it."""

from __future__ import annotations

import re


#: Field queries per document type: (field, pattern, sentences kept for it).
FIELD_QUERIES: dict[str, list[tuple[str, str, int]]] = {
    "contract": [
        ("parties", r"\bby and between\b|\bbetween\b.{3,200}\band\b|\bparties\b|\bzwischen\b|\bentre\b|甲方", 1),
        ("effective_date", r"\beffective (?:date|as of)\b|\bdated? (?:as of|on)\b|\bentered into\b|\bin Kraft\b|\ben vigueur\b", 1),
        ("term", r"\b(?:initial )?term of this\b|\bshall (?:continue|remain) in (?:full )?(?:force|effect)\b|\bexpir|"
                 r"\bterminate on the date\b|\b(?:years?|months?) from the (?:effective )?date\b|\bLaufzeit\b|\bdurée\b|\bvigencia\b", 2),
        # "extended for a period equal to the delay" is force majeure, not renewal.
        ("renewal", r"\brenew|\b(?:extend|extension of) (?:the |this )?(?:term|agreement)\b|\badditional (?:successive )?(?:terms?|periods?)\b"
                    r"|\bverlänger|\brenouvel|\bprorrog", 1),
        ("payment", r"\bshall pay\b|\bfees?\b|\bprice\b|\broyalt|\binvoice|\bVergütung\b|\bprix\b|\bpago\b", 1),
        ("termination", r"\bterminat|\bkündig|\brésili|\bresoluci", 1),
        ("governing_law", r"\bgoverned by\b|\bgoverning law\b|\blaws of\b|\bGerichtsstand\b|\bdroit applicable\b|\bley aplicable\b", 1),
    ],
    # English, then German, French, Spanish and Chinese wordings of the same cues.
    "paper": [
        ("question", r"\bin this (?:paper|work|study|article)\b|\bwe (?:propose|present|study|investigate|introduce|address)\b"
                     r"|\bthis (?:paper|work|study|article) (?:proposes|presents|studies|investigates|introduces|addresses|examines)\b|\b(?:aim|goal|objective) (?:of|is|was)\b"
                     r"|\bin (?:dieser|der vorliegenden) (?:Arbeit|Studie|Untersuchung)\b|\bZiel (?:dieser|der)\b|\bwir (?:untersuchen|schlagen|stellen)\b"
                     r"|\bdans (?:cet|cette) (?:article|étude|travail)\b|\bnous (?:proposons|présentons|étudions)\b|\bl'objectif\b"
                     r"|\ben este (?:trabajo|estudio|artículo)\b|\bproponemos\b|\bel objetivo\b|本文|我们提出|本研究", 2),
        ("method", r"\bwe (?:use|used|train|trained|apply|applied|design|collected|measured)\b|\bmethods?\b|\bapproach\b|\bexperiment"
                   r"|\bwir (?:verwenden|nutzen|messen|haben)\b|\bMethode|\bAnsatz\b|\bnous (?:utilisons|avons utilisé)\b|\bméthode|\bapproche\b"
                   r"|\butilizamos\b|\bmétodo|\benfoque\b|方法|实验", 1),
        ("findings", r"\bresults? (?:show|suggest|indicate|demonstrate)|\bwe (?:find|found|show|observe|observed)\b|\boutperform|\bsignificant"
                     r"|\bErgebnisse (?:zeigen|deuten)|\bwir (?:zeigen|finden|beobachten)\b|\bsignifikant|\bles résultats (?:montrent|indiquent)"
                     r"|\bnous (?:montrons|observons)\b|\bsignificati|\blos resultados (?:muestran|indican)|\bmostramos\b|结果表明|显著", 2),
        ("limitations", r"\blimitation|\bfuture work\b|\bdrawback|\bdoes not\b|\bhowever\b|\bEinschränkung|\bGrenzen\b|\bjedoch\b"
                        r"|\btravaux futurs\b|\bcependant\b|\blimitaci|\btrabajo futuro\b|\bsin embargo\b|局限|不足", 1),
    ],
    "report": [
        ("findings", r"\b(?:we|the report|this report) (?:found|finds|concluded|identified)\b|\bfound that\b", 2),
        ("recommendations", r"\brecommend", 1),
    ],
}


COMPILED = {k: [(f, re.compile(p, re.IGNORECASE | re.DOTALL), n) for f, p, n in v] for k, v in FIELD_QUERIES.items()}


#: A paper's statement of what it does (its "question" query).
AIM = next(p for f, p, _ in COMPILED["paper"] if f == "question")
