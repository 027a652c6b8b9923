"""`worldspec report`: a world and its corpus as one HTML page (worldspec.report)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from worldspec.cli.common import Root, Spec, command, fail


@command("report")
def report_command(
    spec: Spec,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", metavar="FILE", help="The HTML file to write.", show_default=False
        ),
    ],
    corpus: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="A compiled corpus of the world to report on too."),
    ] = None,
    root: Root = None,
) -> None:
    """Write one self-contained HTML page of a world and its corpus.

    The world graph (reality and the world side by side), each divergence with its
    chain of why, traps and tools, the findings of check, and with --corpus:
    documents by genre, date and divergence, rejections, quality figures and
    sample documents with the facts they carry marked. The page loads nothing
    from the network.
    """
    import worldspec
    from worldspec.check import analyze_path
    from worldspec.check.reporters import render_text
    from worldspec.report.page import ReportError, build

    try:
        analysis, report = analyze_path(spec, root, checks=True)
    except worldspec.UsageError as err:
        fail(str(err))
    if analysis is None:  # it does not parse or import: there is nothing to draw
        typer.echo(render_text(report.diagnostics, report.sources), err=True)
        fail(f"{spec}: fix the errors above first (worldspec check)", 1)
    findings = report.diagnostics  # the report shows a world's other errors
    if corpus is not None and not (corpus / "manifest.json").is_file():
        fail(f"{corpus}: not a compiled corpus (no manifest.json)")
    try:
        page = build(analysis, findings, corpus)
    except ReportError as err:
        fail(str(err))
    try:
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(out)
    except OSError as err:
        fail(f"{out}: cannot be written: {err.strerror or err}")
    typer.echo(f"wrote {out} ({len(page.encode()) // 1024:,} KB)", err=True)
