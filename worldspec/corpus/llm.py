"""Drafts from a language model: prompt, complete, verify, revise, regenerate.

The writer is synchronous and consumes drafts in plan order; the requests are
asynchronous and many at once. An event loop in a thread of its own bridges the
two: the writer hands it a shard's assignments (and the next shard's, so that
requests keep flowing at shard boundaries), and waits for each document's future
in order. Every document depends only on its plan and the completions of its
prompts, and completions are cached by content, so a rerun or a resume sends no
request for a document already made, and writes the same bytes.

Per document: up to LLM_ATTEMPTS prompts (each with its own sampling seed), each
draft verified and, when it fails, sent back up to MAX_REVISIONS times with the
findings to revise; a draft that never passes is rejected with its last reason. A
request that fails after its retries makes the document *failed*, recorded with
the error, and the run goes on: written + rejected + failed = planned.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import sys
import threading
import time
from array import array
from collections.abc import Coroutine, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from worldspec.corpus.workers import forked_pool
from worldspec.corpus.writer import Draft, unwritten_draft, verified_draft
from worldspec.model import Analysis
from worldspec.plan import Assignment, DocPlan, Planner
from worldspec.render import PackLibrary
from worldspec.render.cache import CompletionCache, completion_key
from worldspec.render.client import (
    Budget,
    BudgetExhausted,
    ChatClient,
    ClientSettings,
    LLMError,
    Usage,
)
from worldspec.render.llm import PromptBuilder, judge_verdict
from worldspec.verify import Verifier
from worldspec.verify.dedup import bands, signature

LLM_ATTEMPTS = 2
MAX_REVISIONS = 2
CHUNK = 64


@dataclass(slots=True)
class LLMRunSettings:
    client: ClientSettings
    judge_model: str | None = None
    max_cost: float | None = None

    def recorded(self) -> dict[str, Any]:
        """What decides the documents (recorded in the run marker): not where the
        server is, how fast we may call it, or what this run may spend."""
        return {
            "renderer": "llm",
            "model": self.client.model,
            "temperature": self.client.temperature,
            "max_tokens": self.client.max_tokens,
            "judge_model": self.judge_model,
        }


class _Stop:
    """What a document's future holds when the budget ran out before it was done."""

    def __init__(self, message: str) -> None:
        self.message = message


class LLMSource:
    """A DraftSource for the writer (see worldspec.corpus.writer)."""

    max_attempts = LLM_ATTEMPTS

    def __init__(
        self,
        analysis: Analysis,
        packs: PackLibrary,
        planner: Planner,
        settings: LLMRunSettings,
        cache: CompletionCache,
    ) -> None:
        self.planner = planner
        self.packs = packs
        self.settings = settings
        self.cache = cache
        self.builder = PromptBuilder(analysis.world)
        self.verifier = Verifier(analysis.world)
        self.budget = Budget(settings.max_cost)
        self.sent = Usage()  # what this run itself requested (cache hits excluded)
        self.cache_hits = 0
        self._futures: dict[int, concurrent.futures.Future[Draft | _Stop]] = {}
        self._draining = False
        self._first_request: float | None = None  # the span of the requests, for rates
        self._last_response: float | None = None
        self._tasks: set[asyncio.Future[None]] = set()
        self._queue: asyncio.Queue[tuple[Assignment, concurrent.futures.Future[Draft | _Stop]]]
        # routes first: an unknown model or a missing --api-base fails before any thread
        self.client = ChatClient(settings.client, self.budget)
        self.judge: ChatClient | None = None
        if settings.judge_model:
            judge_settings = dataclasses.replace(
                settings.client, model=settings.judge_model, max_tokens=200
            )
            self.judge = ChatClient(judge_settings, self.budget)
        self._checker = _checker_pool(self.verifier, planner)  # forked before any thread
        self._loop = _new_event_loop()
        # hand the GIL over every 0.5 ms instead of 5: while the writer's thread commits
        # an index or a shard, responses must still be read as soon as they arrive
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(0.0002)
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._call(self._open())

    # ---- the writer's side ------------------------------------------------------

    def ahead(self, batch: list[Assignment]) -> None:
        new = [a for a in batch if a.position not in self._futures]
        futures: list[concurrent.futures.Future[Draft | _Stop]] = []
        for assignment in new:
            future: concurrent.futures.Future[Draft | _Stop] = concurrent.futures.Future()
            self._futures[assignment.position] = future
            futures.append(future)
        if new:  # one hand-over for the batch: a wake-up of the loop per document cost more
            self._loop.call_soon_threadsafe(self._enqueue, list(zip(new, futures, strict=True)))

    def drafts(self, batch: list[Assignment]) -> Iterator[list[Draft]]:
        """In order, CHUNK documents at a time: the writer's thread wakes once a chunk,
        not once a document (each wake-up is a fight for the GIL with the loop)."""
        self.ahead(batch)
        for start in range(0, len(batch), CHUNK):
            chunk = [self._futures.pop(a.position) for a in batch[start : start + CHUNK]]
            concurrent.futures.wait(chunk)
            yield [self._result(future) for future in chunk]

    def redraft(self, assignment: Assignment, attempt: int) -> Draft:
        future = asyncio.run_coroutine_threadsafe(self._document(assignment, attempt), self._loop)
        return self._result(future)

    def close(self) -> None:
        if self._draining:
            # a budget stop: requests in flight are paid for, so they finish and are
            # cached for --resume; no new one starts, the budget refuses it
            concurrent.futures.wait(
                list(self._futures.values()), timeout=self.settings.client.timeout + 5
            )
        for future in self._futures.values():
            future.cancel()
        self._futures.clear()
        try:
            self._call(self._close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            self._loop.close()
            sys.setswitchinterval(self._switch_interval)
            if self._checker is not None:
                self._checker.shutdown(cancel_futures=True)
            self.cache.close()

    @property
    def run_usage(self) -> dict[str, Any]:
        retried = dict(self.client.failures)
        if self.judge is not None:
            for kind, count in self.judge.failures.items():
                retried[kind] = retried.get(kind, 0) + count
        span = (
            self._last_response - self._first_request
            if self._first_request is not None and self._last_response is not None
            else None
        )
        return {
            **self.sent.to_json(),
            "cache_hits": self.cache_hits,
            "retried": dict(sorted(retried.items())),
            # from the first request sent to the last answer read: the request rate
            # without start-up and the writing of the last shard
            "requests_seconds": None if span is None else round(span, 3),
        }

    def _result(self, future: concurrent.futures.Future[Draft | _Stop]) -> Draft:
        result = future.result()
        if isinstance(result, _Stop):
            self._draining = True
            raise BudgetExhausted(result.message)
        return result

    def _call(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    # ---- the event loop's side ----------------------------------------------------

    def _enqueue(
        self, items: list[tuple[Assignment, concurrent.futures.Future[Draft | _Stop]]]
    ) -> None:
        for item in items:
            self._queue.put_nowait(item)

    async def _worker(self) -> None:
        """Takes the next document when it can send a request: the prompt, the checks
        and the signature of each document are spread over the run, instead of a
        thousand tasks building their prompts at once while responses wait."""
        while True:
            assignment, future = await self._queue.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = await self._document(assignment, 0)
            except BaseException as err:  # delivered to the writer, which reports it
                future.set_exception(err)
                if isinstance(err, asyncio.CancelledError):
                    raise
            else:
                future.set_result(result)

    async def _open(self) -> None:
        self._queue = asyncio.Queue()
        # a few more workers than requests in flight: some are between requests
        workers = self.settings.client.concurrency + 4
        self._tasks = {asyncio.ensure_future(self._worker()) for _ in range(workers)}
        await self.client.__aenter__()
        if self.judge is not None:
            await self.judge.__aenter__()

    async def _close(self) -> None:
        for task in list(self._tasks):  # an interrupted run: nothing more is sent
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.client.__aexit__()
        if self.judge is not None:
            await self.judge.__aexit__()

    async def _complete(
        self, client: ChatClient, messages: list[dict[str, str]], seed: int, usage: Usage
    ) -> tuple[str, bool]:
        """A completion from the cache, or from the model (then cached), and which."""
        settings = client.settings
        key = None
        if self.cache.enabled:
            key = completion_key(
                settings.model,
                messages,
                {"temperature": settings.temperature, "max_tokens": settings.max_tokens},
                seed,
            )
        cached = self.cache.get(key) if key is not None else None
        if cached is not None:
            self.cache_hits += 1
            usage.add(
                Usage(cached["prompt_tokens"], cached["completion_tokens"], cached["cost"], 1)
            )
            return str(cached["text"]), True
        if self._first_request is None:
            self._first_request = time.perf_counter()
        completion = await client.complete(messages, seed=seed)
        self._last_response = time.perf_counter()
        self.sent.add(completion.usage)
        usage.add(completion.usage)
        if key is not None:
            self.cache.put(
                key,
                {
                    "text": completion.text,
                    "prompt_tokens": completion.usage.prompt_tokens,
                    "completion_tokens": completion.usage.completion_tokens,
                    "cost": completion.usage.cost_usd,
                    "created": time.time(),
                },
            )
        return completion.text, False

    async def _document(self, assignment: Assignment, first_attempt: int) -> Draft | _Stop:
        plan = self.planner.plan(assignment)
        usage = Usage()
        try:
            return await self._attempts(assignment, plan, first_attempt, usage)
        except BudgetExhausted as err:
            return _Stop(str(err))
        except LLMError as err:
            return unwritten_draft(plan, first_attempt, None, f"{err.kind}: {err}", usage.to_json())

    async def _check(
        self, assignment: Assignment, plan: DocPlan, text: str, from_cache: bool = False
    ) -> tuple[list[tuple[str, str]], array[int] | None, array[int] | None]:
        """Verification and the MinHash signature, in the checker process when there
        is one: they are a third of a document's CPU time, and this process has one
        interpreter lock for the event loop and the writer."""
        # a cached answer is checked here: with no request in flight to keep reading,
        # the round trip to the checker process would cost more than the check
        if self._checker is not None and not from_cache:
            return await asyncio.get_running_loop().run_in_executor(
                self._checker, _check, assignment, text
            )
        return _check_with(self.verifier, plan, text)

    async def _attempts(
        self, assignment: Assignment, plan: DocPlan, first_attempt: int, usage: Usage
    ) -> Draft:
        pack = self.packs.get(plan.genre)
        reason = None
        for attempt in range(first_attempt, LLM_ATTEMPTS):
            prompt = self.builder.prompt(plan, pack, attempt)
            messages = prompt.messages
            for revision in range(MAX_REVISIONS + 1):
                text, cached = await self._complete(self.client, messages, prompt.seed, usage)
                text = text.strip() + "\n"
                findings, values, keys = await self._check(assignment, plan, text, cached)
                if not findings and self.judge is not None:
                    question = self.builder.judge(plan, text)
                    answer, _ = await self._complete(self.judge, question, prompt.seed, usage)
                    verdict = judge_verdict(answer)
                    if verdict is not None:
                        findings = [("judge", verdict)]
                if not findings:
                    return verified_draft(
                        plan,
                        attempt,
                        text,
                        renderer="llm",
                        prompt_hash=prompt.prompt_hash,
                        model=self.settings.client.model,
                        usage=usage.to_json(),
                        signed=(values, keys) if values is not None and keys is not None else None,
                    )
                reason = findings[0][0]
                if revision < MAX_REVISIONS:
                    messages = self.builder.revision(messages, text.rstrip("\n"), plan, findings)
        return unwritten_draft(plan, LLM_ATTEMPTS - 1, reason, None, usage.to_json())


_CHECKER: dict[str, Any] = {}


def _checker_pool(verifier: Verifier, planner: Planner) -> ProcessPoolExecutor | None:
    """One forked process for verification and signatures (None where fork is not
    available: then they run in the event loop's thread)."""
    _CHECKER["verifier"] = verifier
    _CHECKER["planner"] = planner
    return forked_pool(1)


def _check(
    assignment: Assignment, text: str
) -> tuple[list[tuple[str, str]], array[int] | None, array[int] | None]:
    plan = _CHECKER["planner"].plan(assignment)
    return _check_with(_CHECKER["verifier"], plan, text)


def _check_with(
    verifier: Verifier, plan: DocPlan, text: str
) -> tuple[list[tuple[str, str]], array[int] | None, array[int] | None]:
    findings = [(f.reason, f.detail) for f in verifier.check(text, plan)]
    if findings:
        return findings, None, None
    values = signature(text)
    return [], values, bands(values)


def _new_event_loop() -> asyncio.AbstractEventLoop:
    """uvloop where it exists: its I/O costs a fraction of asyncio's, and at hundreds
    of requests a second the event loop's thread is the busiest part of a run."""
    try:
        import uvloop
    except ImportError:  # Windows
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()
