"""Pairs files: read in order, limited, and refused with the line number when malformed."""

import json

import pytest

from bench.quality.pairs import PairsError, load_pairs


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _pair(i, lang="en"):
    return json.dumps({"id": f"p{i}", "lang": lang, "text": f"Text {i}.", "reference_summary": f"Ref {i}."})


def test_loads_in_order_with_limit(tmp_path):
    path = _write(tmp_path / "en_set.jsonl", [_pair(1), "", _pair(2), _pair(3, "de")])
    pairs = load_pairs(path)
    assert [(p.id, p.lang, p.file) for p in pairs] == [("p1", "en", "en_set"), ("p2", "en", "en_set"), ("p3", "de", "en_set")]
    assert pairs[0].reference == "Ref 1."
    assert [p.id for p in load_pairs(path, limit=2)] == ["p1", "p2"]


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "set.jsonl:2: not JSON"),
        (json.dumps({"id": "x", "lang": "en", "text": "t"}), "set.jsonl:2: missing or empty reference_summary"),
        (json.dumps({"id": "x", "lang": "en", "text": " ", "reference_summary": "r"}), "missing or empty text"),
    ],
)
def test_bad_lines_are_errors_with_their_line(tmp_path, line, message):
    path = _write(tmp_path / "set.jsonl", [_pair(1), line])
    with pytest.raises(PairsError, match=message):
        load_pairs(path)


def test_empty_file_is_an_error(tmp_path):
    with pytest.raises(PairsError, match="no pairs"):
        load_pairs(_write(tmp_path / "empty.jsonl", [""]))
