"""The overview: the model's own opening sentence, kept only where the document supports it."""

from summarize.overview import Overview, grounded_overview, opened, support, unsupported_names

REPORT = (
    "Federal student aid helps low-income students enrol in college. In 2015-2016 about 19.3 million "
    "undergraduates were enrolled. Students from low-income families were more likely to attend "
    "community colleges, and the income gap in enrolment narrowed between 1996 and 2016."
)
ARTIKEL = (
    "Dhaka ist die Hauptstadt von Bangladesch. Die Stadt liegt am Fluss Buriganga und hat viele "
    "Einwohner. Im Sommer stehen weite Teile der Stadt unter Wasser."
)


def test_an_overview_in_the_document_s_words_opens_the_summary():
    said = "This report examines how low-income students enrol in college and finds that the income gap narrowed."
    overview = grounded_overview(said, REPORT, "en", 300)
    assert overview == Overview(said, "written")
    summary, overview = opened(overview, "In 2015-2016 about 19.3 million undergraduates were enrolled.", "en")
    assert summary.startswith(said) and overview.fate == "written"


def test_describing_words_need_not_be_in_the_document_but_its_subject_must():
    assert support("The article describes Dhaka, the capital of Bangladesh.", ARTIKEL, "en") < 1  # "capital" is not in it
    assert support("Der Artikel beschreibt Dhaka, die Hauptstadt von Bangladesch.", ARTIKEL, "de") == 1


def test_a_number_or_a_name_the_document_does_not_write_drops_the_overview():
    # A number it does not write: summary_text's own check leaves nothing.
    assert grounded_overview("The report finds that 42 million students enrolled in college.", REPORT, "en", 300).fate == "none"
    assert unsupported_names("The report by Harvard examines low-income students.", REPORT) == ["Harvard"]
    assert grounded_overview("The report by Harvard examines low-income students in college.", REPORT, "en", 300).fate == "unsupported"


def test_an_overview_of_other_matters_is_dropped():
    said = "This report examines the military budget and weapons procurement of the navy."
    assert grounded_overview(said, REPORT, "en", 300).fate == "unsupported"


def test_an_overview_the_summary_already_says_gives_way():
    said = "Students from low-income families were more likely to attend community colleges."
    overview = grounded_overview("This report finds that students from low-income families attend community colleges.",
                                 REPORT, "en", 300)
    assert overview.fate == "written"
    summary, overview = opened(overview, said + " The gap narrowed.", "en")
    assert overview.fate == "repeats the summary" and summary == said + " The gap narrowed."


def test_a_sentence_not_about_the_document_or_leaning_on_another_is_no_overview():
    assert grounded_overview("Students from low-income families attend community colleges.", REPORT, "en", 300).fate \
        == "not about the document"
    assert grounded_overview("Die Stadt liegt am Fluss Buriganga.", ARTIKEL, "de", 300).fate == "not about the document"
    assert grounded_overview("Der Artikel beschreibt Dhaka, die Hauptstadt von Bangladesch.", ARTIKEL, "de", 300).fate == "written"


def test_no_overview_leaves_the_summary_alone():
    assert grounded_overview(None, REPORT, "en", 300).fate == "none"
    assert opened(Overview(None, "none"), "A summary.", "en") == ("A summary.", Overview(None, "none"))


def test_the_prompt_asks_a_report_or_a_paper_for_an_overview_after_the_summary():
    from summarize.prompts import summary_fields
    from summarize.schema import Bounds, summary_schema

    for types, opening in ((("report",), "This report"), (("paper", "report"), "This study")):
        fields = summary_fields(types, True, "in 4 sentences", excerpts=True, ranked=True)
        assert f'("{opening} ...")' in fields and fields.index('"summary"') < fields.index('"overview"')
    assert '"overview" (only for a report)' in summary_fields(("report", "other"), True, "in 4 sentences")
    for types in (("contract",), ("other",)):
        assert '"overview"' not in summary_fields(types, True, "in 4 sentences", excerpts=True)
        assert "overview" not in summary_schema([1], doc_types=types, excerpts=True)["properties"]
    schema = summary_schema([1], doc_types=("report",), bounds=Bounds(sentences=(2, 4), sentence=300), excerpts=True)
    assert list(schema["properties"])[:3] == ["title", "summary", "overview"] and "overview" in schema["required"]
