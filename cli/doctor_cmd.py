"""docsum doctor: what the engine was built with, what the CPU offers, whether they work together."""

from __future__ import annotations

import click

from core.errors import EngineUnsupported
from cli.context import settings_for


@click.command()
@click.option("--model", help="The model the probe loads (default: the configured one, else any downloaded).")
@click.option("--probe", "fresh", is_flag=True, help="Probe again instead of trusting the cached verdict.")
@click.pass_context
def doctor(ctx: click.Context, model: str | None, fresh: bool) -> int:
    """Check the in-process engine on this machine."""
    settings = settings_for(ctx, model=model)
    from summarize.engines.cpu.fit import probe_model
    from summarize.engines.cpu.report import engine_report

    local = probe_model(settings)
    report = engine_report(settings, local.path if local else None, fresh)
    width = max(len(label) for label, _ in report.lines())
    for label, value in report.lines():
        click.echo(f"{label + ':':<{width + 1}} {value}")
    if report.unsupported:
        raise EngineUnsupported(report.problem)
    return 0
