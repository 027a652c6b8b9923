"""The checks a document passes before it is written, each a reason to reject it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

import regex

from worldspec.check.patterns import (
    Haystack,
    PatternError,
    compile_tripwire,
    required_literal,
)
from worldspec.model.meta import META_PATTERN as _META
from worldspec.model.meta import META_WORDS
from worldspec.model.phrasing import CONNECTIVES, HEDGES, SPOKEN_CONNECTIVES, phrasings
from worldspec.model.reference import CHAIN, noun_of, pronoun_of
from worldspec.model.telling import is_tail, pieces
from worldspec.model.world import World
from worldspec.plan import DocPlan, PlannedFact
from worldspec.plan.verbs import stopped_clause
from worldspec.plan.words import (
    adjective_of,
    expand,
    fact_sentences,
    fill,
    is_yes_no,
    says_nothing,
    sentence,
    subject_forms,
    told_by_rule,
    value_forms,
    variable_forms,
)

FORBID_TIMEOUT_S = 0.2


@dataclass(slots=True)
class Finding:
    reason: str  # missing-fact, reality-leak, meta-word, forbidden, near-duplicate
    detail: str


def _forms(forms: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.lower() for f in forms if f))


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _blanked_as(text: str, blanked: str) -> str:
    """`text` with the spaces `blanked` (its lower case, some of it blanked) put in."""
    return "".join(b if b == " " else t for t, b in zip(text, blanked, strict=True))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _occurrences(
    text: str, forms: tuple[str, ...], start: int = 0, end: int = -1
) -> Iterator[tuple[int, int]]:
    """Where any of `forms` stands as a whole phrase in text[start:end] (not inside a
    longer word), as (start, end). str.find with a boundary test: several times
    faster than a regex with lookarounds, which tries every position of the text."""
    end = len(text) if end < 0 else end
    for form in forms:
        at = text.find(form, start, end)
        while at >= 0:
            after = at + len(form)
            if (at == 0 or not _is_word(text[at - 1])) and (
                after >= len(text) or not _is_word(text[after])
            ):
                yield at, after
            at = text.find(form, at + 1, end)


_BREAKS = (". ", "! ", "? ", "\n")  # ".\n" is found as its line break


def _listed_under(text: str, start: int, subjects: tuple[str, ...]) -> bool:
    """Whether the sentence at `start` is an item of a list ("- fixes the build on
    FreeBSD") in a document whose title, its first line, names the subject: release
    notes list their release's changes under its name, as a fact box lists its
    topic's figures, without naming it on every line."""
    if not text.startswith("- ", start):
        return False
    title_end = text.find("\n")
    if title_end < 0:
        return False
    return next(_occurrences(text, subjects, 0, title_end), None) is not None


def _literal_run(text: str) -> str:
    """A phrasing's literal text as a pattern, any run of white space between its
    words (a line may break anywhere in a paragraph)."""
    return re.escape(text).replace(r"\ ", r"\s+")


def _sentence_around(text: str, position: int) -> tuple[int, int]:
    """The start and end of the sentence that holds `position`: it runs from the last
    break before it (end punctuation then a space, or a line break) to the next."""
    start = max(
        (at + len(b) for b in _BREAKS if (at := text.rfind(b, 0, position)) >= 0), default=0
    )
    ends = [at for b in _BREAKS if (at := text.find(b, position)) >= 0]
    return start, min(ends) + 1 if ends else len(text)


# the line a forum post opens with, its poster and time, which a reply reads past to
# the question it answers: "[walker74] 2027-08-13 14:55", "2026-08-01 22:25",
# "rfitzpatrick said:", "rickey.edwards wrote:", "posted by evans82"
_POST_HEADER = re.compile(
    r"(?:\[[^\]\n]+\] )?\d{4}-\d{2}-\d{2} \d{2}:\d{2}|[\w.-]+ (?:said|wrote):|posted by [\w.-]+"
)


def _sentence_before(text: str, start: int) -> tuple[int, int] | None:
    """The start and end of the sentence before the one at `start`, a forum post's
    header lines read past; None at the text's start."""
    while start >= 2:
        before, end = _sentence_around(text, start - 2)
        if not _POST_HEADER.fullmatch(text[before:end].strip()):
            return before, end
        start = before
    return None


# a speaker's label that opens a line of a transcript: "guest: ", "holden: ", "maya
# chen: " (after "dr. ", which the sentences part); of three words at most, since a
# clause before a colon is none ("it does not vet its orders: no one reviews ...")
_LABEL = re.compile(r"[a-z][a-z.'-]*(?: [a-z][a-z.'-]*){0,2}: ")
_BARE_ANSWERS = ("yes.", "no.")
# a capitalised word after a given name, which makes it a surname ("Hayden French"),
# as the text is written: the adjective's first letter, after a name that is no
# article opening a sentence ("A French landmark")
_SURNAME = re.compile(r"(?<![\w.])(?!(?:A|An|The) )[A-Z][a-z]+ [A-Z]$")
# the titles before a speaker's name, which the sentences part from it ("dr. maya chen: ")
_TITLES = frozenset({"dr. ", "mr. ", "mrs. ", "ms. ", "prof. "})


# a sentence's first words that relate it to the one before, or say how sure its
# speaker is, as the generator writes them ("by contrast, it ...", "but it ...", "as
# far as i know, it ...")
_CONNECTIVE = re.compile(
    "|".join(
        sorted(
            {
                re.escape(w.lower())
                for w in chain(*CONNECTIVES.values(), *SPOKEN_CONNECTIVES.values(), HEDGES)
            },
            key=len,
            reverse=True,
        )
    )
)


def _opening(lowered: str, start: int) -> int:
    """Where the words of the sentence at `start` begin: after a speaker's label."""
    line = lowered.rfind("\n", 0, start) + 1
    if start != line and lowered[line:start] not in _TITLES:
        return start  # a label opens a line ("dr. " before it is its title)
    label = _LABEL.match(lowered, start)
    return label.end() if label else start


def _openings(lowered: str, start: int) -> tuple[int, ...]:
    """Where the subject of the sentence at `start` may begin: where its words do,
    or after the words that relate it to the sentence before ("by contrast, it")."""
    at = _opening(lowered, start)
    related = _CONNECTIVE.match(lowered, at)
    return (at, related.end()) if related else (at,)


def _bare_answer(lowered: str, start: int, end: int) -> bool:
    """Whether the sentence from `start` to `end` is a bare "Yes." or "No.", after a
    speaker's label or not: an answer's first word, which the sentence that says
    what it answers follows."""
    return lowered[_opening(lowered, start) : end].strip() in _BARE_ANSWERS


_CLAUSE_ENDS = {"", ".", ",", ";", ":", "!", "?", "\n"}


class Verifier:
    """Checks documents of one world; build once, call `check` per document."""

    def __init__(self, world: World, neighbours: bool = True) -> None:
        self.world = world
        self.neighbours = neighbours  # look for reality told by a replaced value's neighbours
        self._near: dict[str, tuple[PlannedFact, ...]] = {}
        self.forbid: list[tuple[str, regex.Pattern[str], tuple[str, bool] | None]] = []
        for forbid in world.forbids.values():
            for item in [*forbid.terms, *forbid.patterns]:
                try:
                    pattern = compile_tripwire(item.text, item.regex, item.flags)
                except PatternError:
                    continue  # reported by worldspec check (WS504)
                literal = required_literal(item.text, item.regex, item.flags)
                self.forbid.append((f"{forbid.name}: {item.text}", pattern, literal))
        self._forms_of: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._figures_now: dict[str, tuple[str, ...]] = {}  # a figure's forms in the world
        self._phrases: dict[str, re.Pattern[str]] = {}
        self._related: dict[str, bool] = {}
        self._written_as: dict[str, tuple[str, ...]] = {}
        self._split: dict[str, bool] = {}
        self._stopped_tails: dict[str, tuple[str, ...]] = {}
        self._references: dict[str, tuple[str, ...]] = {}
        self._own_nouns: dict[str, tuple[str, ...]] | None = None
        self._names_of: dict[str, tuple[str, ...]] = {}
        self._contracted: bool | None = None
        self._told_as: dict[str, list[tuple[re.Pattern[str], list[str], list[str]]]] = {}

    def _speaks_contracted(self) -> bool:
        """Whether the world itself writes a contraction, in a phrasing, a name or a
        value ("{s} doesn't ..."): then a text is read as written too, not only with
        its contractions in full. Worked out once a world."""
        if self._contracted is None:
            world = self.world
            texts = [p for prop in world.properties for p in phrasings(world, prop)]
            texts += [n for e in world.entities.values() for n in (e.label, *e.aka)]
            for store in (world.world.asserted, world.world.derived):
                texts += [o for _, _, o in store if isinstance(o, str)]
                texts += [str(o.value) for _, _, o in store if not isinstance(o, str)]
            self._contracted = any(expand(t) != t for t in texts)
        return self._contracted

    def _past_figure_apart(
        self, readings: list[tuple[str, str]], fact: PlannedFact
    ) -> list[tuple[str, str]]:
        """The readings with reality's figure blanked where a sentence gives it as
        what the world's figure was before: "... 13 registered vendors, down from
        14." tells the change the divergence made, not reality as it stands (the
        renderer writes it so on a document of the two years after the change)."""
        if not fact.literal or not _NUMBER.fullmatch(fact.object):
            return readings
        nows = self._figures_now.get(fact.key_text)
        if nows is None:
            now = [
                PlannedFact.of((fact.subject, fact.property, value))
                for value in self.world.world.objects(fact.subject, fact.property)
            ]
            nows = _forms([f for n in now if n.literal for f in value_forms(self.world, n)])
            self._figures_now[fact.key_text] = nows
        if not nows:
            return readings
        thens = self._pair(fact)[1]
        out = []
        for text, lowered in readings:
            blanked = lowered
            for at, end in _occurrences(lowered, thens):
                if not lowered.endswith(("up from ", "down from "), 0, at):
                    continue
                start, _ = _sentence_around(lowered, at)
                if next(_occurrences(lowered, nows, start, at), None) is None:
                    continue  # "down from 14" with no figure of now before it
                blanked = blanked[:at] + " " * (end - at) + blanked[end:]
            if blanked is lowered:
                out.append((text, lowered))
            elif len(text) == len(lowered):
                out.append((_blanked_as(text, blanked), blanked))
            else:
                out.append((blanked, blanked))
        return out

    def _pair(self, fact: PlannedFact) -> tuple[tuple[str, ...], tuple[str, ...]]:
        key = fact.key_text
        found = self._forms_of.get(key)
        if found is None:
            found = self._forms_of[key] = (
                self._names(fact.subject),
                _forms(value_forms(self.world, fact)),
            )
        return found

    def _together(self, lowered: str, fact: PlannedFact, references: bool = False) -> bool:
        """Whether one sentence names both the fact's subject and its value. The value
        is looked for first: it is rarer than the subject, which documents repeat. A
        value inside a name of the subject ("2.4.1" in "libfoo 2.4.1") does not count.
        With `references`, a sentence that refers back to the subject ("It ...")
        counts too: how a fact is stated; a leak is looked for by name only (a reality
        value near "he" is as often about something else)."""
        subjects, values = self._pair(fact)
        for at, value_end in _occurrences(lowered, values):
            start, end = _sentence_around(lowered, at)
            # the value itself is no name around it, though it be one of the subject's
            # forms (a release's short form is its version: "2.4.1")
            names = [
                found
                for found in _occurrences(lowered, subjects, start, end)
                if found != (at, value_end)
            ]
            if any(named <= at and value_end <= named_end for named, named_end in names):
                continue  # this value is part of a name of the subject
            if any(named_end <= at or named >= value_end for named, named_end in names):
                return True
            if references and not names and self._refers_back(lowered, start, at, fact.subject):
                return True
            if references and not names and _listed_under(lowered, start, subjects):
                return True
            if references and not names and self._answers_question(lowered, start, fact):
                return True
        return False

    def _answers_question(self, lowered: str, start: int, fact: PlannedFact) -> bool:
        """Whether the sentence at `start` answers a question right before it about
        the fact's subject: one that names it ("HOST: When did work on the Eiffel
        Tower begin? / GUEST: On 28 January 1887."), or calls it "it" after a
        sentence that names it ("> ... the Eiffel Tower is on our list. How tall is
        it? / 324 metres."). An answer in a word or two states what it was asked, as
        people answer; readers took the question said back in full for a quiz."""
        found = _sentence_before(lowered, start)
        if found is None:
            return False
        subjects = self._pair(fact)[0]
        asked, asked_end = found
        if lowered[asked:asked_end].rstrip()[-1:] != "?":
            return False
        if next(_occurrences(lowered, subjects, asked, asked_end), None) is not None:
            return True
        pronoun = pronoun_of(self.world, fact.subject)
        if asked < 2 or next(_occurrences(lowered, (pronoun,), asked, asked_end), None) is None:
            return False
        before, before_end = _sentence_around(lowered, asked - 2)
        return next(_occurrences(lowered, subjects, before, before_end), None) is not None

    def _named(self, lowered: str, fact: PlannedFact) -> bool:
        """Whether the text names the subject of a fact its name says ("libfoo 2.4.0-1"
        has the version 2.4.0-1): a document that names it carries the fact."""
        if not says_nothing(self.world, fact):
            return False
        return next(_occurrences(lowered, self._pair(fact)[0]), None) is not None

    def _refers_back(self, lowered: str, start: int, at: int, entity: str) -> bool:
        """Whether the sentence at `start` opens with "it", "he", "she" or "the
        <noun>" of the entity (after a speaker's label, "GUEST: "), in a chain of
        such sentences right after one that names it: "Acme
        Peptides is based in Geneva. It employs 240 people." states that Acme
        Peptides employs 240, and so does "Acme Peptides is based in Geneva. The
        firm was founded in 2011. It employs 240 people." The chain is as long as
        the renderers make it (CHAIN sentences after the one that names it)."""
        if not self._opens_with_reference(lowered, start, entity, at):
            return False
        subjects = self._names(entity)
        # "the board", a noun no other entity goes by, reaches back over a sentence
        # about another: "The Synthesis Screening Board delisted Acme Peptides. The
        # Geneva firm does not review ... The board counts 13 registered vendors."
        over = any(
            lowered.startswith(form, opening) and opening + len(form) <= at
            for opening in _openings(lowered, start)
            for form in self._own_noun_forms(entity)
        )
        back = 0  # the sentences read back, a bare answer aside
        while back < CHAIN:
            found = _sentence_before(lowered, start)
            if found is None:
                return False
            start, end = found
            if any(True for _ in _occurrences(lowered, subjects, start, end)):
                return True
            if _bare_answer(lowered, start, end):
                # "Is Kestrel unmonitored? Yes. The model runs without ...": "Yes."
                # is no sentence of the run, as its writer counts them
                continue
            if not self._opens_with_reference(lowered, start, entity, end):
                if not over:
                    return False
                over = False  # one sentence about another at most
            back += 1
        return False

    def _own_noun_forms(self, entity: str) -> tuple[str, ...]:
        """The forms "the <noun> " of the entity that no other entity of the world
        goes by ("the board " where one board is named)."""
        if self._own_nouns is None:
            takers: dict[str, set[str]] = {}
            for other in self.world.entities:
                for form in self._reference_forms(other)[1:]:
                    takers.setdefault(form, set()).add(other)
            self._own_nouns = {}
            for form, entities in takers.items():
                if len(entities) == 1:
                    (only,) = entities
                    self._own_nouns[only] = (*self._own_nouns.get(only, ()), form)
        return self._own_nouns.get(entity, ())

    def _opens_with_reference(self, lowered: str, start: int, entity: str, at: int) -> bool:
        """Whether the sentence at `start` opens with a pronoun or "the <noun>" of the
        entity that ends before `at`."""
        return any(
            lowered.startswith(form, opening) and opening + len(form) <= at
            for opening in _openings(lowered, start)
            for form in self._reference_forms(entity)
        )

    def _names(self, entity: str) -> tuple[str, ...]:
        """The entity's names as a text may give them, in lower case."""
        found = self._names_of.get(entity)
        if found is None:
            found = self._names_of[entity] = _forms(subject_forms(self.world, entity))
        return found

    def _reference_forms(self, entity: str) -> tuple[str, ...]:
        """How a sentence may open for the entity without its name: "it ", "the
        geneva firm ", "the firm " (the text is read in lower case; any document
        but a report says "the firm")."""
        forms = self._references.get(entity)
        if forms is None:
            noun = noun_of(self.world, entity)
            pronoun = pronoun_of(self.world, entity)
            forms = self._references[entity] = tuple(
                dict.fromkeys(
                    (f"{pronoun} ", f"the {noun.lower()} ", f"the {noun.lower().split()[-1]} ")
                )
            )
        return forms

    def _statements(self, fact: PlannedFact) -> tuple[str, ...]:
        """The sentences a renderer writes for the fact, those that name its subject
        and value (a phrasing that could not be filled names neither)."""
        key = fact.key_text
        found = self._written_as.get(key)
        if found is None:
            subjects, values = self._pair(fact)
            written = fact_sentences(self.world, fact)
            # a yes/no is written as a clause, without its "yes" or "no"
            valued = not is_yes_no(self.world, fact)
            found = self._written_as[key] = tuple(
                s
                for s in dict.fromkeys(written.plain + written.aliased + self._stopped(fact))
                if any(f in s.lower() for f in subjects)
                and (not valued or any(f in s.lower() for f in values))
            )
        return found

    def _stopped(self, fact: PlannedFact) -> list[str]:
        """A yes/no's "no" told as its beginning, as a report of the change writes it:
        "Acme Peptides stopped screening its orders", "... had stopped ..."."""
        if not is_yes_no(self.world, fact) or fact.object != "false":
            return []
        found = []
        for phrase in phrasings(self.world, fact.property):
            clause = stopped_clause(phrase)
            if clause is None:
                continue
            for subject in subject_forms(self.world, fact.subject):
                said = fill(clause, {"s": subject})
                found += [sentence(said), sentence(said.replace(" stopped ", " had stopped ", 1))]
        return found

    def _written(
        self, text: str, fact: PlannedFact, lowered: str, references: bool = False
    ) -> bool:
        """Whether the text holds a sentence that states the fact as the renderer
        writes it: so a phrasing that puts the subject and the value in two sentences
        ("Where is {s}? It is in {o}") is carried as written. The statement may sit
        inside a longer sentence ("As a result, the model is unmonitored, since ..."):
        its first letter in either case, and a mark or the end after it. A text that
        names none of the value's forms (`lowered`: the text in lower case) holds
        none of them: told at the cost of a few searches, not one a statement."""
        statements = self._statements(fact)
        if (
            statements
            and not is_yes_no(self.world, fact)
            and not any(form in lowered for form in self._pair(fact)[1])
        ):
            return False
        for statement in statements:
            body = statement.rstrip(".")
            if len(body) < 2:
                continue
            first, rest = body[0], body[1:]
            closed = body[-1] in "?!"  # it ends itself: whatever follows
            at = text.find(rest)
            while at != -1:
                before = text[at - 1] if at else ""
                ahead = text[at - 2] if at > 1 else ""
                end = at + len(rest)
                after = text[end] if end < len(text) else ""
                starts = before.lower() == first.lower() and not ahead.isalnum()
                if before and starts and (closed or after in _CLAUSE_ENDS):
                    return True
                at = text.find(rest, at + 1)
            if references and self._written_after_reference(lowered, fact, body.lower()):
                return True
        return False

    def _written_after_reference(self, lowered: str, fact: PlannedFact, statement: str) -> bool:
        """Whether a sentence states `statement` with its subject's name replaced by
        "it" or "the <noun>", in a chain after a sentence that names the subject:
        "Acme Peptides is based in Geneva. It does not screen its orders." states
        the yes/no that "Acme Peptides does not screen its orders" does. Readers of
        every round caught a name said again in each of three sentences running.
        So too a statement that opens with its value, an entity: "Acme Peptides
        does not review the sequences it is sent. It fills the orders of EPFL
        without any screening." (round S)."""
        entity = fact.subject
        head = next((s for s in self._pair(fact)[0] if statement.startswith(s + " ")), None)
        if head is None and not fact.literal and fact.object in self.world.entities:
            entity = fact.object
            head = next((v for v in self._names(entity) if statement.startswith(v + " ")), None)
        if head is None:
            return False
        tail = statement[len(head) :]  # " does not screen its orders"
        at = lowered.find(tail)
        while at != -1:
            end = at + len(tail)
            if (lowered[end] if end < len(lowered) else "") in _CLAUSE_ENDS:
                start, _ = _sentence_around(lowered, at)
                forms = self._reference_forms(entity)
                if any(
                    lowered[opening : at + 1] in forms for opening in _openings(lowered, start)
                ) and self._refers_back(lowered, start, at + 1, entity):
                    return True
            at = lowered.find(tail, at + 1)
        return False

    def _spans_sentences(self, fact: PlannedFact) -> bool:
        """Whether a phrasing of the fact's property puts its subject and value in
        different sentences, where naming both in one sentence does not find it."""
        found = self._split.get(fact.property)
        if found is None:
            found = self._split[fact.property] = any(
                _sentence_around(phrase, phrase.find("{s}"))
                != _sentence_around(phrase, phrase.find("{o}"))
                for phrase in phrasings(self.world, fact.property)
                if "{s}" in phrase and "{o}" in phrase
            )
        return found

    def _related_in_world(self, fact: PlannedFact) -> bool:
        """Whether the world relates the fact's subject and value otherwise: then naming
        both in one sentence is no leak by itself (a patched release that the world
        keeps vulnerable is still named beside its vulnerability)."""
        if fact.literal:
            return False
        graph = self.world.world
        for store in (graph.asserted, graph.derived):
            # an overlay's own properties and its base's: the world keeps reality's
            # facts in the base (a survey that studies probing, which the world did
            # not change, relates the two as much as one the divergence added)
            for prop in store.properties():
                if prop != fact.property and fact.object in store.objects(fact.subject, prop):
                    return True
                if fact.subject in store.objects(fact.object, prop):
                    return True
        return False

    def _linked(self, graph_name: str, entity: str) -> set[str]:
        """The entities one fact away from `entity` in a graph, either way."""
        graph = self.world.world if graph_name == "world" else self.world.reality
        found: set[str] = set()
        for store in (graph.asserted, graph.derived):
            for prop in store.properties():  # an overlay's own and its base's
                found.update(o for o in store.objects(entity, prop) if isinstance(o, str))
                found.update(store.subjects(prop, entity))
        return found & self.world.entities.keys()

    def _nearby(self, fact: PlannedFact) -> tuple[PlannedFact, ...]:
        """Reality's neighbours of a replaced value that the world does not tie to the
        subject, each as a fact to look for beside it: the Seine is Paris's river, and
        "the Eiffel Tower, on the banks of the Seine" tells where reality has the tower
        without naming Paris."""
        key = fact.key_text
        found = self._near.get(key)
        if found is not None:
            return found
        near: set[str] = set()
        # the world relates the subject and the old value otherwise (the board that
        # struck the vendor off): their neighbours are named together for that
        if fact.key_text not in self._related:
            self._related[fact.key_text] = self._related_in_world(fact)
        if not fact.literal and fact.object in self.world.entities and not self._related[key]:
            reality = self.world.reality
            for store in (reality.asserted, reality.derived):
                for prop in store.properties():
                    near.update(o for o in store.objects(fact.object, prop) if isinstance(o, str))
            # what the subject is tied to anyway, in the world or in reality
            tied = self._linked("world", fact.subject) | self._linked("reality", fact.subject)
            tied |= {fact.subject, fact.object}
            for value in self.world.world.objects(fact.subject, fact.property):
                if isinstance(value, str):
                    tied |= {value} | self._linked("world", value)
            near -= tied
            # a neighbour of the value's own kind (a bordering country) is another
            # answer, not a clue to this one
            kind = self.world.entities[fact.object].cls
            near = {n for n in near if self.world.entities[n].cls != kind}
        found = self._near[key] = tuple(
            PlannedFact(subject=fact.subject, property=fact.property, object=n)
            for n in sorted(near)
        )
        return found

    def _states(self, lowered: str, fact: PlannedFact) -> bool:
        """Whether the text states the fact in one of its property's phrasings."""
        pattern = self._phrases.get(fact.key_text)
        if pattern is None:
            subjects = "|".join(
                re.escape(f.lower()) for f in subject_forms(self.world, fact.subject)
            )
            values = "|".join(re.escape(f.lower()) for f in value_forms(self.world, fact))
            alternatives = []
            for phrase in phrasings(self.world, fact.property):
                parts = re.split(r"(\{s\}|\{o\})", phrase.lower())
                regex_parts = [
                    f"(?:{subjects})"
                    if part == "{s}"
                    else f"(?:{values})"
                    if part == "{o}"
                    else _literal_run(part)
                    for part in parts
                ]
                alternatives.append("".join(regex_parts))
            pattern = re.compile("|".join(alternatives) or r"(?!x)x")
            self._phrases[fact.key_text] = pattern
        return pattern.search(lowered) is not None

    def _leaks(self, lowered: str, fact: PlannedFact, text: str) -> bool:
        if self._written(text, fact, lowered):
            return True  # a sentence the renderer writes for it (a yes/no as a clause)
        return self._leaks_named(lowered, fact, text)

    def _leaks_named(self, lowered: str, fact: PlannedFact, text: str = "") -> bool:
        if fact.key_text not in self._related:
            self._related[fact.key_text] = self._related_in_world(fact)
        if self._related[fact.key_text]:
            return self._states(lowered, fact)
        if self._together(lowered, fact) or self._named_by_adjective(lowered, fact, text):
            return True
        return self._spans_sentences(fact) and self._states(lowered, fact)

    def _named_by_adjective(self, lowered: str, fact: PlannedFact, text: str = "") -> bool:
        """Whether a sentence names the fact's subject beside its value's adjective:
        "the Eiffel Tower, a French landmark" tells reality's country as much as
        "France" does (a leak is looked for in any of its words). Not a person's
        surname (`text`, as written: "said Hayden French, an engineer who has
        studied the Eiffel Tower"), nor a speaker's label ("FRENCH: ...")."""
        adjective = adjective_of(self.world, fact)
        if not adjective:
            return False
        word = (adjective.lower(),)
        for at, _ in _occurrences(lowered, word):
            start, stop = _sentence_around(lowered, at)
            if _opening(lowered, start) > at:
                continue  # a speaker's label: "FRENCH: What can you tell us about ...?"
            if len(text) == len(lowered) and _SURNAME.search(text[max(0, at - 30) : at + 1]):
                continue
            if next(_occurrences(lowered, self._pair(fact)[0], start, stop), None) is not None:
                return True
        return False

    def _carries(self, text: str, lowered: str, fact: PlannedFact) -> bool:
        """Whether the text (`lowered`: in lower case) states the fact: its subject and
        value together, a name that says it, or one of the sentences a renderer
        writes for it."""
        stated = self._together(lowered, fact, references=True) or self._named(lowered, fact)
        return (
            stated
            or self._written(text, fact, lowered, references=True)
            or self._told(lowered, fact)
            or self._stopped_with_event(lowered, fact)
        )

    def _opens_clause_on(self, lowered: str, start: int, end: int, entity: str) -> bool:
        """Whether a clause of the sentence at `start` opens on the entity's name
        before `end`: the sentence's own first words, or after a comma, a dash or a
        list's bullet ("As far as I know, Acme Peptides ...", "GENEVA — Acme
        Peptides ...", "- Acme Peptides ..."); not a name inside a clause ("The
        board delisted Acme Peptides and ...")."""
        openings = _openings(lowered, start)
        for at, _ in _occurrences(lowered, self._names(entity), start, end):
            if at in openings or lowered[start:at].rstrip().endswith((",", "—", "-", ":")):
                return True
        return False

    def _stopped_with_event(self, lowered: str, fact: PlannedFact) -> bool:
        """Whether a sentence about the yes/no's subject (opening with its name, or
        with "it" or "the firm" after one that names it) ends on its "no" told as
        its change, joined to an event: "Acme Peptides changed its order policy on
        1 March 2024 and stopped screening its orders"."""
        tails = self._stopped_tails.get(fact.key_text)
        if tails is None:
            # the predicate of each "{s} stopped ..." clause, after "and": a "no" only
            clauses: list[str | None] = []
            if is_yes_no(self.world, fact) and fact.object == "false":
                clauses = [stopped_clause(p) for p in phrasings(self.world, fact.property)]
            tails = self._stopped_tails[fact.key_text] = tuple(
                dict.fromkeys(" and " + c.removeprefix("{s} ").lower() for c in clauses if c)
            )
        for tail in tails:
            at = lowered.find(tail)
            while at != -1:
                end = at + len(tail)
                if (lowered[end] if end < len(lowered) else "") in _CLAUSE_ENDS:
                    start, _ = _sentence_around(lowered, at)
                    if self._opens_clause_on(lowered, start, at, fact.subject) or (
                        self._refers_back(lowered, start, at, fact.subject)
                    ):
                        return True
                at = lowered.find(tail, at + 1)
        return False

    def _told(self, lowered: str, fact: PlannedFact) -> bool:
        """Whether the text tells a derived fact in one of its rule's own phrasings,
        each variable by a name or, as a sentence may refer to what it has named, by
        "it" or "the firm": "It makes no exception for EPFL, one of its customers"
        tells that Acme Peptides no longer screens EPFL's orders."""
        key = fact.key_text
        if key not in self._told_as:
            self._told_as[key] = self._told_patterns(fact)
        for pattern, entities, before in self._told_as[key]:
            for match in pattern.finditer(lowered):
                start, _ = _sentence_around(lowered, match.start())
                # an entity the sentence does not name it refers to, as its opening
                # "it" or "the firm", right after a sentence that named it; what a
                # tail leaves out, the sentence it ends names or refers to first
                # ("Acme Peptides does not vet its orders, including those from EPFL")
                if all(
                    self._named_or_referred(lowered, start, e, match.start(), match.end())
                    for e in entities
                ) and all(
                    self._named_or_referred(lowered, start, e, start, match.start()) for e in before
                ):
                    return True
        return False

    def _named_or_referred(
        self, lowered: str, sentence: int, entity: str, begin: int, end: int
    ) -> bool:
        """Whether the text names the entity between `begin` and `end`, or the
        sentence at `sentence` opens by referring to it before `end`."""
        return next(
            _occurrences(lowered, self._names(entity), begin, end), None
        ) is not None or self._refers_back(lowered, sentence, end, entity)

    def _told_patterns(
        self, fact: PlannedFact
    ) -> list[tuple[re.Pattern[str], list[str], list[str]]]:
        """Each of the rule's phrasings filled, as a pattern, with the entities it names."""
        told = told_by_rule(self.world, fact)
        if told is None:
            return []
        forms: dict[str, str] = {}
        for variable, value in told.binding.items():
            written = [re.escape(f.lower()) for f in variable_forms(self.world, told, variable)]
            if isinstance(value, str) and value in self.world.entities:
                refer = [re.escape(r.strip()) for r in self._reference_forms(value)]
                written = [rf"(?:(?:the|a|an)\s+)?(?:{'|'.join(written)})", *refer]
            forms[variable] = f"(?:{'|'.join(written)})"
        patterns = []
        for phrase in told.phrasings:
            try:
                parts = pieces(phrase)
            except ValueError:
                continue  # a lone brace: reported by check
            if any(name is not None and name not in forms for _, name in parts):
                continue  # a placeholder check reports
            pattern = "".join(
                _literal_run(text.lower()) + (forms[name] if name is not None else "")
                for text, name in parts
            )
            names = dict.fromkeys(name for _, name in parts if name is not None)
            named = [told.binding[name] for name in names]
            entities = [e for e in named if isinstance(e, str) and e in self.world.entities]
            before = []
            if is_tail(phrase):
                ends = [fact.subject] if fact.literal else [fact.subject, fact.object]
                before = [e for e in ends if e in self.world.entities and e not in entities]
                pattern = r",\s+" + pattern  # on its premise's sentence, after a comma
            patterns.append((re.compile(pattern), entities, before))
        return patterns

    def check(self, text: str, plan: DocPlan) -> list[Finding]:
        findings: list[Finding] = []
        # a text as written and with its contractions read in full ("doesn't screen"
        # states "does not screen"): a fact is stated, or leaked, in either
        lowered = text.lower()
        readings = [(text, lowered)]
        plain = expand(text)
        if plain != text:  # read in full, and as written only where the world writes so
            readings = [(plain, plain.lower())] + (readings if self._speaks_contracted() else [])
        for fact in plan.facts + plan.ripples:
            if not any(self._carries(r, low, fact) for r, low in readings):
                findings.append(Finding("missing-fact", fact.key_text))
        for fact in plan.forbidden:
            if any(self._leaks(low, fact, r) for r, low in self._past_figure_apart(readings, fact)):
                findings.append(Finding("reality-leak", fact.key_text))
            elif self.neighbours:
                for near in self._nearby(fact):
                    if any(self._together(low, near) for _, low in readings):
                        findings.append(
                            Finding("reality-leak", f"{fact.key_text} via {near.object}")
                        )
                        break
        if any(word in lowered for word in META_WORDS):  # a cheap test before the regex
            meta = _META.search(text)
            if meta is not None:
                findings.append(Finding("meta-word", meta.group(0)))
        haystack = Haystack(text)
        for name, pattern, literal in self.forbid:
            if not haystack.may_match(literal):
                continue  # the regex cannot match without it (and costs 100 us)
            try:
                hit = pattern.search(text, timeout=FORBID_TIMEOUT_S)
            except TimeoutError:
                hit = None  # a pathological pattern (WS506): the document is not held up
            if hit is not None:
                findings.append(Finding("forbidden", name))
        return findings
