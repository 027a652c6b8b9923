#!/usr/bin/env python3
"""Benchmark: the quality of compiled corpora, against the goals of issue 12 and
against human-written text measured in the same run.

Compiles every example (examples/*.world: the general genres, and the software ones
for a world that uses std.software) and a generated world of at least 100
divergences (bench/worlds.py), and that world again with more facts about each
entity (generated-rich), then measures each corpus with `worldspec stats`'s
code: sentences that name nothing of the world, sentences in more than 1% of the
documents, distinct word 4-grams and zlib redundancy over a 1,000-document sample,
doubled punctuation and words. The reference is human-written: the paragraphs of
this repository's README.md, specs/LANGUAGE.md and renderers/README.md, and the
prose files of ../shared, each paragraph a document. Distinct 4-grams and
redundancy grow and shrink with a sample's size, so each corpus is measured again
on as many words as the reference has ("at ref. size").

Goals: unanchored <= 5%, repeated <= 15%, distinct 4-grams >= 0.40 on the generated
world, redundancy <= 3.0, and no doubled punctuation or word anywhere: the last
one fails the run (exit 1); the others are reported.

    python bench/quality.py                                   # 2,000 documents each
    python bench/quality.py --documents 200 --divergences 100  # a smoke run
    python bench/quality.py --tree /tmp/before                # another checkout's corpora
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from worlds import quality_world

from worldspec.corpus.stats import (
    StatsDocument,
    corpus_files,
    distinct_4grams,
    measure,
    names_of_trig,
    read_documents,
    redundancy,
)

REPO = Path(__file__).resolve().parent.parent
GENERAL_GENRES = [
    "news_article",
    "encyclopedia_entry",
    "forum_thread",
    "textbook_excerpt",
    "email",
    "interview_transcript",
]
SOFTWARE_GENRES = ["security_advisory", "release_notes"]
REFERENCE_FILES = ["README.md", "specs/LANGUAGE.md", "renderers/README.md"]
GENERATED = "generated"
# the same world with more facts about each entity (bench/worlds.py `rich`): how
# much of what the figures measure is the world, how much the generator
RICH = "generated-rich"
GOALS = {  # metric -> (bound, value, the corpora it applies to: None for all)
    "unanchored": ("max", 0.05, None),
    "repeated": ("max", 0.15, None),
    "distinct_4grams": ("min", 0.40, GENERATED),
    "redundancy": ("max", 3.0, None),
}


def genres_for(world: Path, tree: Path) -> list[str]:
    """The genres that apply to a world: the general ones, and for software (a world
    that uses std.software; read from the text, as the tree's language may differ
    from this one's) advisories and release notes; those the tree has packs for."""
    wanted = GENERAL_GENRES + (
        SOFTWARE_GENRES if "use std.software" in world.read_text(encoding="utf-8") else []
    )
    return [g for g in wanted if (tree / "renderers" / g / "genre.toml").is_file()]


def compile_world(world: Path, out: Path, documents: int, tree: Path) -> None:
    """`worldspec compile` with the tree's code; a corpus short of coverage (exit 1)
    is still a corpus to measure."""
    command = [sys.executable, "-m", "worldspec", "compile", str(world), "--out", str(out)]
    command += ["--force"]  # a corpus --keep left from an earlier run
    command += ["--documents", str(documents), "--genres", ",".join(genres_for(world, tree))]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([*command, "-q"], cwd=tree, env=env, capture_output=True, text=True)
    if not (out / "manifest.json").is_file():
        raise SystemExit(f"compiling {world} failed (exit {done.returncode}):\n{done.stderr}")


def paragraphs(text: str) -> list[str]:
    """A Markdown text's prose paragraphs, unwrapped: no code, tables or headings."""
    found: list[str] = []
    current: list[str] = []
    fenced = False
    for line in [*text.splitlines(), ""]:
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            continue
        if fenced or stripped.startswith(("|", "#")):
            continue
        if stripped:
            current.append(stripped)
        elif current:
            paragraph = " ".join(current)
            if len(paragraph.split()) >= 8:
                found.append(paragraph)
            current = []
    return found


def reference_texts() -> list[str]:
    files = [REPO / name for name in REFERENCE_FILES]
    shared = REPO.parent / "shared"
    if shared.is_dir():
        files += sorted(p for p in shared.rglob("*") if p.suffix in (".md", ".txt"))
    return [p for path in files if path.is_file() for p in paragraphs(path.read_text("utf-8"))]


def at_size(texts: list[str], words: int) -> dict[str, float | None]:
    """Distinct 4-grams and redundancy of texts drawn at random (the same each run)
    up to about `words` words."""
    mean = sum(len(t.split()) for t in texts) / max(1, len(texts))
    count = min(len(texts), max(1, math.ceil(words / max(mean, 1))))
    chosen = random.Random(0).sample(texts, count)
    return {
        "documents": len(chosen),
        "distinct_4grams": _rounded(distinct_4grams(chosen)),
        "redundancy": _rounded(redundancy(chosen)),
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def measure_corpus(out: Path, reference_words: int) -> dict[str, Any]:
    files = corpus_files(out)
    names = names_of_trig((out / "world.trig").read_text(encoding="utf-8"))
    report = measure(read_documents(files), names)
    texts = [d.text for d in read_documents(files)]  # a bench corpus is small enough
    report["at_reference_size"] = at_size(texts, reference_words)
    return report


def goal_met(metric: str, corpus: str, value: float | None) -> bool | None:
    bound, goal, applies = GOALS[metric]
    if (applies is not None and applies != corpus) or value is None:
        return None
    return value <= goal if bound == "max" else value >= goal


def _cell(value: float | None, percent: bool = False, digits: int = 3) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.1f}%" if percent else f"{value:.{digits}f}"


def table(corpora: dict[str, dict[str, Any]], reference: dict[str, Any]) -> list[str]:
    columns = ["docs", "unanchored", "repeated", "4-grams", "(ref. size)", "redundancy"]
    columns += ["(ref. size)", "doubled"]
    width = max(len(name) for name in [*corpora, "human-written reference"])
    widths = [7, 10, 8, 7, 11, 10, 11, 7]

    def row(name: str, cells: list[str]) -> str:
        aligned = (c.rjust(w) for c, w in zip(cells, widths, strict=True))
        return name.ljust(width) + "  " + "  ".join(aligned)

    lines = [row("", columns)]
    for name, r in corpora.items():
        size = r["at_reference_size"]
        lines.append(
            row(
                name,
                [
                    f"{r['documents']:,}",
                    _cell(r["unanchored"], True),
                    _cell(r["repeated"], True),
                    _cell(r["distinct_4grams"]),
                    _cell(size["distinct_4grams"]),
                    _cell(r["redundancy"], digits=2),
                    _cell(size["redundancy"], digits=2),
                    f"{r['doubled_punctuation']}/{r['doubled_words']}",
                ],
            )
        )
    ref = [f"{reference['documents']:,}", "-", "-", _cell(reference["distinct_4grams"]), ""]
    ref += [_cell(reference["redundancy"], digits=2), "", "-"]
    lines.append(row("human-written reference", ref))
    lines.append(row("goal", ["", "<= 5%", "<= 15%", ">= 0.40*", "", "<= 3.0", "", "0/0"]))
    return lines


def summary(corpora: dict[str, dict[str, Any]]) -> tuple[list[str], list[str]]:
    """A line per goal (how many corpora meet it), and the doubled punctuation or
    words found, which fail the run."""
    lines = []
    for metric in GOALS:
        verdicts = {n: goal_met(metric, n, r[metric]) for n, r in corpora.items()}
        judged = {n: v for n, v in verdicts.items() if v is not None}
        missed = [n for n, v in judged.items() if not v]
        lines.append(
            f"{metric}: met by {len(judged) - len(missed)} of {len(judged)}"
            + (f" (not: {', '.join(missed)})" if missed else "")
        )
    doubled = [
        f"{name}: {r['doubled_punctuation']} doubled punctuation, "
        f"{r['doubled_words']} doubled words"
        for name, r in corpora.items()
        if r["doubled_punctuation"] or r["doubled_words"]
    ]
    return lines, doubled


def tree_commit(tree: Path) -> str:
    commit = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(tree), "diff", "--quiet", "HEAD", "--"]).returncode
    return (commit or "unknown") + (" with uncommitted changes" if dirty else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--divergences", type=int, default=120)
    parser.add_argument("--tree", type=Path, default=REPO, help="the checkout that compiles")
    parser.add_argument("--keep", type=Path, help="write the corpora here (default: a temp dir)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    tree = args.tree.resolve()
    reference_docs = reference_texts()
    reference = measure(StatsDocument(t) for t in reference_docs)
    reference_words = sum(len(t.split()) for t in reference_docs)
    corpora: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="worldspec-quality-") as scratch:
        base = args.keep or Path(scratch)
        generated = base / f"{GENERATED}.world"
        generated.parent.mkdir(parents=True, exist_ok=True)
        generated.write_text(quality_world(args.divergences), encoding="utf-8")
        rich = base / f"{RICH}.world"
        rich.write_text(quality_world(args.divergences, rich=True), encoding="utf-8")
        worlds = [*sorted((tree / "examples").glob("*.world")), generated, rich]
        for world in worlds:
            out = base / f"corpus-{world.stem}"
            compile_world(world, out, args.documents, tree)
            corpora[world.stem] = measure_corpus(out, reference_words)
    print(
        f"corpus quality (issue 12): {tree} at {tree_commit(tree)}, {args.documents:,} documents "
        f"a corpus, {GENERATED}: {args.divergences} divergences ({RICH}: the same with "
        "more facts an entity); reference: "
        f"{len(reference_docs)} paragraphs, {reference_words:,} words"
    )
    print()
    print("\n".join(table(corpora, reference)))
    print(
        f"* distinct 4-grams: the goal is for {GENERATED}; (ref. size): on as many words as "
        "the reference"
    )
    goals, doubled = summary(corpora)
    print()
    print("\n".join(goals))
    if args.json:
        result = {
            "tree": str(tree),
            "commit": tree_commit(tree),
            "documents": args.documents,
            "divergences": args.divergences,
            "reference": {k: v for k, v in reference.items() if k != "by_genre"},
            "corpora": corpora,
            "goals": goals,
            "doubled": doubled,
        }
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if doubled:
        print("\nFAIL: documents with doubled punctuation or words:\n  " + "\n  ".join(doubled))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
