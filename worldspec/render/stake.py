"""Why the one who opens a conversation asks: a stake of theirs in what the document
is about, taken from the world ("We use pyfoo, which relies on libfoo.", "I work at
EPFL.", "I'm planning a visit to the Eiffel Tower.").

Readers took threads and quoted questions that ask a bare fact ("Does Acme Peptides
screen the orders it receives?") for a quiz: a real poster says first what the
answer is for. The stake is an entity of the world tied to the document's subjects
by a world fact that holds on the document's date, or one of its subjects itself
where what it is invites a visit or a reading. What the poster says of themselves
("I work at ...") is furniture, as a byline is; what they say of the entity is the
world's fact, as a sentence of the document would say it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from worldspec.model.world import World
from worldspec.plan import PlannedFact
from worldspec.render.content import Content, Neighbourhood

Draw = Callable[[], float]

# what a poster says of their tie to an entity, by its class (the nearest listed
# ancestor wins); {x} is the entity by name, {when} a month soon after the post
# ("in June")
_MEMBER = (
    "I work at {x}.",
    "I'm a researcher at {x}.",
    "I'm at {x}.",
    "I'm a postdoc at {x}.",
    "I run a small lab at {x}.",
)
_EMPLOYEE = (
    "I work for {x}.",
    "I'm with {x}.",
    "I work at {x}.",
    "I handle purchasing at {x}.",
    "I'm new at {x}.",
)
_USER = (
    "We use {x}.",
    "Our project depends on {x}.",
    "We run {x} in production.",
    "We ship {x} in our product.",
    "Our build pulls in {x}.",
    "We're upgrading {x} in {when}.",
)
_OPENINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Company", _EMPLOYEE),
    ("University", _MEMBER),
    ("Laboratory", _MEMBER),
    ("Software", _USER),
)
# classes whose entities one visits or reads: the stake is the subject itself
_OWN_OPENINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Landmark",
        (
            "I'm planning a visit to {x}.",
            "We're going to see {x} next month.",
            "I'll be visiting {x} soon.",
            "We're going to see {x} in {when}.",
            "I'll be near {x} in {when}.",
            "Planning a day at {x} in {when}.",
        ),
    ),
    (
        "Publication",
        (
            "I'm reading {x} for a journal club.",
            "Our reading group is going through {x}.",
            "I'm citing {x} in a paper.",
            "I'm writing a summary of {x}.",
            "I'm presenting {x} to my group in {when}.",
            "Trying to make sense of {x}.",
        ),
    ),
)
# a landmark's stake where the question asks where it is: nobody planning a visit
# asks which city it is in (readers named it in six threads of six)
_WHERE_OPENINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Landmark",
        (
            "My daughter is doing a school project on {x}.",
            "Found an old postcard of {x} in my grandmother's things.",
            "I keep seeing {x} in old films.",
            "Settling an argument with a friend about {x}.",
            "I'm writing a quiz on famous landmarks, {x} among them.",
            "Doing a jigsaw of {x} with the kids and they want to know where it is.",
            "Reading a novel in which the characters climb {x}.",
            "Picked up a stamp with {x} on it at a flea market.",
            "My son asked me about {x} and I realised I wasn't sure.",
        ),
    ),
)
# organisations that answer questions rather than ask them
_NOT_ASKERS = ("Government_agency",)


@dataclass(slots=True)
class Stake:
    """The asker's entity, how they say it is theirs (`opening`, with {x} for its
    name), and the world fact that ties it to the document, if it is not one of its
    subjects."""

    entity: str
    opening: str
    tie: PlannedFact | None = None

    @property
    def names_last(self) -> str:
        """The entity the stake's sentence ends on, which the question after it may
        call "it": the subject visited or read, or the one the tie leads to."""
        return self.tie.object if self.tie is not None else self.entity


def find_stake(
    world: World,
    around: Neighbourhood,
    content: Content,
    day: dt.date,
    draw: Draw,
    asked: str | None = None,
    where: bool = False,
) -> Stake | None:
    """A stake for the conversation about `content`, or None where the world gives
    none. A landmark topic is visited and a paper read; else an affected party of a
    ripple (the customer a vendor stopped screening for, a project still exposed)
    is the asker's, tied where the world says how to what the document names
    ("pyfoo, which relies on libfoo"); else anything tied to a subject. Never the
    entity the question is `asked` about: "I work at Acme. When was it founded?"
    asks what the asker knows. `where`: the question asks where the topic is, which
    one who visits it knows."""
    own = _openings(world, content.topic, _WHERE_OPENINGS if where else ())
    own = own or _openings(world, content.topic, _OWN_OPENINGS)
    if own:
        return Stake(content.topic, own[int(draw() * len(own))])
    subjects = _subjects(content)
    named = set(subjects) | {
        f.object for m in content.focus + content.ripples for f in m.stated if not f.literal
    }
    affected: list[tuple[str, PlannedFact | None]] = []
    for fact in _consequences(around, content, day):
        for entity in (fact.subject, fact.object):
            if entity in world.entities and entity not in subjects[:1]:
                affected.append((entity, _tie(around, entity, named, day)))
    tied = [(e, t) for e, t in affected if t is not None]
    others = [
        (fact.subject, fact)
        for subject in subjects
        for fact in around.incoming(subject)
        if fact.subject not in subjects and around.usable(fact, day)
    ]
    # not one the divergence is about: Acme's own staff do not ask whether it screens,
    # nor its rival, which the answer would name as the alternative
    inside = {e for m in content.focus for f in m.stated for e in (f.subject, f.object)}
    candidates = [
        (e, t)
        for e, t in tied + affected + others
        if e not in inside
        and e != asked
        and not any(world.same_kind(e, i) for i in inside)
        and not _its_own(world, around, e, {*inside, asked})
        and _openings(world, e, _OPENINGS)
    ]
    if not candidates:
        return None
    # an affected party where there is one: the thread is about what happens to it
    entity, tie = candidates[0] if draw() < 0.3 else candidates[int(draw() * len(candidates))]
    openings = _openings(world, entity, _OPENINGS)
    return Stake(entity, openings[int(draw() * len(openings))], tie)


def _consequences(around: Neighbourhood, content: Content, day: dt.date) -> list[PlannedFact]:
    """What the document's divergence means for others: the ripples it tells, or,
    where it tells none (a reply answers what it was asked), those the world draws
    from its facts, which the one who asks may be affected by ("I run a small lab at
    EPFL. Does Acme Peptides screen its orders?")."""
    if content.ripples:
        return [f for m in content.ripples for f in m.stated]
    return [
        f for m in content.focus for f in around.following_from(m.fact) if around.usable(f, day)
    ]


def fits(
    stake: Stake, fact: PlannedFact, content: Content, around: Neighbourhood | None = None
) -> bool:
    """Whether the stake is why one asks about `fact`: the asker visits or reads the
    topic, or their own entity is in the fact, or the fact is a cause of what the
    world says befalls their entity (a lab among the vendor's customers asks
    whether the vendor still screens), or their product's tie leads to what the
    divergence changed. Readers took "I run a small lab at EPFL. Which organisation
    did Tobias Renner resign from?" and "We use libfoo. When was libfoo 2.4.0-1
    released?" for a setup with nothing to do with its question."""
    entity = stake.entity
    if entity == content.topic or entity in (fact.subject, fact.object):
        return True
    for message in content.ripples:
        concerns = any(entity in (f.subject, f.object) for f in message.stated)
        if concerns and any(p.key_text == fact.key_text for p in message.because):
            return True
    if not content.ripples and around is not None:  # the world's, where it tells none
        follows = around.following_from(fact)
        if any(entity in (f.subject, f.object) for f in follows):
            return True
    divergent = any(m.fact.key_text == fact.key_text for m in content.focus)
    return divergent and stake.tie is not None and stake.tie.object == fact.subject


def _its_own(world: World, around: Neighbourhood, entity: str, asked: set[str | None]) -> bool:
    """Whether `entity` is an organisation with a thing of its own among the asked:
    "I handle purchasing at Acme Peptides. How busy is the Acme online order
    portal?" asks a stranger what the asker's own firm knows, readers said. A
    customer asking of its vendor, one organisation of another, is no such case."""
    if not world.entity_is(entity, "Organization"):
        return False
    owned = (f.object for f in around.outgoing(entity) if not f.literal and f.object in asked)
    return any(not world.entity_is(thing, "Organization") for thing in owned)


def _tie(around: Neighbourhood, entity: str, named: set[str], day: dt.date) -> PlannedFact | None:
    """A fact of `entity`'s about something the document names, that holds on the
    day: "pyfoo relies on libfoo"."""
    for fact in around.outgoing(entity):
        named_here = not fact.literal and fact.object in named and fact.object != entity
        if named_here and around.usable(fact, day):
            return fact
    return None


def _subjects(content: Content) -> list[str]:
    """The document's subjects, its topic first."""
    found = [content.topic]
    for message in content.focus:
        for entity in (message.fact.subject, *(f.subject for f in message.fellows)):
            if entity not in found:
                found.append(entity)
    return found


def _openings(
    world: World, entity: str, table: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[str, ...]:
    info = world.entities.get(entity)
    if info is None or any(world.is_a(info.cls, c) for c in _NOT_ASKERS):
        return ()
    for cls, openings in table:
        if world.is_a(info.cls, cls):
            return openings
    return ()
