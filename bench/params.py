"""llama.cpp's knobs at the context lengths docsum works at: threads, flash attention and
batch sizes, each changed alone from a reference (docsum's defaults before it), at 2k, 8k and 16k prompt tokens.

    python -m bench.params [--model NAME] [--lengths 2048,8192,16384] [--decode 48]

For each setting and length: prefill seconds of the prompt (real document tokens, in the
batches the setting gives) and the decode rate of the bare loop (eval and an argmax) right
after it, where attention reads the whole prompt at every token. One model load per
setting; lengths one after another; the table says what each setting costs or saves
against the reference at every length.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import llama_cpp

from bench.machine import command_line, publish
from bench.raw import bare_decode
from core.settings import available_cores, load_settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "summarization" / "en_leval_paper_abstract.jsonl"


def settings_to_try(cores: int) -> list[tuple[str, dict]]:
    """(name, Llama keyword arguments); the first is the reference the others are compared with."""
    base = {"n_threads": cores, "n_threads_batch": cores, "flash_attn": False, "n_batch": 512, "n_ubatch": 512}
    return [
        ("reference: all cores, no flash attention, batch 512 (docsum's defaults before this table)", base),
        ("flash attention", {**base, "flash_attn": True}),
        ("batch 256", {**base, "n_batch": 256, "n_ubatch": 256}),
        ("batch 1024", {**base, "n_batch": 1024, "n_ubatch": 1024}),
        *([(f"{max(1, cores // 2)} thread(s)", {**base, "n_threads": max(1, cores // 2), "n_threads_batch": max(1, cores // 2)})]
          if cores > 1 else []),
    ]


def document_tokens(llm, needed: int) -> list[int]:
    """Real text, as many tokens as needed (documents of the corpus one after another)."""
    tokens: list[int] = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        tokens += llm.tokenize(json.loads(line)["text"].encode("utf-8"), add_bos=False, special=False)
        if len(tokens) >= needed:
            return tokens[:needed]
    raise SystemExit(f"{CORPUS} has fewer than {needed} tokens")


def measure(llm, prompt: list[int], decode: int) -> tuple[float, float]:
    """(prefill seconds, decode tokens per second) of the bare loop after prompt."""
    llm.reset()
    started = time.perf_counter()
    llm.eval(prompt)
    prefill = time.perf_counter() - started
    started = time.perf_counter()
    bare_decode(llm, decode)  # evaluates decode - 1 tokens: the first comes from the prefill
    return prefill, (decode - 1) / (time.perf_counter() - started)


def _label(tokens: int) -> str:
    return f"{tokens // 1024}k" if tokens % 1024 == 0 else str(tokens)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--lengths", default="2048,8192,16384")
    parser.add_argument("--decode", type=int, default=48, help="tokens decoded after each prompt")
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting and length (median)")
    parser.add_argument("--only", help="comma-separated settings to run (names as in the table), default all; the reference always runs")
    parser.add_argument("--section", default="params", help="RESULTS.md section key")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="'-' to leave it alone")
    args = parser.parse_args(argv)
    lengths = [int(x) for x in args.lengths.split(",")]

    from docsum.pipeline import load_engine
    from summarize.engines.tokens import quiet_llama_logs

    quiet_llama_logs()
    settings = load_settings(overrides={"model": args.model, "ctx": 2048})
    local = load_engine(settings, tokenizer_only=True)
    path = local._llm.model_path
    n_ctx = max(lengths) + args.decode + 64
    prompt = document_tokens(local._llm, max(lengths))
    cores = available_cores()

    results: dict[str, dict[int, tuple[float, float]]] = {}
    chosen = settings_to_try(cores)
    if args.only:
        wanted = {x.strip() for x in args.only.split(",")}
        chosen = [c for i, c in enumerate(chosen) if i == 0 or c[0] in wanted]
    for name, kwargs in chosen:
        llm = llama_cpp.Llama(model_path=path, n_ctx=n_ctx, verbose=False, **kwargs)
        results[name] = {}
        for length in lengths:
            runs = [measure(llm, prompt[:length], args.decode) for _ in range(args.repeat)]
            results[name][length] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
            prefill, rate = results[name][length]
            print(f"{name} @ {length}: prefill {prefill:.1f} s ({length / prefill:.0f} tok/s), decode {rate:.1f} tok/s",
                  file=sys.stderr, flush=True)
        llm.close()

    reference = next(iter(results))
    command = command_line("bench.params", argv)
    head = " | ".join(f"{_label(n)} prefill s | {_label(n)} decode tok/s" for n in lengths)
    lines = [
        f"## llama.cpp settings by context length ({args.model}, {cores} cores)",
        "",
        f"Command: `{command}`",
        "",
        f"Prompt: real text ({CORPUS.name}); prefill of the whole prompt, then {args.decode} tokens of the bare loop "
        f"(eval + argmax) at that depth; median of {args.repeat} run(s); one setting changed at a time; "
        "in brackets, the ratio to the reference (below 1 is faster for prefill seconds, above 1 for tok/s).",
        "",
        f"| setting | {head} |",
        "|---|" + "---|" * (2 * len(lengths)),
    ]
    for name, by_length in results.items():
        cells = []
        for n in lengths:
            prefill, rate = by_length[n]
            base_p, base_r = results[reference][n]
            cells.append(f"{prefill:.1f} ({prefill / base_p:.2f}) | {rate:.1f} ({rate / base_r:.2f})")
        lines.append(f"| {name} | {' | '.join(cells)} |")
    publish(args.results, args.section, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
