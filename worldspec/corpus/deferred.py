"""Requests deferred to a batch: what a `--batch` run's passes could not answer
from the completion cache (see worldspec.corpus.batch).

In a batch run the LLM source sends nothing itself. A completion the cache does not
hold is recorded here and the document waits (Deferred); once a batch has answered
every recorded request and the answers are in the cache, the next pass takes each
document further, until one pass finds every answer it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from worldspec.render.batch import BatchRequest
from worldspec.render.budget import RunStop
from worldspec.render.client import LLMError

# OpenAI's Batch API takes 50,000 requests a batch (Anthropic's 100,000)
BATCH_LIMIT = 50_000


class Deferred(Exception):
    """The completion is not in the cache: it was recorded for the next batch."""


class BatchPending(RunStop):
    """The run needs answers a batch has yet to give: it stops after its last whole
    shard, and goes on once the batch is in."""


@dataclass(slots=True)
class DeferredRequests:
    """The requests of one pass, by cache key; `failures` counts the batches each key
    failed in (from the batch log), and a key that failed `retries` + 1 times is a
    failed request, as one sent directly would be after its retries."""

    retries: int
    failures: dict[str, tuple[int, str]] = field(default_factory=dict)
    collecting: bool = False  # a collecting pass writes nothing and goes past waits
    limit: int = BATCH_LIMIT
    requests: dict[str, BatchRequest] = field(default_factory=dict)

    def defer(self, request: BatchRequest) -> Deferred:
        """Deferred for a request to record, or LLMError for one that failed too often."""
        failed, error = self.failures.get(request.key, (0, ""))
        if failed > self.retries:
            raise LLMError("batch", f"failed in {failed} batches: {error}")
        if len(self.requests) < self.limit:
            self.requests.setdefault(request.key, request)
        return Deferred(request.key)

    @property
    def full(self) -> bool:
        return len(self.requests) >= self.limit
