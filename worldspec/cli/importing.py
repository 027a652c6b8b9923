"""`worldspec import`: reality from a knowledge graph, as a world module."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from worldspec.cli.common import Output, Verbose, command, emit, fail, quiet_option


class SourceFormat(enum.StrEnum):
    auto = "auto"
    wikidata = "wikidata"
    ntriples = "ntriples"
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    xml = "xml"
    sparql = "sparql"


@command("import")
def import_command(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="Wikidata JSON dumps (.json, .json.gz, .json.bz2), RDF files (.nt, .ttl, "
            ".trig, .nq, .jsonld, .rdf) or SPARQL JSON results (.srj).",
            metavar="SOURCE...",
            show_default=False,
        ),
    ],
    mapping: Annotated[
        list[str],
        typer.Option(
            "--mapping",
            "-m",
            metavar="FILE|std.NAME",
            help="A TOML mapping of classes and properties (repeat it); std.geo, "
            "std.people, std.orgs and std.software ship with worldspec.",
            show_default=False,
        ),
    ],
    seed: Annotated[
        list[str] | None,
        typer.Option(
            "--seed",
            metavar="ID",
            help="An entity to start from (a Wikidata id such as Q243, or an IRI; repeat "
            "it). Without seeds, every entity of a mapped class is imported.",
        ),
    ] = None,
    hops: Annotated[
        int,
        typer.Option(min=0, metavar="N", help="How far from the seeds to go (a pass a hop)."),
    ] = 1,
    lang: Annotated[str, typer.Option(metavar="CODE", help="The language of labels.")] = "en",
    source_format: Annotated[
        SourceFormat, typer.Option("--format", help="The sources' format (default: by name).")
    ] = SourceFormat.auto,
    keep_going: Annotated[
        bool,
        typer.Option(
            "--keep-going",
            help="Skip malformed lines (counted, the first few shown) instead of stopping "
            "at the first with nothing written.",
        ),
    ] = False,
    output: Output = None,
    quiet: Annotated[bool, quiet_option("Print nothing but errors.")] = False,
    verbose: Verbose = False,
) -> None:
    """Import reality from a knowledge graph as a .world module.

    A module a world can `use`: entities with their labels and aliases, and reality
    facts with their sources and, from Wikidata's qualifiers, the dates they hold
    between. Sources are read as streams: with --seed, a pass a hop, in memory
    bounded by what is selected.
    """
    from worldspec.ingest import MappingError, SourceError, import_graph
    from worldspec.ingest.emit import EmitError

    if not mapping:
        fail("give at least one --mapping (a TOML file, or std.geo, std.people...)")
    for path in sources:
        if not path.is_file():
            fail(f"{path}: no such file")
    try:
        report = import_graph(
            sources,
            mapping,
            seeds=seed or [],
            hops=hops,
            lang=lang,
            fmt=None if source_format is SourceFormat.auto else source_format.value,
            keep_going=keep_going,
        )
    except (MappingError, SourceError, EmitError) as err:
        fail(str(err))
    emit(report.text, output)
    if not quiet:

        def say(line: str) -> None:  # the module goes to standard output when no -o
            typer.echo(line, err=output is None)

        say(
            f"imported {report.entities} entities and {report.facts} facts "
            f"({report.statements} statements read in {report.passes} pass(es))"
            + (f" to {output}" if output is not None else "")
        )
        if report.malformed:
            say(f"skipped {report.malformed} malformed lines (--keep-going), the first:")
            for line in report.first_malformed:
                say(f"  {line}")
        if verbose and report.skipped:
            say("left out:")
            for reason, count in report.skipped.items():
                say(f"  {count:>6}  {reason}")
    sys.stdout.flush()
