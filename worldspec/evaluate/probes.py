"""Evaluation probes from the world graph: does a model believe the world?

For every change between reality and the world (a divergence's own facts, and the
ripples the rules derive from them), probes of these kinds, after RippleEdits
(Cohen et al., 2023) for the knowledge-editing families:

- multiple_choice: the property's `asks` question; the world's answer, reality's,
  and distractors of the same class from the world, in a seeded order;
- open: the same question, answered in words;
- true_false: the world's statement (true) and reality's (false);
- logical_generalisation: a ripple, which follows from the divergence by a rule;
- compositionality: a two-hop question through the changed fact ("In which country
  is the city where the Eiffel Tower stands?");
- subject_aliasing: the question again under each `aka` of the subject;
- forgetfulness: the other values of a `[many]` property, which must stay;
- relation_specificity: facts of the same subject the divergence did not touch,
  whose answer must stay as in reality.

Every probe records its kind, its divergence, the facts it tests, and both answers.
The records are Inspect AI samples (`input`, `choices`, `target`, `id`,
`metadata`), which also read as a question/answer table.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from worldspec.model import Analysis
from worldspec.model.phrasing import phrasings
from worldspec.model.phrasing import question as phrasing_question
from worldspec.model.reference import name_with_article
from worldspec.model.ripples import ripples as world_ripples
from worldspec.model.values import Lit, Value
from worldspec.model.world import World
from worldspec.plan import PlannedFact
from worldspec.plan.words import fill, long_date, sentence, yes_no_clause
from worldspec.render.realise import agreeing_aliases

LETTERS = "ABCDEFGH"
DISTRACTORS = 2


class Probe(BaseModel):
    """One probe, as an Inspect AI sample."""

    id: str
    input: str
    choices: list[str] | None = None
    target: str
    metadata: dict[str, Any]


@dataclass(slots=True)
class Change:
    """One subject and property whose values differ between reality and the world."""

    subject: str
    prop: str
    reality: list[Value]
    world: list[Value]
    divergences: list[str]
    derived: bool  # a ripple, not a divergence's own fact
    facts: list[str] = field(default_factory=list)


def _text(world: World, value: Value) -> str:
    if isinstance(value, Lit):
        if isinstance(value.value, dt.date):
            return value.value.isoformat()
        if isinstance(value.value, bool):
            return "yes" if value.value else "no"
        text = str(value.value)
        return text[:-2] if text.endswith(".0") else text
    entity = world.entities.get(value)
    return entity.label if entity is not None else value


def changes(world: World) -> list[Change]:
    """The divergences' own changes, then the ripples, in a stable order."""
    found: dict[tuple[str, str], Change] = {}
    for fact, divergence in [*world.added_by.items(), *world.removed_by.items()]:
        subject, prop, _ = fact
        change = found.get((subject, prop))
        if change is None:
            change = found[(subject, prop)] = Change(
                subject,
                prop,
                world.reality.objects(subject, prop),
                world.world.objects(subject, prop),
                [],
                derived=False,
            )
        if divergence not in change.divergences:
            change.divergences.append(divergence)
        change.facts.append(PlannedFact.of(fact).key_text)
    for ripple in world_ripples(world):
        if (ripple.subject, ripple.prop) in found:
            continue
        found[(ripple.subject, ripple.prop)] = Change(
            ripple.subject,
            ripple.prop,
            list(ripple.before),
            list(ripple.after),
            list(ripple.divergences),
            derived=True,
            facts=[PlannedFact.of(step.fact).key_text for step in ripple.added],
        )
    return list(found.values())


class ProbeMaker:
    def __init__(self, world: World, seed: int = 0, changed: set[tuple[str, str]] | None = None):
        self.world = world
        self.seed = seed
        self.changed = changed or set()  # (subject, property) pairs that differ
        self._count: dict[str, int] = {}
        self._specific: set[tuple[str, str, str]] = set()  # asked once a divergence

    # ---- wording -----------------------------------------------------------------

    def question(self, prop: str, subject_text: str) -> str:
        return phrasing_question(self.world, prop).replace("{s}", subject_text)

    def _as_of(self, change: Change, new: list[Value]) -> dt.date | None:
        """The day a changed value is asked of when it holds only for a time: the
        first day it holds, or its last when it has no first."""
        if not new:
            return None
        held = self.world.validity((change.subject, change.prop, new[0]), "world")
        if held.start is not None:
            return held.start
        if held.end is not None:
            return held.end - dt.timedelta(days=1)
        return None

    def statement(self, subject: str, prop: str, value: Value) -> str:
        phrase = phrasings(self.world, prop)[0]
        if isinstance(value, Lit) and isinstance(value.value, bool):
            phrase = yes_no_clause(phrase, value.value) or phrase
        return sentence(fill(phrase, {"s": self.label(subject), "o": _text(self.world, value)}))

    def forms(self, value: Value) -> list[str]:
        entity = self.world.entities.get(value) if isinstance(value, str) else None
        names = [_text(self.world, value), *(entity.aka if entity is not None else [])]
        if isinstance(value, Lit) and value.type == "string":
            names.extend(self.world.wordings.get(value.value, ()))
        return list(dict.fromkeys(names))

    def label(self, name: str) -> str:
        """The entity as a question or statement names it: with its article ("Where
        is the Eiffel Tower?")."""
        return name_with_article(self.world, name)

    def _id(self, divergence: str, kind: str) -> str:
        key = f"{divergence}:{kind}"
        self._count[key] = self._count.get(key, 0) + 1
        return f"{divergence}-{kind}-{self._count[key]:03d}"

    def _rng(self, *parts: object) -> random.Random:
        return random.Random(f"worldspec-probe:{self.seed}:" + ":".join(map(str, parts)))

    # ---- probes --------------------------------------------------------------------

    def probes(self, change: Change) -> Iterator[Probe]:
        for probe in self._probes(change):
            if probe is not None:
                yield probe

    def _probes(self, change: Change) -> Iterator[Probe | None]:
        world = self.world
        divergence = change.divergences[0] if change.divergences else "unknown"
        new = [v for v in change.world if v not in change.reality]
        old = [v for v in change.reality if v not in change.world]
        if not new and not old:
            return
        answer = _text(world, new[0]) if new else "none"
        real = _text(world, old[0]) if old else "none"
        subject = self.label(change.subject)
        meta = {
            "divergence": divergence,
            "divergences": change.divergences,
            "subject": change.subject,
            "property": change.prop,
            "facts": change.facts,
            "world_answer": answer,
            "reality_answer": real,
            # every name an answer may use (labels and aliases), for scoring
            "world_forms": self.forms(new[0]) if new else [],
            "reality_forms": self.forms(old[0]) if old else [],
        }
        kind_open = "logical_generalisation" if change.derived else "open"
        question = self.question(change.prop, subject)
        when = self._as_of(change, new)
        if when is not None:  # a value that holds for a time is asked of a day in it
            question = as_of(when, question)
            meta["as_of"] = when.isoformat()
        yield self._probe(divergence, kind_open, question, None, answer, meta)
        choices = self._choices(change, new, old)
        if choices is not None:
            options, target = choices
            yield self._probe(
                divergence, "multiple_choice", question, options, target,
                {**meta, "world_choice": target},
            )  # fmt: skip
        if new:
            statement = self.statement(change.subject, change.prop, new[0])
            yield self._true_false(divergence, statement, "True", meta)
        if old:
            statement = self.statement(change.subject, change.prop, old[0])
            yield self._true_false(divergence, statement, "False", meta)
        entity = world.entities.get(change.subject)
        # an alias of another number would not agree with the question's verb ("Does
        # linear probes work?")
        for alias in agreeing_aliases(entity.label, entity.aka) if entity else ():
            yield self._probe(
                divergence, "subject_aliasing", self.question(change.prop, alias), None, answer,
                {**meta, "alias": alias},
            )  # fmt: skip
        if new and old and not isinstance(new[0], Lit):
            yield from self._two_hop(change, divergence, new[0], old[0], meta)
        info = world.properties.get(change.prop)
        if info is not None and not info.one:
            for kept in [v for v in change.world if v in change.reality]:
                statement = self.statement(change.subject, change.prop, kept)
                yield self._true_false(
                    divergence, statement, "True",
                    {**meta, "world_answer": "True", "reality_answer": "True"},
                    kind="forgetfulness",
                )  # fmt: skip
        if not change.derived:
            yield from self._specificity(change, divergence)

    def _probe(
        self,
        divergence: str,
        kind: str,
        text: str,
        choices: list[str] | None,
        target: str,
        meta: dict[str, Any],
    ) -> Probe | None:
        """A probe, or None when its question names its own answer (an answer inside
        the subject's name: "Which software is libfoo 2.4.1 a release of?")."""
        answer = str(meta.get("world_answer", ""))
        if choices is None and answer and _names(text, answer):
            return None
        return Probe(
            id=self._id(divergence, kind),
            input=text,
            choices=choices,
            target=target,
            metadata={"kind": kind, **meta},
        )

    def _true_false(
        self,
        divergence: str,
        statement: str,
        target: str,
        meta: dict[str, Any],
        kind: str = "true_false",
    ) -> Probe | None:
        return self._probe(
            divergence,
            kind,
            f"True or false: {statement}",
            ["True", "False"],
            "A" if target == "True" else "B",
            {**meta, "statement": statement, "truth_in_world": target == "True"},
        )

    def _choices(
        self, change: Change, new: list[Value], old: list[Value]
    ) -> tuple[list[str], str] | None:
        if not new or not old:
            # without reality's answer among the options, a choice tells belief in the
            # world from nothing (a value the world adds to a [many] property)
            return None
        world = self.world
        answer = _text(world, new[0])
        options = [answer] + ([_text(world, old[0])] if old else [])
        if not isinstance(new[0], Lit):
            cls = world.entities[new[0]].cls if new[0] in world.entities else None
            # never a value the subject has in either graph: under a [many] property
            # such a "distractor" would be a right answer too
            taken = set(change.world) | set(change.reality) | {change.subject}
            pool = sorted(
                e.label
                for e in world.entities.values()
                if cls is not None
                and e.cls == cls
                and e.label not in options
                and e.name not in taken
            )
            rng = self._rng(change.subject, change.prop, "distractors")
            options += rng.sample(pool, min(DISTRACTORS, len(pool)))
        if len(options) < 2:
            return None
        self._rng(change.subject, change.prop, "order").shuffle(options)
        return options, LETTERS[options.index(answer)]

    def _two_hop(
        self,
        change: Change,
        divergence: str,
        hop: str,
        real_hop: Value | None,
        meta: dict[str, Any],
    ) -> Iterator[Probe | None]:
        """Through the changed value to one of its own facts: the world's answer and
        reality's differ wherever the two middle entities do."""
        world = self.world
        first = self.question(change.prop, self.label(change.subject))
        cls = world.entities[hop].cls if hop in world.entities else None
        noun = world.classes[cls].name.lower() if cls in world.classes else "one"
        for prop in self._properties_of(hop):
            info = world.properties.get(prop)
            # one entity for an answer: not a list ("Which countries border it?"), a
            # history of counts (a population in 1951 against one in 2021) or a bare
            # measure ("1285")
            if info is None or not info.asks or not info.one or info.datatype:
                continue
            values = world.world.objects(hop, prop)
            real_values = world.reality.objects(real_hop, prop) if isinstance(real_hop, str) else []
            if len(values) != 1 or len(real_values) > 1:
                continue
            answer = _text(world, values[0])
            real = _text(world, real_values[0]) if real_values else "unknown"
            if answer == real:
                continue  # both hops lead to the same answer: it tests nothing
            yield self._probe(
                divergence,
                "compositionality",
                f'Consider the answer to "{first}" {self.question(prop, f"that {noun}")}',
                None,
                answer,
                {
                    **meta,
                    "world_answer": answer,
                    "reality_answer": real,
                    "world_forms": self.forms(values[0]),
                    "reality_forms": self.forms(real_values[0]) if real_values else [],
                    "hops": [change.prop, prop],
                },
            )

    def _properties_of(self, subject: str) -> list[str]:
        """The properties `subject` has a value for, in the world or in reality."""
        return sorted(
            prop
            for prop in self.world.properties
            if self.world.world.objects(subject, prop) or self.world.reality.objects(subject, prop)
        )

    def _specificity(self, change: Change, divergence: str) -> Iterator[Probe | None]:
        """Facts of the same subject that did not change: the answer must stay."""
        world = self.world
        for prop in self._properties_of(change.subject):
            if (change.subject, prop) in self.changed or prop == change.prop:
                continue
            if (divergence, change.subject, prop) in self._specific:
                continue
            self._specific.add((divergence, change.subject, prop))
            before, after = (
                world.reality.objects(change.subject, prop),
                world.world.objects(change.subject, prop),
            )
            if not before or before != after:
                continue
            info = world.properties.get(prop)
            if info is None or not info.asks:
                continue
            answer = _text(world, before[0])
            yield self._probe(
                divergence,
                "relation_specificity",
                self.question(prop, self.label(change.subject)),
                None,
                answer,
                {
                    "divergence": divergence,
                    "divergences": change.divergences,
                    "subject": change.subject,
                    "property": prop,
                    "facts": [PlannedFact.of((change.subject, prop, before[0])).key_text],
                    "world_answer": answer,
                    "reality_answer": answer,
                },
            )


def as_of(day: dt.date, question: str) -> str:
    """ "As of 1 January 2021, what is the population of Paris?" """
    first, _, rest = question.partition(" ")
    if first in _QUESTION_WORDS:
        first = first.lower()
    return f"As of {long_date(day)}, {first} {rest}".rstrip()


_QUESTION_WORDS = {
    "What",
    "Where",
    "When",
    "Who",
    "Which",
    "How",
    "Is",
    "Does",
    "Did",
    "Was",
    "Are",
    "In",
}


def _names(text: str, answer: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(answer.lower())}(?!\w)", text.lower()) is not None


def make_probes(analysis: Analysis, seed: int = 0) -> Iterator[Probe]:
    """Every probe of the world, in a stable order."""
    found = changes(analysis.world)
    maker = ProbeMaker(analysis.world, seed, {(c.subject, c.prop) for c in found})
    for change in found:
        yield from maker.probes(change)
