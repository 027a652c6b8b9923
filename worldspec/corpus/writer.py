"""`worldspec compile`: plan, render, verify and write a corpus, resumably.

Documents are written in shards of SHARD_SIZE plan indexes (`docs-00000.jsonl`,
...). A shard is written to a temporary file and renamed when complete, with a
sidecar of its counts, so a shard on disk is always whole. `resume` keeps every
complete shard, rebuilds the near-duplicate index from their texts in order, and
goes on from the first missing one: as every document depends only on its plan,
its attempt number and the documents before it, the result is byte-identical to
an uninterrupted run, for any number of jobs.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import multiprocessing
import os
import sqlite3
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

import worldspec
from worldspec.model import Analysis
from worldspec.plan import Assignment, CorpusSettings, DocPlan, Planner
from worldspec.render import PackLibrary, TemplateRenderer
from worldspec.verify import NearDuplicates, Verifier
from worldspec.verify.dedup import bands, signature

SHARD_SIZE = 1000
MAX_ATTEMPTS = 4
RUN_FILE = ".worldspec-run.json"
DEDUP_FILE = ".near-duplicates.sqlite"


class CorpusError(Exception):
    """A run that cannot go on: an unusable output directory, a full disk."""


class Document(BaseModel):
    """One line of a shard."""

    id: str
    text: str
    genre: str
    date: str
    divergences: list[str]
    facts: list[str]
    ripples: list[str]
    renderer: str
    template_hash: str
    seed: int
    attempt: int
    words: int


@dataclass(slots=True)
class ShardStats:
    written: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    by_divergence: dict[str, list[str]] = field(default_factory=dict)
    by_fact: Counter[str] = field(default_factory=Counter)
    genres: Counter[str] = field(default_factory=Counter)
    divergence_counts: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "rejected": dict(sorted(self.rejected.items())),
            "by_divergence": self.by_divergence,
            "by_fact": dict(sorted(self.by_fact.items())),
            "genres": dict(sorted(self.genres.items())),
        }

    @classmethod
    def of(cls, data: dict[str, Any]) -> ShardStats:
        return cls(
            data["written"],
            Counter(data["rejected"]),
            data["by_divergence"],
            Counter(data["by_fact"]),
            Counter(data["genres"]),
        )


def write_atomic(path: Path, data: str | Iterable[str]) -> None:
    """Write `data` (a text, or its parts as they are produced) to `path` so that the
    path holds the old content or the new, never a part; OSError (a full disk, a
    read-only directory) leaves no temp file."""
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
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


# ---- rendering and verification (in worker processes when jobs > 1) ---------------
#
# A worker gets a chunk of assignments (a few ints each), builds the plans itself,
# renders and verifies each document until an attempt passes, and sends back the
# finished JSON line with its MinHash signature: the main process only looks up
# near-duplicates, writes and counts, so that it never becomes the bottleneck.

_STATE: dict[str, Any] = {}


def _setup(analysis: Analysis, packs: PackLibrary, planner: Planner) -> None:
    _STATE["renderer"] = TemplateRenderer(analysis.world)
    _STATE["verifier"] = Verifier(analysis.world)
    _STATE["packs"] = packs
    _STATE["planner"] = planner


class Draft(NamedTuple):
    """The first attempt at a document that passed verification (line set), or the
    reason its last attempt failed (line None)."""

    position: int
    attempt: int
    line: str | None
    reason: str | None
    signature: array[int] | None
    bands: array[int] | None
    id: str
    genre: str
    divergences: list[str]
    facts: list[str]


def _draft(plan: DocPlan, first_attempt: int) -> Draft:
    """Render attempts from `first_attempt` on until one passes verification."""
    pack = _STATE["packs"].get(plan.genre)
    keys = [f.key() for f in plan.facts + plan.ripples]
    reason = None
    for attempt in range(first_attempt, MAX_ATTEMPTS):
        rendered = _STATE["renderer"].render(plan, pack, attempt)
        findings = _STATE["verifier"].check(rendered.text, plan)
        if findings:
            reason = findings[0].reason
            continue
        values = signature(rendered.text)
        line = _line(plan, rendered.text, rendered.template_hash, attempt)
        return Draft(
            plan.index, attempt, line, None, values, bands(values), plan.id, plan.genre,
            plan.divergences, keys,
        )  # fmt: skip
    return Draft(
        plan.index, MAX_ATTEMPTS - 1, None, reason, None, None, plan.id, plan.genre,
        plan.divergences, keys,
    )  # fmt: skip


def _draft_chunk(assignments: list[Assignment]) -> list[Draft]:
    planner: Planner = _STATE["planner"]
    return [_draft(planner.plan(a), 0) for a in assignments]


# ---- the run ---------------------------------------------------------------------


@dataclass(slots=True)
class RunResult:
    planned: int
    shards: int
    stats: ShardStats
    seconds: float


def spec_hash(texts: list[str]) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    return digest.hexdigest()


def _shard_path(out: Path, shard: int) -> Path:
    return out / f"docs-{shard:05d}.jsonl"


def _meta_path(out: Path, shard: int) -> Path:
    return out / f".docs-{shard:05d}.meta.json"


def _prepare(out: Path, run: dict[str, Any], resume: bool) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CorpusError(
            f"{out}: cannot create the output directory: {err.strerror or err}"
        ) from err
    marker = out / RUN_FILE
    existing = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    if marker.exists():
        previous = json.loads(marker.read_text(encoding="utf-8"))
        if not resume:
            raise CorpusError(
                f"{out} already holds a corpus; pass --resume to finish it, or "
                "choose an empty directory"
            )
        if previous != run:
            raise CorpusError(
                f"{out} holds a corpus of another spec or other settings; "
                "--resume needs the same ones"
            )
    elif existing:
        raise CorpusError(
            f"{out} is not empty and holds no worldspec corpus: choose an empty directory"
        )
    try:
        write_atomic(marker, json.dumps(run, indent=2, sort_keys=True) + "\n")
    except OSError as err:
        raise CorpusError(f"{out}: cannot write: {err.strerror or err}") from err


def compile_corpus(
    analysis: Analysis,
    settings: CorpusSettings,
    out: Path,
    packs: PackLibrary,
    source_hash: str,
    *,
    jobs: int = 1,
    resume: bool = False,
    dedup_threshold: float = 0.85,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    started = time.perf_counter()
    planner = Planner(analysis, settings)
    run = {
        "spec": source_hash,
        "settings": json.loads(settings.model_dump_json()),
        "dedup_threshold": dedup_threshold,
        "worldspec": worldspec.__version__,
    }
    _prepare(out, run, resume)
    _setup(analysis, packs, planner)
    index_kept = (out / DEDUP_FILE).exists()
    try:
        dedup = NearDuplicates(dedup_threshold, out / DEDUP_FILE)
    except sqlite3.Error as err:
        raise CorpusError(
            f"{out / DEDUP_FILE}: cannot open the near-duplicate index: {err}"
        ) from err
    shards = (len(planner) + SHARD_SIZE - 1) // SHARD_SIZE
    total = ShardStats()
    assignments = planner.assignments()
    executor = None
    if jobs > 1:
        executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    try:
        resuming = resume
        for shard in range(shards):
            batch = list(itertools.islice(assignments, SHARD_SIZE))
            stats = _finished(out, shard) if resuming else None
            if stats is not None and not index_kept:
                _reindex(out, shard, dedup)  # the index was lost: rebuild it from the text
            if stats is None:
                if resuming:  # the index may hold documents of the shard a crash cut short
                    dedup.forget_from(shard * SHARD_SIZE)
                    resuming = False
                stats = _write_shard(out, shard, batch, dedup, executor, jobs, progress)
            elif progress is not None:
                progress(len(batch))
            _merge(total, stats)
    finally:
        dedup.close()
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    result = RunResult(len(planner), shards, total, time.perf_counter() - started)
    from worldspec.corpus.outputs import write_outputs

    try:
        write_outputs(out, analysis, settings, planner, result, run)
    except OSError as err:
        raise CorpusError(f"{out}: cannot be written: {err.strerror or err}") from err
    for suffix in ("", "-wal", "-shm"):  # only a resume needs the index
        with contextlib.suppress(OSError):
            (out / (DEDUP_FILE + suffix)).unlink()
    return result


def _reindex(out: Path, shard: int, dedup: NearDuplicates) -> None:
    with open(_shard_path(out, shard), encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            dedup.add(int(record["id"].rsplit("-", 1)[1]), signature(record["text"]))
    dedup.commit()


def _merge(total: ShardStats, stats: ShardStats) -> None:
    """Add a shard's counts. The document ids per divergence stay in the shard's
    sidecar (read back for traps.json), so memory does not grow with the corpus."""
    total.written += stats.written
    total.rejected.update(stats.rejected)
    for name, ids in stats.by_divergence.items():
        total.divergence_counts[name] += len(ids)
    total.by_fact.update(stats.by_fact)
    total.genres.update(stats.genres)


def divergence_documents(out: Path, shards: int, divergence: str) -> Iterator[str]:
    """The ids of the documents that carry `divergence`, shard by shard."""
    for shard in range(shards):
        stats = _finished(out, shard)
        if stats is not None:
            yield from stats.by_divergence.get(divergence, [])


def _finished(out: Path, shard: int) -> ShardStats | None:
    """The counts of a shard that was written whole, or None."""
    path, meta = _shard_path(out, shard), _meta_path(out, shard)
    if not (path.exists() and meta.exists()):
        return None
    return ShardStats.of(json.loads(meta.read_text(encoding="utf-8")))


def _drafts(
    batch: list[Assignment],
    executor: ProcessPoolExecutor | None,
    jobs: int,
) -> Iterator[list[Draft]]:
    """The batch's first drafts, a chunk at a time, in order."""
    size = max(1, len(batch) // (jobs * 4))
    chunks = [batch[i : i + size] for i in range(0, len(batch), size)]
    if executor is None:
        yield from map(_draft_chunk, chunks)
    else:
        yield from executor.map(_draft_chunk, chunks)


def _write_shard(
    out: Path,
    shard: int,
    batch: list[Assignment],
    dedup: NearDuplicates,
    executor: ProcessPoolExecutor | None,
    jobs: int,
    progress: Callable[[int], None] | None,
) -> ShardStats:
    stats = ShardStats()
    path = _shard_path(out, shard)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in _drafts(batch, executor, jobs):
                dedup.prefetch(key for draft in chunk if draft.bands for key in draft.bands)
                for draft in chunk:
                    final = _accept(draft, dedup, batch[draft.position - batch[0].position])
                    if final.line is None:
                        stats.rejected[final.reason or "unknown"] += 1
                    else:
                        handle.write(final.line)
                        handle.write("\n")
                        _count(stats, final)
                if progress is not None:
                    progress(len(chunk))
            handle.flush()
            os.fsync(handle.fileno())
        dedup.commit()
        os.replace(tmp, path)
        write_atomic(_meta_path(out, shard), json.dumps(stats.to_json(), sort_keys=True) + "\n")
    except (OSError, sqlite3.Error) as err:  # a full disk fails the index as well as the shard
        with contextlib.suppress(OSError):
            tmp.unlink()
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise CorpusError(f"{path}: cannot be written: {reason}") from err
    return stats


def _accept(draft: Draft, dedup: NearDuplicates, assignment: Assignment) -> Draft:
    """The first attempt that passes verification and is no near-duplicate of a
    document written before it; later attempts are rendered here, in order."""
    while True:
        if draft.line is None:
            return draft
        assert draft.signature is not None
        if dedup.duplicate_of(draft.signature, draft.bands) is None:
            dedup.add(draft.position, draft.signature, draft.bands)
            return draft
        if draft.attempt + 1 >= MAX_ATTEMPTS:
            return draft._replace(line=None, reason="near-duplicate")
        draft = _draft(_STATE["planner"].plan(assignment), draft.attempt + 1)


def _line(plan: DocPlan, text: str, template_hash: str, attempt: int) -> str:
    document = Document(
        id=plan.id,
        text=text,
        genre=plan.genre,
        date=plan.date.isoformat(),
        divergences=plan.divergences,
        facts=[f.key() for f in plan.facts],
        ripples=[f.key() for f in plan.ripples],
        renderer="template",
        template_hash=template_hash,
        seed=plan.seed,
        attempt=attempt,
        words=len(text.split()),
    )
    return document.model_dump_json()


def _count(stats: ShardStats, draft: Draft) -> None:
    stats.written += 1
    stats.genres[draft.genre] += 1
    for name in draft.divergences:
        stats.by_divergence.setdefault(name, []).append(draft.id)
    stats.by_fact.update(draft.facts)
