"""Blind reading packets and the rubric's copy count."""

import json

from bench.quality.pairs import Pair
from bench.reading.__main__ import main
from bench.reading.copied import copied_sentences
from bench.reading.packets import write_packets

SOURCE = ("The council approved the new bus shelter on Mill Lane for 4,200 pounds. "
          "The clerk will publish the budget in June. Residents asked for more benches.")


def test_copied_sentences_count_what_the_document_already_says():
    summary = ("The council approved the new bus shelter on Mill Lane for 4,200 pounds. "
               "A shelter and a budget were agreed by the council. Short one.")
    assert copied_sentences(summary, SOURCE) == (1, 2)  # "Short one." has no 4-word sequence
    assert copied_sentences("会议决定明年增加预算。", "本次会议决定明年增加预算，并讨论了人员安排。") == (1, 1)
    assert copied_sentences("会议没有讨论任何预算问题。", "本次会议决定明年增加预算。") == (0, 1)


def _runs():
    doc = {"title": "Minutes", "doc_type": "report", "key_points": [{"text": "Benches were asked for.", "pages": [1]}]}
    return {
        "run-main": {"d1": {"summary": "Old summary.", "document": doc}, "d2": {"summary": "Old two.", "document": None}},
        "run-new": {"d1": {"summary": "New summary.", "document": doc}, "d2": {"summary": "New two.", "document": None}},
        "run-chain": {"d1": {"summary": "Chain summary.", "document": None}},
    }


def test_packets_are_blind_shuffled_per_document_and_the_key_maps_back(tmp_path):
    pairs = [Pair("d1", "en", SOURCE, "A shelter was approved.", "set"), Pair("d2", "en", SOURCE, "Ref.", "set")]
    key = write_packets(pairs, _runs(), tmp_path / "packets", seed=3)
    assert list(key) == ["d1"], "only documents every run summarized"
    packet = (tmp_path / "packets" / "d1.md").read_text()
    for name in ("run-main", "run-new", "run-chain"):
        assert name not in packet
    assert "## Source" in packet and "A shelter was approved." in packet
    labels = key["d1"]
    assert sorted(labels) == ["A", "B", "C"] and sorted(labels.values()) == ["run-chain", "run-main", "run-new"]
    written = {"run-main": "Old summary.", "run-new": "New summary.", "run-chain": "Chain summary."}
    for label, run in labels.items():
        block = packet.split(f"## Summary {label}")[1].split("## Summary")[0]
        assert written[run] in block
    assert write_packets(pairs, _runs(), tmp_path / "again", seed=3) == key
    orders = {tuple(write_packets(pairs, _runs(), tmp_path / f"s{s}", seed=s)["d1"].values()) for s in range(12)}
    assert len(orders) > 1, "the order changes with the seed"


def test_the_command_writes_the_key_beside_the_packets_not_among_them(tmp_path):
    pairs = tmp_path / "set.jsonl"
    pairs.write_text(json.dumps({"id": "d1", "lang": "en", "text": SOURCE, "reference_summary": "Ref."}) + "\n")
    runs = []
    for name in ("main", "new"):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"records": [{"system": "docsum", "id": "d1", "summary": f"{name} text.", "error": None}]}))
        runs += ["--run", f"{name}={path}"]
    assert main([str(pairs), *runs, "--out", str(tmp_path / "panel")]) == 0
    assert [p.name for p in (tmp_path / "panel").iterdir()] == ["d1.md"]
    assert set(json.loads((tmp_path / "panel.key.json").read_text())["d1"].values()) == {"main", "new"}
