"""WS4xx: divergence hygiene, found by replaying each divergence's statements on
the world as the earlier divergences left it."""

from __future__ import annotations

from collections.abc import Iterator

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic, Related
from worldspec.model import Analysis
from worldspec.model.store import FactStore
from worldspec.model.validity import ALWAYS, Interval, intersect
from worldspec.model.values import Fact, Value
from worldspec.model.world import Divergence, Op, World
from worldspec.source import Span


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    world = analysis.world
    replay = FactStore(base=world.reality.asserted)
    intervals = dict(world.reality.intervals)  # when the replayed facts hold
    set_by: dict[tuple[str, str], tuple[str, Value | None, Span]] = {}
    for divergence in world.divergences.values():
        changed = bool(divergence.entities)
        own: dict[tuple[str, str], Op] = {}  # what this divergence set, and where
        for op in divergence.ops:
            yield from _set_twice(world, op, own)
            before = replay.objects(op.subject, op.prop)
            at_once = [
                v
                for v in before
                if intervals.get((op.subject, op.prop, v), ALWAYS).overlaps(op.validity or ALWAYS)
            ]
            yield from _op_findings(world, divergence.name, op, at_once, set_by, intervals)
            yield from _ended_before_since(divergence, op)
            _apply(replay, op, intervals)
            after = replay.objects(op.subject, op.prop)
            if sorted(map(repr, before)) != sorted(map(repr, after)):
                changed = True
            if op.op == "=":
                set_by[(op.subject, op.prop)] = (divergence.name, op.value, op.span)
        if not changed and divergence.name not in world.rejected.divergences:
            yield Diagnostic(
                codes.DIVERGENCE_NO_CHANGE,
                f"divergence '{divergence.name}' changes nothing: the world stays as reality "
                "has it",
                divergence.span,
                fix="state what differs from reality, or remove the divergence",
            )
        if (
            divergence.since is not None
            and world.as_of is not None
            and divergence.since > world.as_of
            and divergence.since_span is not None
        ):
            related = [Related(world.as_of_span, "the world's present")] if world.as_of_span else []
            yield Diagnostic(
                codes.SINCE_AFTER_AS_OF,
                f"divergence '{divergence.name}' starts on {divergence.since}, after the world's "
                f"present ({world.as_of})",
                divergence.since_span,
                related,
            )


def _op_findings(
    world: World,
    name: str,
    op: Op,
    before: list[Value],
    set_by: dict[tuple[str, str], tuple[str, Value | None, Span]],
    intervals: dict[Fact, Interval],
) -> Iterator[Diagnostic]:
    prop = world.properties[op.prop]
    shown = world.label(op.value) if op.value is not None else "none"
    if op.op == "-=" and op.value not in before:
        yield Diagnostic(
            codes.REMOVE_MISSING,
            f"'{op.subject}.{op.prop}' has no value {shown} to remove"
            + (f" (it has {', '.join(world.label(v) for v in before)})" if before else ""),
            op.span,
        )
    if op.op == "+=" and prop.one and before and op.value not in before:
        shared = intersect(
            intervals.get((op.subject, op.prop, before[0]), ALWAYS), op.validity or ALWAYS
        )
        yield Diagnostic(
            codes.ONE_WITH_TWO,
            f"'{op.prop}' is [one]: adding {shown} leaves '{op.subject}' with "
            f"{world.label(before[0])} and {shown}"
            + (f", both {shared.describe()}" if shared.bounded else ""),
            op.span,
            [Related(prop.span, "declared [one]")],
            fix=f"use '=' to replace the value: {op.subject}.{op.prop} = ...",
        )
    if op.op == "=":
        earlier = set_by.get((op.subject, op.prop))
        if earlier is not None and earlier[0] != name and earlier[1] != op.value:
            earlier_shown = world.label(earlier[1]) if earlier[1] is not None else "none"
            yield Diagnostic(
                codes.DIVERGENCE_CONFLICT,
                f"divergences '{earlier[0]}' and '{name}' set '{op.subject}.{op.prop}' "
                f"differently ({earlier_shown}, then {shown}); the later one wins",
                op.span,
                [Related(earlier[2], f"set by '{earlier[0]}' here")],
                fix="merge the two divergences or drop one statement",
            )


def _set_twice(world: World, op: Op, own: dict[tuple[str, str], Op]) -> Iterator[Diagnostic]:
    """WS407: an `=` that discards a value the same divergence set before it."""
    key = (op.subject, op.prop)
    earlier = own.get(key)
    if op.op == "-=":
        return
    if op.op == "=" and earlier is not None and earlier.value != op.value:
        many = not world.properties[op.prop].one
        yield Diagnostic(
            codes.SET_TWICE,
            f"'{op.subject}.{op.prop} =' replaces the value this divergence set before "
            f"({world.label(earlier.value) if earlier.value is not None else 'none'})",
            op.span,
            [Related(earlier.span, "set here")],
            fix=f"use '+=' to add a value: {op.subject}.{op.prop} += ..."
            if many
            else "drop one of the two statements",
        )
    if op.value is not None:
        own[key] = op


def _ended_before_since(divergence: Divergence, op: Op) -> Iterator[Diagnostic]:
    """WS406: a fact the divergence sets stops holding before the divergence starts."""
    end = op.validity.end if op.validity is not None else None
    if divergence.since is None or end is None or divergence.since < end:
        return
    since_span = divergence.since_span
    yield Diagnostic(
        codes.SINCE_AFTER_VALIDITY,
        f"this fact holds until {end}, but divergence '{divergence.name}' starts on "
        f"{divergence.since}: it ends before the world parts from ours",
        op.span,
        [Related(since_span, "the divergence starts here")] if since_span is not None else [],
        fix="move 'until' after the divergence's 'since', or 'since' earlier",
    )


def _apply(store: FactStore, op: Op, intervals: dict[Fact, Interval]) -> None:
    if op.op == "=":
        for old in store.objects(op.subject, op.prop):
            if old != op.value:
                store.discard((op.subject, op.prop, old))
                intervals.pop((op.subject, op.prop, old), None)
        if op.value is not None:
            _add(store, (op.subject, op.prop, op.value), op.validity, intervals)
    elif op.value is not None:
        fact = (op.subject, op.prop, op.value)
        if op.op == "+=":
            _add(store, fact, op.validity, intervals)
        else:
            store.discard(fact)
            intervals.pop(fact, None)


def _add(
    store: FactStore, fact: Fact, validity: Interval | None, intervals: dict[Fact, Interval]
) -> None:
    store.add(fact)
    if validity is not None:
        intervals[fact] = validity
    else:
        intervals.pop(fact, None)
