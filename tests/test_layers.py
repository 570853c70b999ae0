"""The layout reads top-down: no package imports one above it, and no module imports
itself in a circle (imports inside functions count too). `python -m tests.test_layers`
prints the drawing."""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Lowest first; a layer may import its own and lower layers only.
LAYERS = [
    "core",
    "rules",
    "ingest",
    "chunking",
    "summarize.models",
    "summarize.engines",
    "summarize",
    "docsum",
    "workers",
    "cli",
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str | None:
    matches = [layer for layer in LAYERS if module == layer or module.startswith(layer + ".")]
    return max(matches, key=len) if matches else None


def import_graph() -> dict[str, set[str]]:
    """Our module -> our modules it imports, anywhere in its body."""
    modules = {_module_name(p): p for p in ROOT.glob("*/**/*.py") if _layer(_module_name(p)) and ".venv" not in p.parts}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # "from pkg import mod" imports pkg.mod when that is a module.
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
        graph.setdefault(name, set())
    return graph


def upward_arrows(graph: dict[str, set[str]]) -> list[str]:
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    return [
        f"{a} ({_layer(a)}) imports {b} ({_layer(b)})"
        for a, targets in sorted(graph.items())
        for b in sorted(targets)
        if rank[_layer(b)] > rank[_layer(a)]
    ]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_layer_imports_a_higher_one():
    assert upward_arrows(import_graph()) == []


def test_no_import_circles():
    assert cycles(import_graph()) == []


def test_the_ground_imports_nothing_of_ours_but_itself():
    graph = import_graph()
    assert all(t.startswith("core") for m, ts in graph.items() if m.startswith("core") for t in ts)


def test_the_engine_protocol_and_registry_import_no_engine():
    graph = import_graph()
    engines = {"summarize.engines.llama", "summarize.engines.openai"}
    assert not graph["summarize.engines.base"] & engines
    assert not graph["summarize.engines.registry"] & engines
    assert "summarize.engines.llama" not in graph["summarize.engines.openai"]


#: What runs a stage (the data classes beside them are free to import).
STAGES = {"read_document", "make_plan", "Summarizer", "measure_budget", "target_language"}


def test_every_caller_of_the_stages_goes_through_the_pipeline():
    callers = []
    for folder in ("workers", "cli", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and {a.name for a in node.names} & STAGES:
                    callers.append(f"{path.relative_to(ROOT)}: from {node.module} import ...")
    assert callers == []


def main() -> None:
    graph = import_graph()
    for layer in reversed(LAYERS):
        members = sorted(m for m in graph if _layer(m) == layer)
        arrows = sorted({_layer(t) for m in members for t in graph[m]} - {layer}, key=LAYERS.index, reverse=True)
        print(f"{layer:<18} -> {', '.join(arrows) or '(nothing of ours)'}")
    problems = upward_arrows(graph) + [" -> ".join(c) for c in cycles(graph)]
    print("\n".join(problems) or "no upward arrow, no circle")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
