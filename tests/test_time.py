"""Facts in time: validity intervals in the grammar, the formatter, the model (stated
and derived facts), and the checks (WS219, WS220, WS301, WS304, WS404, WS406)."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from pathlib import Path

from worldspec import format_text, parse
from worldspec.model import Analysis, analyze
from worldspec.model.validity import ALWAYS, Interval
from worldspec.syntax import ast

D = dt.date

SCHEMA = """\
world w { as_of 2024-01-01 }
class Place
class City : Place
class Country : Place
class Person
class Company
property country : City -> Country [one] { says "{s} is a city in {o}" }
property located_in : Place -> Place [one] { says "{s} stands in {o}" }
property in_country : Place -> Country [one] { says "{s} is in {o}" }
property ceo : Company -> Person [one] { says "{o} runs {s}" }
property employees : Company -> int [one] { says "{s} employs {o} people" }
property next : City -> City { says "{s} comes before {o}" }
property reaches : City -> City { says "{s} leads to {o}" }
entity paris : City "Paris"
entity rome : City "Rome"
entity tower : City "Tower"
entity france : Country "France"
entity italy : Country "Italy"
entity apple : Company "Apple"
entity jobs : Person "Steve Jobs"
entity cook : Person "Tim Cook"
"""
RULE = "rule in_country: ?x.located_in = ?c, ?c.country = ?k => ?x.in_country = ?k\n"


def line(n: int) -> int:
    """The line number of line `n` of a test's own text, after the schema."""
    return SCHEMA.count("\n") + n


def analysis_of(text: str) -> Analysis:
    result = parse(SCHEMA + text, "t.world")
    assert not result.diagnostics, [str(d) for d in result.diagnostics]
    return analyze([result.module])


def codes(analysis: Analysis) -> list[str]:
    from worldspec.check.api import semantic_checks

    return [d.code.code for d in semantic_checks(analysis)]


# ---- syntax ----------------------------------------------------------------------


def test_validity_forms_parse() -> None:
    text = (
        "reality {\n"
        "  apple.ceo = jobs from 1997-09-16 until 2011-08-24\n"
        "  apple.ceo = cook from 2011-08-24\n"
        "  apple.employees = 10 until 1980-01-01\n"
        "  apple.employees = 20\n"
        "}\n"
    )
    (reality,) = parse(text).module.decls
    assert isinstance(reality, ast.RealityDecl)
    validities = [f.validity for f in reality.facts]
    assert validities == [
        ast.Validity(ast.Date(D(1997, 9, 16)), ast.Date(D(2011, 8, 24))),
        ast.Validity(ast.Date(D(2011, 8, 24)), None),
        ast.Validity(None, ast.Date(D(1980, 1, 1))),
        None,
    ]


def test_a_validity_on_the_next_line_belongs_to_the_fact() -> None:
    one_line = parse("reality {\n  apple.ceo = cook from 2011-08-24 until 2020-01-01\n}\n")
    two_lines = parse(
        "reality {\n  apple.ceo = cook\n    from 2011-08-24\n    until 2020-01-01\n}\n"
    )
    assert not one_line.diagnostics and not two_lines.diagnostics
    assert one_line.module == two_lines.module
    (fact,) = two_lines.module.decls[0].facts  # type: ignore[union-attr]
    assert (fact.span.line, fact.span.column, fact.span.end_line, fact.span.end_column) == (
        2,
        3,
        4,
        21,
    )
    assert fact.validity is not None and fact.validity.span.line == 3


def test_formatter_writes_validity_after_the_value() -> None:
    text = "reality {\n  apple.ceo = cook\n     until   2020-01-01   from 2011-08-24\n}\n"
    assert parse(text).diagnostics  # until comes after from
    text = "reality {\n  apple.ceo=cook\n     from   2011-08-24   until 2020-01-01\n}\n"
    formatted, _ = format_text(text)
    assert formatted == "reality {\n  apple.ceo = cook from 2011-08-24 until 2020-01-01\n}\n"


def test_bare_years_are_a_syntax_error_with_a_hint() -> None:
    (diagnostic,) = parse("reality { apple.ceo = cook from 2011 }").diagnostics
    assert diagnostic.code.code == "WS100"
    assert "full dates" in diagnostic.message and "2010-01-01" in diagnostic.message


# ---- the model -------------------------------------------------------------------


def test_no_interval_costs_nothing() -> None:
    analysis = analysis_of("reality { apple.ceo = cook }\n")
    world = analysis.world
    assert world.reality.intervals == {} and world.world.intervals == {}
    assert not world.timed
    assert world.validity(("apple", "ceo", "cook")) == ALWAYS
    assert world.valid_on(("apple", "ceo", "cook"), D(1900, 1, 1))


def test_stated_validity_and_valid_on() -> None:
    world = analysis_of(
        "reality {\n  apple.ceo = jobs from 1997-09-16 until 2011-08-24\n"
        "  apple.ceo = cook from 2011-08-24\n  apple.employees = 5\n}\n"
    ).world
    jobs, cook = ("apple", "ceo", "jobs"), ("apple", "ceo", "cook")
    assert world.validity(jobs) == (D(1997, 9, 16), D(2011, 8, 24))
    assert world.validity(cook) == (D(2011, 8, 24), None)
    assert world.validity(("apple", "employees", _int(5))) == ALWAYS
    # closed-open: the handover day belongs to the new value only
    assert world.valid_on(jobs, D(2011, 8, 23)) and not world.valid_on(jobs, D(2011, 8, 24))
    assert world.valid_on(cook, D(2011, 8, 24)) and not world.valid_on(cook, D(2011, 8, 23))
    assert not world.valid_on(jobs, D(1997, 9, 15)) and world.valid_on(jobs, D(1997, 9, 16))


def _int(value: int) -> object:
    from worldspec.model.values import Lit

    return Lit("int", value)


def test_a_derived_fact_holds_where_its_premises_hold_together() -> None:
    world = analysis_of(
        RULE + "reality {\n  rome.country = italy from 1900-01-01 until 2000-01-01\n"
        "  tower.located_in = rome from 1950-01-01\n"
        "  paris.country = france until 1800-01-01\n  paris.located_in = paris from 1900-01-01\n}\n"
    ).world
    assert world.validity(("tower", "in_country", "italy")) == (D(1950, 1, 1), D(2000, 1, 1))
    never = world.validity(("paris", "in_country", "france"))
    assert never.empty and not world.valid_on(("paris", "in_country", "france"), D(1850, 1, 1))


def test_world_facts_hold_over_the_interval_of_the_statement_that_set_them() -> None:
    world = analysis_of(
        RULE + "reality {\n  rome.country = italy\n  tower.located_in = paris from 1889-01-01\n}\n"
        "diverge moved {\n  tower.located_in = rome from 1950-01-01\n"
        "  apple.ceo = jobs until 2020-01-01\n}\n"
    ).world
    assert world.validity(("tower", "located_in", "rome")) == (D(1950, 1, 1), None)
    assert world.validity(("tower", "in_country", "italy")) == (D(1950, 1, 1), None)
    # a reality fact the divergence removed keeps reality's validity
    assert world.validity(("tower", "located_in", "paris")) == (D(1889, 1, 1), None)
    assert world.validity(("tower", "located_in", "paris"), "reality") == (D(1889, 1, 1), None)


def test_a_divergence_restating_a_fact_without_an_interval_makes_it_hold_always() -> None:
    world = analysis_of(
        "reality { apple.ceo = jobs until 2011-08-24 }\ndiverge stays { apple.ceo = jobs }\n"
    ).world
    assert world.validity(("apple", "ceo", "jobs")) == ALWAYS
    assert world.validity(("apple", "ceo", "jobs"), "reality") == (None, D(2011, 8, 24))


def test_derived_validity_follows_long_chains_without_recursion() -> None:
    # each reaches(c0, cN) is derived from reaches(c0, cN-1): a chain deeper than
    # Python's recursion limit
    cities = [f"c{i}" for i in range(2500)]
    lines = [f'entity {c} : City "{c}"' for c in cities]
    facts = [f"  {a}.next = {b}" for a, b in itertools.pairwise(cities)]
    facts[-1] += " until 2030-01-01"
    world = analysis_of(
        "\n".join(lines)
        + "\nreality {\n  c0.reaches = c1 from 2000-01-01\n"
        + "\n".join(facts)
        + "\n}\nrule far: ?a.reaches = ?b, ?b.next = ?c => ?a.reaches = ?c\n"
    ).world
    assert world.validity(("c0", "reaches", cities[-1])) == (D(2000, 1, 1), D(2030, 1, 1))
    assert world.validity(("c0", "reaches", cities[-2])) == (D(2000, 1, 1), None)


# ---- checks ----------------------------------------------------------------------


def test_a_one_property_may_hold_values_in_turn() -> None:
    analysis = analysis_of(
        RULE + "reality {\n  apple.ceo = jobs from 1997-09-16 until 2011-08-24\n"
        "  apple.ceo = cook from 2011-08-24\n"
        "  tower.located_in = paris until 1950-01-01\n  tower.located_in = rome from 1950-01-01\n"
        "  paris.country = france\n  rome.country = italy\n}\n"
    )
    # the derived in_country values follow one another too: no WS304
    assert codes(analysis) == []
    world = analysis.world
    assert world.validity(("tower", "in_country", "france")) == (None, D(1950, 1, 1))


def test_overlapping_values_of_a_one_property_are_still_a_cardinality_error() -> None:
    analysis = analysis_of(
        "reality {\n  apple.ceo = jobs from 1997-09-16 until 2011-08-24\n"
        "  apple.ceo = cook from 2011-01-01\n}\n"
    )
    from worldspec.check.api import semantic_checks

    (finding,) = semantic_checks(analysis)
    assert finding.code.code == "WS301"
    assert finding.message == (
        "'ceo' is [one] but 'apple' has Steve Jobs (from 1997-09-16 until 2011-08-24) and "
        "Tim Cook (from 2011-01-01) in reality, both from 2011-01-01 until 2011-08-24"
    )
    assert finding.span.line == line(3)  # the second value, with the first as a note
    assert [r.span.line for r in finding.related] == [line(2), 10]  # and the property


def test_a_rule_giving_overlapping_values_is_still_ws304() -> None:
    analysis = analysis_of(
        RULE + "reality {\n  tower.located_in = paris until 1960-01-01\n"
        "  tower.located_in = rome from 1950-01-01\n"
        "  paris.country = france\n  rome.country = italy\n}\n"
    )
    assert "WS301" in codes(analysis) and "WS304" in codes(analysis)


def test_until_not_after_from_is_ws219_and_the_fact_is_left_out() -> None:
    analysis = analysis_of(
        "reality {\n  apple.ceo = jobs from 2011-01-01 until 2011-01-01\n"
        "  apple.ceo = cook from 2012-01-01 until 2011-01-01\n}\n"
    )
    assert codes(analysis) == ["WS219", "WS219"]
    messages = [d.message for d in analysis.diagnostics]
    assert "ends (2011-01-01) on the day it starts" in messages[0]
    assert "ends (2011-01-01) before it starts (2012-01-01)" in messages[1]
    assert analysis.world.reality.asserted.objects("apple", "ceo") == []


def test_a_removal_takes_no_interval() -> None:
    analysis = analysis_of(
        "reality { apple.ceo = jobs }\n"
        "diverge d {\n  apple.ceo -= jobs from 2000-01-01\n  apple.employees = none until "
        "2000-01-01\n  apple.ceo = cook\n}\n"
    )
    assert codes(analysis) == ["WS219", "WS219"]
    assert "'-=' takes a value away at every date" in analysis.diagnostics[0].message
    assert "'= none' clears the values at every date" in analysis.diagnostics[1].message


def test_the_same_fact_over_two_intervals_is_ws220() -> None:
    analysis = analysis_of(
        "reality {\n  apple.ceo = jobs from 1976-04-01 until 1985-09-17\n"
        "  apple.ceo = jobs from 1997-09-16 until 2011-08-24\n  apple.employees = 3\n"
        "  apple.employees = 3\n}\n"
    )
    assert codes(analysis) == ["WS220"]  # the same fact twice without interval is fine
    (finding,) = analysis.diagnostics
    assert finding.span.line == line(3) and finding.related[0].span.line == line(2)
    assert "already stated with this value from 1976-04-01 until 1985-09-17" in finding.message


def test_adding_a_later_value_to_a_one_property_is_not_ws404() -> None:
    fine = analysis_of(
        "reality { apple.ceo = jobs until 2011-08-24 }\n"
        "diverge d {\n  apple.ceo += cook from 2011-08-24\n}\n"
    )
    assert codes(fine) == []
    overlapping = analysis_of(
        "reality { apple.ceo = jobs until 2011-08-24 }\n"
        "diverge d {\n  apple.ceo += cook from 2011-01-01\n}\n"
    )
    assert codes(overlapping) == ["WS404"]
    from worldspec.check.api import semantic_checks

    (finding,) = semantic_checks(overlapping)
    assert finding.message.endswith("both from 2011-01-01 until 2011-08-24")


def test_a_fact_ending_before_since_is_ws406() -> None:
    analysis = analysis_of(
        "diverge d {\n  since 2020-01-01\n  apple.ceo = cook until 2020-01-01\n"
        "  apple.employees = 9 until 2021-01-01\n}\n"
    )
    assert codes(analysis) == ["WS406"]


def run_check(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "w.world").write_text(SCHEMA + text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "worldspec", "check", "w.world"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


def test_time_findings_through_the_cli(tmp_path: Path) -> None:
    done = run_check(
        tmp_path,
        "reality {\n  apple.ceo = jobs from 1997-09-16 until 2011-08-24\n"
        "  apple.ceo = cook from 2011-01-01\n}\n"
        "diverge d {\n  since 2020-01-01\n  apple.employees = 9 until 2015-01-01\n}\n",
    )
    assert done.returncode == 1
    out = done.stdout
    assert f"w.world:{line(3)}:3: WS301 'ceo' is [one] but 'apple' has Steve Jobs" in out
    assert f"= note: w.world:{line(2)}:3: Steve Jobs stated here" in out
    assert f"w.world:{line(7)}:3: WS406 this fact holds until 2015-01-01" in out
    assert f"= note: w.world:{line(6)}:3: the divergence starts here" in out


def test_interval_helpers() -> None:
    first = Interval(D(2000, 1, 1), D(2010, 1, 1))
    assert first.overlaps(Interval(D(2009, 12, 31), None))
    assert not first.overlaps(Interval(D(2010, 1, 1), None))
    assert first.describe() == "from 2000-01-01 until 2010-01-01"
    assert Interval(D(2010, 1, 1), D(2000, 1, 1)).describe() == "on no day"
    assert ALWAYS.describe() == "at every date" and not ALWAYS.bounded
