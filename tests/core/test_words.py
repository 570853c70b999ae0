"""Content words, similarity and the phrase count that keeps summaries from repeating themselves."""

from core.words import PhraseCount, jaccard, term_list


def test_terms_are_longer_words_and_cjk_bigrams():
    assert term_list("The Provider shall service it.") == ["provider", "shall", "service"]
    assert term_list("合同期限") == ["合同", "同期", "期限"]
    assert jaccard({"a", "b"}, {"b", "c"}) == 1 / 3 and jaccard(set(), set()) == 0.0


def test_a_phrase_said_a_third_time_is_refused():
    phrases = PhraseCount()
    first = "The nematic liquid crystal confined between two walls shows two phases."
    second = "A nematic liquid crystal confined between patterned walls is studied."
    third = "We model the nematic liquid crystal confined between substrates."
    assert not phrases.would_loop(first)
    phrases.add(first)
    assert not phrases.would_loop(second), "twice is emphasis"
    phrases.add(second)
    assert phrases.would_loop(third), "a third time is a loop"
    assert not phrases.would_loop("The walls are patterned with stripes of two kinds of anchoring.")
    cjk = PhraseCount()
    cjk.add("我们今天讨论项目的进度和预算。")
    cjk.add("我们今天讨论项目的进度问题。")
    assert cjk.would_loop("然后我们今天讨论项目的进度。")


def test_a_phrase_said_twice_in_one_sentence_counts_twice():
    phrases = PhraseCount()
    phrases.add("The landmark report of the National Commission on Fire Prevention and Control came in 1973.")
    act = "The Fire Prevention and Control Act of 1974 created the National Fire Prevention and Control Administration."
    assert phrases.would_loop(act), "the act's sentence would say the phrase a second and a third time"
