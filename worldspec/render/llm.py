"""Prompts for the LLM renderer, from each genre pack's `prompt.j2`.

A prompt carries what the document must state (the plan's facts and ripples, in
their properties' `says` phrasings), the background it may draw on (context
facts), what it must never state (the reality values the divergence replaced),
the genre, the date, and diversity axes drawn from the document's seed: persona,
audience, style, the kind of opening, and the length.

The world is presented as it is: facts, stated plainly. Nothing in a prompt calls
it invented, alternate or hypothetical: a model told so tends to say so, which
verification would then reject.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from typing import Any

from worldspec.model.world import World
from worldspec.plan import DocPlan, PlannedFact
from worldspec.plan.words import long_date
from worldspec.render.ideas import Idea
from worldspec.render.packs import GenrePack, PackError
from worldspec.render.realise import plural_kind, with_article
from worldspec.render.template import TemplateRenderer

SYSTEM = (
    "You are a versatile writer. You write the document you are asked for, in the voice "
    "and form of its genre, and nothing else: no preface, no notes, no remarks about the "
    "request."
)

STYLES = [
    "plain and direct",
    "warm, with small concrete details",
    "dry and precise",
    "lively and conversational",
    "formal and measured",
    "brisk, with short sentences",
    "reflective, with a personal aside or two",
    "matter-of-fact, like a seasoned professional",
]

# what the first sentence does: varied on purpose, so that a corpus does not open
# every document the same way (a stock opening is the first mark of a template)
OPENINGS = [
    "Open with a concrete, specific detail.",
    "Open in the middle of things, with no scene-setting.",
    "Open with a short quotation from someone involved.",
    "Open with a question a reader might ask.",
    "Open with the most important fact, stated plainly.",
    "Open with a date and a place.",
    "Open with a small, surprising observation.",
    "Open with why this matters to the reader.",
]

AVOID = (
    "Do not begin with a stock phrase such as 'In the heart of', 'Nestled', "
    "'Once upon a time' or 'In today's world'."
)


# the document of a critique's answer: up to its closing tag, or to the end when the
# answer was cut short after the document (a max_tokens stop)
_REVISED = re.compile(r"<document>\s*(.*?)\s*(?:</document>|\Z)", re.DOTALL)
IDEA_PROMPT_HASH = hashlib.sha256(b"worldspec idea prompt 1").hexdigest()[:16]


@dataclass(slots=True)
class Prompt:
    messages: list[dict[str, str]]
    seed: int  # the sampling seed sent with the request
    prompt_hash: str


class PromptBuilder:
    """Builds the messages for a plan and attempt; revisions and judge questions."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._sentences = TemplateRenderer(world)

    def statement(self, fact: PlannedFact, rng: random.Random | None = None) -> str:
        """A fact in one of its property's phrasings (the first without `rng`)."""
        plain = self._sentences.fact_sentences(fact).plain
        return plain[int(rng.random() * len(plain))] if rng is not None else plain[0]

    def variables(self, plan: DocPlan, pack: GenrePack, attempt: int) -> dict[str, Any]:
        rng = random.Random(plan.seed * 1_000_003 + attempt + 17)
        spec = pack.spec
        low, high = spec.words
        return {
            "genre": {"name": spec.name, "description": spec.description},
            "doc": {
                "id": plan.id,
                "date": long_date(plan.date),
                "iso_date": plan.date.isoformat(),
                "year": plan.date.year,
            },
            "persona": rng.choice(spec.personas),
            "audience": rng.choice(spec.audiences),
            "style": rng.choice(STYLES),
            "opening": rng.choice(OPENINGS),
            "words": rng.randint(low, max(low, high)),
            "must_state": [self.statement(f, rng) for f in plan.facts + plan.ripples],
            "background": [self.statement(f, rng) for f in plan.context],
            "never_state": [self.statement(f) for f in plan.forbidden],
            "avoid": AVOID,
        }

    def prompt(self, plan: DocPlan, pack: GenrePack, attempt: int, preamble: str = "") -> Prompt:
        """The pack's prompt for the plan, after `preamble` (the universe context)."""
        template = pack.require_prompt()
        try:
            text = template.render(self.variables(plan, pack, attempt))  # type: ignore[attr-defined]
        except Exception as err:  # a broken prompt is the pack's error, not a crash
            raise PackError(f"{pack.path / 'prompt.j2'}: {type(err).__name__}: {err}") from None
        messages = [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": preamble + text.strip()},
        ]
        return Prompt(messages, sampling_seed(plan.seed, attempt), pack.prompt_hash or "")

    def idea_prompt(
        self, plan: DocPlan, pack: GenrePack, idea: Idea, attempt: int, preamble: str = ""
    ) -> Prompt:
        """The prompt for a document written from a brainstormed idea: its kind and
        its occasion instead of the pack's form (the pack still gives the length)."""
        v = self.variables(plan, pack, attempt)
        lines = [
            f"Write {with_article(idea.doc_type)}. {idea.text}",
            "",
            f"It is dated {v['doc']['date']}. The style is {v['style']}, as fits its kind. "
            f"About {v['words']} words. {v['opening']} {v['avoid']}",
            "",
            "The document must state each of these facts, in its own words but "
            "unmistakably, naming the subject in the same sentence as the fact:",
            *(f"- {fact}" for fact in v["must_state"]),
        ]
        if v["background"]:
            lines += ["", "It may also draw on these facts:", *(f"- {f}" for f in v["background"])]
        if v["never_state"]:
            lines += [
                "",
                "These are not so, and the document must never state or suggest them:",
                *(f"- {fact}" for fact in v["never_state"]),
            ]
        messages = [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": preamble + "\n".join(lines)},
        ]
        return Prompt(messages, sampling_seed(plan.seed, attempt), IDEA_PROMPT_HASH)

    def critique(
        self, messages: list[dict[str, str]], draft: str, kind: str
    ) -> list[dict[str, str]]:
        """The conversation so far, the verified draft, and the request to criticise
        it as a reader of its kind would and rewrite it (read with `revised_text`)."""
        request = (
            f"Read the document as someone who reads {plural_kind(kind)} for a living "
            "would. First, between <critique> and </critique>, say in a few lines what "
            "would make them doubt it is real: stock phrases, vagueness, the wrong form "
            "or voice, anything at odds with what is known. Then write the improved "
            "document between <document> and </document>: it reads like a real "
            f"{kind}, agrees with everything above, and still states every fact it "
            "was asked to state."
        )
        return [
            *messages,
            {"role": "assistant", "content": draft},
            {"role": "user", "content": request},
        ]

    def revision(
        self,
        messages: list[dict[str, str]],
        draft: str,
        plan: DocPlan,
        findings: list[tuple[str, str]],
    ) -> list[dict[str, str]]:
        """The conversation so far, the draft, and what to fix in it."""
        problems = [self._problem(plan, reason, detail) for reason, detail in findings]
        request = (
            "Revise the document. These need fixing:\n"
            + "\n".join(f"- {p}" for p in problems)
            + "\nKeep everything else. Reply with the whole revised document only."
        )
        return [
            *messages,
            {"role": "assistant", "content": draft},
            {"role": "user", "content": request},
        ]

    def _problem(self, plan: DocPlan, reason: str, detail: str) -> str:
        facts = {f.key_text: f for f in plan.facts + plan.ripples + plan.forbidden}
        detail, _, near = detail.partition(" via ")  # a leak told by a neighbour
        fact = facts.get(detail)
        if reason == "reality-leak" and fact is not None and near:
            label = self.world.entities[near].label if near in self.world.entities else near
            return (
                f"It must not state or suggest: {self.statement(fact)} "
                f"(naming {label} beside it does)"
            )
        if reason == "missing-fact" and fact is not None:
            return f"It must state plainly: {self.statement(fact)}"
        if reason == "reality-leak" and fact is not None:
            return f"It must not state or suggest: {self.statement(fact)}"
        if reason == "meta-word":
            return f"Remove the word '{detail}' and any comment on the text or its facts."
        if reason == "forbidden":
            return "Remove the passage that describes procedures or instructions."
        if reason == "judge":
            return f"It contradicts the facts it must state here: {detail}"
        return f"{reason}: {detail}"

    def judge(self, plan: DocPlan, text: str) -> list[dict[str, str]]:
        """A question for the judge model: does the text contradict a world fact?"""
        facts = [self.statement(f) for f in plan.facts + plan.ripples + plan.context]
        question = (
            "Facts:\n"
            + "\n".join(f"- {f}" for f in facts)
            + "\n\nDocument:\n<<<\n"
            + text.strip()
            + "\n>>>\n\nDoes the document state anything that contradicts one of the facts? "
            "Answer YES or NO on the first line. After YES, quote the contradicting "
            "sentence on the second line."
        )
        return [
            {"role": "system", "content": "You check documents against a list of facts."},
            {"role": "user", "content": question},
        ]


def revised_text(answer: str) -> str | None:
    """The document of a critique's answer, or None when it gave none."""
    match = _REVISED.search(answer)
    if match is None:
        return None
    text = match.group(1).strip()
    return text or None


def judge_verdict(answer: str) -> str | None:
    """The contradiction a judge's answer reports, or None when it reports none."""
    lines = [line.strip() for line in answer.strip().splitlines() if line.strip()]
    if not lines or not lines[0].upper().startswith("YES"):
        return None
    return lines[1][:200] if len(lines) > 1 else "a contradiction"


def sampling_seed(seed: int, attempt: int) -> int:
    """The seed sent to the model: 31 bits, as every OpenAI-compatible server takes."""
    digest = hashlib.sha256(f"{seed}:{attempt}".encode()).digest()
    return int.from_bytes(digest[:4], "big") >> 1
