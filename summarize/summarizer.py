"""Summarizing a planned document: one pass, or map over windows then reduce
the notes (merging level by level until they fit) into the final summary."""

from __future__ import annotations

import functools
import hashlib
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from chunking.evidence import Sentence, document_sentences, field_matches, scored
from chunking.markers import chunk_pages
from chunking.plan import Budget, Chunk, Plan
from core.deadline import NO_DEADLINE, Deadline
from core.errors import ModelError, ModelOutputError
from core.words import term_list
from core.languages import UNDETERMINED, language_name
from core.settings import Settings
from ingest.language import detect_language
from ingest.model import Document
from summarize import prompts
from summarize.citations import PageIndex
from summarize.extractive import extract as extract_summary
from summarize.grounding import (
    clean_prose,
    completed,
    is_cased,
    complete_sentences,
    grounded_block,
    grounded_entities,
    grounded_points,
    named_parties,
    readable,
    same_content,
    summary_text,
    with_clauses,
)
from summarize.length import Length
from summarize.parties import contract_parties
from summarize.engines.base import Engine
from summarize.progress import ProgressCallback, ProgressEvent, no_progress
from summarize.schema import Bounds, KeyPoint, Notes, Summary, notes_schema, summary_schema
from summarize.structured import Usage, generate

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


def measure_budget(engine: Engine, options: Options, language: str) -> Budget:
    """Token costs of the prompts around the document, measured with the engine's tokenizer."""
    name = language_name(language)
    final_out, map_out = output_reserves(engine.model.n_ctx, options)
    single = engine.count_prompt(prompts.single_system(name), prompts.single_user("", "x" * prompts.TITLE_CHARS))
    mapping = engine.count_prompt(prompts.map_system(name), prompts.map_user("", 999, 999, (9999, 9999)))
    return Budget(
        n_ctx=engine.model.n_ctx,
        single_prompt=single + 16,
        single_output=final_out,
        map_prompt=mapping + 16,
        map_output=map_out,
        overlap=options.overlap_tokens,
        evidence=options.evidence_tokens,
    )


def notes_key(model_identity: str, language: str, map_output_tokens: int, total: int, chunk: Chunk) -> str:
    """A cache key for one window's notes: a digest of everything the map prompt and its answer depend on."""
    context = f"{model_identity}|{prompts.PROMPT_VERSION}|{language}|{map_output_tokens}|{total}|{chunk.index}|{chunk.text}"
    return hashlib.sha256(context.encode("utf-8")).hexdigest()


def _key_points(raw: list[dict], allowed: tuple[int, ...], index: PageIndex) -> tuple[KeyPoint, ...]:
    seen: set[str] = set()
    points = []
    for item in raw:
        text = " ".join(str(item.get("text", "")).split())
        if not text or text.lower() in seen:
            continue
        seen.add(text.lower())
        points.append(KeyPoint(text, index.check(text, list(item.get("pages", [])), allowed)))
    return tuple(points)


def _notes(data: dict, pages: tuple[int, ...], index: PageIndex) -> Notes:
    return Notes(
        summary=" ".join(data["summary"].split()),
        key_points=_key_points(data["key_points"], pages, index),
        facts=tuple(" ".join(f.split()) for f in data["facts"] if f.strip()),
        pages=pages,
    )


def _notes_text(notes: list[Notes]) -> str:
    blocks = []
    for n in notes:
        lines = [f"Pages {n.pages[0]}-{n.pages[-1]}:", f"Summary: {n.summary}"]
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

    # -- map ---------------------------------------------------------------------------------

    def map_chunk(self, chunk: Chunk, total: int, language: str, usage: Usage) -> Notes:
        """Notes on one window (from the cache when it has them); needs nothing but the chunk."""
        key = notes_key(self.engine.model.identity, language, self.map_out, total, chunk)
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            return hit
        self.deadline.check(f"part {chunk.index + 1} of {total}")
        pages = list(chunk.pages)
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
        if self.cache is not None:
            self.cache.put(key, notes)
        return notes

    # -- reduce ------------------------------------------------------------------------------

    def _fits(self, system: str, user: str, reserve: int) -> bool:
        return self.engine.count_prompt(system, user) + reserve <= self.engine.model.n_ctx

    def _merge(self, group: list[Notes], language: str, index: PageIndex, usage: Usage) -> Notes:
        self.deadline.check("merging notes")
        pages = tuple(sorted({p for n in group for p in n.pages}))
        data = generate(
            self.engine,
            prompts.merge_system(language_name(language)),
            prompts.notes_user(_notes_text(group), None, None),
            lambda brief: notes_schema(list(pages), 3 if brief else 6),
            self.map_out,
            usage,
            self.options.output_retries,
        )
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
            if len(current) == 1 and groups:
                groups[-1].append(current[0])
            else:
                groups.append(current)
        for group in groups:
            if not self._fits(system, prompts.notes_user(_notes_text(group), None, None), self.map_out):
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
        fields = prompts.summary_fields(plan.doc_types, not own_title, length.describe())
        stage = "reduce" if plan.mode == "map_reduce" else "single"
        if plan.mode == "map_reduce":
            level, passes = list(notes), 1
            opening = doc.text[:OPENING_CHARS]
            system = prompts.final_system(name, language, fields, prompts.READING["map_reduce"])
            while not self._fits(system, prompts.notes_user(_notes_text(level), doc.title, opening), self.final_out):
                groups = self._groups(level, language)
                level = self._each("merge", groups, lambda group, u: self._merge(group, language, index, u), usage)
                passes += 1
            timings["merge_s"] = round(time.perf_counter() - started, 3)
            user = prompts.notes_user(_notes_text(level), doc.title, opening)
            passes += 1
        else:
            system = prompts.final_system(name, language, fields, prompts.READING[plan.mode])
            user = prompts.single_user(plan.chunks[0].text, doc.title, excerpts=plan.mode == "evidence")
            passes = 1
        self.progress(ProgressEvent(stage, 0, 1))

        self.deadline.check("the final summary")
        final_started = time.perf_counter()
        bounds = Bounds(length.sentences, length.sentence_chars, length.point_chars, length.field_chars)
        try:
            data = self._final(
                system,
                user,
                lambda brief: summary_schema(list(all_pages), 5 if brief else 8, plan.doc_types, not own_title, bounds),
                language,
                usage,
            )
            fallback = None
        except ModelOutputError as exc:
            data, fallback = None, str(exc)
        timings["final_s"] = round(time.perf_counter() - final_started, 3)
        self.progress(ProgressEvent(stage, 1, 1))
        draft = _Draft(doc, plan, language, passes, usage, timings, index, all_pages, length)
        if data is not None:
            summary = self._grounded(draft, data)
            if summary is not None:
                return summary
            fallback = "nothing the model wrote was supported by the document"
        return self._extractive(draft, fallback or "")

    def _final(self, system: str, user: str, schema_for: Callable[[bool], dict], language: str, usage: Usage) -> dict:
        """The final answer, asked again with a reminder when the detector finds it in another language."""
        data = generate(self.engine, system, user, schema_for, self.final_out, usage, self.options.output_retries)
        found = written_language(data, language)
        if found is None:
            return data
        usage.retries += 1
        reminder = prompts.language_reminder(language_name(language), language, language_name(found))
        data = generate(self.engine, system, f"{user}\n\n{reminder}", schema_for, self.final_out, usage, 0)
        found = written_language(data, language)
        if found is not None:
            raise ModelOutputError(f"the model wrote the summary in {language_name(found)}, not {language_name(language)}")
        return data

    def _scored(self, doc: Document, plan: Plan) -> list[Sentence]:
        """All the document's sentences, best first."""
        return sorted(scored(document_sentences(doc, self.engine.count_tokens), plan.doc_types[0]), key=lambda s: -s.score)

    def _ranked(self, doc: Document, plan: Plan, ranked: list[Sentence] | None = None) -> list[Sentence]:
        """The document's sentences that read well alone, best first (for key points to fill in, and extracts)."""
        ranked = self._scored(doc, plan) if ranked is None else ranked
        cased = is_cased(doc.text)
        out = []
        for s in ranked:
            text = readable(s.text, cased)
            if text is not None:
                out.append(Sentence(s.index, s.page, text, s.tokens, s.score))
        return out or ranked  # a document of fragments still has its best fragments

    def _grounded(self, d: "_Draft", data: dict[str, Any]) -> Summary | None:
        """The model's answer held to the document; None when no summary text survives."""
        text = d.doc.text
        summary = summary_text(data["summary"], d.length.sentence_chars, text, d.language)
        if not summary.strip():
            return None
        every = functools.cache(lambda: self._scored(d.doc, d.plan))
        ranked = functools.cache(lambda: self._ranked(d.doc, d.plan, every()))
        points = [
            KeyPoint(complete_sentences(clean_prose(k.text), d.length.point_chars, d.language), k.pages)
            for k in _key_points(data["key_points"], d.all_pages, d.index)
        ]
        points, filled = grounded_points(points, summary, text, d.index, ranked)
        if not points:
            return None
        # The key points keep their sentences: the summary is completed with others.
        taken = [set(term_list(k.text)) for k in points]
        rest = [s for s in ranked() if not any(same_content(set(term_list(s.text)), t) for t in taken)]
        summary, added = completed(summary, rest, d.length.words, d.language)
        warnings = [f"{filled} key point(s) are sentences of the document: the model's were not usable"] if filled else []
        doc_type = data.get("doc_type", d.plan.doc_types[0])
        contract = grounded_block(data.get("contract"), text)
        if contract is not None:
            contract = named_parties(contract, text)
            clauses = {f: [s.text for s in field_matches(every(), "contract", f)] for f in ("term", "renewal")}
            contract = with_clauses(contract, clauses["term"], clauses["renewal"])
        title = " ".join(data.get("title", "").split()) if d.doc.title is None else d.doc.title
        d.extra["summary_sentences_from_document"] = added
        return self._summary(
            d, doc_type, title, summary, points, grounded_entities(data.get("entities", []), text),
            contract, grounded_block(data.get("paper"), text), d.plan.mode, warnings,
        )

    def _extractive(self, d: "_Draft", reason: str) -> Summary:
        """The document's best sentences as the summary, marked as such."""
        ranked = self._ranked(d.doc, d.plan)
        if not ranked:
            raise ModelOutputError(f"{reason}; and the document has no sentences to extract instead")
        extract = extract_summary(ranked, d.length.chars(d.length.words))
        points = [KeyPoint(s.text, (s.page,)) for s in extract.points]
        doc_type = d.plan.doc_types[0]
        contract = None
        if doc_type == "contract":
            contract = {"parties": contract_parties(d.doc.text), "effective_date": None, "term": None,
                        "obligations": [], "payment": None, "termination": None, "governing_law": None}
        title = d.doc.title or " ".join(ranked[0].text.split()[:12])
        warning = f"the model could not write a valid summary ({reason}); this summary is extractive: the document's own sentences"
        return self._summary(d, doc_type, title, extract.summary, points, [], contract, None, "extractive", [warning])

    def _summary(
        self,
        d: "_Draft",
        doc_type: str,
        title: str,
        text: str,
        key_points: list[KeyPoint],
        entities: list[dict[str, str]],
        contract: dict[str, Any] | None,
        paper: dict[str, Any] | None,
        written: str,
        warnings: list[str],
    ) -> Summary:
        doc, plan = d.doc, d.plan
        strategy: dict[str, Any] = {
            "mode": plan.mode,
            "chunks": len(plan.chunks),
            "passes": d.passes,
            "window_tokens": plan.window_tokens,
            "overlap_tokens": plan.overlap_tokens,
            "chunk_pages": [[c.pages[0], c.pages[-1]] for c in plan.chunks],
            "doc_types": list(plan.doc_types),
            "length_words": d.length.words,
        }
        if plan.mode == "evidence":
            strategy["read"] = f"{plan.kept} of {plan.sentences} sentences ({plan.window_tokens} of {plan.document_tokens} tokens)"
        if written == "extractive":
            strategy["mode"], strategy["planned"] = "extractive", plan.mode
        strategy.update(d.extra)
        return Summary(
            source={
                "path": doc.path,
                "sha256": doc.sha256,
                "format": doc.format,
                "pages": len(doc.pages),
                "page_unit": doc.page_unit,
                "chars": doc.chars,
                "tokens": plan.document_tokens,
                "empty_pages": list(doc.empty_pages),
            },
            language=doc.language,
            summary_language=d.language,
            doc_type=doc_type,
            title=title,
            summary=text,
            key_points=key_points,
            entities=entities,
            contract=contract if doc_type == "contract" else None,
            paper=paper if doc_type == "paper" else None,
            model={
                "name": self.engine.model.name,
                "sha256": self.engine.model.sha256,
                "n_ctx": self.engine.model.n_ctx,
                "engine": self.engine.model.engine,
            },
            strategy=strategy,
            timings=d.timings,
            usage=d.usage.as_dict(),
            warnings=list(doc.warnings) + warnings,
        )


@dataclass(frozen=True)
class _Draft:
    """What the final pass knows besides the model's answer."""

    doc: Document
    plan: Plan
    language: str
    passes: int
    usage: Usage
    timings: dict[str, float]
    index: PageIndex
    all_pages: tuple[int, ...]
    length: Length
    #: More to record in strategy (how the summary was completed).
    extra: dict[str, Any] = field(default_factory=dict)


def written_language(data: dict[str, Any], language: str) -> str | None:
    """The language the answer's prose is in when the detector is sure it is not `language`; else None."""
    summary = data.get("summary", "")
    summary = " ".join(summary) if isinstance(summary, list) else summary
    text = " ".join([summary, *(k.get("text", "") for k in data.get("key_points", []))])
    if len(text) < 80 or language == UNDETERMINED:
        return None
    found = detect_language(text)
    return found if found not in (UNDETERMINED, language) else None
