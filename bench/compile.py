#!/usr/bin/env python3
"""Benchmark: `worldspec compile` against its floor, in one run (issue 5).

The floor is bare jinja2: the same templates rendered with the same contexts
(built beforehand, outside the timing) and written as plain JSON Lines, in one
process. The full compile plans, builds contexts, renders, verifies, checks for
near-duplicates and writes shards, as a whole process with `--jobs`.

Goals: the full compile at most 2x the floor, at least 2,000 documents/s with
--jobs 2, and peak memory within 20% between 20k and 200k documents.

It measures the worldspec installed in the running interpreter, and says which
build that is: pure Python, or the opt-in build compiled by mypyc (pyproject.toml;
bench/compiled.py compares the two).

    python bench/compile.py                       # 20k documents, and 200k for memory
    python bench/compile.py --documents 2000 --memory-documents 0   # a smoke run
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from processes import measure

REPO = Path(__file__).resolve().parent.parent
WORLD = REPO / "examples" / "eiffel_rome.world"
GENRES = "news_article,encyclopedia_entry,forum_thread,textbook_excerpt,email,interview_transcript"


def floor_seconds(documents: int, out: Path) -> float:
    from worldspec.check import analyze_path
    from worldspec.plan import Planner, corpus_settings
    from worldspec.render import PackLibrary, TemplateRenderer

    analysis, _ = analyze_path(WORLD)
    assert analysis is not None
    packs = PackLibrary()
    settings = corpus_settings(
        analysis.world, documents=documents, genres=GENRES.split(","), available_genres=packs.names
    )
    renderer = TemplateRenderer(analysis.world)
    work = [
        (packs.get(plan.genre), renderer.context(plan, packs.get(plan.genre)), plan.id)
        for plan in Planner(analysis, settings)
    ]
    started = time.perf_counter()
    with open(out, "w", encoding="utf-8") as handle:
        for pack, context, doc_id in work:
            text = pack.template.render(context)  # type: ignore[attr-defined]
            handle.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    return time.perf_counter() - started


def compile_run(documents: int, jobs: int, out: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of `worldspec compile` as a whole process."""
    command = [
        sys.executable,
        "-P",  # the worldspec installed, as the floor's: not a source tree in the cwd
        "-m",
        "worldspec",
        "compile",
        str(WORLD),
        "--out",
        str(out),
        "--documents",
        str(documents),
        "--genres",
        GENRES,
        "--jobs",
        str(jobs),
        "-q",
    ]
    return measure(command)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument(
        "--memory-documents",
        type=int,
        default=200_000,
        help="a second, larger run for the memory comparison (0: skip)",
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from worldspec.version import compiled_modules

    compiled = compiled_modules()
    build = f"{len(compiled)} modules compiled by mypyc" if compiled else "pure Python"
    print(f"worldspec installed as {build}")
    results: dict[str, object] = {"compiled_modules": compiled}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        floor = floor_seconds(args.documents, base / "floor.jsonl")
        full, rss = compile_run(args.documents, args.jobs, base / "corpus")
        written = json.loads((base / "corpus" / "manifest.json").read_text())["counts"]
        results.update(
            documents=args.documents,
            jobs=args.jobs,
            floor_s=round(floor, 2),
            compile_s=round(full, 2),
            ratio=round(full / floor, 2),
            docs_per_s=round(args.documents / full),
            peak_mb=round(rss / 1024),
            written=written["written"],
            rejected=written["rejected"],
        )
        print(
            f"{args.documents} documents: floor (bare jinja2 + JSONL) {floor:.2f} s, "
            f"worldspec compile --jobs {args.jobs} {full:.2f} s = {full / floor:.2f}x floor, "
            f"{args.documents / full:.0f} documents/s, peak {rss / 1024:.0f} MB "
            f"({written['written']} written, {written['rejected']} rejected)"
        )
        if args.memory_documents:
            big, big_rss = compile_run(args.memory_documents, args.jobs, base / "big")
            results.update(
                memory_documents=args.memory_documents,
                memory_s=round(big, 2),
                memory_peak_mb=round(big_rss / 1024),
                memory_ratio=round(big_rss / rss, 2),
            )
            print(
                f"{args.memory_documents} documents: {big:.2f} s, "
                f"{args.memory_documents / big:.0f} documents/s, peak {big_rss / 1024:.0f} MB "
                f"= {big_rss / rss:.2f}x the peak at {args.documents}"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
