"""What the commands share: the app, common options, failing with exit 2, the
analysed world or its errors, writing output, spinners and progress bars."""

from __future__ import annotations

import contextlib
import enum
import functools
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand

import worldspec
from worldspec.check import reporters
from worldspec.check.api import CheckReport
from worldspec.diagnostics import Severity
from worldspec.model import Analysis


class SectionedCommand(TyperCommand):
    """Plain help, readable at 80 columns, with options grouped in sections by their
    `rich_help_panel` (the LLM renderer's options apart from the corpus's)."""

    # Typer vendors click (typer._click): its Context and HelpFormatter are not public

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """`[OPTIONS] SPEC [CODE] PATH...`, as click writes a usage line."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        sections: dict[str, list[tuple[str, str]]] = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                record = (_argument_name(param), getattr(param, "help", None) or "")
            default = "Arguments" if param.param_type_name == "argument" else "Options"
            title = getattr(param, "rich_help_panel", None) or default
            sections.setdefault(title, []).append(record)
        for title, rows in sections.items():
            with formatter.section(title):
                formatter.write_dl(rows)


def _argument_name(param: Any) -> str:
    return str(param.metavar or (param.name or "").upper())


app = typer.Typer(
    name="worldspec",
    help="Check, format and compile .world specs of counterfactual worlds.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class Started:
    """Whether a command's own code has begun: an interrupt before then (in start-up,
    or while the options are parsed) has changed nothing."""

    command = False


def command(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            Started.command = True
            return function(*args, **kwargs)

        return app.command(name, cls=SectionedCommand)(run)

    return register


def fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def interrupted(message: str) -> NoReturn:
    """Exit 130 after Ctrl-C, with a line saying what was left."""
    typer.echo(message, err=True)
    raise typer.Exit(130) from None


class TextOrJson(enum.StrEnum):
    """--format of the commands that print text for people or JSON for tools."""

    text = "text"
    json = "json"


def quiet_option(help: str) -> Any:
    return typer.Option("--quiet", "-q", help=help)


Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Files or directories of .world files.", metavar="PATH...", show_default=False
    ),
]
Spec = Annotated[
    Path, typer.Argument(help="The .world file of the world.", metavar="SPEC", show_default=False)
]
Root = Annotated[
    Path | None,
    typer.Option(metavar="DIR", help="Project root that `use` paths may not leave."),
]
Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write here instead of standard output."),
]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Also print timings and details.")]


def analysis_or_exit(spec: Path, root: Path | None) -> Analysis:
    return analysis_and_report(spec, root)[0]


def analysis_and_report(spec: Path, root: Path | None) -> tuple[Analysis, CheckReport]:
    """The analysed world, or exit 1 with its errors (2 for a missing file)."""
    from worldspec.check import analyze_path

    try:
        analysis, report = analyze_path(spec, root)
    except worldspec.UsageError as err:
        fail(str(err))
    errors = [d for d in report.diagnostics if d.level is Severity.ERROR]
    if analysis is None or errors:
        typer.echo(reporters.render_text(errors or report.diagnostics, report.sources), err=True)
        typer.echo(f"error: {spec}: fix the errors above first (worldspec check)", err=True)
        raise typer.Exit(1)
    return analysis, report


def emit(text: str, output: Path | None) -> None:
    """`text` to standard output, or whole to the file `output`."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from worldspec.corpus.shards import write_atomic

    if output.is_dir():
        fail(f"{output} is a directory; give a file to write")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, text)
    except OSError as err:
        fail(f"{output}: cannot be written: {err.strerror or err}")


@contextlib.contextmanager
def status(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A spinner naming the current stage, on a terminal only (never in a pipe or CI
    log, where it would be noise)."""
    if not enabled or not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console

    with Console(stderr=True).status("checking") as spinner:
        yield lambda text: spinner.update(text)


@contextlib.contextmanager
def progress_bar(
    show: bool, total: int, label: str = "compiling"
) -> Iterator[Callable[[int], None]]:
    """A rich progress bar with documents/s and ETA, on a terminal only."""
    if not show:
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("compile", total=total, rate="")
        started = time.perf_counter()
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            rate = done / max(time.perf_counter() - started, 1e-9)
            bar.update(task, advance=count, rate=f"{rate:,.0f} docs/s")

        yield advance
