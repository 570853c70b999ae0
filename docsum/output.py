"""Writing results so that a crash never leaves a half-written file under the final name."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from summarize.render import to_markdown


#: Summaries are as confidential as the documents: only the owner reads them unless configured.
DEFAULT_MODE = 0o600

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")


def safe_stem(name: str) -> str:
    """A file name stem that stays inside its folder and prints cleanly: no separators,
    no control characters, no leading dots, at most 120 characters."""
    stem = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    return stem[:120] or "document"


def atomic_write(path: Path, content: str, mode: int = DEFAULT_MODE) -> None:
    """Write to a temporary file beside path, fsync, then rename over path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def to_json(summary: dict[str, Any]) -> str:
    """The summary document as pretty JSON text."""
    return json.dumps(summary, ensure_ascii=False, indent=2) + "\n"


def write_outputs(
    summary: dict[str, Any], out_dir: Path, stem: str, formats: tuple[str, ...], mode: int = DEFAULT_MODE
) -> list[Path]:
    """Write STEM.summary.json and/or STEM.summary.md into out_dir (stem made safe); returns the paths."""
    written = []
    for fmt in formats:
        path = out_dir / f"{safe_stem(stem)}.summary.{fmt}"
        atomic_write(path, to_json(summary) if fmt == "json" else to_markdown(summary), mode)
        written.append(path)
    return written
