"""WS3xx: cardinality, constraints in both graphs, and rules whose conclusions break
their property."""

from __future__ import annotations

from collections.abc import Iterator

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic, Related
from worldspec.model import Analysis
from worldspec.model.ripples import world_causes
from worldspec.model.rules import CompiledConstraint, solve
from worldspec.model.store import Union
from worldspec.model.validity import ALWAYS, intersect
from worldspec.model.values import Fact, Value
from worldspec.model.world import Graph, PropertyInfo, World
from worldspec.source import Span


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    yield from _cardinality(analysis.world)
    yield from _rule_heads(analysis)
    yield from _never_matches(analysis)
    unsure = _unsure(analysis)
    for constraint in analysis.constraints:
        # A => B is broken where B is missing; if B's facts may be among the
        # statements rejected with an error, that is a consequence of the error.
        if not any(atom.prop in unsure for atom in constraint.then_atoms):
            yield from _constraint(analysis.world, constraint)


def _unsure(analysis: Analysis) -> set[str]:
    """Properties that may lack facts because statements in error were left out: the
    rejected ones, and those that rules conclude from them."""
    unsure = set(analysis.world.rejected.properties)
    grown = bool(unsure)
    while grown:
        grown = False
        for rule in analysis.rules:
            if rule.head.prop not in unsure and any(a.prop in unsure for a in rule.atoms):
                unsure.add(rule.head.prop)
                grown = True
    return unsure


def describe(world: World, fact: Fact) -> str:
    subject, prop, obj = fact
    return f"{subject}.{prop} = {world.label(obj) if not isinstance(obj, str) else obj}"


def fact_note(world: World, graph: Graph, fact: Fact) -> Related | None:
    """Where a fact comes from, as a related span: stated, or derived by a rule."""
    provenance = graph.why(fact)
    if provenance is None:
        return None
    if provenance.rule is not None:
        for premise in provenance.premises:
            note = fact_note(world, graph, premise)
            if note is not None:
                return Related(
                    note.span,
                    f"{describe(world, fact)} is derived by rule "
                    f"'{provenance.rule}' from {describe(world, premise)}",
                )
        return None
    if provenance.span is None:
        return None
    origin = f"divergence '{provenance.divergence}'" if provenance.divergence else "reality"
    return Related(provenance.span, f"{describe(world, fact)} ({origin})")


def _cardinality(world: World) -> Iterator[Diagnostic]:
    for prop in world.properties.values():
        if not prop.one:
            continue
        for subject, objects in world.reality.asserted.by_sp.get(prop.name, {}).items():
            if len(objects) < 2:
                continue
            facts = [(subject, prop.name, o) for o in objects]
            if world.reality.intervals:
                yield from _overlapping(world, prop, facts)
                continue
            spans = [world.reality.stated.get(f) for f in facts]
            first, *rest = [s for s in spans if s is not None]
            for span in rest:
                yield Diagnostic(
                    codes.CARDINALITY,
                    f"'{prop.name}' is [one] but '{subject}' has "
                    f"{' and '.join(world.label(o) for o in objects)} in reality",
                    span,
                    [Related(first, "the first value"), Related(prop.span, "declared [one]")],
                    fix="keep one value, or declare the property [many]",
                )


def _overlapping(world: World, prop: PropertyInfo, facts: list[Fact]) -> Iterator[Diagnostic]:
    """WS301 for each value of a [one] property that holds at a date where an earlier
    stated value holds too; values one after the other are a history."""
    intervals = world.reality.intervals
    for index, fact in enumerate(facts):
        when = intervals.get(fact, ALWAYS)
        earlier = next((f for f in facts[:index] if intervals.get(f, ALWAYS).overlaps(when)), None)
        if earlier is None:
            continue
        then = intervals.get(earlier, ALWAYS)
        first, second = world.label(earlier[2]), world.label(fact[2])
        yield Diagnostic(
            codes.CARDINALITY,
            f"'{prop.name}' is [one] but '{fact[0]}' has {first} ({then.describe()}) and "
            f"{second} ({when.describe()}) in reality, both {intersect(when, then).describe()}",
            world.reality.stated.get(fact, prop.span),
            [
                Related(world.reality.stated.get(earlier, prop.span), f"{first} stated here"),
                Related(prop.span, "declared [one]"),
            ],
            fix="end the first value on the day the next one starts (until DATE, from DATE)",
        )


def _rule_heads(analysis: Analysis) -> Iterator[Diagnostic]:
    seen: set[tuple[str, str]] = set()
    for problem in analysis.reality.problems + analysis.in_world.problems:
        key = (problem.rule.name, problem.reason)
        if key in seen:
            continue
        seen.add(key)
        what = "inverse" if problem.rule.implicit else "rule"
        yield Diagnostic(
            codes.RULE_HEAD_TYPE,
            f"{what} '{problem.rule.name}' concludes {describe(analysis.world, problem.fact)} "
            f"in {problem.graph}, but {problem.reason}",
            problem.rule.span,
        )


def _never_matches(analysis: Analysis) -> Iterator[Diagnostic]:
    """WS305: conditions on a property that nothing states or concludes."""
    world = analysis.world
    stated = set(world.reality.asserted.by_sp) | set(world.world.asserted.by_sp)
    live = {p for p in stated if any(True for _ in world.world.asserted.pairs(p))} | {
        p for p in stated if any(True for _ in world.reality.asserted.pairs(p))
    }
    live |= world.rejected.properties  # stated or concluded, by a statement in error
    changed = True
    while changed:  # a rule concludes a live property when all it reads is live
        changed = False
        for rule in analysis.rules:
            if rule.head.prop not in live and all(a.prop in live for a in rule.atoms):
                live.add(rule.head.prop)
                changed = True
    checked: list[tuple[str, str, list[str], Span]] = [
        ("rule", r.name, [a.prop for a in r.atoms], r.span)
        for r in analysis.rules
        if not r.implicit
    ]
    checked += [
        ("constraint", c.name, [a.prop for a in c.atoms], c.span) for c in analysis.constraints
    ]
    for kind, name, props, span in checked:
        dead = next((p for p in props if p not in live), None)
        if dead is not None:
            what = "can never fire" if kind == "rule" else "never applies"
            yield Diagnostic(
                codes.NEVER_MATCHES,
                f"{kind} '{name}' {what}: no fact states '{dead}' and no rule concludes it",
                span,
            )


def _violations(
    world: World,
    graph: Graph,
    constraint: CompiledConstraint,
) -> Iterator[tuple[dict[str, Value], tuple[Fact, ...]]]:
    view = Union(graph.asserted, graph.derived)
    for binding, premises in solve(constraint.atoms, constraint.tests, view):
        if constraint.never:
            yield dict(binding), premises
            continue
        satisfied = next(
            iter(solve(constraint.then_atoms, constraint.then_tests, view, binding)), None
        )
        if satisfied is None:
            yield dict(binding), premises


def _show_binding(world: World, binding: dict[str, Value]) -> str:
    return ", ".join(f"?{name} = {world.label(value)}" for name, value in binding.items())


def _constraint(world: World, constraint: CompiledConstraint) -> Iterator[Diagnostic]:
    in_reality: set[tuple[tuple[str, Value], ...]] = set()
    for binding, premises in _violations(world, world.reality, constraint):
        in_reality.add(tuple(sorted(binding.items(), key=lambda kv: kv[0])))
        related = [n for n in (fact_note(world, world.reality, f) for f in premises) if n]
        yield Diagnostic(
            codes.CONSTRAINT_VIOLATED,
            f"reality breaks constraint '{constraint.name}' with {_show_binding(world, binding)}",
            constraint.span,
            related,
        )
    memo: dict[Fact, frozenset[str]] = {}
    for binding, premises in _violations(world, world.world, constraint):
        if tuple(sorted(binding.items(), key=lambda kv: kv[0])) in in_reality:
            continue
        causes: set[str] = set()
        for fact in premises:
            causes |= world_causes(world, fact, memo)
        related = [n for n in (fact_note(world, world.world, f) for f in premises) if n]
        span: Span = constraint.span
        if causes:
            cause_span = next((n.span for n in related if "divergence" in n.message), None)
            related.insert(0, Related(constraint.span, f"constraint '{constraint.name}'"))
            span = cause_span or world.divergences[sorted(causes)[0]].span
        who = (
            f"divergence{'s' if len(causes) > 1 else ''} "
            f"{', '.join(repr(c) for c in sorted(causes))}"
            if causes
            else "the divergences"
        )
        yield Diagnostic(
            codes.CONSTRAINT_VIOLATED_WORLD,
            f"{who} make{'s' if len(causes) == 1 else ''} the world break constraint "
            f"'{constraint.name}' with {_show_binding(world, binding)}",
            span,
            related,
        )
