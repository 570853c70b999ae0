"""Entry point: the command group, settings from flags, and the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from docsum import __version__
from core.errors import DocsumError
from cli.console import error_line
from cli.doctor_cmd import doctor
from cli.jobs_cmd import jobs, result, status, submit, worker
from cli.models_cmd import models
from cli.summarize_cmd import summarize
from cli.watch_cmd import watch
from cli.exit_codes import INTERNAL, INTERRUPTED, USAGE, exit_code


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", type=click.Path(path_type=Path), help="Config file (TOML); default ~/.config/docsum/config.toml.")
# main() reads --debug itself, before click parses anything: it decides how a crash is shown.
@click.option("--debug", is_flag=True, expose_value=False, help="Show tracebacks for internal errors.")
@click.version_option(__version__, prog_name="docsum")
@click.pass_context
def cli(ctx: click.Context, config: Path | None) -> None:
    """Summarize long documents offline with a local model."""
    ctx.obj = {"config": config}


for command in (summarize, models, worker, submit, status, result, jobs, watch, doctor):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with a code from cli.exit_codes."""
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv or os.environ.get("DOCSUM_DEBUG") == "1"
    try:
        code = cli.main(args=argv, prog_name="docsum", standalone_mode=False)
    except click.exceptions.UsageError as exc:
        exc.show()
        code = USAGE
    except click.exceptions.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        error_line("interrupted")
        code = INTERRUPTED
    except DocsumError as exc:
        error_line(str(exc))
        code = exit_code(exc)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
        if debug:
            traceback.print_exc()
        error_line(f"internal error: {type(exc).__name__}: {exc} (a bug; run with --debug for details)")
        code = INTERNAL
    sys.exit(code if isinstance(code, int) else 0)
