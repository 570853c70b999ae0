"""What a file really is, from its first bytes; the extension is only a hint."""

from __future__ import annotations

import zipfile
from pathlib import Path

from core.errors import UnsupportedFormat

_IMAGES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}


def sniff_format(path: Path) -> str:
    """Return "pdf", "docx" or "text", or raise UnsupportedFormat saying what the file is."""
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            if path.suffix.lower() == ".docx":
                # A truncated DOCX: let the DOCX reader say it is damaged.
                return "docx"
            raise UnsupportedFormat(f"{path.name}: a damaged ZIP archive, not a document") from None
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            raise UnsupportedFormat(f"{path.name}: an OpenDocument file; save it as DOCX or PDF")
        raise UnsupportedFormat(f"{path.name}: a ZIP archive, not a DOCX document")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormat(f"{path.name}: a legacy Office (.doc) file; save it as DOCX or PDF")
    for magic, what in _IMAGES.items():
        if head.startswith(magic):
            raise UnsupportedFormat(f"{path.name}: {what}, not a document (OCR it to PDF first)")
    return "text"
