"""Typed syntax tree of a `.world` file.

Nodes are slotted dataclasses rather than pydantic models: a 100k-fact file makes
close to a million of them, and validation at that rate would cost more than the
parse. Equality ignores spans and comments, so `parse(fmt(x)) == parse(x)` is a
plain `==`. `to_json` is the pydantic boundary for tools that want the tree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from worldspec.source import Span

_NO_SPAN = Span("<generated>", 0, 0, 0, 0)


def _span() -> Any:
    return field(default=_NO_SPAN, compare=False, repr=False)


# ---- values -------------------------------------------------------------------


@dataclass(slots=True)
class Name:
    """An identifier where it is declared or referred to, with its span."""

    value: str
    span: Span = _span()


@dataclass(slots=True)
class Ref:
    """A reference to a declared name in value position (an entity, usually)."""

    name: str
    span: Span = _span()


@dataclass(slots=True)
class Var:
    """A rule variable such as `?x`; `name` excludes the question mark."""

    name: str
    span: Span = _span()


@dataclass(slots=True)
class Str:
    value: str
    triple: bool = field(default=False, compare=False)
    span: Span = _span()


@dataclass(slots=True)
class Int:
    value: int
    span: Span = _span()


@dataclass(slots=True)
class Float:
    value: float
    span: Span = _span()


@dataclass(slots=True)
class Date:
    value: dt.date
    span: Span = _span()


@dataclass(slots=True)
class DateRange:
    start: Date
    end: Date
    span: Span = _span()


@dataclass(slots=True)
class Bool:
    value: bool
    span: Span = _span()


@dataclass(slots=True)
class NoneValue:
    span: Span = _span()


@dataclass(slots=True)
class Regex:
    """A regex literal; `pattern` is the text between the slashes, escapes kept."""

    pattern: str
    flags: str = ""
    span: Span = _span()


Literal = Str | Int | Float | Date | DateRange | Bool | NoneValue | Regex
Value = Ref | Literal
Term = Var | Value


# ---- statements inside blocks ---------------------------------------------------


@dataclass(slots=True)
class Setting:
    """One keyword line in a block: `title "..."`, `since 1887-01-28`, `aka "A", "B"`.

    `args` are the values in source order; bare names (`kind subtle`,
    `genres news, forum`) are `Ref`s.
    """

    key: str
    args: list[Value]
    span: Span = _span()


@dataclass(slots=True)
class Validity:
    """When a fact holds: `from start` (inclusive) `until end` (exclusive); either
    may be absent, not both."""

    start: Date | None
    end: Date | None
    span: Span = _span()


@dataclass(slots=True)
class Fact:
    """`subject.prop = value`; `op` is one of `=`, `+=`, `-=`; `validity` is None for
    a fact that holds at every date, as most do."""

    subject: Name
    prop: Name
    op: str
    value: Value
    span: Span = _span()
    validity: Validity | None = None
    # other wordings of a string value (`= "a" | "b"`): the same value in other words
    wordings: list[Str] = field(default_factory=list)


@dataclass(slots=True)
class Pattern:
    """A fact pattern in a rule or constraint: `?x.located_in = ?c`."""

    subject: Term
    prop: Name
    object: Term
    span: Span = _span()


@dataclass(slots=True)
class Comparison:
    """`?b < ?o`; `op` is one of `= != < <= > >=`."""

    left: Term
    op: str
    right: Term
    span: Span = _span()


Condition = Pattern | Comparison


# ---- declarations ---------------------------------------------------------------


@dataclass(slots=True)
class WorldDecl:
    name: Name
    body: list[Setting]
    span: Span = _span()


@dataclass(slots=True)
class UseDecl:
    """`use std.geo` (`module` = ["std", "geo"]) or `use "lib/x.world"` (`path`)."""

    module: list[Name] | None
    path: Str | None
    span: Span = _span()


@dataclass(slots=True)
class ClassDecl:
    name: Name
    parents: list[Name]
    body: list[Setting]
    span: Span = _span()


@dataclass(slots=True)
class PropertyDecl:
    name: Name
    domain: Name
    range: Name
    cardinality: str | None
    body: list[Setting]
    span: Span = _span()


@dataclass(slots=True)
class EntityDecl:
    name: Name
    cls: Name
    label: Str | None
    body: list[Setting]
    span: Span = _span()


@dataclass(slots=True)
class RealityDecl:
    facts: list[Fact]
    span: Span = _span()


@dataclass(slots=True)
class RuleDecl:
    """`settings` are its `says` phrasings: how a document tells its conclusion
    after its premises, with the rule's variables as placeholders ("{c}")."""

    name: Name
    body: list[Condition]
    head: Pattern
    span: Span = _span()
    settings: list[Setting] = field(default_factory=list)


@dataclass(slots=True)
class ConstraintDecl:
    """`never A` when `never` is true (then `head` is empty), else `A => B`."""

    name: Name
    never: bool
    body: list[Condition]
    head: list[Condition]
    span: Span = _span()


DivergeItem = Setting | EntityDecl | Fact


@dataclass(slots=True)
class DivergeDecl:
    name: Name
    description: Str | None
    body: list[DivergeItem]
    span: Span = _span()


@dataclass(slots=True)
class TrapDecl:
    name: Name
    divergence: Name
    body: list[Setting]
    span: Span = _span()


@dataclass(slots=True)
class ForbidDecl:
    name: Name
    body: list[Setting]
    span: Span = _span()


@dataclass(slots=True)
class ToolDecl:
    """A tool an agent can call inside the world: settings `description`, `param`
    and `option` (args: name, type, description), `answer`, `keep`."""

    name: Name
    body: list[Setting]
    span: Span = _span()


@dataclass(slots=True)
class CorpusDecl:
    name: Name
    body: list[Setting]
    span: Span = _span()


Decl = (
    WorldDecl
    | UseDecl
    | ClassDecl
    | PropertyDecl
    | EntityDecl
    | RealityDecl
    | RuleDecl
    | ConstraintDecl
    | DivergeDecl
    | TrapDecl
    | ForbidDecl
    | ToolDecl
    | CorpusDecl
)


@dataclass(slots=True)
class Comment:
    text: str
    line: int
    column: int


@dataclass(slots=True)
class Module:
    """One parsed file: its declarations in source order, and its comments."""

    path: str
    decls: list[Decl]
    comments: list[Comment] = field(default_factory=list, compare=False, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Module):
            return NotImplemented
        return self.decls == other.decls


def to_json(module: Module) -> Any:
    """The tree as JSON-ready data (node type under "node"), for tools and debugging."""

    def convert(node: Any) -> Any:
        if isinstance(node, list):
            return [convert(item) for item in node]
        if isinstance(node, Span):
            return {
                "line": node.line,
                "column": node.column,
                "end_line": node.end_line,
                "end_column": node.end_column,
            }
        if isinstance(node, dt.date):
            return node.isoformat()
        if hasattr(node, "__dataclass_fields__"):
            out: dict[str, Any] = {"node": type(node).__name__}
            for name in node.__dataclass_fields__:
                out[name] = convert(getattr(node, name))
            return out
        return node

    return convert(module)
