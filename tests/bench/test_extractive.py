"""Lead-N and LexRank: real sentences of the document, in its order, up to the reference's length,
in languages whose sentences and words need no download (pysbd, our tokenizer)."""

from bench.quality.metrics import tokenize
from bench.quality.pairs import Pair
from bench.quality.systems import Lead, LexRank

EN = (
    "The lessor Acme rents the warehouse in Leeds to the lessee Beta. "
    "Rent is two thousand pounds per month, payable in advance. "
    "The warehouse may only be used for storing dry goods. "
    "Either party may end the lease with three months written notice. "
    "Rent for the warehouse rises each year with inflation."
)
ZH = "甲方将仓库出租给乙方。租金每月两千元，提前支付。仓库只能用于存放干货。任何一方可提前三个月书面通知终止租约。仓库租金每年随通胀上涨。"


def _pair(text, lang, reference):
    return Pair("t", lang, text, reference, "set")


def test_lead_takes_first_sentences_up_to_reference_length():
    out = Lead().summarize(_pair(EN, "en", "A warehouse lease in Leeds between Acme and Beta."))  # 9 tokens
    assert out.text == "The lessor Acme rents the warehouse in Leeds to the lessee Beta."
    longer = Lead().summarize(_pair(EN, "en", " ".join(["word"] * 15)))
    assert longer.text.startswith(out.text) and longer.text.endswith("payable in advance.")


def test_lead_in_chinese_counts_characters():
    out = Lead().summarize(_pair(ZH, "zh", "仓库租约，租金两千"))  # 9 characters
    assert out.text == "甲方将仓库出租给乙方。"


def _sentences_of(text, summary):
    return all(s in text for s in summary.replace("。", "。\n").replace(". ", ".\n").splitlines() if s.strip())


def test_lexrank_picks_central_sentences_within_budget():
    reference = "Acme leases a warehouse to Beta; rent rises yearly."
    out = LexRank().summarize(_pair(EN, "en", reference))
    assert out.text and _sentences_of(EN, out.text)
    chosen = [s for s in out.text.replace(". ", ".\n").splitlines()]
    # The budget is crossed by at most the last sentence taken.
    assert len(tokenize(" ".join(chosen[:-1]))) < len(tokenize(reference))
    # Sentences come back in document order.
    assert [EN.index(s) for s in chosen] == sorted(EN.index(s) for s in chosen)


def test_lexrank_works_for_chinese_without_nltk_data():
    out = LexRank().summarize(_pair(ZH, "zh", "仓库租约，租金每年上涨。"))
    assert out.text and _sentences_of(ZH, out.text)
