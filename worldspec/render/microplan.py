"""Microplanning: from messages to sentences. Which words refer to each entity (a
full name first, then a short form, the noun, or a pronoun where nothing else could
be meant), which phrasing states each fact, and which facts about one subject share
a sentence ("The Eiffel Tower, which stands in Rome, opened on 31 March 1889.").

A fact the verifier must find (a focus fact or a ripple) always names its subject
and its value in one sentence; background facts may refer by pronoun or noun.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from worldspec.model.phrasing import (
    VERB_AUXILIARIES,
    an_event_and_its_day,
    auxiliary_once,
    phrasings,
    questions,
    shared_verb,
)
from worldspec.model.reference import CHAIN, class_words, name_with_article, noun_of, pronoun_of
from worldspec.model.telling import Telling, is_tail, pieces
from worldspec.model.values import Fact, Lit
from worldspec.model.world import World
from worldspec.plan import PlannedFact, verbs
from worldspec.plan.words import (
    MONTHS,
    NATIONALITY,
    adjective_of,
    date_forms,
    fill,
    is_yes_no,
    long_date,
    rounded_count,
    rounded_measure,
    says_nothing,
    spelled_count,
    told_by_rule,
    us_date,
    value_text,
    yes_no_clause,
)
from worldspec.plan.words import sentence as plain_sentence
from worldspec.render import discourse, indirect, timeline
from worldspec.render.content import Content, Message, Neighbourhood
from worldspec.render.realise import (
    agreeing_aliases,
    and_list,
    number_words,
    plural_of,
    realise,
)
from worldspec.render.themes import (
    has_kin,
    is_number,
    of_one_kind,
    related_facts,
    same_topic,
)

# how likely "the tower" is for an entity the last reference called so, and for the
# document's topic
NOUN_AGAIN = 0.3
TOPIC_NOUN_AGAIN = 0.65
# how long after a figure changed a document says what it was before ("down from 14")
MOVED_WITHIN_DAYS = 730
# the share of changes a post, a letter, a talk or a report dates by their month
MONTH_ONLY = 0.4
# "the methodology of ", "the monitoring of ": what a name has, opening a sentence
_OF_A_NAME = re.compile(r"^[Tt]he [a-z]+(?: [a-z]+)? of ")
# the words a sentence has, past which its contrast ("but CVE-2031-0001 ...") is a
# sentence of its own
LONG_BEFORE_BUT = 18
# how often a post or a guest says a measure with a fraction rounded
SPOKEN_ROUNDED = 0.7

_CLEAN = re.compile(r"[\w{][^.?!;:]*[\w}]")
_VALUE_APART = re.compile(r"(?<!\w)\{o\}(?!\w)")
# the subject a word of its own, which the verifier reads as its name ("{s}{o}" glues
# it to the value: "the Eiffel TowerRome" names nothing)
_SUBJECT_APART = re.compile(r"(?<![^\s(\"])\{s\}(?=[\s,;:)]|'s\b|$)")
# nouns too general to refer by: "the person" reads as if the writer forgot the name
# the words that mark a conclusion whose reasons the document has already given
GENERIC_NOUNS = {"person", "thing", "entity", "organization", "organisation", "place", "one"}
# the property whose date ends a life: what is said of the dead after it is in the past
DEATH = "died"
# and the one whose date begins it (std.people's)
BIRTH = "born"
# how often a later mention by name takes the entity's short form ("Renner")
SHORT_FORM = 0.7
PERSONAL = {"he": ("he", "him", "his"), "she": ("she", "her", "her"), "it": ("it", "it", "its")}


# a sentence's way in before its subject, which a headline drops: "Among other
# changes, ", "According to its changelog, ", "As of June 2027, ", "All told, "
OPENER = re.compile(r"^(Among other changes|All told|As of [^,]+|According to [^,]+), ")
# what a release leaves open, said after its news (SentencePlanner._contrasted)
_LEFT_OPEN = (
    "but it leaves {f} open",
    "but it does not fix {f}",
    "but it still carries {f}",
)


def pronoun_for(world: World, entity: str) -> str:
    """The pronoun prose may use: the entity's own, except that a person without one
    gets "they" (which this generator never uses, as its verbs agree with one), not
    the "it" of things."""
    pronoun = pronoun_of(world, entity)
    found = world.entities.get(entity)
    person = found is not None and found.pronoun is None and world.is_a(found.cls, "Person")
    return "they" if pronoun == "it" and person else pronoun


@dataclass(frozen=True, slots=True)
class Phrase:
    """A `says` phrasing, and what shape it has, worked out once (documents ask it of
    every phrasing they consider): whether it is one clause with the subject first
    ("{s} stands in {o}"), which can be joined to another about the same subject."""

    text: str
    # one clause of words, with no sentence punctuation inside: it can share a sentence
    clean: bool = field(init=False)
    subject_first: bool = field(init=False)
    predicate: str = field(init=False)
    # one clause with the subject first and nowhere else: it can be a relative clause,
    # or share its subject with another
    joins: bool = field(init=False)
    # the value ends the clause, once: a relative clause on it can follow
    ends_with_value: bool = field(init=False)
    # the value a word of its own ("in {o}", not "{o}-based"): the verifier finds it
    # beside "it" or inside a longer sentence, not as part of a word
    value_apart: bool = field(init=False)
    subject_apart: bool = field(init=False)

    def __post_init__(self) -> None:
        text = self.text
        clean = _CLEAN.fullmatch(text) is not None
        first = text.startswith("{s} ") and text.count("{s}") == 1
        predicate = text[4:] if first else text
        set_ = object.__setattr__
        set_(self, "clean", clean)
        set_(self, "subject_first", first)
        set_(self, "predicate", predicate)
        set_(self, "joins", clean and first and "{s}" not in predicate)
        set_(self, "ends_with_value", text.rstrip(" .").endswith("{o}") and text.count("{o}") == 1)
        set_(self, "value_apart", _VALUE_APART.search(text) is not None)
        set_(self, "subject_apart", _SUBJECT_APART.search(text) is not None)


# the years from which a document counts how long ago in fives ("more than 125
# years ago", "almost 130 years ago")
ROUNDED_FROM = 20
# the share of documents whose verdict (a yes/no focus fact) is given on the word of
# a source they have for it: readers of every round named "Linear probing does not
# work as claimed." on no one's word, in 3 probe documents of 10 at 0.7
ATTRIBUTED = 0.95
# the share of background days that open, by their year, the next sentence on what
# holds of their subject now ("Founded in 2011, the firm employs 240 people")
FRONTED_YEAR = 0.5
# the share of background facts phrased as a participle that open the next sentence
# about their subject ("Designed by Gustave Eiffel, the tower rises 330 metres")
FRONTED = 0.35
# the share of sentences on "the <part> of {s}" after one about it that open "Its
# <part>" instead
POSSESSED = 0.7
# the share of two background facts that could share a verb which do
BACKGROUND_VERB_PAIRS = 0.4
# how often a sentence related to the one before says so: a connective before every
# one reads as a school essay's
CONNECTED = 0.6
_PARALLEL = (discourse.Relation.CONTRAST, discourse.Relation.COMPARISON)
# the share of background days said by their year ("was founded in 2011"): a writer
# gives the day of what is news, the year of what is history
BACKGROUND_YEAR = 0.4
# the share of facts about what a sentence names last hung on it as a relative clause
# ("... the plans for the Eiffel Tower, which stands in Rome")
HUNG_ON_SUBJECT = 0.6
# the share of a yes/no or an event said with its clause-valued fellow after a colon
# ("... on 1 March 2024: orders ship within 48 hours")
ELABORATED = 0.7
# the share of lists of findings told in two sentences ("It shows that A. It also
# finds that B."), not one ("It shows that A and that B")
FINDINGS_APART = 0.5
# the most sentences running that open with "it": readers took "It is ... It has ...
# It was ..." for a fact table read aloud
PRONOUN_RUN = 2
# the share of a background event's sentences that say its day first, where they may
DAY_FIRST = 0.3
# an answer's "no" and when it turned so: "It stopped when it changed its order
# policy on 1 March 2024." (in 150 of 3,000 peptide documents in one wording, which
# blind readers of session 40 named)
STOPPED_THEN = (
    "{p} stopped when {p} {rest}",
    "{p} has not done so since {p} {rest}",
)
# a consequence on a source's word: "If the paper is right, Meridian Systems ..." (in
# 499 of probe's 2,000 documents in that one wording, which blind readers of every
# round named)
CONDITIONS = ("if {s} is right, ", "if {s} holds up, ", "if {s} is correct, ")
# the word of each that the sentence it opens must not say again
_CONDITION_WORD = dict(zip(CONDITIONS, ("right", "hold", "correct"), strict=True))
# the share of two events in one sentence whose second is said as how long after the
# first ("and opened two years later, on 31 March 1889")
EVENTS_RELATED = 0.6


# how long after or before the event the sentence before told ("two years later",
# "the next day"), and a phrasing that ends with its day
_RELATIVE_LINK = re.compile(
    r", (?:the same day|the next day|the day before|\w+ \w+ (?:later|earlier))"
)
_DAY_AT_END = re.compile(r" (on|in) \{o\}\.?$")
# a phrasing that says where a person works
_AFFILIATION = re.compile(r"\{s\} (?:works (?:for|at)|is employed by|is on the staff of) \{o\}")


def _linked(text: str, phrase: Phrase, link: str) -> str:
    """The sentence with what relates it to an event told before: after it ("...
    on 9 March 2024, a week after Acme Peptides changed its order policy"), but how
    long after the one just told before its day, as a writer puts it: "It opened
    two years later, on 31 March 1889", not "It opened on 31 March 1889, two years
    later" (readers of round S: "date arithmetic spelled out", "tacked on")."""
    ending = _DAY_AT_END.search(phrase.text) if _RELATIVE_LINK.fullmatch(link) else None
    if ending is None:
        return text + link
    # in the last predicate, where its day is: not "was begun two years later, on 28
    # January 1887 and opened in 1889" (a day said by its year takes "in")
    last = text.rfind(" and ")
    at = max(text.rfind(f" {ending.group(1)} "), text.rfind(" in "))
    if at < 0 or at < last:
        return text + link
    return f"{text[:at]} {link[2:]},{text[at:]}"


# a phrasing's subject followed by a space or the end: a name an appositive may follow
_APPOSABLE = re.compile(r"\{s\}(?= |$)")


def _opening_variable(parts: list[tuple[str, str | None]]) -> str | None:
    """The variable a rule phrasing opens with, if any ("{c} is among ...")."""
    return parts[0][1] if parts and not parts[0][0] else None


# the share of ripples with a tail folded onto their premise's sentence, and the
# longest sentence that takes one
FOLDED = 1.0
FOLD_WORDS = 14

# the share of nationalities said by their adjective ("She is British.")
SAID_BY_ADJECTIVE = 0.6

# a phrasing that refers to the sentence before it ("that leaves ...", "EPFL, which
# buys from Acme Peptides, is no exception", "... as well": an exception to what?)
_ANAPHORIC = re.compile(
    r"(?:that|this|these|those|the same|so)\b|.*\bno exception\b|.*\b(?:as well|either|too)\.?$",
    re.IGNORECASE,
)


# what a sentence tried may change of the naming, taken before it (Referrer.trial)
_Trial = tuple[dict[str, int], set[str], dict[str, str], int, dict[str, bool]]


class Referrer:
    """The referring expressions of one document, in the order it is written."""

    def __init__(self, lexicon: Lexicon, rng: random.Random) -> None:
        self.lexicon = lexicon
        self.world = lexicon.world
        self.draw = rng.random
        self.mentioned: dict[str, int] = {}
        self.by_noun: dict[str, bool] = {}  # whether the last mention was "the <noun>"
        self.recent: list[str] = []  # the entities the last sentence named
        # those the sentence being made, and the last one, call by name: "it" may
        # follow a sentence that names its entity so (the verifier reads it so too)
        self.by_name: set[str] = set()
        self.last_by_name: set[str] = set()
        # the entity a run of sentences is about: one named it, each since opened
        # with "it" or "the firm" (`opened`); the verifier reads CHAIN of them so
        self.opened: str | None = None
        # the entity the last sentence opened with, its subject: the one a reader
        # takes "it" for, whatever else that sentence named ("Acme Peptides no longer
        # screens the orders of EPFL. It ...")
        self.led_by: str | None = None
        # the entities the last sentence and the one before it opened with
        self.opened_last: str | None = None
        self.opened_before: str | None = None
        self.leads: str | None = None  # set by a sentence of one subject that opens with it
        self.chain: str | None = None
        self.chain_length = 0
        self.predicate_words = ""  # what the sentence being made says of its subject
        self.value_words: set[str] = set()  # and the words of the value it names
        self.named_values: set[str] = set()  # and the entities it names as its values
        # what an entity is, said beside its name where prose first names it ("CVE-
        # 2031-0001, a heap buffer overflow in the TIFF header parser, ..."), once;
        # `introducing`: the sentence being made is prose, not a headline or a question
        self.appositives: dict[str, str] = {}
        # the entities whose appositive goes only beside a name that opens its clause:
        # "Acme Peptides, founded in 2011, rewrote ...", not "The current order
        # policy of Acme Peptides, founded in 2011, took effect ..." (the policy's?)
        self.opening_only: set[str] = set()
        self.first_only: set[str] = set()  # apposed at their first mention or never
        self.introducing = False
        self.pronoun_run = 0  # sentences running that opened with a pronoun
        self.ended = 0  # the sentences ended so far
        # whether an entity's own noun of several words may refer to it ("the Geneva
        # firm"): a reporter's habit; elsewhere its last word does ("the firm")
        self.journalese = False
        # what the document is about, which a reader takes "the firm" for unless the
        # sentence before named another firm and the document is not about a firm
        self.topic: str | None = None

    def trial(self) -> _Trial:
        """What naming changes, before a sentence that may be given up is tried."""
        return (
            dict(self.mentioned),
            set(self.by_name),
            dict(self.appositives),
            self.pronoun_run,
            dict(self.by_noun),
        )

    def give_up(self, before: _Trial) -> None:
        """The sentence tried since `trial` is not written: what it named is not, nor
        how it opened (a run of "It" counted a tried "the firm" as a name between,
        and four sentences running opened with "It")."""
        mentioned, by_name, appositives, self.pronoun_run, by_noun = before
        self.mentioned, self.by_name = dict(mentioned), set(by_name)
        self.appositives, self.by_noun = dict(appositives), dict(by_noun)

    def name(self, entity: str) -> str:
        """The entity's full name, which the verifier knows."""
        found = self.world.entities.get(entity)
        self.mention(entity)
        self.by_name.add(entity)
        if found is None:
            return entity
        # one name throughout: a reader takes a second name for a second thing (an
        # encyclopedia entry introduces the others, "also known as")
        return self.lexicon.full_name(entity)

    def name_again(self, entity: str, draw: Callable[[], float] | None = None) -> str:
        """The entity by name where a name is due: in full the first time, then now
        and again by its short form ("Renner", "Moraine"), as a reporter writes; the
        verifier reads the short form as the name. `draw`: a draw of the caller's
        own, where the document's draws are to stay as they were."""
        short = self.world.short_names.get(entity)
        if short is not None and self.mentioned.get(entity) and (draw or self.draw)() < SHORT_FORM:
            self.mention(entity)
            self.by_name.add(entity)
            return short
        return self.name(entity)

    def refer(self, entity: str, *, named: bool, case: int = 0, leading: bool = True) -> str:
        """A referring expression; case 0 subject, 1 object, 2 possessive. A pronoun
        only where it opens the sentence (`leading`) for the entity the last one was
        about: "It opened in 1889", never "the architect of it"."""
        if named or entity not in self.world.entities or not self.mentioned.get(entity):
            text = self.name_again(entity)
            return _possessive(text) if case == 2 else self.introduced(entity, text, leading)
        pronoun = self.lexicon.pronoun(entity)
        if (
            leading
            and pronoun in PERSONAL
            and self.recent[:1] == [entity]
            and self.pronoun_run < PRONOUN_RUN
            # the last sentence's subject, the one a reader takes "it" for whatever
            # else it named: "Visitors to the tower can dine at Le Jules Verne. It
            # wears ..." read as the restaurant
            and self.led_by == entity
        ):
            self.mention(entity)
            self.pronoun_run += 1
            return PERSONAL[pronoun][case]
        if leading:
            self.pronoun_run = 0
        own = self.lexicon.noun(entity)
        # "the Geneva firm" is a reporter's (a place before the noun); a letter, a
        # post or a page says "the firm", or "the steering paper" where "the paper"
        # could be another the text names: readers took a title said in full in
        # every sentence for a machine's, where "the paper" would have been any of three
        # (in a report too: "the scaling paper" where "the paper" is no other is
        # a tag readers of round C took for made up)
        nouns = [own]
        if " " in own:
            head = own.rsplit(" ", 1)[1]
            if not own[:1].isupper():
                nouns = [head, own]
            elif not self.journalese:
                nouns = [head]
        # "the city" only for one the reader has in mind: named in the last
        # sentence, or named often (the document's topic), or named once where its
        # own noun tells it from the others ("the steering paper")
        times = self.mentioned.get(entity, 0)
        in_mind = (
            entity in self.recent
            or times >= 2
            or (entity == self.opened_before and self.lexicon.noun_is_its_own(entity))
        )
        # not as a sentence's subject where the last was about another of its sort:
        # "The board, which removed Acme Peptides from its register, has 13 vendors.
        # The firm does not check ..." (blind readers of session 38: "refers to
        # nothing"); a report's "the Geneva firm" is no one else, nor is "the firm"
        # after a person's sentence, and the page's own topic goes by its noun
        # ("... designed it. The tower ...")
        before = self.led_by
        turned = (
            leading
            and before not in (None, entity)
            and not self.world.entity_is(before, "Person")
            and not self.world.entity_is(entity, "Person")
            # "the Geneva firm" tells itself from the board, but not from the firm
            # the last sentence was about, whose city the reader may not know:
            # "Moraine Peptides is regulated by the board. The Geneva firm rewrote
            # its ordering terms." reads as Moraine (a reader of session 41)
            and (self.world.same_kind(before, entity) if self.journalese else entity != self.topic)
        )
        if not turned and (in_mind or (times and " " in nouns[-1])):
            # (named once, further back: its own longer noun, or "the paper" where
            # no other paper is named: "according to the paper", not "according to
            # the scaling paper", which readers of round C took for a made-up tag)
            noun = next(
                (
                    n
                    for n in nouns
                    if (in_mind or " " in n or len(nouns) > 1)
                    and self._noun_fits(entity, n, own, leading, case)
                ),
                None,
            )
            # "the Geneva firm" three sentences running reads as a tic: the name
            # comes back between; but a page's own topic goes by its noun most of the
            # time, as a writer's does ("A new coat of paint goes on the Eiffel
            # Tower every seven years" after "The tower is painted ...": round 31a)
            again = TOPIC_NOUN_AGAIN if entity == self.topic else NOUN_AGAIN
            if noun is not None and self.draw() < (again if self.by_noun.get(entity) else 0.85):
                self.mention(entity)
                self.by_noun[entity] = True
                text = f"the {noun}"
                return _possessive(text) if case == 2 else text
        text = self.name_again(entity)
        return _possessive(text) if case == 2 else text

    def _noun_fits(self, entity: str, noun: str, own: str, leading: bool, case: int) -> bool:
        """Whether "the <noun>" refers to the entity here and says nothing twice."""
        return (
            noun not in GENERIC_NOUNS
            and noun not in self.predicate_words
            and not set(noun.lower().split()) & self.value_words
            and plural_of(noun) not in self.predicate_words  # "the city is one of the cities"
            and noun[:6] not in self.predicate_words  # "is vulnerable to the vulnerability"
            and not any(
                self._could_mean(noun, own, other, entity)
                # the last sentence's subject is what "the paper" means, if that
                # sentence named no other paper, as a writer reads it: readers took a
                # title said in full in every sentence for a machine's; but never
                # one of the kind of the document's topic, which a reader takes it
                # for ("Acme Peptides ships to EPFL ... The firm does not check ..."
                # in a page on Moraine Peptides, round R)
                for other in (
                    [*self.recent, *([self.topic] if self.topic is not None else [])]
                    if leading and case == 0 and self.recent[:1] == [entity]
                    else self.mentioned
                )
            )
            # nor one the sentence names beside it: "Probing for Deception at Scale
            # is cited in the paper" (another paper's page)
            and not any(self._could_mean(noun, own, other, entity) for other in self.named_values)
        )

    def _could_mean(self, noun: str, own: str, other: str, entity: str) -> bool:
        """Whether "the <noun>", meant for `entity`, could be read as `other`."""
        return other != entity and (
            self.lexicon.may_mean(noun, other, entity)
            # "the firm" could be any firm the text names
            or (noun != own and self._alike(noun, other, entity))
        )

    def _alike(self, head: str, other: str, entity: str) -> bool:
        """Whether "the <head>" could be read as `other`: one of its kind, or one whose
        noun ends with it."""
        return self.world.same_kind(other, entity) or self.lexicon.noun(other).endswith(head)

    def introduced(self, entity: str, text: str, leading: bool = False) -> str:
        """The name with what the entity is beside it, the first time prose gives its
        full name ("CVE-2031-0001, a heap buffer overflow in ..., affects ..."); for
        one of `opening_only`, the first time it opens its clause (`leading`)."""
        if not self.introducing or entity not in self.appositives:
            return text
        if entity in self.first_only and self.mentioned.get(entity, 0) > 1:
            return text  # (this is its first name only where nothing referred to it)
        if entity in self.opening_only and not leading:
            return text
        if text != self.lexicon.full_name(entity):
            return text
        return f"{text}, {self.appositives.pop(entity)},"

    def said_of(self, entity: str) -> None:
        """A sentence written apart (a definition, a question quoted) about the entity
        and naming it has ended: the next may call it "it" or "the paper", and a run
        of such sentences may follow, as far as the verifier reads back (round S:
        "... is a paper written by Maya Chen. A Survey of Deception Detection finds
        ...")."""
        self.mention(entity)
        self.by_name.add(entity)
        self.leads = self.opened = entity
        self.end_sentence([entity])

    def mention(self, entity: str) -> None:
        self.mentioned[entity] = self.mentioned.get(entity, 0) + 1
        self.by_noun[entity] = False

    def end_sentence(self, named: list[str]) -> None:
        self.ended += 1
        self.recent = named
        self.value_words = set()
        self.named_values = set()
        if self.chain is not None and self.chain in self.by_name:
            self.chain_length = 0  # named again: the run starts over
        elif self.opened is not None and self.opened in self.by_name:
            self.chain, self.chain_length = self.opened, 0
        elif self.opened is not None and self.opened == self.chain:
            self.chain_length += 1
        else:
            self.chain = None
        self.opened_before, self.opened_last = self.opened_last, self.opened
        self.led_by, self.leads, self.opened = self.leads, None, None
        self.last_by_name, self.by_name = self.by_name, set()

    def continues(self, entity: str) -> bool:
        """Whether a sentence may open with "it" or "the <noun>" for the entity and
        still be read as stating a fact of it: the last sentence named it, or opened
        a run of them that a name began, short enough for the verifier."""
        return entity in self.last_by_name or (self.chain == entity and self.chain_length < CHAIN)


def draws_apart(rng: random.Random) -> random.Random:
    """Draws of their own, seeded by `rng`'s state without taking one of its draws:
    a choice added to a document leaves the draws after it, and so the rest of the
    document, as they were (a paired reading compares the choice, not a reshuffled
    document). Its ints hash the same in any process."""
    return random.Random(hash(rng.getstate()[1]))


def picked_apart(rng: random.Random, options: Sequence[str]) -> str:
    """One of the options, by a draw of its own (`draws_apart`)."""
    return options[int(draws_apart(rng).random() * len(options))]


def iso_day(fact: PlannedFact) -> dt.date | None:
    """The day a fact's value is, where it is one written as an ISO date."""
    if not fact.literal or len(fact.object) != 10 or fact.object[4] != "-":
        return None
    try:
        return dt.date.fromisoformat(fact.object)
    except ValueError:
        return None


# a sentence that opens on "it", after an opener or not ("As far as I know, it ...")
_OPENS_ON_IT = re.compile(r"^(?:[A-Z][^,.]*, )?[Ii]t ")


def _premise_apart(
    conclusion: str, reasoned: str, conditioned: str, subject: str
) -> tuple[str, str] | None:
    """A consequence on a paper's condition with its premise said first, apart:
    "Meridian Systems monitors its models with linear probing. If the paper is
    right, Meridian Systems runs Kestrel and Osprey with no real oversight.", not
    the premise as a relative clause inside the condition ("If the paper is right,
    Meridian Systems, which monitors its models with linear probing, runs ..."),
    which readers of round 31d called a contorted inference no journalist writes.
    The premise's sentence and the condition ("If the paper is right, "), or None
    where the sentence is not so made (no condition, no relative on a name)."""
    if conditioned == reasoned or reasoned == conclusion or not conclusion.startswith(subject):
        return None
    rest = conclusion[len(subject) :]
    if not reasoned.startswith(subject + ", ") or not reasoned.endswith("," + rest):
        return None
    predicate = _relative_predicate(reasoned[len(subject) + 2 : len(reasoned) - len(rest) - 1])
    if predicate is None:
        return None
    condition = conditioned[: len(conditioned) - len(reasoned)]
    return f"{subject} {predicate}", f"{condition[:1].upper()}{condition[1:]}"


def _relative_predicate(relative: str) -> str | None:
    """The predicate of a relative clause on a name ("monitors its models with linear
    probing" of "which monitors ..."), to say as a sentence of its own; None where it
    is no such clause or has clauses of its own."""
    who, _, predicate = relative.partition(" ")
    if who not in ("which", "who") or not predicate or "," in predicate:
        return None
    return predicate


def _facts(message: Message) -> list[PlannedFact]:
    return [message.fact, *message.because]


def _answer_part(phrase: Phrase, kind: str) -> str | None:
    """The words of a subject-first phrasing from its value on that answer a question
    about it, for a value of `kind` ("entity", "date", "number" or "text"): an
    entity or a day with the preposition before it and nothing after ("in {o}" of
    "{s} stands in {o}", "{o}" of "{s} removed {o} from its register"), a figure
    with its words after it ("{o} metres up"); None where the value is no word of
    its own, a clause ("shows that {o}"), or a figure or a text alone ("2,800,000.",
    "Fixes a crash ...")."""
    if not (phrase.joins and phrase.value_apart) or "that {o}" in phrase.predicate:
        return None
    words = phrase.predicate.split(" ")
    at = next((i for i, word in enumerate(words) if word.startswith("{o}")), None)
    if at is None:
        return None
    begin = at
    if kind != "number" and words[max(at - 2, 0) : at] == ["up", "to"]:
        begin = at - 2
    elif kind != "number" and at and words[at - 1] in _ANSWER_OPENERS:
        begin = at - 1
    if kind == "entity":
        return " ".join(words[begin:at]) + (" {o}" if begin < at else "{o}")
    if at == len(words) - 1 and words[at] == "{o}" and kind in ("number", "text"):
        return None
    return " ".join(words[begin:])


# the prepositions an answer keeps before its value: "On 28 January 1887.", "In Rome."
_ANSWER_OPENERS = frozenset(
    {"on", "in", "at", "by", "from", "since", "until", "for", "near", "under", "after"}
)


_YEAR_WORDS = ("until", "since", "year")


def a_year(fact: PlannedFact) -> bool:
    """Whether a fact's value is a year, by its property's name ("tallest_until")."""
    return (
        fact.literal
        and fact.object.isdigit()
        and len(fact.object) == 4
        and any(word in fact.property for word in _YEAR_WORDS)
    )


def historical(world: World, fact: PlannedFact) -> bool:
    """Whether a fact tells its subject's history: a day, a person who made it, a
    year ("was the tallest structure in the world until 1930"). A person its
    author tells in the present is no history ("{o} chairs {s}"): "How did the
    Synthesis Screening Board come about?" was answered "The board is chaired by
    Ursula Gerber." (readers of round 32a)."""
    if iso_day(fact) is not None or a_year(fact):
        return True
    return world.entity_is(fact.object, "Person") and _told_in_the_past(world, fact.property)


def _told_in_the_past(world: World, prop: str) -> bool:
    """Whether a property's first phrasing is in the past ("{s} was founded by {o}",
    "{o} designed {s}"); one without phrasings is taken to be."""
    info = world.properties.get(prop)
    if info is None or not info.says:
        return True
    words = info.says[0].value.split(" ")
    verb = words[1] if len(words) > 1 else ""
    return verb in ("was", "were") or verbs.is_past(verb)


def is_brand(name: str) -> bool:
    """A name that is written in lower case on purpose ("libfoo", "httpd-x", "libfoo
    2.4.1"), unlike a common phrase that names a thing ("custom peptide synthesis"),
    which a sentence capitalises."""
    return " " not in name or any(c.isdigit() or c in "._" for c in name)


def _lower_first(text: str) -> str:
    """A sentence continued inside another: its first word in lower case where it is
    an ordinary word ("the", "it", "according"), not where it is written in capitals
    inside too ("CVE-2031-0001", "EPFL") or is "I"; the caller keeps names."""
    first = text.split(" ", 1)[0]
    if (
        first == "I"
        or not first[:1].isupper()
        or any(c.isupper() or c.isdigit() for c in first[1:])
    ):
        return text
    return first.lower() + text[len(first) :]


def _verb(phrase: Phrase) -> str:
    return phrase.predicate.split(" ", 1)[0]


# words that refer back to one subject, which a list of subjects cannot share
_OF_SUBJECT = re.compile(r"the ([a-z-]+(?: [a-z-]+)?) of \{s\}")
_OWN = re.compile(r"\b(its|his|her|him|itself|himself|herself)\b")


def _implied(premise: PlannedFact, conclusion: PlannedFact, world: World) -> bool:
    """Whether a premise relates only what its conclusion names: "EPFL buys from
    Acme" goes without saying beside "Acme ships to EPFL unscreened"."""
    named = {conclusion.subject}
    if not conclusion.literal and conclusion.object in world.entities:
        named.add(conclusion.object)
    return not premise.literal and {premise.subject, premise.object} <= named


def with_also(predicate: str) -> str:
    """ "also" in its place: after an auxiliary ("is also located in", "has also
    met"), else before the verb ("also stands in", "also has a total weight")."""
    first, _, rest = predicate.partition(" ")
    after = rest.split(" ", 1)[0]
    if first in VERB_AUXILIARIES and rest and _auxiliary(first, after):
        return f"{first} also {rest}"
    return f"also {predicate}"


# the participles English makes other than as its past tense ("has grown", "has
# been"); a past tense that is its participle too ("has met") lemminflect knows
_IRREGULAR_PARTICIPLE = re.compile(
    r"been|gone|done|seen|known|shown|grown|given|taken|written|begun|become|come|risen"
    r"|fallen|chosen|driven|broken|spoken|flown|drawn|worn|thrown|blown|born|borne"
)


def _auxiliary(verb: str, after: str) -> bool:
    """Whether `verb` before `after` is an auxiliary: "is located", "has met", "has
    been", not "has a total weight", "has one of", "has seven"."""
    if verb not in ("has", "have", "had"):
        return True
    return bool(_IRREGULAR_PARTICIPLE.fullmatch(after)) or verbs.is_past(after)


def _verb_of(phrase: Phrase) -> str:
    """A subject-first phrasing's verb ("stands", "was built"): what two sentences
    running should not both open with."""
    words = phrase.predicate.split(" ", 2)
    auxiliary = len(words) > 1 and words[0] in VERB_AUXILIARIES and _auxiliary(*words[:2])
    return " ".join(words[:2]) if auxiliary else words[0]


def _possessive(text: str) -> str:
    return text + ("'" if text.endswith("s") else "'s")


# by the world's id, with a reference to the world itself: a world gone may leave
# its id to the next, whose names an entry of the first would hide ("Libfoo
# remains vulnerable ..." in a process that had analysed another world first)
_LOWER_NAMES: dict[int, tuple[weakref.ref[World], dict[str, tuple[str, ...]]]] = {}


def lower_case_names(world: World) -> dict[str, tuple[str, ...]]:
    """The names written in lower case ("libfoo 2.4.1", "httpd-x"), which keep it at
    the start of a sentence too, by their first word."""
    held = _LOWER_NAMES.get(id(world))
    if held is not None and held[0]() is world:
        return held[1]
    for key in [k for k, (ref, _) in _LOWER_NAMES.items() if ref() is None]:
        del _LOWER_NAMES[key]  # the worlds of earlier compiles in this process
    by_word: dict[str, list[str]] = {}
    for entity in world.entities.values():
        for name in [entity.label, *entity.aka]:
            if name[:1].islower() and not entity.article and is_brand(name):
                by_word.setdefault(name.split(" ", 1)[0], []).append(name)
    found = {w: tuple(names) for w, names in by_word.items()}
    _LOWER_NAMES[id(world)] = (weakref.ref(world), found)
    return found


class Lexicon:
    """How one world's entities and properties read, each looked up once and shared
    by every document of a run: full names, nouns, pronouns, phrasings, literal
    values, and finished sentences (a run writes the same ones many times)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.lower_names = lower_case_names(world)
        self._names: dict[str, str] = {}
        self._nouns: dict[str, str] = {}
        self._pronouns: dict[str, str] = {}
        self._phrases: dict[str, tuple[Phrase, ...]] = {}
        self._values: dict[str, str] = {}
        self._wordings: dict[str, tuple[str, ...]] = {}
        self._dates: dict[str, list[str]] = {}
        self._sentences: dict[str, str] = {}
        self._clausal: dict[str, bool] = {}
        self._aliases: dict[str, tuple[str, ...]] = {}
        self._questions: dict[str, list[str]] = {}
        self._asked_as: dict[tuple[str, re.Pattern[str]], bool] = {}
        self._lives: dict[tuple[str, str], dt.date | None] = {}
        self._first_words: dict[str, list[str]] | None = None
        self._options: dict[tuple[str, bool, bool, bool], tuple[Phrase, ...]] = {}
        self._verb_pairs: dict[tuple[str, str], tuple[tuple[Phrase, Phrase], ...]] = {}
        self._pairs_a_verb: dict[str, bool] = {}
        self._participles: dict[str, tuple[str, ...]] = {}
        self._done_participles: dict[str, str] = {}
        self._dated: dict[str, list[tuple[Fact, dt.date]]] = {}
        self._history: dict[str, list[tuple[PlannedFact, dt.date | None]]] = {}
        self._places: dict[tuple[str, str], list[Fact]] = {}
        self._changing: dict[str, list[str]] = {}
        self._own_nouns: set[str] | None = None
        self._descriptions: dict[str, PlannedFact | None] = {}
        self._before: dict[tuple[str, dt.date], PlannedFact | None] = {}
        self._left_open: dict[str, list[str]] = {}
        self._told: dict[str, Telling | None] = {}
        self._adjectival: dict[str, Phrase] = {}
        self._wholes: dict[str, frozenset[str]] = {}
        self._stopped: dict[str, tuple[str, ...]] = {}
        self._affiliating: dict[str, bool] = {}
        self._affiliations: list[str] | None = None

    def wholes(self, entity: str) -> frozenset[str]:
        """What `entity` is part of (`World.named_once`: a release's software),
        looked up once."""
        found = self._wholes.get(entity)
        if found is None:
            found = self._wholes[entity] = self.world.named_once(entity)
        return found

    def affiliations(self) -> list[str]:
        """The world's properties that give where a person works (`affiliating`),
        looked up once."""
        if self._affiliations is None:
            self._affiliations = [p for p in self.world.properties if self.affiliating(p)]
        return self._affiliations

    def affiliating(self, prop: str) -> bool:
        """Whether the property gives where a person works: of a person, an
        organisation for a value, and a phrasing "{s} works for {o}" (std.orgs's
        `employer`, or a world's own), looked up once. A report names a researcher by
        it: "Tom Hartley of the Halcyon Interpretability Lab"."""
        found = self._affiliating.get(prop)
        if found is None:
            info = self.world.properties.get(prop)
            found = self._affiliating[prop] = (
                info is not None
                and self.world.is_a(info.domain, "Person")
                and self.world.is_a(info.range, "Organization")
                and any(_AFFILIATION.fullmatch(p.text) for p in self.phrases(prop))
            )
        return found

    def stopped_clauses(self, prop: str) -> tuple[str, ...]:
        """A yes/no property's phrasings as the clause of its "no" beginning ("{s}
        stopped screening its orders"), looked up once."""
        found = self._stopped.get(prop)
        if found is None:
            found = self._stopped[prop] = tuple(
                c for p in self.phrases(prop) if (c := verbs.stopped_clause(p.text))
            )
        return found

    def left_open(self, release: str) -> list[str]:
        """The flaws a release leaves open (std.software): they affect it, it is not
        the release that brought them, and no release of the world fixes them. A
        release's news carries them: "It fixes ..., but it leaves CVE-2031-0001
        open", as a writer who knows the flaw tells of the release."""
        found = self._left_open.get(release)
        if found is None:
            graph, world = self.world.world, self.world
            found = []
            if "affects_release" in world.properties:
                for flaw in graph.subjects("affects_release", release):
                    brought = release in graph.objects(flaw, "introduced_in")
                    fixed = [v for v in graph.objects(flaw, "fixed_in") if v in world.entities]
                    if not brought and not fixed and flaw in world.entities:
                        found.append(flaw)
            self._left_open[release] = found
        return found

    def description(self, entity: str) -> PlannedFact | None:
        """The fact that says what the entity is, where the world has one: a [one]
        string property phrased "{s} is {o}" whose value is a noun phrase ("a heap
        buffer overflow in the TIFF header parser"), which a writer gives beside the
        name where it first appears."""
        if entity in self._descriptions:
            return self._descriptions[entity]
        found = None
        for prop in self.world.properties.values():
            if not prop.one or prop.range != "string":
                continue
            if not any(p.text == "{s} is {o}" for p in self.phrases(prop.name)):
                continue
            for value in self.world.world.objects(entity, prop.name):
                fact = PlannedFact.of((entity, prop.name, value))
                if fact.literal and fact.object.split(" ", 1)[0] in ("a", "an", "the"):
                    found = fact
                    break
            if found is not None:
                break
        self._descriptions[entity] = found
        return found

    def figure_before(self, fact: PlannedFact, day: dt.date) -> PlannedFact | None:
        """The figure reality gives the fact's subject and property on the eve of
        `day`, the day the world changed it, where that is another number: the 14
        of "13 registered vendors, down from 14". None for a [many] property, whose
        values stand side by side, not one after another."""
        key = (fact.key_text, day)
        if key in self._before:
            return self._before[key]
        found = None
        prop = self.world.properties.get(fact.property)
        if prop is not None and prop.one and is_number(fact):
            eve = day - dt.timedelta(days=1)
            for value in self.world.reality.objects(fact.subject, fact.property):
                raw = (fact.subject, fact.property, value)
                then = PlannedFact.of(raw)
                if (
                    then.key_text != fact.key_text
                    and is_number(then)
                    and self.world.validity(raw, "reality").holds_on(eve)
                ):
                    found = then
                    break
        self._before[key] = found
        return found

    def died(self, entity: str) -> dt.date | None:
        """The day the entity died, where the world says (std.people's `died`)."""
        return self._day_of_life(entity, DEATH)

    def born(self, entity: str) -> dt.date | None:
        """The day the entity was born, where the world says (std.people's `born`)."""
        return self._day_of_life(entity, BIRTH)

    def _day_of_life(self, entity: str, prop: str) -> dt.date | None:
        key = (entity, prop)
        if key not in self._lives:
            days = [
                v.value
                for v in self.world.world.objects(entity, prop)
                if isinstance(v, Lit) and isinstance(v.value, dt.date)
            ]
            self._lives[key] = min(days) if days else None
        return self._lives[key]

    def may_mean(self, noun: str, other: str, entity: str) -> bool:
        """Whether "the <noun>", said for `entity`, could be read as `other`: it is
        the other's noun, or the two are of one kind and the noun is one their
        classes give ("the vendor" for either of two vendors). An entity's own noun
        that names no class sets it apart ("the Geneva firm" beside "the Basel
        firm")."""
        if self.noun(other) == noun:
            return True
        if not self.world.same_kind(other, entity):
            return False
        info = self.world.entities[entity]
        return not info.noun or noun in self._class_nouns(other) | self._class_nouns(entity)

    def _class_nouns(self, entity: str) -> set[str]:
        info = self.world.entities[entity]
        ancestors = self.world.ancestors.get(info.cls, frozenset((info.cls,)))
        classes = self.world.classes
        return {classes[c].noun or class_words(c) for c in ancestors if c in classes}

    def warm_verbs(self) -> None:
        """The verb forms of every phrasing worked out now (documents after a death put
        what is said of the dead in the past; subjects that share a value share a
        plural verb), and remembered between runs."""
        texts = []
        for prop in self.world.properties:  # and the questions' verbs, made indirect
            for question in self.questions(prop):
                indirect.embedded(question)
                texts.append(question)
            texts.extend(phrase.text for phrase in self.phrases(prop))
        # a headline's first lower-case word may be a name's ("Linear probing does
        # not ...", its verb sought among them)
        texts.extend(info.label for info in self.world.entities.values())
        verbs.warm(
            texts=texts,
            predicates=(
                predicate
                for prop in self.world.properties
                for phrase in self.phrases(prop)
                for predicate in (
                    (phrase.predicate, with_also(phrase.predicate))
                    if phrase.subject_first
                    # a list that opens the sentence: "{o} drew up ..." made plural
                    else (phrase.text[4:],)
                    if phrase.text.startswith("{o} ")
                    else ()
                )
            ),
        )

    def opens_with_name(self, text: str) -> bool:
        """Whether the text begins with the name of one of the world's entities."""
        if self._first_words is None:
            self._first_words = {}
            for entity in self.world.entities:
                name = self.full_name(entity)
                self._first_words.setdefault(name.split(" ", 1)[0], []).append(name)
            for short in self.world.short_names.values():  # "Renner", not "renner"
                self._first_words.setdefault(short.split(" ", 1)[0], []).append(short)
        # (its possessive and a comma after it too: "Spotify's hq country is ...")
        first = re.sub(r"(?:'s|’s)?[,;:]?$", "", text.split(" ", 1)[0])
        names = self._first_words.get(first, [])
        return any(text.startswith(name) for name in names)

    def adjectival(self, adjective: str) -> Phrase:
        """ "{s} is British": a nationality said by its adjective, made once."""
        found = self._adjectival.get(adjective)
        if found is None:
            found = self._adjectival[adjective] = Phrase(f"{{s}} is {adjective}")
        return found

    def told(self, fact: PlannedFact) -> Telling | None:
        """How the rule that derived the fact tells it (None: no phrasing of its own)."""
        key = fact.key_text
        if key not in self._told:
            self._told[key] = told_by_rule(self.world, fact)
        return self._told[key]

    def full_name(self, entity: str) -> str:
        found = self._names.get(entity)
        if found is None:
            found = self._names[entity] = name_with_article(self.world, entity)
        return found

    def questions(self, prop: str) -> list[str]:
        found = self._questions.get(prop)
        if found is None:
            found = self._questions[prop] = questions(self.world, prop)
        return found

    def asked_as(self, prop: str, pattern: re.Pattern[str]) -> bool:
        """Whether a question about the property matches the pattern; looked up once
        a property (a forum layout asks it of every message of every thread)."""
        key = (prop, pattern)
        found = self._asked_as.get(key)
        if found is None:
            found = self._asked_as[key] = any(pattern.search(q) for q in self.questions(prop))
        return found

    def relative(self, entity: str) -> str:
        """The relative pronoun for the entity: "who" for a person, "which" else."""
        info = self.world.entities.get(entity)
        person = self.pronoun(entity) in ("he", "she", "they") or (
            info is not None and self.world.is_a(info.cls, "Person")
        )
        return "who" if person else "which"

    def aliases(self, entity: str) -> tuple[str, ...]:
        """The entity's other names that can stand where its name does: not one of
        another number ("probing classifiers" for "linear probing": its verbs would
        not agree)."""
        found = self._aliases.get(entity)
        if found is None:
            info = self.world.entities.get(entity)
            found = self._aliases[entity] = (
                agreeing_aliases(info.label, info.aka) if info is not None else ()
            )
        return found

    def noun(self, entity: str) -> str:
        found = self._nouns.get(entity)
        if found is None:
            found = self._nouns[entity] = noun_of(self.world, entity)
        return found

    def noun_is_its_own(self, entity: str) -> bool:
        """Whether no other entity of the world goes by the entity's noun, nor by its
        last word ("the board" where one board is named; not "the paper" where three
        are): the verifier reads such a noun back over a sentence about another."""
        if self._own_nouns is None:
            forms = {
                other: {noun, noun.split()[-1]}
                for other in self.world.entities
                for noun in [self.noun(other).lower()]
            }
            takers = Counter(form for each in forms.values() for form in each)
            self._own_nouns = {
                other for other, each in forms.items() if all(takers[f] == 1 for f in each)
            }
        return entity in self._own_nouns

    def pronoun(self, entity: str) -> str:
        found = self._pronouns.get(entity)
        if found is None:
            found = self._pronouns[entity] = pronoun_for(self.world, entity)
        return found

    def phrases(self, prop: str) -> tuple[Phrase, ...]:
        """A property's phrasings, appositives ("{s}, in {o},") only when it has no
        other: alone they are fragments."""
        found = self._phrases.get(prop)
        if found is None:
            every = phrasings(self.world, prop)
            whole = [p for p in every if not p.rstrip().endswith(",")] or every
            found = self._phrases[prop] = tuple(Phrase(p) for p in whole)
        return found

    def options(
        self, prop: str, literal: bool, agreeing: bool, listed: bool = False
    ) -> tuple[Phrase, ...]:
        """The phrasings a message may take: for a literal value, none that opens
        with it ("1400 people work for ..."); `agreeing`, those whose verb agrees
        with the subject (a list of values, or a verb to put in the past); `listed`
        (a list of entities, in the present), also those that open with the list,
        their verb made plural ("libfoo 2.4.0-1 and libfoo 2.4.0 are vulnerable to
        CVE-2031-0001"): 753 of 2,000 eiffel documents said its two engineers, 390
        of them in the one sentence "It was engineered by ... and ...")."""
        key = (prop, literal, agreeing, listed)
        found = self._options.get(key)
        if found is None:
            every = found = self.phrases(prop)
            if literal:
                found = tuple(p for p in found if not p.text.startswith("{o}")) or found
            if agreeing:
                found = tuple(p for p in found if p.joins and "{o}" in p.predicate) or found
            if agreeing and listed and not literal:
                plural = (_plural_value_first(p) for p in every)
                found = found + tuple(p for p in plural if p is not None)
            self._options[key] = found
        return found

    def clausal(self, prop: str) -> bool:
        """Whether every fact of the property reads as a clause that can share a
        sentence: a yes/no only where each phrasing turns into a statement ("whether
        {s} works: {o}" -> "{s} does not work"), not one that keeps its "yes"."""
        found = self._clausal.get(prop)
        if found is None:
            info = self.world.properties.get(prop)
            found = self._clausal[prop] = (
                info is None
                or info.range != "bool"
                or all(yes_no_clause(p.text, True) is not None for p in self.phrases(prop))
            )
        return found

    def ending_with_value(self, prop: str) -> tuple[Phrase, ...]:
        """The phrasings a relative clause on the value can follow: one clause that
        opens with the subject and ends with the value ("{s} stands in {o}")."""
        return tuple(
            p for p in self.phrases(prop) if p.clean and p.subject_first and p.ends_with_value
        )

    def verb_pairs(self, one: str, other: str) -> tuple[tuple[Phrase, Phrase], ...]:
        """Phrasings of two properties that open with one verb and go on with two
        prepositions ("resigned from {o}", "resigned on {o}"): told once, the verb
        carries both."""
        key = (one, other)
        found = self._verb_pairs.get(key)
        if found is None:
            found = self._verb_pairs[key] = tuple(
                (a, b)
                for a in self.joinable(one)
                for b in self.joinable(other)
                if isinstance(shared_verb(a.predicate, b.predicate), str)
            )
        return found

    def event_partners(self, one: str, other: str) -> bool:
        """Whether two properties tell one event and its day with one verb ("resigned
        from {o}", "resigned on {o}"): what a document says together, in one
        sentence or one answer (the planner carries them together)."""
        return an_event_and_its_day(self.world, one, other) and bool(self.verb_pairs(one, other))

    def dated_facts(self, entity: str) -> list[tuple[Fact, dt.date]]:
        """The world's dated facts about the entity (World.dated_facts), looked up
        once: every report asks them of its subjects."""
        found = self._dated.get(entity)
        if found is None:
            found = self._dated[entity] = self.world.dated_facts(entity)
        return found

    def history(self, entity: str) -> list[tuple[PlannedFact, dt.date | None]]:
        """The entity's history as the world has it, looked up once: its dated facts
        (with their day), who made it (a person as a value), the records it held
        (a year as a value, "tallest_until"); in the order of its properties. Every
        report of a round anniversary asks it of its topic."""
        found = self._history.get(entity)
        if found is None:
            world = self.world
            found = self._history[entity] = [
                (fact, iso_day(fact))
                for prop in world.properties
                for value in world.world.objects(entity, prop)
                for fact in [PlannedFact.of((entity, prop, value))]
                if historical(world, fact)
            ]
        return found

    def places_of(self, entity: str, cls: str) -> list[Fact]:
        """The world's facts whose value is an entity of `cls` that the entity has (the
        city a firm is based in), properties in declared order, looked up once."""
        key = (entity, cls)
        found = self._places.get(key)
        if found is None:
            world = self.world
            found = self._places[key] = [
                (entity, prop, value)
                for prop in world.properties
                for value in world.world.objects(entity, prop)
                if isinstance(value, str)
                and value in world.entities
                and world.is_a(world.entities[value].cls, cls)
            ]
        return found

    def changing(self, entity: str) -> list[str]:
        """The one-valued properties the entity has held more than one value of, one
        after another (the tower's height as aerials were added), looked up once."""
        found = self._changing.get(entity)
        if found is None:
            world = self.world
            found = self._changing[entity] = [
                prop
                for prop, info in world.properties.items()
                if info.one and len(list(world.world.objects(entity, prop))) > 1
            ]
        return found

    def participle(self, prop: str) -> str | None:
        """The property's first phrasing that reads as a participle after a name
        ("founded on {o}" of "{s} was founded on {o}"), None where none does."""
        found = self.participles(prop)
        return found[0] if found else None

    def participles(self, prop: str) -> tuple[str, ...]:
        """Every phrasing of the property that reads as a participle after a name
        ("released on {o}", "published on {o}"), looked up once."""
        found = self._participles.get(prop)
        if found is None:
            found = self._participles[prop] = tuple(
                match.group(1)
                for p in self.phrases(prop)
                if (match := _PARTICIPIAL.match(p.text)) is not None
            )
        return found

    def done_participle(self, prop: str) -> str | None:
        """The first participle of a phrasing in the past ("designed by {o}" of "{s}
        was designed by {o}"): what was done to its subject, not a standing role
        ("led by {o}" of "{s} is led by {o}"), None where none is."""
        found = self._done_participles.get(prop)
        if found is None:
            found = self._done_participles[prop] = next(
                (
                    match.group(1)
                    for p in self.phrases(prop)
                    if p.text.startswith(("{s} was ", "{s} were "))
                    and (match := _PARTICIPIAL.match(p.text)) is not None
                ),
                "",
            )
        return found or None

    def pairs_a_verb(self, prop: str) -> bool:
        """Whether a phrasing of the property shares its verb with one of another
        property of its domain (`verb_pairs`), worked out once a property."""
        found = self._pairs_a_verb.get(prop)
        if found is None:
            info = self.world.properties.get(prop)
            domain = info.domain if info is not None else None
            found = self._pairs_a_verb[prop] = any(
                self.verb_pairs(prop, other)
                for other, each in self.world.properties.items()
                if other != prop
                and (
                    domain is None
                    or self.world.is_a(domain, each.domain)
                    or self.world.is_a(each.domain, domain)
                )
            )
        return found

    def joinable(self, prop: str) -> tuple[Phrase, ...]:
        """The phrasings that can be a relative clause or share a subject: one clause
        with the subject first and nowhere else."""
        return tuple(p for p in self.phrases(prop) if p.joins)

    def dates(self, fact: PlannedFact) -> list[str]:
        key = fact.key_text
        found = self._dates.get(key)
        if found is None:
            found = self._dates[key] = date_forms(self.world, fact)
        return found

    def value(self, fact: PlannedFact) -> str:
        key = fact.key_text
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = value_text(self.world, fact)
        return found

    def wordings(self, fact: PlannedFact) -> tuple[str, ...]:
        """A string value's other wordings that may stand where it does: a comma of
        its own keeps a value out of lists and joined clauses ("fixes X, Y, which
        2.4.0 dropped and Z"), so a wording has one only where the value has."""
        key = fact.object
        found = self._wordings.get(key)
        if found is None:
            comma = ", " in " ".join(key.split())
            found = self._wordings[key] = tuple(
                w for w in self.world.wordings.get(key, ()) if comma or ", " not in w
            )
        return found

    def rounded(self, fact: PlannedFact) -> str | None:
        """A large whole count as a writer rounds it: "about 2.8 million", "some
        27,000"; None for anything else (a year, a score, a small count)."""
        prop = self.world.properties.get(fact.property)
        if prop is None or prop.range != "int" or prop.unit:
            return None
        try:
            number = int(fact.object)
        except ValueError:
            return None
        text = rounded_count(number)
        if text is None:
            return None
        return ("about " if number % 2 else "some ") + text

    def rounded_measure(self, fact: PlannedFact) -> str | None:
        """A measure with a fraction as one says it ("about 320"), None for anything
        else (a whole figure, a count, a year)."""
        prop = self.world.properties.get(fact.property)
        if prop is None or prop.range != "float" or not prop.unit:
            return None
        try:
            return rounded_measure(float(fact.object))
        except ValueError:
            return None

    def sentence(self, text: str) -> str:
        """A finished sentence: tidied, capitalised unless it begins a name written in
        lower case ("libfoo 2.4.1 came out on ..."), its articles and possessives
        agreeing."""
        found = self._sentences.get(text)
        if found is None:
            if len(self._sentences) > 100_000:  # memory stays flat over a corpus
                self._sentences.clear()
            done = realise(plain_sentence(text))
            if self.opens_with_lower_case_name(done):
                done = done[:1].lower() + done[1:]
            found = self._sentences[text] = done
        return found

    def opens_with_lower_case_name(self, text: str) -> bool:
        """Whether the text begins with a name written in lower case ("libfoo"),
        whatever the case its first letter has now."""
        # "httpd-x, which depends on libfoo, ..." by its first word, its comma aside
        names = self.lower_names.get(text.split(" ", 1)[0].rstrip(",;:").lower(), ())
        return any(text.lower().startswith(name.lower()) for name in names)


class SentencePlanner:
    """Sentences for one document: phrasings drawn by its seed, referring expressions
    tracked across the whole text."""

    def __init__(self, lexicon: Lexicon, rng: random.Random, date: dt.date | None = None) -> None:
        self.lexicon = lexicon
        self.world = lexicon.world
        self.rng = rng
        self.draw = rng.random
        self.refer = Referrer(lexicon, rng)
        self.us_dates = rng.random() < 0.3
        self.said: set[str] = set()  # the facts stated so far, as reasons need not repeat
        self.answering = False  # whether the sentences answer a question just asked
        self.answer_from = 0  # the Referrer's sentence count where the answer began
        # whether an answer's sentence may say "the board" of what the one before was
        # about though its run is too long for "it" (`_answer_goes_on`)
        self.answer_goes_on = True
        # the entity the next sentence must open with, where it is the first sentence
        # of a text about it (an entry whose lead defines nothing)
        self.opens_on: str | None = None
        # the entity a passage is about where its facts have it as their value (an
        # entry on an architect: "He designed the Eiffel Tower"), which its
        # sentences open on
        self.value_first: str | None = None
        self.opening = False  # whether the sentence being written is that first one
        self._last_phrase: dict[str, Phrase] = {}  # by property, the last phrasing used
        self.date = date
        # "opened on 31 March 1889, 56 years ago": a narrator's present (news, posts,
        # letters, interviews); a reference work's date is not its reader's
        self.relative_dates = False
        # whether a yes/no the divergence turned to no is told as news of its change,
        # from the day it began (`began`: Neighbourhood.changed_on): "On 1 March 2024, Acme
        # Peptides stopped screening its orders." (a report)
        self.tells_changes = False
        self.began: Callable[[PlannedFact], dt.date | None] | None = None
        # dates a report writes as its readers would say them ("Tuesday", "3 May"), by
        # ISO date: only in background sentences, which the verifier does not read
        self.day_words: dict[str, str] = {}
        # the dated facts said beside an entity's first name ("libfoo 2.4.0-1, released
        # in 2031,"), by key, with that entity: a report's recent event is not said
        # again there
        self.appositive_facts: dict[str, str] = {}
        # whether the last sentence stated was one sentence: a phrasing of any shape an
        # author writes may hold a sentence break ("{s} -. {o}. more"), after which
        # "it" would not follow the sentence that named its subject
        self.last_clean = True
        # the facts a report is of as round anniversaries: they always say how long ago
        self.anniversaries: set[str] = set()
        self.said_ago = False  # whether a sentence has said "N years ago"
        self.contrasted = False  # whether a release's news has said what it left open
        # the sources a verdict of the divergence may be given on (verdict_sources),
        # by its subject, and whether one has been
        self.sources: dict[str, list[str]] = {}
        self.attributed = False
        # the source each verdict was given on, by the verdict's subject; and whether
        # a consequence of one has been said on that source's condition
        self.cited_for: dict[str, str] = {}
        self.conditioned = False
        self.cited: tuple[str, bool] | None = None  # the source just cited, and if last
        # words for what the document itself is, which its phrasings do not cite as
        # a source: release notes saying "according to its changelog"
        self.own_kind: tuple[str, ...] = ()
        # (subject, property) of each fact the divergence changed, whether this
        # document states it or not: a verdict's reason
        self.changed: set[tuple[str, str]] = set()
        # (change, verdict's property) of each verdict given a change as its reason
        self.reasons_given: set[tuple[str, str]] = set()
        # the events said so far (their day, fact and clause without the date), which
        # a later one may be told in relation to (worldspec.render.timeline)
        # (and the number of the sentence that said it)
        self.events: list[tuple[dt.date, PlannedFact, str, int]] = []
        # "As of May 2008, ...": a state of the world dated by the document
        self.as_of = f"As of {MONTHS[date.month - 1]} {date.year}, " if date else None
        # (property, value) of the focus facts: another subject with the same value
        # "also" has it
        self.focus_values: set[tuple[str, str]] = set()
        self.focus_keys: set[str] = set()  # the focus facts', by key
        self.told_keys: set[str] = set()  # the keys of all facts the document states
        # (subject, value) of the reality facts the divergence replaced: no sentence
        # names both ("designed by Gustave Eiffel, who died in Paris" of the tower)
        self.apart: set[tuple[str, str]] = set()
        # (subject, number) of the reality facts the divergence replaced whose value is
        # a number: no count of years beside the subject says it
        self.apart_numbers: set[tuple[str, str]] = set()
        self.just_said: set[str] = set()  # the keys of the facts the sentence before stated
        self.last_verb = ""  # the verb of the last sentence stated with its subject first
        self.spoken = False  # a post's, a letter's or a guest's words: "But", not "However"
        # the organisation a guest's answer speaks for ("us"), which a rule's phrasing
        # names as a stranger would ("... for EPFL, one of its customers")
        self.speaking_for: str | None = None

    def phrase(self, fact: PlannedFact) -> Phrase:
        options = self.lexicon.phrases(fact.property)
        return options[int(self.draw() * len(options))]

    def phrase_of(self, message: Message) -> Phrase:
        """The phrasing of a message as this document says it: with the subject first
        where its verb must agree with the subject, not a list of values ("borders
        France and Spain", not "France and Spain is bordered by"), or must be put in
        the past ("Gustave Eiffel was a citizen of France" in 1950), and with "also"
        where it says of something else what a focus fact says of its subject ("the
        Colosseum also stands in Rome")."""
        past = self.is_past(message)
        listed = bool(message.more)
        options = self.lexicon.options(
            message.fact.property, message.fact.literal, listed or past, listed and not past
        )
        if self.own_kind:  # release notes do not cite "the changelog" for themselves
            options = tuple(o for o in options if not self._cites_own_kind(o)) or options
        if any("among other" in o.text for o in options) and self._told_others(message):
            # "Among other changes, the release stops ..." after two changes told: the
            # others are the ones just read (round S: "after every change is listed")
            options = tuple(o for o in options if "among other" not in o.text) or options
        self.opening = self.opens_on is not None and self.opens_on == message.fact.subject
        if self.opening:
            # "Ada Moreau works on sparse dictionary learning.", not "Sparse dictionary
            # learning is a research area of Ada Moreau." as the first words of her entry
            options = tuple(o for o in options if o.subject_first and o.clean) or options
        if self.answering and self.refer.recent[:1] == [message.fact.subject]:
            # an answer about what the question named goes on from it ("It takes in
            # 3,900 orders a month"), not "Customers place 3,900 orders a month
            # through the Acme online order portal" after a question that named it
            options = tuple(o for o in options if o.subject_first and o.clean) or options
        elif (
            message.role != "background"
            and self.refer.mentioned.get(message.fact.subject)
            and self._goes_on_about(message.fact.subject)
        ):
            # a focus fact names its subject unless it may call it "it" right after a
            # sentence about it: "... was given as a conference talk on Wednesday. It
            # shows that ...", not "According to Deception Probes Under Distribution
            # Shift, ..." with the title said again (readers of every round: a name
            # in every sentence)
            options = (
                tuple(
                    o
                    for o in options
                    if self._refers_back(message, o, self._yes_no_shape(message, o))
                )
                or options
            )
        adjective = self._nationality(message)
        if adjective is not None and self.draw() < SAID_BY_ADJECTIVE:
            # "She is British.", as a short life says it: readers of round Y took "He
            # has citizenship in the United Kingdom." for a form's field read out
            options = (self.lexicon.adjectival(adjective),)
        if self._goes_on_about_value(message) or (
            self.value_first is not None
            and message.fact.object == self.value_first
            and message.fact.subject != self.value_first
            and not message.more
        ):
            # "libfoo 2.4.0-1 ... shipped on 3 February. It is the newest release of
            # libfoo.", not "The latest version of libfoo is 2.4.0-1." after the
            # sentences on it (readers of rounds W to Y named it in 464 of 1,250
            # libfoo reports, a line on its own at their end)
            options = tuple(o for o in options if o.text.startswith("{o} ")) or options
        phrase = options[int(self.draw() * len(options))]
        if phrase == self._last_phrase.get(message.fact.property) and len(options) > 1:
            # "According to its changelog, ... According to its changelog, ..."
            phrase = options[(options.index(phrase) + 1) % len(options)]
        if phrase.subject_first and _verb_of(phrase) == self.last_verb:
            # not the verb of the sentence before: "It was built to the calculations
            # of Maurice Koechlin. It was built to a design by Gustave Eiffel."
            others = [o for o in options if not o.subject_first or _verb_of(o) != self.last_verb]
            phrase = others[int(self.draw() * len(others))] if others else phrase
        self._last_phrase[message.fact.property] = phrase
        return self._as_said(message, phrase)

    def _told_others(self, message: Message) -> bool:
        """Whether the document has told another value of the message's subject and
        property, or tells one with it."""
        if message.more:
            return True
        fact = message.fact
        prefix = f"{fact.subject}.{fact.property}="
        return any(k.startswith(prefix) and k != fact.key_text for k in self.said)

    def _cites_own_kind(self, phrase: Phrase) -> bool:
        text = phrase.text.lower()
        return any(word in text for word in self.own_kind)

    def _as_said(self, message: Message, phrase: Phrase, also: bool = True) -> Phrase:
        """A subject-first phrasing of a background fact in the past where its subject
        is dead by the document's date, and with "also" (`also`) where it says what a
        focus fact says of another subject ("The Colosseum also stands in Rome"). Not
        for one more fact of the kind the sentence before told: readers of every
        round took "It also weighs 10,100 tonnes" and "It is also the work of Gustave
        Eiffel" for filler."""
        if not phrase.subject_first or message.role != "background":
            return phrase
        predicate = phrase.predicate
        if self.is_past(message):
            predicate = verbs.past_tense(predicate)
        if also and self._alike(message) and " also " not in f" {predicate} ":
            predicate = with_also(predicate)
        return phrase if predicate == phrase.predicate else Phrase("{s} " + predicate)

    def _alike(self, message: Message) -> bool:
        """Whether the message says of its subject what a focus fact says of another."""
        return (message.fact.property, message.fact.object) in self.focus_values

    def is_past(self, message: Message) -> bool:
        """Whether a background fact is about someone dead by the document's date."""
        if message.role != "background" or self.date is None:
            return False
        died = self.lexicon.died(message.fact.subject)
        return died is not None and died < self.date

    def value(self, fact: PlannedFact, exact: bool = True, in_full: bool = False) -> str:
        """The fact's value as the document writes it; a large count of the
        background may be rounded ("about 2.8 million"), not `exact` facts, which the
        verifier must find as stated. An entity `in_full` by its whole name (a fact
        box's line), else perhaps by its short form once named."""
        if not fact.literal and fact.object in self.world.entities:
            if in_full:
                return self.refer.name(fact.object)
            short = self._short_beside(fact)
            if short is not None:
                return short
            return self.refer.introduced(fact.object, self.refer.name_again(fact.object))
        dates = self.lexicon.dates(fact)
        if not exact and fact.object in self.day_words:
            return self.day_words[fact.object]  # "on Tuesday": a report's recent event
        if dates and self.us_dates:  # one writer, one date style
            return dates[1]
        if not exact and self.spoken:
            # "It's about 320 metres tall", not "It stands 320.8 metres high" in a
            # post: readers of round 31a took the decimal for a reference book's
            spoken = self.lexicon.rounded_measure(fact)
            if spoken is not None and self.draw() < SPOKEN_ROUNDED:
                return spoken
        if not exact and self.draw() < 0.4:
            rounded = self.lexicon.rounded(fact)
            if rounded is not None:
                return rounded
        spelled = None if in_full else spelled_count(self.world, fact)
        if spelled:
            return spelled
        text = self.lexicon.value(fact)
        others = self.lexicon.wordings(fact) if fact.literal else ()
        if others:  # the author's other wordings of it, the first as likely as each
            return (text, *others)[int(self.draw() * (len(others) + 1))]
        return text

    def _short_beside(self, fact: PlannedFact) -> str | None:
        """The value by its short form where its full name is its subject's with more
        after it: "2.4.0-1 is the latest release of libfoo", not "libfoo 2.4.0-1 is
        the latest release of libfoo" (readers of every round)."""
        short = self.world.short_names.get(fact.object)
        if short is None:
            return None
        subject, value = self.lexicon.full_name(fact.subject), self.lexicon.full_name(fact.object)
        if not value.startswith(subject + " "):
            return None
        self.refer.by_name.add(fact.object)
        self.refer.mention(fact.object)
        return short

    def values(self, message: Message, exact: bool = True, clauses: bool = False) -> str:
        """The message's value, or its values as a list ("France, Spain and Italy");
        `clauses`: each after "that" of its own, as the phrasing's "that {o}" takes
        a finding ("shows that A and that B": readers took "shows that A and B" for
        one finding run into another)."""
        if not message.more:
            return self.value(message.fact, exact)
        # a list names each in full: "Maya Chen and Samuel Okonkwo", not "Chen and ..."
        names = [self.value(f, exact, in_full=True) for f in message.facts]
        if clauses:
            names = [names[0], *(f"that {name}" for name in names[1:])]
        if len(names) > 2 and any(", " in name for name in names):
            # items with commas of their own are parted by semicolons, as writers do
            return "; ".join(names[:-1]) + "; and " + names[-1]
        return and_list(names)

    def fragment(self, message: Message, asked: str = "") -> str | None:
        """The message as a short answer to a question that named its subject, in the
        words a phrasing puts from its value on (with the preposition before it):
        "On 28 January 1887.", "276 metres up.", "In Rome, Italy.", "By Maurice
        Koechlin and Émile Nouguier." The shortest such part of its phrasings, as
        people answer; None where none has one (a clause: "that ...", a yes/no).
        `asked`: the question, whose first words the answer fits ("Who chairs it?"
        "Claire Vuilleumier.", not "By Claire Vuilleumier."; "Since when ...?"
        "Since 1 March 2024.")."""
        fact = message.fact
        # a place's country said after it, as an address says it ("In Rome, Italy."),
        # is the one fact about its value a few words carry
        hung = self._address(message)
        if is_yes_no(self.world, fact) or message.fellows:
            return None
        if message.on_value is not None and hung is None:
            return None
        kind = "entity" if not fact.literal else "text"
        if fact.literal and self.lexicon.dates(fact):
            kind = "date"
        elif fact.literal and is_number(fact):
            kind = "number"
        shortest = None
        for phrase in self.lexicon.phrases(fact.property):
            part = _answer_part(phrase, kind)
            if part is not None and (shortest is None or len(part) < len(shortest)):
                shortest = part
        if shortest is None:
            return None
        opening = asked.lower().split(" ", 2)
        if opening[0] in ("who", "which", "what") and " " in shortest:
            shortest = shortest[shortest.index("{o}") :]  # a name answers "who"
        elif opening[:2] == ["since", "when"] and shortest.startswith(("on ", "in ")):
            shortest = "since " + shortest.split(" ", 1)[1]
        value = self.values(message, exact=message.role != "background")
        if hung is not None:
            value = f"{value}, {self.refer.name(hung.object)}"
            self.said.add(hung.key_text)
        text = fill(shortest, {"o": value})
        if kind == "number":  # "13 vendors, down from 14.": a count alone said nothing
            text += self._moved_from(message) or ""
        self.said.update(f.key_text for f in message.facts)
        return self.sentence(text)

    def clause(
        self, message: Message, phrase: Phrase, subject: str, value: str | None = None
    ) -> str:
        """The phrasing filled in: `subject` for {s} (its possessive where the
        phrasing writes {s}'s), the value for {o} (`value`: as referred to)."""
        text = phrase.text
        value = value if value is not None else self._the_page_s(message, phrase)
        if is_yes_no(self.world, message.fact):
            text = yes_no_clause(text, message.fact.object == "true") or text
        if "{s}'s" in text:
            possessive = self.refer.refer(message.fact.subject, named=True, case=2)
            text = text.replace("{s}'s", possessive.replace("{", "{{").replace("}", "}}"))
        exact = message.role != "background"
        year = None if exact or value is not None else self._year_only(message, phrase)
        if year is not None:
            return fill(text.replace(" on {o}", " in {o}"), {"s": subject, "o": year})
        clauses = "that {o}" in text
        values = value if value is not None else self.values(message, exact, clauses)
        return relative_day(fill(text, {"s": subject, "o": values}))

    def state(
        self,
        message: Message,
        phrase: Phrase | None = None,
        dated: bool = True,
        reasoned: bool = True,
    ) -> str:
        """One message as one sentence (`dated`: it may open with the document's
        date or count the years to it, as a narrator's sentence may and a quoted one
        or a headline does not)."""
        if dated and reasoned and message.role == "ripple":
            told = self._told_by_rule(message)
            if told is not None:
                return told
        if dated and phrase is None and self.tells_changes:
            stopped = self._stopped(message)
            if stopped is not None:
                return stopped
        if dated and phrase is None and self.answering:
            then = self._stopped_then(message)
            if then is not None:
                return then
        if message.fellows:
            together = self._state_fellows(message)
            if together is not None:
                return together
        if message.on_value is not None:
            # by name, but "it" right after a sentence that named it: "... designed by
            # Gustave Eiffel. It lies in Rome, Italy." (round S: "The Eiffel Tower
            # was designed by Gustave Eiffel. The Eiffel Tower lies in Rome, Italy.")
            folded = self.state_chained(message, Message(message.on_value, "focus"), fit=True)
            if folded is not None:
                self.said.add(message.on_value.key_text)
                return folded
        phrase = phrase or self.phrase_of(message)
        leading = phrase.text.startswith("{s}")
        # a yes/no has the shape of the clause it is written as ("{s} does not screen
        # its orders"), not of its phrasing ("whether {s} screens its orders: {o}")
        shape = self._yes_no_shape(message, phrase)
        # a focus fact or ripple names its subject, except right after a sentence that
        # did, where "it" or "the vendor" opens it (the verifier reads it so too: a
        # yes/no as the clause it is written in, "It does not screen its orders")
        named = message.role != "background" and not self._refers_back(message, phrase, shape)
        # "It fills the orders of EPFL ..." after a sentence on Acme Peptides: a
        # phrasing that opens with its value, the entity the last one was about
        value_first = self._value_refers_back(message, phrase)
        leading = leading or (shape is not phrase and shape.subject_first)
        self.last_clean = shape.clean and shape.subject_apart
        self.refer.predicate_words = phrase.predicate
        # "the Geneva firm has its head office in Geneva" says nothing
        self.refer.value_words = self._value_words(message)
        self.refer.named_values = {f.object for f in message.facts if not f.literal}
        # not in a headline or a quote (`dated` off): "His resignation took effect"
        # stood above a report as its whole headline
        owned = None if named or not dated else self._possessed(message, phrase)
        value_text = None
        if owned is not None:
            phrase, subject = owned
            leading = False  # the sentence is about its platform: "it" next is not sure
        else:
            # no appositive where the phrasing runs its subject into what follows
            # ("The Eiffel Tower, opened in 1889,whereRome"), nor where its value is
            # no word of its own: the verifier then finds the fact only in the
            # phrasing as written ("The Eiffel Tower, a landmark designed by Gustave
            # Eiffel, - whereRome" was not, hypothesis found)
            introducing = self.refer.introducing
            self.refer.introducing = (
                introducing and _APPOSABLE.search(phrase.text) is not None and phrase.value_apart
            )
            if value_first:  # read first, referred to first
                before, words = self.refer.trial(), self.refer.value_words
                # its noun says nothing its subject's name says: not "the Geneva
                # firm fills the orders of the University of Geneva"
                name = self.lexicon.full_name(message.fact.subject)
                self.refer.value_words = set(name.lower().split())
                value_text = self.refer.refer(message.fact.object, named=False)
                self.refer.value_words = words
                if message.fact.object in self.refer.by_name:  # a name after all: as
                    self.refer.give_up(before)  # values are named ("2.4.0-1 is ...")
                    value_text = None
            subject = self.refer.refer(message.fact.subject, named=named, leading=leading)
            self.refer.introducing = introducing
        if leading:
            self.refer.opened = message.fact.subject
        elif value_text is not None:
            self.refer.opened = message.fact.object
        text = self.clause(message, phrase, subject, value_text)
        text = self._left_by_event(message, phrase, subject, text)
        self.last_verb = _verb_of(phrase) if phrase.subject_first else ""
        self.said.add(message.fact.key_text)
        with_reason = (
            reasoned
            and message.because
            and all(self.lexicon.clausal(f.property) for f in _facts(message))
        )
        # worked out only where it may be said: it refers to an entity, which
        # counts as mentioned from then on
        linked = self._after_event(message, phrase) if dated and not with_reason else None
        self._remember_event(message, phrase)
        if with_reason:
            because = self._with_reason(message, text, subject)
            conditioned = self._on_condition(message, because) if dated else because
            apart = _premise_apart(text, because, conditioned, subject)
            # (asked only where it is said: it marks the premise said)
            premise = self._premise_first(message, text) if because == text != conditioned else None
            if premise is not None:
                text = f"{premise}. {conditioned[:1].upper()}{conditioned[1:]}"
            elif apart is None:
                text = conditioned
            else:  # the name again: "If the paper is right, it ..." reads "it" as the paper
                premise, condition = apart
                text = f"{premise}. {condition}{text}"
        elif (
            dated
            and message.role == "ripple"
            and text != (conditioned := self._on_condition(message, text))
        ):
            text = conditioned
        elif linked:
            text = _linked(text, phrase, linked)
        elif (
            dated
            and (named or self.answering or leading)
            and message.role == "focus"
            and message.fact.subject in self.sources
            and not self.attributed
            and self.draw() < ATTRIBUTED
        ):
            # an answer's verdict on what the question named ("No. It doesn't work as
            # claimed, Probing for Deception at Scale found."): a reader of round N
            # took a colleague's bare verdict for one given on no one's word
            text = self._attributed(message, text, named)
        elif (
            dated
            and self.as_of
            and named
            and self.draw() < 0.15
            and self._is_state(message.fact, phrase)
            # a reference work's convention: a report, a post, a letter or a guest
            # of that month says it as it stands ("As of March 2024" in a report of
            # 12 March 2024 read to a reader of round K as odd)
            and not self.relative_dates
            and not self.spoken
        ):
            text = self.as_of + text
        elif dated and (fronted := self._day_first(message, text, subject)) is not None:
            text = fronted
        elif dated and (moved := self._moved_from(message, phrase)) is not None:
            # (after the branches that draw: the document's other draws stay as they were)
            text += moved
        elif (
            dated
            and self.relative_dates
            and phrase.ends_with_value
            and "since {o}" not in phrase.text  # "has existed since 2011, 15 years ago"
        ):
            text += self._years_ago(message.fact)
        self._says_its_cause(message)
        named_here = self._entities(message)
        if not leading:  # "Gustave Eiffel designed the tower": the sentence is about him
            named_here.reverse()
        # a sentence that opens on its source ("According to Steering Away from
        # Deception, linear probing ...") leads with no one the next may call "it":
        # readers took "It was introduced in 2016." after one for the paper
        on_source = False
        if self.cited is not None:
            source, last = self.cited
            named_here = [source, *named_here] if last else [*named_here, source]
            on_source = not last
            self.cited = None
        if leading and not with_reason and not on_source:
            self.refer.leads = message.fact.subject
        self.refer.end_sentence(named_here)
        return self.sentence(text)

    def _stopped(self, message: Message) -> str | None:
        """A yes/no the divergence turned to no, told as the change it was, on the day
        it began: "On 1 March 2024, Acme Peptides stopped screening its orders.", or
        after a later event told just before, "A week earlier, Acme Peptides had
        stopped screening its orders." Readers of rounds F and G took "Tobias Renner
        stood down from Acme Peptides on 8 March 2024. Acme Peptides does not vet its
        orders." for two facts side by side; told so, the event after it is told
        from it ("..., a week later"). The subject by name, as the verifier reads
        it; None where the fact has no such day or phrasing."""
        fact = message.fact
        if message.role != "focus" or self.began is None or self.date is None:
            return None
        if message.more or message.fellows or message.because or message.on_value is not None:
            return None
        if not is_yes_no(self.world, fact) or fact.object != "false":
            return None
        if not self._can_stop(fact.subject):
            return None
        day = self.began(fact)
        if day is None or day > self.date or not self._changed_fact(fact):
            return None
        # its day is the news of the event that made the change ("announced a new
        # order policy on 1 March 2024"): "On 1 March 2024, ..." again reads as a
        # second event; it is the state it left (a fact the document tells, its
        # focus among them, or has said, that has the day as its value)
        same_day = "=" + day.isoformat()
        if any(told[0] == day for told in self.events) or any(
            key.endswith(same_day) for key in itertools.chain(self.said, self.told_keys)
        ):
            return None
        clauses = self.lexicon.stopped_clauses(fact.property)
        if not clauses:
            return None
        clause = clauses[int(self.draw() * len(clauses))]
        introducing, self.refer.introducing = self.refer.introducing, False
        subject = self.refer.refer(fact.subject, named=True)
        self.refer.introducing = introducing
        last = self.events[-1] if self.events else None
        how_long = None
        if last is not None and last[3] == self.refer.ended - 1 and last[0] > day:
            how_long = timeline.after((last[0] - day).days)
        if how_long is not None and how_long != "the same day":
            had = clause.replace(" stopped ", " had stopped ", 1)
            text = f"{timeline.earlier(how_long)}, {fill(had, {'s': subject})}"
        else:
            text = self._on_its_day(fill(clause, {"s": subject}), day)
        self.said.add(fact.key_text)
        self.events.append((day, fact, clause, self.refer.ended))
        self.refer.leads = fact.subject
        self.refer.end_sentence([fact.subject])
        return self.sentence(text)

    def _can_stop(self, entity: str) -> bool:
        """Whether the entity is someone who does things (a firm's screening), which
        they can stop; not what a method is ("On 14 May 2028, linear probing
        stopped working as claimed": a paper found that it never had)."""
        return any(self.world.entity_is(entity, c) for c in ("Organization", "Person"))

    def _stopped_then(self, message: Message) -> str | None:
        """The day of the event that turned the yes or no the sentence before said to
        no, in an answer, as when it stopped: "No. It doesn't check the orders it
        receives. It stopped when it changed its order policy on 1 March 2024.",
        where "It changed its order policy on 1 March 2024." after it read to round
        35b's readers as a policy given a date and never told. None where the
        sentence before said no such yes or no of the event's subject, on its day
        and of its topic."""
        fact = message.fact
        day = iso_day(fact)
        if day is None or message.role == "ripple" or message.more or message.fellows:
            return None
        event = self.world.properties.get(fact.property)
        if event is None or not event.topics or self.began is None:
            return None
        subject = fact.subject
        if self.refer.recent[:1] != [subject]:
            return None  # "it" is the subject only where the sentence before opened on it
        turned = [
            PlannedFact(subject=subject, property=p, object="false", literal=True)
            for s, p in self.changed
            if s == subject
        ]
        said = [
            f
            for f in turned
            if f.key_text in self.just_said
            and is_yes_no(self.world, f)
            and self.began(f) == day
            and (prop := self.world.properties.get(f.property)) is not None
            and bool(prop.topics & event.topics)
        ]
        phrasings = [
            p.predicate
            for p in self.lexicon.phrases(fact.property)
            if p.subject_first and p.predicate.endswith(" on {o}")
        ]
        if not said or not phrasings:
            return None
        pronoun = self.lexicon.pronoun(subject)
        rest = fill(phrasings[int(self.draw() * len(phrasings))], {"o": self.day(day)})
        self.said.add(fact.key_text)
        self.refer.leads = subject
        self.refer.end_sentence([subject])
        # by a draw of its own, so that the rest of the document stays as it was
        frame = picked_apart(self.rng, STOPPED_THEN)
        return self.sentence(frame.format(p=pronoun, rest=rest))

    def _on_its_day(self, clause: str, day: dt.date) -> str:
        """A change with its day before it, in a post, a letter, a talk or a report
        now and then by its month: "On 1 March 2024, Acme Peptides stopped screening
        its orders", "In March 2024, Acme Peptides stopped vetting its orders" (in
        one form, it was in 92 of 3,000 peptide documents). Not after it: the
        verifier reads a yes/no's clause to its end."""
        if (self.relative_dates or self.spoken) and self.draw() < MONTH_ONLY:
            return f"in {MONTHS[day.month - 1]} {day.year}, {clause}"
        return f"on {self.day(day)}, {clause}"

    def _moved_from(self, message: Message, phrase: Phrase | None = None) -> str | None:
        """ ", down from 14": what a figure the divergence changed was before, after
        it, where the change is under two years old on the document's date (the
        editor of session 42: "13 registered vendors" says nothing until it is said
        to be fewer than before). One clause of its own: not after a list, nor where
        the phrasing runs on past its value into another clause (`phrase`: none for
        a short answer, "13 vendors, down from 14.")."""
        if phrase is not None and not phrase.clean:
            return None
        moved = self.figure_moved(message)
        if moved is None:
            return None
        fact, before = message.fact, moved[1]
        direction = "up" if float(fact.object) > float(before.object) else "down"
        then = spelled_count(self.world, before) or self.lexicon.value(before)
        self.said.add(before.key_text)
        return f", {direction} from {then}"

    def figure_moved(self, message: Message) -> tuple[dt.date, PlannedFact] | None:
        """The day a figure the divergence changed took its value, and reality's
        figure before, where the document says what it was (`_moved_from`): a
        message of one value, no reason given, changed under two years before the
        document's date; else None."""
        fact = message.fact
        if message.more or message.fellows or message.because:
            return None
        if self.began is None or self.date is None or not is_number(fact):
            return None
        if not self._changed_fact(fact):
            return None
        day = self.began(fact)
        if day is None or not 0 <= (self.date - day).days <= MOVED_WITHIN_DAYS:
            return None
        before = self.lexicon.figure_before(fact, day)
        return None if before is None else (day, before)

    def _changed_fact(self, fact: PlannedFact) -> bool:
        return (fact.subject, fact.property) in self.changed

    def _says_its_cause(self, message: Message) -> None:
        """A consequence says its cause in effect ("Acme Peptides no longer screens
        the orders it receives from EPFL"): a later one does not give it again with
        "since", and may follow on from it in its rule's words."""
        if message.role == "ripple":
            self.said.update(p.key_text for p in message.because if self._changed_fact(p))

    def _told_by_rule(self, message: Message) -> str | None:
        """A ripple told in its rule's own words, after its premise: "Acme Peptides
        does not screen its orders. It no longer checks the orders it gets from
        EPFL." Told in its property's words it said the premise
        again ("It ships to EPFL without screening the orders"), which readers of
        every round took for one claim made twice. None where the rule has no
        phrasing, the message lists several values, or the document has said
        neither the divergence's change the ripple rests on nor, where it rests on
        none, any of its premises."""
        if message.more or message.fellows or message.on_value is not None:
            return None
        told = self.lexicon.told(message.fact)
        if told is None:
            return None
        because = message.because
        if not any(p.key_text in self.said for p in because) or any(
            p.key_text not in self.said for p in because if self._changed_fact(p)
        ):
            return None
        # release notes do not speak of what came after them ("upgrade"); a tail goes
        # on its premise's sentence only (_folded)
        options = tuple(
            p
            for p in told.phrasings
            if not is_tail(p) and not any(w in p.lower() for w in self.own_kind)
        )
        options = self._as_one_of_them_says(told, options)
        if not any(p.key_text in self.just_said for p in because):
            # "That leaves Kestrel ..." refers to the sentence before: under a heading
            # of its own, after other facts, it pointed at whatever they said
            options = tuple(p for p in options if not _ANAPHORIC.match(p))
        options = self._saying_the_tie(because, options)
        if not options:
            return None
        template = options[int(self.draw() * len(options))]
        try:
            parts = pieces(template)
        except ValueError:
            return None  # a brace it could not read (reported by check)
        before = self.refer.trial()
        values, named = self._rule_values(told, parts)
        if any(name is not None and name not in values for _, name in parts):
            self.refer.give_up(before)
            return None  # a variable the premises do not bind (reported by check)
        text = _filled(parts, values)
        self.said.add(message.fact.key_text)
        self.said.update(p.key_text for p in because)
        if named and _opening_variable(parts) is not None:
            self.refer.leads = named[0]
        text = self._on_condition(message, text)
        self.refer.end_sentence(named)
        return self.sentence(text)

    def _saying_the_tie(
        self, because: tuple[PlannedFact, ...], options: tuple[str, ...]
    ) -> tuple[str, ...]:
        """Of a rule's phrasings, those that name what ties the ripple to the change
        it follows from, where the document has not said it: "Customers of Acme
        Peptides such as Corvina Biotech now get their peptides unscreened.", not
        "It no longer checks a single order from Corvina Biotech." of a firm the page
        never said was a customer (blind readers of session 38). A phrasing names
        the tie by its property's words ("customers" of `customer`)."""
        untold = [p for p in because if p.key_text not in self.said and not self._changed_fact(p)]
        if not untold:
            return options
        words = {w for p in untold for w in p.property.split("_") if len(w) > 3}
        naming = tuple(
            o for o in options if any(re.search(rf"\b{w}s?\b", o.lower()) for w in words)
        )
        return naming or options

    def _rule_values(
        self, told: Telling, parts: list[tuple[str, str | None]]
    ) -> tuple[dict[str, str], list[str]]:
        """What fills each variable of a rule phrasing, and the entities named: the
        one it opens with by "it" or "the firm" right after a sentence about it (as
        a ripple in its property's words; the verifier reads it so), the others by
        name; a literal by its value."""
        values: dict[str, str] = {}
        named: list[str] = []
        opening = _opening_variable(parts)
        for variable in dict.fromkeys(name for _, name in parts if name is not None):
            value = told.binding.get(variable)
            if value is None:
                continue
            if not (isinstance(value, str) and value in self.world.entities):
                values[variable] = value_text(self.world, PlannedFact.of(told.sources[variable]))
                continue
            named.append(value)
            if variable != opening:
                # "2.4.0-1" once "libfoo 2.4.0-1" is named: not "libfoo remains
                # exposed to it in libfoo 2.4.0-1"
                values[variable] = self.refer.name_again(value)
                continue
            # a name where a clause hangs on it: not "It, which competes ..."
            hung = len(parts) > 1 and parts[1][0].startswith(",")
            # not "The Geneva firm treats the orders of the University of Geneva"
            others = [v for v in told.binding.values() if isinstance(v, str) and v != value]
            self.refer.value_words = {
                word
                for other in others
                if other in self.world.entities
                for word in self.lexicon.full_name(other).lower().split()
            }
            again = hung or not self._goes_on_about(value)
            values[variable] = self.refer.refer(value, named=again)
        return values, named

    def _refers_back(self, message: Message, phrase: Phrase, shape: Phrase | None = None) -> bool:
        """Whether a focus fact or ripple, which names its subject, may call it "it"
        or "the vendor" instead: right after a sentence that did (the verifier reads
        it so too: a yes/no as the clause it is written in, "It does not screen its
        orders"), in one clause with its subject first and its value a word of its
        own (`shape`: the yes/no's clause, where it is one)."""
        shape = shape or phrase
        return (
            message.role in ("focus", "ripple")
            and shape.subject_first
            and (shape.value_apart or shape is not phrase)
            and shape.clean  # one sentence: "It" and the value are read together
            and (
                self._goes_on_about(message.fact.subject)
                or self._named_last(message.fact.subject)
                or self._answer_goes_on(message.fact.subject)
                or self._back_to(message.fact.subject)
            )
        )

    def _back_to(self, entity: str) -> bool:
        """Whether the sentence before last opened with the entity, and the last was
        about another of another kind: a report goes back to it as "the board" ("The
        Synthesis Screening Board delisted Acme Peptides ... The Geneva firm does not
        review the sequences it is sent. The board counts 13 registered vendors"),
        not its full name again, which readers took for a form filled in."""
        refer = self.refer
        # (what the last sentence was about: its subject, else the first it named)
        before = refer.led_by or refer.opened_last or next(iter(refer.recent), None)
        return (
            not self.answering
            and self.last_clean
            and refer.opened_before == entity
            and self.lexicon.noun_is_its_own(entity)
            and before is not None
            and before != entity
            and not self.world.entity_is(before, "Person")
            and not self.world.same_kind(before, entity)
        )

    def _answer_goes_on(self, entity: str) -> bool:
        """Whether an answer's sentence before was about the entity, though it named
        another after it: the next says "the board", as a speaker does ("It
        delisted Acme Peptides. The board now lists 13 vendors."), not its full name
        again, which readers took for a form filled in. Answers only (a report's
        way back is `_back_to`)."""
        return (
            self.answering
            and self.answer_goes_on
            and self.refer.ended > self.answer_from  # not the question's subject
            and self.last_clean
            and self.refer.led_by == entity
        )

    def _named_last(self, entity: str) -> bool:
        """Whether the sentence before, one sentence, named the entity by name though
        it was about another: the next may call it "the tower" ("Gustave Eiffel
        designed the Eiffel Tower. The tower stands in Rome."; readers of round Y
        took its full name again for a stub's template), never "it", which the
        Referrer keeps for what the sentence before was about."""
        return self.last_clean and entity in self.refer.last_by_name and entity in self.refer.recent

    def _goes_on_about(self, entity: str) -> bool:
        """Whether the sentence before was one sentence about the entity, which named
        it or went on a run that did: a sentence after it may call it "it"."""
        return (
            self.last_clean and self.refer.recent[:1] == [entity] and self.refer.continues(entity)
        )

    def _nationality(self, message: Message) -> str | None:
        """The adjective a nationality fact may be said by ("British"), if any."""
        fact = message.fact
        if fact.property != NATIONALITY or message.more or message.fellows:
            return None
        return adjective_of(self.world, fact)

    def _goes_on_about_value(self, message: Message) -> bool:
        """Whether a message's value, one entity, is what the sentence before was
        about, where its subject is not."""
        fact = message.fact
        return (
            not fact.literal
            and not message.more
            and not message.fellows
            and fact.object in self.world.entities
            and fact.subject != fact.object
            and not self._goes_on_about(fact.subject)
            and self._goes_on_about(fact.object)
        )

    def _value_refers_back(self, message: Message, phrase: Phrase) -> bool:
        """Whether a phrasing that opens with its value ("{o} fills the orders of {s}
        ...") may call that value "it" or "the firm": one entity, the one the
        sentence before was about and named, in one clause each (the verifier reads
        it so: worldspec.verify)."""
        fact = message.fact
        return (
            phrase.text.startswith("{o} ")
            and phrase.text.count("{o}") == 1
            and phrase.clean
            and not fact.literal
            and not message.more
            and not message.fellows
            and fact.object in self.world.entities
            and fact.object != fact.subject
            and not is_yes_no(self.world, fact)
            and self._goes_on_about(fact.object)
        )

    def _day_first(self, message: Message, text: str, subject: str) -> str | None:
        """Now and then, a dated event of the background with its day first: "On 28
        January 1887, work on the Eiffel Tower began." Readers took page after page
        of sentences that each open on the tower ("The tower opened ... The tower
        was designed ... It rises ...") for a spec sheet. Only where the sentence
        names its subject (the verifier reads "it" at a sentence's start), and not
        in an answer, which says first what was asked."""
        fact = message.fact
        if message.role != "background" or self.answering or iso_day(fact) is None:
            return None
        names = (self.lexicon.full_name(fact.subject), self.world.short_names.get(fact.subject))
        if subject not in names:
            return None
        day = f" on {self.value(fact)}"
        if not text.endswith(day):
            day = f" in {fact.object[:4]}"  # its year: "In 1887, work on ... began."
        if not text.endswith(day) or subject not in text or self.draw() >= DAY_FIRST:
            return None
        rest = text[: -len(day)]
        if rest.endswith(" born"):  # "In 1971, Renner was born." (a reader of this session)
            return None
        return f"{day[1].upper()}{day[2:]}, {rest}"

    def _possessed(self, message: Message, phrase: Phrase) -> tuple[Phrase, str] | None:
        """ "Its top platform is 276 metres above the ground" for "the top platform of
        {s} is ...", after a sentence about the same subject, now and then: readers
        took sentence after sentence naming the tower again ("The top platform of the
        tower ... The staircase of the tower ...") for a fact table, and a writer
        links them by the possessive. Background only: the verifier reads the news
        with its subject named."""
        found = _OF_SUBJECT.match(phrase.text)
        entity = message.fact.subject
        if found is None or message.role != "background" or not self.last_clean:
            return None
        rest = phrase.text[found.end() :]
        if "{o}" not in rest or "{s}" in rest:
            return None
        pronoun = self.lexicon.pronoun(entity)
        refer = self.refer
        if pronoun not in PERSONAL or refer.led_by != entity or refer.pronoun_run >= PRONOUN_RUN:
            return None
        if self.draw() >= POSSESSED:
            return None
        refer.pronoun_run += 1
        refer.mention(entity)
        return Phrase("{s} " + found.group(1) + rest), PERSONAL[pronoun][2]

    def _yes_no_shape(self, message: Message, phrase: Phrase) -> Phrase:
        if not is_yes_no(self.world, message.fact):
            return phrase
        clause = yes_no_clause(phrase.text, message.fact.object == "true")
        return Phrase(clause) if clause is not None else phrase

    def _attributed(self, message: Message, text: str, named: bool = True) -> str:
        """The verdict on the word of a source the document has for it: "according
        to Probing for Deception at Scale, linear probing does not work as claimed",
        or "..., according to the paper" after it (readers of round Q took "It
        doesn't work as claimed, Probing for Deception at Scale found." for a
        construction people don't write)."""
        self.attributed = True
        sources = self.sources[message.fact.subject]
        source = sources[int(self.draw() * len(sources))]
        self.cited_for[message.fact.subject] = source
        # the first words of an entry are its headword's: "Linear probing does not
        # work as claimed, according to the paper", not "According to ..."
        # (and after "it": "According to the paper, it ..." reads "it" as the paper)
        last = self.draw() >= 0.5 or self.opening or not named
        introducing = self.refer.introducing
        # "..., according to Probing for Deception at Scale, published in 2028, ..."
        # ends on an aside
        self.refer.introducing = introducing and not last
        name = self.refer.refer(source, named=False, leading=False)
        self.refer.introducing = introducing
        if not last:
            self.cited = (source, False)
            return f"according to {name}, {text}"
        self.cited = (source, True)  # named last: "it" in the next sentence is the paper
        self.last_clean = True  # a verdict's clause and two words: one sentence
        return f"{text}, according to {name}"

    def _on_condition(self, message: Message, text: str) -> str:
        """A consequence of a verdict the document gave on a paper's word, on that
        paper's condition (a verdict it did not cite, on one of its sources'), once
        a document: "If Probing for Deception at Scale is
        right, Meridian Systems, which uses linear probing, runs Kestrel with no real
        oversight." Readers of every round took it said flat for an accusation in
        the writer's voice. Only where the sentence opens on a name: "If the paper
        is right, it ..." reads "it" as the paper."""
        if message.role != "ripple" or self.conditioned:
            return text
        # never the paper the consequence is about: "If the paper is right, Steering
        # Away from Deception doesn't rest on a sound method" of the steering paper
        itself = message.fact.subject
        source = next(
            (
                self.cited_for[p.subject]
                for p in message.because
                if p.subject in self.cited_for and self.cited_for[p.subject] != itself
            ),
            None,
        )
        if source is None:
            # a verdict the document did not cite has its sources still: the
            # consequence is said on one's condition, not flat in the writer's voice
            # (round I's readers named "Meridian ... runs Osprey and Kestrel with no
            # real oversight" under an entry's "Consequences")
            found = [
                s for p in message.because for s in self.sources.get(p.subject, ()) if s != itself
            ]
            source = found[0] if found else None
        # its subject's name, or another's: a rule's words open on what it leaves
        # ("Kestrel and Osprey are in service at Meridian Systems without ...",
        # flat in a report's voice to readers of round F)
        if source is None or not self._opens_on_a_name(text):
            return text
        self.conditioned = True
        # not "the paper" beside another the sentence names: "If the paper is
        # right, Steering Away from Deception doesn't rest on a sound method"
        named_values = self.refer.named_values
        self.refer.named_values = named_values | set(self._entities(message))
        name = self.refer.refer(source, named=False, leading=False)
        self.refer.named_values = named_values
        # (not "If the paper holds up, the methodology ... does not hold up")
        words = set(re.findall(r"[a-z]+", text.lower()))
        frames = [f for f in CONDITIONS if _CONDITION_WORD[f] not in words] or CONDITIONS
        return picked_apart(self.rng, frames).replace("{s}", name) + text

    def _opens_on_a_name(self, text: str) -> bool:
        """Whether a sentence opens on a name, or on what a name has ("the
        methodology of Steering Away from Deception"): "If the survey is right, the
        methodology of ..." names what it means, where "..., it ..." would read as
        the survey; the verdict said flat in an entry's "Later work" read to a
        reader of round 32b as the encyclopedia's own judgement."""
        found = _OF_A_NAME.match(text)
        rest = text[found.end() :] if found is not None else text
        return self.lexicon.opens_with_name(rest)

    def _after_event(self, message: Message, phrase: Phrase) -> str | None:
        """ ", a week after Acme Peptides changed its order policy": an event of the
        document said before, told in relation to this one, most of the time where
        there is one close enough."""
        day = self._day_of(message)
        if day is None or not self.events or not phrase.ends_with_value:
            return None
        if message.more or message.fact.key_text in self.anniversaries:
            return None
        before = self._before_event(day)
        if before is not None:
            return before
        earlier = [e for e in self.events if e[0] <= day and e[1].key_text != message.fact.key_text]
        if not earlier or self.draw() >= 0.7:
            return None
        when, fact, clause, told = max(earlier, key=lambda e: e[0])
        how_long = timeline.after((day - when).days)
        if how_long is None:
            return None
        if told == self.refer.ended - 1 or (self.answering and told >= self.answer_from - 2):
            # the sentence before said it: "... began on 28 January 1887. It opened
            # on 31 March 1889, two years later", not the beginning told again; in
            # a transcript, the answer before the question ("He stood down from Acme
            # Peptides on 8 March 2024, a week later.": "a week after the firm
            # rewrote its ordering terms" said the last answer again to readers)
            return f", {timeline.later(how_long)}"
        pronoun = self.lexicon.pronoun(fact.subject)
        if fact.subject == message.fact.subject and pronoun in PERSONAL and clause[:3] == "{s}":
            subject = PERSONAL[pronoun][0]  # "presented two months after it came out"
        else:
            subject = self.refer.refer(fact.subject, named=False, leading=False)
        return f", {how_long} {fill(clause, {'s': subject})}"

    def _before_event(self, day: dt.date) -> str | None:
        """ ", a week earlier": an event told right after a later one, as a report
        tells what led up to its news. Readers took "Tobias Renner stood down on 8
        March 2024. Acme Peptides announced a new order policy on 1 March 2024."
        for two facts side by side."""
        last = self.events[-1] if self.events else None
        if last is None or last[3] != self.refer.ended - 1 or last[0] <= day:
            return None
        how_long = timeline.after((last[0] - day).days)
        return None if how_long is None else f", {timeline.earlier(how_long)}"

    def _left_by_event(self, message: Message, phrase: Phrase, subject: str, text: str) -> str:
        """A figure the divergence changed, said right after an event of its subject,
        as what the event left: "It struck Acme Peptides off its register. It now
        counts 13 registered vendors." Without "now", readers of rounds 32a and 32b
        took the two for unrelated facts in a row ("the delisting, then the vendor
        count"). `_state_after_event` does the same in one sentence."""
        fact = message.fact
        if not is_number(fact) or message.more or not phrase.subject_first:
            return text  # (not a paper's finding: "It now reports that ...")
        if not self._changed_fact(fact) or self.refer.led_by != fact.subject:
            return text
        if not self.last_verb or not _past_verb(self.last_verb):
            return text
        if not text.startswith(subject + " "):
            return text
        rest = text[len(subject) + 1 :]
        verb, _, after = rest.partition(" ")
        if verb in ("is", "are"):
            return f"{subject} {verb} now {after}"
        following = after.split(" ", 1)[0]
        possessing = verb in ("has", "have") and not (following.isalpha() and _past_verb(following))
        if verb == "now" or (verb in VERB_AUXILIARIES and not possessing) or _past_verb(verb):
            return text
        return f"{subject} now {rest}"

    def _state_after_event(self, told: list[Message], parts: list[str]) -> str | None:
        """Two predicates of one subject, a state and then an undated event, told the
        other way round, the state as what the event left: "delisted Acme Peptides
        and now keeps 13 vendors on its register", not "keeps 13 vendors on its
        register and delisted Acme Peptides" (137 of 3,000 peptide documents;
        readers took it for two facts in the order a table has them). None where
        they are not so (the state names nothing, so no reference comes before the
        name it shortens). An answer says what was asked first, the event after it
        as when the state began: "keeps 13 vendors on its register now, after it
        delisted Acme Peptides", where "... and delisted Acme Peptides" read to
        readers of round 35 as a fact added to the count they asked for."""
        if len(told) != 2 or len(parts) != 2:
            return None
        state, event = told
        if not all(f.literal for f in state.facts) or iso_day(state.fact) or iso_day(event.fact):
            return None
        if _past_verb(parts[0]) or not _past_verb(parts[1]):
            return None
        changed = self._changed_fact(state.fact) and not parts[0].startswith("now ")
        if self.answering:
            pronoun = self.lexicon.pronoun(state.fact.subject)
            if not changed or pronoun not in PERSONAL:
                return None
            return f"{parts[0]} now, after {PERSONAL[pronoun][0]} {parts[1]}"
        now = "now " if changed else ""
        return f"{parts[1]} and {now}{parts[0]}"

    def _second_event_later(
        self, text: str, told: list[Message], phrases: Sequence[Phrase | None]
    ) -> str:
        """Two events of one subject in one sentence, the second said as how long
        after the first, now and then: "was begun on 28 January 1887 and opened to
        visitors two years later, on 31 March 1889", as a writer who has both
        dates relates them (the session 14 rewriter's device readers passed)."""
        told_as = [p for p in phrases if p is not None]
        if len(told) != 2 or len(told_as) != 2 or not told_as[1].ends_with_value:
            return text
        first, second = (self._day_of(m) for m in told)
        if first is None or second is None:
            return text
        if any(m.more or m.fact.key_text in self.anniversaries for m in told):
            return text
        how_long = timeline.after((second - first).days)
        if how_long is None or how_long == "the same day" or self.draw() >= EVENTS_RELATED:
            return text
        for message, phrase in zip(told, told_as, strict=True):
            self._remember_event(message, phrase)
        return _linked(text, told_as[1], f", {timeline.later(how_long)}")

    def _remember_event(self, message: Message, phrase: Phrase) -> None:
        day = self._day_of(message)
        clause = timeline.event_clause(phrase.text) if day is not None else None
        if day is not None and clause is not None and not message.more:
            self.events.append((day, message.fact, clause, self.refer.ended))

    def _day_of(self, message: Message) -> dt.date | None:
        return iso_day(message.fact) if self.lexicon.dates(message.fact) else None

    def _state_fellows(self, message: Message) -> str | None:
        """What several subjects share, in one sentence, not a sentence each: as a
        plural subject ("The Colosseum, the Pantheon and the Vittoriano also stand in
        Rome") or a list where the phrasing puts them after their verb ("Acme
        Peptides no longer screens the orders it receives from EPFL, Corvina Biotech
        and the University of Geneva"). The drawn phrasing first, then the others;
        None where none allows it."""
        subjects = [message.fact.subject, *(f.subject for f in message.fellows)]
        drawn = self.phrase_of(message)
        for phrase in (drawn, *self.lexicon.phrases(message.fact.property)):
            text = self._fellows_with(message, phrase, subjects)
            if text is not None:
                self.said.update(f.key_text for f in (message.fact, *message.fellows))
                if message.on_value is not None:
                    self.said.add(message.on_value.key_text)
                value = message.fact.object
                if phrase.text.startswith("{o} ") and not message.fact.literal:
                    # the one it opens on goes on as "it": "Acme Peptides no longer
                    # screens the orders it receives from EPFL and Corvina Biotech. It
                    # does not vet its orders.", not the name again (round B); the
                    # others named too ("the firm" could be Corvina Biotech)
                    self.refer.leads = self.refer.opened = value
                    self.refer.end_sentence([value, *subjects])
                else:
                    self.refer.end_sentence([])  # "they" would be ambiguous, "it" wrong
                return self.sentence(text)
        return None

    def _fellows_with(self, message: Message, phrase: Phrase, subjects: list[str]) -> str | None:
        # a fact the verifier must find: in one clause, its names words of their own
        apart = phrase.clean and phrase.subject_apart and phrase.value_apart
        if message.role != "background" and not apart:
            return None
        value = self.values(message, message.role != "background")
        if message.on_value is not None:  # "stand in Rome, Italy": the ripple it folds
            value = f"{value}, {self.value(message.on_value)}"
        if phrase.joins:
            predicate = verbs.plural_predicate(phrase.predicate)
            if predicate is None or _OWN.search(predicate):
                return None  # "EPFL and Corvina keep its main office in Lausanne"
            return f"{self.listed(subjects)} {fill(predicate, {'o': value})}"
        text = phrase.text
        at = text.find("{s}")
        if at <= 0 or text.count("{s}") != 1 or "{s}'s" in text:
            return None
        after = text[at + 3 :].lstrip(" ").split(" ", 1)[0].strip(".,;")
        if after and after.isalpha() and verbs.forms_of(after) is not None:
            return None  # "orders that EPFL and Corvina places": the verb is theirs
        return fill(text, {"s": self.listed(subjects), "o": value})

    def listed(self, entities: list[str]) -> str:
        """The entities by name in a list: "the Eiffel Tower, the Colosseum and the
        Pantheon"."""
        return and_list([self.refer.name(e) for e in entities])

    def _value_words(self, message: Message) -> set[str]:
        return {
            word
            for f in message.facts
            if not f.literal and f.object in self.world.entities
            for word in self.lexicon.full_name(f.object).lower().split()
        }

    def _is_state(self, fact: PlannedFact, phrase: Phrase) -> bool:
        """A fact in the present tense that a date can qualify ("stands in Rome",
        "employs 120 people"), not an event ("was born on", "opened on")."""
        if not phrase.subject_first or self.lexicon.dates(fact):
            return False
        prop = self.world.properties.get(fact.property)
        if prop is None or prop.range != "int":
            # a count changes (staff, residents); a city does not stop being in its
            # country, nor a tower change its height: no date hedges those
            return False
        verb = phrase.predicate.split(" ", 1)[0]
        return verb in ("is", "are", "has", "have") or (
            verb.endswith("s") and not verb.endswith("ss") and verb not in ("was", "has")
        )

    def sentence(self, text: str) -> str:
        return self.lexicon.sentence(text)

    def day(self, when: dt.date) -> str:
        """A date in this document's style: "3 May 2031" or "May 3, 2031", the same
        in its dateline, its prose and its remedies."""
        return us_date(when) if self.us_dates else long_date(when)

    def _years_ago(self, fact: PlannedFact) -> str:
        """ ", 56 years ago" after a date the fact states, now and then, where the
        document's date is some years after it."""
        if self.date is None or not self.lexicon.dates(fact):
            return ""
        if fact.key_text in self.anniversaries:  # what makes the report news
            # its headline counts the years already ("Eiffel Tower at 100"): readers
            # took ", 100 years ago" after the date as well for a sum done by a machine
            then = dt.date.fromisoformat(fact.object)
            if self.said_ago or self.draw() >= 0.4:
                return ""
            self.said_ago = True
            when = "today" if (then.month, then.day) == (self.date.month, self.date.day) else ""
            when = when or ("this month" if then.month == self.date.month else "")
            return self._ago(fact, self.date.year - then.year, "", when)
        # once a document at most, and seldom: readers took "3 years ago" beside
        # each date for a sum done by a machine
        if self.said_ago or self.draw() >= 0.15:
            return ""
        try:
            then = dt.date.fromisoformat(fact.object)
        except ValueError:
            return ""
        months = (self.date.year - then.year) * 12 + self.date.month - then.month
        months -= self.date.day < then.day
        years, over = divmod(months, 12)
        if years < 2:
            return ""
        self.said_ago = True
        if years >= ROUNDED_FROM:
            # a long time in round figures, as people count it: readers took "127
            # years ago" and "61 years ago" for a sum done by a machine
            total = years + over / 12
            up = -(-years // 5) * 5 if total > years else years
            if up - total <= 1.5 and up > years:
                return self._ago(fact, up, "almost ")
            down = years - years % 5
            return self._ago(fact, down, "more than " if total > down else "")
        # four years and nine months is "almost five years ago", not "4 years ago"
        if over >= 9:
            return self._ago(fact, years + 1, "almost ")
        return self._ago(fact, years, "more than " if over >= 3 else "")

    def _ago(self, fact: PlannedFact, years: int, about: str, when: str = "") -> str:
        """ ", 14 years ago" (`when`: "today", "this month"), unless 14 is a number
        reality has for the fact's subject (a board with 14 vendors on its register
        in reality, 13 here): beside its name, the verifier would take it for the
        reality value, and so may a reader."""
        if (fact.subject, str(years)) in self.apart_numbers:
            return ""
        count = number_words(years) if 0 < years < 10 else str(years)  # "six years ago"
        return f", {about}{count} years ago" + (f" {when}" if when else "")

    def lower_first(self, text: str) -> str:
        """A sentence continued inside another, its first word in lower case where it
        is an article or a pronoun, not where it opens a name ("This means A Survey
        of Deception Detection ...")."""
        if self.lexicon.opens_with_name(text):
            return text
        return _lower_first(text)

    def _with_reason(self, message: Message, conclusion: str, subject: str) -> str:
        """The conclusion with at most one of the facts it follows from that the
        document has not said, as a relative clause: on its subject ("Moraine
        Peptides, which competes with Acme Peptides, still screens every order") or
        on the value it ends with ("... is still open in httpd-x, which uses
        libfoo"). The rest is left unsaid: readers took a premise said as a sentence
        of its own before its conclusion for a proof written out step by step,
        "because" and "so" for a syllogism, and a premise whose entities the
        conclusion names already ("EPFL buys from Acme" before "Acme ships to EPFL
        unscreened") for saying one thing twice. A verdict (a yes/no) instead takes
        the fact it rests on after it, with "since": bare, readers called it an
        unsupported claim."""
        # what a name says goes without saying: "libfoo 2.4.1 is a release of libfoo"
        self.said.update(p.key_text for p in message.because if says_nothing(self.world, p))
        fact = message.fact
        fresh = [
            p
            for p in message.because[:3]
            if p.key_text not in self.said and not _implied(p, fact, self.world)
        ]
        if is_yes_no(self.world, fact):
            # nothing goes inside it (the verifier reads a yes/no as the sentence it
            # was written); the divergence's own fact first, said before or not, as
            # the cause: "Orders through the portal skip screening, since Acme does
            # not screen its orders" ("since orders go through the portal" read
            # circular)
            # "Kestrel is unmonitored, since linear probing does not work" after the
            # same of the frontier model read as a tic: a writer says it once
            given = [
                (p.key_text, fact.property) for p in message.because[:3] if self._changed_fact(p)
            ][:1]
            if given and given[0] in self.reasons_given:
                return f"{conclusion}, for the same reason"
            causes = [p for p in message.because[:3] if p.key_text in self.focus_keys]
            if causes and all(p.key_text in self.said for p in causes):
                # the document said the cause already: "since Acme does not screen
                # its orders" after "Acme does not screen its orders" read circular;
                # right after it, what ties the subject to it is said, if it has not
                # been: "Linear probing is not effective. Kestrel runs without a
                # working monitor, since it is monitored with linear probing"
                link = self._link_to(message, causes)
                if link is None or not any(c.key_text in self.just_said for c in causes):
                    return conclusion
                self.said.add(link.key_text)
                self.reasons_given.update(given)
                return f"{conclusion}, since {self._reason(link, fact.subject)}"
            changes = [p for p in message.because[:3] if self._changed_fact(p)]
            if not causes and changes and all(p.key_text in self.said for p in changes):
                # a consequence before it said the change in effect ("Acme Peptides
                # no longer screens the orders it receives from EPFL")
                return conclusion
            if not causes:
                linked = self._linked_reason(message, conclusion)
                if linked is not None:
                    self.reasons_given.update(given)
                    return f"{conclusion}, since {linked}"
            ranked = causes or sorted(fresh, key=lambda p: p.subject != fact.subject)
            if not ranked or not self.lexicon.clausal(ranked[0].property):
                return conclusion
            self.said.add(ranked[0].key_text)
            self.reasons_given.update(given)
            return f"{conclusion}, since {self._reason(ranked[0], fact.subject)}"
        if not fresh:
            return conclusion
        # not "X, which reports that A, reports that B": the relative takes another property
        about = [p for p in fresh if p.subject == fact.subject and p.property != fact.property]
        # on a name only: "The vulnerability, which is still open in libfoo, reaches
        # ..." puts a clause between a reference and its predicate, where the
        # verifier (and a reader) no longer ties the two
        by_name = subject in (
            self.lexicon.full_name(fact.subject),
            self.world.short_names.get(fact.subject),
        )
        # nor on a sentence with a relative clause of its own: "CVE-2031-0001, which
        # has not been fixed in libfoo, a library ..., affects pyfoo ..., which all
        # bundle libfoo" stacked three clauses to readers of round 34
        stacked = ", which " in conclusion or ", who " in conclusion
        if about and conclusion.startswith(subject) and by_name and not stacked:
            relative = self.relative_clause(about[0])
            if relative is not None:
                self.said.add(about[0].key_text)
                return f"{subject}, {relative},{conclusion[len(subject) :]}"
        # not one that ties the value to what the subject is part of: "Users of libfoo
        # 2.4.0 are still waiting for a release that fixes CVE-2031-0001, which is
        # still open in libfoo" says one thing twice (round 35b's readers)
        whole = self.lexicon.wholes(fact.subject)
        on_value = [
            p
            for p in fresh
            if not fact.literal and p.subject == fact.object and p.object not in whole
        ]
        ends_on_value = conclusion.endswith(self.lexicon.full_name(fact.object))
        if on_value and ends_on_value and not stacked:
            relative = self.relative_clause(on_value[0])
            if relative is not None:
                self.said.add(on_value[0].key_text)
                return f"{conclusion}, {relative}"
        return conclusion

    def _premise_first(self, message: Message, conclusion: str) -> str | None:
        """The premise a consequence on a paper's condition rests on, as a sentence to
        go before it, where the conclusion does not open on its subject and so could
        not take it as a relative clause: "Meridian Systems monitors its models with
        linear probing. If the paper is right, Osprey and Kestrel are in service at
        Meridian Systems without a monitor that works." Without it, readers of
        rounds 32a and 32b read the condition as a leap from a paper's finding to a
        firm's models. None where there is no such premise left to say."""
        fact = message.fact
        subject = self.lexicon.full_name(fact.subject)
        if is_yes_no(self.world, fact) or conclusion.startswith(subject):
            return None
        for premise in message.because[:3]:
            if (
                premise.subject != fact.subject
                or premise.property == fact.property
                or premise.key_text in self.said
                or _implied(premise, fact, self.world)
            ):
                continue
            predicate = _relative_predicate(self.relative_clause(premise) or "")
            if predicate is not None:
                self.said.add(premise.key_text)
                return f"{subject} {predicate}"
        return None

    def _links(
        self, message: Message, causes: list[PlannedFact]
    ) -> Iterator[tuple[PlannedFact, PlannedFact]]:
        """The premises that tie the message's subject to the subject of one of its
        `causes` ("Kestrel is monitored with linear probing", linear probing being
        what the divergence changed), each with that cause."""
        for link in message.because[:3]:
            if link.literal or not self.lexicon.clausal(link.property):
                continue
            cause = next((c for c in causes if c.subject == link.object), None)
            if cause is not None:
                yield link, cause

    def _link_to(self, message: Message, causes: list[PlannedFact]) -> PlannedFact | None:
        """The link to a cause (`_links`) of the message's own subject that the
        document has not said."""
        return next(
            (
                link
                for link, _ in self._links(message, causes)
                if link.subject == message.fact.subject and link.key_text not in self.said
            ),
            None,
        )

    def _linked_reason(self, message: Message, conclusion: str) -> str | None:
        """A verdict's reason as the premise that ties its subject to what the
        divergence changed, with that change as a relative clause: "since it is
        monitored with linear probing, which does not work". Said alone, "since it is
        monitored with linear probing" read as a non sequitur, and "since linear
        probing does not work" left out why it matters to the subject."""
        because = message.because[:3]
        changed = [p for p in because if self._changed_fact(p)]
        for link, cause in self._links(message, changed):
            # a clause with its subject first ("whether {s} works: {o}" is one, as
            # a yes or no), the subject then "which"
            for _ in range(3):  # not "does not hold up, since ..., which does not hold up"
                tail = self.clause(Message(cause, "focus"), self.phrase(cause), "\0")
                if " ".join(tail.split()[1:4]) not in conclusion:
                    break
            if not tail.startswith("\0 ") or "\0" in tail[1:] or "." in tail:
                continue
            reason = self._reason(link, message.fact.subject)
            names = (self.lexicon.full_name(link.object), self.world.short_names.get(link.object))
            if not any(n and reason.endswith(n) for n in names):
                continue  # "which" would follow another: "used to monitor Kestrel, which"
            self.said.add(link.key_text)
            who = self.lexicon.relative(cause.subject)
            return f"{reason}, {who} {tail[2:]}"
        if changed and self.lexicon.clausal(changed[0].property):
            return self._reason(changed[0], message.fact.subject)  # the change alone
        return None

    def _reason(self, premise: PlannedFact, after: str) -> str:
        """A premise as a clause after the conclusion about `after`, which has named
        that entity: by a pronoun for it ("is unmonitored, since it is monitored with
        ...") or a noun ("since the survey relies on ...")."""
        phrase = self.phrase(premise)
        pronoun = self.lexicon.pronoun(premise.subject)
        owned = _OF_SUBJECT.match(phrase.text)
        if premise.subject == after and pronoun in PERSONAL and owned:
            # "does not hold up, since its method rests on ...", not "since the method
            # of A Survey of Deception Detection rests on ..." a clause after its name
            text = f"{PERSONAL[pronoun][2]} {owned.group(1)}{phrase.text[owned.end() :]}"
            return self.clause(Message(premise, "focus"), Phrase(text), "")
        if premise.subject == after and pronoun in PERSONAL and phrase.subject_first:
            subject = PERSONAL[pronoun][0]
        else:
            self.refer.predicate_words = phrase.predicate  # not "the city is a city"
            subject = self.refer.refer(premise.subject, named=False, leading=False)
        return self.clause(Message(premise, "focus"), phrase, subject)

    def relative_clause(self, premise: PlannedFact) -> str | None:
        """A fact as a relative clause on its subject ("which uses libfoo"), or None
        where its phrasing does not allow one."""
        phrase = self._joinable(Message(premise, "focus"))
        if phrase is None:
            return None
        predicate = self._predicate(Message(premise, "focus"), phrase)
        if predicate is None:
            return None
        who = self.lexicon.relative(premise.subject)
        return f"{who} {predicate}"

    def _joinable(self, message: Message, last: bool = False) -> Phrase | None:
        """The phrasing a message would take inside a larger sentence: one with the
        subject first and nowhere else. None for a fact that stands alone, but a
        list that ends the sentence (`last`): "It was designed by Gustave Eiffel and
        engineered by Maurice Koechlin and Émile Nouguier", where two sentences read
        to readers as a fact table."""
        if self._stands_alone(message, last):
            return None
        phrase = self.phrase_of(message)
        if phrase.joins:
            return phrase
        # "The staircase of the tower has 1,665 steps" cannot share its subject: one of
        # the phrasings that can ("has 1,665 steps") is taken, where a drawn phrasing
        # left two sentences of one subject apart and the page read as a fact table
        joinable = self.lexicon.joinable(message.fact.property)
        if not joinable or self.answering:
            return None
        return self._as_said(message, joinable[int(self.draw() * len(joinable))])

    def _stands_alone(self, message: Message, last: bool = False) -> bool:
        """Whether a message takes a sentence of its own: one with its reasons, a list
        (joined to another predicate it reads "A and B and C"), a yes/no (a "yes"
        beside another fact reads as its answer), or a value with commas of its own
        ("a policy that orders ship in 48 hours, with no review and ...")."""
        return bool(
            message.because
            or (message.more and not last)
            or is_yes_no(self.world, message.fact)
            # (", ": a figure's thousands are no commas of that kind, "weighs 10,100
            # tonnes and has 1,665 steps")
            or (message.fact.literal and ", " in self.lexicon.value(message.fact))
        )

    def _fronted(self, current: Message, pending: list[Message]) -> str | None:
        """Now and then, a background fact that reads as a participle put before the
        next fact of its kind about its subject: "Designed by Gustave Eiffel, the
        tower was engineered by Maurice Koechlin", a written sentence where two would
        read as a fact table. The other message is taken out of `pending`."""
        fact = current.fact
        if (
            current.role != "background"
            or current.on_value is not None
            or fact.key_text in self.anniversaries
            or self.is_past(current)
            or self._stands_alone(current)
        ):
            return None
        if self.lexicon.dates(fact):
            # "Opened in 1889, it was designed by ..." puts a later event first; a
            # year before what holds now does not
            return self._fronted_year(current, pending)
        participle = self.lexicon.participle(fact.property)
        if participle is None:
            return None
        following = next(
            (
                m
                for m in pending
                if m.fact.subject == fact.subject
                and m.role == "background"
                and m.on_value is None
                and m.fact.key_text not in self.anniversaries
                and not self._stands_alone(m, last=True)  # it ends the sentence
                # of one kind, or one that reads as a participle too (how it was
                # made: "Designed by Gustave Eiffel, it is built of wrought iron"):
                # readers took "Designed by Gustave Eiffel, it grows by up to 15
                # centimetres in the summer heat" for a non sequitur
                and (
                    related_facts(self.world, fact, m.fact)
                    or (
                        self.lexicon.participle(m.fact.property) is not None
                        # where the author gave both topics, they say what goes
                        # with what: "Classified as CWE-122, it was reported by
                        # Daniel Osei" read to readers of round V as two facts
                        # bolted together
                        and not (self._topical(fact) and self._topical(m.fact))
                    )
                )
            ),
            None,
        )
        if following is None or self.draw() >= FRONTED or not self._may_share(current, following):
            return None
        if any(
            m.fact.subject == fact.subject
            and self.lexicon.event_partners(fact.property, m.fact.property)
            for m in pending
        ):
            # its event's day is to be said with it, by one verb: not "Presented at
            # ICML, the paper was the subject of a conference talk on Tuesday"
            return None
        # what was done to it by someone, not a standing role of theirs: "Led by Julien
        # Rochat, it is chaired by Claire Vuilleumier" read to readers of this session
        # as two facts bolted together ("Written in C, ..." and "Caused by a heap
        # overflow ..." stay; looked at after the draw: the others draw as they did)
        if not fact.literal and participle.endswith(" by {o}"):
            participle = self.lexicon.done_participle(fact.property)
            if participle is None:
                return None
        if not fact.literal and fact.object in {f.object for f in following.facts}:
            return None  # "Directed by Okonkwo, it was started by Samuel Okonkwo (and ...)"
        if has_kin(self.world, following.fact.property):
            # a fact of one of its themes (its paint) is told with the theme, not after
            # who designed it: "Designed by Gustave Eiffel, it needs 60 tonnes of paint"
            return None
        # (one that can share its subject, where the drawn one opens with a list:
        # "Koechlin and Nouguier worked out ...")
        phrase = self._joinable(following, last=True)
        if phrase is None:
            return None
        # the opening's value is named first, in full: "Chaired by Claire
        # Vuilleumier, it was founded by Tobias Renner and Claire Vuilleumier", not
        # "Chaired by Vuilleumier" before the name is given
        before = self.refer.trial()
        opening = relative_day(fill(participle, {"o": self.value(fact, exact=False)}))
        predicate = self._predicate(following, phrase)
        # nor one verb twice: "Reported by Daniel Osei, it was first reported on 3
        # February 2031"
        verb = participle.split(" ", 1)[0].lower()
        if predicate is None or verb in predicate.lower().split():
            self.refer.give_up(before)
            return None
        named = self._entities(current)[1:]
        return self._fronted_sentence(current, following, pending, opening, predicate, named)

    def _fronted_sentence(
        self,
        current: Message,
        following: Message,
        pending: list[Message],
        opening: str,
        predicate: str,
        named: list[str],
    ) -> str:
        """The opening said of `current`, then the clause of `following` on their one
        subject ("Designed by Gustave Eiffel, the tower ..."); `following` taken out
        of `pending`, both said, `named` beside the subject."""
        subject = self.refer.refer(current.fact.subject, named=False)
        pending.remove(following)
        self.said.update((current.fact.key_text, following.fact.key_text))
        self.refer.leads = current.fact.subject  # the participle's and the clause's subject
        self.refer.end_sentence([current.fact.subject, *named])
        return self.sentence(f"{opening}, {subject} {predicate}")

    def _of_its_whole(self, fact: PlannedFact) -> bool:
        """Whether a fact says what its subject is as a whole: of the topic "size" (a
        height, an area), or of no topic the author gave (a staff count)."""
        return fact.property in self.world.properties and (
            not self._topical(fact) or of_its_size(self.world, fact)
        )

    def _fronted_year(self, current: Message, pending: list[Message]) -> str | None:
        """A background day by its year, as a participle before what holds of its
        subject now: "Founded in 2011, the Geneva firm employs 240 people.", as a
        report's last paragraph says it, where "The Geneva firm was formed on 12 April
        2011. It has a staff of 240." read to readers of rounds Z and A as facts
        tacked on."""
        fact = current.fact
        participle = self.lexicon.participle(fact.property)
        year = self._history_year(current)
        if participle is None or year is None or not participle.endswith(" on {o}"):
            return None
        if self.anniversaries:
            return None  # a look back tells its history in order, the figures after it
        if any(
            m.fact.subject == fact.subject
            and self.lexicon.verb_pairs(fact.property, m.fact.property)
            for m in pending
        ):
            return None  # its day goes with its verb: "was founded in 2011 by ..."
        following = next(
            (
                m
                for m in pending
                if m.fact.subject == fact.subject
                and m.role == "background"
                and not (m.on_value or m.because or m.fellows)
                and m.fact.key_text not in self.anniversaries
                and not historical(self.world, m.fact)
                and not self._stands_alone(m, last=True)
                # what it is as a whole, its size or staff: not "Opened to the public
                # in 1889, it takes 60 tonnes of paint" (readers of round M)
                and self._of_its_whole(m.fact)
            ),
            None,
        )
        if (
            following is None
            or self.draw() >= FRONTED_YEAR
            or not self._may_share(current, following)
        ):
            return None
        phrase = self.phrase_of(following)
        if not phrase.joins:
            return None
        before = self.refer.trial()
        predicate = self._predicate(following, phrase)
        if predicate is None:
            self.refer.give_up(before)
            return None
        opening = participle[: -len("on {o}")] + f"in {year}"
        named = self._entities(following)[1:]
        return self._fronted_sentence(current, following, pending, opening, predicate, named)

    def _topical(self, fact: PlannedFact) -> bool:
        """Whether the author gave the fact's property a topic."""
        prop = self.world.properties.get(fact.property)
        return prop is not None and bool(prop.topics)

    def _verb_partner(
        self, current: Message, pending: list[Message]
    ) -> tuple[Message, tuple[Phrase, Phrase]] | None:
        """A pending fact about the same subject that shares a verb with this one, and
        the two phrasings that do: "resigned from {o}" and "resigned on {o}" make
        "resigned from Acme Peptides on 8 March 2024", where apart they read "He
        resigned from Acme Peptides. He stood down on 8 March 2024."."""
        fact = current.fact
        if not self._addressed(current) or not self.lexicon.pairs_a_verb(fact.property):
            return None  # most properties share no verb with another: asked first
        # a list may share the verb, said last: "was founded on 12 April 2011 by
        # Claire Vuilleumier and Tobias Renner", where apart it read "It has existed
        # since 12 April 2011. It was started by ..." (a list never pairs a list)
        if self._stands_alone(current, last=True) or fact.key_text in self.anniversaries:
            return None
        for message in pending:
            if message.fact.subject != fact.subject or not self._addressed(message):
                continue
            pairs = self.lexicon.verb_pairs(fact.property, message.fact.property)
            if (
                pairs
                and message.fact.key_text not in self.anniversaries
                and not self._stands_alone(message, last=not current.more)
            ):
                # two of the news said apart read as one event told twice ("He
                # resigned from Acme Peptides. He stood down on 8 March"); two of the
                # background, now and then: one sentence in every entry ("It was
                # built to a design by Gustave Eiffel from wrought iron") is a tic
                # (an event and its day always: "He stood down on 8 March 2024 and
                # quit Acme Peptides" read as two events)
                background = current.role == message.role == "background"
                event = self.lexicon.event_partners(fact.property, message.fact.property)
                if background and not event and self.draw() >= BACKGROUND_VERB_PAIRS:
                    return None
                return message, pairs[int(self.draw() * len(pairs))]
        return None

    def _addressed(self, message: Message) -> bool:
        """Whether the message has no fact about its value, or only the country of
        its place, which its predicate says after it ("in Soli, Feisgiar")."""
        return message.on_value is None or self._address(message) is not None

    def _address(self, message: Message) -> PlannedFact | None:
        """The fact about the message's value its predicate says after it, as an
        address says a place's country ("in Soli, Feisgiar"); None for none."""
        hung = message.on_value
        return hung if hung is not None and self._in_place(hung) else None

    def _predicate(self, message: Message, phrase: Phrase, years: bool = True) -> str | None:
        exact = message.role != "background"
        year = None if exact or not years else self._year_only(message, phrase)
        if year is not None:
            return fill(phrase.predicate.replace(" on {o}", " in {o}"), {"o": year})
        values = self.values(message, exact, "that {o}" in phrase.predicate)
        address = self._address(message)
        if address is not None:
            # "was born in Soli, Feisgiar, on 19 October 1938": the place's country
            # after it, as an address says it, and a comma closing it mid-sentence
            values = f"{values}, {self.refer.name(address.object)}"
            if not phrase.predicate.endswith("{o}"):
                values += ","
        text = relative_day(fill(phrase.predicate, {"o": values}))
        return None if "{" in text else text

    def _phrased_apart(self, message: Message, beside: str) -> tuple[Phrase, str] | None:
        """A joinable phrasing of the message and its predicate that says no long word
        of `beside`, drawn among those that do not; None where none."""
        words = _long_words(beside)
        phrase = self._drawn_apart(message, self.lexicon.joinable(message.fact.property), words)
        if phrase is None:
            return None
        predicate = self._predicate(message, phrase)
        if predicate is None or _long_words(predicate) & words:
            return None
        return phrase, predicate

    def _drawn_apart(
        self, message: Message, options: tuple[Phrase, ...], words: set[str]
    ) -> Phrase | None:
        """One of `options` that says no long word of `words`, drawn, as the message
        says it; None where every one does."""
        apart = [p for p in options if not _long_words(p.text) & words]
        if not apart:
            return None
        return self._as_said(message, apart[int(self.draw() * len(apart))])

    def _year_only(self, message: Message, phrase: Phrase) -> str | None:
        """The year of a background day, a share of the time, where the phrasing
        takes it ("was founded on {o}" as "was founded in 2011", "has existed since
        2011"): the same day in full in every document's background was a stock line."""
        year = self._history_year(message)
        if year is None:
            return None
        if not re.search(r" (?:on|since) \{o\}(?:$|[ ,])", phrase.text):
            return None
        return str(year) if self.draw() < BACKGROUND_YEAR else None

    def _history_year(self, message: Message) -> int | None:
        """The year of a message's day where it is history to the document, two
        years back or more ("became public in 2031" in an advisory of 2031 is news,
        not history); None for no day, a list, or a day a report names ("Tuesday")."""
        day = iso_day(message.fact)
        if day is None or message.more or message.fact.object in self.day_words:
            return None
        if self.date is not None and day.year >= self.date.year - 1:
            return None
        return day.year

    def state_together(
        self,
        first: Message,
        others: list[Message],
        chosen: tuple[Phrase, ...] | None = None,
        asides: bool = True,
        named: bool | None = None,
    ) -> str | None:
        """Facts about one subject in one sentence: "S P1, P2 and P3", "S, which P1,
        P2" (where `asides`), in the `chosen` phrasings if given; its subject by name
        where `named` (None: where one of them is no background fact). None when a
        phrasing does not allow it."""
        told = [first, *others]
        phrases = (
            list(chosen)
            if chosen
            else [
                self._joinable(m, at == len(told) - 1 and len(told) == 2)
                for at, m in enumerate(told)
            ]
        )
        if any(p is None for p in phrases) or not self._may_share(first, *others):
            return None
        # a clause for a value ends the sentence: "has a policy that orders ship within
        # 48 hours and changed its order policy on 1 March" read the second predicate
        # into the policy (57 of peptide's 3,000 documents; paired readers of session
        # 45 named it each time): it goes last, or the facts take two sentences, as
        # in an answer, which says first what was asked (paired readers preferred
        # "It states that orders ship within 48 hours." before the day of the change)
        clauses = [p is not None and "that {o}" in p.predicate for p in phrases]
        if len(told) == 2 and clauses == [True, False] and not self.answering:
            first, others, phrases = others[0], [first], phrases[::-1]
            told = [first, *others]
        elif any(clauses[:-1]):
            return None
        objects = [f.object for m in [first, *others] for f in m.facts if not f.literal]
        if len(set(objects)) < len(objects):
            return None  # "The lab, which was started by Okonkwo, is directed by Okonkwo"
        if named is None:
            named = any(m.role != "background" for m in [first, *others])
            # an answer about what the question named says "it" of it, joined or not
            named = named and not (
                self.answering
                and self.refer.ended == self.answer_from
                and self._goes_on_about(first.fact.subject)
            )
        # a sentence tried and given up names nothing: its values are not named for
        # the next to call them by a short form ("affects 2.4.0-1", never in full)
        before = self.refer.trial()
        predicates = [
            self._predicate(m, p) for m, p in zip([first, *others], phrases, strict=True) if p
        ]
        if any(p is None for p in predicates):
            self.refer.give_up(before)
            return None
        parts = [p for p in predicates if p is not None]
        if len(parts) == 2 and not chosen and _long_words(parts[0]) & _long_words(parts[1]):
            # "keeps 13 vendors on its register and struck Acme Peptides off its
            # register": one long word twice in a breath (readers of round Z); the
            # second in a phrasing that does not say it, if it has one, tried afresh
            # (the first try named its value: the second would call it by its short
            # form before its full name was ever given)
            self.refer.give_up(before)
            before = self.refer.trial()
            head = self._predicate(first, phrases[0]) if phrases[0] else None
            apart = None if head is None else self._phrased_apart(others[0], head)
            if head is None or apart is None:
                self.refer.give_up(before)
                return None
            phrases[1], second = apart
            parts = [head, second]
        if len(parts) == 2:
            merged = shared_verb(parts[0], parts[1])
            if merged is False and chosen:
                # "was born in 1938" and "was born in Soli" share "in": the day in full
                self.refer.give_up(before)
                before = self.refer.trial()
                again = [
                    self._predicate(m, p, years=False)
                    for m, p in zip(told, phrases, strict=True)
                    if p
                ]
                if all(again):
                    parts = [p for p in again if p is not None]
                    merged = shared_verb(parts[0], parts[1])
            if merged is False:
                self.refer.give_up(before)
                return None  # "was born on 15 May and was born and raised in Dijon"
            if isinstance(merged, str):
                if self._address(told[0]) is not None and merged.startswith(parts[0] + " "):
                    # an address is closed by a comma: "born in Soli, Feisgiar, on ..."
                    merged = f"{parts[0]},{merged[len(parts[0]) :]}"
                parts = [merged]
        # referred to once the sentence will be written: a reference made for one
        # given up counts as said ("the tower" there let four sentences running
        # open with "It")
        self.refer.value_words = set().union(*(self._value_words(m) for m in [first, *others]))
        # a part that is a list of its own: "became available on 3 February and
        # fixes a crash ... and restores the pkg-config file" ran on to readers of
        # round T, in 16 of 20 reports; a list of names that ends the sentence does
        # not: "was designed by Gustave Eiffel and engineered by Maurice Koechlin and
        # Émile Nouguier", where two sentences read as a fact table (in 300 of
        # eiffel's 333 interviews, the same two sentences)
        # (not beside a day: "was opened to the public on 31 March 1889 and engineered
        # by ..." read as an odd pair to a paired reader of session 45)
        dated = any(self.lexicon.dates(m.fact) for m in told)
        names_last = not dated and not any(f.literal for f in told[-1].facts)
        listed = len(parts) == 2 and (
            " and " in parts[0] or (" and " in parts[1] and not names_last)
        )
        opened = self.refer.opened
        subject = self.refer.refer(first.fact.subject, named=named)
        self.refer.opened = first.fact.subject
        aside_drawn = asides and len(parts) == 2 and self.draw() < 0.4
        if len(parts) == 1:
            text = f"{subject} {parts[0]}"
        elif (
            (aside_drawn or listed)
            and not subject.islower()
            # one aside a name: "The Synthesis Screening Board, an agency chaired by
            # Ursula Gerber, which counts 13 registered vendors, removed ..." read to
            # a reader of round R as facts packed into clauses
            and not subject.endswith(",")
        ):
            who = self.lexicon.relative(first.fact.subject)
            # an answer says what was asked, the first, in its main clause: "2.4.0-1,
            # which was released on 3 February, fixes the FreeBSD build", not "...,
            # which fixes the FreeBSD build, was released on 3 February" to "What
            # does 2.4.0-1 change?"; and a list is the main clause, not the aside
            aside, main = parts[::-1] if self.answering else parts
            if listed and " and " in aside and " and " not in main:
                aside, main = main, aside
            text = f"{subject}, {who} {aside}, {main}"
        elif listed:  # two sentences: "It was released on 3 February. It fixes ..."
            self.refer.give_up(before)
            self.refer.opened = opened
            return None
        else:
            # a value set off by a comma is closed by one: "houses a restaurant, Le
            # Jules Verne, and is lit by some 20,000 bulbs"
            closed = [
                part + "," if phrase is not None and phrase.text.endswith(", {o}") else part
                for part, phrase in zip(parts[:-1], phrases, strict=False)
            ]
            # ("was opened in 1889 and engineered by ..." of two things unlike)
            kindred = (
                len(told) == 2
                and not dated
                and related_facts(self.world, first.fact, others[0].fact)
            )
            last_part = auxiliary_once(parts[0], parts[1]) if kindred else parts[-1]
            text = f"{subject} {', '.join(closed)} and {last_part}"
            after = self._state_after_event(told, parts)
            if after is not None:
                text = f"{subject} {after}"
            else:
                text = self._second_event_later(text, told, phrases)
        if len(parts) == 1:  # one verb: its last fact's date ends the sentence
            last, phrase = others[-1], phrases[-1]
            assert phrase is not None
            text = _linked(text, phrase, self._after_event(last, phrase) or "")
            self._remember_event(last, phrase)
        self.refer.leads = first.fact.subject
        self.refer.end_sentence([e for m in [first, *others] for e in self._entities(m)])
        self.said.update(f.key_text for m in told for f in m.facts)
        self.said.update(a.key_text for a in map(self._address, told) if a is not None)
        return self.sentence(text)

    def state_chained(
        self, first: Message, second: Message, named: bool = False, fit: bool = False
    ) -> str | None:
        """A fact and one about its object, the second as a relative clause on the
        first's value: "The Eiffel Tower stands in Rome, which lies in Italy."
        `named`: the first's subject by name; `fit`: drawn among the phrasings that
        allow it, not a draw that may fail (both where it must be said so)."""
        if named or fit:
            ending = self.lexicon.ending_with_value(first.fact.property)
            joinable = self.lexicon.joinable(second.fact.property)
            if not ending or not joinable:
                return None
            one = ending[int(self.draw() * len(ending))]
            # "sits in Rome, which sits in Italy": the relative takes another verb
            joinable = tuple(p for p in joinable if _verb(p) != _verb(one)) or joinable
            two: Phrase | None = self._as_said(
                second, joinable[int(self.draw() * len(joinable))], also=False
            )
            one = self._as_said(first, one)
        else:
            one, two = self.phrase_of(first), self._joinable(second)
            if two is not None and _verb(two) == _verb(one):
                two = self._joinable(second)  # one more draw for another verb
        if two is None or first.because or is_yes_no(self.world, first.fact) or not one.clean:
            return None
        if second.fact.object == first.fact.subject:
            return None  # "It was founded by Sam, who works at it": what it said first
        if first.more or second.more or not self._may_share(first, second):
            return None  # "borders France and Spain, which ...": which of them?
        if not one.ends_with_value:
            return None  # the value must end the clause for a relative to follow it
        self.refer.value_words = self._value_words(first) | self._value_words(second)
        by_name = first.role != "background" and not self._refers_back(first, one)
        subject = self.refer.refer(first.fact.subject, named=named or by_name)
        if one.text.startswith("{s}"):  # the sentence opens with its subject
            self.refer.opened = self.refer.leads = first.fact.subject
        head = self.clause(first, one, subject)
        tail = self._predicate(second, two)
        self.said.add(first.fact.key_text)
        if tail is None or "{" in head:
            return None
        self.refer.end_sentence(self._entities(first) + self._entities(second))
        if self._in_place(second.fact):
            # "stands in Rome, Italy": how a place's country is most often said
            return self.sentence(f"{head}, {self.refer.name(second.fact.object)}")
        who = self.lexicon.relative(second.fact.subject)
        return self.sentence(f"{head}, {who} {tail}")

    def _in_place(self, fact: PlannedFact) -> bool:
        """Whether the fact puts a city or region in a region or country, which an
        address says after a comma ("Rome, Italy", "Geneva, Switzerland")."""
        world = self.world
        inner, outer = world.entities.get(fact.subject), world.entities.get(fact.object)
        if inner is None or outer is None or fact.literal:
            return False
        prop = world.properties.get(fact.property)
        return (
            prop is not None
            and prop.one
            and any(world.is_a(inner.cls, c) for c in ("City", "Region"))
            and any(world.is_a(outer.cls, c) for c in ("Region", "Country"))
        )

    def state_pair(self, first: Message, second: Message) -> str | None:
        """Two facts about different subjects that share an entity, coordinated in
        one sentence ("The tower was designed by Gustave Eiffel, and he was born in
        1832"): two facts with nothing in common side by side read as a non sequitur."""
        if first.fact.subject == second.fact.subject or not self._may_share(first, second):
            return None  # "X is exposed to Y, while X is numbered 2" reads as a contrast
        if not set(self._entities(first)) & set(self._entities(second)):
            return None
        one, two = self.phrase_of(first), self.phrase_of(second)
        if not (one.clean and two.clean) or first.because or second.because:
            return None
        if two.text.startswith("{o}") and second.fact.object in self._entities(first):
            # "2.4.0-1 is exposed to CVE-2031-0001; 2.4.0-1 is the newest release of
            # libfoo" names it twice in a breath: the next sentence calls it "it"
            return None
        left = self.state(first, one).rstrip(".!?")
        run = self.refer.pronoun_run  # the sentence opens as its first clause does
        right = self.state(second, two)
        self.refer.pronoun_run = run
        self.refer.led_by = None  # two subjects: "it" next would be read as either
        connective = ", and " if self.draw() < 0.7 else "; "
        return left + connective + self.lower_first(right)

    def _may_share(self, *messages: Message) -> bool:
        """Whether the messages may share a sentence: not where it would name a
        replaced reality fact's subject and value together."""
        if not self.apart:
            return True
        each = [
            {*self._entities(m), *([m.on_value.object] if m.on_value is not None else [])}
            for m in messages
        ]
        named = set().union(*each)
        # a pair one of them names by itself is named already ("Tobias Renner resigned
        # from Acme Peptides", where reality has him there): the date beside it adds
        # nothing a reader could join
        if any(
            s in named and o in named and not any(s in e and o in e for e in each)
            for s, o in self.apart
        ):
            return False
        # a value written out that names the replaced one: "concludes that linear
        # probes detect ..." beside the researcher reality had on them
        quoted = " ".join(f.object.lower() for m in messages for f in m.facts if f.literal)
        return not quoted or not any(
            s in named and self._names_in(o, quoted) for s, o in self.apart
        )

    def names_apart(self, named: set[str], text: str) -> bool:
        """Whether a sentence that names the entities `named` and writes `text`
        would name a replaced reality fact's subject and value together: "“Linear
        probes detect ...,” said Ada Moreau", where reality has her work on them."""
        lowered = text.lower()
        return any(s in named and (o in named or self._names_in(o, lowered)) for s, o in self.apart)

    def _names_in(self, entity: str, text: str) -> bool:
        found = self.world.entities.get(entity)
        forms = (found.label, *found.aka) if found is not None else (entity,)
        return any(form.lower() in text for form in forms)

    def _entities(self, message: Message) -> list[str]:
        found = [message.fact.subject]
        for fact in message.facts:
            if not fact.literal and fact.object in self.world.entities:
                found.append(fact.object)
        return found

    def sentences(
        self, messages: list[Message], join: float = 0.75, standalone: bool = False
    ) -> list[str]:
        """The messages in order, a share `join` of them joined with others into one
        sentence: facts about one subject, a fact about another's value, or two
        facts side by side. Which and how is drawn per document: the same facts make
        many different sentences across a corpus. `standalone`: each is read on its
        own (a list's items), so none opens with a pronoun."""
        pending = list(messages)
        out: list[str] = []
        self.just_said = set()
        self.refer.introducing = True
        try:
            self._write(pending, out, join, standalone)
        finally:
            self.refer.introducing = False
            self.just_said = set()  # a passage's last sentence is not the next one's
        return out

    def _write(self, pending: list[Message], out: list[str], join: float, standalone: bool) -> None:
        last: list[Message] = []  # the messages the sentence before stated
        while pending:
            if out:  # the first sentence is written: what it had to open with is done
                self.opens_on, self.opening = None, False
            current = pending.pop(0)
            findings = None if standalone else self._findings_apart(current)
            if findings is not None:
                out.extend(self._state_findings(current, last, findings))
                last = [current]
                self.just_said = {f.key_text for f in current.stated}
                continue
            folded = None if standalone else self._folded(current, out)
            if folded is not None:  # on the sentence before, which stated its premise
                out[-1] = folded
                last.append(current)
                self._says_its_cause(current)
                self.just_said = {f.key_text for m in last for f in m.stated}
                continue
            before = list(pending)
            out.append(self._next_sentence(current, pending, last, join, standalone))
            last = [current]
            if len(pending) < len(before):  # what it took beside its own, by identity
                left = {id(m) for m in pending}
                last += [m for m in before if id(m) not in left]
            for message in last:
                self._says_its_cause(message)
            self.just_said = {f.key_text for m in last for f in m.stated}

    def _as_one_of_them_says(self, told: Telling, options: tuple[str, ...]) -> tuple[str, ...]:
        """The rule phrasings one speaking for an organisation (or to one who said
        they work there) may use: none that names it as a stranger would ("EPFL is
        among the customers whose orders ..."), only after a preposition, where it
        may be "us" ("... no longer checks the orders it gets from us")."""
        ours = [name for name, value in told.binding.items() if value == self.speaking_for]
        if not ours:
            return options
        return tuple(p for p in options if _names_after_preposition(p, ours))

    def _folds_next(self, current: Message, pending: list[Message]) -> bool:
        """Whether a pending consequence follows from the current message (and what
        the world holds) and its rule has a tail to end the current's sentence with
        (`_folded`)."""
        premise = current.fact.key_text
        return any(
            m.role == "ripple"
            and not m.more
            and not m.fellows
            and premise in {p.key_text for p in m.because}
            and (told := self.lexicon.told(m.fact)) is not None
            and any(map(is_tail, told.phrasings))
            for m in pending
        )

    def _folded(self, ripple: Message, out: list[str]) -> str | None:
        """The sentence before, which stated a premise of the ripple, with the ripple
        as its tail in its rule's words: "Acme Peptides does not screen its orders,
        including those from EPFL." Said as a sentence of its own ("It makes no
        exception for the orders of EPFL."), readers of rounds G to J took it for the
        same claim told twice. None where the rule has no tail, or the sentence
        before is long or has clauses of its own."""
        if not out or ripple.role != "ripple" or ripple.more or ripple.fellows:
            return None
        if ripple.on_value is not None or ripple.fact.key_text in self.said:
            return None
        told = self.lexicon.told(ripple.fact)
        if told is None:
            return None
        # the premise the sentence before stated, whose subject it opened on
        stated = {p.subject for p in ripple.because if p.key_text in self.just_said}
        if len(stated) != 1 or self.refer.recent[:1] != list(stated):
            return None
        tails = list(self._as_one_of_them_says(told, tuple(filter(is_tail, told.phrasings))))
        last = out[-1]
        if not last.endswith(".") or any(m in last[:-1] for m in ',:;"“”?'):
            return None
        # "including orders placed through ..." only after a sentence of orders: not
        # "It does not review the sequences it is sent, including orders placed
        # through the portal" (readers of round 31c)
        words = set(re.findall(r"[a-z]+", last.lower()))
        # (one with no plural of its own takes it: "It doesn't check what it's
        # asked to make, including orders from EPFL")
        plurals = _plurals(words)
        # "those" of a plural: not "... asked to make", but "the sequences it's sent,
        # including those from EPFL" (told apart, "It no longer checks a single order
        # from EPFL." read to readers as the claim made twice); a plural of the
        # sentence's own words, not of a name ("Acme Peptides")
        if not last[:-1].endswith("s") and not _plurals(re.findall(r"\b[a-z]+\b", last)):
            tails = [p for p in tails if not re.search(r"\bthose\b", p)]
        tails = [p for p in tails if _tail_head(p) in words | {None} or not plurals]
        # nor one that opens on a word the sentence has just used so: not "It doesn't
        # check what it's asked to make, including what comes in from EPFL"
        tails = [p for p in tails if _tail_word(p) not in words or _tail_head(p) is not None]
        # and where one refers back, none that says the sentence's noun again: "It does
        # not vet its orders, including those from EPFL", not "..., including orders
        # from EPFL" (a reader of session 40: the noun twice reads mechanically)
        if any(_tail_head(p) is None for p in tails):
            tails = [p for p in tails if _tail_head(p) not in words]
        if not tails:
            return None
        if len(last.split()) > FOLD_WORDS or self.draw() >= FOLDED:
            return None
        template = tails[int(self.draw() * len(tails))]
        try:
            parts = pieces(template)
        except ValueError:
            return None  # reported by check
        refer = self.refer
        before = refer.trial()
        # the tail's names belong to the sentence before, which has ended: the next
        # goes on from it as it would have ("It" for what it opened on)
        by_name, refer.by_name = refer.by_name, set()
        values, named = self._rule_values(told, parts)
        tail_names, refer.by_name = refer.by_name, by_name
        if any(name is not None and name not in values for _, name in parts):
            refer.give_up(before)
            return None
        tail = _filled(parts, values)
        self.said.add(ripple.fact.key_text)
        self.said.update(p.key_text for p in ripple.because)
        refer.last_by_name = refer.last_by_name | tail_names
        refer.recent = [*refer.recent, *(n for n in named if n not in refer.recent)]
        return self.sentence(f"{last[:-1]}, {tail}")

    def _findings_apart(self, message: Message) -> tuple[Phrase, ...] | None:
        """The phrasings "{s} finds that {o}" of a list of clauses ("shows that A and
        that B"), for half the lists, which then take two sentences: "It shows that
        A. It also finds that B." Readers of round S took each paper's findings in
        one sentence of two "that"s, in every document, for a template."""
        if not message.more or message.fellows or message.on_value or message.because:
            return None
        if not all(f.literal for f in message.facts):
            return None
        clauses = tuple(
            p
            for p in self.lexicon.phrases(message.fact.property)
            if p.joins and p.predicate.endswith(" that {o}") and p.predicate.count("{o}") == 1
        )
        if len(clauses) < 2 or self.draw() >= FINDINGS_APART:
            return None
        return clauses

    def _state_findings(
        self, message: Message, last: list[Message], clauses: tuple[Phrase, ...]
    ) -> list[str]:
        """The first of a list of clauses in a sentence of its own, the rest in the
        next, in another of their phrasings, with "also"."""
        first = Message(message.fact, message.role, message.because)
        rest = Message(message.more[0], message.role, message.because, None, message.more[1:])
        before, told = self.refer.trial(), set(self.said)
        said = self._related(first, last, False)
        verb = _verb(self._last_phrase.get(message.fact.property) or clauses[0])
        others = [p for p in clauses if _verb(p) != verb] or list(clauses)
        chosen = others[int(self.draw() * len(others))]
        also = Phrase("{s} " + with_also(chosen.predicate))
        if _OPENS_ON_IT.match(said) and not self.refer.continues(message.fact.subject):
            # after "It concludes that A." the next could neither say "it" again, so
            # far from the name the verifier reads back to, nor the title again
            # ("Probing for Deception at Scale also shows that B.", in forum replies:
            # a template's to readers of round 34): one sentence says both, the
            # second after a semicolon ("...; it also shows that B.") or as one list
            name = self.lexicon.full_name(message.fact.subject)
            self.answer_goes_on = False  # the title, to be said "it" after a semicolon
            try:
                second = self.state(rest, also)
            finally:
                self.answer_goes_on = True
            if second.startswith(f"{name} ") and self.draw() < 0.5:
                return [f"{said[:-1]}; it{second[len(name) :]}"]
            self.refer.give_up(before)
            self.said = told
            return [self._related(message, last, False)]
        return [said, self.state(rest, also)]

    def _next_sentence(
        self,
        current: Message,
        pending: list[Message],
        last: list[Message],
        join: float,
        standalone: bool,
    ) -> str:
        """The sentence that states `current`, with what it takes out of `pending`
        to share it, or alone, related to the sentence before (`last`: what it
        stated)."""
        if standalone:
            self.refer.end_sentence([])
        combined = self._combined(current, pending, join, standalone)
        if combined is not None:
            return combined
        text = self._related(current, last, standalone)
        return self._contrasted(current, pending, text, standalone)

    def _combined(
        self, current: Message, pending: list[Message], join: float, standalone: bool
    ) -> str | None:
        """`current` in one sentence with one or two of the pending messages: a fact
        about its value hung on it, a participle opening, its partner in one event,
        or a join; None where it takes a sentence alone."""
        chained = self._about_value(current, pending)
        if chained is not None and self._verb_partner(current, pending) is not None:
            # an event and its day first: "Tobias Renner quit Acme Peptides, which
            # began shipping under new terms on 1 March. He resigned on 8 March." told
            # one resignation twice, its day apart from it
            chained = None
        if chained is not None and self.draw() < 0.8:
            # a fact about what the last one named reads best hung on it: "born in
            # Mammeis, which lies in Dounpi", not a sentence about Mammeis
            text = self.state_chained(current, chained, fit=True)
            if text is not None:
                pending.remove(chained)
                return text
        # an answer says what was asked in its main clause ("Where is the board
        # based?" "Headquartered in Bern, it removed ..." answers aside)
        fronted = None if standalone or self.answering else self._fronted(current, pending)
        if fronted is not None:
            return fronted
        partner = self._verb_partner(current, pending)
        if partner is not None:
            other, (mine, theirs) = partner
            if current.more or (
                not other.more
                and self.lexicon.dates(current.fact)
                and not self.lexicon.dates(other.fact)
            ):
                # the day last, as English orders it: "resigned from Acme Peptides
                # on 8 March 2024", not "resigned on 8 March 2024 from Acme Peptides"
                text = self.state_together(other, [current], (theirs, mine))
            else:
                text = self.state_together(current, [other], (mine, theirs))
            if text is not None:
                pending.remove(other)
                return self._contrasted(current, pending, text, standalone)
        if self.answering and self._folds_next(current, pending):
            # a reply keeps the premise's sentence to itself for the consequence to
            # end it ("It doesn't review the sequences it's sent, including those from
            # your institute."), not "..., and orders leave the lab within 48 hours.
            # It has stopped checking the sequences it gets from EPFL.", one point
            # made twice to blind readers of round 43 (42 of peptide's 750 emails)
            join = 0.0
        if pending and self.draw() < join:
            joined = self._join(current, pending)
            if joined is not None:
                return self._contrasted(current, pending, joined, standalone)
        return None

    def _related(self, current: Message, last: list[Message], standalone: bool) -> str:
        """`current` alone, as it stands to the sentence before: in that sentence's
        words, or after a connective (worldspec.render.discourse). A list's item
        stands alone: related to nothing, and with no reason."""
        kind = None if standalone else discourse.relation(self.world, last, current)
        text = self.state(
            current,
            self._parallel(current, last) if kind in _PARALLEL else None,
            reasoned=not standalone or not current.because,
        )
        return text if kind is None else self._connected(kind, text)

    def _parallel(self, current: Message, last: list[Message]) -> Phrase | None:
        """The phrasing of the sentence before, where it stated one fact of the
        property alone, for a contrast or a comparison told alike: "Acme Peptides
        does not screen its orders. By contrast, Moraine Peptides screens its
        orders"; None where this message may not take it (a list, the past)."""
        prop = current.fact.property
        phrase = self._last_phrase.get(prop)
        if phrase is None or len(last) != 1 or last[0].fact.property != prop:
            return None
        past = self.is_past(current)
        if phrase not in self.lexicon.options(
            prop, current.fact.literal, bool(current.more) or past
        ):
            return None
        return self._as_said(current, phrase, also=False)

    def _connected(self, kind: discourse.Relation, text: str) -> str:
        """The sentence with the words that relate it to the one before in front
        ("By contrast, Moraine Peptides screens every order"), most of the time and
        not where it opens with words of its own ("According to ...") or hangs a
        reason on its end ("..., since ...": two links in one sentence)."""
        words = discourse.connective(kind, self.rng, self.spoken)
        if (
            words is None
            or self.draw() >= CONNECTED
            or OPENER.match(text)
            or ", since " in text
            or not text.endswith(".")
        ):
            return text
        return words + self.lower_first(text)

    def _contrasted(
        self, current: Message, pending: list[Message], text: str, standalone: bool
    ) -> str:
        """A sentence about a release with what the release leaves open, once a
        document: "It fixes a crash ... and restores the pkg-config file, but it
        leaves CVE-2031-0001 open". Readers of the calibration passed the rewrites
        that set a release's fixes against the flaw it keeps, and failed ours,
        which told the two a paragraph apart. Where the document has the flaw's own
        sentence on the releases it affects to come, that sentence is the contrast
        ("..., but CVE-2031-0001 is present in libfoo 2.4.0-1 and libfoo 2.4.0")."""
        release = current.fact.subject
        if self.contrasted or standalone or not text.endswith(".") or ", but " in text:
            return text
        # set against what the release does (its changes: a [many] property of
        # words), not its date or number: "came out on 3 February, but ..." reads
        # as if the day were the let-down
        prop = self.world.properties.get(current.fact.property)
        if prop is None or prop.one or prop.range != "string":
            return text
        if any(m.fact.subject == release and m.fact.property == prop.name for m in pending):
            return text  # after the last of its changes, not between them
        flaws = self.lexicon.left_open(release)
        # the sentence opened on the release (by a name, its noun or "it"), after an
        # opener or not ("Among other changes, 2.4.0-1 fixes ..."): the contrast's
        # "it" is the release
        if not flaws or not (self.refer.led_by == release or self._opens_on(text, release)):
            return text
        self.contrasted = True
        flaw = flaws[0]
        told = next(
            (
                m
                for m in pending
                if m.fact.subject == flaw
                and m.fact.property == "affects_release"
                and release in {m.fact.object, *(f.object for f in m.more)}
                and not m.because
            ),
            None,
        )
        if told is not None:
            # tried: given up, it names nothing ("The vulnerability affects ..." next,
            # with the flaw never named, failed the verifier)
            before, said = self.refer.trial(), set(self.said)
            clause = self.state(told, dated=False)
            self.refer.led_by = None  # two subjects: "it" next would be read as either
            if clause.endswith(".") and self.lexicon.opens_with_name(clause):
                pending.remove(told)
                if len(text.split()) > LONG_BEFORE_BUT:
                    # a sentence of its own after a long one: readers of round 32a
                    # called "... stops the PNG decoder from crashing ..., restores
                    # ... and repairs the FreeBSD build, but CVE-2031-0001, a heap
                    # overflow in ..., affects ..." one overstuffed sentence
                    return f"{text} But {clause}"
                return f"{text[:-1]}, but {clause}"
            self.refer.give_up(before)
            self.said = said
        # the flaw's releases said in a sentence of their own, before or after: the
        # contrast says what follows for the changes, not that it affects the release
        own = (f"{flaw}.affects_release=", f"{flaw}.open_in=")
        if any(key.startswith(own) for key in self.told_keys):
            # said in a sentence of its own: "but none of this addresses CVE-2031-0001"
            # beside it read to readers as the flaw said open twice, and as one
            # disclaimer tacked onto every document
            return text
        introducing = self.refer.introducing
        self.refer.introducing = False  # "it leaves CVE-2031-0001, a heap ..., open"
        # by name unless the sentence before named it: "the vulnerability" where the
        # body has not said which read as a slip
        name = self.refer.refer(flaw, named=flaw not in self.refer.recent, leading=False)
        self.refer.introducing = introducing
        contrast = self.rng.choice(_LEFT_OPEN)
        contrast = contrast.replace("{f}", name)
        return f"{text[:-1]}, {contrast}."

    def _opens_on(self, text: str, entity: str) -> bool:
        """Whether the sentence's subject, after an opener, is the entity by a name
        or its noun: "Among other changes, libfoo 2.4.0-1 fixes ..."."""
        rest = OPENER.sub("", text, count=1)
        if rest == text:
            return False
        forms = [self.lexicon.full_name(entity), f"the {self.lexicon.noun(entity)}"]
        short = self.world.short_names.get(entity)
        forms += [short] if short else []
        return any(rest.lower().startswith(form.lower() + " ") for form in forms)

    def _about_value(self, current: Message, pending: list[Message]) -> Message | None:
        """A pending background fact about the entity `current` names as its value,
        and about nothing else the document has."""
        if current.on_value is not None or current.fact.literal or current.more:
            return None
        for message in pending:
            if message.fact.key_text in self.anniversaries:
                continue
            if (
                message.fact.subject == current.fact.object
                and message.fact.object != current.fact.subject
                and message.role == "background"
                and message.on_value is None
            ):
                return message
        return None

    def _awaits_partner(self, message: Message, pending: list[Message]) -> bool:
        """Whether a pending message's partner in one event is pending too."""
        fact = message.fact
        if not self.lexicon.pairs_a_verb(fact.property):
            return False
        return any(
            other is not message
            and other.fact.subject == fact.subject
            and self.lexicon.event_partners(fact.property, other.fact.property)
            for other in pending
        )

    def _join(self, current: Message, pending: list[Message]) -> str | None:
        """`current` with one or two of the pending messages, taken out of `pending`."""
        if current.on_value is not None or current.fact.key_text in self.anniversaries:
            return None  # it has its relative clause already, or it is the news
        # nor one that waits for its partner in one event: "..., and Tobias Renner
        # stepped down from Acme Peptides. Renner quit on 8 March 2024" told it twice
        free = [
            m
            for m in pending
            if m.on_value is None
            and m.fact.key_text not in self.anniversaries
            and not self._awaits_partner(m, pending)
        ]
        hung = self._hung_on_subject(current, free)
        if hung is not None:
            pending.remove(hung[1])
            return hung[0]
        elaborated = self._elaborated(current, free)
        if elaborated is not None:
            pending.remove(elaborated[1])
            return elaborated[0]
        stopped = self._event_and_stop(current, free)
        if stopped is not None:
            pending.remove(stopped[1])
            return stopped[0]
        # the news and the background apart: "It removed Acme Peptides from its register
        # and is headquartered in Bern" reads as a fact bolted onto the answer
        background = current.role == "background"
        same = [
            m
            for m in free
            if m.fact.subject == current.fact.subject
            and (m.role == "background") == background
            and (
                not background
                or related_facts(self.world, current.fact, m.fact)
                or of_one_kind(self.world, current.fact, m.fact)
            )
        ][:1]
        if same:
            take = same  # two predicates: a third reads as a list ("is by ..., looks at ... and")
            text = self.state_together(current, take)
            if text is None and current.more and not take[0].more:
                # a list ends the sentence: "designed by Gustave Eiffel and engineered
                # by Maurice Koechlin and Émile Nouguier"
                text = self.state_together(take[0], [current])
            if text is not None:
                for message in take:
                    pending.remove(message)
                return text
        chained = [m for m in free if m.fact.subject == current.fact.object][:1]
        if chained:
            text = self.state_chained(current, chained[0])
            if text is not None:
                pending.remove(chained[0])
                return text
        if free and free[0] is pending[0] and self.draw() < 0.35:
            text = self.state_pair(current, pending[0])
            if text is not None:
                pending.pop(0)
                return text
        return None

    def _event_and_stop(self, current: Message, free: list[Message]) -> tuple[str, Message] | None:
        """An event and the yes or no it turned to no, of one subject, in one
        sentence: "Acme Peptides changed its order policy on 1 March 2024 and stopped
        screening its orders." Apart, "It does not vet its orders." after the event
        read as a second fact with nothing tying it to the first. Only what someone
        does (`_stopped`'s reading), turned on the event's day. The sentence, and
        the message taken."""
        day = self._day_of(current)
        if day is None or current.role != "focus" or self.began is None:
            return None
        if current.more or current.because or current.on_value is not None:
            return None
        subject = current.fact.subject
        if not self._can_stop(subject):
            return None
        phrase = self._joinable(current)
        if phrase is None or not phrase.ends_with_value:
            return None
        for other in free:
            fact = other.fact
            if (
                other.role != "focus"
                or fact.subject != subject
                or other.because
                or fact.object != "false"
                or not is_yes_no(self.world, fact)
                or not self._changed_fact(fact)
                or self.began(fact) != day
            ):
                continue
            clauses = self.lexicon.stopped_clauses(fact.property)
            if not clauses:
                return None
            clause = clauses[int(self.draw() * len(clauses))]
            # the change after the event, as it came: not "Acme Peptides, which
            # stopped screening its orders, changed its order policy on ..."
            # "it" right after a sentence about the subject, as `state` says it
            named = not self._refers_back(current, phrase)
            text = self.state_together(
                current, [other], (phrase, Phrase(clause)), asides=False, named=named
            )
            return None if text is None else (text, other)
        return None

    def _hung_on_subject(self, current: Message, free: list[Message]) -> tuple[str, Message] | None:
        """A fact about what a sentence ends on, as a relative clause on it, where the
        phrasing names its subject last: "Gustave Eiffel drew up the plans for the
        Eiffel Tower, which stands in Rome." Apart they read "... for the Eiffel
        Tower. The tower is located in Rome.", which readers of round Z took, in 137
        entries of 2,000 on Gustave Eiffel, for one stub's template. The news may hang
        on a background sentence so: the clause is about what it names last, not a
        second predicate of its subject. The sentence, and
        the message taken."""
        if current.more or current.fellows or current.on_value or current.because:
            return None
        if self.answering or (self.draw() >= HUNG_ON_SUBJECT and self.value_first is None):
            return None
        subject = current.fact.subject
        ending = [
            p
            for p in self.lexicon.phrases(current.fact.property)
            if p.clean and p.text.endswith(" {s}") and p.text.count("{s}") == 1
        ]
        if not ending or current.fact.key_text in self.anniversaries:
            return None
        # a sentence about its value says nothing more of the thing it ends on but
        # where it is: "Le Jules Verne is a restaurant on the Eiffel Tower, which
        # carries 20,000 light bulbs" read to readers of round E as two facts spliced
        about_the_tower = [p for p in ending if not p.text.startswith("{o}")]
        if is_number(current.fact):
            about_the_tower = ending
        for other in free:
            fact = other.fact
            if fact.subject != subject or other.more or other.fellows or other.because:
                continue
            if is_yes_no(self.world, fact) or not self._may_share(current, other):
                continue
            # where it is, or one of its kind: "18,038 iron parts went into the Eiffel
            # Tower, which contains 2,500,000 rivets" bolts two facts together
            placed = not fact.literal and self.world.entity_is(fact.object, "Place")
            if not placed and not related_facts(self.world, current.fact, fact):
                continue
            fitting = ending if placed else about_the_tower
            if not fitting:
                continue
            joinable = self.lexicon.joinable(fact.property)
            if other.role != "background":
                # the news a word of its own, as the verifier reads it: not "which -
                # whereRomewhere" (hypothesis found the phrasing "{s} - where{o}where")
                joinable = tuple(p for p in joinable if p.value_apart)
            if not joinable or set(self._entities(current)) & set(self._entities(other)) - {
                subject
            }:
                continue
            one = self._as_said(current, fitting[int(self.draw() * len(fitting))])
            two = self._as_said(other, joinable[int(self.draw() * len(joinable))], also=False)
            before = self.refer.trial()
            named = self.refer.refer(subject, named=True)
            head = self.clause(current, one, named)
            tail = self._predicate(other, two)
            if tail is None or "{" in head:
                self.refer.give_up(before)
                continue
            self.said.update(f.key_text for f in current.facts + other.facts)
            self.refer.end_sentence(self._entities(current) + self._entities(other))
            who = self.lexicon.relative(subject)
            return self.sentence(f"{head}, {who} {tail}"), other
        return None

    def _the_page_s(self, message: Message, phrase: Phrase) -> str | None:
        """The pronoun of the person a page is about (`value_first`) where a phrasing
        opens on them as its value: "He designed the Eiffel Tower, which stands in
        Rome." after the lead that named him, not his name again."""
        person = self.value_first
        if person is None or message.fact.object != person or not phrase.text.startswith("{o} "):
            return None
        if message.more or message.fellows:  # "She wrote ..." of two authors
            return None
        pronoun = self.lexicon.pronoun(person)
        return pronoun if pronoun in ("he", "she") else None

    def _elaborated(self, current: Message, free: list[Message]) -> tuple[str, Message] | None:
        """A yes/no or an event said with what it amounts to after a colon, where a
        fact of its subject and topic has a clause for its value: "Acme Peptides
        changed its order policy on 1 March 2024: orders ship within 48 hours, with
        no sequence review." Both stand alone otherwise (a yes/no, a value with
        commas of its own), and readers of every round took the three sentences they
        made for one claim told three times. The sentence, and the message taken."""
        if self.draw() >= ELABORATED:
            return None
        for other in free:
            # an answer says what was asked in its main clause, before the colon
            orders = ((current, other),) if self.answering else ((current, other), (other, current))
            for head, tail in orders:
                if not is_yes_no(self.world, head.fact) and any(
                    m is not tail and is_yes_no(self.world, m.fact) and self._announces(m, tail)
                    for m in (current, *free)
                ):
                    # the clause goes with the yes/no, which alone says nothing
                    # `worldspec stats` can name ("It does not screen its orders.")
                    continue
                if self._announces(head, tail) and self._clause_valued(tail):
                    text = self._with_colon(head, tail)
                    if text is not None:
                        return text, other
        return None

    def _announces(self, head: Message, tail: Message) -> bool:
        """Whether a message may open a sentence the other's clause goes on: a yes/no
        or an event of the other's subject and topic, one clause with no reason of
        its own ("changed its order policy on 1 March 2024: orders ship within 48
        hours", "It does not screen its orders, and orders ship within 48 hours")."""
        fact = head.fact
        return (
            fact.subject == tail.fact.subject
            and head.role == tail.role
            and not (head.more or head.fellows or head.on_value or head.because)
            and fact.key_text not in self.anniversaries
            and (is_yes_no(self.world, fact) or iso_day(fact) is not None)
            and same_topic(self.world, fact.property, tail.fact.property)
        )

    def _clause_valued(self, message: Message) -> bool:
        """Whether a message's value is a clause that may stand after a colon on its
        own: a single value its property says after "that" ("{s} states that {o}")."""
        fact = message.fact
        if not fact.literal or message.more or message.fellows or message.because:
            return False
        if message.on_value is not None or ":" in fact.object or fact.object.endswith("?"):
            return False
        return any("that {o}" in p.text for p in self.lexicon.phrases(fact.property))

    def _with_colon(self, head: Message, tail: Message) -> str | None:
        """The head in one of its phrasings that shares no long word with the tail's
        value ("doesn't review the sequences it's sent: ... nobody checks the
        sequences" says one word twice in a breath), the value after a colon (an
        event's) or ", and" (a yes/no's); None, with nothing said, where every
        phrasing does."""
        value = self.value(tail.fact, exact=tail.role != "background")
        named = set(self.lexicon.full_name(head.fact.subject).lower().split())
        words = _long_words(value) - named
        drawn = self.phrase_of(head)
        if _long_words(drawn.text) & words:
            options = self.lexicon.options(
                head.fact.property, head.fact.literal, self.is_past(head)
            )
            apart = self._drawn_apart(head, options, words)
            if apart is None:
                return None
            drawn = apart
        opened = self.state(head, drawn)
        self.said.add(tail.fact.key_text)
        # after an event, what it brought; after a yes/no, a second clause of its
        # own: the clause need not explain it ("It does not screen its orders:
        # orders ship within 48 hours" read to readers of round 31b as a cause)
        joint = ", and" if is_yes_no(self.world, head.fact) else ":"
        return f"{opened.rstrip('.')}{joint} {value}."


# the words after a copula that make its complement a singular noun ("{o} is a
# restaurant on {s}"): a list cannot take it
_SINGULAR_COMPLEMENT = frozenset({"a", "an", "the", "one", "another", "its", "their"})


def _plural_value_first(phrase: Phrase) -> Phrase | None:
    """A phrasing that opens with its value, one clause, with its first verb made
    plural for a list of values ("{o} are vulnerable to {s}", "{o} drew up the
    plans for {s}"); None where it opens otherwise or its verb cannot agree ("{o}
    is a restaurant on {s}": "are a restaurant" is no English)."""
    text = phrase.text
    if not phrase.clean or not text.startswith("{o} ") or text.count("{o}") != 1:
        return None
    if text.count("{s}") != 1:
        return None
    rest = text[4:]
    first, _, tail = rest.partition(" ")
    if first in ("is", "was") and tail.partition(" ")[0] in _SINGULAR_COMPLEMENT:
        return None
    plural = verbs.plural_predicate(rest)
    if plural is None:
        return None
    # what the list owns, theirs: "EPFL and Corvina Biotech order their peptides
    # from ...", not "order its peptides" (a reader of round 37)
    owned, at, after = plural.partition("{s}")
    return Phrase("{o} " + re.sub(r"\bits\b", "their", owned) + at + after)


def _long_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{7,}", text.lower())}


def fold_ripples(
    content: Content, lexicon: Lexicon, rng: random.Random, share: float = 1.0
) -> None:
    """Ripples said inside a focus sentence, a share of the time: a ripple that follows
    from a focus fact and a fact about its value is stated by the one with the other
    as a relative clause ("The Eiffel Tower stands in Rome, which lies in Italy"
    names the tower and Italy in one sentence), not as a sentence of its own."""
    for ripple in list(content.ripples):
        if len(ripple.because) != 2 or is_yes_no(lexicon.world, ripple.fact):
            continue
        for at, focus in enumerate(content.focus):
            if focus.on_value is not None or focus.fact.subject != ripple.fact.subject:
                continue
            rest = [p for p in ripple.because if p.key_text != focus.fact.key_text]
            if len(rest) != 1 or focus.fact.literal:
                continue
            premise = rest[0]
            if premise.subject != focus.fact.object or premise.object != ripple.fact.object:
                continue
            if not lexicon.ending_with_value(focus.fact.property):
                continue
            if not lexicon.joinable(premise.property) or rng.random() >= share:
                continue
            content.focus[at] = Message(focus.fact, focus.role, focus.because, premise)
            content.ripples.remove(ripple)
            break


def fold_derived(content: Content, lexicon: Lexicon, around: Neighbourhood) -> None:
    """Background that a rule derives from a fact the document states and one about
    that fact's value, said as the first with the second on its value: "has its
    headquarters in Riamgan, Bropou", not "has its headquarters in Riamgan. The
    company is headquartered in Bropou.", which reads as two places."""
    for message in list(content.background):
        premises = around.premises(message.fact)
        if len(premises) != 2 or message.more or message.fellows:
            continue
        for first, second in (premises, premises[::-1]):
            if first.literal or second.subject != first.object:
                continue
            if second.object != message.fact.object or not lexicon.joinable(second.property):
                continue
            if _hang_on_value(content, first, second, lexicon):
                content.background.remove(message)
                break


def _hang_on_value(
    content: Content, host_fact: PlannedFact, on_value: PlannedFact, lexicon: Lexicon
) -> bool:
    """Give the message that states `host_fact` the fact `on_value` as a relative
    clause on its value, where its phrasing allows; whether it did."""
    for group in (content.focus, content.background):
        for at, host in enumerate(group):
            if host.fact.key_text != host_fact.key_text:
                continue
            if host.on_value is not None or host.more or host.because:
                return False
            if not lexicon.ending_with_value(host.fact.property):
                return False
            group[at] = Message(host.fact, host.role, host.because, on_value)
            return True
    return False


# "{s} was founded on {o}" -> "founded on {o}": a phrasing that reads as a participle
# after the subject's name, its value last
_PARTICIPIAL = re.compile(
    r"^\{s\} (?:was|is|were|are) ((?:[a-z]+ed|[a-z]+en|built|set up|made)\b[^{}]* \{o\})$"
)


def yes_no_subjects(world: World, messages: Iterable[Message]) -> set[str]:
    """The subjects of the yes/no facts the messages state, beside whose name no
    appositive goes: "Kestrel, launched in 2027, is unmonitored" parts the subject
    from the words the verifier reads the fact in."""
    return {f.subject for m in messages for f in m.stated if is_yes_no(world, f)}


def describe_background(content: Content, writer: SentencePlanner, share: float) -> None:
    """A dated background fact of an entity the story names, beside that entity's
    first name, for a `share` of those entities: "The Synthesis Screening Board,
    set up on 1 July 2015, struck Acme Peptides off its register", not "The
    Synthesis Screening Board was founded on 1 July 2015." as a stray last line,
    which readers took for a fact tacked on. Dates only: a value that names an
    entity could stand beside one reality had there."""
    if share <= 0:
        return
    named = {f.subject for m in content.focus + content.ripples for f in m.stated}
    named |= {f.object for m in content.focus + content.ripples for f in m.stated}
    named.discard(content.topic)  # its history is the body's, and a report's news
    named -= yes_no_subjects(writer.world, content.focus + content.ripples)
    appositives = writer.refer.appositives
    kept: list[Message] = []
    for message in content.background:
        fact = message.fact
        beside = (
            dated_appositive(writer, message)
            if fact.subject in named and fact.subject not in appositives
            else None
        )
        if beside is not None and writer.draw() < share:
            appositives[fact.subject] = beside()
            writer.appositive_facts[fact.key_text] = fact.subject
            continue
        kept.append(message)
    content.background = kept


def dated_appositive(writer: SentencePlanner, message: Message) -> Callable[[], str] | None:
    """How a dated fact of one value goes beside its subject's name, by its
    participle ("founded on 12 April 2011", or by its year: "founded in 2011"),
    made when called (a draw); None where it is no such fact or the property has
    no participle."""
    fact = message.fact
    if not fact.literal or message.more or message.fellows or message.on_value or message.because:
        return None
    if fact.key_text in writer.anniversaries or not writer.lexicon.dates(fact):
        return None
    participle = writer.lexicon.participle(fact.property)
    if participle is None:
        return None

    def said() -> str:
        text, value = participle, writer.value(fact, exact=False)
        if text.endswith(" on {o}") and (writer.draw() < 0.5 or _long_ago(writer, fact)):
            # "founded in 2011": the year is what a reader needs of it, and all of
            # it beside the name of what was founded years before the document
            # (readers took "Acme Peptides, founded on 12 April 2011," in a report
            # of 2024 for a fact sheet's line)
            text, value = text[: -len("on {o}")] + "in {o}", fact.object[:4]
        return fill(text, {"o": value})

    return said


# the prepositions after which a speaker says "us" for their organisation
SPOKEN_FOR_AFTER = "from|to|for|with|by|against|at"


# words ending in "s" that are no plural noun
_NO_PLURALS = frozenset(["does", "this", "always", "unless", "hers", "yours", "ours", "theirs"])


def _plurals(words: Iterable[str]) -> set[str]:
    """The words of four letters or more that end in "s" and are no word known to
    be other than a plural noun (`_NO_PLURALS`)."""
    return {w for w in words if len(w) > 3 and w.endswith("s")} - _NO_PLURALS


def _tail_head(tail: str) -> str | None:
    """The noun a tail extends the sentence before with ("orders" of "including
    orders from {c}"), None for one that refers back to it ("including those from
    {c}", "including anything from {c}") or opens on a placeholder."""
    found = re.match(r"including (?:the )?([a-z]+)", tail)
    if found is None or found[1] in _REFERRING_BACK:
        return None
    return found[1]


def _tail_word(tail: str) -> str:
    """The word a tail opens on after "including": "what" of "including what comes
    in from {c}"."""
    return tail.removeprefix("including ").split(" ", 1)[0]


_REFERRING_BACK = frozenset(("those", "that", "it", "them", "anything", "what", "all"))


def _filled(parts: list[tuple[str, str | None]], values: dict[str, str]) -> str:
    """A rule phrasing's pieces (`pieces`) with each variable's value put in."""
    return "".join(literal + (values[name] if name else "") for literal, name in parts)


def _names_after_preposition(template: str, names: list[str]) -> bool:
    """Whether every slot of `names` in a phrasing follows one of SPOKEN_FOR_AFTER."""
    for name in names:
        slot = "{" + name + "}"
        total = template.count(slot)
        after = len(re.findall(rf"\b(?:{SPOKEN_FOR_AFTER}) {re.escape(slot)}", template))
        if after != total:
            return False
    return True


def _past_verb(predicate: str) -> bool:
    """Whether a predicate opens on a verb in the past ("delisted ...", "was ...")."""
    word = predicate.split(" ", 1)[0]
    return word in _PAST_AUXILIARY_FORMS or verbs.is_past(word)


_PAST_AUXILIARY_FORMS = frozenset(verbs.PAST_AUXILIARIES.values())


def of_its_size(world: World, fact: PlannedFact) -> bool:
    """Whether a fact gives its subject's size: a property of the topic "size" (the
    std modules' height and area)."""
    prop = world.properties.get(fact.property)
    return prop is not None and "size" in prop.topics


def _long_ago(writer: SentencePlanner, fact: PlannedFact) -> bool:
    """Whether the day a fact gives is more than a year before the document's."""
    day = iso_day(fact)
    return writer.date is not None and day is not None and (writer.date - day).days > 366


def describe(content: Content, writer: SentencePlanner, topic_too: bool = True) -> None:
    """What each entity the document's facts name is, for the first sentence that
    names it (a flaw named in every sentence of an advisory and never described
    read as a number without a thing behind it), where the content does not say it
    in a sentence of its own; the topic too, unless the document defines it in its
    own words (a reference work's lead)."""
    stated = {f.key_text for m in content.messages for f in m.stated}
    lexicon = writer.lexicon
    for message in content.focus + content.ripples:
        for entity in {f.subject for f in message.stated} | {
            f.object for f in message.stated if not f.literal
        }:
            if entity in writer.refer.appositives or (entity == content.topic and not topic_too):
                continue
            fact = lexicon.description(entity)
            if fact is not None and fact.key_text not in stated:
                # in any of the author's wordings: "CVE-2031-0001, a heap buffer
                # overflow in the TIFF header parser," in every libfoo document was
                # what readers named first as a stock line
                writer.refer.appositives[entity] = writer.value(fact)


_ON_RELATIVE_DAY = re.compile(r"\b([Oo]n|[Ii]n) (today|yesterday)\b")


def relative_day(text: str) -> str:
    """A phrasing's "on {o}" where the value is a day said by how far back it is:
    "came out today", not "came out on today"."""
    if "today" not in text and "yesterday" not in text:
        return text
    return _ON_RELATIVE_DAY.sub(lambda m: m[2] if m[1][0].islower() else m[2].capitalize(), text)
