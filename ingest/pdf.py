"""PDF with pypdf: text page by page, passwords, and pages without a text layer."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from core.errors import DamagedDocument, PasswordError
from ingest.limits import Limits

# pypdf logs every recoverable oddity of a damaged file as a warning; those are
# not for the user's terminal, the result says what was lost.
logging.getLogger("pypdf").setLevel(logging.ERROR)

#: A page with fewer letters than this is treated as having no text layer.
MIN_LETTERS = 3


@dataclass(frozen=True)
class PdfText:
    pages: list[str]
    title: str | None
    warnings: list[str]


def _clean(text: str) -> str:
    # Lines end with stray spaces and pages often end in runs of blank lines.
    text = re.sub(r"[ \t]+\n", "\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _open(path: Path, password: str | None) -> PdfReader:
    name = path.name
    try:
        reader = PdfReader(path, strict=False)
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise DamagedDocument(f"{name}: damaged PDF, cannot be read ({exc})") from None
    if reader.is_encrypted:
        try:
            # Many PDFs are encrypted with an empty user password (only editing is locked).
            if not reader.decrypt(password or ""):
                if password is None:
                    raise PasswordError(f"{name}: the PDF is encrypted; give its password with --password")
                raise PasswordError(f"{name}: wrong password for the encrypted PDF")
        except DependencyError:
            raise PasswordError(f"{name}: the PDF uses AES encryption and the 'cryptography' package is missing") from None
        except (PdfReadError, NotImplementedError) as exc:
            raise PasswordError(f"{name}: the PDF's encryption is not supported ({exc})") from None
    return reader


def read_pdf(path: Path, password: str | None, limits: Limits) -> PdfText:
    """Extract each page's text; pages that fail or hold no text become empty strings."""
    reader = _open(path, password)
    warnings: list[str] = []
    try:
        page_objects = list(reader.pages)
    except FileNotDecryptedError:
        raise PasswordError(f"{path.name}: the PDF is encrypted; give its password with --password") from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise DamagedDocument(f"{path.name}: damaged PDF, its page tree cannot be read ({exc})") from None
    # Refused before any page is read: a 100,000-page file costs nothing to turn away.
    limits.check_pages(path.name, len(page_objects))
    pages: list[str] = []
    failures = 0
    for number, page in enumerate(page_objects, start=1):
        limits.deadline.check(f"{path.name}: reading page {number} of {len(page_objects)}")
        try:
            text = _clean(page.extract_text() or "")
        except Exception as exc:  # noqa: BLE001 - pypdf raises many types on broken content streams
            # Includes pypdf's LimitReachedError: a stream that inflates past its limits (a bomb).
            warnings.append(f"page {number}: text could not be extracted ({type(exc).__name__})")
            failures += 1
            text = ""
        pages.append(text)
    if page_objects and failures == len(page_objects):
        reasons = sorted({w.rsplit("(", 1)[-1].rstrip(")") for w in warnings})
        raise DamagedDocument(f"{path.name}: damaged PDF, no page's text can be extracted ({', '.join(reasons)})")
    title = None
    try:
        meta = reader.metadata
        title = (meta.title or "").strip() or None if meta else None
    except Exception:  # noqa: BLE001 - broken metadata must not cost the text
        pass
    return PdfText(pages=pages, title=title, warnings=warnings)


def has_text(page_text: str) -> bool:
    """Whether a page has a usable text layer."""
    return sum(ch.isalpha() for ch in page_text) >= MIN_LETTERS
