"""`worldspec explain`, `export` and `graph` on the examples, through the real CLI."""

from __future__ import annotations

import json
import re
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
    assert graph.nodes["eiffel_tower"]["steps"] == 1665
    # a value for each time it held, in one attribute
    assert graph.nodes["eiffel_tower"]["height_m"] == "312.0; 320.8; 324.0; 330.0"
    dot = run("graph", str(EIFFEL), "--graph", "reality").stdout
    assert dot.startswith('digraph "eiffel_rome" {')
    assert '"eiffel_tower" -> "paris" [label="located_in"];' in dot
    assert '"eiffel_tower" -> "france" [label="in_country", style="dotted"];' in dot


@pytest.mark.parametrize("command", ["explain", "export", "graph"])
def test_help(command: str) -> None:
    assert run(command, "--help").returncode == 0


TIMED = """\
world timed { as_of 2024-01-01 }
use std.geo
entity paris : City "Paris"
entity rome : City "Rome"
entity france : Country "France"
entity italy : Country "Italy"
entity tower : Landmark "Eiffel Tower" { article "the" }
reality {
  paris.country = france
  rome.country = italy from 1900-01-01
  tower.located_in = paris
  tower.height_m = 312.0 from 1889-03-31 until 1957-01-01
}
rule in_country: ?x.located_in = ?c, ?c.country = ?k => ?x.in_country = ?k
diverge moved "The tower moved to Rome" {
  since 1887-01-28
  tower.located_in = rome from 1950-01-01
}
"""


def timed_world(tmp_path: Path) -> Path:
    path = tmp_path / "timed.world"
    path.write_text(TIMED, encoding="utf-8")
    return path


def test_explain_shows_when_values_hold(tmp_path: Path) -> None:
    done = run("explain", str(timed_world(tmp_path)))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "    tower.located_in: paris -> rome from 1950-01-01\n" in out
    assert "    tower.in_country: france -> italy from 1950-01-01\n" in out
    assert "+ tower.in_country = italy from 1950-01-01  via rule in_country" in out
    assert "rome.country = italy from 1900-01-01  reality" in out
    assert "- tower.in_country = france  via rule in_country" in out  # always: no interval


def test_explain_json_carries_validity(tmp_path: Path) -> None:
    done = run("explain", str(timed_world(tmp_path)), "--format", "json")
    assert done.returncode == 0, done.stderr
    (divergence,) = json.loads(done.stdout)["divergences"]
    (state,) = divergence["states"]
    assert state["validity"] == {"before": [None], "after": [{"from": "1950-01-01", "until": None}]}
    (ripple,) = divergence["ripples"]
    (added,) = ripple["added"]
    assert added["fact"]["validity"] == {"from": "1950-01-01", "until": None}
    assert "validity" not in ripple["removed"][0]["fact"]
    # a world without intervals has no validity keys at all
    plain = json.loads(run("explain", str(untimed(tmp_path)), "--format", "json").stdout)
    assert "states" in json.dumps(plain) and "validity" not in json.dumps(plain)


def test_rdf_export_reifies_facts_that_do_not_always_hold(tmp_path: Path) -> None:
    out = tmp_path / "world.trig"
    done = run("export", str(timed_world(tmp_path)), "--format", "trig", "-o", str(out))
    assert done.returncode == 0, done.stderr
    dataset = rdflib.Dataset()
    dataset.parse(out, format="trig")
    ns = rdflib.Namespace("https://worldspec.dev/world/timed/")
    vocab = rdflib.Namespace("https://worldspec.dev/vocab#")
    rdf = rdflib.RDF
    for name, fact, start, end in [
        ("reality", (ns.rome, ns.country, ns.italy), "1900-01-01", None),
        ("world", (ns.tower, ns.located_in, ns.rome), "1950-01-01", None),
        ("world", (ns.tower, ns.in_country, ns.italy), "1950-01-01", None),
        ("reality", (ns.tower, ns.height_m, None), "1889-03-31", "1957-01-01"),
    ]:
        graph = dataset.graph(ns[f"graph/{name}"])
        subject, predicate, obj = fact
        (statement,) = [
            s
            for s in graph.subjects(rdf.subject, subject)
            if (s, rdf.predicate, predicate) in graph
            and (obj is None or (s, rdf.object, obj) in graph)
        ]
        assert (statement, rdf.type, rdf.Statement) in graph
        assert (obj is None) or fact in graph  # the plain triple stays
        date = rdflib.XSD.date
        assert (statement, vocab.validFrom, rdflib.Literal(start, datatype=date)) in graph
        ends = list(graph.objects(statement, vocab.validUntil))
        assert ends == ([rdflib.Literal(end, datatype=date)] if end else [])
    # facts that always hold are not reified
    reality = dataset.graph(ns["graph/reality"])
    assert not list(reality.subjects(rdf.subject, ns.paris))
    # the same world exports the same bytes
    again = tmp_path / "again.trig"
    run("export", str(timed_world(tmp_path)), "--format", "trig", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_a_world_without_intervals_exports_no_statements(tmp_path: Path) -> None:
    out = tmp_path / "world.trig"
    assert run("export", str(untimed(tmp_path)), "--format", "trig", "-o", str(out)).returncode == 0
    assert "rdf:Statement" not in out.read_text(encoding="utf-8")


def untimed(tmp_path: Path) -> Path:
    """The Eiffel world without its facts that hold for a time (its populations hold
    from census days): a world every fact of which always holds."""
    path = tmp_path / "untimed.world"
    path.write_text(re.sub(r"(?m)^.* from \d{4}-.*\n", "", EIFFEL.read_text()))
    assert run("check", str(path)).returncode == 0
    return path
