"""PageIndex: a key point keeps the pages it cites only when they hold it."""

from summarize.citations import PageIndex, terms

PAGES = {
    1: "This agreement is made between Acme Limited and Beta Holdings.",
    2: "The client pays a quarterly maintenance fee of 4,800 pounds.",
    3: "Either party may terminate with ninety days written notice.",
}


def test_terms_skip_short_words_and_use_bigrams_for_chinese():
    assert terms("The fee is due") == frozenset()  # all three letters or fewer
    assert terms("Quarterly maintenance fee") == {"quarterly", "maintenance"}
    assert terms("租金每月") == {"租金", "金每", "每月"}


def test_supported_citation_is_kept():
    index = PageIndex(PAGES)
    assert index.check("A quarterly maintenance fee is paid", [2], (1, 2, 3)) == (2,)
    assert index.support("quarterly maintenance", 2) == 1.0
    assert index.support("quarterly maintenance", 9) == 0.0


def test_unsupported_citation_moves_to_the_page_that_says_it():
    index = PageIndex(PAGES)
    assert index.check("Termination needs ninety days notice", [1], (1, 2, 3)) == (3,)


def test_pages_outside_the_allowed_ones_are_dropped():
    index = PageIndex(PAGES)
    assert index.check("maintenance fee", [2, 7], (1, 2, 3)) == (2,)
    # Allowed pages only: page 2 holds the point but this window showed pages 1 and 3.
    assert index.check("maintenance fee", [2], (1, 3)) == (1,)


def test_a_point_no_page_supports_keeps_its_valid_citation_or_the_first_page():
    index = PageIndex(PAGES)
    assert index.check("Completely unrelated statement", [3], (1, 2, 3)) == (3,)
    assert index.check("Completely unrelated statement", [], (2, 3)) == (2,)


def test_chinese_points_are_matched_by_bigrams():
    index = PageIndex({1: "本合同由甲方和乙方签订。", 2: "租金每月两千元，提前支付。"})
    assert index.check("租金每月支付", [1], (1, 2)) == (2,)
