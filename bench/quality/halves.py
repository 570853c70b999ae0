"""Tune on one half, report on the other: every pairs file and the clause-QA contracts are
split in two by a fixed rule, so a figure quoted from the report half was never looked at
while a rule was written.

The rule: within one file, order the records by the sha256 of their id and alternate,
tune, report, tune, ... It does not depend on the order of the file or on the code under
test, each half gets half the file (one more to tune when it is odd), and a small file
(three arXiv papers) is split as evenly as a large one, which a per-record coin would not do.
"""

from __future__ import annotations

import hashlib

HALVES = ("tune", "report")


def in_half(ids: list[str], which: str) -> set[str]:
    """The ids of one file that belong to the half named which ("tune" or "report")."""
    if which not in HALVES:
        raise ValueError(f"half must be one of {', '.join(HALVES)}, not {which!r}")
    ranked = sorted(set(ids), key=lambda i: hashlib.sha256(i.encode("utf-8")).hexdigest())
    return {i for rank, i in enumerate(ranked) if HALVES[rank % 2] == which}
