"""`worldspec check --against FILE`: a spec's reality compared with a knowledge graph
imported as a world module (`worldspec import`).

A wrong "reality" is a silent defect of a world: its divergences change the wrong
fact, and its leak checks look for the wrong value. Entities are matched by name
(label or alias, in a class one of them is a kind of), and only one-valued
properties are compared: a many-valued property the graph lists in part proves
nothing. A spec's fact is contradicted when the graph holds another value for it
over some of the time the spec's fact holds, and not the spec's value.
"""

from __future__ import annotations

from collections.abc import Iterator

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic, Related
from worldspec.model import Analysis
from worldspec.model.validity import Interval, intersect
from worldspec.model.values import Fact, Lit, Value, render_value
from worldspec.model.world import World

# numbers this close are one number rounded twice (an area, a height)
RELATIVE_TOLERANCE = 0.01


def contradictions(spec: Analysis, graph: Analysis) -> Iterator[Diagnostic]:
    world, other = spec.world, graph.world
    matches = _matches(world, other)
    by_subject: dict[tuple[str, str], list[Fact]] = {}
    for fact in other.reality.asserted:
        by_subject.setdefault((fact[0], fact[1]), []).append(fact)
    for fact, span in world.reality.stated.items():
        subject, prop, value = fact
        info = world.properties.get(prop)
        theirs = matches.get(subject)
        if info is None or not info.one or theirs is None:
            continue
        held = by_subject.get((theirs, prop), [])
        when = world.validity(fact, "reality")
        overlapping = [f for f in held if _overlap(when, other.validity(f, "reality"))]
        if not overlapping or any(_same(value, f[2], matches) for f in overlapping):
            continue
        found = overlapping[0]
        related = other.reality.stated.get(found)
        ours = next((mine for mine, t in matches.items() if t == found[2]), None)
        fix = ours if ours is not None else _named(other, found[2])
        yield Diagnostic(
            codes.REALITY_CONTRADICTED,
            f"reality says {subject}.{prop} = {render_value(value)}, but the graph has "
            f"{_named(other, found[2])}",
            span,
            [Related(related, "the graph's fact")] if related is not None else [],
            fix=f"check the fact, or set it to {fix}",
        )


def _matches(world: World, other: World) -> dict[str, str]:
    """The graph's entity for each entity of the spec: one of the same name (label or
    alias) whose class is a kind of the other's; none when the name is ambiguous."""
    names: dict[str, set[str]] = {}
    for entity in other.entities.values():
        for name in (entity.label, *entity.aka):
            names.setdefault(name.casefold(), set()).add(entity.name)
    found: dict[str, str] = {}
    for entity in world.entities.values():
        candidates = set()
        for name in (entity.label, *entity.aka):
            for candidate in names.get(name.casefold(), ()):
                theirs = other.entities[candidate].cls
                if world.is_a(theirs, entity.cls) or other.is_a(entity.cls, theirs):
                    candidates.add(candidate)
        if len(candidates) == 1:
            found[entity.name] = candidates.pop()
    return found


def _overlap(left: Interval, right: Interval) -> bool:
    both = intersect(left, right)
    return both.start is None or both.end is None or both.start < both.end


def _same(mine: Value, theirs: Value, matches: dict[str, str]) -> bool:
    if isinstance(mine, str) or isinstance(theirs, str):
        return isinstance(mine, str) and matches.get(mine) == theirs
    if mine.type in ("int", "float") and theirs.type in ("int", "float"):
        left, right = float(mine.value), float(theirs.value)
        return abs(left - right) <= RELATIVE_TOLERANCE * max(abs(left), abs(right))
    if mine.type == "string" and theirs.type == "string":
        return str(mine.value).casefold() == str(theirs.value).casefold()
    return mine == theirs


def _named(world: World, value: Value) -> str:
    if isinstance(value, Lit):
        return render_value(value)
    entity = world.entities.get(value)
    return f"{value} ({entity.label})" if entity is not None else value
