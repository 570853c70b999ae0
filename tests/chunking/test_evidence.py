"""Evidence selection: central sentences and field queries, within the budget, in document order."""

from chunking.evidence import Sentence, document_sentences, reading_order, render_evidence, select_evidence
from tests.helpers.fakes import document, word_count

FILLER = "The weather in the valley was mild for most of the season and nothing else happened there."


def _contract_pages():
    opening = ('This Services Agreement is made by and between Acme Ltd. ("Client") and Beta LLC ("Provider") '
               "on the terms below.")
    body = [FILLER] * 30
    term = "The initial term of this Agreement is two years, and it renews automatically for one year periods."
    law = "This Agreement is governed by the laws of Scotland."
    return [" ".join([opening, *body[:10]]), " ".join(body[10:20] + [term]), " ".join(body[20:] + [law])]


def test_field_queries_keep_the_parties_term_and_law_whatever_their_centrality():
    doc = document(_contract_pages())
    sentences = document_sentences(doc, word_count)
    evidence = select_evidence(sentences, budget=120, doc_type="contract")
    texts = [s.text for s in evidence.sentences]
    assert any("by and between" in t for t in texts)
    assert any("initial term" in t for t in texts)
    assert any("governed by the laws" in t for t in texts)
    assert evidence.tokens <= 120
    assert [s.index for s in evidence.sentences] == sorted(s.index for s in evidence.sentences), "document order"
    assert set(evidence.fields) >= {"parties", "term", "governing_law"}


def test_repeated_sentences_are_kept_once_and_the_render_marks_pages_and_gaps():
    doc = document(_contract_pages())
    evidence = select_evidence(document_sentences(doc, word_count), budget=200, doc_type="other")
    assert sum(s.text == FILLER for s in evidence.sentences) <= 1
    text = render_evidence(evidence)
    assert text.startswith("[page 1]")
    assert "[…]" in text or "[page 2]" in text


def test_ranked_evidence_puts_the_best_sentence_first_with_its_page_marker():
    from chunking.evidence import Evidence, Sentence

    kept = (Sentence(0, 1, "The opening.", 2, 0.2), Sentence(5, 2, "The finding.", 2, 0.9), Sentence(9, 2, "The close.", 2, 0.5))
    evidence = Evidence(kept, 10, 6)
    assert render_evidence(evidence) == "[page 1]\nThe opening.\n[page 2]\nThe finding.\n[…]\nThe close."
    assert render_evidence(evidence, ranked=True) == "[page 2]\nThe finding.\nThe close.\n[page 1]\nThe opening."


def test_headings_and_table_cells_are_not_sentences():
    doc = document(["TERM OF AGREEMENT\n\n| 12 | 40 |\n\nThe tenant pays the rent on the first day of each month."])
    assert [s.text for s in document_sentences(doc, word_count)] == [
        "The tenant pays the rent on the first day of each month."
    ]


def test_a_long_heading_is_no_sentence_but_a_list_item_without_full_stop_is():
    doc = document([
        "Income Distribution of the National Population and the Undergraduate Population\n\n"
        "The data suggest that the low-income national population grew from 2007 to 2011.\n\n"
        "(a) pay the fees within thirty days of each invoice from the Provider; and\n\n"
        "- Provide hosting services for the website of the Client at all times"
    ])
    assert [s.text for s in document_sentences(doc, word_count)] == [
        "The data suggest that the low-income national population grew from 2007 to 2011.",
        "(a) pay the fees within thirty days of each invoice from the Provider; and",
        "- Provide hosting services for the website of the Client at all times",
    ]


def test_a_renewal_clause_that_states_a_duration_comes_before_one_that_only_mentions_renewal():
    from chunking.evidence import field_matches, scored

    doc = document([
        "The Supplier may not refuse renewal of any certificate, licence or insurance policy that it holds today. "
        "This Agreement renews automatically for successive one (1) year periods unless either party objects."
    ])
    ranked = scored(list(document_sentences(doc, word_count)), "contract")
    renewals = field_matches(ranked, "contract", "renewal")
    assert [s.text[:37] for s in renewals] == ["This Agreement renews automatically f"], "a certificate's renewal is no clause"


def test_lines_a_pdf_wrapped_are_one_sentence_and_headings_and_clauses_stand_alone():
    from chunking.evidence import text_blocks

    page = (
        "Equipment Maintenance Agreement\n"
        "This Agreement is made on 1 March 2025 between Northwind Laboratories Ltd., a company in\n"
        "Scotland, and Keel & Lathe Engineering LLP, a partnership with offices in Dundee, for the\n"
        "maintenance of laboratory equipment.\n"
        "1. Services\n"
        "1.1 Provider shall inspect and repair the equipment listed in Schedule A at the Aberdeen\n"
        "site of the Client, every quarter, with qualified technicians and certified spare parts only.\n"
        "2.1 The term is twenty-four (24) months from the Effective Date unless it ends earlier by\n"
        "termination under clause 7.\n\n"
        "说话人1：我们今天讨论\n项目的进度。\n说话人2：好的。"
    )
    assert text_blocks(page) == [
        "Equipment Maintenance Agreement",
        "This Agreement is made on 1 March 2025 between Northwind Laboratories Ltd., a company in Scotland, and "
        "Keel & Lathe Engineering LLP, a partnership with offices in Dundee, for the maintenance of laboratory equipment.",
        "1. Services",
        "1.1 Provider shall inspect and repair the equipment listed in Schedule A at the Aberdeen site of the Client, "
        "every quarter, with qualified technicians and certified spare parts only.",
        "2.1 The term is twenty-four (24) months from the Effective Date unless it ends earlier by termination under clause 7.",
        "说话人1：我们今天讨论项目的进度。",
        "说话人2：好的。",
    ]


def test_formulas_and_retrieval_notes_are_not_sentences_to_read():
    from chunking.evidence import _is_sentence
    from rules.boilerplate import is_reference

    assert not _is_sentence("Es gilt: X ∈ T und ∅ ∈ T, d. h. X und ∅ sind offen in jeder Topologie.")
    assert _is_sentence("Nach Satz 1.1 sind diese genau dann kompakt, wenn sie beschränkt und abgeschlossen sind.")
    assert is_reference("Retrieved 27 July 2020 via Newspapers.com.") and is_reference("Retrieved July 27, 2020.")
    assert not is_reference("The divers retrieved the bell from the wreck in the summer.")
    assert is_reference("Rev. d * 77 *, 011107 (2008).") and not is_reference("The fee is 5 * 7 * 2 units a day.")


def test_a_formula_left_out_keeps_a_sentence_only_where_it_says_what_the_paper_does():
    from chunking.evidence import _is_sentence
    from rules.mathematics import formula_gap

    aim = ("in this article , we report an improved measurement of the absolute branching fraction of the leptonic "
           "decay [formula] ( charge - conjugate modes are implied ) , with [formula] , from which we determine the decay constant [formula] .")
    assert _is_sentence(aim) and not formula_gap(aim)
    for gap in ("we find [formula] summed over the three tag modes .",  # the value is gone
                "for small [formula] , the lines extend to [formula] corresponding to a first order transition .",
                "in this paper we obtain [formula] [formula] where the first uncertainty is statistical .",  # side by side
                "in this work we study [formula] for [formula] in [formula] at [formula] and more ."):  # more formula than prose
        assert formula_gap(gap) and not _is_sentence(gap), gap
    assert not formula_gap("The elastic constants depend on temperature, as in every nematic.")


def test_a_contract_field_comes_from_a_clause_that_states_it_not_one_that_mentions_its_word():
    from chunking.evidence import field_matches, scored

    doc = document([
        "During the term of this Agreement, the Supplier shall keep its records for five (5) years. "
        "The term of this Agreement shall commence on the Effective Date and continue for two (2) years. "
        "If a force majeure event causes a delay, the term of this Agreement shall be extended by the period of delay. "
        "Each party is duly organized under the laws of the State of Delaware. "
        "This Agreement shall be governed by the laws of the State of New York. "
        "The Supplier shall notify the Client of its intention to terminate this Agreement. "
        "Either party may terminate this Agreement upon ninety (90) days written notice."
    ])
    ranked = scored(list(document_sentences(doc, word_count)), "contract")

    def first(field: str) -> list[str]:
        return [s.text[:30] for s in field_matches(ranked, "contract", field, stated=True)]

    assert first("term") == ["The term of this Agreement sha"], "'during the term' is no term clause"
    assert first("renewal") == [], "a delay that extends the term is force majeure, not renewal"
    assert first("governing_law") == ["This Agreement shall be govern"], "incorporation chooses no law"
    assert first("termination") == ["Either party may terminate thi"]


def test_a_term_clause_says_how_long_the_agreement_runs_and_only_force_majeure_delays_are_asides():
    from chunking.evidence import field_matches, scored
    from rules.fields import states

    assert not states("term", 'The term of this Agreement (the "Term") shall commence on December 1, 2001.'), (
        "a start date says when the term starts, not how long it runs")
    assert states("term", "The term of this Agreement shall end on December 31, 2005.")
    assert states("term", "The term of this Agreement shall be from January 1, 2020 to June 30, 2022.")
    assert states("term", "This Agreement shall remain in effect until terminated by either party.")
    assert not states("termination", "Without prejudice to either party's right to terminate this Agreement as set forth "
                                      "below, Cisco may, by written notice, extend the term of the Agreement by one year."), (
        "a right left alone is not granted")
    assert states("termination", "Either party may terminate this Agreement upon thirty (30) days written notice.")
    doc = document([
        "If either party is unable to perform its obligations under this Agreement for ninety (90) days, the other party "
        "may terminate this Agreement upon written notice. "
        "Either party may terminate this Agreement upon written notice if the other party breaches this Agreement."
    ])
    ranked = scored(list(document_sentences(doc, word_count)), "contract")
    assert [s.text[:12] for s in field_matches(ranked, "contract", "termination", stated=True)][0] == "Either party", (
        "a force-majeure termination is an aside")
    doc = document([
        "This Agreement shall automatically renew for successive one (1) year terms and the Supplier shall inform "
        "the Client without delay of any change in its prices."
    ])
    ranked = scored(list(document_sentences(doc, word_count)), "contract")
    assert [s.text[:20] for s in field_matches(ranked, "contract", "renewal", stated=True)] == ["This Agreement shall"], (
        "'without delay' is no force majeure")


def test_the_payment_clause_is_the_consideration_not_a_refund_a_cap_or_a_free_grant():
    from chunking.evidence import field_matches, scored
    from rules.fields import states

    assert not states("payment", "Allscripts grants the Company a royalty-free, fully paid-up licence to the fees module 2.")
    assert not states("payment", '(u) "Service Fees" shall have the meaning set forth in Section 4.01.')
    assert not states("payment", "The Company grants Allscripts a non-exclusive, royalty- free licence to the fees module 2.")
    assert not states("payment", "Software Licence Agreement Contents 1.0 DEFINITIONS 1 2.0 LICENCE 4 3.0 FEES 6 4.0 TERM 7.")
    doc = document([
        "Upon any termination of this Agreement, Cisco shall refund to the Distributor the price paid for the Product. "
        "Notwithstanding anything to the contrary herein, the Royalty will not exceed $50,000 in any month. "
        "In consideration of the rights granted, Lifeway agrees to pay Individual a royalty of $0.02 for each product sold."
    ])
    ranked = scored(list(document_sentences(doc, word_count)), "contract")
    assert [s.text[:25] for s in field_matches(ranked, "contract", "payment", stated=True)][0] == "In consideration of the r"


def test_copyright_notices_and_contact_addresses_are_not_sentences():
    notice = "© Her Majesty the Queen in Right of Canada, Department of Natural Resources. All rights reserved."
    contact = "Wer es gerne in A5 (Schwarz-Weiß, Ringbindung) hätte, kann mir eine E-Mail schicken (info@martin-thoma.de)."
    prose = "Copyright law protects the form of a work for seventy years after its author dies."
    clause = "The Licensee shall not remove any copyright notice from the copies of the Software it makes."
    doc = document([" ".join([notice, contact, prose, clause])])
    texts = [s.text for s in document_sentences(doc, word_count)]
    assert texts == [prose, clause], "the small print goes; prose about copyright stays"


def test_a_revision_historys_dated_rows_are_not_sentences():
    rows = ("March 2003 Alpha Draft version after discussion and decisions made concerning the scope. "
            "August 2004 2004.1 The object metadata attribute date is renamed validity_date in section 3.1.6.2. "
            "In March 2003 the provinces agreed on the scope of the first level of the model. "
            "March 2003 saw the provinces agree on the scope of the first level of the model.")
    texts = [s.text for s in document_sentences(document([rows]), word_count)]
    assert [t[:8] for t in texts] == ["In March", "March 20"] and texts[1].startswith("March 2003 saw")


def test_the_topic_and_close_cues_lift_a_sentence_on_the_openings_subject_and_the_close_but_not_in_a_contract():
    from chunking.evidence import Sentence, scored

    texts = ["Lithium batteries power most electric cars sold today in Europe.",
             "Battery makers report record demand from carmakers and utilities.",
             "Charging networks grew quickly along the main motorways last year."]
    texts += [f"The committee met on day {i} to discuss the agenda and the minutes of meeting {i}." for i in range(30)]
    texts += ["Lithium batteries for electric cars will remain scarce until new mines open.",
              "The committee met again to discuss the agenda, the minutes and the budget."]
    texts += ["In short, electric cars depend on lithium batteries that remain scarce."]
    sentences = [Sentence(i, 1, t, 12) for i, t in enumerate(texts)]
    plain = scored(sentences, None, topic_weight=0.0, close_bonus=0.0)
    ranked = scored(sentences, None)
    topical, aside, close = 33, 34, len(texts) - 1
    assert ranked[topical].score - ranked[aside].score > plain[topical].score - plain[aside].score, "the opening's subject counts"
    assert ranked[close].score - plain[close].score > ranked[topical].score - plain[topical].score, "the close sums up"
    contract = scored(sentences, "contract")
    assert [s.score for s in contract] == [s.score for s in scored(sentences, "contract", topic_weight=0.0, close_bonus=0.0)], \
        "a contract has neither cue"


def test_a_sentence_cut_at_an_abbreviation_is_not_evidence():
    page = ("we measure the decay constant of the meson with the full sample of tagged decays in this work .\n\n"
            "cronin - hennessy _ et al .\n\n"
            "this work was supported by the national science foundation , the u.s .\n\n"
            "It was first observed in the U.S. and later confirmed by groups in Europe and in Japan.")
    texts = [s.text for s in document_sentences(document([page]), word_count)]
    assert texts == [
        "we measure the decay constant of the meson with the full sample of tagged decays in this work .",
        "It was first observed in the U.S. and later confirmed by groups in Europe and in Japan.",
    ]


def _report_pages() -> list[str]:
    """A report whose opening is its most central text, with a finding in its middle and a recommendation
    in its last part (not its last lines, which the close cue already favours)."""
    opening = ("The river authority reviewed flood defences along the river in the valley this season. "
               "The river authority found the flood defences along the river in the valley in poor repair.")
    middle = "Rainfall in the hills doubled between 2010 and 2020 according to the gauges."
    late = "Repairs to the northern dykes should start before the next winter storms arrive."
    filler = [f"Clerk number {i} filed form {i} at the office on a weekday morning." for i in range(50)]
    return [" ".join([opening, *filler[:20]]), " ".join([middle, *filler[20:35]]), " ".join([late, *filler[35:]])]


def test_each_part_of_the_document_is_heard_from_and_read_first_when_ranked():
    sentences = document_sentences(document(_report_pages()), word_count)
    one = select_evidence(sentences, budget=60, doc_type="report", part_tokens=10**9)
    parts = select_evidence(sentences, budget=60, doc_type="report", part_tokens=20)
    assert one.parts == 1 and parts.parts == 3
    assert not any("northern dykes" in s.text for s in one.sentences), "one part: the opening's words win everywhere"
    read = reading_order(parts.sentences, ranked=True)
    first = [s.text for s in read[:3]]
    assert any(t.startswith("Rainfall") for t in first) and any(t.startswith("Repairs") for t in first), first
    assert [s.index for s in read[:3]] == sorted(s.index for s in read[:3]), "each part's best, in document order"
    assert all(s.part_best for s in read[:3]) and not any(s.part_best for s in read[3:])
    assert parts.tokens <= 60


def test_a_leaning_sentence_comes_with_the_one_before_it_or_not_at_all():
    pages = ["Dhaka is the capital of Bangladesh and its largest city by far. "
             "It lies on a branch of the Dhaleshwari river in the heart of the jute region of Bangladesh. "
             "Tea and jute are traded in the markets of Bangladesh every day of the year."]
    sentences = document_sentences(document(pages), word_count)
    for budget in (12, 20, 40):
        kept = {s.index for s in select_evidence(sentences, budget, "other", language="en").sentences}
        assert 1 not in kept or 0 in kept, budget
    german = document(["Dhaka ist die Hauptstadt von Bangladesch. Als Folge des Krieges wurde die Stadt Hauptstadt des neuen Staates."],
                      language="de")
    for budget in (8, 30):
        kept = [s.text[:5] for s in select_evidence(document_sentences(german, word_count), budget, "other", language="de").sentences]
        assert kept in (["Dhaka", "Als F"], ["Dhaka"]), "never 'Als Folge des Krieges' alone"


def test_ranked_evidence_reads_a_leaning_sentence_right_after_the_one_before_it():
    kept = (Sentence(0, 1, "Dhaka is the capital.", 4, 0.1), Sentence(1, 1, "It lies on a river.", 5, 0.9, leaning=True),
            Sentence(7, 2, "Jute is traded.", 3, 0.5))
    assert [s.index for s in reading_order(kept, ranked=True)] == [0, 1, 7], "the pair goes first, by its best score"


def test_a_chain_of_leaning_sentences_comes_whole_and_nothing_leans_across_what_was_left_out():
    pages = ["The river authority was created in 1990 to manage the river and its banks. "
             "Farmers in the valley grow rice and tea on the terraces above the river. "
             "It regulates fishing licences on the whole river and its tributaries. "
             "It also sets yearly quotas for every licence holder on the river."]
    sentences = document_sentences(document(pages), word_count)
    for budget in (14, 30, 60):
        kept = {s.index for s in select_evidence(sentences, budget, "other", language="en", part_tokens=10**9).sentences}
        assert 3 not in kept or {1, 2} <= kept, (budget, kept)
    # A heading between: "It" after it leans on nothing that is kept.
    headed = document(["The authority was founded in 1990 by the regional government.\n\nFISHING\n\n"
                       "It regulates fishing licences on the whole river and its tributaries."])
    after = document_sentences(headed, word_count)
    assert after[1].after_gap
    kept = select_evidence(after, 40, "other", language="en", part_tokens=10**9).sentences
    assert all(not s.text.startswith("It regulates") for s in kept)


def test_a_sentence_about_a_figure_is_left_out_in_cjk_too():
    doc = document(["图3显示了模型在三个数据集上的训练过程和收敛速度的比较结果。本研究提出了一种新的稀疏注意力方法并在三个数据集上验证。"],
                   language="zh")
    texts = [s.text for s in document_sentences(doc, word_count)]
    assert texts and not any(t.startswith("图3") for t in texts), texts
