"""One finding per mistake: an error is reported once, where it is made, and what
only follows from it is not reported again (issue 11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from worldspec import check_paths

HEADER = "world w { as_of 2024-01-01 }\n"
SCHEMA = """\
class Place
class City : Place
class Country : Place
class Landmark : Place
property country : City -> Country [one] { says "{s} is a city in {o}" }
property located_in : Place -> Place [one] { says "{s} stands in {o}" }
property in_country : Place -> Country [one] { says "{s} is in {o}" }
entity paris : City "Paris"
entity rome : City "Rome"
entity france : Country "France"
entity italy : Country "Italy"
entity tower : Landmark "Eiffel Tower"
"""


def findings(tmp_path: Path, text: str) -> list[tuple[str, int]]:
    world = tmp_path / "w.world"
    world.write_text(HEADER + SCHEMA + text, encoding="utf-8")
    report = check_paths([world])
    return [(d.code.code, d.span.line - SCHEMA.count("\n") - 1) for d in report.diagnostics]


def test_an_entity_of_an_unknown_class_gets_no_type_errors(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        'entity spotify : Compny "Spotify"\n'  # line 1
        "reality {\n"
        "  spotify.located_in = paris\n"  # domain: unknown, not wrong
        "  spotify.country = france\n"
        "  tower.located_in = spotify\n"  # range: unknown, not wrong
        "}\n",
    )
    assert found == [("WS203", 1)]


def test_an_entity_whose_class_has_an_unknown_parent_gets_no_type_errors(
    tmp_path: Path,
) -> None:
    found = findings(
        tmp_path,
        "class Firm : Compny\n"  # line 1
        'entity spotify : Firm "Spotify"\n'
        "reality { spotify.located_in = paris }\n",
    )
    assert found == [("WS203", 1)]


def test_an_undefined_name_is_reported_once_with_its_other_uses_as_notes(
    tmp_path: Path,
) -> None:
    world = tmp_path / "w.world"
    world.write_text(
        HEADER + SCHEMA + "reality {\n"
        "  paris.country = frnace\n"
        "  rome.country = frnace\n"
        "  paris.contry = france\n"
        "  rome.contry = italy\n"
        "}\n"
        "rule r: ?x.contry = ?c => ?x.in_country = ?c\n",
        encoding="utf-8",
    )
    report = check_paths([world])
    entity, prop = report.diagnostics
    assert (entity.code.code, entity.message) == ("WS203", "no entity 'frnace'")
    assert [r.message for r in entity.related] == ["'frnace' is used here too"]
    assert (prop.code.code, prop.message) == ("WS203", "no property 'contry'")
    assert [r.span.line for r in prop.related] == [prop.span.line + 1, prop.span.line + 3]


def test_a_divergence_whose_statements_were_rejected_does_not_change_nothing(
    tmp_path: Path,
) -> None:
    found = findings(
        tmp_path,
        "reality { paris.country = france }\n"
        'diverge d { paris.country = "Italy" }\n'  # line 2: WS207, and not WS401
        "diverge e { paris.country = itly }\n"  # line 3: WS203, and not WS401
        "diverge f { paris.country = france }\n",  # line 4: WS401, it is a real one
    )
    assert found == [("WS207", 2), ("WS203", 3), ("WS401", 4)]


def test_a_rejected_statement_keeps_its_property_alive_for_rules(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        "reality {\n  paris.country = france\n  tower.located_in = pariss\n}\n"  # line 3
        "rule in_country: ?x.located_in = ?c, ?c.country = ?k => ?x.in_country = ?k\n",
    )
    assert found == [("WS203", 3)]  # and no WS305 "no fact states 'located_in'"


def test_a_rejected_rule_keeps_its_conclusion_alive(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        "reality { tower.located_in = paris }\n"
        "rule r: ?x.located_in = ?c => ?x.in_country = ?k\n"  # line 2: WS212
        "constraint c: never ?x.in_country = ?x\n",
    )
    assert found == [("WS212", 2)]  # and no WS305 "no rule concludes 'in_country'"


def test_a_constraint_is_not_broken_by_a_rejected_statement(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        "reality {\n"
        "  tower.located_in = paris\n"
        "  paris.country = frnace\n"  # line 3
        "}\n"
        "constraint c: ?x.located_in = ?c => ?c.country = ?k\n",
    )
    assert found == [("WS203", 3)]  # and no WS302 for paris without a country


def test_a_mismatched_inverse_derives_nothing(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        'property twin : City -> City [many] { says "{s} is twinned with {o}" inverse country }\n'
        "diverge d { paris.twin = rome }\n",
    )
    assert found == [("WS210", 1)]  # and no WS304 for the inverse's rome.country = paris


def test_the_cli_reports_an_ill_typed_divergence_once(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text(HEADER + SCHEMA + 'diverge d { paris.country = "Italy" }\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "check", str(world)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert "WS207" in done.stdout and "WS401" not in done.stdout
    assert "Found 1 error in 1 file." in done.stdout
