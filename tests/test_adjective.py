"""An entity's `adjective`: the word for it before a noun ("French" for France).
Parsed, checked (WS217 when empty, WS202 when given twice), read by the verifier as
naming the entity, and written in a person's lead ("a French civil engineer")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from worldspec.check import analyze_path
from worldspec.plan import DocPlan, PlannedFact
from worldspec.verify import Verifier

REPO = Path(__file__).resolve().parent.parent

WORLD = """
world w { title "t" as_of 2024-01-01 }
class Country
class Person
property nationality : Person -> Country [many] { says "{s} is a citizen of {o}" }
entity france : Country "France" { adjective "French" }
entity ada : Person "Ada" { pronoun "she" }
reality { ada.nationality = france }
"""


def test_an_entity_takes_an_adjective(tmp_path: Path) -> None:
    path = tmp_path / "w.world"
    path.write_text(WORLD, encoding="utf-8")
    analysis, report = analyze_path(path, checks=True)
    assert analysis is not None and report.diagnostics == []
    assert analysis.world.entities["france"].adjective == "French"
    assert analysis.world.entities["ada"].adjective is None


def test_an_empty_or_second_adjective_is_reported(check_codes: Callable[[str], list[str]]) -> None:
    empty = WORLD.replace('adjective "French"', 'adjective ""')
    assert "WS217" in check_codes(empty)
    twice = WORLD.replace('adjective "French"', 'adjective "French" adjective "Gallic"')
    assert "WS202" in check_codes(twice)


def test_the_verifier_reads_the_adjective_as_naming_the_entity() -> None:
    """ "Gustave Eiffel was a French civil engineer" states his nationality, and
    "the French-built Eiffel Tower" names France beside the tower, which the eiffel
    world must not: in reality the tower is in France."""
    analysis, _ = analyze_path(REPO / "examples" / "eiffel_rome.world")
    assert analysis is not None
    verifier = Verifier(analysis.world)
    nationality = PlannedFact(subject="gustave_eiffel", property="nationality", object="france")
    in_france = PlannedFact(subject="eiffel_tower", property="in_country", object="france")
    plan = DocPlan(
        id="t-0",
        index=0,
        genre="encyclopedia_entry",
        date=dt.date(2020, 1, 1),
        seed=1,
        divergences=[],
        facts=[nationality],
        ripples=[],
        context=[],
        forbidden=[in_france],
    )
    assert verifier.check("Gustave Eiffel was a French civil engineer.", plan) == []
    found = verifier.check(
        "Gustave Eiffel was a French civil engineer. The Eiffel Tower is a French landmark.",
        plan,
    )
    assert [f.reason for f in found] == ["reality-leak"]


def test_a_person_s_lead_says_their_nationality_as_an_adjective() -> None:
    """ "Gustave Eiffel (15 December 1832 – 27 December 1923) was a French civil
    engineer.", not "... was a civil engineer. He was a citizen of France.", which
    readers of round Y took for a form filled in."""
    import sys

    sys.path.insert(0, str(REPO / "tests"))
    from test_generator import of_genre

    leads = said_apart = 0
    path = REPO / "examples" / "eiffel_rome.world"
    for _, text in of_genre(path, "encyclopedia_entry", 600):
        if not text.upper().startswith("GUSTAVE EIFFEL"):
            continue
        lead = text.split("\n\n")[1]
        leads += "was a French civil engineer" in lead
        said_apart += "citizen of France" in text or "citizenship of France" in text
    assert leads >= 10 and said_apart == 0, (leads, said_apart)


def test_the_adjective_states_a_nationality_only() -> None:
    """ "Acme Peptides is a Swiss firm" states no headquarters country, though
    "Swiss" names Switzerland: the word tells a person's nationality, which is how
    leads use it; a leak is looked for in it whatever the property."""
    analysis, _ = analyze_path(REPO / "examples" / "peptide_vendor.world")
    assert analysis is not None
    verifier = Verifier(analysis.world)
    julien = PlannedFact(subject="claire_vuilleumier", property="nationality", object="switzerland")
    country = PlannedFact(subject="geneva", property="country", object="switzerland")

    def found(fact: PlannedFact, text: str) -> list[str]:
        plan = DocPlan(
            id="t-0",
            index=0,
            genre="email",
            date=dt.date(2025, 1, 1),
            seed=1,
            divergences=[],
            facts=[fact],
            ripples=[],
            context=[],
            forbidden=[],
        )
        return [f.reason for f in verifier.check(text, plan)]

    assert found(julien, "Claire Vuilleumier is a Swiss chemist.") == []
    assert found(country, "Geneva is a Swiss city.") == ["missing-fact"]
    assert found(country, "Geneva is a city in Switzerland.") == []


def test_a_nationality_is_said_by_its_adjective_now_and_then() -> None:
    """ "She is British.", as a short life says it: readers of round Y took "He has
    citizenship in the United Kingdom." for a form's field read out. The verifier
    reads it as stating the nationality."""
    import sys

    sys.path.insert(0, str(REPO / "tests"))
    from test_generator import rendered

    analysis, _ = analyze_path(REPO / "examples" / "probe_claims.world")
    assert analysis is not None
    verifier = Verifier(analysis.world)
    adjectival = citizen = 0
    for plan, text in rendered(REPO / "examples" / "probe_claims.world", 400):
        adjectival += len(re.findall(r"\b(is|was) (British|American|French)\.", text))
        citizen += len(re.findall(r"citizen of|citizenship (of|in)", text))
        assert verifier.check(text, plan) == [], text
    assert adjectival >= 10 and citizen >= 1, (adjectival, citizen)
