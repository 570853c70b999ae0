"""A time budget for one input, checked between steps (a step itself is bounded
by its own size: pages are read one at a time, a generation by its token budget)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from core.errors import TimeLimitExceeded


@dataclass(frozen=True)
class Deadline:
    seconds: float | None  # None: no limit
    started: float

    @classmethod
    def after(cls, seconds: float | None) -> "Deadline":
        """A deadline `seconds` from now; None or 0 means none."""
        return cls(seconds or None, time.monotonic())

    def remaining(self) -> float | None:
        """Seconds left (at least a little), or None without a limit."""
        if self.seconds is None:
            return None
        return max(1.0, self.seconds - (time.monotonic() - self.started))

    def check(self, what: str) -> None:
        """Raise TimeLimitExceeded when the time is up; `what` says what was being done."""
        if self.seconds is not None and time.monotonic() - self.started > self.seconds:
            raise TimeLimitExceeded(
                f"{what}: stopped after the time limit of {self.seconds:.0f}s per document (max_seconds)"
            )


NO_DEADLINE = Deadline(None, 0.0)
