"""DOCX with python-docx: body in reading order, tables row by row, page breaks,
headers, footers, footnotes and endnotes."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from core.errors import DamagedDocument, TooLarge
from ingest.limits import MB, Limits

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_RENDERED_BREAK, _BREAK_BEFORE = qn("w:lastRenderedPageBreak"), qn("w:pageBreakBefore")
_TYPE, _SDT, _SDT_CONTENT = qn("w:type"), qn("w:sdt"), qn("w:sdtContent")
_PAGE_BREAK = object()

# Footnote and endnote parts are parsed by us, not python-docx: never resolve
# entities or touch the network, whatever the XML declares.
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class DocxText:
    pages: list[str]
    paged: bool  # True when Word's page breaks were found
    title: str | None
    warnings: list[str]


def _paragraph_items(p) -> list:
    """Text pieces and page-break markers of one w:p, in order."""
    items: list = []
    ppr = p.find(qn("w:pPr"))
    if ppr is not None and ppr.find(_BREAK_BEFORE) is not None:
        items.append(_PAGE_BREAK)
    for el in p.iter(_T, _TAB, _BR, _CR, _RENDERED_BREAK):
        if el.tag == _T:
            items.append(el.text or "")
        elif el.tag == _TAB:
            items.append("\t")
        elif el.tag == _CR or (el.tag == _BR and el.get(_TYPE) not in ("page", "column")):
            items.append("\n")
        elif el.tag == _RENDERED_BREAK or el.get(_TYPE) == "page":
            items.append(_PAGE_BREAK)
    return items


def _cell_text(tc) -> str:
    parts = []
    for p in tc.iter(_P):
        text = "".join(i for i in _paragraph_items(p) if i is not _PAGE_BREAK).strip()
        if text:
            parts.append(text)
    return " ".join(parts)


def _table_lines(tbl) -> list[str]:
    lines = []
    for tr in tbl.iter(_TR):
        # Only this row's own cells; nested tables are read inside their cell.
        cells = [_cell_text(tc) for tc in tr if tc.tag == _TC]
        cells = [c for c in cells if c]
        if cells:
            lines.append(" | ".join(cells))
    return lines


def _body_items(container) -> list:
    """Paragraph texts and page breaks of a body, tables flattened to lines, in reading order."""
    items: list = []
    for child in container:
        if child.tag == _P:
            text_parts: list[str] = []
            for item in _paragraph_items(child):
                if item is _PAGE_BREAK:
                    if "".join(text_parts).strip():
                        items.append("".join(text_parts).strip())
                    text_parts = []
                    items.append(_PAGE_BREAK)
                else:
                    text_parts.append(item)
            if "".join(text_parts).strip():
                items.append("".join(text_parts).strip())
        elif child.tag == _TBL:
            items.extend(_table_lines(child))
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                items.extend(_body_items(content))
    return items


def _pages_from_items(items: list) -> list[str]:
    pages: list[list[str]] = [[]]
    for item in items:
        if item is _PAGE_BREAK:
            # Word writes both an explicit break and a rendered-break marker for one
            # boundary; consecutive breaks with no text between them are one.
            if pages[-1]:
                pages.append([])
        else:
            pages[-1].append(item)
    return ["\n\n".join(page) for page in pages if page]


def _notes(path: Path, part: str, label: str) -> list[str]:
    """Footnotes or endnotes, read straight from the package with a safe parser."""
    try:
        with zipfile.ZipFile(path) as archive:
            if part not in archive.namelist():
                return []
            root = etree.fromstring(archive.read(part), _SAFE_PARSER)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError):
        return []
    notes = []
    for note in root:
        # Ids -1 and 0 are Word's separator notes, not content.
        note_id = note.get(qn("w:id"))
        if note_id is not None and note_id.lstrip("-").isdigit() and int(note_id) <= 0:
            continue
        text = " ".join(
            t for t in ("".join(i for i in _paragraph_items(p) if i is not _PAGE_BREAK).strip() for p in note.iter(_P)) if t
        )
        if text:
            notes.append(f"[{label} {note_id}] {text}")
    return notes


def _header_footer_lines(document) -> tuple[list[str], list[str]]:
    headers: list[str] = []
    footers: list[str] = []
    for section in document.sections:
        for target, parts in (
            (headers, (section.header, section.first_page_header)),
            (footers, (section.footer, section.first_page_footer)),
        ):
            for part in parts:
                try:
                    if part.is_linked_to_previous:
                        continue
                    lines = [i for i in _body_items(part._element) if i is not _PAGE_BREAK]
                except (KeyError, ValueError, AttributeError):
                    continue
                for line in lines:
                    if line not in target:
                        target.append(line)
    return headers, footers


def _check_unpacked_size(path: Path, limits: Limits) -> None:
    # python-docx inflates whole parts into memory. The sizes in the ZIP's directory are
    # binding (zipfile stops at the declared size and fails the CRC), so summing them
    # bounds what opening the file can cost.
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise DamagedDocument(f"{path.name}: damaged DOCX, cannot be read ({exc})") from None
    if unpacked > limits.max_unpacked_bytes:
        raise TooLarge(
            f"{path.name}: its parts unpack to {unpacked / MB:,.0f} MB, more than the limit of "
            f"{limits.max_unpacked_bytes / MB:,.0f} MB (a decompression bomb, or a huge document)"
        )


#: What a broken DOCX raises from python-docx, zipfile and lxml (found by tests/ingest/test_fuzz.py).
_BROKEN = (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, etree.XMLSyntaxError)


def read_docx(path: Path, limits: Limits) -> DocxText:
    """Extract the text of a DOCX, split at Word's page breaks where it has them."""
    _check_unpacked_size(path, limits)
    try:
        return _read(path, limits)
    except _BROKEN as exc:
        raise DamagedDocument(f"{path.name}: damaged DOCX, cannot be read ({str(exc)[:200] or type(exc).__name__})") from None


def _read(path: Path, limits: Limits) -> DocxText:
    document = open_docx(str(path))
    warnings: list[str] = []
    items = _body_items(document.element.body)
    paged = any(item is _PAGE_BREAK for item in items)
    pages = _pages_from_items(items)
    limits.check_pages(path.name, len(pages))

    try:
        headers, footers = _header_footer_lines(document)
    except Exception as exc:  # noqa: BLE001 - a broken header must not cost the body
        headers, footers = [], []
        warnings.append(f"headers and footers could not be read ({type(exc).__name__})")
    notes = _notes(path, "word/footnotes.xml", "footnote") + _notes(path, "word/endnotes.xml", "endnote")
    if not pages:
        pages = [""]  # the headers, footers or notes may still hold the only text
    if headers:
        pages[0] = ("\n".join(headers) + "\n\n" + pages[0]).strip()
    tail = footers + notes
    if tail:
        pages[-1] = (pages[-1] + "\n\n" + "\n".join(tail)).strip()

    title = (document.core_properties.title or "").strip() or None
    if title is None:
        for p in document.paragraphs[:50]:
            style = (p.style.name if p.style is not None else "") or ""
            if style == "Title" or style.startswith("Heading 1"):
                title = p.text.strip() or None
                if title:
                    break
    return DocxText(pages=pages, paged=paged, title=title, warnings=warnings)
