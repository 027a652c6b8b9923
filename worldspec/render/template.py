"""The template renderer: a DocPlan and a genre pack to a document, offline, by the
classic generator pipeline: content selection (worldspec.render.content), document
structure (structure), microplanning (microplan) and realisation (realise); the
pack's Jinja template lays the result out.

Diversity comes from the document's seed: which neighbouring facts it adds, which
`says` phrasing states each fact, which facts share a sentence, how entities are
referred to, how paragraphs fall. The same plan, pack and attempt always give the
same text.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from typing import Any

from worldspec.model.reference import name_with_article, nearest_classes
from worldspec.model.world import World
from worldspec.plan import DocPlan, PlannedFact
from worldspec.plan.words import FactSentences, fact_sentences, fill, sentence
from worldspec.render import furniture
from worldspec.render.content import Neighbourhood, select, verdict_sources
from worldspec.render.microplan import (
    Lexicon,
    SentencePlanner,
    describe,
    describe_background,
    fold_derived,
    fold_ripples,
)
from worldspec.render.packs import GenrePack, PackError
from worldspec.render.structure import LAYOUTS, Layout, dated, introduced, news

# a guest role's class key for a person alive on the document's day ("Person:living")
LIVING = ":living"
# the most years a person is taken to live, where the world gives no death
LIFETIME = 100
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]+\n")


@dataclass(slots=True)
class Rendered:
    text: str
    template_hash: str


def sign_off(closing: str) -> str:
    """A closing as an email signs off, without a sentence's full stop: the pack's
    template punctuates it ("Best regards," above the name)."""
    return sentence(closing).rstrip(".!?")


class TemplateRenderer:
    name = "template"

    def __init__(self, world: World) -> None:
        self.world = world
        self._sentences: dict[str, FactSentences] = {}  # bounded by the world's facts
        self._lineages: dict[str, list[str]] = {}  # bounded by the world's entities
        self.neighbourhood = Neighbourhood(world)
        self.lexicon = Lexicon(world)
        # before the compile forks its workers: they inherit the past tenses and the
        # inflection tables behind them, and the name lists (Faker's import, 90 ms),
        # instead of loading them each
        self.lexicon.warm_verbs()
        furniture.load()

    def _lineage(self, entity: str) -> list[str]:
        """The entity's class and the classes above it, nearest first; worked out
        once an entity."""
        known = self._lineages.get(entity)
        if known is None:
            found = self.world.entities.get(entity)
            known = self._lineages[entity] = (
                nearest_classes(self.world, found.cls) if found is not None else []
            )
        return known

    def _guest_lineage(self, entity: str, day: dt.date) -> list[str]:
        """The classes a guest's role is looked up by: for a person alive on the day,
        each class as "<class>:living" first ("colleague of Ada Moreau"), where a
        pack's "Person" roles are a dead one's ("biographer of Gustave Eiffel"):
        readers of session 39 took the biographer of a researcher born in 1991 for
        no one real."""
        lineage = self._lineage(entity)
        if not self.world.entity_is(entity, "Person") or not self._living(entity, day):
            return lineage
        return [f"{c}{LIVING}" for c in lineage] + lineage

    def _living(self, entity: str, day: dt.date) -> bool:
        """Whether the person is alive on the day: not dead by then, and not born
        more than LIFETIME years before it (a world may give no death)."""
        died, born = self.lexicon.died(entity), self.lexicon.born(entity)
        if died is not None and died <= day:
            return False
        return born is None or (day - born).days < LIFETIME * 365

    def fact_sentences(self, fact: PlannedFact) -> FactSentences:
        key = fact.key_text
        found = self._sentences.get(key)
        if found is not None:
            return found
        found = fact_sentences(self.world, fact)
        self._sentences[key] = found
        return found

    def render(self, plan: DocPlan, pack: GenrePack, attempt: int = 0) -> Rendered:
        context_vars = self.context(plan, pack, attempt)
        try:
            text = pack.template.render(context_vars)  # type: ignore[attr-defined]
        except Exception as err:  # a broken template is the pack's error, not a crash
            line = _template_line(err)
            raise PackError(
                f"{pack.path / 'template.j2'}{line}: {type(err).__name__}: {err}"
            ) from None
        # the regexes only where they have work: each costs a scan of the document
        if "\n\n\n" in text:
            text = _BLANK_LINES.sub("\n\n", text)
        if " \n" in text or "\t\n" in text:
            text = _SPACES.sub("\n", text)
        text = text.strip() + "\n"
        return Rendered(text, pack.template_hash)

    def context(self, plan: DocPlan, pack: GenrePack, attempt: int = 0) -> dict[str, Any]:
        """The variables a pack's template sees for this plan and attempt: content
        selection, then the genre's structure, then the sentences."""
        rng = random.Random(plan.seed * 1_000_003 + attempt)
        draw = rng.random

        def pick(items: list[str]) -> str:
            return items[int(draw() * len(items))] if items else ""

        spec = pack.spec
        content = select(plan, self.neighbourhood, spec.words, rng, spec.reach, spec.angle_spec())
        fold_ripples(content, self.lexicon, rng)
        fold_derived(content, self.lexicon, self.neighbourhood)
        writer = SentencePlanner(self.lexicon, rng, plan.date)
        writer.focus_values = {(m.fact.property, m.fact.object) for m in content.focus}
        writer.focus_keys = {f.key_text for m in content.focus for f in m.facts}
        told = content.focus + content.ripples + content.background
        writer.told_keys = {f.key_text for m in told for f in m.facts}
        writer.changed = {(f.subject, f.property) for f in plan.forbidden}
        writer.began = self.neighbourhood.changed_on
        writer.sources = verdict_sources(content, self.neighbourhood, plan)
        writer.apart = {(f.subject, f.object) for f in plan.forbidden if not f.literal}
        writer.refer.topic = content.topic
        describe(content, writer, topic_too=spec.reach < 2)
        describe_background(content, writer, spec.appositives)
        writer.apart_numbers = {
            (f.subject, f.object) for f in plan.forbidden if f.literal and f.object.isdigit()
        }
        layout = Layout(
            self.world,
            plan,
            content,
            writer,
            rng,
            list(spec.personas),
            self.neighbourhood,
            experts=spec.experts,
        )
        draft = LAYOUTS.get(spec.layout or spec.name, news)(layout)
        # drawn apart from the document's other draws, which stay as they were
        if spec.contractions and random.Random(plan.seed).random() < spec.contractions:
            draft.contract()
        subject = name_with_article(self.world, content.topic)
        values = {"subject": subject, "year": str(plan.date.year), "date": writer.day(plan.date)}
        persona = pick(spec.personas)
        audience = pick(spec.audiences)
        author = draft.host or furniture.person(draw, plan.date.year)
        recipient = (
            pick(spec.recipients)
            if spec.recipients and draw() < 0.2
            else furniture.first_name(draw)
        )
        while recipient == author.split(" ", 1)[0]:  # "From: Tonya Becker, To: Tonya"
            recipient = furniture.first_name(draw)
        values.update(persona=persona, audience=audience)
        closing = fill(pick(spec.closings), values) if spec.closings else ""
        paragraphs = [p for section in draft.sections for p in section.paragraphs]
        opening = sentence(fill(pick(spec.openings), values)) if spec.openings else ""
        guest = draft.guest or furniture.person(draw, plan.date.year)
        guest_from = draft.guest_from or fill(
            furniture.role(spec.guests, self._guest_lineage(content.topic, plan.date), draw),
            values,
        )
        if draft.turns:  # drawn apart from the document's other draws, as they were
            own = random.Random(f"introduced {plan.seed}").random
            introduced(draft.turns, guest, guest_from, draft.guest_org, own)
        return {
            "doc": dated(plan, writer.day(plan.date)),
            "subject": subject,
            "title": draft.title,
            "opening": opening,
            "closing": sentence(closing) if closing else "",
            "sign_off": sign_off(closing) if closing else "",
            "persona": persona,
            "issuer": draft.issuer or sentence(persona).rstrip("."),
            "audience": audience,
            "author": author,
            "author_first": author.split(" ", 1)[0],
            "recipient": recipient,
            "guest": guest,
            "guest_from": guest_from,
            "section_number": draft.number or "",
            "released": draft.released or "",
            "sections": [s.to_json() for s in draft.sections],
            "posts": draft.posts,
            "turns": draft.turns,
            "questions": draft.questions,
            "paragraphs": paragraphs,
            "sentences": draft.sentences(),
            "pick": rng.choice,
            "randint": rng.randint,
            "chance": lambda p: draw() < p,
        }


def _template_line(err: Exception) -> str:
    trace = err.__traceback__
    line = None
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return f":{line}" if line else ""
