"""Microplanning: from messages to sentences. Which words refer to each entity (a
full name first, then a short form, the noun, or a pronoun where nothing else could
be meant), which phrasing states each fact, and which facts about one subject share
a sentence ("The Eiffel Tower, which stands in Rome, opened on 31 March 1889.").

A fact the verifier must find (a focus fact or a ripple) always names its subject
and its value in one sentence; background facts may refer by pronoun or noun.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from worldspec.model.phrasing import phrasings
from worldspec.model.world import World
from worldspec.plan import PlannedFact
from worldspec.plan.words import fill, value_text
from worldspec.plan.words import sentence as plain_sentence
from worldspec.render.content import Message
from worldspec.render.realise import realise

# nouns too general to refer by: "the person" reads as if the writer forgot the name
GENERIC_NOUNS = {"person", "thing", "entity", "organization", "organisation", "place", "one"}
PERSONAL = {"he": ("he", "him", "his"), "she": ("she", "her", "her"), "it": ("it", "it", "its")}
_WORDS = re.compile(r"[A-Za-z][a-z]+|[A-Z]+(?=[A-Z][a-z]|\b)")


def article_of(world: World, entity: str) -> str | None:
    found = world.entities.get(entity)
    article = getattr(found, "article", None) if found is not None else None
    return article if isinstance(article, str) and article else None


def noun_of(world: World, entity: str) -> str:
    """The common noun for later mentions: the entity's own, its class's, an
    ancestor's, or the class name in words (`Order_channel` -> "order channel")."""
    found = world.entities.get(entity)
    if found is None:
        return "one"
    own = getattr(found, "noun", None)
    if isinstance(own, str) and own:
        return own
    cls: str | None = found.cls
    while cls is not None:
        info = world.classes.get(cls)
        noun = getattr(info, "noun", None) if info is not None else None
        if isinstance(noun, str) and noun:
            return noun
        cls = info.parents[0] if info is not None and info.parents else None
    words = [w for part in found.cls.split("_") for w in _WORDS.findall(part)] or [found.cls]
    return " ".join(w if w.isupper() else w.lower() for w in words)


def pronoun_of(world: World, entity: str) -> str:
    found = world.entities.get(entity)
    pronoun = getattr(found, "pronoun", None) if found is not None else None
    if isinstance(pronoun, str) and pronoun in PERSONAL:
        return pronoun
    if pronoun == "they":
        return "they"
    return "it" if found is None or found.cls not in ("Person",) else "they"


def full_name(world: World, entity: str) -> str:
    found = world.entities.get(entity)
    if found is None:
        return entity
    article = article_of(world, entity)
    return f"{article} {found.label}" if article else found.label


@dataclass(frozen=True, slots=True)
class Phrase:
    """A `says` phrasing, and whether it is a clause with the subject first ("{s}
    stands in {o}"), which can be joined to another about the same subject."""

    text: str

    @property
    def subject_first(self) -> bool:
        return self.text.startswith("{s} ") and self.text.count("{s}") == 1

    @property
    def predicate(self) -> str:
        return self.text[4:] if self.subject_first else self.text


class Referrer:
    """The referring expressions of one document, in the order it is written."""

    def __init__(self, lexicon: Lexicon, rng: random.Random) -> None:
        self.lexicon = lexicon
        self.world = lexicon.world
        self.draw = rng.random
        self.mentioned: dict[str, int] = {}
        self.recent: list[str] = []  # the entities the last sentence named

    def name(self, entity: str) -> str:
        """A name the verifier knows: the full name first, later sometimes an alias."""
        found = self.world.entities.get(entity)
        seen = self.mentioned.get(entity, 0)
        self._mention(entity)
        if found is None:
            return entity
        if seen and found.aka and self.draw() < 0.15:
            return found.aka[int(self.draw() * len(found.aka))]
        return self.lexicon.full_name(entity)

    def refer(self, entity: str, *, named: bool, case: int = 0, leading: bool = True) -> str:
        """A referring expression; case 0 subject, 1 object, 2 possessive. A pronoun
        only where it opens the sentence (`leading`) for the entity the last one was
        about: "It opened in 1889", never "the architect of it"."""
        if named or entity not in self.world.entities or not self.mentioned.get(entity):
            text = self.name(entity)
            return _possessive(text) if case == 2 else text
        pronoun = self.lexicon.pronoun(entity)
        if (
            leading
            and pronoun in PERSONAL
            and self.recent[:1] == [entity]
            and not any(
                self.lexicon.pronoun(other) == pronoun for other in self.recent if other != entity
            )
        ):
            self._mention(entity)
            return PERSONAL[pronoun][case]
        noun = self.lexicon.noun(entity)
        if (
            noun not in GENERIC_NOUNS
            and not any(
                other != entity and self.lexicon.noun(other) == noun for other in self.mentioned
            )
            and self.draw() < 0.6
        ):
            self._mention(entity)
            text = f"the {noun}"
            return _possessive(text) if case == 2 else text
        text = self.name(entity)
        return _possessive(text) if case == 2 else text

    def _mention(self, entity: str) -> None:
        self.mentioned[entity] = self.mentioned.get(entity, 0) + 1

    def end_sentence(self, named: list[str]) -> None:
        self.recent = named


def _facts(message: Message) -> list[PlannedFact]:
    return [message.fact, *message.because]


def _is_yes_no(world: World, fact: PlannedFact) -> bool:
    """A boolean fact: its value is "yes" or "no", which tells nothing beside another
    fact, and which the verifier would read as that fact's value."""
    prop = world.properties.get(fact.property)
    return fact.literal and prop is not None and prop.range == "bool"


def _possessive(text: str) -> str:
    return text + ("'" if text.endswith("s") else "'s")


_LOWER_NAMES: dict[int, dict[str, tuple[str, ...]]] = {}


def lower_case_names(world: World) -> dict[str, tuple[str, ...]]:
    """The names written in lower case ("libfoo 2.4.1", "httpd-x"), which keep it at
    the start of a sentence too, by their first word."""
    found = _LOWER_NAMES.get(id(world))
    if found is None:
        by_word: dict[str, list[str]] = {}
        for entity in world.entities.values():
            for name in [entity.label, *entity.aka]:
                if name[:1].islower() and not getattr(entity, "article", None):
                    by_word.setdefault(name.split(" ", 1)[0], []).append(name)
        found = _LOWER_NAMES[id(world)] = {w: tuple(names) for w, names in by_word.items()}
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
        self._sentences: dict[str, str] = {}

    def full_name(self, entity: str) -> str:
        found = self._names.get(entity)
        if found is None:
            found = self._names[entity] = full_name(self.world, entity)
        return found

    def noun(self, entity: str) -> str:
        found = self._nouns.get(entity)
        if found is None:
            found = self._nouns[entity] = noun_of(self.world, entity)
        return found

    def pronoun(self, entity: str) -> str:
        found = self._pronouns.get(entity)
        if found is None:
            found = self._pronouns[entity] = pronoun_of(self.world, entity)
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

    def value(self, fact: PlannedFact) -> str:
        key = fact.key()
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = value_text(self.world, fact)
        return found

    def sentence(self, text: str) -> str:
        """A finished sentence: tidied, capitalised unless it begins a name written in
        lower case ("libfoo 2.4.1 came out on ..."), its articles and possessives
        agreeing."""
        found = self._sentences.get(text)
        if found is None:
            if len(self._sentences) > 100_000:  # memory stays flat over a corpus
                self._sentences.clear()
            done = realise(plain_sentence(text))
            first = done.split(" ", 1)[0].lower()
            names = self.lower_names.get(first)
            if names and any(done.lower().startswith(name.lower()) for name in names):
                done = done[:1].lower() + done[1:]
            found = self._sentences[text] = done
        return found


class SentencePlanner:
    """Sentences for one document: phrasings drawn by its seed, referring expressions
    tracked across the whole text."""

    def __init__(self, lexicon: Lexicon, rng: random.Random) -> None:
        self.lexicon = lexicon
        self.world = lexicon.world
        self.rng = rng
        self.draw = rng.random
        self.refer = Referrer(lexicon, rng)

    def phrase(self, fact: PlannedFact) -> Phrase:
        options = self.lexicon.phrases(fact.property)
        return options[int(self.draw() * len(options))]

    def value(self, fact: PlannedFact) -> str:
        if not fact.literal and fact.object in self.world.entities:
            return self.refer.name(fact.object)
        return self.lexicon.value(fact)

    def clause(self, message: Message, phrase: Phrase, subject: str) -> str:
        """The phrasing filled in: `subject` for {s} (its possessive where the
        phrasing writes {s}'s), the value for {o}."""
        text = phrase.text
        if "{s}'s" in text:
            possessive = self.refer.refer(message.fact.subject, named=True, case=2)
            text = text.replace("{s}'s", possessive.replace("{", "{{").replace("}", "}}"))
        return fill(text, {"s": subject, "o": self.value(message.fact)})

    def state(self, message: Message) -> str:
        """One message as one sentence."""
        named = message.role != "background"
        phrase = self.phrase(message.fact)
        leading = phrase.text.startswith("{s}")
        subject = self.refer.refer(message.fact.subject, named=named, leading=leading)
        text = self.clause(message, phrase, subject)
        if message.because and not any(_is_yes_no(self.world, f) for f in _facts(message)):
            text = self._with_reason(message, text)
        self.refer.end_sentence(self._entities(message))
        return self.sentence(text)

    def sentence(self, text: str) -> str:
        return self.lexicon.sentence(text)

    def _with_reason(self, message: Message, conclusion: str) -> str:
        reasons = []
        for premise in message.because[:2]:
            phrase = self.phrase(premise)
            reasons.append(
                self.clause(Message(premise, "focus"), phrase, self.refer.name(premise.subject))
            )
        joined = " and ".join(reasons)
        if self.draw() < 0.5:
            return f"because {joined}, {conclusion}"
        return f"{conclusion}, since {joined}"

    def state_together(self, first: Message, second: Message) -> str | None:
        """Two facts about one subject in one sentence, when both phrasings put the
        subject first: a relative clause or a conjunction."""
        if first.fact.subject != second.fact.subject or first.because or second.because:
            return None
        if _is_yes_no(self.world, first.fact) or _is_yes_no(self.world, second.fact):
            return None  # a "yes" beside another fact reads as that fact's answer
        one, two = self.phrase(first.fact), self.phrase(second.fact)
        if not (one.subject_first and two.subject_first) or "{s}" in two.predicate:
            return None
        named = first.role != "background" or second.role != "background"
        subject = self.refer.refer(first.fact.subject, named=named)
        first_text = fill(one.predicate, {"o": self.value(first.fact)})
        second_text = fill(two.predicate, {"o": self.value(second.fact)})
        if "{" in first_text + second_text:
            return None
        if self.draw() < 0.5 and not subject.islower():
            who = "who" if pronoun_of(self.world, first.fact.subject) in ("he", "she") else "which"
            text = f"{subject}, {who} {first_text}, {second_text}"
        else:
            text = f"{subject} {first_text} and {second_text}"
        self.refer.end_sentence(self._entities(first) + self._entities(second))
        return self.sentence(text)

    def _entities(self, message: Message) -> list[str]:
        fact = message.fact
        found = [fact.subject]
        if not fact.literal and fact.object in self.world.entities:
            found.append(fact.object)
        return found

    def sentences(self, messages: list[Message], join: float = 0.45) -> list[str]:
        """The messages in order, neighbours about one subject joined into one
        sentence a share `join` of the time."""
        out: list[str] = []
        index = 0
        while index < len(messages):
            current = messages[index]
            if index + 1 < len(messages) and self.draw() < join:
                together = self.state_together(current, messages[index + 1])
                if together is not None:
                    out.append(together)
                    index += 2
                    continue
            out.append(self.state(current))
            index += 1
        return out
