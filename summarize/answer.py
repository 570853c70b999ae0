"""From the model's final answer to the summary document: the answer held to the document
(grounding.py does each check), or, when there is no usable answer, the document's own best
sentences, marked as extractive. Needs no engine, only a token counter."""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from chunking.evidence import Sentence, document_sentences, field_matches, scored
from chunking.plan import Plan
from chunking.segment import TokenCounter
from core.errors import ModelOutputError
from core.languages import UNDETERMINED
from core.words import term_list
from ingest.language import detect_language
from ingest.model import Document
from rules.parties import contract_parties
from summarize.citations import PageIndex, key_points_from
from summarize.duties import grounded_obligations
from summarize.entities import grounded_entities
from summarize.excerpts import document_points, paper_fields
from summarize.extractive import extract as extract_summary
from summarize.fidelity import held_to_sources
from summarize.grounding import (
    MIN_POINTS,
    clean_prose,
    complete_sentences,
    completed,
    dated,
    grounded_block,
    grounded_points,
    grounded_title,
    in_document_order,
    is_cased,
    named_parties,
    readable,
    resolved,
    same_content,
    summary_text,
    trimmed,
    unlinked,
    words_of,
    with_best,
    without,
    with_clauses,
)
from summarize.length import Length
from summarize.overview import Overview, grounded_overview, opened, repeats
from summarize.schema import KeyPoint, Summary
from summarize.structured import Usage


@dataclass(frozen=True)
class Draft:
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
    #: The model that wrote it (name, sha256, n_ctx, engine).
    model: dict[str, Any]
    #: Key points and the paper block are the document's sentences (excerpts.py), not the model's.
    excerpts: bool = False
    #: The instructions the model was given, to tell an echo of them from a summary sentence.
    instructions: str = ""
    #: More to record in strategy (how the summary was completed).
    extra: dict[str, Any] = field(default_factory=dict)


def in_own_language(doc: Document, language: str) -> bool:
    """Whether a summary in `language` is in the document's own language (so that the document's
    sentences can fill it in, be its key points and stand in for it); an undetermined one counts."""
    return language == doc.language or doc.language == UNDETERMINED


def written_language(data: dict[str, Any], language: str) -> str | None:
    """The language the answer's prose is in when the detector is sure it is not `language`; else None."""
    summary = data.get("summary", "")
    summary = " ".join(summary) if isinstance(summary, list) else summary
    text = " ".join([summary, *(k.get("text", "") for k in data.get("key_points", []))])
    if len(text) < 80 or language == UNDETERMINED:
        return None
    found = detect_language(text)
    return found if found not in (UNDETERMINED, language) else None


def all_sentences(doc: Document, plan: Plan, count: TokenCounter) -> list[Sentence]:
    """All the document's sentences, best first."""
    return sorted(scored(document_sentences(doc, count), plan.doc_types[0]), key=lambda s: -s.score)


def readable_sentences(doc: Document, ranked: list[Sentence]) -> list[Sentence]:
    """The sentences that read well alone, best first (for key points to fill in, and extracts)."""
    cased = is_cased(doc.text)
    out = []
    for s in ranked:
        text = readable(s.text, cased)
        if text is not None:
            out.append(dataclasses.replace(s, text=text))
    return out or ranked  # a document of fragments still has its best fragments


def grounded_summary(d: Draft, data: dict[str, Any], count: TokenCounter) -> Summary | None:
    """The model's answer held to the document; None when no summary text or key point survives.
    When none of the model's summary sentences survive (it wrote headings, or fragments) but its
    fields may, the summary is the document's best sentences and the fields are kept."""
    text = d.doc.text
    dropped_by = Counter()
    summary = summary_text(data["summary"], d.length.sentence_chars, text, d.language, d.instructions, dropped_by)
    # Which text rule (rules.registry) dropped how many of the model's summary sentences.
    d.extra["summary_sentences_dropped_by_rule"] = dict(sorted(dropped_by.items()))
    every = functools.cache(lambda: all_sentences(d.doc, d.plan, count))
    # The document's own sentences fill in only when they are in the summary's language.
    own_language = in_own_language(d.doc, d.language)
    ranked = functools.cache(lambda: readable_sentences(d.doc, every()) if own_language else [])
    if own_language and summary:
        held = held_to_sources(summary, every(), text, d.language)
        summary = held.text
        d.extra["summary_sentences_restored"] = held.restored
        d.extra["summary_sentences_unsupported"] = held.restored + held.dropped
    if "overview" not in data:
        overview = Overview(None, "not asked")
    elif not own_language:
        overview = Overview(None, "another language")
    else:
        overview = grounded_overview(data["overview"], text, every(), d.language, d.length.sentence_chars, d.instructions)
        if overview.text and repeats(overview.text, summary, d.language):
            overview = Overview(None, "repeats the summary")
    # The overview opens the summary: the rest is completed and trimmed to what is left of the length
    # (at least half of it, should the model write a long one).
    words = max(d.length.words // 2, d.length.words - (words_of(d.language)(overview.text) if overview.text else 0))
    doc_type = data.get("doc_type", d.plan.doc_types[0])
    paper = grounded_block(data.get("paper"), text)
    warnings = []
    written = bool(summary)

    def besides(points: list[KeyPoint]) -> tuple[str, int, int]:
        """The summary completed to its length with the best sentences the key points do not say."""
        taken = [set(term_list(k.text)) for k in points]
        rest = [s for s in ranked() if not any(same_content(set(term_list(s.text)), t) for t in taken)]
        full, added = completed(summary, rest, words, d.language)
        full, dropped = trimmed(full, words, d.language)
        return full, added, dropped

    best = 0
    if d.excerpts:
        if doc_type == "paper":
            paper = paper_fields(ranked(), d.length.field_chars, d.doc.language)
        if doc_type in ("report", "paper") and summary and ranked() and not overview.text:
            # Not for a contract, whose clauses choose first, nor for other texts: a meeting's
            # best-scored sentence is often its host's opening words. A paper's summary says what
            # the paper does, as an abstract opens: its question when it has one.
            question = paper["question"] if doc_type == "paper" else None
            summary, best = with_best(summary, question or ranked()[0].text, d.language)
        used = [v for v in (paper or {}).values() for v in (v if isinstance(v, list) else [v]) if v]

        def points_besides(said: str) -> list[KeyPoint]:
            """The best key points that do not say what `said` (a summary) says."""
            return document_points(ranked(), said, text, d.length.points, d.length.point_chars, doc_type, used, d.doc.language)

        # The summary is read first: it is completed with the document's best sentences, and the
        # key points are the best of the others. Not in a contract, whose key points are its term,
        # payment and termination clauses, nor where too few sentences are left for key points.
        points: list[KeyPoint] = []
        if doc_type != "contract":
            full = besides([])
            points = points_besides(full[0])
        if len(points) < MIN_POINTS:
            points = points_besides(summary)
            if len(points) < MIN_POINTS:
                # The model's summary says nearly all a short document says: the best sentences
                # are key points and leave the summary, which keeps the rest.
                taken = points_besides("")
                rest = without(summary, [k.text for k in taken], d.language)
                if rest and len(taken) > len(points):
                    summary, points = rest, taken
            points = points or [KeyPoint(s.text, (s.page,)) for s in ranked()[:1]]
            full = besides(points)
        summary, added, dropped = full
    else:
        points = [
            KeyPoint(complete_sentences(clean_prose(k.text, text), d.length.point_chars, d.language), k.pages)
            for k in key_points_from(data["key_points"], d.all_pages, d.index)
        ]
        points, filled = grounded_points(points, summary, text, d.index, ranked, own_language)
        if filled:
            warnings.append(f"{filled} key point(s) are sentences of the document: the model's were not usable")
        # The model's key points keep their sentences: the summary is completed with others.
        summary, added, dropped = besides(points)
    if not points:
        return None
    if d.plan.ranked:
        summary = in_document_order(summary, every(), d.language)
    if own_language:
        summary = resolved(summary, every(), d.language)
    summary, overview = opened(overview, summary, d.language)
    summary = unlinked(summary, d.language)
    if not summary:
        return None
    if not written:
        warnings.append("none of the model's summary sentences were usable; the summary is the document's own sentences")
    contract = grounded_block(data.get("contract"), text)
    if contract is not None:
        contract = dated(named_parties(contract, text))
        fields = ("term", "renewal", "termination", "governing_law", "payment")
        contract = with_clauses(contract, *([s.text for s in field_matches(every(), "contract", f, stated=True)] for f in fields))
        if own_language and "obligations" in contract:
            contract["obligations"] = grounded_obligations(
                contract["obligations"] or [], ranked(), d.doc.language, d.length.field_chars)
    title = grounded_title(data.get("title", ""), text, summary, d.language, own_language) if d.doc.title is None else d.doc.title
    d.extra["summary_sentences_from_document"] = added + best
    d.extra["summary_sentences_past_length"] = dropped
    d.extra["overview"] = overview.fate
    d.extra["key_points_from"] = "document" if d.excerpts else "model"
    return _document(
        d, doc_type, title, summary, points, grounded_entities(data.get("entities", []), text, d.doc.language),
        contract, paper, d.plan.mode, warnings,
    )


def extractive_summary(d: Draft, reason: str, count: TokenCounter) -> Summary:
    """The document's best sentences as the summary, marked as such (ModelOutputError only for
    a document without a sentence)."""
    ranked = readable_sentences(d.doc, all_sentences(d.doc, d.plan, count))
    if not ranked:
        raise ModelOutputError(f"{reason}; and the document has no sentences to extract instead")
    extract = extract_summary(ranked, d.length.chars(d.length.words))
    doc_type = d.plan.doc_types[0]
    points = document_points(extract.rest, extract.summary, d.doc.text, d.length.points, d.length.point_chars, doc_type,
                             language=d.doc.language)
    points = points or [KeyPoint(s.text, (s.page,)) for s in (extract.rest or ranked)[:1]]
    contract = None
    if doc_type == "contract":
        contract = {"parties": contract_parties(d.doc.text), "effective_date": None, "term": None,
                    "obligations": [], "payment": None, "termination": None, "governing_law": None}
    title = d.doc.title or " ".join(ranked[0].text.split()[:12])
    warning = f"the model could not write a valid summary ({reason}); this summary is extractive: the document's own sentences"
    summary = unlinked(extract.summary, d.language)
    return _document(d, doc_type, title, summary, points, [], contract, None, "extractive", [warning])


def _document(
    d: Draft,
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
        strategy["read"] = (f"{plan.kept} of {plan.sentences} sentences ({plan.window_tokens} of {plan.document_tokens} tokens)"
                            + (f", from every one of {plan.parts} parts" if plan.parts > 1 else "")
                            + (", best first" if plan.ranked else ", in document order"))
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
        model=d.model,
        strategy=strategy,
        timings=d.timings,
        usage=d.usage.as_dict(),
        warnings=list(doc.warnings) + warnings,
    )
