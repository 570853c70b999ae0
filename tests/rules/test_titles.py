"""Titles from what a program can check: metadata when it is real, else the first heading."""

from rules.titles import SECTION_HEADINGS, clean_title, defined_subject, first_heading, not_a_title


def test_metadata_titles_that_name_the_file_or_the_tool_are_not_titles():
    assert clean_title("Microsoft Word - lease_v3.docx") is None
    assert clean_title("untitled") is None and clean_title("report.pdf") is None and clean_title("  ") is None
    assert clean_title("  Annual   Report 2023 ") == "Annual Report 2023"


def test_the_first_heading_is_the_title_and_a_section_heading_after_prose_is_not():
    assert first_heading("# Equipment Maintenance Services Agreement\n\nThis Agreement is made on 1 March.") == (
        "Equipment Maintenance Services Agreement"
    )
    contract = (
        "Exhibit 10.3\n\n[***] Certain information in this document has been excluded pursuant to Regulation S-K.\n\n"
        "Execution Copy\n\nLICENSE AND SUPPLY AGREEMENT\n\nThis Agreement is entered into as of June 8, 2018."
    )
    assert first_heading(contract) == "LICENSE AND SUPPLY AGREEMENT"
    report = "Federal law provides a variety of powers for the President to use in a crisis.\n\nBackground and History\n\nMore."
    assert first_heading(report) is None
    assert first_heading("1 INTRODUCTION\nOut-of-distribution detection aims to tell samples apart.") is None
    assert first_heading("Source: ACME INC., 10-K, 3/30/2020\n\nMarch 3, 2020\n\nDear shareholders, we did well.") is None


def test_a_filings_confidentiality_legend_and_broken_lines_are_not_the_title():
    netgear = (
        "CONFIDENTIAL TREATMENT REQUEST\n* Portions denoted with an asterisk have been omitted and filed separately with\n"
        "  the Securities and Exchange Commission pursuant to a request for confidential\n  treatment.\n"
        "        EXHIBIT 10.16\n            DISTRIBUTOR AGREEMENT\n                BETWEEN\n         INGRAM MICRO\n"
    )
    assert first_heading(netgear) == "DISTRIBUTOR AGREEMENT", "not the legend, and not 'DISTRIBUTOR AGREEMENT BETWEEN'"
    cca = (
        "CERTAIN CONFIDENTIAL INFORMATION CONTAINED IN THIS EXHIBIT, MARKED BY BRACKETS, HAS\n"
        "BEEN OMITTED AND FILED SEPARATELY WITH THE SECURITIES AND EXCHANGE COMMISSION\n"
        "SERVICES OUTSOURCING AGREEMENT\nThis Agreement is made on 1 April 2014."
    )
    assert first_heading(cca) == "SERVICES OUTSOURCING AGREEMENT"
    assert first_heading("DISTRIBUTOR AGREEMENT\nBETWEEN\nINGRAM MICRO\n") == "DISTRIBUTOR AGREEMENT", "a title is not joined to 'BETWEEN'"


def test_an_encyclopedia_article_without_a_heading_is_titled_by_the_subject_its_first_sentence_defines():
    assert defined_subject("Dhaka (bengalisch: Dhaka; bis 1983 Dacca) ist die Hauptstadt Bangladeschs.") == "Dhaka"
    assert defined_subject("Antonio Lucio Vivaldi (* 4. März 1678 in Venedig) war ein venezianischer Komponist.") == (
        "Antonio Lucio Vivaldi")
    assert defined_subject("Atmung oder Respiration (lateinisch respiratio) bezeichnet in der Biologie:") == "Atmung"
    assert defined_subject("Photosynthesis is a process used by plants to convert light into energy.") == "Photosynthesis"
    assert defined_subject("Emmanuel Macron est arrivé à Dakar mardi soir.") is None, "a verb, not a definition"
    assert defined_subject("Als Jahrhundert bezeichnet man einen Zeitraum von hundert Jahren.") is None
    assert defined_subject("The United States Fire Administration (USFA) is an entity within FEMA.") is None
    assert defined_subject("THIS AGREEMENT is made on 1 March 2025 between Acme Ltd and Beta plc.") is None


def test_a_text_that_starts_with_a_definition_gets_its_subject_as_title(tmp_path):
    from ingest.reader import read_document

    path = tmp_path / "brokkoli.txt"
    path.write_text("Brokkoli oder Broccoli (Brassica oleracea var. italica) ist eine Gemüsepflanze.\n\n"
                    "Er wächst wie Blumenkohl und wird im Sommer geerntet.", encoding="utf-8")
    assert read_document(path).title == "Brokkoli"


def test_a_paragraphs_first_line_is_no_title_but_a_running_head_is_one_without_its_page_number():
    # pdflatex-4-pages.pdf: the page starts with prose broken at the line
    assert first_heading("Hello, here is some text without a meaning. This text should show what a printed text\n"
                         "will look like at this place. If you read this text, you will get no information.") is None
    # Seige_of_Vicksburg_Sample_OCR.pdf: the book's running head, then the page's text mid-sentence
    assert first_heading("THE   SIEGE   OF  VICKSBURG. 49 \nhowever, did not last long; it became too conspicuous\n") == (
        "THE SIEGE OF VICKSBURG")
    assert first_heading("A Study of Rivers\nby Jane Roe\n\nRivers are long.") == "A Study of Rivers", "a byline goes on in lower case"


def test_section_headings_and_notices_in_several_languages_are_not_titles():
    for heading in ("CROSS REFERENCE TO RELATED APPLICATIONS", "Cross-Reference to Related Application",  # patents
                    "1. BACKGROUND OF THE INVENTION", "Table of Contents",
                    "Zusammenfassung", "2 Einleitung", "Inhaltsverzeichnis",  # German
                    "Résumé", "Table des matières",  # French
                    "摘要", "目录"):  # Chinese
        assert not_a_title(heading), heading
    for title in ("SELF-CLEANING WATER VALVE", "Annual Report of the Riverside Council",
                  "Die Zusammenarbeit der Städte am Rhein", "Crossing the River", "Summarization of Long Documents",
                  "城市供水系统的漏损检测"):
        assert not not_a_title(title), "a word that only starts like a heading's: " + title
    assert {"en", "de", "fr", "zh"} <= set(SECTION_HEADINGS), "the words are data, per language"


def test_the_first_heading_skips_a_section_heading_for_the_title_after_it():
    patent = ("CROSS REFERENCE TO RELATED APPLICATIONS\nSELF-CLEANING WATER VALVE\n"
              "This application claims priority to U.S. Provisional Application No. 61/234,567, filed Aug. 17, 2009.")
    assert first_heading(patent) == "SELF-CLEANING WATER VALVE"
    claims_first = ("CROSS REFERENCE TO RELATED APPLICATIONS\n\nThis application claims the benefit of U.S. Provisional "
                    "Application No. 61/234,567, filed Aug. 17, 2009.\n\nBACKGROUND\n\nThe invention relates to valves.")
    assert first_heading(claims_first) is None, "a patent without a title line has none: not its first section heading"
    form = ("CROSS-REFERENCE TO RELATED APPLICATIONS\nNot Applicable\nSTATEMENT REGARDING FEDERALLY SPONSORED RESEARCH OR "
            "DEVELOPMENT\nNot Applicable\nBACKGROUND OF THE INVENTION\n1. Field of the Invention\nThis application pertains "
            "generally to dental hygiene.")
    assert first_heading(form) is None, "a form's headings and their empty answers are no titles"
    assert first_heading("Anhang\nEntfällt\nDer Wasserverbrauch der Stadt Köln\nIm Jahr 2020 sank der Verbrauch.") == (
        "Der Wasserverbrauch der Stadt Köln")
    german = "Zusammenfassung\nLärm und Schlaf im Alter\nWir untersuchen die Wirkung von Lärm auf den Schlaf."
    assert first_heading(german) == "Lärm und Schlaf im Alter"
    french = "Table des matières\nLa réforme des retraites en France\nCet article décrit la réforme votée en 2023."
    assert first_heading(french) == "La réforme des retraites en France"
