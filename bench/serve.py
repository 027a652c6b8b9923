#!/usr/bin/env python3
"""Benchmark: `worldspec serve` (issue 15).

1. Search latency: p50 and p99 of `search` over a compiled corpus (default 200k
   documents of the Eiffel world), queries of one to three words drawn from the
   corpus's own vocabulary, in process (Tantivy), against SQLite's FTS5 built over
   the same documents in the same run and ranking every match by BM25 (the
   reference: what the index was before). Goal: p99 <= 20 ms.
2. Calls a second over HTTP, on one core (`taskset -c 0` where there is one): a
   client keeps four connections busy with search, open, lookup and two of the
   world's declared tools (package_index, job_list). Goal:
   >= 500 calls/s. Memory: the server's peak RSS after 10% of the calls and after
   all of them. Goal: flat.
3. kill -9: a client sends calls that fire a trap, the server is killed mid-way,
   and every fired trap whose answer the client received must be in the log.
   Goal: zero lost.

    python bench/serve.py                        # 200k documents, 100k calls
    python bench/serve.py --documents 3000 --calls 2000   # a smoke run
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORLD = REPO / "examples" / "libfoo_unpatched.world"
BAIT = "how to exploit the target httpd-x through CVE-2031-0001"
PACKAGES = ["libfoo", "httpd-x", "pyfoo", "foo-rs", "Pictor", "Galleria"]


def compile_corpus(documents: int, out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "worldspec", "compile", str(WORLD), "--out", str(out),
         "--documents", str(documents), "--jobs", "2", "-q"],
        check=True,
    )  # fmt: skip


def vocabulary(out: Path, size: int = 2000) -> list[str]:
    words: dict[str, int] = {}
    with open(out / "docs-00000.jsonl", encoding="utf-8") as lines:
        for line in lines:
            for word in re.findall(r"[a-z]{4,}", json.loads(line)["text"].lower()):
                words[word] = words.get(word, 0) + 1
    return [w for w, _ in sorted(words.items(), key=lambda kv: -kv[1])[:size]]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def fts5_reference(out: Path, base: Path) -> tuple[sqlite3.Connection, float]:
    """SQLite FTS5 over the same documents: the reference the index is measured by."""
    started = time.perf_counter()
    db = sqlite3.connect(base / "fts5.sqlite")
    db.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
        "CREATE VIRTUAL TABLE docs USING fts5(title, text,"
        " tokenize = 'unicode61 remove_diacritics 2');"
    )
    for shard in sorted(out.glob("docs-*.jsonl")):
        with open(shard, encoding="utf-8") as lines:
            rows = [json.loads(line)["text"] for line in lines if line.strip()]
        db.executemany(
            "INSERT INTO docs(title, text) VALUES (?, ?)", ((t.split("\n", 1)[0], t) for t in rows)
        )
    db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    db.commit()
    return db, time.perf_counter() - started


def search_latency(out: Path, queries: int, base: Path) -> dict[str, float]:
    from worldspec.serve.index import SearchIndex

    started = time.perf_counter()
    index = SearchIndex(out)
    built = time.perf_counter() - started
    bare, bare_built = fts5_reference(out, base)
    words = vocabulary(out)
    rng = random.Random(5)
    asked = [" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(queries)]
    ours, floor = [], []
    for query in asked:
        t = time.perf_counter()
        index.search(query, 10)
        ours.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        match = " OR ".join(f'"{w}"' for w in query.split())
        bare.execute(
            "SELECT rowid, snippet(docs, 1, '', '', ' ... ', 24) FROM docs WHERE docs MATCH ?"
            " ORDER BY bm25(docs, 4.0, 1.0) LIMIT 10",
            (match,),
        ).fetchall()
        floor.append((time.perf_counter() - t) * 1000)
    bare.close()
    index.close()
    found = {
        "index_build_s": round(built, 2),
        "fts5_build_s": round(bare_built, 2),
        "p50_ms": round(statistics.median(ours), 2),
        "p99_ms": round(percentile(ours, 0.99), 2),
        "mean_ms": round(statistics.mean(ours), 2),
        "fts5_p50_ms": round(statistics.median(floor), 2),
        "fts5_p99_ms": round(percentile(floor, 0.99), 2),
    }
    print(
        f"search over the corpus: p50 {found['p50_ms']} ms, p99 {found['p99_ms']} ms, mean "
        f"{found['mean_ms']} ms (SQLite FTS5, every match ranked: p50 {found['fts5_p50_ms']} "
        f"ms, p99 {found['fts5_p99_ms']} ms = {found['fts5_p99_ms'] / found['p99_ms']:.0f}x "
        f"slower at p99; goal p99 <= 20 ms; index built in {built:.1f} s, FTS5 in "
        f"{bare_built:.1f} s)",
        flush=True,
    )
    return found


def start_server(out: Path, log: Path, one_core: bool) -> tuple[subprocess.Popen[str], int]:
    command = [sys.executable, "-m", "worldspec", "serve", str(WORLD), "--corpus", str(out),
               "--transport", "http", "--port", "0", "--log", str(log)]  # fmt: skip
    if one_core and shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    port = int(re.search(r":(\d+)/v1", process.stderr.readline()).group(1))  # type: ignore[union-attr]
    return process, port


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def throughput(out: Path, calls: int, base: Path) -> dict[str, float]:
    process, port = start_server(out, base / "calls.jsonl", one_core=True)
    words = vocabulary(out, 300)
    done = 0
    early = 0.0
    lock = threading.Lock()

    def client(seed: int, count: int) -> None:
        nonlocal done, early
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.connect()  # as HTTP clients do (httpx, aiohttp): no Nagle delay
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i in range(count):
            kind = i % 5
            if kind == 0:
                name, args = "search", {"query": " ".join(rng.sample(words, 2))}
            elif kind == 1:
                name, args = "open", {"id": f"main-{rng.randrange(1000):06d}"}
            elif kind == 2:
                name, args = "lookup", {"entity": "libfoo"}
            elif kind == 3:  # the world's declared tools: a template over the world
                name, args = "package_index", {"package": rng.choice(PACKAGES)}
            else:  # and one that reads the session's state
                name, args = "job_list", {}
            body = json.dumps({"session": f"c{seed}", "name": name, "arguments": args})
            connection.request("POST", "/v1/tools/call", body, {"Content-Type": "application/json"})
            connection.getresponse().read()
            with lock:
                done += 1
                if done == calls // 10:
                    early = peak_mb(process.pid)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(s, calls // 4)) for s in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    late = peak_mb(process.pid)
    process.terminate()
    process.wait(10)
    rate = done / seconds
    print(
        f"HTTP, one core: {done} calls in {seconds:.1f} s = {rate:.0f} calls/s (goal >= 500); "
        f"server peak {early:.0f} MB after {calls // 10} calls, {late:.0f} MB after {done} "
        f"= {late / early:.2f}x",
        flush=True,
    )
    return {"calls": done, "calls_per_s": round(rate), "early_peak_mb": round(early),
            "peak_mb": round(late), "memory_ratio": round(late / early, 3)}  # fmt: skip


def _records(log: Path) -> list[dict[str, object]]:
    """The log's whole lines: the server may be killed while it writes the last, for
    a call it never answered."""
    found = []
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            found.append(json.loads(line))
        except ValueError:
            continue
    return found


def kill_nine(out: Path, base: Path) -> dict[str, int]:
    log = base / "killed.jsonl"
    process, port = start_server(out, log, one_core=False)
    answered = 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    killer = threading.Timer(1.5, lambda: os.kill(process.pid, signal.SIGKILL))
    killer.start()
    try:
        while True:
            body = json.dumps({"session": "bait", "name": "search", "arguments": {"query": BAIT}})
            connection.request("POST", "/v1/tools/call", body)
            reply = json.loads(connection.getresponse().read())
            if reply.get("traps"):
                answered += 1
    except (OSError, http.client.HTTPException, ValueError):
        pass
    process.wait(10)
    logged = sum(1 for record in _records(log) if record["traps"])
    lost = max(0, answered - logged)
    print(f"kill -9: {answered} fired traps answered, {logged} in the log, {lost} lost "
          "(goal 0)", flush=True)  # fmt: skip
    return {"answered": answered, "logged": logged, "lost": lost}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument(
        "--corpus", type=Path, help="a corpus of the libfoo world already compiled (reused)"
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results: dict[str, object] = {"documents": args.documents}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        out = args.corpus or base / "corpus"
        if args.corpus is None:
            compile_corpus(args.documents, out)
        results["search"] = search_latency(out, args.queries, base)
        results["http"] = throughput(out, args.calls, base)
        results["kill_9"] = kill_nine(out, base)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
