"""WS215: a world needs its `world` header; a module for others to `use` does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from worldspec import check_paths

REPO = Path(__file__).resolve().parent.parent
SCHEMA = 'class City\nproperty twin : City -> City { says "{s} is twinned with {o}" }\n'
FACTS = 'entity paris : City "Paris"\nentity rome : City "Rome"\n'


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", "check", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def codes_of(path: Path) -> list[tuple[str, int, int]]:
    return [(d.code.code, d.span.line, d.span.column) for d in check_paths([path]).diagnostics]


def test_an_empty_file_fails_the_check(tmp_path: Path) -> None:
    (tmp_path / "empty.world").write_text("", encoding="utf-8")
    (tmp_path / "comment.world").write_text("# nothing yet\n", encoding="utf-8")
    done = check("empty.world", "comment.world", cwd=tmp_path)
    assert done.returncode == 1
    assert "empty.world:1:1: WS215 this file declares nothing" in done.stdout
    assert "comment.world:1:1: WS215 this file declares nothing" in done.stdout


def test_a_world_without_a_header_is_an_error_at_its_start(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text(SCHEMA + FACTS + "diverge d { paris.twin = rome }\n", encoding="utf-8")
    (diagnostic,) = check_paths([world]).diagnostics
    assert (diagnostic.code.code, diagnostic.span.line, diagnostic.span.column) == ("WS215", 1, 1)
    assert diagnostic.message == "this world has no header to name it and set its present"
    assert [(r.span.line, r.message) for r in diagnostic.related] == [
        (5, "a divergence makes this file a world")
    ]
    # the header may come first or anywhere else; with it, the world is clean
    world.write_text(
        SCHEMA + FACTS + "diverge d { paris.twin = rome }\nworld w { as_of 2024-01-01 }\n",
        encoding="utf-8",
    )
    assert codes_of(world) == []


def test_traps_and_corpora_make_a_file_a_world(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text('trap t on d { tripwire "x" }\n', encoding="utf-8")
    assert ("WS215", 1, 1) in codes_of(world)
    world.write_text("corpus main { documents 10 }\n", encoding="utf-8")
    assert ("WS215", 1, 1) in codes_of(world)


def test_modules_need_no_header_alone_or_used(tmp_path: Path) -> None:
    (tmp_path / "worldspec.toml").write_text("", encoding="utf-8")
    (tmp_path / "lib.world").write_text(
        SCHEMA + FACTS + "reality { paris.twin = rome }\n", encoding="utf-8"
    )
    (tmp_path / "main.world").write_text(
        'world w { as_of 2024-01-01 }\nuse "lib.world"\ndiverge d { rome.twin = paris }\n',
        encoding="utf-8",
    )
    done = check(".", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert check("lib.world", cwd=tmp_path).returncode == 0


def test_a_header_in_a_used_module_counts(tmp_path: Path) -> None:
    (tmp_path / "worldspec.toml").write_text("", encoding="utf-8")
    (tmp_path / "base.world").write_text(
        "world w { as_of 2024-01-01 }\n" + SCHEMA + FACTS, encoding="utf-8"
    )
    main = tmp_path / "main.world"
    main.write_text('use "base.world"\ndiverge d { rome.twin = paris }\n', encoding="utf-8")
    assert codes_of(main) == []


def test_shipped_worlds_and_standard_modules_pass() -> None:
    done = check("specs/std", *sorted(str(p) for p in REPO.glob("examples/*.world")), cwd=REPO)
    assert done.returncode == 0, done.stdout


def test_a_file_that_does_not_parse_gets_no_header_finding(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text("wrld w { as_of 2024-01-01 }\ndiverge d { }\n", encoding="utf-8")
    assert [code for code, *_ in codes_of(world)] == ["WS100"]


def test_compile_refuses_a_world_without_a_header(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text(SCHEMA + FACTS + "diverge d { paris.twin = rome }\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "compile", "w.world", "--out", "corpus"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 1
    assert "w.world:1:1: WS215" in done.stderr
    assert not (tmp_path / "corpus").exists()
