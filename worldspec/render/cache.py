"""A content-addressed cache of completions, on disk, shared across runs.

The key is a hash of everything that decides a completion: the model, the full
messages, the sampling parameters and the document's seed. Never the API base or
the key: a completion does not depend on where it was fetched, and keys stay out
of files. diskcache keeps the entries in SQLite, safe under concurrent writers
(several shards of one corpus may share a cache), with atomic writes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import orjson


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "worldspec" / "llm"


def completion_key(
    model: str, messages: list[dict[str, str]], params: dict[str, Any], seed: int
) -> str:
    payload = orjson.dumps(
        {"model": model, "messages": messages, "params": params, "seed": seed},
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(payload).hexdigest()


class CompletionCache:
    """get/put completions by key; a None directory is a cache that holds nothing."""

    def __init__(self, directory: Path | None) -> None:
        self._store: Any = None
        if directory is not None:
            import diskcache  # type: ignore[import-untyped]

            # no size limit: a corpus's completions are its most expensive part
            self._store = diskcache.Cache(str(directory), size_limit=2**62, eviction_policy="none")

    @property
    def enabled(self) -> bool:
        return self._store is not None

    def get(self, key: str) -> dict[str, Any] | None:
        if self._store is None:
            return None
        value = self._store.get(key)
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        if self._store is not None:
            self._store.set(key, value)

    # the LLM source awaits these: a cache in another process (a Ray cluster's, see
    # worldspec.corpus.cluster) answers over the network
    async def aget(self, key: str) -> dict[str, Any] | None:
        return self.get(key)

    async def aput(self, key: str, value: dict[str, Any]) -> None:
        self.put(key, value)

    def __len__(self) -> int:
        return len(self._store) if self._store is not None else 0

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
