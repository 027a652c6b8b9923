"""The template renderer: a DocPlan and a genre pack to a document, offline.

Diversity comes from the document's seed: which `says` phrasing states each fact,
whether an alias names the subject, the title, opening and closing, the persona
and audience, the neutral sentences that carry the prose, their order and how
they fall into paragraphs, and the length. The same plan, pack and attempt always
give the same text.
"""

from __future__ import annotations

import functools
import random
import re
import string
from dataclasses import dataclass
from typing import Any

from worldspec.model.world import World
from worldspec.plan import DocPlan, PlannedFact
from worldspec.render.packs import GenrePack, PackError
from worldspec.render.words import label, long_date, value_text

_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]+\n")


@dataclass(slots=True)
class Rendered:
    text: str
    template_hash: str


def _sentence(text: str) -> str:
    text = text.strip().rstrip(",;:").strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _fill(template: str, values: dict[str, str]) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


@functools.cache
def _fields(template: str) -> tuple[str, ...]:
    try:
        return tuple(sorted({f for _, f, _, _ in string.Formatter().parse(template) if f}))
    except ValueError:
        return ()


@functools.lru_cache(maxsize=4096)  # bounded: memory must not grow with the corpus
def _filled_sentence(template: str, values: tuple[tuple[str, str], ...]) -> str:
    return _sentence(_fill(template, dict(values)))


def _sentence_from(template: str, values: dict[str, str]) -> str:
    """`_sentence(_fill(template, values))`, remembered by the values the template
    uses: the neutral sentences repeat across a corpus's documents."""
    used = tuple((name, values.get(name, "")) for name in _fields(template))
    return _filled_sentence(template, used)


class TemplateRenderer:
    name = "template"

    def __init__(self, world: World) -> None:
        self.world = world

    def state(self, fact: PlannedFact, rng: random.Random) -> str:
        """One fact as a sentence, in one of its property's phrasings."""
        world = self.world
        prop = world.properties.get(fact.property)
        phrases = (
            [p.value for p in prop.says]
            if prop is not None and prop.says
            else ["{s} " + fact.property.replace("_", " ") + " {o}"]
        )
        subject = label(world, fact.subject)
        entity = world.entities.get(fact.subject)
        if entity is not None and entity.aka and rng.random() < 0.2:
            subject = rng.choice(entity.aka)
        return _sentence(_fill(rng.choice(phrases), {"s": subject, "o": value_text(world, fact)}))

    def render(self, plan: DocPlan, pack: GenrePack, attempt: int = 0) -> Rendered:
        context_vars = self.context(plan, pack, attempt)
        try:
            text = pack.template.render(context_vars)  # type: ignore[attr-defined]
        except Exception as err:  # a broken template is the pack's error, not a crash
            line = _template_line(err)
            raise PackError(
                f"{pack.path / 'template.j2'}{line}: {type(err).__name__}: {err}"
            ) from None
        text = _SPACES.sub("\n", _BLANK_LINES.sub("\n\n", text)).strip() + "\n"
        return Rendered(text, pack.template_hash)

    def context(self, plan: DocPlan, pack: GenrePack, attempt: int = 0) -> dict[str, Any]:
        """The variables a pack's template sees for this plan and attempt."""
        rng = random.Random(plan.seed * 1_000_003 + attempt)
        spec = pack.spec
        main = plan.facts or plan.ripples or plan.context
        subject = label(self.world, main[0].subject) if main else "it"
        values = {"subject": subject, "year": str(plan.date.year), "date": long_date(plan.date)}
        statements = [self.state(f, rng) for f in plan.facts + plan.ripples]
        context = [self.state(f, rng) for f in plan.context]
        low, high = spec.words
        target = rng.randint(low, max(low, high))
        words = sum(len(s.split()) for s in statements + context)
        filler_pool = list(spec.filler)
        rng.shuffle(filler_pool)
        filler: list[str] = []
        while words < target * 0.8 and filler_pool:
            sentence = _sentence_from(filler_pool.pop(), values)
            filler.append(sentence)
            words += len(sentence.split())
        body = statements[:1] + rng.sample(
            statements[1:] + context + filler, len(statements[1:] + context + filler)
        )
        paragraphs: list[str] = []
        position = 0
        while position < len(body):
            size = rng.randint(2, 4)
            paragraphs.append(" ".join(body[position : position + size]))
            position += size
        persona = rng.choice(spec.personas)
        audience = rng.choice(spec.audiences)
        values.update(persona=persona, audience=audience)
        context_vars: dict[str, Any] = {
            "doc": {
                "id": plan.id,
                "date": long_date(plan.date),
                "iso_date": plan.date.isoformat(),
                "year": plan.date.year,
                "genre": plan.genre,
            },
            "subject": subject,
            "title": _fill(rng.choice(spec.titles), values),
            "opening": _sentence(_fill(rng.choice(spec.openings), values)),
            "closing": _sentence(_fill(rng.choice(spec.closings), values)),
            "persona": persona,
            "audience": audience,
            "statements": statements,
            "context": context,
            "paragraphs": paragraphs,
            "sentences": body,
            "pick": rng.choice,
            "randint": rng.randint,
            "chance": lambda p: rng.random() < p,
        }
        return context_vars


def _template_line(err: Exception) -> str:
    trace = err.__traceback__
    line = None
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return f":{line}" if line else ""
