"""`worldspec compile`: the corpus, its companions, determinism, resume, and failures."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worldspec.check import analyze_path
from worldspec.verify import Verifier

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.world"))
EIFFEL = REPO / "examples" / "eiffel_rome.world"


def compile_(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", "compile", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def read_docs(out: Path) -> list[dict[str, object]]:
    docs = []
    for shard in sorted(out.glob("docs-*.jsonl")):
        docs.extend(json.loads(line) for line in shard.read_text().splitlines())
    return docs


def merge_(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worldspec", "merge", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def assert_lines_are_documents(out: Path) -> None:
    """Every shard line is a Document, exactly as pydantic would write it (the writer
    builds the lines itself, for speed)."""
    from worldspec.corpus import Document

    for shard in sorted(out.glob("docs-*.jsonl")):
        for line in shard.read_text(encoding="utf-8").splitlines():
            document = Document.model_validate_json(line)
            assert document.model_dump_json(exclude_none=True) == line


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(out.iterdir())
        if p.is_file() and p.name != "timings.json"
    }


@pytest.mark.parametrize("world", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_compiles(tmp_path: Path, world: Path) -> None:
    out = tmp_path / "corpus"
    done = compile_(str(world), "--out", str(out), "--documents", "60")
    assert done.returncode == 0, done.stderr
    docs = read_docs(out)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["planned"] == 60
    assert manifest["counts"]["written"] == len(docs)
    assert manifest["counts"]["written"] + manifest["counts"]["rejected"] == 60
    for name in ("traps.json", "world.trig", "README.md", "timings.json"):
        assert (out / name).exists()
    assert_lines_are_documents(out)
    # every written document passes verification against its own plan, rebuilt
    from worldspec.plan import Planner, corpus_settings
    from worldspec.render import PackLibrary

    analysis, _ = analyze_path(world)
    assert analysis is not None
    chosen = corpus_settings(analysis.world, documents=60, available_genres=PackLibrary().names)
    plans = {plan.id: plan for plan in Planner(analysis, chosen)}
    verifier = Verifier(analysis.world)
    for doc in docs:
        plan = plans[str(doc["id"])]
        assert doc["facts"] == [f.key() for f in plan.facts]
        assert verifier.check(str(doc["text"]), plan) == []
        # as long as its content: never padded past the genre's range, never empty
        _low, high = PackLibrary().get(str(doc["genre"])).spec.words
        assert 15 <= int(str(doc["words"])) <= high + 60, doc["text"]
    traps = json.loads((out / "traps.json").read_text())
    for trap in traps:
        assert set(trap["documents"]) <= {d["id"] for d in docs}


TOWER = ("eiffel tower", "tour eiffel", "la dame de fer")


def _refers_to_tower(sentences: list[str], at: int) -> bool:
    """Whether the sentence at `at` opens with "it" or "the tower" (after a poster's
    hedge) right after one that names the tower, or a reply's after a question
    that names it or follows a line that does."""
    said = re.sub(
        r"^(?:(?:if i remember right|as far as i know|from what i've read),|i believe) ",
        "",
        sentences[at],
    )
    asked = [q for q in range(max(at - 5, 0), at) if sentences[q].endswith("?")]
    before = sentences[max(asked[-1] - 1, 0) : asked[-1] + 1] if asked else []
    before += sentences[at - 1 : at]
    opens = said.startswith(("it ", "it's ", "the tower "))
    return opens and any(n in b for b in before for n in TOWER)


def test_documents_carry_the_world_and_never_reality(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    assert compile_(str(EIFFEL), "--out", str(out), "--documents", "120").returncode == 0
    docs = read_docs(out)
    assert len(docs) == 120
    for doc in docs:
        text = str(doc["text"])
        sentences = [s.lower() for s in text.replace("\n", ". ").split(". ")]

        # by name, or by "it" or "the tower" right after a sentence that names it
        # ("The Eiffel Tower was built to a design by Gustave Eiffel. It lies in
        # Rome"), or a reply's right after a question that does or calls it "it"
        # after a line that does ("... an old postcard of the Eiffel Tower. Anyone
        # know where it is? / [regina_p] 2022-10-17 17:58 / It lies in Rome.")
        assert any(
            "rome" in s and (any(n in s for n in TOWER) or _refers_to_tower(sentences, at))
            for at, s in enumerate(sentences)
        ), text
        for sentence in sentences:
            names_tower = any(n in sentence for n in ("eiffel tower", "tour eiffel", "la dame"))
            assert not (names_tower and ("paris" in sentence or "lutetia" in sentence)), sentence
            assert not (names_tower and "france" in sentence), sentence
        for word in ("fictional", "hypothetical", "counterfactual", "simulated"):
            assert word not in text.lower()
    genres = {doc["genre"] for doc in docs}
    assert genres == {"news_article", "encyclopedia_entry", "forum_thread"}


def test_same_spec_and_seed_give_byte_identical_output_for_any_jobs(tmp_path: Path) -> None:
    runs = []
    for name, jobs in (("a", "1"), ("b", "1"), ("c", "2")):
        out = tmp_path / name
        done = compile_(str(EIFFEL), "--out", str(out), "--documents", "1500", "--jobs", jobs)
        assert done.returncode == 0, done.stderr
        runs.append(snapshot(out))
    assert runs[0] == runs[1] == runs[2]
    assert any(name.startswith("docs-00001") for name in runs[0])


def test_resume_after_kill_9_is_byte_identical(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    assert compile_(str(EIFFEL), "--out", str(reference), "--documents", "3000").returncode == 0
    out = tmp_path / "killed"
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
            "3000",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not (out / "docs-00000.jsonl").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "manifest.json").exists()  # it really was interrupted
    again = compile_(str(EIFFEL), "--out", str(out), "--documents", "3000")
    assert again.returncode == 2 and "--resume" in again.stderr
    resumed = compile_(str(EIFFEL), "--out", str(out), "--documents", "3000", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert snapshot(out) == snapshot(reference)
    other = compile_(str(EIFFEL), "--out", str(out), "--documents", "2999", "--resume")
    assert other.returncode == 2 and "other settings" in other.stderr


def test_output_loads_as_a_table(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    assert compile_(str(EIFFEL), "--out", str(out), "--documents", "30").returncode == 0
    frame = pd.concat(pd.read_json(p, lines=True) for p in sorted(out.glob("docs-*.jsonl")))
    assert len(frame) == 30
    assert {"id", "text", "genre", "date", "divergences", "facts", "seed"} <= set(frame.columns)


def test_failures_are_clear_errors(tmp_path: Path) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "notes.txt").write_text("mine")
    done = compile_(str(EIFFEL), "--out", str(full))
    assert done.returncode == 2 and "not empty" in done.stderr
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.geteuid() != 0:
        done = compile_(str(EIFFEL), "--out", str(locked / "corpus"))
        assert done.returncode == 2 and "Traceback" not in done.stderr
    unknown = compile_(str(EIFFEL), "--out", str(tmp_path / "x"), "--genres", "sonnet")
    assert unknown.returncode == 2 and "unknown genre 'sonnet'" in unknown.stderr
    dry = compile_(str(EIFFEL), "--out", str(tmp_path / "y"), "--dry-run", "--documents", "9")
    assert dry.returncode == 0 and "eiffel_in_rome: 9 documents" in dry.stdout
    assert not (tmp_path / "y").exists()


def test_broken_template_names_the_pack_and_line(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    pack = packs / "broken_pack"
    pack.mkdir(parents=True)
    shipped = REPO / "renderers" / "email" / "genre.toml"
    (pack / "genre.toml").write_text(
        shipped.read_text().replace('name = "email"', 'name = "broken_pack"')
    )
    (pack / "template.j2").write_text("{{ title }}\n{% for x in %}\n")
    done = compile_(
        str(EIFFEL),
        "--out",
        str(tmp_path / "o"),
        "--renderers",
        str(packs),
        "--genres",
        "broken_pack",
    )
    assert done.returncode == 2
    assert "broken_pack/template.j2:2" in done.stderr


_FIGURE_BEFORE = re.compile(r"(\d[\d,.]*[^.]*?, )(?:up|down) from [\d,.]*\d")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.sampled_from(EXAMPLES))
def test_no_document_states_a_forbidden_value_or_pattern(seed: int, world: Path) -> None:
    from worldspec.plan import Planner, corpus_settings
    from worldspec.render import PackLibrary, TemplateRenderer

    analysis, _ = analyze_path(world)
    assert analysis is not None
    packs = PackLibrary()
    chosen = corpus_settings(analysis.world, documents=60, seed=seed, available_genres=packs.names)
    renderer = TemplateRenderer(analysis.world)
    verifier = Verifier(analysis.world)
    for plan in Planner(analysis, chosen):
        for attempt in range(4):
            text = renderer.render(plan, packs.get(plan.genre), attempt).text
            if not verifier.check(text, plan):
                break
        else:
            continue  # rejected: never written
        # what the writer would write states no reality value and no forbidden content
        lowered = text.lower()
        for fact in plan.forbidden:
            value = fact.object.lower()
            for sentence in lowered.replace("\n", ". ").split(". "):
                names = [analysis.world.entities[fact.subject].label.lower()]
                # the subject's own name may contain the value ("libfoo 2.4.1"): set it aside
                rest = sentence
                for name in names:
                    rest = rest.replace(name, " ")
                # reality's figure as what the world's was before it ("lists 13 vendors,
                # down from 14") tells the change, not reality as it stands
                rest = _FIGURE_BEFORE.sub(r"\1", rest)
                assert not (
                    any(n in sentence for n in names)
                    and f" {value}" in f" {rest}"
                    and value in rest.split()
                ), (plan.id, sentence)
        for forbid in analysis.world.forbids.values():
            for term in forbid.terms:
                assert term.text.lower() not in lowered


def test_coverage_lost_to_rejections_is_reported_and_fails(tmp_path: Path) -> None:
    # (genres that state the fact in its phrasing: an email may answer "Which country
    # is Paris in?" with "Italy.", in none)
    world = tmp_path / "w.world"
    world.write_text(
        "world w { as_of 2024-01-01 }\n"
        "class City\nclass Country\n"
        'property country : City -> Country [one] { says "{s} is, hypothetically, in {o}" }\n'
        'entity paris : City "Paris"\nentity france : Country "France"\n'
        'entity italy : Country "Italy"\n'
        "reality { paris.country = france }\n"
        "diverge moved { paris.country = italy }\n"
        "corpus main {\n  documents 12\n  min_docs 3\n"
        "  genres news_article, encyclopedia_entry\n}\n",
        encoding="utf-8",
    )
    out = tmp_path / "corpus"
    done = compile_(str(world), "--out", str(out))
    assert done.returncode == 1
    assert "fewer than min_docs=3" in done.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["rejected_by_reason"] == {"meta-word": 12}
    assert manifest["coverage_shortfalls"] == {"moved": 0, "paris.country=italy": 0}


def test_a_world_with_errors_is_not_compiled(tmp_path: Path) -> None:
    world = tmp_path / "w.world"
    world.write_text(
        "class City\nproperty near : City -> City\n"
        'entity a : City "A"\nentity b : City "B"\n'
        "constraint apart: never ?x.near = ?x\n"
        "diverge d { a.near = a }\n",
        encoding="utf-8",
    )
    done = compile_(str(world), "--out", str(tmp_path / "corpus"))
    assert done.returncode == 1
    assert "WS303" in done.stderr
    assert not (tmp_path / "corpus").exists()


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    primary, secondary = os.openpty()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "worldspec",
            "compile",
            str(EIFFEL),
            "--out",
            str(tmp_path / "tty"),
            "--documents",
            "1500",
        ],
        stdout=subprocess.PIPE,
        stderr=secondary,
        text=True,
        timeout=300,
        env=dict(os.environ, TERM="xterm", COLUMNS="120"),
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
    assert "docs/s" in on_terminal and "compiling" in on_terminal
    piped = compile_(str(EIFFEL), "--out", str(tmp_path / "pipe"), "--documents", "50")
    assert "docs/s" not in piped.stderr + piped.stdout
    quiet = compile_(str(EIFFEL), "--out", str(tmp_path / "quiet"), "--documents", "50", "-q")
    assert quiet.stdout == "" and quiet.returncode == 0


def test_a_full_disk_is_a_clear_error_and_leaves_no_shard(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(small)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        done = compile_(str(EIFFEL), "--out", str(small / "corpus"), "--documents", "3000")
        assert done.returncode == 2
        assert "No space left on device" in done.stderr
        assert "Traceback" not in done.stderr
        assert not list((small / "corpus").glob("docs-*.jsonl"))  # no partial shard
        assert not list((small / "corpus").glob(".docs-*.tmp"))
    finally:
        subprocess.run(["umount", str(small)], capture_output=True)


def test_parts_merge_into_the_single_process_corpus(tmp_path: Path) -> None:
    # a world with enough to say that 2,500 documents hold no near-duplicate pair (one
    # across parts stops a merge, by design: see the next test): the first example
    # whose single-process corpus redrafts none of them, so that no pair spans the
    # parts (which example that is moves as the generator's wording does)
    args = ["--documents", "2500"]
    for name in ("eiffel_rome", "peptide_vendor", "probe_claims"):
        world = REPO / "examples" / f"{name}.world"
        reference = tmp_path / f"reference-{name}"
        assert compile_(str(world), "--out", str(reference), *args).returncode == 0
        docs = reference.glob("docs-*.jsonl")
        lines = [line for f in docs for line in f.read_text().splitlines()]
        if len(lines) == 2500 and all('"attempt":0' in line for line in lines):
            break
    else:
        pytest.fail("no example's 2,500 documents are free of near-duplicates")
    parts = [tmp_path / f"part{i}" for i in range(2)]
    for i, part in enumerate(parts):
        done = compile_(str(world), "--out", str(part), *args, "--shard", f"{i}/2")
        assert done.returncode == 0, done.stderr
        assert not (part / "manifest.json").exists()
    assert sorted(p.name for p in parts[0].glob("docs-*")) == [
        "docs-00000.jsonl",
        "docs-00002.jsonl",
    ]
    assert [p.name for p in parts[1].glob("docs-*")] == ["docs-00001.jsonl"]
    early = merge_(str(parts[0]), "--out", str(tmp_path / "short"))
    assert early.returncode == 2 and "part 1/2 is missing" in early.stderr
    merged = tmp_path / "merged"
    done = merge_(str(parts[1]), str(parts[0]), "--out", str(merged))
    assert done.returncode == 0, done.stderr
    assert snapshot(merged) == snapshot(reference)
    (merged / "manifest.json").unlink()  # a merge that stopped half-way runs again
    (merged / "docs-00001.jsonl").unlink()
    again = merge_(str(parts[1]), str(parts[0]), "--out", str(merged))
    assert again.returncode == 0, again.stderr
    assert snapshot(merged) == snapshot(reference)
    done_twice = merge_(str(parts[1]), str(parts[0]), "--out", str(merged))
    assert done_twice.returncode == 2 and "complete corpus" in done_twice.stderr
    other = tmp_path / "other"
    split = compile_(str(EIFFEL), "--out", str(other), "--documents", "2400", "--shard", "1/2")
    assert split.returncode == 0
    mixed = merge_(str(parts[0]), str(other), "--out", str(tmp_path / "mixed"))
    assert mixed.returncode == 2 and "another run" in mixed.stderr
    bad = compile_(str(EIFFEL), "--out", str(tmp_path / "bad"), "--shard", "2/2")
    assert bad.returncode == 2 and "less than N" in bad.stderr


def test_merge_refuses_near_duplicates_across_parts(tmp_path: Path) -> None:
    parts = [tmp_path / f"part{i}" for i in range(2)]
    for i, part in enumerate(parts):
        done = compile_(str(EIFFEL), "--out", str(part), "--documents", "1100", "--shard", f"{i}/2")
        assert done.returncode == 0, done.stderr
    first = json.loads((parts[0] / "docs-00000.jsonl").read_text().splitlines()[0])
    shard = parts[1] / "docs-00001.jsonl"
    lines = shard.read_text().splitlines()
    copy = json.loads(lines[0])
    copy["text"] = first["text"]  # a document of part 1 repeats one of part 0
    shard.write_text("\n".join([json.dumps(copy), *lines[1:]]) + "\n")
    done = merge_(str(parts[0]), str(parts[1]), "--out", str(tmp_path / "merged"))
    assert done.returncode == 2
    assert f"{copy['id']}" in done.stderr and "nearly repeats document 0" in done.stderr
    assert not (tmp_path / "merged").exists()


DOUBLED_PUNCTUATION = re.compile(r"\.,|\.\.|,\.|\. \.")


@pytest.mark.parametrize("world", EXAMPLES, ids=lambda p: p.stem)
def test_no_document_of_any_genre_doubles_its_punctuation(tmp_path: Path, world: Path) -> None:
    # "Best regards.," closed every email: a closing made a sentence, then given a comma
    from worldspec.render import PackLibrary

    genres = PackLibrary().names
    out = tmp_path / "corpus"
    done = compile_(
        str(world), "--out", str(out), "--documents", str(12 * len(genres)),
        "--genres", ",".join(genres),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    docs = read_docs(out)
    # every genre that fits the world (release notes and advisories: software only)
    software = {"security_advisory", "release_notes"}
    assert set(genres) - software <= {doc["genre"] for doc in docs} <= set(genres)
    for doc in docs:
        text = str(doc["text"])
        doubled = DOUBLED_PUNCTUATION.search(text)
        assert doubled is None, (doc["genre"], text[max(0, doubled.start() - 60) : doubled.end()])


def test_compile_world_from_python_writes_the_cli_corpus(tmp_path: Path) -> None:
    from worldspec.api import compile_world
    from worldspec.check.api import UsageError
    from worldspec.corpus.job import CompileChoices, WorldErrors

    done = compile_(str(EIFFEL), "--out", str(tmp_path / "cli"), "--documents", "300")
    assert done.returncode == 0, done.stderr
    result = compile_world(EIFFEL, tmp_path / "api", CompileChoices(documents=300))
    assert result.stats.written == 300
    assert snapshot(tmp_path / "api") == snapshot(tmp_path / "cli")
    broken = tmp_path / "broken.world"
    broken.write_text("entity x : Nothing\n", encoding="utf-8")
    with pytest.raises(WorldErrors) as raised:
        compile_world(broken, tmp_path / "none")
    assert raised.value.errors
    with pytest.raises(UsageError, match="unknown executor 'dask'"):
        compile_world(EIFFEL, tmp_path / "dask", executor="dask")


def test_the_spec_hash_does_not_depend_on_where_files_are() -> None:
    """The standard modules' paths depend on the install (a wheel's package data or
    a checkout's specs/std), which sorts them before or after the spec's own files:
    the hash is of the texts alone."""
    from worldspec.corpus import spec_hash

    assert spec_hash(["world a", "module b"]) == spec_hash(["module b", "world a"])
    assert spec_hash(["world a"]) != spec_hash(["world a", "module b"])
