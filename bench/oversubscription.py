"""Several model processes on one box: the same generation alone, and two at once, with
llama.cpp's threads and OpenMP's wait policy as they are by default and as they could be.

    python -m bench.oversubscription [--model NAME] [--tokens N]

Each process loads the model, prefills the example contract's single-pass prompt and
decodes N tokens with docsum's decoder; the table gives every process's seconds for that
(model load excluded). Pairs start together. One run per row: the slow rows take minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.machine import command_line, publish

ROOT = Path(__file__).resolve().parent.parent


def child(model: str, tokens: int, threads: int) -> None:
    from core.settings import load_settings
    from docsum.pipeline import Pipeline, load_engine
    from summarize import prompts
    from summarize.schema import summary_schema

    # threads 0: docsum's default, the process's share of the cores while it generates.
    settings = load_settings(overrides={"model": model, "ctx": 4096, "threads": threads or None})
    engine = load_engine(settings)
    document, _ = Pipeline.with_engine(settings, engine).read(ROOT / "examples" / "service-agreement.pdf")
    schema = summary_schema([p.number for p in document.pages], 8)
    system, user = prompts.single_system("English"), prompts.single_user(document.text, document.title)
    started = time.perf_counter()
    engine.complete_json(system, user, schema, tokens)
    print(json.dumps({"seconds": time.perf_counter() - started}))


def run(model: str, tokens: int, processes: int, threads: int, policy: str | None, timeout: float) -> list[str]:
    """Start the processes together; each one's seconds, or why it has none."""
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if policy:
        env["OMP_WAIT_POLICY"] = policy
    args = [sys.executable, "-m", "bench.oversubscription", "--child", str(threads), "--model", model, "--tokens", str(tokens)]
    procs = [subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(processes)]
    out = []
    for p in procs:
        try:
            stdout, stderr = p.communicate(timeout=timeout)
            out.append(f"{json.loads(stdout)['seconds']:.1f}" if p.returncode == 0 else f"error: {stderr.strip()[-120:]}")
        except subprocess.TimeoutExpired:
            p.kill()
            out.append(f"over {timeout:.0f}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--tokens", type=int, default=120)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="'-' to leave it alone")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.model, args.tokens, args.child)
        return 0

    cores = os.cpu_count() or 1
    share = max(1, cores // 2)
    scenarios = [
        ("alone, docsum's default (its share: all cores)", 1, 0, None),
        ("alone, all cores, OMP_WAIT_POLICY=passive", 1, cores, "PASSIVE"),
        ("two at once, docsum's default (each its share while both generate)", 2, 0, None),
        ("two at once, all cores each (docsum's default before the share)", 2, cores, None),
        ("two at once, all cores each, OMP_WAIT_POLICY=passive", 2, cores, "PASSIVE"),
        (f"two at once, {share} thread(s) each (their share of the cores)", 2, share, None),
    ]
    rows = []
    for name, processes, threads, policy in scenarios:
        seconds = run(args.model, args.tokens, processes, threads, policy, args.timeout)
        print(f"{name}: {', '.join(seconds)}", file=sys.stderr)
        rows.append((name, processes, threads, seconds))
    alone = float(rows[0][3][0])
    command = command_line("bench.oversubscription", argv)
    lines = [
        f"## Several model processes on one box ({args.model}, {cores} cores)",
        "",
        f"Command: `{command}`",
        "",
        f"Each process prefills the example contract's single-pass prompt and decodes {args.tokens} tokens; "
        "seconds per process (model load excluded), pairs started together, one run per row.",
        "",
        "| scenario | processes | threads each | seconds per process | slowest / alone |",
        "|---|---|---|---|---|",
    ]
    for name, processes, threads, seconds in rows:
        numbers = [float(s) for s in seconds if s.replace(".", "", 1).isdigit()]
        ratio = f"{max(numbers) / alone:.1f}" if len(numbers) == len(seconds) else "n/a"
        lines.append(f"| {name} | {processes} | {threads or 'share'} | {', '.join(seconds)} | {ratio} |")
    publish(args.results, "oversubscription", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
