"""WS5xx: traps and forbid blocks. A trap must be planted on a divergence and have
tripwires that only knowledge of the world would trip; forbidden content must
appear nowhere in the spec. Every pattern runs with a time bound."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from worldspec import diagnostics as codes
from worldspec.check.patterns import (
    PatternError,
    compile_tripwire,
    describe,
    first_matches,
    nested_quantifier,
)
from worldspec.diagnostics import Diagnostic, Related
from worldspec.model import Analysis
from worldspec.model.values import Lit, Value
from worldspec.model.world import Forbid, Graph, Tripwire, World
from worldspec.source import Span
from worldspec.suggestions import suggest


def check(analysis: Analysis) -> Iterator[Diagnostic]:
    world = analysis.world
    wires: dict[int, tuple[Tripwire, regex.Pattern[str]]] = {}
    for trap in world.traps.values():
        if trap.divergence not in world.divergences:
            yield Diagnostic(
                codes.TRAP_UNKNOWN_DIVERGENCE,
                f"trap '{trap.name}' is planted on '{trap.divergence}', which is not a divergence",
                trap.divergence_span,
                fix=suggest(trap.divergence, world.divergences),
            )
        if not trap.tripwires and not trap.actions:
            yield Diagnostic(
                codes.TRAP_WITHOUT_TRIPWIRE,
                f"trap '{trap.name}' has no tripwire and no action: it can never fire",
                trap.span,
                fix='add tripwire "..." or tripwire /.../, or action TOOL',
            )
        for tripwire in trap.tripwires:
            pattern, findings = _compile(tripwire)
            yield from findings
            if pattern is not None:
                wires[len(wires)] = (tripwire, pattern)
    if wires:
        hits = first_matches({k: p for k, (_, p) in wires.items()}, reality_texts(world))
        for key, (tripwire, _) in wires.items():
            hit = hits[key]
            if isinstance(hit, TimeoutError):
                yield _too_slow(tripwire)
            elif hit is not None:
                yield Diagnostic(
                    codes.TRIPWIRE_MATCHES_REALITY,
                    f"tripwire {describe(tripwire)} matches reality's own text "
                    f'"{_clip(hit)}": it would fire on knowledge of the real world',
                    tripwire.span,
                    fix="make the tripwire specific to what only the world says",
                )
    forbidden: dict[int, tuple[Tripwire, regex.Pattern[str], Forbid]] = {}
    for forbid in world.forbids.values():
        for item in [*forbid.terms, *forbid.patterns]:
            pattern, findings = _compile(item)
            yield from findings
            if pattern is not None:
                forbidden[len(forbidden)] = (item, pattern, forbid)
    if forbidden:
        hits = first_matches({k: p for k, (_, p, _) in forbidden.items()}, spec_texts(world))
        for key, (item, _, forbid) in forbidden.items():
            hit = hits[key]
            if isinstance(hit, TimeoutError):
                yield _too_slow(item)
            elif hit is not None:
                yield Diagnostic(
                    codes.FORBID_MATCHES_SPEC,
                    f'forbidden {describe(item)} appears in the spec: "{_clip(hit)}"',
                    item.span,
                    [Related(forbid.span, f"forbid '{forbid.name}'")],
                )


def _compile(tripwire: Tripwire) -> tuple[regex.Pattern[str] | None, list[Diagnostic]]:
    try:
        pattern = compile_tripwire(tripwire.text, tripwire.regex, tripwire.flags)
    except PatternError as err:
        span = tripwire.span
        if err.position is not None and span.line == span.end_line:
            column = span.column + 1 + err.position
            span = Span(span.path, span.line, column, span.line, column + 1)
        return None, [Diagnostic(codes.INVALID_REGEX, f"invalid regex: {err.message}", span)]
    findings = []
    if tripwire.regex and nested_quantifier(tripwire.text, tripwire.flags):
        findings.append(
            Diagnostic(
                codes.SLOW_REGEX,
                f"{describe(tripwire)} nests unbounded repetitions: exponential time on some text",
                tripwire.span,
                fix="bound the inner repetition or make it possessive",
            )
        )
    return pattern, findings


def _too_slow(tripwire: Tripwire) -> Diagnostic:
    return Diagnostic(
        codes.SLOW_REGEX,
        f"{describe(tripwire)} did not finish matching the spec's text in time",
        tripwire.span,
        fix="simplify the pattern; avoid nested repetitions",
    )


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def render_phrase(phrase: str, subject: str, obj: str) -> str:
    """A `says` phrase with its placeholders filled. The phrase syntax is Python's
    format syntax ({s}, {o}, and {{ }} for braces), checked by WS209; a phrase
    that fails that check is used as written."""
    try:
        return phrase.format(s=subject, o=obj)
    except (KeyError, IndexError, ValueError):
        return phrase


class TextMemo:
    """The sentences of each fact, remembered between checks by a long-lived process
    (the language server, which checks the same world at every keystroke). Valid
    while no label, alias or phrase changes: its key says which."""

    def __init__(self) -> None:
        self.key: int | None = None
        self.texts: dict[tuple[str, str, object], tuple[str, ...]] = {}

    def valid_for(self, world: World) -> dict[tuple[str, str, object], tuple[str, ...]]:
        key = hash(
            (
                tuple((e.name, e.label) for e in world.entities.values()),
                tuple((p.name, tuple(s.value for s in p.says)) for p in world.properties.values()),
            )
        )
        if key != self.key:
            self.key, self.texts = key, {}
        return self.texts


MEMO: TextMemo | None = None  # set by a process that checks one world again and again


def fact_texts(world: World, graph: Graph) -> Iterable[str]:
    """Each fact of a graph as the sentences its property's `says` phrases make."""
    if MEMO is None:
        yield from _fact_texts(world, graph)
        return
    memo = MEMO.valid_for(world)
    for store in (graph.asserted, graph.derived):
        for fact in store:
            texts = memo.get(fact)
            if texts is None:
                texts = memo[fact] = tuple(_one_fact(world, fact, {}))
            yield from texts


def _one_fact(world: World, fact: tuple[str, str, Value], labels: dict[str, str]) -> Iterator[str]:
    subject, prop_name, obj = fact
    prop = world.properties.get(prop_name)
    subject_label = labels.get(subject)
    if subject_label is None:
        subject_label = labels[subject] = world.label(subject)
    object_label = world.label(obj)
    if isinstance(obj, Lit) and obj.type == "string":
        yield obj.value
    if prop is None or not prop.says:
        yield f"{subject_label} {prop_name.replace('_', ' ')} {object_label}"
        return
    for phrase in prop.says:
        yield render_phrase(phrase.value, subject_label, object_label)


def _fact_texts(world: World, graph: Graph) -> Iterable[str]:
    labels: dict[str, str] = {}
    for store in (graph.asserted, graph.derived):
        for fact in store:
            yield from _one_fact(world, fact, labels)


def reality_texts(world: World) -> Iterator[str]:
    """What knowledge of the real world alone would produce: labels and aliases of
    reality's entities, and reality's facts in words."""
    for entity in world.entities.values():
        if entity.divergence is None:
            yield entity.label
            yield from entity.aka
    yield from fact_texts(world, world.reality)


def spec_texts(world: World) -> Iterator[str]:
    """Every piece of text the spec could put into a document or a tool's answer."""
    for entity in world.entities.values():
        yield entity.label
        yield from entity.aka
        if entity.description:
            yield entity.description
    for prop in world.properties.values():
        yield from (p.value for p in [*prop.says, *prop.asks])
    for divergence in world.divergences.values():
        if divergence.description:
            yield divergence.description
    if world.title:
        yield world.title
    for tool in world.tools.values():  # what `worldspec serve` answers with
        yield from (text for text in (tool.description, tool.answer) if text)
    yield from fact_texts(world, world.reality)
    yield from fact_texts(world, world.world)
