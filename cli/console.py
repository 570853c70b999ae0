"""Everything the CLI prints besides results: progress and errors, all on stderr."""

from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from summarize.progress import ProgressEvent

err = Console(stderr=True, highlight=False, soft_wrap=True)


def error_line(message: str) -> None:
    """One line, prefixed, on stderr."""
    print(f"docsum: error: {message}", file=sys.stderr, flush=True)


def info(message: str) -> None:
    print(f"docsum: {message}", file=sys.stderr, flush=True)


class ChunkProgress:
    """Per-chunk progress with an estimate, one line per step (stderr may be a log file)."""

    def __init__(self, label: str, quiet: bool = False):
        self.label = label
        self.quiet = quiet
        self.started = time.perf_counter()

    def __call__(self, event: ProgressEvent) -> None:
        if self.quiet:
            return
        eta = f", about {event.eta_seconds:.0f}s left" if event.eta_seconds else ""
        elapsed = time.perf_counter() - self.started
        if event.stage in ("map", "merge"):
            unit = "chunks" if event.stage == "map" else "note groups"
            info(f"{self.label}: {event.stage} {event.done}/{event.total} {unit} done{eta} ({elapsed:.0f}s)")
        elif event.done < event.total:
            what = {"single": "summarizing in one pass", "reduce": "writing the final summary"}[event.stage]
            info(f"{self.label}: {what} ({elapsed:.0f}s)")


class DownloadBar:
    """A byte progress bar for model downloads."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
            TimeRemainingColumn(), console=err, transient=True,
        )
        self._task = None

    def __enter__(self) -> "DownloadBar":
        self._progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._progress.__exit__(*exc)

    def __call__(self, what: str, done: int, total: int | None) -> None:
        if self._task is None:
            self._task = self._progress.add_task(what, total=total)
        self._progress.update(self._task, description=what, completed=done, total=total)
