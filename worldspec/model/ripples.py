"""Ripples: what else changes because of each divergence, and the chain of why.

A ripple is a derived fact that holds in one graph and not in the other. Each is
traced through its provenance down to the asserted facts it rests on; the
divergences that added (in the world) or removed (from reality) those facts are
its causes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from worldspec.model.values import Fact, Value
from worldspec.model.world import Graph, World


@dataclass(slots=True)
class Step:
    """One node of an explanation tree: a fact, why it holds, and its premises."""

    fact: Fact
    graph: str
    how: str  # "reality", "divergence", "rule"
    rule: str | None = None
    divergence: str | None = None
    span: object = None
    premises: list[Step] = field(default_factory=list)


@dataclass(slots=True)
class Ripple:
    """A change to one subject and property, caused (at least in part) by divergences."""

    subject: str
    prop: str
    before: list[Value]
    after: list[Value]
    added: list[Step]
    removed: list[Step]
    divergences: list[str]


def _causes(
    fact: Fact,
    memo: dict[Fact, frozenset[str]],
    changed: dict[Fact, str],
    graph: Graph,
    follow: Callable[[Fact], bool],
) -> frozenset[str]:
    """The divergences in `changed` that `fact` rests on in `graph`, through the
    premises `follow` accepts."""
    if fact in memo:
        return memo[fact]
    memo[fact] = frozenset()  # provenance has no cycles, but a guard costs nothing
    if fact in changed:
        result = frozenset((changed[fact],))
    else:
        provenance = graph.why(fact)
        if provenance is None or provenance.rule is None:
            result = frozenset()
        else:
            result = frozenset().union(
                *(
                    _causes(p, memo, changed, graph, follow)
                    for p in provenance.premises
                    if follow(p)
                )
            )
    memo[fact] = result
    return result


def world_causes(
    world: World,
    fact: Fact,
    memo: dict[Fact, frozenset[str]] | None = None,
) -> frozenset[str]:
    """The divergences whose statements a world fact rests on."""
    return _causes(fact, {} if memo is None else memo, world.added_by, world.world, lambda _: True)


def reality_causes(
    world: World,
    fact: Fact,
    memo: dict[Fact, frozenset[str]] | None = None,
) -> frozenset[str]:
    """The divergences that took away what a reality fact rests on."""
    return _causes(
        fact,
        {} if memo is None else memo,
        world.removed_by,
        world.reality,
        lambda premise: premise not in world.world,
    )


def explain(world: World, graph: Graph, fact: Fact, depth: int = 0) -> Step:
    """The tree of why `fact` holds in `graph`."""
    provenance = graph.why(fact)
    if provenance is not None and provenance.rule is not None and depth < 32:
        return Step(
            fact,
            graph.name,
            "rule",
            rule=provenance.rule,
            premises=[explain(world, graph, p, depth + 1) for p in provenance.premises],
        )
    if graph.name == "world" and fact in world.added_by:
        span = provenance.span if provenance is not None else None
        return Step(fact, graph.name, "divergence", divergence=world.added_by[fact], span=span)
    span = world.reality.stated.get(fact)
    if graph.name == "reality" and fact in world.removed_by:
        return Step(fact, graph.name, "reality", divergence=world.removed_by[fact], span=span)
    return Step(fact, graph.name, "reality", span=span)


def ripples(world: World) -> list[Ripple]:
    """Every derived change between reality and the world, grouped by subject and
    property, in a stable order."""
    world_memo: dict[Fact, frozenset[str]] = {}
    reality_memo: dict[Fact, frozenset[str]] = {}
    changes: dict[tuple[str, str], tuple[list[Fact], list[Fact]]] = {}
    # The world's derived store is an overlay of reality's: its own facts and its
    # removals are exactly where the two graphs' derived facts can differ.
    for fact in world.world.derived.facts:
        if fact not in world.reality:
            changes.setdefault((fact[0], fact[1]), ([], []))[0].append(fact)
    for fact in world.world.derived.removed:
        if fact not in world.world:
            changes.setdefault((fact[0], fact[1]), ([], []))[1].append(fact)
    order = {name: index for index, name in enumerate(world.divergences)}
    out: list[Ripple] = []
    for (subject, prop), (added, removed) in sorted(changes.items()):
        causes: set[str] = set()
        for fact in added:
            causes |= world_causes(world, fact, world_memo)
        for fact in removed:
            causes |= reality_causes(world, fact, reality_memo)
        out.append(
            Ripple(
                subject,
                prop,
                before=world.reality.objects(subject, prop),
                after=world.world.objects(subject, prop),
                added=[explain(world, world.world, f) for f in sorted(added, key=str)],
                removed=[explain(world, world.reality, f) for f in sorted(removed, key=str)],
                divergences=sorted(causes, key=lambda name: order.get(name, len(order))),
            )
        )
    return out
