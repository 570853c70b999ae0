"""Summarizing a planned document: one pass over the whole document or its evidence, or map
over windows then reduce the notes (merging level by level until they fit); the final answer
becomes the summary document in answer.py."""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, Callable, Protocol

from chunking.evidence import document_sentences
from chunking.markers import chunk_pages
from chunking.plan import Budget, Chunk, Plan
from core.deadline import NO_DEADLINE, Deadline
from core.errors import ModelError, ModelOutputError
from core.languages import UNDETERMINED, language_name
from core.settings import Settings
from ingest.model import Document
from summarize import prompts
from summarize.answer import Draft, extractive_summary, grounded_summary, in_own_language, written_language
from summarize.citations import PageIndex, key_points_from
from summarize.engines.base import Engine
from summarize.extractive import extract_notes
from summarize.grounding import sentences_of
from summarize.length import Length
from summarize.progress import ProgressCallback, ProgressEvent, no_progress
from summarize.schema import Bounds, Notes, Summary, notes_schema, summary_schema
from summarize.structured import Usage, generate, retry_tokens

#: Characters of the document's start shown to the final reduce, for title and type.
OPENING_CHARS = 600


class NotesCache(Protocol):
    """Where map results can be kept between runs (the workers use Redis), by notes_key."""

    def get(self, key: str) -> Notes | None: ...

    def put(self, key: str, notes: Notes) -> None: ...


@dataclass(frozen=True)
class Options:
    """What the summarizer takes from Settings (see there for each field)."""

    output_tokens: int
    map_output_tokens: int
    overlap_tokens: int
    output_retries: int
    length: str = "medium"
    #: Evidence tokens the model reads of a long document; 0: read it all.
    evidence_tokens: int = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> "Options":
        return cls(
            settings.output_tokens, settings.map_output_tokens, settings.overlap_tokens, settings.output_retries,
            settings.length, settings.evidence_tokens if settings.read == "evidence" else 0,
        )


def output_reserves(n_ctx: int, options: Options) -> tuple[int, int]:
    """(final, map) answer reserves, scaled down for small contexts."""
    return min(options.output_tokens, n_ctx // 3), min(options.map_output_tokens, n_ctx // 4)


def target_language(doc: Document, requested: str | None) -> str:
    """The ISO code the summary is written in: the requested one, else the document's."""
    if requested:
        return requested
    return "en" if doc.language == UNDETERMINED else doc.language


#: Evidence for the shortest summaries: a few sentences more than it can hold, to choose from.
MIN_SUMMARY_EVIDENCE = 384


def summary_evidence(length: Length, times: float = 1.0) -> int:
    """Evidence tokens for a summary of this length: `times` its token reserve (about twice its
    words), at least MIN_SUMMARY_EVIDENCE."""
    return max(MIN_SUMMARY_EVIDENCE, int(times * length.tokens))


def retry_room(engine: Engine, options: Options) -> int:
    """Tokens a prompt leaves free for a retry's reason (none when there are no retries)."""
    return retry_tokens(engine.count_tokens) if options.output_retries else 0


def measure_budget(engine: Engine, options: Options, language: str) -> Budget:
    """Token costs of the prompts around the document, measured with the engine's tokenizer."""
    name = language_name(language)
    final_out, map_out = output_reserves(engine.model.n_ctx, options)
    single = engine.count_prompt(prompts.single_system(name), prompts.single_user("", "x" * prompts.TITLE_CHARS))
    mapping = engine.count_prompt(prompts.map_system(name), prompts.map_user("", 999, 999, (9999, 9999)))
    retry = retry_room(engine, options)
    return Budget(
        n_ctx=engine.model.n_ctx,
        single_prompt=single + retry + 16,
        single_output=final_out,
        map_prompt=mapping + retry + 16,
        map_output=map_out,
        overlap=options.overlap_tokens,
        evidence=options.evidence_tokens,
        summary_evidence=summary_evidence(Length.parse(options.length, language)),
    )


def notes_key(model_identity: str, language: str, map_output_tokens: int, total: int, chunk: Chunk) -> str:
    """A cache key for one window's notes: a digest of everything the map prompt and its answer depend on."""
    context = f"{model_identity}|{prompts.PROMPT_VERSION}|{language}|{map_output_tokens}|{total}|{chunk.index}|{chunk.text}"
    return hashlib.sha256(context.encode("utf-8")).hexdigest()


def _notes(data: dict, pages: tuple[int, ...], index: PageIndex) -> Notes:
    return Notes(
        summary=" ".join(data["summary"].split()),
        key_points=key_points_from(data["key_points"], pages, index),
        facts=tuple(" ".join(f.split()) for f in data["facts"] if f.strip()),
        pages=pages,
    )


def _notes_text(notes: list[Notes]) -> str:
    blocks = []
    for n in notes:
        lines = [f"Pages {n.pages[0]}-{n.pages[-1]}:"] + ([f"Summary: {n.summary}"] if n.summary else [])
        lines += [f"- {k.text} (pages {', '.join(map(str, k.pages))})" for k in n.key_points]
        lines += [f"- fact: {f}" for f in n.facts]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


class Summarizer:
    """Turns a Document and its Plan into a Summary with one engine."""

    def __init__(
        self,
        engine: Engine,
        options: Options,
        progress: ProgressCallback = no_progress,
        cache: NotesCache | None = None,
        deadline: Deadline = NO_DEADLINE,
    ):
        self.engine = engine
        self.deadline = deadline
        self.options = options
        self.progress = progress
        self.cache = cache
        self.final_out, self.map_out = output_reserves(engine.model.n_ctx, options)
        self.retry = retry_room(engine, options)

    # -- map ---------------------------------------------------------------------------------

    def map_chunk(self, chunk: Chunk, total: int, language: str, usage: Usage) -> Notes:
        """Notes on one window (from the cache when it has them); needs nothing but the chunk."""
        key = notes_key(self.engine.model.identity, language, self.map_out, total, chunk)
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            return hit
        self.deadline.check(f"part {chunk.index + 1} of {total}")
        pages = list(chunk.pages)
        try:
            data = generate(
                self.engine,
                prompts.map_system(language_name(language)),
                prompts.map_user(chunk.text, chunk.index + 1, total, chunk.pages),
                lambda brief: notes_schema(pages, 3 if brief else 6),
                self.map_out,
                usage,
                self.options.output_retries,
            )
            notes = _notes(data, chunk.pages, PageIndex(chunk_pages(chunk.text)))
        except ModelOutputError:
            # A small model can loop on one window and write the others well: one window must
            # not fail a long document. Its own best sentences stand in; the summary says so.
            # Three quarters of the notes' budget: rendered for a merge, they get labels too.
            notes = extract_notes(chunk, language, self.engine.count_tokens, self.map_out * 3 // 4)
        if self.cache is not None:
            self.cache.put(key, notes)
        return notes

    # -- reduce ------------------------------------------------------------------------------

    def _fits(self, system: str, user: str, reserve: int) -> bool:
        return self.engine.count_prompt(system, user) + self.retry + reserve <= self.engine.model.n_ctx

    def _merge(self, group: list[Notes], language: str, index: PageIndex, usage: Usage) -> Notes:
        self.deadline.check("merging notes")
        pages = tuple(sorted({p for n in group for p in n.pages}))
        try:
            data = generate(
                self.engine,
                prompts.merge_system(language_name(language)),
                prompts.notes_user(_notes_text(group), None, None),
                lambda brief: notes_schema(list(pages), 3 if brief else 6),
                self.map_out,
                usage,
                self.options.output_retries,
            )
        except ModelOutputError:
            # Shortened, not merged: each part's first summary sentence. Always shorter than the
            # group, so the reduce still ends.
            firsts = [sentences_of(n.summary, language)[:1] for n in group]
            return Notes(" ".join(s for first in firsts for s in first), (), (), pages, extractive=True)
        return _notes(data, pages, index)

    def _groups(self, level: list[Notes], language: str) -> list[list[Notes]]:
        """Consecutive notes packed into merge prompts that fit, at least two per group."""
        system = prompts.merge_system(language_name(language))
        groups: list[list[Notes]] = []
        current: list[Notes] = []
        for notes in level:
            trial = current + [notes]
            if len(current) >= 2 and not self._fits(system, prompts.notes_user(_notes_text(trial), None, None), self.map_out):
                groups.append(current)
                current = [notes]
            else:
                current = trial
        if current:
            # A last one alone joins the group before it when it fits there; else it waits for
            # the next level unmerged (three parts' notes need not fit where two do).
            if len(current) == 1 and groups and self._fits(
                system, prompts.notes_user(_notes_text(groups[-1] + current), None, None), self.map_out
            ):
                groups[-1].append(current[0])
            else:
                groups.append(current)
        for group in groups:
            if len(group) > 1 and not self._fits(system, prompts.notes_user(_notes_text(group), None, None), self.map_out):
                raise ModelError(
                    f"the {self.engine.model.n_ctx}-token context is too small to merge two parts' notes; use a larger --ctx"
                )
        return groups

    # -- whole document ----------------------------------------------------------------------

    def summarize(self, doc: Document, plan: Plan, language: str) -> Summary:
        """Summarize the whole document according to the plan, in the language (an ISO code)."""
        started = time.perf_counter()
        usage, timings = Usage(), {}
        notes = []
        if plan.mode == "map_reduce":
            notes = self.map_all(plan, language, usage)
            timings["map_s"] = round(time.perf_counter() - started, 3)
        summary = self.finish(doc, plan, notes, language, usage)
        summary.timings = {**timings, **summary.timings, "summarize_s": round(time.perf_counter() - started, 3)}
        return summary

    def map_all(self, plan: Plan, language: str, usage: Usage) -> list[Notes]:
        """Notes on every window, in order, up to engine.parallel at once, with progress."""
        total = len(plan.chunks)
        return self._each(
            "map", list(plan.chunks), lambda chunk, u: self.map_chunk(chunk, total, language, u), usage
        )

    def _each(self, stage: str, items: list, step: Callable[[Any, Usage], Notes], usage: Usage) -> list[Notes]:
        """step(item) for every item, results in order; up to engine.parallel run at once.

        The first failure cancels the steps not yet started and is raised.
        """
        total = len(items)
        workers = max(1, min(self.engine.parallel, total))
        usages = [Usage() for _ in items]
        results: list[Notes | None] = [None] * total
        started = time.perf_counter()

        def report(done: int) -> None:
            elapsed = time.perf_counter() - started
            self.progress(ProgressEvent(stage, done, total, elapsed / done * (total - done) if done else None))

        report(0)
        if workers == 1:
            for i, item in enumerate(items):
                results[i] = step(item, usages[i])
                report(i + 1)
        else:
            pool = ThreadPoolExecutor(workers, thread_name_prefix=f"docsum-{stage}")
            try:
                futures = {pool.submit(step, item, usages[i]): i for i, item in enumerate(items)}
                for done, future in enumerate(as_completed(futures), start=1):
                    results[futures[future]] = future.result()
                    report(done)
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
        for u in usages:
            usage.absorb(u)
        return [r for r in results if r is not None]

    def finish(self, doc: Document, plan: Plan, notes: list[Notes], language: str, usage: Usage) -> Summary:
        """The final pass: the whole document or its evidence (one prompt), or the windows' notes
        reduced until they fit; held to the document, or extractive when the model cannot answer."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        name = language_name(language)
        all_pages = tuple(p.number for p in doc.pages if p.number not in doc.empty_pages)
        index = PageIndex({p.number: p.text for p in doc.pages})
        length = Length.parse(self.options.length, language)
        own_title = doc.title is not None
        source = None if doc.language == UNDETERMINED else language_name(doc.language)
        own = in_own_language(doc, language)
        # In the document's language its own sentences are the key points (and a paper's fields).
        excerpts = own and bool(document_sentences(doc, self.engine.count_tokens))
        fields = prompts.summary_fields(plan.doc_types, not own_title, length.describe(), excerpts, plan.ranked)
        stage = "reduce" if plan.mode == "map_reduce" else "single"
        if plan.mode == "map_reduce":
            level, passes = list(notes), 1
            opening = doc.text[:OPENING_CHARS]
            system = prompts.final_system(name, language, fields, prompts.READING["map_reduce"], source)
            while not self._fits(system, prompts.notes_user(_notes_text(level), doc.title, opening), self.final_out):
                groups = self._groups(level, language)
                # A part alone beside other groups waits for the next level; alone, it is rewritten shorter.
                level = self._each(
                    "merge", groups,
                    lambda group, u: group[0] if len(group) == 1 and len(groups) > 1 else self._merge(group, language, index, u),
                    usage,
                )
                passes += 1
            timings["merge_s"] = round(time.perf_counter() - started, 3)
            user = prompts.notes_user(_notes_text(level), doc.title, opening)
            passes += 1
        else:
            system = prompts.final_system(name, language, fields, prompts.READING["evidence_ranked" if plan.ranked else plan.mode], source)
            user = prompts.single_user(plan.chunks[0].text, doc.title, excerpts=plan.mode == "evidence")
            passes = 1
        self.progress(ProgressEvent(stage, 0, 1))

        self.deadline.check("the final summary")
        final_started = time.perf_counter()
        bounds = Bounds(length.sentences, length.sentence_chars, length.point_chars, length.field_chars,
                        entities=length.points + 2)
        try:
            data = self._final(
                system,
                user,
                lambda brief: summary_schema(
                    list(all_pages), 4 if brief else 8, plan.doc_types, not own_title, bounds, brief, excerpts
                ),
                language,
                usage,
                own,
                self._reserve(system, user, length),
            )
            fallback = None
        except ModelOutputError as exc:
            data, fallback = None, str(exc)
        timings["final_s"] = round(time.perf_counter() - final_started, 3)
        self.progress(ProgressEvent(stage, 1, 1))
        model = {"name": self.engine.model.name, "sha256": self.engine.model.sha256,
                 "n_ctx": self.engine.model.n_ctx, "engine": self.engine.model.engine}
        draft = Draft(doc, plan, language, passes, usage, timings, index, all_pages, length, model, excerpts, system)
        summary = grounded_summary(draft, data, self.engine.count_tokens) if data is not None else None
        if summary is None:
            fallback = fallback or "nothing the model wrote was supported by the document"
            summary = extractive_summary(draft, fallback, self.engine.count_tokens)
        stood_in = [i + 1 for i, n in enumerate(notes) if n.extractive]
        if stood_in:
            parts = ", ".join(map(str, stood_in))
            summary.warnings.append(
                f"the model could not write notes on part(s) {parts} of {len(notes)}; those parts' own best sentences stood in"
            )
            summary.strategy["notes_from_document"] = stood_in
        if plan.mode == "map_reduce" and any(n.extractive and n not in notes for n in level):
            summary.warnings.append("the model could not merge some parts' notes; their first sentences stood in")
        return summary

    def _reserve(self, system: str, user: str, length: Length) -> int:
        """Tokens for the final answer: the configured reserve, more for a long summary (a 300-word
        German one does not fit in 1024 with its fields) as far as the context allows."""
        room = self.engine.model.n_ctx - self.engine.count_prompt(system, user) - 16
        return max(self.final_out, min(length.tokens + 512, room))

    def _final(
        self, system: str, user: str, schema_for: Callable[[bool], dict], language: str, usage: Usage, own: bool,
        reserve: int,
    ) -> dict:
        """The final answer, asked again with a reminder when the detector finds it in another language;
        still wrong, it is refused when the document's own sentences can stand in (own: the summary is
        in the document's language), else kept: a summary in the wrong language beats none."""
        data = generate(self.engine, system, user, schema_for, reserve, usage, self.options.output_retries)
        found = written_language(data, language)
        if found is None:
            return data
        usage.retries += 1
        reminder = prompts.language_reminder(language_name(language), language, language_name(found))
        data = generate(self.engine, system, f"{user}\n\n{reminder}", schema_for, reserve, usage, 0)
        found = written_language(data, language)
        if found is not None and own:
            raise ModelOutputError(f"the model wrote the summary in {language_name(found)}, not {language_name(language)}")
        return data
