"""The Lark transformer that builds typed AST nodes straight from the LALR parser.

It runs inside the parser (`Lark(..., transformer=AstBuilder())`), so no parse
tree is built: each grammar rule becomes its node when it is reduced. The parser
keeps every token (`keep_all_tokens`), so a node's span runs from its first token
to its last, keywords and braces included.

Tokens are read only through `.type`, `.value`, `.line`, `.column`, `.end_line`
and `.end_column`, the attributes that both lark's and lark_cython's tokens have.
Literal errors (a bad escape, a 30th of February) do not stop the parse: they are
appended to `diagnostics` and a best-effort value stands in.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any

from lark import Transformer, v_args

from worldspec import diagnostics as codes
from worldspec.diagnostics import Diagnostic
from worldspec.source import Span
from worldspec.syntax import ast
from worldspec.syntax.literals import (
    LiteralError,
    read_date,
    read_float,
    read_long_string,
    read_regex,
    read_string,
)

_LITERAL_CODES = {
    "escape": codes.INVALID_ESCAPE,
    "layout": codes.LONG_STRING_LAYOUT,
    "date": codes.INVALID_DATE,
    "number": codes.INVALID_NUMBER,
    "flag": codes.INVALID_REGEX_FLAG,
}
_FACT_PARTS = re.compile(
    r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*\.[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*(\+=|-=|=)[ \t]*(.*)$"
)


def _span(path: str, line: int, column: int, end_line: int, end_column: int) -> Span:
    # tuple.__new__ skips the named tuple's Python-level __new__: half the cost,
    # and a large file makes a few hundred thousand spans.
    span: Span = _new_tuple(Span, (path, line, column, end_line, end_column))
    return span


_new_tuple: Any = tuple.__new__
_intern = sys.intern
_PUNCTUATION = frozenset({"COMMA", "DOT", "DOTDOT", "LBRACE", "RBRACE", "COLON"})


def _offset_span(path: str, tok: Any, offset: int, length: int) -> Span:
    """The span of `length` characters at `offset` inside a (possibly multi-line) token."""
    text = tok.value
    line, column = tok.line, tok.column
    before = text[:offset]
    newlines = before.count("\n")
    if newlines:
        line += newlines
        column = offset - before.rindex("\n")
    else:
        column += offset
    return _span(path, line, column, line, column + max(1, length))


class _SubToken:
    """A piece of a fast-path token, shaped like a lark token for the value readers."""

    __slots__ = ("column", "end_column", "end_line", "line", "type", "value")

    def __init__(self, type_: str, value: str, span: Span) -> None:
        self.type = type_
        self.value = value
        self.line, self.column, self.end_line, self.end_column = (
            span.line,
            span.column,
            span.end_line,
            span.end_column,
        )


@v_args(inline=True)
class AstBuilder(Transformer[Any, list[ast.Decl]]):
    """Builds one module's declarations; `reset` before each parse."""

    def __init__(self) -> None:
        super().__init__()
        self.path = "<string>"
        self.diagnostics: list[Diagnostic] = []

    def reset(self, path: str) -> None:
        self.path = path
        self.diagnostics = []

    # ---- helpers -------------------------------------------------------------

    def _tspan(self, tok: Any) -> Span:
        return _span(self.path, tok.line, tok.column, tok.end_line, tok.end_column)

    def _between(self, first: Any, last: Any) -> Span:
        start = (
            first
            if isinstance(first, Span)
            else (first.span if hasattr(first, "span") else self._tspan(first))
        )
        end = (
            last
            if isinstance(last, Span)
            else (last.span if hasattr(last, "span") else self._tspan(last))
        )
        return _span(self.path, start.line, start.column, end.end_line, end.end_column)

    def _name(self, tok: Any) -> ast.Name:
        return ast.Name(
            _intern(tok.value), _span(self.path, tok.line, tok.column, tok.end_line, tok.end_column)
        )

    def _declared(self, keyword: Any, name: Any) -> ast.Name:
        """The name a keyword declares, reported if nothing parts the two: where only
        a keyword may come, the contextual lexer takes 'entity' out of 'entityfoo'
        and the file would parse as the user never wrote it."""
        self._spaced(keyword, name)
        return self._name(name)

    def _spaced(self, keyword: Any, following: Any) -> None:
        span = following.span if hasattr(following, "span") else self._tspan(following)
        if (span.line, span.column) != (keyword.end_line, keyword.end_column):
            return
        if hasattr(following, "type") or isinstance(following, ast.Name):
            text = following.value
            if not text or not (text[0].isalnum() or text[0] == "_"):
                return
            found = f", found '{keyword.value}{text}'"
        elif isinstance(following, (ast.Date, ast.DateRange, ast.Int, ast.Float)):
            found = ""  # a number or a date: it starts with a digit, as a name may go on
        else:
            return  # a string's quote parts it from the keyword
        self.diagnostics.append(
            Diagnostic(
                codes.SYNTAX_ERROR,
                f"expected a space after '{keyword.value}'{found}",
                self._between(keyword, span),
            )
        )

    def _literal_error(self, tok: Any, err: LiteralError) -> None:
        self.diagnostics.append(
            Diagnostic(
                _LITERAL_CODES[err.kind],
                err.message,
                _offset_span(self.path, tok, err.offset, err.length),
            )
        )

    def _token_value(self, tok: Any) -> ast.Value:
        """A value node for a bare token in a setting (`since DATE`, `genres NAME`)."""
        kind = tok.type
        if kind == "NAME":
            return ast.Ref(tok.value, self._tspan(tok))
        if kind == "INT":
            return ast.Int(int(tok.value), self._tspan(tok))
        if kind == "FLOAT":
            return self._float(tok)
        if kind == "DATE":
            return self._date(tok)
        if kind == "REGEX":
            return self._regex(tok)
        if kind in ("TRUE", "FALSE"):
            return ast.Bool(kind == "TRUE", self._tspan(tok))
        raise AssertionError(f"no value for token {kind}")  # pragma: no cover

    # ---- values --------------------------------------------------------------

    def ref(self, tok: Any) -> ast.Ref:
        return ast.Ref(
            _intern(tok.value), _span(self.path, tok.line, tok.column, tok.end_line, tok.end_column)
        )

    def var(self, tok: Any) -> ast.Var:
        return ast.Var(tok.value[1:], self._tspan(tok))

    def int(self, tok: Any) -> ast.Int:
        return ast.Int(int(tok.value), self._tspan(tok))

    # Callbacks that the builder also calls itself go through these plain helpers:
    # looking up a v_args-wrapped method on the instance builds a new wrapper per call.

    def float(self, tok: Any) -> ast.Float:
        return self._float(tok)

    def date(self, tok: Any) -> ast.Date:
        return self._date(tok)

    def string(self, tok: Any) -> ast.Str:
        return self._string(tok)

    def regex(self, tok: Any) -> ast.Regex:
        return self._regex(tok)

    def _float(self, tok: Any) -> ast.Float:
        try:
            value = read_float(tok.value)
        except LiteralError as err:
            self._literal_error(tok, err)
            value = 0.0
        return ast.Float(value, self._tspan(tok))

    def _date(self, tok: Any) -> ast.Date:
        try:
            value = read_date(tok.value)
        except LiteralError as err:
            self._literal_error(tok, err)
            value = dt.date.min
        return ast.Date(value, self._tspan(tok))

    def date_range(self, start: Any, _dots: Any, end: Any) -> ast.DateRange:
        first, last = self._date(start), self._date(end)
        span = self._between(start, end)
        if first.value > last.value:
            self.diagnostics.append(
                Diagnostic(
                    codes.INVALID_DATE,
                    f"the date range ends ({last.value}) before it starts ({first.value})",
                    span,
                )
            )
        return ast.DateRange(first, last, span)

    def true(self, tok: Any) -> ast.Bool:
        return ast.Bool(True, self._tspan(tok))

    def false(self, tok: Any) -> ast.Bool:
        return ast.Bool(False, self._tspan(tok))

    def none(self, tok: Any) -> ast.NoneValue:
        return ast.NoneValue(self._tspan(tok))

    def _regex(self, tok: Any) -> ast.Regex:
        try:
            pattern, flags = read_regex(tok.value)
        except LiteralError as err:
            self._literal_error(tok, err)
            end = tok.value.rindex("/")
            pattern, flags = tok.value[1:end], ""
        return ast.Regex(pattern, flags, self._tspan(tok))

    def _string(self, tok: Any) -> ast.Str:
        triple = tok.type == "LONG_STRING"
        try:
            value = read_long_string(tok.value) if triple else read_string(tok.value)
        except LiteralError as err:
            self._literal_error(tok, err)
            value = tok.value[3:-3] if triple else tok.value[1:-1]
        return ast.Str(value, triple, self._tspan(tok))

    # ---- statements ----------------------------------------------------------

    def setting(self, keyword: Any, *rest: Any) -> ast.Setting:
        rest = tuple(item for item in rest if item is not None)  # an absent [optional]
        if rest:
            self._spaced(keyword, rest[0])
        args: list[ast.Value] = []
        for item in rest:
            if hasattr(item, "span"):
                args.append(item)
            elif item.type not in _PUNCTUATION:
                args.append(self._token_value(item))
        return ast.Setting(keyword.value, args, self._between(keyword, rest[-1]))

    def validity(self, keyword: Any, start: Any, _until: Any, end: Any) -> ast.Validity:
        self._spaced(keyword, start)
        if end is not None:
            self._spaced(_until, end)
        last = end if end is not None else start
        return ast.Validity(
            self._date(start),
            self._date(end) if end is not None else None,
            self._between(keyword, last),
        )

    def validity_until(self, keyword: Any, end: Any) -> ast.Validity:
        self._spaced(keyword, end)
        return ast.Validity(None, self._date(end), self._between(keyword, end))

    def fact(
        self,
        subject: Any,
        _dot: Any,
        prop: Any,
        op: Any,
        value: Any,
        wordings: Any = None,
        validity: Any = None,
    ) -> ast.Fact:
        last = validity if validity is not None else (wordings[-1] if wordings else value)
        return ast.Fact(
            ast.Name(
                subject.value,
                _span(
                    self.path, subject.line, subject.column, subject.end_line, subject.end_column
                ),
            ),
            ast.Name(
                prop.value, _span(self.path, prop.line, prop.column, prop.end_line, prop.end_column)
            ),
            op.value,
            value,
            Span(self.path, subject.line, subject.column, last.span.end_line, last.span.end_column),
            validity,
            wordings or [],
        )

    def wordings(self, *parts: Any) -> list[ast.Str]:
        return [part for part in parts if isinstance(part, ast.Str)]

    def fact_line(self, tok: Any, wordings: Any = None, validity: Any = None) -> ast.Fact:
        """A one-line fact lexed whole by the FACT fast-path terminal, and the
        validity interval on the lines after it, if any.

        The hottest code of a large parse: spans are made with tuple.__new__
        directly, and strings without escapes skip the escape reader.
        """
        match = _FACT_PARTS.match(tok.value)
        assert match is not None
        path, line, column = self.path, tok.line, tok.column
        subject, prop, op, text = match.groups()
        # One string object per name, however many facts repeat it: a large world
        # mentions each entity and property thousands of times.
        subject, prop = _intern(subject), _intern(prop)
        start = column + match.start(4)
        span = _new_tuple(Span, (path, line, start, line, start + len(text)))
        first = text[0]
        value: ast.Value
        if first == '"':
            if "\\" in text:
                value = self._string(_SubToken("STRING", text, span))
            else:
                value = ast.Str(text[1:-1], False, span)
        elif first.isalpha() or first == "_":
            if text == "true" or text == "false":
                value = ast.Bool(text == "true", span)
            elif text == "none":
                value = ast.NoneValue(span)
            else:
                value = ast.Ref(_intern(text), span)
        elif len(text) == 10 and text[4] == "-" and text[7] == "-":
            value = self._date(_SubToken("DATE", text, span))
        elif "." in text or "e" in text or "E" in text:
            value = self._float(_SubToken("FLOAT", text, span))
        else:
            value = ast.Int(int(text), span)
        subject_col = column + match.start(1)
        prop_col = column + match.start(2)
        return ast.Fact(
            ast.Name(
                subject,
                _new_tuple(Span, (path, line, subject_col, line, subject_col + len(subject))),
            ),
            ast.Name(prop, _new_tuple(Span, (path, line, prop_col, line, prop_col + len(prop)))),
            op,
            value,
            _new_tuple(Span, (path, line, column, line, start + len(text)))
            if validity is None and not wordings
            else self._between(
                _new_tuple(Span, (path, line, column, line, column + 1)),
                validity if validity is not None else wordings[-1],
            ),
            validity,
            wordings or [],
        )

    def pattern(self, subject: Any, _dot: Any, prop: Any, _eq: Any, obj: Any) -> ast.Pattern:
        return ast.Pattern(subject, self._name(prop), obj, self._between(subject, obj))

    def comparison(self, left: Any, op: Any, right: Any) -> ast.Comparison:
        return ast.Comparison(left, op.value, right, self._between(left, right))

    def conditions(self, *items: Any) -> list[ast.Condition]:
        return [item for item in items if hasattr(item, "span")]

    # ---- declarations --------------------------------------------------------

    def start(self, *decls: Any) -> list[ast.Decl]:
        return list(decls)

    def world(self, keyword: Any, name: Any, _lb: Any, *rest: Any) -> ast.WorldDecl:
        return ast.WorldDecl(
            self._declared(keyword, name), list(rest[:-1]), self._between(keyword, rest[-1])
        )

    def use_module(self, keyword: Any, names: list[ast.Name]) -> ast.UseDecl:
        self._spaced(keyword, names[0])
        return ast.UseDecl(names, None, self._between(keyword, names[-1]))

    def use_file(self, keyword: Any, path: ast.Str) -> ast.UseDecl:
        return ast.UseDecl(None, path, self._between(keyword, path))

    def module_name(self, *parts: Any) -> list[ast.Name]:
        return [self._name(tok) for tok in parts if tok.type == "NAME"]

    def _body(self, parts: tuple[Any, ...]) -> tuple[list[Any], Any]:
        """The statements of a `{ ... }` body and its closing brace."""
        return [item for item in parts[1:-1]], parts[-1]

    def class_body(self, *parts: Any) -> tuple[list[Any], Any]:
        return self._body(parts)

    property_body = class_body
    entity_body = class_body
    rule_body = class_body

    def parents(self, _colon: Any, *names: Any) -> list[ast.Name]:
        return [self._name(tok) for tok in names if tok.type == "NAME"]

    def class_decl(self, keyword: Any, name: Any, parents: Any, body: Any) -> ast.ClassDecl:
        last = body[1] if body else (parents[-1] if parents else name)
        return ast.ClassDecl(
            self._declared(keyword, name),
            parents or [],
            body[0] if body else [],
            self._between(keyword, last),
        )

    def cardinality(self, _lb: Any, value: Any, rb: Any) -> tuple[str, Any]:
        return value.value, rb

    def property(
        self,
        keyword: Any,
        name: Any,
        _colon: Any,
        domain: Any,
        _arrow: Any,
        range_: Any,
        cardinality: Any,
        body: Any,
    ) -> ast.PropertyDecl:
        last = body[1] if body else (cardinality[1] if cardinality else range_)
        return ast.PropertyDecl(
            self._declared(keyword, name),
            self._name(domain),
            self._name(range_),
            cardinality[0] if cardinality else None,
            body[0] if body else [],
            self._between(keyword, last),
        )

    def entity(
        self, keyword: Any, name: Any, _colon: Any, cls: Any, label: Any, body: Any
    ) -> ast.EntityDecl:
        last = body[1] if body else (label or cls)
        return ast.EntityDecl(
            self._declared(keyword, name),
            self._name(cls),
            label,
            body[0] if body else [],
            self._between(keyword, last),
        )

    def reality(self, keyword: Any, _lb: Any, *rest: Any) -> ast.RealityDecl:
        return ast.RealityDecl(list(rest[:-1]), self._between(keyword, rest[-1]))

    def rule(
        self,
        keyword: Any,
        name: Any,
        _colon: Any,
        body: list[ast.Condition],
        _implies: Any,
        head: ast.Pattern,
        body_block: Any = None,
    ) -> ast.RuleDecl:
        settings, last = body_block if body_block else ([], head)
        return ast.RuleDecl(
            self._declared(keyword, name), body, head, self._between(keyword, last), settings
        )

    def constraint_never(
        self, keyword: Any, name: Any, _colon: Any, _never: Any, body: list[ast.Condition]
    ) -> ast.ConstraintDecl:
        return ast.ConstraintDecl(
            self._declared(keyword, name), True, body, [], self._between(keyword, body[-1])
        )

    def constraint_implies(
        self,
        keyword: Any,
        name: Any,
        _colon: Any,
        body: list[ast.Condition],
        _implies: Any,
        head: list[ast.Condition],
    ) -> ast.ConstraintDecl:
        return ast.ConstraintDecl(
            self._declared(keyword, name), False, body, head, self._between(keyword, head[-1])
        )

    def diverge(
        self, keyword: Any, name: Any, description: Any, _lb: Any, *rest: Any
    ) -> ast.DivergeDecl:
        return ast.DivergeDecl(
            self._declared(keyword, name),
            description,
            list(rest[:-1]),
            self._between(keyword, rest[-1]),
        )

    def trap(
        self, keyword: Any, name: Any, on: Any, divergence: Any, _lb: Any, *rest: Any
    ) -> ast.TrapDecl:
        self._spaced(on, divergence)
        return ast.TrapDecl(
            self._declared(keyword, name),
            self._name(divergence),
            list(rest[:-1]),
            self._between(keyword, rest[-1]),
        )

    def forbid(self, keyword: Any, name: Any, _lb: Any, *rest: Any) -> ast.ForbidDecl:
        return ast.ForbidDecl(
            self._declared(keyword, name), list(rest[:-1]), self._between(keyword, rest[-1])
        )

    def tool(self, keyword: Any, name: Any, _lb: Any, *rest: Any) -> ast.ToolDecl:
        return ast.ToolDecl(
            self._declared(keyword, name), list(rest[:-1]), self._between(keyword, rest[-1])
        )

    def corpus(self, keyword: Any, name: Any, _lb: Any, *rest: Any) -> ast.CorpusDecl:
        return ast.CorpusDecl(
            self._declared(keyword, name), list(rest[:-1]), self._between(keyword, rest[-1])
        )
