"""Blind reading packets from runs of bench.quality.

    python -m bench.reading PAIRS.jsonl [PAIRS.jsonl ...] --run NAME=OUT/quality.json [--run ...]
        --out DIR [--key KEY.json] [--half report] [--limit N] [--seed 0]

Writes DIR/ID.md per document (source, reference, summaries A, B, ... shuffled per document)
and the key, which maps labels to runs, to KEY.json (default DIR.key.json, beside DIR, not in it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.quality.halves import HALVES
from bench.quality.pairs import PairsError, load_pairs, load_panel
from bench.reading.packets import load_run, write_packets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="*", type=Path)
    parser.add_argument("--panel", type=Path, help="the reading panel's documents (bench/reading/panel.json)")
    parser.add_argument("--run", action="append", required=True, help="NAME=quality.json[:SYSTEM] (SYSTEM default docsum)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--key", type=Path)
    parser.add_argument("--half", choices=HALVES)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        pairs = [p for path in args.pairs for p in load_pairs(path, args.limit, args.half)]
        pairs += load_panel(args.panel) if args.panel else []
        runs = {}
        for item in args.run:
            name, _, where = item.partition("=")
            path, _, system = where.partition(":")
            runs[name] = load_run(Path(path), system or "docsum")
    except (PairsError, OSError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    key = write_packets(pairs, runs, args.out, args.seed)
    key_path = args.key or args.out.with_name(args.out.name + ".key.json")
    key_path.write_text(json.dumps(key, indent=1))
    print(f"{len(key)} packets in {args.out}; key in {key_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
