"""Entities held to the document: names as it writes them, typed as it shows them."""

from summarize.entities import grounded_entities
from tests.summarize.test_grounding import DOC


def test_entities_the_document_never_names_are_dropped():
    entities = [{"name": "The  Provider", "type": "organization"}, {"name": "Acme Corp", "type": "organization"},
                {"name": "the provider", "type": "organization"}]
    assert grounded_entities(entities, DOC) == [{"name": "The Provider", "type": "organization"}]


def test_entities_are_names_as_a_cased_document_writes_them_and_dates_have_figures():
    entities = [{"name": "Agreement", "type": "law"}, {"name": "The Agreement", "type": "law"},
                {"name": "Quarter", "type": "date"}, {"name": "1 March 2025", "type": "date"},
                {"name": "Client", "type": "money"}]
    assert grounded_entities(entities, DOC) == [{"name": "1 March 2025", "type": "date"}], (
        "'agreement' is not a name where the document writes it in lower case; a date without a figure is none"
    )
    lower = DOC.lower()
    assert grounded_entities([{"name": "The Provider", "type": "organization"}, {"name": "1 March 2025", "type": "date"}],
                             lower) == [{"name": "1 March 2025", "type": "date"}], (
        "a lower-cased text cannot tell names by their capitals: the model's are guesses")


def test_an_entity_is_a_name_not_a_clause_and_a_date_reads_as_one():
    doc = DOC + " The CIFAR-10 set and Acme, Inc. are named, and those with a score. 我们今天的这个板块的话题是跟偶像和歌手有关系, 会议在2021年3月举行。"
    entities = [{"name": "CIFAR-10", "type": "date"}, {"name": "Acme, Inc.", "type": "organization"},
                {"name": "我们今天的这个板块的话题是跟偶像和歌手有关系,", "type": "person"},
                {"name": "2021年3月", "type": "date"}, {"name": "1 March 2025", "type": "date"},
                {"name": "T", "type": "organization"}, {"name": "those with a score", "type": "person"}]
    assert grounded_entities(entities, doc) == [
        {"name": "Acme, Inc.", "type": "organization"}, {"name": "2021年3月", "type": "date"},
        {"name": "1 March 2025", "type": "date"},
    ]


def test_an_entity_the_document_also_writes_in_lower_case_is_a_common_noun():
    doc = ("La Commission européenne et la commission spéciale ont reçu les députés. Les députés ont voté à Paris. "
           "Acme écrit depuis legal@acme.com et www.acme.fr.")
    entities = [{"name": "Commission", "type": "organization"}, {"name": "Députés", "type": "person"},
                {"name": "Commission européenne", "type": "organization"}, {"name": "Paris", "type": "place"},
                {"name": "Acme", "type": "organization"}]
    assert grounded_entities(entities, doc, "fr") == [
        {"name": "Commission européenne", "type": "organization"}, {"name": "Paris", "type": "place"},
        {"name": "Acme", "type": "organization"},
    ], "an address that writes a name in lower case does not make it a common noun"




def test_an_entity_is_typed_as_the_document_shows_it_or_other():
    doc = ("Aarhus ist eine Stadt in Dänemark. Viele Menschen leben in Aarhus, und jedes Jahr ziehen mehr nach Aarhus. "
           "Der Schmerz kommt plötzlich. Schmerz ist ein Warnsignal. Das sagte Angela Merkel in Berlin, und Frau Merkel "
           "lachte. Dann kam der Fußgängerairbag. Dieser Airbag schützt.")
    entities = [{"name": "Aarhus", "type": "organization"}, {"name": "Schmerz", "type": "person"},
                {"name": "Merkel", "type": "person"}, {"name": "Angela Merkel", "type": "person"},
                {"name": "Airbag", "type": "person"}]
    assert grounded_entities(entities, doc, "de") == [
        {"name": "Aarhus", "type": "place"}, {"name": "Schmerz", "type": "other"},
        {"name": "Merkel", "type": "person"}, {"name": "Angela Merkel", "type": "person"},
        {"name": "Airbag", "type": "other"},
    ], "a capitalized word before a name ('Dieser Airbag') is no first name"
    clubs = ("He played at Leicester City for three seasons and moved from Manchester United to Leicester City. "
             "Leicester City won. He lives in Leicester.")
    assert grounded_entities([{"name": "Leicester City", "type": "organization"}], clubs, "en") == [
        {"name": "Leicester City", "type": "organization"}], "one plays at a club: 'at' and 'from' are no place"
    city = ("Aarhus ist die zweitgrößte Stadt Dänemarks. Die Universität Aarhus ist bekannt, Aarhus hat einen Hafen. "
            "Dhaka (bengalisch: Dhaka) ist die Hauptstadt Bangladeschs.")
    assert grounded_entities([{"name": "Aarhus", "type": "organization"}, {"name": "Dhaka", "type": "organization"}],
                             city, "de") == [{"name": "Aarhus", "type": "place"}, {"name": "Dhaka", "type": "place"}], (
        "the document says Aarhus is a city")
    firm = "Vestas is a company in the city of Aarhus. Vestas builds turbines."
    assert grounded_entities([{"name": "Vestas", "type": "organization"}], firm, "en") == [
        {"name": "Vestas", "type": "organization"}], "a company in the city is no city"
    noun = "Die Zellatmung braucht Sauerstoff. Zellatmung findet in den Mitochondrien statt. Die BASF forscht."
    assert grounded_entities([{"name": "Zellatmung", "type": "organization"}, {"name": "BASF", "type": "organization"}],
                             noun, "de") == [{"name": "Zellatmung", "type": "other"}, {"name": "BASF", "type": "organization"}], (
        "German capitalizes every noun: one capital shows no name")
    paper = "We propose a sequence model, termed as R-Transformer. The proposed R-Transformer model beats TCN. Google funded it."
    assert grounded_entities([{"name": "R-Transformer", "type": "organization"}, {"name": "Google", "type": "organization"}],
                             paper, "en") == [{"name": "R-Transformer", "type": "other"}, {"name": "Google", "type": "organization"}], (
        "a paper's own model is no organization")
    owned = "Statoil is a state-owned company. Statoil drills."
    assert grounded_entities([{"name": "Statoil", "type": "organization"}], owned, "en") == [
        {"name": "Statoil", "type": "organization"}]


def test_an_english_name_is_capitalized_throughout_and_a_citation_is_no_entity():
    doc = ("We derive a bound under isotropic Laplace distributions, as Meschia et al did for the Bank of England. "
           "The Neyman-Pearson Lemma gives the rest.")
    entities = [{"name": "Laplace distributions", "type": "product"}, {"name": "Meschia et al", "type": "organization"},
                {"name": "Bank of England", "type": "organization"}, {"name": "Neyman-Pearson Lemma", "type": "law"}]
    assert grounded_entities(entities, doc, "en") == [
        {"name": "Bank of England", "type": "organization"}, {"name": "Neyman-Pearson Lemma", "type": "law"},
    ]


def test_a_chinese_name_is_typed_by_its_ending():
    doc = "刘老师和赵校长在中国讨论区块链现状。流浪地球是电影。许欣老师来自北京大学。施耐德电气和黄明伟发言。"
    given = [("刘老师", "person"), ("赵校长", "organization"), ("中国", "organization"), ("区块链现状", "organization"),
             ("流浪地球", "place"), ("北京大学", "place"), ("施耐德电气", "other"), ("黄明伟", "person"), ("区块链现状讨论", "person")]
    typed = grounded_entities([{"name": n, "type": t} for n, t in given], doc, "zh")
    assert [(e["name"], e["type"]) for e in typed] == [
        ("刘老师", "person"), ("赵校长", "person"), ("中国", "place"), ("区块链现状", "other"), ("流浪地球", "other"),
        ("北京大学", "organization"), ("施耐德电气", "organization"), ("黄明伟", "person"),
    ], "a title ends a person's name, 大学 an organization's, 国 a place's; a phrase is other"
