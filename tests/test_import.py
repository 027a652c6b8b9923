# ruff: noqa: E501  (N-Triples lines are as long as their IRIs)
"""`worldspec import` (issue 14): Wikidata dumps, RDF and SPARQL results into a world
module, through the real CLI; and `check --against`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from worldspec.check import analyze_path
from worldspec.ingest import import_graph
from worldspec.ingest.emit import checked_text
from worldspec.ingest.sources import wikidata_date
from worldspec.plan import DocPlan, PlannedFact
from worldspec.verify import Verifier

sys.path.insert(0, str(Path(__file__).parent))
from wikidata_sample import claim, entity, fillers, item, landmarks, write_dump

REPO = Path(__file__).resolve().parent.parent
MAPPINGS = ["std.geo", "std.people"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "sample.json.gz"
    write_dump(path, [*landmarks(), *fillers(300)])
    return path


def facts_of(text: str) -> list[str]:
    return [
        line.split("#")[0].strip()
        for line in text.splitlines()
        if line.startswith("  ") and "." in line and "=" in line
    ]


def test_a_wikidata_dump_imports_from_seeds_a_pass_a_hop(dump: Path) -> None:
    report = import_graph([dump], MAPPINGS, seeds=["Q243"], hops=2)
    facts = facts_of(report.text)
    assert "eiffel_tower_q243.located_in = paris_q90" in facts
    assert "eiffel_tower_q243.opened = 1889-03-31" in facts
    assert "gustave_eiffel_q20882.birthplace = dijon_q7003" in facts
    # within two hops of the tower: Paris's facts and France's, not Italy's (three)
    assert "paris_q90.country = france_q142" in facts
    assert "france_q142.borders = italy_q38" in facts
    assert not any(f.startswith("italy_q38.") for f in facts)
    # Italy is declared (a fact names it) without its own facts; the fillers are not
    assert 'entity italy_q38 : Country "Italy"' in report.text
    assert "town" not in report.text.lower()
    # hops + 1 passes, and one more for the names of what the last hop reached
    assert report.passes == 4
    # a deprecated claim is left out; every fact names its source
    assert "area_km2" not in report.text
    assert "# wd:Q243 wdt:P131" in report.text


def test_facts_in_time_come_from_qualifiers(dump: Path) -> None:
    report = import_graph([dump], MAPPINGS, seeds=["Q90", "Q38"], hops=0)
    facts = facts_of(report.text)
    # points in time: each census holds until the next
    assert "paris_q90.population = 2165423 from 2019-01-01 until 2021-01-01" in facts
    assert "paris_q90.population = 2133111 from 2021-01-01" in facts
    assert "italy_q38.capital = rome_q220 from 1871-02-03" in facts
    assert wikidata_date({"time": "+1889-00-00T00:00:00Z", "precision": 9}) == "1889-01-01"
    assert wikidata_date({"time": "-0044-03-15T00:00:00Z", "precision": 11}) is None


def test_the_module_checks_clean_and_a_world_can_use_it(dump: Path, tmp_path: Path) -> None:
    out = tmp_path / "reality.world"
    done = run("import", str(dump), "-m", "std.geo", "-m", "std.people", "--seed", "Q243",
               "--hops", "3", "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "imported 9 entities" in done.stdout
    world = tmp_path / "main.world"
    world.write_text(
        'world w { as_of 2024-01-01 }\nuse "reality.world"\n'
        'entity rome_q220b : City "Roma"\n'
        "diverge moved { eiffel_tower_q243.located_in = rome_q220b }\n"
    )
    checked = run("check", str(world))
    assert checked.returncode == 0, checked.stdout
    # its aliases reach the leak check: the City of Light is Paris
    analysis, _ = analyze_path(world)
    assert analysis is not None
    forbidden = PlannedFact(subject="eiffel_tower_q243", property="located_in", object="paris_q90")
    plan = DocPlan(id="d", index=0, genre="news_article", date="2020-01-01", seed=1,  # type: ignore[arg-type]
                   divergences=["moved"], facts=[], ripples=[], context=[], forbidden=[forbidden])  # fmt: skip
    text = "The Eiffel Tower stands proudly in the City of Light."
    assert [f.reason for f in Verifier(analysis.world).check(text, plan)] == ["reality-leak"]
    # and its neighbours: the Seine is Paris's river, not Rome's
    text = "The Eiffel Tower rises above the Seine."
    found = Verifier(analysis.world).check(text, plan)
    assert [(f.reason, f.detail) for f in found] == [
        ("reality-leak", "eiffel_tower_q243.located_in=paris_q90 via seine_q1471")
    ]
    assert Verifier(analysis.world, neighbours=False).check(text, plan) == []
    # what the world ties to the tower or to Rome is no clue: its architect, Italy
    clean = "The Eiffel Tower, by Gustave Eiffel, is one of the sights of Rome in Italy."
    assert Verifier(analysis.world).check(clean, plan) == []


def test_the_module_is_written_as_fmt_writes_it(tmp_path: Path) -> None:
    odd = entity("Q5001", 'The "Odd" \\ Name', "Q515", ["Ünïcode alias", "tab\there"],
                 P17=[claim("P17", item("Q142"))])  # fmt: skip
    path = tmp_path / "dump.json"
    write_dump(path, [*landmarks(), odd])
    text = import_graph([path], MAPPINGS).text
    assert checked_text(text) == text  # it parses, and formatting changes nothing
    assert "entity the_odd_name_q5001 : City" in text


def test_ids_are_stable_across_imports(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "dump.json", tmp_path / "b" / "dump.json"
    write_dump(first, landmarks())
    extra = entity("Q456", "Lyon", "Q515", [], P17=[claim("P17", item("Q142"))])
    write_dump(second, [extra, *landmarks()])
    before = import_graph([first], MAPPINGS).text
    after = import_graph([second], MAPPINGS).text
    added = set(after.splitlines()) - set(before.splitlines())
    assert set(before.splitlines()) <= set(after.splitlines())
    assert {line.split("#")[0].strip() for line in added} == {
        'entity lyon_q456 : City "Lyon"',
        "lyon_q456.country = france_q142",
    }


def test_a_malformed_line_stops_the_import_or_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    write_dump(path, landmarks())
    lines = path.read_text().splitlines()
    lines.insert(3, '{"type":"item","id":"Q999",,}')
    path.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.world"
    stopped = run("import", str(path), "-m", "std.geo", "-o", str(out))
    assert stopped.returncode == 2
    assert f"{path}:4: not a Wikidata entity" in stopped.stderr
    assert not out.exists() and "Traceback" not in stopped.stderr
    kept = run("import", str(path), "-m", "std.geo", "-o", str(out), "--keep-going")
    assert kept.returncode == 0, kept.stderr
    assert "skipped 1 malformed lines" in kept.stdout and f"{path}:4:" in kept.stdout
    assert "paris_q90" in out.read_text()


def test_compressed_dumps_stream(tmp_path: Path) -> None:
    texts = []
    for name in ("d.json", "d.json.gz", "d.json.bz2"):
        write_dump(tmp_path / name, landmarks())
        texts.append(import_graph([tmp_path / name], MAPPINGS, seeds=["Q90"], hops=1).text)
    assert texts[0].split("\n", 1)[1] == texts[1].split("\n", 1)[1] == texts[2].split("\n", 1)[1]


NTRIPLES = """\
<http://www.wikidata.org/entity/Q90> <http://www.w3.org/2000/01/rdf-schema#label> "Paris"@en .
<http://www.wikidata.org/entity/Q90> <http://www.w3.org/2000/01/rdf-schema#label> "Parigi"@it .
<http://www.wikidata.org/entity/Q90> <http://www.wikidata.org/prop/direct/P31> <http://www.wikidata.org/entity/Q515> .
<http://www.wikidata.org/entity/Q90> <http://www.wikidata.org/prop/direct/P17> <http://www.wikidata.org/entity/Q142> .
<http://www.wikidata.org/entity/Q90> <http://www.wikidata.org/prop/direct/P1082> "2133111"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<http://www.wikidata.org/entity/Q142> <http://www.w3.org/2000/01/rdf-schema#label> "France"@en .
<http://www.wikidata.org/entity/Q142> <http://www.wikidata.org/prop/direct/P31> <http://www.wikidata.org/entity/Q6256> .
<http://example.org/ada> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .
<http://example.org/ada> <http://schema.org/name> "Ada \\"the first\\" Moreau" .
<http://example.org/ada> <http://schema.org/birthDate> "1815-12-10"^^<http://www.w3.org/2001/XMLSchema#date> .
<http://example.org/ada> <http://schema.org/birthPlace> <http://www.wikidata.org/entity/Q90> .
_:b1 <http://schema.org/name> "a blank node" .
"""

TURTLE = """\
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
wd:Q90 rdfs:label "Paris"@en ; wdt:P31 wd:Q515 ; wdt:P17 wd:Q142 ;
    wdt:P1082 "2133111"^^xsd:decimal .
wd:Q142 rdfs:label "France"@en ; wdt:P31 wd:Q6256 .
<http://example.org/ada> a schema:Person ; schema:name "Ada \\"the first\\" Moreau" ;
    schema:birthDate "1815-12-10"^^xsd:date ; schema:birthPlace wd:Q90 .
"""


TRIG = TURTLE.replace("wd:Q90 rdfs:label", "<http://example.org/g> {\nwd:Q90 rdfs:label") + "}\n"
JSONLD = json.dumps(
    {
        "@context": {"wd": "http://www.wikidata.org/entity/", "s": "http://schema.org/",
                     "wdt": "http://www.wikidata.org/prop/direct/",
                     "label": {"@id": "http://www.w3.org/2000/01/rdf-schema#label"}},
        "@graph": [
            {"@id": "wd:Q90", "label": {"@value": "Paris", "@language": "en"},
             "wdt:P31": {"@id": "wd:Q515"}, "wdt:P17": {"@id": "wd:Q142"},
             "wdt:P1082": {"@value": "2133111", "@type": "http://www.w3.org/2001/XMLSchema#decimal"}},
            {"@id": "wd:Q142", "label": {"@value": "France", "@language": "en"},
             "wdt:P31": {"@id": "wd:Q6256"}},
            {"@id": "http://example.org/ada", "@type": "s:Person",
             "s:name": 'Ada "the first" Moreau',
             "s:birthDate": {"@value": "1815-12-10", "@type": "http://www.w3.org/2001/XMLSchema#date"},
             "s:birthPlace": {"@id": "wd:Q90"}},
        ],
    }
)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "oxigraph"),
    [
        ("g.nt", NTRIPLES, False),
        ("g.ttl", TURTLE, False),
        ("g.ttl", TURTLE, True),
        ("g.trig", TRIG, False),
        ("g.trig", TRIG, True),
        ("g.jsonld", JSONLD, False),
        ("g.jsonld", JSONLD, True),
    ],
)
def test_rdf_imports_the_same_world(
    tmp_path: Path, name: str, text: str, oxigraph: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from worldspec.ingest import sources

    if oxigraph:
        pytest.importorskip("pyoxigraph")
    monkeypatch.setattr(sources, "_has_pyoxigraph", lambda: oxigraph)
    path = tmp_path / name
    path.write_text(text)
    report = import_graph([path], MAPPINGS)
    facts = facts_of(report.text)
    assert set(facts) == {
        "ada.birthplace = paris_q90",
        "ada.born = 1815-12-10",
        "paris_q90.country = france_q142",
        "paris_q90.population = 2133111",
    }
    assert 'entity ada : Person "Ada \\"the first\\" Moreau"' in report.text
    assert "Parigi" not in report.text  # labels in the language asked for


def test_a_malformed_ntriples_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "g.nt"
    path.write_text(NTRIPLES + "<http://x> <http://y> oops .\n")
    done = run("import", str(path), "-m", "std.geo")
    assert done.returncode == 2 and f"{path}:13: not an N-Triples statement" in done.stderr


def test_sparql_json_results(tmp_path: Path) -> None:
    def uri(value: str) -> dict[str, str]:
        return {"type": "uri", "value": value}

    wd = "http://www.wikidata.org/entity/"
    bindings = [
        {"s": uri(wd + "Q38"), "p": uri(wd + "P36"), "o": uri(wd + "Q220"),
         "sLabel": {"type": "literal", "value": "Italy", "xml:lang": "en"},
         "oLabel": {"type": "literal", "value": "Rome", "xml:lang": "en"},
         "start": {"type": "literal", "value": "1871-02-03T00:00:00Z"}},
        {"s": uri(wd + "Q38"), "p": uri(wd + "P31"), "o": uri(wd + "Q6256")},
        {"s": uri(wd + "Q220"), "p": uri(wd + "P31"), "o": uri(wd + "Q515")},
    ]  # fmt: skip
    path = tmp_path / "results.srj"
    path.write_text(
        json.dumps({"head": {"vars": ["s", "p", "o"]}, "results": {"bindings": bindings}})
    )
    report = import_graph([path], MAPPINGS)
    assert facts_of(report.text) == ["italy_q38.capital = rome_q220 from 1871-02-03"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-m", "std.nowhere"), "no standard mapping 'std.nowhere'; there are std.geo"),
        (("-m", "missing.toml"), "missing.toml: cannot read the mapping"),
        (("-m", "std.geo", "--format", "turtle"), "not turtle"),
    ],
)
def test_bad_input_is_a_clear_error(dump: Path, args: tuple[str, ...], message: str) -> None:
    done = run("import", str(dump), *args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_check_against_reports_a_contradicted_reality(dump: Path, tmp_path: Path) -> None:
    graph = tmp_path / "graph.world"
    done = run("import", str(dump), "-m", "std.geo", "-m", "std.people", "--seed", "Q243",
               "--hops", "3", "-o", str(graph), "-q")  # fmt: skip
    assert done.returncode == 0, done.stderr
    spec = tmp_path / "spec.world"
    text = (REPO / "examples" / "eiffel_rome.world").read_text()
    spec.write_text(text.replace("eiffel_tower.height_m = 330.0", "eiffel_tower.height_m = 300.0"))
    checked = run("check", str(spec), "--against", str(graph))
    assert checked.returncode == 1
    assert "WS701 reality says eiffel_tower.height_m = 300.0, but the graph has 330.0" in (
        checked.stdout
    )
    assert "graph.world:" in checked.stdout  # where the graph says so
    assert checked.stdout.count("WS701") == 1  # France, Paris, the dates all agree
    clean = run("check", str(REPO / "examples" / "eiffel_rome.world"), "--against", str(graph))
    assert clean.returncode == 0, clean.stdout
