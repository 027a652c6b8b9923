"""Document structure: how a genre lays out its content, as sections with roles.

A news report leads with its focus facts, then what follows from them (the
ripples, with their reasons), then background; an encyclopedia entry opens with
what the topic is, gives its key facts, then a section per related entity; a forum
thread asks about one fact, answers it, and adds the neighbouring facts; an
interview asks a question per fact and answers it with that fact; an email
greets someone by name and signs off. Sentence order follows the structure.

A pack names its layout in genre.toml (`layout`, default: the pack's name); the
layout hands its template `title`, `sections` (each a `heading`, `paragraphs` and
`items`), and for the layouts that have them `posts`, `turns`, `questions`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from worldspec.model.phrasing import HEDGES
from worldspec.model.reference import kind_of, name_with_article, nearest_classes
from worldspec.model.world import PropertyInfo, World
from worldspec.plan import DocPlan, PlannedFact, verbs
from worldspec.plan.planner import ANNIVERSARIES, anniversary
from worldspec.plan.verbs import PAST_AUXILIARIES, past_tense
from worldspec.plan.words import (
    MONTHS,
    NATIONALITY,
    adjective_of,
    contract,
    fill,
    is_yes_no,
    long_date,
    subject_forms,
)
from worldspec.render import discourse, furniture, indirect
from worldspec.render.content import Content, Message, Neighbourhood, biographical, gathered
from worldspec.render.microplan import (
    BIRTH,
    DEATH,
    GENERIC_NOUNS,
    OPENER,
    PERSONAL,
    SPOKEN_FOR_AFTER,
    Lexicon,
    SentencePlanner,
    a_year,
    dated_appositive,
    draws_apart,
    historical,
    is_brand,
    iso_day,
    of_its_size,
    yes_no_subjects,
)
from worldspec.render.realise import (
    and_list,
    articles,
    is_plural,
    number_words,
    plural_of,
    with_article,
)
from worldspec.render.stake import Stake, find_stake, fits
from worldspec.render.themes import (
    UNIT_FAMILY_ORDER,
    alike,
    is_number,
    is_size,
    kin,
    kin_of,
    largest_first,
    partners_of,
    related_facts,
    told_together,
    unit_family,
)


@dataclass(slots=True)
class Section:
    heading: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        # `points`, not `items`: a template's section.items would be the dict's method
        return {"heading": self.heading, "paragraphs": self.paragraphs, "points": self.items}


@dataclass(slots=True)
class Draft:
    """What a layout gives its template."""

    title: str
    sections: list[Section]
    posts: list[dict[str, str]] = field(default_factory=list)
    turns: list[dict[str, str]] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    guest: str | None = None
    guest_from: str | None = None  # the organisation a guest speaks from
    guest_org: str | None = None  # and its name as a sentence gives it ("the ...")
    number: str | None = None  # a textbook section's number ("4.2")
    issuer: str | None = None  # who publishes it, where the world names them
    released: str | None = None  # release notes: the day of their release, in the heading
    host: str | None = None  # an interview's host, where its turns name them

    def sentences(self) -> list[str]:
        found = [p for section in self.sections for p in section.paragraphs]
        found += [p["text"] for p in self.posts] + [t["answer"] for t in self.turns]
        return found

    def contract(self) -> None:
        """Its prose as people speak and mail it ("doesn't", "it's"): a thread's
        posts, a transcript's turns, a letter's paragraphs and its subject."""
        self.title = contract(self.title)
        for section in self.sections:
            section.paragraphs = [contract(p) for p in section.paragraphs]
            section.items = [contract(i) for i in section.items]
        for post in self.posts:
            post["text"] = contract(post["text"])
        for turn in self.turns:
            turn["question"], turn["answer"] = contract(turn["question"]), contract(turn["answer"])


@dataclass(slots=True)
class Layout:
    """The inputs every layout shares."""

    world: World
    plan: DocPlan
    content: Content
    writer: SentencePlanner
    rng: random.Random
    personas: list[str]
    around: Neighbourhood | None = None  # the world's facts, for a poster's stake
    # whom a report may quote, as what, by the class of its topic (its pack's)
    experts: dict[str, list[str]] = field(default_factory=dict)
    # a headline with the flaw its release leaves open, the headline without it and
    # the flaw's name: the body must name the flaw for the headline to
    tension: tuple[str, str, str] | None = None
    # how the genre's opening question may be put indirectly ("Does anyone know
    # {q}?"): worldspec.render.indirect
    frames: tuple[str, ...] = ()
    # whether the opening question may ask if a recent event has happened yet ("Has
    # libfoo 2.4.0-1 been released yet?"), as a poster does
    asks_if_yet: bool = False
    # the study whose finding the headline gives ("..., paper finds"), which news
    # of its own presentation does not replace
    headed_by_finding: str | None = None
    # the message a report's headline gives, which its lede tells first
    headlined: Message | None = None
    # the opening words of the host's questions so far ("what's the story"): readers
    # took "What's the story with Acme Peptides?" and, two questions on, "What's the
    # story behind Acme Peptides?" for one question asked twice
    question_stems: set[str] = field(default_factory=set)

    def expert_roles(self) -> list[str]:
        """The roles a report may quote someone in on its topic (as it is when
        asked: a report of fresh news takes that news's subject), by its class, the
        nearest that has some, else "*"'s, its name in them."""
        found = self.world.entities.get(self.content.topic)
        lineage = nearest_classes(self.world, found.cls) if found is not None else []
        name = name_with_article(self.world, self.content.topic)
        return [fill(role, {"subject": name}) for role in furniture.roles_of(self.experts, lineage)]

    _stake: list[Stake | None] = field(default_factory=list)  # found once, when asked

    def stake(self, asked: str | None = None, where: bool = False) -> Stake | None:
        """The stake of whoever opens the conversation about `asked` (`where`: asking
        where it is), where the world gives one; found once a document."""
        if not self._stake:
            found = None
            if self.around is not None:
                found = find_stake(
                    self.world,
                    self.around,
                    self.content,
                    self.plan.date,
                    self.rng.random,
                    asked,
                    where,
                )
            self._stake.append(found)
        return self._stake[0]

    def stake_said(self) -> Stake | None:
        """The stake the conversation's opening gave, if one was found (no draw)."""
        return self._stake[0] if self._stake else None

    def own_background(self, most: int | None = None) -> list[Message]:
        """The background about the topic and the divergence's own subjects (at most
        `most` of it, all by default): readers took a birth date, a citizenship or a staff count of
        someone the piece is not about for a fact that does not belong."""
        topic = self.content.topic
        # a person the divergence touches, not the page's topic, keeps their
        # biography for a page of their own: readers asked why a lab's page gave a
        # researcher's birth date
        subjects = {topic} | {
            f.subject
            for m in self.content.focus + self.content.ripples
            for f in m.stated
            if not self.world.entity_is(f.subject, "Person")
        }
        # (and a fact of another's that names the topic is about it too: a report of
        # Tobias Renner's resignation that left out that he founded the firm was a
        # headline and one sentence)
        return [
            m
            for m in self.content.background
            if m.fact.subject in subjects or m.fact.object == topic
        ][:most]

    def _asks_where(self, fact: PlannedFact) -> bool:
        """Whether a question about the fact asks where its subject is."""
        return not fact.literal and self.world.entity_is(fact.object, "Place")

    def asked_first(self, messages: list[Message]) -> Message:
        """The message a conversation opens by asking about: the first, unless the
        asker's stake is why one asks about another ("I run a small lab at EPFL.
        Does Acme Peptides screen its orders?", not "... Which organisation did
        Tobias Renner resign from?"), and not about what the subject's name tells
        ("Which software is libfoo 2.4.0-1 a version of?") where there is more."""
        world = self.world
        messages = sorted(
            messages,
            key=lambda m: world.in_its_name(m.fact.subject, m.fact.object, m.fact.literal),
        )
        first = messages[0]
        fact = first.fact
        stake = self.stake(fact.subject, self._asks_where(fact))
        if stake is None or fits(stake, fact, self.content, self.around):
            return first
        return next(
            (
                m
                for m in messages[1:]
                if m.fact.subject != stake.entity and fits(stake, m.fact, self.content, self.around)
            ),
            first,
        )

    def asking(self, message: Message, asked: str | None = None) -> str:
        """The question a conversation opens with, after what the one who asks says
        of why ("We use pyfoo, which relies on libfoo. Is libfoo affected by ..."),
        where the world gives them a stake: a question with nothing behind it reads
        as a quiz."""
        stake = self.stake(message.fact.subject, self._asks_where(message.fact))
        if stake is not None and not fits(stake, message.fact, self.content, self.around):
            # unsaid, and so no one's to answer to later ("That includes Galleria,
            # @jeanne20" to one who never said they ship it)
            stake = self._stake[0] = None
        if stake is None:
            return self.question_about(message, asked=asked, framed=True)
        writer = self.writer
        name = writer.refer.name(stake.entity)
        soon = self.plan.date + dt.timedelta(days=20 + int(self.rng.random() * 70))
        line = stake.opening.replace("{x}", name).replace("{when}", MONTHS[soon.month - 1])
        last = stake.entity
        # "We ship Galleria, which bundles libfoo" says why they ask; "I work for
        # Meridian Systems, which monitors its models with linear probing" read to
        # readers as no one describes their own employer: a product's tie is said,
        # a workplace's left to the question
        uses = stake.opening.startswith(("We ", "Our "))
        if stake.tie is not None and uses and line.endswith(f"{name}.") and self.rng.random() < 0.8:
            clause = writer.relative_clause(stake.tie)
            if clause is not None and "{" not in clause:
                line = f"{line[:-1]}, {clause}."
                last = stake.names_last
        writer.refer.end_sentence([])
        # "I'm reading X for a journal club. What does it report?", or one sentence
        # with a dash, as posters write it too: "Planning a day at X in May - where
        # does it stand?"
        # (not after a tie that named two of a kind: "We use httpd-x, which depends on
        # libfoo. What is its latest release?" left readers asking whose)
        it = last if last == message.fact.subject and last == stake.entity else None
        question = self.question_about(message, it, asked, framed=True)
        if it is not None and self.rng.random() < 0.5:
            return f"{writer.sentence(line)[:-1]} - {writer.lower_first(question)}"
        return f"{writer.sentence(line)} {question}"

    @contextlib.contextmanager
    def own_draws(self) -> Iterator[None]:
        """Draws of their own inside, seeded by the document's: a choice added to a
        layout leaves the draws after it, and so the rest of its documents, as they
        were (a paired reading compares the choice, not a reshuffled document)."""
        main = self.rng
        self.rng = draws_apart(main)
        try:
            yield
        finally:
            self.rng = main

    def pick(self, items: list[str]) -> str:
        return items[int(self.rng.random() * len(items))] if items else ""

    def topic_name(self) -> str:
        return name_as_heading(self.world, self.content.topic)

    def paragraphs(
        self,
        messages: list[Message],
        size: tuple[int, int] = (2, 4),
        in_order: bool = False,
        after: str | None = None,
    ) -> list[str]:
        """The messages as paragraphs of a few sentences, background grouped by the
        entity it is about (unless `in_order`), broken where two facts are least
        bound (a new subject, a fact of another kind: worldspec.render.discourse)
        before a word is written, so that each paragraph opens by naming what it is
        about. Breaking written sentences could not: a paragraph after "It ..."
        runs on, and readers found seven facts of the tower's history and size in
        one. `after`: what the sentence before the first paragraph named, which its
        first sentence may call "it" (a reply after the question quoted)."""
        if not messages:
            return []
        ordered = messages if in_order else self.by_subject(messages)
        partners = self.writer.lexicon.event_partners
        bonds = [
            discourse.bond(self.world, before, message, partners)
            for before, message in zip([None, *ordered[:-1]], ordered, strict=True)
        ]
        # a paragraph of messages runs longer than one of sentences: some share one
        starts = discourse.paragraph_breaks(bonds, (size[0], size[1] + size[1] // 2), self.rng)
        out: list[str] = []
        for start, end in zip(starts, [*starts[1:], len(ordered)], strict=True):
            if after is not None and not out:  # it goes on from what was asked
                # as from a sentence that named it ("> Does Acme Peptides screen
                # ...? / No. It doesn't ... It changed ..."), not "It doesn't review
                # the sequences it's sent. Acme Peptides has a policy ..." (round S)
                self.writer.refer.said_of(after)
            else:
                self.writer.refer.end_sentence([])  # a paragraph names what it is about
            out.append(" ".join(self.writer.sentences(ordered[start:end])))
        return out

    def by_subject(self, messages: list[Message]) -> list[Message]:
        return _by_subject(messages, self.content.topic, self.world)

    def question_about(
        self,
        message: Message,
        it: str | None = None,
        asked: str | None = None,
        again: bool = False,
        framed: bool = False,
        short: float | None = None,
    ) -> str:
        """A question the message answers (`asked`: in this phrasing, else one drawn);
        `it`: the entity the sentence before named last, which the question calls by
        its pronoun where it asks of it; `again`: its subject was named earlier in
        the conversation, and may go by its short name ("Acme"), by the draw `short`
        where one is given (drawn apart from the document's); `framed`: now and
        then put indirectly in one of the layout's frames ("Does anyone know how many
        steps it has?")."""
        if asked is None:
            options = self.writer.lexicon.questions(message.fact.property)
            if it == message.fact.subject:
                # one that can call it "it": "I'm reading X for a journal club. What
                # does it find?", not "What are the findings of X?" (readers caught the
                # title said twice running)
                options = [q for q in options if _takes_pronoun(q)] or options
            asked = self.pick(options)
        if self.writer.is_past(message):  # "What did Gustave Eiffel do for a living?"
            asked = _PRESENT_AUXILIARY.sub(lambda m: PAST_AUXILIARIES[m.group(0)], asked, count=1)
        # (not a yes/no's: "Anyone know whether linear probing is effective?" says,
        # in its clause, what reality holds, and the verifier reads a leak)
        yes_no = is_yes_no(self.world, message.fact)
        yet = self._if_yet(message) if framed and self.asks_if_yet else None
        if yet is not None and self.rng.random() < ASKED_IF_YET:
            asked = yet
        if framed and self.frames and not yes_no and self.rng.random() < INDIRECT:
            asked = indirect.framed(asked, self.pick(list(self.frames))) or asked
        pronoun = self.writer.lexicon.pronoun(message.fact.subject)
        # "How many parts make up it?", "How many levels of it ...": the object of a
        # particle or a preposition is named, not "it"
        if it == message.fact.subject and pronoun in PERSONAL and _takes_pronoun(asked):
            return self.writer.sentence(fill(asked, {"s": PERSONAL[pronoun][0]}))
        if it == message.fact.subject and pronoun in PERSONAL and _OF_IT.search(asked):
            # "How high is its top platform?", not "... the top platform of the Eiffel
            # Tower?" right after a sentence that named the tower
            own = _OF_IT.sub(lambda m: _of_its(m, PERSONAL[pronoun][2]), asked, count=1)
            return self.writer.sentence(own)
        if it == message.fact.subject or again:  # named before: its short name, "Acme"
            drawn = None if short is None or it == message.fact.subject else (lambda: short)
            subject = self.writer.refer.name_again(message.fact.subject, drawn)
            return self.writer.sentence(fill(asked, {"s": subject}))
        subject = self.writer.refer.name(message.fact.subject)
        return self.writer.sentence(fill(asked, {"s": subject}))

    def _if_yet(self, message: Message) -> str | None:
        """ "Has {s} been released yet?": whether an event of the last year has
        happened, as a poster asks it, for a fact whose value is its day and whose
        property reads as a participle ("released on {o}"); None for another, or a
        person's (no one asks whether someone has been born yet). Readers of round E
        took "When did libfoo 2.4.0-1 come out?" for a question nobody needs a forum
        for (40% of libfoo threads asked a release date)."""
        fact = message.fact
        day = iso_day(fact)
        if day is None or not 0 <= (self.plan.date - day).days <= 365:
            return None
        if self.world.entity_is(fact.subject, "Person"):
            return None
        participle = self.writer.lexicon.participle(fact.property)
        if participle is None or not participle.endswith((" on {o}", " in {o}")):
            return None
        return f"Has {{s}} been {participle.rsplit(' ', 2)[0]} yet?"

    def ask_next(
        self,
        message: Message,
        it: str | None = None,
        asked: str | None = None,
        again: bool = False,
        short: float | None = None,
    ) -> str:
        """A question in a conversation: its answer, which comes next, may call what
        it asked about "it"; `it`: what the last answer was about, which the
        question calls "it" where it asks of it again ("When was it set up?");
        `asked`: the question's phrasing, else one drawn."""
        text = self.question_about(message, it, asked, again, short=short)
        self.writer.refer.leads = message.fact.subject
        self.writer.refer.end_sentence([message.fact.subject])
        return text


# the share of threads opening on a recent event that ask whether it has happened
ASKED_IF_YET = 0.5
# the share of threads and letters whose opening question is put indirectly, where
# it can be: 100 of 333 eiffel emails and threads asked "How many steps does it
# have?" in those words
INDIRECT = 0.45


def _of_its(found: re.Match[str], possessive: str) -> str:
    """ "its top platform" for "the top platform of {s}", "of its levels" for "How
    many levels of {s}" ("How many of its levels are open to visitors?")."""
    if found.group(1) is not None:
        return f"{possessive} {found.group(1)}"
    return f"of {possessive} {found.group(2)}"


def _takes_pronoun(question: str) -> bool:
    """Whether a question can ask of its subject as "it", "he" or "she": not as a
    possessive, nor after a particle or a preposition ("How many parts make up
    it?", "What are the findings of it?")."""
    return "{s}'s" not in question and _AFTER_PREPOSITION.search(question) is None


_PRESENT_AUXILIARY = re.compile(r"\b(does|do|is|are|has)\b")
# "the top platform of {s}", which a question about what was just named asks as
# "its top platform"
_OF_IT = re.compile(r"\bthe ([a-z]+(?: [a-z]+)?) of \{s\}|(?<=^How many )([a-z]+) of \{s\}")
_AFTER_PREPOSITION = re.compile(r"\b(of|by|to|in|from|with|up|out|off|down|away|back|over) \{s\}")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _capital_but_names(layout: Layout, text: str) -> str:
    """The text capitalised to open a quote, but for a name written in lower case
    ("libfoo remains vulnerable ...", not "Libfoo ...")."""
    return text if layout.writer.lexicon.opens_with_lower_case_name(text) else _capital(text)


def name_as_heading(world: World, entity: str) -> str:
    """A name that opens a line: its article capitalised ("The Eiffel Tower"), a
    brand written in lower case kept so ("libfoo"), a common phrase capitalised
    ("Linear probing")."""
    name = name_with_article(world, entity)
    found = world.entities.get(entity)
    kept = found is not None and name == found.label and is_brand(name)
    return name if kept else _capital(name)


def _by_subject(messages: list[Message], topic: str, world: World) -> list[Message]:
    """Messages with those about one subject next to each other, and an entity's after
    the message that introduces it: "It is run from Breiskial" before "Breiskial is
    home to 1,381,000 people"."""
    order: dict[str, list[Message]] = {}
    for message in messages:
        order.setdefault(message.fact.subject, []).append(message)
    named_by_others = {
        m.fact.object for subject, own in order.items() for m in own if m.fact.object != subject
    }
    introduced: dict[str, None] = {}
    first = [topic] if topic in order else []  # the topic leads whatever names it
    queue = first + [s for s in order if s not in named_by_others] + list(order)
    while queue:
        subject = queue.pop(0)
        if subject in introduced:
            continue
        introduced[subject] = None
        named = [m.fact.object for m in order[subject] if m.fact.object in order]
        queue[:0] = [n for n in named if n not in introduced]  # what it names next
    return _after_premises(
        [m for subject in introduced for m in _chronological(order[subject], world)]
    )


def _after_premises(messages: list[Message]) -> list[Message]:
    """Each consequence after the message that states what it follows from, where
    both are there: "Acme Peptides does not vet its orders, including those from
    Corvina Biotech", not "Acme Peptides ships to Corvina Biotech without screening
    the orders. Acme Peptides does not vet its orders." (an entry on the board put
    the customer, whose fact names the firm, before the firm's)."""
    out = list(messages)
    for ripple in [m for m in messages if m.role == "ripple" and m.because]:
        keys = {p.key_text for p in ripple.because}
        at = next(i for i, m in enumerate(out) if m is ripple)
        premise = next(
            (i for i, m in enumerate(out) if i > at and any(f.key_text in keys for f in m.stated)),
            None,
        )
        if premise is not None:
            out.insert(premise, out.pop(at))  # (the premise is one place nearer now)
    return out


def _told_as(message: Message, world: World) -> tuple[int, int]:
    """What an entity is before what it measures: who designed the tower and what it
    is built of, then its height, weight and steps, which then share sentences ("It
    stands 330 metres high and weighs 10,100 tonnes") instead of falling between
    the others at random; and of the figures, those of one kind together (its
    height, its base and its top platform in metres, then the tonnes, then the
    counts), as a paragraph on its size, not a column of numbers."""
    if not message.fact.literal:
        return 0, 0
    if not is_number(message.fact):
        return 1, 0
    family = unit_family(world, message.fact)
    return FIGURES, len(UNIT_FAMILY_ORDER) if family is None else family


FIGURES = 2  # what _told_as gives a number first


def _kin_together(messages: list[Message], world: World) -> list[Message]:
    """The messages in their order, but each followed by the later ones about the same
    thing (of one topic, else by their properties' names): how much paint a coat
    takes beside how often the tower gets one. Readers found them a paragraph apart,
    one among the metres and one among the years."""
    out: list[Message] = []
    left = list(messages)
    while left:
        first = left.pop(0)
        prop = first.fact.property
        kinned = kin_of(world, prop)
        fellows = [
            m
            for m in left
            if m.fact.property in kinned
            or (m.fact.property not in world.properties and kin(world, prop, m.fact.property))
        ]
        # a list last, as it ends the sentence they may share: "Designed by Gustave
        # Eiffel, it was engineered by Maurice Koechlin and Émile Nouguier"
        out += _largest_figure_first(sorted([first, *fellows], key=lambda m: bool(m.more)), world)
        if fellows:  # by identity: comparing messages field by field cost a tenth of a draft
            taken = {id(m) for m in fellows}
            left = [m for m in left if id(m) not in taken]
    return out


def _largest_figure_first(messages: list[Message], world: World) -> list[Message]:
    """The messages with their figures of one family of units in the places figures
    held, the largest first: "is 320.8 metres high and has a top platform 276 metres
    above the ground", not the platform before the height (one topic, "height")."""
    at = [i for i, m in enumerate(messages) if unit_family(world, m.fact) is not None]
    if len(at) < 2:
        return messages
    out = list(messages)
    for i, message in zip(
        at,
        sorted((messages[i] for i in at), key=lambda m: largest_first(world, m.fact)),
        strict=True,
    ):
        out[i] = message
    return out


def _partners_together(messages: list[Message], world: World) -> list[Message]:
    """The messages in their order, but an event right after its day ("resigned from
    Acme Peptides" after "resigned on 8 March 2024"), which a sentence then tells
    together: readers found "He stepped down on 8 March 2024. He lives in Geneva.
    Renner stood down from Acme Peptides." a man who resigned twice."""
    partners = partners_of(world)
    if not any(m.fact.property in partners for m in messages):
        return messages  # most entities have no event told in two halves
    days = [_when(m.fact) for m in messages]
    undated = [m for m, day in zip(messages, days, strict=True) if day is None]
    if not undated or len(undated) == len(messages):
        return messages
    out = list(messages)
    for message, day in zip(messages, days, strict=True):
        if day is None:
            continue
        partner = _partner_in(message, undated, world)
        if partner is not None:
            undated.remove(partner)
            out.remove(partner)
            out.insert(out.index(message) + 1, partner)
    return out


def _with_event_partners(
    told: list[Message], rest: list[Message], world: World
) -> tuple[list[Message], list[Message]]:
    """`told` with the other half of each event it tells taken out of `rest` and put
    beside it, which a sentence then tells together ("was born in Soli, Feisgiar,
    on 19 October 1938"): an entry's lead said "Feilmiam Dethgian was born and
    raised in Soli, Feisgiar." and its next paragraph "Dethgian was born October
    19, 1938.", one birth told twice."""
    partners = partners_of(world)
    if not any(m.fact.property in partners for m in told):
        return told, rest
    out, left = list(told), list(rest)
    for message in told:
        partner = _partner_in(message, left, world)
        if partner is not None:
            left.remove(partner)
            out.insert(out.index(message) + 1, partner)
    return _partners_together(out, world), left


def _partner_in(message: Message, candidates: list[Message], world: World) -> Message | None:
    """The first of `candidates` that tells the other half of the message's event
    (its day, or what happened on it), of the same subject."""
    fact = message.fact
    return next(
        (
            m
            for m in candidates
            if m.fact.subject == fact.subject
            and told_together(world, fact.property, m.fact.property)
        ),
        None,
    )


def _chronological(messages: list[Message], world: World) -> list[Message]:
    """One entity's messages with the dated ones in the order of their dates, each in
    a place one of them held: "He was born on 15 December 1832. He died on 27
    December 1923", never the other way round."""
    dated = [(_when(m.fact), at) for at, m in enumerate(messages)]
    places = [at for day, at in dated if day is not None]
    if all(m.role == "background" for m in messages):
        # what is known of an entity opens with its history, as a page on it does
        # ("Work on the tower began on 28 January 1887 ... opened on 31 March
        # 1889"), then what it is: dates between rivet counts read as a shuffle
        order = [at for _, at in sorted((d, a) for d, a in dated if d is not None)]
        told = set(order)
        return _partners_together(
            [messages[at] for at in order]
            + _kin_together(
                sorted(
                    (m for at, m in enumerate(messages) if at not in told),
                    key=lambda m: _told_as(m, world),
                ),
                world,
            ),
            world,
        )
    if len(places) < 2:
        return messages
    ordered = sorted((day, at) for day, at in dated if day is not None)
    out = list(messages)
    for place, (_, at) in zip(places, ordered, strict=True):
        out[place] = messages[at]
    return out


def _when(fact: PlannedFact) -> dt.date | None:
    """The day a fact dates, or the first of the year it names ("the tallest structure
    in the world until 1930" after the opening of 1889, not among the figures);
    worked out once a fact (document structure asks it of each message's fact
    several times a document)."""
    key = fact.key_text
    if key in _WHEN:
        return _WHEN[key]
    day = iso_day(fact)
    if day is None and a_year(fact) and int(fact.object) >= 1:
        day = dt.date(int(fact.object), 1, 1)
    if len(_WHEN) >= _MOST_WHEN:  # memory stays flat over a large world
        _WHEN.clear()
    _WHEN[key] = day
    return day


_WHEN: dict[str, dt.date | None] = {}
_MOST_WHEN = 100_000


# the days before a report's date within which a fact that began to hold is its news
FRESH = 14


def _news_first(layout: Layout, focus: list[Message]) -> tuple[list[Message], Message | None]:
    """The focus with a fact that began to hold in the fortnight before the report's
    date first (the portal's 3,900 orders a month, from 1 June 2024, in a report of
    11 June), and that fact: it is the news, for the headline and the lede (or
    another fact of its subject, where the fresh one is a figure)."""
    around, day = layout.around, layout.plan.date
    if around is None:
        return focus, None
    for at, message in enumerate(focus):
        began = around.began(message.fact)
        if began is not None and 0 <= (day - began).days <= FRESH:
            layout.content.topic = message.fact.subject  # what the report is about
            if _is_figure(layout.world, message.fact):
                # a figure that just changed leads where its subject has no other
                # news: "Synthesis Screening Board delists Acme Peptides" over
                # "Synthesis Screening Board has 13 vendors on its books"
                at, message = next(
                    (
                        (i, m)
                        for i, m in enumerate(focus)
                        if m.fact.subject == message.fact.subject
                        and not _is_figure(layout.world, m.fact)
                    ),
                    (at, message),
                )
            return [message, *focus[:at], *focus[at + 1 :]], message
    # a report that libfoo's latest release is 2.4.0-1, out on 3 February, is news of
    # that release: "libfoo 2.4.0-1 released", not "2.4.0-1 is the newest release of
    # libfoo" over a lede that says so (121 of 1,250 libfoo reports)
    head = next((m for m in focus if not _is_figure(layout.world, m.fact)), None)
    prop = layout.world.properties.get(head.fact.property) if head is not None else None
    if head is None or head.fact.literal or prop is None or not prop.one:
        return focus, None  # (what a flaw affects is its own news: its disclosure)
    for at, message in enumerate(focus):
        when = iso_day(message.fact)
        if (
            message.fact.subject == head.fact.object
            and when is not None
            and 0 <= (day - when).days <= FRESH
        ):
            return [message, *focus[:at], *focus[at + 1 :]], message
    return focus, None


def _headline(layout: Layout, fresh: Message | None = None) -> str:
    """The focus fact in headline style: without a leading article ("Eiffel Tower
    stands in Rome"), nor a relative clause or a date; `fresh`, a change that has
    just come, is the news, figure or not."""
    stated = layout.content.focus or layout.content.ripples
    # the news in a fact, not in a date or a count: "Acme Peptides stops screening
    # orders", not "The resignation of Tobias Renner took effect on 8 March 2024"
    # and a yes its divergence turned to no before the rest of its subject's: "Acme
    # Peptides no longer screens its orders" over "Acme Peptides states that orders
    # ship within 48 hours" (its new terms, 90 of 750 peptide headlines)
    first = next((m for m in stated if not _is_figure(layout.world, m.fact)), stated[0])
    turned = (
        m for m in stated if _turned_no(layout, m.fact) and m.fact.subject == first.fact.subject
    )
    first = fresh or next(turned, first)
    layout.headlined = first
    found = _finding_headline(layout, first.fact)
    if found is not None:
        layout.headed_by_finding = first.fact.subject
        return found
    bare = Message(first.fact, "focus")
    # a headline is about its subject: "Ada Moreau turns to sparse dictionary
    # learning", not "Sparse dictionary learning is a research area of Ada Moreau"
    layout.writer.opens_on = first.fact.subject
    text = layout.writer.state(bare, dated=False).rstrip(".")
    layout.writer.opens_on, layout.writer.opening = None, False
    if _CLEFT.search(text):  # "One change in libfoo 2.4.0-1 is that it fixes ..."
        plain = [
            p for p in layout.writer.lexicon.phrases(first.fact.property) if p.text[:3] == "{s}"
        ]
        if plain:
            layout.writer.refer.mentioned.clear()  # named in full again, not "the release"
            text = layout.writer.state(bare, plain[0], dated=False).rstrip(".")
    layout.writer.refer.mentioned.clear()  # the body names everything anew
    layout.writer.said.discard(first.fact.key_text)
    text = _no_longer(layout, first.fact, text)
    return _with_tension(layout, first.fact, headline_style(text))


_DOES_NOT = re.compile(r"^(.+?) (?:does not|doesn't) ([a-z]+)\b(.*)$")
_IS_NOT = re.compile(r"^(.+?) (is|are) not\b(.*)$")


def _no_longer(layout: Layout, fact: PlannedFact, text: str, stops: bool = True) -> str:
    """A yes/no the divergence turned to no, as news of the change: "Acme Peptides
    no longer vets its orders", not "Acme Peptides does not vet its orders" over a
    report of the day it changed (readers of round E: a headline that never says
    what happened). Only where reality has it yes (the plan forbids that)."""
    if not _turned_no(layout, fact):
        return text
    found = _DOES_NOT.match(text)
    if found is not None:
        forms = verbs.forms_of(found[2])
        if forms is None or forms[0] != found[2] or not forms[1]:
            return text
        # or as the change itself, half the time: "Acme Peptides stops vetting its
        # orders" (the six wordings of one claim headed most of the firm's reports,
        # each in more than 1% of the corpus)
        ing = verbs.gerund(forms[1][0])
        if ing is not None and stops and layout.rng.random() < 0.5:
            return f"{found[1]} stops {ing}{found[3]}"
        return f"{found[1]} no longer {forms[1][0]}{found[3]}"
    found = _IS_NOT.match(text)
    return text if found is None else f"{found[1]} {found[2]} no longer{found[3]}"


def _turned_no(layout: Layout, fact: PlannedFact) -> bool:
    """Whether the fact is a yes/no the divergence turned to no: reality has it yes
    (the plan forbids that)."""
    return (
        fact.object == "false"
        and is_yes_no(layout.world, fact)
        and any(
            (f.subject, f.property, f.object) == (fact.subject, fact.property, "true")
            for f in layout.plan.forbidden
        )
    )


_CLEFT = re.compile(r"\b(is|says) that (it|he|she|they) ")


def _finding_headline(layout: Layout, fact: PlannedFact, always: bool = False) -> str | None:
    """Now and then, a finding as a headline gives it, the finding first and who
    found it after: "Linear probes detect deceptive intent no better than chance,
    paper finds". Readers of round S took "Probing for Deception at Scale reports
    that ..." above a lede that said it again for a template: the headline of a
    study's news names the finding, not the title."""
    writer = layout.writer
    verbs = _finding_verbs(layout, fact)
    if not verbs or (not always and layout.rng.random() >= FINDING_HEADLINES):
        return None
    noun = writer.lexicon.noun(fact.subject).rsplit(" ", 1)[-1]
    if noun in GENERIC_NOUNS:
        return None
    # "libfoo" keeps its case; "sparse dictionary learning", a name of common
    # words, opens a headline as a word does (readers of round F)
    finding = _capital_but_names(layout, fact.object.rstrip("."))
    return f"{finding}, {noun} {layout.pick(verbs)}"


def _study_headline(layout: Layout, event: Message) -> str | None:
    """Most of the time, a report of a study's release or talk headed by what the
    study found, where the report tells it: "Deception probes gain no accuracy as
    models grow larger, paper reports", not "Deception Probes Under Distribution
    Shift came out" (readers of round H: a paper's name and a casual verb)."""
    finding = next(
        (
            m
            for m in layout.content.focus
            if m.fact.subject == event.fact.subject and _finding_verbs(layout, m.fact)
        ),
        None,
    )
    if finding is None or layout.rng.random() >= FINDING_OVER_EVENT:
        return None
    found = _finding_headline(layout, finding.fact, always=True)
    if found is not None:
        layout.headed_by_finding = event.fact.subject
    return found


# the share of reports of a study's release or talk headed by its finding
FINDING_OVER_EVENT = 0.75


def _finding_verbs(layout: Layout, fact: PlannedFact) -> list[str]:
    """The verbs the fact's phrasings say a study found it with ("finds", "shows"),
    none where it is no finding."""
    if not fact.literal or layout.writer.lexicon.dates(fact):
        return []
    return [
        p.predicate.split(" ", 1)[0]
        for p in layout.writer.lexicon.phrases(fact.property)
        if p.joins
        and p.predicate.split(" ", 1)[0] in _FINDING_VERBS
        and p.predicate.endswith(" that {o}")
    ]


# the share of reports on a finding headed by the finding ("..., paper finds"), and
# the verbs that say a study found it (not a firm's "states that")
FINDING_HEADLINES = 0.5
_FINDING_VERBS = frozenset({"finds", "shows", "reports", "concludes", "suggests", "argues"})


def _with_tension(layout: Layout, fact: PlannedFact, headline: str) -> str:
    """A release's headline with the flaw it leaves open, where the world has one:
    "libfoo 2.4.0-1 released without a fix for CVE-2031-0001". The rewriters of the
    calibration built their headlines on that tension ("fixes PNG crash, but TIFF
    flaw remains open"); ours told the release as if nothing were wrong with it."""
    world = layout.world
    flaws = layout.writer.lexicon.left_open(fact.subject)
    prop = world.properties.get(fact.property)
    name = name_as_heading(world, fact.subject)
    if not flaws or prop is None or not headline.startswith(name + " "):
        return headline
    flaw = name_as_heading(world, flaws[0])
    tensed = _tensed(layout, prop, headline, flaw)
    layout.tension = (tensed, headline, flaw) if tensed != headline else None
    return tensed


def _tensed(layout: Layout, prop: PropertyInfo, headline: str, flaw: str) -> str:
    if prop.range == "date":  # the release's day: the headline is that it is out
        return layout.pick(
            [
                f"{headline} without a fix for {flaw}",
                f"{headline}; {flaw} still unpatched",
                f"{headline}, but {flaw} remains open",
            ]
        )
    if not prop.one and prop.range == "string":  # one of its changes
        # in more than one frame: readers of round T took "<a fix> but leaves
        # CVE-2031-0001 open" above every report of the release for a formula
        return layout.pick(
            [
                f"{headline} but leaves {flaw} open",
                f"{headline}; {flaw} still unpatched",
                f"{headline}, but {flaw} remains open",
                f"{flaw} still open as {headline}",
            ]
        )
    return headline


# a sentence's first words a headline keeps in lower case, once its opener is gone
_LOWER_OPENINGS = {"the", "a", "an", "it", "its", "he", "she", "his", "her"}
# the day a headline leaves to the dateline: "... was released on February 3"
_HEADLINE_DAY = re.compile(
    r" (?:on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d{1,2} [A-Z][a-z]+"
    r"( \d{4})?|[A-Z][a-z]+ \d{1,2}(, \d{4})?)|today|yesterday)$"
)
# "was released" is "released" in a headline
_HEADLINE_PASSIVE = re.compile(r"^(\S.*?) (?:was|were) ((?:\w+ly |first )?(\w+))\b")


def headline_style(text: str) -> str:
    """A sentence as a headline writes it: no leading article on a name ("Eiffel
    Tower stands in Rome"), no opener, no day (the dateline gives it), and a passive
    without its "was" ("libfoo 2.4.0-1 released"). Readers took "Among other changes,
    libfoo 2.4.0-1 fixes ..." and "... was released on Monday" above a first sentence
    that said the same for the lede twice."""
    text = OPENER.sub("", text)
    first = text.split(" ", 1)[0]
    if first in _LOWER_OPENINGS:  # what followed the opener; a brand keeps its case
        text = text[:1].upper() + text[1:]
    text = _HEADLINE_DAY.sub("", text)
    text = _in_present(text)
    passive = _HEADLINE_PASSIVE.match(text)
    # "CVE-2031-0001 made public", "... first reported": a participle, regular or
    # not (readers of round F: "CVE-2031-0001 was made public" is no headline)
    if passive is not None and _participle(passive[3]):
        text = f"{passive[1]} {passive[2]}{text[passive.end() :]}"
    if text.startswith("The ") and text[4:5].isupper():
        text = text[4:]
    return text


# the lower-case words a name may hold ("Probing for Deception at Scale", "Maurice
# Koechlin and Émile Nouguier"): a headline's verb is the first other one
_IN_NAMES = frozenset({"and", "of", "the", "for", "at", "from", "de", "du", "la", "le", "von"})


def _in_present(text: str) -> str:
    """A headline's event in the present, as headlines tell what just happened:
    "Tobias Renner resigns from Acme Peptides", "Acme Peptides announces new order
    policy" (its article dropped), not "Tobias Renner resigned from Acme Peptides"
    (readers of round 31d: a sentence, not a headline). Only after a subject that is
    a name, whose end is sure: "Number of vendors registered with ..." is left."""
    words = text.split(" ")
    plural = False
    for at in range(1, len(words)):
        word = words[at]
        if not word.isalpha() or not word.islower():
            continue  # a name's words, a version ("libfoo 2.4.0-1")
        if word not in _IN_NAMES:
            break
        plural = plural or word == "and"
    else:
        return text
    predicate = " ".join(words[at:])
    present = verbs.present_tense(predicate, plural)
    if present == predicate:
        return text
    verb, _, rest = present.partition(" ")
    if rest.startswith(("a ", "an ")):  # "announces new order policy"
        rest = rest.partition(" ")[2]
    return " ".join([*words[:at], verb, rest] if rest else [*words[:at], verb])


def _participle(word: str) -> bool:
    """Whether the word reads as a past participle after "was" ("released", "made",
    "shown"), not an adjective or a noun ("was unfixed" aside, which is one)."""
    if word.endswith(("ed", "en", "wn", "ne", "lt", "un")):
        return True
    forms = verbs.forms_of(word)
    return forms is not None and word in forms[2] and word != forms[0]


def _is_figure(world: World, fact: PlannedFact) -> bool:
    """Whether the fact's value is a date or a number."""
    prop = world.properties.get(fact.property)
    return fact.literal and prop is not None and prop.range in ("date", "int", "float")


def news(layout: Layout) -> Draft:
    """A headline from the focus fact; a lede that states it, in the words of a
    spokesperson of the organisation it is about where there is one ("... a
    spokesperson for Acme Peptides confirmed on Tuesday"); what follows from it; then
    the background."""
    content = layout.content
    layout.writer.relative_dates = True
    layout.writer.refer.journalese = True
    content.focus, fresh = _news_first(layout, content.focus)
    # (its headline first, which says the change in a headline's words)
    title = _headline(layout, fresh)
    layout.writer.tells_changes = True
    _introduce_by_maker(layout)
    event = _recent_event(layout)
    anniversaries = layout.writer.anniversaries
    marked = next((m for m in content.focus if m.fact.key_text in anniversaries), None)
    if marked is not None:  # the divergence's own date at a round anniversary
        title = _event_headline(layout, marked)
    # a spokesperson's word leads on the news the headline gives: "Acme Peptides
    # announced a new order policy yesterday" over "BERN — The number of vendors
    # registered with the board stands at 13, a spokesperson said" read as two
    # reports in one
    elsewhere = (
        event is not None
        and bool(content.focus)
        and event.fact.subject != content.focus[0].fact.subject
    )
    lede = None if elsewhere else _spokesperson_lede(layout)
    held = 0  # the messages the story leads with in their order, at the least
    spoken = lede is not None  # (the lede may be an anniversary's below)
    rest = content.focus[1:] if lede else content.focus
    sections = [Section(paragraphs=[lede] if lede else [])]
    if event is not None:  # what happened, next to the lede: "It was released on Tuesday."
        # a report with news of its own is not headed by another's: not "Acme
        # Peptides begins shipping under its new order terms" over the board's
        # delisting of it, told after that
        heads = fresh is None or fresh.fact.subject == event.fact.subject
        if layout.headed_by_finding != event.fact.subject and heads:
            title = _study_headline(layout, event) or _event_headline(layout, event)
        placed = None if lede else _anniversary_lede(layout, event)
        if placed is not None:  # "Today marks 50 years since the Eiffel Tower in Rome ..."
            lede, told = placed
            sections[0].paragraphs.append(lede)
            rest = [m for m in rest if m is not told]
            since = _then_and_now(layout, event)
            if since is not None:  # "When the tower opened in 1889, it was 312 metres ..."
                sections[0].paragraphs.append(since)
        elif not heads and rest:
            # what the story follows, after its news: "The Synthesis Screening Board
            # delisted Acme Peptides ... The firm had changed its order policy on 1
            # March.", not the firm's change first under the board's headline
            leads = rest[0].fact.subject
            at = next((i for i, m in enumerate(rest) if m.fact.subject != leads), len(rest))
            stopped = _what_it_stopped(layout, event, rest)
            if stopped:  # why the news came, right after it, before what else it left
                at = 1
                held = at + 1 + len(stopped)
            rest = [*rest[:at], event, *stopped, *rest[at:]]
        elif (
            lede
            or not rest
            or rest[0].fact.subject != event.fact.subject
            or _finding_verbs(layout, rest[0].fact)
        ):
            # the event first where the news opens on another subject: "Steering Away
            # from Deception was presented today", not another paper's findings
            # under that headline; where the focus names it ("libfoo 2.4.0-1
            # came out on Monday", then that it is the current release); and
            # before what a study found, as a report opens ("..., a paper by ...,
            # was presented yesterday. It finds that ..."), not "It was presented
            # yesterday." after its findings (readers of round D: an afterthought)
            rest = [event, *rest]
        else:
            rest = [*rest[:1], event, *rest[1:]]
    if event is None and not lede:
        rest, held = _with_what_it_followed(layout, rest)
    rest, leading = _with_what_it_changed(layout, rest)
    leading = max(leading, held)
    # someone whom the news touches, on what it means for them: "“We buy peptides
    # from Acme Peptides, and it fills orders from us without any screening,” said
    # Travis Perez of the University of Geneva."
    touched = _touched_said(layout, rest[max(1, leading) :] + content.ripples)
    if touched is not None:
        rest = [m for m in rest if m is not touched[1]]
        content.ripples = [m for m in content.ripples if m is not touched[1]]
    # not the news itself, which the first paragraph tells (with what it changed)
    candidates = rest[max(1, leading) :] + content.ripples + content.background
    quote = None if lede else _quote(layout, candidates, rest + candidates)
    # else now and then someone who knows the topic, on what follows from the news or
    # on its past, said once the report is written (its names are in it by then);
    # not beside one the news touches, who says what follows from it in their words
    spoken = spoken or touched is not None
    expert = None if spoken or quote is not None else _expert_said(layout, candidates, rest)
    if quote is not None or expert is not None:
        quoted = quote[1] if quote is not None else expert
        rest = [m for m in rest if m is not quoted]
        content.ripples = [m for m in content.ripples if m is not quoted]
        content.background = [m for m in content.background if m is not quoted]
    rest += _rest_of_lists(layout, rest)
    # the news and what follows from it, broken where they are least bound: readers
    # took a paragraph a fact ("libfoo 2.4.0-1 became available on 3 February
    # 2031." "No later release fixes CVE-2031-0001 ...") for facts side by side
    # (the news leads: grouping by subject would put the topic's facts before it)
    # (and what follows from the change the lead tells, next to it)
    lead = {f.key_text for m in rest[:leading] for f in m.stated} if leading > 1 else set()
    following = [m for m in content.ripples if any(p.key_text in lead for p in m.because)]
    ripples = [m for m in content.ripples if all(m is not f for f in following)]
    story = (
        rest[:leading] + following + layout.by_subject(rest[leading:]) + layout.by_subject(ripples)
    )
    told_after = None
    if not layout.writer.anniversaries:
        own = layout.own_background()
        told_after = _bearing_on_the_story(layout, own, story)[:NEWS_BACKGROUND]
        described = _described_beside(layout, own, told_after, story)
        # a fact of the kind the story tells about a subject of its last sentence
        # goes on from it, in its paragraph: "CVE-2031-0001 ... affects Pictor and
        # Galleria. It is present in libfoo 2.4.0-1 and 2.4.0.", not as a line of
        # its own under the story (readers of round T: every report ended on one)
        last = story[-1].fact.subject if story else None
        # and what names it goes on from it too: "It is the newest release of
        # libfoo.", not "2.4.0-1 is the latest release of libfoo." as the report's
        # last line (382 of 1,250 libfoo reports; readers of rounds W to Y)
        on = [m for m in told_after if m.fact.subject == last and _of_the_story(layout, m)]
        story += on
        # and the other half of an event the story tells, beside it, to be said with
        # it: "It was presented at ICML on 18 July.", not "The paper is in the
        # proceedings of ICML." as a paragraph under the story
        on += _event_partners_in(layout, story, [m for m in own if all(m is not s for s in story)])
        naming = [
            m for m in told_after if _names_the_story(m, story) and all(m is not o for o in on)
        ]
        for message in naming:  # after the story's last sentence on what it names
            at = max(i for i, m in enumerate(story) if m.fact.subject in _values_of(message))
            if held:  # not inside what the story leads with in its order
                at = max(at, leading - 1)
            story.insert(at + 1, message)
        # with its day where the background has it: "Tobias Renner stepped down from
        # Acme Peptides on 8 March 2024", not the event with none, a line dropped
        # in to blind readers of session 43
        days = [day for _, day in _days_of(layout, naming, story)]
        naming += _event_partners_in(layout, story, days)
        told_after = [m for m in told_after if all(m is not o for o in on + naming)]
        identified = _identified_beside(layout, own, story, not sections[0].paragraphs)
        told_after = [m for m in told_after if all(m is not i for i, _ in identified)]
        described += identified + _placed_beside(layout, story, sections[0].paragraphs)
        dated, left_out = _dated_beside(layout, told_after, story)
        taken = [*(d for d, _ in dated), *left_out]
        told_after = [m for m in told_after if all(m is not d for d in taken)]
        # another day of what the story ends on, which has one beside its name, goes
        # on from it, not under it: "The Eiffel Tower, opened to the public in 1889,
        # ... On 28 January 1887, work on the Eiffel Tower began."; of another it is
        # left out: "The scaling paper came out on 14 May 2028." after sentences on
        # another paper read as a line tacked on (readers of session 38)
        also_dated = [
            m
            for m in told_after
            if iso_day(m.fact) is not None and any(m.fact.subject == e for _, e in dated)
        ]
        told_after = [m for m in told_after if all(m is not d for d in also_dated)]
        ends_on = story[-1].fact.subject if story else None
        also_dated = [m for m in also_dated if m.fact.subject == ends_on]
        voiced = [m for m in (quote[1] if quote else None, expert) if m is not None]
        _with_what_it_risks(layout, story, told_after, voiced)
    else:
        dated, also_dated, described = [], [], []
    of_story = _apposed(layout, story)
    apposed = of_story + dated + described
    story = [m for m in story if all(m is not a for a, _ in apposed)]
    sections[0].paragraphs += layout.paragraphs(story, (2, 3), in_order=True) if story else []
    sections[0].paragraphs = [_day_before_relative(p) for p in sections[0].paragraphs]
    # the story's own facts are said where their appositive went unused; the
    # background's are left out: "The Geneva firm was established on 12 April 2011."
    # after the story read to readers of every round as a line tacked on
    _said_where_not_apposed(layout, of_story, sections[0].paragraphs)
    _unapposed(layout, dated + described)
    if also_dated and sections[0].paragraphs:
        sections[0].paragraphs[-1] += " " + " ".join(layout.writer.sentences(also_dated))
    if quote is not None:  # a quote is a paragraph of its own, after the news
        sections[0].paragraphs.insert(min(1, len(sections[0].paragraphs)), quote[0])
    if touched is not None:  # after the story it reacts to
        sections[0].paragraphs.append(touched[0])
    # a report of a round anniversary is a look back: it tells more, and the history
    # first (readers took "Eiffel Tower at 25" and the tower's weight, steps and
    # paint for an anniversary with no news in it)
    if told_after is not None:
        # not a day alone as the report's last paragraph ("The Halcyon
        # Interpretability Lab was established on 4 March 2024."): a line tacked on
        lone_day = len(told_after) == 1 and iso_day(told_after[0].fact) is not None
        if told_after and not lone_day:
            sections.append(Section(paragraphs=layout.paragraphs(told_after)))
    else:
        # (what the expert will say, once the report is written)
        in_quote = {f.key_text for f in expert.stated} if expert is not None else set()
        history = _history_of(layout, in_quote)
        looked, figures = _looking_back(layout.world, layout.own_background() + history)
        looked_back = layout.paragraphs(looked, in_order=True)
        marks = marked or event
        marked_day = dt.date.fromisoformat(marks.fact.object) if marks is not None else None
        _as_it_is_today(layout, figures, looked_back, marked_day)
        if looked_back:
            sections.append(Section(paragraphs=looked_back))
    if expert is not None:
        sections[0].paragraphs.insert(min(1, len(sections[0].paragraphs)), _quoted(layout, expert))
    # filed from where the report opens: "GENEVA — Acme Peptides introduced ...",
    # not the board's "BERN" over a lede on the firm (readers of round B)
    opens_on = content.focus[:1] if lede else story[:1]
    first = sections[0].paragraphs
    # (by the name its first sentence opens with: "GENEVA — Acme Peptides is no longer
    # on the register of the Synthesis Screening Board")
    opener = _named_first(layout, opens_on[0], first[0]) if opens_on and first else None
    dateline = _dateline(layout, opener or (opens_on[0].fact.subject if opens_on else None))
    # "ROME — The Eiffel Tower stands in Rome" tells readers where they are: no
    # dateline where the report's first facts give its city as a value
    repeats = any(
        layout.world.entities.get(m.fact.object) is not None
        and layout.world.entities[m.fact.object].label.upper() == dateline
        for m in content.focus[:2]
    )
    if dateline and first and not repeats and layout.rng.random() < 0.8:
        first[0] = f"{dateline} — {first[0]}"
    return Draft(_kept_tension(layout, title, sections), sections)


def _with_what_it_changed(layout: Layout, story: list[Message]) -> tuple[list[Message], int]:
    """The story with what its event changed right after it: "Acme Peptides
    announced a new order policy yesterday. It states that orders ship within 48
    hours and nobody checks the sequences.", not the announcement, then the board's
    register, and the policy last or nowhere (readers of round G: news of a new
    policy that never says what it is). What it changed: a fact of the event's
    subject and topic that the same divergence sets, said in words; the story's own
    where it has one, else the background's, else one of the world's that the
    document's day may state. And how many messages lead the story, in their order
    (the rest is grouped by subject)."""
    around, world = layout.around, layout.world
    if around is None:
        return story, 1
    # (the event the report opens on: one told later is what led to its news)
    opening = (
        story[:1] if len(story) < 2 or story[1].fact.subject != story[0].fact.subject else story[:2]
    )
    for at, message in enumerate(opening):
        fact = message.fact
        prop = world.properties.get(fact.property)
        if prop is None or prop.range != "date" or not prop.topics:
            continue
        if around.raw(fact) not in world.added_by:
            continue
        changed = functools.partial(_changed_by, world, around, fact)
        # and the yes or no it changed with it, next: "It has a policy that orders
        # ship within 48 hours. It does not screen its orders.", not the board's
        # register between them (readers of round 31b: the news buried)
        also = [
            m
            for m in story[at + 1 :]
            if _changed_by(world, around, fact, m.fact, yes_no=True) and not m.more
        ][:1]
        after = [m for m in story[at + 1 :] if all(m is not a for a in also)]
        told = [m for m in after if changed(m.fact) and not m.more]
        if told:
            rest = [m for m in after if m is not told[0]]
            return [*story[: at + 1], told[0], *also, *rest], at + 2 + len(also)
        content = layout.content
        below = [m for m in content.background if changed(m.fact)]
        if below:  # (from under the story, where content selection put it)
            content.background = [m for m in content.background if m is not below[0]]
            return [*story[: at + 1], below[0], *also, *after], at + 2 + len(also)
        said = {f.key_text for m in layout.content.messages for f in m.stated}
        said |= {f.key_text for f in layout.plan.forbidden}
        found = [
            other
            for other in around.outgoing(fact.subject)
            if other.key_text not in said
            and changed(other)
            and around.usable(other, layout.plan.date)
        ]
        if found:
            first = Message(found[0], "focus")
            return [*story[: at + 1], first, *also, *after], at + 2 + len(also)
        return story, 1
    return story, 1


def _what_it_stopped(layout: Layout, event: Message, story: list[Message]) -> list[Message]:
    """The yes or no an event told after another's news changed, to go right after
    it: "The Synthesis Screening Board delisted Acme Peptides, which introduced its
    current order policy yesterday. Acme Peptides does not check the orders it
    receives.", where readers of round 35 asked why the board delisted it (3 of 20
    peptide documents failed on reports that never said)."""
    if layout.around is None:
        return []
    changed = functools.partial(_changed_by, layout.world, layout.around, event.fact, yes_no=True)
    found = _change_to_tell(layout, story, event.fact.subject, changed)
    return [] if found is None else [found]


def _change_to_tell(
    layout: Layout, story: list[Message], entity: str, wanted: Callable[[PlannedFact], bool]
) -> Message | None:
    """A fact `wanted` takes, to tell beside an event: from `story` (taken out of
    it); else, unless a consequence the report tells rests on one and so says it
    already (the paired reader took it said again after it for a repetition), from
    the background (taken out of it), else the world's fact of `entity` that the
    document's day may state."""
    content, around = layout.content, layout.around
    found = next((m for m in story if wanted(m.fact) and not m.more), None)
    if found is not None:
        story.remove(found)
        return found
    if around is None or any(wanted(p) for m in content.ripples for p in m.because):
        return None
    found = next((m for m in content.background if wanted(m.fact) and not m.more), None)
    if found is not None:
        content.background.remove(found)
        return found
    said = {f.key_text for m in content.messages for f in m.stated}
    said |= {f.key_text for f in layout.plan.forbidden}
    day = layout.plan.date
    fact = next(
        (
            f
            for f in around.outgoing(entity)
            if f.key_text not in said and wanted(f) and around.usable(f, day)
        ),
        None,
    )
    return None if fact is None else Message(fact, "focus")


# the days before a report's event within which a change it names is what led to it
FOLLOWED_WITHIN = 45


def _with_what_it_followed(layout: Layout, story: list[Message]) -> tuple[list[Message], int]:
    """The story with the change its event followed right after it: of what the
    event names (its value), a yes or no a divergence turned to no in the weeks
    before ("Tobias Renner resigned from Acme Peptides on 8 March 2024. A week
    earlier, Acme Peptides had stopped screening its orders."), where round 35's
    reader took a report of the resignation alone for one with no reason in it.
    From the story, else the background, else the world; and how many messages
    lead the story in their order (0: as it was)."""
    around, world = layout.around, layout.world
    if around is None or not story:
        return story, 0
    first = story[0].fact
    day = next(
        (d for m in story if m.fact.subject == first.subject and (d := iso_day(m.fact))), None
    )
    if day is None or first.literal or first.object not in world.entities:
        return story, 0

    def followed(fact: PlannedFact) -> bool:
        began = around.changed_on(fact)
        return (
            fact.subject == first.object
            and is_yes_no(world, fact)
            and fact.object == "false"
            and around.raw(fact) in world.added_by
            and began is not None
            and 0 <= (day - began).days <= FOLLOWED_WITHIN
        )

    story = list(story)
    found = _change_to_tell(layout, story, first.object, followed)
    if found is None:
        return story, 0
    # the event whole first (its day's message with it), then the change it followed
    own = [m for m in story if m.fact.subject == first.subject]
    ahead = 1 + sum(1 for m in own[1:2] if iso_day(m.fact) is not None)
    return [*story[:ahead], found, *story[ahead:]], ahead + 1


def _changed_by(
    world: World, around: Neighbourhood, event: PlannedFact, fact: PlannedFact, yes_no: bool = False
) -> bool:
    """Whether a fact is what a divergence's event changed, said in words: of the
    event's subject and topic, set by a divergence, no day of its own, and no yes or
    no ("It does not vet its orders." says less of the policy, and names nothing:
    `worldspec stats` counts it so); or, `yes_no`, one that is."""
    found, prop = world.properties.get(fact.property), world.properties.get(event.property)
    return (
        fact.subject == event.subject
        and found is not None
        and prop is not None
        and found.range != "date"
        and bool(found.topics & prop.topics)
        and around.raw(fact) in world.added_by
        and is_yes_no(world, fact) == yes_no
    )


def _kept_tension(layout: Layout, title: str, sections: list[Section]) -> str:
    """The headline, without the flaw its release leaves open where the report never
    names it: "...; CVE-2031-0001 still unpatched" over a report of the release's
    changes alone read to readers of round A as a headline for another story."""
    if layout.tension is None or title != layout.tension[0]:
        return title
    _, plain, flaw = layout.tension
    told = (p for section in sections for p in [*section.paragraphs, *section.items])
    return title if any(flaw.lower() in p.lower() for p in told) else plain


def _introduce_by_maker(layout: Layout) -> None:
    """Now and then, a report's first mention of its topic says what it is and who
    made it ("Probing for Deception at Scale, a paper written by Ada Moreau and Tom
    Hartley, reports ..."), as reporters introduce a study or a firm: readers of
    every round took a report that named a paper and went on to its dates for a
    headline restated with trivia after it. Not where the topic is the subject of a
    yes/no the report states, which the verifier reads in the words right after its
    name."""
    content, world, writer = layout.content, layout.world, layout.writer
    topic = content.topic
    stated = [f for m in content.focus + content.ripples for f in m.stated]
    if topic in writer.refer.appositives or any(
        f.subject == topic and is_yes_no(world, f) for f in stated
    ):
        return
    if layout.rng.random() >= MAKER_IN_REPORTS:
        return
    kind = kind_of(world, topic, avoid=GENERIC_NOUNS)
    maker = _maker(layout, kind, always=True)
    if maker is None:
        return
    # its makers are named where the appositive is written, in full: not counted as
    # named before ("Okonkwo is the director" in a report whose lede, a
    # spokesperson's, wrote no appositive)
    before = writer.refer.trial()
    made = _made_by(layout, kind, maker, affiliated=True)
    writer.refer.give_up(before)
    writer.refer.appositives[topic] = with_article(made)


# the share of reports that introduce their topic by who made it, where they can
MAKER_IN_REPORTS = 0.6
# the most background facts a report tells after its story: readers took four
# (its chair, its founders, its chief, its staff) for a fact sheet under a headline
NEWS_BACKGROUND = 2


def _apposed(layout: Layout, story: list[Message]) -> list[tuple[Message, str]]:
    """The facts of a report that say what a subject of its story is, in a phrasing
    "{o} is the ... of {s}", put beside that subject's first name instead of a
    sentence of their own: "libfoo 2.4.0-1, the newest release of libfoo, came out
    on 3 February 2031", where readers of rounds C and D named "2.4.0-1 is the
    current release of libfoo." as a stock line tacked on (in 8 and 7 of 20 libfoo
    documents). Each with the entity it goes beside; only where that entity is not
    named yet and has nothing beside it, and the story names it before the fact."""
    writer = layout.writer
    found: list[tuple[Message, str]] = []
    for at, message in enumerate(story):
        fact = message.fact
        if at == 0 or fact.literal or message.more or message.fellows or message.because:
            continue
        entity = fact.object
        if message.on_value is not None or writer.refer.mentioned.get(entity):
            continue
        if entity in writer.refer.appositives or any(e == entity for _, e in found):
            continue
        if not any(m.fact.subject == entity for m in story[:at]):
            continue
        if any(f.subject == entity and is_yes_no(layout.world, f) for m in story for f in m.stated):
            continue  # its yes/no is read in the words right after its name
        noun = _identifying_noun(layout, fact)
        if noun is not None:
            writer.refer.appositives[entity] = noun
            writer.said.add(fact.key_text)
            found.append((message, entity))
    return found


def _described_beside(
    layout: Layout, background: list[Message], kept: list[Message], story: list[Message]
) -> list[tuple[Message, str]]:
    """What a story's entity is (its description: "a heap buffer overflow in the TIFF
    header parser") beside its name, where the background held it (so `describe` left
    it to the body) but the report does not tell it: "libfoo 2.4.0-1 and 2.4.0 are
    vulnerable to CVE-2031-0001." and never what the flaw is (readers of round H:
    "disclosure stories never say what the vulnerability is"). Each with the entity
    it goes beside."""
    writer = layout.writer
    named = _named_in(story)
    found: list[tuple[Message, str]] = []
    for message in background:
        entity = message.fact.subject
        if any(message is m for m in kept) or entity not in named:
            continue
        if entity in writer.refer.appositives or any(e == entity for _, e in found):
            continue
        description = writer.lexicon.description(entity)
        if description is None or description.key_text != message.fact.key_text:
            continue
        writer.refer.appositives[entity] = writer.value(message.fact)
        writer.said.add(message.fact.key_text)
        found.append((message, entity))
    return found


def _identified_beside(
    layout: Layout, background: list[Message], story: list[Message], first: bool
) -> list[tuple[Message, str]]:
    """Who a person the story tells of is, from what ties them to another of its
    subjects, beside a name, as reporters name people: "Tobias Renner, a founder of
    Acme Peptides," where the report told it as its last line ("Tobias Renner and
    Claire Vuilleumier set up the Geneva firm.") or not at all (blind readers of
    session 40: "never explains who Renner is"). Where the story opens on the
    person and names that other (`first`: nothing is said before it), beside the
    other's name: "Tobias Renner resigned from Acme Peptides, which he founded with
    Claire Vuilleumier, on 8 March 2024" (a value is said by its name, and "Tobias
    Renner, a founder of Acme Peptides, resigned from Acme Peptides" says it
    twice). Each with the entity it goes beside."""
    writer = layout.writer
    subjects = {f.subject for m in story for f in m.stated}
    # (what the story opens on, the day of an event put before it aside)
    lexicon = writer.lexicon
    skip = int(
        len(story) > 1
        and story[0].fact.literal
        and story[0].fact.subject == story[1].fact.subject
        and lexicon.event_partners(story[0].fact.property, story[1].fact.property)
    )
    opens_on = story[skip].fact if story else None
    opening = opens_on if first and opens_on is not None and not opens_on.literal else None
    found: list[tuple[Message, str]] = []
    # (and one the story tells after it opens: "Tobias Renner resigned from Acme
    # Peptides on 8 March 2024. Tobias Renner and Claire Vuilleumier set up the
    # Geneva firm.")
    told = [m for m in story[1:] if m.role == "background"]
    for message in background + told + _ties_of_people(layout, subjects, story):
        if message.because or message.fellows or message.fact.literal:
            continue
        for fact in message.facts:
            person, other = fact.object, fact.subject
            if person not in subjects or other not in subjects:
                continue
            if not layout.world.entity_is(person, "Person"):
                continue
            opens = opening is not None and opening.subject == person and opening.object == other
            owns = [m for m in story if m.fact.subject == person]
            if not opens and any(other in _values_of(m) for m in owns):
                # "Tobias Renner, a founder of Acme Peptides, quit Acme Peptides." (and
                # where the day of his leaving comes first)
                continue
            beside = other if opens else person
            if beside in writer.refer.appositives or any(e in (person, other) for _, e in found):
                continue
            with layout.own_draws():
                noun = _relative_of_maker(layout, fact) if opens else (
                    _identifying_noun(layout, fact, indefinite=True)
                )  # fmt: skip
            if noun is None:
                continue
            said = [fact]
            others = [f for f in message.facts if f is not fact]
            if opens and others:  # "which he founded with Claire Vuilleumier"
                noun += " with " + writer.listed([f.object for f in others])
                said += others
            writer.refer.appositives[beside] = noun
            if not opens:
                writer.refer.opening_only.add(person)
            writer.said.update(f.key_text for f in said)
            found.append((message, beside))
            break
    return found


def _placed_beside(
    layout: Layout, story: list[Message], written: list[str]
) -> list[tuple[Message, str]]:
    """What an organisation the story names is and where, beside its name, as a
    report introduces one: "Corvina Biotech, a Lausanne biotech firm," "Meridian
    Systems, a company in San Francisco," (an editor of session 42: a customer or
    a rival named bare is a name the reader must look up). From its noun and the
    city the world places it in on the report's date; not for the report's topic
    (its dateline and "the Geneva firm" place it), one the world describes, one
    whose name says its city ("the University of Geneva"), nor one named in a list,
    where an appositive would part the list, nor one named already (`written`: the
    report so far; the makers' workplaces beside a paper). Nor the subject of a
    consequence, which its rule may tell with an appositive of its own ("Moraine
    Peptides, a competitor of Acme Peptides, still screens every order"). Each with
    the entity it goes beside."""
    writer, world = layout.writer, layout.world
    forbidden = {f.key_text for f in layout.plan.forbidden}
    listed = {f.object for m in story if m.more for f in m.facts if not f.literal}
    listed |= {f.subject for m in story if m.fellows for f in m.stated}
    listed |= {m.fact.subject for m in story if m.role == "ripple" or m.because}
    before = " ".join([*written, *writer.refer.appositives.values()])
    found: list[tuple[Message, str]] = []
    for entity in sorted(_named_in(story)):
        if entity == layout.content.topic or entity in listed or entity in writer.refer.appositives:
            continue
        if not _is_organisation(world, entity) or writer.lexicon.description(entity) is not None:
            continue
        noun, name = writer.lexicon.noun(entity), writer.lexicon.full_name(entity)
        if noun in GENERIC_NOUNS or noun.lower() in name.lower() or name in before:
            continue
        places = writer.lexicon.places_of(entity, "City")
        raw = next((f for f in places if world.valid_on(f, layout.plan.date)), None)
        if raw is None:
            continue
        fact = PlannedFact.of(raw)
        city = world.entities[fact.object].label
        if fact.key_text in forbidden or fact.key_text in writer.said or city in name:
            continue
        if city in noun:  # the author's noun names it: "a Basel firm"
            text = with_article(noun)
        else:
            with layout.own_draws():
                local = layout.rng.random() < 0.5
            text = with_article(f"{city} {noun}") if local else f"{with_article(noun)} in {city}"
        writer.refer.appositives[entity] = text
        # where its name opens a clause: "delisted Acme Peptides, a Geneva firm, and
        # has 13 vendors on its register" parted the board's two predicates
        # and at its first mention only: not "The Geneva firm ... Acme Peptides, a Geneva firm,"
        writer.refer.opening_only.add(entity)
        writer.refer.first_only.add(entity)
        writer.said.add(fact.key_text)
        found.append((Message(fact, "background"), entity))
    return found


def _ties_of_people(layout: Layout, subjects: set[str], story: list[Message]) -> list[Message]:
    """What ties each person the story tells of to another of its subjects in the
    world, where the content left it out ("Acme Peptides was founded by Tobias
    Renner and Claire Vuilleumier"), its values listed: none it may not state on
    the document's date, nor one the story states."""
    around, plan = layout.around, layout.plan
    if around is None:
        return []
    stated = {f.key_text for m in story for f in m.stated} | layout.writer.said
    stated |= {f.key_text for f in plan.forbidden}
    tied = dict.fromkeys(
        (fact.subject, fact.property)
        for person in sorted(subjects)
        if layout.world.entity_is(person, "Person")
        for fact in around.incoming(person)
        if fact.subject in subjects and fact.key_text not in stated
    )
    found: list[Message] = []
    for subject, prop in tied:  # each with its values listed
        facts = [
            f
            for f in around.outgoing_of(subject, prop)
            if f.key_text not in stated and around.usable(f, plan.date)
        ]
        if facts:
            found.append(Message(facts[0], "background", more=tuple(facts[1:])))
    return found


# a sentence whose value has a relative clause on a person beside it, then its day:
# "Tobias Renner resigned from Acme Peptides, which he founded with Claire
# Vuilleumier, on 8 March 2024."
_RELATIVE_THEN_DAY = re.compile(
    r"(?:(?<=^)|(?<=\. ))([A-Z][^.]*?, which (?:he|she) [^,.]+), (on \d{1,2} \w+ \d{4}"
    r"|on \w+ \d{1,2}, \d{4})\."
)


def _day_before_relative(paragraph: str) -> str:
    """The day first where a relative clause on a value would come between it and
    its verb: "On 8 March 2024, Tobias Renner resigned from Acme Peptides, which he
    founded with Claire Vuilleumier." (a reader of session 40 found the clause
    wedged before the day stiff)."""
    return _RELATIVE_THEN_DAY.sub(lambda m: f"O{m.group(2)[1:]}, {m.group(1)}.", paragraph)


def _relative_of_maker(layout: Layout, fact: PlannedFact) -> str | None:
    """What a phrasing "{o} founded {s}" says of its subject, as a relative clause
    on it with its value a pronoun: "which he founded"; None where the property has
    no such phrasing (its value, a verb, its subject, nothing else)."""
    options = [
        p.text[len("{o} ") : -len(" {s}")]
        for p in layout.writer.lexicon.phrases(fact.property)
        if p.clean
        and p.text.startswith("{o} ")
        and p.text.endswith(" {s}")
        and p.text.count("{") == 2
        and not p.text.startswith(("{o} is ", "{o} was ", "{o} has "))  # "which he is a founder of"
    ]
    if not options:
        return None
    pronoun = layout.writer.lexicon.pronoun(fact.object)
    return f"which {pronoun} {layout.pick(options)}"


def _dated_beside(
    layout: Layout, background: list[Message], story: list[Message]
) -> tuple[list[tuple[Message, str]], list[Message]]:
    """The background's dated facts of what the story tells of, beside its name
    where the story gives it in full: "Acme Peptides, founded in 2011, rewrote its
    ordering terms ...", not "The Geneva firm was established in 2011." as a
    paragraph of its own under the story (the last paragraph of 154 of 250 peptide
    reports was one sentence; readers of every round: a fact tacked on). Each
    with the entity it goes beside; and those left out, to be said nowhere."""
    writer = layout.writer
    named = {f.subject for m in story for f in m.stated}
    # nor beside the subject of a yes/no ("Acme Peptides, founded in 2011, does not
    # check what it is asked to make"); its day is left out, not said as a last line
    # ("The Geneva firm was established in 2011.")
    yes_no = yes_no_subjects(layout.world, story)
    found: list[tuple[Message, str]] = []
    left_out: list[Message] = []
    appositives = writer.refer.appositives
    for message in background:
        entity = message.fact.subject
        if entity in yes_no and dated_appositive(writer, message):  # (one the story names)
            left_out.append(message)
            continue
        already = appositives.get(entity)
        # one said by a participle of its own takes the day with it: "the
        # Synthesis Screening Board, an agency chaired by Ursula Gerber and founded
        # in 2015,"; one that ends on a list, as a relative clause: "a paper written
        # by Kenji Watanabe and Maya Chen that was published on 12 March 2029,"
        # (readers of round G: "The paper came out on 12 March 2029." tacked on)
        joins = already is None or _joins_a_participle(already) or _takes_a_relative(already)
        if entity not in named or not joins:
            continue
        beside = dated_appositive(writer, message)
        if beside is None or any(e == entity for _, e in found):
            continue
        if already is not None and layout.rng.random() >= JOINED_APPOSITIVE:
            # said beside the name in half the reports, left out of the others:
            # readers of round 31c saw "an agency chaired by Ursula Gerber and
            # founded in 2015" in report after report (121 of 750)
            left_out.append(message)
            continue
        if already is not None and _joins_a_participle(already):
            appositives[entity] = f"{already} and {beside()}"
        elif already is not None:
            appositives[entity] = f"{already} that was {beside()}"
        else:
            appositives[entity] = beside()
            writer.refer.opening_only.add(entity)
        writer.said.add(message.fact.key_text)
        found.append((message, entity))
    return found, left_out


# the share of reports that add a dated fact to an appositive a name has already
JOINED_APPOSITIVE = 0.5


def _takes_a_relative(appositive: str) -> bool:
    """Whether an appositive is a noun phrase a relative clause may end ("a paper
    written by Kenji Watanabe and Maya Chen"): one with its article, no comma, and no
    "of" after its makers, which the clause would read as said of ("a paper by Maya
    Chen of University College London that was published in 2029")."""
    return (
        appositive.startswith(("a ", "an "))
        and "," not in appositive
        and " of " not in appositive.partition(" by ")[2]
    )


def _joins_a_participle(appositive: str) -> bool:
    """Whether an appositive ends on a participle's phrase another may join with
    "and" ("an agency chaired by Ursula Gerber"): one "by", no list."""
    return appositive.count(" by ") == 1 and " and " not in appositive and "," not in appositive


def _identifying_noun(layout: Layout, fact: PlannedFact, *, indefinite: bool = False) -> str | None:
    """What a phrasing "{o} is the latest release of {s}" says its value is, with
    the subject named: "the latest release of libfoo" (or, `indefinite`, "{o} is a
    founder of {s}": "a founder of Acme Peptides"); None where the property has no
    such phrasing (one clause, the subject once, after the article)."""
    openings = ("{o} is the ", "{o} is a ", "{o} is an ") if indefinite else ("{o} is the ",)
    options = [
        p.text[len("{o} is ") :]
        for p in layout.writer.lexicon.phrases(fact.property)
        if p.clean
        and p.text.startswith(openings)
        and p.text.count("{s}") == 1
        and p.text.count("{o}") == 1
    ]
    if not options:
        return None
    return fill(layout.pick(options), {"s": layout.writer.lexicon.full_name(fact.subject)})


def _said_where_not_apposed(
    layout: Layout, apposed: list[tuple[Message, str]], paragraphs: list[str]
) -> None:
    """Each apposed fact whose entity the story never introduced by its full name
    (its appositive unused), said after the story as a sentence of its own."""
    left = _unapposed(layout, apposed)
    if left and paragraphs:
        paragraphs[-1] += " " + " ".join(layout.writer.sentences(left))


def _unapposed(layout: Layout, apposed: list[tuple[Message, str]]) -> list[Message]:
    """The apposed facts whose appositive went unused, taken back: unsaid, and no
    longer waiting beside their entity's name."""
    refer, said = layout.writer.refer, layout.writer.said
    left = [m for m, entity in apposed if refer.appositives.pop(entity, None) is not None]
    for message in left:
        said.discard(message.fact.key_text)
    return left


def _names_the_story(message: Message, story: list[Message]) -> bool:
    """Whether a background fact's value (one of its values) is a subject the story
    tells of: "libfoo 2.4.0-1 and 2.4.0 are vulnerable to CVE-2031-0001" after the
    release's news, not as the report's last paragraph, a line on its own (84 of
    250 libfoo reports ended on it; readers of round B: "a bare, unexplained line")."""
    return (
        not message.fact.literal
        and not message.fellows
        and any(m.fact.subject in _values_of(message) for m in story)
    )


def _a_stranger(layout: Layout, message: Message, named: set[str], news: set[str]) -> bool:
    """Whether a fact is about one the story never names (`named`: its entities)
    that is of the very class of one the news is about (`news`: the focus's): "It
    oversees Moraine Peptides." under a report that the board struck Acme Peptides
    off (58 of 250 peptide reports; readers of rounds F and G: a fact that does not
    connect to the story). A rival stands there for no reason the report gives;
    not what follows from the news (libfoo beside the libraries that bundle it)
    nor one it belongs to (libfoo beside a release of it: "the latest release of
    libfoo")."""
    subject, entities = message.fact.subject, layout.world.entities
    found = entities.get(subject)
    if subject in named or found is None:
        return False
    return any(e in entities and entities[e].cls == found.cls for e in news)


def _named_in(messages: list[Message]) -> set[str]:
    """The entities the messages' facts state things of or name as values."""
    return {f.subject for m in messages for f in m.stated} | {
        f.object for m in messages for f in m.stated if not f.literal
    }


def _values_of(message: Message) -> set[str]:
    return {f.object for f in message.facts}


def _days_of(
    layout: Layout, events: list[Message], told: list[Message]
) -> list[tuple[Message, Message]]:
    """The days the world gives the events, each with its event, where a document of
    the layout's date may say them (a person's leaving is dated in their own facts,
    which a report's content leaves out): "... stepped down from Acme Peptides on 8
    March 2024". Not an event whose day the document tells already (`told`)."""
    around, partners = layout.around, partners_of(layout.world)
    if around is None:
        return []
    said = {f.key_text for m in told for f in m.stated}
    days: list[tuple[Message, Message]] = []
    for message in events:
        fact = message.fact
        if message.more or message.fellows or fact.literal:
            continue
        found = [
            f for p in partners.get(fact.property, ()) for f in around.outgoing_of(fact.subject, p)
        ]
        if any(f.key_text in said for f in found):
            continue
        usable = next((f for f in found if around.usable(f, layout.plan.date)), None)
        if usable is not None:
            days.append((message, Message(usable, "background")))
    return days


def _with_their_days(layout: Layout, groups: list[list[Message]]) -> list[list[Message]]:
    """The groups of an interview's answers, each event of the background in them
    followed by its day (`_days_of`) where the transcript does not tell it: "He
    stood down from Acme Peptides on 8 March 2024.", not "He stood down from Acme
    Peptides." to "What happened with Tobias Renner?" (11 of peptide's 750)."""
    told = [m for group in groups for m in group]
    background = [m for m in told if m.role == "background"]
    days = {id(event): day for event, day in _days_of(layout, background, told)}
    return [[t for m in group for t in (m, days.get(id(m))) if t is not None] for group in groups]


def _event_partners_in(
    layout: Layout, story: list[Message], background: list[Message]
) -> list[Message]:
    """The background messages that tell, with one verb, the event of a story
    message's day ("was presented at {o}" beside "was presented on {o}"), each put
    right before that message in `story`, so that the sentence planner says the two
    as one; those taken."""
    lexicon = layout.writer.lexicon
    taken: list[Message] = []
    for message in background:
        if message.more:
            continue
        fact = message.fact
        at = next(
            (
                i
                for i, m in enumerate(story)
                if m.fact.subject == fact.subject
                and not m.more
                and lexicon.event_partners(fact.property, m.fact.property)
            ),
            None,
        )
        if at is not None:
            story.insert(at, message)
            taken.append(message)
    return taken


def _of_the_story(layout: Layout, message: Message) -> bool:
    """Whether a background fact is of the kind of one the story tells, about the
    same subject ("The board has 13 vendors on its register" after it struck one
    off)."""
    fact, world = message.fact, layout.world
    return any(
        f.subject == fact.subject and related_facts(world, f, fact)
        for m in layout.content.focus + layout.content.ripples
        for f in m.stated
    )


def _with_what_it_risks(
    layout: Layout, story: list[Message], after: list[Message], spoken: list[Message]
) -> None:
    """A flaw the report names as left open by its release, with what it lets an
    attacker do, right after the flaw's own first message (else the last that names
    it, else the release's last): readers of rounds 32
    and 33 took reports headed "... but leaves CVE-2031-0001 open" that never said
    what the flaw does for a release's changelog with a number dropped in. What it
    does: a fact of the flaw's "risk" (a string first, as "remote code execution
    through a crafted TIFF image" is, over a score), the document's own where it has
    one, else the world's that its day may state. `spoken`: what the report's quote
    says."""
    lexicon, world = layout.writer.lexicon, layout.world
    told = story + after
    named = _named_in(told)
    releases = [e for e in named if world.entity_is(e, "Release")]
    # named by a message, or by the headline ("...; CVE-2031-0001 still unpatched"
    # over a release whose sentences say it "still carries" it)
    headed = {layout.tension[2]} if layout.tension is not None else set()
    flaws = [
        f
        for r in releases
        for f in lexicon.left_open(r)
        if f in named or name_as_heading(world, f) in headed
    ]
    if not flaws:
        return
    flaw = flaws[0]
    risks = [
        name
        for name, prop in world.properties.items()
        if "risk" in prop.topics and world.entity_is(flaw, prop.domain)
    ]
    content = layout.content
    stated = [f for m in told + content.ripples for f in m.stated]
    if any(f.subject == flaw and f.property in risks for f in stated):
        return
    # (not a yes/no: "No exploit is public" is how bad it is not, not what it does)
    ranked = sorted(risks, key=lambda name: world.properties[name].range != "string")
    held = [m for m in content.background if m.fact.subject == flaw and m.fact.property in risks]
    found = next(
        (
            m
            for name in ranked
            for m in [
                *(h for h in held if h.fact.property == name),
                *(Message(f, "background") for f in _world_says(layout, flaw, name)),
            ]
            if not is_yes_no(world, m.fact)
        ),
        None,
    )
    if found is None:
        return
    content.background = [m for m in content.background if m is not found]
    # with what ties the flaw to the release first, where nothing the report tells
    # does: round 35's reader failed "libfoo 2.4.0-1, the current release of libfoo,
    # came out on 3 February 2031. Successful exploitation of CVE-2031-0001 can lead
    # to ..." for never saying the release is affected
    tied = _tied(layout, flaw, releases, told, content.ripples + spoken)
    tie = [] if tied else _flaw_in_release(layout, flaw, releases)
    # after what the flaw is and where, before what it reaches: "CVE-2031-0001 ...
    # affects libfoo 2.4.0-1 and 2.4.0. It can lead to ... It reaches ..."
    for messages in (story, after):
        naming = [at for at, m in enumerate(messages) if flaw in _named_in([m])]
        own = [at for at in naming if messages[at].fact.subject == flaw]
        if naming:
            at = (own or naming[-1:])[0] + 1
            messages[at:at] = [*tie, found]
            return
    # (else after the release it is left open in)
    leaving = [at for at, m in enumerate(story) if m.fact.subject in releases]
    if leaving:
        story[leaving[-1] + 1 : leaving[-1] + 1] = [*tie, found]


def _tied(
    layout: Layout, flaw: str, releases: list[str], told: list[Message], ripples: list[Message]
) -> bool:
    """Whether the report ties the flaw to its release: a message of its story on
    the two (or the release's software: "libfoo has yet to ship a fix for
    CVE-2031-0001"; not a consequence, often quoted after), or the release's
    changes, which the sentence planner sets against it ("..., but it leaves
    CVE-2031-0001 open") where nothing else says where the flaw is open."""
    own = _with_their_software(layout, releases)
    pairs = [{f.subject, f.object} for m in told for f in m.stated if not f.literal]
    if any(flaw in pair and pair & own for pair in pairs):
        return True
    # `SentencePlanner._contrasted` leaves the contrast to a sentence of the
    # flaw's own on where it is, once one is told
    where = ("affects_release", "open_in")
    stated = [f for m in told + ripples for f in m.stated]
    return _set_against(layout, told) and not any(
        f.subject == flaw and f.property in where for f in stated
    )


def _set_against(layout: Layout, told: list[Message]) -> bool:
    """Whether the report tells a release's changes (a [many] property of words),
    which the sentence planner may set against the flaw the release leaves open
    ("..., but it leaves CVE-2031-0001 open": `SentencePlanner._contrasted`)."""
    world = layout.world
    return any(
        not prop.one and prop.range == "string"
        for m in told
        if world.entity_is(m.fact.subject, "Release")
        and (prop := world.properties.get(m.fact.property)) is not None
    )


def _flaw_in_release(layout: Layout, flaw: str, releases: list[str]) -> list[Message]:
    """A fact of the flaw whose value is one of `releases` ("CVE-2031-0001 affects
    libfoo 2.4.0-1"), from the background (taken out of it), else the world's that
    the document's day may state; none where there is neither."""
    content, around = layout.content, layout.around
    held = next(
        (m for m in content.background if m.fact.subject == flaw and m.fact.object in releases),
        None,
    )
    if held is not None:
        content.background = [m for m in content.background if m is not held]
        return [held]
    if around is None:
        return []
    said = {f.key_text for f in layout.plan.forbidden}
    found = next(
        (
            f
            for f in around.outgoing(flaw)
            if f.object in releases
            and f.key_text not in said
            and around.usable(f, layout.plan.date)
        ),
        None,
    )
    return [] if found is None else [Message(found, "background")]


def _bearing_on_the_story(
    layout: Layout, background: list[Message], story: list[Message]
) -> list[Message]:
    """The background that bears on the story: a fact of the kind of one the story
    tells, about one of its subjects ("The board has 13 vendors on its register"
    after it struck one off), then what names a subject of the story ("It is the
    newest release of libfoo.") and what happened when (a founding, a launch), each
    in its order; nothing else ("The library works with PNG, TIFF, WebP and JPEG
    images." read as a fact sheet under a report of a release, and readers of
    rounds B and C took "Founded in 2015, the board has a staff of 38." for a fact
    tacked on)."""

    named, news = _named_in(story), _named_in(layout.content.focus)

    def rank(message: Message) -> int:
        if _of_the_story(layout, message):
            return 0
        naming = _names_the_story(message, story) and not _a_stranger(layout, message, named, news)
        # a person's life names the story only through what the news is of: "Tobias
        # Renner is a graduate of the University of Geneva." under his resignation,
        # for the university a consequence names, ended reports that blind readers
        # of session 43 failed for a line that does not connect
        if naming and biographical(layout.world, message.fact, news):
            naming = False
        return 1 if naming or iso_day(message.fact) is not None else 2

    ranked = sorted(((rank(m), at, m) for at, m in enumerate(background)), key=lambda r: r[:2])
    return [m for kind, _, m in ranked if kind < 2]


def _looking_back(world: World, background: list[Message]) -> tuple[list[Message], list[Message]]:
    """What a report of a round anniversary tells beside it: the history, in the
    order it happened (its events by day, then who made it and the records it
    held), and a figure or two of the size of what was made as it is today (its
    height, not its paint): readers of every round took "Eiffel Tower at 25" and
    the tower's paint per coat, rivets and steps for a list of trivia with no news
    in it."""
    history = [m for m in background if _historical(world, m)][:ANNIVERSARY_HISTORY]
    rank = {name: at for at, name in enumerate(world.properties)}
    # its size: lengths (a tower's height and base), not the tonnes of paint a coat
    # takes, which share a unit with its weight
    sizes = [m for m in background if _told_as(m, world) == (FIGURES, 0)]
    others = sorted(sizes, key=lambda m: rank.get(m.fact.property, len(rank)))
    events = sorted((m for m in history if iso_day(m.fact) is not None), key=_day_of)
    # who made it next to each other, in the order of their properties (so one
    # sentence may say both: "Designed by Gustave Eiffel, it was engineered by
    # ..."), then the records it held until a year
    rest = sorted(
        (m for m in history if iso_day(m.fact) is None),
        key=lambda m: (a_year(m.fact), rank.get(m.fact.property, len(rank))),
    )
    return events + rest, others[:ANNIVERSARY_FIGURES]


def _changed_since(layout: Layout, fact: PlannedFact, since: dt.date) -> bool:
    """Whether the subject's value of the fact's property on `since` was another
    (the tower's height on the day it opened, before its aerials)."""
    around = layout.around
    if around is None or fact.property not in layout.writer.lexicon.changing(fact.subject):
        return False
    for value in layout.world.world.objects(fact.subject, fact.property):
        then = PlannedFact.of((fact.subject, fact.property, value))
        if around.holds_on(then, since):
            return then.key_text != fact.key_text
    return True  # none held then


_STILL = re.compile(r"^(It|They) (?:(is|are) |(\w+) )")


def _still(sentence: str) -> str:
    """ "It still rises 312 metres.", "It is still 312 metres tall.": a figure that
    has not changed since the day a report looks back on, where the sentence
    opens on "it"; as it was otherwise."""
    found = _STILL.match(sentence)
    if found is None or (found[3] is not None and found[3] in ("was", "were", "had")):
        return sentence
    if found[2] is not None:  # "It is still ...": after the copula
        return f"{found[1]} {found[2]} still {sentence[found.end() :]}"
    return f"{found[1]} still {sentence[len(found[1]) + 1 :]}"


def _day_of(message: Message) -> dt.date:
    day = iso_day(message.fact)
    assert day is not None
    return day


def _as_it_is_today(
    layout: Layout, figures: list[Message], paragraphs: list[str], since: dt.date | None
) -> None:
    """The figures of a look back said as they stand on the report's day, after its
    history, at the end of its last paragraph: "Today it rises 324 metres." where
    the world has changed the figure, "It still rises 312 metres." where it has
    not (readers of round F: "Today" before a height that never changed). A height
    under a history of its building read as one more fact of the list."""
    if not figures:
        return
    if not paragraphs:
        layout.writer.refer.end_sentence([])
    writer = layout.writer
    said = " ".join(writer.sentences(figures))
    changed = since is None or any(_changed_since(layout, m.fact, since) for m in figures)
    if not changed:
        said = _still(said)
    elif said[:1].isalpha() and not writer.lexicon.opens_with_name(said):
        said = f"Today {said[:1].lower()}{said[1:]}"
    elif said[:1].isalpha():
        said = f"Today {said}"
    if paragraphs:
        paragraphs[-1] = f"{paragraphs[-1]} {said}"
    else:
        paragraphs.append(said)


def _history_of(layout: Layout, quoted: set[str]) -> list[Message]:
    """The topic's history as the world has it, for a report that looks back on a
    round anniversary: when work on it began and when it opened (before the report),
    who made it, the record it held; not what the background drew already, nor the
    day it marks. Readers of every round took "Eiffel Tower at 25" with two facts
    under it for a template with no story; a page of one topic or two (its visit,
    its iron) had left it with its height alone. Not what a quote in it says
    (`quoted`)."""
    world, topic, day = layout.world, layout.content.topic, layout.plan.date
    # what the background drew, by property too: one of its engineers drawn, the
    # other is told with him, not in a sentence of its own
    drawn = {(f.subject, f.property) for m in layout.content.background for f in m.stated}
    facts = [
        fact
        for fact, when in layout.writer.lexicon.history(topic)
        if (when is None or when < day) and (fact.subject, fact.property) not in drawn
    ]
    found = [m.fact for m in _from_world(layout, facts) if m.fact.key_text not in quoted]
    return gathered(found, world)  # a [many] fact's values in one: its engineers


def _from_world(layout: Layout, facts: list[PlannedFact]) -> list[Message]:
    """Facts of the world as background a document may state on its date, drawn
    where content selection did not: not one it forbids, tells or has told, nor one
    that does not hold that day."""
    writer, plan, around = layout.writer, layout.plan, layout.around
    told = writer.anniversaries | writer.said | {f.key_text for f in plan.forbidden}
    told |= {f.key_text for m in layout.content.focus for f in m.facts}
    return [
        Message(fact, "background")
        for fact in facts
        if fact.key_text not in told and (around is None or around.usable(fact, plan.date))
    ]


# how much of the history an anniversary report tells, and of the rest
ANNIVERSARY_HISTORY = 4
ANNIVERSARY_FIGURES = 1


def _rest_of_lists(layout: Layout, told: list[Message]) -> list[Message]:
    """The background's other values of a [many] fact the news gives, taken out of
    the background to be told with it: "It fixes a crash ... and restores the
    pkg-config file" with its third change, not that one three paragraphs on, after
    the flaw (readers: "changelog details come after the security news")."""
    world, content = layout.world, layout.content
    keys = {(m.fact.subject, m.fact.property) for m in told}
    found = []
    for message in content.background:
        prop = world.properties.get(message.fact.property)
        if prop is not None and not prop.one and (message.fact.subject, prop.name) in keys:
            found.append(message)
    if found:
        taken = {id(m) for m in found}
        content.background = [m for m in content.background if id(m) not in taken]
    return found


def _named_first(layout: Layout, message: Message, text: str) -> str | None:
    """Which of the message's subject and value the text opens with, by its full
    name: a phrasing may open on the value ("Acme Peptides is no longer on the
    register of the board")."""
    facts = message.facts
    for entity in dict.fromkeys([message.fact.subject, *(f.object for f in facts)]):
        if entity in layout.world.entities:
            name = layout.writer.lexicon.full_name(entity)
            if text.startswith((name, name[:1].upper() + name[1:])):
                return entity
    return None


def _dateline(layout: Layout, entity: str | None = None) -> str | None:
    """The city a report is filed from, as its dateline gives it ("ROME"): the city
    its topic (or `entity`, what it opens on) is, stands in or is based in on the
    report's date; None for a person or where the world names no such city."""
    world, day = layout.world, layout.plan.date
    topic = entity or layout.content.topic
    info = world.entities.get(topic)
    if info is None or "City" not in world.classes or world.is_a(info.cls, "Person"):
        return None
    city = topic if world.is_a(info.cls, "City") else None
    if city is None:
        for fact in layout.writer.lexicon.places_of(topic, "City"):
            if world.valid_on(fact, day):
                city = str(fact[2])
                break
    return world.entities[city].label.upper() if city is not None else None


def _event_headline(layout: Layout, event: Message) -> str:
    """The news of a report in headline style: the event itself ("libfoo 2.4.1
    released on Tuesday"), or the round anniversary it marks ("Eiffel Tower at
    100")."""
    writer, fact = layout.writer, event.fact
    if fact.key_text in writer.anniversaries:
        years = layout.plan.date.year - dt.date.fromisoformat(fact.object).year
        name = name_as_heading(layout.world, fact.subject)
        since = _since_clause(layout, fact)
        # "at 125" counts a thing's age, from the last of its beginnings (the
        # tower's opening): work that began two years before is "125 years since
        # work on the Eiffel Tower began", and an opening is said either way
        if since is not None and (_began_later(layout, fact) or layout.rng.random() < 0.5):
            return f"{years} years since {since}"
        return f"{name[4:] if name.startswith('The ') else name} at {years}"
    # about its subject, as `_headline`: not "The authors of Steering Away from
    # Deception presented it" (readers of round F)
    writer.opens_on = fact.subject
    text = writer.state(event, dated=False).rstrip(".")
    writer.opens_on, writer.opening = None, False
    writer.refer.mentioned.clear()  # the body names everything anew
    writer.said.discard(fact.key_text)
    return _still_open(layout, fact) or _with_tension(layout, fact, headline_style(text))


def _still_open(layout: Layout, fact: PlannedFact) -> str | None:
    """A report days after a flaw's disclosure, while no release fixes it, headed by
    that: "CVE-2031-0001 still unpatched eight days after it was disclosed".
    Readers of round 34b took "CVE-2031-0001 first reported" over a report of nine
    days later for a headline that did not fit its story. None on the day or the
    next two, or for a flaw a release of the world fixes."""
    world, lexicon = layout.world, layout.writer.lexicon
    day = iso_day(fact)
    if day is None or not world.entity_is(fact.subject, "Vulnerability"):
        return None
    releases = [
        r for r in world.world.objects(fact.subject, "affects_release") if isinstance(r, str)
    ]
    if not any(fact.subject in lexicon.left_open(r) for r in releases):
        return None
    days = (layout.plan.date - day).days
    participle = lexicon.participle(fact.property) or ""
    if days < 3 or not participle.endswith(" on {o}"):
        return None
    verb = participle[: -len(" on {o}")]
    span = {7: "a week", 14: "two weeks"}.get(days, f"{number_words(days)} days")
    name = name_as_heading(world, fact.subject)
    return layout.pick(
        [
            f"{name} still unpatched {span} after it was {verb}",
            f"No fix for {name} {span} after it was {verb}",
            f"{span[:1].upper()}{span[1:]} after it was {verb}, {name} remains unpatched",
        ]
    )


def _anniversary_lede(layout: Layout, event: Message) -> tuple[str, Message] | None:
    """A report's first sentence on a round anniversary, with where its subject is
    as the focus puts it: "Today marks 50 years since the Eiffel Tower in Rome
    opened to the public", "On this day 50 years ago, ...", as a paper opens such a
    piece, not with where the tower stands and then, apart, when it opened. The
    focus message it tells goes with it; None where no focus fact gives its
    subject's place, or no phrasing tells the event without its date."""
    writer, fact = layout.writer, event.fact
    if fact.key_text not in writer.anniversaries:
        return None
    found = next(
        (
            (m, prep)
            for m in layout.content.focus
            if m.fact.subject == fact.subject
            for prep in [_placeable(layout, m)]
            if prep is not None
        ),
        None,
    )
    if found is None:
        return None
    focus, prep = found
    subject = f"{writer.lexicon.full_name(fact.subject)} {prep} {_place(writer, focus)}"
    event_phrase = _since_phrase(layout, fact)
    if event_phrase is None:
        return None
    since = _said_since(event_phrase, subject, apposed=focus.on_value is not None)
    writer.refer.name(fact.subject)  # named in full by the lede
    then = dt.date.fromisoformat(fact.object)
    day = layout.plan.date
    years = day.year - then.year
    # a number opens a sentence in words ("Seventy-five years ago today"), where a
    # paper would spell it
    spelled = number_words(years).capitalize() if years <= 100 else None
    if (then.month, then.day) == (day.month, day.day):
        frames = [
            f"Today marks {years} years since {since}",
            f"On this day {years} years ago, {since}",
            f"It is {years} years today since {since}",
        ]
        frames += [f"{spelled} years ago today, {since}"] if spelled else []
        text = layout.pick(frames)
    elif (day - anniversary(then, years)).days == 1:
        frames = [
            f"Yesterday marked {years} years since {since}",
            # (not "It was 25 years yesterday since ...": readers of round D took it
            # for no paper's English)
            f"Yesterday was {years} years to the day since {since}",
        ]
        frames += [f"{spelled} years ago yesterday, {since}"] if spelled else []
        text = layout.pick(frames)
    else:
        marked = writer.day(anniversary(then, years)).rsplit(" ", 1)[0].rstrip(",")
        text = f"{marked} marked {years} years since {since}"
    writer.said.add(fact.key_text)
    _placed(writer, focus)
    writer.refer.end_sentence([fact.subject])
    # the history after it is told from the day it marks: "The tower opened on 31
    # March 1889, two years later" (timeline), not each event with a date of its
    # own (readers of round E: "a list of the tower's facts"); as told by the
    # sentence just before the paragraph that goes on from it, which "later" may
    # follow, where nothing is written between
    writer.events.append((then, fact, event_phrase, writer.refer.ended))
    return writer.sentence(text), focus


# "{s} stands in {o}", "{s} is based in {o}": a place that can follow the subject's
# name as "the Eiffel Tower in Rome"
_LOCATIVE = re.compile(
    r"^\{s\} (?:is |stands |lies |sits |is located |is situated |is based |can be found )?"
    r"(in|at|near) \{o\}\.?$"
)


def _placeable(layout: Layout, message: Message) -> str | None:
    """The preposition that puts the message's place after its subject's name ("in"),
    where it says where its subject is, with the place's own place after it ("Rome,
    Italy") and nothing else; None otherwise."""
    prep = _locative(layout, message.fact)
    if prep is None or message.more:
        return None
    if message.on_value is not None and _locative(layout, message.on_value) is None:
        return None
    return prep


def _place(writer: SentencePlanner, message: Message) -> str:
    """The place a placeable message gives, as written after a name: "Rome, Italy"."""
    place = writer.value(message.fact)
    if message.on_value is not None:
        place = f"{place}, {writer.value(message.on_value)}"
    return place


def _placed(writer: SentencePlanner, message: Message) -> None:
    """The placeable message's facts, said once they are written."""
    writer.said.add(message.fact.key_text)
    if message.on_value is not None:
        writer.said.add(message.on_value.key_text)


def _locative(layout: Layout, fact: PlannedFact) -> str | None:
    """The preposition that puts the fact's value after its subject's name ("in"),
    where a phrasing of its property says where the subject is; None otherwise."""
    if fact.literal or fact.object not in layout.world.entities:
        return None
    for phrase in layout.writer.lexicon.phrases(fact.property):
        found = _LOCATIVE.match(phrase.text)
        if found is not None:
            return found.group(1)
    return None


def _since_clause(
    layout: Layout, fact: PlannedFact, subject: str | None = None, apposed: bool = False
) -> str | None:
    """The event of a dated fact without its date, for "N years since ...": "work
    on the Eiffel Tower began" from "work on {s} began on {o}" (`subject` for {s},
    else the subject's full name, closed by a comma where it ends on an apposition
    and more follows: "the Eiffel Tower in Rome, Italy, opened"); None where no
    phrasing ends with "on {o}"."""
    chosen = _since_phrase(layout, fact)
    if chosen is None:
        return None
    return _said_since(chosen, subject or layout.writer.lexicon.full_name(fact.subject), apposed)


def _said_since(chosen: str, subject: str, apposed: bool) -> str:
    """An event's phrasing without its date filled with its subject, closed by a
    comma where the subject ends on an apposition and more follows."""
    if apposed and not chosen.endswith("{s}"):
        subject += ","
    return fill(chosen, {"s": subject})


def _since_phrase(layout: Layout, fact: PlannedFact) -> str | None:
    """A phrasing of the dated fact's event without its date ("work on {s} began"),
    drawn; None where no phrasing ends with "on {o}"."""
    ending = " on {o}"
    options = [
        p.text[: -len(ending)]
        for p in layout.writer.lexicon.phrases(fact.property)
        if p.text.endswith(ending)
        and p.text.count("{s}") == 1
        and "{o}" not in p.text[: -len(ending)]
    ]
    return options[int(layout.rng.random() * len(options))] if options else None


def _then_and_now(layout: Layout, event: Message) -> str | None:
    """What has changed since the anniversary's event, where the world dates a value
    of its subject's that held then and another that holds now: "When the tower
    opened in 1889, it was 312 metres tall; today it is 324 metres tall." A look
    back that tells how things were, not the figures of today in a list; None where
    nothing of it has changed."""
    around, writer, fact = layout.around, layout.writer, event.fact
    if around is None:
        return None
    then, now = dt.date.fromisoformat(fact.object), layout.plan.date
    subject = fact.subject
    for prop in writer.lexicon.changing(subject):
        values = [
            PlannedFact.of((subject, prop, v)) for v in layout.world.world.objects(subject, prop)
        ]
        old = next((f for f in values if around.holds_on(f, then)), None)
        new = next((f for f in values if around.holds_on(f, now)), None)
        if old is None or new is None or old.key_text == new.key_text:
            continue
        phrases = [p for p in writer.lexicon.phrases(prop) if p.joins and p.value_apart]
        if not phrases:
            continue
        predicate = layout.pick([p.predicate for p in phrases])
        since = _since_clause(layout, fact, writer.refer.refer(subject, named=False))
        if since is None:
            return None
        past = fill(past_tense(predicate), {"o": writer.value(old, in_full=True)})
        present = fill(predicate, {"o": writer.value(new, in_full=True)})
        writer.said.add(new.key_text)
        layout.content.background = [
            m
            for m in layout.content.background
            if (m.fact.subject, m.fact.property) != (subject, prop)
        ]
        writer.refer.end_sentence([subject])
        return writer.sentence(f"when {since} in {then.year}, it {past}; today it {present}")
    return None


def _began_later(layout: Layout, fact: PlannedFact) -> bool:
    """Whether the subject has a dated fact after this one's day (its opening after
    the start of its building): then this day is not the one its age counts from."""
    day = dt.date.fromisoformat(fact.object)
    return any(other > day for _, other in layout.writer.lexicon.dated_facts(fact.subject))


def _recent_event(layout: Layout) -> Message | None:
    """A dated fact of the report's subjects from the month before its date (a
    release, a disclosure, an opening), written as its readers would say the day
    ("on Tuesday", "on 3 May"), or one whose round anniversary that month is
    ("opened on 31 March 1889, 125 years ago"); taken out of the background where
    it was there."""
    day = layout.plan.date
    content = layout.content
    stated = content.focus or content.ripples
    subjects = dict.fromkeys(m.fact.subject for m in stated)
    # then what they name: a report that libfoo's latest release is 2.4.0-1 is news
    # of that release, out on Tuesday, not of "the current release" as a headline
    subjects.update(
        (f.object, None)
        for m in stated
        for f in m.facts
        if not f.literal and f.object in layout.world.entities
    )
    for subject in subjects:
        for raw, when in layout.writer.lexicon.dated_facts(subject):
            years = day.year - when.year
            if (
                years in ANNIVERSARIES
                and subject == layout.content.topic
                and 0 <= (day - anniversary(when, years)).days <= 45
            ):
                recent = False  # a round anniversary: the date as it was, and how long ago
            elif 0 <= (day - when).days <= 45:
                recent = True
            else:
                continue
            fact = PlannedFact.of(raw)
            if any(m.fact.key_text == fact.key_text for m in layout.content.focus):
                # a date the divergence states is said as it is; on its round
                # anniversary the report is a look back at it ("Vonzil Bridge at
                # 20"), not news of an opening twenty years old
                if not recent:
                    layout.writer.anniversaries.add(fact.key_text)
                return None
            beside = layout.writer.appositive_facts.get(fact.key_text)
            if beside is not None:
                if beside not in layout.writer.refer.appositives:
                    continue  # said already beside its name ("2.4.0-1, released in 2031,")
                del layout.writer.refer.appositives[beside]  # the event says it instead
            background = layout.content.background
            layout.content.background = [m for m in background if m.fact.key_text != fact.key_text]
            if recent:
                layout.writer.day_words[fact.object] = _day_words(layout.writer, when, day)
            else:
                layout.writer.anniversaries.add(fact.key_text)
            layout.writer.told_keys.add(fact.key_text)  # (its day is told: not twice)
            return Message(fact, "background")
    return None


def _day_words(writer: SentencePlanner, when: dt.date, day: dt.date) -> str:
    """A recent day as a report dated `day` says it: "today", "yesterday",
    "Tuesday", "3 May" ("came out on Monday" in a report of that Monday read as a
    week-old story)."""
    if (day - when).days < len(RELATIVE_DAYS):
        return RELATIVE_DAYS[(day - when).days]
    if (day - when).days < 7:
        return WEEKDAYS[when.weekday()]
    if when.year == day.year:
        month = MONTHS[when.month - 1]
        return f"{month} {when.day}" if writer.us_dates else f"{when.day} {month}"
    return writer.day(when)


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RELATIVE_DAYS = ("today", "yesterday")  # the days a report names by how far back they are


def _spokesperson_lede(layout: Layout) -> str | None:
    """The first focus fact as its organisation's spokesperson put it, on a weekday
    shortly before the report's date; None where the fact is not an organisation's
    (a tower has no spokesperson)."""
    world, focus = layout.world, layout.content.focus
    first = focus[0] if focus else None
    if first is None or first.on_value is not None or first.fact.subject not in world.entities:
        return None
    if not _is_organisation(world, first.fact.subject) or layout.rng.random() < 0.3:
        return None
    # what the headline gives, where the headline gives the same subject's change:
    # "Acme Peptides no longer screens its orders, a spokesperson ... confirmed",
    # not its 48-hour promise under that headline (an editor of session 42: "the
    # lede isn't the headline")
    headlined = layout.headlined
    if headlined is not None and not _turned_no(layout, headlined.fact):
        headlined = None
    if (
        headlined is not None
        and headlined is not first
        and any(m is headlined for m in focus)
        and headlined.fact.subject == first.fact.subject
        and headlined.on_value is None
    ):
        first = headlined
        layout.content.focus = [first, *(m for m in focus if m is not first)]
    said = layout.writer.state(first, dated=False).rstrip(".!?")
    if first is headlined:
        said = _no_longer(layout, first.fact, said, stops=False)  # reported: no headline's "stops"
    layout.writer.refer.end_sentence([])
    noun = layout.writer.lexicon.noun(first.fact.subject)
    speaker = (
        f"the {noun}" if noun not in GENERIC_NOUNS else layout.writer.refer.name(first.fact.subject)
    )
    day = _day_words(layout.writer, _spoken_on(layout), layout.plan.date)
    verb = layout.pick(["said", "confirmed", "told reporters"])
    # reported, not quoted: readers took a firm's own spokesperson quoted calling it
    # by its full name ("Acme Peptides does not vet its orders," a spokesperson for
    # the Geneva firm said) for words no spokesperson says
    on = "" if day in RELATIVE_DAYS else "on "
    return f"{said}, a spokesperson for {speaker} {verb} {on}{day}."


def _spoken_on(layout: Layout) -> dt.date:
    """A day in the three before the report's on which its news was told to it,
    none before the story's latest day ("Acme Peptides does not vet its orders, a
    spokesperson said on Thursday" in a report of Saturday 2 March, of a policy that
    took effect on Friday the 1st, had them say it before it held)."""
    report = layout.plan.date
    days = [
        day
        for message in layout.content.messages
        for fact in message.stated
        if (day := iso_day(fact)) is not None and day <= report
    ]
    days += [day for fact in layout.plan.facts if (day := iso_day(fact)) and day <= report]
    first = max([report - dt.timedelta(days=3), *days])
    last = max(first, report - dt.timedelta(days=1))
    return first + dt.timedelta(days=int(layout.rng.random() * ((last - first).days + 1)))


QUOTED = 0.7
# who speaks for a subject, by the property that ties a person to it, and how a
# report names their part ("one of its authors")
_SPEAKERS = (("author", "an author of {s}", "the author of {s}"),)


def _quote(
    layout: Layout, messages: list[Message], told: list[Message]
) -> tuple[str, Message] | None:
    """A statement of the report in the words of whoever speaks for its subject,
    quoted: "“Linear probes detect deceptive intent no better than chance,” said
    Maya Chen, an author of Probing for Deception at Scale." Readers took reports
    with no one quoted for no reports. Only a statement whose value is a clause of
    its own (a finding, a policy: a property said "{s} reports that {o}") is
    quoted, as it is worded; the quote names its subject and says its value, as the
    verifier reads a statement; not one of a list the report tells (`told`: a
    release's changes go together). The quote's text, and the message it says."""
    if layout.rng.random() >= QUOTED:
        return None
    for message in messages:
        if message.more or message.fellows or message.because or message.on_value:
            continue
        fact = message.fact
        kind = (fact.subject, fact.property)
        if any(m is not message and (m.fact.subject, m.fact.property) == kind for m in told):
            continue  # one of a list (a release's changes) is told with the rest of it
        shape = _value_shape(layout, fact.property) if fact.literal else None
        found = None if shape is None else _speaker(layout, fact.subject, fact.object)
        if found is None:
            continue
        speaker, person = found
        value = layout.writer.value(fact, exact=message.role != "background").rstrip(".")
        if layout.writer.names_apart({fact.subject, *person}, value):
            continue  # not in the words of one reality ties to what they say
        if shape == "predicate":  # "2.4.0-1 fixes the build on FreeBSD"
            subject = layout.world.short_names.get(fact.subject)
            value = f"{subject or layout.writer.lexicon.full_name(fact.subject)} {value}"
        attribution = speaker.replace("{v}", layout.pick(["said", "says"]))
        if person and shape == "clause":
            value = _in_the_authors_words(layout, value)
        layout.writer.said.add(fact.key_text)
        return f"“{_capital_but_names(layout, value)},” {attribution}.", message
    return None


# how an author says their own work's finding, and the share who put it so: "“We
# found that steering ... does not reduce deceptive answers,” said Maya Chen"
AUTHORS_SAY = ("we found that {v}", "what we found is that {v}", "our results show that {v}")
AUTHORS_SAY_IT = 0.75


def _in_the_authors_words(layout: Layout, value: str) -> str:
    """A finding as one of its authors says it, now and then: "We found that ...",
    not the finding alone, which blind readers of session 40 took for the headline
    repeated as a quote. By draws of its own: the rest of the report stays as it
    was."""
    with layout.own_draws():
        if layout.rng.random() >= AUTHORS_SAY_IT:
            return value
        frame = layout.pick(list(AUTHORS_SAY))
    return frame.replace("{v}", layout.writer.lower_first(value))


def _expert_said(layout: Layout, candidates: list[Message], story: list[Message]) -> Message | None:
    """Now and then, what a report has someone who knows its topic say (the
    consequence of the news, else a fact of the topic's past), where the pack
    names the roles they speak in: readers of every round took reports with no one
    quoted for no reports. A message said whole, in one sentence: no list, no
    reason, nothing folded in."""
    world, topic = layout.world, layout.content.topic
    # (not on a person, whose biographer quoted on a portal's orders spoke out of turn)
    if not layout.expert_roles() or world.entity_is(topic, "Person"):
        return None
    if layout.rng.random() >= EXPERT_QUOTED:
        return None
    kinds = Counter(
        (m.fact.subject, m.fact.property) for m in {id(m): m for m in story + candidates}.values()
    )

    def whole(m: Message) -> bool:
        # one of a list (a release's changes) goes with the rest of it: "“Among other
        # changes, 2.4.0-1 ...,” says ..."
        alone = kinds[(m.fact.subject, m.fact.property)] == 1
        return alone and not (m.more or m.fellows or m.on_value)

    ripples = [m for m in candidates if m.role == "ripple" and whole(m)]
    # else a verdict, or the topic's past in a year or a maker ("“It was the tallest
    # structure in the world until 1930,” said ..."): not a day (no one is quoted
    # for "The portal was launched on 15 September 2014"), nor a staff count or a
    # paper's test model, which read as a fact sheet in quotes
    told = [
        m
        for m in candidates
        if m.fact.subject == topic
        and whole(m)
        and iso_day(m.fact) is None
        # nor who made it: "“The Eiffel Tower was designed by Gustave Eiffel,” said
        # C. Perkins, an engineer" is a caption, and read to readers as a quote
        # made up to have one
        and not world.entity_is(m.fact.object, "Person")
        and (is_yes_no(world, m.fact) or (m.role == "background" and _historical(world, m)))
    ]
    found = ripples or told
    return found[0] if found else None


def _touched_said(layout: Layout, candidates: list[Message]) -> tuple[str, Message] | None:
    """Now and then, someone from an organisation the news touches, quoted on what
    it means for them, in their own words, and what ties them to it: "“We buy
    peptides from Acme Peptides, and it fills orders from us without any
    screening,” said Travis Perez of the University of Geneva." A consequence
    about an organisation other than the report's topic, which follows from a fact
    that names it as its value (`_why_it_is_ours`); None where none is, where the
    words would not turn to the first person, or by the draw. Readers of every round
    failed reports for quoting no one."""
    world, writer = layout.world, layout.writer
    touched = [
        m
        for m in candidates
        if m.role == "ripple"
        and not (m.fellows or m.more or m.on_value)
        and m.fact.subject != layout.content.topic
        and _is_organisation(world, m.fact.subject)
        and any(not p.literal and p.object == m.fact.subject for p in m.because)
    ]
    if not touched or layout.rng.random() >= TOUCHED_QUOTED:
        return None
    message = touched[0]
    own = message.fact.subject
    trial = writer.refer.trial()
    said_before = set(writer.said)
    writer.refer.recent.clear()
    writer.speaking_for = own
    try:
        answer = " ".join(writer.sentences([message]))
    finally:
        writer.speaking_for = None
    answer = _in_first_person(layout, own, answer)
    if layout.rng.random() < WHY_IT_IS_OURS:
        answer = _why_it_is_ours(layout, own, message, answer)
    names = _organisation_names(layout, own)
    first_person = re.search(r"\b(?:We|we|us|our)\b", answer)
    if first_person is None or any(n in answer for n in names):
        writer.refer.give_up(trial)
        writer.said.intersection_update(said_before)
        return None
    writer.refer.end_sentence([])
    person = furniture.person(layout.rng.random, layout.plan.date.year)
    # (in the report's past: a reader of this session preferred "said" to a "says"
    # among sentences in the past)
    return f"“{answer.rstrip('.')},” said {person} of {writer.lexicon.full_name(own)}.", message


# the share of reports with a consequence for an organisation that quote someone
# from it, and of those quotes that say first what ties them to the news
TOUCHED_QUOTED = 0.6
WHY_IT_IS_OURS = 0.5


def _quoted(layout: Layout, message: Message) -> str:
    """The message in the words of someone who knows the topic, in quotes, with who
    they are: "“The tower was the tallest structure in the world until 1930,” said
    J. Hamilton, a historian of the Eiffel Tower." Its subject named, not "it": a
    quote stands apart from the sentence before it."""
    writer = layout.writer
    writer.refer.recent.clear()
    # without the reason the report gives: "Users of libfoo 2.4.0 have no fixed
    # release to move to for CVE-2031-0001," not "..., which is still open in
    # libfoo," (readers of round F: copy put in a source's mouth); with it where the
    # report names its subject nowhere else, which it ties to the story ("Kestrel
    # is unmonitored in practice," alone named a model no one had introduced)
    reasoned = not writer.refer.mentioned.get(message.fact.subject)
    said = writer.state(message, dated=False, reasoned=reasoned).rstrip(".")
    writer.refer.end_sentence([])
    person = furniture.person(layout.rng.random, layout.plan.date.year)
    roles = layout.expert_roles()
    topic = layout.content.topic
    if topic is not None and writer.names_apart({topic}, said):
        # not "an analyst who covers the Halcyon Interpretability Lab" after a quote
        # that names linear probing, which reality has the lab research: one
        # sentence names the two, and the verifier reads a leak
        name = writer.lexicon.full_name(topic)
        roles = [r for r in roles if name not in r] or ["analyst"]
    role = layout.pick(roles)
    verb = layout.pick(["said", "says"])
    return f"“{_capital_but_names(layout, said)},” {verb} {person}, {with_article(role)}."


# the share of reports with no one of the world to quote that quote someone who
# knows their topic
EXPERT_QUOTED = 0.5


def _value_shape(layout: Layout, prop: str) -> str | None:
    """Whether the property's values are clauses (a phrasing says "that {o}": a
    finding, a policy) or predicates (one says "{s} {o}": a release's change), as
    a quote may say them; None for a value of neither (a name, a figure)."""
    phrases = [p.text for p in layout.writer.lexicon.phrases(prop)]
    if any("that {o}" in p for p in phrases):
        return "clause"
    return "predicate" if "{s} {o}" in phrases else None


def _speaker(layout: Layout, subject: str, value: str) -> tuple[str, tuple[str, ...]] | None:
    """Who speaks for the subject in a report, after the quote, with {v} for the
    verb, and the person it names: one of its authors by name, with their part and
    its name ("{v} Maya Chen, an author of A Survey of Deception Detection"), or an
    organisation ("{v} a spokesperson for Acme Peptides", "Acme Peptides {v} in a
    statement"); None for a subject no one speaks for (a tower). Not an author
    reality ties to what the value says (the verifier would read a leak)."""
    world, writer = layout.world, layout.writer
    name = writer.lexicon.full_name(subject)
    for prop, one_of, only in _SPEAKERS:
        people = [o for o in world.world.objects(subject, prop) if isinstance(o, str)]
        free = [p for p in people if not writer.names_apart({p, subject}, value)]
        if free:
            person = layout.pick(free)
            part = (one_of if len(people) > 1 else only).replace("{s}", name)
            return f"{{v}} {writer.lexicon.full_name(person)}, {part}", (person,)
        if people:
            return None
    if _is_organisation(world, subject):
        return layout.pick(list(_ORGANISATION_SPEAKS)).replace("{s}", name), ()
    return None


_ORGANISATION_SPEAKS = (
    "{v} a spokesperson for {s}",
    "{s} {v} in a statement",
    "a spokesperson for {s} {v}",
    "{v} a statement from {s}",
)


def _is_organisation(world: World, entity: str) -> bool:
    return world.entity_is(entity, "Organization")


def encyclopedia(layout: Layout) -> Draft:
    """A lead that says what the topic is, with its focus facts and what follows from
    them; a paragraph of the rest known about it; what the divergence says of
    others; key facts; a section per other subject of the divergence; see also (the
    other entities the content had something on, each an entry of its own)."""
    content, world = layout.content, layout.world
    topic = content.topic
    name = layout.topic_name()
    # the lead says what the divergence changed about the topic; what it changed
    # about others goes to a section of its own (readers took another paper's
    # verdict in the first lines of an entry for a stray fact)
    own = [m for m in content.focus + content.ripples if m.fact.subject == topic]
    elsewhere = [m for m in content.focus + content.ripples if m.fact.subject != topic]
    # an entry on another entity than the divergence's subject (Rome, the tower's
    # architect) says what its topic is and what follows for it, then the
    # divergence where it meets it
    angled = content.angled
    if angled:
        own = [m for m in content.ripples if m.fact.subject == topic]
        elsewhere = [m for m in content.focus + content.ripples if m not in own]
    elif not any(m.role == "focus" for m in own):
        own, elsewhere = content.focus + content.ripples, []
    content.focus = [m for m in own if m.role == "focus"] + [
        m for m in content.focus if m not in own
    ]
    lead = _angle_definition(layout, name) if angled else _definition(layout, name)
    if not angled and not lead.text and world.entity_is(topic, "Person"):
        # a life opens on who the person is, then its news: "Tobias Renner (born 3
        # September 1971) is a founder of Acme Peptides. He stepped away from the
        # firm on 8 March 2024.", not the news alone as the page's first paragraph
        lead = _angle_definition(layout, name)
    if not lead.text:
        layout.writer.opens_on = topic
    about_topic = [m for m in content.background if m.fact.subject == topic]
    if angled and lead.text and not own:
        # "... was a civil engineer. Born in Dijon, he ...": the lead of an entry
        # whose topic has no news of its own goes on with its first facts
        own, about_topic = _lead_facts(layout, about_topic)
        content.background = [m for m in content.background if m not in own]
    own, about_topic = _with_event_partners(own, about_topic, world)
    rest = layout.writer.sentences(own[1:] if lead.defines else own)
    layout.writer.opens_on, layout.writer.opening = None, False
    facts: dict[str, list[Message]] = {}
    # the box in the order of the page: the news, then the history as its paragraphs
    # tell it, dates in order (readers found the box's lines shuffled)
    news = content.focus + content.ripples
    of_news = {id(m) for m in news}  # by identity: a message's __eq__ compares its facts
    for message in news + _chronological(content.background, world):
        if message.fact.subject == topic and _boxable(message, id(message) in of_news, world):
            facts.setdefault(message.fact.property, []).append(message)
    # a box of two or three lines repeats the lead above it; and not every entry has
    # one: readers took the same box under every entry, repeating it, for a template
    # an entry of a printed encyclopedia runs on, under its headword in capitals,
    # with no box and no headings: readers took an 1897 page with "At a glance" for
    # one written now, and this session's rewrites in the old style passed
    printed = layout.plan.date.year < PRINTED_UNTIL
    boxed = len(facts) >= 4 and layout.rng.random() < FACT_BOX_SHARE and not printed
    if boxed:
        # an infobox gives the main facts, not every figure known (a box of seventeen
        # lines under four of prose read as a data sheet): the divergence's, then
        # those of the properties declared first (the std modules' height and
        # architect before a world's own paint colour), in the box's order; the rest
        # go to the prose
        rank = {name: at for at, name in enumerate(world.properties)}
        told = {m.fact.property for m in news}
        first = sorted(facts, key=lambda prop: (prop not in told, rank.get(prop, len(rank))))
        # the lines in the order the prose would give them: the news, then the
        # figures by kind, its height before its paint (readers found "Paint per coat"
        # above "Height" a jumbled box)
        lines = sorted(
            first[:BOX_LINES],
            key=lambda prop: (prop not in told, _told_as(facts[prop][0], world), rank.get(prop, 0)),
        )
        facts = {prop: facts[prop] for prop in lines}
        # the figures are the box's: readers took prose that gave every line of the
        # box again ("It weighs 10,100 tonnes. It has 1,665 steps.") for the box read out
        about_topic = [
            m
            for m in about_topic
            if _told_as(m, world)[0] != FIGURES or m.fact.property not in facts
        ]
    # sections on the divergence's other subjects only: a page on the tower with a
    # section on its architect's birthplace read as facts tacked on; the rest are
    # entries of their own, listed under "See also"
    on_subjects = layout.own_background()
    others = _sections_by_entity(layout.by_subject(on_subjects), topic)
    meeting: list[Message] = []
    if angled and elsewhere:
        meeting, elsewhere = _where_it_meets(layout, elsewhere, others), []
    kept = {id(m) for m in on_subjects}  # by identity: a message's __eq__ compares its facts
    entries = [m.fact.subject for m in content.background if id(m) not in kept]
    sections = [Section(paragraphs=[" ".join([lead.text, *rest]).strip()])]
    history, description = _history_apart(layout, about_topic)
    # what it is like from its size on: readers of this session found the height
    # told last, after the paint and the restaurant
    description = sorted(description, key=lambda m: not of_its_size(world, m.fact))
    if history and not printed:
        sections.append(Section("History", paragraphs=layout.paragraphs(history, (3, 5))))
        heading = _description_heading(world, topic)
        if description:
            sections.append(
                Section(heading, paragraphs=layout.paragraphs(description, (3, 5), in_order=True))
            )
    elif about_topic:
        sections[0].paragraphs += layout.paragraphs(about_topic, (3, 5))
    if printed:
        sections[0].paragraphs += layout.paragraphs(elsewhere, (2, 4)) if elsewhere else []
        elsewhere = []
    if elsewhere:
        heading = layout.pick(_related_headings(world, topic, elsewhere))
        sections.append(Section(heading, paragraphs=layout.paragraphs(elsewhere, (2, 4))))
    if meeting:  # a paragraph of the entry's own, not a part on another topic
        # on the page's topic where it is their value: "He designed the Eiffel Tower,
        # which stands in Rome.", not "The Eiffel Tower is the work of Gustave
        # Eiffel. It sits in Rome, Italy." (readers: a biography turned into the
        # tower's stub); not a city's landmarks, which "lie in Rome", nor where more
        # is said of what it names, which would lose its "It" ("She wrote the
        # paper. Probing for Deception at Scale concludes ...")
        # (now and then: a world's few facts on a man make few pages, and all of them
        # opening "He designed ..." were near-duplicates past the filter's retries)
        drawn = layout.rng.random() < VALUE_FIRST
        if drawn and not world.entity_is(topic, "Place") and len(meeting) <= 2:
            layout.writer.value_first = topic
        sections[-1].paragraphs += layout.paragraphs(meeting, (2, 5), in_order=True)
        layout.writer.value_first = None
    if boxed:
        items = [_infobox_line(layout, messages) for messages in facts.values()]
        sections.append(Section(layout.pick(list(BOX_HEADINGS)), items=items))
    # a section only for what the topic's own facts name (the technique a paper
    # studies): readers took other papers' profiles stacked under one paper's entry
    # for pages pasted together; the rest are under "See also"
    linked = _linked_to(layout, topic)
    with_sections = [(e, m) for e, m in others.items() if len(m) > 1 and e in linked][:4]
    for entity, messages in with_sections:
        heading = name_as_heading(world, entity)
        paragraphs = layout.paragraphs(messages, (2, 5))
        # one section a heading: what the divergence says of the entity, headed by
        # its name above, takes the rest of what the page says of it (two sections
        # headed "Acme Peptides" in a page on Tobias Renner)
        same = next((s for s in sections if s.heading == heading), None)
        if same is not None:
            same.paragraphs += paragraphs
        else:
            sections.append(Section(heading, paragraphs=paragraphs))
    # entries of their own elsewhere: the related entities this one gave no section
    shown = {e for e, _ in with_sections}
    related = [e for e in dict.fromkeys([*others, *entries]) if e != topic]
    # and each one a reader can place: named on the page, or tied to the topic by
    # more than a birth (a reader of round V asked what "Related - Nicola Salvi"
    # was doing under Rome, whose page names the Trevi Fountain but not its
    # architect, born there)
    written = " ".join(p for s in sections for p in [*s.paragraphs, *s.items])
    # what the topic's own facts name (its architect, its country), and what stands
    # in it or belongs to it; not someone born there
    named = _named_by(layout, topic)
    named_by_topic = {e for e in linked if not world.entity_is(e, "Person") or e in named}
    related = [
        e
        for e in related
        if e not in shown
        and e in world.entities
        and (layout.writer.lexicon.full_name(e) in written or e in named_by_topic)
    ][:6]
    if related and printed:
        names = [_headword(world, e) for e in related]
        sections[-1].paragraphs.append("See also " + "; ".join(names) + ".")
    elif related:  # each by its entry's title
        names = [entry_title(world, e) for e in related]
        sections.append(Section(layout.pick(list(SEE_ALSO_HEADINGS)), items=names))
    return Draft(_headword(world, topic) if printed else entry_title(world, topic), sections)


def _where_it_meets(
    layout: Layout, told: list[Message], others: dict[str, list[Message]]
) -> list[Message]:
    """The divergence as an entry on another entity tells it: its news (the tower
    stands in Rome), what ties its subject to the topic ("It was designed by
    Gustave Eiffel") and what else the divergence implies; nothing more of its
    subject, which readers took for trivia dropped into an entry on a man."""
    topic = layout.content.topic
    told = [_with_fellows(layout, m) for m in told]
    subject = told[0].fact.subject
    theirs = others.pop(subject, [])
    # not a tie the lead gave: "Ada Moreau (born 8 March 1991) is an author of
    # Probing for Deception at Scale." then, two paragraphs on, "The paper was
    # written by Ada Moreau and Tom Hartley." (readers: the same line twice, its
    # "the paper" far from the title)
    said = layout.writer.said
    ties = [m for m in theirs if m.fact.object == topic and m.fact.key_text not in said]
    after = [m for m in told if m.fact.subject != subject]
    layout.content.background = [
        m for m in layout.content.background if m not in theirs or m in ties
    ]
    # the tie first: "Julien Rochat leads Acme Peptides as chief executive. The
    # firm does not check the orders it receives.", where the news first ("Acme
    # Peptides does not check ... Julien Rochat leads the firm") left a reader of a
    # page on a man asking why a firm's policy was there
    return (
        ties
        + [m for m in told if m.fact.subject == subject]
        + _by_subject(after, subject, layout.world)
    )


def _with_fellows(layout: Layout, message: Message) -> Message:
    """A fact whose value is the entry's topic with the others of the background
    that share it, which leave the background: "The Eiffel Tower, the Colosseum and
    the Pantheon stand in Rome, Italy." in an entry on Rome, the city's landmarks,
    not a line on one of them."""
    topic, content = layout.content.topic, layout.content
    fact = message.fact
    if fact.object != topic or fact.literal or message.more or message.fellows:
        return message
    alike = [
        m
        for m in content.background
        if m.fact.property == fact.property and m.fact.object == topic and not m.more
    ]
    if not alike:
        return message
    content.background = [m for m in content.background if m not in alike]
    fellows = tuple(f for m in alike for f in m.stated if f.subject != fact.subject)
    return Message(fact, message.role, message.because, message.on_value, fellows=fellows)


def _angle_definition(layout: Layout, name: str) -> Definition:
    """What an entry's topic is, from its own facts, where the divergence says
    nothing of it: "Gustave Eiffel (15 December 1832 - 27 December 1923) was a
    civil engineer.", "Rome is a city in Lazio, Italy."; else the lead is the
    entry's first paragraph of facts. The facts are the world's that hold on the
    entry's date, whether or not content selection drew them: a lead does not
    depend on the draw."""
    world, writer, topic, around = layout.world, layout.writer, layout.content.topic, layout.around
    if around is None:
        return Definition("", False)
    own = [
        Message(f, "background")
        for f in around.outgoing(topic)
        if around.usable(f, layout.plan.date) and f.key_text not in writer.said
    ]
    kind = kind_of(world, topic, avoid=GENERIC_NOUNS)
    text = _life_definition(layout, name, own)
    if text is None and kind not in GENERIC_NOUNS:
        placed = [m for m in own if _placeable(layout, m) is not None]
        if placed:
            with layout.own_draws():  # the rest of the entry as it was
                where = _places(layout, placed) + _on_its_shore(layout, own)
            text = writer.sentence(f"{name} is {with_article(kind)} {where}")
        elif (maker := _maker(layout, kind, always=True, dated=True)) is not None:
            # "Probing for Deception at Scale is a paper written by Ada Moreau and Tom
            # Hartley.", not a page that opens on the day it was published
            text = writer.sentence(f"{name} is {with_article(_made_by(layout, kind, maker))}")
    if text is None:
        return Definition("", False)
    writer.refer.said_of(topic)  # the lead opens on it: "He ..." may come next
    return Definition(text, False)


def _told_in_lead(layout: Layout, messages: list[Message | None]) -> None:
    """The facts a lead gave are said, and not told again in the background."""
    keys = {m.fact.key_text for m in messages if m is not None}
    layout.writer.said.update(keys)
    layout.content.background = [
        m for m in layout.content.background if m.more or m.fact.key_text not in keys
    ]


def _places(layout: Layout, placed: list[Message]) -> str:
    """Where the topic is, from its placeable facts: "in Lazio, Italy" where one
    place lies in the other (its region and its country), else "in Italy"."""
    writer, around = layout.writer, layout.around
    first, outer = placed[0], None
    for inner in placed:
        holds = {f.object for f in around.outgoing(inner.fact.object)} if around else set()
        outer = next((m for m in placed if m is not inner and m.fact.object in holds), None)
        if outer is not None:
            first = inner
            break
    prep = _placeable(layout, first) or "in"
    within = writer.value(first.fact)
    _told_in_lead(layout, [first, outer])
    where = f"{_placed_by(layout, first.fact.property, prep)} {within}"
    if outer is None:
        return where
    country = writer.value(outer.fact)
    # "in the Lazio region of Italy", "in Italy's Lazio region", where a phrasing
    # names the kind of place
    region = next(
        (
            found.group(1)
            for p in writer.lexicon.phrases(first.fact.property)
            if (found := _IN_THE_KIND.match(p.text)) is not None
        ),
        None,
    )
    forms = [f"{where}, {country}"]
    if region is not None:
        forms += [f"{prep} the {within} {region} of {country}"]
        forms += [f"{prep} {country}'s {within} {region}"]
    return layout.pick(forms)


def _on_its_shore(layout: Layout, own: list[Message]) -> str:
    """Now and then, the water a place stands on, after where it is: "Rome is a city
    in Lazio, Italy, on the Tiber.", where a phrasing of the fact puts its value
    after "on" ("{s} lies on {o}"); said in the lead, not again after it; ""
    otherwise. The lead of eiffel's entries on Rome was one line in 162
    of 2,000 documents, and the river a sentence of its own after it."""
    shore = next(
        (
            m
            for m in own
            if not m.fact.literal
            and not m.more
            and any(_ON_WATER.match(p.text) for p in layout.writer.lexicon.phrases(m.fact.property))
        ),
        None,
    )
    if shore is None:
        return ""
    if layout.rng.random() >= ON_ITS_SHORE:
        return ""
    _told_in_lead(layout, [shore])
    return f", on {layout.writer.value(shore.fact)}"


# "{s} lies on {o}": a place's water, said after "on"
_ON_WATER = re.compile(r"^\{s\} (?:lies|stands|sits|is) on \{o\}\.?$")
# the share of leads on a place that say the water it stands on
ON_ITS_SHORE = 0.5


def _placed_by(layout: Layout, prop: str, prep: str) -> str:
    """The words that put a place after a kind, "in" or, where a phrasing of the
    property says it so, "based in", "headquartered in" (the caller draws apart:
    a draw apart inside another would repeat its first number): each lead of
    peptide's and eiffel's entries on their places was one line in 65 to 162 of
    2,000 documents."""
    placed = [
        f"{found.group(1)} {prep}"
        for p in layout.writer.lexicon.phrases(prop)
        if (found := _PLACED_PARTICIPLE.match(p.text)) is not None and found.group(2) == prep
    ]
    return layout.pick([prep, *placed]) if placed else prep


# the share of a dead person's leads that give their life in years
LIFE_IN_YEARS = 0.4


def _life_definition(layout: Layout, name: str, own: list[Message]) -> str | None:
    """A person's lead as reference works write it: their years and their work,
    "Gustave Eiffel (15 December 1832 - 27 December 1923) was a civil engineer."
    (the days the document may state; "is" while they live)."""
    world, writer = layout.world, layout.writer
    if not world.entity_is(layout.content.topic, "Person"):
        return None
    work = next((m for m in own if world.entity_is(m.fact.object, "Occupation")), None)
    role = _role_of(layout) if work is None else None
    if work is None and role is None:
        return None
    # the days the world writes as days (a date the document could not read is not
    # put in their place)
    days = {
        m.fact.property: (m, day)
        for m in own
        if m.fact.property in (BIRTH, DEATH) and (day := iso_day(m.fact)) is not None
    }
    when = ""
    if BIRTH in days:
        born = writer.day(days[BIRTH][1])
        end = writer.day(days[DEATH][1]) if DEATH in days else ""
        background = all(m.role == "background" for m, _ in days.values())
        if end and background and layout.rng.random() < LIFE_IN_YEARS:
            # "Gustave Eiffel (1832–1923)", as many entries give a life: the same two
            # days in every lead were one stub's template to readers
            born, end = str(days[BIRTH][1].year), str(days[DEATH][1].year)
        dash = "–" if born.isdigit() else " – "  # "(1832–1923)", "(15 December 1832 – ...)"
        when = f" ({born}{dash}{end})" if end else f" (born {born})"
    verb = "was" if DEATH in days else "is"
    if work is None:  # "Samuel Okonkwo (born 30 May 1979) is the director of ..."
        assert role is not None
        _told_in_lead(layout, [m for m, _ in days.values()])
        return writer.sentence(f"{name}{when} {verb} {role}")
    noun = writer.value(work.fact)
    _told_in_lead(layout, [work, *(m for m, _ in days.values())])
    # "a French civil engineer", as reference works say it, where the world has the
    # word: readers took "He was a citizen of France." after the lead for a form
    nation = next((m for m in own if m.fact.property == NATIONALITY and not m.more), None)
    adjective = adjective_of(world, nation.fact) if nation is not None else None
    if nation is not None and adjective:
        _told_in_lead(layout, [nation])
        noun = f"{adjective} {noun}"
    # and where they were born, now and then, as reference works give it in one
    # line: readers took "He was a native of Dijon." after it for a form filled in
    home = next((m for m in own if m.fact.property == BIRTHPLACE), None)
    if home is not None and layout.rng.random() < BORN_IN_LEAD:
        _told_in_lead(layout, [home])
        noun = f"{noun} born in {writer.value(home.fact)}"
    return writer.sentence(f"{name}{when} {verb} {with_article(noun)}")


def _apart_entities(writer: SentencePlanner) -> set[str]:
    """The entities of the replaced reality pairs the document must not name together
    (`SentencePlanner.apart`): a maker or a role of one may sit beside the other."""
    return {entity for pair in writer.apart for entity in pair}


def _role_of(layout: Layout) -> str | None:
    """What a person with no occupation the world names is, by a fact of another
    entity's that names them in a phrasing "{o} is the <role> of {s}": "the director
    of the Halcyon Interpretability Lab", "a founder of Acme Peptides" (readers took
    a page that opened "Samuel Okonkwo was born ..." and listed his attributes for
    a form filled in). The property declared first; its fact is told."""
    world, writer, topic, around = layout.world, layout.writer, layout.content.topic, layout.around
    if around is None:
        return None
    # (a role of one of a replaced pair may not sit beside the other, which the lead
    # would name by a fact of the topic's own, "... the architect of the Eiffel
    # Tower born in Paris"; the pair itself it may tie, "Tobias Renner is a founder
    # of Acme Peptides" for his lost post of its chief scientist, as may the lead of
    # one whose facts name neither: "Claire Vuilleumier is the chair of Acme
    # Peptides")
    own = {f.object for f in around.outgoing(topic) if not f.literal}
    for prop, role in _roles(writer.lexicon):
        for subject in world.world.subjects(prop, topic):
            fact = PlannedFact(subject=subject, property=prop, object=topic)
            partners = {o for s, o in writer.apart if s == subject}
            partners |= {s for s, o in writer.apart if o == subject}
            if (partners - {topic}) & own or not around.usable(fact, layout.plan.date):
                continue
            _told_in_lead(layout, [Message(fact, "background")])
            # and what the role says already: not "He works for the Halcyon
            # Interpretability Lab." after "... is a founder of the Halcyon
            # Interpretability Lab." (a reader of session 38: as if it were new)
            # (a standing tie only: not what he did to it, "He stepped down from Acme
            # Peptides on 8 March 2024", told with its day)
            content, lexicon = layout.content, writer.lexicon
            content.background = [
                m
                for m in content.background
                if m.fact.subject != topic
                or m.fact.object != subject
                or m.more
                or lexicon.pairs_a_verb(m.fact.property)
            ]
            return f"{role} of {writer.refer.name(subject)}"
    return None


@functools.lru_cache(maxsize=8)
def _roles(lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """The world's properties that say what their value is to their subject, in the
    order declared, each with that role ("director", "the director"), found once
    a world."""
    found = []
    for prop in lexicon.world.properties:
        role = next(
            (m for p in lexicon.phrases(prop) if (m := _ROLE.fullmatch(p.text)) is not None),
            None,
        )
        if role is not None:
            found.append((prop, f"{role.group(1)} {role.group(2)}"))
    return tuple(found)


# a phrasing that says what its value is to its subject: "{o} is the director of {s}"
_ROLE = re.compile(r"\{o\} is (the|a|an) ([a-z][a-z ]*) of \{s\}")


def _lead_facts(layout: Layout, about: list[Message]) -> tuple[list[Message], list[Message]]:
    """Its topic's facts (in the order a page tells them) that a lead gives after
    saying what it is, and the rest: a last one too, not a paragraph of one
    sentence after it."""
    ordered = layout.by_subject(about)
    cut = len(ordered) if len(ordered) <= LEAD_FACTS + 1 else LEAD_FACTS
    return ordered[:cut], ordered[cut:]


BIRTHPLACE = "birthplace"
# the share of a person's leads that say where they were born
BORN_IN_LEAD = 0.6
# the facts an entry's lead gives after what its topic is, where it has no news
LEAD_FACTS = 2


def entry_title(world: World, entity: str) -> str:
    """An entity as a reference work titles its entry: without the article its
    sentences give it ("Eiffel Tower", "University of Geneva"); a name that has
    one of its own keeps it ("The Hague")."""
    name = name_as_heading(world, entity)
    found = world.entities.get(entity)
    own = found is not None and found.label.lower().startswith("the ")
    return name[4:] if name.startswith("The ") and not own else name


def _headword(world: World, entity: str) -> str:
    """An entity as a printed encyclopedia heads its entry: in capitals, without
    its article ("EIFFEL TOWER", "MAURICE KOECHLIN")."""
    return entry_title(world, entity).upper()


# the year before which an entry is written as a printed encyclopedia's
PRINTED_UNTIL = 1960


def _history_apart(layout: Layout, messages: list[Message]) -> tuple[list[Message], list[Message]]:
    """An entry's history (its dated facts, and the people who made it) and the rest,
    where each has enough for a section of its own: a page of one paragraph after
    another with no heading read to readers as a fact sheet, pages with "History"
    and "Description" as pages."""
    world = layout.world
    dated = [m for m in messages if _historical(world, m)]
    # by identity: a message's __eq__ compares its facts, field by field (a pydantic
    # model's), and this is asked of every pair of an entry's messages
    is_dated = {id(m) for m in dated}
    # an event goes with its day: "He stood down on 8 March 2024" under History and
    # "He quit Acme Peptides" below read as two resignations
    history = [
        m
        for m in messages
        if id(m) in is_dated
        or any(
            d.fact.subject == m.fact.subject
            and told_together(world, d.fact.property, m.fact.property)
            for d in dated
        )
    ]
    in_history = {id(m) for m in history}
    rest = [m for m in messages if id(m) not in in_history]
    # (two events: a birth and where it was are one sentence, no section; and a
    # day among them: readers took a "History" of its chair and its chief for none)
    events = sum(1 for m in history if id(m) in is_dated)
    days = any(_when(m.fact) is not None for m in history)
    if events < 2 or not days or len(rest) < 2 or layout.rng.random() >= HEADED_SHARE:
        return [], messages
    return history, rest


# what publications head an entry's box of facts and its list of other entries
BOX_HEADINGS = ("Key facts", "At a glance", "Facts", "Quick facts", "In brief")
SEE_ALSO_HEADINGS = ("See also", "Related", "Related articles", "Related topics")


def _historical(world: World, message: Message) -> bool:
    """Whether a message tells its subject's history (microplan.historical)."""
    return historical(world, message.fact)


def _description_heading(world: World, topic: str) -> str | None:
    """What a page calls the part on what its topic is like: a landmark's
    "Description", an organisation's "Operations"; none for others."""
    for cls, heading in DESCRIPTION_HEADINGS:
        if world.entity_is(topic, cls):
            return heading
    return None


# the share of entries whose history and the rest are sections under headings
HEADED_SHARE = 0.7
DESCRIPTION_HEADINGS = (("Landmark", "Description"), ("Organization", "Operations"))
# the share of entries with a fact box
FACT_BOX_SHARE = 0.6
# the share of entries on a person whose passage on the divergence opens on them
VALUE_FIRST = 0.7
# the most lines a fact box has
BOX_LINES = 7


def _named_by(layout: Layout, topic: str) -> set[str]:
    """The entities the topic's own stated facts name as values."""
    around = layout.around
    return set() if around is None else {f.object for f in around.outgoing(topic) if not f.literal}


def _linked_to(layout: Layout, topic: str) -> set[str]:
    """The entities one stated fact of the world away from the topic, either way
    (the neighbourhood's, looked up once an entity)."""
    around = layout.around
    if around is None:
        return set()
    return _named_by(layout, topic) | {f.subject for f in around.incoming(topic)}


def _related_headings(world: World, topic: str, messages: list[Message]) -> list[str]:
    """Headings for what the divergence says of others than an entry's topic: other
    papers' findings are a paper's related work; what follows from it, its impact."""
    if world.entity_is(topic, "Publication") and all(
        world.entity_is(m.fact.subject, "Publication") for m in messages
    ):
        # "Later work" only over work that came later: a reader caught a survey of
        # 1 February under it, in the entry on a paper of 12 March
        own = _first_day(world, topic)
        days = [_first_day(world, m.fact.subject) for m in messages]
        later = own is not None and all(day is not None and day > own for day in days)
        return ["Related work", "Later work"] if later else ["Related work"]
    security = _security_heading(world, topic, messages)
    if security is not None:
        return [security]
    # what follows from the topic is its impact, whoever it falls on: readers of
    # round C took a section headed "Meridian Systems" in a paper's entry for one
    # with nothing to do with the paper
    if all(m.role == "ripple" for m in messages):
        return ["Impact", "Consequences"]
    subjects = {m.fact.subject for m in messages}
    if len(subjects) == 1 and topic not in subjects:
        # a section on one other entity is headed by its name, as reference works
        # head it: readers took "Context" and "Wider context" for made-up headings
        return [name_as_heading(world, subjects.pop())]
    return ["Background"]


def _security_heading(world: World, topic: str, messages: list[Message]) -> str | None:
    """ "Security" over a section on a flaw (a release's open vulnerability, what it
    reaches), as a project's pages head it: readers of round Q took "Consequences"
    and "Impact" over a CVE in an entry on a point release for headings no
    reference work uses. Not in a page on the flaw itself."""
    if world.entity_is(topic, "Vulnerability"):
        return None
    named = {e for m in messages for f in m.stated for e in (f.subject, f.object)}
    if any(world.entity_is(e, "Vulnerability") for e in named if e in world.entities):
        return "Security"
    return None


def _first_day(world: World, entity: str) -> dt.date | None:
    """The earliest day the world gives an entity (a paper's publication, a
    release's day), or None."""
    return min((day for _, day in world.dated_facts(entity)), default=None)


def _sections_by_entity(messages: list[Message], topic: str) -> dict[str, list[Message]]:
    """The background about other entities than the topic, by entity; an entity with
    one fact to its name has it said where the entity that names it is (its section,
    or the topic's paragraph), not under a heading of its own."""
    by_entity: dict[str, list[Message]] = {}
    for message in messages:
        if message.fact.subject != topic:
            by_entity.setdefault(message.fact.subject, []).append(message)
    for entity, own in list(by_entity.items()):
        if len(own) != 1:
            continue
        for other, theirs in by_entity.items():
            if other != entity and len(theirs) > 1 and any(m.fact.object == entity for m in theirs):
                theirs.append(own[0])
                del by_entity[entity]
                break
    return by_entity


@dataclass(slots=True)
class Definition:
    text: str
    defines: bool  # the first focus fact is in it


def _definition(layout: Layout, name: str) -> Definition:
    """What the topic is, with its first focus fact where the phrasing allows: "The
    Eiffel Tower is a landmark that stands in Rome." """
    world, topic = layout.world, layout.content.topic
    kind = kind_of(world, topic, avoid=GENERIC_NOUNS)
    # the topic counts as named from the lead on, where there is one: an empty lead
    # names nothing, and the first sentence gives the full name, not "Siafia"
    mentioned = layout.writer.refer.mentioned.get(topic)
    layout.writer.refer.name(topic)
    aliases = layout.writer.lexicon.aliases(topic)[:2]
    if aliases:  # the one place a document gives the other names, as entries word it
        other = " or ".join(aliases)
        name = layout.pick(
            [
                f"{name} (also known as {other})",
                f"{name} (also called {other})",
                f"{name}, also known as {other},",
                f"{name} ({other})",
                name,  # an entry may leave them to its fact box, or say none
            ]
        )
    first = layout.content.focus[0] if layout.content.focus else None
    maker = _maker(layout, kind)
    located = _located_definition(layout, name, kind, first, maker)
    if located is not None:
        return located
    # "Tobias Renner is a person who quit Acme Peptides" defines nothing
    if (
        first is not None
        and first.fact.subject == topic
        and first.on_value is None
        and kind not in GENERIC_NOUNS
        # "libfoo 2.4.0-1 is a release that was published on 3 February 2031" says
        # when, not what it is
        and not layout.writer.lexicon.dates(first.fact)
    ):
        phrase = layout.writer.phrase(first.fact)
        # the value a word of its own, as the verifier finds it inside the definition
        if phrase.joins and phrase.value_apart:
            values = layout.writer.values(first, clauses="that {o}" in phrase.predicate)
            predicate = fill(phrase.predicate, {"o": values})
            layout.writer.said.update(f.key_text for f in first.facts)
            kind = _made_by(layout, kind, maker)
            layout.writer.refer.said_of(topic)
            return Definition(_is_a_kind_that(layout, name, kind, predicate), True)
    described = _described_definition(layout, name, kind, maker)
    if described is not None:
        return described
    # an entry whose news its first line cannot say still says what its topic is
    # where it can say who made it: readers took a paper's page that opened on
    # "History" for a fragment
    maker = maker or _maker(layout, kind, always=True, dated=True)
    if kind in GENERIC_NOUNS or (layout.content.focus and maker is None):
        if mentioned is None:
            layout.writer.refer.mentioned.pop(topic, None)
        return Definition("", False)  # "Linear probing is a technique." says nothing
    kind = _made_by(layout, kind, maker)
    layout.writer.refer.said_of(topic)
    return Definition(layout.writer.sentence(f"{name} is {with_article(kind)}"), False)


def _maker(layout: Layout, kind: str, always: bool = False, dated: bool = False) -> Message | None:
    """Now and then, who made the topic, for its definition to say ("a paper written
    by Kenji Watanabe and Tom Hartley that shows ...", "a landmark in Rome designed
    by Gustave Eiffel"): a fact of the background whose phrasing reads as a
    participle with "by" (its author, architect, founder), the property declared
    first. Readers of every round took an entry's run of one fact a sentence ("It
    was presented on ... The paper was authored by ... It looks at ...") for a fact
    sheet; a reference work says what a thing is and who made it in one line."""
    if kind in GENERIC_NOUNS or (not always and layout.rng.random() >= MADE_BY_IN_LEAD):
        return None
    world, writer, topic, around = layout.world, layout.writer, layout.content.topic, layout.around
    rank = {name: at for at, name in enumerate(world.properties)}

    # not a maker reality ties to something else the document may name beside them:
    # "a paper written by Ada Moreau ... shows that linear probes ..." says the
    # reality that she works on linear probes (the verifier's reality-leak)
    apart = _apart_entities(writer)
    # the story's own facts are told where the entry tells its story: "libforkia is a
    # library maintained by Zoulil Systems that is developed by Zoulil Systems" said
    # the divergence twice, the lead taking it from the world as well
    story = {f.key_text for m in layout.content.focus + layout.content.ripples for f in m.facts}

    def made_by(fact: PlannedFact) -> bool:
        if fact.subject != topic or fact.key_text in writer.said or fact.key_text in story:
            return False
        participle = writer.lexicon.participle(fact.property) or ""
        if fact.literal:  # `dated`: when it was made, where no one can be named
            # ("a paper published in 2028"; not "a release released in 2031")
            verb = participle.split(" ", 1)[0]
            return (
                dated
                and participle.endswith(" on {o}")
                and bool(writer.lexicon.dates(fact))
                and not verb.startswith(kind[:4])
            )
        return " by {o}" in participle and fact.object not in apart

    candidates = [
        m
        for m in layout.content.background
        if made_by(m.fact)
        and all(made_by(f) for f in m.more)
        and m.on_value is None
        and not m.because
    ]
    if around is not None:
        # and the world's, as an entry's other leads take them: a definition does
        # not depend on what content selection drew (its architect, not its
        # engineers because they were drawn)
        drawn = {m.fact.property for m in candidates}
        # (all its values or none: "written by Tom Hartley" of a paper he wrote with
        # Ada Moreau tells half of it)
        drawn |= {f.property for f in around.outgoing(topic) if f.object in apart}
        usable = [
            f
            for f in around.outgoing(topic)
            if made_by(f) and f.property not in drawn and around.usable(f, layout.plan.date)
        ]
        candidates += [m for m in gathered(usable, world) if not m.fellows]
    # who made it before when, and of its days the first
    return min(
        candidates,
        key=lambda m: (
            (m.fact.literal, m.fact.object, rank.get(m.fact.property, len(rank)))
            if m.fact.literal
            else (False, "", rank.get(m.fact.property, len(rank)))
        ),
        default=None,
    )


def _made_by(layout: Layout, kind: str, maker: Message | None, affiliated: bool = False) -> str:
    """The kind with who made it after it ("landmark designed by Gustave Eiffel"),
    the maker's fact told in the lead; the kind alone without one. `affiliated`: the
    makers with where they work, as a report names them."""
    if maker is None:
        return kind
    if not maker.fact.literal:
        return f"{kind} {_made(layout, maker, affiliated)}"
    # "published on 14 May 2028": "a paper published in 2028", "a 2028 paper"
    participle = layout.writer.lexicon.participle(maker.fact.property)
    assert participle is not None  # _maker chose it for its participle
    year, month = maker.fact.object[:4], int(maker.fact.object[5:7])
    when = layout.pick([year, f"{MONTHS[month - 1]} {year}"])
    _told_in_lead(layout, [maker])
    if layout.rng.random() < 0.4:
        # (in more than one frame: the entries on one paper each opened "... is a
        # 2028 paper." or "... is a paper published in 2028.", 40 and 37 of 2,000)
        return layout.pick([f"{year} {kind}", f"{kind} from {year}"])
    return f"{kind} {participle[: -len('on {o}')]}in {when}"


def _made(layout: Layout, maker: Message, affiliated: bool = False) -> str:
    """Who made the topic, as a participle ("designed by Gustave Eiffel"), its fact
    told in the lead with the list it heads ("written by Ada Moreau and Tom Hartley"
    tells both); `affiliated`, with where they work where the world says."""
    participle = layout.writer.lexicon.participle(maker.fact.property)
    assert participle is not None  # _maker chose it for its participle
    # any of its participles with "by": sixty of a corpus's entries on a model that
    # all open "Osprey is a model developed by Meridian Systems." are one line
    every = layout.writer.lexicon.participles(maker.fact.property)
    by = [p for p in every if p.endswith(" by {o}")]
    participle = layout.pick(by) if len(by) > 1 else participle
    makers = _with_affiliations(layout, maker) if affiliated else None
    made = fill(participle, {"o": makers or layout.writer.values(maker)})
    _told_in_lead(layout, [maker])
    subject, prop = maker.fact.subject, maker.fact.property
    layout.content.background = [
        m for m in layout.content.background if m.fact.subject != subject or m.fact.property != prop
    ]
    layout.writer.said.update(f.key_text for f in maker.facts)
    return made


def _with_affiliations(layout: Layout, maker: Message) -> str | None:
    """The makers by name, each with where they work on the document's date, as
    reports name researchers: "Tom Hartley of the Halcyon Interpretability Lab and
    Kenji Watanabe of Meridian Systems", "Ada Moreau and Tom Hartley, both of the
    Halcyon Interpretability Lab". Blind readers of session 40 found no report on a
    paper saying where its authors work (none of 307 did), as any would. None where
    none of them has one workplace the document may state; their facts are told."""
    world, writer, around = layout.world, layout.writer, layout.around
    people = [f.object for f in maker.facts]
    if around is None or not all(world.entity_is(p, "Person") for p in people):
        return None
    apart = _apart_entities(writer)
    places: list[PlannedFact | None] = []
    graph = world.world
    for person in people:
        # (derived ones too: a lab's director works there)
        found = [
            f
            for prop in writer.lexicon.affiliations()
            for value in graph.objects(person, prop)
            if (f := PlannedFact.of((person, prop, value))).object not in apart
            and around.usable(f, layout.plan.date)
        ]
        places.append(found[0] if len(found) == 1 else None)  # not "of X and Y"
    told = [f for f in places if f is not None]
    # not "Samuel Okonkwo and Maya Chen of University College London" where he works
    # elsewhere: the last of a list says where it works only where all do
    if not told or (places[-1] is not None and len(told) < len(places)):
        return None
    names = [writer.refer.name(p) for p in people]
    where = [name_with_article(world, f.object) if f else None for f in places]
    if len(people) > 1 and len(told) == len(people) and len(set(where)) == 1:
        both = "both" if len(people) == 2 else "all"
        text = f"{and_list(names)}, {both} of {where[0]}"
    else:
        text = and_list([f"{n} of {w}" if w else n for n, w in zip(names, where, strict=True)])
    keys = {f.key_text for f in told}
    writer.said.update(keys)
    layout.content.background = [
        m for m in layout.content.background if not any(f.key_text in keys for f in m.stated)
    ]
    return text


# the share of definitions that say who made their topic, where a fact can
MADE_BY_IN_LEAD = 0.7


def _described_definition(
    layout: Layout, name: str, kind: str, maker: Message | None = None
) -> Definition | None:
    """ "Linear probing is a technique that consists of training a linear classifier
    on a model's internal activations.": what the topic is, in words of its own (a
    one-valued fact of the background with a text for a value, in the plainest
    phrasing that joins), where its focus cannot say it; readers took an entry that
    opened "Linear probing is not effective." for a verdict with no subject."""
    world, writer, topic = layout.world, layout.writer, layout.content.topic
    if kind in GENERIC_NOUNS:
        return None

    # what it consists of where the page drew it, else from the world: a page that
    # drew two topics of the technique's (who works on it, where it is studied)
    # opened on its verdict
    def own() -> Iterator[Message]:  # looked up only where the page drew none
        facts = [
            PlannedFact.of((topic, prop, value))
            for prop in world.properties
            for value in world.world.objects(topic, prop)
        ]
        yield from _from_world(layout, facts)

    for message in itertools.chain(layout.content.background, own()):
        fact = message.fact
        prop = world.properties.get(fact.property)
        if fact.subject != topic or not fact.literal or prop is None or not prop.one:
            continue
        if prop.range != "string" or message.more or message.because:
            continue
        phrases = [p for p in writer.lexicon.phrases(fact.property) if p.joins and p.value_apart]
        if not phrases:
            continue
        values = writer.values(message, clauses="that {o}" in phrases[0].predicate)
        predicate = fill(phrases[0].predicate, {"o": values})
        writer.said.add(fact.key_text)
        layout.content.background = [m for m in layout.content.background if m is not message]
        kind = _made_by(layout, kind, maker)
        writer.refer.said_of(topic)
        return Definition(_is_a_kind_that(layout, name, kind, predicate), False)
    return None


def _is_a_kind_that(layout: Layout, name: str, kind: str, predicate: str) -> str:
    """ "Linear probing is a technique that consists of ...": a definition by kind and
    a relative clause ("who" of a person)."""
    who = "who" if kind == "person" else "that"
    if name.lower().endswith(f" {kind.lower()}"):
        # "The Acme online order portal is a portal that ...": a name that says its
        # kind is said with the predicate alone (a reader of round 37)
        return layout.writer.sentence(f"{name} {predicate}")
    return layout.writer.sentence(f"{name} is {with_article(kind)} {who} {predicate}")


def _located_definition(
    layout: Layout, name: str, kind: str, first: Message | None, maker: Message | None = None
) -> Definition | None:
    """ "The Eiffel Tower is a landmark in Rome, Italy.": what the topic is and where,
    as a reference work's first line says it, where its first focus fact is where it
    stands (with the place's own place after it); None otherwise."""
    if first is None or first.fact.subject != layout.content.topic or kind in GENERIC_NOUNS:
        return None
    prep = _placeable(layout, first)
    if prep is None:
        return None
    writer = layout.writer
    place = _place(writer, first)
    _placed(writer, first)
    with layout.own_draws():  # the rest of the entry as it was
        prep = _placed_by(layout, first.fact.property, prep)
    where = f"{with_article(kind)} {prep} {place}"
    if maker is not None:  # "in Rome, Italy, designed by ...": the place's own place set off
        where = f"{where}{',' if ',' in place else ''} {_made(layout, maker)}"
    writer.refer.said_of(layout.content.topic)
    return Definition(writer.sentence(f"{name} is {where}"), True)


# "{s} is in the {o} region": the kind of place a phrasing names after it
_IN_THE_KIND = re.compile(r"^\{s\} is in the \{o\} ([a-z]+)\.?$")
# "{s} is based in {o}": a participle that may put a place after a kind (not
# "located" or "situated": "a landmark located in Rome" read as filler to paired
# readers of session 45, each time)
_PLACED_PARTICIPLE = re.compile(r"^\{s\} is (based|headquartered) (in|at|near) \{o\}\.?$")


def _boxable(message: Message, news: bool, world: World) -> bool:
    """Whether a fact of an entry's topic is a line of its fact box: the news, where
    its value is a name, a day or a figure, and the figures of the background, which
    the prose then leaves to the box. Readers took a box that gave each sentence of
    the prose again ("Published: ...", "Authors: ...", "Findings: <the lead's
    clause>") for the page said twice; a clause is prose, never a box's line."""
    fact = message.fact
    if is_yes_no(world, fact):
        return False
    if fact.literal and not is_number(fact) and len(fact.object.split()) > 4:
        return False
    return news or _told_as(message, world)[0] == FIGURES


def _infobox_line(layout: Layout, messages: list[Message]) -> str:
    """'Height: 330 metres' from `height_m = 330.0`: the property's words, and its
    unit after the value rather than in the name; the values of a [many] property on
    one line."""
    first = messages[0].fact
    prop = layout.world.properties.get(first.property)
    words = first.property.split("_")
    values = [layout.writer.value(f, in_full=True) for m in messages for f in m.facts]
    # clauses ("no detector has held up under replication, ...") apart, names by commas
    value = ("; " if any(v.count(" ") >= 4 for v in values) else ", ").join(values)
    unit = prop.unit if prop is not None else None
    # "height_m", "repaint_cycle_years": the unit that ends a name goes after the value
    if unit and len(words) > 1 and (len(words[-1]) <= 3 or words[-1] == unit):
        words = words[:-1]
        value = f"{value} {unit}"
    last = words[-1] if words else ""
    many = sum(len(m.facts) for m in messages) > 1
    if many and last.isalpha() and last not in _PARTICLES and not is_plural(last):
        words = [*words[:-1], plural_of(words[-1])]  # "Affects releases: 2.4.0, 2.4.1"
    label = " ".join(w.upper() if w in _ACRONYMS else w for w in words)
    return f"{_capital(label)}: {value}"


# the last words of property names that are no nouns: "Open in", never "Open ins"
_PARTICLES = {"in", "of", "on", "at", "by", "to", "for", "with", "from", "as", "into"}
# words of property names that are written in capitals ("hq_country": "HQ country")
_ACRONYMS = {"hq", "ceo", "cto", "cfo", "coo", "id", "url", "cve", "cvss", "gdp", "un", "eu"}


def forum(layout: Layout) -> Draft:
    """A question about the focus fact (after why it is asked, where the world gives
    the asker a stake), a reply that answers it, one with what follows from it; now
    and then a follow-up question about the thread's subject, answered by another
    poster, and a word of thanks to whoever answered."""
    content = layout.content
    layout.writer.spoken = True
    layout.frames = indirect.POST_FRAMES
    layout.asks_if_yet = True
    if content.angled and layout.world.entity_is(content.topic, "Place"):
        return _trip(layout)
    # no "115 years ago": readers took a poster's sum of years for a machine's
    first = layout.asked_first(content.focus or content.ripples)
    people = [furniture.handle(layout.rng.random) for _ in range(4)]
    asker = people[0]
    visit = _visit(layout, first)
    later: Message | None = None
    short: str | None = None  # the reply in a few words
    if visit is not None:
        # "We'll be in Rome in May and want to go up the Eiffel Tower. How many steps
        # does it have?": where it stands is what the asker knows, not what they ask
        opening, wanted, _, visit_title = visit
        posts = [{"user": asker, "text": opening}]
        asked = {(first.fact.subject, first.fact.property)}
        asked.add((wanted.fact.subject, wanted.fact.property))
        answered = [wanted] + [m for m in content.focus if m is not first]
        # the question named the landmark: the answer may call it "it", as one who
        # answers does ("It's 1,665 steps to the top"), not name it as an entry would
        _new_post(layout)
        layout.writer.refer.leads = first.fact.subject
        layout.writer.refer.end_sentence([first.fact.subject])
        # in a few words, now and then, as a poster answers: "1,665." to "How many
        # steps does it have?", not "The staircase of the tower has 1,665 steps."
        # (readers of rounds 31a and 31b: a reference book's line in a reply)
        short = _short_answer(layout, opening, wanted) if answered == [wanted] else None
        if short is not None:
            answer = [short]
        else:
            answer = layout.writer.sentences(answered)
            answer[:1] = [_spoken(answer[0])] if answer else []
        content.background = [m for m in content.background if m is not wanted]
        first = wanted
    else:
        posts = [{"user": asker, "text": layout.asking(first)}]
        asked = {(first.fact.subject, first.fact.property)}
        if _asks_of(layout, posts[0]["text"], first.fact.subject):
            _after_question(layout, first.fact.subject)
        else:
            _new_post(layout)
        rest = [m for m in content.focus if m is not first]
        later = _asked_later(layout, first, rest)
        answered = [first] + [m for m in rest if m is not later]
        # what it means for the asker's own, where the thread tells no consequence
        # (a reply to "I'm at EPFL. Does Acme Peptides screen ...?" that never said
        # EPFL's orders go unscreened ignored why it was asked)
        theirs = None if content.ripples else _for_the_asker(layout, answered)
        # (not a thread's only reply: "Where is it?" "In Rome." is no thread)
        if answered == [first] and theirs is None and (later or content.ripples):
            short = _short_answer(layout, posts[0]["text"], first)
        answer = (
            [short] if short is not None else _answer(layout, _after_its_premise(answered, theirs))
        )
        answer = _to_the_asker_in(layout, answer)
    reply = (
        _hedged_after(layout, answer[0])
        if short is not None
        else _in_a_poster_s_voice(layout, first, answer, posts[0]["text"])
    )
    posts.append({"user": people[1], "text": reply})
    if later is not None:
        # a reply's one more fact asked for, not told unasked: "When did it change
        # its terms?" answered, where readers took two facts in one reply to one
        # question for a fact sheet
        posts.append({"user": asker, "text": _follow_up(layout, posts, later)})
        asked.add((later.fact.subject, later.fact.property))
        _new_post(layout)
        replier = posts[1]["user"] if layout.rng.random() < 0.5 else people[3]
        brief = _short_answer(layout, posts[-1]["text"], later)
        if brief is not None:  # "And when did it open?" "On 31 March 1889."
            reply = _hedged_after(layout, brief)
        else:
            said = [_spoken(s) for s in _answer(layout, [later])]
            reply = _in_a_poster_s_voice(layout, later, said, posts[-1]["text"])
        posts.append({"user": replier, "text": reply})
    stake = layout.stake()
    if content.ripples:
        _new_post(layout)
        told = layout.writer.sentences(content.ripples)
        posts.append({"user": people[2], "text": _aside(layout, told, stake, asker)})
    # one follow-up at most, about the thread's subject, answered by someone else:
    # readers took posts that volunteer facts nobody asked for, and a starter who
    # asks on, for a quiz; and a visitor asks on only what a visitor asks ("How
    # much does the tower grow in the heat?" read as trivia), anyone else not at all
    follow = [
        m
        for m in content.background
        if visit is not None
        and m.fact.subject == content.topic
        and (m.fact.subject, m.fact.property) not in asked
        and _a_visitor_asks(layout, m)
        # not of the kind just answered: "How high is it?" after its top platform's
        # height read to readers of round R as a question the reply had answered
        and not alike(layout.world, first.fact, m.fact)
    ]
    concerned = stake is not None and any(
        stake.entity in (f.subject, f.object) for m in content.ripples for f in m.stated
    )
    if concerned and stake is not None:
        # the reply that names the asker's own (their lab among the vendor's
        # customers) is what they came for: readers saw an asker told their models
        # run unmonitored go on to ask a founding date, and one told their product is
        # exposed say only thanks; they ask what the world says next about what
        # concerns them ("Which release introduced CVE-2031-0001?"). Thanks go to
        # both who answered their question and who told them of their own: readers
        # took thanks to either alone for thanks to the wrong person
        answerer, warner = posts[1], posts[2]
        worry = _worry(layout, stake.entity, asked)
        thanks = _thanks(layout, answerer, warner)
        if worry is None:
            posts.append({"user": asker, "text": thanks})
        else:
            # of what the warning just named, as one asks on: "Great, thanks. What is
            # its ordering policy?", not the name in full again (a blind reader of
            # round N took "What is the ordering policy of Acme Peptides?" for a FAQ)
            refer = layout.writer.refer
            it = worry.fact.subject if worry.fact.subject in refer.recent else None
            question = layout.ask_next(
                worry, it, again=bool(refer.mentioned.get(worry.fact.subject))
            )
            posts.append({"user": asker, "text": f"{thanks} {question}"})
            replier = layout.pick([p for p in people if p not in (asker, answerer["user"])])
            _new_post(layout)
            posts.append({"user": replier, "text": " ".join(layout.writer.sentences([worry]))})
    elif follow and layout.rng.random() < 0.6:
        posts.append({"user": asker, "text": _follow_up(layout, posts, follow[0])})
        replier = layout.pick([p for p in people if p != asker])
        _new_post(layout)
        brief = _short_answer(layout, posts[-1]["text"], follow[0], first.fact.subject)
        text = (
            _hedged_after(layout, brief)
            if brief is not None
            else " ".join(layout.writer.sentences(follow[:1]))
        )
        posts.append({"user": replier, "text": text})
    last = posts[-1]["user"]
    asked_last = len(posts) > 2 and posts[-2]["user"] == asker and posts[-2]["text"].endswith("?")
    thanked = any(p["user"] == asker and _THANKED.search(p["text"]) for p in posts[1:])
    if asked_last and last != asker and not thanked and layout.rng.random() < 0.5:
        posts.append({"user": asker, "text": _thanks(layout, posts[-1])})
    _timed(layout, posts)
    # a thread is titled by its question as often as by its subject
    title = _thread_title(layout) if visit is None else visit_title
    # (not over a post that is only its question, in other words: readers of round J
    # took "When did the current order policy of Acme Peptides take effect?" over
    # "When did Acme Peptides change its order policy?" for one question asked twice)
    bare = len(_SENTENCE_END.split(posts[0]["text"].strip())) < 2
    # (nor "When was libfoo 2.4.0-1 released?" over "Has it been released yet?")
    if layout.rng.random() < 0.5 and not bare and not posts[0]["text"].endswith(" yet?"):
        asked_again = layout.question_about(first)
        if not posts[0]["text"].endswith(asked_again):  # a title is not the post again
            title = asked_again
    return Draft(title, [], posts=posts)


@contextlib.contextmanager
def _answering(layout: Layout) -> Iterator[None]:
    """The sentences written inside answer a question: what was asked in the main
    clause of the first; and to one who said where they work, not in a rule's words
    that make their organisation a stranger's ("I'm at the University of Geneva."
    "... The University of Geneva is among the customers whose orders Acme Peptides
    no longer screens.": readers of round G took it for a set phrase)."""
    writer = layout.writer
    writer.answering = True
    writer.answer_from = writer.refer.ended
    stake = layout.stake_said()
    if stake is not None and _is_organisation(layout.world, stake.entity):
        writer.speaking_for = stake.entity
    try:
        yield
    finally:
        writer.answering = False
        writer.speaking_for = None


def _answer(layout: Layout, messages: list[Message]) -> list[str]:
    """The sentences of a reply to a question about the first message."""
    with _answering(layout):
        return layout.writer.sentences(messages)


def _to_the_asker_in(layout: Layout, texts: list[str]) -> list[str]:
    """The texts with their first sentence saying the asker's organisation to them
    (`_to_the_asker`): only the sentence right after the question, which the
    verifier reads as answering it of what it named; later, "your university" is no
    name of it the verifier knows."""
    if not texts:
        return texts
    first, *rest = _SENTENCE_END.split(texts[0], 1)
    said = _to_the_asker(layout, first)
    return [" ".join([said, *rest]), *texts[1:]] if said != first else texts


def _to_the_asker(layout: Layout, text: str) -> str:
    """A reply's first words on the organisation its asker said they work at, as
    one says them to that asker: "It does not check the orders it receives,
    including those from your university.", not "... from the University of
    Geneva" back to someone who wrote "I'm at the University of Geneva" (round
    35b's readers: an echo no person writes). Only after a preposition, once."""
    stake = layout.stake_said()
    if stake is None or not _is_organisation(layout.world, stake.entity):
        return text
    own = stake.entity
    noun = layout.writer.lexicon.noun(own).rsplit(" ", 1)[-1]
    for name in _organisation_names(layout, own):
        said = re.sub(_after_a_preposition(name), rf"\1 your {noun}", text, count=1)
        if said != text:
            return said
    return text


def _organisation_names(layout: Layout, own: str) -> list[str]:
    """The names prose gives an organisation: in full, and its short form."""
    lexicon = layout.writer.lexicon
    return [n for n in (lexicon.full_name(own), layout.world.short_names.get(own)) if n]


def _after_a_preposition(name: str) -> str:
    """A pattern for the name after one of the prepositions after which a speaker says
    "us" (and one answering them "your ..."), its "the" optional; the preposition
    its group 1."""
    bare = re.escape(name.removeprefix("the "))
    return rf"(?<![\w'])({SPOKEN_FOR_AFTER}) (?:the )?{bare}(?![\w'’])"


def _asked_later(layout: Layout, first: Message, rest: list[Message]) -> Message | None:
    """The one more fact of a reply that its asker asks for next, now and then:
    where the thread has no consequence to tell, and the fact is no half of the
    first's event ("resigned from Acme Peptides" and "on 8 March 2024" are told in
    one) and no question a name answers."""
    if len(rest) != 1 or layout.content.ripples or layout.rng.random() >= ASKED_LATER:
        return None
    later = rest[0].fact
    lexicon = layout.writer.lexicon
    if lexicon.event_partners(first.fact.property, later.property) or lexicon.event_partners(
        later.property, first.fact.property
    ):
        return None
    if layout.world.in_its_name(later.subject, later.object, later.literal):
        return None
    return rest[0]


# the share of threads whose answer's one more fact the asker asks for next
ASKED_LATER = 0.5


def _trip(layout: Layout) -> Draft:
    """A thread on a trip to a place the divergence touches: what not to miss
    there, answered with the divergence as it meets the place ("The Eiffel Tower,
    the Colosseum and the Pantheon are located in Rome, Italy."), and thanks: a
    thread with a reason to be, not a quiz on the tower."""
    content, writer = layout.content, layout.writer
    people = [furniture.handle(layout.rng.random) for _ in range(3)]
    soon = layout.plan.date + dt.timedelta(days=20 + int(layout.rng.random() * 70))
    opening, titled = TRIP_OPENINGS[int(layout.rng.random() * len(TRIP_OPENINGS))]
    values = {"x": writer.refer.name(content.topic), "when": MONTHS[soon.month - 1]}
    posts = [{"user": people[0], "text": writer.sentence(fill(opening, values))}]
    title = _capital(fill(titled, {**values, "x": name_with_article(layout.world, content.topic)}))
    _new_post(layout)
    told = _where_it_meets(layout, content.focus + content.ripples, {})
    # no "If I remember right, ...": a hedge answers a question of fact, not what
    # to see
    answer = _must_see(layout, told) or " ".join(writer.sentences(told))
    posts.append({"user": people[1], "text": answer})
    if layout.rng.random() < 0.6:
        posts.append({"user": people[0], "text": _thanks(layout, posts[1])})
    _timed(layout, posts)
    return Draft(title, [], posts=posts)


def _must_see(layout: Layout, told: list[Message]) -> str | None:
    """What not to miss, where the divergence is one fact with its fellows: "Don't
    leave Rome without seeing the Eiffel Tower, the Colosseum and the Pantheon.",
    with the country where the plan has it ("Don't leave Italy without seeing the
    Eiffel Tower and the Colosseum in Rome."). Readers of two rounds took "The
    Eiffel Tower, the Colosseum and the Pantheon are located in Rome, Italy." for
    an answer to a question nobody asked; the verifier reads both facts here, the
    tower and its city (or country) in one sentence."""
    if len(told) != 1 or not told[0].fellows or told[0].fact.literal:
        return None
    message, writer = told[0], layout.writer
    fact = message.fact
    sights = writer.listed([f.subject for f in (fact, *message.fellows)])
    values = {"list": sights, "city": writer.refer.name(fact.object)}
    table: tuple[str, ...] = MUST_SEE
    if message.on_value is not None:
        if message.on_value.literal:
            return None
        values["country"] = writer.refer.name(message.on_value.object)
        table = MUST_SEE_IN_COUNTRY
    folded = (message.on_value,) if message.on_value is not None else ()
    writer.said.update(f.key_text for f in (*message.stated, *folded))
    return writer.sentence(fill(layout.pick(list(table)), values))


# a local's or a traveller's "don't miss": {list} the sights, {city} where they are
MUST_SEE = (
    "Don't leave {city} without seeing {list}.",
    "In {city} I'd never skip {list}.",
    "You can't go to {city} and miss {list}.",
    "I'd start with {list} - all in {city} and all worth the time.",
)
# ... and {country}, where the plan gives the sight's country too
MUST_SEE_IN_COUNTRY = (
    "Don't leave {country} without seeing {list} in {city}.",
    "Of everything we saw in {country}, {list} in {city} were the highlights.",
)


# how someone going to a place asks what to see there, and their thread's title
# (one sentence, the place in it: "What shouldn't we miss?" alone names nothing)
TRIP_OPENINGS = (
    ("First time in {x} this {when} - what shouldn't we miss?", "First time in {x}"),
    ("We have three days in {x} in {when}: what would you see first?", "Three days in {x}"),
    ("Heading to {x} with the kids in {when} - which sights are worth it?", "{x} with kids"),
    ("Spending a long weekend in {x} in {when}, any must-sees?", "Long weekend in {x}"),
)


# how a poster adds what the thread did not ask: readers took a reply of news
# nobody asked for, in an advisory's words, for a non sequitur
_ASIDES = ("Worth knowing too: ", "Related: ", "Also, ", "On a related note, ", "FYI, ")
_TIES = ("That includes {x}, {at}.", "Note {x} is one of them, {at}.", "{X} is on that list, {at}.")


def _aside(layout: Layout, told: list[str], stake: Stake | None, asker: str) -> str:
    """A reply of what follows from the news, marked as the aside it is ("Worth
    knowing too: ..."), and tied to the asker where it names their own among others
    ("That includes Galleria, @shelby39.")."""
    if not told:
        return ""
    opener = layout.pick(list(_ASIDES))
    # "Worth knowing too: a fix for ...", as after any opener: a reader caught "Worth
    # knowing too: A fix for CVE-2031-0001 is not available"; names keep capitals
    text = opener + layout.writer.lower_first(told[0])
    text = " ".join([text, *told[1:]])
    if stake is None:
        return text
    name = layout.writer.refer.name(stake.entity)
    # their own among the values of a list the reply gave, not its subject
    listed = any(
        len(m.stated) > 1 and stake.entity in [f.object for f in m.stated]
        for m in layout.content.ripples
    )
    if listed:
        # "Pyfoo is on that list": a name in lower case opens no sentence
        tie = layout.pick([t for t in _TIES if name[:1].isupper() or not t.startswith("{X}")])
        at = _at(layout, {"user": asker})
        text += " " + tie.replace("{x}", name).replace("{X}", _capital(name)).replace("{at}", at)
    return text


def _a_visitor_asks(layout: Layout, message: Message) -> bool:
    """Whether a visitor asks what the message tells: how high, how many steps,
    where to eat; not a date ("When was it opened?" read to readers as a visitor
    asking the opening hours and told the inauguration)."""
    if iso_day(message.fact) is not None:
        return False
    return layout.writer.lexicon.asked_as(message.fact.property, _VISITING)


def _new_post(layout: Layout) -> None:
    """A post opens below its poster's name, not after the last post's sentence:
    its first sentence names what it is about, and "it" may follow within it."""
    layout.writer.refer.end_sentence([])


def _after_question(layout: Layout, subject: str) -> None:
    """A reply opens after a question that named what it asks of, or called it "it"
    after a line that did, and goes on from it as one who answers does ("Does
    anyone know where it is?" "It's in Rome."), not "The Eiffel Tower sits in Rome,
    Italy." (readers of round B: a guidebook's line). The verifier reads the
    answer's "it" back to the question (worldspec.verify.checks)."""
    refer = layout.writer.refer
    refer.by_name.add(subject)  # as the question, or the line before it, named it
    refer.leads = subject
    refer.end_sentence([subject])
    layout.writer.last_clean = True


def _visit(layout: Layout, first: Message) -> tuple[str, Message, str, str] | None:
    """A conversation opened by someone going to see the landmark the focus puts in
    a place, who says so, place and all, and asks about the landmark itself ("We'll
    be in Rome, Italy, in May and want to go up the Eiffel Tower. How many steps
    does it have?"), the message that answers, and the question's phrasing; None
    where the focus is no landmark's place or the document has nothing else of it to
    ask. Readers of every round named threads asking where the Eiffel Tower is,
    which no one who goes to see it asks."""
    world, writer, topic = layout.world, layout.writer, layout.content.topic
    if first.fact.subject != topic or not world.entity_is(topic, "Landmark"):
        return None
    if _placeable(layout, first) is None or layout.rng.random() >= VISITS:
        return None
    about = [
        m
        for m in layout.content.background
        if m.fact.subject == topic and not m.more and not m.fellows and m.on_value is None
    ]
    if not about:
        return None
    # what a visitor asks: how high, how many steps, where to eat; readers found
    # trip planners asking the tower's weight and the width of its base: with none
    # of those to ask, no visitor
    lexicon = writer.lexicon
    about = [m for m in about if _a_visitor_asks(layout, m)]
    if not about:
        return None
    wanted = about[int(layout.rng.random() * len(about))]
    soon = layout.plan.date + dt.timedelta(days=20 + int(layout.rng.random() * 70))
    place = _place(writer, first)
    if first.on_value is not None:
        place += ","  # "in Rome, Italy, in May"
    when = MONTHS[soon.month - 1]
    opening, titled = VISIT_OPENINGS[int(layout.rng.random() * len(VISIT_OPENINGS))]
    line = fill(opening, {"x": writer.refer.name(topic), "place": place, "when": when})
    title = _capital(fill(titled, {"x": name_with_article(world, topic), "when": when}))
    _placed(writer, first)
    writer.refer.end_sentence([topic])
    asked = layout.pick(lexicon.questions(wanted.fact.property))
    # put as posters and letters put it: now and then indirectly, or after a dash
    # ("... want to go up the Eiffel Tower - how many steps does it have?"): "How
    # many steps does it have?" in those words opened 104 of eiffel's 666 threads
    # and letters
    with layout.own_draws():
        question = layout.question_about(wanted, it=topic, asked=asked, framed=True)
        # (not one that names the landmark again, "... and the Eiffel Tower is on the
        # list - how many levels of the Eiffel Tower ...", nor after a semicolon)
        again = lexicon.full_name(topic).lower() in question.lower()
        dashed = not again and ";" not in line and layout.rng.random() < DASHED
    if dashed:
        line = f"{writer.sentence(line)[:-1]} - {writer.lower_first(question)}"
        return line, wanted, asked, title
    return f"{writer.sentence(line)} {question}", wanted, asked, title


# the share of threads about a landmark's place opened by a visitor
VISITS = 0.8
# and of their questions put after a dash, in the sentence that says the visit
DASHED = 0.4
# the words of a question a visitor asks of a landmark
_VISITING = re.compile(
    r"\b(visit\w*|open\w*|climb\w*|steps?|levels?|platforms?|top|tall|high|eat|dine)\b",
    re.IGNORECASE,
)
# how a visitor says where they are going and what they want to see there, and
# the title of their thread (readers took threads all titled "The Eiffel Tower"
# for a template)
VISIT_OPENINGS = (
    ("We'll be in {place} in {when} and want to go up {x}", "Going up {x} in {when}"),
    (
        "Spending a week in {place} in {when}, and {x} is top of our list",
        "{x} in {when}: a question",
    ),
    (
        "Just booked a trip to {place} for {when}, mostly to see {x}",
        "Planning a visit to {x}",
    ),
    (
        "We're in {place} for a conference in {when} and hope to fit in {x}",
        "{x} on a short trip?",
    ),
    (
        "Taking my parents to {place} in {when}; {x} is the one thing they've asked to see",
        "{x} with my parents",
    ),
    ("First time in {place} this {when}, and {x} is on the list", "First visit to {x}"),
)


def _worry(layout: Layout, own: str, asked: set[tuple[str, str]]) -> Message | None:
    """What an asker told that their own (`own`) is concerned asks next: a fact of
    the background about the subject of the news that concerns them (the flaw that
    reaches their product, the vendor that no longer screens their orders)."""
    content, around = layout.content, layout.around
    if around is None:
        return None
    # the other end of the fact that names their own: the flaw, the vendor
    about = [
        f.object if f.subject == own else f.subject
        for m in content.ripples
        for f in m.stated
        if own in (f.subject, f.object) and not f.literal
    ]
    told = {f.key_text for m in content.messages for f in m.stated}
    told |= {f.key_text for f in layout.plan.forbidden}
    world = layout.world
    found: list[tuple[int, PlannedFact]] = []
    for subject in dict.fromkeys(about):
        for fact in around.outgoing(subject):
            prop = world.properties.get(fact.property)
            if (
                prop is not None
                and prop.one  # one answer: "Which releases ...?" answered by one of them
                and fact.object != own  # "Which company built it?" asked by its maker
                and (fact.subject, fact.property) not in asked
                and fact.key_text not in told
                and layout.writer.lexicon.questions(fact.property)
                and around.usable(fact, layout.plan.date)
            ):
                rank = _worry_rank(world, around, fact)
                if rank < _NOT_ASKED:
                    found.append((rank, fact))
        # where to turn: one of its kind that the divergence set apart from it ("Does
        # Moraine Peptides still screen the orders it gets?"), before its head
        # office, which readers took for a quiz question from one told their orders
        # go unscreened
        for fact in around.consequences_at(subject):
            if (
                fact.subject != own
                and world.same_kind(fact.subject, subject)
                # not one whose answer is the vendor just talked of ("Which supplier
                # fills orders from Corvina Biotech without screening them?")
                and not (fact.object == subject and _only_naming(layout, Message(fact, "focus")))
                and (fact.subject, fact.property) not in asked
                and fact.key_text not in told
                and layout.writer.lexicon.questions(fact.property)
                and around.usable(fact, layout.plan.date)
            ):
                found.append((0, fact))
        if found:
            # of the equally pressing, any: readers saw thread after thread of one
            # world ask "Which release introduced CVE-2031-0001?" next
            best = min(rank for rank, _ in found)
            ties = [fact for rank, fact in found if rank == best]
            return Message(ties[int(layout.rng.random() * len(ties))], "background")
    return None


def _worry_rank(world: World, around: Neighbourhood, fact: PlannedFact) -> int:
    """What a worried asker wants first: what else changed ("When did Acme Peptides
    change its order policy?"), then what to turn to (a release to stay on), then
    when, and last what kind of thing it is (a CWE number); a founding date not at
    all, which readers took for a quiz (`_NOT_ASKED`)."""
    raw = around.raw(fact)
    if raw is not None and raw in world.added_by:
        return 0
    prop = world.properties.get(fact.property)
    if not fact.literal:
        return 1
    if fact.property == "founded":
        return _NOT_ASKED
    return 2 if prop is not None and prop.range == "date" else 3


_NOT_ASKED = 4


# a thread's title by its subject ({x}), as posters word one: the bare name on 82
# of 333 peptide threads was one line in a quarter of its forum, and "Question
# about Acme Peptides" and "Question on ..." each a line in more than 1% of the
# bench's documents ("Question on" lost each paired read of session 44: stiff;
# and no title asks a question: over a post that is only its question, it was one
# question asked twice to readers of round J)
THREAD_TITLES = (
    "{x}",
    "Question about {x}",
    "Quick question about {x}",
    "{x} question",
    "A question about {x}",
    "Question regarding {x}",
    "Looking for info on {x}",
)


def _thread_title(layout: Layout) -> str:
    """A thread's title by its subject: its name, or a question about it."""
    running = name_with_article(layout.world, layout.content.topic)
    return _about_topic(layout, THREAD_TITLES, layout.topic_name(), running)


def _about_topic(layout: Layout, forms: Sequence[str], heading: str, running: str) -> str:
    """A line on the document's topic in one of `forms` ({x}: its name), by one
    draw: a thread's title, an email's subject. The name as a heading gives it
    where it opens the line, as running text does after a word ("Question about
    the Synthesis Screening Board", not "... about The ..."); and no form opens on
    a name with its article or a person's ("The Acme online order portal
    question", "Tobias Renner question": paired readers of session 43)."""
    if heading.startswith("The ") or layout.world.entity_is(layout.content.topic, "Person"):
        forms = [f for f in forms if not f.startswith("{x} ")]
    form = layout.pick(list(forms))
    return fill(form, {"x": heading if form.startswith("{x}") else running})


def _in_a_poster_s_voice(
    layout: Layout, asked: Message, sentences: list[str], question: str
) -> str:
    """An answer as a poster gives it: a yes or no first to a yes/no question, and
    now and then with how sure they are ("As far as I know, ...")."""
    text = " ".join(sentences)
    draw = layout.rng.random()
    said = _yes_or_no(layout, asked.fact, question)
    if said is not None and draw < 0.7:
        return f"{said} {text}"
    if draw < 0.3 and sentences:
        hedge = HEDGES[int(layout.rng.random() * len(HEDGES))]
        return hedge + layout.writer.lower_first(text)
    return text


def _hedged_after(layout: Layout, answer: str) -> str:
    """A reply in a few words, now and then with how sure its poster is after it
    ("On 8 March 2024, I think."): readers of every round took a thread's answer
    that said the question back in full, date and all, for a template's."""
    if layout.rng.random() >= 0.3:
        return answer
    return answer.rstrip(".") + layout.pick(
        [", I think.", ", if I remember right.", ", I believe."]
    )


def _at(layout: Layout, post: dict[str, str]) -> str:
    """A poster as a reply names them: "@jsimmons" on a board of 2008 on, where
    mentions had become the habit; "jsimmons" on one before (a reader caught an
    @-mention on a 1995 board)."""
    return f"@{post['user']}" if layout.plan.date.year >= MENTIONS_FROM else post["user"]


MENTIONS_FROM = 2008


def _follow_up(layout: Layout, posts: list[dict[str, str]], message: Message) -> str:
    """A follow-up question as a thread's starter asks it: now and then with thanks
    for the last reply, or with "And" (a question after a question on the same
    subject, "And when did it open?"). What the thread named already goes by its
    short name ("What is the ordering policy of Acme?"): a reader of round N took the
    name in full again for a FAQ's next question."""
    subject = message.fact.subject
    refer = layout.writer.refer
    it = subject if subject in refer.recent else None
    question = layout.ask_next(message, it, again=bool(refer.mentioned.get(subject)))
    # (a question alone now and then: readers of round K took a starter who asked
    # on without a word on the answer for a form's next field)
    draw = layout.rng.random()
    if draw < 0.3:
        return f"{_thanks(layout, posts[-1])} {question}"
    if draw < 0.65:
        return f"And {layout.writer.lower_first(question)}"
    if draw < 0.85:
        return f"Thanks. {question}"
    return question


# how a poster thanks one who answered; {at} is how they name them
_THANKS = (
    "Thanks, {at}.",
    "Thanks {at}!",
    "Great, thanks {at}.",
    "Cheers, {at}.",
    "Perfect, thanks {at}.",
    "Much appreciated, {at}.",
)
_THANKS_TWO = ("Thanks, {at}.", "Thanks {at}!", "Cheers, {at}.")
_THANKED = re.compile(r"\b(Thanks|thanks|appreciated|Cheers)\b")


def _thanks(layout: Layout, post: dict[str, str], also: dict[str, str] | None = None) -> str:
    """Thanks to whoever wrote `post` (and `also`), in one of the ways posters say
    it: readers took "Thanks, @lee87." closing thread after thread for a template."""
    at = _at(layout, post)
    if also is not None and also["user"] != post["user"]:
        # as posters write it to two: "Thanks, @trosales, @douglas.roach."
        return layout.pick(list(_THANKS_TWO)).replace("{at}", f"{at}, {_at(layout, also)}")
    return layout.pick(list(_THANKS)).replace("{at}", at)


# a reply's "It is" as one says it
_SPOKEN = re.compile(r"^(It|There|That) is ")


def _spoken(sentence: str) -> str:
    """ "It's 1,665 steps to the top": the contraction a poster writes."""
    return _SPOKEN.sub(lambda m: f"{m.group(1)}'s ", sentence, count=1)


def _timed(layout: Layout, posts: list[dict[str, str]]) -> None:
    """When each post went up, as a board shows it ("2014-07-05 21:40"): the thread
    from some hour of its date on, each reply minutes to hours after the one before."""
    draw = layout.rng.random
    at = dt.datetime.combine(layout.plan.date, dt.time(7)) + dt.timedelta(
        minutes=int(draw() * 15 * 60)
    )
    for post in posts:
        post["when"] = at.strftime("%Y-%m-%d %H:%M")
        at += dt.timedelta(minutes=2 + int(draw() ** 2 * 600))


def interview(layout: Layout) -> Draft:
    """A question per fact asked about, answered by that fact (several answers of one
    question in one turn: "Which software is still exposed to CVE-2031-0001?"). An
    answer about what the question named may call it "it"; a yes/no question is
    answered yes or no first."""
    content = layout.content
    lexicon = layout.writer.lexicon
    layout.writer.relative_dates = True
    layout.writer.spoken = True
    asked: dict[tuple[str, str], list[Message]] = {}
    subjects = {m.fact.subject for m in content.focus + content.ripples}
    background = layout.by_subject(content.background)
    stated_keys = {(m.fact.subject, m.fact.property) for m in content.focus + content.ripples}
    for message in content.focus + content.ripples + background:
        key = (message.fact.subject, message.fact.property)
        if message.role == "ripple" and asked:
            # what follows from an answer is said in it, not asked for: "Which vendor
            # is Moraine now the screened alternative to?" gives its answer away. The
            # answer it follows from: one that states a fact it rests on, else one
            # about its subject; else it is asked about after all
            premises = {p.key_text for p in message.because}
            groups = list(asked.values())
            home = [g for g in groups if any(m.fact.key_text in premises for m in g)]
            home = home or [g for g in groups if g[0].fact.subject == message.fact.subject]
            if home:
                home[0].append(message)
                continue
        if message.fact.subject in subjects:
            last = list(asked.values())[-1] if asked else None
            if (
                key not in asked
                and key not in stated_keys
                and last is not None
                and last[0].fact.subject == message.fact.subject
                and len(last) < 3
                and related_facts(layout.world, last[-1].fact, message.fact)
                and layout.rng.random() < 0.35
            ):
                # a guest goes on about what they were asked: a conversation, not a
                # question a fact; about the same thing ("It weighs 10,100 tonnes"
                # after its height), not a fact of another kind ("When was it
                # founded?" "... It is chaired by Claire Vuilleumier." read to readers
                # as a fact nobody asked for)
                last.append(message)
                continue
            if message.role == "background" and message.fact.subject != content.topic:
                continue  # a guest quizzed on another man's birthday, readers said
            # the other half of one event is said with it: "He resigned from Acme
            # Peptides on 8 March 2024", not asked for after it ("Which company did
            # Renner leave?" then "When did he resign?", readers said)
            partner = next(
                (
                    group
                    for (subject, prop), group in asked.items()
                    if subject == message.fact.subject
                    and message.role != "background"
                    and lexicon.event_partners(prop, message.fact.property)
                ),
                None,
            )
            if partner is not None:
                partner.append(message)
                continue
            asked.setdefault(key, []).append(message)
            continue
        # a fact about what an answer named is said in that answer, not asked about
        # ("Who designed it?" "Gustave Eiffel, who was born in 1832."): a host does not
        # quiz a guest on where a city is
        for group in asked.values():
            naming = any(m.fact.object == message.fact.subject for m in group)
            if naming and all(m.fact.subject in subjects for m in group):
                group.append(message)  # one such fact an answer: more is drift
                break
    stated = len({(m.fact.subject, m.fact.property) for m in content.focus + content.ripples})
    turns: list[dict[str, str]] = []
    groups = _defined_first_in_talk(layout, list(asked.values()))
    opening = None
    setting = _set_up(layout, groups)
    if setting is not None:  # the host tells the news, the guest what follows
        setup, groups, _ = setting
        stated -= 1
    elif groups and groups[0][0].role != "background":
        # (always where the world's only questions would name the answer)
        opening = _open_question(layout, groups[0][0], _only_naming(layout, groups[0][0]))
        if opening is not None:
            groups = _told_when_asked_open(groups, groups[0][0].fact.subject)
        # (not asked for its news: "Where do things stand with Acme Peptides?" was
        # answered "It announced a new order policy on 1 March 2024. It was founded
        # in 2011 by ...", the founding no answer to it (blind readers of session 38))
        if opening is not None and _question_stem(opening) not in NEWS_STEMS:
            groups = _more_when_asked_open(layout, groups, groups[0][0].fact.subject)
    groups, went_on_to = _gone_on(layout, groups, first=opening is None and setting is None)
    groups = _with_their_days(layout, groups)
    # one question beyond what the divergence says: more reads as a quiz (and its
    # news told in fewer answers leaves no room for more): readers of every round
    # took a tail of "When was it set up?", "What does it offer?" for a checklist
    news = sum(1 for group in groups if group[0].role != "background")
    # what the last answer (or the host's setup) was about
    spoken_of = setting[2] if setting is not None else None
    went_on = False  # whether a question has called it "it"
    # a guest speaks from an organisation the world ties to the topic, where it has
    # one: someone with a reason to be asked
    stake = layout.stake()
    found = layout.world.entities.get(stake.entity) if stake is not None else None
    own = found.name if found is not None and _is_organisation(layout.world, found.name) else None
    guest = furniture.person(layout.rng.random, layout.plan.date.year)
    # a guest from an organisation the story bears on is asked what it means for them
    # where the transcript tells no consequence ("How are you affected at EPFL?")
    theirs = None
    if own is not None and not content.ripples:
        theirs = _for_the_asker(layout, [m for group in groups for m in group])
    if theirs is not None:
        groups.insert(news, [theirs])
        news, stated = news + 1, stated + 1
    # what the topic is, asked first, is asked beside the news, not in its place: an
    # interview on a flaw whose one fact is its releases asked what kind of flaw it
    # is and never which releases (15 of 600 libfoo documents failed the verifier)
    defined = int(bool(groups) and groups[0][0].role == "background")
    # and only of the news: readers of round 31a took "What's the history of Acme
    # Peptides?" and "Who are its customers?" put to a lab at EPFL for a checklist
    asking = _to_ask(
        layout, groups, min(stated, news) + defined, news + defined, beyond=own is None
    )
    for messages, themed_question in asking:
        question_text = opening if not turns else None
        if themed_question is not None:  # "What's the story behind the Eiffel Tower?"
            question_text = themed_question
        open_question = question_text is not None
        # a host goes on about what the guest just spoke of ("When was it set up?"):
        # readers took each question naming its subject in full for a quiz. Once an
        # interview, and not every time: a question that names nothing names
        # nothing of the world either (worldspec stats counts it so)
        it = spoken_of if not went_on and layout.rng.random() < GOING_ON else None
        if not turns and setting is not None:
            it = spoken_of  # "... on 1 March 2024. Brandy, when was it founded?"
        # (not "And CVE-2031-0001?" right after an answer about it: a prompt turns to
        # another subject)
        # (after the host's news, what follows from it is what is asked; and a prompt
        # names what the guest has not just spoken of: "What about libfoo 2.4.0-1?"
        # after an answer on it read as a slot filled twice)
        asked_of = next(
            (
                m
                for m in sorted(messages, key=lambda m: m.role != "ripple")
                if m.fact.subject != spoken_of or (setting is not None and not turns)
            ),
            None,
        )
        to_the_guest = False
        if question_text is None and (turns or setting is not None) and asked_of is not None:
            # a prompt to go on follows a question, or the host's news
            question_text = _prompt(layout, asked_of, own, after_news=not turns)
            open_question = question_text is not None
            to_the_guest = (
                open_question
                and own is not None
                and own in {f.subject for f in (asked_of.fact, *asked_of.fellows)}
                and asked_of.role == "ripple"
            )
            if to_the_guest and own is not None:  # what it means for them first, then why
                theirs = _theirs_first(asked_of, own)
                messages = [theirs, *(m for m in messages if m is not asked_of)]
                asked_of = theirs
        if question_text is None:
            asked_as = _not_naming_the_answer(layout, messages[0])
            # what the talk has named goes by its short name now and then, as a host
            # says it ("When did 2.4.0-1 come out?"): a reader of session 39 found
            # every question naming its subject in full. Drawn apart, so that the
            # rest of the transcript stays as it was
            subject = messages[0].fact.subject
            again = subject != it and bool(layout.writer.refer.mentioned.get(subject))
            short = _drawn_apart(layout) if again else None
            question_text = layout.ask_next(messages[0], it, asked_as, again=again, short=short)
            if turns:
                response = _a_response(layout, messages[0], question_text)
                if messages[0].fact.subject != spoken_of:
                    # (not right after an answer about it: "How have things changed
                    # at the board since?" after its response read as asked again)
                    response = response or _a_change(layout, messages[0], question_text)
                if response is not None:
                    question_text, open_question = response, True
        went_on = went_on or (it is not None and it == messages[0].fact.subject)
        spoken_of = messages[0].fact.subject
        answer = None
        if len(messages) == 1 and not open_question:
            answer = _short_answer(layout, question_text, messages[0])
        if answer is None:
            # a guest speaks of their own organisation in their own words
            layout.writer.speaking_for = own if to_the_guest else None
            answer = " ".join(_answer_in_parts(layout, messages, went_on_to))
            layout.writer.speaking_for = None
        if to_the_guest and own is not None and messages[0] is asked_of:
            answer = _in_first_person(layout, own, answer)
            answer = _why_it_is_ours(layout, own, asked_of, answer)
        fact = messages[0].fact
        # "Yes." or "No." first to a question that asked it: not to "What's the story
        # with Acme Peptides?", which readers caught answered "No."
        said = None if open_question else _yes_or_no(layout, fact, question_text)
        if said is not None:
            answer = f"{said} {answer}"
        if not turns and setting is not None:
            first_name = guest.split(" ", 1)[0]
            put = f"{first_name}, {question_text[:1].lower()}{question_text[1:]}"
            question_text = f"{setup} {put if '.' not in first_name else question_text}"
        elif not turns:
            question_text = _addressed(layout, guest, question_text)
        turns.append({"question": question_text, "answer": answer})
    host = furniture.person(layout.rng.random, layout.plan.date.year)
    while host.rsplit(" ", 1)[-1] == guest.rsplit(" ", 1)[-1]:  # "KING: ... KING: ..."
        host = furniture.person(layout.rng.random, layout.plan.date.year)
    if setting is None:
        _with_courtesies(layout, turns, guest, host)
    else:
        # one that opened on the news ends as any does: readers of round 31b took
        # two exchanges and no word after for a transcript cut off
        _thanked(layout, turns, guest, host)
    affiliation = found.label if found is not None and own is not None else None
    draft = Draft(
        layout.topic_name(), [], turns=turns, guest=guest, guest_from=affiliation, host=host
    )
    if own is not None:  # "from the University of Geneva", as a sentence names it
        draft.guest_org = name_with_article(layout.world, own)
    return draft


# how a host asks what an organisation did once the news was out: "How did the
# Synthesis Screening Board respond?", not the world's "Has the Synthesis Screening
# Board taken action against any vendor?" (an editor of session 42: questions that
# read like database look-ups, not a conversation)
RESPONSE_PROMPTS = (
    "How did {x} respond?",
    "How has {x} responded?",
    "And how did {x} react?",
    "What was {x}'s response?",
)


def _a_response(layout: Layout, message: Message, question: str) -> str | None:
    """The host's question in RESPONSE_PROMPTS' words, where the message tells what
    an organisation did to an entity the talk has named, on a day the world gives
    it (the board struck the vendor off its register after the vendor stopped
    screening), and the question drawn for it names that organisation in full;
    None otherwise. Drawn apart: the transcript's other draws stay as they were."""
    fact, around, world = message.fact, layout.around, layout.world
    if around is None or message.role != "focus" or message.because or fact.literal:
        return None
    if fact.object == fact.subject or not world.entity_is(fact.subject, "Organization"):
        return None
    if fact.object not in world.entities or not layout.writer.refer.mentioned.get(fact.object):
        return None
    day = around.changed_on(fact)
    if day is None or day > layout.plan.date:
        return None
    return _asked_in(layout, RESPONSE_PROMPTS, fact.subject, question)


def _asked_in(layout: Layout, forms: tuple[str, ...], subject: str, question: str) -> str | None:
    """The question drawn for a message put in one of `forms` of its subject ({x}),
    by a draw of its own; None where the question drawn does not name the subject
    in full (it asked of it as "it" or by its short name: as drawn)."""
    name = layout.writer.lexicon.full_name(subject)
    if name not in question:
        return None
    with layout.own_draws():
        form = layout.pick(list(forms))
    return layout.writer.sentence(fill(form, {"x": name}))


# how a host asks after a figure the news changed: "What has changed at the Acme
# online order portal since?", answered "It takes in 3,900 orders a month, up from
# 1,200.", not "How busy is the Acme online order portal?" "3,900 orders a month."
# (a quiz's item to blind readers of every round)
CHANGE_PROMPTS = (
    "What has changed at {x} since?",
    "Has anything changed at {x} since then?",
    "How have things changed at {x} since?",
)


def _a_change(layout: Layout, message: Message, question: str) -> str | None:
    """The host's question in CHANGE_PROMPTS' words, where the message gives a figure
    the divergence changed, whose answer says what it was before (`figure_moved`),
    after the transcript told an event of the story on or before the day it changed
    (what "since" refers to), and the question drawn for it names the figure's
    subject in full; None otherwise. Drawn apart."""
    writer = layout.writer
    if message.role != "focus" or writer.lexicon.dates(message.fact):
        return None
    moved = writer.figure_moved(message)
    if moved is None or not any(day <= moved[0] for day, *_ in writer.events):
        return None
    return _asked_in(layout, CHANGE_PROMPTS, message.fact.subject, question)


def _theirs_first(message: Message, own: str) -> Message:
    """A consequence shared by several, the guest's own organisation first: "... the
    orders it receives from us, Corvina Biotech and EPFL", which their answer says in
    the first person."""
    facts = [message.fact, *message.fellows]
    mine = next(f for f in facts if f.subject == own)
    others = tuple(f for f in facts if f is not mine)
    return replace(message, fact=mine, fellows=others)


def _in_first_person(layout: Layout, own: str, answer: str) -> str:
    """The answer of a guest asked what a consequence means for their own
    organisation, its first sentence in their words: "Acme Peptides no longer
    screens the orders it receives from us", not "... from the University of
    Geneva" from someone who works there (34 of 100 of peptide_vendor's
    transcripts). Only where the organisation follows a preposition or owns
    something ("our orders"); a sentence with it as a subject stays as it was (its
    verb would have to change). The verifier reads the answer as stating the fact
    of the organisation the question before it named."""
    first, *rest = _SENTENCE_END.split(answer, 1)
    names = _organisation_names(layout, own)
    said = first
    for name in names:
        said = re.sub(_after_a_preposition(name), r"\1 us", said)
        bare = re.escape(name.removeprefix("the "))
        said = re.sub(rf"(?<![\w'])(?:[Tt]he )?{bare}['’]s\b", "our", said)
        said = re.sub(
            rf"\b(that|which) (?:the )?{bare} ([a-z]+)\b",
            lambda m: f"{m.group(1)} we {_plural_verb(m.group(2))}",
            said,
        )
    if said == first or any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", said) for n in names):
        return answer
    return " ".join([said, *rest])


def _why_it_is_ours(layout: Layout, own: str, consequence: Message, answer: str) -> str:
    """The answer of a guest asked what a consequence means for their organisation,
    after what ties them to it, in their words, in one sentence: "We buy peptides
    from Acme Peptides, and it has stopped checking the sequences it gets from
    us.", not the consequence alone, which an editor and the readers of round 42
    took for the guest's earlier answer said again (as two sentences, "It has
    stopped ..." named nothing of the world: 1.7 points more of peptide's
    sentences did, by `worldspec stats`). From a premise of the consequence that
    names the organisation as its value, in a phrasing that opens with it; the
    answer as it was where it does not open on the premise's other end by name."""
    writer = layout.writer
    if consequence.fellows or consequence.more:
        return answer  # "It no longer screens the orders of us, EPFL and ...": whose?
    premise = next(
        (p for p in consequence.because if not p.literal and p.object == own and p.subject != own),
        None,
    )
    if premise is None:
        return answer
    other = writer.lexicon.full_name(premise.subject)
    if not answer.startswith(other + " "):
        return answer
    opening = [
        p.text
        for p in writer.lexicon.phrases(premise.property)
        if p.text.startswith("{o} ") and "{s}" in p.text and "{o}" not in p.text[3:]
    ]
    # what they do, where the world says it so: "We are a customer of Acme
    # Peptides" read as stiff to a reader of session 42
    opening = [t for t in opening if not t.startswith("{o} is ")] or opening
    # nor the consequence's word again: "We order our peptides from Acme Peptides,
    # and it no longer checks the orders it gets from us" (paired readers of
    # session 43: repetitive)
    words_after = set(_stems(answer[len(other) :]))
    opening = [t for t in opening if not words_after & set(_stems(t))] or opening
    if not opening:
        return answer
    with layout.own_draws():
        form = layout.pick(opening)
    verb, rest = form[4:].split(" ", 1)
    said = fill(f"We {_plural_verb(verb)} {rest}", {"s": other}).replace(" its ", " our ")
    return f"{said}, and it{answer[len(other) :]}"


def _stems(text: str) -> list[str]:
    """The words of a text of five letters or more, cut to their first five: enough
    to find "order" in "orders", and no short word ("its", "from") alike."""
    return [word[:5] for word in re.findall(r"[a-z]{5,}", text.lower())]


def _plural_verb(verb: str) -> str:
    """The verb a "we" takes for the one an organisation took: "places" -> "place"."""
    irregular = {"has": "have", "is": "are", "was": "were", "does": "do"}
    if verb in irregular:
        return irregular[verb]
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb


def _with_courtesies(layout: Layout, turns: list[dict[str, str]], guest: str, host: str) -> None:
    """Now and then, a host who welcomes the guest by name (and a guest who thanks
    them) and thanks them at the end, as broadcast transcripts run: readers of every
    round took a transcript that opens on its first question and stops on its last
    answer for no conversation. Named, as furniture is: no "Thanks for having me."
    that any transcript could say (and two words at most, which with the speaker's
    label `worldspec stats` counts as layout); not to a name known by its
    initials."""
    first, host_first = guest.split(" ", 1)[0], host.split(" ", 1)[0]
    if not turns or "." in first or "." in host_first:
        return
    if layout.rng.random() < WELCOMED:
        # greeted back as greeted: "Hello, Kiara." "Thanks, Roberto." read to a
        # reader of round A as a reply to something else
        greeting, back = layout.pick(
            ["Welcome Thanks", "Morning Morning", "Hello Hello", "Hello Hi"]
        ).split()
        welcome = f"{greeting}, {first}."
        question = turns[0]["question"]
        if question.startswith(f"{first}, "):  # "Welcome, Levi. What ...", not twice
            question = question[len(first) + 2 :]
            question = question[:1].upper() + question[1:]
        if layout.rng.random() < THANKED_BACK:
            # a turn of its own: "Thanks, Angie. In Rome." reads the short answer
            # back to the thanks, for a reader and the verifier alike
            thanks = f"{back}, {host_first}."
            turns[0]["question"] = question
            turns.insert(0, {"question": welcome, "answer": thanks})
        else:
            turns[0]["question"] = f"{welcome} {question}"
    _thanked(layout, turns, guest, host)


def _thanked(layout: Layout, turns: list[dict[str, str]], guest: str, host: str) -> None:
    """Now and then, a host who thanks the guest at the end, and the guest back."""
    first, host_first = guest.split(" ", 1)[0], host.split(" ", 1)[0]
    if "." in first or "." in host_first:
        return
    if len(turns) > 1 and layout.rng.random() < THANKED:
        closing = layout.pick([f"{first}, thanks.", f"Thanks, {first}."])
        replies = [f"Thanks, {host_first}.", "Thank you.", "My pleasure."]
        reply = layout.pick([r for r in replies if r != turns[0]["answer"]])
        turns.append({"question": closing, "answer": reply})


def introduced(
    turns: list[dict[str, str]],
    guest: str,
    role: str,
    affiliated: str | None,
    draw: Callable[[], float],
) -> None:
    """Now and then, a host who opens by saying who the guest is, as the header does
    ("My guest is Diane Gill, a consultant who has worked with Acme Peptides.", "...
    Paul Nelson, from EPFL.": `affiliated`, the organisation as a sentence names
    it), before the first question: a reader of session 39 found transcripts that
    start cold, the guest's role never drawn on. Once the role is known (the
    template draws it after the layout), by draws of its own."""
    # (not one known by initials: "My guest is T. Bryan" reads as a sentence that
    # stops at "T.", for readers and `worldspec stats` alike)
    if not turns or not role or "." in guest.split(" ", 1)[0] or draw() >= INTRODUCED:
        return
    opening = INTRODUCTIONS[int(draw() * len(INTRODUCTIONS))]
    who = f"from {affiliated}" if affiliated else articles(f"a {role}")
    turns[0]["question"] = f"{opening} {guest}, {who}. {turns[0]['question']}"


def _drawn_apart(layout: Layout) -> float:
    """A draw of its own, that leaves the layout's draws after it as they were."""
    with layout.own_draws():
        return layout.rng.random()


# the share of interviews whose host opens by introducing the guest, and how
INTRODUCED = 0.5
INTRODUCTIONS = ("My guest is", "My guest today is", "Joining me is", "With me today is")
# the shares of interviews whose host welcomes the guest, of those whose guest thanks
# them back, and of interviews that end on the host's thanks (readers of session 37
# took every one of twelve transcripts that stop on an answer for one cut off)
WELCOMED = 0.5
THANKED_BACK = 0.5
THANKED = 0.85


def _defined_first_in_talk(layout: Layout, groups: list[list[Message]]) -> list[list[Message]]:
    """The groups, with what the topic is asked first where the world says it ("What
    does linear probing consist of?" "It's the practice of training ..."): a blind
    reader of round N found an interview that gave the verdict on a technique first
    and asked what it is last in an unnatural order."""
    described = layout.writer.lexicon.description(layout.content.topic)
    if described is None:
        return groups
    at = next(
        (i for i, group in enumerate(groups) if group[0].fact.key_text == described.key_text),
        None,
    )
    if not at:  # none, or first already
        return groups
    return [groups[at], *groups[:at], *groups[at + 1 :]]


def _gone_on(
    layout: Layout, groups: list[list[Message]], first: bool
) -> tuple[list[list[Message]], set[int]]:
    """The groups, a piece of news joined to the one before it where both are of one
    subject: asked how the board responded, a guest says it struck the vendor off its
    register and that the register now lists 13 vendors, in one answer, not two
    questions ("How many vendors does it have on its register?" after it). Readers of
    every round took a transcript of one-line answers, a question a fact, for a quiz.
    The first group stays as asked where the first question is not open (`first`),
    and the joined answer tells GONE_ON_FACTS messages at most. Drawn apart. With
    the groups, the messages (by identity) each joined group begins with: the
    answer says it in a sentence of its own."""
    out: list[list[Message]] = []
    went_on_to: set[int] = set()
    for at, group in enumerate(groups):
        last = out[-1] if out else None
        if (
            last is not None
            and (at > 1 or not first)
            and group[0].role != "background"
            and last[0].role != "background"
            and group[0].fact.subject == last[-1].fact.subject
            and len(last) + len(group) <= GONE_ON_FACTS
            # (not after "No." to "Does it still screen its orders?": the answer to
            # a yes-or-no question is that answer)
            and not is_yes_no(layout.world, last[0].fact)
            and _drawn_apart(layout) < GONE_ON
        ):
            out[-1] = [*last, *group]
            went_on_to.add(id(group[0]))
            continue
        out.append(list(group))
    return out, went_on_to


def _answer_in_parts(layout: Layout, messages: list[Message], went_on_to: set[int]) -> list[str]:
    """The sentences of a reply, each piece of news the guest went on to in sentences
    of its own (`_gone_on`): "It delisted Acme Peptides. The board now lists 13
    vendors.", not "It delisted Acme Peptides and has 13 vendors on its register.",
    which paired readers of session 43 took for two facts bolted together."""
    parts: list[list[Message]] = []
    for message in messages:
        if not parts or id(message) in went_on_to:
            parts.append([])
        parts[-1].append(message)
    if len(parts) == 1:
        return _answer(layout, messages)
    with _answering(layout):
        return [text for part in parts for text in layout.writer.sentences(part)]


# the share of news a guest goes on to after the answer before it, and the most
# messages an answer tells so
GONE_ON = 0.7
GONE_ON_FACTS = 3


def _set_up(
    layout: Layout, groups: list[list[Message]]
) -> tuple[str, list[list[Message]], str] | None:
    """Now and then, the news told by the host before the first question, as a
    broadcast interview opens ("Acme Peptides changed its order policy on 1 March
    2024. Brandy, what does this mean for EPFL?"), the groups left to ask about and
    what the setup spoke of last:
    readers took a first question on the news answered by the news ("Where do things
    stand with Acme Peptides?" "It introduced its current order policy ...") for a
    quiz, and missed a host who says why the guest is there. The setup takes the
    topic's news (what follows from it stays for the guest); None where the first
    group is no news, nothing would be left to ask, or by the draw."""
    if not groups or groups[0][0].role == "background":
        return None
    grouped = _told_when_asked_open(groups, groups[0][0].fact.subject)
    # (the news only: "... stepped down on 8 March 2024. The firm was started by
    # Tobias Renner and Claire Vuilleumier." is no news a host announces)
    news = [m for m in grouped[0] if m.role == "focus"]
    # a sentence or two, the rest the guest's to tell with what follows: "... It does
    # not check the orders it receives. It has a policy that ...", a host reciting
    # a block of facts, a reader of round N said
    # (what happened, not what holds since: "... on 1 March 2024. It doesn't check
    # the orders it receives. Francisco, what is its ordering policy?" read to readers
    # of round B as a host who gives the answer before asking)
    told = list(
        itertools.takewhile(lambda m: layout.writer.lexicon.dates(m.fact), news[:SET_UP_FACTS])
    )
    following = news[len(told) :] + [m for m in grouped[0] if m.role == "ripple"]
    rest = ([following] if following else []) + grouped[1:]
    # the first question goes on from the news: about what follows from it or what
    # it named, not "As of April 2027, the board has 13 vendors on its register.
    # Laura, how busy is the Acme online order portal?"
    # (nor what it told: "... reports that deceptive intent is not linearly
    # readable. Edward, what are its findings?"), on news of a day: "The Eiffel
    # Tower is in Rome." is nothing a host announces
    # (about what the news is of, not any entity it names: "Tobias Renner stepped
    # down from Acme Peptides ... has the board struck any vendor off its register?"
    # read to a reader of round O as a host changing the subject at once)
    # and of what it told of, not of another it named: "Acme Peptides changed its
    # order policy ... Leslie, tell us about Tobias Renner." (readers of round B)
    named = {f.subject for m in told for f in m.stated}
    going_on = rest[0][0].fact if rest else None
    tied = going_on is not None and (bool(following) or going_on.subject in named)
    if not told or not tied:
        return None
    said = {(m.fact.subject, m.fact.property) for m in told}
    if any((m.fact.subject, m.fact.property) in said for m in rest[0]):
        return None
    if layout.rng.random() >= SET_UP:  # drawn last: other interviews draw as before
        return None
    return " ".join(layout.writer.sentences(told)), rest, told[-1].fact.subject


# the share of interviews on news whose host tells it before the first question
SET_UP = 0.4
# and the most facts a host tells so: a sentence or two
SET_UP_FACTS = 2


def _to_ask(
    layout: Layout, groups: list[list[Message]], asked: int, news: int, beyond: bool = True
) -> Iterator[tuple[list[Message], str | None]]:
    """The groups an interview asks about, each with the host's question on a side of
    its subject where it is one (themed: "What's the story behind the Eiffel
    Tower?"): the first `asked`, then, where it goes `beyond` the story's news, one
    question on a single fact and up to THEMED_TURNS on a side of the subject, each
    answered with what the world has on it. Readers took a tail of one-fact
    questions for a quiz, and a transcript of two exchanges for no conversation at
    all."""
    told: set[int] = set()  # by identity: the messages a themed answer took
    sides: dict[int, str | None] = {}  # each message's side, worked out once

    def side_of(message: Message) -> str | None:
        if id(message) not in sides:
            sides[id(message)] = _theme(layout.world, message)
        return sides[id(message)]

    plain = themed = 0
    for at, group in enumerate(groups):
        if at < asked:
            yield group, None
            continue
        if not beyond or (plain >= BEYOND_THE_NEWS and themed >= THEMED_TURNS):
            return
        messages = [m for m in group if id(m) not in told]
        if not messages:
            continue
        side = None
        if at >= news and themed < THEMED_TURNS:
            later = (m for g in groups[at + 1 :] for m in g if id(m) not in told)
            side = _themed_turn(layout, messages, later, side_of)
        if side is not None:
            themed += 1
            told.update(id(m) for m in side[1])
            yield side[1], side[0]
        elif plain < BEYOND_THE_NEWS and not _only_naming(layout, messages[0], background=True):
            # (not "Which company did Tobias Renner leave?": a quiz master's question)
            plain += 1
            yield messages, None


def _themed_turn(
    layout: Layout,
    messages: list[Message],
    later: Iterable[Message],
    side_of: Callable[[Message], str | None],
) -> tuple[str, list[Message]] | None:
    """A host's question beyond the news about one side of its subject, answered by
    what the world has on it: its history ("What's the story behind the Eiffel
    Tower?" "Work on it began on 28 January 1887, and it opened two years later
    ...") or its size, where the background has two facts of it or more. Readers
    took one more fact asked for and given ("When was it opened?" "On 31 March
    1889.") for a quiz's next item. None where it has no such side."""
    first = messages[0]
    if first.role != "background" or len(messages) > 1:
        return None
    world, subject = layout.world, first.fact.subject
    theme = side_of(first)
    if theme is None:
        return None
    rest = list(
        itertools.islice(
            (
                m
                for m in later
                if m.role == "background" and m.fact.subject == subject and side_of(m) == theme
            ),
            THEMED_FACTS - 1,
        )
    )
    if not rest:
        return None
    told = _chronological([first, *rest], world)
    if theme == "size":
        told.sort(key=lambda m: largest_first(world, m.fact))
    # a story has a day in it: "What's the story behind Acme Peptides?" "It is
    # chaired by Claire Vuilleumier." answers another question
    if theme == "history" and _when(told[0].fact) is None:
        return None
    return _asked_of(layout, subject, THEME_QUESTIONS[theme]), told


def _theme(world: World, message: Message) -> str | None:
    """The side of its subject a background fact tells: "history" (a day, a year, a
    person who made it) or "size" (a figure with a unit); None for the rest."""
    if _historical(world, message):
        return "history"
    # ("Just how big is it?" "... It gets a new coat of paint every seven years."
    # answered another question)
    if _told_as(message, world)[0] == FIGURES and is_size(world, message.fact):
        return "size"
    return None


# the most facts an answer to a host's question on one side of its subject gives
THEMED_FACTS = 3
# a host's question on one side of an entity ({x})
THEME_QUESTIONS = {
    "history": (
        "What's the story behind {x}?",
        "How did {x} come about?",
        "What's the history of {x}?",
    ),
    "size": (
        "How big is {x}?",
        "Give us a sense of the size of {x}.",
        "Just how big is {x}?",
    ),
}


def _addressed(layout: Layout, guest: str, question: str) -> str:
    """Now and then, a host's first question put to the guest by their first name
    ("Sherry, when did work on the Eiffel Tower begin?"), as hosts open; not to one
    known by initials ("M. Pena"), nor before a question that opens on a name."""
    first = guest.split(" ", 1)[0]
    opening = question.split(" ", 1)[0].lower().rstrip(",")
    if "." in first or opening not in _QUESTION_OPENINGS or layout.rng.random() >= ADDRESSED:
        return question
    return f"{first}, {question[:1].lower()}{question[1:]}"


# the share of interviews whose first question names the guest
ADDRESSED = 0.5
# the first words of a host's questions and prompts that may follow a name and a comma
_QUESTION_OPENINGS = frozenset(
    [
        "what",
        "where",
        "when",
        "who",
        "which",
        "how",
        "why",
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "has",
        "have",
        "can",
        "could",
        "tell",
        "let's",
        "start",
        "bring",
    ]
)


def _short_answer(
    layout: Layout, asked: str, message: Message, thread: str | None = None
) -> str | None:
    """Now and then, the answer to a question that named what it asks of in a few
    words, as people answer ("When did work on the Eiffel Tower begin?" "On 28
    January 1887."): readers took every question said back in full ("It was begun
    on 28 January 1887.") for a quiz. None where the question did not name it, or
    the fact has no such words (worldspec.render.microplan.SentencePlanner.fragment).
    A thread's follow-up on the entity it is about (`thread`) may call it "it" with
    nothing before ("Thanks. How tall is it?"), where the fact is no news the
    verifier looks for."""
    last = _SENTENCE_END.split(asked.strip())[-1]
    follows_up = (
        thread == message.fact.subject
        and message.role == "background"
        and re.search(r"\bit\b", last) is not None
    )
    if not follows_up and not _asks_of(layout, asked, message.fact.subject):
        return None
    question = last.rsplit(" - ", 1)[-1]  # "... in May - how tall is it?"
    if _asks_yes_or_no(question) or not _asks_for_a_value(question):  # (_asks_of: one)
        # "Does Moraine Peptides still screen its orders?" or "How does Moraine
        # Peptides differ from its rivals on screening?" "Acme Peptides."
        return None
    if layout.rng.random() >= SHORT_ANSWERS:
        return None
    return layout.writer.fragment(message, indirect.direct(question))


def _asks_for_a_value(question: str) -> bool:
    """Whether a question asks for what a few words name (who, which, where, when,
    how many, how tall), not how something is or why ("How does Moraine Peptides
    differ from its rivals?", "Why did he resign?")."""
    first, _, rest = indirect.direct(question).partition(" ")
    if first.lower() == "why":
        return False
    return first.lower() != "how" or rest.split(" ", 1)[0].lower() not in _YES_NO_OPENINGS


def _asks_of(layout: Layout, text: str, entity: str, by_name: bool = False) -> bool:
    """Whether the last sentence of `text` is a question that names the entity, or
    (unless `by_name`) calls it by its pronoun after a sentence that names it ("...
    the Eiffel Tower is the one thing they've asked to see. How tall is it?"): what
    a reply may answer in a few words, as the verifier reads it."""
    asked = _SENTENCE_END.split(text.strip())
    if not asked or not asked[-1].endswith("?"):
        return False
    naming = _naming(tuple(f.lower() for f in subject_forms(layout.world, entity)))

    def names(sentence: str) -> bool:
        return naming.search(sentence.lower()) is not None

    if names(asked[-1]):
        return True
    pronoun = layout.writer.lexicon.pronoun(entity)
    return (
        not by_name
        and len(asked) > 1
        and re.search(rf"\b{pronoun}\b", asked[-1].lower()) is not None
        and names(asked[-2])
    )


@functools.lru_cache(maxsize=4096)
def _naming(forms: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of the forms as whole words (compiled once a set of
    forms: forum layouts ask it of each question of each thread)."""
    if not forms:
        return re.compile(r"(?!)")  # names nothing
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


# the first words of a question answered yes or no
_YES_NO_OPENINGS = frozenset(
    ["is", "are", "was", "were", "does", "do", "did", "has", "have", "can", "could", "will"]
)
# the share of questions that named what they ask of answered in a few words
SHORT_ANSWERS = 0.5
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _prompt(
    layout: Layout, message: Message, own: str | None = None, after_news: bool = False
) -> str | None:
    """A host's prompt to go on about an entity ("What does this mean for EPFL?",
    "And Tobias Renner?") where the only questions the world has for the fact name
    what its answer is ("Which vendor no longer screens the orders of EPFL?",
    "Which company did Tobias Renner leave?"): readers took a host who asks what
    only the answer knows for a quiz master. To a guest from the organisation a
    consequence falls on (`own`), it is put to them ("What does this mean for you
    at EPFL?"). `after_news`: the host has just told the news, and a consequence of it
    is asked after so, whatever else the world asks ("Which supplier fills orders
    from the University of Geneva without screening them?" asked what the host had
    said). None where the world asks otherwise."""
    fact = message.fact
    # what something means for whom: for a firm, a person, a place, not for a flaw
    # (round K: "What does this mean for CVE-2031-0001?" "It reaches the projects
    # that ship libfoo" answered no question)
    affected = any(layout.world.entity_is(fact.subject, c) for c in _AFFECTED)
    consequence = message.role == "ripple" and affected
    if not _only_naming(layout, message) and not (after_news and consequence):
        return None
    prompts: tuple[str, ...] = FOLLOW_UP_PROMPTS
    if layout.world.entity_is(fact.subject, "Person"):
        # of a person, what happened: readers of round V took "What about Tobias
        # Renner?" and "Where does Tobias Renner come into this?" for a host
        # reading slots off a card
        prompts = PROMPTS_ON_A_PERSON
    about = fact.subject
    if consequence:
        # put to the guest where it falls on theirs among others: "Wanda, where does
        # that leave Corvina Biotech?" to a guest from EPFL, which the answer named
        # too, read to a reader of round B as a question for someone else
        theirs = own is not None and own in {f.subject for f in (fact, *message.fellows)}
        prompts = PROMPTS_TO_THE_GUEST if theirs else CONSEQUENCE_PROMPTS
        about = own if theirs and own is not None else about
    if after_news:  # the first question: "Brandy, and for EPFL?" goes on from nothing
        prompts = tuple(p for p in prompts if not p.startswith("And"))
    return _asked_of(layout, about, prompts)


def _asked_of(layout: Layout, entity: str, forms: tuple[str, ...]) -> str:
    """A host's question or prompt about the entity, in one of `forms` ({x}: its
    name): the answer after it may call the entity "it"."""
    name = layout.writer.refer.name(entity)
    fresh = [f for f in forms if _question_stem(f) not in layout.question_stems]
    form = layout.pick(fresh or list(forms))
    layout.question_stems.add(_question_stem(form))
    text = layout.writer.sentence(fill(form, {"x": name}))
    layout.writer.refer.leads = entity
    layout.writer.refer.end_sentence([entity])
    return text


def _question_stem(form: str) -> str:
    """A question's first three words, an "And" aside: "what's the story" for "And
    what's the story with {x}?"."""
    words = form.lower().removeprefix("and ").split()
    return " ".join(words[:3])


def _only_naming(layout: Layout, message: Message, background: bool = False) -> bool:
    """Whether the world's only questions for a fact of the story (or, `background`,
    any fact) ask for what only the answer names ("Which company did Tobias Renner
    leave?")."""
    fact = message.fact
    if fact.literal or (message.role == "background" and not background):
        return False
    asked = layout.writer.lexicon.questions(fact.property)
    return bool(asked) and all(q.startswith(_NAMING_THE_ANSWER) for q in asked)


def _not_naming_the_answer(layout: Layout, message: Message) -> str | None:
    """One of the fact's questions that does not ask for what only the answer
    names, where it has one and others ("Does Moraine Peptides still screen the
    orders it gets?", not "Which vendor is Moraine Peptides now the screened
    alternative to?"); None: any."""
    asked = layout.writer.lexicon.questions(message.fact.property)
    other = [q for q in asked if not q.startswith(_NAMING_THE_ANSWER)]
    return layout.pick(other) if other and len(other) < len(asked) else None


_NAMING_THE_ANSWER = "Which "
# a host's prompt to go on, about an entity of the story ({x})
FOLLOW_UP_PROMPTS = (
    "And {x}?",
    "What about {x}?",
    "Where does {x} come into this?",
    "How does {x} fit in?",
)
# and about a person of the story
PROMPTS_ON_A_PERSON = (
    "What happened with {x}?",
    "And what's the story with {x}?",
    "What do we know about {x}'s part in this?",
    "Tell us about {x}.",
)
# to a guest from the organisation a consequence falls on
PROMPTS_TO_THE_GUEST = (
    "What does this mean for you at {x}?",
    "Where does that leave you at {x}?",
    "How are you affected at {x}?",
)
# what a consequence may be said to mean something for
_AFFECTED = ("Organization", "Person", "Place")
# the questions on one fact an interview asks beyond the story's news, at most
BEYOND_THE_NEWS = 1
# and those on one side of a subject (its history, its size), each answered with a
# few facts
THEMED_TURNS = 1
# and about one a consequence falls on
CONSEQUENCE_PROMPTS = (
    "What does this mean for {x}?",
    "Where does that leave {x}?",
    "And for {x}?",
    "How is {x} affected?",
)


def _told_when_asked_open(groups: list[list[Message]], topic: str) -> list[list[Message]]:
    """The answers with the first taking the rest of the topic's news: asked "Tell
    us about Acme Peptides.", a guest tells its new order policy and when it came
    in, in one answer; readers took the two asked apart ("Since when has it shipped
    under its current terms?") for a quiz, a question a fact."""
    first, rest = list(groups[0]), []
    for group in groups[1:]:
        news = group[0].role != "background" and group[0].fact.subject == topic
        if news and len(first) + len(group) <= OPEN_ANSWER_FACTS:
            first += group
        else:
            rest.append(group)
    # what happened, then what it is: "It announced a new order policy on 1 March
    # 2024. Orders now ship ..." (a stable sort: the rest in their order)
    first.sort(key=lambda m: iso_day(m.fact) is None)
    return [first, *rest]


# the most messages an answer to an open question tells
OPEN_ANSWER_FACTS = 4


def _more_when_asked_open(
    layout: Layout, groups: list[list[Message]], topic: str
) -> list[list[Message]]:
    """The answer to an open question that would tell one fact going on with what
    the topic is known for, its history: asked "What should people know
    about the Eiffel Tower?", a guest said "It stands in Rome." and no more (196 of
    eiffel's 333 transcripts), an answer to "Where is it?", not to what was asked.
    Up to OPEN_MORE of the background's facts of the topic's history, each a turn's
    own, who made it before when; not after a verdict or a finding."""
    first = groups[0]
    world = layout.world
    if len(first) != 1 or first[0].fellows or first[0].more:
        return groups  # (several values are an answer: "It finds that ...; it also ...")
    fact = first[0].fact
    if is_yes_no(world, fact) or (fact.literal and iso_day(fact) is None and not is_number(fact)):
        # a verdict ("It's not effective, according to ...") or a finding is what
        # the guest is asked for: readers took one followed by what the method is,
        # or when the paper came out and who wrote it, for an answer that crams a
        # lecture in
        return groups
    # (its history only: readers took "It stands in Rome. It has 2.5 million rivets."
    # for a fact list)
    taken: list[list[Message]] = []
    # who made it before when: the days are a story a host asks for next ("How did it
    # come about?"), which an answer that took them left to open on the tower's
    # record of 1930 (a reader of session 37)
    for group in sorted(groups[1:], key=lambda g: any(_when(m.fact) for m in g)):
        if sum(map(len, taken)) + len(group) > OPEN_MORE:
            continue
        if all(
            m.role == "background" and m.fact.subject == topic and _historical(world, m)
            for m in group
        ):
            taken.append(group)
    if not taken:
        return groups
    told = [*first, *_chronological([m for group in taken for m in group], world)]
    return [told, *(g for g in groups[1:] if not any(g is t for t in taken))]


# the most facts of the background an answer to an open question goes on with
OPEN_MORE = 2


def _open_question(layout: Layout, message: Message, always: bool = False) -> str | None:
    """An interview's first question, open, about the topic the answer's news is of
    ("Tell us about Acme Peptides."), most of the time: readers took a host who opens
    on "Which vendor no longer screens the orders of Corvina Biotech?" for a quiz
    master. None where the message is not about the topic, or by the draw, unless
    `always` (about its subject, whatever it is)."""
    about = message.fact.subject
    if not always and (about != layout.content.topic or layout.rng.random() >= OPEN_QUESTIONS):
        return None
    lexicon = layout.writer.lexicon
    dated = any(
        m.fact.subject == about and m.role != "background" and lexicon.dates(m.fact)
        for m in layout.content.focus + layout.content.ripples
    )
    return _asked_of(layout, about, NEWS_OPENINGS if dated else TOPIC_OPENINGS)


# the share of interviews whose first question is open
OPEN_QUESTIONS = 0.7
# an open first question, about the topic ({x}), where its news is of a day
# (one sentence each: the answer's "it" refers back to the name in it)
NEWS_OPENINGS = (
    "Where do things stand with {x}?",
    "What's the story with {x}?",
    "Bring us up to date on {x}.",
)
# and where it is of no day: readers took "Where do things stand with the board?"
# answered "It keeps 13 vendors on its register." for an answer to another question
TOPIC_OPENINGS = (
    "Tell us about {x}.",
    "What should people know about {x}?",
    "Let's talk about {x}.",
    "Let's begin with {x}.",
    "Start us off with {x}.",
    "What can you tell us about {x}?",
)
OPENING_QUESTIONS = NEWS_OPENINGS + TOPIC_OPENINGS
NEWS_STEMS = frozenset(map(_question_stem, NEWS_OPENINGS))


# the share of replies whose subject line is the question they answer, and the
# subject line of the others, a question about a topic ({x}, as a title names it)
SUBJECT_ASKED = 0.4
LETTER_SUBJECTS = (
    "{x}",
    "Quick question about {x}",
    "Question about {x}",
    "{x} question",
    "A question on {x}",
    "Query about {x}",
)


def letter(layout: Layout) -> Draft:
    """A reply to a colleague's question about the focus fact: the question quoted
    ("> Where is the Eiffel Tower?") after why it was asked, answered, then at most
    one more fact about what was asked. The subject line is the question or the
    topic."""
    content = layout.content
    layout.writer.relative_dates = True
    layout.writer.spoken = True
    layout.frames = indirect.LETTER_FRAMES
    first = layout.asked_first(content.focus or content.ripples)
    visit = _visit(layout, first)
    subject_line = layout.topic_name()
    if visit is not None:  # "> We'll be in Rome, Italy, in May ... How tall is it?"
        # the subject line of the trip, "Going up the Eiffel Tower in June", not
        # "The Eiffel Tower" on 130 emails of 333
        quoted, wanted, asked, subject_line = visit
        layout.writer.refer.mentioned.clear()
        question = layout.question_about(wanted, asked=asked)
        told = [wanted] + [m for m in content.focus + content.ripples if m is not first]
        content.background = [m for m in content.background if m is not wanted]
        first = wanted  # what the answer may add a little more about
    else:
        # one question in the subject line and the quote: readers caught "Re: When did
        # Acme change its order policy?" over "> Since when has Acme shipped ..."
        asked = layout.pick(layout.writer.lexicon.questions(first.fact.property))
        question = layout.question_about(first, asked=asked)
        layout.writer.refer.mentioned.clear()  # the message quoted names everything anew
        quoted = layout.asking(first, asked)
        told = [first] + [m for m in content.focus + content.ripples if m is not first]
    if layout.rng.random() < SUBJECT_ASKED:
        title = "Re: " + question
    elif visit is not None:
        title = "Re: " + subject_line
    else:
        # a colleague's subject line in their own words: "Re: Acme Peptides" was the
        # subject of 111 of peptide's 750 emails (the same line in more than 1% of
        # the documents, by `worldspec stats`). Drawn apart
        # ("Question about the Synthesis Screening Board", not "... about The ...",
        # and not "The Acme online order portal question" nor "Tobias Renner
        # question": paired readers)
        named = subject_line
        if subject_line.startswith("The "):
            named = "the " + subject_line[4:]
        with layout.own_draws():
            title = "Re: " + _about_topic(layout, LETTER_SUBJECTS, subject_line, named)
    layout.writer.refer.mentioned.clear()  # and so does the answer
    sections = [Section(paragraphs=["> " + quoted])]
    # then, for a visitor, a little more of what a visitor wants to know, in the
    # answer's paragraph ("It has its highest public level 276 metres up", not a
    # paragraph of its own that names the tower again); not for anyone else:
    # readers found three more a fact sheet nobody asked for, and one more ("The
    # Synthesis Screening Board employs 38 people.") a non sequitur
    lexicon = layout.writer.lexicon
    more = [
        m
        for m in content.background
        if visit is not None
        and m.fact.subject == first.fact.subject
        and _a_visitor_asks(layout, m)
        # of the kind asked (its top platform after its height), not another: readers
        # of rounds J and K took "Where can you eat on it?" answered with a
        # restaurant and the top platform's height for a fact nobody asked for (a
        # topic is wider: a visit's restaurant and its platform)
        and alike(layout.world, first.fact, m.fact)
        # not what the answer said in other words: "He resigned from Acme Peptides."
        # after "The resignation of Tobias Renner took effect on 8 March 2024."
        and not lexicon.verb_pairs(first.fact.property, m.fact.property)
        and not lexicon.verb_pairs(m.fact.property, first.fact.property)
    ][:1]
    theirs = _for_the_asker(layout, told + more) if visit is None else None
    if theirs is not None:  # "> We run httpd-x in production. ..." "... reaches httpd-x"
        told = _after_its_premise(told, theirs)
    short = None
    if len(told) == 1 and not more:  # "> ... How tall is it?" "324 metres."
        short = _short_answer(layout, quoted, told[0])
    if short is not None:
        sections.append(Section(paragraphs=[short]))
        return Draft(title, sections)
    # the answer goes on from a question that named what it asks of ("> What does
    # Deception Probes Under Distribution Shift find? / It finds that ..."): readers
    # of round L took the title said again in full for a template
    subject = told[0].fact.subject
    after = subject if _asks_of(layout, quoted, subject, by_name=True) else None
    with _answering(layout):  # what was asked first, in its main clause
        paragraphs = layout.paragraphs(told + more, (2, 4), True, after=after)
    paragraphs = _to_the_asker_in(layout, paragraphs)
    # "Yes." or "No." first to a question that asked it, as one answers: "> Is linear
    # probing effective? / It doesn't work as claimed." read as an answer to another
    # question (17 of 167 probe emails)
    fact = told[0].fact
    asked_last = _SENTENCE_END.split(quoted.strip())[-1]
    said = _yes_or_no(layout, fact, asked_last) if _asks_yes_or_no(asked_last) else None
    if paragraphs and said is not None:
        paragraphs[0] = f"{said} {paragraphs[0]}"
    sections.append(Section(paragraphs=paragraphs))
    return Draft(title, sections)


def _after_its_premise(told: list[Message], theirs: Message | None) -> list[Message]:
    """The answer's messages with what it means for the asker's own right after the
    premise it follows from, which it may end ("It does not vet its orders,
    including those from EPFL."), else last."""
    if theirs is None:
        return told
    premises = {p.key_text for p in theirs.because}
    at = next((i for i, m in enumerate(told) if premises & {f.key_text for f in m.stated}), None)
    if at is None:
        return [*told, theirs]
    return [*told[: at + 1], theirs, *told[at + 1 :]]


def _for_the_asker(layout: Layout, told: list[Message]) -> Message | None:
    """What the story means for the entity the asker said was theirs ("We run httpd-x
    in production."): a consequence, through the world's rules, of what the answer
    or the story says, about that entity ("CVE-2031-0001 reaches httpd-x"), where
    the answer does not say it. Readers of every round caught replies that answered
    the question and ignored why it was asked: nobody remarked that the release
    asked about leaves the asker's server exposed."""
    stake, around = layout.stake(), layout.around
    if stake is None or around is None or any(m.fact.subject == stake.entity for m in told):
        return None
    writer, day = layout.writer, layout.plan.date
    avoided = {f.key_text for f in layout.plan.forbidden} | writer.said
    avoided |= {f.key_text for m in told for f in m.facts}
    for message in told + layout.content.focus:
        for fact in around.following_from(message.fact):
            if (
                stake.entity in (fact.subject, fact.object)
                and fact.key_text not in avoided
                and around.usable(fact, day)
            ):
                return Message(fact, "ripple", around.premises(fact))
    return None


def _yes_or_no(layout: Layout, fact: PlannedFact, question: str) -> str | None:
    """ "Yes." or "No." before the answer to a question, as one answers: a yes/no
    fact's value, or "Yes." where a question asked yes or no of a fact that holds
    ("Has it struck any vendor off its register?" "Yes. It struck Acme Peptides
    off."): readers took the bare statement for an answer to another question."""
    if is_yes_no(layout.world, fact):
        return "Yes." if fact.object == "true" else "No."
    last = _SENTENCE_END.split(question.strip())[-1]
    return "Yes." if _asks_yes_or_no(last) else None


def _asks_yes_or_no(question: str) -> bool:
    """Whether a question is one answered yes or no ("Does linear probing work?",
    "Does anyone know whether it works?"), not "Does anyone know how tall it is?"."""
    question = indirect.direct(question)
    opening = question.split(" ", 1)[0].lower()
    return question.endswith("?") and (opening in _YES_NO_OPENINGS or opening == "whether")


# the share of questions after one on the same subject that call it "it", once an
# interview
GOING_ON = 0.3
# the most facts a textbook passage says in one paragraph, without headings
SHORT_PASSAGE = 3


def textbook(layout: Layout) -> Draft:
    content = layout.content
    name = layout.topic_name()
    if content.angled:
        return _angled_textbook(layout, name)
    # a section opens on what its topic is, as a textbook introduces a term: readers
    # took "8.1 The Eiffel Tower / The Eiffel Tower sits in Rome." for a fragment
    lead = _definition(layout, name) if _defined_first(layout) else Definition("", False)
    focus = content.focus[1:] if lead.defines else content.focus
    background = layout.own_background(6)
    # and goes on from it: "Probing for Deception at Scale is a paper published in
    # 2028. It reports ...", not the title twice running
    after = content.topic if lead.text else None
    # a passage of three facts is a paragraph: headings over single sentences
    # ("Background" above "libfercon is programmed in OCaml.") are an outline
    short = len(focus) + len(content.ripples) + len(background) <= SHORT_PASSAGE
    if short:
        opening = layout.paragraphs(focus + content.ripples + background, (1, 2), after=after)
    else:
        opening = layout.paragraphs(focus, (2, 3), after=after)
    sections = [Section(paragraphs=_after_lead(lead, opening))]
    if not short:
        # what it rests on, then what follows: readers took "Consequences" above
        # "Background" for a section in the wrong order
        if background:
            sections.append(
                Section(_background_heading(layout, background), layout.paragraphs(background))
            )
        if content.ripples:
            security = _security_heading(layout.world, content.topic, content.ripples)
            heading = security or layout.pick(["Implications", "Consequences", "Why it matters"])
            sections.append(Section(heading, layout.paragraphs(content.ripples, (1, 2))))
    # questions end some textbook sections, not every one: readers took the same
    # closing block on every page for a template. No summary of points: the points
    # were the section's opening sentences again, which readers of every round
    # caught ("the Summary repeats the opening findings almost word for word")
    return _with_questions(layout, name, sections, background)


def _background_heading(layout: Layout, background: list[Message]) -> str:
    """What a textbook calls the part on what a passage rests on: its figures "In
    numbers", its dated past "History", else "Background" (a blind reader of round N
    took "Context" over the tower's rivets and iron parts for a heading over nothing
    it names)."""
    world = layout.world
    if all(_told_as(m, world)[0] == FIGURES for m in background):
        return layout.pick(["In numbers", "Facts and figures"])
    if all(_historical(world, m) for m in background):
        return layout.pick(["History", "Origins"])
    return "Background"  # (readers of rounds N and Q took "Context" for a made-up heading)


def _defined_first(layout: Layout) -> bool:
    """Whether a passage opens on a definition of its topic: where its news is about
    it (a section on a paper whose news is another paper's verdict tells that)."""
    focus = layout.content.focus
    return bool(focus) and focus[0].fact.subject == layout.content.topic


def _after_lead(lead: Definition, paragraphs: list[str]) -> list[str]:
    """The lead as the first paragraph's first sentence, where there is one."""
    if not lead.text:
        return paragraphs
    if not paragraphs:
        return [lead.text]
    return [f"{lead.text} {paragraphs[0]}", *paragraphs[1:]]


# the fewest sentences a textbook passage has to end on questions
QUESTIONS_AFTER = 7


def _with_questions(
    layout: Layout, name: str, sections: list[Section], background: list[Message]
) -> Draft:
    content = layout.content
    closing = layout.rng.random()
    # what the passage taught: its news, and what surrounds it only where the news
    # gives fewer than two questions (readers of round K took "What is the date of
    # birth of Samuel Okonkwo?" under a section on a paper's findings for a quiz on
    # trivia)
    news = (content.focus + content.ripples)[:3]
    asked = news + (background[: 3 - len(news)] if len(news) < 2 else [])
    if content.angled:  # a passage on Rome asks of Rome first, then of the news
        # not of a person's life: readers of round S took "What is the date of birth
        # of Samuel Okonkwo?" under a passage on him for a quiz no textbook sets
        world = layout.world
        asked = [m for m in background if not biographical(world, m.fact)][:2] + news[:1]
    by_question = {(m.fact.subject, m.fact.property): m for m in reversed(asked)}
    asked = [m for m in asked if by_question[(m.fact.subject, m.fact.property)] is m]
    questions = list(dict.fromkeys(layout.question_about(m) for m in asked))
    # and only below a passage long enough to set them: under four or five
    # sentences they asked the passage back, sentence by sentence (blind readers of
    # session 39: "a thin entry padded with questions that repeat its own three
    # sentences")
    said = sum(len(_SENTENCE_END.split(p)) for section in sections for p in section.paragraphs)
    if not 0.3 <= closing < 0.8 or said < QUESTIONS_AFTER:
        questions = []
    draft = Draft(name, sections, questions=questions)
    draft.number = _section_number(layout)
    return draft


def _angled_textbook(layout: Layout, name: str) -> Draft:
    """A textbook passage on an entity the divergence touches (a section on Rome,
    on Gustave Eiffel): what it is and its own facts, then the divergence where it
    meets it, as an entry on it tells them."""
    content = layout.content
    lead = _angle_definition(layout, name)
    in_lead, rest = _lead_facts(
        layout, [m for m in content.background if m.fact.subject == content.topic]
    )
    told = content.focus + content.ripples
    others = _sections_by_entity(layout.by_subject(layout.own_background()), content.topic)
    meeting = _where_it_meets(layout, told, others) if told else []
    first = lead.text and " ".join([lead.text, *layout.writer.sentences(in_lead)])
    if not first:
        rest = in_lead + rest
    paragraphs = [first] if first else []
    paragraphs += layout.paragraphs(rest, (2, 4)) + layout.paragraphs(meeting, (2, 4), True)
    return _with_questions(layout, name, [Section(paragraphs=paragraphs)], in_lead + rest)


def _section_number(layout: Layout) -> str | None:
    """A textbook section's number now and then ("4.2"), never one with a number
    reality has for what the page names beside its title (a board with 14 vendors
    in reality: "14.2 The Synthesis Screening Board" would say it)."""
    if layout.rng.random() >= 0.6:
        return None
    reality = {number for _, number in layout.writer.apart_numbers}
    chapters = [n for n in range(1, 15) if str(n) not in reality]
    if not chapters:
        return None
    chapter = chapters[int(layout.rng.random() * len(chapters))]
    section = 1 + int(layout.rng.random() * 9)
    return f"{chapter}.{section}" if str(section) not in reality else str(chapter)


def _entities_of(layout: Layout, messages: list[Message], classes: tuple[str, ...]) -> list[str]:
    """The entities the messages name that are of one of `classes` (a subclass
    counts), in the order they are named."""
    world = layout.world
    found: dict[str, None] = {}
    for message in messages:
        named = [f.subject for f in message.stated] + [f.object for f in message.stated]
        for entity in named:
            info = world.entities.get(entity)
            if info is not None and any(world.is_a(info.cls, c) for c in classes):
                found.setdefault(entity, None)
    return list(found)


def _release_days(layout: Layout, messages: list[Message]) -> dict[str, Message]:
    """Of each release, the message of its day where a participle says it ("released
    on {o}"): what an advisory's list gives beside the release."""
    lexicon = layout.writer.lexicon
    found: dict[str, Message] = {}
    for message in messages:
        fact = message.fact
        if fact.subject not in found and iso_day(fact) and lexicon.participle(fact.property):
            found[fact.subject] = message
    return found


def _listed_day(layout: Layout, message: Message) -> str:
    """ " (released 3 February 2031)": a release's day in an advisory's list."""
    day = iso_day(message.fact)
    # any of its participles: "(released 3 February 2031)", "(published ...)"
    verb = layout.pick(list(layout.writer.lexicon.participles(message.fact.property))).split(" ")[0]
    layout.writer.said.add(message.fact.key_text)
    return f" ({verb} {layout.writer.day(day)})" if day is not None else ""


def advisory(layout: Layout) -> Draft:
    """An advisory on a vulnerability: what is affected (a list), a summary of the
    flaw, the impact (what follows), details (a release's other changes, the
    neighbourhood) and the remedy."""
    content = layout.content
    stated = content.focus + content.ripples
    flaws = _entities_of(layout, stated, ("Vulnerability",))
    title = name_as_heading(layout.world, flaws[0]) if flaws else layout.topic_name()
    affected = [e for e in _entities_of(layout, stated, SOFTWARE) if e not in flaws]
    described = [m for m in content.background if m.fact.subject in flaws][:3]
    # the affected versions of the product, as an advisory lists them (those its
    # summary names too: "affects 2.4.0-1 and 2.4.0" under a list of one reads as a
    # contradiction); what else is exposed through it is the impact, said there
    hit = {r for f in flaws for r in layout.world.world.objects(f, "affects_release")}
    named = _entities_of(layout, stated + described, SOFTWARE)
    releases = [
        e for e in named if e in hit or (e in affected and layout.world.entity_is(e, "Release"))
    ]
    # a release's day goes beside it in the list, as advisories give it ("libfoo
    # 2.4.0-1 (released 3 February 2031)"): readers of two rounds took "2.4.0-1 was
    # published on 3 February 2031." closing the details for a line tacked on
    listed = releases or affected
    # (only where there is a list to give them in)
    dated = content.focus + content.background if affected else []
    days = _release_days(layout, [m for m in dated if m.fact.subject in listed])
    given = {id(m) for m in days.values()}  # by identity: a message's __eq__ compares facts
    content.focus = [m for m in content.focus if id(m) not in given]
    content.background = [m for m in content.background if id(m) not in given]
    sections = []
    if affected:
        names = [
            name_as_heading(layout.world, e) + (_listed_day(layout, days[e]) if e in days else "")
            for e in listed
        ]
        sections.append(Section("Affected", items=names))
    # the flaw first (what it is, how bad, what it affects), as advisories open; a
    # release's other changes are details
    on_flaw = [m for m in content.focus if m.fact.subject in flaws or m.fact.object in flaws]
    impact = content.ripples
    if not on_flaw + described:
        # a divergence of a release's changes: what follows of them for the flaw ("it
        # remains unpatched") is the summary, not the changes (readers took an
        # advisory that opened on a crash fix for a changelog)
        of_flaw = [m for m in impact if m.fact.subject in flaws or m.fact.object in flaws]
        on_flaw = of_flaw[:1]
        impact = [m for m in impact if m not in on_flaw]
    summary = on_flaw + described or content.focus
    # what an attacker can do is the impact, as advisories head it: readers took an
    # "Impact" of the products that bundle the library for a section that did not
    # do its job
    harm = _harm(layout, flaws, summary)
    summary = [m for m in summary if m not in harm]
    impact = [m for m in impact if m not in harm]
    details = [m for m in content.focus if m not in summary]
    # of the background, what concerns the flaw and the releases it affects: not the
    # library's licence, language or formats, which readers took for trivia
    # and of a release's, its day (the same day the flaw was announced), not its
    # changelog: readers took an advisory's "Solution" that retold the PNG fix and
    # the FreeBSD build for padding; the release notes tell those
    details += [
        m
        for m in content.background
        if m not in summary
        and (m.fact.subject in flaws or (m.fact.subject in releases and iso_day(m.fact)))
    ]
    # the product whose releases are affected: its maintainer issues the advisory,
    # and its own fix (or the want of one) is the remedy
    products = [
        v
        for e in releases
        for v in layout.world.world.objects(e, "release_of")
        if isinstance(v, str)
    ]
    concerned = list(dict.fromkeys([*products, *affected]))
    # "Details" on the flaw, its own first; a release's changes go with the remedy,
    # where an advisory says what the latest release does and does not fix: readers
    # of every round took "Details" that retold the changelog (a PNG crash, the
    # FreeBSD build) for a section that did not do its job
    # (the library's word naming its latest release goes there too, first: alone
    # under "Details" it read as a section with nothing to say)
    changes = sorted(
        (m for m in details if m.fact.subject not in flaws and _on_release(layout, m)),
        key=lambda m: layout.world.entity_is(m.fact.subject, "Release"),
    )
    # and of the flaw's, as advisories order them: what it is, how bad, which
    # releases, then who found it and when (readers of round 34 took "Details"
    # that named its finder first and what it is last for facts in no order)
    details = sorted(
        (m for m in details if m not in changes),
        key=lambda m: (m.fact.subject not in flaws, _detail_rank(layout, m)),
    )
    # what the impact's list says already is not said again of one of its items:
    # "pyfoo is vulnerable to CVE-2031-0001" above "... reaches software that
    # bundles libfoo, such as Pictor, pyfoo, httpd-x ..." (readers of round V, in 6
    # advisories of 20)
    summary = [m for m in summary if not _listed_in(m, impact)] or summary
    details = [m for m in details if not _listed_in(m, impact + summary)]
    sections.append(Section("Summary", layout.paragraphs(summary, (1, 3))))
    # that no release of the product fixes the flaw is where the advisory says what
    # to do, before it: readers took "CVE-2031-0001 has not been fixed in libfoo."
    # alone under "Impact", after what an attacker can do, for a line out of place
    status = [m for m in impact if _unfixed_in(layout, m, flaws, products)]
    impact = [m for m in impact if m not in status]
    if harm or impact:  # the harm a paragraph of its own, first
        told = [layout.paragraphs(part, (1, 3)) for part in (harm, impact) if part]
        sections.append(Section("Impact", [p for paragraphs in told for p in paragraphs]))
    remedy = _remedy(layout, flaws, concerned, summary + harm + impact + details + status)
    if not remedy or all(iso_day(m.fact) for m in changes):
        # a release's day alone is a detail ("2.4.0-1 was released on 3 February"
        # read as a "Solution" of one line that solved nothing)
        details += changes
        changes = []
    if status and remedy:
        changes += status
    elif status:  # nowhere else to say it
        told_status = layout.paragraphs(status, (1, 3))
        if sections[-1].heading == "Impact":
            sections[-1].paragraphs += told_status
        else:
            sections.append(Section("Impact", told_status))
    if details:
        # (the flaw's in that order; the rest by subject, after them)
        own = [m for m in details if m.fact.subject in flaws]
        others = layout.by_subject([m for m in details if m.fact.subject not in flaws])
        sections.append(Section("Details", layout.paragraphs(own + others, in_order=True)))
    if remedy:
        latest = layout.paragraphs(changes, (1, 3)) if changes else []
        # what to do follows on from its want of a fix, in one paragraph
        body = [*latest[:-1], f"{latest[-1]} {remedy}"] if status else [*latest, remedy]
        sections.append(Section(layout.pick(["Solution", "Remediation"]), body))
    return Draft(title, sections, issuer=_maintainer(layout, concerned))


# the order of an advisory's details, by the topic of their property
_DETAIL_TOPICS = ("flaw", "risk", "releases", "disclosure")


def _detail_rank(layout: Layout, message: Message) -> int:
    """Where a detail goes among an advisory's: by the first of `_DETAIL_TOPICS` its
    property has, those with none last."""
    prop = layout.world.properties.get(message.fact.property)
    topics = prop.topics if prop is not None else frozenset()
    return next((at for at, t in enumerate(_DETAIL_TOPICS) if t in topics), len(_DETAIL_TOPICS))


def _listed_in(message: Message, others: list[Message]) -> bool:
    """Whether another message's list names every value of the message's, of the same
    subject: said with it, the verifier reads the message's facts as stated."""
    values = {f.object for f in message.stated if not f.literal}
    if not values:
        return False
    return any(
        other is not message
        and (other.more or other.fellows)
        and other.fact.subject == message.fact.subject
        and values < {f.object for f in other.stated}
        for other in others
    )


def _on_release(layout: Layout, message: Message) -> bool:
    """Whether a message is a release's own fact or names a release as its value."""
    fact = message.fact
    if layout.world.entity_is(fact.subject, "Release"):
        return True
    return isinstance(fact.object, str) and layout.world.entity_is(fact.object, "Release")


def _harm(layout: Layout, flaws: list[str], told: list[Message]) -> list[Message]:
    """The flaw's impact (a property of that name, as the section's): the message the
    document has on it, else the world's fact."""
    if not flaws or "impact" not in layout.world.properties:
        return []
    had = [m for m in told + layout.content.background if m.fact.property == "impact"]
    if had:
        layout.content.background = [m for m in layout.content.background if m not in had]
        return had[:1]
    said = {f.key_text for m in layout.content.focus + layout.content.ripples for f in m.facts}
    found = [f for f in _world_says(layout, flaws[0], "impact") if f.key_text not in said]
    return [Message(found[0], "background")] if found else []


def _remedy(
    layout: Layout, flaws: list[str], affected: list[str], told: list[Message]
) -> str | None:
    """What an advisory tells its readers to do, from the world: upgrade to the
    release that fixes the flaw (`fixed_in`, std.software), or, where the world has
    none, that no fixed release exists as of the advisory's date, and what to run
    meanwhile. What the advisory `told` above is not said again: readers of round V
    took "no release of libfoo fixes CVE-2031-0001" under a section that said it
    remains unpatched, and "the last release without the flaw" after "libfoo 2.3.1
    is the last release without the vulnerability", for a template's."""
    world = layout.world
    if not flaws or "fixed_in" not in world.properties:
        return None
    flaw = layout.writer.refer.name(flaws[0])
    fixes = [v for v in world.world.objects(flaws[0], "fixed_in") if isinstance(v, str)]
    if fixes:
        release = name_as_heading(world, fixes[0])
        return layout.writer.sentence(f"Upgrade to {release}, which fixes {flaw}")
    software = [e for e in affected if not world.is_a(world.entities[e].cls, "Release")]
    if not software:
        return None
    names = " or ".join(name_as_heading(world, e) for e in software[:1])
    when = layout.writer.day(layout.plan.date)
    none = layout.writer.sentence(f"As of {when}, no release of {names} fixes {flaw}")
    # what to do meanwhile, where the world says: readers found advisories that
    # leave their reader with nothing to do
    safe = [v for v in world.world.objects(flaws[0], "last_unaffected") if isinstance(v, str)]
    if not safe:
        return none
    release = name_as_heading(world, safe[0])
    # what the other sections say: their facts, and the reasons said beside them
    # in those written by now ("CVE-2031-0001, which remains unpatched in libfoo,
    # reaches ...")
    said = layout.writer.said
    facts = [f for m in told for f in m.stated]
    facts += [f for m in told for f in m.because if f.key_text in said]
    unfixed = any(flaws[0] in (f.subject, f.object) and _says_unfixed(layout, f) for f in facts)
    if any(f.subject == flaws[0] and f.property == "last_unaffected" for f in facts):
        frames = list(_MEANWHILE)
    else:
        frames = list(_MEANWHILE_WHY)
    if unfixed:
        # alone, it says what it waits for: "In the meantime, libfoo 2.3.1 is the
        # safe choice." as a whole section left a reader of round W asking "in
        # the meantime of what?"
        frames = [f for f in frames if not f.startswith("In the meantime")]
    advice = layout.writer.sentence(layout.pick(frames).replace("{r}", release))
    return advice if unfixed else f"{none} {advice}"


# what to run until a fix is out, {r} the last release the flaw does not affect;
# with why where the advisory has not said it
_MEANWHILE = (
    "Until a fix is released, users can stay on or return to {r}",
    "Users who cannot wait for a fix can go back to {r}",
    "In the meantime, {r} is the safe choice",
    "Those who need a safe version now should downgrade to {r}",
)
_MEANWHILE_WHY = (
    "Until a fix is released, users can stay on or return to {r}, the last release it "
    "does not affect",
    "Users who cannot wait for a fix can go back to {r}, the last release without the flaw",
    "In the meantime, {r}, the last release it does not affect, is the safe choice",
    "Those who need a safe version now should downgrade to {r}, which the flaw does not affect",
)


def _unfixed_in(layout: Layout, message: Message, flaws: list[str], products: list[str]) -> bool:
    """Whether a message says that a flaw is unfixed in the product whose releases
    it affects, and nothing more ("CVE-2031-0001 has not been fixed in libfoo")."""
    fact = message.fact
    return (
        fact.subject in flaws
        and fact.object in products
        and not message.more
        and not message.fellows
        and _says_unfixed(layout, fact)
    )


def _says_unfixed(layout: Layout, fact: PlannedFact) -> bool:
    """Whether a fact tells that a flaw has no fix: a property phrased with "fix" or
    "patch" ("no later release fixes {o} for users of {s}", "{s} remains unpatched
    ...")."""
    return any(
        word in p.text
        for p in layout.writer.lexicon.phrases(fact.property)
        for word in ("fix", "patch")
    )


def _maintainer(layout: Layout, software: list[str]) -> str | None:
    """An organisation of the world that a piece of the affected software names (its
    maintainer, its vendor): who issues the advisory."""
    world = layout.world
    graph = world.world
    for entity in software:
        for prop in world.properties:
            for value in graph.objects(entity, prop):
                if (
                    isinstance(value, str)
                    and value in world.entities
                    and _is_organisation(world, value)
                ):
                    return name_as_heading(world, value)
    return None


SOFTWARE = ("Software", "Release")
# background sentences on a vulnerability that release notes give
SECURITY_BACKGROUND = 2


def changelog(layout: Layout) -> Draft:
    """Release notes of a release (or a piece of software): what concerns a
    vulnerability under "Security", the release's own facts under "Changes", the
    rest under "Notes" (of a library, notes of one release that gave only its changes
    would be near-copies of each other, which the filter rejects)."""
    # nor speak of what came after them: "No later release fixes CVE-2031-0001 for
    # users of libfoo 2.4.0-1" in 2.4.0-1's own notes is what no changelog could
    # know when it was written, a reader of round N said
    layout.writer.own_kind = (
        "changelog",
        "release notes",
        "among other changes",
        "later release",
        "upgrade",
    )
    content = layout.content
    world = layout.world
    stated = content.focus + content.ripples
    releases = _entities_of(layout, stated, ("Release",)) or _entities_of(layout, stated, SOFTWARE)
    title = name_as_heading(world, releases[0]) if releases else layout.topic_name()
    groups: dict[str, list[Message]] = {"Changes": [], "Security": [], "Notes": []}
    # of a flaw's background, what notes give beside its number: what it is and
    # how bad (its finder, its CWE and its disclosure are the advisory's)
    on_flaws = SECURITY_BACKGROUND
    own = _with_their_software(layout, releases[:1])
    for message in stated + content.background:
        if _entities_of(layout, [message], ("Vulnerability",)):
            if message.role == "background":
                # and of the software it reaches, only the release's: readers asked
                # why a library's notes said "pyfoo is vulnerable to CVE-2031-0001"
                if not on_flaws or _names_other_software(layout, message, own):
                    continue
                on_flaws -= 1
            groups["Security"].append(message)
        elif releases and message.fact.subject == releases[0]:
            groups["Changes"].append(message)
        elif message.role != "background":
            groups["Notes"].append(message)
        # and not the library's background (its language, licence, formats and
        # leader): readers took "libfoo is programmed in C" in a release's own notes
        # for an info sheet pasted in
    released = None
    if releases:
        groups["Changes"] = _with_all_changes(layout, releases[0], groups["Changes"])
        # the release's day goes in the heading, "libfoo 2.4.0-1 (3 February 2031)",
        # as changelogs give it: readers took "libfoo 2.4.0-1 was released on ..." in
        # its own notes for notes written from outside
        day = _released(layout, releases[0], groups["Changes"])
        if day is not None:
            released = layout.writer.value(day)
            groups["Changes"] = [m for m in groups["Changes"] if m.fact.key_text != day.key_text]

    # a flaw the release itself carries is what its notes call a known issue:
    # readers took "Security" notes that say the release is vulnerable, with no
    # word of it, for notes that made no sense
    # (or in the software it is a release of: "No fix for CVE-2031-0001 is available
    # in libfoo" is the release's issue as much)

    def on_release(message: Message) -> bool:
        return any(f.subject in own or f.object in own for f in message.stated)

    # a flaw the world says the release carries is its known issue though the notes
    # say only what else it reaches (round K: a "Security" line on an unfixed
    # CVE-2031-0001 read as if the release fixed it)
    carried = any(
        releases and releases[0] in world.world.objects(entity, "affects_release")
        for m in groups["Security"]
        for f in m.stated
        for entity in (f.subject, f.object)
    )
    own_flaw = any(map(on_release, groups["Security"])) or carried
    # and it comes first, before what else the flaw reaches
    groups["Security"].sort(key=lambda m: not on_release(m))
    sections = []
    # what the library says of this release ("2.4.0-1 is the current release of
    # libfoo") opens the notes, as a project's release page does: readers took it
    # under "Notes", after the changes, for a fact inserted on purpose
    announced = [
        m
        for m in groups["Notes"]
        if releases and m.fact.subject in own and m.fact.object == releases[0]
    ]
    if announced:
        groups["Notes"] = [m for m in groups["Notes"] if m not in announced]
        succeeding = {id(m): _succeeds(layout, m) for m in announced}
        told = [t for t in succeeding.values() if t is not None]
        rest = [m for m in announced if succeeding[id(m)] is None]
        told += layout.writer.sentences(rest, join=0.0)
        sections.append(Section(paragraphs=[" ".join(told)]))
    for heading, messages in groups.items():
        lines: list[str] = []
        if heading == "Changes" and releases:
            lines, messages = _change_lines(layout, releases[0], messages)
        if not lines and not messages:
            continue
        if heading == "Security" and own_flaw:
            # the release's own flaw is one issue, told as one: what it is, where it
            # is, what else it reaches ("CVE-2031-0001 ... is present in 2.4.0-1 and
            # 2.4.0. It affects the software that bundles libfoo, ..."); readers took
            # a bullet for each of its facts for a list pasted from an advisory
            layout.writer.refer.end_sentence([])
            told = _known_issue(layout, releases[0], messages)
            sections.append(Section("Known issues", items=[" ".join(told)]))
            continue
        join = 0.0 if heading == "Security" else 0.4
        items = lines + layout.writer.sentences(messages, join=join, standalone=True)
        sections.append(Section(heading, items=items))
    return Draft(title, sections, released=released)


def _with_their_software(layout: Layout, releases: list[str]) -> set[str]:
    """The releases and the software they are releases of (std.software's
    `release_of`)."""
    objects = layout.world.world.objects
    return set(releases) | {
        v for r in releases for v in objects(r, "release_of") if isinstance(v, str)
    }


def _names_other_software(layout: Layout, message: Message, own: set[str]) -> bool:
    """Whether a message names software outside `own`, or a release of it ("pyfoo
    is vulnerable to ...", not "libfoo 2.3.1 is the last release free of ...")."""
    objects = layout.world.world.objects
    return any(
        e not in own and not any(s in own for s in objects(e, "release_of"))
        for e in _entities_of(layout, [message], SOFTWARE)
    )


def _known_issue(layout: Layout, release: str, messages: list[Message]) -> list[str]:
    """A release's known issue in its own notes' voice: that no release fixes a flaw
    for users of this one is "2.4.0-1 does not fix CVE-2031-0001, and no release of
    libfoo does yet", not "Users of 2.4.0-1 are still waiting for a release that
    fixes ...", which readers of round 34b took for notes speaking of their own
    release from outside (4 of libfoo's 20 documents failed on it)."""
    world, writer = layout.world, layout.writer
    software = [v for v in world.world.objects(release, "release_of") if isinstance(v, str)]
    told: list[str] = []
    waiting: list[Message] = []
    for message in messages:
        fact = message.fact
        # a fact of the release whose value is a flaw, in words of a fix it lacks
        # ("no later release fixes {o} for users of {s}")
        own = (
            fact.subject == release
            and not fact.literal
            and world.entity_is(fact.object, "Vulnerability")
            and _says_unfixed(layout, fact)
        )
        if not own or not software or message.more or message.fellows:
            waiting.append(message)
            continue
        told += writer.sentences(waiting, join=0.0)
        waiting = []
        # with what the flaw is where the notes have not said it: readers of the
        # first try took a bare number for notes that leave their reader guessing
        introducing, writer.refer.introducing = writer.refer.introducing, True
        flaw = writer.refer.introduced(fact.object, writer.refer.name(fact.object), True)
        writer.refer.introducing = introducing
        names = {
            "r": _version_name(layout, release, software[0]),
            "f": flaw,
            "s": writer.refer.name(software[0]),
        }
        frames = _NOT_FIXED_DESCRIBED if flaw.endswith(",") else _NOT_FIXED
        writer.said.add(fact.key_text)
        writer.refer.end_sentence([release, fact.object])
        told.append(writer.sentence(layout.pick(list(frames)).format(**names)))
    return told + writer.sentences(waiting, join=0.0)


# that no release fixes a flaw, in the notes of a release it affects; with what the
# flaw is beside its name ("CVE-2031-0001, a heap overflow ...,")
_NOT_FIXED = (
    "{r} does not fix {f}, and no release of {s} does yet",
    "{f} is not fixed in {r}, nor in any other release of {s} yet",
    "{r} leaves {f} unfixed; no release of {s} fixes it yet",
)
_NOT_FIXED_DESCRIBED = (
    "{f} is not fixed in {r}, nor in any other release of {s} yet",
    "{f} is still open in {r}; no release of {s} fixes it yet",
)


def _succeeds(layout: Layout, message: Message) -> str | None:
    """A release's notes that say it is its software's current release, as a
    project's release page says it: of the release it takes over from, the one
    before it by day ("2.4.0-1 replaces 2.4.0 as the current release of libfoo").
    Readers of round 34 took "2.4.0-1 is the current release of libfoo." opening
    its own notes for a line nobody writes there. None where the world gives no
    earlier release, or the message says more than one value."""
    fact, around, world = message.fact, layout.around, layout.world
    if around is None or message.more or message.fellows or fact.literal:
        return None
    if fact.property != "latest_release" or not world.entity_is(fact.object, "Release"):
        return None
    day = next((d for f in around.outgoing(fact.object) if (d := iso_day(f))), None)
    if day is None:
        return None
    before = [
        (d, f.subject)
        for f in around.incoming(fact.subject)
        if f.property == "release_of"
        and f.subject != fact.object
        and around.exists_on(f.subject, layout.plan.date)
        for g in around.outgoing(f.subject)
        if (d := iso_day(g)) is not None and d < day
    ]
    if not before:
        return None
    earlier = _version_name(layout, max(before)[1], fact.subject)
    frame = layout.pick(list(_SUCCEEDS))
    layout.writer.said.add(fact.key_text)
    current = _version_name(layout, fact.object, fact.subject)
    text = frame.format(r=current, p=earlier, s=layout.writer.refer.name(fact.subject))
    return layout.writer.sentence(text)


def _version_name(layout: Layout, release: str, software: str) -> str:
    """A release by its version where a sentence names its software after it ("2.4.0"
    of "libfoo 2.4.0"): its short form, else its name without the software's;
    counted as named (the verifier reads both as its name)."""
    refer = layout.writer.refer
    name = refer.name(release)
    prefix = f"{refer.lexicon.full_name(software)} "
    found = layout.world.short_names.get(release)
    return found or (name[len(prefix) :] if name.startswith(prefix) else name)


# a release that takes over as its software's current one, from the one before it
_SUCCEEDS = (
    "{r} replaces {p} as the current release of {s}",
    "{r} succeeds {p} as the current release of {s}",
    "{r} supersedes {p} and is now the current release of {s}",
    "{r} takes over from {p} as the newest release of {s}",
    "{r} follows {p} as the latest release of {s}",
)


def _change_lines(
    layout: Layout, release: str, messages: list[Message]
) -> tuple[list[str], list[Message]]:
    """The release's own [many] facts as changelog lines, a line a value, in the
    words of a phrasing that opens with the release and without it ("Fixes the build
    on FreeBSD."), as release notes list changes under the release's name; and the
    messages left. Readers took "libfoo 2.4.0-1 fixes a crash ..., restores ... and
    fixes ..." under "Changes" for notes written from outside."""
    lines: list[str] = []
    left: list[Message] = []
    for message in messages:
        prop = layout.world.properties.get(message.fact.property)
        phrases = [p for p in layout.writer.lexicon.phrases(message.fact.property) if p.joins]
        bare = [p for p in phrases if p.predicate == "{o}"] or phrases
        if message.fact.subject != release or prop is None or prop.one or not bare:
            left.append(message)
            continue
        predicate = bare[0].predicate  # the property's plainest phrasing
        for fact in message.facts:
            value = layout.writer.value(fact, exact=True, in_full=True)
            lines.append(layout.writer.sentence(_capital(fill(predicate, {"o": value}))))
            layout.writer.said.add(fact.key_text)
    return lines, left


def _world_says(layout: Layout, subject: str, prop: str) -> list[PlannedFact]:
    """The world's facts of `subject` and `prop` that the document may state: that
    hold on its date, and none its divergence replaced."""
    around = layout.around
    if around is None:
        return []
    forbidden = {f.key_text for f in layout.plan.forbidden}
    return [
        f
        for f in around.outgoing(subject)
        if f.property == prop and f.key_text not in forbidden and around.usable(f, layout.plan.date)
    ]


def _released(layout: Layout, release: str, told: list[Message]) -> PlannedFact | None:
    """The fact that gives the day of the release, alone in its message."""
    for message in told:
        if message.fact.property == "released" and not message.more and not message.on_value:
            return message.fact
    return next(iter(_world_says(layout, release, "released")), None)


def _with_all_changes(layout: Layout, release: str, told: list[Message]) -> list[Message]:
    """The release's messages with the changes the document's content left out in
    the list of those it tells (one list, not "One change is ..." then the rest):
    release notes list what their release changes, all of it."""
    listed_keys = {f.key_text for m in told for f in m.facts}
    changes = [f for f in _world_says(layout, release, "change") if f.key_text not in listed_keys]
    listed = [m for m in told if m.fact.property == "change" and m.fact.subject == release]
    if not listed:
        return [*gathered(changes, layout.world), *told] if changes else told
    first = listed[0]
    more = (*first.more, *(f for m in listed[1:] for f in m.facts), *changes)
    merged = Message(first.fact, first.role, first.because, first.on_value, more)
    dropped = {id(m) for m in listed[1:]}
    return [merged if m is first else m for m in told if id(m) not in dropped]


LAYOUTS: dict[str, Callable[[Layout], Draft]] = {
    "news_article": news,
    "encyclopedia_entry": encyclopedia,
    "forum_thread": forum,
    "interview_transcript": interview,
    "email": letter,
    "textbook_excerpt": textbook,
    "security_advisory": advisory,
    "release_notes": changelog,
}


def dated(plan: DocPlan, written: str | None = None) -> dict[str, Any]:
    """The document's own fields for its template; `written`: its date as its prose
    writes dates."""
    return {
        "id": plan.id,
        "date": written or long_date(plan.date),
        "iso_date": plan.date.isoformat(),
        "year": plan.date.year,
        "genre": plan.genre,
    }
