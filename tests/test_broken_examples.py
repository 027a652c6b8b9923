"""examples/broken/ yields exactly its pinned diagnostics (examples/broken/expected.txt).

After an intended change of messages, refresh the snapshot with
WORLDSPEC_UPDATE_SNAPSHOTS=1 pytest tests/test_broken_examples.py and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from worldspec import check_paths
from worldspec.check.reporters import render_text

REPO = Path(__file__).resolve().parent.parent
BROKEN = REPO / "examples" / "broken"


def test_broken_examples_match_their_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    report = check_paths([Path("examples/broken")])
    actual = render_text(report.diagnostics, report.sources, concise=True) + "\n"
    expected_file = BROKEN / "expected.txt"
    if os.environ.get("WORLDSPEC_UPDATE_SNAPSHOTS"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_broken_file_has_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    report = check_paths([Path("examples/broken")])
    paths = {d.span.path for d in report.diagnostics}
    for world in BROKEN.glob("*.world"):
        if world.name != "cycle_a.world":  # its cycle is reported where it closes
            assert f"examples/broken/{world.name}" in paths, world.name
