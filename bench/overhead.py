"""docsum's wall time on one document against the raw model doing the same token work.

For each generation docsum makes, the raw model evaluates the same number of
prompt tokens (from a clean cache) and decodes the same number of tokens with
no grammar, no chat template and no Python pipeline around it. The ratio of the
two is docsum's overhead; the raw time is the floor on this machine.

    .venv/bin/python -m bench.overhead [--doc PATH] [--model NAME] [--ctx N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from bench.machine import command_line, machine_facts, machine_lines, write_section
from bench.raw import Recorder, filler_tokens, raw_model_seconds, totals
from docsum.pipeline import Pipeline, load_engine
from core.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--doc", type=Path, default=ROOT / "examples" / "service-agreement.pdf")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--ctx", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--section", default=None, help="RESULTS.md section key (default: from the document name)")
    args = parser.parse_args(argv)

    settings = load_settings(overrides={"model": args.model, "ctx": args.ctx})
    engine = Recorder(load_engine(settings))
    pipeline = Pipeline.with_engine(settings, engine)
    filler = filler_tokens(engine.engine, pipeline.read(args.doc)[0].text)
    rows = []
    for i in range(args.repeat):
        engine.completions = []
        started = time.perf_counter()
        summary = pipeline.summarize_file(args.doc)
        wall = time.perf_counter() - started
        raw = raw_model_seconds(engine.engine, engine.completions, filler)
        calls = engine.completions
        rows.append(
            {
                "wall": wall,
                "raw": raw,
                **totals(calls),
                "mode": summary.strategy["mode"],
                "chunks": summary.strategy["chunks"],
            }
        )
        print(f"run {i + 1}: docsum {wall:.1f}s, raw model {raw:.1f}s, ratio {wall / raw:.2f}", file=sys.stderr)

    med = {k: statistics.median(r[k] for r in rows) for k in ("wall", "raw", "prefill", "decode", "calls", "prefill_s", "decode_s")}
    ratio = statistics.median(r["wall"] / r["raw"] for r in rows)
    command = command_line("bench.overhead", argv)
    facts = machine_facts()
    body = "\n".join(
        [
            f"## Pipeline overhead: {args.doc.name} ({args.model}, ctx {engine.model.n_ctx})",
            "",
            f"Command: `{command}`",
            "",
            f"Median of {args.repeat} runs; plan: {rows[0]['mode']}, {rows[0]['chunks']} chunk(s), {int(med['calls'])} generation(s).",
            "",
            "| measure | docsum | raw model, same tokens |",
            "|---|---|---|",
            f"| wall time (s) | {med['wall']:.2f} | {med['raw']:.2f} |",
            f"| tokens prefilled | {int(med['prefill'])} | {int(med['prefill'])} |",
            f"| tokens decoded | {int(med['decode'])} | {int(med['decode'])} |",
            f"| prefill tok/s (docsum's own timing) | {med['prefill'] / med['prefill_s']:.1f} | |",
            f"| decode tok/s (docsum's own timing, grammar included) | {med['decode'] / med['decode_s']:.1f} | |",
            f"| ratio docsum / raw (median of per-run ratios) | {ratio:.2f} | 1.00 |",
            "",
            *machine_lines(facts),
        ]
    )
    write_section(args.results, args.section or f"overhead-{args.doc.stem}", body)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
