"""The corpus directory: its files, its shards and their sidecars, and whether it
holds a complete corpus, one to resume, or none.

A shard `docs-NNNNN.jsonl` holds SHARD_SIZE plan indexes' documents; it is written
to a temporary file and renamed when complete, and its sidecar
`.docs-NNNNN.meta.json` (its counts) is written after it, so a shard with a
sidecar is whole. RUN_FILE records the spec and settings of the run; manifest.json
is written last of all (PART_FILE, for a part of a split run), so a directory with
it holds a complete corpus.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worldspec.render.ideas import IDEAS_FILE
from worldspec.render.universe import UNIVERSE_FILE

SHARD_SIZE = 1000
RUN_FILE = ".worldspec-run.json"
# (named anew when what it holds changed: an index of documents held in memory
# says which shards it holds, and a worldspec before that, resuming from it, would
# take the file for all of them; under the new name it finds none and indexes the
# corpus again from its text, as this one does from the old file's)
DEDUP_FILE = ".near-duplicates-2.sqlite"
OLD_DEDUP_FILES = (".near-duplicates.sqlite",)
PART_FILE = ".worldspec-part.json"  # what `worldspec merge` needs from the spec
MANIFEST = "manifest.json"
# the companions of the shards (see worldspec.corpus.outputs), manifest.json last
COMPANIONS = ("traps.json", "failed.jsonl", "world.trig", "probes.jsonl", "README.md")
TIMINGS = "timings.json"
# what an LLM run makes before its documents (worldspec.corpus.context)
CONTEXT_FILES = (UNIVERSE_FILE, IDEAS_FILE)
BATCH_LOG = ".worldspec-batch.json"  # a --batch run's batches (worldspec.corpus.batch)


class CorpusError(Exception):
    """A run that cannot go on: an unusable output directory, a full disk."""


class CorpusComplete(CorpusError):
    """--resume of a corpus that is complete: nothing is left to do."""


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a run; the message says what is written and how to finish."""


@dataclass(slots=True)
class ShardStats:
    written: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    by_divergence: dict[str, list[str]] = field(default_factory=dict)
    by_fact: Counter[str] = field(default_factory=Counter)
    genres: Counter[str] = field(default_factory=Counter)
    divergence_counts: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)  # LLM requests that never succeeded
    failures: list[dict[str, str]] = field(default_factory=list)  # each one's id and error
    usage: dict[str, float] = field(default_factory=dict)  # tokens and cost, LLM renderer

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "written": self.written,
            "rejected": dict(sorted(self.rejected.items())),
            "by_divergence": self.by_divergence,
            "by_fact": dict(sorted(self.by_fact.items())),
            "genres": dict(sorted(self.genres.items())),
        }
        if self.failed:
            data["failed"] = dict(sorted(self.failed.items()))
            data["failures"] = self.failures
        if self.usage:
            data["usage"] = dict(sorted(self.usage.items()))
        return data

    @classmethod
    def of(cls, data: dict[str, Any]) -> ShardStats:
        return cls(
            data["written"],
            Counter(data["rejected"]),
            data["by_divergence"],
            Counter(data["by_fact"]),
            Counter(data["genres"]),
            failed=Counter(data.get("failed", {})),
            failures=data.get("failures", []),
            usage=dict(data.get("usage", {})),
        )

    def add_usage(self, usage: dict[str, Any] | None) -> None:
        for name, value in (usage or {}).items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                self.usage[name] = self.usage.get(name, 0) + value


@dataclass(slots=True)
class RunResult:
    planned: int
    shards: int
    stats: ShardStats
    seconds: float
    stopped: str | None = None  # why the run stopped before the end (the budget)
    run_usage: dict[str, Any] = field(default_factory=dict)  # this run's requests and spend


def write_atomic(path: Path, data: str | Iterable[str]) -> None:
    """Write `data` (a text, or its parts as they are produced) to `path` so that the
    path holds the old content or the new, never a part; OSError (a full disk, a
    read-only directory) or an interrupt leaves no temp file."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            if isinstance(data, str):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:  # a full disk, an interrupt: no temp file is left behind
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def shard_path(out: Path, shard: int) -> Path:
    return out / f"docs-{shard:05d}.jsonl"


def meta_path(out: Path, shard: int) -> Path:
    return out / f".docs-{shard:05d}.meta.json"


def shard_count(documents: int) -> int:
    return (documents + SHARD_SIZE - 1) // SHARD_SIZE


def part_shards(documents: int, part: tuple[int, int] | None) -> list[int]:
    """The shards part (I, N) of a split run writes: those numbered I modulo N (all of
    them without a part)."""
    return [s for s in range(shard_count(documents)) if part is None or s % part[1] == part[0]]


def add_stats(total: ShardStats, stats: ShardStats) -> None:
    """Add a shard's counts. The document ids per divergence stay in the shard's
    sidecar (read back for traps.json), so memory does not grow with the corpus."""
    total.written += stats.written
    total.rejected.update(stats.rejected)
    for name, ids in stats.by_divergence.items():
        total.divergence_counts[name] += len(ids)
    total.by_fact.update(stats.by_fact)
    total.genres.update(stats.genres)
    total.failed.update(stats.failed)
    total.add_usage(stats.usage)


def failed_documents(out: Path, shards: int) -> Iterator[dict[str, str]]:
    """The documents an LLM could not render, with their errors, shard by shard."""
    for shard in range(shards):
        stats = finished_shard(out, shard)
        if stats is not None:
            yield from stats.failures


def divergence_documents(out: Path, shards: int, divergence: str) -> Iterator[str]:
    """The ids of the documents that carry `divergence`, shard by shard."""
    for shard in range(shards):
        stats = finished_shard(out, shard)
        if stats is not None:
            yield from stats.by_divergence.get(divergence, [])


def finished_shard(out: Path, shard: int) -> ShardStats | None:
    """The counts of a shard that was written whole, or None."""
    path, meta = shard_path(out, shard), meta_path(out, shard)
    if not (path.exists() and meta.exists()):
        return None
    return ShardStats.of(json.loads(meta.read_text(encoding="utf-8")))


def part_documents(documents: int, part: tuple[int, int] | None) -> int:
    """How many plan indexes part (I, N) of a split run covers (all without a part)."""
    shards = part_shards(documents, part)
    return sum(min(SHARD_SIZE, documents - s * SHARD_SIZE) for s in shards)


def parse_part(text: str) -> tuple[int, int]:
    """`--shard I/N` as (I, N); CorpusError for anything else."""
    index, _, count = text.partition("/")
    try:
        part = int(index), int(count)
    except ValueError:
        raise CorpusError(f"--shard {text}: expected I/N, as in 0/4") from None
    if not 0 <= part[0] < part[1]:
        raise CorpusError(f"--shard {text}: I must be at least 0 and less than N")
    return part


# ---- the directory's state ---------------------------------------------------------


def prepare_directory(
    out: Path, run: dict[str, Any], *, resume: bool = False, force: bool = False
) -> None:
    """Make `out` ready for the run described by `run`: new, or resumable (`resume`),
    or emptied of an earlier corpus's files (`force`), then record the run. A
    directory with other files, or a corpus the flags do not allow to touch, is a
    CorpusError that says which flag would."""
    _make_directory(out)
    marker = out / RUN_FILE
    if marker.exists():
        previous = _read_marker(marker)
        if force:
            remove_corpus_files(out)
        else:
            _check_resumable(out, previous, run, resume)
    elif any(not p.name.startswith(".") for p in out.iterdir()):
        raise CorpusError(
            f"{out} is not empty and holds no worldspec corpus: choose an empty directory"
            + (" (--force replaces a worldspec corpus only)" if force else "")
        )
    try:
        write_atomic(marker, json.dumps(run, indent=2, sort_keys=True) + "\n")
    except OSError as err:
        raise CorpusError(f"{out}: cannot write: {err.strerror or err}") from err


def _make_directory(out: Path) -> None:
    # the first existing path on the way decides: a file there can never be a corpus
    for path in (out, *out.parents):
        if path.exists():
            if not path.is_dir():
                where = "" if path == out else f" (in the way of {out})"
                raise CorpusError(
                    f"{path} is a file, not a directory{where}: choose a directory for the corpus"
                )
            break
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CorpusError(
            f"{out}: cannot create the output directory: {err.strerror or err}"
        ) from err


def read_run(out: Path) -> dict[str, Any] | None:
    """The run recorded in `out`, or None where there is none (or it is unreadable)."""
    try:
        return _read_marker(out / RUN_FILE)
    except CorpusError:
        return None


def _read_marker(marker: Path) -> dict[str, Any]:
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise CorpusError(
            f"{marker}: cannot read the run's record ({err}); --force starts the corpus again"
        ) from None
    if not isinstance(data, dict):
        raise CorpusError(f"{marker}: not a run's record; --force starts the corpus again")
    return data


def _check_resumable(
    out: Path, previous: dict[str, Any], run: dict[str, Any], resume: bool
) -> None:
    if is_complete(out, previous):
        if resume and previous == run:
            raise CorpusComplete(f"{out} already holds this corpus, complete: nothing to resume")
        raise CorpusError(
            f"{out} already holds a complete corpus"
            + (" of another spec or other settings" if resume else "")
            + "; pass --force to compile it again (that removes only the files the corpus "
            "wrote), or choose another directory"
        )
    if not resume:
        done, planned = written_shards(out, previous)
        raise CorpusError(
            f"{out} holds an unfinished corpus ({done} of {planned} shards written); "
            "pass --resume to finish it, or --force to start again"
        )
    if previous != run:
        raise CorpusError(
            f"{out} holds a corpus of another spec or other settings; --resume needs the "
            "same ones (or --force to start again)"
        )


def is_complete(out: Path, run: dict[str, Any]) -> bool:
    """Whether the run recorded as `run` finished writing `out`."""
    return (out / (PART_FILE if run.get("part") else MANIFEST)).exists()


def written_shards(out: Path, run: dict[str, Any]) -> tuple[int, int]:
    """How many of the run's shards are whole in `out`, and how many it plans."""
    documents = int(run.get("settings", {}).get("documents", 0))
    part = run.get("part")
    shards = part_shards(documents, (int(part[0]), int(part[1])) if part else None)
    return sum(1 for s in shards if finished_shard(out, s) is not None), len(shards)


def index_files(out: Path) -> list[Path]:
    """The near-duplicate index's files in `out`, this worldspec's and an earlier
    one's, with SQLite's journal beside each."""
    return [
        out / f"{index}{suffix}"
        for index in (DEDUP_FILE, *OLD_DEDUP_FILES)
        for suffix in ("", "-wal", "-shm")
    ]


def remove_corpus_files(out: Path) -> None:
    """Delete what a corpus run writes in `out` and nothing else: the manifest first
    (so that an interrupted removal leaves an unfinished corpus, never a complete one
    with files missing), the run's record last."""
    names = [MANIFEST, *COMPANIONS, TIMINGS, PART_FILE, *CONTEXT_FILES, BATCH_LOG]
    paths = [out / name for name in names] + index_files(out)
    paths += sorted(p for p in out.iterdir() if _SHARD_FILE.fullmatch(p.name))
    try:
        for path in [*paths, out / RUN_FILE]:
            if path.is_file() or path.is_symlink():
                path.unlink()
    except OSError as err:
        raise CorpusError(
            f"{out}: cannot remove the earlier corpus: {err.strerror or err}"
        ) from err


# shards, sidecars, and the temporary files of any file the run writes atomically
_SHARD_FILE = re.compile(
    r"docs-\d{5,}\.jsonl|\.docs-\d{5,}\.meta\.json"
    r"|\.(docs-\d{5,}\.jsonl|\.docs-\d{5,}\.meta\.json|"
    + "|".join(
        re.escape(name)
        for name in (MANIFEST, *COMPANIONS, TIMINGS, PART_FILE, RUN_FILE, *CONTEXT_FILES)
    )
    + r")\.tmp"
)
