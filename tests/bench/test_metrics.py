"""ROUGE, degeneracy, language match and coverage on inputs whose answers are known by hand."""

import pytest
from rouge_score import rouge_scorer

from bench.quality.metrics import coverage, degeneracy, language_match, rouge, tokenize


def test_tokenize_keeps_accents_and_splits_cjk_per_character():
    assert tokenize("Häuser und Brücken") == ["häuser", "und", "brücken"]
    assert tokenize("会议讨论了公链。The cat") == ["会", "议", "讨", "论", "了", "公", "链", "the", "cat"]
    assert tokenize("l'été, 2024!") == ["l", "été", "2024"]
    assert tokenize("  ...  ") == []


def test_rouge_on_english_matches_hand_count():
    # 5 of 6 unigrams shared, 3 of 5 bigrams, longest common subsequence 5.
    scores = rouge("the cat sat on the mat", "the cat sat on a mat")
    assert scores["rouge1"] == pytest.approx(5 / 6)
    assert scores["rouge2"] == pytest.approx(3 / 5)
    assert scores["rougeL"] == pytest.approx(5 / 6)


def test_rouge_on_chinese_counts_characters():
    # 6 shared characters; precision 6/7, recall 6/9.
    p, r = 6 / 7, 6 / 9
    assert rouge("会议讨论了公链", "会议讨论公链的发展")["rouge1"] == pytest.approx(2 * p * r / (p + r))
    # rouge-score's default tokenizer sees no tokens in Chinese at all: the reason for ours.
    default = rouge_scorer.RougeScorer(["rouge1"]).score("会议讨论公链的发展", "会议讨论了公链")
    assert default["rouge1"].fmeasure == 0.0


def test_rouge_bounds():
    assert rouge("Genau derselbe Text.", "Genau derselbe Text.") == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    assert rouge("alpha beta", "gamma delta") == {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}


@pytest.mark.parametrize(
    "text, truncated, reason",
    [
        ("", False, "empty"),
        ("  \n ", False, "empty"),
        ("A fine summary that says something once.", False, None),
        ("A fine summary that was cut", True, "truncated"),
        ("the parties agree to pay " * 5, False, "loop"),
        ("各方同意支付费用" * 5, False, "loop"),
        ("The rent is due monthly. The rent is due monthly. Notice is three months.", False, None),
    ],
)
def test_degeneracy(text, truncated, reason):
    assert degeneracy(text, truncated).reason == reason
    assert bool(degeneracy(text, truncated)) == (reason is not None)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("La Russie a annoncé que la résurgence du coronavirus est", "truncated"),  # a real docsum output
        ("Le tournoi est reporté.", None),
        ("Er sagte: „Gut.“ Dann ging er.", None),
        ("会议讨论了公链的作用。", None),
        ("本論文では，文章構造を自動的に推定する手法を示した．", None),  # academic Japanese: a full-width full stop
        ("本論文では，文章構造を自動的に", "truncated"),
        ('He called it "final."', None),
    ],
)
def test_prose_must_end_its_sentence(text, reason):
    assert degeneracy(text, prose=True).reason == reason
    # Key points may be phrases; only prose is held to whole sentences.
    assert degeneracy(text.rstrip(".。．"), prose=False).reason is None


def test_language_match():
    assert language_match("Der Vertrag regelt die Miete eines Lagerhauses in Leeds für drei Jahre.", "de")
    assert not language_match("The contract governs the lease of a warehouse in Leeds for three years.", "de")
    assert language_match("会议讨论了区块链在新基建中的作用和公链的发展方向。", "zh")


def test_coverage_counts_cited_pages_and_chunks():
    summary = {
        "source": {"pages": 5, "empty_pages": [5]},
        "strategy": {"chunk_pages": [[1, 2], [2, 3], [4, 5]]},
        "key_points": [{"text": "a", "pages": [1]}, {"text": "b", "pages": [1, 2]}],
    }
    # Pages 1 and 2 of the 4 with text; chunks 1 and 2 of 3.
    assert coverage(summary) == {"pages": 0.5, "chunks": pytest.approx(2 / 3)}
