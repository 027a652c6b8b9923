"""Hosted batch APIs: OpenAI's Batch API and Anthropic's Message Batches, at half
the price of the same requests sent one by one, answered within a day.

A BatchAPI submits a list of requests (each with a custom id: the completion's
cache key), reports a batch's state, and reads its results back as BatchAnswers.
It knows nothing of documents: worldspec.corpus.batch decides what to send and
fills the completion cache with the answers, so that the run that writes the
corpus is an ordinary cached run.

Keys come from the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY) and never
leave this module, as with the direct client.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from worldspec.render.client import OPENAI_BASE, LLMError

ANTHROPIC_BASE = "https://api.anthropic.com/v1"
ANTHROPIC_VERSION = "2023-06-01"
BATCH_DISCOUNT = 0.5  # both providers bill a batch's tokens at half the price
_TIMEOUT_S = 300.0


@dataclass(slots=True)
class BatchRequest:
    key: str  # the completion's cache key, and the request's custom id
    messages: list[dict[str, str]]
    max_tokens: int
    temperature: float
    seed: int


@dataclass(slots=True)
class BatchAnswer:
    key: str
    text: str | None  # None: this request failed (`error` says why)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    error: str | None = None


@dataclass(slots=True)
class BatchState:
    done: bool
    failed: str | None  # the batch as a whole failed, expired or was cancelled
    counts: str  # for the user: how far it is


class BatchAPI:
    """The protocol's common part: one aiohttp session, JSON in and out."""

    provider = ""

    def __init__(self, model: str, base: str, key: str | None) -> None:
        self.model = model  # as the provider names it (no "openai/" prefix)
        self.base = base.rstrip("/")
        self.key = key
        self._session: Any = None

    async def __aenter__(self) -> BatchAPI:
        import aiohttp

        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=_TIMEOUT_S), headers=self.headers()
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()

    def headers(self) -> dict[str, str]:
        return {}

    async def _json(self, method: str, url: str, **kwargs: Any) -> Any:
        body = await self._bytes(method, url, **kwargs)
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError:
            raise LLMError("malformed", f"{self.provider}: {url}: not JSON") from None

    async def _bytes(self, method: str, url: str, **kwargs: Any) -> bytes:
        import aiohttp

        try:
            async with self._session.request(method, url, **kwargs) as response:
                body: bytes = await response.read()
                if response.status >= 400:
                    detail = body[:300].decode("utf-8", "replace")
                    raise LLMError(
                        "server-error" if response.status >= 500 else "client-error",
                        f"{self.provider}: {method} {url}: HTTP {response.status}: {detail}",
                    )
                return body
        except (aiohttp.ClientError, TimeoutError, OSError) as err:
            raise LLMError("connection", f"{self.provider}: {url}: {err}") from None

    async def submit(self, requests: list[BatchRequest]) -> str:
        raise NotImplementedError

    async def state(self, batch: str) -> BatchState:
        raise NotImplementedError

    async def answers(self, batch: str) -> list[BatchAnswer]:
        raise NotImplementedError


class OpenAIBatches(BatchAPI):
    """POST /files (purpose batch) then /batches; GET /batches/ID; the output file's
    content, a line a request."""

    provider = "openai"

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"} if self.key else {}

    def _line(self, request: BatchRequest) -> bytes:
        return orjson.dumps(
            {
                "custom_id": request.key,
                "method": "POST",
                "url": "/v1/chat/completions",
                "body": {
                    "model": self.model,
                    "messages": request.messages,
                    "temperature": request.temperature,
                    "max_tokens": request.max_tokens,
                    "seed": request.seed,
                },
            }
        )

    async def submit(self, requests: list[BatchRequest]) -> str:
        import aiohttp

        form = aiohttp.FormData()
        form.add_field("purpose", "batch")
        content = b"\n".join(self._line(r) for r in requests) + b"\n"
        form.add_field("file", content, filename="requests.jsonl", content_type="application/jsonl")
        uploaded = await self._json("POST", f"{self.base}/files", data=form)
        created = await self._json(
            "POST",
            f"{self.base}/batches",
            json={
                "input_file_id": uploaded["id"],
                "endpoint": "/v1/chat/completions",
                "completion_window": "24h",
            },
        )
        return str(created["id"])

    async def state(self, batch: str) -> BatchState:
        data = await self._json("GET", f"{self.base}/batches/{batch}")
        status = data.get("status")
        counts = data.get("request_counts") or {}
        told = f"{status}, {counts.get('completed', 0)} of {counts.get('total', '?')} answered"
        if status in ("failed", "expired", "cancelled", "cancelling"):
            errors = (data.get("errors") or {}).get("data") or [{}]
            return BatchState(True, f"{status}: {errors[0].get('message', '')}".strip(), told)
        return BatchState(status == "completed", None, told)

    async def answers(self, batch: str) -> list[BatchAnswer]:
        data = await self._json("GET", f"{self.base}/batches/{batch}")
        found: list[BatchAnswer] = []
        for field in ("output_file_id", "error_file_id"):
            if data.get(field):
                body = await self._bytes("GET", f"{self.base}/files/{data[field]}/content")
                found.extend(self._answer(orjson.loads(line)) for line in _lines(body))
        return found

    def _answer(self, line: dict[str, Any]) -> BatchAnswer:
        key = str(line.get("custom_id"))
        response = line.get("response") or {}
        body = response.get("body") or {}
        if line.get("error") or response.get("status_code", 200) >= 400:
            error = line.get("error") or body.get("error") or {}
            message = error.get("message", error) if isinstance(error, dict) else error
            return BatchAnswer(key, None, error=f"HTTP {response.get('status_code')}: {message}")
        try:
            text = body["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            return BatchAnswer(key, None, error="an answer without a completion")
        usage = body.get("usage") or {}
        if not text:
            return BatchAnswer(key, None, error="an empty completion")
        return BatchAnswer(
            key, str(text), usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)
        )


class AnthropicBatches(BatchAPI):
    """POST /messages/batches with the requests inline; GET it until it has ended;
    its results_url, a line a request."""

    provider = "anthropic"

    def headers(self) -> dict[str, str]:
        headers = {"anthropic-version": ANTHROPIC_VERSION}
        if self.key:
            headers["x-api-key"] = self.key
        return headers

    def _params(self, request: BatchRequest) -> dict[str, Any]:
        system = "\n\n".join(m["content"] for m in request.messages if m["role"] == "system")
        params: dict[str, Any] = {
            "model": self.model,
            "max_tokens": request.max_tokens,
            "temperature": min(request.temperature, 1.0),  # Anthropic's range is 0..1
            "messages": [m for m in request.messages if m["role"] != "system"],
        }
        if system:
            params["system"] = system
        return params

    async def submit(self, requests: list[BatchRequest]) -> str:
        created = await self._json(
            "POST",
            f"{self.base}/messages/batches",
            json={"requests": [{"custom_id": r.key, "params": self._params(r)} for r in requests]},
        )
        return str(created["id"])

    async def state(self, batch: str) -> BatchState:
        data = await self._json("GET", f"{self.base}/messages/batches/{batch}")
        counts = data.get("request_counts") or {}
        told = (
            f"{data.get('processing_status')}, {counts.get('succeeded', 0)} succeeded, "
            f"{counts.get('processing', 0)} processing"
        )
        return BatchState(data.get("processing_status") == "ended", None, told)

    async def answers(self, batch: str) -> list[BatchAnswer]:
        data = await self._json("GET", f"{self.base}/messages/batches/{batch}")
        url = data.get("results_url") or f"{self.base}/messages/batches/{batch}/results"
        body = await self._bytes("GET", url)
        return [self._answer(orjson.loads(line)) for line in _lines(body)]

    def _answer(self, line: dict[str, Any]) -> BatchAnswer:
        key = str(line.get("custom_id"))
        result = line.get("result") or {}
        if result.get("type") != "succeeded":
            error = (result.get("error") or {}).get("message", "")
            return BatchAnswer(key, None, error=f"{result.get('type')}: {error}".strip(": "))
        message = result.get("message") or {}
        text = "".join(
            part.get("text", "")
            for part in message.get("content") or []
            if part.get("type") == "text"
        )
        usage = message.get("usage") or {}
        if not text:
            return BatchAnswer(key, None, error="an empty completion")
        return BatchAnswer(key, text, usage.get("input_tokens", 0), usage.get("output_tokens", 0))


def _lines(body: bytes) -> Iterator[bytes]:
    return (line for line in body.splitlines() if line.strip())


def batch_api(model: str, api_base: str | None) -> BatchAPI:
    """The batch API that serves `model` (openai/... or anthropic/...), or LLMError."""
    provider, _, name = model.partition("/")
    if provider == "openai" and name:
        base = api_base or os.environ.get("OPENAI_BASE_URL") or OPENAI_BASE
        key = os.environ.get("OPENAI_API_KEY")
        if key is None and base == OPENAI_BASE:
            raise LLMError("client-error", "--batch with OpenAI needs OPENAI_API_KEY set")
        return OpenAIBatches(name, base, key)
    if provider == "anthropic" and name:
        base = api_base or ANTHROPIC_BASE
        key = os.environ.get("ANTHROPIC_API_KEY")
        if key is None and base == ANTHROPIC_BASE:
            raise LLMError("client-error", "--batch with Anthropic needs ANTHROPIC_API_KEY set")
        return AnthropicBatches(name, base, key)
    raise LLMError(
        "client-error",
        f"--batch serves openai/... and anthropic/... models (their batch APIs), not '{model}'",
    )
