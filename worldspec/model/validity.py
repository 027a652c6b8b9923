"""When facts hold: validity intervals, and the validity of derived facts.

Most facts hold at every date. A fact stated `from D1 until D2` holds from D1 up to,
not including, D2 (closed-open, as SQL periods are), so one value can end on the day
the next begins. Intervals live in a side dict of each graph (`Graph.intervals`),
holding only the facts that have one: a world without intervals pays nothing.

A derived fact holds while all the premises it was derived from hold together: its
validity is the intersection of theirs, followed through the rule engine's
provenance. An empty intersection is kept as it is (its start not before its end),
and holds on no date.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple, Protocol

from worldspec.model.values import Fact
from worldspec.syntax import ast


class Interval(NamedTuple):
    """From `start` (inclusive) to `end` (exclusive); None is unbounded on that side."""

    start: dt.date | None
    end: dt.date | None

    def holds_on(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def empty(self) -> bool:
        return self.start is not None and self.end is not None and self.start >= self.end

    def overlaps(self, other: Interval) -> bool:
        return not intersect(self, other).empty

    def describe(self) -> str:
        """The interval as the language writes it: "from 2010-01-01 until 2015-06-30"."""
        if self.empty:
            return "on no day"
        parts = []
        if self.start is not None:
            parts.append(f"from {self.start.isoformat()}")
        if self.end is not None:
            parts.append(f"until {self.end.isoformat()}")
        return " ".join(parts) or "at every date"


ALWAYS = Interval(None, None)


def interval_of(node: ast.Validity | None) -> Interval | None:
    """The interval a fact was stated with; None for a fact stated without one."""
    if node is None:
        return None
    return Interval(
        node.start.value if node.start is not None else None,
        node.end.value if node.end is not None else None,
    )


def intersect(first: Interval, second: Interval) -> Interval:
    starts = [d for d in (first.start, second.start) if d is not None]
    ends = [d for d in (first.end, second.end) if d is not None]
    return Interval(max(starts) if starts else None, min(ends) if ends else None)


def hull(intervals: list[Interval]) -> Interval:
    """The smallest interval that holds every one of `intervals` (unbounded on a side
    where one of them is)."""
    if not intervals:
        return ALWAYS
    starts = [i.start for i in intervals]
    ends = [i.end for i in intervals]
    return Interval(
        None if None in starts else min(d for d in starts if d is not None),
        None if None in ends else max(d for d in ends if d is not None),
    )


class _Why(Protocol):
    rule: str | None
    premises: tuple[Fact, ...]


class _Graph(Protocol):
    intervals: dict[Fact, Interval]

    def why(self, fact: Fact) -> _Why | None: ...


def fact_validity(graph: _Graph, fact: Fact, cache: dict[Fact, Interval]) -> Interval:
    """When `fact` holds in `graph`: its own interval if it was stated with one, the
    intersection of its premises' if it was derived, else always. `cache` keeps the
    derived facts' answers between calls on the same graph."""
    if not graph.intervals:
        return ALWAYS
    own = graph.intervals.get(fact)
    if own is not None:
        return own
    known = cache.get(fact)
    if known is not None:
        return known
    # Iteratively, premises before the facts derived from them: a derivation chain
    # (a transitive closure) can be longer than Python's recursion limit.
    stack: list[tuple[Fact, bool]] = [(fact, False)]
    visiting: set[Fact] = set()  # provenance has no cycles, but a guard costs little
    while stack:
        current, expanded = stack.pop()
        if current in cache or current in graph.intervals:
            continue
        provenance = graph.why(current)
        premises = provenance.premises if provenance is not None and provenance.rule else ()
        if expanded or not premises:
            result = ALWAYS
            for premise in premises:
                found = graph.intervals.get(premise) or cache.get(premise, ALWAYS)
                result = intersect(result, found)
            cache[current] = result
            continue
        visiting.add(current)
        stack.append((current, True))
        for premise in premises:
            unknown = premise not in cache and premise not in graph.intervals
            if unknown and premise not in visiting:
                stack.append((premise, False))
    return cache[fact]
