"""Content selection: what one document says, all of it taken from the world graph.

A document says its plan's focus facts (the divergence's) and ripples (what they
imply through the rules, each with the facts and rule it follows from), then the
neighbourhood: the facts about the divergence's own subjects, and at a genre's
`reach` 2 a few about the people and organisations those name. Nothing else: a
sentence that names nothing of the world has no place in a document. How much of
the neighbourhood a document takes depends on the genre's length and the
document's seed; a small world gives short documents.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from worldspec.model.validity import ALWAYS, Interval
from worldspec.model.values import Fact, Lit, Value
from worldspec.model.world import World
from worldspec.plan import DocPlan, PlannedFact
from worldspec.plan.words import is_yes_no, says_nothing, world_fact
from worldspec.render.themes import themed

T = TypeVar("T")

# a sentence states a fact in about this many words: the budget of the neighbourhood
WORDS_PER_FACT = 11


# not frozen, though never changed: a frozen dataclass is built through
# object.__setattr__ field by field, at 3.6 times the cost, and content selection and
# microplanning build dozens of messages a document (`dataclasses.replace` makes a
# changed one); hashed by value all the same
@dataclass(slots=True, unsafe_hash=True)
class Message:
    """One fact a document states, and why it is there: `focus` (the divergence's),
    `ripple` (implied by it; `because` holds the facts it follows from), or
    `background` (the world around them)."""

    fact: PlannedFact
    role: str
    because: tuple[PlannedFact, ...] = ()
    # a fact about the value, said as a relative clause on it ("stands in Rome, which
    # lies in Italy"): how a ripple it implies is stated without a sentence of its own
    on_value: PlannedFact | None = None
    # the other values of a [many] property, said with the first in one list ("borders
    # France, Switzerland and Austria"), not a sentence each
    more: tuple[PlannedFact, ...] = ()
    # other subjects of the same property and value, said with it in one sentence
    # ("The Colosseum and the Pantheon also stand in Rome"), background only
    fellows: tuple[PlannedFact, ...] = ()

    @property
    def facts(self) -> tuple[PlannedFact, ...]:
        """The facts the message states: its own, and the other values it lists."""
        return (self.fact, *self.more)

    @property
    def stated(self) -> tuple[PlannedFact, ...]:
        """Every fact the message states: its values, and its fellows'."""
        return (self.fact, *self.more, *self.fellows)


@dataclass(slots=True)
class Content:
    """What a document says: its messages in order of importance, and the entity it
    is about."""

    topic: str
    focus: list[Message]
    ripples: list[Message]
    background: list[Message] = field(default_factory=list)
    # the topic is another entity than the divergence's subjects (`angle_of`)
    angled: bool = False

    @property
    def messages(self) -> list[Message]:
        return self.focus + self.ripples + self.background

    def about(self, entity: str) -> list[Message]:
        return [m for m in self.messages if m.fact.subject == entity]


class Neighbourhood:
    """The world's facts around an entity, looked up once per entity (the properties
    are few; a scan of the whole world per document would not be)."""

    def __init__(self, world: World) -> None:
        self.world = world
        graph = world.world
        # the stated facts only: a derived one repeats what its premises say ("born in
        # Rome" and "Rome is in Italy" already give "born in Italy"), and is stated as a
        # ripple, with its reason, where a divergence changed it
        self._stores = (graph.asserted,)
        self._properties = sorted(graph.asserted.properties())
        self._outgoing: dict[str, list[PlannedFact]] = {}
        self._outgoing_of: dict[tuple[str, str], list[PlannedFact]] = {}
        self._incoming: dict[str, list[PlannedFact]] = {}
        self._premises: dict[str, tuple[PlannedFact, ...]] = {}
        self._unsaid: dict[str, tuple[str, ...] | None] = {}
        self._following: dict[str, list[PlannedFact]] | None = None
        self._at: dict[str, list[PlannedFact]] | None = None
        self._raw: dict[str, Fact | None] = {}
        self._first_day: dict[str, dt.date | None] = {}
        self._when: dict[str, tuple[dt.date | None, Interval | None] | None] = {}
        # the facts divergences set, by key, with the day each divergence began
        self._set_since: dict[str, dt.date] = {
            PlannedFact.of((op.subject, op.prop, op.value)).key_text: divergence.since
            for divergence in world.divergences.values()
            if divergence.since is not None
            for op in divergence.ops
            if op.op in ("=", "+=") and op.value is not None
        }
        self._usable: dict[str, bool | tuple[dt.date | None, Interval | None]] = {}

    def outgoing(self, entity: str) -> list[PlannedFact]:
        found = self._outgoing.get(entity)
        if found is None:
            found = self._outgoing[entity] = [
                PlannedFact.of((entity, prop, obj))
                for prop in self._properties
                for obj in _unique(store.objects(entity, prop) for store in self._stores)
            ]
        return found

    def outgoing_of(self, entity: str, prop: str) -> list[PlannedFact]:
        """The entity's facts of one property, in `outgoing`'s order."""
        key = (entity, prop)
        found = self._outgoing_of.get(key)
        if found is None:
            found = self._outgoing_of[key] = [
                f for f in self.outgoing(entity) if f.property == prop
            ]
        return found

    def incoming(self, entity: str) -> list[PlannedFact]:
        found = self._incoming.get(entity)
        if found is None:
            found = self._incoming[entity] = [
                PlannedFact.of((subject, prop, entity))
                for prop in self._properties
                if self.world.properties.get(prop) is None
                or not self.world.properties[prop].datatype
                for subject in _unique(store.subjects(prop, entity) for store in self._stores)
                if isinstance(subject, str)
            ]
        return found

    def following_from(self, fact: PlannedFact) -> list[PlannedFact]:
        """The consequences (derived, not in reality) that rest on the fact: what a
        divergence means for others ("Acme Peptides fills EPFL's orders unscreened"
        from "Acme Peptides does not screen its orders")."""
        if self._following is None:
            self._following = {}
            graph, reality = self.world.world, self.world.reality
            for raw in graph.derived:
                if raw in reality:
                    continue
                consequence = PlannedFact.of(raw)
                for premise in self.premises(consequence):
                    self._following.setdefault(premise.key_text, []).append(consequence)
        return self._following.get(fact.key_text, [])

    def consequences_at(self, entity: str) -> list[PlannedFact]:
        """The consequences (derived, not in reality) whose value is `entity`: a
        rival that is now the screened alternative to the vendor."""
        if self._at is None:
            self._at = {}
            reality = self.world.reality
            for raw in self.world.world.derived:
                if isinstance(raw[2], str) and raw not in reality:
                    self._at.setdefault(raw[2], []).append(PlannedFact.of(raw))
        return self._at.get(entity, [])

    def raw(self, fact: PlannedFact) -> Fact | None:
        """The world's own fact behind a planned one (its value typed again)."""
        key = fact.key_text
        if key in self._raw:
            return self._raw[key]
        found = self._raw[key] = world_fact(self.world, fact)
        return found

    def began(self, fact: PlannedFact) -> dt.date | None:
        """The day the fact begins to hold, where the world gives it one."""
        when = self._when_of(fact)
        interval = when[1] if when is not None else None
        return interval.start if interval is not None else None

    def changed_on(self, fact: PlannedFact) -> dt.date | None:
        """The day the fact began to hold: its own validity's start, else the day the
        divergence that sets it began ("since 2024-03-01")."""
        return self.began(fact) or self._set_since.get(fact.key_text)

    def holds_on(self, fact: PlannedFact, day: dt.date) -> bool:
        """Whether the fact holds on the document's date: not before its validity
        begins or after it ends, and a date it states (an opening, a release) is not
        in the document's future."""
        when = self._when_of(fact)
        if when is None:
            return True
        stated, interval = when
        if stated is not None and stated > day:
            return False
        return interval is None or interval.holds_on(day)

    def _when_of(self, fact: PlannedFact) -> tuple[dt.date | None, Interval | None] | None:
        key = fact.key_text
        if key not in self._when:
            self._when[key] = self._find_when(fact)
        return self._when[key]

    def _find_when(self, fact: PlannedFact) -> tuple[dt.date | None, Interval | None] | None:
        """The date a fact states and the interval it holds in, None for one that
        holds on every day (looked up once per fact: a corpus asks it of each
        candidate of each document)."""
        stated = None
        prop = self.world.properties.get(fact.property)
        if prop is not None and prop.range == "date" and fact.literal:
            with contextlib.suppress(ValueError):  # a date the world wrote otherwise
                stated = dt.date.fromisoformat(fact.object)
        interval = None
        if self.world.timed:
            raw = self.raw(fact)
            interval = self.world.validity(raw) if raw is not None else None
            interval = None if interval == ALWAYS else interval
        return None if stated is None and interval is None else (stated, interval)

    def exists_on(self, entity: str, day: dt.date) -> bool:
        """Whether the entity is there on the day: not before the earliest date its
        facts give (a survey published in 2029 is not cited in 2028)."""
        first = self._first_day_of(entity)
        return first is None or first <= day

    def _first_day_of(self, entity: str) -> dt.date | None:
        """The earliest date the entity's facts give, looked up once."""
        if entity not in self._first_day:
            days = [day for _, day in self.world.dated_facts(entity)]
            self._first_day[entity] = min(days) if days else None
        return self._first_day[entity]

    def usable(self, fact: PlannedFact, day: dt.date) -> bool:
        """Whether a document dated `day` may state the fact: it holds that day, both
        its entities are there by then, and its subject's name does not already say
        it. What does not depend on the day is worked out once per fact (every
        document of a divergence asks it of the same few dozen candidates)."""
        found = self._usable.get(fact.key_text)
        if found is None:
            found = self._usable[fact.key_text] = self._usable_from(fact)
        if found is False or found is True:
            return found
        earliest, interval = found
        return (earliest is None or earliest <= day) and (
            interval is None or interval.holds_on(day)
        )

    def _usable_from(self, fact: PlannedFact) -> bool | tuple[dt.date | None, Interval | None]:
        """False for a fact never to state, True for one to state on any day, else the
        first day a document may state it on (its entities' first days, the date it
        states) and the interval it holds in."""
        if says_nothing(self.world, fact):
            return False
        entities = [fact.subject] if fact.literal else [fact.subject, fact.object]
        firsts = [d for d in map(self._first_day_of, entities) if d is not None]
        when = self._when_of(fact)
        if not firsts and when is None:
            return True
        stated, interval = when if when is not None else (None, None)
        if stated is not None:
            firsts.append(stated)
        return (max(firsts) if firsts else None), interval

    def premises(self, fact: PlannedFact) -> tuple[PlannedFact, ...]:
        """The facts a derived fact follows from (none for an asserted one)."""
        key = fact.key_text
        found = self._premises.get(key)
        if found is None:
            found = self._premises[key] = self._find_premises(fact)
        return found

    def follows_from(self, fact: PlannedFact, held: set[str]) -> bool:
        """Whether a derived fact follows from the facts `held` (by key): each of its
        premises is held, or said by its subject's name. False for an asserted fact."""
        needed = self.unsaid_premises(fact)
        return needed is not None and all(k in held for k in needed)

    def unsaid_premises(self, fact: PlannedFact) -> tuple[str, ...] | None:
        """The keys of the premises of a derived fact that a document must say for
        the fact to follow from what it says (those its subject's name does not
        already say); None for an asserted fact. Worked out once a fact: content
        selection asks it of every candidate of every document."""
        key = fact.key_text
        if key in self._unsaid:
            return self._unsaid[key]
        premises = self.premises(fact)
        found = self._unsaid[key] = (
            tuple(p.key_text for p in premises if not says_nothing(self.world, p))
            if premises
            else None
        )
        return found

    def _find_premises(self, fact: PlannedFact) -> tuple[PlannedFact, ...]:
        raw = self.raw(fact)
        provenance = self.world.world.why(raw) if raw is not None else None
        if provenance is None or provenance.rule is None:
            return ()
        return tuple(PlannedFact.of(p) for p in provenance.premises)


def _unique(groups: Iterable[Sequence[Value]]) -> list[Value]:
    seen: dict[Value, None] = {}
    for group in groups:
        for value in group:
            seen.setdefault(value, None)
    return list(seen)


def select(
    plan: DocPlan,
    around: Neighbourhood,
    words: tuple[int, int],
    rng: random.Random,
    reach: int = 2,
    angles: Angles | None = None,
) -> Content:
    """The document's content: its plan's facts, then as much of their neighbourhood
    as the genre's length allows (drawn by the document's seed): at `reach` 1 its
    subjects' own facts, at 2 also a few of what they name. With a share `angles`
    of its genre's documents, it is about another entity the divergence touches
    (`angle_of`), and tells the divergence where that entity's own facts meet it."""
    world = around.world
    focus = _listed([Message(f, "focus") for f in plan.facts], world)
    ripples = _listed([Message(f, "ripple", around.premises(f)) for f in plan.ripples], world)
    forbidden = {f.key_text for f in plan.forbidden}
    focus = _unnamed([_completed(m, around, plan.date, forbidden) for m in focus], world)
    ripples = _together(
        [_completed(m, around, plan.date, forbidden) for m in ripples], around, plan.date, forbidden
    )
    said = {f.key_text for m in focus + ripples for f in m.stated}
    said |= {p.key_text for m in ripples for p in m.because}
    topic = (plan.facts or plan.ripples or plan.context)[0].subject
    low, high = words
    budget = low + int(rng.random() * (max(low, high) - low + 1))
    room = max(0, budget // WORDS_PER_FACT - len(said))
    # what a listed ripple follows from, for each of its values: "pyfoo uses libfoo"
    # beside "CVE-2031-0001 reaches pyfoo, httpd-x and Pictor through libfoo" says
    # again what the list said (the message keeps its first value's reasons only)
    implied = {p.key_text for m in ripples for f in m.more for p in around.premises(f)}
    named = set(_entities(plan.facts + plan.ripples, world))
    shunned = _replaced_values(plan, named)
    # drawn only where the genre takes angles: the other genres' draws stay as they were
    angled = angles is not None and angles.share > 0 and rng.random() < angles.share
    angle = angle_of(plan, around, shunned, rng, angles) if angled and angles else None
    candidates = _candidates(plan, around, said | forbidden | implied, rng, reach, angle)
    usable = around.usable
    candidates = [
        f
        for f in candidates
        if f.subject not in shunned
        and (f.literal or f.object not in shunned)
        and usable(f, plan.date)
        and (reach > 1 or not biographical(world, f, named))
    ]
    if len(candidates) < 2 * room:
        # documents of a small world would all say everything it holds: each takes a
        # part of the neighbourhood, so that two of them differ in what they say (a
        # world with much more to say differs by what each document draws from it)
        room = int(room * (0.5 + 0.5 * rng.random()))
    # what the document is about: its divergence's own subjects, not those its ripples
    # reach ("orders from the University of Geneva go unscreened" makes no report of
    # the university's founding)
    subjects = {f.subject for f in plan.facts or plan.ripples}
    values = _values(plan.facts, world)
    if angle is not None:
        # an entry on the tower's architect gives his life and what ties him to the
        # tower, not the tower's paint: readers took that for trivia dropped in
        topic, subjects, values = angle, {angle}, set()
    chosen = _by_relevance(world, candidates, subjects, rng, reach, values, topic)
    # a theme or two, not one fact of each: readers of every round took the
    # tower's rivets, paint and light bulbs one after another for a fact sheet
    chosen = themed(world, chosen)
    reached = named | {p.subject for m in ripples for p in m.because} | subjects
    chosen = _connected(chosen[:room], reached, subjects | values, world)
    chosen = _one_way(chosen, said, world)
    chosen = _not_following(chosen, said, around)
    return Content(
        topic,
        focus,
        ripples,
        gathered(_whole_lists(chosen, around, plan, said | forbidden, shunned), world),
        angled=angle is not None,
    )


def _listed(messages: list[Message], world: World) -> list[Message]:
    """Facts of one subject and [many] property in one message, their values a list:
    "Acme Peptides no longer screens the orders of EPFL and Corvina Biotech", "libfoo
    2.4.1 fixes the build on FreeBSD and restores the pkg-config file", not a
    sentence each, which reads as a rule applied by hand."""
    out: list[Message] = []
    at: dict[tuple[str, str], int] = {}
    for message in messages:
        key = (message.fact.subject, message.fact.property)
        prop = world.properties.get(message.fact.property)
        if key in at and prop is not None and not prop.one:
            first = out[at[key]]
            out[at[key]] = Message(
                first.fact, first.role, first.because, more=(*first.more, message.fact)
            )
            continue
        at[key] = len(out)
        out.append(message)
    return out


def _unnamed(focus: list[Message], world: World) -> list[Message]:
    """The focus messages but those their subject's name says ("libfoo 2.4.0-1 has
    the version number 2.4.0-1", "... is a release of libfoo"), where another of
    them names that subject: the name carries the fact (the verifier finds both its
    ends in the sentence), and a sentence for it is one no reader needs."""
    said = [(m, bool(m.more) or not says_nothing(world, m.fact)) for m in focus]
    carried = {e for m, s in said if s for e in _entities(list(m.facts), world)}
    return [m for m, s in said if s or m.fact.subject not in carried]


def _together(
    ripples: list[Message], around: Neighbourhood, day: dt.date, forbidden: set[str]
) -> list[Message]:
    """Ripples of one rule's conclusion about several subjects and one value in one
    message ("Acme Peptides no longer screens the orders of EPFL and Corvina
    Biotech"), with every subject the world has it for on the day: one sentence
    each reads as the rule applied by hand, and a list cut short as a
    contradiction."""
    out: list[Message] = []
    at: dict[tuple[str, str], int] = {}
    for message in ripples:
        fact = message.fact
        key = (fact.property, fact.object)
        if key in at and not fact.literal and not message.more:
            first = out[at[key]]
            if not first.more:
                out[at[key]] = Message(
                    first.fact, first.role, first.because, fellows=(*first.fellows, fact)
                )
                continue
        at.setdefault(key, len(out))
        out.append(message)
    return [_all_fellows(m, around, day, forbidden) if m.fellows else m for m in out]


def _all_fellows(
    message: Message, around: Neighbourhood, day: dt.date, forbidden: set[str]
) -> Message:
    fact = message.fact
    listed = {fact.subject, *(f.subject for f in message.fellows)}
    fellows = list(message.fellows)
    for subject in around.world.world.subjects(fact.property, fact.object):
        if not isinstance(subject, str) or subject in listed:
            continue
        other = PlannedFact(subject=subject, property=fact.property, object=fact.object)
        if (
            other.key_text not in forbidden
            and around.holds_on(other, day)
            and around.exists_on(subject, day)
        ):
            listed.add(subject)
            fellows.append(other)
    return Message(fact, message.role, message.because, fellows=tuple(fellows))


def _completed(
    message: Message, around: Neighbourhood, day: dt.date, forbidden: set[str]
) -> Message:
    """A focus fact or ripple of a [many] property with its subject's other values
    (stated or derived, holding on the document's date) in its list: "CVE-2031-0001
    is still open in foo-rs, pyfoo and Pictor", not two of them in one document and
    two others in the next, which readers take for a contradiction."""
    world, fact = around.world, message.fact
    prop = world.properties.get(fact.property)
    if fact.literal or prop is None or prop.one:
        return message
    listed = {f.object for f in message.facts}
    more = list(message.more)
    for value in world.world.objects(fact.subject, fact.property):
        other = PlannedFact.of((fact.subject, fact.property, value))
        if (
            other.object not in listed
            and other.key_text not in forbidden
            and around.holds_on(other, day)
            and (other.literal or around.exists_on(other.object, day))
        ):
            listed.add(other.object)
            more.append(other)
    if len(more) == len(message.more):
        return message
    return Message(fact, message.role, message.because, message.on_value, tuple(more))


def _whole_lists(
    chosen: list[PlannedFact],
    around: Neighbourhood,
    plan: DocPlan,
    excluded: set[str],
    shunned: set[str],
) -> list[PlannedFact]:
    """The chosen facts, each of a [many] property with its subject's other values
    (those that hold on the document's date) beside it: a survey written by two
    people is not said to be written by one of them, which a reader of another
    document naming the other takes for a contradiction."""
    world = around.world
    kept = {f.key_text for f in chosen} | excluded
    out: list[PlannedFact] = []
    for fact in chosen:
        out.append(fact)
        prop = world.properties.get(fact.property)
        if prop is None or prop.one:
            continue
        for other in around.outgoing_of(fact.subject, fact.property):
            if (
                other.key_text not in kept
                and around.holds_on(other, plan.date)
                and (
                    other.literal
                    or (other.object not in shunned and around.exists_on(other.object, plan.date))
                )
            ):
                kept.add(other.key_text)
                out.append(other)
    return out


def _one_way(facts: list[PlannedFact], said: set[str], world: World) -> list[PlannedFact]:
    """The facts but those whose inverse the document says or holds already: "Acme
    Peptides is a rival of Moraine Peptides. It's a competitor of Moraine." told
    one fact twice (round 36's readers), as its property is its own inverse."""
    kept: list[PlannedFact] = []
    held = set(said)
    for fact in facts:
        prop = world.properties.get(fact.property)
        inverse = prop.inverse if prop is not None and not fact.literal else None
        if inverse is not None:
            twin = PlannedFact(subject=fact.object, property=inverse, object=fact.subject)
            if twin.key_text in held:
                continue
        held.add(fact.key_text)
        kept.append(fact)
    return kept


def _not_following(
    facts: list[PlannedFact], said: set[str], around: Neighbourhood
) -> list[PlannedFact]:
    """The facts but those derived from what the document says or holds beside them:
    "It's directed by Okonkwo. Okonkwo works for the lab." (the employer derived from
    the directorship) read to blind readers of session 39 as one thing said twice.
    A candidate is weighed against what the document says when it is offered; this,
    against what was chosen with it (a derived fact can come in as the plan's
    context)."""
    held = set(said) | {f.key_text for f in facts}
    return [f for f in facts if not around.follows_from(f, held)]


def gathered(facts: list[PlannedFact], world: World) -> list[Message]:
    """Background messages: the values of a [many] property of one subject in one
    message where the first of them stands, and the subjects that share an entity
    as the value of one property in one message ("the Colosseum and the Pantheon
    stand in Rome")."""
    messages: list[Message] = []
    lists: dict[tuple[str, str], int] = {}
    shared: dict[tuple[str, str], int] = {}
    for fact in facts:
        prop = world.properties.get(fact.property)
        at = lists.get((fact.subject, fact.property))
        if prop is not None and not prop.one and at is not None:
            first = messages[at]
            messages[at] = Message(first.fact, first.role, more=(*first.more, fact))
            continue
        # a [many] property's values stay in their subject's list
        alone = fact.literal or prop is None or not prop.one
        at = None if alone else shared.get((fact.property, fact.object))
        if (
            at is not None
            and not messages[at].more
            and fact.object in world.entities
            and _same_class(world, messages[at].fact.subject, fact.subject)
        ):
            first = messages[at]
            messages[at] = Message(first.fact, first.role, fellows=(*first.fellows, fact))
            continue
        lists[(fact.subject, fact.property)] = len(messages)
        shared.setdefault((fact.property, fact.object), len(messages))
        messages.append(Message(fact, "background"))
    return messages


def biographical(
    world: World, fact: PlannedFact, named: set[str] | frozenset[str] = frozenset()
) -> bool:
    """A fact about a person as a person (born, a citizen of, lives in, studied at)
    that ties them to nothing the document's divergence names: a reference work's
    line, which readers of a report, a thread or an interview took for a profile
    pasted in ("He was born 3 September 1971", "He is a national of Germany")."""
    prop = world.properties.get(fact.property)
    if prop is None or prop.domain != "Person" or not world.entity_is(fact.subject, "Person"):
        return False
    return fact.literal or fact.object not in named


def _replaced_values(plan: DocPlan, named: set[str]) -> set[str]:
    """The entities reality has where the divergence's facts put another (Paris, for
    the tower now in Rome), unless the plan's facts and ripples name them too: a
    document that holds the tower in Rome has no cause to describe Paris, and a
    reader would connect the two."""
    changed = {(f.subject, f.property) for f in plan.facts}
    return {
        f.object
        for f in plan.forbidden
        if not f.literal and (f.subject, f.property) in changed and f.object not in named
    }


def _values(facts: list[PlannedFact], world: World) -> set[str]:
    """The entities the facts have as values (Rome, where the tower stands)."""
    return {f.object for f in facts if not f.literal and f.object in world.entities}


def _connected(
    facts: list[PlannedFact], reached: set[str], pointed: set[str], world: World
) -> list[PlannedFact]:
    """The facts about an entity the document reaches (one it states or one a kept
    fact names), and those that point at its own subjects or their values ("libfoo is
    maintained by the project", "the Colosseum stands in Rome"). A fact about a city
    whose link to the document was left out is a sentence about a stranger ("Piasgam
    has 1,477,000 residents")."""
    kept: list[PlannedFact] = []
    waiting = list(facts)
    grew = True
    while grew and waiting:
        grew = False
        still: list[PlannedFact] = []
        for fact in waiting:
            if fact.subject in reached or (not fact.literal and fact.object in pointed):
                kept.append(fact)
                reached.add(fact.subject)
                if not fact.literal and fact.object in world.entities:
                    reached.add(fact.object)
                grew = True
            else:
                still.append(fact)
        waiting = still
    order = {id(f): at for at, f in enumerate(facts)}
    return sorted(kept, key=lambda f: order[id(f)])


def _by_relevance(
    world: World,
    candidates: list[PlannedFact],
    subjects: set[str],
    rng: random.Random,
    reach: int = 2,
    values: set[str] | frozenset[str] = frozenset(),
    topic: str | None = None,
) -> list[PlannedFact]:
    """The facts about the document's own subjects, then those that point at them,
    then one fact (drawn) for each other entity, and up to two more last, where the
    document has room: a document about a tower says where its architect was born,
    not every city's population along the way."""
    about = [f for f in candidates if f.subject in subjects]
    if topic is not None:
        # a report keeps to its topic: of its other subjects (the man who resigned,
        # in a report on the vendor) one fact each, not their birthdays and passports;
        # an entry on the man gives of the vendor what ties it to him and one fact
        # more, not its customers, plant and staff (readers of round 37 took a life
        # of Tobias Renner for the firm's profile with his name on it)
        by_subject: dict[str, list[PlannedFact]] = {}
        for fact in about:
            by_subject.setdefault(fact.subject, []).append(fact)
        about = [
            f
            for subject, facts in by_subject.items()
            for f in (facts if subject == topic else _of_another(facts, topic, rng, reach))
        ]
    pointing = [f for f in candidates if f.subject not in subjects and f.object in subjects]
    # the entities its subjects name (the tower's city and architect), whose facts a
    # reference work may give: not those two steps away (the city's country's borders)
    near = ({f.object for f in about if not f.literal} | values) - subjects
    # a place is described in its own article: "Rome spans 1,285 square kilometres" in
    # one on the tower is what readers call trivia first
    near = {e for e in near if not world.entity_is(e, "Place")}
    others: dict[str, list[PlannedFact]] = {}
    for fact in candidates:
        if fact.subject in near and fact.object not in subjects:
            others.setdefault(fact.subject, []).append(fact)
    around: list[PlannedFact] = []
    further: list[PlannedFact] = []
    for facts in others.values() if reach > 1 else ():
        # a document of one hop keeps to its subjects: what it names is not described
        # ("Rome, which spans 1,285 square kilometres" is trivia in a report)
        drawn = sorted(facts, key=lambda _: rng.random())
        around.append(drawn[0])
        further += drawn[1:2]  # one more where the document has room for it
    for group in (about, pointing, around, further):
        group.sort(key=lambda _: rng.random())
    # each document of a divergence leaves some of its subjects' facts to the others:
    # seventeen documents about one company do not all list its founding date; and
    # where its subjects have many, those it keeps share the room with the world
    # around them, two for one, or a document would never reach past them
    kept: list[PlannedFact] = []
    left: list[PlannedFact] = []
    for fact in about + pointing:
        (kept if rng.random() < 0.7 else left).append(fact)
    mixed: list[PlannedFact] = []
    while kept or around:
        take_near = kept and (not around or rng.random() < 2 / 3)
        mixed.append(kept.pop(0) if take_near else around.pop(0))
    return mixed + left + further


def _of_another(
    facts: list[PlannedFact], topic: str, rng: random.Random, reach: int
) -> list[PlannedFact]:
    """What a document on `topic` says of another subject of its story, of the
    candidate `facts` about it: one drawn; in a reference work (`reach` 2), those
    that name the topic first ("It was founded by Tobias Renner and Claire
    Vuilleumier" in his entry)."""
    if reach < 2:
        return [facts[int(rng.random() * len(facts))]]
    ties = [f for f in facts if f.object == topic and not f.literal]
    rest = [f for f in facts if f.object != topic or f.literal]
    return ties + ([rest[int(rng.random() * len(rest))]] if rest else [])


def _same_class(world: World, one: str, other: str) -> bool:
    """Whether two entities are of one class: the landmarks of a city share a
    sentence, a university and a company based there do not ("The University of
    Geneva and Acme Peptides are run from Geneva" joins what has nothing in common)."""
    first, second = world.entities.get(one), world.entities.get(other)
    return first is not None and second is not None and first.cls == second.cls


def _candidates(
    plan: DocPlan,
    around: Neighbourhood,
    excluded: set[str],
    rng: random.Random,
    reach: int,
    angle: str | None = None,
) -> list[PlannedFact]:
    """The plan's context facts, then the facts about the entities the document
    names (at `reach` 1, about its divergence's own subjects only). What points at
    an entity is taken for the document's own subjects only, and a few of it: a city
    is the birthplace of hundreds, and each document about one of them would
    otherwise list the rest."""
    found: dict[str, PlannedFact] = {}
    follows_from = around.follows_from

    def offer(fact: PlannedFact) -> None:
        # a derived fact that follows from what the document says already is left
        # out: "It affects libfoo." after "CVE-2031-0001 is present in libfoo 2.4.0"
        # says nothing a reader has not just read (readers called it a non sequitur)
        key = fact.key_text
        if key not in excluded and key not in found and not follows_from(fact, excluded):
            found[key] = fact

    if angle is not None:  # the document's own subject first, all it holds
        for fact in around.outgoing(angle):
            offer(fact)
        for fact in _some(around.incoming(angle), INCOMING_PER_ENTITY, rng):
            offer(fact)
    for fact in plan.context:
        offer(fact)
    subjects = {f.subject for f in plan.facts + plan.ripples}
    # what a document of one hop keeps (content selection drops the rest): the facts
    # of its divergence's own subjects
    own = {f.subject for f in plan.facts or plan.ripples} if reach < 2 else None
    named = _entities(plan.facts + plan.ripples + plan.context, around.world)
    for entity in named:
        if own is None or entity in own:
            for fact in around.outgoing(entity):
                offer(fact)
        if entity in subjects:
            for fact in _some(around.incoming(entity), INCOMING_PER_ENTITY, rng):
                offer(fact)
    # what else the divergence's values hold the way its subject now does: the other
    # landmarks of the city the tower stands in
    for focus in plan.facts:
        if not focus.literal and focus.object in around.world.entities:
            alike = [f for f in around.incoming(focus.object) if f.property == focus.property]
            for fact in _some(alike, INCOMING_PER_ENTITY, rng):
                offer(fact)
    return list(found.values())


INCOMING_PER_ENTITY = 4
# the fewest facts an entity has (that a document may state on its date) to be
# what a document is about: "Maurice Koechlin was a French engineer." is no entry
ANGLE_FACTS = 4


@dataclass(frozen=True, slots=True)
class Angles:
    """A genre's documents about another entity than the divergence's subject: the
    share of them, the classes such an entity is of and those the divergence's
    subjects are of (none: any), as its pack sets them."""

    share: float
    classes: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()


def angle_of(
    plan: DocPlan,
    around: Neighbourhood,
    shunned: set[str],
    rng: random.Random,
    angles: Angles,
) -> str | None:
    """Another entity than the divergence's subject for a document to be about, drawn
    among those the divergence touches: its values (Rome, where the tower now
    stands), and the entities one stated fact away from its subjects (the tower's
    architect), with enough facts of their own for a document. Six hundred
    encyclopedia entries on one tower are one entry six hundred times; entries on
    Rome and on Gustave Eiffel that each tell the tower stands in Rome are a world
    in which it does. The entity is tied to each subject the document's facts are
    about: an entry on a researcher that tells three papers' findings beside her
    one is the divergence pasted in. `angles` may ask for classes of the entity and
    of the divergence's subjects."""
    world = around.world
    subjects = {f.subject for f in plan.facts or plan.ripples}
    of = world.entity_is
    if angles.subjects and not all(any(of(s, c) for c in angles.subjects) for s in subjects):
        return None
    classes = angles.classes
    found: dict[str, None] | None = None
    for subject in sorted(subjects):
        # not a ripple's value: an entry on Italy that says the tower stands in Rome
        # read to a reader as a line pasted in
        tied = dict.fromkeys(
            f.object
            for f in plan.facts + around.outgoing(subject)
            if f.subject == subject and not f.literal and f.object in world.entities
        )
        tied.update(dict.fromkeys(f.subject for f in around.incoming(subject)))
        found = tied if found is None else {e: None for e in found if e in tied}
    # a place only where the divergence puts something in it (Rome, where the tower
    # now stands): an entry on Geneva that told a firm based there changed its order
    # policy read to readers as a geography lesson with a stray line
    valued = {f.object for f in plan.facts if not f.literal}
    # and where the document carries ripples, an entity they are about or one tied
    # to each of their subjects: a life of the survey's author that ends "If the
    # survey is right, Osprey is in effect unmonitored" is the divergence's
    # consequence pasted into a biography (readers of rounds 32 and 33)
    found = _tied_to_ripples(plan, around, found or {})
    drawn = [
        entity
        for entity in found
        if entity not in subjects
        and entity not in shunned
        and (entity in valued or not of(entity, "Place"))
        and (not classes or any(of(entity, c) for c in classes))
        and around.exists_on(entity, plan.date)
        and sum(around.usable(f, plan.date) for f in around.outgoing(entity)) >= ANGLE_FACTS
    ]
    return drawn[int(rng.random() * len(drawn))] if drawn else None


def _tied_to_ripples(
    plan: DocPlan, around: Neighbourhood, found: dict[str, None]
) -> dict[str, None]:
    """Of the entities `found`, those each of the plan's ripples is about (its subject
    or value) or tied to (their values; what names its subject, but for people): a
    researcher's life is no place for what follows for the company she works at, an
    architect's is for what follows for his tower."""
    world = around.world
    for ripple in plan.ripples:
        about = {ripple.subject}
        if not ripple.literal and ripple.object in world.entities:
            about.add(ripple.object)
        # the people its subject or value names (the tower's architect; the founder
        # of the firm whose customers it is about), not those whose own facts name
        # it (a researcher the company employs)
        about |= {f.object for e in list(about) for f in around.outgoing(e) if not f.literal}
        naming = {f.subject for f in around.incoming(ripple.subject)}
        found = {
            e: None
            for e in found
            if e in about or (e in naming and not world.entity_is(e, "Person"))
        }
    return found


def _some(items: list[T], most: int, rng: random.Random) -> list[T]:
    """At most `most` of `items`, a seeded choice that keeps their order."""
    if len(items) <= most:
        return items
    chosen = sorted(rng.sample(range(len(items)), most))
    return [items[i] for i in chosen]


def _entities(facts: list[PlannedFact], world: World) -> list[str]:
    seen: dict[str, None] = {}
    for fact in facts:
        seen.setdefault(fact.subject, None)
        if not fact.literal and fact.object in world.entities:
            seen.setdefault(fact.object, None)
    return list(seen)


def verdict_sources(
    content: Content, around: Neighbourhood, plan: DocPlan | None = None
) -> dict[str, list[str]]:
    """For each subject of a yes/no focus fact (whether linear probing works), the
    subjects of the document's focus statements (a paper's findings, which the
    divergence changed) that point at it in the world (the paper studies it): whom
    the document cites for the verdict. Readers found "Linear probing does not work
    as claimed." stated on no one's word. A document whose plan gives none of
    those statements cites a subject of the divergence's others (of the `plan`'s
    divergences) that is there on its date: 3 probe documents of 10 stated the
    verdict bare for want of one."""
    world = around.world
    verdicts = {m.fact.subject for m in content.focus if is_yes_no(world, m.fact)}
    # and the verdicts a ripple rests on where the document tells the findings
    # alone: "If the paper is right, Meridian Systems ... runs Kestrel without a
    # working monitor", not that said flat in a report's voice (round F)
    verdicts |= {p.subject for m in content.ripples for p in m.because if is_yes_no(world, p)}
    if not verdicts:
        return {}
    stating = [
        m.fact.subject
        for m in content.focus
        if m.fact.literal
        and m.fact.subject not in verdicts
        and (prop := world.properties.get(m.fact.property)) is not None
        and prop.range == "string"
    ]
    found = _pointing_at(around, verdicts, stating)
    if plan is not None and set(found) < verdicts:
        elsewhere = [
            op.subject
            for name in plan.divergences
            for op in world.divergences[name].ops
            if isinstance(op.value, Lit)
            and op.value.type == "string"
            and op.subject not in verdicts
            and around.exists_on(op.subject, plan.date)
        ]
        for verdict, sources in _pointing_at(around, verdicts, elsewhere).items():
            found.setdefault(verdict, sources)
    return found


def _pointing_at(
    around: Neighbourhood, verdicts: set[str], stating: list[str]
) -> dict[str, list[str]]:
    """Of the `stating` entities, those with a fact that points at each verdict's
    subject (the paper studies linear probing), in their order."""
    found: dict[str, list[str]] = {}
    for source in dict.fromkeys(stating):
        for fact in around.outgoing(source):
            if fact.object in verdicts and source not in found.setdefault(fact.object, []):
                found[fact.object].append(source)
    return {verdict: sources for verdict, sources in found.items() if sources}
