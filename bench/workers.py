"""A batch of documents through the Celery workers of one box: one worker against two,
same documents, each worker with docsum's default threads (its share of the cores).

    python -m bench.workers [--docs 4] [--size 1500] [--model NAME]

Needs redis-server. Documents are distinct texts cut from the corpus's government reports
to about SIZE tokens (single pass each). Every scenario gets a fresh Redis (no cached
notes or results carry over) and fresh workers that have loaded the model before the clock
starts; the time is from the first submission to the last summary stored.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import command_line, publish
from core.settings import available_cores, load_settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "summarization" / "en_leval_gov_report_summ.jsonl"


def write_documents(folder: Path, count: int, words: int) -> list[Path]:
    """count distinct reports, each cut to about `words` words at a paragraph end."""
    paths = []
    for i, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines()[:count]):
        text, kept = json.loads(line)["text"], []
        for paragraph in text.split("\n"):
            kept.append(paragraph)
            if sum(len(p.split()) for p in kept) >= words:
                break
        path = folder / f"report-{i + 1}.txt"
        path.write_text("\n".join(kept), encoding="utf-8")
        paths.append(path)
    if len(paths) < count:
        raise SystemExit(f"{CORPUS} has fewer than {count} documents")
    return paths


def run_batch(paths: list[Path], workers: int, model: str, folder: Path) -> tuple[float, list[str]]:
    """Seconds from the first submission to the last stored summary, and each job's state."""
    from tests.workers.services import RedisServer, Worker, docsum_env
    from workers.submit import Submitter, wait_for

    redis = RedisServer(folder / "redis").start()
    env = docsum_env({"DOCSUM_BROKER_URL": redis.url, "DOCSUM_MODEL": model})
    started_workers = [Worker(env, folder / f"worker-{i}.log", threads=None) for i in range(workers)]
    try:
        for w in started_workers:
            w.wait_ready(120)
        settings = load_settings(env=env)
        submitter = Submitter(settings)
        _warm_up(submitter, folder, workers)
        started = time.perf_counter()
        jobs = [submitter.submit(p) for p in paths]
        states = [wait_for(submitter.store, j.job_id, timeout=3600).state for j in jobs]
        return time.perf_counter() - started, states
    finally:
        for w in started_workers:
            w.stop()
        redis.stop()


def _warm_up(submitter, folder: Path, workers: int) -> None:
    """One tiny job per worker, so every worker has its model in memory before the clock starts."""
    from workers.submit import wait_for

    jobs = []
    for i in range(workers):
        path = folder / f"warm-{i}.txt"
        path.write_text(f"Note {i}: the meeting on Monday is moved to Tuesday at ten.", encoding="utf-8")
        jobs.append(submitter.submit(path))
    for j in jobs:
        wait_for(submitter.store, j.job_id, timeout=600)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=4)
    parser.add_argument("--size", type=int, default=1100, help="words per document (about 1.3 tokens each)")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="'-' to leave it alone")
    args = parser.parse_args(argv)

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_documents(Path(tmp), args.docs, args.size)
        for workers in (1, 2):
            seconds, states = run_batch(paths, workers, args.model, Path(tmp) / f"run-{workers}")
            print(f"{workers} worker(s): {seconds:.1f} s, {states}", file=sys.stderr, flush=True)
            rows.append((workers, seconds, states))
    one = rows[0][1]
    command = command_line("bench.workers", argv)
    lines = [
        f"## A batch through one worker and through two on one box ({args.model}, {available_cores()} cores)",
        "",
        f"Command: `{command}`",
        "",
        f"{args.docs} distinct government reports of about {args.size} words ({CORPUS.name}), single pass each, "
        "submitted at once; each worker `docsum worker` with default threads (its share of the cores while it "
        "generates); fresh Redis per row; models loaded before the clock starts; seconds from the first "
        "submission to the last summary stored, one run per row.",
        "",
        "| workers | batch seconds | vs one worker | jobs done |",
        "|---|---|---|---|",
    ]
    for workers, seconds, states in rows:
        lines.append(f"| {workers} | {seconds:.1f} | {seconds / one:.2f} | {states.count('done')}/{len(states)} |")
    publish(args.results, "workers", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
