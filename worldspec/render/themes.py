"""Which facts of a subject belong together: two of one `topic` the author gave
their properties (when work began and who engineered it, "building"); two about
one thing by their properties' names (a coat of paint and how often it goes on),
two of its sizes (its height and its weight), two that name things of one kind
(its engineers). Content selection keeps a document to a theme or two by it,
document structure puts them side by side, and microplanning lets them share a
sentence: readers took facts of no relation told one after another for a fact
table read aloud.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from worldspec.model.phrasing import event_partners
from worldspec.model.world import World
from worldspec.plan import PlannedFact

# words of property names that say how a fact is measured, not what it is about
_MEASURE_WORDS = {"years", "year", "days", "date", "count", "number", "total", "first", "last"}


@functools.cache
def _topic_words(prop: str) -> frozenset[str]:
    return frozenset(w for w in prop.lower().split("_") if len(w) >= 4 and w not in _MEASURE_WORDS)


@functools.cache  # a world has some dozens of properties; documents ask of pairs
def kin_properties(one: str, two: str) -> bool:
    """Whether two properties are about one thing, by their names: "paint_per_coat_t"
    and "repaint_cycle_years", "order_policy" and "policy_changed"."""
    return any(a in b or b in a for a in _topic_words(one) for b in _topic_words(two))


# the units whose figures a paragraph gives together, in the order it gives them
UNIT_FAMILY_ORDER = (
    ("m", "km", "cm", "mm", "ft", "mi", "in"),
    ("km2", "m2", "ha", "acres"),
    ("t", "kg", "g", "lb"),
    ("years", "months", "weeks", "days", "hours"),
)
UNIT_FAMILIES = {unit: at for at, units in enumerate(UNIT_FAMILY_ORDER) for unit in units}
# the families of a thing's size, whose figures one sentence gives together ("stands
# 330 metres high and weighs 10,100 tonnes")
_SIZE_FAMILIES = {0, 1, 2}


def is_number(fact: PlannedFact) -> bool:
    """Whether the fact's value is a number ("10100", "320.8", "-3")."""
    return fact.literal and fact.object.replace(".", "", 1).lstrip("-").isdigit()


def unit_family(world: World, fact: PlannedFact) -> int | None:
    """The family of the fact's unit, where it is a figure with a known unit."""
    if not is_number(fact):
        return None
    prop = world.properties.get(fact.property)
    return UNIT_FAMILIES.get(prop.unit or "") if prop is not None else None


# each unit in its family's first unit (metres, square kilometres, tonnes, years)
_IN_FIRST_UNIT = {
    "m": 1.0, "km": 1000.0, "cm": 0.01, "mm": 0.001, "ft": 0.3048, "mi": 1609.344,
    "in": 0.0254, "km2": 1.0, "m2": 1e-6, "ha": 0.01, "acres": 0.004047, "t": 1.0,
    "kg": 0.001, "g": 1e-6, "lb": 0.000454, "years": 1.0, "months": 1 / 12,
    "weeks": 7 / 365, "days": 1 / 365, "hours": 1 / 8760,
}  # fmt: skip


def largest_first(world: World, fact: PlannedFact) -> tuple[int, float]:
    """A sort key for figures: by family of unit, the largest first ("It's 312 metres
    tall, with a platform 276 metres up; it grows 15 centimetres in the heat"), as a
    guide gives a size, not its growth in the heat before its height."""
    family = unit_family(world, fact)
    if family is None:
        return (len(UNIT_FAMILY_ORDER), 0.0)
    prop = world.properties.get(fact.property)
    unit = (prop.unit or "") if prop is not None else ""
    return (family, -float(fact.object) * _IN_FIRST_UNIT.get(unit, 1.0))


def is_size(world: World, fact: PlannedFact) -> bool:
    """Whether the fact is a figure of the size of its subject as a whole (its
    height, its area, its weight): not of a part (the tonnes of paint a coat takes,
    kin to how often it is repainted), nor of a time."""
    family = unit_family(world, fact)
    return family in _SIZE_FAMILIES and not has_kin(world, fact.property)


def related_facts(world: World, one: PlannedFact, two: PlannedFact) -> bool:
    """Whether two facts of one subject belong in one sentence: two of its sizes
    ("stands 330 metres high and weighs 10,100 tonnes"), two about one thing, or two
    that name things of one kind ("designed by Gustave Eiffel and engineered by
    Maurice Koechlin"). "It has a restaurant called Le Jules Verne and is painted
    in a shade called Eiffel Tower Brown" read to readers as two facts bolted
    together.

    Worked out once a pair: content selection asks it of every pair of a
    document's candidates, a hundred times a document and more."""
    known = _of_world(_RELATED, world)
    key = (one.key_text, two.key_text)
    found = known.get(key)
    if found is None:
        if len(known) >= _MOST_PAIRS:  # memory stays flat over a large world
            known.clear()
        found = known[key] = _related(world, one, two)
    return found


_MOST_PAIRS = 500_000


def same_topic(world: World, one: str, two: str) -> bool:
    """Whether two properties share a topic the author gave them ("building" for
    when work began and who engineered it): their names and units may not say so."""
    first, second = world.properties.get(one), world.properties.get(two)
    if first is None or second is None:
        return False
    return not first.topics.isdisjoint(second.topics)


def kin(world: World, one: str, two: str) -> bool:
    """Whether two properties are about one thing: of one topic, or by their names."""
    return same_topic(world, one, two) or kin_properties(one, two)


def kin_of(world: World, prop: str) -> frozenset[str]:
    """The world's properties kin to `prop` (`kin`), worked out once a property:
    document structure asks it of every pair of an entity's messages."""
    known = _of_world(_KIN_OF, world)
    found = known.get(prop)
    if found is None:
        found = known[prop] = frozenset(o for o in world.properties if kin(world, prop, o))
    return found


def _related(world: World, one: PlannedFact, two: PlannedFact) -> bool:
    if same_topic(world, one.property, two.property):
        return True
    if _both_topical(world, one.property, two.property):
        # the author said what each is about, and it is not one thing: their units
        # do not make them one ("has a total weight of 10,100 tonnes and has its
        # highest public level 276 metres up" read to readers of round 31b as two
        # facts welded together)
        return kin_properties(one.property, two.property)
    return alike(world, one, two)


def _both_topical(world: World, one: str, two: str) -> bool:
    """Whether the author gave both properties topics."""
    first, second = world.properties.get(one), world.properties.get(two)
    return first is not None and second is not None and bool(first.topics and second.topics)


def alike(world: World, one: PlannedFact, two: PlannedFact) -> bool:
    """Whether two facts of one subject answer much the same question, whatever the
    author's topics: about one thing by their names, two sizes, two names of one
    kind. A visitor who was told the tower's top platform stands 276 metres up asks
    next how many steps lead there (one topic, "visit"), not how high it is."""
    if kin_properties(one.property, two.property):
        return True
    families = {unit_family(world, one), unit_family(world, two)}
    sizes = None not in families and (len(families) == 1 or families <= _SIZE_FAMILIES)
    # a figure of a thing's part (the tonnes of paint a coat takes, kin to how often
    # it is repainted) is no size of the whole: "grows by up to 15 centimetres in the
    # heat and takes 60 tonnes of paint" read as two facts bolted together
    if sizes and not (has_kin(world, one.property) or has_kin(world, two.property)):
        return True
    if one.literal or two.literal:
        return False
    first, second = world.entities.get(one.object), world.entities.get(two.object)
    return first is not None and second is not None and first.cls == second.cls


def of_one_kind(world: World, one: PlannedFact, two: PlannedFact) -> bool:
    """Whether two facts name things of one family of classes (a class and another
    under the same root): a person's places ("born in Manchester and a national of
    the United Kingdom") or organisations ("studied at University College London
    and works at the Halcyon Interpretability Lab"), which a profile says in one
    sentence where one fact a sentence reads as a form filled in."""
    if one.literal or two.literal:
        return False
    first, second = world.entities.get(one.object), world.entities.get(two.object)
    if first is None or second is None:
        return False
    ancestors = world.ancestors
    roots = {c for c in ancestors.get(first.cls, ()) if not world.classes[c].parents}
    return bool(roots & ancestors.get(second.cls, frozenset()))


def told_together(world: World, one: str, two: str) -> bool:
    """Whether two properties tell one event and its day with one verb ("resigned
    from {o}", "resigned on {o}"): document structure asks it of every pair of an
    entity's messages, sixty thousand times in four thousand documents."""
    return two in partners_of(world).get(one, ())


def partners_of(world: World) -> dict[str, frozenset[str]]:
    """Each property that tells an event or its day with the properties that tell
    the other half (model.phrasing.event_partners), worked out once a world: most
    properties have none, and are passed over at a look."""
    return _held(_PARTNERS, world, lambda: _partners(world))


def _partners(world: World) -> dict[str, frozenset[str]]:
    dated = [p for p, info in world.properties.items() if info.range == "date"]
    pairs: dict[str, set[str]] = {}
    for day in dated:
        for prop in world.properties:
            if prop not in dated and event_partners(world, day, prop):
                pairs.setdefault(day, set()).add(prop)
                pairs.setdefault(prop, set()).add(day)
    return {p: frozenset(others) for p, others in pairs.items()}


# by world (its id, checked against a weak reference: a world is no dict key)
_T = TypeVar("_T")
_ByWorld = dict[int, tuple[weakref.ref[World], _T]]
_Known = _ByWorld[dict[Any, bool]]
_KIN: _Known = {}
_RELATED: _Known = {}
_KIN_OF: _ByWorld[dict[str, frozenset[str]]] = {}
_PARTNERS: _ByWorld[dict[str, frozenset[str]]] = {}


def _held(cache: _ByWorld[_T], world: World, make: Callable[[], _T]) -> _T:
    """What `cache` holds for the world, made the first time it is asked."""
    held = cache.get(id(world))
    if held is None or held[0]() is not world:
        for key in [k for k, (ref, _) in cache.items() if ref() is None]:
            del cache[key]  # the worlds of earlier compiles in this process
        held = cache[id(world)] = (weakref.ref(world), make())
    return held[1]


def _of_world(cache: _ByWorld[dict[Any, _T]], world: World) -> dict[Any, _T]:
    return _held(cache, world, dict)


def has_kin(world: World, prop: str) -> bool:
    """Whether another property of the world is about the same thing as `prop`."""
    known = _of_world(_KIN, world)
    found = known.get(prop)
    if found is None:
        found = known[prop] = any(
            other != prop and kin_properties(prop, other) for other in world.properties
        )
    return found


def themed(world: World, facts: list[PlannedFact]) -> list[PlannedFact]:
    """The facts in their order, each followed by the later ones of its subject that
    belong with it: a document that keeps the first few tells a theme or two (the
    tower's paint: its colour, how often, how many tonnes a coat), not one fact of
    each."""
    out: list[PlannedFact] = []
    known = _of_world(_RELATED, world)  # related_facts, inlined: the hottest loop here
    # each subject's facts not yet told, in their order, so that a fact is weighed
    # against its own subject's only (a document's forty candidates are of a handful
    # of subjects), and never against one told already
    left: dict[str, list[PlannedFact]] = {}
    for fact in facts:
        left.setdefault(fact.subject, []).append(fact)
    taken: set[int] = set()
    for first in facts:
        if id(first) in taken:
            continue
        taken.add(id(first))
        key = first.key_text
        kin: list[PlannedFact] = []
        rest: list[PlannedFact] = []
        for other in left[first.subject]:
            if id(other) in taken:
                continue
            found = known.get((key, other.key_text))
            if found is None:
                found = related_facts(world, first, other)
            (kin if found else rest).append(other)
        left[first.subject] = rest
        taken.update(map(id, kin))
        out += [first, *kin]
    return out
