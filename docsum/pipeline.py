"""The one door to the stages. `docsum summarize`, the watched folder, the Celery
tasks and the benchmarks all run documents through a Pipeline and nothing deeper.

The stages: read (file -> Document), plan (Document -> Plan, the summary's language
decided once), map step (one window -> notes), reduce step (notes, or the whole
document, -> Summary). `summarize_file` runs them all in this process; the workers
run read and plan on the submitting box and the steps on any box. Timings are put
together here, in wall-clock seconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from chunking.plan import Chunk, Plan, make_plan
from core.deadline import NO_DEADLINE, Deadline
from core.errors import TooLarge
from core.settings import Settings
from ingest.limits import Limits
from ingest.model import Document
from ingest.reader import read_document
from summarize.engines.base import Engine
from summarize.engines.registry import check_engine as _check_engine
from summarize.engines.registry import create_engine
from summarize.progress import ProgressCallback, no_progress
from summarize.schema import Notes, Summary
from summarize.structured import Usage
from summarize.summarizer import NotesCache, Options, Summarizer, measure_budget, target_language


def load_engine(settings: Settings, tokenizer_only: bool = False) -> Engine:
    """The engine the settings name, with its model loaded (or only its tokenizer)."""
    return create_engine(settings.engine, settings, tokenizer_only)


def check_engine(settings: Settings) -> str | None:
    """Whether the settings' engine runs on this machine (EngineUnsupported if not), before
    a worker or a watcher takes any work; a line saying what was checked, or None."""
    return _check_engine(settings.engine, settings)


@dataclass(frozen=True)
class Prepared:
    """A document read and planned: what a summary of it needs besides the model."""

    document: Document
    plan: Plan
    #: The ISO code the summary is written in, decided once here.
    language: str
    ingest_s: float
    plan_s: float


@dataclass(frozen=True)
class Mapped:
    """One window's notes, with what they cost and when (epoch seconds) the step ran."""

    notes: Notes
    usage: dict[str, int]
    started: float
    ended: float


class Pipeline:
    """The stages for one Settings and one engine. The engine is made on first need, so a
    bad file fails before any model is loaded, and kept for every later document."""

    def __init__(self, settings: Settings, engine: Engine | None = None, loader: Callable[[Settings], Engine] = load_engine):
        """loader makes the engine when none is given (the CLI passes one that downloads the model first)."""
        self.settings = settings
        self.loader = loader
        self._engine = engine

    @classmethod
    def with_engine(cls, settings: Settings, engine: Engine) -> "Pipeline":
        """A pipeline around an engine that is already loaded."""
        return cls(settings, engine)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self.loader(self.settings)
        return self._engine

    def _load(self) -> float | None:
        """Load the engine if it is not yet; the seconds that took, or None when it was there."""
        if self._engine is not None:
            return None
        started = time.perf_counter()
        self.engine
        return time.perf_counter() - started

    # -- stages --------------------------------------------------------------------------

    def read(self, path: str | Path, deadline: Deadline = NO_DEADLINE, sha256: str | None = None) -> tuple[Document, float]:
        """Stage 1: the file as a Document, and the seconds it took."""
        started = time.perf_counter()
        s = self.settings
        document = read_document(
            path, s.password, Limits.from_settings(s, deadline), s.ocr_languages if s.ocr else None, sha256
        )
        return document, time.perf_counter() - started

    def plan(self, document: Document, ingest_s: float = 0.0) -> Prepared:
        """Stage 2: the summary's language, and the document's windows measured with the engine's tokenizer."""
        engine = self.engine
        started = time.perf_counter()
        language = target_language(document, self.settings.lang)
        plan = make_plan(document, engine.count_tokens, measure_budget(engine, self._options, language))
        if plan.document_tokens > self.settings.max_doc_tokens:
            raise TooLarge(
                f"{Path(document.path).name}: {plan.document_tokens:,} tokens, more than the limit of "
                f"{self.settings.max_doc_tokens:,} (max_doc_tokens)"
            )
        return Prepared(document, plan, language, round(ingest_s, 3), round(time.perf_counter() - started, 3))

    def map_step(self, chunk: Chunk, total: int, language: str, cache: NotesCache | None = None) -> Mapped:
        """Stage 3a: notes on one window (the workers run this on any box)."""
        usage, started = Usage(), time.time()
        notes = self._summarizer(cache=cache).map_chunk(chunk, total, language, usage)
        return Mapped(notes, usage.as_dict(), started, time.time())

    def reduce_step(self, document: Document, plan: Plan, language: str, mapped: list[Mapped], before: dict[str, float]) -> Summary:
        """Stage 3b: the final summary from the windows' notes (or the whole document in
        single mode). before holds the timings of the earlier stages (ingest_s, plan_s, submitted)."""
        usage = Usage()
        for m in mapped:
            usage.merge(m.usage)
        started = time.time()
        summary = self._summarizer().finish(document, plan, [m.notes for m in mapped], language, usage)
        summary.timings = step_timings(before, mapped, started, time.time(), summary.timings)
        return summary

    def summarize_file(
        self,
        path: str | Path,
        progress: ProgressCallback = no_progress,
        cache: NotesCache | None = None,
        sha256: str | None = None,
    ) -> Summary:
        """All stages for one file in this process, within settings.max_seconds.

        The time limit covers reading and summarizing, not loading the model: that is
        paid once per process, not by the document.
        """
        wall = time.perf_counter()
        deadline = Deadline.after(self.settings.max_seconds)
        document, ingest_s = self.read(path, deadline, sha256)
        load_s = self._load()
        if load_s is not None and deadline.seconds is not None:
            deadline = Deadline(deadline.seconds + load_s, deadline.started)
        prepared = self.plan(document, ingest_s)
        summarizer = self._summarizer(progress, cache, deadline)
        summary = summarizer.summarize(document, prepared.plan, prepared.language)
        summary.timings = file_timings(prepared, load_s, summary.timings, time.perf_counter() - wall)
        return summary

    # -- helpers -------------------------------------------------------------------------

    @property
    def _options(self) -> Options:
        return Options.from_settings(self.settings)

    def _summarizer(
        self, progress: ProgressCallback = no_progress, cache: NotesCache | None = None, deadline: Deadline = NO_DEADLINE
    ) -> Summarizer:
        return Summarizer(self.engine, self._options, progress, cache, deadline)


def file_timings(prepared: Prepared, load_s: float | None, summarize: dict[str, float], wall_s: float) -> dict[str, float]:
    """Timings of a document summarized in one process: every stage, and total_s as wall time
    from opening the file to the summary (a model load it waited for included, as load_s)."""
    timings = {"ingest_s": prepared.ingest_s}
    if load_s is not None:
        timings["load_s"] = round(load_s, 3)
    return {**timings, "plan_s": prepared.plan_s, **summarize, "total_s": round(wall_s, 3)}


def step_timings(
    before: dict[str, float], mapped: list[Mapped], reduce_started: float, reduce_ended: float, reduce: dict[str, float]
) -> dict[str, float]:
    """Timings of a document summarized in steps, possibly on several boxes: map_s is the
    wall time from the first map step's start to the last one's end, summarize_s that plus
    the reduce step, total_s adds reading and planning; time spent waiting in the queue is
    not work and is reported apart as queue_s."""
    reduce_s = reduce_ended - reduce_started
    map_s = max(m.ended for m in mapped) - min(m.started for m in mapped) if mapped else 0.0
    summarize_s = map_s + reduce_s
    timings = {"ingest_s": before.get("ingest_s", 0.0), "plan_s": before.get("plan_s", 0.0)}
    if mapped:
        timings["map_s"] = round(map_s, 3)
    timings.update(reduce)
    timings["summarize_s"] = round(summarize_s, 3)
    if "submitted" in before:
        timings["queue_s"] = round(max(0.0, reduce_ended - before["submitted"] - summarize_s), 3)
    timings["total_s"] = round(timings["ingest_s"] + timings["plan_s"] + summarize_s, 3)
    return timings
