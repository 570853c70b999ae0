import codecs

import pytest

from core.errors import EmptyDocument, UnsupportedFormat
from ingest import read_document
from ingest.text import decode_text, text_pages

SAMPLE = "Grüße aus Köln. Der Vertrag beginnt am 1. März 2025 und läuft zwei Jahre.\n\nZweiter Absatz über die Zahlung."


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom"],
)
def test_unicode_encodings_decode_exactly(data):
    text, _ = decode_text(data)
    assert text.lstrip("\ufeff") == SAMPLE


def test_legacy_encoding_is_detected():
    text = "Le prestataire s'engage à livrer le matériel à Besançon avant l'été. " * 5
    decoded, encoding = decode_text(text.encode("cp1252"))
    assert decoded == text
    assert encoding.replace("_", "").lower() in {"cp1252", "windows1252", "latin1", "iso88591"}


def test_binary_content_is_refused():
    with pytest.raises(UnsupportedFormat):
        decode_text(bytes(range(256)) * 20)


def test_form_feeds_make_pages_and_trailing_feed_is_ignored():
    pages, unit = text_pages("one\fthree\f")
    assert (pages, unit) == (["one", "three"], "page")


def test_unpaged_text_is_cut_into_sections_at_paragraphs():
    paragraphs = [f"Paragraph {i} " + "word " * 150 for i in range(12)]
    pages, unit = text_pages("\n\n".join(paragraphs))
    assert unit == "section" and len(pages) > 3
    assert "\n\n".join(pages).split("\n\n") == [p.rstrip() for p in paragraphs]


def test_read_text_file_with_offsets(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("First page text here.\fSecond page text here.", encoding="utf-8")
    doc = read_document(path)
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.text[doc.pages[1].start : doc.pages[1].end] == "Second page text here."
    assert doc.language == "en"


def test_empty_and_whitespace_files_are_clear_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n \t\n")
    with pytest.raises(EmptyDocument, match="empty"):
        read_document(tmp_path / "empty.txt")
    with pytest.raises(EmptyDocument, match="no text"):
        read_document(tmp_path / "blank.txt")


def test_markdown_title(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text("# Annual Report 2024\n\nThe year was good for the cooperative and its members.\n")
    assert read_document(path).title == "Annual Report 2024"


def test_text_is_cleaned_for_tokenizers():
    from ingest.model import clean_text

    # A lone surrogate (as broken PDF font maps produce) would make UTF-8 encoding fail.
    cleaned = clean_text("a\ud835b\x07c\r\nd\x0ce")
    assert cleaned == "a\ufffdbc\nd\x0ce"
    cleaned.encode("utf-8")


def test_no_break_spaces_and_ligatures_become_plain_text():
    from ingest.model import clean_text

    # One PDF producer of the CUAD filings puts U+00A0 between all words; "by and between" must still match.
    assert clean_text("made\xa0by\xa0and\xa0between\u202fus; o\ufb00en, \ufb01nal") == "made by and between us; offen, final"
    assert clean_text("会议\u3000开始") == "会议\u3000开始", "the ideographic space of CJK text stays"


def test_a_drop_cap_is_joined_to_its_word_but_a_one_letter_word_is_not(tmp_path):
    from ingest.model import join_drop_caps
    from ingest.reader import read_document

    pages = ["F ederal law provides powers.\nA round of talks began.\nT wo sides\nC an owl can fly, as an owl does.",
             "The federal agency acts around here."]
    assert join_drop_caps(pages) == [
        "Federal law provides powers.\nA round of talks began.\nT wo sides\nC an owl can fly, as an owl does.",
        "The federal agency acts around here.",
    ], "'federal' is a word of the document (on another page); 'two' is not, and 'an' alone is: left alone"
    path = tmp_path / "report.txt"
    path.write_text("F ederal law provides powers to the President.\n\n" + "More text here. " * 300 + "\n\nThe federal rules apply.")
    assert read_document(path).text.startswith("Federal law provides")


def test_mojibake_is_repaired_with_a_warning_and_clean_text_is_left_as_written(tmp_path):
    clean = "He scored in the 1985–86 season, “twice”, at the Café Royal. 大家好，欢迎。"
    twice = clean.encode("utf-8").decode("cp1252", errors="ignore").encode("utf-8")  # decoded wrongly, saved again
    path = tmp_path / "club.txt"
    path.write_bytes(twice)
    doc = read_document(path)
    assert "1985–86 season" in doc.text and "Café Royal" in doc.text
    assert any("mojibake" in w for w in doc.warnings)
    path.write_text(clean, encoding="utf-8")
    doc = read_document(path)
    assert doc.text.strip() == clean and not any("mojibake" in w for w in doc.warnings), "curly quotes and CJK stay"
