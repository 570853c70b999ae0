"""Document type on the dev corpus's own files: docsum's doc_type against the type a reader
gives each file (`../shared/corpus/doc_types.json`: {"contracts/cuad/*.pdf": "contract", ...}).

The pairs files (JSONL keys) are judged with their summaries; this covers the PDF, DOCX and
text files the map names, read as a user would give them (a PDF's text layer, not a clean
transcript of it).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable


def typed_files(map_path: Path) -> list[tuple[Path, str]]:
    """(file, expected type) for every file the map's globs match, JSONL files left out, in order."""
    mapping = json.loads(map_path.read_text(encoding="utf-8"))
    out: list[tuple[Path, str]] = []
    for pattern, kind in mapping.items():
        if pattern.startswith("_") or pattern.endswith(".jsonl"):
            continue
        out += [(path, kind) for path in sorted(map_path.parent.glob(pattern)) if path.is_file()]
    return out


def run_doc_types(
    files: list[tuple[Path, str]], summarize: Callable[[Path], dict | None], log: Callable[[str], None]
) -> dict:
    """Summarize each file; its doc_type, the expected one, and the seconds it took."""
    runs = []
    for path, expected in files:
        started = time.perf_counter()
        data = summarize(path)
        seconds = round(time.perf_counter() - started, 1)
        got = data["doc_type"] if data else None
        runs.append({"file": path.name, "expected": expected, "doc_type": got, "seconds": seconds})
        log(f"{path.name} [{expected}] doc_type {got}, {seconds}s")
    return {"runs": runs, "right": sum(r["doc_type"] == r["expected"] for r in runs)}


def doc_types_lines(result: dict, map_path: Path) -> list[str]:
    """The result as RESULTS.md lines: right of total, and each file typed wrong."""
    runs = result["runs"]
    wrong = [f"`{r['file']}`: {r['doc_type']} (a {r['expected']})" for r in runs if r["doc_type"] != r["expected"]]
    return [
        f"Document type on the files {map_path.name} names ({len(runs)} files, read as given): "
        f"**{result['right']}/{len(runs)}** right" + (f"; wrong: {'; '.join(wrong)}" if wrong else "") + ".",
        "",
    ]
