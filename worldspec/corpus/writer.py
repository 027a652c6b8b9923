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
import os
import sqlite3
import time
from array import array
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import orjson
from pydantic import BaseModel

from worldspec.corpus.outputs import CorpusFacts, write_outputs
from worldspec.corpus.shards import (
    DEDUP_FILE,
    PART_FILE,
    SHARD_SIZE,
    CorpusError,
    RunInterrupted,
    RunResult,
    ShardStats,
    add_stats,
    finished_shard,
    index_files,
    meta_path,
    part_shards,
    prepare_directory,
    shard_count,
    shard_path,
    write_atomic,
    written_shards,
)
from worldspec.corpus.workers import forked_pool
from worldspec.model import Analysis
from worldspec.plan import Assignment, CorpusSettings, DocPlan, Planner
from worldspec.render import PackLibrary, TemplateRenderer
from worldspec.render.budget import RunStop
from worldspec.verify import NearDuplicates, Verifier
from worldspec.verify.dedup import bands, signature
from worldspec.version import __version__

LOOKAHEAD = 2  # shards whose drafts may be started before the current one is written
MAX_ATTEMPTS = 4


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
    # the brainstormed idea it was written from (its divergence, doc_type and idea)
    idea: dict[str, str] | None = None
    revised: bool | None = None  # whether the critique's rewrite replaced the draft


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
    lookahead: int  # shards whose drafts may be asked for before the current one is written

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
    idea: dict[str, str] | None = None,
    revised: bool | None = None,
) -> Draft:
    """A draft that passed verification: its shard line and MinHash signature (and
    band keys: `signed`, when already computed)."""
    # the fields of Document, in its order, None left out; serialised by orjson (a
    # pydantic model cost a tenth of an LLM document's CPU time); a test checks that
    # every line validates as a Document
    facts, ripples = [f.key_text for f in plan.facts], [f.key_text for f in plan.ripples]
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
        "idea": idea,
        "revised": revised,
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
    return [f.key_text for f in plan.facts + plan.ripples]


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


def draft_chunk(assignments: list[Assignment]) -> list[Draft]:
    """The first drafts of a chunk of assignments, by the renderer this process was
    given (a TemplateSource made here, or inherited by a fork)."""
    planner: Planner = _STATE["planner"]
    return [_draft(planner.plan(a), 0) for a in assignments]


class TemplateSource:
    """Drafts from the template renderer, in `jobs` forked processes (or this one)."""

    max_attempts = MAX_ATTEMPTS
    lookahead = LOOKAHEAD

    def __init__(self, analysis: Analysis, packs: PackLibrary, planner: Planner, jobs: int):
        _STATE["renderer"] = TemplateRenderer(analysis.world)
        _STATE["verifier"] = Verifier(analysis.world)
        _STATE["packs"] = packs
        _STATE["planner"] = planner  # set before the fork: the workers inherit it
        self.planner = planner
        self.jobs = jobs
        self.executor = forked_pool(jobs) if jobs > 1 else None
        self.pending: dict[int, list[Future[list[Draft]]]] = {}  # by first position

    def _chunks(self, batch: list[Assignment]) -> list[list[Assignment]]:
        size = max(1, len(batch) // (self.jobs * 4))
        return [batch[i : i + size] for i in range(0, len(batch), size)]

    def drafts(self, batch: list[Assignment]) -> Iterator[list[Draft]]:
        if self.executor is None:
            yield from map(draft_chunk, self._chunks(batch))
            return
        self.ahead(batch)
        for future in self.pending.pop(batch[0].position if batch else -1, []):
            yield future.result()

    def ahead(self, batch: list[Assignment]) -> None:
        # the next shards' chunks go to the workers while this one is written: without
        # them, the workers idled at each shard's end while the last chunk was waited
        # for and written
        if self.executor is None or not batch or batch[0].position in self.pending:
            return
        self.pending[batch[0].position] = [
            self.executor.submit(draft_chunk, chunk) for chunk in self._chunks(batch)
        ]

    def redraft(self, assignment: Assignment, attempt: int) -> Draft:
        return _draft(self.planner.plan(assignment), attempt)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)


# ---- the run ---------------------------------------------------------------------


def spec_hash(texts: list[str]) -> str:
    """The identity of a spec: its files' texts, in no order. Not by their paths,
    which depend on where worldspec is installed (the standard modules are in its
    package): the same spec has the same hash on every machine, so a run resumes
    and parts merge wherever they were made."""
    digest = hashlib.sha256()
    for each in sorted(hashlib.sha256(text.encode("utf-8")).digest() for text in texts):
        digest.update(each)
    return digest.hexdigest()


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
    source: Callable[[Planner, Path], DraftSource] | None = None,
    renderer_settings: dict[str, Any] | None = None,
    part: tuple[int, int] | None = None,
    probes: list[str] | None = None,
    trig: str = "",
    force: bool = False,
    planner: Planner | None = None,
) -> RunResult:
    """Write the corpus. `source` makes the drafts (default: the template renderer
    with `jobs` processes); `renderer_settings` are the settings that decide its
    output, recorded so that --resume refuses to mix two renderers' documents.

    `probes` are probes.jsonl's lines and `trig` is world.trig, made by the caller:
    evaluation and export are later stages than this one. `planner`: the settings'
    planner, where the caller has made it already.

    `part` (I, N) writes only the shards whose number is I modulo N, for a run split
    over machines: each part checks near-duplicates among its own documents, and
    `worldspec merge` joins the parts, checking them across parts.

    `resume` finishes the corpus an earlier run left in `out`; `force` removes an
    earlier corpus's files from `out` first. Ctrl-C raises RunInterrupted, with a
    line saying what is written: complete shards stay, nothing half-written does."""
    started = time.perf_counter()
    if planner is None:
        planner = Planner(analysis, settings)
    run: dict[str, Any] = {
        "spec": source_hash,
        "settings": json.loads(settings.model_dump_json()),
        "dedup_threshold": dedup_threshold,
        "worldspec": __version__,
    }
    if renderer_settings:
        run["renderer"] = renderer_settings
    if part is not None:
        run["part"] = list(part)
    try:
        prepare_directory(out, run, resume=resume, force=force)
    except KeyboardInterrupt:
        raise RunInterrupted(
            f"interrupted while preparing {out}; nothing was written; run the same "
            "command again to go on"
        ) from None
    try:
        result = _write_shards(
            analysis, planner, out, packs, run, jobs, resume, progress, source, part
        )
        result.seconds = time.perf_counter() - started
        if result.stopped is None:
            _write_companions(
                out, analysis, planner, settings, result, run, (probes or [], trig), part
            )
    except KeyboardInterrupt:
        done, planned = written_shards(out, run)
        raise RunInterrupted(
            f"interrupted: {done} of {planned} shards are written whole in {out}, and "
            "nothing half-written is left; run the same command with --resume to finish"
            if done < planned
            else f"interrupted: every shard is written in {out}, not yet the manifest; "
            "run the same command with --resume to finish"
        ) from None
    return result


def _write_shards(
    analysis: Analysis,
    planner: Planner,
    out: Path,
    packs: PackLibrary,
    run: dict[str, Any],
    jobs: int,
    resume: bool,
    progress: Callable[[int], None] | None,
    source: Callable[[Planner, Path], DraftSource] | None,
    part: tuple[int, int] | None,
) -> RunResult:
    """Every shard of the run (of the part) that is not written yet; complete shards
    of an earlier run are kept when resuming. The result's `stopped` says why the
    run ended early (the budget)."""
    try:
        dedup = NearDuplicates(float(run["dedup_threshold"]), out / DEDUP_FILE)
    except sqlite3.Error as err:
        raise CorpusError(
            f"{out / DEDUP_FILE}: cannot open the near-duplicate index: {err}"
        ) from err
    shards = shard_count(len(planner))
    total = ShardStats()
    stopped = None
    # the world, the packs and the plans live for the whole run: out of the collector's
    # sight, its full collections stay short (they paused an LLM run's event loop), and
    # forked workers do not copy the pages a collection would touch
    gc.freeze()
    drafts: DraftSource | None = None
    try:
        drafts = (
            source(planner, out)
            if source is not None
            else TemplateSource(analysis, packs, planner, jobs)
        )
        resuming = resume
        # the shards after the current one, read ahead so that an LLM source keeps its
        # requests flowing while the writer waits for the current shard's slowest one
        mine = part_shards(len(planner), part)
        batches = _batches(planner.assignments(), shards, set(mine))
        window: collections.deque[list[Assignment]] = collections.deque(
            itertools.islice(batches, drafts.lookahead + 1)
        )
        finished = {s: finished_shard(out, s) for s in mine} if resuming else {}
        # the index only serves shards still to write: a resume with none left
        # writes the companions without it
        indexed = any(stats is None for stats in finished.values())
        for shard in mine:
            batch = window.popleft()
            window.extend(itertools.islice(batches, 1))
            stats = finished[shard] if resuming else None
            if stats is not None and indexed:
                _index_again(out, shard, dedup)
            if stats is None:
                if resuming:  # the index may hold documents of the shard a crash cut short
                    _forget_from(out, shard, dedup)
                    resuming = False
                for upcoming in [batch, *window]:
                    drafts.ahead(upcoming)
                try:
                    stats = _write_shard(out, shard, batch, dedup, drafts, progress)
                except RunStop as err:
                    stopped = str(err)
                    break
            elif progress is not None:
                progress(len(batch))
            add_stats(total, stats)
    except BaseException:
        # an interrupt or an error: the index keeps what was committed with the last
        # whole shard, which is what a resume expects of it
        if drafts is not None:
            drafts.close()
        dedup.abandon()
        raise
    else:
        drafts.close()
        dedup.close()
    finally:
        gc.unfreeze()
    result = RunResult(len(planner), shards, total, 0.0, stopped)
    result.run_usage = getattr(drafts, "run_usage", {})
    return result


def _write_companions(
    out: Path,
    analysis: Analysis,
    planner: Planner,
    settings: CorpusSettings,
    result: RunResult,
    run: dict[str, Any],
    later: tuple[list[str], str],
    part: tuple[int, int] | None,
) -> None:
    """The companions, or for a part what the merge needs to write them. `later` are
    what later stages made: probes.jsonl's lines, and world.trig."""
    facts = CorpusFacts.of(analysis, planner, *later)
    try:
        if part is not None:  # the companions are the merge's to write, from this
            write_atomic(out / PART_FILE, facts.model_dump_json(indent=1) + "\n")
        else:
            write_outputs(out, facts, settings, result, run)
    except OSError as err:
        raise CorpusError(f"{out}: cannot be written: {err.strerror or err}") from err
    for path in index_files(out):  # only a resume needs the index
        with contextlib.suppress(OSError):
            path.unlink()


def _batches(
    assignments: Iterator[Assignment], shards: int, wanted: set[int]
) -> Iterator[list[Assignment]]:
    """The assignments of the wanted shards, a shard at a time (the others are read
    past: assignments are cheap, and sequential)."""
    for shard in range(shards):
        batch = list(itertools.islice(assignments, SHARD_SIZE))
        if shard in wanted:
            yield batch


def _index_again(out: Path, shard: int, dedup: NearDuplicates) -> None:
    """A finished shard's documents in the index, where the index file does not
    hold them (they were held in memory, or the file was lost): from their text."""
    try:
        if dedup.holds(shard):
            return
        with open(shard_path(out, shard), encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                dedup.add(int(record["id"].rsplit("-", 1)[1]), signature(record["text"]))
        dedup.commit(shard)
    except (OSError, ValueError, KeyError, sqlite3.Error) as err:
        raise CorpusError(
            f"{shard_path(out, shard)}: cannot be indexed again to resume: {err}"
        ) from err


def _forget_from(out: Path, shard: int, dedup: NearDuplicates) -> None:
    try:
        dedup.forget_from(shard * SHARD_SIZE, shard)
    except sqlite3.Error as err:
        raise CorpusError(
            f"{out / DEDUP_FILE}: the near-duplicate index cannot be read: {err}; "
            "remove it, and --resume indexes the corpus again from its text"
        ) from err


def _write_shard(
    out: Path,
    shard: int,
    batch: list[Assignment],
    dedup: NearDuplicates,
    source: DraftSource,
    progress: Callable[[int], None] | None,
) -> ShardStats:
    stats = ShardStats()
    path = shard_path(out, shard)
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
        dedup.commit(shard)
        os.replace(tmp, path)
        write_atomic(meta_path(out, shard), json.dumps(stats.to_json(), sort_keys=True) + "\n")
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
