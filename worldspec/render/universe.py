"""The universe context: the altered world described in prose, once, before any
document, and given to every document's prompt so that documents agree with each
other (the first stage of the synthetic-document pipelines behind "false facts").

It is written a section per divergence, each asked for with the divergence's facts
and ripples to state, the other divergences' facts to agree with, its context to
draw on and every replaced reality value to avoid. A section per divergence keeps
every request and every document prompt bounded (a document is given only the
sections of the divergences it carries), and lets each section be verified like a
document: it states its divergence's facts and ripples, leaks no reality value,
and calls nothing invented. universe.md in the corpus is the sections in order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from worldspec.plan import DocPlan, PlannedFact
from worldspec.plan.planner import Profile
from worldspec.render.llm import PromptBuilder, sampling_seed

UNIVERSE_SYSTEM = (
    "You write careful reference descriptions of how things are, as an encyclopedist "
    "or a well-informed briefing writer would: plain prose, no title, no lists, no "
    "preface and no remarks about the request."
)
UNIVERSE_FILE = "universe.md"
# the words a section asks for: enough for its facts, a little history and context
_BASE_WORDS = 150
_WORDS_PER_FACT = 40
_MAX_WORDS = 600
_HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


@dataclass(slots=True)
class UniverseSection:
    divergence: str
    text: str


def section_plan(profile: Profile, forbidden: list[PlannedFact], date: dt.date) -> DocPlan:
    """What a section is verified against, as a document is: its divergence's facts
    and ripples must be stated, no replaced reality value anywhere in the world may."""
    return DocPlan(
        id=f"universe-{profile.name}",
        index=-1,
        genre="universe",
        date=date,
        seed=0,
        divergences=[profile.name],
        facts=profile.facts,
        ripples=profile.ripples,
        context=[],
        forbidden=forbidden,
    )


def every_forbidden(profiles: list[Profile]) -> list[PlannedFact]:
    """The reality values the world replaced, each once, in the profiles' order."""
    seen: dict[str, PlannedFact] = {}
    for profile in profiles:
        for fact in profile.forbidden:
            seen.setdefault(fact.key_text, fact)
    return list(seen.values())


def section_words(profile: Profile) -> int:
    return min(_MAX_WORDS, _BASE_WORDS + _WORDS_PER_FACT * len(profile.facts + profile.ripples))


def section_messages(
    builder: PromptBuilder, profile: Profile, profiles: list[Profile]
) -> list[dict[str, str]]:
    """The request for one divergence's section."""
    lines = [
        f"Describe how things stand, in about {section_words(profile)} words of plain "
        "prose: what is the case, since when where it is known, and what follows from "
        "it. Write as a reference work states settled facts.",
        "",
        "The description must state each of these facts, in its own words but "
        "unmistakably, naming the subject in the same sentence as the fact:",
        *(f"- {builder.statement(f)}" for f in profile.facts + profile.ripples),
    ]
    others = [f for p in profiles if p is not profile for f in p.facts[:3]]
    if others:
        lines += [
            "",
            "These are also so, and nothing in the description may contradict them:",
            *(f"- {builder.statement(f)}" for f in others),
        ]
    if profile.context:
        lines += [
            "",
            "It may also draw on these facts:",
            *(f"- {builder.statement(f)}" for f in profile.context),
        ]
    forbidden = every_forbidden(profiles)
    if forbidden:
        lines += [
            "",
            "These are not so, and the description must never state or suggest them:",
            *(f"- {builder.statement(f)}" for f in forbidden),
        ]
    return [
        {"role": "system", "content": UNIVERSE_SYSTEM},
        {"role": "user", "content": "\n".join(lines)},
    ]


def stage_seed(corpus_seed: int, name: str, attempt: int) -> int:
    """The sampling seed of a stage's request about `name` (a divergence, a type):
    stable across runs, so that the cache finds it again."""
    digest = hashlib.sha256(f"{corpus_seed}:{name}".encode()).digest()
    return sampling_seed(int.from_bytes(digest[:6], "big"), attempt)


def universe_markdown(title: str, sections: list[UniverseSection]) -> str:
    """universe.md: a heading for the world, a section a divergence."""
    parts = [f"# {title}\n"]
    for section in sections:
        parts.append(f"\n## {section.divergence}\n\n{section.text.strip()}\n")
    return "".join(parts)


def read_universe(text: str) -> dict[str, str]:
    """The sections of a universe.md, by divergence (an earlier run's, to resume)."""
    found: dict[str, str] = {}
    headings = list(_HEADING.finditer(text))
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        found[heading.group(1).strip()] = text[heading.end() : end].strip()
    return found


def document_context(sections: dict[str, str], divergences: list[str]) -> str:
    """What a document's prompt is told of the world: the sections of the divergences
    it carries."""
    texts = [sections[d] for d in divergences if d in sections]
    if not texts:
        return ""
    return (
        "What follows is how things stand; the document must agree with it, and "
        "need not repeat it:\n<<<\n" + "\n\n".join(texts) + "\n>>>\n\n"
    )
