"""bench/quality judges docsum with checks of its own: it runs docsum through its one door and reads
what docsum wrote, but imports none of docsum's filters, detectors or word lists to count defects,
so a rule that is wrong in the product cannot hide itself in the figures."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: What bench/quality may import from docsum, and why: none of it judges a summary.
ALLOWED = {
    "docsum.pipeline": "runs docsum as `docsum summarize` does, and loads its engine",
    "core.errors": "tells a document docsum refused from a crash",
    "core.settings": "the settings docsum runs with",
    "summarize.models.store": "finds the model file for the LangChain baseline",
    "summarize.engines.base": "the engine's type",
    "summarize.schema": "the output's published JSON schema, to validate against",
    "summarize.length": "how many words the reference's length is in a language",
    "rules.mathematics": "only FORMULA_MARK, the mark the loader writes for a corpus's formula placeholder",
}
PRODUCT = ("core", "ingest", "chunking", "summarize", "docsum", "workers", "cli")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_bench_quality_imports_nothing_of_docsum_that_judges():
    used = {(path.name, module) for path in sorted((ROOT / "bench" / "quality").glob("*.py")) for module in _imports(path)
            if module.split(".")[0] in PRODUCT}
    assert used, "the scan found docsum's imports (it runs docsum)"
    assert sorted((name, module) for name, module in used if module not in ALLOWED) == []
