"""Tune on one half, report on the other: the fixed split of pairs files and contracts."""

import json

import pytest

from bench.quality.contract_fields import load_questions
from bench.quality.halves import in_half
from bench.quality.pairs import load_pairs
from tests.bench.test_pairs import _pair, _write

IDS = [f"leval-gov_report_summ-{i}-0" for i in range(7)]


def test_the_halves_split_a_file_evenly_and_do_not_overlap():
    tune, report = in_half(IDS, "tune"), in_half(IDS, "report")
    assert tune | report == set(IDS) and not tune & report
    assert (len(tune), len(report)) == (4, 3)
    three = ["arxiv-a", "arxiv-b", "arxiv-c"]
    assert sorted(map(len, (in_half(three, "tune"), in_half(three, "report")))) == [1, 2]


def test_the_split_is_fixed_whatever_the_order_of_the_file():
    assert in_half(IDS, "report") == in_half(list(reversed(IDS)), "report")
    with pytest.raises(ValueError):
        in_half(IDS, "dev")


def test_pairs_of_a_half_then_the_limit(tmp_path):
    path = _write(tmp_path / "set.jsonl", [_pair(i) for i in range(10)])
    report = load_pairs(path, half="report")
    assert {p.id for p in report} == in_half([f"p{i}" for i in range(10)], "report") and len(report) == 5
    assert [p.id for p in load_pairs(path, limit=2, half="report")] == [p.id for p in report[:2]]
    assert not {p.id for p in report} & {p.id for p in load_pairs(path, half="tune")}


def test_contracts_of_a_half(tmp_path):
    path = tmp_path / "qa.jsonl"
    records = [{"id": f"c{i}", "text": "x", "qa": [{"question": 'Highlight the parts (if any) of this contract related to "Parties"', "answer": "A"}]}
               for i in range(6)]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    contracts, questions = load_questions(path, "tune")
    assert {c["id"] for c in contracts} == in_half([r["id"] for r in records], "tune") and len(contracts) == 3
    assert {q.contract for q in questions} <= {c["id"] for c in contracts}
    assert len(load_questions(path)[0]) == 6
