"""The reading table: readers' scores (one JSON per reader, labels as the packets show them)
joined with the key, per run: the rubric's share accepted, the mean of each criterion, and the
issue's targets (main point, coverage, faithful, title, type).

    python -m bench.reading.tally KEY.json SCORES.json [SCORES.json ...] [--out TABLE.md]

A scores file: {"DOC_ID": {"A": {"main_point": 0-2, "coverage": 0-2, "coverage_pct": 0-100,
"faithful": 0-2, "no_junk": 0-2, "reads_as_summary": 0-2, "title_and_type": 0-2, "title_right": bool,
"type_right": bool, "key_points_and_fields": 0-2, "verdict": "accept"|"light edits"|"reject",
"copied": int, "defects": [str, ...]}, "B": {...}}, ...}.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

CRITERIA = ("main_point", "coverage", "faithful", "no_junk", "reads_as_summary", "title_and_type", "key_points_and_fields")


def by_run(key: dict[str, dict[str, str]], scores: dict[str, dict[str, dict]]) -> dict[str, list[dict]]:
    """Every score, under the run its label stands for in that document's packet."""
    out: dict[str, list[dict]] = {}
    for doc, labels in scores.items():
        for label, score in labels.items():
            run = key.get(doc, {}).get(label)
            if run is not None:
                out.setdefault(run, []).append({**score, "doc": doc})
    return out


def _share(rows: list[dict], test) -> str:
    return f"{sum(1 for r in rows if test(r)) / len(rows):.0%}" if rows else "n/a"


def table(runs: dict[str, list[dict]]) -> str:
    head = ["run", "read", "accepted (as is + light edits)", "accepted as is", "rejected", "main point right (2)",
            "coverage % (mean)", "unfaithful (0)", "title right", "type right",
            *[f"{c} (mean)" for c in CRITERIA], "copied sentences / summary"]
    lines = ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    for run, rows in runs.items():
        verdict = lambda r: str(r.get("verdict", "")).lower()  # noqa: E731
        cells = [
            run, str(len(rows)),
            _share(rows, lambda r: verdict(r) in ("accept", "light edits", "light")),
            _share(rows, lambda r: verdict(r) == "accept"),
            _share(rows, lambda r: verdict(r) == "reject"),
            _share(rows, lambda r: r.get("main_point") == 2),
            f"{statistics.fmean(float(r.get('coverage_pct', 0)) for r in rows):.0f}%",
            str(sum(1 for r in rows if r.get("faithful") == 0)),
            _share(rows, lambda r: bool(r.get("title_right"))),
            _share(rows, lambda r: bool(r.get("type_right"))),
            *[f"{statistics.fmean(float(r.get(c, 0)) for r in rows):.2f}" for c in CRITERIA],
            f"{statistics.fmean(float(r.get('copied', 0)) for r in rows):.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def frequent_defects(runs: dict[str, list[dict]], most: int = 5) -> str:
    lines = []
    for run, rows in runs.items():
        counts = Counter(d for r in rows for d in r.get("defects", []))
        if counts:
            lines.append(f"- {run}: " + "; ".join(f"{d} ({n})" for d, n in counts.most_common(most)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("key", type=Path)
    parser.add_argument("scores", nargs="+", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    key = json.loads(args.key.read_text())
    scores: dict = {}
    for path in args.scores:
        scores.update(json.loads(path.read_text()))
    runs = by_run(key, scores)
    text = table(runs) + "\n\nMost frequent defects:\n\n" + frequent_defects(runs) + "\n"
    if args.out:
        args.out.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
