"""The world model: resolution, the fact store, the rule engine, ripples."""

from __future__ import annotations

from pathlib import Path

import pytest

from worldspec import parse
from worldspec.model import Analysis, analyze
from worldspec.model.ripples import ripples
from worldspec.model.store import FactStore
from worldspec.model.values import Lit

SCHEMA = """\
class Place
class City : Place
class Country : Place
class Landmark : Place
property country : City -> Country [one] { says "{s} is a city in {o}" }
property located_in : Place -> Place [one] { says "{s} stands in {o}" }
property in_country : Place -> Country [one] { says "{s} is in {o}" }
property height_m : Landmark -> float [one]
entity paris : City "Paris"
entity rome : City "Rome"
entity france : Country "France"
entity italy : Country "Italy"
entity tower : Landmark "Eiffel Tower"
rule in_country: ?x.located_in = ?c, ?c.country = ?k => ?x.in_country = ?k
"""


def world_of(text: str) -> Analysis:
    result = parse(text, "t.world")
    assert not result.diagnostics, [str(d) for d in result.diagnostics]
    return analyze([result.module])


def codes(analysis: Analysis) -> list[str]:
    return [d.code.code for d in analysis.diagnostics]


def test_store_indexes_and_overlay() -> None:
    reality = FactStore()
    reality.add(("tower", "located_in", "paris"))
    reality.add(("paris", "country", "france"))
    world = FactStore(base=reality)
    world.discard(("tower", "located_in", "paris"))
    world.add(("tower", "located_in", "rome"))
    assert reality.objects("tower", "located_in") == ["paris"]
    assert world.objects("tower", "located_in") == ["rome"]
    assert world.subjects("located_in", "paris") == []
    assert world.subjects("located_in", "rome") == ["tower"]
    assert sorted(world.pairs("country")) == [("paris", "france")]
    assert len(world) == 2 and len(reality) == 2
    assert ("tower", "located_in", "paris") not in world
    # nothing of reality was copied into the overlay
    assert set(world.facts) == {("tower", "located_in", "rome")}
    world.add(("tower", "located_in", "paris"))  # restoring a removed fact un-removes it
    assert not world.removed


def test_eiffel_ripple_is_in_country_france_to_italy() -> None:
    analysis = world_of(
        SCHEMA
        + """
reality {
  paris.country = france
  rome.country = italy
  tower.located_in = paris
}
diverge moved { tower.located_in = rome }
"""
    )
    world = analysis.world
    assert ("tower", "in_country", "france") in world.reality.derived.facts
    assert ("tower", "in_country", "italy") in world.world.derived.facts
    (ripple,) = ripples(world)
    assert (ripple.subject, ripple.prop, ripple.before, ripple.after) == (
        "tower",
        "in_country",
        ["france"],
        ["italy"],
    )
    assert ripple.divergences == ["moved"]
    (added,) = ripple.added
    assert added.rule == "in_country"
    assert [p.fact for p in added.premises] == [
        ("tower", "located_in", "rome"),
        ("rome", "country", "italy"),
    ]
    assert added.premises[0].divergence == "moved"
    (removed,) = ripple.removed
    assert removed.premises[0].divergence == "moved"  # removed by the divergence


def test_transitive_closure_reaches_a_fixpoint_with_provenance() -> None:
    n = 60
    text = (
        "class Node\nproperty next : Node -> Node\nproperty reaches : Node -> Node\n"
        + "".join(f"entity n{i} : Node\n" for i in range(n))
        + "reality {\n"
        + "".join(f"  n{i}.next = n{i + 1}\n" for i in range(n - 1))
        + "}\n"
        "rule step: ?a.next = ?b => ?a.reaches = ?b\n"
        "rule far: ?a.reaches = ?b, ?b.next = ?c => ?a.reaches = ?c\n"
    )
    analysis = world_of(text)
    derived = analysis.world.reality.derived.facts
    assert len(derived) == n * (n - 1) // 2
    assert ("n0", "reaches", f"n{n - 1}") in derived
    provenance = analysis.world.reality.provenance[("n0", "reaches", "n2")]
    assert provenance.rule == "far"
    assert provenance.premises == (("n0", "reaches", "n1"), ("n1", "next", "n2"))
    assert analysis.reality.rounds >= 2


def test_inverse_properties_are_materialised_both_ways() -> None:
    analysis = world_of("""
class Person
property parent : Person -> Person { inverse child }
property child : Person -> Person { inverse parent }
entity a : Person
entity b : Person
reality { a.parent = b }
""")
    assert ("b", "child", "a") in analysis.world.reality
    assert analysis.world.reality.provenance[("b", "child", "a")].rule == "inverse of parent"


def test_literals_are_typed_and_ints_widen_to_float() -> None:
    analysis = world_of(SCHEMA + "reality { tower.height_m = 330 }")
    assert ("tower", "height_m", Lit("float", 330.0)) in analysis.world.reality


def test_comparisons_in_rules() -> None:
    analysis = world_of(
        SCHEMA
        + """
property tall : Landmark -> bool [one]
reality { tower.height_m = 330.0 }
rule tall: ?l.height_m = ?h, ?h > 300 => ?l.tall = true
"""
    )
    assert ("tower", "tall", Lit("bool", True)) in analysis.world.reality


@pytest.mark.parametrize(
    ("snippet", "code"),
    [
        ("entity x : Nope", "WS203"),
        ("reality { tower.country = france }", "WS206"),
        ("reality { paris.country = rome }", "WS207"),
        ("reality { paris.country = 3 }", "WS207"),
        ("reality { tower.height_m = tower }", "WS207"),
        ('property p : City -> City { says "{s} is" }', "WS209"),
        ('property p : City -> City { says "{x} {s} {o}" }', "WS209"),
        ('property p : City -> City { asks "is {s} next to {o}?" }', "WS209"),
        ("rule r: ?x.located_in = ?c => ?x.in_country = ?k", "WS212"),
        ("rule r: ?x.located_in = ?c, ?q > 3 => ?x.in_country = ?c", "WS212"),
        ("rule r: ?x.located_in = ?c => ?x.height_m = ?c", "WS304"),
    ],
)
def test_resolution_findings(snippet: str, code: str) -> None:
    assert code in codes(world_of(SCHEMA + snippet))


def test_world_only_entities_stay_out_of_reality() -> None:
    analysis = world_of(
        SCHEMA
        + """
diverge d { entity atlantis : City "Atlantis"
  atlantis.country = italy }
"""
    )
    assert "atlantis" in analysis.world.entities
    assert ("atlantis", "country", "italy") in analysis.world.world
    assert ("atlantis", "country", "italy") not in analysis.world.reality


def test_divergence_operators() -> None:
    analysis = world_of(
        SCHEMA
        + """
property twin : City -> City [many]
reality {
  paris.twin = rome
  rome.country = italy
}
diverge a {
  paris.twin += paris
  paris.twin -= rome
  rome.country = none
}
"""
    )
    world = analysis.world
    assert world.world.asserted.objects("paris", "twin") == ["paris"]
    assert world.world.asserted.objects("rome", "country") == []
    assert world.removed_by[("rome", "country", "italy")] == "a"


def test_examples_have_ripples(repo: Path) -> None:
    from worldspec import load_project

    for name, expected in [
        ("eiffel_rome", ("eiffel_tower", "in_country")),
        ("probe_claims", ("frontier_model", "unmonitored")),
        ("libfoo_unpatched", ("cve_2031_0001", "open_in")),
        ("peptide_vendor", ("portal", "unscreened")),
    ]:
        project, _ = load_project(repo / "examples" / f"{name}.world")
        analysis = analyze([m.module for m in project.modules])
        assert not analysis.diagnostics
        found = {(r.subject, r.prop) for r in ripples(analysis.world)}
        assert expected in found, (name, found)


# ---- the world graph is derived incrementally (DRed); it must equal a full run ----

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from worldspec.model.rules import saturate  # noqa: E402
from worldspec.model.store import FactStore as _Store  # noqa: E402
from worldspec.model.world import Graph  # noqa: E402

edges = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=14)


@settings(max_examples=120, deadline=None)
@given(edges, edges, edges, st.booleans())
def test_incremental_world_equals_full_saturation(
    reality: list[tuple[int, int]],
    removed: list[tuple[int, int]],
    added: list[tuple[int, int]],
    replace: bool,
) -> None:
    ops = [f"  n{a}.next -= n{b}" for a, b in removed if (a, b) in reality]
    ops += [f"  n{a}.next += n{b}" for a, b in added]
    if replace and reality:
        ops.append(f"  n{reality[0][0]}.next = n{reality[-1][1]}")
    text = (
        "class Node\nproperty next : Node -> Node\nproperty reaches : Node -> Node\n"
        "property two : Node -> Node\nproperty back : Node -> Node { inverse next }\n"
        "property next2 : Node -> Node { inverse back }\n"
        + "".join(f"entity n{i} : Node\n" for i in range(8))
        + "reality {\n"
        + "".join(f"  n{a}.next = n{b}\n" for a, b in reality)
        + "}\n"
        + "rule step: ?a.next = ?b => ?a.reaches = ?b\n"
        + "rule far: ?a.reaches = ?b, ?b.next = ?c => ?a.reaches = ?c\n"
        + "rule two: ?a.next = ?b, ?b.next = ?c, ?a != ?c => ?a.two = ?c\n"
        + "diverge d {\n"
        + "\n".join(ops)
        + "\n}\n"
    )
    analysis = world_of(text)
    world = analysis.world
    reference = Graph("world", world.world.asserted)
    saturate(world, reference, analysis.rules)
    incremental = set(world.world.derived)
    assert incremental == set(reference.derived)
    for fact in incremental:  # every explanation stands on facts of the world
        why = world.world.why(fact)
        assert why is not None and why.rule is not None
        assert all(premise in world.world for premise in why.premises)
    assert isinstance(world.world.derived, _Store) and world.world.derived.base is not None


def test_a_property_takes_topics_that_relate_its_facts() -> None:
    """`topic` is repeatable, takes several names, and reads them in lower case: the
    author says which facts go together where names and units do not."""
    from worldspec.plan import PlannedFact
    from worldspec.render.themes import related_facts

    analysis = world_of(
        """
        class Thing
        property rivets : Thing -> int [one] { topic "Structure" }
        property iron_parts : Thing -> int [one] { topic "structure", "make" }
        property restaurant : Thing -> string [one]
        property began : Thing -> date [one] { topic "history" topic "make" }
        entity t : Thing "T"
        """
    )
    props = analysis.world.properties
    assert props["rivets"].topics == {"structure"}
    assert props["iron_parts"].topics == {"structure", "make"}
    assert props["began"].topics == {"history", "make"}
    assert props["restaurant"].topics == frozenset()

    def fact(prop: str, value: str) -> PlannedFact:
        return PlannedFact(subject="t", property=prop, object=value, literal=True)

    world = analysis.world
    rivets, parts = fact("rivets", "2500000"), fact("iron_parts", "18038")
    assert related_facts(world, rivets, parts)
    assert related_facts(world, parts, fact("began", "1887-01-28"))
    assert not related_facts(world, rivets, fact("began", "1887-01-28"))
    assert not related_facts(world, rivets, fact("restaurant", "Le Jules Verne"))
