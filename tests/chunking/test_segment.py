from chunking import evidence
from chunking.evidence import document_sentences
from chunking.segment import segment_document, split_sentences
from tests.helpers.fakes import document, word_count


def test_sentences_glued_without_a_space_are_two_sentences():
    # News text that lost its line breaks: "épargnée.Situation", "Covid-19.Un".
    text = "Le virus a épargné l'Allemagne.Situation beaucoup plus confuse en Russie. Le vote est reporté pour cause de Covid-19.Un second tour aura lieu."
    assert split_sentences(text, "fr") == [
        "Le virus a épargné l'Allemagne.",
        "Situation beaucoup plus confuse en Russie.",
        "Le vote est reporté pour cause de Covid-19.",
        "Un second tour aura lieu.",
    ]


def test_an_elided_article_or_a_live_pages_time_after_a_glued_full_stop_starts_a_sentence():
    text = ("La maladie a tué 465.300 personnes depuis décembre.L'Espagne a levé l'état d'alerte samedi. "
            "Retrouvez les événements de cette journée.21h : Des records ont été battus.")
    assert split_sentences(text, "fr") == [
        "La maladie a tué 465.300 personnes depuis décembre.", "L'Espagne a levé l'état d'alerte samedi.",
        "Retrouvez les événements de cette journée.", "21h : Des records ont été battus.",
    ]


def test_abbreviations_addresses_and_decimals_are_not_cut():
    for text in ("The U.S.Army said so.", "See e.g.The Book.", "Visit www.Example.com today.", "It cost 3.5 million dollars."):
        assert split_sentences(text, "en") == [text]


def test_glued_sentences_are_cut_in_long_documents_too_and_nothing_is_dropped(monkeypatch):
    monkeypatch.setattr(evidence, "PYSBD_CHARS", 0)  # the rule that replaces pysbd past this size
    page = "Il a plu toute la journée sur la ville.Les rues étaient vides et les magasins fermés ce soir-là. " * 4
    doc = document([page])
    texts = [s.text for s in document_sentences(doc, word_count)]
    assert texts[:2] == ["Il a plu toute la journée sur la ville.", "Les rues étaient vides et les magasins fermés ce soir-là."]
    segments = segment_document(doc, word_count, 12)
    assert "".join(doc.text[s.start : s.end] for s in segments).replace(" ", "") == doc.text.replace(" ", "").strip()


def test_a_sentence_goes_on_after_a_pointer_to_a_figure_or_an_equation():
    # A tokenized corpus spaces "fig ." and breaks its lines there; both halves alone are fragments.
    page = ("we have studied the phase behavior of a nematic liquid crystal confined between a flat and a patterned substrate ( see fig .\n"
            "[ 1 ] ) using the frank - oseen model , which describes the elastic free energy of the nematic in the cell and ( eq .\n"
            "4 ) the rapini - papoular surface free energy of the anchoring on both of the confining substrates of the cell .\n"
            "an expression for the effective free energy function of the system was derived by us in this work from the two .")
    first, second = evidence.text_blocks(page)
    assert split_sentences(first, "en") == [first] and first.endswith("substrates of the cell .")
    assert split_sentences(" ".join(page.splitlines()), "en") == [first, second], "nor where the lines are joined"
    assert split_sentences("Er wohnt in Zürich, z. B. in der Altstadt. Dort ist es schön.", "de")[0].endswith("Altstadt.")
    spaced = "After scrutinizing the U . S . Code and its emergency powers, the panel found 470 provisions."
    assert split_sentences(f"{spaced} It reported in 1974.", "en") == [spaced, "It reported in 1974."]


def test_a_bibliography_entry_is_not_cut_at_its_journal_s_abbreviations():
    # Entries from two sources: the arXiv corpus as the benchmarks load it (lower case), and entries as a PDF prints them.
    from chunking.segment import split_sentences

    corpus = ["c. amsler et al. (particle data group), phys. lett. b * 667 *, 1 (2008).",
              "b. aubert et al. (babar collaboration), phys. rev. d * 77 *, 011107 (2008)."]
    printed = ["C. Amsler et al. (Particle Data Group), Phys. Lett. B 667, 1 (2008).",
               "M. Smith and J. Roe, Nucl. Phys. Rev. 101, 5021 (2004)."]
    for entries in (corpus, printed):
        assert split_sentences(" ".join(entries) + " We then tested it.", "en") == [*entries, "We then tested it."]
