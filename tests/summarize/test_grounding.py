"""Holding the model's answer to the document: fields, titles, entities, readable sentences."""

from summarize.checks import glued_heading
from summarize.entities import grounded_entities
from summarize.grounding import (
    clean_prose, grounded_block, grounded_title, named_parties, not_a_statement, readable, sentences_of, unlinked, with_clauses,
)

DOC = (
    "SERVICES\n\nThe Provider shall service the equipment every quarter. The Client pays GBP 4,800 per quarter. "
    "Either party may end the agreement with ninety (90) days notice. The agreement starts on 1 March 2025."
)


def test_a_number_with_a_point_in_it_ends_no_sentence():
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
    assert readable("we determine first an anchoring energy function of the patterned substrate .", cased=False) == (
        "We determine first an anchoring energy function of the patterned substrate."
    ), "a lower-cased corpus's sentence starts with a capital for the reader, and its tokenizer's spaces go"
    assert readable("such kernel methods are called support vector machines ( svms ) , as in @xcite and @xcite .", cased=False) is None
    assert readable("such kernel methods @xcite are called support vector machines ( svms ) , as shown in this work .", cased=False) == (
        "Such kernel methods are called support vector machines (svms), as shown in this work."
    )


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


def test_questions_and_latex_labels_are_not_readable_and_a_closing_thanks_is_taken_off():
    assert readable("谢谢李老师，您这个从技术的角度，这种协同您觉得应该是一个什么样的趋势？") is None, "a question states nothing"
    assert readable("What is the best way to measure the rate of all these samples?") is None
    assert readable("Section [ratessection] contains our main results on learning rates for svms.") is None
    assert readable("然后也希望就是有优质的投资机构，大家一起来孵化更多的项目，谢谢。") == "然后也希望就是有优质的投资机构，大家一起来孵化更多的项目。"
    assert readable("We measured the rate in all of the ten samples. Thank you all.") == "We measured the rate in all of the ten samples."
    assert readable("The results [12] show that we measured the rate well.") == "The results [12] show that we measured the rate well."


def test_clause_debris_before_a_contract_field_is_taken_off():
    block = with_clauses({"term": None, "termination": None}, [",. This Agreement shall terminate upon 120 days notice."], [])
    assert block["term"] == "This Agreement shall terminate upon 120 days notice."


def test_a_party_the_model_names_again_is_not_listed_twice():
    doc = 'This Agreement is made between NETGEAR, Inc. ("NETGEAR") and Ingram Micro of Santa Ana. NETGEAR ships the Products.'
    block = named_parties({"parties": ["NETGEAR", "Ingram Micro", "NETGEAR, Inc."]}, doc)
    assert block["parties"] == ['NETGEAR, Inc. ("NETGEAR")', "Ingram Micro"]


def test_a_summary_sentence_that_echoes_the_instructions_is_dropped_unless_the_document_says_it():
    from core.words import term_list
    from summarize.answer import _echo

    told = ('- "summary": what the parties agree, in your own words: who does what for whom, '
            "for how long, for what payment, and how it can end; not the opening clause copied.")
    lines = [set(term_list(told))]
    echo = "For each party, for how long, for what payment, and how it can end; not the opening clause copied."
    real = "The Provider services the equipment every quarter for GBP 4,800."
    assert _echo(echo, lines, DOC + " " + real)
    assert not _echo(real, lines, DOC + " " + real)
    assert not _echo(echo, lines, DOC + " " + echo), "the document's own sentence stays"


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
    glued = ("The runtime depends only linearly on K. 5.3 VARIATIONS OF THE JVI ESTIMATOR Variations of the estimator "
             "with improved runtime exist.")
    assert readable(glued) is None, "two sentences around a numbered heading"
    assert readable("The Army spent 5.3 billion dollars in FY 2019 on the new program.") is not None
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


def test_speaker_labels_are_no_entity_or_title_and_a_common_noun_is_no_name():
    doc = "说话人1：我们今天讨论项目的进度，以及下一步的安排。说话人2：好的。Le professeur Amjad Khan explique."
    entities = [{"name": "说话人1", "type": "person"}, {"name": "professeur", "type": "person"},
                {"name": "Amjad Khan", "type": "person"}]
    assert grounded_entities(entities, doc) == [{"name": "Amjad Khan", "type": "person"}]
    summary = "我们今天讨论项目的进度，以及下一步的安排。"
    assert grounded_title("说话人1：我们今天讨论项目的进度", doc, summary, "zh") == "我们今天讨论项目的进度，以及下一步的安排"


def test_captions_formulas_and_labels_are_not_readable_and_are_no_entities():
    doc = ("Das Skript wurde im Wintersemester 2013/2014 von Martin Thoma geschrieben (von Neumann). Sei (X, T) ein topologischer "
           "Raum und M ⊆X eine Teilmenge. Abbildung 1.8: Beispiele für Räume, die zusammenhängend sind. "
           "Warum ist das so wichtig für die Studierenden? Definition 33 gilt für jede Gruppe.")
    sentences = ["Das Skript wurde im Wintersemester 2013/2014 von Martin Thoma geschrieben.",
                 "Sei (X, T) ein topologischer Raum und M ⊆X eine Teilmenge.",
                 "Abbildung 1.8: Beispiele für Räume, die zusammenhängend sind.",
                 "Warum ist das so wichtig für die Studierenden?",
                 "Bemerkung 1 (Mengen, die offen & abgeschlossen sind, ex.)"]  # a label and its name
    assert [readable(s) for s in sentences] == [sentences[0], None, None, None, None]
    entities = [{"name": "Martin Thoma", "type": "person"}, {"name": "M ⊆X", "type": "place"},
                {"name": "Definition 33", "type": "law"}, {"name": "topologischer Raum", "type": "place"}]
    assert grounded_entities(entities, doc) == [{"name": "Martin Thoma", "type": "person"}]
    assert grounded_entities([{"name": "von Neumann", "type": "person"}], doc) == [{"name": "von Neumann", "type": "person"}]
    assert readable("Definition 14 Sei X ein topologischer Raum mit der Topologie T.") is None
    assert readable("Table 2 shows that survival improved in the treated group of patients.") is not None
    assert readable("Figure 3 (a) shows that survival improved in the treated group.") is not None
    assert readable("Lemma 2 (Zorn) Jede induktiv geordnete Menge hat ein maximales Element.") is None


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
    from summarize.grounding import ends_in_abbreviation

    for cut in ("as shown in Sec.", "costs rose by approx.", "Meschia et al .", "a letter from Mr.", "the U . S .", "Laut z. B."):
        assert ends_in_abbreviation(cut), cut
    for whole in ("The agreement ends in May.", "The results are in Table 2.", "It was signed in the U.S."):
        assert not ends_in_abbreviation(whole), whole


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


def test_a_pointer_to_a_figure_by_its_label_is_taken_out():
    text = ("we studied the cell ( see fig . [ fig1 ] ( a ) ) using the frank model [ eq . ( [ eq4 ] ) ] "
            "as shown ( fig . [ fig : blazed ] ) and ( fig . 2 ) .")
    assert clean_prose(text) == "we studied the cell using the frank model as shown and (fig. 2)."
    assert clean_prose("the model of parry - jones _ @xcite and of others .") == "the model of parry - jones and of others.", "italics marks"


def test_citation_numbers_at_a_clause_end_are_taken_out_but_not_one_a_sentence_names():
    assert readable("Mirnas regulate the stability of their target mrna [1, 2].") == "Mirnas regulate the stability of their target mrna."
    assert clean_prose("They regulate apoptosis [5-11]; and cell growth [3].") == "They regulate apoptosis; and cell growth."
    named = "We use the method of [4] and the bound in [2-4], as in ref. [7]."
    assert clean_prose(named) == named, "a citation the sentence reads as a noun stays"
    assert readable("[12] Smith J. A study of the growth of cells. Nature 2003.") is None, "a bibliography entry"


def test_a_heading_run_into_a_pointer_to_a_table_is_not_a_statement():
    assert not_a_statement("Demographic characteristics of school aged children in shiraz, iran table 2 shows the frequency of subjects.")
    for prose in ("As table 2 shows, the rate fell.", "The rate fell, and table 2 shows why.", "Table 2 shows the rates by age."):
        assert not not_a_statement(prose), prose


def test_what_a_pdfs_tex_leaves_is_not_readable():
    assert readable("We first generate blurred datasets Di by zeroing the bottom Ki singular values of each channel "
                    "(i “ 1,..., btrain, where btrain is the number of datasets).") is None
    assert readable("This means that the worst-case δ appears when δ = (δ, 0,..., 0) in the binary case.") is None
    assert readable("The `1 norm is a convex relaxation of the number of nonzero weights in the model.") is None
    assert readable("He said “ 10 percent ” of the staff would leave the company by the end of the year.") is not None


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


def test_a_section_heading_the_model_gives_as_the_title_gives_way_to_the_summarys_opening():
    patent = ("CROSS REFERENCE TO RELATED APPLICATIONS\nThis application claims priority to application 61/234,567.\n"
              "A self-cleaning water valve flushes its seat each time it closes.")
    summary = "A self-cleaning water valve flushes its seat each time it closes. It needs no filter."
    assert grounded_title("Cross Reference to Related Applications", patent, summary, "en") == (
        "A self-cleaning water valve flushes its seat each time it closes"
    )
    assert grounded_title("Self-cleaning water valve", patent, summary, "en") == "Self-cleaning water valve"
    studie = "Zusammenfassung\nLärm in der Nacht verkürzt den Tiefschlaf älterer Menschen."
    said = "Lärm in der Nacht verkürzt den Tiefschlaf älterer Menschen."
    assert grounded_title("Zusammenfassung", studie, said, "de") == "Lärm in der Nacht verkürzt den Tiefschlaf älterer Menschen"
    paper = "摘要\n本文研究了城市供水管网的漏损检测方法。"
    assert grounded_title("摘要", paper, "本文研究了城市供水管网的漏损检测方法。", "zh") == "本文研究了城市供水管网的漏损检测方法"
