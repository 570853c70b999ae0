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
    "summarize.engines.cpu.features": "bench.machine names the CPU a run was on",
}
PRODUCT = ("core", "rules", "ingest", "chunking", "summarize", "docsum", "workers", "cli")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _reached() -> list[Path]:
    """bench/quality's modules and every bench module they import, directly or not."""
    todo, seen = sorted((ROOT / "bench" / "quality").glob("*.py")), set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in _imports(path):
            if module.split(".")[0] == "bench":
                for candidate in (ROOT / (module.replace(".", "/") + ".py"), ROOT / module.replace(".", "/") / "__init__.py"):
                    if candidate.is_file():
                        todo.append(candidate)
    return sorted(seen)


def test_bench_quality_imports_nothing_of_docsum_that_judges():
    used = {(str(path.relative_to(ROOT)), module) for path in _reached() for module in _imports(path)
            if module.split(".")[0] in PRODUCT}
    assert used, "the scan found docsum's imports (it runs docsum)"
    assert sorted((name, module) for name, module in used if module not in ALLOWED) == []
