"""The LLM renderer's spending cap, apart from the client so that the writer can
know a budget stop (or any clean stop) without importing an HTTP library."""

from __future__ import annotations

from typing import Protocol


class RunStop(Exception):
    """A reason for a run to stop cleanly after its last whole shard, to be resumed."""


class BudgetExhausted(RunStop):
    """The run's --max-cost is spent: no request is sent after this."""


class Budget:
    """The run's spending cap in USD (None: no cap). A request reserves its most
    expensive outcome (its prompt and `max_tokens` of completion) before it is sent,
    so requests in flight together cannot overshoot the cap."""

    def __init__(self, limit: float | None) -> None:
        self.limit = limit
        self.spent = 0.0
        self.reserved = 0.0
        self.refused: str | None = None  # once the budget refuses, the run is stopping

    def reserve(self, estimate: float | None) -> float:
        if self.limit is None:
            return 0.0
        estimate = estimate or 0.0
        if self.refused is None and self.spent + self.reserved + estimate > self.limit:
            self.refused = f"--max-cost ${self.limit:g} reached (${self.spent:.4f} spent)"
        if self.refused is not None:
            # requests in flight settle below what they reserved, which would let
            # queued ones start while the run stops; none does
            raise BudgetExhausted(self.refused)
        self.reserved += estimate
        return estimate

    def settle(self, reserved: float, cost: float | None) -> None:
        self.reserved -= reserved
        if cost:
            self.spent += cost


class SharedGate(Protocol):
    """The budget and the rate limits of a run spread over processes (a Ray cluster:
    worldspec.corpus.cluster), in place of a client's own Budget and token buckets.
    Every request passes through one gate, so the limits hold for the whole run."""

    async def admit(self, estimate: float | None, tokens: int) -> float:
        """Reserve the request's most expensive outcome and its place under --rpm and
        --tpm, waiting for that place; what was reserved, to settle. BudgetExhausted
        when the budget cannot cover it."""
        ...

    def settle(self, reserved: float, cost: float | None) -> None:
        """The request ended: what it cost (None: nothing, or unknown)."""
        ...
