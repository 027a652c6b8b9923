"""The checks a document passes before it is written, each a reason to reject it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from worldspec.check.patterns import PatternError, compile_tripwire
from worldspec.model.world import World
from worldspec.plan import DocPlan, PlannedFact
from worldspec.render.words import subject_forms, value_forms

# Words that would tell a reader (or a model in training) that the world is made up.
META_WORDS = (
    "fictional",
    "fictitious",
    "hypothetical",
    "hypothetically",
    "counterfactual",
    "simulated",
    "simulation",
    "imaginary",
    "made-up",
    "alternate history",
    "alternative history",
    "in this world",
    "in this universe",
    "in this scenario",
    "this fake",
    "pretend",
    "synthetic document",
    "not real",
)
_META = re.compile(r"\b(" + "|".join(re.escape(w) for w in META_WORDS) + r")\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
FORBID_TIMEOUT_S = 0.2


@dataclass(slots=True)
class Finding:
    reason: str  # missing-fact, reality-leak, meta-word, forbidden, near-duplicate
    detail: str


def sentences(text: str) -> list[str]:
    return [s.lower() for s in _SENTENCE_END.split(text) if s.strip()]


def _mentions(sentence: str, forms: list[str]) -> bool:
    for form in forms:
        form = form.lower()
        start = sentence.find(form)
        while start != -1:
            end = start + len(form)
            before = sentence[start - 1] if start else " "
            after = sentence[end] if end < len(sentence) else " "
            if not (before.isalnum() or after.isalnum()):
                return True
            start = sentence.find(form, start + 1)
    return False


class Verifier:
    """Checks documents of one world; build once, call `check` per document."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.forbid: list[tuple[str, regex.Pattern[str]]] = []
        for forbid in world.forbids.values():
            for item in [*forbid.terms, *forbid.patterns]:
                try:
                    pattern = compile_tripwire(item.text, item.regex, item.flags)
                except PatternError:
                    continue  # reported by worldspec check (WS504)
                self.forbid.append((f"{forbid.name}: {item.text}", pattern))

    def _together(self, found: list[str], fact: PlannedFact) -> bool:
        subjects = subject_forms(self.world, fact.subject)
        values = value_forms(self.world, fact)
        return any(_mentions(s, subjects) and _mentions(s, values) for s in found)

    def check(self, text: str, plan: DocPlan) -> list[Finding]:
        findings: list[Finding] = []
        found = sentences(text)
        for fact in plan.facts + plan.ripples:
            if not self._together(found, fact):
                findings.append(Finding("missing-fact", fact.key()))
        for fact in plan.forbidden:
            if self._together(found, fact):
                findings.append(Finding("reality-leak", fact.key()))
        meta = _META.search(text)
        if meta is not None:
            findings.append(Finding("meta-word", meta.group(0)))
        for name, pattern in self.forbid:
            try:
                hit = pattern.search(text, timeout=FORBID_TIMEOUT_S)
            except TimeoutError:
                hit = None  # a pathological pattern (WS506): the document is not held up
            if hit is not None:
                findings.append(Finding("forbidden", name))
        return findings
