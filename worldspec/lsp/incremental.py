"""Reparsing after an edit without reparsing the file.

An editor sends a keystroke as the lines it replaced. When those lines lie inside
one declaration, only that declaration is parsed again; when they lie among the
facts of a `reality` block (the bulk of a large world), only the facts they
touch. The nodes after the edit keep their trees, moved by the number of lines
the edit added or removed. Anything less simple (an edit across declarations, a
region whose error reaches beyond its own lines) is a full parse. When the edited
text parses, the result is exactly a full parse's, spans included; when an edit
leaves a syntax error, it is reported in the lines parsed again (a full parse
may word it otherwise, and no semantic check runs on a file with a syntax error
anyway). tests/test_lsp.py holds the two to that agreement on random edits.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from worldspec.diagnostics import Diagnostic
from worldspec.source import SourceFile, Span
from worldspec.syntax import ast
from worldspec.syntax.parser import ParseResult, parse


def reparse(
    previous: ParseResult, text: str, first: int, old_last: int, new_last: int
) -> ParseResult:
    """The parse of `text`, which is the previous text with its lines `first` to
    `old_last` (1-based, inclusive) replaced by the lines `first` to `new_last`."""
    path = previous.source.path
    decls = previous.module.decls
    inside = [
        i for i, d in enumerate(decls) if d.span.line <= first and old_last <= d.span.end_line
    ]
    touching = [
        i for i, d in enumerate(decls) if d.span.line <= old_last and first <= d.span.end_line
    ]
    if len(inside) != 1 or touching != inside:
        return parse(text, path)
    at = inside[0]
    decl = decls[at]
    lines = text.split("\n")
    delta = new_last - old_last
    region: tuple[ast.Decl, list[Diagnostic], int, int] | None = None
    if (
        isinstance(decl, ast.RealityDecl)
        and decl.span.line < first
        and old_last < decl.span.end_line
    ):
        region = _facts(decl, lines, path, first, old_last, delta)
    if region is None:
        region = _declaration(decl, decls, lines, path, delta)
    if region is None:
        return parse(text, path)
    replaced, found, start, end = region
    # the previous errors must all lie in the lines parsed again (they are replaced)
    if any(not start <= d.span.line <= end for d in previous.diagnostics):
        return parse(text, path)
    after = [shift(d, delta) for d in decls[at + 1 :]] if delta else decls[at + 1 :]
    module = ast.Module(path, [*decls[:at], replaced, *after])
    return ParseResult(module, SourceFile(path, text), found)


def _facts(
    decl: ast.RealityDecl, lines: list[str], path: str, first: int, old_last: int, delta: int
) -> tuple[ast.Decl, list[Diagnostic], int, int] | None:
    start, end = first, old_last
    for fact in decl.facts:  # widen to the whole facts the edit touches
        if fact.span.line <= end and start <= fact.span.end_line:
            start, end = min(start, fact.span.line), max(end, fact.span.end_line)
    if start <= decl.span.line or end >= decl.span.end_line:
        return None
    region = "\n".join(lines[start - 1 : end + delta])
    parsed = parse("reality {\n" + region + "\n}", path)
    if len(parsed.module.decls) != 1 or not isinstance(parsed.module.decls[0], ast.RealityDecl):
        return None
    # an error is kept when it lies in the region's own lines (an unclosed string
    # that swallows the block's brace does not)
    last = end + delta - start + 2
    if any(not 2 <= d.span.line <= last or d.related for d in parsed.diagnostics):
        return None
    block = parsed.module.decls[0]
    new = [shift(fact, start - 2) for fact in block.facts]
    before = [f for f in decl.facts if f.span.end_line < start]
    after = [f for f in decl.facts if f.span.line > end]
    if delta:
        after = [shift(f, delta) for f in after]
    span = decl.span
    moved = Span(span.path, span.line, span.column, span.end_line + delta, span.end_column)
    found = [_moved(d, start - 2) for d in parsed.diagnostics]
    return ast.RealityDecl([*before, *new, *after], moved), found, start, end


def _declaration(
    decl: ast.Decl, decls: list[ast.Decl], lines: list[str], path: str, delta: int
) -> tuple[ast.Decl, list[Diagnostic], int, int] | None:
    span = decl.span
    shares = any(
        other is not decl and (other.span.end_line == span.line or other.span.line == span.end_line)
        for other in decls
    )
    if span.column != 1 or shares:
        return None
    region = "\n".join(lines[span.line - 1 : span.end_line + delta])
    parsed = parse(region, path)
    if parsed.diagnostics or len(parsed.module.decls) != 1:
        return None
    return shift(parsed.module.decls[0], span.line - 1), [], span.line, span.end_line


def _moved(diagnostic: Diagnostic, lines: int) -> Diagnostic:
    return dataclasses.replace(diagnostic, span=shift(diagnostic.span, lines))


def shift(node: Any, lines: int) -> Any:
    """`node` with every span in it moved down by `lines` lines."""
    if lines == 0:
        return node
    return _shift(node, lines)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _shift(node: Any, lines: int) -> Any:
    kind = type(node)
    if kind is Span:
        return Span(
            node.path, node.line + lines, node.column, node.end_line + lines, node.end_column
        )
    if kind is list:
        return [_shift(item, lines) for item in node]
    names = _FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(node) or isinstance(node, type):
            return node
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(node))
    return kind(*[_shift(getattr(node, name), lines) for name in names])
