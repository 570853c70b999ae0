"""Key points and a paper's fields taken from the document's own sentences."""

from chunking.evidence import Sentence
from summarize.excerpts import document_points, paper_fields


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


def test_paper_fields_are_the_sentences_that_answer_each_query_each_used_once():
    fields = paper_fields(PAPER, 300)
    assert fields["question"] == PAPER[0].text
    assert fields["method"] == PAPER[2].text
    assert fields["findings"] == [PAPER[3].text, PAPER[4].text]
    assert fields["limitations"] == [PAPER[5].text], "a limitation is named; 'however' alone is not one"
    assert paper_fields(_ranked("The weather was fine on the day of the parade in town."), 300) == {
        "question": None, "method": None, "findings": [], "limitations": [],
    }


def test_a_field_sentence_that_leans_on_the_one_before_comes_after_one_that_stands_alone():
    paper = _ranked(
        "Then, we study how the memory size changes the accuracy on long documents.",
        "In this paper we propose a sparse attention model for long documents.",
    )
    assert paper_fields(paper, 300)["question"] == paper[1].text
    assert paper_fields(paper[:1], 300)["question"] == paper[0].text, "better a leaning answer than none"
    late = _ranked("This result supersedes our previous measurement, which used a subsample of the data used in this work.")
    assert paper_fields(late, 300)["question"] is None, "'in this work' deep in a sentence states no aim"


def test_a_papers_method_is_what_its_authors_did_and_its_aim_is_the_works_own():
    paper = _ranked(
        "Deep learning builds upon the ability of gradient-based optimization methods to solve hard problems.",
        "Instead of empirical Bayes, where the objective is to maximize model evidence, we minimize the squared errors.",
        "Finally, we show the complete training process of the pruning method in Section 3.4.",
        "Note that the approach can be extended to other algorithms by plugging in the estimated matrix.",
        "We train the child network with a mini-batch size of 64 for 300 epochs on the benchmark.",
        "The goal of this paper is a pruning method for dense networks that keeps their accuracy.",
        "Our results show that pruning removes most of the redundant connections at no loss of accuracy.",
    )
    fields = paper_fields(paper, 300)
    assert fields["method"] == paper[4].text, "a sentence with the word 'methods' is no method; 'Note that' is an aside"
    assert fields["question"] == paper[5].text, "an optimization's objective is not the work's aim"
    assert paper[2].text not in fields["findings"], "where a section is, not what it found"


def test_a_german_papers_fields_are_found_by_its_own_wording():
    paper = _ranked(
        "In dieser Arbeit untersuchen wir die Wirkung von Lärm auf die Schlafqualität älterer Menschen.",
        "Wir verwenden Messungen aus 120 Schlafzimmern über einen Zeitraum von drei Monaten.",
        "Die Ergebnisse zeigen, dass nächtlicher Verkehrslärm die Tiefschlafphasen deutlich verkürzt.",
        "Eine Einschränkung ist, dass nur Haushalte aus einer einzigen Stadt untersucht wurden.",
    )
    fields = paper_fields(paper, 300)
    assert fields == {"question": paper[0].text, "method": paper[1].text, "findings": [paper[2].text],
                      "limitations": [paper[3].text]}


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
