"""`compile --executor ray`: the drafts made on a Ray cluster, the corpus written here.

The writer stays in this process (the driver), as it does with --jobs: it takes
the drafts in plan order, looks each one up among the documents before it for a
near-duplicate (and asks for the next attempt when it is one), and writes the
shards atomically. So the corpus is the one a single process writes, byte for byte,
for any number of workers, and --resume finishes a run whose driver was killed.
Parts written apart and merged (`--shard`, `merge`) cannot promise that: a document
that nearly repeats one of another part is found only at the merge, too late to
draw again.

What moves to the cluster is what costs:

- The template renderer's rendering and verification run as stateless Ray tasks
  over chunks of assignments (a few integers each). The world, the packs and the
  planner go to the object store once; a worker process unpacks them at its first
  task. When a worker dies mid-task, Ray runs the task again; a draft depends only
  on its plan, so the result is the same.
- The LLM renderer's requests run in one actor a worker, each with its own client
  pool and its share of --concurrency, all writing from the universe context and
  ideas the driver made first. Two actors serve the whole cluster:
  - a gate holds --max-cost (a request reserves its most expensive outcome before
    it is sent, so the workers together can never overspend) and --rpm/--tpm (one
    token bucket, whose places it hands out);
  - a cache, on the driver's machine, reads and writes the completion cache in
    --cache-dir there. A request answered once is not paid again, whichever worker
    asks it, after a worker's restart or the driver's --resume.

Ray is the `ray` extra, imported only here and only when a run asks for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import hashlib
import importlib.metadata
import math
import os
import socket
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from worldspec.corpus.context import WorldContext
from worldspec.corpus.job import CompileJob, llm_start_errors
from worldspec.corpus.llm import CHUNK, LLM_ATTEMPTS, LLMRunSettings, LLMSource
from worldspec.corpus.shards import SHARD_SIZE, CorpusError
from worldspec.corpus.writer import (
    LOOKAHEAD,
    MAX_ATTEMPTS,
    Draft,
    DraftSource,
    TemplateSource,
    draft_chunk,
)
from worldspec.model import Analysis
from worldspec.plan import Assignment, Planner
from worldspec.render import PackLibrary
from worldspec.render.budget import Budget, BudgetExhausted, RunStop
from worldspec.render.cache import CompletionCache
from worldspec.render.client import MissingExtraError, Usage
from worldspec.resources import data_dir
from worldspec.version import __version__

# Ray runs a task again this many times when its worker dies (a killed process, a
# lost node), and restarts an actor as often
RETRIES = 3
# template tasks in flight for each worker: enough that none waits for the next
TASKS_PER_WORKER = 3
SMALLEST_CHUNK = 25  # documents a template task drafts: at least, and at most
LARGEST_CHUNK = 250
CONNECT_TIMEOUT = 10.0  # seconds the head of a cluster has to answer
READY_TIMEOUT = 120.0  # seconds the cluster has to give the run its workers' CPUs
WAIT_SLICE = 5.0  # seconds between two looks at the workers' placement, while waiting


def require_ray() -> ModuleType:
    try:
        import ray
    except ImportError:
        raise MissingExtraError(
            "--executor ray needs worldspec's 'ray' extra, which is not installed: "
            'pip install "worldspec[ray]"'
        ) from None
    return ray


class RayCluster:
    """The Ray cluster a run uses: the one this process is already connected to,
    the one at `address` ("auto": the one this machine belongs to), or else a local
    one started for the run and stopped after it. `workers`: how many (default:
    one a CPU of the cluster)."""

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        ray = require_ray()
        self.ray = ray
        self.started = False
        if not ray.is_initialized():
            address = address or os.environ.get("RAY_ADDRESS") or None
            if address not in (None, "auto", "local"):
                _reachable(address)
            # a cluster started here has a CPU for each worker asked for: LLM workers
            # wait on the network, and sixteen of them may share two cores
            cpus = None if address else max(os.cpu_count() or 1, workers or 1)
            try:
                ray.init(
                    address=address or "local",  # not a cluster this machine runs already
                    num_cpus=cpus,
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level="ERROR",
                )
            except Exception as err:  # Ray raises ConnectionError, ValueError, RuntimeError...
                where = f"at {address}" if address else "on this machine"
                raise CorpusError(f"cannot start or reach a Ray cluster {where}: {err}") from None
            self.started = True
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))

    def close(self) -> None:
        if self.started:
            self.ray.shutdown()
            self.started = False

    def keeper(self, kind: type, name: str, *args: Any) -> Any:
        """An actor of class `kind` named `name`, on this process's machine and
        taking no CPU: one of the run's services (its gate, its cache, its kit)."""
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        here = NodeAffinitySchedulingStrategy(
            node_id=self.ray.get_runtime_context().get_node_id(), soft=False
        )
        actor = self.ray.remote(num_cpus=0)(kind)
        return actor.options(name=name, scheduling_strategy=here).remote(*args)

    def reserve(self, workers: int) -> Any:
        """A placement group of one CPU a worker: the run's workers, and no more, or a
        CorpusError when the cluster cannot give them (an autoscaler has READY_TIMEOUT
        to add nodes)."""
        from ray.util.placement_group import placement_group, remove_placement_group

        group = placement_group([{"CPU": 1}] * workers, strategy="SPREAD")
        try:
            self.ray.get(group.ready(), timeout=READY_TIMEOUT)
        except BaseException as err:  # an interrupt too: no group is left waiting
            remove_placement_group(group)
            if not isinstance(err, self.ray.exceptions.GetTimeoutError):
                raise
            cpus = int(self.ray.cluster_resources().get("CPU", 0))
            raise CorpusError(
                f"the Ray cluster did not give {workers} CPUs, one a worker, within "
                f"{READY_TIMEOUT:g} s (it has {cpus}, and other jobs may hold some); "
                "lower --jobs"
            ) from None
        return group

    def result(self, task: Any, group: Any) -> Any:
        """What `task` returns; else the task's own error (a pack that fails), or a
        CorpusError for the cluster's: a worker lost more often than Ray retries, or
        workers that cannot be placed again (a node lost, no CPU to spare) within
        READY_TIMEOUT."""
        from ray.util import placement_group_table

        ray = self.ray
        unplaced: float | None = None
        while not ray.wait([task], timeout=WAIT_SLICE)[0]:
            if placement_group_table(group).get("state") == "CREATED":
                unplaced = None
            elif unplaced is None:
                unplaced = time.monotonic()
            elif time.monotonic() - unplaced > READY_TIMEOUT:
                raise CorpusError(
                    f"the Ray cluster lost workers and could not place them again within "
                    f"{READY_TIMEOUT:g} s; run the same command with --resume once it has "
                    "the CPUs (or with fewer --jobs)"
                )
        try:
            return ray.get(task)
        except ray.exceptions.RayTaskError as err:
            cause = err.cause
            if isinstance(cause, Exception) and not isinstance(cause, ray.exceptions.RayError):
                raise cause from None  # the task's own error, as a local run raises it
            raise _failure(err) from None
        except ray.exceptions.RayError as err:
            raise _failure(err) from None

    def release(self, group: Any) -> None:
        from ray.util.placement_group import remove_placement_group

        with contextlib.suppress(self.ray.exceptions.RayError):
            remove_placement_group(group)

    @staticmethod
    def within(group: Any, bundle: int = -1) -> Any:
        """A scheduling strategy that runs a task or actor in `group` (in its bundle
        `bundle`; -1: any)."""
        from ray.util.scheduling_strategies import PlacementGroupSchedulingStrategy

        return PlacementGroupSchedulingStrategy(group, placement_group_bundle_index=bundle)

    def source(self, job: CompileJob) -> Callable[[Planner, Path], DraftSource]:
        """What makes the drafts of `job` on this cluster (the writer's `source`)."""
        if job.llm is None:
            return lambda planner, out: RayTemplateSource(self, job.analysis, job.packs, planner)
        llm, cache_dir = job.llm, job.cache_dir
        if llm.batch:
            raise CorpusError(
                "--batch sends the run's requests as batches from this machine: drop --executor ray"
            )

        def make(planner: Planner, out: Path) -> RayLLMSource:
            with llm_start_errors(llm.client.model, cache_dir):
                return RayLLMSource(self, job.analysis, job.packs, planner, llm, cache_dir, out)

        return make

    def __enter__(self) -> RayCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reachable(address: str) -> None:
    """CorpusError at once when nothing answers at `address` (ray.init would try
    again for minutes)."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    try:
        socket.create_connection(
            (host.strip("[]") or "127.0.0.1", int(port)), CONNECT_TIMEOUT
        ).close()
    except ValueError:
        raise CorpusError(
            f"--ray-address {address}: expected HOST:PORT (the head's GCS port, 6379 by "
            "default), ray://HOST:PORT, or auto"
        ) from None
    except OSError as err:
        raise CorpusError(
            f"cannot reach the Ray cluster at {address}: {err.strerror or err}; is the head "
            "running (ray start --head) and is the address its GCS port?"
        ) from None


def window(workers: int) -> tuple[int, int]:
    """(documents a template task drafts, shards the writer reads ahead): enough
    tasks in flight to keep every worker busy, each long enough to be worth its
    scheduling."""
    lookahead = max(LOOKAHEAD, math.ceil(TASKS_PER_WORKER * workers * SMALLEST_CHUNK / SHARD_SIZE))
    in_flight = (lookahead + 1) * SHARD_SIZE
    chunk = in_flight // (TASKS_PER_WORKER * workers)
    return max(SMALLEST_CHUNK, min(LARGEST_CHUNK, chunk)), lookahead


def _failure(err: Exception) -> CorpusError:
    lines = [line for line in str(err).splitlines() if line.strip()]
    return CorpusError(
        f"the Ray cluster failed the run ({type(err).__name__}: "
        f"{lines[0] if lines else 'no detail'}); a lost worker is retried {RETRIES} "
        "times. Run the same command with --resume to go on"
    )


@functools.cache
def fingerprint(llm: bool) -> dict[str, str]:
    """What every machine of a run must share for it to write the same bytes:
    worldspec's version, its shipped genre packs (a worker reads its own), and for
    the LLM renderer litellm's version (its price map prices each document)."""
    base = data_dir("renderers")
    digest = hashlib.sha256()
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(path.read_bytes())
    found = {"worldspec": __version__, "packs": digest.hexdigest()[:16]}
    if llm:
        try:
            found["litellm"] = importlib.metadata.version("litellm")
        except importlib.metadata.PackageNotFoundError:
            found["litellm"] = "none"
    return found


def _same_install(expected: dict[str, str]) -> None:
    """CorpusError when this worker's install differs from the driver's."""
    mine = fingerprint("litellm" in expected)
    if mine != expected:
        differ = ", ".join(
            f"{name} {mine.get(name)} here, {value} on the driver"
            for name, value in expected.items()
            if mine.get(name) != value
        )
        raise CorpusError(
            f"the Ray worker on {socket.gethostname()} has another install ({differ}): "
            "install the same worldspec (and litellm) on every node"
        )


# ---- the template renderer ---------------------------------------------------------

_UNPACKED: dict[str, str] = {}


def _template_drafts(kit: str, packed: list[Any], assignments: list[Assignment]) -> list[Draft]:
    """A Ray task: the first drafts of a chunk. A worker process unpacks the run's
    world, packs and planner at its first task (`packed` holds their object, in a
    list so that Ray does not fetch it for every task)."""
    if _UNPACKED.get("kit") != kit:
        import ray

        analysis, packs, planner, expected = ray.get(packed[0])
        _same_install(expected)
        TemplateSource(analysis, packs, planner, 1)  # this process's renderer
        _UNPACKED["kit"] = kit
    return draft_chunk(assignments)


class RayTemplateSource:
    """A DraftSource: the template renderer's drafts, by Ray tasks."""

    max_attempts = MAX_ATTEMPTS

    def __init__(
        self, cluster: RayCluster, analysis: Analysis, packs: PackLibrary, planner: Planner
    ) -> None:
        ray = cluster.ray
        self.ray = ray
        # a near-duplicate's next attempt, rare: drawn here, where the writer waits
        self.local = TemplateSource(analysis, packs, planner, 1)
        self.kit = uuid.uuid4().hex
        self.packed = [ray.put((analysis, packs, planner, fingerprint(False)))]
        self.cluster = cluster
        self.group = cluster.reserve(cluster.workers)
        self.task = ray.remote(num_cpus=1, max_retries=RETRIES)(_template_drafts).options(
            scheduling_strategy=cluster.within(self.group)
        )
        self.chunk, self.lookahead = window(cluster.workers)
        self.pending: dict[int, list[Any]] = {}  # a batch's first position -> its tasks

    def ahead(self, batch: list[Assignment]) -> None:
        if batch and batch[0].position not in self.pending:
            self.pending[batch[0].position] = [
                self.task.remote(self.kit, self.packed, batch[i : i + self.chunk])
                for i in range(0, len(batch), self.chunk)
            ]

    def drafts(self, batch: list[Assignment]) -> Iterator[list[Draft]]:
        if not batch:
            return
        self.ahead(batch)
        for task in self.pending.pop(batch[0].position):
            drafts: list[Draft] = self.cluster.result(task, self.group)
            yield drafts

    def redraft(self, assignment: Assignment, attempt: int) -> Draft:
        return self.local.redraft(assignment, attempt)

    def close(self) -> None:
        for tasks in self.pending.values():
            for task in tasks:
                with contextlib.suppress(self.ray.exceptions.RayError, ValueError):
                    self.ray.cancel(task, force=True)
        self.pending.clear()
        self.cluster.release(self.group)


# ---- the LLM renderer ---------------------------------------------------------------


class Stopped(NamedTuple):
    """What a worker answers when the run must stop before a chunk is done (the
    budget is spent): the reason, for the writer to stop on."""

    reason: str


class _Bucket:
    """A token bucket that hands out places ahead of time: a taker is told how long
    to wait for its place, so that what is sent never runs faster than the rate
    (`capacity` a `period`, in bursts of at most `capacity`)."""

    def __init__(self, capacity: int, period: float) -> None:
        self.capacity = capacity
        self.rate = capacity / period
        self.level = 0.0
        self.at = time.monotonic()

    def take(self, amount: float) -> float:
        now = time.monotonic()
        self.level = max(0.0, self.level - (now - self.at) * self.rate) + amount
        self.at = now
        return max(0.0, (self.level - self.capacity) / self.rate)


class GateKeeper:
    """A Ray actor, one a run: the run's budget and rate limits, for every worker.
    Its methods run one at a time, so a reservation sees every one before it."""

    def __init__(
        self, limit: float | None, rpm: int | None, tpm: int | None, period: float = 60.0
    ) -> None:
        self.budget = Budget(limit)
        self.requests = _Bucket(rpm, period) if rpm else None
        self.tokens = _Bucket(tpm, period) if tpm else None

    def admit(self, estimate: float | None, tokens: int) -> tuple[float, float] | str:
        """(what was reserved, seconds to wait before sending), or why not."""
        try:
            held = self.budget.reserve(estimate)
        except BudgetExhausted as err:
            return str(err)
        wait = self.requests.take(1) if self.requests is not None else 0.0
        if self.tokens is not None:
            wait = max(wait, self.tokens.take(min(tokens, self.tokens.capacity)))
        return held, wait

    def settle(self, held: float, cost: float | None) -> None:
        self.budget.settle(held, cost)

    def spent(self) -> tuple[float, float]:
        """What was spent, and what is reserved by requests in flight."""
        return self.budget.spent, self.budget.reserved


class RemoteGate:
    """A client's side of the GateKeeper (worldspec.render.budget.SharedGate)."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor

    async def admit(self, estimate: float | None, tokens: int) -> float:
        answer = await self.actor.admit.remote(estimate, tokens)
        if isinstance(answer, str):
            raise BudgetExhausted(answer)
        held, wait = answer
        if wait > 0:
            await asyncio.sleep(wait)
        return float(held)

    def settle(self, reserved: float, cost: float | None) -> None:
        self.actor.settle.remote(reserved, cost)  # the actor takes its calls in order


class CacheKeeper:
    """A Ray actor on the driver's machine: the completion cache there, for every
    worker."""

    def __init__(self, directory: str) -> None:
        self.cache = CompletionCache(Path(directory))

    def get(self, key: str) -> dict[str, Any] | None:
        return self.cache.get(key)

    def put(self, key: str, value: dict[str, Any]) -> None:
        self.cache.put(key, value)


class RemoteCache(CompletionCache):
    """A worker's side of the CacheKeeper: the cache's answers over the network."""

    def __init__(self, actor: Any) -> None:
        super().__init__(None)
        self.actor = actor

    @property
    def enabled(self) -> bool:
        return True

    async def aget(self, key: str) -> dict[str, Any] | None:
        value: dict[str, Any] | None = await self.actor.get.remote(key)
        return value

    async def aput(self, key: str, value: dict[str, Any]) -> None:
        await self.actor.put.remote(key, value)  # stored before the document is


class KitKeeper:
    """A Ray actor on the driver's machine: what a DraftWorker needs of the run (the
    world, packs and planner, and the universe context and ideas), for it to fetch
    when it starts or restarts. An actor that Ray may restart takes only small
    arguments, no object of the object store, nor another actor (found by name)."""

    def __init__(self, kit: tuple[Analysis, PackLibrary, Planner], context: WorldContext) -> None:
        self._kit = kit
        self._context = context

    def kit(self) -> tuple[tuple[Analysis, PackLibrary, Planner], WorldContext, dict[str, str]]:
        return self._kit, self._context, fingerprint(True)


class DraftWorker:
    """A Ray actor: an LLM source of its own (its client pool, its share of
    --concurrency), drafting the chunks the driver sends it, several at once."""

    def __init__(self, run: str, settings: LLMRunSettings, gate: bool, cache: bool) -> None:
        self.failed: str | None = None
        try:
            self.source = self._source(run, settings, gate, cache)
        except Exception as err:  # told by ready(), in place of a worker lost
            self.failed = f"{type(err).__name__}: {err}"

    def _source(self, run: str, settings: LLMRunSettings, gate: bool, cache: bool) -> LLMSource:
        import ray

        keeper: Any = ray.get_actor(f"{run}-kit")
        kit: Any = ray.get(keeper.kit.remote())
        (analysis, packs, planner), context, expected = kit
        _same_install(expected)
        return LLMSource(
            analysis,
            packs,
            planner,
            settings,
            RemoteCache(ray.get_actor(f"{run}-cache")) if cache else CompletionCache(None),
            Path("."),  # the context is given: nothing is written here
            context=context,
            gate=RemoteGate(ray.get_actor(f"{run}-gate")) if gate else None,
            checker=False,  # this actor is one process of many already
        )

    def ready(self) -> str | None:
        """Why this worker could not start (a key missing on its machine, another
        install), or None."""
        return self.failed

    def drafts(self, assignments: list[Assignment]) -> list[Draft] | Stopped:
        try:
            return [draft for chunk in self.source.drafts(assignments) for draft in chunk]
        except RunStop as err:
            return Stopped(str(err))

    def redraft(self, assignment: Assignment, attempt: int) -> Draft | Stopped:
        try:
            return self.source.redraft(assignment, attempt)
        except RunStop as err:
            return Stopped(str(err))

    def finish(self, drain: bool) -> dict[str, Any]:
        """Close the source (after the run's budget stop, once its requests in flight
        are answered and cached) and say what this worker sent."""
        self.source.close(drain)
        usage = self.source.run_usage
        usage["revisions"] = dict(self.source.revisions)
        return usage


class RayLLMSource:
    """A DraftSource: the LLM renderer's drafts, by DraftWorker actors."""

    max_attempts = LLM_ATTEMPTS

    def __init__(
        self,
        cluster: RayCluster,
        analysis: Analysis,
        packs: PackLibrary,
        planner: Planner,
        settings: LLMRunSettings,
        cache_dir: Path | None,
        out: Path,
    ) -> None:
        ray = cluster.ray
        self.ray = ray
        self.actors: list[Any] = []
        self.group: Any = None
        self.gate: Any = None
        self.cache: Any = None
        self.kit: Any = None
        self.usage: dict[str, Any] = {}
        self.stopped = False
        client = settings.client
        self.timeout = client.timeout
        self.cluster = cluster
        self.stages: dict[str, Any] = {}
        self.pending: dict[int, Any] = {}  # a chunk's first position -> its task
        try:
            self._start(analysis, packs, planner, settings, cache_dir, out)
        except BaseException:
            self.close()  # no actor of a run that did not start outlives it
            raise

    def _start(
        self,
        analysis: Analysis,
        packs: PackLibrary,
        planner: Planner,
        settings: LLMRunSettings,
        cache_dir: Path | None,
        out: Path,
    ) -> None:
        ray, cluster, client = self.ray, self.cluster, settings.client
        run = f"worldspec-{uuid.uuid4().hex[:12]}"  # the names of this run's actors
        if settings.max_cost is not None or client.rpm or client.tpm:
            self.gate = cluster.keeper(
                GateKeeper, f"{run}-gate", settings.max_cost, client.rpm, client.tpm
            )
        if cache_dir is not None:
            self.cache = cluster.keeper(CacheKeeper, f"{run}-cache", str(cache_dir))
        # the limits are the gate's, for every process: none of a client's own
        shared = dataclasses.replace(
            settings, client=dataclasses.replace(client, rpm=None, tpm=None), max_cost=None
        )
        context, self.stages = self._context(analysis, packs, planner, shared, cache_dir, out)
        self.kit = cluster.keeper(KitKeeper, f"{run}-kit", (analysis, packs, planner), context)
        count = min(cluster.workers, client.concurrency)
        shares = [
            client.concurrency // count + (1 if i < client.concurrency % count else 0)
            for i in range(count)
        ]
        # a chunk keeps a worker's requests in flight twice over: every worker has
        # some from the first shard on, however small the corpus
        self.chunk = max(4, min(CHUNK, 2 * shares[0]))
        # read ahead: two chunks queued for each worker, and every request in flight
        wanted = 2 * self.chunk * count + 2 * client.concurrency
        self.lookahead = max(LOOKAHEAD, math.ceil(wanted / SHARD_SIZE))
        chunks = math.ceil((self.lookahead + 1) * SHARD_SIZE / self.chunk)
        worker = ray.remote(
            num_cpus=1,
            max_restarts=RETRIES,
            max_task_retries=RETRIES,
            # its chunks of the shards read ahead, all waiting on requests at once
            max_concurrency=math.ceil(chunks / count) + 4,
        )(DraftWorker)
        self.group = cluster.reserve(count)
        self.actors = [
            worker.options(scheduling_strategy=cluster.within(self.group, i)).remote(
                run, _with_concurrency(shared, n), self.gate is not None, self.cache is not None
            )
            for i, n in enumerate(shares)
        ]
        for actor in self.actors:
            failed = cluster.result(actor.ready.remote(), self.group)
            if failed is not None:
                raise CorpusError(
                    f"a Ray worker could not start: {failed} (a provider's key is read "
                    "from the environment of `ray start` on each node)"
                )

    def _context(
        self,
        analysis: Analysis,
        packs: PackLibrary,
        planner: Planner,
        settings: LLMRunSettings,
        cache_dir: Path | None,
        out: Path,
    ) -> tuple[WorldContext, dict[str, Any]]:
        """The universe context and the ideas, made here, before any worker starts
        (they are written to `out`, where a resume reads them back)."""
        maker = LLMSource(
            analysis,
            packs,
            planner,
            settings,
            CompletionCache(cache_dir),
            out,
            gate=RemoteGate(self.gate) if self.gate is not None else None,
            checker=False,  # no fork from a process with Ray's threads in it
        )
        try:
            return maker.context, maker.run_usage
        finally:
            maker.close()

    def ahead(self, batch: list[Assignment]) -> None:
        for start in range(0, len(batch), self.chunk):
            chunk = batch[start : start + self.chunk]
            first = chunk[0].position
            if first not in self.pending:
                self.pending[first] = self._actor(first).drafts.remote(chunk)

    def drafts(self, batch: list[Assignment]) -> Iterator[list[Draft]]:
        self.ahead(batch)
        for start in range(0, len(batch), self.chunk):
            yield self._result(self.pending.pop(batch[start].position))

    def _actor(self, position: int) -> Any:
        return self.actors[(position // self.chunk) % len(self.actors)]

    def redraft(self, assignment: Assignment, attempt: int) -> Draft:
        actor = self._actor(assignment.position)
        draft: Draft = self._result(actor.redraft.remote(assignment, attempt))
        return draft

    def _result(self, task: Any) -> Any:
        result = self.cluster.result(task, self.group)
        if isinstance(result, Stopped):
            self.stopped = True
            raise BudgetExhausted(result.reason)
        return result

    def close(self) -> None:
        ray = self.ray
        for task in self.pending.values():
            with contextlib.suppress(ray.exceptions.RayError, ValueError):
                ray.cancel(task)
        self.pending.clear()
        # after a budget stop the requests in flight finish, to be cached for --resume
        wait = self.timeout + 10 if self.stopped else 30.0
        try:
            if self.actors:
                usages = ray.get(
                    [actor.finish.remote(self.stopped) for actor in self.actors], timeout=wait
                )
                self.usage = merged_usage(self.stages, usages)
        except (ray.exceptions.RayError, TimeoutError):
            pass  # what the workers sent goes unreported; nothing else is lost
        finally:
            for actor in [*self.actors, self.gate, self.cache, self.kit]:
                if actor is not None:
                    ray.kill(actor)
            self.actors = []
            if self.group is not None:
                self.cluster.release(self.group)
                self.group = None

    @property
    def run_usage(self) -> dict[str, Any]:
        return self.usage


def _with_concurrency(settings: LLMRunSettings, concurrency: int) -> LLMRunSettings:
    return dataclasses.replace(
        settings, client=dataclasses.replace(settings.client, concurrency=concurrency)
    )


def merged_usage(stages: dict[str, Any], workers: list[dict[str, Any]]) -> dict[str, Any]:
    """The run's usage: the driver's (the universe context and the ideas) and the
    workers'. The span of the requests is the longest worker's: they run together."""
    parts = [stages, *workers]
    sent = Usage()
    retried: Counter[str] = Counter()
    for part in parts:
        sent.add(
            Usage(
                part["prompt_tokens"], part["completion_tokens"], part["cost_usd"], part["requests"]
            )
        )
        retried.update(part.get("retried", {}))
    spans = [part["requests_seconds"] for part in parts if part.get("requests_seconds")]
    merged = {
        **stages,
        **sent.to_json(),
        "cache_hits": sum(part.get("cache_hits", 0) for part in parts),
        "retried": dict(sorted(retried.items())),
        "requests_seconds": max(spans, default=None),
    }
    revisions = stages.get("stages", {}).get("revisions")
    if revisions is not None:
        total = Counter(revisions)
        for usage in workers:
            total.update(usage.get("revisions", {}))
        merged["stages"] = {**stages["stages"], "revisions": dict(total)}
    return merged
