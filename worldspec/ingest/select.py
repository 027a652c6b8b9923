"""Selection: which statements of a source to keep, read as a stream.

With seeds, the source is read once a hop: the first pass keeps what the seeds'
statements say, each later one what the entities those statements named say, and
a last pass only the names and classes of the entities the last hop reached, so
that every fact's object can be declared. Memory holds the selection, never the
source: a dump of any size is read in the same memory for the same seeds.

Without seeds, one pass keeps every entity of a mapped class and what it says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from worldspec.ingest.mapping import ALIASES, INSTANCE_OF, LABELS, RDF_TYPE, Mapping
from worldspec.ingest.sources import Literal, Statement, Wanted

Read = Callable[[Wanted], Iterator[Statement]]


@dataclass(slots=True)
class Selection:
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    types: dict[str, set[str]] = field(default_factory=dict)  # mapped class IRIs
    facts: list[Statement] = field(default_factory=list)  # of mapped properties
    passes: int = 0
    statements: int = 0  # read, over every pass

    def keep(self, statement: Statement, mapping: Mapping, lang: str, facts: bool) -> None:
        subject, predicate, obj = statement.subject, statement.predicate, statement.object
        if predicate in LABELS:
            # a label in the language wins over one without a language
            if isinstance(obj, Literal) and (
                obj.lang == lang or (obj.lang is None and subject not in self.labels)
            ):
                self.labels[subject] = obj.value
        elif predicate in ALIASES:
            if isinstance(obj, Literal) and obj.lang in (None, lang):
                known = self.aliases.setdefault(subject, [])
                if obj.value not in known:
                    known.append(obj.value)
        elif predicate in (RDF_TYPE, INSTANCE_OF):
            if isinstance(obj, str) and obj in mapping.classes:
                self.types.setdefault(subject, set()).add(obj)
        elif facts and predicate in mapping.properties:
            self.facts.append(statement)


def select(read: Read, mapping: Mapping, seeds: list[str], hops: int, lang: str) -> Selection:
    found = Selection()
    if not seeds:
        for statement in read(None):
            found.statements += 1
            found.keep(statement, mapping, lang, facts=True)
        found.passes = 1
        # an entity with no mapped class is no subject of the import
        found.facts = [f for f in found.facts if f.subject in found.types]
        return found
    visited: set[str] = set()
    frontier = set(seeds)
    for _ in range(hops + 1):
        first = len(found.facts)
        _pass(read, frontier, found, mapping, lang, facts=True)
        visited |= frontier
        frontier = {
            f.object
            for f in found.facts[first:]
            if isinstance(f.object, str) and f.object not in visited
        }
        if not frontier:
            break
    if frontier:  # the entities the last hop reached: their names and classes only
        _pass(read, frontier, found, mapping, lang, facts=False)
    return found


def _pass(
    read: Read, wanted: set[str], found: Selection, mapping: Mapping, lang: str, facts: bool
) -> None:
    found.passes += 1
    for statement in read(wanted.__contains__):
        found.statements += 1
        found.keep(statement, mapping, lang, facts)
