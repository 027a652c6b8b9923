"""What every document of an LLM run shares, made once before the first document:
the universe context (worldspec.render.universe) and the brainstormed document
types and ideas (worldspec.render.ideas).

Both are requests like a document's, through the same client, budget and cache: a
rerun or a resume sends nothing for them. Both are written to the corpus
(universe.md, ideas.jsonl), and a resume reads them back from there rather than
ask again, so that a run without a cache still finishes with the context its first
documents were written with.

A universe section is verified as a document is and revised with the findings
when it fails; one that never passes is left out (its divergence's documents are
written without it, and the manifest says so). A request that fails after its
retries stops the run before any document is sent: with the server down, every
document would fail too.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import orjson

from worldspec.corpus.shards import write_atomic
from worldspec.plan import DocPlan, PlannedFact
from worldspec.plan.planner import Profile
from worldspec.render.ideas import (
    IDEAS_FILE,
    Idea,
    ideas_messages,
    interleaved,
    listed,
    types_messages,
)
from worldspec.render.llm import PromptBuilder
from worldspec.render.universe import (
    UNIVERSE_FILE,
    UniverseSection,
    document_context,
    every_forbidden,
    read_universe,
    section_messages,
    section_plan,
    section_words,
    stage_seed,
    universe_markdown,
)
from worldspec.verify import Verifier
from worldspec.verify.dedup import signature, similarity

# ideas sharing this share of their MinHash values are one idea said twice (short
# texts: a lower bar than the documents' 0.85)
SAME_IDEA = 0.5
SECTION_ATTEMPTS = 2
SECTION_REVISIONS = 2
T = TypeVar("T")
# a completion: (messages, seed, max_tokens) -> its text
Complete = Callable[[list[dict[str, str]], int, int], Awaitable[str]]


@dataclass(slots=True)
class ContextSettings:
    universe: bool = True
    ideas: int = 0  # ideas a document type (0: the genre packs' prompts)
    doc_types: int = 6  # document types a divergence
    max_tokens: int = 900


@dataclass(slots=True)
class WorldContext:
    """The sections of the universe by divergence, and the ideas by divergence."""

    sections: dict[str, str] = field(default_factory=dict)
    ideas: dict[str, list[Idea]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # divergences without a section

    def preamble(self, divergences: list[str]) -> str:
        return document_context(self.sections, divergences)

    def summary(self) -> dict[str, object]:
        return {
            "universe_sections": len(self.sections),
            "universe_missing": self.missing,
            "ideas": sum(len(ideas) for ideas in self.ideas.values()),
            "doc_types": len({i.doc_type for ideas in self.ideas.values() for i in ideas}),
        }


class ContextMaker:
    """Makes (or reads back) a run's WorldContext."""

    def __init__(
        self,
        builder: PromptBuilder,
        verifier: Verifier,
        profiles: list[Profile],
        settings: ContextSettings,
        corpus_seed: int,
        last_day: dt.date,
        complete: Complete,
    ) -> None:
        self.builder = builder
        self.verifier = verifier
        self.profiles = profiles
        self.settings = settings
        self.seed = corpus_seed
        self.last_day = last_day
        self.complete = complete
        self.forbidden = every_forbidden(profiles)

    async def make(self, out: Path, title: str) -> WorldContext:
        context = WorldContext()
        if self.settings.universe:
            await self._universe(context, out / UNIVERSE_FILE, title)
        if self.settings.ideas > 0:
            await self._ideas(context, out / IDEAS_FILE)
        return context

    # ---- the universe ------------------------------------------------------------

    async def _universe(self, context: WorldContext, path: Path, title: str) -> None:
        if path.exists():
            context.sections = read_universe(path.read_text(encoding="utf-8"))
        else:
            texts = await _every(self._section(p) for p in self.profiles)
            sections = [
                UniverseSection(p.name, text)
                for p, text in zip(self.profiles, texts, strict=True)
                if text is not None
            ]
            write_atomic(path, universe_markdown(title, sections))
            context.sections = {s.divergence: s.text for s in sections}
        context.missing = [p.name for p in self.profiles if p.name not in context.sections]

    async def _section(self, profile: Profile) -> str | None:
        """A verified section, or None when no attempt passed."""
        plan = section_plan(profile, self.forbidden, self.last_day)
        tokens = max(self.settings.max_tokens, 2 * section_words(profile))
        for attempt in range(SECTION_ATTEMPTS):
            messages = section_messages(self.builder, profile, self.profiles)
            seed = stage_seed(self.seed, f"universe:{profile.name}", attempt)
            for revision in range(SECTION_REVISIONS + 1):
                text = (await self.complete(messages, seed, tokens)).strip()
                findings = [(f.reason, f.detail) for f in self.verifier.check(text, plan)]
                if not findings:
                    return text
                if revision < SECTION_REVISIONS:
                    messages = self.builder.revision(messages, text, plan, findings)
        return None

    # ---- the ideas ---------------------------------------------------------------

    async def _ideas(self, context: WorldContext, path: Path) -> None:
        if path.exists():
            context.ideas = read_ideas(path.read_text(encoding="utf-8"))
            return
        found = await _every(self._ideas_of(p, context) for p in self.profiles)
        context.ideas = {p.name: ideas for p, ideas in zip(self.profiles, found, strict=True)}
        write_atomic(path, ideas_lines(self.profiles, context.ideas))

    async def _ideas_of(self, profile: Profile, context: WorldContext) -> list[Idea]:
        universe = context.preamble([profile.name])
        settings = self.settings
        facts = [self.builder.statement(f) for f in profile.facts + profile.ripples]
        messages = types_messages(facts, universe, settings.doc_types)
        seed = stage_seed(self.seed, f"types:{profile.name}", 0)
        answer = await self.complete(messages, seed, settings.max_tokens)
        types = distinct(self._clean(listed(answer, settings.doc_types), profile))

        async def ideas_of_type(doc_type: str) -> list[str]:
            messages = ideas_messages(facts, universe, doc_type, settings.ideas)
            seed = stage_seed(self.seed, f"ideas:{profile.name}:{doc_type}", 0)
            answer = await self.complete(messages, seed, settings.max_tokens)
            return self._clean(listed(answer, settings.ideas), profile)

        per_type = await _every(ideas_of_type(t) for t in types)
        kept: list[str] = []
        rows = []
        for doc_type, ideas in zip(types, per_type, strict=True):
            new = distinct(ideas, kept)  # across types too: two kinds, one idea
            kept.extend(new)
            rows.append([Idea(profile.name, doc_type, text) for text in new])
        return interleaved(rows)

    def _clean(self, items: list[str], profile: Profile) -> list[str]:
        """The items that state no replaced reality value and frame nothing as
        invented (the verifier's checks, with no fact to require)."""
        plan = _bare_plan(self.forbidden, self.last_day)
        return [item for item in items if not self.verifier.check(item, plan)]


async def _every(coroutines: Iterable[Awaitable[T]]) -> list[T]:
    """Every result, or the first error once every coroutine has ended: a batch run's
    requests are each recorded before the first of them stops the stage."""
    results = await asyncio.gather(*coroutines, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results  # type: ignore[return-value]


def _bare_plan(forbidden: list[PlannedFact], date: dt.date) -> DocPlan:
    return DocPlan(
        id="idea",
        index=-1,
        genre="idea",
        date=date,
        seed=0,
        divergences=[],
        facts=[],
        ripples=[],
        context=[],
        forbidden=forbidden,
    )


def distinct(items: Iterable[str], kept: list[str] | None = None) -> list[str]:
    """The items that repeat neither an earlier one nor one of `kept`, exactly or
    nearly (the documents' MinHash filter)."""
    seen = {item.casefold() for item in kept or []}
    signatures = [signature(item) for item in kept or []]
    found = []
    for item in items:
        if item.casefold() in seen:
            continue
        values = signature(item)
        if any(similarity(values, other) >= SAME_IDEA for other in signatures):
            continue
        seen.add(item.casefold())
        signatures.append(values)
        found.append(item)
    return found


def ideas_lines(profiles: list[Profile], ideas: dict[str, list[Idea]]) -> list[str]:
    """ideas.jsonl: an idea a line, by divergence in the world's order, each
    divergence's in the order its documents take them."""
    return [
        orjson.dumps(idea.to_json()).decode() + "\n"
        for profile in profiles
        for idea in ideas.get(profile.name, [])
    ]


def read_ideas(text: str) -> dict[str, list[Idea]]:
    found: dict[str, list[Idea]] = {}
    for line in text.splitlines():
        if line.strip():
            data = orjson.loads(line)
            idea = Idea(str(data["divergence"]), str(data["doc_type"]), str(data["idea"]))
            found.setdefault(idea.divergence, []).append(idea)
    return found
