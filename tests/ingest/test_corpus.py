"""Every real PDF and DOCX of the shared corpus gives text or a typed error, quickly."""

import signal
from pathlib import Path

import pytest

from core.errors import InputError
from ingest import read_document
from tests.conftest import CORPUS

FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in {".pdf", ".docx"}) if CORPUS.is_dir() else []
PASSWORDS = {"005-libreoffice-writer-password": "openpassword"}
SECONDS = 60


@pytest.fixture(autouse=True)
def _deadline():
    def expired(signum, frame):
        raise TimeoutError(f"reading took more than {SECONDS}s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif(not FILES, reason=f"corpus not found at {CORPUS}")
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) if CORPUS.is_dir() else "" for p in FILES])
def test_corpus_file_reads_or_fails_clearly(path: Path):
    try:
        doc = read_document(path)
    except InputError as exc:
        message = str(exc)
        assert path.name in message and "\n" not in message
        return
    assert doc.pages and any(p.text.strip() for p in doc.pages)
    assert doc.language


@pytest.mark.skipif(not FILES, reason=f"corpus not found at {CORPUS}")
def test_corpus_password_pdf_opens_with_its_password():
    path = next(p for p in FILES if "005-libreoffice-writer-password" in str(p))
    with pytest.raises(InputError, match="password"):
        read_document(path)
    assert read_document(path, password="openpassword").text.strip()
