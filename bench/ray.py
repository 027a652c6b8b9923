#!/usr/bin/env python3
"""Benchmark: `compile --executor ray` against the local executor, in one run (issue 17).

Two local Ray clusters, each started as `ray start --head` starts one:

1. Two CPUs, as this machine has. The template renderer's corpus is written by
   `--jobs 2` (two forked processes) and by `--executor ray --jobs 2` (two Ray
   workers); documents/s of the compile loop (timings.json) and of the whole
   process. Meanwhile the resident memory of every Ray worker is sampled, in a run
   of N documents and in one of N/4: the larger run's biggest worker over the
   smaller's is the growth of a worker's memory with the corpus.
2. Sixteen logical CPUs on the same two cores: the LLM renderer against the
   scripted server (tests/llm_server.py, in this process) at a fixed latency a
   request, with one worker and with sixteen, each worker with the same requests
   in flight (--concurrency is 2 a worker). The rate is the server's, in the
   steady state (from 10% to 90% of the requests; the workers' start-up is left
   out, and reported as the whole run's rate beside it).

3. The driver's own ceiling: drafts made beforehand, replayed to the writer (the
   near-duplicate check and the shards), so that nothing but the driver works.

Goals: Ray with 2 workers at least 0.8x the throughput of --jobs 2; sixteen
simulated workers at least 12x one; a worker's memory flat (at most 1.2x from
N/4 to N documents).

    python bench/ray.py                          # the full run (a few minutes)
    python bench/ray.py --documents 4000 --llm-documents 40 --latency 0.2   # a smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from processes import measure

REPO = Path(__file__).resolve().parent.parent
WORLD = REPO / "examples" / "eiffel_rome.world"
RAY = str(Path(sys.executable).parent / "ray")
PER_WORKER = 2  # requests in flight a worker, in the simulated cluster


class Cluster:
    """A local Ray cluster of `cpus` logical CPUs, stopped on leaving."""

    def __init__(self, cpus: int) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        os.environ["RAY_AUTH_MODE"] = "disabled"  # one machine: no token between its parts
        subprocess.run(
            [RAY, "start", "--head", "--num-cpus", str(cpus), "--port", str(port),
             "--include-dashboard", "false", "--disable-usage-stats"],
            check=True, capture_output=True,
        )  # fmt: skip
        self.address = f"127.0.0.1:{port}"

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run([RAY, "stop", "--force"], capture_output=True)


class WorkerMemory:
    """The largest resident memory (MB) of any Ray worker process while it runs."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit():
                    continue
                try:
                    if not (entry / "cmdline").read_bytes().startswith(b"ray::"):
                        continue
                    status = (entry / "status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmRSS:"):
                        self.peak = max(self.peak, int(line.split()[1]) / 1024)


def template_run(documents: int, out: Path, *extra: str) -> dict[str, float]:
    command = [
        sys.executable, "-m", "worldspec", "compile", str(WORLD), "--out", str(out),
        "--documents", str(documents), "--jobs", "2", "-q", *extra,
    ]  # fmt: skip
    seconds, _ = measure(command)
    timings = json.loads((out / "timings.json").read_text())
    return {
        "documents_per_s": float(timings["documents_per_second"]),
        "process_documents_per_s": documents / seconds,
        "process_s": seconds,
    }


def same_corpus(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir() if p.name != "timings.json")
    return names == sorted(p.name for p in b.iterdir() if p.name != "timings.json") and all(
        (a / name).read_bytes() == (b / name).read_bytes() for name in names
    )


def templates(documents: int, base: Path) -> dict[str, Any]:
    local = template_run(documents, base / "local")
    with Cluster(2) as cluster:
        on_ray = ("--executor", "ray", "--ray-address", cluster.address)
        with WorkerMemory() as small:
            template_run(documents // 4, base / "ray-small", *on_ray)
        with WorkerMemory() as large:
            ray = template_run(documents, base / "ray", *on_ray)
    return {
        "documents": documents,
        "local_jobs2": {k: round(v, 1) for k, v in local.items()},
        "ray_2_workers": {k: round(v, 1) for k, v in ray.items()},
        "ratio": round(ray["documents_per_s"] / local["documents_per_s"], 3),
        "ratio_whole_process": round(
            ray["process_documents_per_s"] / local["process_documents_per_s"], 3
        ),
        "byte_identical": same_corpus(base / "local", base / "ray"),
        "worker_peak_mb": {"small": round(small.peak, 1), "large": round(large.peak, 1)},
        "worker_memory_growth": round(large.peak / small.peak, 3) if small.peak else None,
    }


def driver_ceiling(documents: int, base: Path) -> dict[str, Any]:
    """What the driver alone can take: the drafts made beforehand, replayed to the
    writer, which checks each for a near-duplicate and writes the shards. Template
    workers scale until together they draft this fast."""
    from worldspec.check import analyze_path
    from worldspec.corpus import compile_corpus
    from worldspec.corpus.job import CompileChoices, prepare
    from worldspec.corpus.writer import LOOKAHEAD, MAX_ATTEMPTS, TemplateSource, draft_chunk

    analysis, _ = analyze_path(WORLD)
    assert analysis is not None
    job = prepare(analysis, CompileChoices(documents=documents))
    local = TemplateSource(job.analysis, job.packs, job.planner, 1)
    drafted = {d.position: d for d in draft_chunk(list(job.planner.assignments()))}

    class Replay:
        max_attempts = MAX_ATTEMPTS
        lookahead = LOOKAHEAD

        def drafts(self, batch: list[Any]) -> Any:
            yield [drafted[a.position] for a in batch]

        def ahead(self, batch: list[Any]) -> None:
            pass

        def redraft(self, assignment: Any, attempt: int) -> Any:
            return local.redraft(assignment, attempt)

        def close(self) -> None:
            pass

    started = time.perf_counter()
    result = compile_corpus(
        job.analysis, job.settings, base / "replayed", job.packs, "bench",
        source=lambda planner, out: Replay(),
    )  # fmt: skip
    seconds = time.perf_counter() - started
    return {"documents": result.stats.written, "documents_per_s": round(documents / seconds, 1)}


def llm_rate(
    server: Any, address: str, workers: int, documents: int, out: Path
) -> dict[str, float]:
    """The server's requests/s in the steady state, and over the whole run."""

    def count() -> int:
        return int(server.count)

    command = [
        sys.executable, "-m", "worldspec", "compile", str(WORLD), "--out", str(out),
        "--renderer", "llm", "--model", "openai/bench", "--api-base", server.url,
        "--documents", str(documents), "--no-universe", "--no-cache", "-q",
        "--executor", "ray", "--ray-address", address, "--jobs", str(workers),
        "--concurrency", str(PER_WORKER * workers),
    ]  # fmt: skip
    first = count()
    samples: list[tuple[float, int]] = []
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    while process.poll() is None:
        samples.append((time.perf_counter(), count() - first))
        time.sleep(0.05)
    whole = time.perf_counter() - started
    if process.returncode != 0:
        errors = process.stderr.read() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(command)}\n{errors}")
    total = count() - first
    low = next(t for t, n in samples if n >= 0.1 * total)
    high = next(t for t, n in samples if n >= 0.9 * total)
    return {
        "requests": total,
        "steady_requests_per_s": 0.8 * total / (high - low),
        "whole_run_requests_per_s": total / whole,
    }


def simulated(latency: float, documents: int, base: Path) -> dict[str, Any]:
    sys.path.insert(0, str(REPO / "tests"))
    from llm_server import ScriptedLLM  # type: ignore[import-not-found]

    server = ScriptedLLM(latency=latency, record=False).start()
    try:
        with Cluster(16) as cluster:
            one = llm_rate(server, cluster.address, 1, documents, base / "one")
            sixteen = llm_rate(server, cluster.address, 16, 16 * documents, base / "sixteen")
    finally:
        server.stop()
    return {
        "latency_s": latency,
        "requests_in_flight_a_worker": PER_WORKER,
        "one_worker": {k: round(v, 2) for k, v in one.items()},
        "sixteen_workers": {k: round(v, 2) for k, v in sixteen.items()},
        "scaling": round(sixteen["steady_requests_per_s"] / one["steady_requests_per_s"], 2),
        "scaling_whole_run": round(
            sixteen["whole_run_requests_per_s"] / one["whole_run_requests_per_s"], 2
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=40_000)
    parser.add_argument("--llm-documents", type=int, default=60, help="one worker's documents")
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="worldspec-bench-ray-") as scratch:
        base = Path(scratch)
        result: dict[str, dict[str, Any]] = {
            "templates": templates(args.documents, base),
            "driver_ceiling": driver_ceiling(args.documents // 2, base),
            "simulated_llm_cluster": simulated(args.latency, args.llm_documents, base),
        }
    print(json.dumps(result, indent=2))
    t, s = result["templates"], result["simulated_llm_cluster"]
    one_worker = t["ray_2_workers"]["documents_per_s"] / 2
    ceiling = result["driver_ceiling"]["documents_per_s"]
    print(
        f"headline: Ray with 2 workers at {t['ratio']}x --jobs 2 (goal >= 0.8, identical: "
        f"{t['byte_identical']}); 16 simulated workers at {s['scaling']}x one (goal >= 12); "
        f"a worker's memory {t['worker_memory_growth']}x from N/4 to N documents (goal <= 1.2)"
    )
    print(
        f"the driver takes {ceiling:,.0f} template documents/s, a worker drafts "
        f"{one_worker:,.0f}: template workers scale to about {ceiling / one_worker:.0f}"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
