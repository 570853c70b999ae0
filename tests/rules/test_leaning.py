"""Sentences that lean on the one before, per language, from documents of several sources."""

from rules.leaning import OPENERS, leans

#: Sentences readers marked "needs missing context" in summaries of the reading panel and of
#: unseen documents: a CUAD contract, a government report, a news story, a German encyclopedia
#: article, a French news story, a Portuguese how-to, a Chinese meeting, a Japanese paper.
LEANING = [
    ("en", "In such case, Sonos' sole liability shall be limited to payment of the amount due."),
    ("en", "It will explore the relationship between student income and certain student demographics."),
    ("en", "That was the year he was acquitted of murder charges."),
    ("en", "Such calculations have been performed using various models or using lattice QCD."),
    ("en", "Its simplest form consists of a single loop."),
    ("de", "Als Folge der aus dem Krieg resultierenden Unabhängigkeit wurde die Stadt zur Hauptstadt."),
    ("de", "Dieses Gebiet wird von starken Monsun-Überschwemmungen heimgesucht."),
    ("fr", "Il est de nouveau accessible depuis lundi."),
    ("pt", "Porém, o local deve ser seguro, principalmente se for à noite."),
    ("zh", "那我觉得更多的是刚才说的第二个层面。"),
    ("ja", "このような観点から，本論文では文章構造を推定する方法を示す。"),
]
#: Openings that name their subject, or the document itself ("This report"), or a defined term.
ALONE = [
    ("en", "This report focuses on the income of the undergraduate student population."),
    ("en", "This Agreement is governed by the laws of Scotland."),
    ("en", "There is an epidemic of stroke in low and middle-income countries."),
    ("en", "Italy is a country in Europe."),  # "it" is no prefix of a word
    ("de", "Dhaka ist die Hauptstadt Bangladeschs."),
    ("de", "Dieser Bericht untersucht die Einkommen der Studierenden."),
    ("fr", "Cette étude porte sur 549 patients."),
    ("fr", "Le président a annoncé de nouvelles mesures."),
    ("zh", "本研究提出了一种新方法。"),
    ("ja", "本論文では，文章構造を推定する方法を示す。"),
]


def test_sentences_that_point_back_lean_in_their_language():
    for language, sentence in LEANING:
        assert leans(sentence, language), (language, sentence)


def test_sentences_that_name_their_subject_or_the_document_do_not():
    for language, sentence in ALONE:
        assert not leans(sentence, language), (language, sentence)


def test_a_language_without_data_has_no_leaning_sentences():
    assert "fi" not in OPENERS
    assert not leans("Se on taas auki.", "fi")
    assert not leans("It is again open.", "")


def test_words_that_only_start_like_a_leaning_one_do_not_lean():
    assert leans("Sie ist auch wieder geöffnet.", "de") and not leans("Sie sollten den Wagen abstellen.", "de")
    assert not leans("其他公司也参与了。", "zh") and leans("其中一家公司退出。", "zh")
    assert not leans("それぞれの文に番号を付ける。", "ja") and not leans("この論文では方法を示す。", "ja")
    assert not leans("So-called experts disagree.", "en") and leans("So the court ruled.", "en")
