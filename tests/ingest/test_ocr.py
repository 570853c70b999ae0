"""Scanned PDFs: a clear "no text layer" error by default; --ocr runs OCRmyPDF and
Tesseract (scripts/test.sh installs them, as a user would with apt-get)."""

import shutil

import pytest

from core.errors import NoTextLayer
from ingest.ocr import OcrUnavailable
from ingest.reader import read_document
from tests.helpers.documents import scanned_pdf

LINES = [["SERVICE AGREEMENT", "The client pays 4800 pounds", "every quarter in advance."], ["Either party may end it", "with three months notice."]]


def test_scanned_pdf_without_ocr_says_how_to_get_text(tmp_path):
    pdf = scanned_pdf(tmp_path / "scan.pdf", LINES)
    with pytest.raises(NoTextLayer, match="none of its 2 pages has a text layer .*run with --ocr"):
        read_document(pdf)


@pytest.mark.slow
def test_ocr_reads_the_scanned_pages(tmp_path):
    pdf = scanned_pdf(tmp_path / "scan.pdf", LINES)
    doc = read_document(pdf, ocr_languages="eng")
    assert len(doc.pages) == 2
    assert "4800" in doc.pages[0].text and "AGREEMENT" in doc.pages[0].text.upper()
    assert "notice" in doc.pages[1].text.lower()
    assert any("OCR (eng) gave a text layer to the 2 page(s)" in w for w in doc.warnings)
    assert pdf.read_bytes()[:5] == b"%PDF-" and doc.sha256 and len(list(tmp_path.iterdir())) == 1  # original untouched, no leftovers


def test_ocr_without_ocrmypdf_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # nothing to find on it
    pdf = scanned_pdf(tmp_path / "scan.pdf", LINES)
    with pytest.raises(OcrUnavailable, match="--ocr needs OCRmyPDF and Tesseract, which are not installed; install them with: apt-get install ocrmypdf"):
        read_document(pdf, ocr_languages="eng")
    assert shutil.which("ocrmypdf") is None
