"""Sections: a document cut into runs of segments, each read whole or as its best sentences."""

from chunking.plan import render
from chunking.sections import MIN_SHARE, read_sections, section_count, spans
from chunking.segment import Segment
from tests.helpers.fakes import word_count


def _segments(sizes, page_of=lambda i: 1):
    """Segments of the given token counts (words), each its own distinct sentence."""
    out, start = [], 0
    for i, n in enumerate(sizes):
        text = f"Sentence{i} " + " ".join(f"w{i}_{k}" for k in range(n - 2)) + " ends."
        out.append(Segment(page_of(i), start, start + len(text), text, n))
        start += len(text) + 2
    return out


def test_section_count_is_one_per_section_size_within_the_most():
    assert section_count(100, 1200, 12) == 1
    assert section_count(1200, 1200, 12) == 1
    assert section_count(1201, 1200, 12) == 2
    assert section_count(30_000, 1200, 12) == 12, "a long document gets longer sections, not more"
    assert section_count(0, 1200, 12) == 1


def test_spans_cover_every_segment_in_order_without_splitting_one():
    segments = _segments([40, 40, 40, 40, 40, 40, 20])
    runs = spans(segments, 100)
    assert runs == [(0, 2), (2, 4), (4, 7)], "about 100 tokens each; a last run under a quarter joins the one before"
    assert spans(_segments([40, 40, 40, 40, 40, 40, 40]), 100)[-1] == (6, 7), "one of 40 tokens stands alone"
    assert [i for a, b in runs for i in range(a, b)] == list(range(len(segments)))
    big = _segments([10, 500, 60, 30])
    assert spans(big, 100) == [(0, 1), (1, 2), (2, 4)], "a segment larger than the size is a run of its own"
    assert spans(_segments([30, 30, 30]), 100) == [(0, 3)]
    assert spans([], 100) == []


def test_sections_that_fit_the_budget_are_read_whole():
    runs = [_segments([50, 50], page_of=lambda i: 1), _segments([50, 50], page_of=lambda i: 2)]
    sections = read_sections(runs, render, word_count, "en", budget=10_000, doc_type=None)
    assert len(sections) == 2
    for section, run in zip(sections, runs):
        assert section.text == render(run) and not section.excerpted
        assert section.tokens == section.full_tokens and (section.kept, section.sentences) == (0, 0)
    assert [s.pages for s in sections] == [(1,), (2,)]


def _prose(page, n):
    return [f"Station{page}x{i} measured rainfall{i} near village{page}y{i} after storm{i} hit the farms." for i in range(n)]


def _runs(pages=4, sentences=40):
    runs, start = [], 0
    for page in range(1, pages + 1):
        run = []
        for text in _prose(page, sentences):
            run.append(Segment(page, start, start + len(text), text, word_count(text)))
            start += len(text) + 1
        runs.append(run)
    return runs


def test_over_the_budget_every_section_is_read_as_its_best_sentences_its_share_of_it():
    runs = _runs()
    total = sum(word_count(render(run)) for run in runs)
    budget = 800
    sections = read_sections(runs, render, word_count, "en", budget=budget, doc_type=None)
    assert len(sections) == len(runs), "no section is left out"
    assert sum(s.tokens for s in sections) <= budget + 4 * 10 < total
    for page, section in enumerate(sections, start=1):
        assert section.excerpted and section.pages == (page,)
        assert section.tokens <= budget // 4 + 10
        assert 0 < section.kept < section.sentences == 40
        assert section.text.startswith(f"[page {page}]") and "[…]" in section.text
        lines = [line for line in section.text.splitlines() if line and line not in ("[…]", f"[page {page}]")]
        prose = _prose(page, 40)
        assert all(line in prose for line in lines), "the section's own sentences"
        assert [prose.index(line) for line in lines] == sorted(prose.index(line) for line in lines), "in document order"


def test_a_small_section_is_read_whole_and_a_share_is_never_below_the_minimum():
    runs = _runs(pages=3, sentences=40) + [_runs(pages=5, sentences=4)[4]]  # three long sections and a short one
    sections = read_sections(runs, render, word_count, "en", budget=300, doc_type=None)
    assert [s.excerpted for s in sections] == [True, True, True, False], "the short one fits its share"
    assert all(s.tokens >= MIN_SHARE - 15 for s in sections[:3]), "each long one gets at least the minimum share"
    assert sections[3].text == render(runs[3])


def test_a_section_without_prose_sentences_is_read_as_its_opening():
    table, start = [], 0
    for i in range(60):
        row = f"| {i} | {i * 3} | {i * 7} |"
        table.append(Segment(2, start, start + len(row), row, word_count(row)))
        start += len(row) + 1
    prose = _runs(pages=1, sentences=40)[0]
    sections = read_sections([prose, table], render, word_count, "en", budget=300, doc_type=None)
    assert sections[1].excerpted and sections[1].pages == (2,)
    assert sections[1].text.startswith("[page 2]") and "| 0 | 0 | 0 |" in sections[1].text
    assert "| 59 |" not in sections[1].text, "its opening, within its share"
