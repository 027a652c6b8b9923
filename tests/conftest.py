from __future__ import annotations

import subprocess
import sys
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
