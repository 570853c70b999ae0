"""The whole job for one file, as a short run of named stages:
ingest, plan, summarize. Workers and the CLI call this and nothing deeper."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from chunking.plan import Plan, make_plan
from docsum.deadline import NO_DEADLINE, Deadline
from docsum.errors import TooLarge, UsageError
from docsum.settings import Settings
from ingest.language import is_known_language
from ingest.limits import MB, Limits
from ingest.model import Document
from ingest.reader import read_document
from summarize.engine import Engine, create_engine
from summarize.progress import ProgressCallback, no_progress
from summarize.schema import Summary
from summarize.summarizer import NotesCache, Options, Summarizer, measure_budget, target_language


@dataclass(frozen=True)
class Prepared:
    """A document read and planned, ready to summarize (the workers ship this to map tasks)."""

    document: Document
    plan: Plan
    language: str
    timings: dict[str, float]


def options_from(settings: Settings) -> Options:
    """The summarizer options a Settings asks for."""
    return Options(
        output_tokens=settings.output_tokens,
        map_output_tokens=settings.map_output_tokens,
        overlap_tokens=settings.overlap_tokens,
        output_retries=settings.output_retries,
    )


def check_request(settings: Settings) -> None:
    """Refuse settings that cannot work before any file is read or model loaded."""
    if settings.lang is not None and not is_known_language(settings.lang):
        raise UsageError(f"--lang {settings.lang!r} is not a language code docsum knows (use ISO 639-1, e.g. en, de, zh)")


def load_engine(settings: Settings, tokenizer_only: bool = False) -> Engine:
    """The engine the settings name, with its model loaded (or only its tokenizer)."""
    check_request(settings)
    return create_engine(settings.engine, settings, tokenizer_only)


def limits_for(settings: Settings, deadline: Deadline = NO_DEADLINE) -> Limits:
    """The reading limits the settings ask for."""
    return Limits(
        max_bytes=settings.max_file_mb * MB,
        max_pages=settings.max_pages,
        max_unpacked_bytes=max(4 * settings.max_file_mb, 1024) * MB,
        deadline=deadline,
    )


def read(path: str | Path, settings: Settings, deadline: Deadline = NO_DEADLINE) -> tuple[Document, float]:
    """Stage 1: the file as a Document, and the seconds it took."""
    started = time.perf_counter()
    ocr = settings.ocr_languages if settings.ocr else None
    return read_document(path, settings.password, limits_for(settings, deadline), ocr), time.perf_counter() - started


def prepare(document: Document, settings: Settings, engine: Engine) -> Prepared:
    """Stage 2: plan the document's chunks with the engine's tokenizer."""
    started = time.perf_counter()
    language = target_language(document, settings.lang)
    budget = measure_budget(engine, options_from(settings), language)
    plan = make_plan(document, engine.count_tokens, budget)
    if plan.document_tokens > settings.max_doc_tokens:
        raise TooLarge(
            f"{Path(document.path).name}: {plan.document_tokens:,} tokens, more than the limit of "
            f"{settings.max_doc_tokens:,} (max_doc_tokens)"
        )
    return Prepared(document, plan, language, {"plan_s": round(time.perf_counter() - started, 3)})


def summarize_document(
    document: Document,
    settings: Settings,
    engine: Engine,
    progress: ProgressCallback = no_progress,
    cache: NotesCache | None = None,
    deadline: Deadline = NO_DEADLINE,
) -> Summary:
    """Stages 2 and 3 for a document already read: plan, then summarize."""
    started = time.perf_counter()
    prepared = prepare(document, settings, engine)
    summarizer = Summarizer(engine, options_from(settings), progress, cache, deadline)
    summary = summarizer.summarize(prepared.document, prepared.plan, settings.lang)
    summary.timings = {**prepared.timings, **summary.timings, "total_s": round(time.perf_counter() - started, 3)}
    return summary


def summarize_file(
    path: str | Path,
    settings: Settings,
    engine: Engine,
    progress: ProgressCallback = no_progress,
    cache: NotesCache | None = None,
) -> Summary:
    """All stages for one file: read, plan, summarize, within settings.max_seconds."""
    deadline = Deadline.after(settings.max_seconds)
    document, read_s = read(path, settings, deadline)
    summary = summarize_document(document, settings, engine, progress, cache, deadline)
    summary.timings = {"ingest_s": round(read_s, 3), **summary.timings}
    summary.timings["total_s"] = round(summary.timings["total_s"] + read_s, 3)
    return summary
