"""How documents refer to entities: `article`, `noun` and `pronoun`, in the model and
in the checks (WS216-WS218)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from worldspec import parse
from worldspec.check import analyze_path
from worldspec.model import analyze
from worldspec.model.reference import class_words, name_with_article, noun_of, pronoun_of
from worldspec.model.world import World

REPO = Path(__file__).resolve().parent.parent

SCHEMA = """\
world w { as_of 2024-01-01 }
class Place { noun "place" }
class Landmark : Place
class Tower : Landmark
class City : Place { noun "city" }
class Order_channel
class HTTPServer
class API_key
class Person
"""


def world_of(text: str) -> World:
    result = parse(SCHEMA + text, "t.world")
    assert not result.diagnostics, [str(d) for d in result.diagnostics]
    analysis = analyze([result.module])
    assert not analysis.diagnostics, [str(d) for d in analysis.diagnostics]
    return analysis.world


def test_settings_reach_the_model() -> None:
    world = world_of(
        'entity tower : Tower "Eiffel Tower" {\n  article "the"\n  noun "tower"\n}\n'
        'entity ada : Person "Ada Moreau" { pronoun "she" }\n'
    )
    tower, ada = world.entities["tower"], world.entities["ada"]
    assert (tower.article, tower.noun, tower.pronoun) == ("the", "tower", None)
    assert (ada.article, ada.noun, ada.pronoun) == (None, None, "she")
    assert world.classes["City"].noun == "city"
    assert world.classes["Landmark"].noun is None


def test_name_with_article() -> None:
    world = world_of(
        'entity tower : Tower "Eiffel Tower" { article "the" }\n'
        'entity paris : City "Paris"\n'
        'entity hague : City "The Hague" { article "the" }\n'
    )
    assert name_with_article(world, "tower") == "the Eiffel Tower"
    assert name_with_article(world, "paris") == "Paris"
    assert name_with_article(world, "hague") == "The Hague"  # not "the The Hague"
    assert name_with_article(world, "nobody") == "nobody"


def test_noun_of_falls_back_from_entity_to_class_to_ancestor_to_the_class_name() -> None:
    world = world_of(
        'entity tower : Tower "Eiffel Tower" { noun "tower" }\n'
        'entity spire : Tower "Spire"\n'
        'entity paris : City "Paris"\n'
        'entity portal : Order_channel "Portal"\n'
        'entity server : HTTPServer "httpd"\n'
        'entity key : API_key "Key"\n'
    )
    assert noun_of(world, "tower") == "tower"  # its own
    assert noun_of(world, "paris") == "city"  # its class's
    assert noun_of(world, "spire") == "place"  # Tower, Landmark have none: Place's
    assert noun_of(world, "portal") == "order channel"  # the class name in words
    assert noun_of(world, "server") == "HTTP server"
    assert noun_of(world, "key") == "API key"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Order_channel", "order channel"),
        ("OrderChannel", "order channel"),
        ("Government_agency", "government agency"),
        ("City", "city"),
        ("HTTPServer", "HTTP server"),
        ("Body_of_water", "body of water"),
    ],
)
def test_class_words(name: str, words: str) -> None:
    assert class_words(name) == words


def test_pronoun_of_defaults_to_it() -> None:
    world = world_of('entity ada : Person "Ada" { pronoun "she" }\nentity bob : Person "Bob"\n')
    assert pronoun_of(world, "ada") == "she"
    assert pronoun_of(world, "bob") == "it"
    assert pronoun_of(world, "nobody") == "it"


def test_std_classes_and_example_entities_say_how_they_are_referred_to() -> None:
    analysis, _ = analyze_path(REPO / "examples" / "libfoo_unpatched.world")
    assert analysis is not None
    world = analysis.world
    assert all(info.noun for info in world.classes.values())  # every std class has one
    assert name_with_article(world, "foo_project") == "the Foo Project"
    assert noun_of(world, "foo_project") == "project"
    assert noun_of(world, "libfoo") == "library"  # from std.software's Library


def check(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    world = tmp_path / "w.world"
    world.write_text(SCHEMA + text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "worldspec", "check", "w.world"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


def test_reference_words_are_checked_through_the_cli(tmp_path: Path) -> None:
    done = check(
        tmp_path,
        'entity ada : Person "Ada" { pronoun "her" }\n'
        'entity bob : Person "Bob" { pronoun "xe" }\n'
        'entity paris : City "Paris" { article "" }\n'
        'entity rome : City "Rome" { noun " " }\n'
        'entity tower : Tower "Tower" { article "The" }\n'
        'entity hill : Tower "Hill" { article "ye" }\n'
        'entity ok : Tower "Fine" {\n  article "an"\n  noun "tower"\n  pronoun "they"\n}\n',
    )
    assert done.returncode == 1
    out = done.stdout
    assert "w.world:10:37: WS216 unknown pronoun 'her'; it is one of it, he, she, they" in out
    assert '= help: write "she"' in out
    assert "w.world:11:37: WS216 unknown pronoun 'xe'" in out
    assert "w.world:12:39: WS217 an empty article" in out
    assert "w.world:13:34: WS217 an empty noun" in out
    assert "w.world:14:40: WS218 'The' is written before the name" in out
    assert '= help: write "the"' in out
    assert "w.world:15:38: WS218 'ye'" in out
    findings = [line for line in out.splitlines() if line.startswith("w.world:")]
    assert len(findings) == 6  # nothing about `ok`


def test_reference_words_are_single_settings(tmp_path: Path) -> None:
    done = check(tmp_path, 'entity tower : Tower "Tower" {\n  noun "tower"\n  noun "spire"\n}\n')
    assert "w.world:12:3: WS202 'noun' is already set in this block" in done.stdout
    done = check(tmp_path, 'class Hall {\n  noun "hall"\n  noun "room"\n}\n')
    assert "w.world:12:3: WS202 'noun' is already set in this block" in done.stdout


def test_entities_declared_in_a_divergence_are_checked_too(tmp_path: Path) -> None:
    done = check(
        tmp_path,
        'diverge d "new" {\n  entity atlantis : City "Atlantis" { pronoun "It" }\n}\n',
    )
    assert "w.world:11:47: WS216 unknown pronoun 'It'" in done.stdout
    assert '= help: write "it"' in done.stdout
