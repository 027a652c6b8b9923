"""`use`: standard modules, relative files, cycles, the project root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from worldspec import load_project
from worldspec.syntax.imports import find_project_root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes_of(project_dir: Path, entry: str) -> list[tuple[str, str, int]]:
    _, diagnostics = load_project(project_dir / entry)
    return [(d.code.code, Path(d.span.path).name, d.span.line) for d in diagnostics]


def test_std_modules_resolve_and_load_their_own_imports(project: Path) -> None:
    main = write(project / "main.world", "use std.software\n")
    loaded, diagnostics = load_project(main)
    assert diagnostics == []
    names = [m.path.name for m in loaded.modules]
    # dependencies come before dependents, each module once
    assert names == ["geo.world", "people.world", "orgs.world", "software.world", "main.world"]
    assert all(m.std for m in loaded.modules[:-1])


def test_relative_paths_resolve_from_the_importing_file(project: Path) -> None:
    write(project / "lib" / "people.world", 'use "../shared/base.world"\nclass Person\n')
    write(project / "shared" / "base.world", "class Thing\n")
    main = write(project / "worlds" / "main.world", 'use "../lib/people.world"\n')
    loaded, diagnostics = load_project(main)
    assert diagnostics == []
    assert [m.path.name for m in loaded.modules] == ["base.world", "people.world", "main.world"]


def test_diamond_imports_load_once(project: Path) -> None:
    write(project / "a.world", 'use "b.world"\nuse "c.world"\n')
    write(project / "b.world", 'use "d.world"\n')
    write(project / "c.world", 'use "d.world"\n')
    write(project / "d.world", "class D\n")
    loaded, diagnostics = load_project(project / "a.world")
    assert diagnostics == []
    assert sorted(m.path.name for m in loaded.modules) == [
        "a.world",
        "b.world",
        "c.world",
        "d.world",
    ]


def test_import_cycle_is_reported_on_the_use_that_closes_it(project: Path) -> None:
    write(project / "a.world", 'use "b.world"\n')
    write(project / "b.world", 'class B\nuse "a.world"\n')
    _, diagnostics = load_project(project / "a.world")
    (cycle,) = diagnostics
    assert cycle.code.code == "WS111"
    assert (Path(cycle.span.path).name, cycle.span.line) == ("b.world", 2)
    assert "a.world -> b.world -> a.world" in cycle.message


def test_self_import_is_a_cycle(project: Path) -> None:
    write(project / "a.world", 'use "a.world"\n')
    assert codes_of(project, "a.world") == [("WS111", "a.world", 1)]


def test_paths_may_not_leave_the_project_root(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    write(project / "worldspec.toml", "")
    write(tmp_path / "outside.world", "class Outside\n")
    write(project / "main.world", 'use "../outside.world"\n')
    assert codes_of(project, "main.world") == [("WS112", "main.world", 1)]


def test_symlinks_out_of_the_root_are_caught(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    write(project / "worldspec.toml", "")
    write(tmp_path / "outside.world", "class Outside\n")
    os.symlink(tmp_path / "outside.world", project / "inside.world")
    write(project / "main.world", 'use "inside.world"\n')
    assert codes_of(project, "main.world") == [("WS112", "main.world", 1)]


def test_missing_modules(project: Path) -> None:
    write(project / "main.world", 'use std.geograpy\nuse "nope.world"\nuse "lib"\n')
    (project / "lib").mkdir()
    _, diagnostics = load_project(project / "main.world")
    assert [d.code.code for d in diagnostics] == ["WS110", "WS110", "WS110"]
    assert diagnostics[0].fix == "did you mean std.geo?"
    assert "is a directory" in diagnostics[2].message


def test_dotted_names_outside_std(project: Path) -> None:
    write(project / "main.world", "use lib.people\n")
    _, diagnostics = load_project(project / "main.world")
    assert [d.code.code for d in diagnostics] == ["WS114"]
    assert diagnostics[0].fix == 'import project files by path: use "lib/people.world"'


def test_unreadable_module(project: Path) -> None:
    (project / "bin.world").write_bytes(b"class \xff\xfe\n")
    write(project / "main.world", 'use "bin.world"\n')
    assert codes_of(project, "main.world") == [("WS113", "main.world", 1)]


def test_syntax_errors_in_imported_modules_are_kept(project: Path) -> None:
    write(project / "lib.world", "class\n")
    write(project / "main.world", 'use "lib.world"\n')
    loaded, diagnostics = load_project(project / "main.world")
    assert diagnostics == []
    (lib,) = [m for m in loaded.modules if m.path.name == "lib.world"]
    assert [d.code.code for d in lib.result.diagnostics] == ["WS100"]


@pytest.mark.parametrize("marker", ["worldspec.toml", "pyproject.toml", ".git"])
def test_project_root_markers(tmp_path: Path, marker: str) -> None:
    (tmp_path / marker).mkdir() if marker == ".git" else (tmp_path / marker).write_text("")
    nested = write(tmp_path / "a" / "b" / "w.world", "")
    assert find_project_root(nested) == tmp_path.resolve()


def test_explicit_root_overrides_markers(tmp_path: Path) -> None:
    write(tmp_path / "worldspec.toml", "")
    write(tmp_path / "shared.world", "class S\n")
    main = write(tmp_path / "sub" / "main.world", 'use "../shared.world"\n')
    _, diagnostics = load_project(main, root=tmp_path / "sub")
    assert [d.code.code for d in diagnostics] == ["WS112"]


def test_symlink_loops_are_errors_not_tracebacks(project: Path) -> None:
    os.symlink(project / "loop_b.world", project / "loop_a.world")
    os.symlink(project / "loop_a.world", project / "loop_b.world")
    write(project / "main.world", 'use "loop_a.world"\n')
    _, diagnostics = load_project(project / "main.world")
    assert [d.code.code for d in diagnostics] == ["WS113"]
    assert "symbolic link loop" in diagnostics[0].message
