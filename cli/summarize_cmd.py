"""docsum summarize PATH...: the local, one-machine path."""

from __future__ import annotations

from pathlib import Path

import click

from core.errors import InputError, ModelOutputError, UsageError
from core.settings import Settings
from docsum.pipeline import Pipeline, load_engine
from summarize.engines.base import Engine
from summarize.models.catalog import CATALOG
from summarize.models.store import ModelStore
from cli.common import document_options, emit, engine_options
from cli.console import ChunkProgress, DownloadBar, error_line, info
from cli.context import settings_for
from cli.exit_codes import exit_code


@click.command()
@document_options
@engine_options
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Write STEM.summary.json/.md here instead of stdout.")
@click.option("--threads", type=int, help="CPU threads for the model (default: its share of the cores among the models generating on this box).")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.pass_context
def summarize(
    ctx: click.Context,
    paths: tuple[Path, ...],
    out: Path | None,
    fmt: str,
    lang: str | None,
    model: str | None,
    ctx_tokens: int | None,
    password: str | None,
    ocr: bool | None,
    threads: int | None,
    quiet: bool,
    **engine: str | int | None,
) -> int:
    """Summarize documents (PDF, DOCX, text) into JSON and/or Markdown.

    With one input and no --out, the JSON (or Markdown) goes to stdout and
    nothing else does; progress and errors go to stderr.
    """
    if out is None and len(paths) > 1:
        raise UsageError("several inputs need --out DIR")
    if out is None and fmt == "both":
        raise UsageError("--format both needs --out DIR")
    stems = [p.stem for p in paths]
    if len(set(stems)) < len(stems):
        raise UsageError("two inputs share a file name; their summaries would overwrite each other in --out")
    settings = settings_for(ctx, lang=lang, model=model, ctx=ctx_tokens, password=password, ocr=ocr, threads=threads, **engine)
    # The model is loaded when the first file has been read, so a bad file fails in a blink.
    pipeline = Pipeline(settings, loader=_load_model)
    first_failure = 0
    for path in paths:
        try:
            summary = pipeline.summarize_file(path, ChunkProgress(path.name, quiet))
        except (InputError, ModelOutputError) as exc:
            if len(paths) == 1:
                raise
            # One bad file in a batch is reported and the rest still run.
            error_line(str(exc))
            first_failure = first_failure or exit_code(exc)
            continue
        emit(summary.to_dict(), out, path.stem, fmt, quiet, settings.file_mode)
    return first_failure


def _load_model(settings: Settings) -> Engine:
    """The engine, after downloading a catalog model once with a progress bar."""
    store = ModelStore(settings)
    if settings.engine == "llama" and settings.model in CATALOG and store.cached(settings.model) is None:
        info(f"downloading model {settings.model} (once)")
        with DownloadBar() as bar:
            store.pull(settings.model, bar)
    return load_engine(settings)
