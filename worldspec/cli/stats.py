"""`worldspec stats`: the quality of a corpus's text, ours or a user's JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from worldspec.cli.common import Root, TextOrJson, analysis_or_exit, command, fail
from worldspec.corpus.stats import SAMPLE_DOCUMENTS


@command("stats")
def stats_command(
    corpus: Annotated[
        list[Path],
        typer.Argument(
            help="A corpus directory (its docs-*.jsonl), or JSON Lines files of documents "
            'with a "text" (and optionally a "genre").',
            metavar="CORPUS...",
            show_default=False,
        ),
    ],
    spec: Annotated[
        Path | None,
        typer.Option(
            metavar="SPEC",
            help="The world's .world file, whose names a sentence about the world names "
            "(default: a corpus directory's world.trig).",
        ),
    ] = None,
    format: Annotated[
        TextOrJson, typer.Option("--format", help="text for people, json for tools.")
    ] = TextOrJson.text,
    sample: Annotated[
        int,
        typer.Option(
            min=1,
            metavar="N",
            help="Documents of the sample (drawn at random, the same on every run) that "
            "distinct 4-grams and redundancy are measured on.",
        ),
    ] = SAMPLE_DOCUMENTS,
    root: Root = None,
) -> None:
    """Measure a corpus: grounding, boilerplate, variety, length.

    Overall and per genre: the share of sentences that name nothing of the world, the
    share whose exact text is in more than 1% of the documents, distinct word
    4-grams, cross-document redundancy (zlib), words, facts per 100 words, and
    doubled punctuation and words.
    """
    from worldspec.corpus.stats import (
        StatsInputError,
        corpus_files,
        measure,
        read_documents,
        render_text,
    )

    try:
        files = [file for path in corpus for file in corpus_files(path)]
        names = _names(corpus, spec, root)
        report = measure(read_documents(files), names, sample)
    except StatsInputError as err:
        fail(str(err))
    if report["documents"] == 0:
        fail(f"no documents in {', '.join(map(str, corpus))}")
    if format is TextOrJson.json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        typer.echo(render_text(report, ", ".join(map(str, corpus))), nl=False)


def _names(corpus: list[Path], spec: Path | None, root: Path | None) -> list[str] | None:
    """The world's names: from the spec, else from the corpus directories' world.trig
    (None when neither is there: `unanchored` cannot be measured)."""
    from worldspec.corpus.stats import StatsInputError, names_of_trig, names_of_world

    if spec is not None:
        return names_of_world(analysis_or_exit(spec, root).world)
    graphs = [path / "world.trig" for path in corpus if (path / "world.trig").is_file()]
    if not graphs:
        return None
    names: set[str] = set()
    for graph in graphs:
        try:
            names.update(names_of_trig(graph.read_text(encoding="utf-8")))
        except Exception as err:  # rdflib raises its parsers' own errors
            raise StatsInputError(f"{graph}: cannot be read as TriG: {err}") from err
    return sorted(names)
