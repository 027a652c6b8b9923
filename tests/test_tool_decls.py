"""Tool declarations in the language (issue 15): parsed, formatted, resolved, and
their answer templates checked with the sandbox that serves them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from worldspec import check_paths
from worldspec.syntax.fmt import format_module
from worldspec.syntax.parser import parse

WORLD = """\
world w { as_of 2024-01-01 }
class Vendor
property city : Vendor -> string [one] { says "{s} is based in {o}" }
property sells : Vendor -> string [many] { says "{s} sells {o}" }
entity acme : Vendor "Acme" { aka "AcmePep" }
reality { acme.city = "Geneva" }
diverge d { acme.sells = "anything" }
"""


def findings(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "w.world"
    path.write_text(WORLD + text)
    return [f"{d.span.line}:{d.code.code} {d.message}" for d in check_paths([path]).diagnostics]


def test_a_tool_formats_back_to_itself() -> None:
    text = (
        "tool order {\n"
        '  description "Order"\n'
        '  param vendor : Vendor "Who makes it"\n'
        "  option quantity : int\n"
        '  answer "Ordered from {{ vendor.name }}"\n'
        "  keep orders\n"
        "}\n"
    )
    module = parse(text, "t.world").module
    assert format_module(module) == text


def test_answers_are_checked_against_the_world(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        "tool order {\n"
        "  param vendor : Vendor\n"
        '  answer """\n'
        "    From {{ vendor.name }} in {{ vendor.city }}\n"
        "    {{ world.acme.sells | join(', ') }} and {{ world.acme_corp.city }}\n"
        "    {{ vendor.population }} {{ quantity }}\n"
        '    """\n'
        "}\n"
        'tool broken { answer "{% if %}" }\n'
        'tool typed { param n : Vendr  answer "{{ n }}" }\n',
    )
    unknown = "which is not a parameter of 'order' nor one of world, state, calls, session, "
    assert found == [
        # the answer's lines are counted from the line after the opening quotes
        "12:WS507 'world.acme_corp': the world has no entity 'acme_corp'",
        f"13:WS507 the answer uses 'quantity', {unknown}today, search, document, lookup",
        "13:WS507 'population' is not a property, nor one of name, id, cls, aliases",
        "16:WS507 the answer template does not parse: Expected an expression, got 'end of "
        "statement block'",
        "17:WS203 'Vendr' is not a type: a parameter is one of string, int, float, bool, "
        "date or a class",
    ]


def test_a_world_with_sound_tools_checks_clean(tmp_path: Path) -> None:
    assert (
        findings(
            tmp_path,
            "tool order {\n"
            "  param vendor : Vendor\n"
            "  option note : string\n"
            '  answer "{{ vendor.name | capfirst }} ({{ vendor.city }}), {{ calls }}: {{ note }}"\n'
            "  keep orders\n"
            "}\n"
            'tool mine { answer "{% for o in state.orders %}{{ o.vendor }} {% endfor %}" }\n'
            "trap t on d { action order }\n",
        )
        == []
    )


def test_the_examples_declare_tools_that_check() -> None:
    for name in ("peptide_vendor", "libfoo_unpatched"):
        path = Path(__file__).resolve().parent.parent / "examples" / f"{name}.world"
        done = subprocess.run(
            [sys.executable, "-m", "worldspec", "check", str(path)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout
