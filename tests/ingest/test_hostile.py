"""Files made to hurt: bombs, external entities, deep nesting, lies, limits.
Each must end in a typed error with a plain message (or a clean read), fast."""

import os
import socket
import time

import pytest

from core.deadline import Deadline
from core.errors import DamagedDocument, EmptyDocument, FileMissing, TimeLimitExceeded, TooLarge, UnsupportedFormat
from ingest.limits import MB
from ingest.reader import read_document
from tests.helpers.fakes import limits
from tests.helpers.documents import W_NS, docx_body, make_pdf, raw_docx


def test_pdf_stream_that_inflates_past_the_limit_is_damaged_not_read(tmp_path):
    # 80 MB of content in an 80 KB file: past pypdf's 75 MB per-stream limit.
    bomb = make_pdf(tmp_path / "bomb.pdf", [["x"]], deflated={1: b"0 0 m " + b" " * 80_000_000})
    assert bomb.stat().st_size < 200_000
    started = time.monotonic()
    with pytest.raises(DamagedDocument, match="no page's text can be extracted .*LimitReached"):
        read_document(bomb)
    assert time.monotonic() - started < 30


def test_docx_that_unpacks_past_the_limit_is_refused_before_it_is_opened(tmp_path):
    body = docx_body(["A" * 1000] * 30_000)  # 30 MB of XML, a few KB zipped
    bomb = raw_docx(tmp_path / "bomb.docx", body)
    assert bomb.stat().st_size < 1 * MB
    with pytest.raises(TooLarge, match=r"unpack to 3\d MB, more than the limit of 16 MB \(a decompression bomb"):
        read_document(bomb, limits=limits(max_unpacked_bytes=16 * MB))


def test_docx_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7F3A")
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    doc = raw_docx(tmp_path / "xxe.docx", docx_body(["Quarterly report of the harbour board.", "&xxe;"], prolog))
    try:
        text = read_document(doc).text
    except (DamagedDocument, EmptyDocument):
        return  # refusing the file is as good as not resolving it
    assert "TOP-SECRET" not in text and "harbour board" in text


def test_deeply_nested_docx_is_damaged_not_a_crash(tmp_path):
    nested = "<w:sdt><w:sdtContent>" * 5000 + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * 5000
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{nested}</w:body></w:document>'
    with pytest.raises(DamagedDocument, match="damaged DOCX"):
        read_document(raw_docx(tmp_path / "deep.docx", xml))


def test_too_many_pages_is_refused_before_reading_them(tmp_path):
    pdf = make_pdf(tmp_path / "long.pdf", [[f"Page {i} of the register."] for i in range(30)])
    with pytest.raises(TooLarge, match=r"long.pdf: 30 pages, more than the limit of 20 \(max_pages\)"):
        read_document(pdf, limits=limits(max_pages=20))
    text = tmp_path / "long.txt"
    text.write_text("\f".join(f"Page {i} of the register." for i in range(30)))
    with pytest.raises(TooLarge, match="max_pages"):
        read_document(text, limits=limits(max_pages=20))


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(3 * MB)  # sparse: costs no disk, and must not be read either
    with pytest.raises(TooLarge, match=r"big.txt: 3 MB, more than the limit of 2 MB \(max_file_mb\)"):
        read_document(big, limits=limits(max_bytes=2 * MB))


def test_time_limit_stops_reading_between_pages(tmp_path):
    pdf = make_pdf(tmp_path / "slow.pdf", [[f"Page {i}."] for i in range(5)])
    expired = Deadline(seconds=1, started=time.monotonic() - 10)
    with pytest.raises(TimeLimitExceeded, match=r"slow.pdf: reading page 1 of 5: stopped after the time limit of 1s"):
        read_document(pdf, limits=limits(deadline=expired))


@pytest.mark.parametrize(
    "make, error, message",
    [
        (lambda p: p.write_bytes(b""), EmptyDocument, "empty"),
        (lambda p: p.mkdir(), FileMissing, "is a directory"),
        (lambda p: p.symlink_to(p.parent / "nowhere"), FileMissing, "no such file"),
        (lambda p: os.mkfifo(p), FileMissing, "not a regular file"),
        (lambda p: p.write_text("4711 0815 1234-5678 ... 99 %% 42\n" * 50), EmptyDocument, "no text"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100), UnsupportedFormat, "PNG image"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n" + os.urandom(2000)), DamagedDocument, "damaged PDF"),
    ],
)
def test_bad_files_are_typed_errors(tmp_path, make, error, message):
    path = tmp_path / "input.pdf"
    make(path)
    with pytest.raises(error, match=message):
        read_document(path)


def test_a_socket_is_not_a_file(tmp_path):
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        with pytest.raises(FileMissing, match="not a regular file"):
            read_document(path)


def test_mixed_scripts_and_broken_encodings_read_without_loss_of_the_readable(tmp_path):
    path = tmp_path / "mixed.txt"
    data = "Vertrag über Lieferung. 供货合同。Договор поставки. ".encode("utf-8") * 20 + b"\xff\xfe\xfa legacy \xe9t\xe9 "
    path.write_bytes(data)
    doc = read_document(path)
    assert "Vertrag" in doc.text and "供货合同" in doc.text and "Договор" in doc.text
    assert any("not valid UTF-8" in w for w in doc.warnings)
