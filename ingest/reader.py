"""read_document: any supported file to a Document."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from core.errors import EmptyDocument, FileMissing, NoTextLayer, TooLarge
from ingest.detect import sniff_format
from ingest.docx import read_docx
from ingest.language import detect_language
from ingest.limits import MB, Limits, default_limits
from ingest.model import Document, clean_text, join_drop_caps, paginate
from ingest.ocr import ocr_pdf
from ingest.pdf import PdfText, has_text, read_pdf
from ingest.sections import sectionize, split_paragraphs
from ingest.text import DAMAGED_UTF8, decode_text, markdown_title, repair_mojibake, text_pages
from rules.titles import clean_title, defined_subject, first_heading

_EXTENSIONS = {"pdf": {".pdf"}, "docx": {".docx"}, "text": {".txt", ".md", ".markdown", ".text", ""}}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _with_ocr(path: Path, pdf: PdfText, languages: str, limits: Limits) -> PdfText:
    """The PDF read again after OCRmyPDF gave its scanned pages a text layer."""
    workdir = Path(tempfile.mkdtemp(prefix="docsum-ocr-"))
    try:
        scanned = sum(not has_text(t) for t in pdf.pages)
        ocred = read_pdf(ocr_pdf(path, languages, limits.deadline, workdir), None, limits)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    note = f"OCR ({languages}) gave a text layer to the {scanned} page(s) that had none"
    return PdfText(pages=ocred.pages, title=pdf.title, warnings=[*pdf.warnings, note])


def read_document(
    path: str | Path,
    password: str | None = None,
    limits: Limits | None = None,
    ocr_languages: str | None = None,
    sha256: str | None = None,
) -> Document:
    """Read a PDF, DOCX or text file into a Document, or raise an InputError saying why not.

    With ocr_languages (Tesseract codes, e.g. "eng+deu"), PDF pages without a text layer are OCRed.
    A caller that has already hashed the file (the watcher) passes sha256 to spare a second pass.
    """
    path = Path(path)
    limits = limits or default_limits()
    if not path.exists():
        raise FileMissing(f"{path}: no such file")
    if path.is_dir():
        raise FileMissing(f"{path}: is a directory, not a file")
    if not path.is_file():
        raise FileMissing(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise TooLarge(
            f"{path.name}: {size / MB:,.0f} MB, more than the limit of {limits.max_bytes / MB:,.0f} MB (max_file_mb)"
        )
    data = path.read_bytes()
    if not data:
        raise EmptyDocument(f"{path.name}: the file is empty (0 bytes)")

    fmt = sniff_format(path)
    warnings: list[str] = []
    if path.suffix.lower() not in _EXTENSIONS[fmt]:
        warnings.append(f"the extension {path.suffix or '(none)'} does not match the content, read as {fmt}")

    title: str | None = None
    unit = "page"
    if fmt == "pdf":
        pdf = read_pdf(path, password, limits)
        if ocr_languages and any(not has_text(t) for t in pdf.pages):
            pdf = _with_ocr(path, pdf, ocr_languages, limits)
        texts, title = pdf.pages, pdf.title
        warnings += pdf.warnings
    elif fmt == "docx":
        docx = read_docx(path, limits)
        texts, title = docx.pages, docx.title
        warnings += docx.warnings
        if not docx.paged:
            texts, unit = sectionize(split_paragraphs("\n\n".join(texts))), "section"
    else:
        text, encoding = decode_text(data, path.name)
        if encoding == DAMAGED_UTF8:
            warnings.append("some bytes were not valid UTF-8 and were replaced by \ufffd")
        texts, unit = text_pages(text)
        limits.check_pages(path.name, len(texts))
        if path.suffix.lower() in {".md", ".markdown"}:
            title = markdown_title(text)

    repaired = [repair_mojibake(t) for t in texts]
    if repaired != texts:
        warnings.append("text decoded with the wrong character set somewhere upstream (mojibake) was repaired")
    texts = join_drop_caps([clean_text(t) for t in repaired])
    empty = tuple(i for i, t in enumerate(texts, start=1) if not has_text(t))
    if not texts or len(empty) == len(texts):
        if fmt == "pdf" and texts:
            raise NoTextLayer(
                f"{path.name}: none of its {len(texts)} pages has a text layer "
                + ("and OCR found no text in them" if ocr_languages else "(scanned or image-only PDF); run with --ocr to OCR it")
            )
        raise EmptyDocument(f"{path.name}: the document contains no text")
    if empty and fmt == "pdf":
        shown = ", ".join(map(str, empty[:10])) + (" ..." if len(empty) > 10 else "")
        warnings.append(f"{len(empty)} of {len(texts)} pages have no text layer and were skipped: {shown}")

    pages = paginate(texts)
    first = next((t for t in texts if has_text(t)), "")
    title = clean_title(title) or first_heading(first) or defined_subject(first)
    return Document(
        path=str(path),
        sha256=sha256 or _sha256(data),
        format=fmt,
        pages=pages,
        language=detect_language("\n".join(texts)),
        page_unit=unit,
        title=title,
        empty_pages=empty,
        warnings=tuple(warnings),
    )
