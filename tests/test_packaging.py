"""The wheel holds every module and the data an installed worldspec needs.

(A `.gitignore` line once dropped worldspec/corpus/ from the wheel: hatchling
honours .gitignore, and the editable install used in development cannot tell.)
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_contents(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("worldspec-*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")  # the mypyc hook runs only if asked
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in (REPO / "worldspec").rglob("*.py"):
        assert str(module.relative_to(REPO)) in names, module
    assert "worldspec/_data/grammar/world.lark" in names
    for std in (REPO / "specs" / "std").glob("*.world"):
        assert f"worldspec/_data/std/{std.name}" in names
    for pack in (REPO / "renderers").iterdir():
        if pack.is_dir():
            assert f"worldspec/_data/renderers/{pack.name}/genre.toml" in names
            assert f"worldspec/_data/renderers/{pack.name}/template.j2" in names


def test_the_mypyc_hook_is_asked_for_and_names_modules_that_exist() -> None:
    # bench/compiled.py builds with it (CI too) and compares the documents
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    hook = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["mypyc"]
    assert hook["enable-by-default"] is False
    assert hook["include"]
    for path in hook["include"]:
        assert (REPO / path).is_file(), path
