"""How a derived fact is told: its rule's `says` phrasings, with the rule's
variables bound by the premises the fact was derived from.

`rule unscreened_customer: ?v.screens_orders = false, ?v.customer = ?c =>
?c.unscreened_supplier = ?v { says "{v} makes no exception for {c}, one of its
customers" }` tells the conclusion as a writer does after its premise ("Acme
Peptides no longer screens its orders. It makes no exception for EPFL, one of its
customers."), where the property's own phrasing says the premise again in other
words. The renderer writes it; the verifier reads it as stating the fact.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from worldspec.model.values import Fact, Value
from worldspec.model.world import World
from worldspec.syntax import ast


@dataclass(frozen=True, slots=True)
class Telling:
    """A derived fact's rule phrasings and what each of its variables stands for."""

    rule: str
    phrasings: tuple[str, ...]
    binding: dict[str, Value]
    # the fact each variable was bound from (a literal's forms depend on its property)
    sources: dict[str, Fact]


def pieces(phrase: str) -> list[tuple[str, str | None]]:
    """A rule phrasing as str.format reads it (the renderer fills it so): each run
    of literal text with the variable that follows it, or None at the end. Raises
    ValueError for a lone brace, and for a field with a conversion or a format spec
    ("{v!r}", "{v:>9}"), which str.format would apply to the name it fills in."""
    read = []
    for text, name, spec, conversion in string.Formatter().parse(phrase):
        if spec or conversion:
            raise ValueError(f"'{{{name}}}' may not convert or format what it names")
        read.append((text, name))
    return read


# a phrasing that opens so is a tail: it goes on the sentence that states a premise
# of its rule, after a comma ("Acme Peptides does not screen its orders, including
# those from EPFL"), and leaves out what that sentence names
TAIL_OPENING = "including "


def is_tail(phrase: str) -> bool:
    """Whether a rule phrasing is told as the tail of its premise's sentence."""
    return phrase.startswith(TAIL_OPENING)


def phrasings(decl: ast.RuleDecl) -> tuple[str, ...]:
    return tuple(
        arg.value
        for setting in decl.settings
        if setting.key == "says"
        for arg in setting.args
        if isinstance(arg, ast.Str)
    )


def telling(world: World, fact: Fact) -> Telling | None:
    """How the world's `fact` is told by the rule that first derived it, or None for
    a fact no rule with phrasings derived."""
    provenance = world.world.why(fact)
    if provenance is None or provenance.rule is None:
        return None
    decl = world.told_rules.get(provenance.rule)
    if decl is None:
        return None
    binding: dict[str, Value] = {}
    sources: dict[str, Fact] = {}
    patterns = [c for c in decl.body if isinstance(c, ast.Pattern)]
    if len(patterns) != len(provenance.premises):  # pragma: no cover - one premise a pattern
        return None
    for pattern, bound in zip([decl.head, *patterns], [fact, *provenance.premises], strict=True):
        for term, value in ((pattern.subject, bound[0]), (pattern.object, bound[2])):
            if isinstance(term, ast.Var) and term.name not in binding:
                binding[term.name] = value
                sources[term.name] = bound
    return Telling(provenance.rule, phrasings(decl), binding, sources)
