"""Run every system on every pair and score each output: one record per (system, document)."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable, Iterable

from bench.quality.metrics import (
    ROUGE_TYPES,
    coverage,
    degeneracy,
    language_match,
    rouge,
)
from bench.quality.pairs import Pair
from bench.quality.systems import Output, System
from bench.quality.judge import draft_text, judge, unsupported_numbers


def score(system: str, pair: Pair, output: Output, doc_tokens: int, expected_lang: str | None = None) -> dict:
    """The record for one output: ROUGE, language, validity, degeneracy, coverage, speed."""
    lang = expected_lang or pair.lang
    record = {
        "system": system,
        "id": pair.id,
        "file": pair.file,
        "lang": pair.lang,
        "doc_tokens": doc_tokens,
        "seconds": round(output.seconds, 3),
        "prompt_tokens": output.prompt_tokens,
        "completion_tokens": output.completion_tokens,
        "schema_valid": output.schema_valid,
        "error": output.error,
        "summary": output.text,
        "truncated": output.truncated,
        **output.extra,
    }
    if output.error:
        record.update({name: 0.0 for name in ROUGE_TYPES}, language_match=False, degenerate="error")
        return record
    record.update({name: round(value, 4) for name, value in rouge(output.text, pair.reference).items()})
    record["language_match"] = language_match(output.text, lang)
    record["degenerate"] = degeneracy(output.text, output.truncated, prose=True).reason
    if output.document is not None:
        document = record["document"] = output.document
        # Loops and empty fields hide in the key points as well as in the summary.
        for point in document["key_points"]:
            record["degenerate"] = record["degenerate"] or degeneracy(point["text"]).reason
        # The bench's own checks (bench/quality/judge.py), on the summary printed and, where the
        # run kept it, on what the model wrote before docsum's checks.
        strategy = document.get("strategy", {})
        record["judged"] = judge(output.text, pair.text)
        draft = draft_text(strategy.get("draft"))
        if draft is not None:
            record["judged_draft"] = judge(draft, pair.text)
        record["unsupported_numbers"] = unsupported_numbers(_written(document, output.text), pair.text)
        # How often docsum's support check fired: sentences it left out, of the final pass and of the notes.
        if "summary_sentences_unsupported" in strategy:
            record["support_fired"] = strategy["summary_sentences_unsupported"] + strategy.get("note_sentences_unsupported", 0)
        if "overview" in strategy:
            record["overview"] = strategy["overview"]  # what became of the model's own opening sentence
        record["doc_type"] = document.get("doc_type")
        record["expected_type"] = pair.expected_type
        cov = coverage(document)
        record["coverage_pages"] = round(cov["pages"], 4)
        record["coverage_chunks"] = round(cov["chunks"], 4)
    return record


def _written(document: dict, summary: str) -> str:
    """Everything the model wrote into a summary, as one text."""
    parts = [document.get("title") or "", summary, *(p["text"] for p in document["key_points"])]
    for block in ("contract", "paper"):
        for value in (document.get(block) or {}).values():
            parts += value if isinstance(value, list) else [str(value) if value is not None else ""]
    parts += [e.get("name", "") for e in document.get("entities", [])]
    return "\n".join(str(p) for p in parts)


class Replay:
    """A system's stored outputs from an earlier quality.json, to score them again with changed
    metrics without running the models again (the outputs are deterministic, the metrics are not final)."""

    def __init__(self, name: str, records: list[dict]):
        self.name = name
        self.records = {r["id"]: r for r in records if r["system"] == name}

    def summarize(self, pair: Pair) -> Output:
        r = self.records.get(pair.id)
        if r is None:
            return Output(error=f"no stored output for {pair.id}")
        extra = {k: r[k] for k in ("mode", "chunks", "calls") if k in r}
        if "document" not in r:  # stored before documents were kept: carry its coverage over
            extra.update({k: r[k] for k in ("coverage_pages", "coverage_chunks") if k in r})
        return Output(
            text=r["summary"], seconds=r["seconds"], prompt_tokens=r["prompt_tokens"],
            completion_tokens=r["completion_tokens"], truncated=r.get("truncated", r.get("degenerate") == "truncated"),
            document=r.get("document"), schema_valid=r["schema_valid"], error=r["error"], extra=extra,
        )


def evaluate(
    pairs: Iterable[Pair],
    systems: list[System],
    count_tokens: Callable[[str], int],
    expected_lang: str | None = None,
    log=lambda line: print(line, file=sys.stderr),
) -> list[dict]:
    """Every system on every pair, pair by pair, so a long run's partial results are comparable."""
    records = []
    for pair in pairs:
        doc_tokens = count_tokens(pair.text)
        for system in systems:
            record = score(system.name, pair, system.summarize(pair), doc_tokens, expected_lang)
            records.append(record)
            status = record["error"] or f"R1 {record['rouge1']:.3f} RL {record['rougeL']:.3f}"
            log(f"{pair.id} [{pair.lang}, {doc_tokens} tok] {system.name}: {status}, {record['seconds']:.1f}s")
    return records


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


def aggregate(records: list[dict]) -> dict:
    """Averages for a group of records of one system."""
    ok = [r for r in records if not r["error"]]
    valid = [r["schema_valid"] for r in records if r["schema_valid"] is not None]
    seconds = [r["seconds"] for r in records]
    generated = [r for r in ok if r["completion_tokens"]]
    return {
        "documents": len(records),
        "errors": len(records) - len(ok),
        **{name: _mean([r[name] for r in records]) for name in ROUGE_TYPES},
        "language_match": _mean([float(r["language_match"]) for r in records]),
        "schema_valid": _mean([float(v) for v in valid]),
        "degenerate": _mean([float(r["degenerate"] is not None) for r in records]),
        "coverage_pages": _mean([r["coverage_pages"] for r in ok if "coverage_pages" in r]),
        **_judged(ok, "judged", ""),
        **_judged(ok, "judged_draft", "draft_"),
        "unsupported_numbers": _mean([float(len(r["unsupported_numbers"])) for r in ok if "unsupported_numbers" in r]),
        "support_fired": _mean([float(r["support_fired"]) for r in ok if "support_fired" in r]),
        # Of the summaries whose model was asked for an overview (reports and papers).
        "overview_written": _mean([float(r["overview"] == "written") for r in ok if r.get("overview", "not asked") != "not asked"]),
        "overview_refused": _mean([float(r["overview"] in ("unsupported", "not about the document"))
                                   for r in ok if r.get("overview", "not asked") != "not asked"]),
        "type_right": _mean([float(r["doc_type"] == r["expected_type"]) for r in ok if r.get("expected_type")]),
        "coverage_chunks": _mean([r["coverage_chunks"] for r in ok if "coverage_chunks" in r]),
        "median_seconds": round(statistics.median(seconds), 3) if seconds else None,
        "doc_tokens_per_s": _mean([r["doc_tokens"] / r["seconds"] for r in ok if r["seconds"] > 0]),
        "gen_tokens_per_s": _mean([r["completion_tokens"] / r["seconds"] for r in generated if r["seconds"] > 0]),
    }


def _judged(records: list[dict], key: str, prefix: str) -> dict:
    """Shares of copied sentences, and fragments and repeats per document, over these records
    (judge.py); none when no record has them."""
    judged = [r[key] for r in records if key in r]
    if not judged:
        return {f"{prefix}copied_share": None, f"{prefix}fragments": None, f"{prefix}numbers": None}
    sentences = sum(j["sentences"] for j in judged)
    return {
        f"{prefix}copied_share": round(sum(j["copied"] for j in judged) / sentences, 4) if sentences else None,
        f"{prefix}fragments": _mean([float(j["fragments"] + j["repeats"]) for j in judged]),
        f"{prefix}numbers": _mean([float(len(j["unsupported_numbers"])) for j in judged]),
    }


def summarize_records(records: list[dict]) -> dict:
    """Aggregates per system: overall, per pairs file and per language."""
    out: dict = {}
    for system in dict.fromkeys(r["system"] for r in records):
        mine = [r for r in records if r["system"] == system]
        out[system] = {
            "all": aggregate(mine),
            "by_file": {f: aggregate([r for r in mine if r["file"] == f]) for f in dict.fromkeys(r["file"] for r in mine)},
            "by_lang": {g: aggregate([r for r in mine if r["lang"] == g]) for g in dict.fromkeys(r["lang"] for r in mine)},
        }
    return out
