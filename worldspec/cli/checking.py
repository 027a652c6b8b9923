"""Commands on .world files as source: check, rule, fmt, ast."""

from __future__ import annotations

import difflib
import enum
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer

import worldspec
from worldspec.check import reporters
from worldspec.cli.common import (
    Paths,
    TextOrJson,
    Verbose,
    command,
    fail,
    quiet_option,
    status,
)
from worldspec.diagnostics import Severity


class OutputFormat(enum.StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(enum.StrEnum):
    error = "error"
    warning = "warning"


Codes = Annotated[
    list[str] | None,
    typer.Option(
        metavar="CODES",
        help="Code prefixes, comma-separated or repeated (WS2, WS401).",
        show_default=False,
    ),
]


def _graph(path: Path, root: Path | None) -> tuple[Any, dict[str, Any]]:
    """The graph of --against, analysed, and its sources; exit 2 when it has errors."""
    from worldspec.check import analyze_path

    try:
        analysis, report = analyze_path(path, root)
    except worldspec.UsageError as err:
        fail(str(err))
    errors = [d for d in report.diagnostics if d.level is Severity.ERROR]
    if analysis is None or errors:
        typer.echo(reporters.render_text(errors or report.diagnostics, report.sources), err=True)
        fail(f"{path}: the graph given to --against has errors (worldspec check {path})")
    return analysis, dict(report.sources)


@command("check")
def check(
    paths: Paths,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="How to print findings.")
    ] = OutputFormat.text,
    select: Codes = None,
    ignore: Codes = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 only for findings at or above this severity.")
    ] = FailOn.warning,
    root: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Project root that `use` paths may not leave (default: nearest directory "
            "with worldspec.toml, pyproject.toml or .git).",
        ),
    ] = None,
    against: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="A knowledge graph imported as a .world module (worldspec import): "
            "report reality facts it contradicts (WS701).",
        ),
    ] = None,
    quiet: Annotated[
        bool, quiet_option("Print only the findings, one line each, and no summary.")
    ] = False,
    verbose: Verbose = False,
) -> None:
    """Check .world files for errors and warnings.

    Syntax, imports, names and types, rules and constraints, divergences, traps and
    corpus settings. `# worldspec: ignore[WS401]` at the end of a line suppresses
    that code there. Exits 0 when clean, 1 when there are findings, 2 on a usage or
    I/O error.
    """
    from worldspec.check import selection

    started = time.perf_counter()
    try:
        chosen = selection.parse_codes(select or [])
        dropped = selection.parse_codes(ignore or [])
    except selection.SelectionError as err:
        fail(str(err))
    graph, graph_sources = _graph(against, root) if against is not None else (None, {})
    try:
        with status(enabled=not quiet) as progress:
            report = worldspec.check_paths(paths, root, progress, graph)
    except worldspec.UsageError as err:
        fail(str(err))
    report.sources.update(graph_sources)
    diagnostics = selection.apply(report.diagnostics, report.sources, chosen, dropped)
    if output_format is OutputFormat.json:
        typer.echo(reporters.render_json(diagnostics))
    elif output_format is OutputFormat.sarif:
        from worldspec.check.sarif import render_sarif

        typer.echo(render_sarif(diagnostics))
    elif output_format is OutputFormat.github:
        from worldspec.check.github import render_github

        if diagnostics:
            typer.echo(render_github(diagnostics))
    else:
        if diagnostics:
            typer.echo(reporters.render_text(diagnostics, report.sources, concise=quiet))
        if not quiet:
            typer.echo(reporters.summary(diagnostics, len(report.files)))
    if verbose:
        from worldspec.syntax import accelerator

        typer.echo(
            f"checked {len(report.files)} file(s), {len(report.sources)} module(s) "
            f"in {time.perf_counter() - started:.3f}s with the {accelerator()} parser",
            err=True,
        )
    threshold = Severity.ERROR if fail_on is FailOn.error else Severity.WARNING
    raise typer.Exit(1 if selection.fails(diagnostics, threshold) else 0)


@command("rule")
def rule(
    code: Annotated[
        str | None,
        typer.Argument(
            help="A code such as WS401, or its name.", metavar="CODE", show_default=False
        ),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="List every code.")] = False,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", help="Text for people or JSON for tools.")
    ] = TextOrJson.text,
) -> None:
    """Explain a diagnostic code, as `ruff rule` does, or list them all."""
    from worldspec.diagnostics import CODES
    from worldspec.suggestions import suggest

    if show_all == (code is not None):
        fail("give one CODE, or --all")
    if show_all:
        entries = list(CODES.values())
    else:
        assert code is not None
        entry = CODES.get(code.upper()) or next(
            (c for c in CODES.values() if c.name == code.lower()), None
        )
        if entry is None:
            names = [*CODES, *(c.name for c in CODES.values())]
            hint = suggest(code, names)
            fail(
                f"no diagnostic code '{code}'"
                + (f"; {hint}" if hint else "")
                + " (worldspec rule --all lists them)"
            )
        entries = [entry]
    if output_format is TextOrJson.json:
        rows = [
            {
                "code": e.code,
                "name": e.name,
                "severity": e.severity.value,
                "summary": e.summary,
                "explanation": e.explanation,
                "example": e.example,
            }
            for e in entries
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    if show_all:
        for entry in entries:
            typer.echo(f"{entry.code}  {entry.name:<30} {entry.severity.value:<8} {entry.summary}")
        return
    (entry,) = entries
    typer.echo(f"# {entry.name} ({entry.code})\n")
    typer.echo(f"Default severity: {entry.severity.value}\n")
    typer.echo(f"{entry.summary}\n")
    typer.echo(f"{entry.explanation}\n")
    typer.echo("Example:\n")
    typer.echo("\n".join("    " + line for line in entry.example.splitlines()))


def _write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves the old file or the new one,
    with the old file's permissions."""
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _unified_diff(before: str, after: str, name: str) -> list[str]:
    return list(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            name,
            f"{name} (formatted)",
        )
    )


@command("fmt")
def fmt(
    paths: Paths,
    check_only: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; exit 1 if any file would be reformatted."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Change nothing; print what would change; exit 1 if anything would."
        ),
    ] = False,
    quiet: Annotated[bool, quiet_option("Print only errors, not the summary.")] = False,
    verbose: Verbose = False,
) -> None:
    """Rewrite .world files in the canonical layout, keeping comments.

    PATH '-' formats standard input to standard output.
    """
    if [str(p) for p in paths] == ["-"]:
        _format_stdin(check_only, diff)
    try:
        files = worldspec.check.collect_world_files(paths)
    except worldspec.UsageError as err:
        fail(str(err))
    changed: list[str] = []
    failed = False
    for file in files:
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else err
            typer.echo(f"error: {file}: cannot be read: {reason}", err=True)
            failed = True
            continue
        formatted, result = worldspec.format_text(text, str(file))
        if formatted is None:
            typer.echo(
                reporters.render_text(
                    result.diagnostics, {str(file): result.source}, concise=quiet
                ),
                err=True,
            )
            typer.echo(f"error: {file}: not formatted because of syntax errors", err=True)
            failed = True
            continue
        if formatted == text:
            if verbose:
                typer.echo(f"unchanged {file}", err=True)
            continue
        changed.append(str(file))
        if diff:
            sys.stdout.writelines(_unified_diff(text, formatted, str(file)))
        elif check_only:
            if not quiet:
                typer.echo(f"would reformat {file}")
        else:
            try:
                _write_atomic(file, formatted)
            except OSError as err:
                typer.echo(f"error: {file}: cannot be written: {err.strerror or err}", err=True)
                failed = True
                continue
            if verbose:
                typer.echo(f"reformatted {file}", err=True)
    if not quiet:
        done = "would be reformatted" if (check_only or diff) else "reformatted"
        unchanged = len(files) - len(changed)
        typer.echo(
            f"{len(changed)} file{'s' if len(changed) != 1 else ''} {done}, "
            f"{unchanged} file{'s' if unchanged != 1 else ''} already formatted",
            err=bool(diff),
        )
    if failed:
        raise typer.Exit(2)
    raise typer.Exit(1 if changed and (check_only or diff) else 0)


def _format_stdin(check_only: bool, diff: bool) -> None:
    text = sys.stdin.read()
    formatted, result = worldspec.format_text(text, "<stdin>")
    if formatted is None:
        typer.echo(reporters.render_text(result.diagnostics, {"<stdin>": result.source}), err=True)
        raise typer.Exit(2)
    if check_only or diff:
        if diff and formatted != text:
            sys.stdout.writelines(_unified_diff(text, formatted, "<stdin>"))
        raise typer.Exit(1 if formatted != text else 0)
    sys.stdout.write(formatted)
    raise typer.Exit(0)


@command("ast")
def ast_command(
    path: Annotated[
        Path, typer.Argument(help="A .world file.", metavar="FILE", show_default=False)
    ],
) -> None:
    """Print the syntax tree of a .world file as JSON."""
    from worldspec.syntax.ast import to_json

    if not path.exists():
        fail(f"{path}: no such file or directory")
    if path.is_dir():
        fail(f"{path}: a directory; ast reads one .world file")
    try:
        result = worldspec.parse_file(path)
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else err
        fail(f"{path}: cannot be read: {reason}")
    if result.diagnostics:
        typer.echo(
            reporters.render_text(result.diagnostics, {result.source.path: result.source}), err=True
        )
        raise typer.Exit(1)
    typer.echo(json.dumps(to_json(result.module), indent=2, ensure_ascii=False))
