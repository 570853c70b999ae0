import pytest

from chunking.markers import chunk_pages
from chunking.plan import Budget, make_plan
from chunking.segment import segment_document
from core.errors import UsageError
from tests.helpers.fakes import document, word_count


def _budget(n_ctx=1000, overlap=20):
    return Budget(n_ctx=n_ctx, single_prompt=100, single_output=200, map_prompt=100, map_output=200, overlap=overlap)


def _pages(n_pages, paragraphs=4, words=40):
    return [
        "\n\n".join(f"p{page}x{para} " + " ".join(f"w{page}_{para}_{i}." for i in range(words)) for para in range(paragraphs))
        for page in range(1, n_pages + 1)
    ]


def test_single_pass_when_everything_fits():
    plan = make_plan(document(_pages(2, 2, 20)), word_count, _budget())
    assert plan.mode == "single" and len(plan.chunks) == 1
    assert plan.chunks[0].pages == (1, 2)
    assert "[page 1]" in plan.chunks[0].text and "[page 2]" in plan.chunks[0].text


def test_map_reduce_windows_cover_every_word_within_budget():
    doc = document(_pages(12))
    budget = _budget()
    plan = make_plan(doc, word_count, budget)
    assert plan.mode == "map_reduce" and len(plan.chunks) > 3
    assert all(c.tokens <= budget.window for c in plan.chunks)
    covered = set()
    for c in plan.chunks:
        covered |= set(c.text.split())
    assert set(doc.text.split()) <= covered  # nothing dropped
    assert plan.chunks[-1].text.endswith(doc.text.split()[-1])  # the last window reaches the end


def test_consecutive_windows_overlap_and_pages_are_exact():
    doc = document(_pages(12))
    plan = make_plan(doc, word_count, _budget(overlap=60))
    # Paragraph "p{page}x{para}" starts every segment, so windows are compared by their labels.
    labels = [[w for w in c.text.split() if w.startswith("p") and "x" in w] for c in plan.chunks]
    for a, b in zip(labels, labels[1:]):
        assert a[-1] in b, "windows should overlap"
        assert b[0] != a[0] and b[-1] not in a, "each window must move forward"
    for c, words in zip(plan.chunks, labels):
        assert c.pages == tuple(sorted(chunk_pages(c.text)))
        assert c.pages == tuple(sorted({int(w[1 : w.index("x")]) for w in words}))


def test_giant_paragraph_is_split_at_sentences_then_words():
    sentences = " ".join(f"Sentence number {i} is here." for i in range(400))
    run_on = " ".join(f"word{i}" for i in range(2000))
    doc = document([sentences, run_on])
    plan = make_plan(doc, word_count, _budget())
    assert all(c.tokens <= _budget().window for c in plan.chunks)
    joined = " ".join(c.text for c in plan.chunks)
    assert "word0" in joined and "word1999" in joined and "Sentence number 399" in joined


def test_segments_keep_offsets_into_the_document():
    doc = document(_pages(3, 3, 10))
    for seg in segment_document(doc, word_count, 50):
        assert doc.text[seg.start : seg.end] == seg.text


def test_context_too_small_is_a_usage_error():
    with pytest.raises(UsageError, match="larger --ctx"):
        make_plan(document(_pages(1)), word_count, _budget(n_ctx=450))


def test_evidence_is_sized_to_the_summary_except_for_a_contract_whose_fields_need_it_all():
    budget = Budget(n_ctx=8000, single_prompt=100, single_output=200, map_prompt=100, map_output=200, overlap=20,
                    evidence=600, summary_evidence=150)
    story = [" ".join(f"Station{p}x{i} measured rainfall{i} near village{p}y{i} after storm{i} hit farms." for i in range(60))
             for p in range(1, 6)]
    plan = make_plan(document(story), word_count, budget)
    assert plan.mode == "evidence" and plan.chunks[0].tokens <= 150 + 20 and plan.kept < 20
    assert plan.ranked and "[…]" not in plan.chunks[0].text, "best first: the model copies from the top"
    clauses = ["This Agreement is made by and between Acme Ltd and Beta LLC. IN WITNESS WHEREOF the parties agree. "
               "This Agreement shall be governed by the laws of Delaware. Either party may terminate it. " + page
               for page in story]
    plan = make_plan(document(clauses), word_count, budget)
    assert plan.doc_types == ("contract",)
    assert plan.mode == "evidence" and 300 < plan.chunks[0].tokens <= 600 + 20
    assert not plan.ranked, "a contract's fields are read in document order"
