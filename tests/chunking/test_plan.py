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


STORY = [" ".join(f"Station{p}x{i} measured rainfall{i} near village{p}y{i} after storm{i} hit farms." for i in range(60))
         for p in range(1, 6)]


def _sections_budget(read=100_000, section=600, max_sections=12):
    return Budget(n_ctx=8000, single_prompt=100, single_output=200, map_prompt=100, map_output=200, overlap=20,
                  read=read, section=section, max_sections=max_sections)


def test_a_document_of_one_section_is_read_in_one_pass():
    plan = make_plan(document(STORY[:1]), word_count, _sections_budget())
    assert plan.mode == "single" and len(plan.chunks) == 1
    assert plan.read_tokens == plan.document_tokens and not plan.excerpted
    assert plan.chunks[0].text.split()[-1] == STORY[0].split()[-1], "all of it"


def test_a_longer_document_is_read_as_sections_that_cover_every_word():
    doc = document(STORY)
    budget = _sections_budget()
    plan = make_plan(doc, word_count, budget)
    assert plan.mode == "sections" and len(plan.chunks) == 5, "one section per 600 tokens of about 2,700"
    assert not plan.excerpted and plan.read_tokens == plan.document_tokens and plan.kept == plan.sentences == 0
    assert not any(c.excerpt for c in plan.chunks)
    assert all(c.tokens <= plan.window_tokens <= budget.window for c in plan.chunks)
    assert [c.index for c in plan.chunks] == list(range(5))
    covered = set(" ".join(c.text for c in plan.chunks).split())
    assert set(doc.text.split()) <= covered, "nothing dropped"
    assert [c.pages for c in plan.chunks] == [(1,), (2,), (3,), (4,), (5,)]
    texts = [c.text for c in plan.chunks]
    assert len(set(texts)) == len(texts), "sections do not overlap"


def test_sections_are_excerpted_to_their_share_when_the_document_is_over_the_read_budget():
    doc = document(STORY)
    plan = make_plan(doc, word_count, _sections_budget(read=1000))
    assert plan.mode == "sections" and len(plan.chunks) == 5 and plan.excerpted
    assert all(c.excerpt for c in plan.chunks)
    assert plan.read_tokens <= 1000 + 5 * 10 < plan.document_tokens, "the read budget, give or take page markers"
    assert 0 < plan.kept < plan.sentences
    for page, chunk in enumerate(plan.chunks, start=1):
        assert chunk.pages == (page,), "every section is read, none left out"
        assert 150 <= chunk.tokens <= 1000 // 5 + 20, "each its share of the budget"
        assert "[…]" in chunk.text and chunk.text.startswith(f"[page {page}]")
        assert set(chunk.text.split()) - {"[…]", "[page", f"{page}]"} <= set(STORY[page - 1].split()), "its own sentences"


def test_a_long_document_gets_longer_sections_rather_than_more_than_the_most():
    plan = make_plan(document(STORY), word_count, _sections_budget(max_sections=3))
    assert plan.mode == "sections" and len(plan.chunks) == 3
    assert sum(c.tokens for c in plan.chunks) >= plan.document_tokens - 10, "whole sections, fewer of them"


def test_read_full_keeps_one_pass_while_the_document_fits_the_context():
    plan = make_plan(document(STORY), word_count, _sections_budget(read=0))
    assert plan.mode == "single" and len(plan.chunks) == 1 and plan.read_tokens == 0 and not plan.excerpted
