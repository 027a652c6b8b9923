#!/usr/bin/env python3
"""Reader tests (issue 12): what a fresh reader reads, and the tally of verdicts.

The issue's reader goal is that a reader of twenty random documents of each
example would take most of them for plain, dull, real documents. No script can
judge that. A reader can: a person, or a language model given nothing but the
file and the prompt (in this repository's sessions, a subagent that had not seen
how the documents were made). This script writes what the reader reads and
tallies what they wrote back. The corpora are bench/quality.py's (`--keep DIR`):
one `corpus-<world>` directory each, of `docs-*.jsonl` shards.

Two tests, each with its prompt written next to the documents:

- `pairs`: the same documents before and after a change, A and B at random. The
  reader says which of each pair reads more like a real document. This is how a
  change is judged: it touches a few hundred documents of two thousand, which a
  random sample would hardly see. A change that loses its paired read is narrowed
  until it wins, or reverted.
- `blind`: twenty random documents of each side, shuffled into one file. The
  reader passes or fails each one. This is the reader goal itself. Its figures
  are the readers' as much as the documents': the same corpus read with two
  samples has passed 2 and 11 of twenty (bench/RESULTS.md, session 39). Compare
  within one round, never across prompts.

    python bench/readers.py changed OLD NEW                   # what differs, per corpus
    python bench/readers.py pairs OLD/corpus-x NEW/corpus-x OUT --n 12
    python bench/readers.py blind OLD/corpus-x NEW/corpus-x OUT --n 20
    python bench/readers.py tally OUT                         # after OUT/verdicts.json
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

# what a paired reader is asked (sessions 33 to 39)
PAIR_PROMPT = """\
You are a careful, demanding reader of English prose. The file {documents} holds \
numbered pairs of documents (forum threads, news articles, encyclopedia entries, \
emails, interview transcripts, textbook excerpts, release notes, advisories). In \
each pair, versions A and B are two drafts of the same document; they differ \
somewhere, sometimes in one sentence only.

For each pair, find where they differ and decide which draft reads more like a \
plain, real document a person would write (natural, coherent, no odd or mechanical \
phrasing, nothing stiff, nothing that sounds generated). The facts stated may \
describe an unusual world; take the facts as given and judge only how the document \
reads. If the difference doesn't matter or you cannot prefer one, say "tie".

Do not run any code or look at any other file. Read the file with your \
file-reading tool only.

Write your verdicts as a JSON list to {verdicts}, one object per pair: \
{{"pair": <number>, "better": "A" | "B" | "tie", "why": "<one sentence naming the \
difference>"}}. Then reply with a short summary: the count of A/B/tie and the two \
most common reasons.
"""

# what a blind reader is asked: the prompt of rounds 32 to 34, rebuilt in session 39
BLIND_PROMPT = """\
The file {documents} holds numbered documents from a corpus meant to consist of \
ordinary, real documents of their kinds (news articles, encyclopedia entries, forum \
threads, emails, interview transcripts, textbook excerpts, release notes, security \
advisories). The world they describe may differ from reality: do NOT fail a \
document because a fact differs from what you know; take every fact as given.

For each document, answer one question: would an ordinary reader take it for a \
plain, possibly dull, real document of its kind, written by a person? Give a \
verdict ("pass" if yes, "fail" if no), a score from 1 (obviously machine-made) to 5 \
(could not tell it from a real one), and the reason in one sentence.

Read the file with your file-reading tool only (in parts if it is long); do not \
run code and do not open other files.

Write your judgements as a JSON list to {verdicts}, one object per document: \
{{"doc": <number>, "pass": true|false, "score": <1-5>, "reason": "<one \
sentence>"}}. Then reply with a short summary: how many pass, and the three most \
common reasons for failing, each with a document number.
"""


def load(corpus: Path) -> dict[str, dict[str, object]]:
    """A corpus's documents by id."""
    documents: dict[str, dict[str, object]] = {}
    for shard in sorted(corpus.glob("docs-*.jsonl")):
        with open(shard, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                documents[str(record["id"])] = record
    if not documents:
        raise SystemExit(f"{corpus}: no docs-*.jsonl documents")
    return documents


def changed(old: Path, new: Path) -> list[str]:
    """Per corpus of two --keep directories: how many documents differ, by genre."""
    lines = []
    for corpus in sorted(old.glob("corpus-*")):
        before, after = load(corpus), load(new / corpus.name)
        genres = Counter(
            str(d["genre"])
            for i, d in after.items()
            if i not in before or before[i]["text"] != d["text"]
        )
        lines.append(f"{corpus.name}: {sum(genres.values())} {dict(sorted(genres.items()))}")
    return lines


def pairs(
    old: Path,
    new: Path,
    out: Path,
    n: int,
    seed: int,
    genres: set[str] | None = None,
    only: str | None = None,
) -> int:
    """Up to `n` documents that differ, before and after, A and B at random; `only`:
    those whose text before matches a pattern (the documents a change is about)."""
    before, after = load(old), load(new)
    wanted = re.compile(only) if only else None
    ids = [
        i
        for i in before
        if i in after
        and before[i]["text"] != after[i]["text"]
        and (genres is None or before[i]["genre"] in genres)
        and (wanted is None or wanted.search(str(before[i]["text"])))
    ]
    rng = random.Random(seed)
    chosen = rng.sample(ids, min(n, len(ids)))
    out.mkdir(parents=True, exist_ok=True)
    key: dict[int, str] = {}
    with open(out / "pairs.md", "w", encoding="utf-8") as text:
        for at, i in enumerate(chosen, 1):
            new_first = rng.random() < 0.5
            a, b = (after[i], before[i]) if new_first else (before[i], after[i])
            key[at] = "A" if new_first else "B"
            text.write(f"=== PAIR {at} ===\n--- A ---\n{a['text']}\n--- B ---\n{b['text']}\n\n")
    _write_key(out, "pairs", key)
    _write_prompt(out, PAIR_PROMPT, out / "pairs.md")
    return len(ids)


def blind(old: Path, new: Path, out: Path, n: int, seed: int) -> None:
    """`n` random documents of each side, none the same text on both, shuffled."""
    rng = random.Random(seed)
    before, after = load(old), load(new)
    taken = rng.sample(sorted(before), min(n, len(before)))
    shown = {str(before[i]["text"]) for i in taken}
    rest = [i for i in sorted(after) if str(after[i]["text"]) not in shown]
    items = [("old", before[i]) for i in taken]
    items += [("new", after[i]) for i in rng.sample(rest, min(n, len(rest)))]
    rng.shuffle(items)
    out.mkdir(parents=True, exist_ok=True)
    key: dict[int, str] = {}
    with open(out / "documents.md", "w", encoding="utf-8") as text:
        for at, (side, document) in enumerate(items, 1):
            key[at] = side
            text.write(f"=== DOCUMENT {at} ===\n{document['text']}\n\n")
    _write_key(out, "blind", key)
    _write_prompt(out, BLIND_PROMPT, out / "documents.md")


def _write_key(out: Path, kind: str, key: dict[int, str]) -> None:
    (out / "key.json").write_text(json.dumps({"kind": kind, "key": key}) + "\n")


def _write_prompt(out: Path, prompt: str, documents: Path) -> None:
    text = prompt.format(documents=documents.resolve(), verdicts=(out / "verdicts.json").resolve())
    (out / "prompt.md").write_text(text, encoding="utf-8")


def tally(out: Path) -> str:
    """What the reader's verdicts.json says, against the key: new / old / tie of a
    paired read; passes and mean score a side of a blind one."""
    stored = json.loads((out / "key.json").read_text())
    key = {int(k): v for k, v in stored["key"].items()}
    verdicts = json.loads((out / "verdicts.json").read_text())
    if stored["kind"] == "pairs":
        counts: Counter[str] = Counter()
        for verdict in verdicts:
            better = str(verdict["better"]).strip().upper()
            new_side = key[int(verdict["pair"])]
            counts[
                "tie" if better not in ("A", "B") else "new" if better == new_side else "old"
            ] += 1
        return f"new {counts['new']} / old {counts['old']} / tie {counts['tie']}"
    passed: Counter[str] = Counter()
    read: Counter[str] = Counter()
    scores: dict[str, float] = {}
    for verdict in verdicts:
        side = key[int(verdict["doc"])]
        read[side] += 1
        passed[side] += bool(verdict["pass"])
        scores[side] = scores.get(side, 0.0) + float(verdict.get("score", 0))
    return ", ".join(
        f"{side}: {passed[side]}/{read[side]} (mean {scores[side] / read[side]:.2f})"
        for side in ("old", "new")
        if read[side]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    diff = commands.add_parser("changed", help="documents that differ between two --keep dirs")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    # what a paired read and a blind round both take: two corpora, where to write
    read = argparse.ArgumentParser(add_help=False)
    read.add_argument("old", type=Path)
    read.add_argument("new", type=Path)
    read.add_argument("out", type=Path)
    read.add_argument("--seed", type=int, default=1)
    paired = commands.add_parser(
        "pairs", parents=[read], help="a paired read of one corpus before and after"
    )
    paired.add_argument("--n", type=int, default=12)
    paired.add_argument("--genres", help="comma-separated genres (default: any)")
    paired.add_argument("--only", help="a pattern the document's text before matches")
    rounds = commands.add_parser(
        "blind", parents=[read], help="a blind round of random documents a side"
    )
    rounds.add_argument("--n", type=int, default=20)
    counted = commands.add_parser("tally", help="what a reader's verdicts.json says")
    counted.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.command == "changed":
        print("\n".join(changed(args.old, args.new)))
    elif args.command == "pairs":
        genres = set(args.genres.split(",")) if args.genres else None
        differ = pairs(args.old, args.new, args.out, args.n, args.seed, genres, args.only)
        print(f"{differ} documents differ; the reader's prompt: {args.out / 'prompt.md'}")
    elif args.command == "blind":
        blind(args.old, args.new, args.out, args.n, args.seed)
        print(f"the reader's prompt: {args.out / 'prompt.md'}")
    else:
        print(tally(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
