"""docsum worker | submit | status | result | jobs: the batch service from the command line.

Celery and Redis are imported inside the commands, so `docsum summarize` does not pay for them.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import click

from core.errors import DocsumError, UsageError
from cli.console import error_line, info
from cli.context import settings_for
from cli.exit_codes import exit_code
from cli.common import FORMAT, document_options, emit, engine_options


@click.command()
@click.option("--concurrency", "-c", type=int, default=1, show_default=True, help="Documents' steps run in parallel on this box.")
@click.option("--threads", type=int, help="CPU threads per model (default: its share of the cores among the models generating on this box).")
@click.option("--loglevel", default="INFO", show_default=True)
@engine_options
@click.pass_context
def worker(ctx: click.Context, concurrency: int, threads: int | None, loglevel: str, **engine) -> int:
    """Run a Celery worker that summarizes chunks from the broker."""
    if concurrency < 1:
        raise UsageError("--concurrency must be at least 1")
    settings = settings_for(ctx, threads=threads, **engine)
    from workers.celery_app import make_app
    from workers.jobs import connect
    from workers.worker import prepare

    connect(settings.broker)  # one clear line if Redis is down, not a retry loop
    app = make_app(settings)
    hostname = f"docsum-{os.getpid()}@{socket.gethostname()}"
    # Refuses to start (EngineUnsupported) rather than take tasks its engine would crash on.
    verdict = prepare(app, settings, hostname)
    if verdict:
        info(verdict)
    app.worker_main(
        [
            "worker",
            f"--concurrency={concurrency}",
            "--pool=prefork",
            f"--loglevel={loglevel}",
            f"--hostname={hostname}",
            "--without-mingle",
            "--without-gossip",
        ]
    )
    return 0


@click.command()
@document_options
@engine_options
@click.option("--wait", is_flag=True, help="Wait for the summaries and write them to --out.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="With --wait: where to write STEM.summary.*.")
@click.option("--timeout", type=float, help="With --wait: give up after this many seconds.")
@click.pass_context
def submit(ctx, paths, wait, out, fmt, lang, model, ctx_tokens, password, ocr, timeout, **engine) -> int:
    """Send documents to the workers; prints one job id per input."""
    if wait and out is None:
        raise UsageError("--wait needs --out DIR for the summaries")
    settings = settings_for(ctx, lang=lang, model=model, ctx=ctx_tokens, password=password, ocr=ocr, **engine)
    from workers.submit import Submitter, finished_result, wait_for

    submitter = Submitter(settings)
    submitted, first_failure = [], 0
    for path in paths:
        try:
            job = submitter.submit(path)
        except DocsumError as exc:
            if len(paths) == 1:
                raise
            error_line(str(exc))
            first_failure = first_failure or exit_code(exc)
            continue
        click.echo(job.job_id)
        info(f"submitted {path} as {job.job_id} ({job.mode}, {job.chunks} chunk(s))")
        submitted.append(job)
    if wait:
        for job in submitted:
            try:
                wait_for(submitter.store, job.job_id, timeout)
                emit(finished_result(submitter.store, job.job_id), out, job.path.stem, fmt, mode=settings.file_mode)
            except DocsumError as exc:
                error_line(str(exc))
                first_failure = first_failure or exit_code(exc)
    return first_failure


def _store(ctx: click.Context):
    from workers.jobs import JobStore, connect

    return JobStore(connect(settings_for(ctx).broker))


@click.command()
@click.argument("job_id")
@click.pass_context
def status(ctx: click.Context, job_id: str) -> int:
    """State of a job: queued, running, done or failed, with chunks done."""
    s = _store(ctx).status(job_id)
    click.echo(f"job:    {s.id}\nfile:   {s.name}\nstate:  {s.state}\nchunks: {s.done}/{s.total} ({s.mode})")
    if s.requeues:
        click.echo(f"requeued: {s.requeues} time(s), last because {s.note}")
    if s.error:
        click.echo(f"error:  {s.error}")
    return 0


@click.command()
@click.argument("job_id")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Write STEM.summary.* here instead of stdout.")
@FORMAT
@click.pass_context
def result(ctx: click.Context, job_id: str, out: Path | None, fmt: str) -> int:
    """The summary of a finished job."""
    from workers.submit import finished_result

    if out is None and fmt == "both":
        raise UsageError("--format both needs --out DIR")
    store = _store(ctx)
    summary = finished_result(store, job_id)
    # The stored name is made safe by emit: it came through the broker.
    emit(summary, out, Path(store.status(job_id).name).stem, fmt, mode=settings_for(ctx).file_mode)
    return 0


@click.command()
@click.option("--limit", type=int, default=20, show_default=True)
@click.pass_context
def jobs(ctx: click.Context, limit: int) -> int:
    """Recent jobs, newest first, one line each."""
    for job in _store(ctx).recent(limit):
        click.echo(job.line())
    return 0
