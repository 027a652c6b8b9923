"""worldspec diff: semantic differences and the documents to re-render."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EIFFEL = REPO / "examples" / "eiffel_rome.world"


def worldspec_(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", *args], capture_output=True, text=True, timeout=120
    )


def edited(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    text = EIFFEL.read_text()
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text)
    return path


def test_the_same_world_has_no_difference(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    assert (
        worldspec_("compile", str(EIFFEL), "--out", str(corpus), "--documents", "40").returncode
        == 0
    )
    done = worldspec_("diff", str(EIFFEL), str(EIFFEL), "--corpus", str(corpus))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "no semantic difference",
        "corpus: 0 of 40 documents must be re-rendered",
    ]


def test_changes_are_named_by_kind(tmp_path: Path) -> None:
    new = edited(
        tmp_path,
        "new.world",
        ('entity rome : City "Rome"', 'entity rome : City "Rome" { aka "Roma" }'),
        ("eiffel_tower.height_m = 330.0", "eiffel_tower.height_m = 328.0"),
        ('tripwire "Eiffel Tower in Rome"',
         'tripwire "Eiffel Tower in Rome"\n  tripwire "Roman tower"'),
        ("  eiffel_tower.located_in = rome\n}", "  eiffel_tower.located_in = rome\n}\n\n"
         'diverge paris_elsewhere "Paris is in Italy" {\n  since 1900-01-01\n'
         "  paris.country = italy\n}"),
    )  # fmt: skip
    done = worldspec_("diff", str(EIFFEL), str(new), "--format", "json")
    assert done.returncode == 0, done.stderr
    diff = json.loads(done.stdout)
    assert diff["entities"]["changed"] == {
        "rome": {
            "old": {"class": "City", "label": "Rome", "aka": []},
            "new": {"class": "City", "label": "Rome", "aka": ["Roma"]},
        }
    }
    assert diff["reality_facts"] == {
        "added": ["eiffel_tower.height_m=328.0"],
        "removed": ["eiffel_tower.height_m=330.0"],
    }
    assert diff["divergences"]["added"] == ["paris_elsewhere"]
    assert "paris.country=italy" in diff["world_facts"]["added"]
    assert list(diff["traps"]["changed"]) == ["eiffel_tourist"]
    print(diff["ripples"])
    text = worldspec_("diff", str(EIFFEL), str(new)).stdout
    assert "+ divergence paris_elsewhere" in text and "~ entity rome" in text


def rerendered(
    tmp_path: Path, world: Path, old: str, new: str, *args: str
) -> tuple[set[str], list[dict[str, Any]]]:
    """Compile `world` (with `args`) into a corpus, write it again with `old`
    replaced by `new`, and give the ids `worldspec diff` re-renders, with the
    corpus's documents."""
    corpus = tmp_path / "corpus"
    done = worldspec_("compile", str(world), "--out", str(corpus), *args)
    assert done.returncode == 0, done.stderr
    text = world.read_text()
    assert old in text
    changed = tmp_path / "new.world"
    changed.write_text(text.replace(old, new))
    done = worldspec_("diff", str(world), str(changed), "--corpus", str(corpus), "--format", "json")
    assert done.returncode == 0, done.stderr
    docs = [json.loads(line) for line in (corpus / "docs-00000.jsonl").read_text().splitlines()]
    return set(json.loads(done.stdout)["rerender"]), docs


def test_a_small_change_rerenders_only_the_documents_it_touches(tmp_path: Path) -> None:
    """A changed fact reaches the documents whose text states it: those the planner
    gave it, and those the renderer chose it for from the world around."""
    libfoo = REPO / "examples" / "libfoo_unpatched.world"
    cwe = 'cve_2031_0001.cwe = "CWE-'
    ids, docs = rerendered(tmp_path, libfoo, f'{cwe}122"', f'{cwe}787"', "--documents", "60")
    naming = {d["id"] for d in docs if "CWE-122" in d["text"]}
    assert naming and 0 < len(ids) < 60
    # every document that states it; a few more whose plan holds the fact among its
    # context without their text using it (a model's prompt would list it): a small
    # share of the corpus, not all of it
    assert naming <= ids and len(ids) <= len(docs) // 4


def test_a_change_reaches_the_entries_on_an_entity_the_divergence_touches(
    tmp_path: Path,
) -> None:
    """An entry on Rome states Rome's area: a new area re-renders it, as content
    selection draws Rome for the entry's topic (the diff draws as the renderer
    does, angles and all)."""
    args = ["--documents", "60", "--genres", "encyclopedia_entry", "--seed", "5"]
    area = "rome.area_km2 = "
    ids, docs = rerendered(tmp_path, EIFFEL, f"{area}1285.0", f"{area}1290.0", *args)
    stating = {d["id"] for d in docs if re.search(r"1,285 (square kilometres|km2)", d["text"])}
    assert stating and stating <= ids, (stating - ids, len(ids))


def test_a_paper_that_no_longer_studies_the_technique_is_no_longer_cited(
    tmp_path: Path,
) -> None:
    """A document that states the verdict and no finding gives it on the word of a
    paper of the divergence that studies the technique ("According to Probing for
    Deception at Scale, ..."): where the paper studies something else, the diff
    re-renders the documents that cite it, though their plans never name it."""
    probe = REPO / "examples" / "probe_claims.world"
    studies = "  probe_paper.studies = "
    ids, docs = rerendered(
        tmp_path,
        probe,
        f"{studies}linear_probes\n",
        f"{studies}sparse_dictionaries\n",
        "--documents",
        "120",
    )
    # (the verdict on the paper's word; not its own finding, which a phrasing may
    # also give "according to" it)
    cite = re.compile(
        r"[Aa]ccording to Probing for Deception at Scale, linear probing"
        r"|according to Probing for Deception at Scale\."
    )
    citing = {d["id"] for d in docs if cite.search(d["text"])}
    assert citing and citing <= ids, citing - ids


def test_bad_corpus_is_a_clear_error(tmp_path: Path) -> None:
    done = worldspec_("diff", str(EIFFEL), str(EIFFEL), "--corpus", str(tmp_path))
    assert done.returncode == 2 and "not a worldspec corpus" in done.stderr


def test_text_output_prints_text_as_text(tmp_path: Path) -> None:
    new = edited(
        tmp_path,
        "new.world",
        ('entity rome : City "Rome"', 'entity rome : City "Rome" { aka "Rōma" }'),
        (
            'tripwire "Eiffel Tower in Rome"',
            'tripwire "Eiffel Tower in Rome"\n  tripwire /Eiffel\\s+Tower à Rome/',
        ),
    )
    done = worldspec_("diff", str(EIFFEL), str(new))
    assert done.returncode == 0, done.stderr
    assert '~ entity rome: aka: [] -> ["Rōma"]' in done.stdout
    assert '"text": "Eiffel\\s+Tower à Rome", "regex": true' in done.stdout
    assert "\\u" not in done.stdout and "\\\\" not in done.stdout
