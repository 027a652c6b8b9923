"""The fact store: facts indexed by (subject, property) and (property, object).

`FactStore` holds asserted or derived facts. The world graph is an overlay of
reality (`FactStore(base=reality)`): it records only what the divergences add
and remove, never a copy of reality.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from worldspec.model.values import Fact, Value


class FactStore:
    """A set of facts with the two indexes rule evaluation needs.

    `by_sp[p][s]` and `by_po[p][o]` are lists in insertion order, so every query
    answers in a deterministic order. With a `base`, the store is an overlay: it
    sees the base's facts minus `removed`, plus its own.
    """

    __slots__ = ("base", "by_po", "by_sp", "facts", "removed")

    def __init__(self, base: FactStore | None = None) -> None:
        self.base = base
        # a dict, not a set: facts come back in the order they were added, on every
        # run (set order follows string hashes, which Python randomises per process)
        self.facts: dict[Fact, None] = {}
        self.removed: set[Fact] = set()
        self.by_sp: dict[str, dict[str, list[Value]]] = {}
        self.by_po: dict[str, dict[Value, list[str]]] = {}

    def __contains__(self, fact: Fact) -> bool:
        if fact in self.facts:
            return True
        return self.base is not None and fact not in self.removed and fact in self.base

    def __len__(self) -> int:
        own = len(self.facts)
        if self.base is None:
            return own
        return own + len(self.base) - len(self.removed)

    def add(self, fact: Fact) -> bool:
        """Add `fact`; False if the store already has it."""
        facts = self.facts
        if fact in facts:
            return False
        base = self.base
        if base is not None:
            if fact in self.removed:
                self.removed.discard(fact)
                return True
            if fact in base:
                return False
        subject, prop, obj = fact
        facts[fact] = None
        by_s = self.by_sp.get(prop)
        if by_s is None:
            by_s = self.by_sp[prop] = {}
            self.by_po[prop] = {}
        objects = by_s.get(subject)
        if objects is None:
            by_s[subject] = [obj]
        else:
            objects.append(obj)
        by_o = self.by_po[prop]
        subjects = by_o.get(obj)
        if subjects is None:
            by_o[obj] = [subject]
        else:
            subjects.append(subject)
        return True

    def discard(self, fact: Fact) -> bool:
        """Remove `fact`; False if the store does not have it."""
        if fact in self.facts:
            subject, prop, obj = fact
            del self.facts[fact]
            self.by_sp[prop][subject].remove(obj)
            self.by_po[prop][obj].remove(subject)
            return True
        if self.base is not None and fact in self.base and fact not in self.removed:
            self.removed.add(fact)
            return True
        return False

    def objects(self, subject: str, prop: str) -> list[Value]:
        own = self.by_sp.get(prop, {}).get(subject, [])
        if self.base is None:
            return list(own)
        inherited = [
            o for o in self.base.objects(subject, prop) if (subject, prop, o) not in self.removed
        ]
        return inherited + [o for o in own if o not in inherited]

    def subjects(self, prop: str, obj: Value) -> list[str]:
        own = self.by_po.get(prop, {}).get(obj, [])
        if self.base is None:
            return list(own)
        inherited = [s for s in self.base.subjects(prop, obj) if (s, prop, obj) not in self.removed]
        return inherited + [s for s in own if s not in inherited]

    def pairs(self, prop: str) -> Iterator[tuple[str, Value]]:
        """Every (subject, object) of `prop`."""
        if self.base is not None:
            removed = self.removed
            for subject, obj in self.base.pairs(prop):
                if not removed or (subject, prop, obj) not in removed:
                    yield subject, obj
        for subject, objs in self.by_sp.get(prop, {}).items():
            for obj in objs:
                yield subject, obj

    def properties(self) -> set[str]:
        props = {p for p, index in self.by_sp.items() if any(index.values())}
        if self.base is not None:
            props |= {p for p in self.base.properties() if any(True for _ in self.pairs(p))}
        return props

    def __iter__(self) -> Iterator[Fact]:
        for prop in sorted(self.properties()):
            for subject, obj in self.pairs(prop):
                yield subject, prop, obj

    def update(self, facts: Iterable[Fact]) -> None:
        for fact in facts:
            self.add(fact)


class Union:
    """Read-only view of several stores as one (asserted facts plus derived ones)."""

    __slots__ = ("stores",)

    def __init__(self, *stores: FactStore) -> None:
        self.stores = stores

    def __contains__(self, fact: Fact) -> bool:
        # A plain loop: any() over a generator costs a frame per call in a hot path.
        for store in self.stores:  # noqa: SIM110
            if fact in store:
                return True
        return False

    # The stores of a union are asserted and derived facts, which are disjoint: a
    # rule never derives a fact that holds already. (In the world graph a divergence
    # can assert a fact that reality derives; a join then sees it twice, which only
    # repeats a binding.) So the answers are concatenated, not merged.

    def objects(self, subject: str, prop: str) -> list[Value]:
        out = self.stores[0].objects(subject, prop)
        for store in self.stores[1:]:
            out.extend(store.objects(subject, prop))
        return out

    def subjects(self, prop: str, obj: Value) -> list[str]:
        out = self.stores[0].subjects(prop, obj)
        for store in self.stores[1:]:
            out.extend(store.subjects(prop, obj))
        return out

    def pairs(self, prop: str) -> Iterator[tuple[str, Value]]:
        for store in self.stores:
            yield from store.pairs(prop)
