"""`worldspec explain`, `export` and `graph` on the examples, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

REPO = Path(__file__).resolve().parent.parent
EIFFEL = REPO / "examples" / "eiffel_rome.world"
W = rdflib.Namespace("https://worldspec.dev/world/eiffel_rome/")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_explain_text_shows_the_in_country_ripple_and_its_chain() -> None:
    done = run("explain", str(EIFFEL))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "divergence eiffel_in_rome: The Eiffel Tower was built in Rome" in out
    assert "eiffel_tower.located_in: paris -> rome" in out
    assert "eiffel_tower.in_country: france -> italy" in out
    assert "+ eiffel_tower.in_country = italy  via rule in_country" in out
    assert "- eiffel_tower.in_country = france  via rule in_country" in out
    assert "eiffel_tower.located_in = rome  divergence eiffel_in_rome" in out
    assert "rome.country = italy  reality" in out


def test_explain_json() -> None:
    done = run("explain", str(EIFFEL), "--divergence", "eiffel_in_rome", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    (divergence,) = data["divergences"]
    (ripple,) = divergence["ripples"]
    assert (ripple["subject"], ripple["property"], ripple["before"], ripple["after"]) == (
        "eiffel_tower",
        "in_country",
        ["france"],
        ["italy"],
    )
    (added,) = ripple["added"]
    assert added["rule"] == "in_country"
    assert [p["fact"]["object"] for p in added["premises"]] == ["rome", "italy"]
    assert added["premises"][0]["divergence"] == "eiffel_in_rome"


def test_explain_errors() -> None:
    assert run("explain", "missing.world").returncode == 2
    unknown = run("explain", str(EIFFEL), "-d", "nope")
    assert unknown.returncode == 2 and "no divergence 'nope'" in unknown.stderr


def test_explain_refuses_a_broken_world(tmp_path: Path) -> None:
    bad = tmp_path / "bad.world"
    bad.write_text("entity x : Nope\n", encoding="utf-8")
    done = run("explain", str(bad))
    assert done.returncode == 1
    assert "WS203" in done.stderr


def test_trig_round_trips_with_both_named_graphs(tmp_path: Path) -> None:
    out = tmp_path / "world.trig"
    assert run("export", str(EIFFEL), "--format", "trig", "-o", str(out)).returncode == 0
    dataset = rdflib.Dataset()
    dataset.parse(out, format="trig")
    reality = dataset.graph(W["graph/reality"])
    world = dataset.graph(W["graph/world"])
    assert (W.eiffel_tower, W.located_in, W.paris) in reality
    assert (W.eiffel_tower, W.located_in, W.rome) in world
    assert (W.eiffel_tower, W.located_in, W.paris) not in world
    assert (W.eiffel_tower, W.in_country, W.italy) in world  # derived facts are exported
    assert (W.eiffel_tower, W.in_country, W.france) in reality
    default = dataset.default_graph
    assert (W.eiffel_tower, rdflib.RDFS.label, rdflib.Literal("Eiffel Tower")) in default
    assert (W.City, rdflib.RDFS.subClassOf, W.Place) in default
    height = rdflib.Literal(330.0, datatype=rdflib.XSD.double)
    assert (W.eiffel_tower, W.height_m, height) in reality


@pytest.mark.parametrize(("fmt", "rdf_format"), [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_single_graph_formats_round_trip(tmp_path: Path, fmt: str, rdf_format: str) -> None:
    from worldspec.check import analyze_path
    from worldspec.export.rdf import to_graph

    analysis, _ = analyze_path(EIFFEL)
    assert analysis is not None
    for which in ("reality", "world"):
        out = tmp_path / f"{which}.{fmt}"
        done = run("export", str(EIFFEL), "--format", fmt, "--graph", which, "-o", str(out))
        assert done.returncode == 0, done.stderr
        loaded = rdflib.Graph().parse(out, format=rdf_format)
        expected = to_graph(analysis.world, which)  # type: ignore[arg-type]
        assert isomorphic(loaded, expected)


def test_graph_exports(tmp_path: Path) -> None:
    out = tmp_path / "w.graphml"
    assert run("graph", str(EIFFEL), "--format", "graphml", "-o", str(out)).returncode == 0
    graph = nx.read_graphml(out)
    assert graph.nodes["eiffel_tower"]["label"] == "Eiffel Tower"
    assert graph.has_edge("eiffel_tower", "rome")
    assert graph.nodes["eiffel_tower"]["height_m"] == 330.0
    dot = run("graph", str(EIFFEL), "--graph", "reality").stdout
    assert dot.startswith('digraph "eiffel_rome" {')
    assert '"eiffel_tower" -> "paris" [label="located_in"];' in dot
    assert '"eiffel_tower" -> "france" [label="in_country", style="dotted"];' in dot


@pytest.mark.parametrize("command", ["explain", "export", "graph"])
def test_help(command: str) -> None:
    assert run(command, "--help").returncode == 0
