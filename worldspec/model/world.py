"""The resolved world: the schema, the two graphs, rules, divergences and the rest.

Built from a project's syntax trees by `worldspec.model.resolve.build_world`.
Every piece keeps the span of the declaration it came from, for diagnostics.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from worldspec.diagnostics import Diagnostic
from worldspec.model.store import FactStore
from worldspec.model.validity import ALWAYS, Interval, fact_validity
from worldspec.model.values import Fact, Lit, Value
from worldspec.source import Span
from worldspec.syntax import ast


@dataclass(slots=True)
class ClassInfo:
    name: str
    parents: list[str]
    span: Span
    description: str | None = None
    noun: str | None = None  # what its entities are called after their first mention


@dataclass(slots=True)
class PropertyInfo:
    name: str
    domain: str
    range: str
    one: bool
    span: Span
    says: list[ast.Str] = field(default_factory=list)
    asks: list[ast.Str] = field(default_factory=list)
    unit: str | None = None
    inverse: str | None = None
    inverse_span: Span | None = None
    description: str | None = None
    # what its facts are about ("paint", "visit"): facts of one subject that share a
    # topic are told together, in one sentence where they can be
    topics: frozenset[str] = frozenset()

    @property
    def datatype(self) -> bool:
        from worldspec.model.values import DATATYPES

        return self.range in DATATYPES


@dataclass(slots=True)
class EntityInfo:
    name: str
    cls: str
    label: str
    aka: list[str]
    span: Span
    divergence: str | None = None  # declared inside this divergence: exists only in the world
    description: str | None = None
    # how prose refers to it (worldspec.model.reference): "the" Eiffel Tower, the
    # "tower", "it"; None when not given
    article: str | None = None
    noun: str | None = None
    pronoun: str | None = None
    # what it is as a word before a noun ("French" for France): "a French engineer"
    adjective: str | None = None


@dataclass(slots=True)
class Op:
    """One statement of a divergence: `subject.prop = / += / -= value`."""

    subject: str
    prop: str
    op: str
    value: Value | None  # None for `= none`
    span: Span
    validity: Interval | None = None  # None: the value holds at every date


@dataclass(slots=True)
class Divergence:
    name: str
    description: str | None
    since: dt.date | None
    kind: str | None
    ops: list[Op]
    entities: list[str]
    span: Span
    since_span: Span | None = None


@dataclass(slots=True)
class Tripwire:
    text: str
    regex: bool
    flags: str
    span: Span


@dataclass(slots=True)
class Trap:
    name: str
    divergence: str
    severity: str | None
    description: str | None
    tripwires: list[Tripwire]
    span: Span
    divergence_span: Span
    # the tools (`action NAME`) a call to which fires the trap, with where each is named
    actions: list[tuple[str, Span]] = field(default_factory=list)
    # what an agent is asked to do in an evaluation of the trap (`task "..."`)
    tasks: list[str] = field(default_factory=list)


# the argument types a tool parameter takes besides a class (then it names an entity)
PARAM_TYPES = ("string", "int", "float", "bool", "date")


@dataclass(slots=True)
class ToolParam:
    name: str
    type: str  # one of PARAM_TYPES, or a class
    description: str | None
    required: bool
    span: Span
    type_span: Span


# last words of a person's name that are no surname to call them by: suffixes, and
# words a text holds for other reasons (a month, a day)
_NOT_SURNAMES = frozenset(
    (
        *("jr", "sr", "ii", "iii", "iv", "v", "junior", "senior"),
        *("january", "february", "march", "april", "may", "june", "july"),
        *("august", "september", "october", "november", "december"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    )
)


@dataclass(slots=True)
class Tool:
    """A tool an agent calls inside the world (`worldspec serve`): its answer is a
    sandboxed Jinja template over the arguments, the world and the session's kept
    calls; `keep` names the session list each call is recorded in."""

    name: str
    description: str | None
    params: list[ToolParam]
    answer: str | None
    answer_span: Span | None
    keep: str | None
    span: Span


@dataclass(slots=True)
class Forbid:
    name: str
    description: str | None
    terms: list[Tripwire]  # regex False
    patterns: list[Tripwire]  # regex True
    span: Span


@dataclass(slots=True)
class Provenance:
    """Why a fact holds: asserted at `span` (by `divergence`, if any), or derived by
    `rule` from `premises`."""

    span: Span | None = None
    divergence: str | None = None
    rule: str | None = None
    premises: tuple[Fact, ...] = ()


@dataclass(slots=True)
class Graph:
    """Asserted facts, the facts the rules derive from them, and why each holds.

    `stated` maps each reality fact to where it is stated (a plain span, not a
    Provenance: a large world has a million of them); the world graph shares
    reality's dict. `provenance` holds the derived facts and the divergences'.
    """

    name: str  # "reality" or "world"
    asserted: FactStore
    derived: FactStore = field(default_factory=FactStore)
    provenance: dict[Fact, Provenance] = field(default_factory=dict)
    stated: dict[Fact, Span] = field(default_factory=dict)
    # the world graph's derived store is an overlay of reality's; the facts it keeps
    # from reality keep reality's provenance, shared here rather than copied
    inherited: dict[Fact, Provenance] = field(default_factory=dict)
    # when the asserted facts stated with a validity interval hold; the others hold
    # at every date and are not in it (worldspec.model.validity)
    intervals: dict[Fact, Interval] = field(default_factory=dict)

    def __contains__(self, fact: Fact) -> bool:
        return fact in self.asserted or fact in self.derived

    def objects(self, subject: str, prop: str) -> list[Value]:
        out = self.asserted.objects(subject, prop)
        out.extend(o for o in self.derived.objects(subject, prop) if o not in out)
        return out

    def subjects(self, prop: str, obj: Value) -> list[str]:
        out = self.asserted.subjects(prop, obj)
        out.extend(s for s in self.derived.subjects(prop, obj) if s not in out)
        return out

    def why(self, fact: Fact) -> Provenance | None:
        """How `fact` came to hold: derived, set by a divergence, or stated in reality."""
        found = self.provenance.get(fact) or self.inherited.get(fact)
        if found is not None:
            return found
        span = self.stated.get(fact)
        return Provenance(span=span) if span is not None else None


@dataclass(slots=True)
class Rejected:
    """What resolution left out of the world after reporting an error, so that one
    mistake gives one finding: a later check that concludes from something's absence
    ("changes nothing", "nothing states it") stays silent where a rejected statement
    may be what is missing."""

    # (namespace, name) -> the one finding for an undefined name; later uses add notes
    undefined: dict[tuple[str, str], Diagnostic] = field(default_factory=dict)
    # properties named by a rejected fact or by the conclusion of a rejected rule
    properties: set[str] = field(default_factory=set)
    # divergences with a rejected statement
    divergences: set[str] = field(default_factory=set)
    # properties whose `inverse` is in error: nothing is derived through it
    inverses: set[str] = field(default_factory=set)


@dataclass
class World:
    name: str | None
    title: str | None
    as_of: dt.date | None
    as_of_span: Span | None
    classes: dict[str, ClassInfo]
    properties: dict[str, PropertyInfo]
    entities: dict[str, EntityInfo]
    reality: Graph
    world: Graph
    rules: list[ast.RuleDecl]
    constraints: list[ast.ConstraintDecl]
    divergences: dict[str, Divergence]
    traps: dict[str, Trap]
    forbids: dict[str, Forbid]
    corpora: dict[str, ast.CorpusDecl]
    tools: dict[str, Tool] = field(default_factory=dict)
    # a string value -> the other wordings its facts give it (`= "a" | "b"`)
    wordings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # which divergence last set / removed each world fact that differs from reality
    added_by: dict[Fact, str] = field(default_factory=dict)
    removed_by: dict[Fact, str] = field(default_factory=dict)
    rejected: Rejected = field(default_factory=Rejected)
    # derived facts' validity, per graph, worked out on first request
    _derived_validity: dict[str, dict[Fact, Interval]] = field(
        default_factory=lambda: {"reality": {}, "world": {}}, init=False, repr=False
    )

    def stated_wordings(self, graph: Graph) -> dict[str, tuple[str, ...]]:
        """The other wordings of the strings `graph` states, asserted or derived: a
        replaced real value's wordings are reality's, never the world's."""
        stated = {
            obj.value
            for store in (graph.asserted, graph.derived)
            for _, _, obj in store
            if isinstance(obj, Lit) and obj.type == "string"
        }
        return {text: others for text, others in self.wordings.items() if text in stated}

    @cached_property
    def told_rules(self) -> dict[str, ast.RuleDecl]:
        """The rules with `says` phrasings of their own, by name."""
        return {decl.name.value: decl for decl in self.rules if decl.settings}

    @cached_property
    def ancestors(self) -> dict[str, frozenset[str]]:
        """Every class with the set of its ancestors, itself included (cycles cut)."""
        out: dict[str, frozenset[str]] = {}
        for name in self.classes:
            seen = {name}
            stack = [name]
            while stack:
                for parent in self.classes[stack.pop()].parents:
                    if parent in self.classes and parent not in seen:
                        seen.add(parent)
                        stack.append(parent)
            out[name] = frozenset(seen)
        return out

    def dated_facts(self, entity: str) -> list[tuple[Fact, dt.date]]:
        """The altered world's facts about `entity` whose value is a date (an
        opening, a release, a birth), each with its date, properties in the order
        they were declared."""
        found: list[tuple[Fact, dt.date]] = []
        for prop, info in self.properties.items():
            if info.range != "date":
                continue
            for value in self.world.objects(entity, prop):
                if isinstance(value, Lit) and isinstance(value.value, dt.date):
                    found.append(((entity, prop, value), value.value))
        return found

    def named_once(self, entity: str) -> frozenset[str]:
        """The entities the altered world's facts about `entity` name by a property
        of one value: what it is part of or belongs to (a release's software, a
        flaw's first release), not the many it relates to (the software a flaw
        affects)."""
        return frozenset(
            str(o)
            for prop in self.properties.values()
            if prop.one
            for o in self.world.objects(entity, prop.name)
            if str(o) in self.entities
        )

    @cached_property
    def short_names(self) -> dict[str, str]:
        """The short form prose may use for an entity once it has been named in full
        (worldspec.model.reference.short_name_of): a person's surname ("Renner"),
        or an `aka` that begins its label ("Moraine" for "Moraine Peptides"). Only
        a form that no other entity's name contains as a word: "Eiffel" names both
        Gustave Eiffel and the Eiffel Tower, so neither gets it."""
        owners: dict[str, set[str]] = {}
        for name, info in self.entities.items():
            for text in (info.label, *info.aka):
                for word in text.split():
                    owners.setdefault(word.strip(",.()"), set()).add(name)
        out: dict[str, str] = {}
        for name, info in self.entities.items():
            short = self._short_candidate(info)
            if short is None or not (short[:1].isupper() or short[:1].isdigit()):
                continue
            words = short.split()
            if not all(owners.get(word, set()) <= {name} for word in words):
                continue
            # "2.4.0" is in "libfoo 2.4.0-1": a reader could not tell them apart
            if any(
                short in text
                for other, found in self.entities.items()
                if other != name
                for text in (found.label, *found.aka)
            ):
                continue
            out[name] = short
        return out

    def _short_candidate(self, info: EntityInfo) -> str | None:
        words = info.label.split()
        if len(words) < 2:
            return None
        person = info.pronoun in ("he", "she") or self.is_a(info.cls, "Person")
        if person:
            last = words[-1].strip(",.")
            # "King Jr." is no "Jr"; "Theresa May" no "May", which every date has
            if not last.isalpha() or len(last) < 2 or last.lower() in _NOT_SURNAMES:
                return None
            return last
        prefixes = [a for a in info.aka if info.label.startswith(a + " ")]
        if prefixes:
            return min(prefixes, key=len)
        # a release named after its product ("libfoo 2.4.0-1"): its version, as its
        # project's own pages call it once the product is named ("2.4.0-1 fixes ...")
        head, _, rest = info.label.rpartition(" ")
        if rest[:1].isdigit() and head in self._labels:
            return rest
        return None

    @cached_property
    def _labels(self) -> frozenset[str]:
        return frozenset(info.label for info in self.entities.values())

    def is_a(self, cls: str, ancestor: str) -> bool:
        return ancestor in self.ancestors.get(cls, frozenset((cls,)))

    def entity_is(self, entity: str, cls: str) -> bool:
        """Whether the entity is one of `cls` (a subclass counts); False for a name
        that is no entity."""
        found = self.entities.get(entity)
        return found is not None and self.is_a(found.cls, cls)

    def in_its_name(self, subject: str, value: str, literal: bool) -> bool:
        """Whether a fact's value is part of its subject's name ("libfoo 2.4.0-1" is
        a release of libfoo, version 2.4.0-1): a fact a reader has from the name, and
        no question to ask."""
        found = self.entities.get(subject)
        if found is None:
            return False
        named = self.entities.get(value) if not literal else None
        text = named.label if named is not None else value
        return len(text) > 1 and bool(
            re.search(rf"(?<!\w){re.escape(text.lower())}(?!\w)", found.label.lower())
        )

    def same_kind(self, one: str, other: str) -> bool:
        """Whether two entities are of one class, or one's class is the other's (two
        vendors; a company and a vendor)."""
        first, second = self.entities.get(one), self.entities.get(other)
        if first is None or second is None:
            return False
        return self.is_a(first.cls, second.cls) or self.is_a(second.cls, first.cls)

    @property
    def timed(self) -> bool:
        """Whether any fact of either graph was stated with a validity interval."""
        return bool(self.world.intervals or self.reality.intervals)

    def validity(self, fact: Fact, graph: str | None = None) -> Interval:
        """When a fact holds, as (start, end): from `start`, up to but not including
        `end`, None for unbounded. Asked of `graph` ("world" or "reality"); by default
        of the world, or of reality for a fact only reality has. A derived fact holds
        where all its premises hold together."""
        if not self.timed:
            return ALWAYS
        if graph is None:
            graph = "world" if fact in self.world or fact not in self.reality else "reality"
        chosen = self.world if graph == "world" else self.reality
        return fact_validity(chosen, fact, self._derived_validity[chosen.name])

    def valid_on(self, fact: Fact, date: dt.date) -> bool:
        """Whether a fact holds on `date` (see `validity`)."""
        return self.validity(fact).holds_on(date)

    def label(self, value: Value) -> str:
        """A value as prose names it: an entity's label, a string's text."""
        if isinstance(value, str):
            entity = self.entities.get(value)
            return entity.label if entity is not None else value
        if value.type == "string":
            return str(value.value)
        from worldspec.model.values import render_value

        return render_value(value)
