"""Summary quality: docsum against Lead-N, LexRank and LangChain's map_reduce chain, side by side.

    .venv/bin/python -m bench.quality PAIRS.jsonl [PAIRS.jsonl ...] [--half tune|report] [--limit N]
        [--systems docsum,lead,lexrank,langchain] [--model NAME|PATH] [--ctx N]
        [--contracts CLAUSE_QA.jsonl] [--doc-types DOC_TYPES.json]

Writes OUT/quality.json (every record and the averages), OUT/quality.md and
OUT/quality.png, and the table into bench/RESULTS.md with this command.
`--rescore OUT/quality.json` scores stored outputs again after a metric changes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.machine import command_line, machine_facts, machine_lines, write_section
from bench.quality.contract_fields import contracts_table, rescore_contracts, run_contracts, runs_from_records
from bench.quality.doc_types import doc_types_lines, run_doc_types, typed_files
from bench.quality.evaluate import Replay, evaluate, summarize_records
from bench.quality.halves import HALVES
from bench.quality.pairs import PairsError, load_pairs, load_panel
from bench.quality.report import markdown_table, plot
from core.errors import DocsumError
from docsum.pipeline import load_engine
from core.settings import load_settings
from summarize.models.store import ModelStore

ROOT = Path(__file__).resolve().parent.parent.parent
SYSTEMS = ("docsum", "lead", "lexrank", "langchain")


def build_systems(names: list[str], settings, engine) -> list:
    from bench.quality import systems

    built = []
    for name in names:
        if name == "docsum":
            built.append(systems.Docsum(settings, engine))
        elif name == "lead":
            built.append(systems.Lead())
        elif name == "lexrank":
            built.append(systems.LexRank())
        elif name == "langchain":
            path = ModelStore(settings).resolve(settings.model).path
            # docsum's thread count: llama-cpp-python would decode on half the cores.
            built.append(systems.LangChainMapReduce(path, engine.model.n_ctx, settings.cpu_threads))
    return built


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="*", type=Path,
                        help="JSONL files of {id, lang, text, reference_summary} (none: only --contracts)")
    parser.add_argument("--panel", type=Path, metavar="PANEL_JSON",
                        help="also the documents of a reading panel (bench/reading/panel.json), contracts included")
    parser.add_argument("--limit", type=int, help="first N pairs of each file (of the half, with --half)")
    parser.add_argument("--half", choices=HALVES,
                        help="only one half of every pairs file and of the contracts: tune on one, report on the other")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, from {', '.join(SYSTEMS)}")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--ctx", type=int, help="context size for docsum and LangChain alike")
    parser.add_argument("--lang", help="ask docsum for summaries in this language (language match checks it)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md", help="'-' to leave it alone")
    parser.add_argument("--section", default="quality", help="RESULTS.md section key")
    parser.add_argument("--contracts", type=Path, metavar="CLAUSE_QA_JSONL",
                        help="also judge docsum's contract fields against lawyers' answers (CUAD clause QA)")
    parser.add_argument("--doc-types", type=Path, metavar="DOC_TYPES_JSON",
                        help="also run docsum on every file this map names and judge its doc_type (JSONL keys are the pairs)")
    parser.add_argument("--rescore", action="append", metavar="QUALITY_JSON[:FROM=TO]",
                        help="score the outputs stored in earlier quality.json files again, without running the systems; "
                        "repeat to put runs side by side, renaming a system with :FROM=TO (docsum=main)")
    args = parser.parse_args(argv)

    names = [n.strip() for n in args.systems.split(",") if n.strip()]
    unknown = [n for n in names if n not in SYSTEMS and not args.rescore]
    if unknown or not names:
        parser.error(f"unknown system(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(SYSTEMS)}")
    if not args.pairs and not args.contracts and not args.doc_types and not args.panel:
        parser.error("give pairs files, --panel, --contracts or --doc-types")
    try:
        pairs = [pair for path in args.pairs for pair in load_pairs(path, args.limit, args.half)]
        if args.panel:
            given = {p.id for p in pairs}
            pairs += [p for p in load_panel(args.panel) if p.id not in given]
        settings = load_settings(overrides={"model": args.model, "ctx": args.ctx, "lang": args.lang})
        stored: dict = {}
        if args.rescore:
            stored = load_stored(args.rescore)
            engine = load_engine(settings, tokenizer_only=True)
            systems = [Replay(n, stored["records"]) for n in names if any(r["system"] == n for r in stored["records"])]
            origin = stored["config"].get("outputs_from") or stored["config"]["command"]
        else:
            engine = load_engine(settings)
            systems = build_systems(names, settings, engine)
            origin = None
    except (PairsError, OSError, ValueError, KeyError, DocsumError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    records = evaluate(pairs, systems, engine.count_tokens, args.lang)
    summary = summarize_records(records)
    fields = None
    if args.contracts and not args.rescore:
        fields = run_contracts(args.contracts, _summarize_text(settings, engine), lambda line: print(line, file=sys.stderr),
                               args.half)
    elif args.contracts and stored.get("contract_fields"):
        fields = rescore_contracts(args.contracts, stored["contract_fields"]["runs"], args.half)
    elif args.contracts and args.rescore:
        # The run's panel held the contracts: their summaries are judged where they are.
        fields = rescore_contracts(args.contracts, runs_from_records(args.contracts, stored["records"], args.half), args.half)
    types = None
    if args.doc_types and not args.rescore:
        types = run_doc_types(typed_files(args.doc_types), _summarize_path(settings, engine), lambda line: print(line, file=sys.stderr))
    elif args.doc_types:
        types = stored.get("doc_types")
    command = command_line("bench.quality", argv)
    facts = machine_facts()
    args.out.mkdir(parents=True, exist_ok=True)
    config = {"command": command, "outputs_from": origin, "model": engine.model.name, "n_ctx": engine.model.n_ctx,
              "machine": facts}
    (args.out / "quality.json").write_text(
        json.dumps({"config": config, "summary": summary, "records": records, "contract_fields": fields, "doc_types": types},
                   ensure_ascii=False, indent=1)
    )
    pairs_lines: list[str] = []
    if pairs:
        plot(summary, records, args.out / "quality.png")
        pairs_lines = [
            (
                f"{len(pairs)} documents from {', '.join(sorted({p.file for p in pairs}))}. ROUGE F1 of the summary text "
                "against the reference (CJK scored per character); lead and lexrank are given the reference's "
                "length, so is docsum (--length in words); langchain's answer is cut to it when longer. "
                "Plot: `quality.png` beside the JSON in the output folder."
            ),
            "",
            markdown_table(summary),
            "",
        ]
    body = "\n".join([
        f"## Summary quality ({engine.model.name}, ctx {engine.model.n_ctx})",
        "",
        f"Command: `{command}`",
        *(["", f"Outputs made by: `{origin}`; scored again with the current metrics."] if origin else []),
        "",
        *pairs_lines,
        *(_fields_lines(fields, args.contracts) if fields else []),
        *(doc_types_lines(types, args.doc_types) if types else []),
        *machine_lines(facts),
    ])
    (args.out / "quality.md").write_text(body + "\n")
    if str(args.results) != "-":
        write_section(args.results, args.section, body)
    print(body)
    return 0


def load_stored(items: list[str]) -> dict:
    """Stored runs, side by side: each QUALITY_JSON[:FROM=TO], its records' systems renamed; the
    first file's config, contract fields and document types stand for them all."""
    merged: dict = {}
    for item in items:
        path, _, renames = item.partition(":")
        data = json.loads(Path(path).read_text())
        rename = dict(pair.split("=", 1) for pair in renames.split(",") if "=" in pair)
        records = [{**r, "system": rename.get(r["system"], r["system"])} for r in data["records"]]
        if not merged:
            merged = {**data, "records": records}
        else:
            merged["records"] += records
    return merged


def _summarize_text(settings, engine):
    """A function that summarizes a text with docsum's pipeline, as a file, and returns the dict (None on failure)."""
    import tempfile

    summarize = _summarize_path(settings, engine)

    def run(name: str, text: str) -> dict | None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{name.replace('/', '_')}.txt"
            path.write_text(text, encoding="utf-8")
            return summarize(path)

    return run


def _summarize_path(settings, engine):
    """A function that summarizes a file with docsum's pipeline and returns the dict (None on failure)."""
    from docsum.pipeline import Pipeline

    def run(path: Path) -> dict | None:
        try:
            return Pipeline.with_engine(settings, engine).summarize_file(path).to_dict()
        except DocsumError:
            return None

    return run


def _fields_lines(fields: dict, path: Path) -> list[str]:
    right = sum(r["doc_type"] == "contract" for r in fields["runs"])
    seconds = sorted(r["seconds"] for r in fields["runs"] if r["seconds"] is not None)
    return [
        f"Contract fields against lawyers' answers ({path.name}, {len(fields['runs'])} contracts; "
        f"doc_type contract on {right}; median {seconds[len(seconds) // 2]:.1f} s a contract):",
        "",
        contracts_table(fields),
        "",
    ]


if __name__ == "__main__":
    raise SystemExit(main())
