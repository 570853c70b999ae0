"""docsum as the user runs it, this tree against an older checkout, side by side in one run.

    git worktree add /tmp/oldmain 5920aea
    python -m bench.versions --old /tmp/oldmain [--old-entry workers.cli.main] [--repeat 3]

Each document is summarized by `docsum summarize DOC --model M [--ctx N] --out DIR -q`
of both versions, alternating (old, new, old, new...), each run a fresh process; the time
is the whole command (model load included), medians of --repeat runs. Both use the same
Python environment; only the code differs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import command_line, publish

ROOT = Path(__file__).resolve().parent.parent
CUAD = ROOT.parent / "shared" / "corpus" / "contracts" / "cuad"

#: (label, document, context or None): the example (single pass) and a contract that
#: needs map-reduce at a 4096-token context (the overhead-map-reduce section's document).
DOCUMENTS = [
    ("example contract, single pass", ROOT / "examples" / "service-agreement.pdf", None),
    ("supply agreement, map-reduce at ctx 4096",
     CUAD / "Part_III__Supply__INTERSECTENT_INC_05_11_2020-EX-10.1-SUPPLY_AGREEMENT.pdf", 4096),
]


def run_once(tree: Path, entry: str, doc: Path, model: str, ctx: int | None, out: Path) -> tuple[float, dict]:
    """Seconds for one `docsum summarize` of tree, and the summary it wrote."""
    args = [sys.executable, "-c", f"import sys; from {entry} import main; sys.exit(main())",
            "summarize", str(doc), "--model", model, "--out", str(out), "-q"]
    if ctx:
        args += ["--ctx", str(ctx)]
    started = time.perf_counter()
    done = subprocess.run(args, cwd=tree, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {done.stderr.strip()[-400:]}")
    summary = json.loads(next(out.glob("*.summary.json")).read_text())
    return seconds, summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", type=Path, required=True, help="an older checkout (git worktree)")
    parser.add_argument("--old-entry", default="workers.cli.main", help="module with the old CLI's main()")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", type=int, help="run only the Nth document (1-based)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="'-' to leave it alone")
    args = parser.parse_args(argv)
    old_rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=args.old, capture_output=True, text=True).stdout.strip()
    new_rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    documents = DOCUMENTS if args.only is None else [DOCUMENTS[args.only - 1]]

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, doc, ctx in documents:
            times: dict[str, list[float]] = {"old": [], "new": []}
            summaries: dict[str, dict] = {}
            for i in range(args.repeat):
                for version, tree, entry in (("old", args.old, args.old_entry), ("new", ROOT, "cli.main")):
                    out = Path(tmp) / f"{version}-{i}-{doc.stem}"
                    out.mkdir()
                    seconds, summaries[version] = run_once(tree, entry, doc, args.model, ctx, out)
                    times[version].append(seconds)
                    print(f"{label}: {version} {seconds:.1f} s", file=sys.stderr, flush=True)
            old, new = statistics.median(times["old"]), statistics.median(times["new"])
            same = {k: v for k, v in summaries["old"].items() if k != "timings"} == {
                k: v for k, v in summaries["new"].items() if k != "timings"}
            decoded = {v: (summaries[v].get("usage") or {}).get("completion_tokens") for v in ("old", "new")}
            rows.append((label, ctx, old, new, same, times, decoded))
    command = command_line("bench.versions", argv)
    lines = [
        f"## Before and after: `docsum summarize` end to end ({args.model})",
        "",
        f"Command: `{command}`",
        "",
        f"Old: {old_rev}; new: {new_rev} (this tree, uncommitted changes included). Whole command in a fresh "
        f"process (model load included), versions alternating, median of {args.repeat} run(s); the same "
        "Python environment for both.",
        "",
        "Greedy decoding is deterministic, but a change in how a prompt is batched changes the logits "
        "slightly and so, at some step, the answer: the tokens each version decoded are shown, and the "
        "seconds per decoded token compare the work done.",
        "",
        "| document | old s (median) | new s (median) | old / new | same summary | tokens decoded old; new "
        "| s per decoded token old; new | runs old; new |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, ctx, old, new, same, times, decoded in rows:
        runs = "; ".join(", ".join(f"{t:.1f}" for t in times[v]) for v in ("old", "new"))
        tokens = "; ".join(str(decoded[v]) if decoded[v] else "n/a" for v in ("old", "new"))
        per_token = "; ".join(f"{t / decoded[v]:.3f}" if decoded[v] else "n/a" for v, t in (("old", old), ("new", new)))
        lines.append(f"| {label} | {old:.1f} | {new:.1f} | {old / new:.2f} | {'yes' if same else 'no'} | {tokens} "
                     f"| {per_token} | {runs} |")
    publish(args.results, "versions", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
