"""Reading packets: one Markdown file per document with its source, its reference and the
summaries of several runs labelled A, B, ... in an order shuffled per document, and a key
file apart that maps the labels back. Give a reader the packets and the rubric, never the key."""

from __future__ import annotations

import json
import random
import string
from dataclasses import dataclass
from pathlib import Path

from bench.quality.pairs import Pair
from bench.reading.copied import copied_sentences


@dataclass(frozen=True)
class Written:
    """One run's output for one document, as bench.quality stored it."""

    run: str
    summary: str
    document: dict | None


def load_run(path: Path, system: str = "docsum") -> dict[str, dict]:
    """The records of one system in a quality.json, by document id."""
    records = json.loads(path.read_text(encoding="utf-8"))["records"]
    return {r["id"]: r for r in records if r["system"] == system and not r.get("error")}


def _block(label: str, written: Written, source: str) -> list[str]:
    copied, total = copied_sentences(written.summary, source)
    lines = [f"## Summary {label}", ""]
    doc = written.document or {}
    if doc:
        lines += [f"- title: {doc.get('title')}", f"- type: {doc.get('doc_type')}"]
    lines += ["", written.summary.strip(), ""]
    if doc.get("key_points"):
        lines += ["Key points:", *[f"- {p['text']} (pages {', '.join(map(str, p.get('pages', [])))})" for p in doc["key_points"]], ""]
    for field in ("contract", "paper"):
        if doc.get(field):
            lines += [f"{field.capitalize()} fields:", *[f"- {k}: {v}" for k, v in doc[field].items()], ""]
    lines += [f"(sentences copied from the document: {copied} of {total})", ""]
    return lines


def write_packets(pairs: list[Pair], runs: dict[str, dict[str, dict]], out: Path, seed: int = 0) -> dict[str, dict[str, str]]:
    """Packets for every pair that every run summarized; returns the key (id -> label -> run)."""
    out.mkdir(parents=True, exist_ok=True)
    key: dict[str, dict[str, str]] = {}
    for pair in pairs:
        if not all(pair.id in records for records in runs.values()):
            continue
        written = [Written(name, records[pair.id]["summary"], records[pair.id].get("document")) for name, records in runs.items()]
        random.Random(f"{seed}:{pair.id}").shuffle(written)
        labels = string.ascii_uppercase[: len(written)]
        key[pair.id] = {label: w.run for label, w in zip(labels, written)}
        lines = [f"# Document {pair.id} ({pair.lang})", "", "## Source", "", pair.text.strip(), "",
                 "## Reference summary", "", pair.reference.strip(), ""]
        for label, w in zip(labels, written):
            lines += _block(label, w, pair.text)
        (out / f"{pair.id}.md").write_text("\n".join(lines), encoding="utf-8")
    return key
