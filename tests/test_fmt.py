from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import modules

from worldspec import format_text, parse
from worldspec.syntax import ast
from worldspec.syntax.fmt import format_module

REPO = Path(__file__).resolve().parent.parent
WORLD_FILES = sorted([*REPO.glob("examples/**/*.world"), *REPO.glob("specs/**/*.world")])
WORLD_FILES = [p for p in WORLD_FILES if "broken" not in p.parts]


def reparse(text: str) -> ast.Module:
    result = parse(text, comments=True)
    assert not result.diagnostics, [str(d) for d in result.diagnostics] + [text]
    return result.module


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(modules)
def test_generated_trees_survive_format_and_parse(module: ast.Module) -> None:
    text = format_module(module)
    assert reparse(text) == module
    # the accelerated parser (lark_cython, when installed) reads the same tree
    assert parse(text).module == module
    again = format_text(text)[0]
    assert again == text


def test_examples_exist() -> None:
    assert len(WORLD_FILES) >= 7


@pytest.mark.parametrize("path", WORLD_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_files_are_formatted(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    formatted, result = format_text(text, str(path))
    assert formatted is not None, [str(d) for d in result.diagnostics]
    assert formatted == text
    assert reparse(formatted) == result.module


MESSY = """\
# leading comment
world   w{title "T"   as_of 2024-01-01}
use std.geo   # trailing on use


class A:B,C    # parents
property p:A->B[one]{says "{s} p {o}"}
entity e : A "E" {
  # inside the entity body
  aka "x","y"
}
reality{a.b=c   a.d  +=  "s"
  # before the closing brace
}  # after the closing brace
rule r: ?x.p = ?y,   # in the middle of a rule
  ?y.q = ?z => ?x.r = ?z
# the end
"""

MESSY_FORMATTED = """\
# leading comment
world w {
  title "T"
  as_of 2024-01-01
}

use std.geo  # trailing on use

class A : B, C  # parents
property p : A -> B [one] { says "{s} p {o}" }

entity e : A "E" {
  # inside the entity body
  aka "x", "y"
}

reality {
  a.b = c
  a.d += "s"
  # before the closing brace
}  # after the closing brace

# in the middle of a rule
rule r: ?x.p = ?y, ?y.q = ?z => ?x.r = ?z
# the end
"""


def test_messy_layout_becomes_canonical_and_keeps_every_comment() -> None:
    formatted, _ = format_text(MESSY)
    assert formatted == MESSY_FORMATTED
    assert format_text(formatted)[0] == formatted
    before = [c.text for c in parse(MESSY, comments=True).module.comments]
    after = [c.text for c in parse(formatted, comments=True).module.comments]
    assert sorted(before) == sorted(after)


def test_blank_lines_are_kept_but_collapsed() -> None:
    text = "class A\n\n\n\nclass B\nclass C\n"
    assert format_text(text)[0] == "class A\n\nclass B\nclass C\n"


def test_multiline_strings_are_reindented() -> None:
    text = (
        'world w {\n      description """\n        line one\n          indented\n\n        """\n}\n'
    )
    formatted = format_text(text)[0]
    assert formatted == (
        'world w {\n  description """\n    line one\n      indented\n\n    """\n}\n'
    )
    assert reparse(formatted) == reparse(text)


def test_syntax_errors_are_not_formatted() -> None:
    formatted, result = format_text("reality { a.b = }")
    assert formatted is None
    assert result.diagnostics[0].code.code == "WS100"


def test_windows_line_endings_are_kept() -> None:
    text = 'class  A\r\n# note\r\nreality { a.b = "x" }\r\n'
    formatted = format_text(text)[0]
    assert formatted == 'class A\r\n\r\n# note\r\nreality {\r\n  a.b = "x"\r\n}\r\n'
    assert format_text(formatted)[0] == formatted


@pytest.mark.parametrize(
    "source",
    [
        'diverge d """\n  line one\n  line two\n  """ {}\n',
        'diverge d """\n  line one\n  """ {}\n',
        'diverge d "x" {\n}\n',
    ],
)
def test_an_empty_body_after_a_multiline_description_is_formatted_once(source: str) -> None:
    # hypothesis found `{` `}` on the first pass and `{}` on the second
    once, _ = format_text(source)
    assert once is not None and once.rstrip().endswith("{}")
    twice, _ = format_text(once)
    assert twice == once


def test_topics_keep_their_commas() -> None:
    text = 'class A\nproperty p : A -> int [one] {\n  topic "size",   "height"\n}\n'
    formatted = format_text(text)[0]
    assert formatted is not None and 'topic "size", "height"' in formatted
    assert reparse(formatted) == reparse(text)
