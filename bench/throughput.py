"""Throughput and memory by document size: single pass against map-reduce at several
window sizes, each against the raw model; then flash attention and KV cache precision.

    .venv/bin/python -m bench.throughput [--sizes 2000,8000,16000,30000] [--map-ctx 4096,8192]
        [--attn-size 8000] [--model NAME] [--repeat 1]

Documents are cut from the corpus's US government reports (English prose) to
about each size in the model's tokens. Every configuration runs in a process
of its own, so its peak resident memory is its own; in it, docsum summarizes
the document and then the raw model repeats the same prefill and decode
counts (bench.raw), which gives the floor and docsum's ratio to it (size table only:
the attention rows are compared with each other).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import command_line, machine_facts, machine_lines, write_section
from bench.raw import Recorder, filler_tokens, raw_model_seconds, totals

ROOT = Path(__file__).resolve().parent.parent
CORPUS_REPORTS = ROOT.parent / "shared" / "corpus" / "summarization" / "en_leval_gov_report_summ.jsonl"
# Prompt and the final answer's reserve: a document smaller than the window
# by less than this still fits one pass, so map-reduce at that window is moot.
_FIXED_COST = 1500


def source_paragraphs() -> tuple[list[str], str]:
    """Paragraphs of long English prose, and where they came from."""
    if CORPUS_REPORTS.is_file():
        texts = [json.loads(line)["text"] for line in CORPUS_REPORTS.read_text(encoding="utf-8").splitlines() if line]
        origin = "corpus GovReport texts (summarization/en_leval_gov_report_summ.jsonl), concatenated"
    else:  # a user's clone has no ../shared: the shipped example, repeated
        texts = [(ROOT / "examples" / "service-agreement.md").read_text(encoding="utf-8")] * 200
        origin = "examples/service-agreement.md repeated (corpus not found)"
    return [p.strip() for t in texts for p in t.split("\n") if p.strip()], origin


def cut_document(paragraphs: list[str], count_tokens, target: int) -> str:
    """Whole paragraphs from the start until about `target` tokens."""
    chosen, used = [], 0
    for paragraph in paragraphs:
        cost = count_tokens(paragraph + "\n\n")
        if used + cost > target and chosen:
            break
        chosen.append(paragraph)
        used += cost
    if used < target * 0.9:
        raise SystemExit(f"the source text has only {used} tokens; cannot make a {target}-token document")
    return "\n\n".join(chosen) + "\n"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def run_child(spec: dict) -> dict:
    """One configuration, in this process: docsum, then the raw model on the same token counts."""
    from core.errors import DocsumError
    from docsum.pipeline import Pipeline, load_engine
    from core.settings import load_settings

    # The full-read modes (single pass, map-reduce) are what this measures, not evidence.
    overrides = {"read": "full", **{k: spec[k] for k in ("model", "ctx", "flash_attn", "kv_cache") if spec.get(k) is not None}}
    try:
        settings = load_settings(overrides=overrides)
        engine = Recorder(load_engine(settings))
        loaded_rss = _peak_rss_mb()
        started = time.perf_counter()
        summary = Pipeline.with_engine(settings, engine).summarize_file(spec["doc"])
        wall = time.perf_counter() - started
    except DocsumError as exc:
        return {"error": str(exc)}
    peak = _peak_rss_mb()
    calls = engine.completions
    result = {
        "n_ctx": engine.model.n_ctx,
        "doc_tokens": summary.source["tokens"],
        # What was read; an answer that fell back to extractive still read the document this way.
        "mode": summary.strategy.get("planned", summary.strategy["mode"]),
        "chunks": summary.strategy["chunks"],
        "passes": summary.strategy["passes"],
        "wall": wall,
        **totals(calls),
        "loaded_rss_mb": loaded_rss,
        "peak_rss_mb": peak,
    }
    if spec.get("raw", True):
        text = Path(spec["doc"]).read_text(encoding="utf-8")
        result["raw"] = raw_model_seconds(engine.engine, calls, filler_tokens(engine.engine, text))
    return result


def measure(spec: dict, repeat: int) -> dict:
    """Median over `repeat` fresh processes of one configuration."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-m", "bench.throughput", "--child", json.dumps(spec)],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return {"error": f"exit {done.returncode}: {tail}"}
        run = json.loads(lines[-1])
        if "error" in run:
            return run
        runs.append(run)
    keys = [k for k, v in runs[0].items() if isinstance(v, (int, float)) and not isinstance(v, bool)]
    result = {**runs[0], **{k: statistics.median(r[k] for r in runs) for k in keys}}
    if "raw" in runs[0]:
        result["ratio"] = statistics.median(r["wall"] / r["raw"] for r in runs)
    return result


def _row(label: str, r: dict) -> str:
    if "error" in r:
        return f"| {label} | error: {r['error']} |" + " |" * 8
    cells = [
        label, str(int(r["doc_tokens"])), str(int(r["n_ctx"])),
        f"{r['mode']}, {int(r['chunks'])} chunk(s), {int(r['calls'])} call(s)",
        f"{r['wall']:.1f}",
        f"{r['prefill'] / r['prefill_s']:.0f}" if r["prefill_s"] else "n/a",
        f"{r['decode'] / r['decode_s']:.1f}" if r["decode_s"] else "n/a",
        f"{r['peak_rss_mb']:.0f}",
        f"{r['raw']:.1f}" if "raw" in r else "not run",
        f"{r['ratio']:.2f}" if "raw" in r else "",
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| configuration | doc tokens | n_ctx | plan | wall s | prefill tok/s | decode tok/s | peak RSS MB "
    "| raw model s | ratio |"
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,8000,16000,30000", help="document sizes in tokens")
    parser.add_argument("--map-ctx", default="4096,8192", help="context sizes that force map-reduce windows")
    parser.add_argument("--attn-size", type=int, default=8000, help="document size for the attention / KV table; 0: no such table")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(json.loads(args.child))))
        return 0

    from docsum.pipeline import load_engine
    from core.settings import load_settings

    sizes = [int(s) for s in args.sizes.split(",") if s]
    map_ctx = [int(s) for s in args.map_ctx.split(",") if s]
    tokenizer = load_engine(load_settings(overrides={"model": args.model}), tokenizer_only=True)
    paragraphs, origin = source_paragraphs()
    log = lambda line: print(line, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        docs = {}
        for size in sorted(set(sizes + ([args.attn_size] if args.attn_size else []))):
            docs[size] = Path(tmp) / f"doc-{size}.txt"
            docs[size].write_text(cut_document(paragraphs, tokenizer.count_tokens, size), encoding="utf-8")

        size_rows = []
        for size in sizes:
            configs = [("single pass, default context", {})]
            configs += [(f"map-reduce, ctx {c}", {"ctx": c}) for c in map_ctx if size + _FIXED_COST > c]
            for label, extra in configs:
                result = measure({"doc": str(docs[size]), "model": args.model, **extra}, args.repeat)
                log(f"{size} tokens, {label}: {result}")
                size_rows.append(_row(f"~{size // 1000}k tokens: {label}", result))

        attn_rows = []
        for fa, kv in ((False, "f16"), (True, "f16"), (True, "q8_0"), (False, "q8_0")) if args.attn_size else ():
            label = f"flash attention {'on' if fa else 'off'}, KV {kv}"
            # Rows compared with each other; the raw floor would double the run for little.
            spec = {"doc": str(docs[args.attn_size]), "model": args.model, "flash_attn": fa, "kv_cache": kv, "raw": False}
            result = measure(spec, args.repeat)
            log(f"{args.attn_size} tokens, {label}: {result}")
            attn_rows.append(_row(label, result))

    command = command_line("bench.throughput", argv)
    facts = machine_facts()
    separator = "|---" * 10 + "|"
    body = "\n".join([
        f"## Throughput and memory ({args.model})",
        "",
        f"Command: `{command}`",
        "",
        (
            f"Documents: {origin}, cut at paragraph ends. Median of {args.repeat} run(s) per row, each in a fresh "
            "process. Prefill and decode rates are docsum's own timings (decode includes the JSON grammar); "
            "\"raw model s\" is the bare llama.cpp loop doing the same prefill and decode counts with no "
            "template, grammar or pipeline, so the ratio is docsum's overhead over the floor on this machine. "
            "Peak RSS includes the model (mapped) and the KV cache."
        ),
        "",
        "### By document size: single pass against map-reduce windows",
        "",
        HEADER, separator, *size_rows,
        "",
        *([f"### Flash attention and KV cache precision (~{args.attn_size // 1000}k-token document, single pass)",
           "", HEADER, separator, *attn_rows, ""] if args.attn_size else []),
        *machine_lines(facts),
    ])
    write_section(args.results, "throughput", body)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
