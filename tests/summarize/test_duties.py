"""A contract's obligations held to its duty clauses (clauses from CUAD contracts via LEval and
the shipped example agreement, and German and French wordings)."""

from chunking.evidence import Sentence
from summarize.duties import DUTY_WORDS, grounded_obligations, imposes_duty

DUTIES = [
    ("en", "Todos shall provide the Reseller, at no charge, with technical support relating to the use of the Products."),
    ("en", "The Reseller shall not market, distribute, or sell any product that competes with Products."),
    ("en", "No party shall make any copies of the other party's Confidential Information except upon prior written approval."),
    ("en", "The Provider will service the equipment every quarter and replace worn parts at its own cost."),
    ("de", "Der Auftragnehmer verpflichtet sich, die Anlage vierteljährlich zu warten."),
    ("fr", "Le prestataire s'engage à entretenir l'équipement chaque trimestre."),
]
NO_DUTIES = [
    ("en", "WHEREAS, Todos has developed and owns a proprietary blood screening test for colon cancer."),  # a recital
    ("en", '"Products" shall mean the blood tests listed in Exhibit A.'),  # a definition
    ("en", "In such case, Sonos' sole liability shall be limited to payment of the amount due under this Agreement."),
    ("en", "This Agreement shall be governed by the laws of the State of New York."),  # the law's field
    ("en", "LEA will pay T&B a royalty of [●%] of LEA's Cash Sales."),  # the payment's field
    ("en", "T&B and LEA each shall have the right to institute an action against such third party."),  # a right
    ("de", "Der Begriff 'Anlage' bedeutet die in Anhang 1 beschriebene Maschine."),
]


def test_a_duty_clause_binds_a_party_and_a_recital_definition_right_or_other_field_does_not():
    for language, clause in DUTIES:
        assert imposes_duty(clause, language), clause
    for language, clause in NO_DUTIES:
        assert not imposes_duty(clause, language), clause
    assert {"en", "de", "fr", "es"} <= set(DUTY_WORDS)


def _ranked(*texts: str) -> list[Sentence]:
    return [Sentence(i, 1, t, len(t.split()), 1.0 - i / 10) for i, t in enumerate(texts)]


def test_the_models_obligations_are_kept_when_a_duty_clause_says_them_and_filled_from_the_best_clauses():
    ranked = _ranked(NO_DUTIES[0][1], DUTIES[0][1], DUTIES[1][1], DUTIES[3][1])
    recital = "To develop and own a proprietary blood screening test for colon cancer"
    shortened = "Todos shall provide the Reseller with technical support for the Products"
    out = grounded_obligations([recital, shortened], ranked, "en", 300)
    assert out[0] == shortened, "the model's duty, said by a clause, stays first"
    assert recital not in out, "a recital imposes no duty"
    assert DUTIES[1][1] in out and len(out) == 3, "filled with the best duty clauses not already said"
    assert grounded_obligations([], ranked, "en", 95) == [DUTIES[1][1], DUTIES[3][1]], "clauses longer than the field are left out"
    assert grounded_obligations([recital], ranked, "fi", 300) == [recital], "a language without duty words: unchanged"


def test_a_definition_is_no_duty_and_no_contract_key_point():
    from summarize.duties import defines
    from summarize.excerpts import document_points

    definitions = ['RENEWAL TERM shall have the meaning ascribed thereto in Section 11.1 [AUTOMATIC RENEWAL].',
                   'CO-BRANDED SITES shall mean the Co-Branded Career Center and the Co-Branded Training Center.',
                   '"Products" means the blood tests listed in Exhibit A.']
    for text in definitions:
        assert defines(text, "en") and not imposes_duty(text, "en"), text
    assert defines("Der Begriff 'Anlage' bezeichnet die in Anhang 1 beschriebene Maschine.", "de")
    ranked = _ranked(*definitions, DUTIES[0][1], DUTIES[1][1], DUTIES[3][1])
    texts = [p.text for p in document_points(ranked, "A reseller agreement.", "", 3, 300, "contract", language="en")]
    assert texts and not any(defines(t, "en") for t in texts), texts


def test_duty_words_do_not_mistake_a_month_insurance_a_notice_or_a_french_apostrophe():
    assert imposes_duty("Supplier shall deliver the Products no later than May 15 of each year.", "en")
    assert imposes_duty("Licensee shall maintain product liability insurance of at least USD 1,000,000.", "en")
    assert imposes_duty("Notices shall be delivered by hand or by electronic means.", "en")
    assert imposes_duty("Le prestataire s’engage à entretenir l’équipement chaque trimestre.", "fr")
    assert not imposes_duty("The Reseller will be entitled to a discount of ten percent.", "en")
    assert not imposes_duty("Der Lizenznehmer hat das Recht, die Software zu nutzen.", "de")
