"""Ctrl-C, reruns and --force: a corpus run never ends in a traceback, never leaves a
half-written file, and always says what is there and how to go on."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from array import array
from pathlib import Path

import pytest

from worldspec.verify.dedup import NearDuplicates

REPO = Path(__file__).resolve().parent.parent
EIFFEL = REPO / "examples" / "eiffel_rome.world"
RUN_FILE = ".worldspec-run.json"


def default_sigint() -> None:
    """Ctrl-C's default in the child: a shell's background job, as CI may run the tests
    in, passes SIGINT on ignored, and Python then never turns it into an interrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def worldspec(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", *args], capture_output=True, text=True, timeout=300
    )


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(out.iterdir())
        if p.is_file() and p.name != "timings.json"
    }


def leftovers(out: Path) -> list[str]:
    """Files a run writes only while it is writing them."""
    return sorted(p.name for p in out.glob("*") if p.name.endswith(".tmp")) if out.exists() else []


def interrupted_run(out: Path, delay: float, jobs: int, documents: int) -> tuple[int, str]:
    """A compile sent Ctrl-C after `delay` seconds, to its whole process group as a
    terminal sends it (its worker processes too)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "worldspec",
            "compile",
            str(EIFFEL),
            "--out",
            str(out),
            "--documents",
            str(documents),
            "--jobs",
            str(jobs),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=default_sigint,
    )
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


def test_ctrl_c_at_any_moment_ends_cleanly_and_resume_finishes(tmp_path: Path) -> None:
    documents = 4000
    reference = tmp_path / "reference"
    done = worldspec("compile", str(EIFFEL), "--out", str(reference), "--documents", "4000")
    assert done.returncode == 0, done.stderr
    # from the interpreter's start-up through analysis, planning and the shards
    delays = [0.05, 0.15, 0.3, 0.5, 0.75, 1.0, 1.3, 1.6, 2.0, 2.5]
    interrupted = 0
    for number, delay in enumerate(delays):
        out = tmp_path / f"run{number}"
        code, stderr = interrupted_run(out, delay, jobs=1 + number % 2, documents=documents)
        assert "Traceback" not in stderr, (delay, stderr)
        assert leftovers(out) == [], (delay, leftovers(out))
        if code == 0:  # it finished first
            assert snapshot(out) == snapshot(reference)
            continue
        interrupted += 1
        assert code == 130, (delay, code, stderr)
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("interrupted"), (delay, stderr)
        if (out / RUN_FILE).exists():
            assert "--resume" in lines[0], (delay, stderr)
            resumed = worldspec(
                "compile", str(EIFFEL), "--out", str(out), "--documents", "4000", "--resume"
            )
            assert resumed.returncode == 0, (delay, resumed.stderr)
            assert snapshot(out) == snapshot(reference), delay
        else:
            assert "nothing was written" in lines[0] or "before anything" in lines[0]
    assert interrupted >= len(delays) // 2  # the delays did reach into the runs


@pytest.mark.parametrize("hold", [1000, 2500])
def test_a_resume_after_the_index_held_or_spilled_shards_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hold: int
) -> None:
    # 1000: shards 0 and 1 spilled to the file when the run stops in shard 2 (the
    # resume reads them there); 2500: both held in memory only (the resume indexes
    # them again from their text). A document lost either way would change what the
    # resumed run takes for a near-duplicate
    from worldspec.api import compile_world
    from worldspec.corpus.job import CompileChoices
    from worldspec.corpus.shards import RunInterrupted
    from worldspec.verify import dedup

    monkeypatch.setattr(dedup, "HELD_DOCUMENTS", hold)
    choices = CompileChoices(documents=3500, genres=["encyclopedia_entry", "textbook_excerpt"])
    reference = tmp_path / "reference"
    compile_world(EIFFEL, reference, choices)
    redrafted = b'"attempt":1' in b"".join(p.read_bytes() for p in reference.glob("docs-*"))
    assert redrafted, "no near-duplicate redrafted: the test would prove nothing"
    out, seen = tmp_path / "corpus", [0]

    def stop_in_shard_2(documents: int) -> None:
        seen[0] += documents
        if seen[0] > 2400:
            raise KeyboardInterrupt

    with pytest.raises(RunInterrupted):
        compile_world(EIFFEL, out, choices, progress=stop_in_shard_2)
    held = {p.name for p in out.iterdir() if p.name.startswith(".near-duplicates")}
    assert held  # the index a resume reads
    compile_world(EIFFEL, out, choices, resume=True)
    assert snapshot(out) == snapshot(reference)


def test_the_index_closes_after_an_interrupt_between_commit_and_begin(tmp_path: Path) -> None:
    # Ctrl-C in NearDuplicates.commit after its COMMIT and before its BEGIN left no
    # transaction, and close() failed with "cannot commit - no transaction is active"
    index = NearDuplicates(0.85, tmp_path / "index.sqlite", hold=0)
    index.add(0, array("I", range(128)))
    index.commit(0)  # a spill: its COMMIT, then its BEGIN, undone
    index.db.execute("COMMIT")
    index.close()
    again = NearDuplicates(0.85, tmp_path / "index.sqlite")
    assert again.duplicate_of(array("I", range(128))) == 0
    again.abandon()


def test_abandon_keeps_what_was_committed(tmp_path: Path) -> None:
    index = NearDuplicates(0.85, tmp_path / "index.sqlite", hold=0)
    index.add(0, array("I", range(128)))
    index.commit(0)
    index.add(1, array("I", range(1000, 1128)))
    index._spill()  # written, not committed: a shard cut short
    index.abandon()
    db = sqlite3.connect(tmp_path / "index.sqlite")
    assert [row[0] for row in db.execute("SELECT doc FROM sig ORDER BY doc")] == [0]


def test_a_complete_corpus_says_so_and_force_starts_again(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    first = worldspec("compile", str(EIFFEL), "--out", str(out), "--documents", "40")
    assert first.returncode == 0, first.stderr
    (out / "notes.txt").write_text("mine")
    again = worldspec("compile", str(EIFFEL), "--out", str(out), "--documents", "40")
    assert again.returncode == 2
    assert "complete corpus" in again.stderr and "--force" in again.stderr
    assert "pass --resume to finish" not in again.stderr
    resumed = worldspec("compile", str(EIFFEL), "--out", str(out), "--documents", "40", "--resume")
    assert resumed.returncode == 0 and "nothing to resume" in resumed.stderr
    before = snapshot(out)
    forced = worldspec("compile", str(EIFFEL), "--out", str(out), "--documents", "30", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / "notes.txt").read_text() == "mine"  # not a file the corpus wrote
    after = snapshot(out)
    assert after != before and after["notes.txt"] == b"mine"
    assert sum(1 for line in (out / "docs-00000.jsonl").open()) <= 30
    both = worldspec("compile", str(EIFFEL), "--out", str(out), "--resume", "--force")
    assert both.returncode == 2 and "give one of them" in both.stderr


def test_an_unfinished_corpus_offers_resume_and_force(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    assert (
        worldspec("compile", str(EIFFEL), "--out", str(out), "--documents", "2500").returncode == 0
    )
    (out / "manifest.json").unlink()  # as if the run had stopped before its end
    (out / "docs-00002.jsonl").unlink()
    again = worldspec("compile", str(EIFFEL), "--out", str(out), "--documents", "2500")
    assert again.returncode == 2
    assert "unfinished corpus (2 of 3 shards written)" in again.stderr
    assert "--resume" in again.stderr and "--force" in again.stderr
    forced = worldspec("compile", str(EIFFEL), "--out", str(out), "--documents", "100", "--force")
    assert forced.returncode == 0, forced.stderr
    assert not (out / "docs-00002.jsonl").exists() and not (out / "docs-00001.jsonl").exists()


def test_force_never_empties_a_directory_that_holds_no_corpus(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    done = worldspec("compile", str(EIFFEL), "--out", str(out), "--force")
    assert done.returncode == 2 and "holds no worldspec corpus" in done.stderr
    assert (out / "thesis.tex").read_text() == "years of work"


def test_an_output_path_that_is_a_file_is_named_as_one(tmp_path: Path) -> None:
    afile = tmp_path / "afile.txt"
    afile.write_text("x")
    done = worldspec("compile", str(EIFFEL), "--out", str(afile))
    assert done.returncode == 2
    assert f"{afile} is a file, not a directory" in done.stderr
    inside = worldspec("compile", str(EIFFEL), "--out", str(afile / "corpus"))
    assert inside.returncode == 2 and "is a file, not a directory" in inside.stderr
    assert "File exists" not in done.stderr + inside.stderr


@pytest.mark.parametrize("count", ["99999999999999999999999", "1000000001", "0"])
def test_documents_out_of_bounds_is_a_clear_error(tmp_path: Path, count: str) -> None:
    done = worldspec(
        "compile", str(EIFFEL), "--out", str(tmp_path / "c"), "--documents", count, "--dry-run"
    )
    assert done.returncode == 2, done.stdout
    assert "Invalid value for '--documents'" in done.stderr
    assert ("1000000000" if count != "0" else "greater than or equal to 1") in done.stderr
    assert "e+" not in done.stdout + done.stderr
    help_text = worldspec("compile", "--help").stdout
    assert "1 to 1,000,000,000" in help_text


def test_a_corpus_block_above_the_bound_is_a_check_error(tmp_path: Path) -> None:
    world = tmp_path / "big.world"
    text = EIFFEL.read_text(encoding="utf-8")
    world.write_text(text + "\ncorpus huge {\n  documents 99999999999999\n}\n", encoding="utf-8")
    done = worldspec("check", str(world))
    assert done.returncode == 1 and "WS601" in done.stderr + done.stdout
    assert "at most 1,000,000,000 documents" in done.stdout
