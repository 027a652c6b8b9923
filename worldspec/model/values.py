"""Values in the fact store.

An entity is its name (a `str`); every literal is a `Lit(type, value)`, so that the
string "paris" and the entity `paris`, or `true` and `1`, never compare equal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from worldspec.syntax import ast

DATATYPES = ("string", "int", "float", "date", "bool")


class Lit(NamedTuple):
    type: str
    value: Any

    def __str__(self) -> str:
        return render_value(self)


Value = str | Lit
Fact = tuple[str, str, Value]  # subject, property, object


def literal_of(node: ast.Value) -> Lit | None:
    """The store value of a literal node; None for references and unsupported kinds."""
    if isinstance(node, ast.Str):
        return Lit("string", node.value)
    if isinstance(node, ast.Bool):
        return Lit("bool", node.value)
    if isinstance(node, ast.Int):
        return Lit("int", node.value)
    if isinstance(node, ast.Float):
        return Lit("float", node.value)
    if isinstance(node, ast.Date):
        return Lit("date", node.value)
    return None


def literal_kind(node: ast.Value) -> str:
    """How a value node is described in a type error."""
    names = {
        ast.Str: "a string",
        ast.Int: "an integer",
        ast.Float: "a float",
        ast.Date: "a date",
        ast.DateRange: "a date range",
        ast.Bool: "a boolean",
        ast.Regex: "a regex",
        ast.NoneValue: "none",
        ast.Ref: "an entity",
    }
    return names.get(type(node), "a value")


def coerce(lit: Lit, datatype: str) -> Lit | None:
    """`lit` as a value of `datatype`, or None when it is not one (ints widen to float)."""
    if lit.type == datatype:
        return lit
    if datatype == "float" and lit.type == "int":
        return Lit("float", float(lit.value))
    return None


def render_value(value: Value) -> str:
    """A value as it would be written in a .world file."""
    if isinstance(value, str):
        return value
    if value.type == "string":
        from worldspec.syntax.literals import write_string

        return write_string(value.value)
    if value.type == "bool":
        return "true" if value.value else "false"
    if value.type == "date":
        return value.value.isoformat() if isinstance(value.value, dt.date) else str(value.value)
    return repr(value.value) if value.type == "float" else str(value.value)


def comparable(left: Value, right: Value) -> tuple[Any, Any] | None:
    """The two values as Python objects that can be ordered, or None."""
    if isinstance(left, Lit) and isinstance(right, Lit):
        numeric = ("int", "float")
        if left.type in numeric and right.type in numeric:
            return left.value, right.value
        if left.type == right.type and left.type in ("date", "string"):
            return left.value, right.value
    return None
