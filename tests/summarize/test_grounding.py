"""Holding the model's answer to the document: numbers, entities, key points, cut sentences."""

from chunking.evidence import Sentence
from rules.layout import glued_heading
from summarize.citations import PageIndex
from summarize.entities import grounded_entities
from summarize.grounding import (
    clean_prose, complete_sentences, completed, grounded_block, grounded_points, grounded_title, in_document_order,
    named_parties,
    readable, sentences_of, summary_text, trimmed, unlinked, with_best, with_clauses,
)
from summarize.schema import KeyPoint

DOC = (
    "SERVICES\n\nThe Provider shall service the equipment every quarter. The Client pays GBP 4,800 per quarter. "
    "Either party may end the agreement with ninety (90) days notice. The agreement starts on 1 March 2025."
)


def test_sentences_with_numbers_the_document_never_writes_are_dropped():
    text = "The Client pays GBP 4,800 per quarter. Late fees are 12% a year. It starts on 1 March 2025."
    assert summary_text([text, "It starts on 1 March 2025."], None, DOC, "en") == (
        "The Client pays GBP 4,800 per quarter. It starts on 1 March 2025."
    ), "invented numbers and repeats go"
    assert summary_text(["Russia has 550. 000 cases [page 2] in all."], None, "550.000", "en") == "Russia has 550.000 cases in all."
    assert sentences_of("Russia has 550.000 cases. Then 7.5 more.") == ["Russia has 550.000 cases.", "Then 7.5 more."]


def test_numbers_the_model_broke_are_mended_only_where_the_document_writes_them_whole():
    from summarize.grounding import clean_prose

    assert clean_prose("Russia has 550. 000 cases [page 2] and […] more.", "550.000 cases") == "Russia has 550.000 cases and more."
    assert clean_prose("In 1999, 250 people came.", "In 1999, 250 people came.") == "In 1999, 250 people came."


def test_a_field_with_an_invented_number_becomes_null_and_list_items_go():
    block = {"term": "24 months", "payment": "GBP 4,800 per quarter",
             "obligations": ["Service 12 times", "Service the equipment every quarter", "Payment terms", "Service"]}
    assert grounded_block(block, DOC) == {
        "term": None, "payment": "GBP 4,800 per quarter", "obligations": ["Service the equipment every quarter"],
    }, "an invented number and a heading's words are no obligations"
    assert grounded_block({"findings": ["维护设备每季度一次"]}, "维护设备每季度一次。") == {"findings": ["维护设备每季度一次"]}
    assert grounded_block(None, DOC) is None


def test_an_invented_or_sentence_long_title_gives_way_to_the_summarys_opening():
    doc = "Le second tour des municipales se tient dimanche dans les villes de France. Les électeurs votent masqués."
    summary = "Les électeurs votent dimanche dans près de 5.000 communes de France pour le second tour des municipales."
    assert grounded_title("Alhambra, une ville de la Belgique", doc, summary, "fr") == (
        "Les électeurs votent dimanche dans près de 5.000 communes de France pour…"
    ), "Alhambra and Belgium are nowhere in the document"
    assert grounded_title("Le second tour dans les villes de France", doc, summary, "fr") == "Le second tour dans les villes de France"
    assert grounded_title("Second round in French cities", doc, summary, "en", own_language=False) == "Second round in French cities"
    sentence = "The electors vote on Sunday in nearly five thousand communes across France for the second round."
    assert grounded_title(sentence, doc, "Short summary.", "en", own_language=False) == "Short summary", "a sentence is no title"
    opening = "However, most work cannot deal with the case for general networks. We derive a tight bound."
    assert grounded_title(sentence, doc, opening, "en", own_language=False) == (
        "Most work cannot deal with the case for general networks"
    ), "the summary's opening without the word that ties it to a sentence before"
    report = "Sexual assault in the U.S. armed services: reports of incidents and of what Congress did."
    assert grounded_title("Sexual Assault in the U.S.", report, summary, "en") == "Sexual Assault in the U.S."


def test_a_readable_sentence_loses_a_heading_run_into_it_and_math_pieces_and_courtesies_are_not_readable():
    assert readable("4.3 PENN TREEBANK: LANGUAGE MODELING On the treebank, we evaluate the model on both tasks.") == (
        "On the treebank, we evaluate the model on both tasks."
    )
    assert readable("Theorem 2 (binary case) Let f : Rd → Y be a deterministic or random function.") is None
    assert readable('TRAFIC INTERROMPU GARE DE LYONLes manifestants se sont éloignés sans incident peu avant 20h.') == (
        "Les manifestants se sont éloignés sans incident peu avant 20h."), "a news page's subheading glued to its paragraph"
    assert glued_heading('VALLS "EN A ASSEZ" DES "PROCÈS DE LA GAUCHE""J\'assume cette loi.') == 'VALLS "EN A ASSEZ" DES "PROCÈS DE LA GAUCHE"'
    assert readable('- Vénézuéliens "nouveaux Cubains" -A l\'opposé, le soutien à Donald Trump semble s\'être renforcé.') == (
        "A l'opposé, le soutien à Donald Trump semble s'être renforcé.")
    assert readable("The lines have been obtained from the total effective free energy ( see eq .") is None
    assert readable("好，非常感谢，那我们李总继续。") is None
    assert readable("we determine first an anchoring energy function of the patterned substrate.", cased=False) == (
        "We determine first an anchoring energy function of the patterned substrate."
    ), "a lower-cased text's sentence starts with a capital for the reader"
    assert readable("such kernel methods [3] are called support vector machines (svms), as shown in this work.", cased=False) == (
        "Such kernel methods [3] are called support vector machines (svms), as shown in this work."
    ), "a citation inside the clause stays; one at its end goes (test below)"


def test_a_sentence_cut_by_the_length_bound_is_removed():
    assert complete_sentences("One whole sentence. A cut-off sent", 34, "en") == "One whole sentence."
    assert complete_sentences("Short and unbounded", None, "en") == "Short and unbounded"


def test_junk_points_go_and_the_documents_best_sentences_fill_up_to_three():
    index = PageIndex({1: DOC})
    summary = "The Provider services the equipment; the Client pays quarterly."
    points = [
        KeyPoint("SERVICES", (1,)),
        KeyPoint("Either party may end the agreement with ninety (90) days notice.", (1,)),
        KeyPoint("The Client pays GBP 9,999 per month.", (1,)),
    ]
    candidates = [Sentence(0, 1, "The agreement starts on 1 March 2025.", 8), Sentence(1, 1, "SERVICES", 1),
                  Sentence(2, 1, "The Provider shall service the equipment every quarter.", 9)]
    kept, filled = grounded_points(points, summary, DOC, index, lambda: candidates)
    assert [k.text for k in kept] == [
        "Either party may end the agreement with ninety (90) days notice.",
        "The agreement starts on 1 March 2025.",
        "The Provider shall service the equipment every quarter.",
    ]
    assert filled == 2


def test_a_short_summary_is_completed_with_the_documents_best_sentences_it_does_not_already_say():
    ranked = [Sentence(2, 1, "The Client pays GBP 4,800 per quarter.", 8),
              Sentence(1, 1, "The Provider shall service the equipment every quarter.", 9),
              Sentence(3, 1, "Either party may end the agreement with ninety (90) days notice.", 11)]
    summary = "The Provider services the equipment every quarter."
    text, added = completed(summary, ranked, words=20, language="en")
    assert added == 2
    assert text == summary + " The Client pays GBP 4,800 per quarter. Either party may end the agreement with ninety (90) days notice."
    assert completed(summary, ranked, words=6, language="en") == (summary, 0), "long enough already"
    assert completed(summary, ranked, words=8, language="en") == (summary + " The Client pays GBP 4,800 per quarter.", 1), (
        "a summary just short of the length gets one more sentence, which may cross it (as the baselines' extracts do)"
    )


def test_a_summary_written_from_evidence_best_first_is_put_back_in_the_documents_order():
    document = [Sentence(0, 1, "The Provider shall service the equipment every quarter.", 9),
                Sentence(1, 1, "The Client pays GBP 4,800 per quarter.", 8),
                Sentence(2, 2, "Either party may end the agreement with ninety (90) days notice.", 11)]
    summary = ("Either party may end the agreement with ninety days notice. It must be given in writing. "
               "The Provider services the equipment every quarter.")
    assert in_document_order(summary, document, "en") == (
        "The Provider services the equipment every quarter. Either party may end the agreement with ninety days notice. "
        "It must be given in writing."
    ), "a sentence the document does not say stays after the one before it"
    assert in_document_order("", document, "en") == ""
    meeting = [Sentence(0, 1, "第一句话说会议开始了。", 5), Sentence(1, 1, "第二句话说预算增加了。", 5)]
    assert in_document_order("第二句话说预算增加了。第一句话说会议开始了。", meeting, "zh") == (
        "第一句话说会议开始了。第二句话说预算增加了。"
    ), "CJK sentences are matched by their character pairs and joined without spaces"


def test_a_summary_longer_than_asked_loses_its_last_sentences_once_the_length_is_reached():
    summary = ("The Provider services the equipment every quarter. The Client pays GBP 4,800 per quarter. "
               "Either party may end the agreement with ninety (90) days notice.")
    assert trimmed(summary, words=10, language="en") == (
        "The Provider services the equipment every quarter. The Client pays GBP 4,800 per quarter.", 1
    ), "the sentence that crosses the length stays; the next goes"
    assert trimmed(summary, words=8, language="en")[1] == 1
    assert trimmed(summary, words=7, language="en")[1] == 2
    assert trimmed(summary, words=40, language="en") == (summary, 0)
    chinese = "会议讨论了预算。" * 3 + "最后决定下周再议。"
    text, dropped = trimmed(chinese, words=6, language="zh")
    assert (text, dropped) == ("会议讨论了预算。会议讨论了预算。", 2), "CJK counts about 1.6 characters a word"


def test_the_term_gets_the_renewal_clause_when_the_model_left_it_out():
    renewal = "This Agreement renews automatically for successive one (1) year periods."
    assert with_clauses({"term": "24 months"}, [], [renewal])["term"] == f"24 months. {renewal}"
    assert with_clauses({"term": "24 months, renewing yearly"}, [], [renewal])["term"] == "24 months, renewing yearly."
    assert with_clauses({"term": None}, ["The term is two years."], [])["term"] == "The term is two years."
    assert with_clauses({"term": None}, [], [])["term"] is None
    five = "The term of this Agreement shall continue in effect for a FIVE (5) year period."
    assert with_clauses({"term": "15 years"}, [five], [])["term"] == five, "a number the term clauses never state"
    assert with_clauses({"term": "5 years"}, [five], [])["term"] == "5 years."
    # The model's "5 years." shares a word with a term clause that also renews; it does not say the renewal.
    both = ("This Agreement shall continue in effect for a period of five (5) years. Thereafter the term shall be "
            "automatically renewed for additional two (2) years.")
    assert with_clauses({"term": "5 years."}, [both], [both])["term"] == f"5 years. {both}"
    assert with_clauses({"term": None}, [both], [both])["term"] == both, "the clause once"


def test_a_termination_that_says_nothing_of_ending_and_a_missing_law_come_from_their_clauses():
    clause = "7.1 Either party may terminate this Agreement by written notice after a material breach."
    law = "8.1 This Agreement is governed by the laws of Scotland, and its courts decide any dispute."
    contract = {"term": "two years", "termination": "Client shall pay GBP 4,800 per quarter.", "governing_law": None}
    out = with_clauses(contract, [], [], [clause], [law])
    assert out["termination"] == "Either party may terminate this Agreement by written notice after a material breach."
    assert out["governing_law"] == "laws of Scotland"
    kept = {"term": "two years", "termination": "Either party may terminate on notice.", "governing_law": "Scots law"}
    assert with_clauses(kept, [], [], [clause], [law]) == {**kept, "term": "two years."}, "the model's sound fields stay"
    assert with_clauses(contract, [], [])["termination"] is None, "no clause to take it from: null, not the payment"
    wrong = {**kept, "governing_law": "Switzerland and Delaware"}
    assert with_clauses(wrong, [], [], [clause], [law])["governing_law"] == "laws of Scotland", "a law the clause never names"
    obeys = "The Provider shall comply with the laws of England in all of its work."
    assert with_clauses(wrong, [], [], [clause], [obeys])["governing_law"] == "Switzerland and Delaware", "no choice of law"


def test_fragments_references_and_a_phrase_said_a_third_time_are_not_summary_sentences():
    doc = "The Committee reviewed the emergency powers of the President in 1976. " * 3
    sentences = [
        "The Committee reviewed the emergency powers of the President.",
        "most of the tasks.",  # the tail of a sentence cut at a line
        "The review of the emergency powers of the President took a year and",  # stopped mid-sentence
        "U.S. Congress, Senate Committee on Government Operations, National Emergencies Act, 94 th Cong., 2 nd sess.",
        "Its report on the emergency powers of the President was published.",
        "Then the emergency powers of the President were reviewed again.",
    ]
    assert summary_text(sentences, None, doc, "en") == (
        "The Committee reviewed the emergency powers of the President. "
        "Its report on the emergency powers of the President was published."
    )
    whole = ["La crise est là, mais elle est gérée", "Le pic de la pandémie était 'passé'"]
    assert summary_text(whole, None, "La crise est là.", "fr") == (
        "La crise est là, mais elle est gérée. Le pic de la pandémie était 'passé'."
    ), "a whole list item the model ended without a full stop is a sentence"
    pieces = ["Small RNAs include several kinds of molecules (small interfering RNA)", "microRNA and piwi-interacting RNA"]
    assert summary_text(pieces, None, doc, "en") == "", "a sentence the model broke into items is not closed"
    heading = "Review of the Emergency Powers of the President"
    assert summary_text([heading], None, f"{heading}\n{doc}", "en") == "", "a heading of the document stays a heading"
    assert summary_text(["The review of the powers took a year"], 38, doc, "en") == "", "an item the length bound cut"
    assert summary_text(["会议讨论了项目的进度"], None, "会议讨论了项目的进度。", "zh") == "会议讨论了项目的进度", (
        "CJK lists often end without a full stop"
    )


def test_questions_and_latex_labels_are_not_readable_and_a_closing_thanks_is_taken_off():
    assert readable("谢谢李老师，您这个从技术的角度，这种协同您觉得应该是一个什么样的趋势？") is None, "a question states nothing"
    assert readable("What is the best way to measure the rate of all these samples?") is None
    assert readable("Section [ratessection] contains our main results on learning rates for svms.") is None
    assert readable("然后也希望就是有优质的投资机构，大家一起来孵化更多的项目，谢谢。") == "然后也希望就是有优质的投资机构，大家一起来孵化更多的项目。"
    assert readable("We measured the rate in all of the ten samples. Thank you all.") == "We measured the rate in all of the ten samples."
    assert readable("The results [12] show that we measured the rate well.") == "The results [12] show that we measured the rate well."


def test_a_sentence_broken_in_two_and_a_tail_with_an_invented_first_word_are_not_summary_sentences():
    doc = ("Les 21 amendements adoptés, sur plus de 5.000 étudiés, devront donc être à nouveau soumis au vote. "
           "En 2019, le comité a approuvé le plan de réforme des retraites.")
    sentences = ["Devont donc être à nouveau soumis au vote.",  # "devront", mangled, after a comma of the document
                 "Le comité a approuvé le plan de réforme des retraites.",  # a clause that stands alone, after a comma
                 "Ok fini.", "Les amendements devront donc être à nouveau soumis au vote.",
                 "Amendement adoptés, sur plus de 5.000 étudiés, devront donc être revus."]  # a word it has, reworded
    assert summary_text(sentences, None, doc, "fr") == (
        "Le comité a approuvé le plan de réforme des retraites. Les amendements devront donc être à nouveau soumis au vote. "
        "Amendement adoptés, sur plus de 5.000 étudiés, devront donc être revus."
    )
    zh = "我们讨论了互联网教育如何改变未来教育格局的问题。"
    assert summary_text(["我们讨论了互联网教育如何改变未来教育格局", "的问题。"], None, zh, "zh") == "我们讨论了互联网教育如何改变未来教育格局"


def test_summary_sentences_of_a_lower_cased_corpus_start_with_a_capital_and_pieces_go():
    doc = "the study enrolled 120 children in shiraz . the intervention lasted six months ( see table 2 ) ."
    text = summary_text(["the study enrolled 120 children in shiraz.", "The intervention lasted ( see table"], None, doc, "en")
    assert text == "The study enrolled 120 children in shiraz."


def test_clause_numbers_copied_into_the_summary_and_fields_are_taken_off():
    doc = ("MICOA shall approve all advertising. MICOA will share development costs of promotional materials. "
           "The subagency shall comply with all MICOA requirements.")
    model = ["The Agency will not advertise without the approval of MICOA. 7. MICOA will share development costs of "
             "promotional materials. The subagency shall comply with all MICOA requirements. 2."]
    assert summary_text(model, None, doc, "en") == (
        "The Agency will not advertise without the approval of MICOA. MICOA will share development costs of "
        "promotional materials. The subagency shall comply with all MICOA requirements."
    )
    figures = "2.5 million children were vaccinated in 2020."
    assert summary_text([figures], None, figures, "en") == figures, "a figure that starts a sentence is no clause number"
    block = with_clauses({"term": None, "termination": None}, [",. This Agreement shall terminate upon 120 days notice."], [])
    assert block["term"] == "This Agreement shall terminate upon 120 days notice."


def test_a_party_the_model_names_again_is_not_listed_twice():
    doc = 'This Agreement is made between NETGEAR, Inc. ("NETGEAR") and Ingram Micro of Santa Ana. NETGEAR ships the Products.'
    block = named_parties({"parties": ["NETGEAR", "Ingram Micro", "NETGEAR, Inc."]}, doc)
    assert block["parties"] == ['NETGEAR, Inc. ("NETGEAR")', "Ingram Micro"]


def test_a_summary_sentence_that_echoes_the_instructions_is_dropped_unless_the_document_says_it():
    told = ('- "summary": what the parties agree, in your own words: who does what for whom, '
            "for how long, for what payment, and how it can end; not the opening clause copied.")
    echo = "For each party, for how long, for what payment, and how it can end; not the opening clause copied."
    real = "The Provider services the equipment every quarter for GBP 4,800."
    assert summary_text([echo, real], None, DOC + " " + real, "en", told) == real
    assert summary_text([echo], None, DOC + " " + echo, "en", told) == echo, "the document's own sentence stays"


def test_a_defined_term_the_model_gives_as_another_party_is_the_same_party():
    doc = ('This Agreement is made by Papa John\'s International, Inc. ("PJI") with ABG-Shaq, LLC. '
           "PJI shall pay ABG-Shaq the fee.")
    pji = 'Papa John\'s International, Inc. ("PJI")'
    block = named_parties({"parties": [pji, "ABG-Shaq", "PJI"]}, doc)
    assert block["parties"] == [pji, "ABG-Shaq"]
    fund = "Papa John's Marketing Fund, Inc."
    doc = f'{doc} {fund}, a Kentucky corporation ("PJMF"), pays its share.'
    assert named_parties({"parties": [pji, fund, "PJMF"]}, doc)["parties"] == [pji, fund], "the document defines PJMF"
    acme = "Acme Widgets Ltd"
    doc = f'{doc} {acme}, a company of England (hereinafter referred to as "AWL"), supplies the cups.'
    assert named_parties({"parties": [pji, acme, "AWL"]}, doc)["parties"] == [pji, acme], "defined with 'hereinafter'"


def test_contract_fields_that_state_nothing_give_way_to_their_clauses_or_to_null():
    five = "The term of this Agreement shall continue in effect for a FIVE (5) year period."
    assert with_clauses({"term": "forever"}, [five], [])["term"] == five, "no length, date or end: no term"
    assert with_clauses({"term": "forever"}, [], [])["term"] is None
    headed = "Term and Termination 11.1 This Agreement shall continue for five (5) years."
    assert with_clauses({"term": None}, [headed], [])["term"] == "This Agreement shall continue for five (5) years."
    clause = "Either party may terminate this Agreement upon ninety (90) days written notice."
    assert with_clauses({"termination": "Termination after 12 months"}, [], [], [clause])["termination"] == clause
    assert with_clauses({"termination": "Termination"}, [], [])["termination"] is None, "a topic is no termination"
    assert with_clauses({"governing_law": "Section 18"}, [], [])["governing_law"] is None, "a section is no law"
    assert with_clauses({"governing_law": "United States"}, [], [])["governing_law"] == "United States"
    israel = "the laws of the State of Israel"
    assert with_clauses({"governing_law": israel}, [], [])["governing_law"] == israel
    law = "THIS AGREEMENT SHALL BE GOVERNED BY THE LAWS OF THE STATE OF COLORADO, WITHOUT REGARD TO ITS CONFLICT OF LAWS."
    assert with_clauses({"governing_law": law}, [], [], [], [law])["governing_law"] == "LAWS OF THE STATE OF COLORADO"
    until = "The term of this Agreement shall continue until the expiration of the last royalty obligation."
    assert with_clauses({"term": "for 6 months"}, [until], [])["term"] == until, "a duration no clause states"
    renews = "This Agreement renews for successive one (1) year periods."
    assert with_clauses({"term": "2 years, renewing for 1 year"}, ["It runs for two (2) years."], [renews])["term"] == (
        "2 years, renewing for 1 year."), "the renewal clause states the year"
    pays = "The Distributor shall pay Cisco USD 10,000 per quarter within 30 days of each invoice."
    assert with_clauses({"payment": "2019"}, [], [], payment=[pays])["payment"] == pays, "a year is no payment"
    assert with_clauses({"payment": "non-transferable"}, [], [])["payment"] is None
    assert with_clauses({"payment": "USD 10,000 a quarter"}, [], [], payment=[pays])["payment"] == "USD 10,000 a quarter"
    assert with_clauses({"payment": "US$[]"}, [], [])["payment"] is None, "a redacted figure says nothing"
    free = "The Company hereby grants to Allscripts a non-exclusive, royalty-free, fully paid-up license to the software."
    assert with_clauses({"payment": free}, [], [], payment=[pays])["payment"] == pays, "a royalty-free grant pays nothing"
    assert with_clauses({"payment": "the Services fee"}, [], [], payment=[pays])["payment"] == pays, "a fee's name is no payment"
    colombia = "The relation established in the Contract hereof is governed by the regulations of Colombian private law."
    assert with_clauses({"governing_law": None}, [], [], [], [colombia])["governing_law"] == "Colombian private law"
    jersey = ("This Agreement shall be deemed to have been entered into in the State of New Jersey, and shall be construed "
              "in accordance with the laws of that State.")
    assert with_clauses({"governing_law": None}, [], [], [], [jersey])["governing_law"] == "State of New Jersey"
    assert readable("% of BCF for such month, as the parties agreed in the schedule.") is None, "cut from the sentence before"
    assert readable("Choice of Law and Forum - This Agreement will be construed in accordance with the laws of Illinois.") == (
        "This Agreement will be construed in accordance with the laws of Illinois."), "a heading run in with a dash"
    assert readable("Time and Materials Rates - the rates specified in each Product License Schedule for services.") is None
    assert summary_text(["Party - Bank of America or Supplier.", "Bank of America licenses the software for use."], None,
                        "Party - Bank of America or Supplier. Bank of America licenses the software for use.", "en") == (
        "Bank of America licenses the software for use."), "a labelled entry is no summary sentence"
    glued = ("The runtime depends only linearly on K. 5.3 VARIATIONS OF THE JVI ESTIMATOR Variations of the estimator "
             "with improved runtime exist.")
    assert readable(glued) is None, "two sentences around a numbered heading"
    assert readable("The Army spent 5.3 billion dollars in FY 2019 on the new program.") is not None
    dhaka = "Dhaka ist die Hauptstadt Bangladeschs und die größte Stadt des Landes. Dhaka liegt am Fluss Dhaleshwari."
    said = ["Die Hauptstadt Bangladeschs ist die Hauptstadt Bangladeschs und die größte Stadt des Landes.",
            "Dhaka liegt am Fluss Dhaleshwari."]
    assert summary_text(said, None, dhaka, "de") == "Dhaka liegt am Fluss Dhaleshwari.", "its subject is itself: a lost name"
    talk = "中心化和去中心化是中心化和去中心化相关，就是单纯依靠中心化是不可行的。"
    assert summary_text([talk], None, talk, "zh") == "就是单纯依靠中心化是不可行的。", "a transcript's empty first clause"
    report = "The report is the report of the committee on energy and water."
    assert summary_text([report], None, report, "en") == report
    web = "Un système universelLe futur système concernera l'ensemble des personnes travaillant en France."
    assert summary_text([web], None, web, "fr") == (
        "Le futur système concernera l'ensemble des personnes travaillant en France."), "a heading glued without a space"
    aside = "Microsoft - the company behind Windows - said it would pay the fine in full."
    assert readable(aside) == aside, "a name with an aside between dashes is no label"
    ends = "Either party may terminate this Agreement upon ninety (90) days written notice."
    odd = "The Distributor's failure to pay any monies under this Agreement shall be terminated."
    assert with_clauses({"termination": odd}, [], [], [ends])["termination"] == ends, "no termination clause says that"
    assert with_clauses({"term": "one year"}, ["The term of this Agreement runs through March 15, 2022."],
                        ["The Agreement may be extended for one (1) year."])["term"] == (
        "The term of this Agreement runs through March 15, 2022. The Agreement may be extended for one (1) year."
    ), "the renewal's year is not the term's"


def test_a_role_the_model_gives_as_a_party_is_no_name():
    doc = "The Transporter shall receive the Crude of the Sender at ECOPETROL's entrance point in Vasconia."
    block = named_parties({"parties": ["Transporter", "the Sender", "ECOPETROL"]}, doc)
    assert block["parties"] == ["ECOPETROL"]


def test_signposts_and_run_together_symbols_are_not_readable_but_greek_names_are():
    assert readable("In this section, we review the monotonic attention approaches in RNN models.") is None
    assert readable("The next chapter describes how the surveys were collected in each district.") is None
    assert readable("In diesem Abschnitt werden die Methoden der Messung genauer beschrieben.") is None
    assert readable("Rote Liste: 1 (CR) = vom Aussterben bedroht; 2 (EN) = stark gefährdet; 3 (VU) = gefährdet.") is None, "a key"
    assert readable("The posterior approximation consists of qθtk and the running memory of the model.") is None
    assert readable("However, the effective free energy method is applicable only if eq.") is None, "cut at 'eq.'"
    assert readable("Die Stadt wurde 1856 mit der Strecke Winkeln - St. Gallen der St.") is None, "cut at 'St.'"
    assert readable("MEMORY UPDATE The authors of VCL propose to use a memory for the loss.") == (
        "The authors of VCL propose to use a memory for the loss.")
    assert readable("EU AI Act rules apply to every provider of a general purpose model.") is not None, "acronyms stay"
    assert readable("Levels of TNFα rose in all of the treated mice after two weeks.") is not None
    assert readable("La partie adverse a contesté la décision du tribunal de commerce de Paris.") is not None
    assert readable("This report focuses on the income of the undergraduate student population.") is not None


def test_speaker_labels_are_no_entity_title_or_part_of_a_summary_and_a_common_noun_is_no_name():
    doc = "说话人1：我们今天讨论项目的进度，以及下一步的安排。说话人2：好的。Le professeur Amjad Khan explique."
    entities = [{"name": "说话人1", "type": "person"}, {"name": "professeur", "type": "person"},
                {"name": "Amjad Khan", "type": "person"}]
    assert grounded_entities(entities, doc) == [{"name": "Amjad Khan", "type": "person"}]
    summary = summary_text(["说话人1：我们今天讨论项目的进度，以及下一步的安排。"], None, doc, "zh")
    assert summary == "我们今天讨论项目的进度，以及下一步的安排。"
    assert grounded_title("说话人1：我们今天讨论项目的进度", doc, summary, "zh") == "我们今天讨论项目的进度，以及下一步的安排"


def test_captions_formulas_and_questions_are_not_summary_sentences_and_labels_are_no_entities():
    doc = ("Das Skript wurde im Wintersemester 2013/2014 von Martin Thoma geschrieben (von Neumann). Sei (X, T) ein topologischer "
           "Raum und M ⊆X eine Teilmenge. Abbildung 1.8: Beispiele für Räume, die zusammenhängend sind. "
           "Warum ist das so wichtig für die Studierenden? Definition 33 gilt für jede Gruppe.")
    sentences = ["Das Skript wurde im Wintersemester 2013/2014 von Martin Thoma geschrieben.",
                 "Sei (X, T) ein topologischer Raum und M ⊆X eine Teilmenge.",
                 "Abbildung 1.8: Beispiele für Räume, die zusammenhängend sind.",
                 "Warum ist das so wichtig für die Studierenden?"]
    assert summary_text(sentences, None, doc, "de") == sentences[0]
    entities = [{"name": "Martin Thoma", "type": "person"}, {"name": "M ⊆X", "type": "place"},
                {"name": "Definition 33", "type": "law"}, {"name": "topologischer Raum", "type": "place"}]
    assert grounded_entities(entities, doc) == [{"name": "Martin Thoma", "type": "person"}]
    assert grounded_entities([{"name": "von Neumann", "type": "person"}], doc) == [{"name": "von Neumann", "type": "person"}]
    assert readable("Definition 14 Sei X ein topologischer Raum mit der Topologie T.") is None
    assert readable("Table 2 shows that survival improved in the treated group of patients.") is not None
    assert readable("Figure 3 (a) shows that survival improved in the treated group.") is not None
    assert readable("Lemma 2 (Zorn) Jede induktiv geordnete Menge hat ein maximales Element.") is None
    label = "Bemerkung 1 (Mengen, die offen & abgeschlossen sind, ex.)"  # a label and its name, copied by the model
    assert summary_text([label, sentences[0]], None, label + " " + doc, "de") == sentences[0]


def test_a_person_the_document_writes_with_an_article_is_a_thing():
    doc = ("Der Airbag schützt die Insassen. Ein Airbag entfaltet sich in 30 Millisekunden. Airbag-Systeme sind Pflicht. "
           "Bertha Benz fuhr 1888 von Mannheim nach Pforzheim.")
    entities = [{"name": "Airbag", "type": "person"}, {"name": "Bertha Benz", "type": "person"}]
    assert grounded_entities(entities, doc) == [{"name": "Airbag", "type": "other"}, {"name": "Bertha Benz", "type": "person"}]


def test_an_effective_date_that_states_no_date_is_null():
    from summarize.grounding import dated

    # The model took a party's ZIP code from the parties clause for the effective date.
    assert dated({"effective_date": "29615", "term": "two (2) years"}) == {"effective_date": None, "term": "two (2) years"}
    for value in ("1 March 2024", "2024-03-01", "01.03.2024", "15 mai 2023", "3月1日",
                  'the date last written below ("the Effective Date")', "upon signature by both parties"):
        assert dated({"effective_date": value})["effective_date"] == value


def test_a_term_extended_only_by_a_new_agreement_gets_the_renewal_clause():
    term = ("This Agreement shall commence on the Effective Date and continue thereafter for a period of two (2) years, "
            "unless extended by written agreement of both parties or sooner terminated as set forth below.")
    renewal = ("Cisco may, by written notice to Distributor, extend the term of the Agreement for the period set forth "
               "in such notice, up to a maximum of one (1) year beyond the then-current expiration date.")
    assert with_clauses({"term": term}, [term], [renewal])["term"] == f"{term} {renewal}"
    # A renewal the model wrote itself, or the clause already quoted, is not quoted again.
    assert with_clauses({"term": f"{term} {renewal}"}, [term], [renewal])["term"] == f"{term} {renewal}"


def test_a_full_stop_after_an_abbreviation_or_a_title_ends_no_sentence():
    from rules.sentences import ends_in_abbreviation

    for cut in ("as shown in Sec.", "costs rose by approx.", "Meschia et al .", "a letter from Mr.", "the U . S .", "Laut z. B."):
        assert ends_in_abbreviation(cut), cut
    for whole in ("The agreement ends in May.", "The results are in Table 2.", "It was signed in the U.S."):
        assert not ends_in_abbreviation(whole), whole


def test_the_end_of_a_documents_sentence_gets_its_start_back_or_goes():
    from summarize.grounding import whole_sentence

    doc = ("Airbags schützen. Dadurch wird verhindert, dass der Insasse gegen harte Teile des Innenraumes prallt.\n\n"
           "2.1 Scope\nThe cat sat on the mat, and the dog barked at\nthe cat. A" + " very" * 40 + " long sentence ends in its tail here.")
    assert whole_sentence("Insasse gegen harte Teile des Innenraumes prallt.", doc) == (
        "Dadurch wird verhindert, dass der Insasse gegen harte Teile des Innenraumes prallt."
    )
    assert whole_sentence("The dog barked at the cat.", doc) == "The cat sat on the mat, and the dog barked at the cat.", (
        "a line break inside a sentence (PDF text) is no sentence start"
    )
    assert whole_sentence("The cat sat on the mat, and the dog barked.", doc) == "The cat sat on the mat, and the dog barked.", (
        "after a heading's line: a start"
    )
    assert whole_sentence("Airbags schützen.", doc) == "Airbags schützen."
    assert whole_sentence("The Provider shall pay.", "The parties agree that:\n(a) the Provider shall pay.") == "The Provider shall pay."
    assert whole_sentence("The dog barked.", "The cat sat on the mat, the dog barked.") == "The dog barked.", "a clause after a comma stands alone"
    vote = ("Plus de 157.000 candidats sont concernés par ce scrutin hors normes, plus de trois mois après le report du vote. "
            "A cat sat on the mat all day long.")
    assert whole_sentence("Le scrutin hors normes, plus de trois mois après le report du vote.", vote) == (
        "Plus de 157.000 candidats sont concernés par ce scrutin hors normes, plus de trois mois après le report du vote."
    ), "a tail whose determiner the model changed gets its start back"
    assert whole_sentence("The cat sat on the mat all day long.", vote) == "A cat sat on the mat all day long.", (
        "a sentence's own start, whose article the model changed: the document's words"
    )
    assert whole_sentence("The dog slept on the sofa all day.", vote) == "The dog slept on the sofa all day.", "not in the document"
    assert whole_sentence("The model wrote this in its own words.", doc) == "The model wrote this in its own words."
    assert whole_sentence("Long sentence ends in its tail here.", doc) is None, "too much lost to put back"
    pubmed = "a quick assessment is needed . in 2000 , meschia et al . developed the questionnaire for verifying stroke - free status ."
    assert whole_sentence("Developed the questionnaire for verifying stroke-free status.", pubmed) == (
        "in 2000, meschia et al. developed the questionnaire for verifying stroke-free status."
    ), "'et al.' ends no sentence; the model's tidied punctuation stays"
    report = "The plan was approved. Costs rose by approx. half the budget in the first year."
    assert whole_sentence("Half the budget in the first year.", report) == (
        "Costs rose by approx. half the budget in the first year."
    ), "nor does 'approx.' (the abbreviations the splitter joins across)"
    zh = "欢迎各位。中国石油和化学工业联合会副秘书长。这样一个话题我们大家都知道这个可持续发展气候变化已经成了焦点。"
    assert whole_sentence("联合会副秘书长。", zh) == "中国石油和化学工业联合会副秘书长。", "a name's start put back"
    assert whole_sentence("气候变化已经成了焦点。", zh) == "气候变化已经成了焦点。", "a clause that may stand alone"
    assert summary_text(["Insasse gegen harte Teile des Innenraumes prallt."], None, doc, "de") == (
        "Dadurch wird verhindert, dass der Insasse gegen harte Teile des Innenraumes prallt."
    )


def test_signposts_are_not_summary_sentences():
    doc = "In this section, we motivate the use of blurred data. Blurred data fool the novelty detectors we tested."
    sentences = ["In this section, we motivate the use of blurred data.", "The full proof is in Appendix C.",
                 "We state a modified Neyman-Pearson lemma, with the proof in Appendix A.",
                 "Blurred data fool the novelty detectors we tested."]
    assert summary_text(sentences, None, doc, "en") == "Blurred data fool the novelty detectors we tested."


def test_a_quotation_cut_from_its_speaker_is_not_a_summary_sentence():
    doc = ('Le pays a fait état d\'un record de cas."La crise est là, mais elle est gérée", a affirmé le chef du '
           'gouvernement du Brésil. Pékin juge la situation extrêmement grave.')
    sentences = ["La crise est là, mais elle est gérée.", "Pékin juge la situation extrêmement grave."]
    assert summary_text(sentences, None, doc, "fr") == "Pékin juge la situation extrêmement grave."


def test_sentences_whose_citations_were_taken_out_are_not_statements():
    assert readable("Many results were published for the least squares loss, see e.g.,,,,, and the references therein.") is None
    assert readable("The notation was historically used for special kernels only, we refer to.") is None
    assert readable("Upper bounds on the maxbias are known for such losses, see e.g. for the general case.") is None
    assert readable("We refer to the committee's report for the budget of the year.") is not None
    assert readable("For the general case, see the survey of robust kernel methods in the literature.") is not None
    assert readable("As we see in the second table, the error falls with the sample size.") is not None
    assert readable("This was shown, e.g., in the first trial of the new vaccine.") is not None


def test_a_word_the_model_misspelled_in_a_title_is_written_as_the_document_writes_it():
    from summarize.grounding import respelled

    doc = "Aarhus ist die zweitgrößte Stadt Dänemarks. Learning rates of regularized kernels. Die Konkurrenten Randers."
    assert respelled("Aarhus: Die zweitgrößste Stadt", doc) == "Aarhus: Die zweitgrößte Stadt"
    assert respelled("Regularised Kernel Models", doc) == "Regularized Kernel Models", "a slip inside; not a plural"
    assert respelled("Die Konkurrentin", doc) == "Die Konkurrentin", "an ending is grammar"
    assert grounded_title("Aarhus, die zweitgrößste Stadt Dänemarks", doc, "", "de") == "Aarhus, die zweitgrößte Stadt Dänemarks"


def test_citation_numbers_at_a_clause_end_are_taken_out_but_not_one_a_sentence_names_nor_a_contract_s_blank():
    assert readable("Mirnas regulate the stability of their target mrna [1, 2].") == "Mirnas regulate the stability of their target mrna."
    blank = "Payment is due within [30] days of the invoice, and the term is [3] years."
    assert clean_prose(blank) == blank, "a bracketed blank inside a clause is the contract's, not a citation"
    assert clean_prose("They regulate apoptosis [5-11]; and cell growth [3].") == "They regulate apoptosis; and cell growth."
    named = "We use the method of [4] and the bound in [2-4], as in ref. [7]."
    assert clean_prose(named) == named, "a citation the sentence reads as a noun stays"
    assert readable("[12] Smith J. A study of the growth of cells. Nature 2003.") is None, "a bibliography entry"


def test_a_title_the_model_listed_is_no_summary_sentence():
    items = ["Sexual Assault and Sexual Harassment in the U.S.",
             "January 30, 2014 – The Panel accepted a recommendation of its Subcommittee."]
    doc = "Reports on sexual assault.\nJanuary 30, 2014 – The Panel accepted a recommendation of its Subcommittee."
    assert summary_text(items, None, doc, "en") == items[1], "else it runs into the next sentence after 'U.S.'"
    assert summary_text(["The Fire Administration moved to FEMA in the U.S."], None, doc, "en") != ""
    assert summary_text(["Die Stadt Aarhus Hat Einen Hafen."], None, "Die Stadt Aarhus hat einen Hafen.", "de") != "", (
        "German capitalizes its nouns"
    )


def test_a_norm_is_mathematics_not_prose():
    sentence = "We show that the worst case is bounded by the specific direction (‖δ‖1, 0, · · ·, 0)."
    assert summary_text([sentence, "The bound holds for every classifier we tested on images."], None, "x", "en") == (
        "The bound holds for every classifier we tested on images."
    )


def test_a_heading_run_into_a_pointer_to_a_table_is_not_a_statement():
    from rules.registry import STATEMENT, first

    def not_a_statement(text):
        return first(text, STATEMENT) is not None

    assert not_a_statement("Demographic characteristics of school aged children in shiraz, iran table 2 shows the frequency of subjects.")
    for prose in ("As table 2 shows, the rate fell.", "The rate fell, and table 2 shows why.", "Table 2 shows the rates by age."):
        assert not not_a_statement(prose), prose


def test_what_a_pdfs_tex_leaves_is_not_readable():
    assert readable("We first generate blurred datasets Di by zeroing the bottom Ki singular values of each channel "
                    "(i “ 1,..., btrain, where btrain is the number of datasets).") is None
    assert readable("This means that the worst-case δ appears when δ = (δ, 0,..., 0) in the binary case.") is None
    assert readable("The `1 norm is a convex relaxation of the number of nonzero weights in the model.") is None
    assert readable("He said “ 10 percent ” of the staff would leave the company by the end of the year.") is not None
    doc = "The bound is tight. This means that the worst-case δ appears when δ = (δ, 0,..., 0) in the binary case."
    assert summary_text(["The bound is tight.", "This means that the worst-case δ appears when δ = (δ, 0,..., 0) in the binary case."],
                        None, doc, "en") == "The bound is tight.", "nor is it a summary's sentence"


def test_a_pointer_to_equations_whose_labels_are_gone_is_not_readable():
    assert readable("In this work we study the topologies of the phase diagram, which result from eqs. and, "
                    "and not the location of critical points.") is None
    assert readable("The model follows from eq. (4) and the boundary conditions of the cell.") is not None
    assert readable("We study the phase transitions discussed in sec. ii c. in more detail here.") is not None


def test_a_formula_left_out_is_readable_only_in_what_the_paper_does():
    aim = ("In this article, we report an improved measurement of the leptonic decay [formula], from which we determine "
           "the decay constant [formula].")
    assert readable(aim) == aim
    assert readable("We find [formula] summed over the three tag modes of the decay.") is None
    doc = f"{aim} We find [formula] summed over the three tag modes of the decay."
    assert summary_text([aim, "We find [formula] summed over the three tag modes of the decay."], None, doc, "en") == aim


def test_a_summary_that_skipped_the_documents_best_sentence_gets_it_in_front():
    best = Sentence(0, 1, 'Section 420 of the Stafford Act authorizes the President to "declare" a Fire Management '
                          'Assistance Grant (FMAG).', 20)
    skipped = "Once issued, the declaration authorizes federal assistance. The cost share is 75% of eligible expenses."
    assert with_best(skipped, best.text, "en") == (f"{best.text} {skipped}", 1)
    said = "The Stafford Act authorizes the President to declare a Fire Management Assistance Grant. The cost share is 75%."
    assert with_best(said, best.text, "en") == (said, 0), "a sentence that says half of it already"


def test_an_answers_yes_or_no_goes_with_the_question_a_summary_does_not_hold():
    said = unlinked("FMAGs cover fire suppression. No, most fires on federal land are not eligible. Yes, tribes may ask.", "en")
    assert said == "FMAGs cover fire suppression. Most fires on federal land are not eligible. Tribes may ask."
    assert unlinked("No one may enter the site. Non-profit groups may apply.", "en") == (
        "No one may enter the site. Non-profit groups may apply."
    )
    assert readable("No, most fires that begin on federal land are not eligible to receive FMAG assistance.") == (
        "Most fires that begin on federal land are not eligible to receive FMAG assistance."
    )


def test_a_summary_does_not_open_on_a_link_to_a_sentence_it_does_not_hold():
    said = unlinked("Among them, certified robustness is valuable. However, most work cannot deal with it. "
                    "Second, the passes are slow.", "en")
    assert said == "Certified robustness is valuable. However, most work cannot deal with it. The passes are slow."
    assert unlinked("First, we test the models. Second, we train them.", "en") == "First, we test the models. Second, we train them."
    assert unlinked("Daher wird die Stadt oft besucht. Sie liegt am Meer.", "de") == "Daher wird die Stadt oft besucht. Sie liegt am Meer."


def test_a_section_heading_is_no_title_in_any_language():
    doc = "Background. The invention relates to valves that clean themselves. Zusammenfassung der Ergebnisse."
    summary = "The invention relates to valves that clean themselves."
    for heading in ("Background", "CROSS-REFERENCE TO RELATED APPLICATIONS", "Zusammenfassung"):
        assert grounded_title(heading, doc + " " + heading, summary, "en") == (
            "The invention relates to valves that clean themselves"
        ), heading
    assert grounded_title("Self-cleaning valves", doc + " self-cleaning valves", summary, "en") == "Self-cleaning valves"


def test_a_payment_the_model_denies_gives_way_to_the_clause_that_sets_it():
    clause = "VerticalNet shall pay to Neoforma a commission of [*] of the Net Advertising Revenue."
    assert with_clauses({"term": None, "payment": "No payment is agreed upon."}, [], [], payment=[clause])["payment"] == clause
    assert with_clauses({"term": None, "payment": "Keine Vergütung."}, [], [], payment=[clause])["payment"] == clause
    stated = "No later than 30 days after each invoice, the Client pays the fees."
    assert with_clauses({"term": None, "payment": stated}, [], [], payment=[clause])["payment"] == stated
    assert with_clauses({"term": None, "payment": "No payment is agreed upon."}, [], [], payment=[])["payment"] == (
        "No payment is agreed upon."), "without a payment clause the model may be right: an NDA pays nothing"


def test_a_copied_sentence_that_leans_stays_only_right_after_the_sentence_it_leans_on():
    from chunking.evidence import Sentence
    from summarize.grounding import resolved

    # A CRS report, a CUAD contract (LEval) and a German encyclopedia article (Klexikon).
    doc = [
        "This report focuses on the income of the undergraduate student population.",
        "It will explore the relationship between student income and certain student demographics.",
        "Low-income students now constitute more than 50% of the undergraduate population.",
        "Sonos may terminate this Agreement for convenience on ninety days notice.",
        "In such case, Sonos' sole liability shall be limited to payment of the amount due under this Agreement.",
    ]
    sentences = [Sentence(i, 1, t, len(t.split())) for i, t in enumerate(doc)]
    kept = f"{doc[0]} {doc[1]} {doc[2]}"
    assert resolved(kept, sentences, "en") == kept, "each leaning sentence right after the one it leans on"
    assert resolved(f"{doc[2]} {doc[4]}", sentences, "en") == doc[2], "'In such case' without the case"
    assert resolved(f"{doc[1]} {doc[2]}", sentences, "en") == doc[2]
    assert resolved(doc[1], sentences, "en") == doc[1], "never nothing"
    written = "The report is about students. It finds that most are poor."
    assert resolved(written, sentences, "en") == written, "the model's own sentences are not copies"
    german = ["Dhaka ist die Hauptstadt von Bangladesch.", "1970 traf ein Zyklon die Stadt.",
              "Als Folge des Krieges wurde die Stadt Hauptstadt des neuen Staates."]
    de = [Sentence(i, 1, t, len(t.split())) for i, t in enumerate(german)]
    assert resolved(f"{german[0]} {german[2]}", de, "de") == german[0]


def test_a_title_that_starts_like_a_page_label_is_still_a_title():
    doc = "Draft environmental impact statement for the harbour. The draft covers the harbour's dredging."
    assert grounded_title("Draft Environmental Impact Statement", doc, "The draft covers dredging.", "en") == (
        "Draft Environmental Impact Statement")
