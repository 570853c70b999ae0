"""Facts about the machine a benchmark ran on, recorded with every result."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

import llama_cpp

from summarize.engines.cpu.features import read_cpu


def machine_facts() -> dict[str, str]:
    return {
        "cpu": read_cpu().model,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "llama-cpp-python": llama_cpp.__version__,
        "llama.cpp system info": llama_cpp.llama_print_system_info().decode().strip(),
    }


def command_line(module: str, argv: list[str] | None) -> str:
    """The command that made a result, as RESULTS.md shows it."""
    return " ".join([f"python -m {module}", *(argv if argv is not None else sys.argv[1:])])


def machine_lines(facts: dict[str, str]) -> list[str]:
    """The facts as Markdown lines for a results section."""
    return [
        "Machine: " + "; ".join(f"{k}: {v}" for k, v in facts.items() if k != "llama.cpp system info"),
        "",
        f"llama.cpp build: `{facts['llama.cpp system info']}`",
    ]


def write_section(results: Path, key: str, body: str) -> None:
    """Replace (or append) the section between <!-- bench:KEY --> markers in RESULTS.md."""
    start, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    text = results.read_text() if results.exists() else "# Benchmark results\n\nEach section is rewritten by the command it shows.\n"
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    results.write_text(text)


def publish(results: Path, key: str, lines: list[str]) -> None:
    """Add the machine's facts to a section's lines, write it into results (unless '-') and print it."""
    body = "\n".join([*lines, "", *machine_lines(machine_facts())])
    if str(results) != "-":
        write_section(results, key, body)
    print(body)
