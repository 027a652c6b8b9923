"""`compile --batch` (issue 13) against the scripted server on 127.0.0.1, which speaks
OpenAI's Batch API and Anthropic's Message Batches (tests/llm_server.py)."""

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

sys.path.insert(0, str(Path(__file__).parent))
from llm_server import ScriptedLLM
from test_compile import assert_lines_are_documents
from test_llm import EIFFEL, compile_llm, default_sigint, documents

BATCH = ("--batch", "--poll", "0.02")


@pytest.fixture
def server() -> Iterator[ScriptedLLM]:
    llm = ScriptedLLM().start()
    yield llm
    llm.stop()


def corpus_bytes(out: Path) -> dict[str, bytes]:
    names = ["docs-00000.jsonl", "universe.md", "ideas.jsonl", "probes.jsonl", "traps.json"]
    return {name: (out / name).read_bytes() for name in names if (out / name).exists()}


def batch_log(out: Path) -> dict[str, object]:
    return json.loads((out / ".worldspec-batch.json").read_text())  # type: ignore[no-any-return]


def test_a_batch_run_writes_the_corpus_the_direct_run_writes(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    stages = ("--ideas", "2", "--doc-types", "2", "--revise")
    direct = compile_llm(server, tmp_path / "direct", tmp_path / "c1", stages=stages)
    assert direct.returncode == 0, direct.stderr
    sent = server.count
    batched = compile_llm(server, tmp_path / "batched", tmp_path / "c2", *BATCH, stages=stages)
    assert batched.returncode == 0, batched.stderr
    assert corpus_bytes(tmp_path / "batched") == corpus_bytes(tmp_path / "direct")
    # every request went through batches, in rounds: universe, types, ideas, drafts,
    # critiques; the same requests as the direct run, nothing one by one
    assert server.count - sent == sent
    assert len(server.batches) == 5
    log = batch_log(tmp_path / "batched")
    assert [b["state"] for b in log["batches"]] == ["collected"] * 5  # type: ignore[index]
    assert "batches: 5 in 5 round(s) this run" in batched.stdout
    assert "Traceback" not in batched.stderr


def test_anthropic_message_batches(server: ScriptedLLM, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = compile_llm(
        server, out, tmp_path / "cache", *BATCH, model="anthropic/claude-test", stages=()
    )
    assert done.returncode == 0, done.stderr
    assert_lines_are_documents(out)
    assert len(documents(out)) == 12
    assert all(name.startswith("msgbatch_") for name in server.batches)
    # the system prompt goes in its own field, and no message has the system role
    assert all("system" in r and r["messages"][0]["role"] == "user" for r in server.requests)


def test_a_run_killed_while_its_batch_is_out_waits_for_that_batch_on_resume(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    reference = compile_llm(server, tmp_path / "reference", tmp_path / "ref-cache", stages=())
    assert reference.returncode == 0, reference.stderr
    server.hold = True
    out, cache = tmp_path / "out", tmp_path / "cache"
    command = [
        sys.executable, "-m", "worldspec", "compile", str(EIFFEL), "--out", str(out),
        "--renderer", "llm", "--model", "openai/test-model", "--api-base", server.url,
        "--documents", "12", "--cache-dir", str(cache), *BATCH,
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not server.batches and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)  # polling
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert len(server.batches) == 1
    server.hold = False
    resumed = compile_llm(server, out, cache, "--resume", *BATCH, stages=())
    assert resumed.returncode == 0, resumed.stderr
    assert "waiting again for batch batch_0" in resumed.stderr
    assert len(server.batches) == 2  # the universe's batch was not sent twice
    assert corpus_bytes(out) == corpus_bytes(tmp_path / "reference")


def test_a_request_that_fails_in_a_batch_is_sent_again_then_fails_its_document(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    # a draft fails in its batch (the first request of twelve), and again in the next
    server.script.extend(["500"] + ["ok"] * 11 + ["500"])
    done = compile_llm(server, out, tmp_path / "cache", *BATCH, "--retries", "1")
    assert done.returncode == 1, done.stderr  # as when a direct request fails
    assert "1 documents failed" in done.stderr
    failed = [json.loads(line) for line in (out / "failed.jsonl").read_text().splitlines()]
    assert len(failed) == 1 and "failed in 2 batches" in failed[0]["error"]
    assert len(documents(out)) == 11
    assert len(server.batches) == 2


def test_ctrl_c_while_waiting_for_a_batch_says_how_to_go_on(
    server: ScriptedLLM, tmp_path: Path
) -> None:
    server.hold = True
    out = tmp_path / "out"
    command = [
        sys.executable, "-m", "worldspec", "compile", str(EIFFEL), "--out", str(out),
        "--renderer", "llm", "--model", "openai/test-model", "--api-base", server.url,
        "--documents", "12", "--cache-dir", str(tmp_path / "cache"), *BATCH,
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_sigint,
    )
    deadline = time.monotonic() + 60
    while not server.batches and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "waiting for batch batch_0" in stderr and "--resume" in stderr


@pytest.mark.parametrize(
    ("extra", "model", "message"),
    [
        ((), "hosted_vllm/llama", "--batch serves openai/... and anthropic/... models"),
        (("--no-cache",), "openai/test-model", "--batch keeps the answers in the completion"),
        (("--max-cost", "0.000001"), "openai/gpt-4o-mini", "the next batch (1 requests)"),
    ],
)
def test_a_batch_run_that_cannot_go_says_why(
    server: ScriptedLLM, tmp_path: Path, extra: tuple[str, ...], model: str, message: str
) -> None:
    cache = None if "--no-cache" in extra else tmp_path / "cache"
    extra = tuple(e for e in extra if e != "--no-cache")
    done = compile_llm(server, tmp_path / "out", cache, *BATCH, *extra, model=model, stages=())
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not server.batches
