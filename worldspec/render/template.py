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
from worldspec.plan.words import FactSentences, fact_sentences, fill, label, long_date, sentence
from worldspec.render.packs import GenrePack, PackError

_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]+\n")


@dataclass(slots=True)
class Rendered:
    text: str
    template_hash: str


@functools.cache
def _fields(template: str) -> tuple[str, ...]:
    try:
        return tuple(sorted({f for _, f, _, _ in string.Formatter().parse(template) if f}))
    except ValueError:
        return ()


@functools.lru_cache(maxsize=4096)  # bounded: memory must not grow with the corpus
def _filled_sentence(template: str, values: tuple[tuple[str, str], ...]) -> tuple[str, int]:
    text = sentence(fill(template, dict(values)))
    return text, len(text.split())


def _sentence_from(template: str, values: dict[str, str]) -> tuple[str, int]:
    """`sentence(fill(template, values))` and its number of words, remembered by the
    values the template uses: the neutral sentences repeat across a corpus's documents."""
    fields = _fields(template)
    if not fields:
        return _filled_sentence(template, ())
    return _filled_sentence(template, tuple([(name, values.get(name, "")) for name in fields]))


def sign_off(closing: str) -> str:
    """A closing as an email signs off, without a sentence's full stop: the pack's
    template punctuates it ("Best regards," above the name)."""
    return sentence(closing).rstrip(".!?")


class TemplateRenderer:
    name = "template"

    def __init__(self, world: World) -> None:
        self.world = world
        self._sentences: dict[str, FactSentences] = {}  # bounded by the world's facts

    def fact_sentences(self, fact: PlannedFact) -> FactSentences:
        key = fact.key()
        found = self._sentences.get(key)
        if found is not None:
            return found
        found = fact_sentences(self.world, fact)
        self._sentences[key] = found
        return found

    def state(self, fact: PlannedFact, rng: random.Random) -> str:
        """One fact as a sentence, in one of its property's phrasings; one time in five
        an alias names the subject."""
        forms = self.fact_sentences(fact)
        draw = rng.random
        if forms.aliased and draw() < 0.2:
            return forms.aliased[int(draw() * len(forms.aliased))]
        return forms.plain[int(draw() * len(forms.plain))]

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
        """The variables a pack's template sees for this plan and attempt."""
        rng = random.Random(plan.seed * 1_000_003 + attempt)
        # indexes from random() rather than choice()/shuffle(): the same seeded
        # diversity at a fraction of the cost of randbelow, which dominated rendering
        draw = rng.random

        def pick(items: list[str]) -> str:
            return items[int(draw() * len(items))]

        spec = pack.spec
        main = plan.facts or plan.ripples or plan.context
        subject = label(self.world, main[0].subject) if main else "it"
        values = {"subject": subject, "year": str(plan.date.year), "date": long_date(plan.date)}
        statements = [self.state(f, rng) for f in plan.facts + plan.ripples]
        context = [self.state(f, rng) for f in plan.context]
        low, high = spec.words
        target = 0.8 * (low + int(draw() * (max(low, high) - low + 1)))
        words = sum(s.count(" ") + 1 for s in statements + context)
        filler: list[str] = []
        # fillers in a random order, drawn lazily: most documents need a few of them
        pool = sorted(spec.filler, key=lambda _: draw())
        for template in pool:
            if words >= target:
                break
            text, count = _sentence_from(template, values)
            filler.append(text)
            words += count
        rest = statements[1:] + context + filler
        rest.sort(key=lambda _: draw())
        body = statements[:1] + rest
        paragraphs: list[str] = []
        position = 0
        while position < len(body):
            size = 2 + int(draw() * 3)
            paragraphs.append(" ".join(body[position : position + size]))
            position += size
        persona = pick(spec.personas)
        audience = pick(spec.audiences)
        values.update(persona=persona, audience=audience)
        title = fill(pick(spec.titles), values)
        opening = sentence(fill(pick(spec.openings), values))
        closing = fill(pick(spec.closings), values)
        return {
            "doc": {
                "id": plan.id,
                "date": values["date"],
                "iso_date": plan.date.isoformat(),
                "year": plan.date.year,
                "genre": plan.genre,
            },
            "subject": subject,
            "title": title,
            "opening": opening,
            "closing": sentence(closing),
            "sign_off": sign_off(closing),
            "persona": persona,
            "audience": audience,
            "statements": statements,
            "context": context,
            "paragraphs": paragraphs,
            "sentences": body,
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
