"""WS605 and WS606: `says` phrasings documents can carry, and properties that
documents state without one (issue 11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from worldspec import check_paths

WORLD = """\
world spotify { as_of 2024-01-01 }
class Company
class City
class Country
property hq : Company -> City [one] { says "{s} is based in {o}" }
property country : City -> Country [one] { says "{s} is a city in {o}" }
entity spotify : Company "Spotify"
entity stockholm : City "Stockholm"
entity copenhagen : City "Copenhagen"
entity sweden : Country "Sweden"
entity denmark : Country "Denmark"
reality {
  stockholm.country = sweden
  copenhagen.country = denmark
  spotify.hq = stockholm
}
"""


def findings(tmp_path: Path, text: str) -> list[tuple[str, int, str]]:
    world = tmp_path / "w.world"
    world.write_text(WORLD + text, encoding="utf-8")
    return [(d.code.code, d.span.line, d.message) for d in check_paths([world]).diagnostics]


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("Where is {s}? It is located in {o}", "holds two sentences"),
        ("{s} moved. It is in {o} now", "holds two sentences"),
        ("{s} is in {o}! Really", "holds two sentences"),
        ("Is {s} the home of {o}?", "is a question"),
    ],
)
def test_a_phrasing_that_is_not_one_statement_is_reported(
    tmp_path: Path, phrase: str, problem: str
) -> None:
    found = findings(tmp_path, f'property motto : Company -> string {{ says "{phrase}" }}\n')
    assert found == [
        ("WS605", 17, f"this says phrasing {problem}; documents state a fact in one clause")
    ]


@pytest.mark.parametrize(
    "phrase",
    [
        "{s} has the motto {o}.",
        "{s} was founded by Dr. {o}",
        "{s} lobbies in Washington D.C. for {o}",
        "{s}, known for {o},",
        "{s} (est. 2006) says {o}",
    ],
)
def test_one_statement_passes(tmp_path: Path, phrase: str) -> None:
    assert findings(tmp_path, f'property motto : Company -> string {{ says "{phrase}" }}\n') == []


def test_a_property_a_divergence_sets_needs_says(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text(
        WORLD + "property hq_city : Company -> City [one]\n"
        "reality { spotify.hq_city = stockholm }\n"
        "diverge moved { spotify.hq_city = copenhagen }\n",
        encoding="utf-8",
    )
    (diagnostic,) = check_paths([world]).diagnostics
    assert (diagnostic.code.code, diagnostic.span.line, diagnostic.span.column) == (
        "WS606",
        17,
        10,
    )
    assert diagnostic.message.startswith("'hq_city' has no says phrasing, yet documents state it")
    assert [(r.span.line, r.message) for r in diagnostic.related] == [
        (19, "divergence 'moved' states it here")
    ]


def test_a_property_a_ripple_changes_needs_says(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        "property hq_country : Company -> Country [one]\n"
        "rule hq_country: ?c.hq = ?x, ?x.country = ?k => ?c.hq_country = ?k\n"
        "diverge moved { spotify.hq = copenhagen }\n",
    )
    assert [(code, line) for code, line, _ in found] == [("WS606", 17)]


def test_a_property_documents_never_state_needs_no_says(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        "property founded : Company -> int [one]\n"
        "reality { spotify.founded = 2006 }\n"
        "diverge moved { spotify.hq = copenhagen }\n",
    )
    assert found == []


def test_the_cli_warns_about_the_issue_world(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text(
        WORLD.replace('{ says "{s} is based in {o}" }', "")
        + 'property located_in : City -> Country { says "Where is {s}? It is located in {o}" }\n'
        "diverge moved { spotify.hq = copenhagen }\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "check", str(world)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stdout
    assert "w.world:5:10: WS606 'hq' has no says phrasing" in done.stdout
    assert "w.world:17:" in done.stdout and "WS605 this says phrasing holds two sentences" in (
        done.stdout
    )
    assert "Found 2 warnings in 1 file." in done.stdout
