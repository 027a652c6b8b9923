"""Commands that evaluate a model against the world: probes, score, scan, and diff
between two versions of a world."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from worldspec.cli.common import (
    Root,
    Spec,
    TextOrJson,
    analysis_or_exit,
    command,
    emit,
    fail,
    progress_bar,
    quiet_option,
)


class ScanFormat(enum.StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"


class SeverityChoice(enum.StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


@command("probes")
def probes_command(
    spec: Spec,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="FILE", help="The JSONL file (default: standard output)."
        ),
    ] = None,
    seed: Annotated[int, typer.Option(min=0, metavar="N", help="Seeds the order of choices.")] = 0,
    root: Root = None,
    quiet: Annotated[bool, quiet_option("Print nothing but errors.")] = False,
) -> None:
    """Write evaluation probes for every divergence and ripple.

    The probes are Inspect AI samples (input, choices, target, id, metadata) in JSON
    Lines.
    """
    from worldspec.evaluate import make_probes

    analysis = analysis_or_exit(spec, root)
    lines = [
        probe.model_dump_json(exclude_none=True) + "\n" for probe in make_probes(analysis, seed)
    ]
    emit("".join(lines), out)
    if out is not None and not quiet:
        typer.echo(f"wrote {len(lines)} probes to {out}", err=True)


@command("diff")
def diff_command(
    old: Annotated[
        Path,
        typer.Argument(help="The earlier version of the world.", metavar="OLD", show_default=False),
    ],
    new: Annotated[
        Path, typer.Argument(help="The later version.", metavar="NEW", show_default=False)
    ],
    corpus: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR", help="A corpus compiled from OLD: list the documents NEW changes."
        ),
    ] = None,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", help="Text or JSON.")
    ] = TextOrJson.text,
    root: Root = None,
) -> None:
    """Show what changed between two versions of a world.

    Entities, facts, divergences, traps and ripples; with --corpus, the documents of
    a corpus compiled from OLD that NEW would render differently.
    """
    from worldspec.evaluate.diff import DiffError, rerender, semantic_diff, text_report

    before, after = analysis_or_exit(old, root), analysis_or_exit(new, root)
    diff = semantic_diff(before, after)
    rerendered = None
    written = None
    if corpus is not None:
        try:
            rerendered = list(rerender(before, after, corpus))
        except DiffError as err:
            fail(str(err))
        written = sum(1 for shard in corpus.glob("docs-*.jsonl") for _ in shard.open())
    if output_format is TextOrJson.json:
        data = {**diff, **({"rerender": rerendered} if rerendered is not None else {})}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        typer.echo(text_report(diff, rerendered, written))


@command("score")
def score_command(
    probes: Annotated[
        Path, typer.Argument(help="probes.jsonl.", metavar="PROBES", show_default=False)
    ],
    answers: Annotated[
        Path,
        typer.Argument(
            help="JSONL of id and the model's answer (answer, choice, output, completion "
            "or response).",
            metavar="ANSWERS",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        TextOrJson, typer.Option("--format", help="A table or JSON.")
    ] = TextOrJson.text,
) -> None:
    """Score a model's answers to the probes.

    Each answer counts as the world's, reality's, or other: overall, by probe kind
    and by divergence. Controls (probes whose answer is the
    same in the world and in reality) are scored apart, as kept or other.
    """
    from worldspec.evaluate.score import ScoreError, score, table

    try:
        result = score(probes, answers)
    except ScoreError as err:
        fail(str(err))
    if output_format is TextOrJson.json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        typer.echo(table(result))
        if result["answers_without_probe"]:
            unknown = ", ".join(result["answers_without_probe"])
            typer.echo(f"warning: answers for unknown probes: {unknown}", err=True)


def _transcript_files(transcripts: list[Path]) -> list[Path]:
    """The files named, a directory standing for the transcripts under it."""
    missing = [t for t in transcripts if not t.exists()]
    if missing:
        fail(f"{missing[0]}: no such file or directory")
    return [
        found
        for t in transcripts
        for found in (
            sorted(f for f in t.rglob("*") if f.is_file() and not f.name.startswith("."))
            if t.is_dir()
            else [t]
        )
    ]


@command("scan")
def scan_command(
    spec: Spec,
    transcripts: Annotated[
        list[Path],
        typer.Argument(
            help="Transcripts: JSONL of chat conversations (one a line), or text files; "
            "a directory stands for the files under it.",
            metavar="TRANSCRIPT...",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        ScanFormat, typer.Option("--format", help="How to report hits.")
    ] = ScanFormat.text,
    fail_on: Annotated[
        SeverityChoice,
        typer.Option(help="Exit 1 when a trap of this severity or higher fired."),
    ] = SeverityChoice.low,
    roles: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ROLES",
            help="Roles of the messages to search, comma-separated or repeated: system, "
            "developer, user, assistant, tool, function. Default: assistant (its text and "
            "its tool calls). Messages without a role and plain-text transcripts are "
            "searched whole.",
            show_default=False,
        ),
    ] = None,
    root: Root = None,
    quiet: Annotated[bool, quiet_option("Print only the hits, not the summary.")] = False,
) -> None:
    """Find the world's honeytrap tripwires in model transcripts.

    For each hit: which trap fired, where (transcript, conversation, message, tool
    call) and on what text.
    """
    from worldspec.evaluate.display import quoted
    from worldspec.evaluate.scan import (
        DEFAULT_ROLES,
        ScanError,
        Scanner,
        at_least,
        parse_roles,
        sarif_log,
        summary,
    )

    try:
        chosen_roles = DEFAULT_ROLES if roles is None else parse_roles(roles)
    except ScanError as err:
        fail(f"--roles: {err}")
    analysis = analysis_or_exit(spec, root)
    scanner = Scanner(analysis.world, chosen_roles)
    files = _transcript_files(transcripts)
    total = sum(t.stat().st_size for t in files)
    hits = []
    show = not quiet and sys.stderr.isatty() and total > 64 * 1024 * 1024
    try:
        with progress_bar(show, total, "scanning") as advance:
            for transcript in files:
                for hit in scanner.scan(transcript, advance):
                    if output_format is ScanFormat.text:
                        where = (
                            f"message {hit.message} ({hit.role or '?'}, {hit.where})"
                            if hit.message is not None
                            else hit.where
                        )
                        typer.echo(
                            f"{hit.transcript}:{hit.line}: {hit.trap} [{hit.severity}] "
                            f"{where} {hit.start}-{hit.end}: {quoted(hit.text)}"
                        )
                    hits.append(hit)
    except ScanError as err:
        fail(str(err))
    if output_format is ScanFormat.json:
        typer.echo(json.dumps([h.to_json() for h in hits], indent=2, ensure_ascii=False))
    elif output_format is ScanFormat.sarif:
        typer.echo(json.dumps(sarif_log(analysis.world, hits), indent=2, ensure_ascii=False))
    if not quiet:
        typer.echo(summary(hits, len(analysis.world.traps), len(files)), err=True)
    if any(at_least(h.severity, fail_on.value) for h in hits):
        raise typer.Exit(1)
