"""WS605, WS606: the `says` phrasings documents state facts with. A phrasing must be
one statement, and every property that documents state should have one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic, Related
from worldspec.model import Analysis
from worldspec.model.values import Fact
from worldspec.model.world import PropertyInfo, World
from worldspec.source import Span
from worldspec.syntax import ast

# A sentence ends inside a phrasing where '.', '?' or '!' is followed by more text.
_SENTENCE_END = re.compile(r"(\S*)([.?!])\s+\S")
# Words a '.' ends without ending the sentence: initials, abbreviations with dots
# of their own ("D.C.", "e.g."), and common short forms ("Dr. {o}").
_ABBREVIATION = re.compile(
    r"\W*(?:\w|\w+\.\S*|dr|mrs?|ms|st|mt|jr|sr|no|vs|inc|ltd|co|corp|etc|est|approx|ca|fig|vol)",
    re.IGNORECASE,
)


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    world = analysis.world
    phrases = [phrase for prop in world.properties.values() for phrase in prop.says]
    # a rule's own, how its conclusion is told after its premises
    phrases += [
        phrase
        for rule in world.rules
        for setting in rule.settings
        for phrase in setting.args
        if isinstance(phrase, ast.Str)
    ]
    for phrase in phrases:
        problem = _not_a_statement(phrase.value)
        if problem is not None:
            yield Diagnostic(
                codes.SAYS_NOT_A_STATEMENT,
                f"this says phrasing {problem}; documents state a fact in one clause",
                phrase.span,
                fix='one declarative clause, such as "{s} is located in {o}"',
            )
    yield from _unphrased(analysis)


def _not_a_statement(text: str) -> str | None:
    """Why `text` cannot be carried as one statement, or None."""
    for match in _SENTENCE_END.finditer(text):
        word, mark = match.group(1), match.group(2)
        if mark == "." and _ABBREVIATION.fullmatch(word):
            continue
        return "holds two sentences"
    if text.rstrip().endswith("?"):
        return "is a question"
    return None


def _unphrased(analysis: Analysis) -> Iterator[Diagnostic]:
    """WS606: a property without `says` whose facts documents state: those the
    divergences add, and the ripples they cause."""
    world = analysis.world
    first: dict[str, Related] = {}
    for fact, divergence in world.added_by.items():
        if fact[1] not in first:
            span = _stated_at(world, fact)
            if span is not None:
                first[fact[1]] = Related(span, f"divergence '{divergence}' states it here")
    rules = {rule.name: rule for rule in analysis.rules}
    for fact in world.world.derived.facts:
        provenance = world.world.provenance.get(fact)
        if fact[1] in first or fact in world.reality or provenance is None:
            continue
        rule = rules.get(provenance.rule or "")
        if rule is not None:
            by = rule.name if rule.implicit else f"rule '{rule.name}'"
            first[fact[1]] = Related(rule.span, f"a ripple: {by} concludes it")
    for name, note in first.items():
        prop = world.properties[name]
        if not prop.says:
            yield _no_says(prop, note)


def _stated_at(world: World, fact: Fact) -> Span | None:
    provenance = world.world.provenance.get(fact)
    return provenance.span if provenance is not None else None


def _no_says(prop: PropertyInfo, note: Related) -> Diagnostic:
    return Diagnostic(
        codes.PROPERTY_WITHOUT_SAYS,
        f"'{prop.name}' has no says phrasing, yet documents state it: they will "
        "phrase it from its name",
        prop.span,
        [note],
        fix=f"add says \"{{s}} ... {{o}}\" to the declaration of '{prop.name}'",
    )
