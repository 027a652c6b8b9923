"""The real `worldspec` command, run as a subprocess."""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from worldspec.version import compiled_modules

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "eiffel_rome.world"


def run(
    *args: str,
    cwd: Path | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=120,
    )


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "worldspec"
    assert script.exists() or shutil.which("worldspec")


def test_check_clean_example_exits_0() -> None:
    done = run("check", str(EXAMPLE))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All checks passed (1 file)." in done.stdout


def test_check_reports_errors_ruff_style_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.world"
    bad.write_text("reality {\n  paris.country = \n}\nentity x Thing\n", encoding="utf-8")
    done = run("check", "bad.world", cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "bad.world:2:18: WS100 expected a value after '='"
    assert lines[2] == "2 |   paris.country = "
    assert lines[3] == "  |                  ^"
    assert "bad.world:4:10: WS100 expected ':' and a class after the entity name" in done.stdout
    assert done.stdout.rstrip().endswith("Found 2 errors in 1 file.")


def test_check_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.world"
    bad.write_text("class A\nentity a : A\nentity a : A\n", encoding="utf-8")
    done = run("check", "--format", "json", str(bad))
    assert done.returncode == 1
    (record,) = json.loads(done.stdout)
    assert record["code"] == "WS201"
    assert record["name"] == "duplicate-declaration"
    assert (record["line"], record["column"], record["end_column"]) == (3, 8, 9)
    assert record["related"][0]["line"] == 2
    assert record["severity"] == "error"


def test_check_quiet_and_verbose(tmp_path: Path) -> None:
    bad = tmp_path / "bad.world"
    bad.write_text("class\n", encoding="utf-8")
    quiet = run("check", "-q", str(bad))
    assert quiet.returncode == 1
    assert len(quiet.stdout.strip().splitlines()) == 1
    verbose = run("check", "-v", str(EXAMPLE))
    assert verbose.returncode == 0
    assert "parser" in verbose.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "nope.world"], "nope.world: no such file or directory"),
        (["check", "."], "directory holds no .world files"),
        (["check", "--format", "xml", "x.world"], "Invalid value"),
        (["fmt", "nope.world"], "no such file or directory"),
        (["check"], "Missing argument"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_unreadable_files_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "binary.world"
    binary.write_bytes(b"\xff\xfe\x00")
    done = run("check", str(binary))
    assert done.returncode == 2
    assert "is not UTF-8 text" in done.stderr
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.world"
        locked.write_text("class A\n")
        locked.chmod(0)
        assert run("check", str(locked)).returncode == 2


COMMANDS = [
    "check", "rule", "fmt", "ast", "compile", "merge", "probes", "diff", "score", "scan",
    "explain", "export", "graph", "stats", "import", "serve", "tools", "episode", "lsp",
    "report",
]  # fmt: skip


def help_at_80(*command: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", *command, "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=lambda c: c or "top")
def test_help_everywhere_reads_at_80_columns(command: list[str]) -> None:
    text = help_at_80(*command)
    assert text.startswith("Usage: ")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    # no Typer type labels where a reader expects a name: <bool>, <list[Path]>, {spec}
    assert "<bool>" not in text and "list[" not in text and "{" not in text, text
    for line in lines:  # every option says what it does
        if line.startswith("  -") and "  " not in line.strip():
            following = lines[lines.index(line) + 1]
            assert following.startswith(" " * 10), f"{command}: {line!r} has no description"


def test_top_level_help_gives_one_line_a_command() -> None:
    text = help_at_80()
    commands = text.split("Commands:\n", 1)[1].splitlines()
    listed = [line.split()[0] for line in commands if line.startswith("  ") and line.strip()]
    assert sorted(listed) == sorted(COMMANDS)
    assert all(not line.startswith("          ") for line in commands)  # no broken lines
    assert not any(line.endswith("...") for line in commands)  # no cut sentences


def test_quiet_says_what_it_keeps_per_command() -> None:
    findings = "Print only the findings"
    assert findings in help_at_80("check")
    for command in ("compile", "merge", "probes", "fmt", "scan"):
        text = " ".join(help_at_80(command).split())
        assert "--quiet" in text and findings not in text, command


def test_rule_format_is_described() -> None:
    text = " ".join(help_at_80("rule").split())
    assert "--format [text|json]" in text or "--format <text|json> Text for people" in text


def test_ast_errors_read_like_the_other_commands(tmp_path: Path) -> None:
    missing = run("ast", str(tmp_path / "nope.world"))
    assert missing.returncode == 2
    assert missing.stderr == f"error: {tmp_path / 'nope.world'}: no such file or directory\n"
    assert "Errno" not in run("ast", str(tmp_path)).stderr
    checked = run("check", str(tmp_path / "nope.world"))
    assert checked.stderr == missing.stderr


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout.startswith("worldspec ")


def test_the_version_names_the_modules_mypyc_compiled(tmp_path: Path) -> None:
    # the opt-in build leaves an extension beside each module it compiled
    package = tmp_path / "worldspec"
    (package / "render").mkdir(parents=True)
    (package / "render" / "microplan.py").write_text("")
    assert compiled_modules(package) == []
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (package / "render" / f"microplan{suffix}").write_bytes(b"")
    (package / f"version{suffix}").write_bytes(b"")
    assert compiled_modules(package) == ["worldspec.render.microplan", "worldspec.version"]


def test_fmt_check_diff_and_write(tmp_path: Path) -> None:
    messy = tmp_path / "m.world"
    messy.write_text("class A:B\nreality{a.b=c}\n", encoding="utf-8")
    check = run("fmt", "--check", str(messy))
    assert check.returncode == 1
    assert f"would reformat {messy}" in check.stdout
    diff = run("fmt", "--diff", str(messy))
    assert diff.returncode == 1
    assert "+class A : B" in diff.stdout
    assert messy.read_text() == "class A:B\nreality{a.b=c}\n"
    write = run("fmt", str(messy))
    assert write.returncode == 0
    assert messy.read_text() == "class A : B\n\nreality {\n  a.b = c\n}\n"
    assert run("fmt", "--check", str(messy)).returncode == 0


def test_fmt_refuses_files_with_syntax_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.world"
    bad.write_text("reality { a.b = }\n", encoding="utf-8")
    done = run("fmt", str(bad))
    assert done.returncode == 2
    assert "WS100" in done.stderr
    assert bad.read_text() == "reality { a.b = }\n"


def test_fmt_stdin() -> None:
    done = run("fmt", "-", stdin="class  A\n")
    assert done.returncode == 0
    assert done.stdout == "class A\n"


def test_ast_prints_json() -> None:
    done = run("ast", str(EXAMPLE))
    assert done.returncode == 0
    tree = json.loads(done.stdout)
    assert tree["node"] == "Module"
    assert tree["decls"][0]["node"] == "WorldDecl"


def test_installed_wheel_works_outside_the_repository(tmp_path: Path) -> None:
    # `use std.geo` must resolve from wherever worldspec is installed.
    world = tmp_path / "w.world"
    world.write_text('use std.software\nentity x : Library "X"\n', encoding="utf-8")
    done = run("check", str(world), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    import pty  # noqa: F401  (POSIX only, as the CI machine is)

    primary, secondary = os.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "check", str(EXAMPLE)],
        stdout=subprocess.PIPE,
        stderr=secondary,
        text=True,
        timeout=120,
        env=dict(os.environ, TERM="xterm", COLUMNS="100"),
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(primary)
    on_terminal = b"".join(chunks).decode(errors="replace")
    assert done.returncode == 0
    assert "checking" in on_terminal  # the spinner names the stage
    piped = run("check", str(EXAMPLE))
    assert "\x1b" not in piped.stderr + piped.stdout  # no spinner in a pipe
