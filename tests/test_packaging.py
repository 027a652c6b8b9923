"""The wheel holds every module and the data an installed worldspec needs.

(A `.gitignore` line once dropped worldspec/corpus/ from the wheel: hatchling
honours .gitignore, and the editable install used in development cannot tell.)
"""

from __future__ import annotations

import subprocess
import sys
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
