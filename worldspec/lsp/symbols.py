"""Where each name of a project is declared and where it is used: what go to
definition, find references, document symbols and rename-free navigation read.

A name lives in a namespace (class, property, entity, divergence, trap, tool,
forbid, corpus, rule, constraint); an occurrence is its span. Values that are
bare names (`paris.country = france`) are entity uses when an entity has that
name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from worldspec.check.names import NAMESPACES
from worldspec.source import Span
from worldspec.syntax import ast

DATATYPES = frozenset({"string", "int", "float", "bool", "date"})


@dataclass(frozen=True, slots=True)
class Occurrence:
    kind: str  # the namespace: class, property, entity, divergence, trap, tool, ...
    name: str
    span: Span
    declaration: bool


@dataclass(slots=True)
class SymbolIndex:
    occurrences: list[Occurrence] = field(default_factory=list)
    declared: dict[tuple[str, str], Occurrence] = field(default_factory=dict)
    # the top-level declarations of each file, in order, for document symbols
    outline: dict[str, list[tuple[str, str, Span, Span]]] = field(default_factory=dict)

    def at(self, path: str, line: int, column: int) -> Occurrence | None:
        """The occurrence under a 1-based position of a file."""
        for found in self.occurrences:
            span = found.span
            if span.path == path and span.line == line and span.column <= column < span.end_column:
                return found
        return None

    def definition(self, occurrence: Occurrence) -> Occurrence | None:
        return self.declared.get((occurrence.kind, occurrence.name))

    def references(self, kind: str, name: str) -> list[Occurrence]:
        return [o for o in self.occurrences if o.kind == kind and o.name == name]


def index(modules: Iterable[ast.Module]) -> SymbolIndex:
    modules = list(modules)
    entities = {d.name.value for m in modules for d in _entities(m.decls)}
    found = SymbolIndex()
    for module in modules:
        outline = found.outline.setdefault(module.path, [])
        for decl in module.decls:
            for occurrence in _decl(decl, entities):
                found.occurrences.append(occurrence)
                if occurrence.declaration:
                    found.declared.setdefault((occurrence.kind, occurrence.name), occurrence)
            named = _outline(decl)
            if named is not None:
                outline.append(named)
    return found


def _entities(decls: Iterable[ast.Decl]) -> Iterator[ast.EntityDecl]:
    for decl in decls:
        if isinstance(decl, ast.EntityDecl):
            yield decl
        elif isinstance(decl, ast.DivergeDecl):
            yield from (item for item in decl.body if isinstance(item, ast.EntityDecl))


# the namespaces of check's duplicate-name check, with forbid blocks named shortly
_KINDS: dict[type, str] = {**NAMESPACES, ast.ForbidDecl: "forbid"}


def _outline(decl: ast.Decl) -> tuple[str, str, Span, Span] | None:
    kind = _KINDS.get(type(decl))
    if kind is None:
        if isinstance(decl, ast.WorldDecl):
            return ("world", decl.name.value, decl.span, decl.name.span)
        if isinstance(decl, ast.RealityDecl):
            return ("reality", "reality", decl.span, decl.span)
        return None
    name: ast.Name = decl.name  # type: ignore[union-attr]
    return (kind, name.value, decl.span, name.span)


def _use(kind: str, name: ast.Name) -> Occurrence:
    return Occurrence(kind, name.value, name.span, False)


def _declare(kind: str, name: ast.Name) -> Occurrence:
    return Occurrence(kind, name.value, name.span, True)


def _decl(decl: ast.Decl, entities: set[str]) -> Iterator[Occurrence]:
    kind = _KINDS.get(type(decl))
    if kind is not None:
        yield _declare(kind, decl.name)  # type: ignore[union-attr]
    if isinstance(decl, ast.ClassDecl):
        yield from (_use("class", parent) for parent in decl.parents)
    elif isinstance(decl, ast.PropertyDecl):
        yield _use("class", decl.domain)
        if decl.range.value not in DATATYPES:
            yield _use("class", decl.range)
        yield from _setting_refs(decl.body, {"inverse": "property"})
    elif isinstance(decl, ast.EntityDecl):
        yield _use("class", decl.cls)
    elif isinstance(decl, ast.RealityDecl):
        for fact in decl.facts:
            yield from _fact(fact, entities)
    elif isinstance(decl, ast.DivergeDecl):
        for item in decl.body:
            if isinstance(item, ast.Fact):
                yield from _fact(item, entities)
            elif isinstance(item, ast.EntityDecl):
                yield _declare("entity", item.name)
                yield _use("class", item.cls)
    elif isinstance(decl, ast.RuleDecl):
        yield from _conditions([*decl.body, decl.head], entities)
    elif isinstance(decl, ast.ConstraintDecl):
        yield from _conditions([*decl.body, *decl.head], entities)
    elif isinstance(decl, ast.TrapDecl):
        yield _use("divergence", decl.divergence)
        yield from _setting_refs(decl.body, {"action": "tool"})
    elif isinstance(decl, ast.ToolDecl):
        for setting in decl.body:
            if setting.key in ("param", "option") and len(setting.args) >= 2:
                kind_ref = setting.args[1]
                if isinstance(kind_ref, ast.Ref) and kind_ref.name not in DATATYPES:
                    yield Occurrence("class", kind_ref.name, kind_ref.span, False)
    elif isinstance(decl, ast.CorpusDecl):
        yield from _setting_refs(decl.body, {"weight": "divergence"})


def _setting_refs(body: Iterable[ast.Setting], keys: dict[str, str]) -> Iterator[Occurrence]:
    for setting in body:
        kind = keys.get(setting.key)
        if kind is not None and setting.args and isinstance(setting.args[0], ast.Ref):
            ref = setting.args[0]
            yield Occurrence(kind, ref.name, ref.span, False)


def _fact(fact: ast.Fact, entities: set[str]) -> Iterator[Occurrence]:
    yield _use("entity", fact.subject)
    yield _use("property", fact.prop)
    if isinstance(fact.value, ast.Ref) and fact.value.name in entities:
        yield Occurrence("entity", fact.value.name, fact.value.span, False)


def _conditions(
    conditions: Iterable[ast.Pattern | ast.Comparison], entities: set[str]
) -> Iterator[Occurrence]:
    for condition in conditions:
        terms = (
            [condition.subject, condition.object]
            if isinstance(condition, ast.Pattern)
            else [condition.left, condition.right]
        )
        if isinstance(condition, ast.Pattern):
            yield _use("property", condition.prop)
        for term in terms:
            if isinstance(term, ast.Ref) and term.name in entities:
                yield Occurrence("entity", term.name, term.span, False)
