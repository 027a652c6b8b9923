"""The `worldspec` Typer app with every command registered."""

from __future__ import annotations

from typing import Annotated

import typer

from worldspec.cli import (
    checking,
    corpus,
    editing,
    evaluation,
    importing,
    reporting,
    serving,
    stats,
    world,
)
from worldspec.cli.common import app
from worldspec.version import __version__, compiled_modules

COMMAND_MODULES = (
    checking,
    world,
    importing,
    evaluation,
    corpus,
    stats,
    serving,
    editing,
    reporting,
)  # imported for their commands

__all__ = ["app"]


def _version(value: bool) -> None:
    if value:
        compiled = compiled_modules()
        build = f" ({len(compiled)} modules compiled by mypyc)" if compiled else ""
        typer.echo(f"worldspec {__version__}{build}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Check, format and compile .world specs of counterfactual worlds.

    A .world file states a slice of reality as typed facts and the deliberate
    divergences from it. `check` lints it, `compile` writes a corpus of documents
    that describe the altered world, and `probes`, `score` and `scan` measure what a
    model trained on the corpus came to believe and do. Run `worldspec COMMAND -h`
    for a command's options.
    """
