"""Progress events from summarizing, for whoever shows them (CLI, workers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class ProgressEvent:
    stage: str  # "single" | "map" | "merge" | "reduce"
    done: int
    total: int
    #: Seconds left in this stage, estimated from the steps done so far.
    eta_seconds: float | None = None


ProgressCallback = Callable[[ProgressEvent], None]


def no_progress(_event: ProgressEvent) -> None:
    pass
