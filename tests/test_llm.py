"""The LLM renderer against a real HTTP server on 127.0.0.1 (tests/llm_server.py),
through the real CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from worldspec.check import analyze_path
from worldspec.model.meta import META_PATTERN
from worldspec.plan import DocPlan
from worldspec.verify import Verifier

sys.path.insert(0, str(Path(__file__).parent))
from llm_server import ScriptedLLM
from test_compile import assert_lines_are_documents

REPO = Path(__file__).resolve().parent.parent
EIFFEL = REPO / "examples" / "eiffel_rome.world"


@pytest.fixture
def server() -> Iterator[ScriptedLLM]:
    llm = ScriptedLLM().start()
    yield llm
    llm.stop()


def default_sigint() -> None:
    """Ctrl-C's default in the child: a shell's background job, as CI may run the tests
    in, passes SIGINT on ignored, and Python then never turns it into an interrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def compile_llm(
    server: ScriptedLLM,
    out: Path,
    cache: Path | None,
    *extra: str,
    documents: int = 12,
    model: str = "openai/test-model",
    env: dict[str, str] | None = None,
    spec: Path = EIFFEL,
    stages: tuple[str, ...] = ("--no-universe",),
) -> subprocess.CompletedProcess[str]:
    """A compile through the CLI; the stages before the documents are off unless
    `stages` says otherwise, so that a test's scripted answers meet the documents."""
    command = [
        sys.executable, "-m", "worldspec", "compile", str(spec), "--out", str(out),
        "--renderer", "llm", "--model", model, "--api-base", server.url,
        "--documents", str(documents), "--backoff", "0.01",
        *(["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]),
        *stages,
        *extra,
    ]  # fmt: skip
    return subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120
    )


def documents(out: Path) -> list[dict[str, object]]:
    return [
        json.loads(line)
        for shard in sorted(out.glob("docs-*.jsonl"))
        for line in shard.read_text().splitlines()
    ]


def manifest(out: Path) -> dict[str, object]:
    return json.loads((out / "manifest.json").read_text())  # type: ignore[no-any-return]


def test_a_corpus_from_the_model_is_verified_and_recorded(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    done = compile_llm(server, tmp_path / "out", tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert_lines_are_documents(tmp_path / "out")
    docs = documents(tmp_path / "out")
    assert len(docs) == 12 and server.count == 12
    assert {d["renderer"] for d in docs} == {"llm"}
    assert all(d["model"] == "openai/test-model" and d["prompt_hash"] for d in docs)
    usage = docs[0]["usage"]
    assert isinstance(usage, dict) and usage["requests"] == 1 and usage["prompt_tokens"] > 0
    data = manifest(tmp_path / "out")
    assert data["counts"] == {"planned": 12, "written": 12, "rejected": 0, "failed": 0, "shards": 1}
    assert data["usage"]["requests"] == 12 and data["usage"]["cost_usd"] is None  # type: ignore[index]
    # every written document passes the verifier, judged independently here
    analysis, _ = analyze_path(EIFFEL)
    assert analysis is not None
    verifier = Verifier(analysis.world)
    for doc in docs:
        plan = _plan_of(analysis, doc)
        assert verifier.check(str(doc["text"]), plan) == []


def _plan_of(analysis: object, doc: dict[str, object]) -> DocPlan:
    from worldspec.plan import Planner, corpus_settings
    from worldspec.render import PackLibrary

    packs = PackLibrary()
    settings = corpus_settings(
        analysis.world,  # type: ignore[attr-defined]
        documents=12,
        available_genres=packs.names,
    )
    plans = {p.id: p for p in Planner(analysis, settings)}  # type: ignore[arg-type]
    return plans[str(doc["id"])]


def test_prompts_carry_the_plan_and_never_frame_the_world_as_fiction(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    done = compile_llm(server, tmp_path / "out", None, documents=6)
    assert done.returncode == 0, done.stderr
    for body in server.requests:
        prompt = "\n".join(m["content"] for m in body["messages"])
        assert META_PATTERN.search(prompt) is None, prompt
        assert "Rome" in prompt  # the divergence's fact, as a statement
        assert "must never state" in prompt and "Paris" in prompt  # the reality value
        assert body["temperature"] == 0.9 and body["max_tokens"] == 900
    openings = {json.dumps(b["messages"][1]["content"].split("\n")[2]) for b in server.requests}
    assert len(openings) > 1  # persona, style and opening vary with the seed


def test_a_cached_rerun_sends_nothing_and_writes_the_same_bytes(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    first = compile_llm(server, tmp_path / "one", tmp_path / "cache")
    assert first.returncode == 0, first.stderr
    sent = server.count
    again = compile_llm(server, tmp_path / "two", tmp_path / "cache")
    assert again.returncode == 0, again.stderr
    assert server.count == sent  # zero requests
    assert "requests sent: 0" in again.stdout
    for name in ("docs-00000.jsonl", "manifest.json", "traps.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    timings = json.loads((tmp_path / "two" / "timings.json").read_text())
    assert timings["this_run"]["cache_hits"] == 12


def test_changing_a_setting_rerenders_only_what_changed(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    assert compile_llm(server, tmp_path / "one", tmp_path / "cache").returncode == 0
    sent = server.count
    # two more documents: the first twelve plans are the same, so are their prompts
    done = compile_llm(server, tmp_path / "two", tmp_path / "cache", documents=14)
    assert done.returncode == 0, done.stderr
    assert server.count - sent <= 14 - 12 + 2  # the new ones (and a shifted genre block)


def test_transient_failures_are_retried(server: ScriptedLLM, tmp_path: Path) -> None:
    server.script.extend(["429:0.05", "500", "reset", "malformed", "empty"])
    done = compile_llm(server, tmp_path / "out", tmp_path / "cache", documents=3)
    assert done.returncode == 0, done.stderr
    assert len(documents(tmp_path / "out")) == 3
    timings = json.loads((tmp_path / "out" / "timings.json").read_text())
    assert timings["this_run"]["retried"] == {
        "connection": 1,
        "empty": 1,
        "malformed": 1,
        "rate-limited": 1,
        "server-error": 1,
    }


def test_retry_after_is_honoured(server: ScriptedLLM, tmp_path: Path) -> None:
    server.script.extend(["429:1.5"])
    done = compile_llm(server, tmp_path / "out", None, "--verbose", documents=1)
    assert done.returncode == 0, done.stderr
    seconds = json.loads((tmp_path / "out" / "timings.json").read_text())["seconds"]
    assert seconds >= 1.5  # waited what the server asked, not the 0.01 s backoff


def test_a_dead_server_fails_documents_not_the_run(tmp_path: Path) -> None:
    class Dead:
        url = "http://127.0.0.1:9/v1"  # discard: nothing listens

    done = compile_llm(Dead(), tmp_path / "out", None, "--retries", "1", documents=4)  # type: ignore[arg-type]
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "4 documents failed" in done.stderr
    data = manifest(tmp_path / "out")
    counts = data["counts"]
    assert counts["written"] + counts["rejected"] + counts["failed"] == counts["planned"] == 4  # type: ignore[index]
    assert data["failed_by_error"] == {"connection": 4}
    assert documents(tmp_path / "out") == []
    failed = [json.loads(line) for line in (tmp_path / "out" / "failed.jsonl").open()]
    assert [f["id"] for f in failed] == [f"main-00000{i}" for i in range(4)]
    assert "Cannot connect" in failed[0]["error"]


def test_persistent_errors_fail_documents_and_the_rest_are_written(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    server.script.extend(["500"])  # the first document's request, not retried
    done = compile_llm(
        server, tmp_path / "out", None, "--retries", "0", "--concurrency", "1", documents=5
    )
    assert done.returncode == 1
    counts = manifest(tmp_path / "out")["counts"]
    assert counts == {"planned": 5, "written": 4, "rejected": 0, "failed": 1, "shards": 1}


def test_drafts_that_fail_verification_are_revised(server: ScriptedLLM, tmp_path: Path) -> None:
    server.script.extend(["leak", "meta", "drop"])
    done = compile_llm(server, tmp_path / "out", None, "--concurrency", "1", documents=3)
    assert done.returncode == 0, done.stderr
    docs = documents(tmp_path / "out")
    assert len(docs) == 3
    revisions = [b for b in server.requests if b["messages"][-1]["content"].startswith("Revise")]
    assert len(revisions) == 3
    asked = "\n".join(b["messages"][-1]["content"] for b in revisions)
    assert "must not state or suggest" in asked  # the leak
    assert "Remove the word" in asked  # the meta word
    assert "must state plainly" in asked  # the dropped fact
    assert all(isinstance(d["usage"], dict) for d in docs)
    assert sum(d["usage"]["requests"] for d in docs) == 6  # type: ignore[index]


def test_drafts_that_never_pass_are_rejected_not_written(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    server.default = "meta"
    done = compile_llm(server, tmp_path / "out", None, documents=2)
    assert done.returncode == 1  # coverage lost to rejections
    counts = manifest(tmp_path / "out")["counts"]
    assert counts["written"] == 0 and counts["rejected"] == 2  # type: ignore[index]
    assert server.count == 2 * 2 * 3  # two prompts a document, each revised twice
    assert documents(tmp_path / "out") == []


def test_the_judge_can_reject_a_draft(server: ScriptedLLM, tmp_path: Path) -> None:
    server.script.extend(["ok", "judge-yes"])  # the first draft, then the judge's verdict on it
    done = compile_llm(
        server, tmp_path / "out", None, "--judge-model", "openai/judge", "--concurrency", "1",
        documents=1,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    judged = [b for b in server.requests if b["model"] == "judge"]
    assert len(judged) == 2  # the first draft was contradicted, its revision was not
    assert server.requests[2]["messages"][-1]["content"].startswith("Revise")


def test_the_budget_stops_cleanly_and_resume_finishes_from_the_cache(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    # gpt-4o-mini has a price in litellm's map: a request reserves ~0.0006 USD
    out, cache = tmp_path / "out", tmp_path / "cache"
    stopped = compile_llm(
        server, out, cache, "--max-cost", "0.004", "--concurrency", "2",
        model="openai/gpt-4o-mini", documents=20,
    )  # fmt: skip
    assert stopped.returncode == 1
    assert "--max-cost $0.004 reached" in stopped.stderr and "--resume" in stopped.stderr
    assert not list(out.glob("docs-*")) and not list(out.glob(".docs-*.tmp"))
    paid = server.count
    assert 0 < paid < 20
    done = compile_llm(server, out, cache, "--resume", model="openai/gpt-4o-mini", documents=20)
    assert done.returncode == 0, done.stderr
    assert server.count - paid == 20 - paid  # what was paid for came from the cache
    data = manifest(out)
    assert data["counts"]["written"] == 20  # type: ignore[index]
    assert 0 < data["usage"]["cost_usd"] < 0.01  # type: ignore[index]


def test_dry_run_estimates_and_sends_nothing(server: ScriptedLLM, tmp_path: Path) -> None:
    done = compile_llm(
        server, tmp_path / "out", tmp_path / "cache", "--dry-run", model="openai/gpt-4o-mini"
    )
    assert done.returncode == 0, done.stderr
    assert server.count == 0
    assert "requests: 12 at least" in done.stdout
    assert "cost: at most $" in done.stdout
    assert not (tmp_path / "out").exists()


def test_keys_are_sent_but_never_written(server: ScriptedLLM, tmp_path: Path) -> None:
    secret = "sk-test-0123456789abcdef"
    done = compile_llm(server, tmp_path / "out", tmp_path / "cache", env={"OPENAI_API_KEY": secret})
    assert done.returncode == 0, done.stderr
    assert server.headers[0]["Authorization"] == f"Bearer {secret}"
    for path in [*tmp_path.rglob("*")]:
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    assert secret not in done.stdout + done.stderr


def test_a_model_without_a_server_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable, "-m", "worldspec", "compile", str(EIFFEL), "--out",
            str(tmp_path / "out"), "--renderer", "llm", "--model", "hosted_vllm/llama",
        ],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "needs --api-base" in done.stderr and "Traceback" not in done.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    hosted = subprocess.run(
        [
            sys.executable, "-m", "worldspec", "compile", str(EIFFEL), "--out",
            str(tmp_path / "hosted"), "--renderer", "llm", "--model", "openai/gpt-4o-mini",
        ],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert hosted.returncode == 2 and "set OPENAI_API_KEY" in hosted.stderr
    assert not (tmp_path / "hosted").exists()  # nothing was started


def test_the_litellm_route_reaches_the_same_server(server: ScriptedLLM, tmp_path: Path) -> None:
    done = compile_llm(server, tmp_path / "out", None, "--client", "litellm", documents=2)
    assert done.returncode == 0, done.stderr
    assert len(documents(tmp_path / "out")) == 2 and server.count == 2


def test_resume_after_kill_9_is_byte_identical_and_reuses_paid_answers(
    tmp_path: Path,
) -> None:
    """With every stage on: the universe context, ideas and critiques are made once
    and read back, and the resumed corpus is the uninterrupted one, byte for byte."""
    stages = ("--ideas", "2", "--doc-types", "3", "--revise")
    server = ScriptedLLM(latency=0.02).start()
    try:
        cache = tmp_path / "cache"
        reference = compile_llm(
            server, tmp_path / "reference", tmp_path / "ref-cache", documents=2200, stages=stages
        )
        assert reference.returncode == 0, reference.stderr
        paid = server.count
        out = tmp_path / "killed"
        command = [
            sys.executable, "-m", "worldspec", "compile", str(EIFFEL), "--out", str(out),
            "--renderer", "llm", "--model", "openai/test-model", "--api-base", server.url,
            "--documents", "2200", "--cache-dir", str(cache), "--concurrency", "32", *stages,
        ]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (out / "docs-00000.jsonl").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert not (out / "manifest.json").exists()  # it really was interrupted
        before = server.count
        resumed = compile_llm(server, out, cache, "--resume", documents=2200, stages=stages)
        assert resumed.returncode == 0, resumed.stderr
        # answers paid for before the kill came from the cache: a shard of three was
        # written, so well under two thirds of the requests are sent again
        assert server.count - before < 0.62 * paid
        names = ["docs-00000.jsonl", "docs-00001.jsonl", "docs-00002.jsonl", "manifest.json"]
        for name in [*names, "universe.md", "ideas.jsonl"]:
            assert (out / name).read_bytes() == (tmp_path / "reference" / name).read_bytes()
    finally:
        server.stop()


def test_ctrl_c_during_an_llm_run_exits_130_and_resume_finishes_from_the_cache(
    tmp_path: Path,
) -> None:
    server = ScriptedLLM(latency=0.02).start()
    try:
        reference = compile_llm(
            server, tmp_path / "reference", tmp_path / "ref-cache", documents=1500
        )
        assert reference.returncode == 0, reference.stderr
        cache = tmp_path / "cache"
        for number, shards_first in enumerate((0, 1)):  # mid-shard, and after a whole one
            out = tmp_path / f"stopped{number}"
            command = [
                sys.executable, "-m", "worldspec", "compile", str(EIFFEL), "--out", str(out),
                "--renderer", "llm", "--model", "openai/test-model", "--api-base", server.url,
                "--no-universe",
                "--documents", "1500", "--cache-dir", str(cache), "--concurrency", "32",
            ]  # fmt: skip
            before = server.count
            process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                start_new_session=True,
        preexec_fn=default_sigint,
            )  # fmt: skip
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not (
                server.count - before > 200
                if shards_first == 0
                else (out / "docs-00000.jsonl").exists()
            ):
                time.sleep(0.01)
            os.killpg(process.pid, signal.SIGINT)
            _, stderr = process.communicate(timeout=60)
            assert process.returncode == 130, stderr
            assert "Traceback" not in stderr and "--resume" in stderr
            assert len(stderr.strip().splitlines()) == 1, stderr
            assert not list(out.glob(".*.tmp"))
            resumed = compile_llm(server, out, cache, "--resume", documents=1500)
            assert resumed.returncode == 0, resumed.stderr
            for name in ("docs-00000.jsonl", "docs-00001.jsonl", "manifest.json"):
                assert (out / name).read_bytes() == (tmp_path / "reference" / name).read_bytes()
    finally:
        server.stop()


def test_rate_limits_hold_requests_back(server: ScriptedLLM) -> None:
    import asyncio
    import time as clock

    from worldspec.render.budget import Budget
    from worldspec.render.client import ChatClient, ClientSettings

    settings = ClientSettings(model="openai/x", api_base=server.url, rpm=4, concurrency=8)

    async def run() -> float:
        async with ChatClient(settings, Budget(None), rate_period=1.0) as client:
            started = clock.perf_counter()
            messages = [{"role": "user", "content": "hello"}]
            await asyncio.gather(*(client.complete(messages, seed=i) for i in range(8)))
            return clock.perf_counter() - started

    # four a period at once (the bucket's burst), then one every quarter period
    assert asyncio.run(run()) >= 0.9
    assert server.count == 8


def test_llm_settings_come_from_the_corpus_block(server: ScriptedLLM, tmp_path: Path) -> None:
    spec = tmp_path / "world.world"
    source = EIFFEL.read_text()
    block = source[source.index("corpus main {") :]
    spec.write_text(
        source.replace(
            block,
            'corpus main {\n  documents 3\n  renderer llm\n  model "openai/from-block"\n'
            f'  api_base "{server.url}"\n  temperature 0.3\n  max_tokens 500\n'
            "  dates 1890-01-01 .. 2024-01-01\n}\n",
        )
    )
    check = subprocess.run(
        [sys.executable, "-m", "worldspec", "check", str(spec)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "compile", str(spec), "--out",
         str(tmp_path / "out"), "--no-cache"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert {b["model"] for b in server.requests} == {"from-block"}
    assert {(b["temperature"], b["max_tokens"]) for b in server.requests} == {(0.3, 500)}


def test_changing_one_divergence_rerenders_only_its_documents(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    source = EIFFEL.read_text()
    colosseum = (
        '\nentity colosseum : Landmark "Colosseum"\n'
        "reality { colosseum.located_in = rome }\n"
        'diverge colosseum_moved "The Colosseum stands in Paris" {\n'
        "  since SINCE\n  colosseum.located_in = paris\n}\n"
    )
    first, second = tmp_path / "v1.world", tmp_path / "v2.world"
    # after 1995, where a forum thread's dates begin: every document of it moves
    first.write_text(source + colosseum.replace("SINCE", "2000-01-01"))
    second.write_text(source + colosseum.replace("SINCE", "2005-01-01"))
    cache = tmp_path / "cache"
    done = compile_llm(server, tmp_path / "one", cache, documents=16, spec=first)
    assert done.returncode == 0, done.stderr
    sent = server.count
    again = compile_llm(server, tmp_path / "two", cache, documents=16, spec=second)
    assert again.returncode == 0, again.stderr
    moved = manifest(tmp_path / "two")["documents_by_divergence"]["colosseum_moved"]  # type: ignore[index]
    assert 0 < moved < 16
    assert server.count - sent == moved  # the Eiffel Tower's documents came from the cache
