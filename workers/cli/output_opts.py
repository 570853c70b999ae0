"""Writing summaries the same way from every command that produces them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docsum.output import to_json, write_outputs
from summarize.render import to_markdown
from workers.cli.console import info


def formats_of(fmt: str) -> tuple[str, ...]:
    return ("json", "md") if fmt == "both" else (fmt,)


def emit(summary: dict[str, Any], out: Path | None, stem: str, fmt: str, quiet: bool = False) -> None:
    """Print the summary to stdout (no --out) or write STEM.summary.* into out."""
    if out is None:
        sys.stdout.write(to_json(summary) if fmt == "json" else to_markdown(summary))
        sys.stdout.flush()
        return
    for written in write_outputs(summary, out, stem, formats_of(fmt)):
        if not quiet:
            info(f"wrote {written}")
