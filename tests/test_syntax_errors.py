"""Syntax diagnostics: messages in an author's words, recovery, and no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worldspec import parse
from worldspec.syntax import ast
from worldspec.syntax.messages import EXAMPLES
from worldspec.syntax.parser import _example_messages

REPO = Path(__file__).resolve().parent.parent


def found(text: str) -> list[tuple[str, int, int, str]]:
    return [(d.code.code, d.span.line, d.span.column, d.message) for d in parse(text).diagnostics]


@pytest.mark.parametrize(
    ("message", "example"),
    [(message, example) for message, examples in EXAMPLES.items() for example in examples],
)
def test_every_example_maps_to_its_own_message(message: str, example: str) -> None:
    messages = [d.message for d in parse(example).diagnostics]
    assert messages and messages[0] == message


def test_example_table_has_no_conflicts() -> None:
    table = _example_messages()
    for message, examples in EXAMPLES.items():
        for example in examples:
            first = parse(example).diagnostics[0]
            assert first.message == message, (example, first.message)
    assert table


def test_caret_position_and_message_for_a_missing_value() -> None:
    # The value is missing at the end of line 2, not at the '}' of line 3.
    assert found("reality {\n  paris.country =\n}") == [
        ("WS100", 2, 18, "expected a value after '='")
    ]
    assert found("reality { paris.country = }") == [("WS100", 1, 27, "expected a value after '='")]


def test_every_independent_error_is_reported_in_one_run() -> None:
    text = (
        "reality {\n"
        "  a.b = \n"  # 1: missing value (reported at the next line's token)
        "  c d = e\n"  # swallowed: the parser is still recovering
        "}\n"
        "entity x Thing\n"  # 2: missing ':'
        "class Fine\n"
        "property p : A [one]\n"  # 3: missing range
        "entity y : Y 'bad'\n"  # 4: single quotes
        "corpus c { genres a b }\n"  # 5: missing comma
    )
    codes = found(text)
    assert [line for _, line, _, _ in codes] == [3, 5, 7, 8, 9]
    assert {code for code, *_ in codes} == {"WS100", "WS101"}


def test_unclosed_block_names_the_block_and_where_it_opened() -> None:
    (diagnostic,) = parse("reality {\n  a.b = c\nclass City\n").diagnostics
    assert diagnostic.code.code == "WS109"
    assert "reality block" in diagnostic.message
    assert (diagnostic.span.line, diagnostic.span.column) == (3, 1)
    assert [(r.span.line, r.span.column) for r in diagnostic.related] == [(1, 9)]
    # what follows the unclosed block is still parsed
    names = [type(d).__name__ for d in parse("reality {\n  a.b = c\nclass City\n").module.decls]
    assert names == ["RealityDecl", "ClassDecl"]


def test_unclosed_block_at_end_of_file() -> None:
    (diagnostic,) = parse("diverge d {\n  since 2020-01-01\n").diagnostics
    assert diagnostic.code.code == "WS109"
    assert "end of the file" in diagnostic.message


@pytest.mark.parametrize(
    ("text", "code", "column"),
    [
        ('entity p : C "Paris', "WS102", 14),
        ('world w { description """never closed }', "WS102", 23),
        ('forbid f { term "C:\\data" }', "WS103", 20),
        ('reality { a.b = "\\u{D800}" }', "WS103", 18),
        ("reality { a.b = 2023-02-29 }", "WS104", 17),
        ("corpus c { dates 2024-01-01 .. 2023-01-01 }", "WS104", 18),
        ("reality { a.b = 1e400 }", "WS105", 17),
        ("entity class : Thing", "WS106", 8),
        ("reality { none.x = 1 }", "WS106", 11),
        ("trap t on d { tripwire /x/g }", "WS107", 27),
        ("trap t on d { tripwire /x/ii }", "WS107", 28),
        ('world w { description """\n    text\n  under\n    """ }', "WS108", 1),
        ('world w { description """ text\n  """ }', "WS108", 26),
        ("entity x : C @", "WS101", 14),
        ("entity x : C 'x'", "WS101", 14),
        ("reality { a.b = c }}", "WS100", 20),
    ],
)
def test_literal_and_lexical_errors(text: str, code: str, column: int) -> None:
    diagnostics = parse(text).diagnostics
    assert diagnostics, text
    assert (diagnostics[0].code.code, diagnostics[0].span.column) == (code, column), [
        str(d) for d in diagnostics
    ]


def test_messages_name_tokens_in_words() -> None:
    (diagnostic,) = parse("world w { title }").diagnostics
    assert diagnostic.message == "expected a string, found '}'"
    (diagnostic,) = parse("class A : }").diagnostics
    assert diagnostic.message == "expected a name, found '}'"


# An error after a complete item inside each kind of block: the message names what
# that block takes, never what another block sharing the parser state would.
BLOCK_ERRORS = {
    "world": ('world w {\n  title "x" 3\n}', "'}', 'as_of', 'description' or 'title'"),
    "class": ('class A {\n  description "x" 3\n}', "'}', 'description' or 'noun'"),
    "property": (
        'property p : A -> B {\n  says "x" 3\n}',
        "'}', 'asks', 'description', 'inverse', 'says', 'topic' or 'unit'",
    ),
    "entity": (
        'entity e : A {\n  description "x" 3\n}',
        "'}', 'adjective', 'aka', 'article', 'description', 'noun' or 'pronoun'",
    ),
    "entity in a divergence": (
        'diverge d {\n  entity e : A "E"\n  3\n}',
        "'}', '{', a name, 'description', 'entity', 'kind' or 'since'",
    ),
    "reality": ("reality {\n  x.country = y 3\n}", "'}', a name, 'from' or 'until'"),
    "diverge": (
        "diverge d {\n  x.country = y 3\n}",
        "'}', a name, 'description', 'entity', 'from', 'kind', 'since' or 'until'",
    ),
    "trap": (
        'trap t on d {\n  tripwire "x" 3\n}',
        "'}', 'action', 'description', 'severity', 'task' or 'tripwire'",
    ),
    "tool": (
        'tool t {\n  answer "x" 3\n}',
        "'}', 'answer', 'description', 'keep', 'option' or 'param'",
    ),
    "forbid": ('forbid f {\n  term "x" 3\n}', "'}', 'description', 'pattern' or 'term'"),
    "corpus": (
        'corpus c {\n  model "m" 3\n}',
        "'}', 'api_base', 'concurrency', 'dates', 'description', 'documents', 'doc_types', "
        "'genres', 'ideas', 'judge_model', 'max_cost', 'max_redundancy', 'max_repeated', "
        "'max_tokens', 'max_unanchored', 'min_distinct_4grams', 'min_docs', 'model', "
        "'renderer', 'revise', 'rpm', 'seed', 'temperature', 'timeout', 'tpm', 'universe' "
        "or 'weight'",
    ),
    "constraint": (
        "constraint c: ?x.p = ?y => ?x.q = ?y 3",
        "a declaration (world, class, property, entity, reality, rule, diverge, ...), ',' "
        "or the end of the file",
    ),
}


@pytest.mark.parametrize("block", sorted(BLOCK_ERRORS))
def test_an_error_in_a_block_names_only_what_the_block_takes(block: str) -> None:
    text, expected = BLOCK_ERRORS[block]
    (diagnostic,) = parse(text).diagnostics
    assert diagnostic.message == f"expected {expected}, found '3'"


def test_a_missing_value_at_a_line_end_is_reported_there() -> None:
    # `y` would read as the value, and the error as a '.' on line 3
    for block in ("reality", "diverge d"):
        result = parse(f"{block} {{\n  x.country =\n  y.country = z\n}}\n")
        assert [(d.span.line, d.span.column, d.message) for d in result.diagnostics] == [
            (2, 14, "expected a value after '='")
        ]
        (decl,) = result.module.decls
        facts = decl.facts if isinstance(decl, ast.RealityDecl) else decl.body
        assert [str(f.subject.value) for f in facts] == ["y"]  # the next fact survives


def test_the_cli_names_the_missing_value_in_reality(tmp_path: Path) -> None:
    (tmp_path / "bad.world").write_text(
        "reality {\n  x.country =\n  y.country = z\n}\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "check", "-q", "bad.world"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.stdout == "bad.world:2:14: WS100 expected a value after '='\n"
    assert "since" not in done.stdout


def test_a_control_character_is_shown_escaped() -> None:
    (diagnostic,) = parse("class A\x01").diagnostics
    assert diagnostic.message == "unexpected character '\\x01'"


# ---- never a traceback ------------------------------------------------------------

VALID = [p.read_text(encoding="utf-8") for p in sorted(REPO.glob("examples/*.world"))]
ALPHABET = st.sampled_from([*list('{}[]()=+-.,:;"/?#\n \t\\<>!*'), "entity", "reality", "x"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    result = parse(text)
    for diagnostic in result.diagnostics:
        assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(VALID),
    st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 12), st.lists(ALPHABET, max_size=3)),
        min_size=1,
        max_size=4,
    ),
)
def test_mutated_specs_never_raise(text: str, edits: list[tuple[float, int, list[str]]]) -> None:
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + "".join(insert) + text[at + cut :]
    result = parse(text)
    lines = text.count("\n") + 2
    for diagnostic in result.diagnostics:
        assert 1 <= diagnostic.span.line <= lines
