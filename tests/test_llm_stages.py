"""The LLM run's stages (issue 13): the universe context, brainstormed document
types and ideas, and the critique and rewrite, against the scripted server on
127.0.0.1 (tests/llm_server.py), through the real CLI."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from worldspec.check import analyze_path
from worldspec.corpus.context import ContextMaker, ContextSettings, WorldContext, distinct
from worldspec.plan import Planner, corpus_settings
from worldspec.render import PackLibrary
from worldspec.render.ideas import listed
from worldspec.render.llm import PromptBuilder, revised_text
from worldspec.render.universe import read_universe
from worldspec.verify import Verifier

sys.path.insert(0, str(Path(__file__).parent))
from llm_server import ScriptedLLM
from test_compile import assert_lines_are_documents
from test_llm import EIFFEL, REPO, compile_llm, documents, manifest

sys.path.insert(0, str(REPO / "bench"))
from worlds import quality_world


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """A generated world of four divergences (bench/worlds.py)."""
    spec = tmp_path / "many.world"
    spec.write_text(quality_world(4, documents=12))
    return spec


@pytest.fixture
def server() -> Iterator[ScriptedLLM]:
    llm = ScriptedLLM().start()
    yield llm
    llm.stop()


def prompts(server: ScriptedLLM, system: str) -> list[str]:
    """The first user message of each request whose system prompt starts so."""
    return [
        next(m["content"] for m in r["messages"] if m["role"] == "user")
        for r in server.requests
        if r["messages"][0]["content"].startswith(system)
    ]


def timings(out: Path) -> dict[str, object]:
    return json.loads((out / "timings.json").read_text())["this_run"]  # type: ignore[no-any-return]


# ---- the universe context ----------------------------------------------------------


def test_the_universe_is_written_once_verified_and_given_to_every_document(
    server: ScriptedLLM, tmp_path: Path, many: Path
) -> None:
    out = tmp_path / "out"
    done = compile_llm(server, out, tmp_path / "cache", spec=many, stages=())
    assert done.returncode == 0, done.stderr
    analysis, _ = analyze_path(many)
    divergences = list(analysis.world.divergences)
    sections = read_universe((out / "universe.md").read_text())
    assert list(sections) == divergences  # a section a divergence, in the world's order
    asked = prompts(server, "You write careful reference")
    assert len(asked) == len(divergences)
    # each section was asked with the replaced reality values to avoid, and passed
    assert all("must never state or suggest" in prompt for prompt in asked)
    docs = documents(out)
    assert len(docs) == 12 and server.count == 12 + len(divergences)
    for doc, prompt in zip(docs, prompts(server, "You are a versatile writer"), strict=False):
        del doc  # the requests come in any order; each prompt opens with its section
        assert prompt.startswith("What follows is how things stand")
        assert any(text in prompt for text in sections.values())
    assert timings(out)["stages"]["universe_sections"] == len(divergences)  # type: ignore[index]
    assert "`universe.md`" in (out / "README.md").read_text()


def test_a_section_that_fails_verification_is_revised(server: ScriptedLLM, tmp_path: Path) -> None:
    server.script.extend(["leak"])  # the first section's first draft states reality
    out = tmp_path / "out"
    done = compile_llm(server, out, None, stages=())
    assert done.returncode == 0, done.stderr
    asked = [r for r in server.requests if r["messages"][0]["content"].startswith("You write")]
    assert len(asked) == 2
    assert "It must not state or suggest" in asked[1]["messages"][-1]["content"]
    assert "Paris" not in (out / "universe.md").read_text()


def test_a_section_that_never_passes_is_left_out_and_reported(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    server.script.extend(["drop"] * 6)  # every attempt and revision leaves out the facts
    out = tmp_path / "out"
    done = compile_llm(server, out, None, stages=())
    assert done.returncode == 0, done.stderr
    assert read_universe((out / "universe.md").read_text()) == {}
    assert timings(out)["stages"]["universe_missing"] == ["eiffel_in_rome"]  # type: ignore[index]
    assert len(documents(out)) == 12  # written without it
    assert not any(p.startswith("What follows") for p in prompts(server, "You are a versatile"))


def test_a_dead_server_stops_the_run_before_any_document(tmp_path: Path) -> None:
    server = ScriptedLLM().start()
    server.default = "500"
    try:
        out = tmp_path / "out"
        done = compile_llm(server, out, None, "--retries", "1", stages=())
    finally:
        server.stop()
    assert done.returncode == 2
    assert "before any document" in done.stderr and "--resume" in done.stderr
    assert "Traceback" not in done.stderr
    assert server.count == 2  # the one section's request and its retry, nothing more
    assert not list(out.glob("docs-*.jsonl"))


def test_the_universe_is_read_back_on_resume_not_asked_again(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    """A run without a cache, resumed: its documents get the universe its first
    documents were written with, read from universe.md, not a new one."""
    out = tmp_path / "out"
    first = compile_llm(server, out, None, documents=2400, stages=())
    assert first.returncode == 0, first.stderr
    for name in ("manifest.json", "docs-00002.jsonl", ".docs-00002.meta.json"):
        (out / name).unlink()  # as a run stopped before its last shard leaves it
    universe = out / "universe.md"
    marked = universe.read_text().replace("\n\nA report", "\n\nAs the ledger shows. A report", 1)
    universe.write_text(marked)
    asked = len(prompts(server, "You write careful reference"))
    server.requests.clear()
    resumed = compile_llm(server, out, None, "--resume", documents=2400, stages=())
    assert resumed.returncode == 0, resumed.stderr
    assert len(prompts(server, "You write careful reference")) == 0 < asked
    written = prompts(server, "You are a versatile writer")
    assert len(written) == 400 and all("As the ledger shows." in p for p in written)


# ---- brainstormed types and ideas --------------------------------------------------


def test_ideas_are_brainstormed_deduplicated_and_taken_in_turn(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    done = compile_llm(
        server, out, tmp_path / "cache", "--ideas", "3", "--doc-types", "4", documents=30, stages=()
    )
    assert done.returncode == 0, done.stderr
    assert_lines_are_documents(out)
    ideas = [json.loads(line) for line in (out / "ideas.jsonl").read_text().splitlines()]
    assert len({i["doc_type"] for i in ideas}) == 4 and len(ideas) <= 12
    assert len(ideas) == len({i["idea"] for i in ideas})
    # one types request and one ideas request a type, each with the universe section
    brainstorms = prompts(server, "You plan the documents")
    assert len(brainstorms) == 5
    assert all(p.startswith("What follows is how things stand") for p in brainstorms)
    docs = documents(out)
    assert all(d["idea"] in ideas for d in docs)
    used = [ideas.index(d["idea"]) for d in docs]
    # a divergence's documents take its ideas in turn: each before any again
    assert sorted(used[: len(ideas)]) == list(range(len(ideas)))
    written = prompts(server, "You are a versatile writer")
    assert all(p.count("Write a") + p.count("Write an") >= 1 for p in written)
    assert any(i["idea"] in written[0] for i in ideas)
    stages = timings(out)["stages"]
    assert stages["ideas"] == len(ideas) and stages["doc_types"] == 4  # type: ignore[index]
    # deterministic for a seed and a cache: a rerun sends nothing, writes the same bytes
    again = compile_llm(
        server,
        tmp_path / "again",
        tmp_path / "cache",
        "--ideas", "3", "--doc-types", "4", documents=30, stages=(),
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert timings(tmp_path / "again")["requests"] == 0
    for name in ("docs-00000.jsonl", "ideas.jsonl", "universe.md"):
        assert (out / name).read_bytes() == (tmp_path / "again" / name).read_bytes()


def test_ideas_that_leak_or_repeat_are_dropped() -> None:
    analysis, _ = analyze_path(EIFFEL)
    settings = corpus_settings(analysis.world, documents=10, available_genres=PackLibrary().names)
    planner = Planner(analysis, settings)
    answers = {
        "kinds": "- a city guide\n- A City Guide\n- a fictional story\n- a tax form\n",
        "ideas": (
            "1. A guide writes to tourists that the Eiffel Tower stands in Paris.\n"
            "2. A clerk writes to the council to ask for repairs to the lift.\n"
            "3. A clerk writes to the council to ask for repairs to the lift, again.\n"
            "4) An insurer writes to a client after a storm.\n"
        ),
    }

    asked: list[str] = []

    async def complete(messages: list[dict[str, str]], seed: int, max_tokens: int) -> str:
        asked.append(messages[-1]["content"].split(" in which")[0])
        return answers["kinds" if "kinds of real document" in messages[-1]["content"] else "ideas"]

    maker = ContextMaker(
        PromptBuilder(analysis.world),
        Verifier(analysis.world),
        planner.profiles,
        ContextSettings(universe=False, ideas=4, doc_types=4),
        settings.seed,
        settings.end,
        complete,
    )
    ideas = asyncio.run(maker._ideas_of(planner.profiles[0], WorldContext()))
    # ideas were asked for the types left when the repeated one and fiction went
    assert asked[1:] == [
        "Give 4 concrete ideas for a city guide",
        "Give 4 concrete ideas for a tax form",
    ]
    texts = {i.text for i in ideas}
    assert not any("Paris" in t for t in texts)  # a replaced reality value
    # the near-repeat is dropped, and the second type's ideas, which repeat the first's
    assert texts == {
        "A clerk writes to the council to ask for repairs to the lift.",
        "An insurer writes to a client after a storm.",
    }


def test_listed_answers_and_near_duplicates() -> None:
    answer = "Here are some:\n1. **A ledger**\n* a memo\n- \n• a letter\nnot an item\n10) a log"
    assert listed(answer, 10) == ["A ledger", "a memo", "a letter", "a log"]
    assert listed(answer, 2) == ["A ledger", "a memo"]
    items = [
        "The harbour master writes to the ferry company about the new timetable for winter.",
        "The harbour master writes to the ferry company about the new timetable for summer.",
        "A baker asks the council for a market stall.",
    ]
    assert distinct(items) == [items[0], items[2]]
    assert distinct(items, kept=[items[2]]) == [items[0]]


# ---- critique and rewrite ----------------------------------------------------------


def test_a_passing_rewrite_replaces_the_draft(server: ScriptedLLM, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = compile_llm(server, out, None, "--revise")
    assert done.returncode == 0, done.stderr
    docs = documents(out)
    assert all(d["revised"] is True for d in docs)
    assert server.count == 24  # a draft and a critique a document
    critiques = [r for r in server.requests if "<document>" in r["messages"][-1]["content"]]
    assert len(critiques) == 12
    # the critique sees the draft it criticises, and no tags reach the corpus
    drafts = {r["messages"][-2]["content"] for r in critiques}
    assert all("<critique>" not in d["text"] and "<document>" not in d["text"] for d in docs)
    assert not drafts & {d["text"].strip() for d in docs}
    assert timings(out)["stages"]["revisions"] == {"kept": 12, "failed": 0}  # type: ignore[index]


@pytest.mark.parametrize("behaviour", ["leak", "untagged", "500"])
def test_a_failed_rewrite_keeps_the_verified_draft(
    server: ScriptedLLM, tmp_path: Path, behaviour: str
) -> None:
    """A rewrite that leaks, an answer without its document, a request that fails
    after its retries: the verified draft is written as it was."""
    server.critique = behaviour
    out = tmp_path / "out"
    done = compile_llm(server, out, None, "--revise", "--retries", "1")
    assert done.returncode == 0, done.stderr
    docs = documents(out)
    assert len(docs) == 12 and not (out / "failed.jsonl").exists()
    assert all(d["revised"] is False for d in docs)
    critiques = [r for r in server.requests if "<document>" in r["messages"][-1]["content"]]
    drafts = {r["messages"][-2]["content"].strip() for r in critiques}
    assert {d["text"].strip() for d in docs} <= drafts
    assert not any("Paris" in d["text"] for d in docs)
    assert timings(out)["stages"]["revisions"] == {"kept": 0, "failed": 12}  # type: ignore[index]


# ---- the dry run and the corpus block ----------------------------------------------


def test_the_dry_run_counts_the_stages(server: ScriptedLLM, tmp_path: Path) -> None:
    done = compile_llm(
        server,
        tmp_path / "out",
        None,
        "--dry-run", "--ideas", "5", "--revise",
        model="openai/gpt-4o-mini", documents=1000, stages=(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert server.count == 0
    assert "universe context: 1 request (a section a divergence)" in done.stdout
    assert "ideas: 7 requests (6 types and 5 ideas a type" in done.stdout
    assert "critique and rewrite: 1,000 requests" in done.stdout
    assert "per 1,000 documents: 2,008 requests, $" in done.stdout


def test_stages_come_from_the_corpus_block(server: ScriptedLLM, tmp_path: Path) -> None:
    spec = tmp_path / "world.world"
    text = EIFFEL.read_text()
    block = text.index("\ncorpus ") + 1  # the block, not the word in a comment
    body = text.index("{", block) + 1
    spec.write_text(text[:body] + "\n  ideas 2\n  doc_types 2\n  revise true\n" + text[body:])
    out = tmp_path / "out"
    done = compile_llm(server, out, None, spec=spec, stages=())
    assert done.returncode == 0, done.stderr
    assert len((out / "ideas.jsonl").read_text().splitlines()) == 4
    assert all(d["revised"] for d in documents(out))
    assert manifest(out)["counts"]["written"] == 12  # type: ignore[index]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("revise 3", "WS100 expected"),
        ('ideas "many"', "WS100 expected"),
        ("ideas -1", "'ideas' cannot be negative"),
        ("doc_types 0", "'doc_types' must be positive"),
    ],
)
def test_the_check_rejects_a_stage_setting_out_of_its_kind(
    tmp_path: Path, setting: str, message: str
) -> None:
    spec = tmp_path / "world.world"
    text = EIFFEL.read_text()
    body = text.index("{", text.index("\ncorpus ")) + 1
    spec.write_text(text[:body] + f"\n  {setting}\n" + text[body:])
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "check", str(spec)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert message in done.stdout + done.stderr


def test_parts_that_share_a_cache_merge_with_one_universe(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    for i in range(2):
        done = compile_llm(
            server, tmp_path / f"part{i}", cache, "--shard", f"{i}/2", documents=2400, stages=()
        )
        assert done.returncode == 0, done.stderr
    merged = subprocess.run(
        [sys.executable, "-m", "worldspec", "merge", str(tmp_path / "part0"),
         str(tmp_path / "part1"), "--out", str(tmp_path / "merged"), "-q"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert merged.returncode == 0, merged.stderr
    assert (tmp_path / "merged" / "universe.md").read_text() == (
        tmp_path / "part0" / "universe.md"
    ).read_text()
    # a part written with another universe cannot be merged in
    (tmp_path / "part1" / "universe.md").write_text("# another\n")
    refused = subprocess.run(
        [sys.executable, "-m", "worldspec", "merge", str(tmp_path / "part0"),
         str(tmp_path / "part1"), "--out", str(tmp_path / "merged2"), "-q"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert refused.returncode == 2 and "different universe.md" in refused.stderr


def test_revised_text_reads_the_document_of_a_critique() -> None:
    assert revised_text("<critique>x</critique>\n<document>\nBody.\n</document>") == "Body."
    assert revised_text("<critique>x</critique><document>Cut short") == "Cut short"
    assert revised_text("Just a document.") is None
    assert revised_text("<document>  </document>") is None
