"""The golden replay: the model's answers recorded once for a few real documents, and the
exact outputs they gave. Replayed, everything after the model runs again (ingest, planning,
evidence, every check and rule, rendering) with the real tokenizer, so a change that alters an
output fails with the document and the field. The model is not run: the answers are keyed by
the whole request, and a request that was not recorded (a prompt that changed) fails too.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.quality.pairs import Pair, load_panel
from docsum.pipeline import Pipeline
from summarize.engines.base import Completion, Engine

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CASES = HERE / "cases.json"
RECORDED = HERE / "recorded"

def settings():
    """The settings the answers were recorded with: defaults, the main test model, its test context."""
    from tests.conftest import MAIN_MODEL, base_settings

    return base_settings(model=MAIN_MODEL, ctx=8192)


#: Output fields that say how long things took or where a file was put, not what was written.
VOLATILE = ("timings",)


class Unrecorded(AssertionError):
    """The pipeline asked the model something no recording holds: a prompt changed."""


@dataclass(frozen=True)
class Case:
    id: str
    #: A real file (PDF, DOCX, text); None for a corpus record.
    path: Path | None = None
    #: A corpus pairs record, written to a text file as the benchmarks do.
    pair: Pair | None = None

    @property
    def recording(self) -> Path:
        return RECORDED / f"{self.id}.json"


def cases(path: Path = CASES) -> list[Case]:
    """The golden documents, in the order cases.json lists them."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    corpus = (ROOT / spec["corpus"]).resolve()
    found = [
        Case(entry["id"], path=(ROOT / entry["file"]) if "file" in entry else corpus / entry["corpus_file"])
        for entry in spec["files"]
    ]
    pairs = load_panel(path) if spec["documents"] else []
    return found + [Case(pair.id, pair=pair) for pair in pairs]


def request_key(system: str, user: str, schema: dict, max_tokens: int) -> str:
    """What identifies one request to the model: all of it."""
    blob = json.dumps([system, user, schema, max_tokens], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class RecordingEngine:
    """The real engine, its answers kept by request."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.model = engine.model
        self.parallel = 1  # one request at a time, so the recording is the order they came in
        self.answers: dict[str, dict[str, Any]] = {}

    def count_tokens(self, text: str) -> int:
        return self.engine.count_tokens(text)

    def count_prompt(self, system: str, user: str) -> int:
        return self.engine.count_prompt(system, user)

    def complete_json(self, system: str, user: str, schema: dict, max_tokens: int) -> Completion:
        done = self.engine.complete_json(system, user, schema, max_tokens)
        self.answers[request_key(system, user, schema, max_tokens)] = {
            "text": done.text,
            "finish_reason": done.finish_reason,
            "prompt_tokens": done.prompt_tokens,
            "completion_tokens": done.completion_tokens,
            "prefill_tokens": done.prefill_tokens,
        }
        return done


class ReplayEngine:
    """The real tokenizer, and the recorded answers in place of the model."""

    def __init__(self, tokenizer: Engine, answers: dict[str, dict[str, Any]], case: str):
        self.tokenizer = tokenizer
        self.model = tokenizer.model
        self.parallel = 1
        self.answers = answers
        self.case = case

    def count_tokens(self, text: str) -> int:
        return self.tokenizer.count_tokens(text)

    def count_prompt(self, system: str, user: str) -> int:
        return self.tokenizer.count_prompt(system, user)

    def complete_json(self, system: str, user: str, schema: dict, max_tokens: int) -> Completion:
        answer = self.answers.get(request_key(system, user, schema, max_tokens))
        if answer is None:
            raise Unrecorded(
                f"{self.case}: the model was asked something the recording does not hold (a prompt, its "
                f"evidence or its schema changed); if that is meant, record again: python -m tests.golden.record"
            )
        return Completion(answer["text"], answer["finish_reason"], answer["prompt_tokens"],
                          answer["completion_tokens"], answer["prefill_tokens"], 0.0, 0.0)


def summarize(case: Case, engine: Engine, settings) -> dict[str, Any]:
    """The case's output as `docsum summarize` writes it, less what is volatile."""
    pipeline = Pipeline.with_engine(settings, engine)
    if case.path is not None:
        return comparable(pipeline.summarize_file(case.path).to_dict())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{case.id}.txt"
        path.write_text(case.pair.text, encoding="utf-8")
        return comparable(pipeline.summarize_file(path).to_dict())


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """The output without timings, and with the file named without the folder it was in."""
    kept = {k: v for k, v in data.items() if k not in VOLATILE}
    kept["source"] = {**kept["source"], "path": Path(kept["source"]["path"]).name}
    return kept


def differences(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Each field (as a dotted path) whose value differs, with both values."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual), key=str):
            out += differences(expected.get(key, "<absent>"), actual.get(key, "<absent>"), f"{where}.{key}" if where else key)
        return out
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [d for i, (e, a) in enumerate(zip(expected, actual)) for d in differences(e, a, f"{where}[{i}]")]
    return [] if expected == actual else [f"{where}: expected {expected!r}, got {actual!r}"]
