"""What every command needs from the command group: its settings."""

from __future__ import annotations

import os

import click

from core.settings import Settings, load_settings


def settings_for(click_ctx: click.Context, **flags) -> Settings:
    """Settings for a command: config file, then DOCSUM_* variables, then the command's flags."""
    return load_settings(click_ctx.find_root().obj["config"], os.environ, flags)
