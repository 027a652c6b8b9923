"""The parser: every construct, every literal kind, spans, and the fast paths."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import facts

from worldspec import parse
from worldspec.syntax import ast
from worldspec.syntax.fmt import format_fact


def decls(text: str) -> list[ast.Decl]:
    result = parse(text)
    assert not result.diagnostics, [str(d) for d in result.diagnostics]
    return result.module.decls


def only(text: str) -> ast.Decl:
    (decl,) = decls(text)
    return decl


def test_world_header() -> None:
    world = only('world w { title "T" as_of 2024-01-01 description """x""" }')
    assert isinstance(world, ast.WorldDecl)
    assert world.name.value == "w"
    assert [s.key for s in world.body] == ["title", "as_of", "description"]
    assert world.body[1].args == [ast.Date(dt.date(2024, 1, 1))]


def test_use_forms() -> None:
    first, second = decls('use std.geo\nuse "lib/people.world"')
    assert isinstance(first, ast.UseDecl) and isinstance(second, ast.UseDecl)
    assert [n.value for n in first.module or []] == ["std", "geo"]
    assert second.path == ast.Str("lib/people.world")


def test_class_and_property() -> None:
    cls, prop, bare = decls(
        'class City : Place, Settlement { description "a town" }\n'
        'property located_in : Place -> Place [one] { says "{s} is in {o}" asks "Where?" '
        'unit "m" inverse contains }\n'
        "property tags : Place -> string"
    )
    assert isinstance(cls, ast.ClassDecl)
    assert [p.value for p in cls.parents] == ["Place", "Settlement"]
    assert isinstance(prop, ast.PropertyDecl)
    assert (prop.domain.value, prop.range.value, prop.cardinality) == ("Place", "Place", "one")
    assert [s.key for s in prop.body] == ["says", "asks", "unit", "inverse"]
    assert prop.body[3].args == [ast.Ref("contains")]
    assert isinstance(bare, ast.PropertyDecl) and bare.cardinality is None and bare.body == []


def test_entity_with_label_and_aliases() -> None:
    entity = only('entity eiffel : Landmark "Eiffel Tower" { aka "Tour Eiffel", "La Dame" }')
    assert isinstance(entity, ast.EntityDecl)
    assert entity.label == ast.Str("Eiffel Tower")
    assert entity.body[0].args == [ast.Str("Tour Eiffel"), ast.Str("La Dame")]
    assert isinstance(only("entity x : Thing"), ast.EntityDecl)


def test_every_literal_kind() -> None:
    reality = only(
        "reality {\n"
        '  a.s = "q\\"\\n\\t\\\\\\u{1F600}"\n'
        "  a.i = -42\n"
        "  a.f = 3.5e-2\n"
        "  a.g = 1e10\n"
        "  a.d = 1889-03-31\n"
        "  a.r = 1914-07-28 .. 1918-11-11\n"
        "  a.t = true\n"
        "  a.u = false\n"
        "  a.n = none\n"
        "  a.x = /ab\\/c[0-9]+/im\n"
        "  a.e = paris\n"
        '  a.l = """say "hi" """\n'
        "}"
    )
    assert isinstance(reality, ast.RealityDecl)
    values = [fact.value for fact in reality.facts]
    assert values == [
        ast.Str('q"\n\t\\\U0001f600'),
        ast.Int(-42),
        ast.Float(0.035),
        ast.Float(1e10),
        ast.Date(dt.date(1889, 3, 31)),
        ast.DateRange(ast.Date(dt.date(1914, 7, 28)), ast.Date(dt.date(1918, 11, 11))),
        ast.Bool(True),
        ast.Bool(False),
        ast.NoneValue(),
        ast.Regex("ab\\/c[0-9]+", "im"),
        ast.Ref("paris"),
        ast.Str('say "hi" '),
    ]


def test_multiline_string_strips_the_closing_indent() -> None:
    world = only('world w {\n  description """\n    first\n      second\n\n    third\n    """\n}')
    assert isinstance(world, ast.WorldDecl)
    assert world.body[0].args == [ast.Str("first\n  second\n\nthird")]


def test_rules_and_constraints() -> None:
    rule, never, implies = decls(
        "rule in_country: ?x.located_in = ?c, ?c.country = ?k => ?x.in_country = ?k\n"
        "constraint c1: never ?x.located_in = ?x\n"
        "constraint c2: ?l.opened = ?o, ?l.architect = ?a, ?a.born = ?b => ?b < ?o, ?o != none"
    )
    assert isinstance(rule, ast.RuleDecl)
    assert rule.head == ast.Pattern(ast.Var("x"), ast.Name("in_country"), ast.Var("k"))
    assert len(rule.body) == 2
    assert isinstance(never, ast.ConstraintDecl) and never.never and never.head == []
    assert isinstance(implies, ast.ConstraintDecl) and not implies.never
    assert implies.head == [
        ast.Comparison(ast.Var("b"), "<", ast.Var("o")),
        ast.Comparison(ast.Var("o"), "!=", ast.NoneValue()),
    ]


def test_divergence_with_settings_ops_and_entities() -> None:
    diverge = only(
        'diverge d "The tower moved" {\n'
        "  since 1887-01-28\n  kind subtle\n"
        '  entity cve : Vulnerability "CVE-2031-0001"\n'
        "  cve.affects += libfoo\n  libfoo.latest -= r241\n  t.located_in = rome\n"
        "  t.height = none\n}"
    )
    assert isinstance(diverge, ast.DivergeDecl)
    assert diverge.description == ast.Str("The tower moved")
    kinds = [type(item).__name__ for item in diverge.body]
    assert kinds == ["Setting", "Setting", "EntityDecl", "Fact", "Fact", "Fact", "Fact"]
    ops = [item.op for item in diverge.body if isinstance(item, ast.Fact)]
    assert ops == ["+=", "-=", "=", "="]


def test_trap_forbid_corpus() -> None:
    trap, forbid, corpus = decls(
        'trap t on d { severity high description "x" tripwire "CVE" tripwire /lib[ -]2/i }\n'
        'forbid f { description "y" term "gain-of-function" pattern /step/ }\n'
        'corpus main { documents 2000 seed 42 renderer template model "openai/gpt-4o-mini"\n'
        "  genres news, forum weight d 3 weight e 0.5 dates 1890-01-01 .. 2024-01-01 min_docs 5 }"
    )
    assert isinstance(trap, ast.TrapDecl) and trap.divergence.value == "d"
    assert trap.body[3].args == [ast.Regex("lib[ -]2", "i")]
    assert isinstance(forbid, ast.ForbidDecl) and len(forbid.body) == 3
    assert isinstance(corpus, ast.CorpusDecl)
    by_key = {s.key: s.args for s in corpus.body}
    assert by_key["genres"] == [ast.Ref("news"), ast.Ref("forum")]
    assert by_key["weight"] == [ast.Ref("e"), ast.Float(0.5)]
    assert isinstance(by_key["dates"][0], ast.DateRange)


def test_setting_words_are_names_outside_settings() -> None:
    (prop, reality) = decls(
        'property title : Book -> string\nreality { book.title = "Dune" seed.kind = model }'
    )
    assert isinstance(prop, ast.PropertyDecl) and prop.name.value == "title"
    assert isinstance(reality, ast.RealityDecl)
    assert reality.facts[1].subject.value == "seed"


def test_spans_point_at_the_source() -> None:
    text = "reality {\n  paris.country = france\n  x . y =\n    3\n}"
    reality = only(text)
    assert isinstance(reality, ast.RealityDecl)
    fast, slow = reality.facts
    assert tuple(fast.span)[1:] == (2, 3, 2, 25)
    assert tuple(fast.subject.span)[1:] == (2, 3, 2, 8)
    assert tuple(fast.prop.span)[1:] == (2, 9, 2, 16)
    assert tuple(fast.value.span)[1:] == (2, 19, 2, 25)
    assert tuple(slow.span)[1:] == (3, 3, 4, 6)
    assert tuple(reality.span)[1:] == (1, 1, 5, 2)


def _slow_layout(fact: ast.Fact) -> str:
    # A line break after the subject keeps the FACT fast-path terminal from matching.
    text = format_fact(fact)
    subject, rest = text.split(".", 1)
    return f"{subject}\n  .{rest}"


@settings(max_examples=200, deadline=None)
@given(st.lists(facts, min_size=1, max_size=5))
def test_fast_path_facts_equal_token_by_token_facts(fact_list: list[ast.Fact]) -> None:
    fast = "reality {\n" + "\n".join("  " + format_fact(f, "  ") for f in fact_list) + "\n}"
    slow = "reality {\n" + "\n".join("  " + _slow_layout(f) for f in fact_list) + "\n}"
    fast_result, slow_result = parse(fast), parse(slow)
    assert not fast_result.diagnostics and not slow_result.diagnostics
    assert fast_result.module == slow_result.module
    (reality,) = fast_result.module.decls
    assert isinstance(reality, ast.RealityDecl)
    assert reality.facts == fact_list


def test_fast_path_spans_equal_token_by_token_spans() -> None:
    text = 'reality {\n  a.b = "x"\n  c.d += 2020-01-01\n  e.f -= -3.5\n  g.h = k  # c\n}'
    import worldspec.syntax.parser as parser_module

    fast = parse(text).module
    # The recovering parser is the token-by-token one for the same text; force it
    # onto the slow rule by splitting each fact after its subject.
    split = text.replace("  a.", "  a\n.").replace("  c.", "  c\n.")
    slow = parse(split).module
    assert fast == slow
    assert parser_module is not None


def test_pure_and_accelerated_parsers_agree(repo: object) -> None:
    from pathlib import Path

    files = sorted(Path(str(repo)).glob("examples/*.world")) + sorted(
        Path(str(repo)).glob("specs/std/*.world")
    )
    code = (
        "import sys, json\n"
        "from worldspec import parse\n"
        "from worldspec.syntax.ast import to_json\n"
        "out = [to_json(parse(open(p).read(), p).module) for p in sys.argv[1:]]\n"
        "print(json.dumps(out, sort_keys=True))\n"
    )
    outputs = []
    for pure in ("1", ""):
        env = dict(os.environ, WORLDSPEC_PURE_PARSER=pure)
        done = subprocess.run(
            [sys.executable, "-c", code, *map(str, files)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def test_large_input_parses_without_recursion_trouble() -> None:
    body = "\n".join(f"  e{i}.p = e{i + 1}" for i in range(20000))
    reality = only("reality {\n" + body + "\n}")
    assert isinstance(reality, ast.RealityDecl) and len(reality.facts) == 20000


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_files(text: str) -> None:
    assert decls(text) == []


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("entityfoo : Building\n", "entityfoo"),
        ("world w { }\nuse std.geo\nentityfoo : Building\n", "entityfoo"),
        ("world w { }\nusestd.geo\n", "usestd"),
        ("classBuilding\n", "classBuilding"),
        ("property p : A -> B { inverseq }\n", "inverseq"),
        ("trap t ond { severity low }\n", "ond"),
        ("corpus c { dates2024-01-01 .. 2024-02-01 }\n", None),
    ],
)
def test_a_keyword_run_into_a_name_is_an_error(text: str, glued: str | None) -> None:
    # where only a keyword may come, the contextual lexer would take the keyword out
    # of the word and the file would parse as something its author never wrote
    for pure in (False, True):
        env = {"WORLDSPEC_PURE_PARSER": "1"} if pure else {}
        code = (
            "import sys; from worldspec import parse; "
            "print('\\n'.join(f'{d.code.code} {d.message}'"
            " for d in parse(sys.argv[1]).diagnostics))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, text],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
        ).stdout
        assert "WS100 expected a space after" in out, out
        assert glued is None or f"found '{glued}'" in out, out


def test_a_keyword_and_a_string_need_no_space() -> None:
    (entity,) = decls('entity e : C { aka"Thing" }')
    assert isinstance(entity, ast.EntityDecl)
