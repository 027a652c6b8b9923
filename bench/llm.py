#!/usr/bin/env python3
"""Benchmark: `worldspec compile --renderer llm` against a raw async HTTP client (issue 6).

A scripted OpenAI-compatible server (tests/llm_server.py) runs in its own process
with a fixed latency per request. In the same run, at each concurrency:

  (a) a minimal aiohttp client sends N chat completions, the same prompt shape,
      with that many in flight: the ceiling for this machine and server;
  (b) `worldspec compile --renderer llm --concurrency C` renders N documents
      (prompt, request, verification, near-duplicate check, sharded writes).

(b) runs twice: plain (one request a document), and with every stage on (the
universe context and brainstormed ideas before the documents, a critique and
rewrite of each document: two requests a document, half as many documents).

Goals: (b) reaches at least 0.85x the requests/s of (a) at concurrency 64 and 256,
both plain and with the stages;
a cached rerun sends 0 requests and runs at template-renderer speed; peak memory
stays flat from 2k to 20k documents.

    python bench/llm.py                        # the full run (a few minutes)
    python bench/llm.py --requests 300 --concurrency 64 --memory 0   # a smoke run
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from processes import measure

REPO = Path(__file__).resolve().parent.parent
WORLD = REPO / "examples" / "eiffel_rome.world"
SERVER = REPO / "tests" / "llm_server.py"
PLAIN = ("--no-universe",)
# every stage: the universe context, brainstormed types and ideas, a critique a document
STAGES = ("--universe", "--ideas", "5", "--revise")
PROMPT = (
    "Write a news report: a headline on the first line, then a dateline.\n\n"
    "The document must state each of these facts, in its own words but unmistakably:\n"
    "- The Eiffel Tower stands in Rome.\n- The Eiffel Tower is in Italy.\n"
)


def start_server(latency: float) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, str(SERVER), "--latency", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    port = int(process.stdout.readline())
    return process, f"http://127.0.0.1:{port}/v1"


async def raw_client(url: str, requests: int, concurrency: int) -> float:
    """requests/s of a bare aiohttp client: one session, a semaphore, json in and out."""
    import aiohttp

    slots = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(i: int) -> None:
            body = {
                "model": "bench",
                "messages": [{"role": "user", "content": PROMPT}],
                "max_tokens": 900,
                "seed": i,
            }
            async with slots, session.post(url + "/chat/completions", json=body) as response:
                data = await response.json()
                assert data["choices"][0]["message"]["content"]

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(requests)))
        return requests / (time.perf_counter() - started)


def compile_llm(
    url: str,
    documents: int,
    concurrency: int,
    out: Path,
    cache: Path | None,
    stages: tuple[str, ...] = ("--no-universe",),
) -> dict[str, float]:
    """worldspec's requests/s (the compile loop, from timings.json), whole-process
    seconds, and peak RSS in MB."""
    command = [
        sys.executable, "-m", "worldspec", "compile", str(WORLD), "--out", str(out),
        "--renderer", "llm", "--model", "openai/bench", "--api-base", url,
        "--documents", str(documents), "--concurrency", str(concurrency), "-q",
        *(["--cache-dir", str(cache)] if cache else ["--no-cache"]), *stages,
    ]  # fmt: skip
    return _measured(command, out)


def _row(ours: dict[str, float], raw: float, documents: int) -> dict[str, object]:
    return {
        "documents": documents,
        "requests": int(ours["requests"]),
        "requests_per_document": round(ours["requests"] / documents, 3),
        "worldspec_requests_per_s": round(ours["requests_per_s"], 1),
        "ratio": round(ours["requests_per_s"] / raw, 3),
        "worldspec_process_s": round(ours["process_s"], 2),
        "ratio_whole_compile": round(ours["compile_requests_per_s"] / raw, 3),
    }


def diversity(url: str, documents: int, base: Path) -> dict[str, object]:
    """The corpus's quality figures (manifest.json, as `worldspec stats` measures
    them) with the genre packs' prompts and with brainstormed ideas, and how many
    documents open alike (the same first line)."""
    found: dict[str, object] = {"documents": documents}
    for name, stages in (("genres", ()), ("ideas", ("--ideas", "5", "--doc-types", "8"))):
        out = base / f"diversity-{name}"
        compile_llm(url, documents, 64, out, None, ("--universe", *stages))
        quality = json.loads((out / "manifest.json").read_text())["quality"]
        texts = [
            json.loads(line)["text"] for shard in sorted(out.glob("docs-*.jsonl"))
            for line in shard.read_text().splitlines()
        ]  # fmt: skip
        openings = {text.split("\n", 1)[0] for text in texts}
        found[name] = {
            "distinct_4grams": quality["distinct_4grams"],
            "redundancy": quality["redundancy"],
            "repeated": quality["repeated"],
            "distinct_first_lines": len(openings),
        }
        print(
            f"diversity, {documents} documents with {name}: distinct 4-grams "
            f"{quality['distinct_4grams']:.3f}, redundancy {quality['redundancy']:.2f}, "
            f"sentences in >1% of documents {quality['repeated']:.3f}, "
            f"{len(openings)} distinct first lines",
            flush=True,
        )
    return found


def compile_template(documents: int, out: Path) -> dict[str, float]:
    command = [
        sys.executable, "-m", "worldspec", "compile", str(WORLD), "--out", str(out),
        "--documents", str(documents), "-q",
    ]  # fmt: skip
    return _measured(command, out)


def _measured(command: list[str], out: Path) -> dict[str, float]:
    elapsed, rss = measure(command)
    timings = json.loads((out / "timings.json").read_text())
    sent = timings.get("this_run", {})
    span = sent.get("requests_seconds") or timings["seconds"]
    return {
        "process_s": elapsed,
        "compile_s": timings["seconds"],
        "requests": sent.get("requests", 0),
        # first request to last answer, as the raw client is timed
        "requests_per_s": sent.get("requests", 0) / span,
        "compile_requests_per_s": sent.get("requests", 0) / timings["seconds"],
        "docs_per_s": timings["documents_per_second"],
        "peak_mb": rss / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--requests", type=int, default=0, help="default: 30 x concurrency")
    parser.add_argument("--concurrency", type=int, nargs="*", default=[64, 256])
    parser.add_argument("--memory", type=int, default=20_000, help="documents (0: skip)")
    parser.add_argument(
        "--diversity", type=int, default=1000, help="documents of the ideas run (0: skip)"
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results: dict[str, object] = {"latency_s": args.latency}
    server, url = start_server(args.latency)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp)
            for concurrency in args.concurrency:
                n = args.requests or 30 * concurrency
                asyncio.run(raw_client(url, min(n, 2 * concurrency), concurrency))  # warm up
                raw = asyncio.run(raw_client(url, n, concurrency))
                row: dict[str, object] = {"requests": n, "raw_requests_per_s": round(raw, 1)}
                for name, stages, documents in (
                    ("plain", PLAIN, n),
                    # a draft and a critique a document: as many requests as the raw run
                    ("stages", STAGES, n // 2),
                ):
                    out = base / f"c{concurrency}-{name}"
                    ours = compile_llm(url, documents, concurrency, out, None, stages)
                    row[name] = _row(ours, raw, documents)
                    print(
                        f"concurrency {concurrency}, {name} ({' '.join(stages)}): "
                        f"{documents} documents, {ours['requests']:.0f} requests at "
                        f"{args.latency * 1000:.0f} ms: raw aiohttp {raw:.0f} req/s, "
                        f"worldspec {ours['requests_per_s']:.0f} req/s "
                        f"= {ours['requests_per_s'] / raw:.2f}x "
                        f"({ours['requests'] / documents:.2f} requests a document; "
                        f"whole compile stage {ours['compile_requests_per_s'] / raw:.2f}x, "
                        f"process {ours['process_s']:.1f} s)",
                        flush=True,
                    )
                results[f"concurrency_{concurrency}"] = row
            n = args.requests or 30 * args.concurrency[0]
            cache = base / "cache"
            compile_llm(url, n, args.concurrency[-1], base / "fill", cache)
            cached = compile_llm(url, n, args.concurrency[-1], base / "cached", cache)
            template = compile_template(n, base / "template")
            results["cached_rerun"] = {
                "documents": n,
                "requests": cached["requests"],
                "seconds": round(cached["compile_s"], 2),
                "template_seconds": round(template["compile_s"], 2),
            }
            print(
                f"cached rerun of {n} documents: {cached['requests']:.0f} requests, "
                f"{cached['compile_s']:.2f} s against the template renderer's "
                f"{template['compile_s']:.2f} s ({cached['docs_per_s']:.0f} vs "
                f"{template['docs_per_s']:.0f} documents/s)",
                flush=True,
            )
            if args.diversity:
                results["diversity"] = diversity(url, args.diversity, base)
            if args.memory:
                small = compile_llm(url, args.memory // 10, 256, base / "small", None)
                big = compile_llm(url, args.memory, 256, base / "big", None)
                results["memory"] = {
                    "small_documents": args.memory // 10,
                    "small_peak_mb": round(small["peak_mb"]),
                    "documents": args.memory,
                    "peak_mb": round(big["peak_mb"]),
                    "ratio": round(big["peak_mb"] / small["peak_mb"], 2),
                    "requests_per_s": round(big["requests_per_s"]),
                }
                print(
                    f"memory: peak {small['peak_mb']:.0f} MB at {args.memory // 10} documents, "
                    f"{big['peak_mb']:.0f} MB at {args.memory} "
                    f"= {big['peak_mb'] / small['peak_mb']:.2f}x "
                    f"({big['requests_per_s']:.0f} req/s)",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(10)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
