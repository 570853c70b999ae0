"""Real PDF and DOCX files made by the tests themselves."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(path: Path, pages: list[list[str]], images_only: set[int] = frozenset(),
             deflated: dict[int, bytes] | None = None) -> Path:
    """Write a PDF with one Helvetica text line per string; pages listed in images_only
    (1-based) get a drawn rectangle and no text at all, like a scanned page; pages in
    deflated get that raw content stream, Flate-compressed (a bomb, when it is huge)."""
    objects: list[bytes] = []
    kids = []
    n_fixed = 3  # catalog, page tree, font
    for number, lines in enumerate(pages, start=1):
        if number in images_only:
            stream = b"q 0.5 g 72 72 400 600 re f Q"
        else:
            body = ["BT /F1 11 Tf 14 TL 72 760 Td"] + [f"({_escape(l)}) Tj T*" for l in lines] + ["ET"]
            stream = "\n".join(body).encode("latin-1")
        filter_entry = ""
        if deflated and number in deflated:
            stream, filter_entry = zlib.compress(deflated[number], 9), " /Filter /FlateDecode"
        page_id = n_fixed + 1 + 2 * (number - 1)
        kids.append(page_id)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {page_id + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(stream), filter_entry.encode()) + stream + b"\nendstream")
    fixed = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(fixed + objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def make_docx(path: Path, paragraphs: list[str], page_break_after: set[int] = frozenset(),
              table: list[list[str]] | None = None, header: str | None = None, footer: str | None = None) -> Path:
    """Write a DOCX with python-docx; page_break_after holds paragraph indexes (0-based)."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    doc = Document()
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    if footer:
        doc.sections[0].footer.paragraphs[0].text = footer
    for i, text in enumerate(paragraphs):
        para = doc.add_paragraph(text)
        if i in page_break_after:
            para.add_run().add_break(WD_BREAK.PAGE)
        if table is not None and i == 0:
            t = doc.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
    doc.save(str(path))
    return path


_TOPICS = [
    ("water supply", "pipes", "the reservoir", "leak detection"),
    ("school meals", "kitchens", "local farms", "menu planning"),
    ("road repairs", "asphalt", "the ring road", "night work"),
    ("library hours", "volunteers", "the reading room", "late opening"),
    ("park lighting", "lamps", "the north park", "solar panels"),
    ("bus timetables", "drivers", "the central station", "weekend service"),
    ("recycling", "bins", "the depot", "glass collection"),
    ("flood defences", "barriers", "the river bank", "sandbags"),
]


def report_text(sections: int, seed: int = 0) -> str:
    """A plain-text council report with distinct, checkable content in every section."""
    paragraphs = [f"Annual report of the Riverside Council, edition {seed}."]
    for i in range(sections):
        topic, things, place, project = _TOPICS[(i + seed) % len(_TOPICS)]
        amount = 1000 * (i + 3) + seed
        paragraphs.append(
            f"Section {i + 1}: {topic}. The council reviewed {topic} in detail this year. "
            f"Staff replaced {i + 12} {things} near {place} and started a project on {project}. "
            f"The budget for {topic} was {amount} pounds, of which {amount // 4} pounds went to {project}. "
            f"Residents asked for more work on {project}, and the committee agreed to report again in spring. "
            f"The officer in charge of {topic} noted that delays at {place} were caused by supply problems."
        )
    return "\n\n".join(paragraphs) + "\n"


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def raw_docx(path: Path, document_xml: str | bytes, extra: dict[str, bytes] | None = None) -> Path:
    """A DOCX assembled by hand around the given word/document.xml, for files python-docx would never write."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def docx_body(paragraphs: list[str], prolog: str = "") -> str:
    """document.xml with one w:p per string (strings are inserted as they are: entities stay entities)."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


def scanned_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF of page images with the lines drawn in, no text layer: what a scanner makes."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=36)
    images = []
    for lines in pages:
        image = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(lines):
            draw.text((100, 150 + 70 * i), line, fill=0, font=font)
        images.append(image)
    images[0].save(path, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return path
