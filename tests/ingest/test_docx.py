import zipfile

import pytest

from core.errors import DamagedDocument, UnsupportedFormat
from ingest import read_document
from tests.helpers.documents import make_docx


def test_paragraphs_tables_headers_and_footers_in_order(tmp_path):
    path = make_docx(
        tmp_path / "memo.docx",
        ["Introduction to the lease.", "The tenant pays rent monthly.", "Closing remarks."],
        table=[["Item", "Amount"], ["Rent", "900 EUR"]],
        header="ACME CONFIDENTIAL",
        footer="Page footer text",
    )
    doc = read_document(path)
    text = doc.text
    assert doc.format == "docx"
    assert text.index("ACME CONFIDENTIAL") < text.index("Introduction") < text.index("Rent | 900 EUR")
    assert text.index("Rent | 900 EUR") < text.index("The tenant pays") < text.index("Closing remarks")
    assert "Page footer text" in text


def test_page_breaks_make_pages(tmp_path):
    path = make_docx(tmp_path / "paged.docx", ["Page one text.", "Page two text.", "Still page two."], page_break_after={0})
    doc = read_document(path)
    assert doc.page_unit == "page"
    assert [p.text.strip() for p in doc.pages] == ["Page one text.", "Page two text.\n\nStill page two."]


def test_unpaged_long_docx_is_cut_into_sections(tmp_path):
    paragraphs = [f"Section {i}: " + "the parties agree to cooperate in good faith. " * 20 for i in range(10)]
    doc = read_document(make_docx(tmp_path / "long.docx", paragraphs))
    assert doc.page_unit == "section" and len(doc.pages) >= 3
    assert all(f"Section {i}:" in doc.text for i in range(10))


def test_footnotes_are_read(tmp_path):
    path = make_docx(tmp_path / "notes.docx", ["Main text with a note."])
    # python-docx cannot write footnotes: add the part the way Word stores it.
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:id="0"><w:p><w:r><w:t>separator</w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>See the annex for prices.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/footnotes.xml", footnotes)
    text = read_document(path).text
    assert "[footnote 1] See the annex for prices." in text
    assert "separator" not in text


def test_truncated_docx_is_damaged(tmp_path):
    good = make_docx(tmp_path / "good.docx", ["Some text."])
    bad = tmp_path / "bad.docx"
    bad.write_bytes(good.read_bytes()[:200])
    with pytest.raises((DamagedDocument, UnsupportedFormat)):
        read_document(bad)


def test_zip_that_is_not_docx_is_unsupported(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnsupportedFormat, match="ZIP archive"):
        read_document(path)
