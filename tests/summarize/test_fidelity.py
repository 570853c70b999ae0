"""A rewritten summary sentence keeps its source's negations and names (summarize/fidelity.py).
The cases are the model's own rewrites, read blind or seen on the tune half: a CUAD contract's
confidentiality clause and obligation, a PubMed review, a TV transcript, a German article."""

from chunking.evidence import document_sentences
from summarize.fidelity import Held, acronym, held_to_sources, misstates, negated, unwritten
from tests.helpers.fakes import document


def _held(summary: str, text: str, language: str = "en"):
    doc = document([text], language=language)
    return held_to_sources(summary, document_sentences(doc, lambda t: len(t.split())), text, language)


CONTRACT = (
    "Each party agrees not to use any Confidential Information of the other party for any purpose except as necessary "
    "to perform its obligations under this Agreement. No party shall make any copies of the other party's Confidential "
    "Information except upon the other party's prior written approval. VerticalNet shall provide a copy of all Medical "
    "Product Listings existing as of the Effective Date to Neoforma within thirty days."
)


def test_a_negation_the_model_lost_gives_the_clause_back():
    lost = "The parties agree to use Confidential Information of the other party for any purpose except as necessary to perform its obligations under this Agreement."
    held = _held(lost, CONTRACT)
    assert held.restored == 1 and held.text.startswith("Each party agrees not to use")


def test_a_negation_said_another_way_is_kept():
    same = "The parties agree not to make any copies of the other party's Confidential Information except upon the other party's prior written approval."
    assert _held(same, CONTRACT) == Held(same, 0, 0)
    assert negated("It wasn't about justice.", "en") and negated("Sie ist keine Stadt.", "de")


def test_a_duty_given_to_a_party_the_clause_does_not_name_goes_back_to_the_clause():
    # Read blind on a CUAD contract: "Party shall pay to Neoforma ..." for "VerticalNet shall pay ...".
    swapped = "Party shall provide a copy of all Medical Product Listings existing as of the Effective Date to Neoforma within thirty days."
    assert misstates(swapped, CONTRACT.split(". ")[2], "en", share=0.9)
    assert _held(swapped, CONTRACT).text.startswith("VerticalNet shall provide")
    # Not caught: both parties named, their places swapped (documented in the module).
    both = "Neoforma shall provide a copy of all Medical Product Listings existing as of the Effective Date to VerticalNet within thirty days."
    assert not misstates(both, CONTRACT.split(". ")[2], "en", share=0.9)


def test_a_restored_clause_is_not_said_twice_and_a_lower_cased_one_is_restored_readable():
    lost = "The parties agree to use Confidential Information of the other party for any purpose except as necessary to perform its obligations under this Agreement."
    clause = CONTRACT.split(". ")[0] + "."
    held = _held(lost + " " + clause, CONTRACT)
    assert held.text == clause and held.dropped == 1
    lower = "the committee did not approve the budget for the new school year . the mayor left ."
    held = _held("The committee approved the budget for the new school year.", lower)
    assert held.restored == 1 and held.text.startswith("The committee did not approve")


def test_names_are_whole_words_and_a_number_sign_is_no_negation():
    source = "Frank walks across the waiting room to the desk of the nurse."
    assert misstates("Ross walks across the waiting room to the desk of the nurse.", source, "en", share=1.0), "ross is in across"
    assert not negated("Resolution No. 5 was adopted by the board.", "en")
    # A "not" of the clause before is not the rewrite's: the look-back stops at the comma.
    assert not misstates("The tenant may sublet the flat to students at any time.",
                         "The bank did not object, and the tenant may sublet the flat to students.", "en", share=0.8)


def test_a_line_given_to_another_character_is_an_edit_that_misstates():
    source = "Frank turns out to be a girl, and everyone laughs at the news in the waiting room."
    assert misstates("Ross turns out to be a girl, and everyone laughs at the news in the waiting room.", source, "en", share=1.0)
    assert not misstates("Frank turns out to be a girl, and everyone laughs in the waiting room.", source, "en", share=1.0)


def test_an_acronym_the_document_never_writes_drops_the_sentence():
    text = ("small non - coding rnas are transcribed but remain untranslated in eukaryotic cells . "
            "mirnas regulate the stability of targeted messenger rna .")
    invented = "The review discusses small non-coding RNA (SNRs) and their regulation functions in eukaryotic cells."
    assert unwritten(invented, text) == ["SNRs"], "RNA is written, lower-cased"
    assert acronym("SNRs") and not acronym("U.S.") and not acronym("McDonald") and not acronym("Москва")
    held = _held(invented + " Mirnas regulate the stability of targeted messenger rna.", text)
    assert held.dropped == 1 and "SNRs" not in held.text


def test_a_word_text_extraction_broke_is_still_written():
    # A government report's PDF text: "F ederal law provides ..."; the model mends the word.
    assert unwritten("Federal law provides a variety of powers to the President.", "F ederal law provides a variety of powers for the President", first=True) == []


def test_german_nouns_are_no_names_but_its_negations_count():
    text = "Dhaka liegt am Fluss Buriganga. Die Stadt ist nicht sehr hoch gelegen, nur sechs Meter über dem Meer."
    assert _held("Die Hauptstadt Dhaka liegt am Fluss Buriganga.", text, "de").dropped == 0
    held = _held("Die Stadt ist sehr hoch gelegen, nur sechs Meter über dem Meer.", text, "de")
    assert held.restored == 1 and "nicht" in held.text
