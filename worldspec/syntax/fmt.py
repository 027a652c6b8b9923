"""`worldspec fmt`: one canonical layout for `.world` files, comments kept.

Layout: two-space indentation; one statement per line; a space around `=`, `=>`
and `->`; one blank line around multi-line blocks; the author's single blank
lines between statements kept, longer runs cut to one. A class, property or
entity body with a single setting stays on the declaration's line if the author
wrote it there and it fits in 100 columns. Comments stay where they were: on
their own line before a statement, or at the end of a line after two spaces.

`parse(format_module(m)) == m` for every module (tested with hypothesis), and
formatting is idempotent.
"""

from __future__ import annotations

from worldspec.source import SourceFile
from worldspec.syntax import ast
from worldspec.syntax.literals import write_float, write_long_string, write_regex, write_string

INDENT = "  "
LINE_LENGTH = 100
_COMMA_SEPARATED = frozenset({"aka", "genres", "topic"})


def format_value(value: ast.Term, indent: str = "") -> str:
    if isinstance(value, ast.Ref):
        return value.name
    if isinstance(value, ast.Var):
        return "?" + value.name
    if isinstance(value, ast.Str):
        if value.triple:  # its lines sit one level deeper than the statement
            return write_long_string(value.value, indent + INDENT)
        return write_string(value.value)
    if isinstance(value, ast.Bool):
        return "true" if value.value else "false"
    if isinstance(value, ast.Int):
        return str(value.value)
    if isinstance(value, ast.Float):
        return write_float(value.value)
    if isinstance(value, ast.Date):
        return value.value.isoformat()
    if isinstance(value, ast.DateRange):
        return f"{value.start.value.isoformat()} .. {value.end.value.isoformat()}"
    if isinstance(value, ast.NoneValue):
        return "none"
    if isinstance(value, ast.Regex):
        return write_regex(value.pattern, value.flags)
    raise TypeError(f"not a value: {value!r}")


def format_setting(setting: ast.Setting, indent: str = "") -> str:
    args = [format_value(arg, indent) for arg in setting.args]
    if setting.key in ("param", "option") and len(args) >= 2:
        return " ".join([setting.key, f"{args[0]} : {args[1]}", *args[2:]])
    separator = ", " if setting.key in _COMMA_SEPARATED else " "
    return f"{setting.key} {separator.join(args)}" if args else setting.key


def format_validity(validity: ast.Validity) -> str:
    parts = []
    if validity.start is not None:
        parts.append(f"from {format_value(validity.start)}")
    if validity.end is not None:
        parts.append(f"until {format_value(validity.end)}")
    return " ".join(parts)


def format_fact(fact: ast.Fact, indent: str = "") -> str:
    text = f"{fact.subject.value}.{fact.prop.value} {fact.op} {format_value(fact.value, indent)}"
    for wording in fact.wordings:  # one a line, under the value they reword
        text += f"\n{indent}{INDENT}| {format_value(wording, indent)}"
    if fact.validity is not None:
        text += " " + format_validity(fact.validity)
    return text


def format_condition(condition: ast.Condition) -> str:
    if isinstance(condition, ast.Pattern):
        return (
            f"{format_value(condition.subject)}.{condition.prop.value} = "
            f"{format_value(condition.object)}"
        )
    return f"{format_value(condition.left)} {condition.op} {format_value(condition.right)}"


def _conditions(conditions: list[ast.Condition]) -> str:
    return ", ".join(format_condition(c) for c in conditions)


class _Writer:
    def __init__(self, module: ast.Module, source: SourceFile | None) -> None:
        self.out: list[str] = []
        self.source = source
        self.comments = sorted(module.comments, key=lambda c: (c.line, c.column))
        self.next_comment = 0
        self.last_line = 0  # last source line written out

    # -- comments and blank lines

    def _comments_before(self, line: int) -> list[ast.Comment]:
        taken = []
        while (
            self.next_comment < len(self.comments) and self.comments[self.next_comment].line < line
        ):
            taken.append(self.comments[self.next_comment])
            self.next_comment += 1
        return taken

    def _comment_within(self, first: int, last: int) -> bool:
        """Whether a comment not yet written lies on lines first..last-1."""
        if self.next_comment >= len(self.comments):
            return False
        return first <= self.comments[self.next_comment].line < last

    def _comment_on(self, line: int) -> str:
        if (
            self.next_comment < len(self.comments)
            and self.comments[self.next_comment].line == line
            and line > 0
        ):
            comment = self.comments[self.next_comment]
            self.next_comment += 1
            return "  " + comment.text.rstrip()
        return ""

    def _blank_in_source(self, before: int) -> bool:
        if self.source is None or self.last_line <= 0 or before <= 0:
            return False
        return any(not self.source.line_text(n).strip() for n in range(self.last_line + 1, before))

    def blank(self) -> None:
        if self.out and self.out[-1] != "" and not self.out[-1].endswith("{"):
            self.out.append("")

    def line(self, indent: str, text: str, src_line: int, src_end: int | None = None) -> None:
        for comment in self._comments_before(src_line):
            self._write(indent, comment.text.rstrip(), comment.line, comment.line)
        self._write(indent, text, src_line, src_end if src_end is not None else src_line)

    def _write(self, indent: str, text: str, src_line: int, src_end: int) -> None:
        if self._blank_in_source(src_line):
            self.blank()
        trailing = self._comment_on(src_end)
        self.out.append(indent + text + trailing if text else text)
        if src_end > 0:
            self.last_line = max(self.last_line, src_end)

    def close(self, indent: str, src_end: int) -> None:
        for comment in self._comments_before(src_end):
            self._write(indent + INDENT, comment.text.rstrip(), comment.line, comment.line)
        self.out.append(indent + "}" + self._comment_on(src_end))
        if src_end > 0:
            self.last_line = max(self.last_line, src_end)

    # -- statements

    def statement(self, item: ast.DivergeItem | ast.Fact, indent: str) -> None:
        span = item.span
        if isinstance(item, ast.EntityDecl):
            self.declaration(item, indent)
            return
        text = (
            format_fact(item, indent)
            if isinstance(item, ast.Fact)
            else format_setting(item, indent)
        )
        # Comments inside a statement spread over lines move above it.
        for comment in self._comments_before(span.end_line):
            self._write(indent, comment.text.rstrip(), comment.line, comment.line)
        self._write(indent, text, span.line, span.end_line)

    def block(
        self,
        header: str,
        items: list[ast.DivergeItem] | list[ast.Fact] | list[ast.Setting],
        node: ast.Decl | ast.EntityDecl,
        indent: str,
    ) -> None:
        span = node.span
        for comment in self._comments_before(span.line):
            self._write(indent, comment.text.rstrip(), comment.line, comment.line)
        # an empty body is `{}` wherever its brace closed (a multi-line description
        # ends the header on another line than it began), unless a comment sits in it
        if not items and not self._comment_within(span.line, span.end_line):
            self._write(indent, header + " {}", span.line, span.end_line)
            return
        first_line = items[0].span.line if items else span.end_line
        header_end = span.line if first_line > span.line else 0
        self._write(indent, header + " {", span.line, header_end)
        for item in items:
            self.statement(item, indent + INDENT)
        self.close(indent, span.end_line)

    def _inline_or_block(
        self,
        header: str,
        body: list[ast.Setting],
        node: ast.ClassDecl | ast.PropertyDecl | ast.EntityDecl,
        indent: str,
    ) -> None:
        span = node.span
        if not body:
            self.line(indent, header, span.line, span.end_line)
            return
        if len(body) == 1 and span.line == span.end_line:
            text = f"{header} {{ {format_setting(body[0], indent)} }}"
            if "\n" not in text and len(indent) + len(text) <= LINE_LENGTH:
                self.line(indent, text, span.line, span.end_line)
                return
        self.block(header, body, node, indent)

    def declaration(self, decl: ast.Decl, indent: str = "") -> None:
        if isinstance(decl, ast.WorldDecl):
            self.block(f"world {decl.name.value}", decl.body, decl, indent)
        elif isinstance(decl, ast.UseDecl):
            target = (
                ".".join(n.value for n in decl.module)
                if decl.module is not None
                else format_value(decl.path)
                if decl.path is not None
                else ""
            )
            self.line(indent, f"use {target}", decl.span.line, decl.span.end_line)
        elif isinstance(decl, ast.ClassDecl):
            header = f"class {decl.name.value}"
            if decl.parents:
                header += " : " + ", ".join(p.value for p in decl.parents)
            self._inline_or_block(header, decl.body, decl, indent)
        elif isinstance(decl, ast.PropertyDecl):
            header = f"property {decl.name.value} : {decl.domain.value} -> {decl.range.value}"
            if decl.cardinality is not None:
                header += f" [{decl.cardinality}]"
            self._inline_or_block(header, decl.body, decl, indent)
        elif isinstance(decl, ast.EntityDecl):
            header = f"entity {decl.name.value} : {decl.cls.value}"
            if decl.label is not None:
                header += " " + format_value(decl.label, indent)
            self._inline_or_block(header, decl.body, decl, indent)
        elif isinstance(decl, ast.RealityDecl):
            self.block("reality", decl.facts, decl, indent)
        elif isinstance(decl, ast.RuleDecl):
            text = (
                f"rule {decl.name.value}: {_conditions(decl.body)} => {format_condition(decl.head)}"
            )
            if decl.settings:
                self.block(text, decl.settings, decl, indent)
            else:
                self.statement_text(text, decl, indent)
        elif isinstance(decl, ast.ConstraintDecl):
            if decl.never:
                text = f"constraint {decl.name.value}: never {_conditions(decl.body)}"
            else:
                text = (
                    f"constraint {decl.name.value}: {_conditions(decl.body)} => "
                    f"{_conditions(decl.head)}"
                )
            self.statement_text(text, decl, indent)
        elif isinstance(decl, ast.DivergeDecl):
            header = f"diverge {decl.name.value}"
            if decl.description is not None:
                header += " " + format_value(decl.description, indent)
            self.block(header, decl.body, decl, indent)
        elif isinstance(decl, ast.TrapDecl):
            self.block(
                f"trap {decl.name.value} on {decl.divergence.value}", decl.body, decl, indent
            )
        elif isinstance(decl, ast.ForbidDecl):
            self.block(f"forbid {decl.name.value}", decl.body, decl, indent)
        elif isinstance(decl, ast.ToolDecl):
            self.block(f"tool {decl.name.value}", decl.body, decl, indent)
        elif isinstance(decl, ast.CorpusDecl):
            self.block(f"corpus {decl.name.value}", decl.body, decl, indent)
        else:  # pragma: no cover - the Decl union is closed
            raise TypeError(f"not a declaration: {decl!r}")

    def statement_text(self, text: str, decl: ast.Decl, indent: str) -> None:
        span = decl.span
        for comment in self._comments_before(span.end_line):
            self._write(indent, comment.text.rstrip(), comment.line, comment.line)
        self._write(indent, text, span.line, span.end_line)

    def module(self, module: ast.Module) -> str:
        for decl in module.decls:
            before = len(self.out)
            self.declaration(decl)
            emitted = self.out[before:]
            first = next(
                (i for i, text in enumerate(emitted) if text and not text.startswith("#")), 0
            )
            if len(emitted) > first + 1:  # a multi-line block: set it apart
                if before > 0 and self.out[before - 1] != "":
                    self.out.insert(before, "")
                self.out.append("")
        for comment in self._comments_before(1 << 60):
            self._write("", comment.text.rstrip(), comment.line, comment.line)
        while self.out and self.out[-1] == "":
            self.out.pop()
        while self.out and self.out[0] == "":
            self.out.pop(0)
        collapsed: list[str] = []
        for text in self.out:
            if text == "" and collapsed and collapsed[-1] == "":
                continue
            collapsed.append(text)
        return "\n".join(collapsed) + "\n" if collapsed else ""


def format_module(module: ast.Module, source: SourceFile | None = None) -> str:
    """The canonical text of `module`; `source` (its original text) keeps blank lines."""
    return _Writer(module, source).module(module)
