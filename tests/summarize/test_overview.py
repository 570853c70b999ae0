"""The overview: the model's own opening sentence, kept only where the document supports it."""

from chunking.evidence import document_sentences
from summarize.overview import Overview, grounded_overview, opened, repeats, support, unsupported_names
from tests.helpers.fakes import document

REPORT = (
    "Federal student aid helps low-income students enrol in college. In 2015-2016 about 19.3 million "
    "undergraduates were enrolled. Students from low-income families were more likely to attend "
    "community colleges, and the income gap in enrolment narrowed between 1996 and 2016."
)
ARTIKEL = (
    "Dhaka ist die Hauptstadt von Bangladesch. Die Stadt liegt am Fluss Buriganga und hat viele "
    "Einwohner. Im Sommer kommt es in weiten Teilen der Stadt zu schweren Überschwemmungen."
)
BUDGET = "The new budget provides funding for three schools and a hospital. The council approved it in May."
HUIYI = "研究发现，北京的空气质量在过去十年有所改善。会议讨论了新的交通政策和空气质量。"


def _overview(text, doc, language="en"):
    sentences = document_sentences(document([doc], language=language), lambda t: len(t.split()))
    return grounded_overview(text, doc, sentences, language, 300)


def test_an_overview_in_the_document_s_words_opens_the_summary():
    said = "This report examines how low-income students enrol in college and finds that the income gap narrowed."
    overview = _overview(said, REPORT)
    assert overview == Overview(said, "written")
    summary, overview = opened(overview, "In 2015-2016 about 19.3 million undergraduates were enrolled.", "en")
    assert summary.startswith(said) and overview.fate == "written"


def test_describing_words_need_not_be_in_the_document_but_its_subject_must():
    assert support("Der Artikel beschreibt Dhaka, die Hauptstadt von Bangladesch.", ARTIKEL, "de") == 1
    assert support("Der Artikel beschreibt Berlin, die Hauptstadt von Deutschland.", ARTIKEL, "de") < 0.8


def test_a_number_a_name_or_a_negation_the_document_does_not_say_drops_the_overview():
    assert _overview("The report finds that 42 million students enrolled in college.", REPORT).fate == "unsupported"
    assert unsupported_names("The report by Harvard examines low-income students.", REPORT) == ["Harvard"]
    assert unsupported_names("This report by Stu Dent examines low-income students.", REPORT) == ["Stu", "Dent"], "whole words"
    # A close paraphrase that opens with the kind of document keeps its place: only its negation is held.
    close = ("This report finds students from low-income families were more likely to attend community colleges, "
             "and the income gap in enrolment narrowed between 1996 and 2016.")
    assert _overview(close, REPORT).fate == "written"
    for said in ("This report finds that the income gap in enrolment did not narrow between 1996 and 2016.",
                 "This report finds that the income gap in enrolment never narrowed between 1996 and 2016."):
        assert _overview(said, REPORT).fate == "unsupported", said


def test_an_overview_of_other_matters_is_dropped():
    assert _overview("This report examines the military budget and weapons procurement of the navy.", REPORT).fate == "unsupported"


def test_a_sentence_that_names_no_kind_of_document_is_no_overview():
    # The document's own sentences, in three languages: nothing says what the document is.
    assert _overview(BUDGET.split(". ")[0] + ".", BUDGET).fate == "not about the document"
    assert _overview("Im Sommer kommt es in weiten Teilen der Stadt zu schweren Überschwemmungen.", ARTIKEL, "de").fate \
        == "not about the document"
    assert _overview("北京的空气质量在过去十年有所改善。", HUIYI, "zh").fate == "not about the document"
    assert _overview("本次会议讨论了新的交通政策和空气质量。", HUIYI, "zh").fate == "written"
    assert _overview("Der Artikel beschreibt Dhaka, die Hauptstadt von Bangladesch.", ARTIKEL, "de").fate == "written"


def test_an_overview_the_summary_already_says_gives_way_but_not_to_a_short_sentence():
    said = "Students from low-income families were more likely to attend community colleges."
    overview = _overview("This report finds that students from low-income families attend community colleges.", REPORT)
    assert overview.fate == "written"
    summary, gone = opened(overview, said + " The gap narrowed.", "en")
    assert gone.fate == "repeats the summary" and summary == said + " The gap narrowed."
    assert not repeats("This report examines how low-income students enrol in college and finds that the income gap narrowed.",
                       "The gap narrowed.", "en"), "a short sentence says only part of it"


def test_no_overview_leaves_the_summary_alone():
    assert _overview(None, REPORT).fate == "none"
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
    full = summary_schema([1], doc_types=("paper",), bounds=Bounds(sentences=(2, 4), sentence=300))
    assert list(full["properties"])[:4] == ["title", "summary", "overview", "key_points"], "in the prompt's order"
