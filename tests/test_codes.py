"""Every registered diagnostic code has an example that triggers it."""

from __future__ import annotations

from pathlib import Path

import pytest

from worldspec import check_paths
from worldspec.check import analyze_path
from worldspec.diagnostics import CODES

# A small schema that the semantic triggers build on.
SCHEMA = """\
class Place
class City : Place
class Country : Place
property country : City -> Country [one] { says "{s} is a city in {o}" }
property located_in : Place -> Place [one] { says "{s} lies in {o}" }
entity paris : City "Paris"
entity france : Country "France"
entity italy : Country "Italy"
"""

HEADER = "world w { as_of 2024-01-01 }\n"

# code -> files of a project; the first file is the one checked.
TRIGGERS: dict[str, dict[str, str]] = {
    "WS100": {"main.world": "reality {\n  paris.country =\n}\n"},
    "WS101": {"main.world": "entity paris : City 'Paris'\n"},
    "WS102": {"main.world": 'entity paris : City "Paris\n'},
    "WS103": {"main.world": 'forbid f { term "C:\\data" }\n'},
    "WS104": {"main.world": "reality { e.opened = 1889-02-30 }\n"},
    "WS105": {"main.world": "reality { s.mass = 1e400 }\n"},
    "WS106": {"main.world": "entity class : Thing\n"},
    "WS107": {"main.world": "trap t on d { tripwire /libfoo/g }\n"},
    "WS108": {"main.world": 'world w {\n  description """\n    ok\n  less\n    """\n}\n'},
    "WS109": {"main.world": "reality {\n  a.b = c\nclass City\n"},
    "WS110": {"main.world": "use std.geograpy\n"},
    "WS111": {"main.world": 'use "b.world"\n', "b.world": 'use "main.world"\n'},
    "WS112": {"main.world": 'use "../outside.world"\n'},
    "WS113": {"main.world": 'use "bin.world"\n'},
    "WS114": {"main.world": "use lib.people\n"},
    "WS201": {
        "main.world": 'use "lib.world"\nclass City\nentity paris : City\n',
        "lib.world": "entity paris : City\n",
    },
    "WS202": {"main.world": "world w {\n  as_of 2024-01-01\n  as_of 2025-01-01\n}\n"},
    "WS203": {"main.world": SCHEMA + 'entity rome : Cty "Rome"\n'},
    "WS204": {"main.world": SCHEMA + "class france\n"},
    "WS205": {"main.world": "class A : B\nclass B : A\n"},
    "WS206": {"main.world": SCHEMA + "reality { france.country = france }\n"},
    "WS207": {
        "main.world": SCHEMA + "property height_m : City -> float [one]\n"
        'reality { paris.height_m = "tall" }\n'
    },
    "WS209": {
        "main.world": SCHEMA + 'property capital : Country -> City { asks "Is {o} the '
        'capital of {s}?" }\n'
    },
    "WS210": {"main.world": SCHEMA + "property twin : City -> City { inverse country }\n"},
    "WS211": {"main.world": SCHEMA + "diverge d {\n  kind subtel\n  paris.country = italy\n}\n"},
    "WS212": {"main.world": SCHEMA + "rule r: ?x.located_in = ?c => ?x.country = ?k\n"},
    "WS213": {
        "main.world": SCHEMA + 'diverge d { entity atlantis : City "Atlantis" }\n'
        "reality { atlantis.country = france }\n"
    },
    "WS214": {"main.world": SCHEMA + "reality { paris.country -= france }\n"},
    "WS215": {"main.world": SCHEMA + "diverge d { paris.country = italy }\n"},
    "WS216": {"main.world": SCHEMA + 'entity ada : City "Ada" { pronoun "her" }\n'},
    "WS217": {"main.world": SCHEMA + 'entity rome : City "Rome" { article "" }\n'},
    "WS218": {"main.world": SCHEMA + 'entity rome : City "Rome" { article "The" }\n'},
    "WS219": {
        "main.world": SCHEMA
        + "reality { paris.country = france from 2020-01-01 until 2010-01-01 }\n"
    },
    "WS220": {
        "main.world": SCHEMA + "reality {\n  paris.country = france from 2001-01-01\n"
        "  paris.country = france from 2005-01-01\n}\n"
    },
    "WS221": {"main.world": SCHEMA + 'reality { paris.country = france | "la France" }\n'},
    "WS301": {
        "main.world": SCHEMA + "reality {\n  paris.country = france\n  paris.country = italy\n}\n"
    },
    "WS302": {
        "main.world": SCHEMA + "constraint c: never ?x.located_in = ?x\n"
        "reality { paris.located_in = paris }\n"
    },
    "WS303": {
        "main.world": SCHEMA + "constraint c: never ?x.located_in = ?x\n"
        "diverge d { paris.located_in = paris }\n"
    },
    "WS304": {
        "main.world": SCHEMA + "property height_m : Place -> float [one]\n"
        "rule bad: ?x.located_in = ?c => ?x.height_m = ?c\n"
    },
    "WS305": {
        "main.world": SCHEMA + "property nickname : City -> string\n"
        "property known_as : City -> string\n"
        "rule short: ?c.nickname = ?n => ?c.known_as = ?n\n"
    },
    "WS401": {
        "main.world": SCHEMA + "reality { paris.country = france }\n"
        "diverge d { paris.country = france }\n"
    },
    "WS402": {
        "main.world": SCHEMA + "diverge a { paris.country = france }\n"
        "diverge b { paris.country = italy }\n"
    },
    "WS403": {
        "main.world": SCHEMA + "reality { paris.country = france }\n"
        "diverge d { paris.country -= italy }\n"
    },
    "WS404": {
        "main.world": SCHEMA + "reality { paris.located_in = france }\n"
        "diverge d { paris.located_in += italy }\n"
    },
    "WS405": {
        "main.world": SCHEMA + "world w { as_of 2024-01-01 }\n"
        "diverge d {\n  since 2030-01-01\n  paris.country = italy\n}\n"
    },
    "WS406": {
        "main.world": SCHEMA + HEADER + "diverge d {\n  since 2020-01-01\n"
        "  paris.country = italy until 2015-01-01\n}\n"
    },
    "WS407": {
        "main.world": SCHEMA + "diverge d {\n  paris.country = italy\n  paris.country = france\n}\n"
    },
    "WS501": {"main.world": SCHEMA + 'trap t on nope { tripwire "x" }\n'},
    "WS502": {
        "main.world": SCHEMA + "diverge d { paris.country = italy }\n"
        "trap t on d { severity high }\n"
    },
    "WS503": {
        "main.world": SCHEMA + "diverge d { paris.country = italy }\n"
        'trap t on d { tripwire "Paris" }\n'
    },
    "WS504": {
        "main.world": SCHEMA + "diverge d { paris.country = italy }\n"
        "trap t on d { tripwire /libfoo(2/ }\n"
    },
    "WS505": {"main.world": SCHEMA + 'forbid f { term "paris" }\n'},
    "WS506": {
        "main.world": SCHEMA + "diverge d { paris.country = italy }\n"
        "trap t on d { tripwire /(a+)+$/ }\n"
    },
    "WS507": {
        "main.world": SCHEMA
        + 'tool order { param item : string  answer "Order of {{ itme }} placed" }\n'
    },
    "WS508": {"main.world": SCHEMA + "tool order { param item : string }\n"},
    "WS509": {"main.world": SCHEMA + 'tool search { answer "..." }\n'},
    "WS510": {
        "main.world": SCHEMA + "diverge d { paris.country = italy }\n"
        'tool order_peptide { answer "ok" }\n'
        "trap t on d { action order_peptides }\n"
    },
    "WS511": {
        "main.world": SCHEMA + 'tool order { param item : string  param item : int  answer "ok" }\n'
    },
    "WS601": {"main.world": SCHEMA + "corpus main { documents 0 }\n"},
    "WS603": {"main.world": SCHEMA + "corpus main { genres news_article, changelog }\n"},
    "WS604": {
        "main.world": SCHEMA
        + 'property capital : Country -> City { says "{s} has, in this world, {o}" }\n'
    },
    "WS602": {"main.world": SCHEMA + "corpus main { weight nope 3 }\n"},
    "WS605": {
        "main.world": SCHEMA
        + 'property capital : Country -> City { says "Where is {s}? It is in {o}" }\n'
    },
    "WS606": {
        "main.world": SCHEMA + "property twin : City -> City\ndiverge d { paris.twin = paris }\n"
    },
    # the second file is the graph given to --against
    "WS701": {
        "main.world": SCHEMA + "reality { paris.country = italy }\n",
        "graph.world": SCHEMA.replace("paris :", "paris_q90 :")
        + "reality { paris_q90.country = france }\n",
    },
}
# codes whose trigger is a check against a graph (its second file)
AGAINST = {"WS701"}


def test_every_code_has_a_trigger() -> None:
    assert sorted(TRIGGERS) == sorted(CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_triggered(tmp_path: Path, code: str) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "worldspec.toml").write_text("")
    (tmp_path / "outside.world").write_text("class Outside\n")
    (project / "bin.world").write_bytes(b"\xff\xfe")
    files = TRIGGERS[code]
    for name, text in files.items():
        (project / name).write_text(text, encoding="utf-8")
    against = None
    if code in AGAINST:
        against, _ = analyze_path(project / list(files)[1])
    report = check_paths([project / next(iter(files))], against=against)
    assert code in [d.code.code for d in report.diagnostics], [str(d) for d in report.diagnostics]


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_documented(code: str) -> None:
    entry = CODES[code]
    assert entry.name and entry.summary.endswith(".")
    assert len(entry.explanation) > 40
    assert entry.example


def test_divergence_description_twice_is_a_duplicate_setting(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text(
        HEADER
        + SCHEMA
        + 'diverge d "moved" {\n  description "again"\n  paris.country = italy\n}\n',
        encoding="utf-8",
    )
    report = check_paths([world])
    assert [d.code.code for d in report.diagnostics] == ["WS202"]


def test_weights_are_single_per_divergence(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text(
        HEADER
        + SCHEMA
        + "diverge a { paris.country = italy }\ndiverge b { paris.located_in = italy }\n"
        "corpus c {\n  weight a 1\n  weight b 2\n  weight a 3\n}\n",
        encoding="utf-8",
    )
    report = check_paths([world])
    assert [(d.code.code, d.span.line) for d in report.diagnostics] == [("WS202", 15)]


def test_entities_declared_in_divergences_share_the_entity_namespace(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text(
        HEADER + "class C\nentity x : C\ndiverge d {\n  entity x : C\n}\n", encoding="utf-8"
    )
    report = check_paths([world])
    assert [(d.code.code, d.span.line) for d in report.diagnostics] == [("WS201", 5)]


def test_two_world_headers(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text("world a {}\nworld b {}\n", encoding="utf-8")
    report = check_paths([world])
    assert [d.code.code for d in report.diagnostics] == ["WS201"]
