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

import collections
import contextlib
import gc
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
from typing import Any, NamedTuple, Protocol

import orjson
from pydantic import BaseModel

import worldspec
from worldspec.model import Analysis
from worldspec.plan import Assignment, CorpusSettings, DocPlan, Planner
from worldspec.render import PackLibrary, TemplateRenderer
from worldspec.render.budget import BudgetExhausted
from worldspec.verify import NearDuplicates, Verifier
from worldspec.verify.dedup import bands, signature

SHARD_SIZE = 1000
LOOKAHEAD = 2  # shards whose drafts may be started before the current one is written
MAX_ATTEMPTS = 4
RUN_FILE = ".worldspec-run.json"
DEDUP_FILE = ".near-duplicates.sqlite"
PART_FILE = ".worldspec-part.json"  # what `worldspec merge` needs from the spec


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
    template_hash: str | None = None
    prompt_hash: str | None = None
    model: str | None = None
    seed: int
    attempt: int
    words: int
    usage: dict[str, Any] | None = None  # tokens and cost of the LLM requests it took


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


# ---- drafts: rendered and verified documents, from a source ------------------------


class Draft(NamedTuple):
    """The first attempt at a document that passed verification (line set), the
    reason its last attempt was rejected (line None), or why it could not be
    rendered at all (failure: an LLM request that never succeeded)."""

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
    failure: str | None = None
    usage: dict[str, Any] | None = None


class DraftSource(Protocol):
    """Where drafts come from: the template renderer (processes) or an LLM (async)."""

    max_attempts: int

    def drafts(self, batch: list[Assignment]) -> Iterator[list[Draft]]:
        """The batch's first drafts, in order, a chunk at a time."""
        ...

    def ahead(self, batch: list[Assignment]) -> None:
        """A hint: `batch` comes next, work on it may start."""
        ...

    def redraft(self, assignment: Assignment, attempt: int) -> Draft:
        """Attempts from `attempt` on (the earlier one was a near-duplicate)."""
        ...

    def close(self) -> None: ...


def verified_draft(
    plan: DocPlan,
    attempt: int,
    text: str,
    *,
    renderer: str,
    template_hash: str | None = None,
    prompt_hash: str | None = None,
    model: str | None = None,
    usage: dict[str, Any] | None = None,
    signed: tuple[array[int], array[int]] | None = None,
) -> Draft:
    """A draft that passed verification: its shard line and MinHash signature (and
    band keys: `signed`, when already computed)."""
    # the fields of Document, in its order, None left out; serialised by orjson (a
    # pydantic model cost a tenth of an LLM document's CPU time); a test checks that
    # every line validates as a Document
    facts, ripples = [f.key() for f in plan.facts], [f.key() for f in plan.ripples]
    document: dict[str, Any] = {
        "id": plan.id,
        "text": text,
        "genre": plan.genre,
        "date": plan.date.isoformat(),
        "divergences": plan.divergences,
        "facts": facts,
        "ripples": ripples,
        "renderer": renderer,
        "template_hash": template_hash,
        "prompt_hash": prompt_hash,
        "model": model,
        "seed": plan.seed,
        "attempt": attempt,
        "words": len(text.split()),
        "usage": usage,
    }
    line = orjson.dumps({k: v for k, v in document.items() if v is not None}).decode()
    values, keys = signed if signed is not None else (signature(text), None)
    return Draft(
        plan.index, attempt, line, None, values,
        keys if keys is not None else bands(values), plan.id, plan.genre, plan.divergences,
        facts + ripples, usage=usage,
    )  # fmt: skip


def unwritten_draft(
    plan: DocPlan,
    attempt: int,
    reason: str | None,
    failure: str | None = None,
    usage: dict[str, Any] | None = None,
) -> Draft:
    return Draft(
        plan.index, attempt, None, reason, None, None, plan.id, plan.genre, plan.divergences,
        _fact_keys(plan), failure, usage,
    )  # fmt: skip


def _fact_keys(plan: DocPlan) -> list[str]:
    return [f.key() for f in plan.facts + plan.ripples]


# The template renderer's drafts are made in worker processes when jobs > 1. A worker
# gets a chunk of assignments (a few ints each), builds the plans itself, renders
# and verifies each document until an attempt passes, and sends back the finished
# JSON line with its MinHash signature: the main process only looks up
# near-duplicates, writes and counts, so that it never becomes the bottleneck.

_STATE: dict[str, Any] = {}


def _draft(plan: DocPlan, first_attempt: int) -> Draft:
    """Render attempts from `first_attempt` on until one passes verification."""
    pack = _STATE["packs"].get(plan.genre)
    reason = None
    for attempt in range(first_attempt, MAX_ATTEMPTS):
        rendered = _STATE["renderer"].render(plan, pack, attempt)
        findings = _STATE["verifier"].check(rendered.text, plan)
        if findings:
            reason = findings[0].reason
            continue
        return verified_draft(
            plan, attempt, rendered.text, renderer="template", template_hash=rendered.template_hash
        )
    return unwritten_draft(plan, MAX_ATTEMPTS - 1, reason)


def _draft_chunk(assignments: list[Assignment]) -> list[Draft]:
    planner: Planner = _STATE["planner"]
    return [_draft(planner.plan(a), 0) for a in assignments]


class TemplateSource:
    """Drafts from the template renderer, in `jobs` forked processes (or this one)."""

    max_attempts = MAX_ATTEMPTS

    def __init__(self, analysis: Analysis, packs: PackLibrary, planner: Planner, jobs: int):
        _STATE["renderer"] = TemplateRenderer(analysis.world)
        _STATE["verifier"] = Verifier(analysis.world)
        _STATE["packs"] = packs
        _STATE["planner"] = planner  # set before the fork: the workers inherit it
        self.planner = planner
        self.jobs = jobs
        self.executor = (
            ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
            if jobs > 1
            else None
        )

    def drafts(self, batch: list[Assignment]) -> Iterator[list[Draft]]:
        size = max(1, len(batch) // (self.jobs * 4))
        chunks = [batch[i : i + size] for i in range(0, len(batch), size)]
        if self.executor is None:
            yield from map(_draft_chunk, chunks)
        else:
            yield from self.executor.map(_draft_chunk, chunks)

    def ahead(self, batch: list[Assignment]) -> None:
        pass

    def redraft(self, assignment: Assignment, attempt: int) -> Draft:
        return _draft(self.planner.plan(assignment), attempt)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)


# ---- the run ---------------------------------------------------------------------


@dataclass(slots=True)
class RunResult:
    planned: int
    shards: int
    stats: ShardStats
    seconds: float
    stopped: str | None = None  # why the run stopped before the end (the budget)
    run_usage: dict[str, Any] = field(default_factory=dict)  # this run's requests and spend


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
    source: Callable[[Planner], DraftSource] | None = None,
    renderer_settings: dict[str, Any] | None = None,
    part: tuple[int, int] | None = None,
    probes: list[str] | None = None,
) -> RunResult:
    """Write the corpus. `source` makes the drafts (default: the template renderer
    with `jobs` processes); `renderer_settings` are the settings that decide its
    output, recorded so that --resume refuses to mix two renderers' documents.

    `probes` are probes.jsonl's lines, made by the caller (evaluation is a later
    stage than this one).

    `part` (I, N) writes only the shards whose number is I modulo N, for a run split
    over machines: each part checks near-duplicates among its own documents, and
    `worldspec merge` joins the parts, checking them across parts."""
    started = time.perf_counter()
    planner = Planner(analysis, settings)
    run: dict[str, Any] = {
        "spec": source_hash,
        "settings": json.loads(settings.model_dump_json()),
        "dedup_threshold": dedup_threshold,
        "worldspec": worldspec.__version__,
    }
    if renderer_settings:
        run["renderer"] = renderer_settings
    if part is not None:
        run["part"] = list(part)
    _prepare(out, run, resume)
    index_kept = (out / DEDUP_FILE).exists()
    try:
        dedup = NearDuplicates(dedup_threshold, out / DEDUP_FILE)
    except sqlite3.Error as err:
        raise CorpusError(
            f"{out / DEDUP_FILE}: cannot open the near-duplicate index: {err}"
        ) from err
    shards = shard_count(len(planner))
    total = ShardStats()
    assignments = planner.assignments()
    # the world, the packs and the plans live for the whole run: out of the collector's
    # sight, its full collections stay short (they paused an LLM run's event loop), and
    # forked workers do not copy the pages a collection would touch
    gc.freeze()
    drafts = (
        source(planner) if source is not None else TemplateSource(analysis, packs, planner, jobs)
    )
    stopped = None
    try:
        resuming = resume
        # the shards after the current one, read ahead so that an LLM source keeps its
        # requests flowing while the writer waits for the current shard's slowest one
        mine = part_shards(len(planner), part)
        batches = _batches(assignments, shards, set(mine))
        window: collections.deque[list[Assignment]] = collections.deque(
            itertools.islice(batches, LOOKAHEAD + 1)
        )
        for shard in mine:
            batch = window.popleft()
            window.extend(itertools.islice(batches, 1))
            stats = _finished(out, shard) if resuming else None
            if stats is not None and not index_kept:
                _reindex(out, shard, dedup)  # the index was lost: rebuild it from the text
            if stats is None:
                if resuming:  # the index may hold documents of the shard a crash cut short
                    dedup.forget_from(shard * SHARD_SIZE)
                    resuming = False
                for upcoming in [batch, *window]:
                    drafts.ahead(upcoming)
                try:
                    stats = _write_shard(out, shard, batch, dedup, drafts, progress)
                except BudgetExhausted as err:
                    stopped = str(err)
                    break
            elif progress is not None:
                progress(len(batch))
            _merge(total, stats)
    finally:
        drafts.close()
        dedup.close()
        gc.unfreeze()
    result = RunResult(len(planner), shards, total, time.perf_counter() - started, stopped)
    result.run_usage = getattr(drafts, "run_usage", {})
    if stopped is not None:
        return result  # complete shards stay; --resume finishes the corpus
    from worldspec.corpus.outputs import CorpusFacts, write_outputs

    facts = CorpusFacts.of(analysis, planner, probes or [])
    try:
        if part is not None:  # the companions are the merge's to write, from this
            write_atomic(out / PART_FILE, facts.model_dump_json(indent=1) + "\n")
        else:
            write_outputs(out, facts, settings, result, run)
    except OSError as err:
        raise CorpusError(f"{out}: cannot be written: {err.strerror or err}") from err
    for suffix in ("", "-wal", "-shm"):  # only a resume needs the index
        with contextlib.suppress(OSError):
            (out / (DEDUP_FILE + suffix)).unlink()
    return result


def shard_count(documents: int) -> int:
    return (documents + SHARD_SIZE - 1) // SHARD_SIZE


def part_shards(documents: int, part: tuple[int, int] | None) -> list[int]:
    """The shards part (I, N) of a split run writes: those numbered I modulo N (all of
    them without a part)."""
    return [s for s in range(shard_count(documents)) if part is None or s % part[1] == part[0]]


def _batches(
    assignments: Iterator[Assignment], shards: int, wanted: set[int]
) -> Iterator[list[Assignment]]:
    """The assignments of the wanted shards, a shard at a time (the others are read
    past: assignments are cheap, and sequential)."""
    for shard in range(shards):
        batch = list(itertools.islice(assignments, SHARD_SIZE))
        if shard in wanted:
            yield batch


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
    total.failed.update(stats.failed)
    total.add_usage(stats.usage)


def failed_documents(out: Path, shards: int) -> Iterator[dict[str, str]]:
    """The documents an LLM could not render, with their errors, shard by shard."""
    for shard in range(shards):
        stats = _finished(out, shard)
        if stats is not None:
            yield from stats.failures


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


def _write_shard(
    out: Path,
    shard: int,
    batch: list[Assignment],
    dedup: NearDuplicates,
    source: DraftSource,
    progress: Callable[[int], None] | None,
) -> ShardStats:
    stats = ShardStats()
    path = _shard_path(out, shard)
    tmp = path.with_name(f".{path.name}.tmp")
    first = batch[0].position if batch else 0
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in source.drafts(batch):
                dedup.prefetch(key for draft in chunk if draft.bands for key in draft.bands)
                for draft in chunk:
                    final = _accept(draft, dedup, batch[draft.position - first], source, stats)
                    if final.failure is not None:
                        kind, _, error = final.failure.partition(": ")
                        stats.failed[kind] += 1
                        stats.failures.append({"id": final.id, "error": error})
                    elif final.line is None:
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
    except BaseException:  # a budget stop, an interrupt: no half shard is left behind
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return stats


def _accept(
    draft: Draft,
    dedup: NearDuplicates,
    assignment: Assignment,
    source: DraftSource,
    stats: ShardStats,
) -> Draft:
    """The first attempt that passes verification and is no near-duplicate of a
    document written before it; later attempts are rendered here, in order. What
    every attempt cost is counted, written or not."""
    while True:
        stats.add_usage(draft.usage)
        if draft.line is None:
            return draft
        assert draft.signature is not None
        if dedup.duplicate_of(draft.signature, draft.bands) is None:
            dedup.add(draft.position, draft.signature, draft.bands)
            return draft
        if draft.attempt + 1 >= source.max_attempts:
            return draft._replace(line=None, reason="near-duplicate")
        draft = source.redraft(assignment, draft.attempt + 1)


def _count(stats: ShardStats, draft: Draft) -> None:
    stats.written += 1
    stats.genres[draft.genre] += 1
    for name in draft.divergences:
        stats.by_divergence.setdefault(name, []).append(draft.id)
    stats.by_fact.update(draft.facts)
