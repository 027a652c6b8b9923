"""Commands that show the analysed world: explain, export, graph."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from worldspec.cli.common import (
    Output,
    Root,
    Spec,
    TextOrJson,
    analysis_or_exit,
    command,
    emit,
    fail,
)


class GraphChoice(enum.StrEnum):
    reality = "reality"
    world = "world"


class ExportFormat(enum.StrEnum):
    trig = "trig"
    turtle = "turtle"
    jsonld = "jsonld"


class GraphFormat(enum.StrEnum):
    dot = "dot"
    graphml = "graphml"


@command("explain")
def explain(
    spec: Spec,
    divergence: Annotated[
        str | None,
        typer.Option("--divergence", "-d", metavar="NAME", help="Only this divergence."),
    ] = None,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", help="Text tree or JSON.")
    ] = TextOrJson.text,
    root: Root = None,
) -> None:
    """Show each divergence and its ripples, with the chain of why."""
    from worldspec.check import explain as explainer
    from worldspec.suggestions import suggest

    analysis = analysis_or_exit(spec, root)
    if divergence is not None and divergence not in analysis.world.divergences:
        hint = suggest(divergence, analysis.world.divergences)
        fail(f"no divergence '{divergence}' in {spec}" + (f"; {hint}" if hint else ""))
    if output_format is TextOrJson.json:
        typer.echo(explainer.render_json(analysis, divergence))
    else:
        sys.stdout.write(explainer.render_text(analysis, divergence))


@command("export")
def export(
    spec: Spec,
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", help="trig holds both graphs; turtle and jsonld one."),
    ] = ExportFormat.trig,
    graph: Annotated[
        GraphChoice, typer.Option("--graph", help="The graph for turtle and jsonld.")
    ] = GraphChoice.world,
    output: Output = None,
    root: Root = None,
) -> None:
    """Export the world as RDF: TriG, Turtle or JSON-LD.

    TriG holds the schema, and reality and the world as named graphs.
    """
    from worldspec.export.rdf import serialize

    analysis = analysis_or_exit(spec, root)
    rdf_format = {"trig": "trig", "turtle": "turtle", "jsonld": "json-ld"}[output_format.value]
    emit(serialize(analysis.world, rdf_format, graph.value), output)


@command("graph")
def graph_command(
    spec: Spec,
    output_format: Annotated[
        GraphFormat, typer.Option("--format", help="Graphviz DOT or GraphML.")
    ] = GraphFormat.dot,
    graph: Annotated[
        GraphChoice, typer.Option("--graph", help="Which graph to draw.")
    ] = GraphChoice.world,
    output: Output = None,
    root: Root = None,
) -> None:
    """Export the entities and their relations as DOT or GraphML."""
    from worldspec.export.graph import to_dot, to_graphml, to_networkx

    analysis = analysis_or_exit(spec, root)
    nx_graph = to_networkx(analysis.world, graph.value)
    emit(to_dot(nx_graph) if output_format is GraphFormat.dot else to_graphml(nx_graph), output)
