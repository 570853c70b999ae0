"""Key points taken from the document's own sentences (an extractive summary's)."""

from chunking.evidence import Sentence
from summarize.excerpts import document_points


def _ranked(*texts, pages=None):
    """Sentences best first (the order given), with document indexes in the same order."""
    return [Sentence(i, (pages or {}).get(i, 1), t, len(t) // 4, 1.0 - i / 100) for i, t in enumerate(texts)]


PAPER = _ranked(
    "In this paper we propose a sparse attention model for long documents.",
    "Furthermore, the model keeps every hundredth token in a global memory slot.",
    "We trained the model on twelve corpora of scientific articles and news.",
    "Results show that sparse attention matches dense attention at a tenth of the cost.",
    "We find that the global memory slots matter most for documents of many sections.",
    "A limitation is that the model was only evaluated on English documents so far.",
    "However, the model does not improve short documents in any measurable way.",
    "Related work has studied attention patterns in many other settings before us.",
)


def test_key_points_stand_alone_say_what_the_summary_does_not_and_cite_their_page():
    ranked = _ranked(*(s.text for s in PAPER), pages={3: 2, 4: 2, 5: 3, 6: 3, 7: 3})
    summary = "In this paper we propose a sparse attention model for long documents."
    used = [ranked[5].text]
    points = document_points(ranked, summary, "\n".join(s.text for s in ranked), 3, 300, "paper", used)
    texts = [p.text for p in points]
    assert texts == [ranked[2].text, ranked[3].text, ranked[4].text], "not the summary, not a used field, not 'Furthermore'"
    assert [p.pages for p in points] == [(1,), (2,), (2,)]
    # Too few others: a leaning sentence rather than too few points.
    assert len(document_points(ranked[:3], "A model.", "", 3, 300, "paper")) == 3


def test_a_contracts_clauses_come_first_and_long_sentences_only_when_needed():
    long = "The Supplier shall deliver " + "the goods and the spare parts " * 20 + "on time."
    ranked = _ranked(
        "The parties met in Leeds to discuss a possible agreement on the goods.",
        long,
        "The parties agree to cooperate in good faith on all the matters of the agreement.",
        "The Buyer shall pay the fees within thirty days of each invoice received.",
        "This Agreement is governed by the laws of England and Wales in every respect.",
    )
    summary = "A supply agreement."
    texts = [p.text for p in document_points(ranked, summary, "", 3, 200, "contract")]
    # Payment and law clauses before the better-ranked third sentence; the long one is left.
    assert texts == [ranked[0].text, ranked[3].text, ranked[4].text]
    texts = [p.text for p in document_points(ranked[:2], summary, "", 2, 200, "other")]
    assert long in texts, "taken long rather than too few"
