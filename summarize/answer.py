"""From the model's final answer to the summary document: the answer held to the document
(grounding.py does each check), or, when there is no usable answer, the document's own best
sentences, marked as extractive. Needs no engine, only a token counter."""

from __future__ import annotations

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
from ingest.title import not_a_title
from summarize.checks import document_headings, heading_like
from summarize.citations import PageIndex, key_points_from
from summarize.excerpts import document_points
from summarize.extractive import extract as extract_summary
from summarize.entities import grounded_entities
from summarize.grounding import (
    MIN_POINTS,
    clean_prose,
    dated,
    fold,
    folded_document,
    grounded_block,
    grounded_title,
    is_cased,
    named_parties,
    readable,
    same_content,
    unlinked,
    with_clauses,
)
from summarize.length import Length
from summarize.parties import contract_parties
from summarize.notes import MAX_POINTS, compose, points_from_notes, sentences as note_sentences, joined, sources as note_sources
from summarize.schema import KeyPoint, Notes, Summary
from summarize.support import Source, stems, supported
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
    """The sentences that read well alone, best first (for an extractive summary)."""
    cased = is_cased(doc.text)
    out = []
    for s in ranked:
        text = readable(s.text, cased)
        if text is not None:
            out.append(Sentence(s.index, s.page, text, s.tokens, s.score))
    return out or ranked  # a document of fragments still has its best fragments


def _echo(sentence: str, told: list[set[str]], document: str) -> bool:
    """A sentence that restates a line of the instructions, not the document ("The summary says
    what the document is ...")."""
    words = set(term_list(sentence))
    return any(same_content(words, line) for line in told) and fold(sentence) not in folded_document(document)


def within(sentences: list[str], chars: int) -> list[str]:
    """The first sentences that fit `chars` characters (at least one)."""
    out, used = [], 0
    for sentence in sentences:
        if out and used + len(sentence) + 1 > chars:
            break
        out.append(sentence)
        used += len(sentence) + 1
    return out


def grounded_summary(d: Draft, data: dict[str, Any], count: TokenCounter, notes: list[Notes] = ()) -> Summary | None:
    """The model's written answer held to what it read: each summary sentence and key point kept
    only when supported (summarize/support.py) by the notes and their parts of the document (or
    the document, read whole); repeats and echoes of the instructions dropped; the key points are
    the notes when there are enough of them. None when no summary sentence survives."""
    text = d.doc.text
    lexical = in_own_language(d.doc, d.language)
    notes = [n for n in notes if n.summary]
    sources = note_sources(notes, d.index, lexical) if notes else [Source("", text)]
    check_words = lexical or bool(notes)
    allowed = stems(term_list(d.instructions))
    told = [set(term_list(line)) for line in d.instructions.splitlines() if line.strip()]
    raw = data["summary"]
    # Prompt marks, citation placeholders ("@xcite") and spacing the model copied are tidied first.
    written = [s for item in ([raw] if isinstance(raw, str) else raw) for s in note_sentences(clean_prose(item, text), d.language)]
    kept: list[str] = []
    unsupported = 0
    headings = document_headings(text)
    for sentence in written:
        if heading_like(sentence.rstrip(". "), headings) or not_a_title(sentence):
            continue  # "CROSS REFERENCE TO RELATED APPLICATIONS.": a heading the model copied, not a sentence
        words = set(term_list(sentence))
        if any(same_content(words, set(term_list(k))) for k in kept) or _echo(sentence, told, text):
            continue
        if not supported(sentence, sources, text, allowed, check_words):
            unsupported += 1
            continue
        kept.append(sentence)
    warnings: list[str] = []
    points: list[KeyPoint] = []
    if notes and d.plan.mode != "single":
        # An overview, then the notes: the summary covers every part, in order; notes it has no
        # room for are key points, citing their pages.
        kept, rest = compose(kept, notes, d.length.chars(d.length.words), d.language)
        points = points_from_notes(rest, kept, d.index, MAX_POINTS, d.language)
    else:
        # Read whole, a small model copies: what it copied is held to what a sentence of the
        # document must be to stand alone (no reference list, no formula gap), and to the length.
        cased = is_cased(text)
        kept = within([r for r in (readable(s, cased) for s in kept) if r], d.length.chars(d.length.words))
    # Where the key points came from, in order: "notes", "model", "notes+model", "model+notes".
    came: list[str] = ["notes"] if points else []
    if not kept:
        return None
    if "key_points" in data:
        noted = len(points)
        for k in key_points_from(data["key_points"], d.all_pages, d.index):
            k = KeyPoint(clean_prose(k.text, text), k.pages)
            words = set(term_list(k.text))
            if any(same_content(words, set(term_list(s))) for s in kept + [p.text for p in points]):
                continue
            if heading_like(k.text.rstrip(". "), headings):
                continue
            if supported(k.text, sources, text, allowed, check_words):
                points.append(k)
            else:
                unsupported += 1
        if len(points) > noted:
            came.append("model")
    if len(points) < MIN_POINTS and notes:
        filled = points_from_notes(notes, kept + [p.text for p in points], d.index, MIN_POINTS - len(points), d.language)
        points += filled
        came += ["notes"] if filled else []
    if not points:
        best = all_sentences(d.doc, d.plan, count)[:1]
        points = [KeyPoint(s.text, (s.page,)) for s in best]
        came = ["document"]
    key_from = "+".join(dict.fromkeys(came))
    doc_type = data.get("doc_type", d.plan.doc_types[0])
    contract = grounded_block(data.get("contract"), text)
    if contract is not None:
        every = all_sentences(d.doc, d.plan, count)
        contract = dated(named_parties(contract, text))
        fields = ("term", "renewal", "termination", "governing_law", "payment")
        contract = with_clauses(contract, *([s.text for s in field_matches(every, "contract", f, stated=True)] for f in fields))
    summary = joined(kept, d.language)
    title = d.doc.title or grounded_title(data.get("title", ""), text, summary, d.language, lexical)
    d.extra["summary_sentences_unsupported"] = unsupported
    d.extra["key_points_from"] = key_from
    return _document(
        d, doc_type, title, summary, points, grounded_entities(data.get("entities", []), text, d.doc.language),
        contract, grounded_block(data.get("paper"), text), d.plan.mode, warnings,
    )


def extractive_summary(d: Draft, reason: str, count: TokenCounter) -> Summary:
    """The document's best sentences as the summary, marked as such (ModelOutputError only for
    a document without a sentence)."""
    ranked = readable_sentences(d.doc, all_sentences(d.doc, d.plan, count))
    if not ranked:
        raise ModelOutputError(f"{reason}; and the document has no sentences to extract instead")
    extract = extract_summary(ranked, d.length.chars(d.length.words))
    doc_type = d.plan.doc_types[0]
    points = document_points(extract.rest, extract.summary, d.doc.text, d.length.points, d.length.point_chars, doc_type)
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
    if plan.mode == "sections":
        strategy["read"] = (
            f"every one of {len(plan.chunks)} sections, each as its best sentences: {plan.kept} of {plan.sentences} "
            f"sentences ({plan.read_tokens} of {plan.document_tokens} tokens)"
            if plan.excerpted else f"all of {len(plan.chunks)} sections ({plan.document_tokens} tokens)"
        )
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
