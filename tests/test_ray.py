"""`compile --executor ray` on a local Ray cluster of two CPUs (issue 17): the corpus
is the single process's, byte for byte, with a worker killed mid-run, after the
driver is killed and resumed, and for the LLM renderer, whose budget and cache hold
across the workers."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from llm_server import ScriptedLLM
from test_compile import compile_, snapshot
from test_extras import without_extra

from worldspec.corpus.cluster import GateKeeper, window

REPO = Path(__file__).resolve().parent.parent
EIFFEL = REPO / "examples" / "eiffel_rome.world"
DOCUMENTS = "6000"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A local Ray cluster of two CPUs (its head, as `ray start --head` starts it), for
    the runs to join with --ray-address."""
    pytest.importorskip("ray", reason="the ray extra is not installed")
    port = free_port()
    ray = str(Path(sys.executable).parent / "ray")
    # the head, the runs and their workers share this machine: no token between them
    auth = os.environ.get("RAY_AUTH_MODE")
    os.environ["RAY_AUTH_MODE"] = "disabled"
    started = subprocess.run(
        [ray, "start", "--head", "--num-cpus", "2", "--port", str(port),
         "--include-dashboard", "false", "--disable-usage-stats"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    try:
        yield f"127.0.0.1:{port}"
    finally:
        subprocess.run([ray, "stop", "--force"], capture_output=True, timeout=120)
        if auth is None:
            del os.environ["RAY_AUTH_MODE"]
        else:
            os.environ["RAY_AUTH_MODE"] = auth


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus one process writes."""
    out = tmp_path_factory.mktemp("reference") / "corpus"
    done = compile_(str(EIFFEL), "--out", str(out), "--documents", DOCUMENTS)
    assert done.returncode == 0, done.stderr
    return out


def on_ray(address: str, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "worldspec", "compile", str(EIFFEL), "--out", str(out),
        "--executor", "ray", "--ray-address", address, "--jobs", "2", *extra,
    ]  # fmt: skip


def ray_processes(name: str) -> list[int]:
    """The pids of this machine's Ray workers running `name` (a task or an actor:
    Ray titles a worker `ray::NAME` while it runs it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes().split(b"\0")[0]
            except OSError:
                continue
            if title.startswith(f"ray::{name}".encode()):
                found.append(int(entry.name))
    return found


def kill_first(name: str, until: float, killed: list[int], ready: threading.Event) -> None:
    """SIGKILL the first worker seen running `name`, once `ready` is set."""
    ready.wait(until - time.monotonic())
    while time.monotonic() < until and not killed:
        for pid in ray_processes(name):
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
            return
        time.sleep(0.01)


def test_the_python_api_on_ray_writes_the_same_corpus(
    cluster: str, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "api"
    script = f"""
from pathlib import Path
from worldspec.api import compile_world
from worldspec.corpus.job import CompileChoices

result = compile_world(
    Path({str(EIFFEL)!r}), Path({str(out)!r}), CompileChoices(documents={DOCUMENTS}),
    executor="ray", ray_address={cluster!r}, jobs=2,
)
print(result.stats.written)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == int(DOCUMENTS)
    assert snapshot(out) == snapshot(reference)  # the CLI's corpus, every file


def test_a_worker_killed_mid_run_is_retried_and_changes_nothing(
    cluster: str, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "killed-worker"
    killed: list[int] = []
    started = threading.Event()
    watcher = threading.Thread(
        target=kill_first, args=("_template_drafts", time.monotonic() + 120, killed, started)
    )
    watcher.start()
    process = subprocess.Popen(on_ray(cluster, out, "--documents", DOCUMENTS), text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    started.set()
    stdout, stderr = process.communicate(timeout=300)
    watcher.join()
    assert killed, "no worker was seen drafting"
    assert process.returncode == 0, stderr
    assert f"wrote {DOCUMENTS} documents" in stdout
    assert snapshot(out) == snapshot(reference)


def test_a_killed_driver_resumes_to_the_same_corpus(
    cluster: str, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "killed-driver"
    command = on_ray(cluster, out, "--documents", DOCUMENTS)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (out / "docs-00000.jsonl").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "manifest.json").exists()  # it really was cut short
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert snapshot(out) == snapshot(reference)


def test_ctrl_c_stops_a_ray_run_cleanly(cluster: str, tmp_path: Path) -> None:
    out = tmp_path / "interrupted"
    process = subprocess.Popen(
        on_ray(cluster, out, "--documents", DOCUMENTS),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while not (out / "docs-00000.jsonl").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "--resume" in stderr and "Traceback" not in stderr
    assert not list(out.glob(".*.tmp"))


def test_a_pack_that_fails_on_a_worker_is_reported_as_here(cluster: str, tmp_path: Path) -> None:
    pack = broken_pack(tmp_path)
    done = subprocess.run(
        on_ray(cluster, tmp_path / "out", "--documents", "50", "--renderers", str(pack.parent),
               "--genres", "broken_pack"),
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert f"error: {pack / 'template.j2'}:2: UndefinedError" in done.stderr
    assert "Traceback" not in done.stderr and "\x1b[" not in done.stderr


# ---- the LLM renderer ------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[ScriptedLLM]:
    llm = ScriptedLLM(latency=0.02).start()
    yield llm
    llm.stop()


def llm_run(
    server: ScriptedLLM, out: Path, cache: Path | None, *extra: str, documents: int = 120
) -> list[str]:
    return [
        sys.executable, "-m", "worldspec", "compile", str(EIFFEL), "--out", str(out),
        "--renderer", "llm", "--model", "openai/test-model", "--api-base", server.url,
        "--documents", str(documents), "--backoff", "0.01", "--no-universe",
        *(["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]), *extra,
    ]  # fmt: skip


def test_an_llm_corpus_on_ray_is_the_same_and_its_answers_are_cached_once(
    cluster: str, server: ScriptedLLM, tmp_path: Path
) -> None:
    local = subprocess.run(llm_run(server, tmp_path / "local", None), capture_output=True)
    assert local.returncode == 0, local.stderr
    cache = tmp_path / "cache"
    ray = ["--executor", "ray", "--ray-address", cluster, "--jobs", "2"]
    before = server.count
    first = subprocess.run(
        llm_run(server, tmp_path / "ray", cache, *ray), capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    assert server.count - before == 120  # one request a document, from either worker
    assert snapshot(tmp_path / "ray") == snapshot(tmp_path / "local")
    # the cluster's one cache, on the driver's machine, answers the whole run again
    again = subprocess.run(
        llm_run(server, tmp_path / "ray", cache, *ray, "--force"), capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert server.count - before == 120
    assert "(120 answered from the cache)" in again.stdout


def test_the_budget_holds_across_workers(cluster: str, server: ScriptedLLM, tmp_path: Path) -> None:
    # gpt-4o-mini has a price in litellm's map: a request reserves its prompt and 900
    # tokens of completion, about $0.0006, and costs what the answer took. Two workers
    # with a budget each would spend up to twice --max-cost between them.
    out, cache = tmp_path / "out", tmp_path / "cache"
    command = [*llm_run(server, out, cache, "--executor", "ray", "--ray-address", cluster,
                        "--jobs", "2", "--concurrency", "4", documents=20)]  # fmt: skip
    command[command.index("openai/test-model")] = "openai/gpt-4o-mini"
    stopped = subprocess.run([*command, "--max-cost", "0.004"], capture_output=True, text=True)
    assert stopped.returncode == 1, stderr_of(stopped)
    assert "--max-cost $0.004 reached" in stopped.stderr and "--resume" in stopped.stderr
    paid = server.count
    costs = paid_costs(cache)
    assert len(costs) == paid > 0  # every answer paid for is in the cache
    assert 0.004 - 0.0006 * 4 < sum(costs) <= 0.004  # all but what was reserved, never more
    done = subprocess.run([*command, "--resume"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert server.count - paid == 20 - paid  # nothing paid for is asked again
    assert json.loads((out / "manifest.json").read_text())["counts"]["written"] == 20


def paid_costs(cache: Path) -> list[float]:
    import diskcache  # type: ignore[import-untyped]

    with diskcache.Cache(str(cache)) as store:
        return [float(store[key]["cost"]) for key in store.iterkeys()]


def stderr_of(done: subprocess.CompletedProcess[str]) -> str:
    return done.stderr[-3000:]


def test_a_killed_llm_worker_is_restarted_and_changes_nothing(cluster: str, tmp_path: Path) -> None:
    server = ScriptedLLM(latency=0.15).start()
    try:
        local = subprocess.run(
            llm_run(server, tmp_path / "local", None, documents=160), capture_output=True
        )
        assert local.returncode == 0, local.stderr
        killed: list[int] = []
        started = threading.Event()
        watcher = threading.Thread(
            target=kill_first, args=("DraftWorker", time.monotonic() + 120, killed, started)
        )
        command = llm_run(
            server, tmp_path / "ray", tmp_path / "cache",
            "--executor", "ray", "--ray-address", cluster, "--jobs", "2", "--concurrency", "4",
            documents=160,
        )  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # once the workers are drafting: the first requests have arrived
        deadline = time.monotonic() + 60
        count = server.count
        while server.count < count + 12 and time.monotonic() < deadline:
            time.sleep(0.01)
        watcher.start()
        started.set()
        _, stderr = process.communicate(timeout=300)
        watcher.join()
        assert killed, "no worker was seen"
        assert process.returncode == 0, stderr
        assert snapshot(tmp_path / "ray") == snapshot(tmp_path / "local")
    finally:
        server.stop()


def test_a_worker_that_cannot_start_says_why(cluster: str, tmp_path: Path) -> None:
    # the driver has a key for OpenAI, the cluster's workers (started without it) do
    # not; nothing is sent: no universe context, and the workers fail first
    command = [
        sys.executable, "-m", "worldspec", "compile", str(EIFFEL), "--out", str(tmp_path / "o"),
        "--renderer", "llm", "--model", "openai/gpt-4o-mini", "--no-universe", "--no-cache",
        "--documents", "8", "--executor", "ray", "--ray-address", cluster, "--jobs", "2",
    ]  # fmt: skip
    env = {**os.environ, "OPENAI_API_KEY": "sk-test-driver-only"}
    env.pop("OPENAI_BASE_URL", None)
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180)
    assert done.returncode == 2, done.stderr
    assert "a Ray worker could not start: LLMError: model 'openai/gpt-4o-mini'" in done.stderr
    assert "OPENAI_API_KEY" in done.stderr and "Traceback" not in done.stderr
    assert "sk-test-driver-only" not in done.stderr


# ---- without a cluster -----------------------------------------------------------------


def test_the_gate_never_lets_the_workers_overspend_or_outpace_the_rate() -> None:
    gate = GateKeeper(1.0, rpm=5, tpm=None, period=1.0)
    answers = [gate.admit(0.3, 100) for _ in range(4)]
    assert [a[0] for a in answers[:3] if isinstance(a, tuple)] == [0.3, 0.3, 0.3]
    assert isinstance(answers[3], str) and "--max-cost $1 reached" in answers[3]
    # a request cost less than it reserved: the room it leaves goes to no other, for
    # the run is stopping
    gate.settle(0.3, 0.1)
    assert isinstance(gate.admit(0.01, 100), str)
    assert gate.spent() == pytest.approx((0.1, 0.6))
    rate = GateKeeper(None, rpm=5, tpm=None, period=1.0)
    waits = [answer[1] for answer in (rate.admit(None, 10) for _ in range(8))
             if isinstance(answer, tuple)]  # fmt: skip
    # a burst of five, then one place every fifth of a second
    assert waits[:5] == [0.0] * 5
    assert waits[5:] == pytest.approx([0.2, 0.4, 0.6], abs=0.02)


def test_a_worker_with_another_install_says_so() -> None:
    from worldspec.corpus import CorpusError
    from worldspec.corpus.cluster import _same_install, fingerprint

    _same_install(fingerprint(True))  # the same install: nothing to say
    with pytest.raises(CorpusError, match=r"worldspec \S+ here, 0\.0\.1 on the driver"):
        _same_install({**fingerprint(False), "worldspec": "0.0.1"})


def test_packs_travel_with_their_files_and_keep_their_names(tmp_path: Path) -> None:
    import pickle

    from worldspec.render import PackLibrary

    pack = broken_pack(tmp_path)
    library = PackLibrary([pack.parent])
    travelled = pickle.loads(pickle.dumps(library))
    assert travelled.directories["broken_pack"] != pack  # unpacked where it landed
    assert travelled.get("broken_pack").path == pack  # named as the user knows it
    assert travelled.get("email").path == library.get("email").path  # the install's own


def broken_pack(tmp_path: Path) -> Path:
    """A genre pack whose template fails as it renders (an unknown name)."""
    pack = tmp_path / "packs" / "broken_pack"
    pack.mkdir(parents=True)
    shipped = REPO / "renderers" / "email" / "genre.toml"
    (pack / "genre.toml").write_text(
        shipped.read_text().replace('name = "email"', 'name = "broken_pack"')
    )
    (pack / "template.j2").write_text("{{ title }}\n{{ no_such_name }}\n")
    return pack


def test_the_window_keeps_every_worker_busy() -> None:
    for workers in (1, 2, 16, 64, 512):
        chunk, lookahead = window(workers)
        in_flight = (lookahead + 1) * 1000 // chunk
        assert in_flight >= 3 * workers
        assert 25 <= chunk <= 250


def test_without_the_ray_extra_the_executor_names_it(tmp_path: Path) -> None:
    done = without_extra(
        "compile", str(EIFFEL), "--out", str(tmp_path / "c"), "--documents", "10",
        "--executor", "ray", names=["ray"],
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert 'pip install "worldspec[ray]"' in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "c").exists()


def test_ray_is_imported_by_the_ray_executor_alone(tmp_path: Path) -> None:
    done = without_extra(
        "compile", str(EIFFEL), "--out", str(tmp_path / "c"), "--documents", "20",
        "--jobs", "2", names=["ray"],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    imported = subprocess.run(
        [sys.executable, "-c", "import sys, worldspec.cli.corpus, worldspec.corpus.cluster, "
         "worldspec.api; print('ray' in sys.modules)"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert imported.stdout.strip() == "False", imported.stderr


def test_an_address_where_no_cluster_answers_fails_at_once(tmp_path: Path) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "worldspec", "compile", str(EIFFEL), "--out", str(tmp_path / "c"),
         "--executor", "ray", "--ray-address", f"127.0.0.1:{free_port()}"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "cannot reach the Ray cluster at 127.0.0.1:" in done.stderr
    assert "Traceback" not in done.stderr
    assert time.monotonic() - started < 30
