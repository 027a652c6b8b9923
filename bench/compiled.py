#!/usr/bin/env python3
"""Benchmark: the generator compiled by mypyc against the same code as pure Python.

Builds worldspec's wheel with the mypyc hook on (pyproject.toml:
HATCH_BUILD_HOOK_ENABLE_MYPYC=true), unpacks it, and compiles each example with
both builds: their documents must be the same, byte for byte (exit 1 where they
are not, naming the first document that differs). Then it times bench/compile.py's
run (eiffel_rome, 20,000 documents of six genres, --jobs 2) with each build, in
turns, and prints the compiled build's documents a second against the pure one's.

    python bench/compiled.py                              # the comparison and the timing
    python bench/compiled.py --documents 300 --no-timing  # CI: the build and the bytes

Run it from the repository with worldspec installed (pure Python) in the running
interpreter; the build needs a C compiler and takes about five minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from compile import GENRES
from compile import WORLD as TIMED
from processes import measure

from worldspec.version import compiled_modules

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.world"))


def build(into: Path) -> Path:
    """The compiled wheel's contents, unpacked in `into`. Built from a copy of the
    repository: hatch-mypyc leaves the compiled modules beside the sources it
    compiles, where they would shadow the .py files of this checkout."""
    wheels = into / "wheels"
    started = time.perf_counter()
    source = into / "source"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(".git", "*.so", "__pycache__", ".*cache", "out", ".venv"),
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(wheels)],
        check=True,
        env={**os.environ, "HATCH_BUILD_HOOK_ENABLE_MYPYC": "true"},
    )
    (wheel,) = wheels.glob("*.whl")
    tree = into / "tree"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tree)
    compiled = compiled_modules(tree / "worldspec")
    print(f"built in {time.perf_counter() - started:.0f} s: {len(compiled)} compiled modules")
    if not compiled:
        raise SystemExit("the wheel has no compiled module: was the mypyc hook run?")
    return tree


def compile_with(tree: Path | None, world: Path, out: Path, *extra: str) -> float:
    """Seconds `worldspec compile` took with the compiled `tree` (None: the pure
    Python worldspec installed); SystemExit, with its errors, where it failed."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    command = [sys.executable, "-P", "-m", "worldspec", "compile", str(world), "--out", str(out)]
    return measure([*command, "-q", *extra], env=env)[0]


def first_difference(left: Path, right: Path) -> str | None:
    """The first document (or file) the two corpora write differently, if any."""
    names = sorted(p.name for p in left.glob("docs-*.jsonl"))
    if names != sorted(p.name for p in right.glob("docs-*.jsonl")):
        return "the shard files differ"
    for name in names:
        ours, theirs = (left / name).read_bytes(), (right / name).read_bytes()
        if ours != theirs:
            for a, b in zip(ours.splitlines(), theirs.splitlines(), strict=False):
                if a != b:
                    return f"{name}: {a[:120]!r}"
            return f"{name}: a different number of documents"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000, help="a corpus, for the bytes")
    parser.add_argument("--timed-documents", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2, help="timed runs of each build")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="worldspec-mypyc-") as tmp:
        base = Path(tmp)
        tree = build(base)
        failed = False
        for world in EXAMPLES:
            pure, compiled = base / f"{world.stem}-pure", base / f"{world.stem}-compiled"
            documents = ("--documents", str(args.documents))
            compile_with(None, world, pure, *documents)
            compile_with(tree, world, compiled, *documents)
            difference = first_difference(pure, compiled)
            print(f"{world.stem}: {'the same bytes' if difference is None else difference}")
            failed |= difference is not None
        if failed:
            return 1
        if args.no_timing:
            return 0
        timed = ("--documents", str(args.timed_documents), "--genres", GENRES, "--jobs", "2")
        seconds: dict[str, list[float]] = {"pure": [], "compiled": []}
        for _ in range(args.rounds):  # in turns: the machine's drift falls on both
            for name, which in (("pure", None), ("compiled", tree)):
                out = base / f"timed-{name}"
                seconds[name].append(compile_with(which, TIMED, out, *timed, "--force"))
        best = {name: min(times) for name, times in seconds.items()}
        rate = {name: args.timed_documents / s for name, s in best.items()}
        print(
            f"{args.timed_documents} documents, --jobs 2, best of {args.rounds}: "
            f"pure Python {best['pure']:.2f} s ({rate['pure']:.0f} documents/s), "
            f"compiled {best['compiled']:.2f} s ({rate['compiled']:.0f} documents/s) "
            f"= {best['pure'] / best['compiled']:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
