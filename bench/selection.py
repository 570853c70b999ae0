"""Sentence selection without the model: docsum's evidence scores (centrality plus an opening
bonus, at several weights) against Lead and LexRank, each extract cut to the reference's length
and scored with ROUGE-L per pairs file; with --oracle, the greedy extract that best matches the
reference, the ceiling any selection of the document's sentences could reach; with
--evidence-sizes, the first sentences of the evidence the model would read at each size (the
model copies its summary from the top of its evidence, so this is what it can write).

    .venv/bin/python -m bench.selection PAIRS.jsonl [...] [--limit N] [--weights 0.35,0.7,1.0] [--oracle]
        [--evidence-sizes 1,2,full] [--no-cues] [--ablate] [--half tune|report]

It chose LEAD_WEIGHT, TOPIC_WEIGHT and CLOSE_BONUS (chunking/evidence.py) and the evidence's size for a summary
(summarize/summarizer.py); it needs no model and runs in about a minute.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from bench.machine import command_line, publish
from bench.quality.metrics import rouge, tokenize
from bench.quality.halves import HALVES
from bench.quality.pairs import Pair, load_pairs
from bench.quality.systems import Lead, LexRank, length_for
from chunking.doctype import document_type
from chunking.plan import Budget, reads_fields
from chunking.evidence import CLOSE_BONUS, CLOSE_SHARE, PART_TOKENS, TOPIC_WEIGHT, Sentence, document_sentences, reading_order, scored, select_evidence
from core.settings import load_settings
from docsum.pipeline import Pipeline
from ingest.model import Document
from summarize.answer import readable_sentences
from summarize.length import Length
from summarize.summarizer import summary_evidence

ROOT = Path(__file__).resolve().parent.parent
#: Candidates the greedy oracle tries at each step: the sentences closest to the reference alone.
ORACLE_CANDIDATES = 40


def _rouge_l(text: str, reference: str) -> float:
    return rouge(text, reference)["rougeL"]


def _extract(sentences: list[Sentence], budget: int) -> str:
    """Sentences in the given order until the budget of ROUGE tokens (the last may cross it), in document order."""
    chosen, used = [], 0
    for s in sentences:
        if used >= budget:
            break
        chosen.append(s)
        used += len(tokenize(s.text))
    return " ".join(s.text for s in sorted(chosen, key=lambda s: s.index))


def oracle(sentences: list[Sentence], reference: str, budget: int) -> float:
    """ROUGE-L of the extract built greedily, each step adding the sentence that raises it most."""
    candidates = sorted(sentences, key=lambda s: -_rouge_l(s.text, reference))[:ORACLE_CANDIDATES]
    chosen: list[Sentence] = []
    best, used = 0.0, 0
    while used < budget:
        step = None
        for s in candidates:
            if s in chosen:
                continue
            score = _rouge_l(" ".join(x.text for x in sorted([*chosen, s], key=lambda x: x.index)), reference)
            if score > best:
                best, step = score, s
        if step is None:
            break
        chosen.append(step)
        used += len(tokenize(step.text))
    return best


#: --ablate's variants of the evidence: (column suffix, select_evidence's part_tokens, whether leaning sentences count).
ABLATIONS = (("", PART_TOKENS, True), (" one part", 10**9, True), (" one part, no leaning", 10**9, False))


def evidence_opening(
    doc: Document, sentences: list[Sentence], pair: Pair, size: str, evidence_tokens: int,
    part_tokens: int = PART_TOKENS, leaning: bool = True,
) -> str:
    """The evidence the plan would give the model (`size` times the summary's token reserve, or
    'full': evidence_tokens; the plan's own rule for a contract, and a document shorter than
    evidence_tokens read whole), cut to the reference's length from its first sentence as the model
    reads it (tokens: 4 characters)."""
    types = document_type(doc.text).candidates
    if sum(s.tokens for s in sentences) <= evidence_tokens:
        kept = sentences
    else:
        summary = 0 if size == "full" else summary_evidence(Length.parse(length_for(pair), pair.lang), float(size))
        budget = Budget(0, 0, 0, 0, 0, 0, evidence=evidence_tokens, summary_evidence=summary)
        evidence = select_evidence(sentences, budget.evidence_size(types), types[0],
                                   language=doc.language if leaning else "", part_tokens=part_tokens)
        kept = reading_order(evidence.sentences, not reads_fields(types))
    return _extract(readable_sentences(doc, kept), len(tokenize(pair.reference)))


def score_pair(
    pipeline: Pipeline, pair: Pair, weights: list[float], with_oracle: bool, sizes: list[str] = (), no_cues: bool = False,
    ablate: bool = False,
) -> dict[str, float]:
    """ROUGE-L of each selection of one document at the reference's length (read as docsum reads it; no model)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "document.txt"
        path.write_text(pair.text, encoding="utf-8")
        doc, _ = pipeline.read(path)
    sentences = list(document_sentences(doc, lambda text: max(1, len(text) // 4)))
    budget = len(tokenize(pair.reference))
    row = {"lead": _rouge_l(Lead().summarize(pair).text, pair.reference),
           "lexrank": _rouge_l(LexRank().summarize(pair).text, pair.reference)}
    for weight in weights:
        ranked = sorted(scored(sentences, None, weight), key=lambda s: -s.score)
        row[f"docsum@{weight:g}"] = _rouge_l(_extract(readable_sentences(doc, ranked), budget), pair.reference)
        if no_cues:
            ranked = sorted(scored(sentences, None, weight, 0.0, 0.0), key=lambda s: -s.score)
            row[f"no cues@{weight:g}"] = _rouge_l(_extract(readable_sentences(doc, ranked), budget), pair.reference)
    for size in sizes:
        for suffix, part_tokens, leaning in ABLATIONS if ablate else ABLATIONS[:1]:
            text = evidence_opening(doc, sentences, pair, size, pipeline.settings.evidence_tokens, part_tokens, leaning)
            row[(f"evidence×{size}" if size != "full" else "evidence full") + suffix] = _rouge_l(text, pair.reference)
    if with_oracle:
        row["oracle"] = oracle(sentences, pair.reference, budget)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=10, help="first N pairs of each file")
    parser.add_argument("--weights", default="0,0.35,0.7,1.0", help="opening-bonus weights to compare")
    parser.add_argument("--no-cues", action="store_true", help="also the scores without the topic and close cues")
    parser.add_argument("--oracle", action="store_true", help="also the greedy oracle extract (slow: minutes)")
    parser.add_argument("--evidence-sizes", default="", help="evidence sizes to compare: multiples of the summary's "
                        "token reserve, or 'full' (evidence_tokens), e.g. 1,2,full")
    parser.add_argument("--ablate", action="store_true", help="also the evidence without its parts (one part), and "
                        "without its parts or leaning sentences taken with the one before (as before issue 33)")
    parser.add_argument("--half", choices=HALVES, help="only one half of every pairs file: tune on one, report on the other")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="'-' to leave it alone")
    args = parser.parse_args(argv)
    weights = [float(w) for w in args.weights.split(",")]
    sizes = [x.strip() for x in args.evidence_sizes.split(",") if x.strip()]

    pipeline = Pipeline(load_settings())
    rows: dict[str, list[dict[str, float]]] = {}
    for path in args.pairs:
        for pair in load_pairs(path, args.limit, args.half):
            rows.setdefault(path.stem, []).append(score_pair(pipeline, pair, weights, args.oracle, sizes, args.no_cues, args.ablate))
    columns = list(next(iter(rows.values()))[0])
    lines = [
        "## Sentence selection without the model (ROUGE-L at the reference's length)",
        "",
        f"Command: `{command_line('bench.selection', argv)}`",
        "",
        "docsum@w: the evidence scores (centrality, the opening bonus at weight w, the topic cue at weight "
        f"{TOPIC_WEIGHT:g}: the share of a sentence's words the first sentences use, and the close cue, "
        f"{CLOSE_BONUS:g} for the last {CLOSE_SHARE:.0%} of sentences), the best readable sentences in document "
        "order; lead and lexrank as in the quality section"
        + ("; no cues@w: the same without the topic and close cues" if args.no_cues else "")
        + ("; evidence×k: the first sentences of the evidence the model reads (best first, but a contract's, in "
           "document order) when it is k times the summary's token reserve (evidence full: evidence_tokens), "
           "what the model, which copies from the top, can write" if sizes else "")
        + ("; … one part: the evidence without the best sentence of each part read first; … one part, no leaning: "
           "nor a leaning sentence taken with the one before it (the evidence before issue 33's second round)" if args.ablate else "")
        + ("; oracle: the greedy extract that best matches the reference (a ceiling, not a system)." if args.oracle else "."),
        "",
        "| file | docs | " + " | ".join(columns) + " |",
        "|---|---|" + "---|" * len(columns),
    ]
    every: dict[str, list[float]] = {c: [] for c in columns}
    for name, scores in rows.items():
        lines.append(f"| {name} | {len(scores)} | " + " | ".join(f"{statistics.mean(r[c] for r in scores):.3f}" for c in columns) + " |")
        for c in columns:
            every[c] += [r[c] for r in scores]
    count = len(every[columns[0]])
    lines.append(f"| all | {count} | " + " | ".join(f"{statistics.mean(every[c]):.3f}" for c in columns) + " |")
    publish(args.results, "selection", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
