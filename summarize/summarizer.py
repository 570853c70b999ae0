"""Summarizing a planned document: one pass over the whole document or its evidence, or map
over windows then reduce the notes (merging level by level until they fit); the final answer
becomes the summary document in answer.py."""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from typing import Any, Callable, Protocol

from chunking.evidence import document_sentences, render_evidence, select_evidence
from chunking.plan import Budget, Chunk, Plan
from core.deadline import NO_DEADLINE, Deadline
from core.errors import ModelError, ModelOutputError
from core.languages import UNDETERMINED, language_name
from core.settings import Settings
from ingest.model import Document
from summarize import prompts
from summarize.answer import Draft, extractive_summary, grounded_summary, in_own_language, written_language
from summarize.citations import PageIndex
from summarize.engines.base import Engine
from summarize.extractive import extract_notes
from summarize.grounding import sentences_of
from summarize.notes import KEPT_FOR_POINTS, note_from, notes_text
from summarize.length import Length
from summarize.progress import ProgressCallback, ProgressEvent, no_progress
from summarize.schema import Bounds, Notes, Summary, note_schema, summary_schema
from summarize.structured import Usage, generate, retry_tokens


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
    #: Sections mode: tokens of a document the model reads (0: read mode full), a section's
    #: size, the most sections, and a contract's clause tokens for the final pass.
    read_tokens: int = 0
    section_tokens: int = 1200
    max_sections: int = 12
    clause_tokens: int = 1536
    #: Keep the model's final answer before the checks in strategy["draft"] (benchmarks).
    keep_draft: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> "Options":
        return cls(
            settings.output_tokens, settings.map_output_tokens, settings.overlap_tokens, settings.output_retries,
            settings.length, settings.read_tokens if settings.read == "sections" else 0, settings.section_tokens,
            settings.max_sections, settings.evidence_tokens, settings.keep_draft,
        )


def output_reserves(n_ctx: int, options: Options) -> tuple[int, int]:
    """(final, map) answer reserves, scaled down for small contexts."""
    return min(options.output_tokens, n_ctx // 3), min(options.map_output_tokens, n_ctx // 4)


def target_language(doc: Document, requested: str | None) -> str:
    """The ISO code the summary is written in: the requested one, else the document's."""
    if requested:
        return requested
    return "en" if doc.language == UNDETERMINED else doc.language


def retry_room(engine: Engine, options: Options) -> int:
    """Tokens a prompt leaves free for a retry's reason (none when there are no retries)."""
    return retry_tokens(engine.count_tokens) if options.output_retries else 0


def measure_budget(engine: Engine, options: Options, language: str) -> Budget:
    """Token costs of the prompts around the document, measured with the engine's tokenizer."""
    name = language_name(language)
    final_out, map_out = output_reserves(engine.model.n_ctx, options)
    single = engine.count_prompt(prompts.single_system(name), prompts.single_user("", "x" * prompts.TITLE_CHARS))
    mapping = engine.count_prompt(prompts.map_system(name), prompts.map_user("", 999, 999, (9999, 9999), True))
    retry = retry_room(engine, options)
    return Budget(
        n_ctx=engine.model.n_ctx,
        single_prompt=single + retry + 16,
        single_output=final_out,
        map_prompt=mapping + retry + 16,
        map_output=map_out,
        overlap=options.overlap_tokens,
        read=options.read_tokens,
        section=options.section_tokens,
        max_sections=options.max_sections,
    )


def notes_key(model_identity: str, language: str, map_output_tokens: int, total: int, chunk: Chunk) -> str:
    """A cache key for one window's notes: a digest of everything the map prompt and its answer depend on."""
    context = f"{model_identity}|{prompts.PROMPT_VERSION}|{language}|{map_output_tokens}|{total}|{chunk.index}|{chunk.text}"
    return hashlib.sha256(context.encode("utf-8")).hexdigest()


def note_chars(language: str) -> int:
    """A note's longest text in this language."""
    return prompts.NOTE_CJK_CHARS if language in ("zh", "ja", "ko") else prompts.NOTE_CHARS


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

    def map_chunk(self, chunk: Chunk, total: int, language: str, usage: Usage, source_language: str | None = None) -> Notes:
        """The note on one section (from the cache when it has it); needs nothing but the chunk
        (source_language: the document's, to check the note against the section in it)."""
        key = notes_key(self.engine.model.identity, language, self.map_out, total, chunk)
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            return hit
        self.deadline.check(f"part {chunk.index + 1} of {total}")
        most = note_chars(language)
        try:
            data = generate(
                self.engine,
                prompts.map_system(language_name(language)),
                prompts.map_user(chunk.text, chunk.index + 1, total, chunk.pages, chunk.excerpt),
                lambda brief: note_schema(most // 2 if brief else most),
                self.map_out,
                usage,
                self.options.output_retries,
            )
            notes = note_from(data["note"], chunk.text, chunk.pages, language, source_language or language)
        except ModelOutputError:
            notes = None
        if notes is None or not notes.summary:
            # A small model can loop on one section and write the others well: one section must
            # not fail a document. Its own best sentences stand in; the summary says so. The
            # model's sentences the section did not support still count as left out.
            left_out = notes.unsupported if notes is not None else 0
            notes = replace(extract_notes(chunk, language, self.engine.count_tokens, self.map_out * 3 // 4), unsupported=left_out)
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
                prompts.notes_user(notes_text(group), None, None),
                lambda brief: note_schema(note_chars(language)),
                self.map_out,
                usage,
                self.options.output_retries,
            )
        except ModelOutputError:
            # Shortened, not merged: each part's first sentence, within a merged note's bound
            # (every other part's while they do not fit: spread over the group). A note is often
            # one sentence, so all the first sentences would be as long as the group, and two
            # such would not fit the next merge: bounded like the model's note, the reduce ends.
            firsts = [s for n in group for s in sentences_of(n.summary, language)[:1]]
            while len(firsts) > 1 and len(" ".join(firsts)) > note_chars(language):
                firsts = firsts[::2]
            return Notes(" ".join(firsts), (), (), pages, extractive=True)
        return Notes(" ".join(data["note"].split()), (), (), pages)

    def _groups(self, level: list[Notes], language: str) -> list[list[Notes]]:
        """Consecutive notes packed into merge prompts that fit, at least two per group."""
        system = prompts.merge_system(language_name(language))
        groups: list[list[Notes]] = []
        current: list[Notes] = []
        for notes in level:
            trial = current + [notes]
            if len(current) >= 2 and not self._fits(system, prompts.notes_user(notes_text(trial), None, None), self.map_out):
                groups.append(current)
                current = [notes]
            else:
                current = trial
        if current:
            # A last one alone joins the group before it when it fits there; else it waits for
            # the next level unmerged (three parts' notes need not fit where two do).
            if len(current) == 1 and groups and self._fits(
                system, prompts.notes_user(notes_text(groups[-1] + current), None, None), self.map_out
            ):
                groups[-1].append(current[0])
            else:
                groups.append(current)
        for group in groups:
            if len(group) > 1 and not self._fits(system, prompts.notes_user(notes_text(group), None, None), self.map_out):
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
        if plan.mode in ("map_reduce", "sections"):
            notes = self.map_all(plan, language, usage, doc.language)
            timings["map_s"] = round(time.perf_counter() - started, 3)
        summary = self.finish(doc, plan, notes, language, usage)
        summary.timings = {**timings, **summary.timings, "summarize_s": round(time.perf_counter() - started, 3)}
        return summary

    def map_all(self, plan: Plan, language: str, usage: Usage, source_language: str | None = None) -> list[Notes]:
        """Notes on every section, in order, up to engine.parallel at once, with progress."""
        total = len(plan.chunks)
        return self._each(
            "map", list(plan.chunks), lambda chunk, u: self.map_chunk(chunk, total, language, u, source_language), usage
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
        """The final pass: the whole document (one prompt), or the notes on its sections (merged
        while they do not fit), with a contract's clauses; the model's answer held to what it
        read, or the document's own sentences when the model cannot answer."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        name = language_name(language)
        all_pages = tuple(p.number for p in doc.pages if p.number not in doc.empty_pages)
        index = PageIndex({p.number: p.text for p in doc.pages})
        length = Length.parse(self.options.length, language)
        own_title = doc.title is not None
        source = None if doc.language == UNDETERMINED else language_name(doc.language)
        own = in_own_language(doc, language)
        # Read in sections, the model writes an overview and the fields; the notes follow the overview
        # and are the key points (summarize/notes.py). Read whole, it writes summary and key points.
        overview = plan.mode != "single" and any(n.summary for n in notes)
        # Few notes all go into the summary: then the model writes the key points too.
        written_points = not overview or len([n for n in notes if n.summary]) < 2 * KEPT_FOR_POINTS
        fields = prompts.summary_fields(plan.doc_types, not own_title, length.describe(), written_points, overview)
        stage = "single" if plan.mode == "single" else "reduce"
        level = list(notes)
        if plan.mode == "single":
            system = prompts.final_system(name, language, fields, prompts.READING["single"], source)
            user = prompts.single_user(plan.chunks[0].text, doc.title)
            passes = 1
        else:
            passes = 1
            # No opening lines: a small model copies them into the summary (a patent's priority claim,
            # a web archive's crawl notice); the title comes from the file or the reader, else from the notes.
            opening = None
            clauses = self._clauses(doc, plan)
            reading = prompts.READING["sections"] + (f" {prompts.READING['clauses']}" if clauses else "")
            system = prompts.final_system(name, language, fields, reading, source)
            while not self._fits(system, prompts.notes_user(notes_text(level), doc.title, opening, clauses), self.final_out):
                groups = self._groups(level, language)
                # A part alone beside other groups waits for the next level; alone, it is rewritten shorter.
                level = self._each(
                    "merge", groups,
                    lambda group, u: group[0] if len(group) == 1 and len(groups) > 1 else self._merge(group, language, index, u),
                    usage,
                )
                passes += 1
            timings["merge_s"] = round(time.perf_counter() - started, 3)
            user = prompts.notes_user(notes_text(level), doc.title, opening, clauses)
            passes += 1
        self.progress(ProgressEvent(stage, 0, 1))

        self.deadline.check("the final summary")
        final_started = time.perf_counter()
        bounds = Bounds((1, 2) if overview else length.sentences, length.sentence_chars, length.point_chars,
                        length.field_chars, entities=length.points + 2)
        try:
            data = self._final(
                system,
                user,
                lambda brief: summary_schema(
                    list(all_pages), 4 if brief else 6, plan.doc_types, not own_title, bounds, brief, written_points
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
        # The fixed lines of the user turn count as instructions too: "End of notes." is no summary sentence.
        told = f"{system}\nEnd of notes. Reply with the JSON object.\nEnd of document."
        draft = Draft(doc, plan, language, passes, usage, timings, index, all_pages, length, model, told)
        summary = grounded_summary(draft, data, self.engine.count_tokens, level) if data is not None else None
        if summary is None:
            fallback = fallback or "nothing the model wrote was supported by the document"
            summary = extractive_summary(draft, fallback, self.engine.count_tokens)
        if self.options.keep_draft:
            summary.strategy["draft"] = data
            summary.strategy["notes"] = [n.summary for n in notes]
        summary.strategy["note_sentences_unsupported"] = sum(n.unsupported for n in notes)
        stood_in = [i + 1 for i, n in enumerate(notes) if n.extractive]
        if stood_in:
            parts = ", ".join(map(str, stood_in))
            summary.warnings.append(
                f"the model could not write notes on part(s) {parts} of {len(notes)}; those parts' own best sentences stood in"
            )
            summary.strategy["notes_from_document"] = stood_in
        if plan.mode != "single" and any(n.extractive and n not in notes for n in level):
            summary.warnings.append("the model could not merge some parts' notes; their first sentences stood in")
        return summary

    def _clauses(self, doc: Document, plan: Plan) -> str | None:
        """A possible contract's clause sentences on its fields, in document order (None otherwise):
        a note of two sentences cannot carry a renewal clause's terms."""
        if "contract" not in plan.doc_types:
            return None
        evidence = select_evidence(list(document_sentences(doc, self.engine.count_tokens)), self.options.clause_tokens, "contract")
        return render_evidence(evidence) if evidence.sentences else None

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
