"""Builds of llama-cpp-python side by side on this machine: native (GGML_NATIVE), setup's
fallbacks (no AMX, AVX2 only) and the portable build (every CPU variant, one loaded at run time).

    python -m bench.engine_builds --venv native=.venv --venv no-amx=DIR --venv avx2=DIR \\
        --venv portable=DIR [--venv NAME=DIR:VARIANT ...] [--model NAME] [--prompt 2000] \\
        [--decode 128] [--rounds 5]

Each build lives in its own virtual environment (pip install of the wheel that setup keeps
in ~/.cache/docsum/wheels/LEVEL, or one built with `CMAKE_ARGS=... pip wheel`); DIR:VARIANT
runs a portable build with that CPU variant instead of the best-scored one (what a box with
fewer instruction sets gets). Every round runs each build once, in turn, in a fresh process with this checkout on its path:
the bare llama.cpp loop (evaluate the prompt, then argmax and evaluate, no grammar) on the
same tokens, with every core. Rates are medians over the rounds; ratios are to native.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "examples" / "service-agreement.md"


def measure(model: Path, prompt_tokens: int, decode_tokens: int, threads: int, variant: str | None) -> dict:
    """One build, in this process: load, prefill, decode; a portable build with the variant
    asked for, else its best-scored one."""
    from summarize.engines.cpu import variants
    from summarize.engines.cpu.build import installed_build

    build = installed_build()
    if build.portable:
        if variant is None:
            scores = variants.scores(build)
            variant = max(scores, key=lambda name: scores[name])
        variants.load(build, variant)
    import llama_cpp
    from llama_cpp import Llama

    from bench.raw import bare_decode

    llm = Llama(model_path=str(model), n_ctx=prompt_tokens + decode_tokens + 64, n_batch=512,
                n_threads=threads, n_threads_batch=threads, verbose=False)
    text = DOC.read_text()
    tokens = llm.tokenize(text.encode(), add_bos=True)
    tokens = (tokens * (prompt_tokens // len(tokens) + 1))[:prompt_tokens]
    started = time.perf_counter()
    llm.eval(tokens)
    prefilled = time.perf_counter()
    bare_decode(llm, decode_tokens)
    ended = time.perf_counter()
    return {
        "variant": variant,
        "prefill_tps": prompt_tokens / (prefilled - started),
        "decode_tps": (decode_tokens - 1) / (ended - prefilled),
        "system_info": llama_cpp.llama_print_system_info().decode().strip(),
    }


def _run(python: Path, args: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([str(python), "-m", "bench.engine_builds", "--measure", *args], env=env,
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"{python}: {done.returncode}: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", action="append", default=[], help="NAME=DIR, a virtual environment with one build")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--prompt", type=int, default=2000, help="prompt tokens")
    parser.add_argument("--decode", type=int, default=128, help="decoded tokens")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--model-path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cpu-variant", help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="'-' to leave it alone")
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.model_path, args.prompt, args.decode, args.threads, args.cpu_variant)))
        return 0

    from bench.machine import command_line, publish
    from core.settings import load_settings
    from summarize.models.store import ModelStore

    builds = dict(item.split("=", 1) for item in args.venv)
    if "native" not in builds:
        parser.error("one --venv must be native=DIR: the ratios are to it")
    model = ModelStore(load_settings()).resolve(args.model, pull=False).path
    passed = ["--model-path", str(model), "--prompt", str(args.prompt), "--decode", str(args.decode),
              "--threads", str(args.threads)]
    runs: dict[str, list[dict]] = {name: [] for name in builds}
    for round_ in range(args.rounds):
        for name, where in builds.items():
            venv, _, variant = where.partition(":")
            runs[name].append(_run(Path(venv) / "bin" / "python", passed + (["--cpu-variant", variant] if variant else [])))
            print(f"round {round_ + 1} {name}: {runs[name][-1]['prefill_tps']:.0f} / {runs[name][-1]['decode_tps']:.1f} tok/s",
                  file=sys.stderr)

    def median(name, key):
        return statistics.median(r[key] for r in runs[name])

    lines = [
        f"## llama-cpp-python builds on this CPU ({args.model}, {args.threads} threads)",
        "",
        f"`{command_line('bench.engine_builds', argv)}`",
        "",
        f"The bare llama.cpp loop in a fresh process per build and round, rounds interleaved; "
        f"{args.prompt} prompt tokens, {args.decode} decoded; medians of {args.rounds} rounds, "
        "ratios to the native build measured in the same run.",
        "",
        "| build | CPU variant | prefill tok/s | ratio | decode tok/s | ratio | llama.cpp says it uses |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for name in builds:
        info = runs[name][0]["system_info"].removeprefix("CPU : ").replace(" | ", " ").rstrip(" |")
        lines.append(
            f"| {name} | {runs[name][0]['variant'] or '-'} | {median(name, 'prefill_tps'):.0f} | "
            f"{median(name, 'prefill_tps') / median('native', 'prefill_tps'):.2f} | {median(name, 'decode_tps'):.1f} | "
            f"{median(name, 'decode_tps') / median('native', 'decode_tps'):.2f} | {info} |"
        )
    publish(args.results, "engine-builds", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
