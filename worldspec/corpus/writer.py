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
import json
import multiprocessing
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

import worldspec
from worldspec.model import Analysis
from worldspec.plan import CorpusSettings, DocPlan, Planner
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


def write_atomic(path: Path, data: str) -> None:
    """Write `data` to `path` so that the path holds the old content or the new,
    never a part; OSError (a full disk, a read-only directory) leaves no temp file."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


# ---- rendering and verification (in worker processes when jobs > 1) ---------------

_STATE: dict[str, Any] = {}


def _setup(analysis: Analysis, packs: PackLibrary) -> None:
    _STATE["renderer"] = TemplateRenderer(analysis.world)
    _STATE["verifier"] = Verifier(analysis.world)
    _STATE["packs"] = packs


@dataclass(slots=True)
class Draft:
    plan: DocPlan
    attempt: int
    text: str | None
    template_hash: str
    reason: str | None
    minhash: Any = None


def _draft(plan: DocPlan, attempt: int) -> Draft:
    pack = _STATE["packs"].get(plan.genre)
    rendered = _STATE["renderer"].render(plan, pack, attempt)
    findings = _STATE["verifier"].check(rendered.text, plan)
    if findings:
        return Draft(plan, attempt, None, rendered.template_hash, findings[0].reason)
    values = signature(rendered.text)
    return Draft(
        plan, attempt, rendered.text, rendered.template_hash, None, (values, bands(values))
    )


def _first_drafts(plans: list[DocPlan]) -> list[tuple[str | None, str, str | None, Any]]:
    """First attempts in a worker: what comes back leaves the plan out, which the
    main process already has (pickling it back costs more than rendering)."""
    out = []
    for plan in plans:
        draft = _draft(plan, 0)
        out.append((draft.text, draft.template_hash, draft.reason, draft.minhash))
    return out


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
    _setup(analysis, packs)
    index_kept = (out / DEDUP_FILE).exists()
    try:
        dedup = NearDuplicates(dedup_threshold, out / DEDUP_FILE)
    except sqlite3.Error as err:
        raise CorpusError(
            f"{out / DEDUP_FILE}: cannot open the near-duplicate index: {err}"
        ) from err
    shards = (len(planner) + SHARD_SIZE - 1) // SHARD_SIZE
    total = ShardStats()
    plans = iter(planner)
    executor = None
    if jobs > 1:
        executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    try:
        resuming = resume
        for shard in range(shards):
            batch = [plan for _, plan in zip(range(SHARD_SIZE), plans, strict=False)]
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
    batch: list[DocPlan],
    executor: ProcessPoolExecutor | None,
    jobs: int,
) -> Iterator[Draft]:
    if executor is None:
        yield from (_draft(plan, 0) for plan in batch)
        return
    size = max(1, len(batch) // (jobs * 4))
    chunks = [batch[i : i + size] for i in range(0, len(batch), size)]
    for chunk, results in zip(chunks, executor.map(_first_drafts, chunks), strict=True):
        for plan, (text, template_hash, reason, minhash) in zip(chunk, results, strict=True):
            yield Draft(plan, 0, text, template_hash, reason, minhash)


def _write_shard(
    out: Path,
    shard: int,
    batch: list[DocPlan],
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
            for draft in _drafts(batch, executor, jobs):
                final = _accept(draft, dedup)
                if final.text is None:
                    stats.rejected[final.reason or "unknown"] += 1
                else:
                    handle.write(_line(final) + "\n")
                    _count(stats, final)
                if progress is not None:
                    progress(1)
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


def _accept(draft: Draft, dedup: NearDuplicates) -> Draft:
    """The first attempt that passes verification and is no near-duplicate."""
    while True:
        if draft.text is not None:
            values, keys = draft.minhash
            if dedup.duplicate_of(values, keys) is None:
                dedup.add(draft.plan.index, values, keys)
                return draft
            draft.reason = "near-duplicate"
        if draft.attempt + 1 >= MAX_ATTEMPTS:
            return Draft(draft.plan, draft.attempt, None, draft.template_hash, draft.reason)
        draft = _draft(draft.plan, draft.attempt + 1)


def _line(draft: Draft) -> str:
    plan = draft.plan
    assert draft.text is not None
    document = Document(
        id=plan.id,
        text=draft.text,
        genre=plan.genre,
        date=plan.date.isoformat(),
        divergences=plan.divergences,
        facts=[f.key() for f in plan.facts],
        ripples=[f.key() for f in plan.ripples],
        renderer="template",
        template_hash=draft.template_hash,
        seed=plan.seed,
        attempt=draft.attempt,
        words=len(draft.text.split()),
    )
    return document.model_dump_json()


def _count(stats: ShardStats, draft: Draft) -> None:
    plan = draft.plan
    stats.written += 1
    stats.genres[plan.genre] += 1
    for name in plan.divergences:
        stats.by_divergence.setdefault(name, []).append(plan.id)
    for fact in plan.facts + plan.ripples:
        stats.by_fact[fact.key()] += 1
