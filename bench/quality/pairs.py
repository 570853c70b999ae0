"""Document / reference-summary pairs, one JSON object a line: {id, lang, text, reference_summary}."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bench.quality.contract_fields import clause_reference
from bench.quality.corpora import as_written
from bench.quality.halves import in_half

REQUIRED = ("id", "lang", "text", "reference_summary")


@dataclass(frozen=True)
class Pair:
    id: str
    lang: str
    text: str
    reference: str
    file: str  # the pairs file's stem, for per-file averages
    #: The type a reader gives the document (contract, paper, report, other), from the
    #: corpus's doc_types.json when the file is in a corpus that has one.
    expected_type: str | None = None


class PairsError(ValueError):
    """A pairs file that cannot be used, with the line that is wrong."""


def load_pairs(path: Path, limit: int | None = None, half: str | None = None) -> list[Pair]:
    """The pairs of a JSONL file, those of one half (bench.quality.halves) when half is given,
    then the first `limit` of them; a bad line is an error, not a skip."""
    pairs = []
    expected = expected_type(path)
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PairsError(f"{path}:{number}: not JSON ({exc.msg})") from None
            missing = [k for k in REQUIRED if not isinstance(record.get(k), str) or not record[k].strip()]
            if missing:
                raise PairsError(f"{path}:{number}: missing or empty {', '.join(missing)}")
            pairs.append(Pair(record["id"], record["lang"], as_written(record["text"], path.stem), record["reference_summary"], path.stem,
                              record.get("doc_type") or expected))
    if half is not None:
        kept = in_half([p.id for p in pairs], half)
        pairs = [p for p in pairs if p.id in kept]
    pairs = pairs[:limit] if limit is not None else pairs
    if not pairs:
        raise PairsError(f"{path}: no pairs")
    return pairs


def load_panel(path: Path) -> list[Pair]:
    """The reading panel (bench/reading/panel.json): {"corpus": DIR relative to the project,
    "documents": [{"file": PATH in it, "id": ID}]}; a clause-QA contract's reference is the
    clauses its lawyers marked. The same documents every reading, so readings compare."""
    root = Path(__file__).resolve().parents[2]
    panel = json.loads(path.read_text(encoding="utf-8"))
    corpus = (root / panel["corpus"]).resolve()
    wanted: dict[str, list[str]] = {}
    for entry in panel["documents"]:
        wanted.setdefault(entry["file"], []).append(entry["id"])
    pairs = []
    for file, ids in wanted.items():
        source = corpus / file
        lines = source.read_text(encoding="utf-8").splitlines()
        records = {r["id"]: r for r in (json.loads(line) for line in lines if line.strip())}
        missing = [i for i in ids if i not in records]
        if missing:
            raise PairsError(f"{source}: no record {', '.join(missing)}")
        for i in ids:
            r = records[i]
            reference = r.get("reference_summary") or clause_reference(r)
            kind = r.get("doc_type") or expected_type(source) or ("contract" if "qa" in r else None)
            pairs.append(Pair(i, r["lang"], as_written(r["text"], source.stem), reference, source.stem, kind))
    return pairs


def expected_type(path: Path) -> str | None:
    """The document type doc_types.json (in a folder above the pairs file) gives every document of it."""
    for folder in path.resolve().parents[:3]:
        table = folder / "doc_types.json"
        if table.is_file():
            types = json.loads(table.read_text(encoding="utf-8"))
            return types.get(path.resolve().relative_to(folder).as_posix())
    return None
