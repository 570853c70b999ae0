import pytest
from pypdf import PdfReader, PdfWriter

from core.errors import DamagedDocument, NoTextLayer, PasswordError
from ingest import read_document
from tests.helpers.documents import make_pdf

PAGES = [
    ["Supply Agreement between Acme Corp and Beta GmbH.", "Acme supplies widgets every month."],
    ["Beta pays 1,000 EUR per delivery within 30 days."],
    ["This agreement is governed by the laws of Germany."],
]


@pytest.fixture
def pdf(tmp_path):
    return make_pdf(tmp_path / "contract.pdf", PAGES)


def _encrypt(src, dest, password, algorithm):
    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(user_password=password, owner_password="owner-secret", algorithm=algorithm)
    with open(dest, "wb") as handle:
        writer.write(handle)
    return dest


def test_text_page_by_page_with_offsets(pdf):
    doc = read_document(pdf)
    assert doc.format == "pdf" and len(doc.pages) == 3
    assert "1,000 EUR" in doc.pages[1].text
    assert doc.text[doc.pages[2].start : doc.pages[2].end] == doc.pages[2].text
    assert doc.language == "en"
    assert len(doc.sha256) == 64


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_encrypted_pdf_needs_the_right_password(pdf, tmp_path, algorithm):
    locked = _encrypt(pdf, tmp_path / "locked.pdf", "s3cret", algorithm)
    with pytest.raises(PasswordError, match="--password"):
        read_document(locked)
    with pytest.raises(PasswordError, match="wrong password"):
        read_document(locked, password="guess")
    assert "governed by the laws of Germany" in read_document(locked, password="s3cret").text


def test_empty_user_password_opens_without_asking(pdf, tmp_path):
    locked = _encrypt(pdf, tmp_path / "owner-only.pdf", "", "AES-256")
    assert "Acme" in read_document(locked).text


def test_image_only_pdf_is_a_clear_error(tmp_path):
    scan = make_pdf(tmp_path / "scan.pdf", [[], []], images_only={1, 2})
    with pytest.raises(NoTextLayer, match="none of its 2 pages has a text layer"):
        read_document(scan)


def test_pages_without_text_are_reported_not_hidden(tmp_path):
    mixed = make_pdf(tmp_path / "mixed.pdf", PAGES + [[]], images_only={2, 4})
    doc = read_document(mixed)
    assert doc.empty_pages == (2, 4)
    assert any("2 of 4 pages have no text layer" in w for w in doc.warnings)
    assert [p.number for p in doc.pages] == [1, 2, 3, 4]  # numbering stays true to the file


def test_truncated_pdf_is_damaged_or_read_partially(pdf, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(pdf.read_bytes()[:300])
    with pytest.raises((DamagedDocument, NoTextLayer)):
        read_document(broken)


def test_extension_that_lies_is_read_by_content(pdf, tmp_path):
    disguised = tmp_path / "contract.txt"
    disguised.write_bytes(pdf.read_bytes())
    doc = read_document(disguised)
    assert doc.format == "pdf"
    assert any("does not match" in w for w in doc.warnings)
