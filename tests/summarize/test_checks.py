"""The junk checks on real-looking cases: what they catch, and what they leave alone."""

from rules.layout import document_headings, heading_like
from rules.layout import legend, signpost
from rules.numbers import numbers_in, unsupported_numbers
from rules.sentences import quotation
from summarize.checks import foreign_letters, key_point_defects

CONTRACT = """SERVICE AGREEMENT

1. Parties
This Agreement is made on 1 March 2024 between Northwind Laboratories Ltd. and Keel & Lathe Engineering LLP.

2. Term
The Agreement runs for 24 months and renews for successive 12-month periods.

3. Fees
The Client pays EUR 12,500.00 per quarter, due within 30 days of invoice.
"""

SUMMARY = "Northwind Laboratories and Keel & Lathe agree on maintenance services for 24 months."


def test_headings_markers_copies_and_repeats_are_defects():
    points = [
        "2. Term",
        "Term of Agreement",
        "fact: the fee is EUR 12,500.00 per quarter",
        "KEYWORDS (pages 1, 3)",
        SUMMARY,
        "The agreement runs for 24 months and renews for 12-month periods.",
        "The agreement runs for 24 months and renews for 12 month periods.",
        "Fees",
        "Renewal applies",
    ]
    defects = key_point_defects(points, SUMMARY, CONTRACT)
    kinds = [d.split(":")[0] for d in defects]
    assert kinds == ["heading", "heading", "marker", "marker", "copy of the summary", "repeats another key point", "heading",
                     "too short"]


def test_a_sentence_of_the_summary_repeated_as_a_key_point_is_a_copy():
    summary = "The parties agree on maintenance. The agreement runs for 24 months and renews yearly."
    points = ["The agreement runs for 24 months and renews yearly.", "Fees are EUR 12,500.00 a quarter.",
              "Either party may end it for a material breach."]
    assert [d.split(":")[0] for d in key_point_defects(points, summary, CONTRACT)] == ["copy of the summary"]
    # The model's plural or verb number is no new point: "rnas are ... remain" says "rna is ... remains".
    summary = "Small non-coding RNA is transcribed into mRNA but remains untranslated in eukaryotic cells."
    points = ["Small non - coding rnas are transcribed into mrna but remain untranslated in eukaryotic cells.",
              "Small non-coding RNAs regulate gene expression and tumour growth in breast cancer."]
    assert [d.split(":")[0] for d in key_point_defects(points, summary, "")] == ["copy of the summary", "only 2 key point(s)"]


def test_headings_run_into_sentences_pieces_courtesies_and_signposts_are_defects():
    points = [
        "A PROOF OF LEMMA 1 In this section, we will prove that the lemma holds with mixed random variables.",
        "The lines have been obtained from the total effective free energy ( see eq .",
        "好，非常感谢，那我们李总继续。",
        "Thank you very much, over to Maria now.",
        "LIMITATION OF LIABILITY In no event shall either party be liable for indirect damages.",
        "In this section, we review how the approaches handle long inputs.",
        "Figure 3: Accuracy of the model on the test set for each task.",
        "Agreement Number: CW251207 Effective Date: 11/4/10 Company Name: Cardlytics, Inc.",
        "各位同仁好、主持人好，各位校长好，非常好。",
        "Un âge d'équilibre et un système de bonus-malusL'âge légal de départ restera fixé à 62 ans.",
        'DES "RÉFORMISTES" DÉTERMINÉSFace à eux, les ministres se sont attachés à défendre le projet de loi.',
        "Plus de 2 millions de cas en Amérique latine -Mais la maladie continue à se propager dans le monde.",
        "Retrouvez tous les événements marquants de cette journée.",
        "好，那个大家好，然后感谢童阳，我是加密控股集团副总裁贾佩 amanda 贾。",
        "那么今天的这个论讨论，我们就先在这里，然后结束。",
    ]
    kinds = [d.split(":")[0] for d in key_point_defects(points, SUMMARY, CONTRACT)]
    assert kinds == ["heading run into a sentence", "a piece of a sentence (unclosed bracket)", "a courtesy, not content",
                     "a courtesy, not content", "heading run into a sentence", "a signpost, not content",
                     "a caption or numbered statement", "form fields, not a sentence", "a courtesy, not content",
                     "heading run into a sentence", "heading run into a sentence", "heading run into a sentence",
                     "a courtesy, not content", "a courtesy, not content", "a courtesy, not content"]
    fine = ["The WHO and UNICEF said the campaign reached most children (over 90%).",
            "大家好，欢迎大家参加施耐德电气 2021 创新峰会可持续发展圆桌论坛，今天讨论双碳目标。",
            "Either party may end the agreement for a material breach not cured within 30 days.",
            "Nominated Capacity: this means the volume that the Sender asks the Transporter to carry.",
            "The slides were made in PowerPoint and uploaded to YouTube by The Guardian's team.",
            "PAPA JOHN'S shall promptly notify ABG of any such infringements of which it becomes aware.",
            "Our SQLServer cluster failed twice during the audit period of the review."]
    assert key_point_defects(fine, SUMMARY, CONTRACT) == [], "acronyms, a long welcome that names the subject, brackets closed"


def test_good_key_points_pass():
    points = [
        "Northwind Laboratories Ltd. and Keel & Lathe Engineering LLP signed the agreement on 1 March 2024.",
        "The agreement runs for 24 months and renews for successive 12-month periods.",
        "The client pays EUR 12,500.00 per quarter, due within 30 days of invoice.",
    ]
    assert key_point_defects(points, SUMMARY, CONTRACT) == []
    assert key_point_defects(points[:2], SUMMARY, CONTRACT) == ["only 2 key point(s)"]


def test_heading_detection_uses_the_documents_own_headings():
    headings = document_headings(CONTRACT)
    assert {"service agreement", "parties", "term", "fees"} <= headings
    assert heading_like("Parties", headings) and heading_like("SERVICE AGREEMENT", headings)
    assert heading_like("Consulting Services")  # Title Case, a few words: a heading anywhere
    assert not heading_like("The fee is due in 30 days.", headings)
    assert not heading_like("payment within thirty days of invoice")


def test_numbers_in_any_usual_notation_are_supported():
    assert numbers_in("EUR 12,500.00, 1 000 000 and section 2 10 days") == ["12,500.00", "1 000 000", "2", "10"]
    assert unsupported_numbers("It costs 12500 euros, 12.500,00 in German notation.", CONTRACT) == []
    assert unsupported_numbers("Signed 01.03.2024, for 24 months.", CONTRACT) == []
    assert unsupported_numbers("Effective 15 June 2021; the fee is EUR 9,900.", CONTRACT) == ["15", "2021", "9,900"]
    assert unsupported_numbers("It has 3 parts.", CONTRACT) == [], "one-digit numbers are often words in the text"


def test_a_few_letters_of_a_script_the_document_never_writes_are_a_slip_but_a_summary_in_another_script_is_not():
    doc = "Cisco will provide to Distributor a price credit on any such Product on order."
    assert foreign_letters("Cisco will provide a price信用 on any such Product.", doc)
    assert not foreign_letters("思科将为经销商的产品提供价格信用。", doc), "a Chinese summary of an English contract"
    assert not foreign_letters("Le café est ouvert à Paris.", doc), "accented Latin is Latin"
    assert not foreign_letters("Die Firma Газпром liefert Gas.", "Газпром liefert Gas nach Europa."), "the document writes it"


def test_a_tables_key_run_into_text_is_no_sentence():
    for key in ("Rote Liste: 0 (Schweiz/Österreich: RE) = ausgestorben oder verschollen; 1 (CR) = vom Aussterben bedroht; "
                "2 (EN) = stark gefährdet; 3 (VU) = gefährdet.", "NE = nicht beurteilt; n (LC) = nicht in der Roten Liste/nicht gefährdet."):
        assert legend(key), key
        assert "a table's key" in key_point_defects([key], "", "")[0]
    for sentence in ("The ratio x = 3 was chosen because the fit was stable.", "Set a = 1 and b = 2, then the sum is 3.",
                     "The price per unit (P) = cost plus margin, as the contract says."):
        assert not legend(sentence), sentence


def test_a_note_on_how_the_text_uses_a_word_or_typesets_a_name_is_a_signpost():
    for note in ("Wenn im Folgenden von 'Amphibien' die Rede ist, bezieht sich das in der Regel auf die Lissamphibia.",
                 "In what follows, a 'party' is any signatory of the framework agreement.",
                 "Bei Arten mit Vorkommen in Deutschland (Name ist fett hervorgehoben) werden die Einstufungen aufgeführt.",
                 "Species names in bold are endemic to the island.", "Les espèces menacées (en gras) sont listées ci-dessous."):
        assert signpost(note), note
    for sentence in ("He wrote his demands in bold letters on the town hall's door.", "The bold line in the chart marks the mean.",
                     "Im Folgejahr wurde die Universität Aarhus gegründet.", "Im folgenden Jahr wurde die Universität gegründet.",
                     "In the following years the city grew into the largest port of the region."):
        assert not signpost(sentence), sentence


SPEECH = (
    'l\'Allemagne prolonge l\'interdiction.Situation confuse en Russie."La crise est là, mais elle est gérée", a quant à lui '
    'affirmé le chef du gouvernement du Brésil. Le ministre a déclaré : « Nous rouvrirons les écoles en septembre. » '
    '"The plant will close," the company said. The report, titled "Growing risks in the sector", found the fund short. '
    'Les écoles rouvriront en septembre.'
)


def test_a_speakers_words_without_the_speaker_are_a_quotation():
    for words in ("La crise est là, mais elle est gérée.", "The plant will close.", "Growing risks in the sector"):
        assert quotation(words, SPEECH), words
    assert "a speaker's words" in key_point_defects(["La crise est là, mais elle est gérée."], "", SPEECH)[0]
    # Said with its speaker, stated by the document itself, or found both quoted and stated: not a bare quotation.
    for sentence in ('"La crise est là, mais elle est gérée", a quant à lui affirmé le chef du gouvernement du Brésil.',
                     "The report, titled Growing risks in the sector, found the fund short.",
                     "Les écoles rouvriront en septembre.", "Situation confuse en Russie."):
        assert not quotation(sentence, SPEECH), sentence
    assert not quotation("Nous rouvrirons les écoles en septembre.", SPEECH + " Nous rouvrirons les écoles en septembre.")


def test_a_formula_left_out_where_it_carries_the_point_is_a_defect():
    points = ["We find [formula] summed over the three tag modes.", "In this article we report a measurement of the decay constant [formula]."]
    assert key_point_defects(points, "", "") == [
        "formulas left out where they carry the point: 'We find [formula] summed over the three tag modes.'", "only 2 key point(s)"]


def test_a_sentence_that_only_points_at_a_table_is_a_signpost():
    for where in ("It shows simple derivations of the bounds in Table 1.", "Below we show the derivations in Fig. 3."):
        assert signpost(where), where
    for finding in ("We show in Fig. 10 that the loss is larger under Laplace noise.",
                    "We present the results in Table 2, where accuracy rises by 5 points.", "Table 2 shows the rates by age."):
        assert not signpost(finding), finding


def test_a_percentage_must_be_one_the_document_states():
    # CUAD contracts leave rates blank ("[●%]", "[*]"); a report and a German article state theirs.
    contract = "LEA will pay a royalty calculated at [●%] of Cash Sales, and 10 percent of net revenue after 2 years."
    assert unsupported_numbers("a royalty of 1% of Cash Sales", contract) == ["1%"], "a blank the parties left"
    assert unsupported_numbers("10% of net revenue after 2 years", contract) == [], "10 percent is 10%"
    assert unsupported_numbers("2% of revenue", contract) == ["2%"], "2 is in the document, but not as a percentage"
    report = "Students with income below 100% of the poverty guidelines were 29% of the population."
    assert unsupported_numbers("They were 29 percent of all students.", report) == []
    german = "Die Arbeitslosigkeit sank auf 5,2 Prozent."
    assert unsupported_numbers("Die Quote lag bei 5,2 %.", german) == []
    assert unsupported_numbers("Die Quote lag bei 6,2 %.", german) == ["6,2%"]


def test_a_percentage_at_the_start_of_a_stated_range_is_stated():
    assert unsupported_numbers("About 5% of the staff left.", "Between 5 and 10 percent of the staff left.") == []
    assert unsupported_numbers("About 5% of the staff left.", "Turnover was 5-10% a year.") == []
    assert unsupported_numbers("About 7% of the staff left.", "Turnover was 5-10% a year.") == ["7%"]
