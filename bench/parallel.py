"""Map steps sent to a model server one at a time against `--parallel N`, side by side.

    .venv/bin/python -m bench.parallel --server-bin PATH/llama-server [--slots 2]
        [--slot-ctx 4096] [--size 12000] [--model NAME] [--repeat 1]

Starts llama.cpp's llama-server with `-np SLOTS` and `-c SLOTS*SLOT_CTX` (so
each slot has SLOT_CTX tokens) on a loopback port, then summarizes one
document through the openai engine with parallel 1 and parallel SLOTS,
alternating, and the in-process llama engine with the same context as the
reference. llama-server is not part of docsum: build it from the llama.cpp
sources that llama-cpp-python vendors (cmake --build build --target llama-server).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

from bench.machine import machine_facts, machine_lines, write_section
from bench.raw import Recorder, totals
from bench.throughput import cut_document, source_paragraphs

ROOT = Path(__file__).resolve().parent.parent


def start_server(binary: Path, model: Path, alias: str, slots: int, slot_ctx: int, threads: int, log: Path) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [str(binary), "-m", str(model), "--alias", alias, "-c", str(slots * slot_ctx), "-np", str(slots), "-t", str(threads),
         "--host", "127.0.0.1", "--port", str(port), "--jinja"],
        stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(240):
        if proc.poll() is not None:
            raise SystemExit(f"llama-server exited: {log.read_text()[-1500:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise SystemExit("llama-server did not become ready")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server-bin", type=Path, required=True)
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--slots", type=int, default=2)
    parser.add_argument("--slot-ctx", type=int, default=4096)
    parser.add_argument("--size", type=int, default=12000, help="document size in tokens")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--section", default="server-parallel")
    args = parser.parse_args(argv)

    from docsum.pipeline import Pipeline, load_engine
    from core.settings import load_settings
    from summarize.models.store import ModelStore

    threads = os.cpu_count() or 1
    base = load_settings(overrides={"model": args.model, "ctx": args.slot_ctx, "threads": threads})
    local_engine = load_engine(base)
    paragraphs, origin = source_paragraphs()
    workdir = Path(tempfile.mkdtemp(prefix="docsum-parallel-"))
    doc = workdir / "document.txt"
    doc.write_text(cut_document(paragraphs, local_engine.count_tokens, args.size))

    model_path = ModelStore(base).resolve(args.model).path
    rows: dict[str, list[dict]] = {}

    def timed(label: str, settings, engine) -> None:
        recorder = Recorder(engine)
        started = time.perf_counter()
        summary = Pipeline.with_engine(settings, recorder).summarize_file(doc)
        rows.setdefault(label, []).append(
            {"wall": time.perf_counter() - started, "summary": summary, "work": totals(recorder.completions)})
        print(label, round(rows[label][-1]["wall"], 1), "s", flush=True)

    for _ in range(args.repeat):
        for parallel in (1, args.slots):
            # A fresh server for every run: llama-server keeps each slot's last prompt and
            # would serve a repeated prompt from that cache, flattering whichever runs second.
            proc, url = start_server(args.server_bin, model_path, args.model, args.slots, args.slot_ctx, threads, workdir / "server.log")
            try:
                settings = base.replace(engine="openai", base_url=url, parallel=parallel)
                timed(f"server, parallel {parallel}", settings, load_engine(settings))
            finally:
                proc.terminate()
                proc.wait(30)
        # The in-process engine forgets its cached prompt prefix, as a fresh server has none.
        local_engine._decoder.forget()
        timed("in process (llama engine)", base, local_engine)

    first = statistics.median(r["wall"] for r in rows["server, parallel 1"])
    lines = [
        f"## Parallel requests to a model server ({args.model}, {args.slots} slots of {args.slot_ctx} tokens)",
        "",
        f"Command: `python -m bench.parallel --server-bin PATH/llama-server --slots {args.slots} "
        f"--slot-ctx {args.slot_ctx} --size {args.size} --repeat {args.repeat}`",
        "",
        f"Document: {origin}, cut to about {args.size} tokens. llama-server (built from the llama.cpp "
        f"that llama-cpp-python {machine_facts()['llama-cpp-python']} vendors) with `-np {args.slots} -c "
        f"{args.slots * args.slot_ctx} -t {threads}`, started afresh for every run (its per-slot prompt cache "
        f"would otherwise serve the second run's repeated prompts); runs alternate, median of {args.repeat}; "
        "the in-process engine runs in the same rotation with the same context and threads. "
        "Generations differ in number and length between engines (their answers differ, and an answer "
        "the schema check rejects is asked for again), so compare the per-token rates, each engine's own "
        "clock (llama-server's timings; docsum's decoder), as well as the wall time.",
        "",
        "| configuration | plan | generations | prompt tokens | decoded tokens | wall s (median) | s per generation "
        "| prefill tok/s | decode tok/s | vs parallel 1 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, runs in rows.items():
        s = runs[-1]["summary"]
        wall = statistics.median(r["wall"] for r in runs)
        calls, decoded = s.usage["calls"], s.usage["completion_tokens"]
        # Each engine's own clock: llama-server's timings, docsum's decoder's; summed over the
        # generations (with parallel > 1 they overlap, so these rates are per slot).
        prefill = statistics.median(r["work"]["prefill"] / r["work"]["prefill_s"] for r in runs if r["work"]["prefill_s"])
        decode = statistics.median(r["work"]["decode"] / r["work"]["decode_s"] for r in runs if r["work"]["decode_s"])
        lines.append(
            f"| {label} | {s.strategy['mode']}, {s.strategy['chunks']} chunk(s) | {calls} | {s.usage['prompt_tokens']} "
            f"| {decoded} | {wall:.1f} | {wall / calls:.1f} | {prefill:.0f} | {decode:.1f} | {wall / first:.2f} |"
        )
    lines += ["", *machine_lines(machine_facts())]
    write_section(args.results, args.section, "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
