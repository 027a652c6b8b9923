"""Chat completions for the LLM renderer: any litellm model, at the throughput of a
bare HTTP client.

litellm names every provider and knows its endpoint, its key's variable and its
prices. Its async path, though, costs several milliseconds of CPU per call, which
caps a run at a few hundred requests a second on a small machine. So a model that
litellm itself serves through the OpenAI protocol (OpenAI, vLLM, Together, Groq,
DeepSeek, any `--api-base`...) is called here directly, with one aiohttp session;
every other provider (Anthropic, Bedrock, Vertex, Ollama...) goes through
`litellm.acompletion`. Both routes share the rate limits (aiolimiter token buckets
for requests and tokens a minute), the retries (tenacity: `Retry-After` when the
server sends one, else exponential backoff with jitter, on 429, 5xx, timeouts,
resets and malformed or empty answers) and the cost count (litellm's price map).

Keys come from the environment only and never leave this module: they are not in
a cache key, a log line, an error message or a file.

litellm, aiohttp, aiolimiter, tenacity and diskcache are the `llm` extra (`pip
install "worldspec[llm]"`): imported when a run needs them, never by an offline
compile, and named by `require_llm_extra` when they are missing.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import random
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson

from worldspec.render.budget import Budget, BudgetExhausted, SharedGate

OPENAI_BASE = "https://api.openai.com/v1"
# providers served through the OpenAI protocol without litellm's help, with the
# variable their key is read from (litellm knows the rest of its compatible ones)
_DIRECT = {"openai": "OPENAI_API_KEY", "hosted_vllm": "HOSTED_VLLM_API_KEY"}


# what the LLM path imports beyond the core install: the `llm` extra
LLM_EXTRA = ("litellm", "aiohttp", "aiolimiter", "tenacity", "diskcache")


class MissingExtraError(ImportError):
    """The optional dependencies of a feature are not installed: says which, and the
    command that installs them."""


def require_llm_extra() -> None:
    """MissingExtraError unless every module of the `llm` extra can be imported."""
    missing = [name for name in LLM_EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtraError(
            f"the llm renderer needs worldspec's 'llm' extra, which is not installed "
            f'(missing: {", ".join(missing)}): pip install "worldspec[llm]"'
        )


@cache
def _aiohttp() -> ModuleType:
    import aiohttp

    return aiohttp


class LLMError(Exception):
    """A request that did not give a completion. `kind` names the failure for counts:
    rate-limited, server-error, timeout, connection, malformed, empty, client-error."""

    def __init__(self, kind: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.retry_after = retry_after


class RetryableError(LLMError):
    """A failure that another attempt may not have: retried with backoff."""


@dataclass(slots=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = 0.0  # None once a model without a price took part
    requests: int = 0

    def add(self, other: Usage) -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.cost_usd = (
            None
            if self.cost_usd is None or other.cost_usd is None
            else self.cost_usd + other.cost_usd
        )
        self.requests += other.requests

    def to_json(self) -> dict[str, Any]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cost_usd": None if self.cost_usd is None else round(self.cost_usd, 6),
            "requests": self.requests,
        }


@dataclass(slots=True)
class Completion:
    text: str
    usage: Usage


@dataclass(slots=True)
class Route:
    """Where requests for a model go: `url` for a direct OpenAI-protocol call, or
    None for litellm."""

    model: str  # as the endpoint (or litellm) wants it
    url: str | None
    key: str | None
    provider: str


def estimate_tokens(text: str) -> int:
    """About four characters a token for English prose: the estimate a rate limit and
    a dry run need, without a tokenizer that would download its vocabulary."""
    return max(1, len(text) // 4)


@cache
def price_map() -> dict[str, Any]:
    """litellm's model price map, read from its package without importing litellm
    (the import takes seconds and tries the network for a fresher map)."""
    spec = importlib.util.find_spec("litellm")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(spec.submodule_search_locations[0]) / "model_prices_and_context_window_backup.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data


def prices(model: str) -> tuple[float, float] | None:
    """USD per prompt token and per completion token, or None for a model litellm
    has no price for (a local model: then tokens are counted, not cost)."""
    table = price_map()
    candidates = [model, model.split("/", 1)[1] if "/" in model else model]
    for name in candidates:
        entry = table.get(name)
        if isinstance(entry, dict) and "input_cost_per_token" in entry:
            return float(entry["input_cost_per_token"]), float(
                entry.get("output_cost_per_token", 0.0)
            )
    return None


def cost_of(model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
    found = prices(model)
    if found is None:
        return None
    return prompt_tokens * found[0] + completion_tokens * found[1]


def import_litellm() -> Any:
    """litellm, imported on first need, told to use its bundled price map (a run
    offline must not stall on a download)."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    litellm.suppress_debug_info = True
    return litellm


def resolve_route(model: str, api_base: str | None, client: str = "auto") -> Route:
    """How to reach `model`. `client` forces a route: "direct" or "litellm"."""
    provider, _, name = model.partition("/")
    if not name:
        provider, name = "openai", model
    if client != "litellm" and provider in _DIRECT:
        key = os.environ.get(_DIRECT[provider]) or None
        base = api_base or (
            os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_BASE") or OPENAI_BASE
            if provider == "openai"
            else None
        )
        if base is None:
            raise LLMError("client-error", f"model '{model}' needs --api-base (the server's URL)")
        if key is None and base == OPENAI_BASE:
            raise LLMError(
                "client-error",
                f"model '{model}' is served by OpenAI: set OPENAI_API_KEY in the environment "
                "(or give --api-base for a compatible server)",
            )
        return Route(name, base.rstrip("/") + "/chat/completions", key, provider)
    if client == "direct" and api_base:
        return Route(name, api_base.rstrip("/") + "/chat/completions", None, provider)
    litellm = import_litellm()
    try:
        resolved, provider, dynamic_key, base = litellm.get_llm_provider(model, api_base=api_base)
    except Exception as err:  # litellm raises its own BadRequestError for unknown models
        raise LLMError("client-error", f"litellm does not know model '{model}': {err}") from None
    compatible = provider in getattr(litellm, "openai_compatible_providers", [])
    if client != "litellm" and compatible and base:
        key = dynamic_key or os.environ.get(f"{provider.upper()}_API_KEY")
        return Route(resolved, base.rstrip("/") + "/chat/completions", key, provider)
    return Route(model, None, None, provider)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


@dataclass(slots=True)
class ClientSettings:
    model: str
    api_base: str | None = None
    temperature: float = 0.9
    max_tokens: int = 900
    concurrency: int = 16
    rpm: int | None = None
    tpm: int | None = None
    timeout: float = 60.0
    retries: int = 5
    backoff: float = 1.0  # seconds: the first backoff's scale, doubled each retry
    client: str = "auto"  # auto | direct | litellm


class ChatClient:
    """Sends chat completions with bounded concurrency, rate limits and retries.
    Use inside a running event loop: `async with ChatClient(...) as client`."""

    def __init__(
        self,
        settings: ClientSettings,
        budget: Budget,
        *,
        rate_period: float = 60.0,
        gate: SharedGate | None = None,
    ) -> None:
        self.settings = settings
        self.budget = budget
        self.gate = gate  # a run spread over processes: its budget and rates, shared
        self.route = resolve_route(settings.model, settings.api_base, settings.client)
        self._session: Any = None
        self._slots = asyncio.Semaphore(max(1, settings.concurrency))
        self._rpm: Any = None
        self._tpm: Any = None
        if settings.rpm or settings.tpm:
            from aiolimiter import AsyncLimiter

            if settings.rpm:
                self._rpm = AsyncLimiter(settings.rpm, rate_period)
            if settings.tpm:
                self._tpm = AsyncLimiter(settings.tpm, rate_period)
        self.failures: dict[str, int] = {}  # retried failures by kind, for the manifest
        self._headers = {"Content-Type": "application/json"}
        if self.route.key:
            self._headers["Authorization"] = f"Bearer {self.route.key}"

    async def __aenter__(self) -> ChatClient:
        if self.route.url is not None:
            aiohttp = _aiohttp()
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(
                    limit=max(1, self.settings.concurrency), ttl_dns_cache=300
                ),
                timeout=aiohttp.ClientTimeout(total=self.settings.timeout),
            )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()

    async def complete(
        self, messages: list[dict[str, str]], *, seed: int, max_tokens: int | None = None
    ) -> Completion:
        """One completion, retried; LLMError when every attempt failed,
        BudgetExhausted when the budget was spent before it could be sent."""
        tokens = max_tokens or self.settings.max_tokens
        try:  # the first attempt outside tenacity: most requests need no retry, and its
            # machinery costs about 50 us a request, a twentieth of the whole budget
            return await self._attempt(messages, seed, tokens)
        except RetryableError as first:
            if self.settings.retries < 1:
                raise
            self._count(first)
            failure = first
        from tenacity import (
            AsyncRetrying,
            retry_if_exception_type,
            stop_after_attempt,
            wait_random_exponential,
        )

        backoff = wait_random_exponential(multiplier=self.settings.backoff, max=60)

        def wait(state: Any) -> float:
            error = state.outcome.exception() if state.outcome is not None else None
            if isinstance(error, LLMError) and error.retry_after is not None:
                return min(error.retry_after, 300.0)
            return float(backoff(state))

        def count(state: Any) -> None:
            error = state.outcome.exception() if state.outcome is not None else None
            if isinstance(error, LLMError):
                self._count(error)

        first_wait = (
            min(failure.retry_after, 300.0)
            if failure.retry_after is not None
            else self.settings.backoff * random.random()
        )
        await asyncio.sleep(first_wait)
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.settings.retries),
            wait=wait,
            retry=retry_if_exception_type(RetryableError),
            before_sleep=count,
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._attempt(messages, seed, tokens)
        raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover

    def _count(self, error: LLMError) -> None:
        self.failures[error.kind] = self.failures.get(error.kind, 0) + 1

    async def _attempt(self, messages: list[dict[str, str]], seed: int, tokens: int) -> Completion:
        prompt = sum(estimate_tokens(m["content"]) for m in messages)
        estimate = cost_of(self.settings.model, prompt, tokens)
        async with self._slots:
            if self.gate is not None:
                held = await self.gate.admit(estimate, prompt + tokens)
            else:
                held = self.budget.reserve(estimate)
            try:
                if self.gate is None:
                    await self._limit(prompt + tokens)
                completion = await self._send(messages, seed=seed, max_tokens=tokens)
            except BaseException:
                self._settle(held, None)
                raise
        self._settle(held, completion.usage.cost_usd)
        return completion

    def _settle(self, held: float, cost: float | None) -> None:
        if self.gate is not None:
            self.gate.settle(held, cost)
        else:
            self.budget.settle(held, cost)

    async def _limit(self, tokens: int) -> None:
        if self._rpm is not None:
            await self._rpm.acquire()
        if self._tpm is not None:
            await self._tpm.acquire(min(tokens, self._tpm.max_rate))

    async def _send(
        self, messages: list[dict[str, str]], *, seed: int, max_tokens: int
    ) -> Completion:
        if self.route.url is None:
            return await self._send_litellm(messages, seed=seed, max_tokens=max_tokens)
        body = {
            "model": self.route.model,
            "messages": messages,
            "temperature": self.settings.temperature,
            "max_tokens": max_tokens,
            "seed": seed,
        }
        headers = self._headers
        try:
            payload = orjson.dumps(body)  # a fifth of json.dumps's time on a long prompt
            async with self._session.post(
                self.route.url, data=payload, headers=headers
            ) as response:
                raw = await response.read()
                status = response.status
                retry_after = _retry_after(response.headers.get("Retry-After"))
        except TimeoutError:
            raise RetryableError(
                "timeout", f"no answer within {self.settings.timeout:g} s"
            ) from None
        except (_aiohttp().ClientConnectionError, _aiohttp().ClientPayloadError) as err:
            raise RetryableError(
                "connection", self._redact(f"{type(err).__name__}: {err}")
            ) from None
        if status == 429:
            raise RetryableError("rate-limited", "HTTP 429", retry_after)
        if status >= 500:
            raise RetryableError("server-error", f"HTTP {status}", retry_after)
        if status >= 400:
            snippet = raw[:300].decode("utf-8", "replace")
            raise LLMError("client-error", self._redact(f"HTTP {status}: {snippet}"))
        try:
            data = orjson.loads(raw)
            text = data["choices"][0]["message"]["content"]
            usage = data.get("usage") or {}
        except (orjson.JSONDecodeError, ValueError, KeyError, IndexError, TypeError):
            raise RetryableError("malformed", "the answer is not a chat completion") from None
        return self._completion(messages, text, usage)

    async def _send_litellm(
        self, messages: list[dict[str, str]], *, seed: int, max_tokens: int
    ) -> Completion:
        litellm = import_litellm()
        extra: dict[str, Any] = {}
        if self.settings.api_base and self.route.provider in _DIRECT:
            # a local OpenAI-protocol server needs no key, but litellm's client wants one
            extra["api_key"] = os.environ.get(_DIRECT[self.route.provider]) or "no-key"
        try:
            response = await litellm.acompletion(
                model=self.route.model,
                messages=messages,
                api_base=self.settings.api_base,
                **extra,
                temperature=self.settings.temperature,
                max_tokens=max_tokens,
                seed=seed,
                timeout=self.settings.timeout,
                num_retries=0,
            )
        except Exception as err:
            raise self._litellm_error(litellm, err) from None
        try:
            text = response.choices[0].message.content
            usage = dict(response.usage or {})
        except (AttributeError, IndexError, TypeError):
            raise RetryableError("malformed", "the answer is not a chat completion") from None
        return self._completion(messages, text, usage)

    def _litellm_error(self, litellm: Any, err: Exception) -> LLMError:
        message = self._redact(f"{type(err).__name__}: {err}")[:300]
        headers = getattr(getattr(err, "response", None), "headers", None) or {}
        retry_after = _retry_after(headers.get("retry-after") if headers else None)
        table: list[tuple[str, str]] = [
            ("RateLimitError", "rate-limited"),
            ("Timeout", "timeout"),
            ("APIConnectionError", "connection"),
            ("InternalServerError", "server-error"),
            ("ServiceUnavailableError", "server-error"),
            ("BadGatewayError", "server-error"),
        ]
        for name, kind in table:
            if isinstance(err, getattr(litellm, name, ())):
                return RetryableError(kind, message, retry_after)
        status = getattr(err, "status_code", None)
        if isinstance(status, int) and (status == 429 or status >= 500):
            return RetryableError("server-error", message, retry_after)
        if isinstance(err, json.JSONDecodeError):
            return RetryableError("malformed", message)
        return LLMError("client-error", message)

    def _completion(
        self, messages: list[dict[str, str]], text: object, usage: dict[str, Any]
    ) -> Completion:
        if not isinstance(text, str) or not text.strip():
            raise RetryableError("empty", "the completion is empty")
        prompt_tokens = _int(usage.get("prompt_tokens")) or sum(
            estimate_tokens(m["content"]) for m in messages
        )
        completion_tokens = _int(usage.get("completion_tokens")) or estimate_tokens(text)
        cost = cost_of(self.settings.model, prompt_tokens, completion_tokens)
        return Completion(text, Usage(prompt_tokens, completion_tokens, cost, 1))

    def _redact(self, text: str) -> str:
        key = self.route.key
        return text.replace(key, "***") if key else text


def _int(value: object) -> int:
    return value if isinstance(value, int) and value > 0 else 0


__all__ = [
    "Budget",
    "BudgetExhausted",
    "ChatClient",
    "ClientSettings",
    "Completion",
    "LLMError",
    "RetryableError",
    "Usage",
    "estimate_tokens",
    "resolve_route",
]
