"""docsum watch INBOX --out OUTBOX."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import click

from core.errors import UsageError
from cli.console import info
from cli.common import LENGTH, READ, engine_options
from cli.context import settings_for


@click.command()
@click.argument("inbox", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "outbox", required=True, type=click.Path(file_okay=False, path_type=Path), help="Where summaries, done/ and failed/ go.")
@click.option("--poll", type=float, help="Poll every SECONDS instead of inotify (network shares).")
@click.option("--stable", type=float, help="Seconds a file must stay unchanged before it is read.")
@click.option("--keep", is_flag=True, help="Leave originals in the inbox instead of moving them to done/.")
@click.option("--model", help="Model name or .gguf path.")
@click.option("--lang", help="Write summaries in this language (ISO 639-1).")
@click.option("--ocr", is_flag=True, default=None, help="OCR scanned PDF pages (needs OCRmyPDF and Tesseract).")
@LENGTH
@READ
@engine_options
@click.pass_context
def watch(ctx, inbox: Path, outbox: Path, poll, stable, keep, model, lang, ocr, **engine) -> int:
    """Summarize every file dropped into INBOX; in process, or through the workers when a broker is set."""
    if poll is not None and poll <= 0:
        raise UsageError("--poll must be a positive number of seconds")
    settings = settings_for(ctx, model=model, lang=lang, ocr=ocr, watch_stable_seconds=stable, **engine)
    from workers.watch import Watcher, make_backend

    if inbox.resolve() == outbox.resolve() or outbox.resolve().is_relative_to(inbox.resolve()):
        raise UsageError("the outbox must not be the inbox or inside it")
    if not settings.broker_url:
        # In process, the model runs here: refuse now, not at the first file.
        from docsum.pipeline import check_engine

        check_engine(settings)
    backend = make_backend(settings)
    watcher = Watcher(inbox, outbox, backend, settings.watch_stable_seconds, keep, log=info, mode=settings.file_mode)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    mode = f"through the workers at {settings.broker}" if settings.broker_url else "in process"
    info(f"watching {inbox} -> {outbox} ({mode}); Ctrl-C to stop")
    watcher.run(poll=poll, stop=stop)
    info("stopped")
    return 0
