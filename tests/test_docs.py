"""The code in the documentation is real: every `.world` block in specs/LANGUAGE.md
and README.md parses without a diagnostic, and the README's sample output is what
`worldspec check` prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from worldspec import parse

REPO = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def world_blocks(path: Path) -> list[str]:
    blocks = []
    for lang, body in FENCE.findall(path.read_text(encoding="utf-8")):
        if lang == "":  # untagged blocks are .world code; output and shell are tagged
            blocks.append(body)
    return blocks


@pytest.mark.parametrize("doc", ["specs/LANGUAGE.md", "README.md"])
def test_documented_worlds_parse(doc: str) -> None:
    blocks = world_blocks(REPO / doc)
    assert blocks
    for block in blocks:
        diagnostics = parse(block, doc).diagnostics
        assert not diagnostics, (block, [str(d) for d in diagnostics])


def test_readme_sample_output(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (sample,) = [b for lang, b in FENCE.findall(readme) if b.startswith("bad.world:")]
    (tmp_path / "bad.world").write_text(
        "reality {\n  paris.country =\n}\nreality {\n  a.b = c\nclass City\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "check", "bad.world"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.stdout == sample


def test_language_reference_lists_every_code() -> None:
    from worldspec.diagnostics import CODES

    text = (REPO / "specs" / "LANGUAGE.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (WS\d{3}) \| ([a-z-]+) \|", text, re.M))
    assert rows == {code: entry.name for code, entry in CODES.items()}


def test_pre_commit_hooks_run_our_commands() -> None:
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = dict(re.findall(r"^- id: (\S+)\n(?:  .*\n)*?  entry: (.+)$", text, re.M))
    assert hooks == {"worldspec-check": "worldspec check", "worldspec-fmt": "worldspec fmt"}


def test_readme_counts_the_codes() -> None:
    from worldspec.diagnostics import CODES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"{len(CODES)} codes" in readme


def test_readme_explain_sample_is_real() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (sample,) = [b for lang, b in FENCE.findall(readme) if b.startswith("$ worldspec explain")]
    command, _, expected = sample.partition("\n")
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", *command.split()[2:]],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.stdout == expected


@pytest.mark.parametrize(
    "doc", ["README.md", "specs/LANGUAGE.md", "renderers/README.md", "bench/RESULTS.md"]
)
def test_links_stay_inside_the_repository(doc: str) -> None:
    """A clone has nothing beside it: every relative link names a file of the repository."""
    path = REPO / doc
    text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a URL, or an anchor in the same page
        linked = (path.parent / target.split("#", 1)[0]).resolve()
        assert linked.is_relative_to(REPO), f"{doc}: {target} leaves the repository"
        assert linked.exists(), f"{doc}: {target} does not exist"


def test_readme_documents_are_what_compile_writes(tmp_path: Path) -> None:
    """The README's documents "as it writes them now" are the default corpus's, byte
    for byte: its forum thread had gone two sessions out of date."""
    import json

    from worldspec.api import compile_world

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = readme[readme.index("#### Before and after") :]
    blocks = [body for lang, body in FENCE.findall(shown) if lang == "text"]
    compile_world(REPO / "examples" / "eiffel_rome.world", tmp_path / "corpus", force=True)
    written = {
        json.loads(line)["text"].rstrip("\n")
        for shard in sorted((tmp_path / "corpus").glob("docs-*.jsonl"))
        for line in shard.read_text(encoding="utf-8").splitlines()
    }
    now = [blocks[1], blocks[3]]  # (each after its "before")
    for block in now:
        assert block.rstrip("\n") in written, block
