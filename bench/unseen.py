"""docsum on documents it has never seen: contracts, papers and reports in several languages.

For each file: does it give a schema-valid summary, in the document's language,
whose key points cite pages that exist? Results go to bench/RESULTS.md.

    .venv/bin/python -m bench.unseen [--model NAME] [--ctx N] [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from jsonschema import Draft202012Validator

from bench.machine import command_line, write_section
from core.errors import DocsumError
from docsum.pipeline import Pipeline, load_engine
from core.settings import load_settings
from ingest.language import detect_language
from summarize.schema import DOCUMENT_SCHEMA

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_FILES = [
    "contracts/cuad/Part_III__Hosting__BOLIVARMININGCORP_05_23_2003-EX-2.1-VISP_WEB_SITE_BUILDING_AND_HOSTING_AGREEMENT.pdf",
    "contracts/cuad/Part_I__Endorsement__LifewayFoodsInc_20160316_10-K_EX-10.24_9489766_EX-10.24_Endorsement_Agreement.pdf",
    "pdf/py-pdf-sample-files/004-pdflatex-4-pages/pdflatex-4-pages.pdf",
    "docx/onlyoffice-samples/en_ONLYOFFICE_Sample_Document.docx",
    "docx/onlyoffice-samples/de_ONLYOFFICE-Beispieldokument.docx",
    "docx/onlyoffice-samples/fr_Exemple_de_document_ONLYOFFICE.docx",
    "summarization/zh_vcsum_meetings.jsonl#0",
]


def _materialize(spec: str, tmp: Path) -> Path:
    """A corpus path, or FILE.jsonl#N: the N-th pair's text written to a .txt file."""
    if "#" not in spec:
        return CORPUS / spec
    name, index = spec.split("#")
    record = json.loads((CORPUS / name).read_text(encoding="utf-8").splitlines()[int(index)])
    path = tmp / f"{Path(name).stem}-{index}.txt"
    path.write_text(record["text"], encoding="utf-8")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", default=DEFAULT_FILES)
    parser.add_argument("--model", default="qwen2.5-coder-0.5b-instruct")
    parser.add_argument("--ctx", type=int)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2

    settings = load_settings(overrides={"model": args.model, "ctx": args.ctx})
    engine = load_engine(settings)
    validator = Draft202012Validator(DOCUMENT_SCHEMA)
    rows = ["| file | format | pages | lang | summary lang | type | mode, chunks | valid | cited pages exist | seconds |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for spec in args.files:
            path = _materialize(spec, Path(tmp))
            started = time.perf_counter()
            try:
                data = Pipeline.with_engine(settings, engine).summarize_file(path).to_dict()
            except DocsumError as exc:
                rows.append(f"| {path.name[:60]} | | | | | | | error: {exc} | | {time.perf_counter() - started:.0f} |")
                continue
            seconds = time.perf_counter() - started
            valid = not list(validator.iter_errors(data))
            pages_ok = all(1 <= p <= data["source"]["pages"] for k in data["key_points"] for p in k["pages"])
            rows.append(
                f"| {path.name[:60]} | {data['source']['format']} | {data['source']['pages']} | {data['language']} "
                f"| {detect_language(data['summary'])} | {data['doc_type']} | {data['strategy']['mode']}, "
                f"{data['strategy']['chunks']} | {'yes' if valid else 'NO'} | {'yes' if pages_ok else 'NO'} | {seconds:.0f} |"
            )
            print(rows[-1], file=sys.stderr)
    command = command_line("bench.unseen", argv)
    body = "\n".join([
        f"## Unseen documents ({args.model}, ctx {engine.model.n_ctx})", "",
        f"Command: `{command}`", "",
        "\"summary lang\" is langdetect's reading of the summary text, not what docsum claims.", "",
        *rows,
    ])
    write_section(args.results, "unseen", body)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
