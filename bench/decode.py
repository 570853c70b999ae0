"""Decode rates side by side on one prompt: the bare llama.cpp loop (eval and an argmax, no
grammar: the floor), llama-cpp-python's grammar over the whole vocabulary at every step (what
docsum did before), and docsum's loop that checks only the chosen token.

    python -m bench.decode [--doc FILE] [--model NAME] [--ctx N] [--tokens N] [--repeat 3]

Each mode prefills the same prompt (the single-pass prompt of the document) and decodes the
same number of tokens; rates are decode tokens per second, prefill excluded, medians of the
repeats, measured in one process one after another.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import llama_cpp

from bench.machine import command_line, publish
from bench.raw import bare_loop
from core.settings import load_settings
from docsum.pipeline import Pipeline, load_engine
from summarize import prompts
from summarize.engines.decode import full_vocabulary_decode
from summarize.engines.grammar import schema_grammar
from summarize.schema import summary_schema

ROOT = Path(__file__).resolve().parent.parent


def _timed(llm, run) -> tuple[int, float, float]:
    """(tokens, prefill seconds, decode seconds) of run(), from llama.cpp's own prefill timer."""
    ctx = llm._ctx.ctx
    llama_cpp.llama_perf_context_reset(ctx)
    started = time.perf_counter()
    tokens = run()
    elapsed = time.perf_counter() - started
    prefill = llama_cpp.llama_perf_context(ctx).t_p_eval_ms / 1000
    return tokens, prefill, elapsed - prefill


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--doc", type=Path, default=ROOT / "examples" / "service-agreement.pdf")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--ctx", type=int, default=8192)
    parser.add_argument("--tokens", type=int, default=400, help="answer tokens at most per run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="'-' to leave it alone")
    args = parser.parse_args(argv)

    settings = load_settings(overrides={"model": args.model, "ctx": args.ctx})
    engine = load_engine(settings)
    document, _ = Pipeline.with_engine(settings, engine).read(args.doc)
    llm = engine._llm
    prompt = engine._tokenizer.prompt(prompts.single_system("English"), prompts.single_user(document.text, document.title))
    pages = [p.number for p in document.pages]
    grammar = schema_grammar(summary_schema(pages, 8), llm._model.vocab)

    rows: dict[str, list[tuple[int, float, float]]] = {"bare": [], "full": [], "checked": []}
    for i in range(args.repeat):
        checked = _timed(llm, lambda: len(engine._decoder.decode(prompt, grammar, args.tokens).tokens))
        n = checked[0]
        rows["checked"].append(checked)
        rows["full"].append(_timed(llm, lambda: len(full_vocabulary_decode(llm, prompt, grammar, args.tokens, engine.sampling).tokens)))
        rows["bare"].append(_timed(llm, lambda: bare_loop(llm, prompt, n)))
        rates = {k: v[-1][0] / v[-1][2] for k, v in rows.items()}
        print(f"run {i + 1}: " + ", ".join(f"{k} {r:.1f} tok/s" for k, r in rates.items()), file=sys.stderr)

    med = {k: (statistics.median(r[0] for r in v), statistics.median(r[0] / r[2] for r in v),
               statistics.median(r[1] for r in v)) for k, v in rows.items()}
    floor = med["bare"][1]
    names = {
        "bare": "bare llama.cpp loop (eval + argmax, no grammar)",
        "full": "grammar over the whole vocabulary (llama-cpp-python's completion, docsum before)",
        "checked": "grammar checks the chosen token only (docsum now)",
    }
    command = command_line("bench.decode", argv)
    lines = [
        f"## Decode rate with the grammar ({engine.model.name}, ctx {engine.model.n_ctx})",
        "",
        f"Command: `{command}`",
        "",
        f"Prompt: the single-pass prompt of {args.doc.name} ({len(prompt)} tokens); each mode decodes the same number "
        f"of tokens; medians of {args.repeat} runs, one process, modes one after another.",
        "",
        "| decoder | tokens | decode tok/s | ratio to the bare loop | prefill s |",
        "|---|---|---|---|---|",
    ]
    for key in ("bare", "full", "checked"):
        tokens, rate, prefill = med[key]
        lines.append(f"| {names[key]} | {tokens:.0f} | {rate:.1f} | {rate / floor:.2f} | {prefill:.1f} |")
    publish(args.results, "decode", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
