"""`compile --batch`: the same corpus, its requests sent through a hosted batch API
(OpenAI's Batch API, Anthropic's Message Batches) at half the price.

A document needs its requests in turn (a draft, then a revision if verification
fails, then a critique...), and a batch answers within hours, so the run goes in
rounds. Each round, a collecting pass takes every document as far as the
completion cache answers it and records the first request it lacks
(worldspec.corpus.deferred); those requests go out as one batch; when the batch
has ended, its answers fill the cache, and the next round starts. The universe
context and the ideas come first, in rounds of their own. A round that finds every
answer in the cache is an ordinary cached run, which writes the corpus, byte for
byte the corpus the same answers would have made sent one by one.

The batches are logged in the corpus directory (BATCH_LOG, written before a batch
is waited for): a run killed while a batch is out, run again with --resume, finds
the same requests missing, recognises them, and waits for that batch instead of
paying for another. A request that fails in a batch is sent again in the next;
after --retries batches it fails its document, as a direct request would.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worldspec.corpus.deferred import BatchPending, DeferredRequests
from worldspec.corpus.llm import LLMSource
from worldspec.corpus.shards import (
    BATCH_LOG,
    CorpusError,
    RunInterrupted,
    RunResult,
    write_atomic,
)
from worldspec.plan import Planner
from worldspec.render.batch import BATCH_DISCOUNT, BatchAPI, BatchRequest, batch_api
from worldspec.render.cache import CompletionCache
from worldspec.render.client import LLMError, cost_of, estimate_tokens

# a batch API that cannot be reached is asked again this many times, a minute apart
# at most, before the run stops (the batch goes on at the provider)
POLL_FAILURES = 10
Report = Callable[[str], None]
SourceFactory = Callable[[Planner, Path], LLMSource]


@dataclass(slots=True)
class BatchLog:
    """The batches of a corpus: what was submitted (by the digest of its requests'
    keys), what came back, and the requests that failed, by key."""

    path: Path
    batches: list[dict[str, Any]] = field(default_factory=list)
    failures: dict[str, tuple[int, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> BatchLog:
        path = out / BATCH_LOG
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as err:
            raise CorpusError(f"{path}: cannot read the batch log: {err}") from None
        failures = {k: (int(v[0]), str(v[1])) for k, v in data.get("failures", {}).items()}
        return cls(path, list(data.get("batches", [])), failures)

    def save(self) -> None:
        data = {
            "batches": self.batches,
            "failures": {k: list(v) for k, v in sorted(self.failures.items())},
        }
        write_atomic(self.path, json.dumps(data, indent=1) + "\n")

    def waiting(self, digest: str) -> dict[str, Any] | None:
        """The batch submitted for these requests and not yet read back, if any."""
        for entry in self.batches:
            if entry["digest"] == digest and entry["state"] == "submitted":
                return entry
        return None

    @property
    def spent(self) -> float:
        return sum(float(entry.get("cost") or 0.0) for entry in self.batches)


class BatchRun:
    """Rounds of batches until a pass needs nothing more (see the module's doc)."""

    def __init__(
        self,
        model: str,
        api_base: str | None,
        cache_dir: Path | None,
        *,
        retries: int,
        poll: float,
        max_cost: float | None,
        report: Report,
    ) -> None:
        if cache_dir is None:
            raise CorpusError("--batch keeps the answers in the completion cache: drop --no-cache")
        try:
            self.api: BatchAPI = batch_api(model, api_base)
        except LLMError as err:
            raise CorpusError(str(err)) from None
        self.model = model
        self.cache_dir = cache_dir
        self.retries = retries
        self.poll = poll
        self.max_cost = max_cost
        self.report = report
        self.rounds = 0
        self.submitted = 0  # batches this run submitted (not found in the log)

    def run(
        self,
        source: Callable[[DeferredRequests], SourceFactory],
        planner: Callable[[], Planner],
        compile_once: Callable[[SourceFactory, bool], RunResult],
        out: Path,
        part: tuple[int, int] | None = None,
    ) -> RunResult:
        """`compile_once(source, resume)` writes the corpus (the first time with the
        command line's flags, then resuming); `source(deferred)` makes the LLM
        source that defers what the cache lacks."""
        first = True
        while True:
            log = BatchLog.load(out)
            if not first:
                collecting = DeferredRequests(self.retries, log.failures, collecting=True)
                try:
                    drafts = source(collecting)(planner(), out)
                    try:
                        drafts.collect(part)
                    finally:
                        drafts.close()
                except KeyboardInterrupt:
                    raise RunInterrupted(
                        "interrupted between batches; run the same command with --resume "
                        "to go on (what the batches answered is kept)"
                    ) from None
                if collecting.requests:
                    self._round(list(collecting.requests.values()), log)
                    continue
            deferred = DeferredRequests(self.retries, log.failures)
            result = None
            with contextlib.suppress(BatchPending):  # the universe context or ideas wait
                result = compile_once(source(deferred), not first)
            first = False
            if deferred.requests:
                self._round(list(deferred.requests.values()), BatchLog.load(out))
            elif result is not None:
                result.run_usage["batches"] = self.summary(BatchLog.load(out))
                return result

    def summary(self, log: BatchLog) -> dict[str, Any]:
        """What this run's batches sent (the log also holds earlier runs')."""
        mine = log.batches[len(log.batches) - self.submitted :] if self.submitted else []
        costs = [entry.get("cost") for entry in mine]
        known = [float(cost) for cost in costs if cost is not None]
        return {
            "rounds": self.rounds,
            "batches": len(mine),
            "requests": sum(int(entry["requests"]) for entry in mine),
            "cost_usd": round(sum(known), 6) if len(known) == len(costs) else None,
            "failed_requests": len(log.failures),
        }

    def _round(self, requests: list[BatchRequest], log: BatchLog) -> None:
        """Submit the requests (or find their batch in the log), wait for the batch,
        and put its answers in the cache."""
        self.rounds += 1
        requests.sort(key=lambda r: r.key)
        digest = hashlib.sha256("\n".join(r.key for r in requests).encode()).hexdigest()
        entry = log.waiting(digest)
        if entry is None:
            self._afford(requests, log)
            batch = asyncio.run(self._submit(requests))
            entry = {
                "id": batch,
                "provider": self.api.provider,
                "digest": digest,
                "requests": len(requests),
                "state": "submitted",
                "submitted": time.time(),
            }
            log.batches.append(entry)
            log.save()  # before waiting: a killed run finds this batch again
            self.submitted += 1
            self.report(
                f"round {self.rounds}: batch {batch} of {len(requests)} requests submitted "
                f"to {self.api.provider}"
            )
        else:
            self.report(f"round {self.rounds}: waiting again for batch {entry['id']}")
        try:
            self._wait(str(entry["id"]))
        except KeyboardInterrupt:
            raise RunInterrupted(
                f"interrupted while waiting for batch {entry['id']}, which goes on at the "
                "provider; run the same command with --resume to wait for it (nothing is "
                "paid twice)"
            ) from None
        answers = asyncio.run(self._answers(str(entry["id"])))
        entry["cost"] = self._store(requests, answers, log)
        entry["state"] = "collected"
        log.save()

    def _afford(self, requests: list[BatchRequest], log: BatchLog) -> None:
        if self.max_cost is None:
            return
        prompt = sum(estimate_tokens(m["content"]) for r in requests for m in r.messages)
        completion = sum(r.max_tokens for r in requests)
        most = cost_of(self.model, prompt, completion)
        if most is not None and log.spent + most * BATCH_DISCOUNT > self.max_cost:
            raise CorpusError(
                f"the next batch ({len(requests)} requests) could cost up to "
                f"${most * BATCH_DISCOUNT:.4f}, and --max-cost ${self.max_cost:g} leaves "
                f"${self.max_cost - log.spent:.4f}; raise it and run again with --resume"
            )

    async def _submit(self, requests: list[BatchRequest]) -> str:
        async with self.api:
            try:
                return await self.api.submit(requests)
            except LLMError as err:
                raise CorpusError(f"cannot submit the batch: {err}") from None

    def _wait(self, batch: str) -> None:
        failures = 0
        told = ""
        while True:
            try:
                state = asyncio.run(self._state(batch))
            except LLMError as err:
                failures += 1
                if failures > POLL_FAILURES:
                    raise CorpusError(
                        f"cannot reach the batch API ({err}); batch {batch} goes on at the "
                        "provider: run the same command with --resume to wait for it again"
                    ) from None
                time.sleep(min(60.0, self.poll * 2**failures))
                continue
            failures = 0
            if state.failed is not None:
                raise CorpusError(
                    f"batch {batch} {state.failed}; run the same command with --resume to "
                    "submit its requests again"
                )
            if state.done:
                return
            if state.counts != told:
                self.report(f"batch {batch}: {state.counts}")
                told = state.counts
            time.sleep(self.poll)

    async def _state(self, batch: str) -> Any:
        async with self.api:
            return await self.api.state(batch)

    async def _answers(self, batch: str) -> Any:
        async with self.api:
            try:
                return await self.api.answers(batch)
            except LLMError as err:
                raise CorpusError(
                    f"cannot read batch {batch}'s answers ({err}); run the same command with "
                    "--resume to read them again"
                ) from None

    def _store(
        self, requests: list[BatchRequest], answers: list[Any], log: BatchLog
    ) -> float | None:
        """The answers into the cache, the failures into the log; the batch's cost
        (None when the model has no price)."""
        cache = CompletionCache(self.cache_dir)
        asked = {r.key for r in requests}
        spent: float | None = 0.0
        try:
            for answer in answers:
                if answer.key not in asked:
                    continue
                asked.discard(answer.key)
                if answer.text is None:
                    count, _ = log.failures.get(answer.key, (0, ""))
                    log.failures[answer.key] = (count + 1, answer.error or "failed")
                    continue
                full = cost_of(self.model, answer.prompt_tokens, answer.completion_tokens)
                cost = None if full is None else full * BATCH_DISCOUNT
                spent = None if spent is None or cost is None else spent + cost
                cache.put(
                    answer.key,
                    {
                        "text": answer.text,
                        "prompt_tokens": answer.prompt_tokens,
                        "completion_tokens": answer.completion_tokens,
                        "cost": cost,
                        "created": time.time(),
                    },
                )
            for key in asked:  # the batch ended without a line for them
                count, _ = log.failures.get(key, (0, ""))
                log.failures[key] = (count + 1, "no answer in the batch's results")
        finally:
            cache.close()
        return spent
