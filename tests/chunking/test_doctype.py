"""Document types from evidence code can check; the model only chooses among what it leaves."""

from chunking.doctype import document_type

CONTRACT = (
    'This Supply Agreement is entered into as of 1 May 2020 by and between Acme Ltd. ("Buyer") and Beta GmbH '
    '("Seller"). WHEREAS the Seller makes widgets; NOW, THEREFORE, the parties agree as follows. The Buyer shall pay '
    "the price within 30 days. Either party may terminate this Agreement on notice. This Agreement is governed by "
    "the laws of England. IN WITNESS WHEREOF the parties hereto have signed."
)
PAPER = (
    "Abstract\nWe propose a method for detecting outliers.\n1 Introduction\nPrior work (Smith et al., 2019) uses "
    "autoencoders [3, 4]. In this paper we show that a simple model suffices.\n4 Results\nOur results show a "
    "significant gain (Fig. 2, Table 1); we found that it generalizes.\nReferences\n[1] A. Smith et al. Outliers."
)
REPORT = (
    "This report examines the use of emergency powers by federal agencies. Congress asked GAO to review the "
    "statutes. We recommend that the agencies report to the committees each fiscal year."
)
NEWS = "Le président a annoncé mercredi de nouvelles mesures. La situation reste confuse dans plusieurs régions."


def test_each_kind_of_document_is_decided_by_its_own_signals():
    assert document_type(CONTRACT).decided == "contract"
    assert document_type(PAPER).decided == "paper"
    assert document_type(REPORT).decided == "report"
    assert document_type(NEWS).decided == "other"


def test_a_paper_that_says_whereas_is_not_a_contract():
    text = PAPER + " The first model overfits, whereas the second one shall be robust to noise."
    evidence = document_type(text)
    assert evidence.decided == "paper" and evidence.scores["contract"] < 3


def test_mixed_evidence_leaves_the_model_only_the_types_the_text_supports():
    text = REPORT + (
        " The report reviews an agreement made by and between two agencies: either party may leave it, and "
        "this Agreement is governed by the laws of Texas."
    )
    evidence = document_type(text)
    assert evidence.decided is None
    assert set(evidence.candidates) == {"contract", "report"}


def test_an_encyclopedia_article_with_references_is_no_paper_but_a_review_citing_authors_may_be():
    article = (
        "Iwan Roberts is a Welsh former footballer who played as a forward.[1] He joined Watford in 1986.[2]\n"
        "He moved to Norwich City in 1997, where he scored 96 goals.[3] He later joined Gillingham.[4]\n\n"
        "References\n\n1. Retrieved 27 July 2020 via Newspapers.com.\n"
    )
    assert document_type(article).candidates == ("other",), "a bibliography and citation marks alone make no paper"
    review = (
        "MicroRNAs regulate breast cancer cell proliferation, as Smith et al. showed [1]. Jones et al. found the same "
        "in mice [2, 3]. Lee et al. reviewed the pathways [4].\n\nReferences\n\n1. Smith J. Cancer Res.\n"
    )
    assert "paper" in document_type(review).candidates


def test_a_manual_with_figures_and_a_references_column_is_no_paper():
    # GeoBase_NHNC1_Data_Model_UML_EN.pdf: a data model whose tables have a "references" column
    manual = "\n".join(
        ["The Hydro Network package contains the set of classes that form the linear network (Figure 1)."]
        + ["references", "Identifier of the object referenced. See Figure 2 and Table 3."] * 4
    )
    assert document_type(manual).candidates == ("other",), "figures, tables and references without a researcher's voice"
    paper = manual + "\nIn this paper we propose a network model. We found that it holds (Figure 4)."
    assert "paper" in document_type(paper).candidates


def _pairs(name: str) -> list[str]:
    import json

    from tests.conftest import CORPUS

    path = CORPUS / "summarization" / name
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8")] if path.is_file() else []


def test_patents_are_other_in_any_language():
    # A patent cites prior art and numbers its figures as a paper does; a reader files it as "other".
    german = (
        "Die vorliegende Erfindung betrifft ein Ventil für Wasserleitungen. Stand der Technik: bekannte Ventile "
        "verkalken (Fig. 1). In einer bevorzugten Ausführungsform ist der Sitz aus Keramik (Fig. 2, Fig. 3). "
        "Gemäß einer weiteren Ausführungsform wird der Sitz gespült."
    )
    english = (
        "CROSS REFERENCE TO RELATED APPLICATIONS\nThis application claims priority to U.S. Provisional Application "
        "No. 61/234,567.\nBACKGROUND\nThe present invention relates to dental floss holders. Prior art holders "
        "break (FIG. 1). In a preferred embodiment the holder is made of nylon (FIG. 2; Table 1)."
    )
    patents = [german, english] + _pairs("en_leval_patent_summ.jsonl")
    assert len(patents) >= 5, "the corpus's patents (BigPatent via LEval) are read too"
    for text in patents:
        assert document_type(text).decided == "other", text[:80]


def test_a_journal_papers_own_voice_counts_in_its_language():
    german = (
        "In dieser Arbeit untersuchen wir die Wirkung von Lärm auf den Schlaf. Wir zeigen, dass nächtlicher Lärm "
        "den Tiefschlaf verkürzt (Abb. 2). Die Messungen (Müller et al., 2019) bestätigen das [3, 4]."
    )
    japanese = "本論文では，文の結束関係を示す手がかり表現を提案する．実験結果から，提案手法の有効性を示す[1]．表 1 に結果を示す．"
    papers = [german, japanese] + _pairs("ja_en_jpnlp_papers.jsonl")
    for text in papers:
        assert "paper" in document_type(text).candidates, text[:80]
    assert document_type(german.replace("In dieser Arbeit untersuchen wir", "Man kennt").replace("Wir zeigen", "Man sagt")
                         ).candidates != ("paper",), "without the research voice, citations alone decide nothing"
