"""The `.world` parser: Lark LALR with the AST built during the parse.

Two parsers share one grammar, each built once per process:

* the *fast* one runs lark_cython's lexer and parser when that optional
  accelerator is installed (`pip install worldspec[fast]`); it has no error
  recovery, so any error sends the file to
* the *pure* one, plain Lark, which also collects comments (for `fmt`) and
  recovers from errors so that one run reports every independent syntax error.

Without lark_cython, or with WORLDSPEC_PURE_PARSER=1, the pure parser does
everything. Both produce the same AST (tested).

Positions: `propagate_positions` only decorates parse-tree nodes, and no tree is
built here; spans come from the tokens instead (`keep_all_tokens`), see builder.py.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, cast

import lark
from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.parsers.lalr_analysis import Shift

from worldspec import diagnostics as codes
from worldspec._gc import paused_gc
from worldspec.diagnostics import Diagnostic, Related
from worldspec.resources import cache_dir, grammar_path
from worldspec.source import SourceFile, Span
from worldspec.syntax import ast
from worldspec.syntax.builder import AstBuilder
from worldspec.syntax.messages import (
    DECL_KEYWORDS,
    EXAMPLES,
    MISSING_VALUE,
    RESERVED_WORDS,
    describe_expected,
    describe_found,
)


@dataclass(slots=True)
class ParseResult:
    module: ast.Module
    source: SourceFile
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.diagnostics


# ---- building the parsers ------------------------------------------------------


class _Parser:
    """A Lark parser with its AST builder and its comment sink."""

    def __init__(self, accelerated: bool) -> None:
        self.builder = AstBuilder()
        self.comments: list[Any] = []
        options: dict[str, Any] = dict(
            parser="lalr",
            lexer="contextual",
            keep_all_tokens=True,
            maybe_placeholders=True,
            transformer=self.builder,
        )
        if accelerated:
            import lark_cython

            options["_plugins"] = lark_cython.plugins
        else:
            options["lexer_callbacks"] = {"COMMENT": self.comments.append}
        cache = _cache_file()
        if cache is not None:
            options["cache"] = str(cache)
        # Lark logs a traceback when its cache cannot be read or written; that is
        # never the user's problem (it rebuilds the tables), so keep it quiet.
        lark_logger = logging.getLogger("lark")
        level = lark_logger.level
        lark_logger.setLevel(logging.CRITICAL + 1)
        try:
            self.lark = Lark(grammar_path().read_text(encoding="utf-8"), **options)
        finally:
            lark_logger.setLevel(level)
        self.lock = threading.Lock()
        terminals = {t.name: t for t in self.lark.terminals}
        # Printable text of the fixed-string terminals ('{', 'since', ...), for messages.
        self.patterns = {
            name: t.pattern.value for name, t in terminals.items() if t.pattern.type == "str"
        }


def _cache_file() -> Path | None:
    """Where Lark keeps the parse tables between runs (it checks the grammar's hash
    itself), or None when there is no writable cache directory."""
    directory = cache_dir()
    return directory / f"grammar-lark{lark.__version__}.cache" if directory else None


@cache
def _pure_parser() -> _Parser:
    return _Parser(accelerated=False)


@cache
def _fast_parser() -> _Parser | None:
    if os.environ.get("WORLDSPEC_PURE_PARSER"):
        return None
    try:
        return _Parser(accelerated=True)
    except ImportError:
        return None


def accelerator() -> str:
    """Which parser runs clean files: 'lark_cython' or 'lark'."""
    return "lark_cython" if _fast_parser() is not None else "lark"


# ---- parsing -------------------------------------------------------------------


def parse(text: str, path: str = "<string>", *, comments: bool = False) -> ParseResult:
    """Parse `.world` text. Never raises for any input: errors are diagnostics."""
    source = SourceFile(path, text)
    fast = None if comments else _fast_parser()
    if fast is not None:
        with fast.lock, paused_gc():
            fast.builder.reset(path)
            decls: Any
            try:
                decls = fast.lark.parse(text)
            except Exception:  # any failure: the pure parser reports it properly
                decls = None
            if decls is not None:
                return ParseResult(ast.Module(path, decls), source, fast.builder.diagnostics)
    pure = _pure_parser()
    # Built before the parse: building it runs the same parser (and its builder)
    # over the examples, which must not happen in the middle of this parse.
    _example_messages()
    with pure.lock, paused_gc():
        pure.builder.reset(path)
        pure.comments.clear()
        recovery = _Recovery(pure, source)
        try:
            decls = pure.lark.parse(text, on_error=recovery)
        except UnexpectedInput as err:  # recovery gave up: keep what it reported
            recovery.report_unrecoverable(err)
            decls = []
        diagnostics = recovery.diagnostics + pure.builder.diagnostics
        diagnostics.sort(key=Diagnostic.sort_key)
        module_comments = (
            [ast.Comment(tok.value, tok.line, tok.column) for tok in pure.comments]
            if comments
            else []
        )
        return ParseResult(
            ast.Module(path, list(decls or []), module_comments), source, diagnostics
        )


def parse_file(path: Path, display: str | None = None, *, comments: bool = False) -> ParseResult:
    """Read and parse a file. Raises OSError or UnicodeDecodeError if it cannot be read."""
    source = SourceFile.read(path, display)
    return parse(source.text, source.path, comments=comments)


# ---- error recovery ------------------------------------------------------------

_TOKENISH = re.compile(r'"(?:[^"\\\n]|\\.)*"|#[^\n]*|[A-Za-z0-9_?]+|\S')
_CASCADE_TOKENS = 3  # an error this close after the previous one is a consequence of it


ExampleKey = tuple[int, str | None, frozenset[str]]


@cache
def _example_messages() -> dict[ExampleKey, str]:
    """(parser state, token type, expected terminals) -> message, from the EXAMPLES
    table. The expected terminals are part of the key because blocks share LALR
    states: "separate items with ','" fits a string in an `aka` list, not a string
    in a `world` header that ends in the same state."""
    parser = _pure_parser()
    table: dict[ExampleKey, str] = {}
    for message, examples in EXAMPLES.items():
        for example in examples:
            parser.builder.reset("<example>")
            try:
                parser.lark.parse(example)
            except UnexpectedToken as err:
                state = err.state.position
                expected = _expected(parser, err)
                table.setdefault((state, err.token.type, expected), message)
                table.setdefault((state, None, expected), message)
            except UnexpectedInput:
                pass
    return table


def _expected(parser: _Parser, err: UnexpectedToken) -> frozenset[str]:
    """The terminals the parser would take where `err` happened. Not `err.expected`:
    when the lexer raises, that is what the lexer could read there, setting keywords
    folded into names. And a state's table lists the lookaheads of every block that
    shares the state (a fact ends the same way in `reality` and in `diverge`), so
    each is tried on this parse's own stack."""
    if err.state is None:
        return frozenset(err.expected)
    stack = err.state.state_stack
    table = parser.lark.parser.parser.parser.parse_table.states[stack[-1]]
    return frozenset(t for t in table if t.isupper() and _accepts(parser, stack, t))


def _accepts(parser: _Parser, stack: list[int], token_type: str) -> bool:
    """Whether the LALR automaton in `stack` would shift `token_type` (or accept)."""
    conf = parser.lark.parser.parser.parser.parse_table
    states = conf.states
    end_state = next(iter(conf.end_states.values()))
    simulated = list(stack)
    while True:
        action = states[simulated[-1]].get(token_type)
        if action is None:
            return False
        kind, arg = action
        if kind is Shift:
            return True
        size = len(arg.expansion)
        if size:
            del simulated[-size:]
        goto = states[simulated[-1]][arg.origin.name]
        simulated.append(goto[1])
        if token_type == "$END" and simulated[-1] == end_state:
            return True


class _Recovery:
    """Lark's `on_error` hook: reports an error, then repairs the parser state.

    Repairs, in order: at the end of the file or at a declaration keyword that a
    block cannot hold, close the open blocks with synthetic '}'; a reserved word
    where a name belongs is read as that name; otherwise pop parser states until
    one accepts the token (panic mode), or drop the token. Errors within a few
    tokens of the previous one are consequences of it and are not reported.
    """

    def __init__(self, parser: _Parser, source: SourceFile) -> None:
        self.parser = parser
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.last_error_end = -1
        self.gave_up = False
        self.steps_at: dict[int, int] = {}

    # -- reporting

    def _cascade(self, start: int) -> bool:
        if self.gave_up:
            return True
        if self.last_error_end < 0:
            return False
        if start < self.last_error_end:
            return True
        between = self.source.text[self.last_error_end : start]
        tokens = [m.group() for m in _TOKENISH.finditer(between) if not m.group().startswith("#")]
        if any(token.upper() in DECL_KEYWORDS for token in tokens):
            return False  # a new declaration began since: this error is independent
        return len(tokens) < _CASCADE_TOKENS

    def _report(
        self,
        code: codes.Code,
        message: str,
        span: Span,
        start: int,
        end: int,
        related: list[Related] | None = None,
        fix: str | None = None,
    ) -> None:
        if not self._cascade(start):
            self.diagnostics.append(Diagnostic(code, message, span, related or [], fix))
        self.last_error_end = max(self.last_error_end, end)

    def _token_span(self, tok: Token) -> Span:
        line, column = tok.line or 1, tok.column or 1
        end_line = tok.end_line or line
        end_column = tok.end_column or column + max(1, len(tok.value))
        if tok.type == "$END":
            end_column = column + 1
        return Span(self.source.path, line, column, end_line, end_column)

    def _error_span(self, state: Any, tok: Token) -> Span:
        """Where to point for "expected X": at the offending token, or, when that is
        on a later line than what came before it, just after the previous token, where
        the missing piece belongs (as rustc points at a missing ';')."""
        span = self._token_span(tok)
        previous = state.value_stack[-1] if state.value_stack else None
        if isinstance(previous, list):
            previous = previous[-1] if previous else None
        end: tuple[int, int] | None = None
        if isinstance(previous, Token) and previous.end_line is not None:
            end = (previous.end_line, previous.end_column or 1)
        elif previous is not None and isinstance(getattr(previous, "span", None), Span):
            end = (previous.span.end_line, previous.span.end_column)
        if end is not None and end[0] < span.line:
            return Span(self.source.path, end[0], end[1], end[0], end[1] + 1)
        return span

    def report_unrecoverable(self, err: UnexpectedInput) -> None:
        if isinstance(err, UnexpectedToken):
            tok = err.token
            self._report(
                codes.SYNTAX_ERROR,
                self._token_message(err),
                self._token_span(tok),
                tok.start_pos or 0,
                tok.end_pos or 0,
            )

    # -- the hook

    def __call__(self, err: UnexpectedInput) -> bool:
        if isinstance(err, UnexpectedCharacters):
            return self._bad_character(err)
        if isinstance(err, UnexpectedToken):
            return self._bad_token(err)
        return False

    def _bad_character(self, err: UnexpectedCharacters) -> bool:
        text = self.source.text
        pos: int = err.pos_in_stream or 0
        char = text[pos]
        line_ctr = cast(Any, err.interactive_parser).lexer_thread.state.line_ctr
        span = Span(self.source.path, err.line, err.column, err.line, err.column + 1)
        if char == '"' and pos >= 2 and text[pos - 2 : pos] == '""':
            # `"""text` with no closing quotes lexes as the empty string `""` and a
            # lone quote: report the triple-quoted string where it opens.
            pos -= 2
            span = Span(self.source.path, err.line, err.column - 2, err.line, err.column + 1)
        if text.startswith('"""', pos):
            self._report(
                codes.UNTERMINATED_STRING,
                "this triple-quoted string is never closed",
                span,
                pos,
                len(text),
            )
            self.gave_up = True
            line_ctr.feed(text[pos:])
            return True
        if char == '"':
            eol = text.find("\n", pos)
            eol = len(text) if eol == -1 else eol
            self._report(
                codes.UNTERMINATED_STRING,
                "this string is not closed before the end of its line",
                span,
                pos,
                eol,
                fix='add the closing " on the same line, or use """ for text over lines',
            )
            line_ctr.feed(text[pos:eol])
            return True
        if char == "'":
            self._report(
                codes.UNEXPECTED_CHARACTER,
                "strings use double quotes, not single quotes",
                span,
                pos,
                pos + 1,
            )
            return True
        if char == "/":
            self._report(
                codes.UNEXPECTED_CHARACTER,
                "a regex is written /pattern/flags on one line",
                span,
                pos,
                pos + 1,
            )
            return True
        shown = char if char.isprintable() else repr(char)[1:-1]
        self._report(
            codes.UNEXPECTED_CHARACTER, f"unexpected character '{shown}'", span, pos, pos + 1
        )
        return True

    def _token_message(self, err: UnexpectedToken) -> str:
        tok = err.token
        patterns = self.parser.patterns
        state = err.state.position if err.state is not None else -1
        expected = _expected(self.parser, err)
        examples = _example_messages()
        message = examples.get((state, tok.type, expected)) or examples.get((state, None, expected))
        if message is not None:
            return message
        found = describe_found(tok.type, str(tok.value), patterns.get(tok.type))
        return f"expected {describe_expected(set(expected), patterns)}, found {found}"

    def _bad_token(self, err: UnexpectedToken) -> bool:
        tok = err.token
        state = err.interactive_parser.parser_state
        start = tok.start_pos if tok.start_pos is not None else len(self.source.text)
        end = tok.end_pos if tok.end_pos is not None else start
        # Never loop: each token position gets a bounded number of repairs.
        steps = self.steps_at.get(start, 0) + 1
        self.steps_at[start] = steps
        if steps > 50:
            return bool(tok.type != "$END")

        if tok.type == "$END" or (tok.type in DECL_KEYWORDS and not self._accepts(state, tok.type)):
            opened = self._open_brace(state)
            if opened is not None and self._accepts(state, "RBRACE"):
                block, brace = opened
                where = "the end of the file" if tok.type == "$END" else f"'{tok.value}'"
                self._report(
                    codes.UNCLOSED_BLOCK,
                    f"the {block} block is not closed before {where}",
                    self._token_span(tok),
                    start,
                    end,
                    [Related(self._token_span(brace), "the block opened here")],
                    fix="add '}' where the block ends",
                )
                return self._close_blocks(state, tok)
            if tok.type == "$END":
                self._report(
                    codes.SYNTAX_ERROR,
                    self._token_message(err),
                    self._error_span(state, tok),
                    start,
                    end,
                )
                return self._close_blocks(state, tok)

        at_line_start = not self.source.text[:start].rsplit("\n", 1)[-1].strip()
        if (
            tok.type.lower() in RESERVED_WORDS
            and ("NAME" in err.expected or "FACT" in err.expected)
            and not (tok.type in DECL_KEYWORDS and at_line_start)
        ):
            self._report(
                codes.RESERVED_WORD,
                f"'{tok.value}' is a reserved word and cannot be used as a name",
                self._token_span(tok),
                start,
                end,
                fix="choose another name",
            )
            return self._feed(state, Token.new_borrow_pos("NAME", str(tok.value), tok))

        if tok.type == "DOT" and self._value_taken_from_next_line(state, tok):
            return True

        self._report(
            codes.SYNTAX_ERROR, self._token_message(err), self._error_span(state, tok), start, end
        )
        # Panic mode: the deepest state that can take this token.
        stack = state.state_stack
        for depth in range(len(stack) - 1, 0, -1):
            if _accepts(self.parser, stack[:depth], tok.type):
                del state.value_stack[depth - 1 :]
                del stack[depth:]
                return self._feed(state, tok)
        return True  # no state takes it: drop the token

    def _value_taken_from_next_line(self, state: Any, dot: Token) -> bool:
        """`x.country =` at a line end, and `y.country = z` on the next line: the fact
        took `y` as its value and fails at the '.'. The value is missing after the
        '=', so report it there, and parse the next line as the fact it is."""
        values = state.value_stack
        if len(values) < 5:
            return False
        subject, between, prop, op, value = values[-5:]
        if not (
            isinstance(subject, Token)
            and subject.type == "NAME"
            and isinstance(between, Token)
            and between.type == "DOT"
            and isinstance(prop, Token)
            and isinstance(op, Token)
            and op.type in ("EQ", "PLUS_EQ", "MINUS_EQ")
            and isinstance(value, ast.Ref)
            and op.end_line is not None
            and value.span.line > op.end_line
        ):
            return False
        column = op.end_column or 1
        where = Span(self.source.path, op.end_line, column, op.end_line, column + 1)
        at = op.end_pos or 0
        self._report(codes.SYNTAX_ERROR, MISSING_VALUE, where, at, at)
        del values[-5:]
        del state.state_stack[-5:]
        name = value.span
        self._feed(
            state,
            Token(
                "NAME",
                value.name,
                line=name.line,
                column=name.column,
                end_line=name.end_line,
                end_column=name.end_column,
            ),
        )
        return self._feed(state, dot)

    # -- parser state surgery

    def _accepts(self, state: Any, token_type: str) -> bool:
        return _accepts(self.parser, state.state_stack, token_type)

    def _open_brace(self, state: Any) -> tuple[str, Token] | None:
        """The innermost '{' still open, and the keyword of its block."""
        values = state.value_stack
        for index in range(len(values) - 1, -1, -1):
            item = values[index]
            if isinstance(item, Token) and item.type == "LBRACE":
                for below in range(index - 1, -1, -1):
                    word = values[below]
                    if isinstance(word, Token) and word.type.lower() in _BLOCK_WORDS:
                        return _BLOCK_WORDS[word.type.lower()], item
                return "enclosing", item
        return None

    def _close_blocks(self, state: Any, tok: Token) -> bool:
        while not self._accepts(state, tok.type):
            if self._accepts(state, "RBRACE"):
                try:
                    state.feed_token(Token.new_borrow_pos("RBRACE", "}", tok))
                    continue
                except UnexpectedInput:
                    return tok.type != "$END"
            if len(state.state_stack) <= 1:
                return tok.type != "$END"
            del state.state_stack[-1]
            del state.value_stack[-1]
        if tok.type == "$END":
            return True  # Lark feeds $END itself when the parse resumes
        return self._feed(state, tok)

    def _feed(self, state: Any, tok: Token) -> bool:
        """Feed the offending token after a repair; once it is taken, it counts towards
        the tokens that end the cascade of the error."""
        try:
            state.feed_token(tok)
        except UnexpectedInput:
            return True  # the state is still a valid prefix; the next token gets a chance
        if tok.start_pos is not None:
            self.last_error_end = min(self.last_error_end, tok.start_pos)
        return True


_BLOCK_WORDS = {
    "world": "world",
    "class": "class",
    "property": "property",
    "entity": "entity",
    "reality": "reality",
    "diverge": "divergence",
    "trap": "trap",
    "forbid": "forbid",
    "tool": "tool",
    "corpus": "corpus",
}
