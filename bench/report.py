#!/usr/bin/env python3
"""Benchmark: `worldspec report` at scale (issue 16).

A generated world (bench/check.py's: one entity per ten facts, rules, twenty
divergences, a trap) of 10,000 entities is written as a report, which headless
Chromium then loads. Measured: the time to write the report, its size, the time
the page's script takes to draw the graph (the page records it), and Chromium's
whole load. Goal: the page renders in <= 2 s at 10k entities. Reference, in the
same run: the same page for a world a tenth the size.

    python bench/report.py                   # 10,000 entities
    python bench/report.py --entities 1000   # a smoke run
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from check import world_with_rules  # noqa: E402


def measure(entities: int, base: Path, chromium: str) -> dict[str, float]:
    text, _ = world_with_rules(entities * 10)
    world = base / f"w{entities}.world"
    world.write_text(text, encoding="utf-8")
    page = base / f"w{entities}.html"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "worldspec", "report", str(world), "--out", str(page)],
        check=True, capture_output=True,
    )  # fmt: skip
    written = time.perf_counter() - started
    started = time.perf_counter()
    loaded = subprocess.run(
        [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    load = time.perf_counter() - started
    render = re.search(r'data-render-ms="(\d+)"', loaded.stdout)
    drawn = re.search(r'data-rendered="(\d+)"', loaded.stdout)
    return {
        "entities": entities,
        "drawn": int(drawn.group(1)) if drawn else 0,
        "write_s": round(written, 2),
        "page_mb": round(page.stat().st_size / 1e6, 2),
        "render_ms": int(render.group(1)) if render else -1,
        "chromium_load_s": round(load, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("error: chromium is needed (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        small = measure(max(10, args.entities // 10), Path(tmp), chromium)
        large = measure(args.entities, Path(tmp), chromium)
    for row in (small, large):
        print(
            f"{row['entities']} entities: report written in {row['write_s']} s, "
            f"{row['page_mb']} MB; graph drawn in {row['render_ms']} ms (goal <= 2000 ms); "
            f"Chromium's whole load {row['chromium_load_s']} s"
        )
    ratio = large["render_ms"] / max(small["render_ms"], 1)
    print(f"render at {args.entities} entities = {ratio:.1f}x the render at {small['entities']}")
    if args.json:
        args.json.write_text(json.dumps({"small": small, "large": large}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
