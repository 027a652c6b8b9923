"""Phrasings for properties without `says` or `asks`, built from the property's name
and range, and the same wording in documents and in probes."""

from __future__ import annotations

import datetime as dt

import pytest

from worldspec import parse
from worldspec.evaluate import make_probes
from worldspec.model import Analysis, analyze
from worldspec.model.phrasing import phrasings, question
from worldspec.plan import DocPlan, PlannedFact
from worldspec.plan.words import fact_sentences
from worldspec.render import PackLibrary, TemplateRenderer
from worldspec.verify import Verifier

SPOTIFY = """
world spotify { as_of 2024-01-01 }
class Company
class Country
class City
class Person
property hq_country : Company -> Country [one]
property located_in : Company -> City [one]
property borders : Country -> Country
property founder : Company -> Person
property founded : Company -> date [one]
property height_m : Company -> float [one] { unit "m" }
property employees : Company -> int [one]
property unscreened : Company -> bool [one]
property screens_orders : Company -> bool [one]
property score : Company -> int
entity spotify : Company "Spotify" { aka "Spotify AB" }
entity sweden : Country "Sweden"
entity denmark : Country "Denmark"
entity norway : Country "Norway"
entity stockholm : City "Stockholm"
entity daniel : Person "Daniel Ek"
reality {
  spotify.hq_country = sweden
  spotify.located_in = stockholm
  sweden.borders = norway
  spotify.founder = daniel
  spotify.founded = 2006-04-23
  spotify.height_m = 40.0
  spotify.employees = 9000
  spotify.unscreened = false
  spotify.screens_orders = true
  spotify.score = 7
}
diverge danish "Spotify is Danish" {
  since 2006-04-23
  spotify.hq_country = denmark
}
"""


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    result = parse(SPOTIFY)
    assert not result.diagnostics, [str(d) for d in result.diagnostics]
    return analyze([result.module])


def fact(key: str, literal: bool = False) -> PlannedFact:
    left, obj = key.split("=")
    subject, prop = left.split(".")
    return PlannedFact(subject=subject, property=prop, object=obj, literal=literal)


@pytest.mark.parametrize(
    ("key", "literal", "sentences"),
    [
        (
            "spotify.hq_country=denmark",
            False,
            ["The hq country of Spotify is Denmark.", "Spotify's hq country is Denmark."],
        ),
        ("spotify.located_in=stockholm", False, ["Spotify is located in Stockholm."]),
        ("sweden.borders=norway", False, ["Sweden borders Norway."]),
        (
            "spotify.founder=daniel",
            False,
            ["Daniel Ek is a founder of Spotify.", "One founder of Spotify is Daniel Ek."],
        ),
        ("spotify.founded=2006-04-23", True, ["Spotify was founded on 23 April 2006."]),
        (
            "spotify.height_m=40.0",
            True,
            ["The height of Spotify is 40 m.", "Spotify's height is 40 m."],
        ),
        ("spotify.employees=9000", True, ["Spotify has 9,000 employees."]),
        ("spotify.unscreened=false", True, ["Spotify is not unscreened."]),
        ("spotify.screens_orders=true", True, ["Spotify screens orders."]),
        ("spotify.score=7", True, ["One score of Spotify is 7."]),
    ],
)
def test_a_property_without_says_reads_as_english(
    analysis: Analysis, key: str, literal: bool, sentences: list[str]
) -> None:
    assert fact_sentences(analysis.world, fact(key, literal)).plain == sentences


def test_a_property_without_asks_is_asked_in_english(analysis: Analysis) -> None:
    world = analysis.world
    asked = {
        name: question(world, name).replace("{s}", "Spotify")
        for name in ("hq_country", "located_in", "founded", "employees", "unscreened", "score")
    }
    assert asked == {
        "hq_country": "What is the hq country of Spotify?",
        "located_in": "Spotify is located in which city?",
        "founded": "When was Spotify founded?",
        "employees": "How many employees does Spotify have?",
        "unscreened": "Is Spotify unscreened?",
        "score": "What is a score of Spotify?",
    }


def test_says_when_there_is_one(analysis: Analysis) -> None:
    result = parse(
        "world w { as_of 2024-01-01 }\nclass C\n"
        'property p : C -> C [one] { says "{s} meets {o}" asks "Whom does {s} meet?" }\n'
    )
    world = analyze([result.module]).world
    assert phrasings(world, "p") == ["{s} meets {o}"]
    assert question(world, "p") == "Whom does {s} meet?"


def test_documents_and_probes_use_the_built_phrasing(analysis: Analysis) -> None:
    statements = {p.input for p in make_probes(analysis) if p.metadata["kind"] == "true_false"}
    assert statements == {
        "True or false: The hq country of Spotify is Denmark.",
        "True or false: The hq country of Spotify is Sweden.",
    }
    plan = DocPlan(
        id="t-0",
        index=0,
        genre="news_article",
        date=dt.date(2020, 1, 1),
        seed=3,
        divergences=["danish"],
        facts=[fact("spotify.hq_country=denmark")],
        ripples=[],
        context=[],
        forbidden=[fact("spotify.hq_country=sweden")],
    )
    written = fact_sentences(analysis.world, plan.facts[0])
    packs = PackLibrary()
    for genre in packs.names:
        text = TemplateRenderer(analysis.world).render(plan, packs.get(genre)).text
        assert "hq country Denmark" not in text
        assert any(sentence in text for sentence in written.plain + written.aliased)
        assert Verifier(analysis.world).check(text, plan) == []
