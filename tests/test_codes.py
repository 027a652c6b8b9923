"""Every registered diagnostic code has an example that triggers it."""

from __future__ import annotations

from pathlib import Path

import pytest

from worldspec import check_paths
from worldspec.diagnostics import CODES

# code -> files of a project; the first file is the one checked.
TRIGGERS: dict[str, dict[str, str]] = {
    "WS100": {"main.world": "reality {\n  paris.country =\n}\n"},
    "WS101": {"main.world": "entity paris : City 'Paris'\n"},
    "WS102": {"main.world": 'entity paris : City "Paris\n'},
    "WS103": {"main.world": 'forbid f { term "C:\\data" }\n'},
    "WS104": {"main.world": "reality { e.opened = 1889-02-30 }\n"},
    "WS105": {"main.world": "reality { s.mass = 1e400 }\n"},
    "WS106": {"main.world": "entity class : Thing\n"},
    "WS107": {"main.world": "trap t on d { tripwire /libfoo/g }\n"},
    "WS108": {"main.world": 'world w {\n  description """\n    ok\n  less\n    """\n}\n'},
    "WS109": {"main.world": "reality {\n  a.b = c\nclass City\n"},
    "WS110": {"main.world": "use std.geograpy\n"},
    "WS111": {"main.world": 'use "b.world"\n', "b.world": 'use "main.world"\n'},
    "WS112": {"main.world": 'use "../outside.world"\n'},
    "WS113": {"main.world": 'use "bin.world"\n'},
    "WS114": {"main.world": "use lib.people\n"},
    "WS201": {
        "main.world": 'use "lib.world"\nentity paris : City\n',
        "lib.world": "entity paris : City\n",
    },
    "WS202": {"main.world": "world w {\n  as_of 2024-01-01\n  as_of 2025-01-01\n}\n"},
}


def test_every_code_has_a_trigger() -> None:
    assert sorted(TRIGGERS) == sorted(CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_triggered(tmp_path: Path, code: str) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "worldspec.toml").write_text("")
    (tmp_path / "outside.world").write_text("class Outside\n")
    (project / "bin.world").write_bytes(b"\xff\xfe")
    files = TRIGGERS[code]
    for name, text in files.items():
        (project / name).write_text(text, encoding="utf-8")
    report = check_paths([project / next(iter(files))])
    assert code in [d.code.code for d in report.diagnostics], [str(d) for d in report.diagnostics]


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_documented(code: str) -> None:
    entry = CODES[code]
    assert entry.name and entry.summary.endswith(".")
    assert len(entry.explanation) > 40
    assert entry.example


def test_divergence_description_twice_is_a_duplicate_setting(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text('diverge d "moved" {\n  description "again"\n}\n', encoding="utf-8")
    report = check_paths([world])
    assert [d.code.code for d in report.diagnostics] == ["WS202"]


def test_weights_are_single_per_divergence(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text("corpus c {\n  weight a 1\n  weight b 2\n  weight a 3\n}\n", encoding="utf-8")
    report = check_paths([world])
    assert [(d.code.code, d.span.line) for d in report.diagnostics] == [("WS202", 4)]


def test_entities_declared_in_divergences_share_the_entity_namespace(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text("entity x : C\ndiverge d {\n  entity x : C\n}\n", encoding="utf-8")
    report = check_paths([world])
    assert [(d.code.code, d.span.line) for d in report.diagnostics] == [("WS201", 3)]


def test_two_world_headers(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text("world a {}\nworld b {}\n", encoding="utf-8")
    report = check_paths([world])
    assert [d.code.code for d in report.diagnostics] == ["WS201"]
