from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project directory (it has a root marker)."""
    (tmp_path / "worldspec.toml").write_text("", encoding="utf-8")
    return tmp_path


@pytest.fixture
def check_codes(tmp_path: Path) -> Callable[[str], list[str]]:
    """Checks a world's text as a file and gives the codes of what it reports."""

    def codes_of(text: str) -> list[str]:
        from worldspec.check import analyze_path

        path = tmp_path / "check_codes.world"
        path.write_text(text, encoding="utf-8")
        _, report = analyze_path(path, checks=True)
        return [d.code.code for d in report.diagnostics]

    return codes_of


@pytest.fixture(scope="session")
def peptide_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small template corpus of the peptide vendor's world, compiled once for the
    tests that put an agent in it (episode, Inspect). Tests only read it."""
    out = tmp_path_factory.mktemp("peptide") / "corpus"
    world = REPO / "examples" / "peptide_vendor.world"
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "compile", str(world), "--out", str(out),
         "--documents", "120", "-q"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out
