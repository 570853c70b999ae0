"""What the commands that summarize share: their document options and how they write results."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click

from docsum.output import DEFAULT_MODE, to_json, write_outputs
from summarize.render import to_markdown
from cli.console import info


def formats_of(fmt: str) -> tuple[str, ...]:
    return ("json", "md") if fmt == "both" else (fmt,)


def emit(summary: dict[str, Any], out: Path | None, stem: str, fmt: str, quiet: bool = False, mode: int = DEFAULT_MODE) -> None:
    """Print the summary to stdout (no --out) or write STEM.summary.* into out with permissions mode."""
    if out is None:
        sys.stdout.write(to_json(summary) if fmt == "json" else to_markdown(summary))
        sys.stdout.flush()
        return
    for written in write_outputs(summary, out, stem, formats_of(fmt), mode):
        if not quiet:
            info(f"wrote {written}")


FORMAT = click.option("--format", "fmt", type=click.Choice(["json", "md", "both"]), default="json", show_default=True)


LENGTH = click.option("--length", help="Summary length: short, medium (default), long, or a number of words.")
READ = click.option(
    "--read", type=click.Choice(["evidence", "full"]),
    help="What the model reads of a long document: its best sentences (evidence, default) or all of it (full).",
)


def document_options(command: Callable) -> Callable:
    """The options that decide what a summary is: paths, format, language, model, context, password."""
    for option in reversed(
        [
            click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
            FORMAT,
            click.option("--lang", help="Write the summary in this language (ISO 639-1); default: the document's."),
            click.option("--model", help="Model name (see 'docsum models list') or path to a .gguf file."),
            LENGTH,
            READ,
            click.option("--ctx", "ctx_tokens", type=int, help="Context window in tokens (default: the model's, up to 32768)."),
            click.option("--password", help="Password of an encrypted PDF."),
            click.option("--ocr", is_flag=True, default=None, help="OCR scanned PDF pages (needs OCRmyPDF and Tesseract)."),
        ]
    ):
        command = option(command)
    return command


def engine_options(command: Callable) -> Callable:
    """The options that choose what runs the model: --engine, --base-url, --parallel.

    The command receives them as keyword arguments engine, base_url and parallel.
    """
    for option in reversed(
        [
            click.option("--engine", help="What runs the model: llama (in process, default) or openai (a server)."),
            click.option("--base-url", help="The openai engine's server, e.g. http://localhost:8080/v1."),
            click.option("--parallel", type=int, help="Generations sent to the server at once (default: its slot count, else 1)."),
        ]
    ):
        command = option(command)
    return command
