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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worldspec.corpus.context import ContextMaker, ContextSettings, WorldContext
from worldspec.corpus.deferred import BatchPending, Deferred, DeferredRequests
from worldspec.corpus.shards import SHARD_SIZE, CorpusError
from worldspec.corpus.workers import forked_pool
from worldspec.corpus.writer import LOOKAHEAD, Draft, unwritten_draft, verified_draft
from worldspec.model import Analysis
from worldspec.plan import Assignment, DocPlan, Planner
from worldspec.render import PackLibrary
from worldspec.render.batch import BatchRequest
from worldspec.render.budget import RunStop, SharedGate
from worldspec.render.cache import CompletionCache, completion_key
from worldspec.render.client import (
    Budget,
    BudgetExhausted,
    ChatClient,
    ClientSettings,
    LLMError,
    Usage,
)
from worldspec.render.ideas import idea_of
from worldspec.render.llm import PromptBuilder, judge_verdict, revised_text
from worldspec.verify import Verifier
from worldspec.verify.dedup import bands, signature

# documents a collecting pass takes at once (a batch run: no request is in flight)
COLLECTING = 512
LLM_ATTEMPTS = 2
MAX_REVISIONS = 2
CHUNK = 64


@dataclass(slots=True)
class LLMRunSettings:
    client: ClientSettings
    judge_model: str | None = None
    max_cost: float | None = None
    context: ContextSettings = field(default_factory=ContextSettings)
    revise: bool = False  # a critique and rewrite of each verified draft
    batch: bool = False  # requests through a batch API (worldspec.corpus.batch)
    poll: float = 60.0  # seconds between a batch's state checks

    def recorded(self) -> dict[str, Any]:
        """What decides the documents (recorded in the run marker): not where the
        server is, how fast we may call it, or what this run may spend."""
        return {
            "renderer": "llm",
            "model": self.client.model,
            "temperature": self.client.temperature,
            "max_tokens": self.client.max_tokens,
            "judge_model": self.judge_model,
            "universe": self.context.universe,
            "ideas": self.context.ideas,
            "doc_types": self.context.doc_types if self.context.ideas else None,
            "revise": self.revise,
        }


def _title(analysis: Analysis) -> str:
    world = analysis.world
    return world.title or world.name or "The world"


class _Stop:
    """What a document's future holds when the run must stop before it is done: the
    budget ran out, or (a batch run) an answer is waiting for a batch."""

    def __init__(self, error: RunStop) -> None:
        self.error = error


class LLMSource:
    """A DraftSource for the writer (see worldspec.corpus.writer)."""

    max_attempts = LLM_ATTEMPTS
    lookahead = LOOKAHEAD

    def __init__(
        self,
        analysis: Analysis,
        packs: PackLibrary,
        planner: Planner,
        settings: LLMRunSettings,
        cache: CompletionCache,
        out: Path,
        deferred: DeferredRequests | None = None,
        *,
        context: WorldContext | None = None,
        gate: SharedGate | None = None,
        checker: bool = True,
    ) -> None:
        """`context`: the universe and ideas, made elsewhere (a Ray worker's are the
        driver's); `gate`: the budget and rates shared with other processes; `checker`:
        verify in a forked process (a Ray worker is one process of many already)."""
        self.planner = planner
        self.deferred = deferred  # a batch run: a request the cache lacks waits for a batch
        self.context_ready = True
        self.packs = packs
        self.settings = settings
        self.cache = cache
        self.builder = PromptBuilder(analysis.world)
        self.verifier = Verifier(analysis.world)
        self.budget = Budget(settings.max_cost)
        self.sent = Usage()  # what this run itself requested (cache hits excluded)
        self.stage_usage = Usage()  # what the universe and the ideas took, cached or not
        self.revisions = {"kept": 0, "failed": 0}  # critiques' rewrites kept, drafts kept
        self.context = WorldContext()
        self.cache_hits = 0
        self._futures: dict[int, concurrent.futures.Future[Draft | _Stop]] = {}
        # every document asked for and not done, taken by a reader or not: a budget
        # stop waits for them all (a Ray worker has several readers at once)
        self._unfinished: set[concurrent.futures.Future[Draft | _Stop]] = set()
        self._draining = False
        self._first_request: float | None = None  # the span of the requests, for rates
        self._last_response: float | None = None
        self._tasks: set[asyncio.Future[None]] = set()
        self._queue: asyncio.Queue[tuple[Assignment, concurrent.futures.Future[Draft | _Stop]]]
        # routes first: an unknown model or a missing --api-base fails before any thread
        self.client = ChatClient(settings.client, self.budget, gate=gate)
        self.judge: ChatClient | None = None
        if settings.judge_model:
            judge_settings = dataclasses.replace(
                settings.client, model=settings.judge_model, max_tokens=200
            )
            self.judge = ChatClient(judge_settings, self.budget, gate=gate)
        # forked before any thread
        self._checker = _checker_pool(self.verifier, planner) if checker else None
        self._loop = _new_event_loop()
        # hand the GIL over every 0.5 ms instead of 5: while the writer's thread commits
        # an index or a shard, responses must still be read as soon as they arrive
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(0.0002)
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._call(self._open())
        if context is not None:
            self.context = context
            return
        try:
            self.context = self._call(self._context_maker(analysis).make(out, _title(analysis)))
        except Deferred:
            self.context_ready = False  # the universe or the ideas wait for a batch
            if deferred is None or not deferred.collecting:
                self.close()
                raise BatchPending("the universe context and ideas wait for a batch") from None
        except BaseException as err:
            self.close()
            if isinstance(err, OSError):
                raise CorpusError(f"{out}: cannot be written: {err.strerror or err}") from err
            raise

    def _context_maker(self, analysis: Analysis) -> ContextMaker:
        settings = self.planner.settings

        async def complete(messages: list[dict[str, str]], seed: int, max_tokens: int) -> str:
            text, _ = await self._complete(
                self.client, messages, seed, self.stage_usage, max_tokens
            )
            return text

        return ContextMaker(
            self.builder,
            self.verifier,
            self.planner.profiles,
            self.settings.context,
            settings.seed,
            settings.end,
            complete,
        )

    # ---- the writer's side ------------------------------------------------------

    def ahead(self, batch: list[Assignment]) -> None:
        new = [a for a in batch if a.position not in self._futures]
        futures: list[concurrent.futures.Future[Draft | _Stop]] = []
        for assignment in new:
            future: concurrent.futures.Future[Draft | _Stop] = concurrent.futures.Future()
            self._futures[assignment.position] = future
            self._unfinished.add(future)
            future.add_done_callback(self._unfinished.discard)
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

    def close(self, drain: bool = False) -> None:
        """Stop; after a budget stop (here, or `drain`: elsewhere in the run) once the
        requests in flight are answered and cached."""
        if self._draining or drain:
            # a budget stop: requests in flight are paid for, so they finish and are
            # cached for --resume; no new one starts, the budget refuses it
            concurrent.futures.wait(
                list(self._unfinished), timeout=self.settings.client.timeout + 5
            )
        for future in list(self._unfinished):
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
            "stages": {
                **self.context.summary(),
                "usage": self.stage_usage.to_json(),
                "revisions": dict(self.revisions) if self.settings.revise else None,
            },
            "retried": dict(sorted(retried.items())),
            # from the first request sent to the last answer read: the request rate
            # without start-up and the writing of the last shard
            "requests_seconds": None if span is None else round(span, 3),
        }

    def _result(self, future: concurrent.futures.Future[Draft | _Stop]) -> Draft:
        result = future.result()
        if isinstance(result, _Stop):
            self._draining = True
            raise result.error
        return result

    def collect(self, part: tuple[int, int] | None = None) -> None:
        """A batch run's collecting pass: every document (of the part) taken as far as
        the cache answers it, its first missing request recorded, nothing written."""
        if self.context_ready:
            self._call(self._collect(part))

    async def _collect(self, part: tuple[int, int] | None) -> None:
        assert self.deferred is not None
        running: set[asyncio.Future[Draft | _Stop]] = set()
        for assignment in self.planner.assignments():
            if self.deferred.full:
                break
            if part is not None and (assignment.position // SHARD_SIZE) % part[1] != part[0]:
                continue
            running.add(asyncio.ensure_future(self._document(assignment, 0)))
            if len(running) >= COLLECTING:
                _, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        await asyncio.gather(*running)

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
        self,
        client: ChatClient,
        messages: list[dict[str, str]],
        seed: int,
        usage: Usage,
        max_tokens: int | None = None,
    ) -> tuple[str, bool]:
        """A completion from the cache, or from the model (then cached), and which."""
        settings = client.settings
        tokens = max_tokens or settings.max_tokens
        key = None
        if self.cache.enabled:
            key = completion_key(
                settings.model,
                messages,
                {"temperature": settings.temperature, "max_tokens": tokens},
                seed,
            )
        cached = await self.cache.aget(key) if key is not None else None
        if cached is not None:
            self.cache_hits += 1
            usage.add(
                Usage(cached["prompt_tokens"], cached["completion_tokens"], cached["cost"], 1)
            )
            return str(cached["text"]), True
        if self.deferred is not None and client is self.client:
            assert key is not None  # a batch run needs the cache (worldspec.corpus.job)
            request = BatchRequest(key, messages, tokens, settings.temperature, seed)
            raise self.deferred.defer(request)
        if self._first_request is None:
            self._first_request = time.perf_counter()
        completion = await client.complete(messages, seed=seed, max_tokens=tokens)
        self._last_response = time.perf_counter()
        self.sent.add(completion.usage)
        usage.add(completion.usage)
        if key is not None:
            await self.cache.aput(
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
            return _Stop(err)
        except Deferred:
            return _Stop(BatchPending(f"{plan.id} waits for a batch"))
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
        preamble = self.context.preamble(plan.divergences)
        divergence = self.planner.profiles[assignment.profile].name
        idea = idea_of(self.context.ideas.get(divergence, []), assignment.ordinal)
        kind = idea.doc_type if idea is not None else pack.spec.name.replace("_", " ")
        reason = None
        for attempt in range(first_attempt, LLM_ATTEMPTS):
            prompt = (
                self.builder.prompt(plan, pack, attempt, preamble)
                if idea is None
                else self.builder.idea_prompt(plan, pack, idea, attempt, preamble)
            )
            messages = prompt.messages
            for revision in range(MAX_REVISIONS + 1):
                text, cached = await self._complete(self.client, messages, prompt.seed, usage)
                text = text.strip() + "\n"
                findings, signed = await self._verdict(
                    assignment, plan, text, cached, usage, prompt.seed
                )
                if not findings:
                    revised = None
                    if self.settings.revise:
                        text, signed, revised = await self._revise(
                            assignment, plan, (messages, text, signed), kind, prompt.seed, usage
                        )
                    return verified_draft(
                        plan,
                        attempt,
                        text,
                        renderer="llm",
                        prompt_hash=prompt.prompt_hash,
                        model=self.settings.client.model,
                        usage=usage.to_json(),
                        signed=signed,
                        idea=idea.to_json() if idea is not None else None,
                        revised=revised,
                    )
                reason = findings[0][0]
                if revision < MAX_REVISIONS:
                    messages = self.builder.revision(messages, text.rstrip("\n"), plan, findings)
        return unwritten_draft(plan, LLM_ATTEMPTS - 1, reason, None, usage.to_json())

    async def _verdict(
        self,
        assignment: Assignment,
        plan: DocPlan,
        text: str,
        cached: bool,
        usage: Usage,
        seed: int,
    ) -> tuple[list[tuple[str, str]], tuple[array[int], array[int]] | None]:
        """The findings on a draft (the checks, then the judge's question when there is
        a judge), and its signature when there are none."""
        findings, values, keys = await self._check(assignment, plan, text, cached)
        if not findings and self.judge is not None:
            question = self.builder.judge(plan, text)
            answer, _ = await self._complete(self.judge, question, seed, usage)
            verdict = judge_verdict(answer)
            if verdict is not None:
                findings = [("judge", verdict)]
        if findings or values is None or keys is None:
            return findings, None
        return findings, (values, keys)

    async def _revise(
        self,
        assignment: Assignment,
        plan: DocPlan,
        draft: tuple[list[dict[str, str]], str, tuple[array[int], array[int]] | None],
        kind: str,
        seed: int,
        usage: Usage,
    ) -> tuple[str, tuple[array[int], array[int]] | None, bool]:
        """The critique's rewrite of a verified draft when it passes the same checks;
        else (a rewrite that fails them, an answer without one, a request that
        failed after its retries) the draft, kept as it was."""
        messages, text, signed = draft
        request = self.builder.critique(messages, text.rstrip("\n"), kind)
        try:
            answer, cached = await self._complete(self.client, request, seed, usage)
        except LLMError:  # the draft is verified and paid for: it stands
            answer, cached = "", False
        rewritten = revised_text(answer)
        if rewritten is not None:
            rewritten += "\n"
            findings, resigned = await self._verdict(
                assignment, plan, rewritten, cached, usage, seed
            )
            if not findings:
                self.revisions["kept"] += 1
                return rewritten, resigned, True
        self.revisions["failed"] += 1
        return text, signed, False


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
