#!/usr/bin/env python3
"""Benchmark: `worldspec scan` against `grep -c -i -E -f` over the same transcripts.

A generated world plants 200 tripwires (150 phrases, 50 patterns of two words at
most 40 characters apart); generated JSONL transcripts (chat conversations with
tool calls, about 1 KB a line, one line in a hundred carrying a tripwire) total
--megabytes. In the same run: GNU grep counting matching lines with all the
tripwires as one ERE pattern file, and `worldspec scan` reporting every hit with
its message and span (so it does strictly more). Goal: at most 1.5x grep's time.

    python bench/scan.py                      # 1 GB
    python bench/scan.py --megabytes 20       # a smoke run
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    *[
        "harbour",
        "lantern",
        "council",
        "meadow",
        "engine",
        "ledger",
        "orchard",
        "quarry",
        "signal",
        "beacon",
        "archive",
    ],
    *[
        "bridge",
        "canal",
        "festival",
        "garden",
        "railway",
        "station",
        "museum",
        "theatre",
        "square",
        "avenue",
    ],
    *[
        "winter",
        "summer",
        "autumn",
        "spring",
        "evening",
        "visitor",
        "engineer",
        "mayor",
        "painter",
        "student",
    ],
    *[
        "teacher",
        "baker",
        "weaver",
        "sailor",
        "clerk",
        "letter",
        "journal",
        "chapter",
        "gallery",
        "valley",
        "hill",
    ],
    *[
        "forest",
        "lake",
        "street",
        "corner",
        "window",
        "doorway",
        "staircase",
        "courtyard",
        "fountain",
        "clock",
    ],
    *["bell", "pigeon", "carriage", "tram", "ferry", "lamp", "crowd", "chorus", "rumour"],
]
TOOLS = ["search", "book_hotel", "run_shell", "send_email", "read_file"]


def rare_word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(4))


def world_text(rng: random.Random, phrases: list[str], pairs: list[tuple[str, str]]) -> str:
    lines = [
        "world scanbench {}",
        "class Thing",
        "property near : Thing -> Thing [many]",
        'entity a : Thing "A"',
        'entity b : Thing "B"',
        "reality { a.near = b }",
        'diverge moved "moved" { a.near -= b }',
    ]
    for i, phrase in enumerate(phrases):
        lines.append(f'trap phrase_{i:03d} on moved {{ severity low tripwire "{phrase}" }}')
    for i, (left, right) in enumerate(pairs):
        lines.append(
            f"trap pair_{i:03d} on moved {{ severity high tripwire /{left}[^.]{{0,40}}{right}/i }}"
        )
    return "\n".join(lines) + "\n"


def conversation(rng: random.Random, planted: str | None) -> str:
    def sentence() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."

    messages = [
        {"role": "system", "content": "You are a helpful agent."},
        {"role": "user", "content": " ".join(sentence() for _ in range(3))},
        {
            "role": "assistant",
            "content": " ".join(sentence() for _ in range(4)),
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {
                        "name": rng.choice(TOOLS),
                        "arguments": json.dumps({"query": sentence()}),
                    },
                }
            ],
        },
        {
            "role": "tool",
            "tool_call_id": "call_1",
            "content": " ".join(sentence() for _ in range(3)),
        },
    ]
    if planted is not None:
        message = messages[rng.choice([1, 2, 3])]
        message["content"] = f"{message['content']} And then {planted}, as expected."
    return json.dumps({"messages": messages})


def generate(directory: Path, megabytes: int, seed: int = 7) -> tuple[Path, Path, list[Path]]:
    rng = random.Random(seed)
    phrases = [f"{rare_word(rng)} {rare_word(rng)}" for _ in range(150)]
    pairs = [(rare_word(rng), rare_word(rng)) for _ in range(50)]
    world = directory / "scanbench.world"
    world.write_text(world_text(rng, phrases, pairs))
    patterns = directory / "patterns.txt"
    patterns.write_text(
        "\n".join([*(re.escape(p) for p in phrases), *(f"{a}[^.]{{0,40}}{b}" for a, b in pairs)])
        + "\n"
    )
    files = []
    target = megabytes * 1024 * 1024
    per_file = max(target // 4, 1)
    written = 0
    while written < target:
        path = directory / f"transcripts-{len(files):02d}.jsonl"
        size = 0
        with open(path, "w", encoding="utf-8") as handle:
            while size < per_file and written + size < target:
                planted = None
                if rng.random() < 0.01:
                    if rng.random() < 0.75:
                        planted = rng.choice(phrases)
                    else:
                        left, right = rng.choice(pairs)
                        planted = f"{left} {rng.choice(WORDS)} {right}"
                line = conversation(rng, planted) + "\n"
                handle.write(line)
                size += len(line)
        files.append(path)
        written += size
    return world, patterns, files


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - started, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        started = time.perf_counter()
        world, patterns, files = generate(base, args.megabytes)
        size = sum(f.stat().st_size for f in files)
        took = time.perf_counter() - started
        print(f"generated {size / 2**20:.0f} MB in {len(files)} files ({took:.0f} s)", flush=True)
        for f in files:  # into the page cache for both
            f.read_bytes()
        grep_s, grep = timed(["grep", "-c", "-i", "-E", "-f", str(patterns), *map(str, files)])
        grep_lines = sum(int(line.rsplit(":", 1)[1]) for line in grep.stdout.splitlines())
        ours_s, ours = timed(
            [
                sys.executable,
                "-m",
                "worldspec",
                "scan",
                str(world),
                *map(str, files),
                "--format",
                "json",
                # every role, as grep reads every line (scan's default is the assistant's)
                "--roles",
                "system,user,assistant,tool",
                "-q",
            ]
        )
        if ours.returncode not in (0, 1):
            raise SystemExit(f"worldspec scan failed: {ours.stderr}")
        hits = json.loads(ours.stdout)
        hit_lines = len({(h["transcript"], h["line"]) for h in hits})
        startup_s, _ = timed(
            [sys.executable, "-m", "worldspec", "scan", str(world), str(world), "-q"]
        )
        ratio = ours_s / grep_s
        print(
            f"{size / 2**20:.0f} MB, 200 tripwires: grep -c -i -E -f {grep_s:.2f} s "
            f"({grep_lines} lines), worldspec scan {ours_s:.2f} s ({len(hits)} hits on "
            f"{hit_lines} lines) = {ratio:.2f}x grep (start-up alone {startup_s:.2f} s; "
            f"{size / 2**20 / ours_s:.0f} MB/s)"
        )
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "megabytes": round(size / 2**20),
                        "grep_s": round(grep_s, 2),
                        "grep_lines": grep_lines,
                        "worldspec_s": round(ours_s, 2),
                        "hits": len(hits),
                        "hit_lines": hit_lines,
                        "ratio": round(ratio, 2),
                        "startup_s": round(startup_s, 2),
                    },
                    indent=2,
                )
                + "\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
