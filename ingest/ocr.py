"""OCR for scanned PDFs with OCRmyPDF and Tesseract, when asked for (--ocr) and installed.

OCRmyPDF runs as its own program (it is not a Python dependency of docsum: it
brings Tesseract and Ghostscript, too heavy for every box); it adds a text layer
to the pages that lack one (--skip-text) and leaves the others as they are.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from core.deadline import Deadline
from core.errors import DamagedDocument, TimeLimitExceeded, UsageError

INSTALL_HINT = (
    "install them with: apt-get install ocrmypdf tesseract-ocr-eng "
    "(plus tesseract-ocr-deu, tesseract-ocr-fra, tesseract-ocr-chi-sim ... for other languages)"
)


class OcrUnavailable(UsageError):
    """--ocr was asked for on a machine without OCRmyPDF or Tesseract."""


def ocr_pdf(path: Path, languages: str, deadline: Deadline, workdir: Path | None = None) -> Path:
    """A copy of the PDF with a text layer on its scanned pages; the original is not touched."""
    exe = shutil.which("ocrmypdf")
    if exe is None or shutil.which("tesseract") is None:
        raise OcrUnavailable(f"--ocr needs OCRmyPDF and Tesseract, which are not installed; {INSTALL_HINT}")
    workdir = workdir or Path(tempfile.mkdtemp(prefix="docsum-ocr-"))
    out = workdir / "ocr.pdf"
    args = [exe, "--skip-text", "--language", languages, "--output-type", "pdf", "--quiet", "--jobs", "1", str(path), str(out)]
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=deadline.remaining())
    except subprocess.TimeoutExpired:
        raise TimeLimitExceeded(f"{path.name}: OCR stopped after the time limit of {deadline.seconds:.0f}s per document (max_seconds)") from None
    if done.returncode != 0 or not out.is_file():
        last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        if "language" in last.lower() and "not" in last.lower():
            raise OcrUnavailable(f"OCR language {languages!r} is not installed ({last}); {INSTALL_HINT}")
        raise DamagedDocument(f"{path.name}: OCR failed ({last})")
    return out
